"""Reports and insight for the owner and the leader: sales, group-buying and stock by the
store's business day, their exports (CSV, Excel) and the printable day summary.

The Reports screen uses `ReportService`; each report is a plain dataclass with `.tables()`
for the screen's "show the numbers" and for the exports.
"""
from __future__ import annotations

from app.reports.day_summary_pdf import DaySummary, build_day_summary_pdf
from app.reports.export import EXPORT_FORMATS, csv_text, default_file_name, write_csv, write_xlsx
from app.reports.groupbuy_report import (
    CampaignFigures,
    GroupBuyReport,
    PickupDay,
    commission_fen,
)
from app.reports.periods import KIND_NAMES, PERIOD_KINDS, Period, make_period
from app.reports.reorder import ReorderOptions
from app.reports.sales_report import (
    DayFigures,
    HourFigures,
    MarginFigures,
    MethodFigures,
    ProductFigures,
    SalesReport,
)
from app.reports.service import ReportService
from app.reports.stock_report import ReorderLine, StockProduct, StockReport, StoppedLine
from app.reports.tables import Column, Table, format_cell

__all__ = [
    "EXPORT_FORMATS",
    "KIND_NAMES",
    "PERIOD_KINDS",
    "CampaignFigures",
    "Column",
    "DayFigures",
    "DaySummary",
    "GroupBuyReport",
    "HourFigures",
    "MarginFigures",
    "MethodFigures",
    "Period",
    "PickupDay",
    "ProductFigures",
    "ReorderLine",
    "ReorderOptions",
    "ReportService",
    "SalesReport",
    "StockProduct",
    "StockReport",
    "StoppedLine",
    "Table",
    "build_day_summary_pdf",
    "commission_fen",
    "csv_text",
    "default_file_name",
    "format_cell",
    "make_period",
    "write_csv",
    "write_xlsx",
]
