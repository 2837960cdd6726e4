"""ReportService: what the Reports screen calls. Every method is one read-only unit of work
and returns plain dataclasses; nothing here loads rows one by one.

    reports = ReportService(db, clock, calendar, settings, data_dir=data_dir)
    period = reports.period("today")                 # or "week", "month", ("range", first, last)
    sales = reports.sales(period)                    # SalesReport
    group = reports.group_buy(period, waiting_days=3)   # GroupBuyReport
    stock = reports.stock()                          # StockReport (the saved reorder options)
    pdf = reports.day_summary_pdf()                  # today's summary, A4, bytes
    reports.export(sales.tables(), path, "xlsx")     # or one table to "csv"

The screen runs these off the GUI thread (a year of data takes a moment).
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from app.actors import CLERK, Actor, require_any_role
from app.clock import BusinessCalendar, Clock
from app.reports.day_summary_pdf import DaySummary, build_day_summary_pdf
from app.reports.export import EXPORT_FORMATS, write_csv, write_xlsx
from app.reports.groupbuy_report import WAITING_DAYS_DEFAULT, GroupBuyReport, build_groupbuy_report
from app.reports.periods import Period, make_period
from app.reports.reorder import OPTIONS_FILE, ReorderOptions, load_options, save_options
from app.reports.sales_report import TOP_DEFAULT, SalesReport, build_sales_report
from app.reports.stock_report import QUIET_DAYS_DEFAULT, StockReport, build_stock_report
from app.reports.tables import Table
from app.settings import Settings
from local_db.engine import Database

log = logging.getLogger(__name__)


class ReportService:
    """Sales, group-buying and stock reports by the store's business day, and their exports."""

    def __init__(self, db: Database, clock: Clock, calendar: BusinessCalendar,
                 settings: Settings, *, data_dir: Path | None = None) -> None:
        self._db = db
        self._clock = clock
        self._calendar = calendar
        self._settings = settings
        self._options_path = data_dir / OPTIONS_FILE if data_dir is not None else None
        self._options: ReorderOptions | None = None

    # --- periods ------------------------------------------------------------------------

    def today(self) -> date:
        """The current business day."""
        return self._calendar.business_day(self._clock.now())

    def period(self, kind: str, first: date | None = None, last: date | None = None) -> Period:
        """today / week / month, or a range of business days (refused with a message if odd)."""
        return make_period(kind, today=self.today(), first=first, last=last)

    # --- reports ------------------------------------------------------------------------

    def sales(self, period: Period, *, top: int = TOP_DEFAULT) -> SalesReport:
        """Takings, sales, average sale, payment methods, hours, days, best sellers, refunds,
        discounts and gross margin of the period."""
        with self._db.read() as uow:
            return build_sales_report(uow.session, calendar=self._calendar, period=period,
                                      now=self._clock.now(), top=top)

    def group_buy(self, period: Period, *, waiting_days: int = WAITING_DAYS_DEFAULT
                  ) -> GroupBuyReport:
        """Per campaign: orders, items, handed out, waiting, short, commission (estimate); the
        pickup rate day by day; orders waiting at least `waiting_days` days."""
        with self._db.read() as uow:
            return build_groupbuy_report(uow.session, calendar=self._calendar, period=period,
                                         now=self._clock.now(), waiting_days=waiting_days)

    def stock(self, *, options: ReorderOptions | None = None,
              quiet_days: int = QUIET_DAYS_DEFAULT) -> StockReport:
        """Low stock, products gone quiet, and what to order (with the saved options unless
        others are given, e.g. while the owner tries a factor)."""
        chosen = options or self.reorder_options()
        with self._db.read() as uow:
            return build_stock_report(uow.session, calendar=self._calendar,
                                      now=self._clock.now(), options=chosen,
                                      quiet_days=quiet_days)

    def day_summary(self, day: date | None = None) -> DaySummary:
        """A business day's figures for the printable summary (today by default)."""
        today = self.today()
        day = day or today
        period = (make_period("today", today=today) if day == today
                  else make_period("range", today=today, first=day, last=day))
        stock = self.stock()
        return DaySummary(
            shop_name=self._settings.shop_name,
            sales=self.sales(period, top=6),
            groupbuy=self.group_buy(period),
            low_stock=stock.low_stock,
            generated_at=self._calendar.local(self._clock.now()),
        )

    def day_summary_pdf(self, day: date | None = None, *, lang: str | None = None) -> bytes:
        """The day's summary as a one-page A4 PDF with the embedded CJK font."""
        return build_day_summary_pdf(self.day_summary(day), lang=lang or self._settings.language)

    # --- the reorder knobs ----------------------------------------------------------------

    def reorder_options(self) -> ReorderOptions:
        if self._options is None:
            self._options = load_options(self._options_path)
        return self._options

    def save_reorder_options(self, options: ReorderOptions, *, actor: Actor) -> ReorderOptions:
        """Keep the owner's factors and eves for the next suggestions (owner or clerk)."""
        require_any_role(actor, CLERK)
        if self._options_path is not None:
            save_options(self._options_path, options)
        self._options = options
        log.info("reorder options changed by staff %s", actor.staff_no)
        return options

    # --- exports ------------------------------------------------------------------------

    def export(self, tables: Sequence[Table], path: Path | str, fmt: str, *,
               lang: str | None = None) -> Path:
        """CSV (one table, UTF-8 with BOM) or Excel (a sheet per table) at `path`."""
        lang = lang or self._settings.language
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"export format must be one of {EXPORT_FORMATS}")
        if fmt == "csv":
            if len(tables) != 1:
                raise ValueError("a CSV file holds one table")
            return write_csv(tables[0], path, lang)
        return write_xlsx(tables, path, lang, title=self._settings.shop_name)


__all__ = ["ReportService"]
