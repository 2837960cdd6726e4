"""Every report table to CSV (UTF-8 with a BOM, so Excel on Windows reads the Chinese) and to
Excel (openpyxl: one sheet per table, Chinese headings, money as yuan numbers with a ¥
format, percentages as percentages).

Money stays integer fen until the moment it is written: CSV gets 1234.50 (Money.plain), a
spreadsheet cell gets the exact Decimal 1234.5 shown as ¥1,234.50.
"""
from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from app.errors import UserFacingError
from app.i18n import Text
from app.reports.tables import Cell, Table, plain_cell, ratio_to_decimal

EXPORT_FORMATS = ("csv", "xlsx")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
YUAN_FORMAT = '"¥"#,##0.00;-"¥"#,##0.00'
PERCENT_FORMAT = "0.0%"


def csv_text(table: Table, lang: str = "zh_CN") -> str:
    """The table as CSV text (without the BOM): a heading row, then every row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.headers(lang))
    for row in table.all_rows():
        writer.writerow([plain_cell(c.kind, v, lang)
                         for c, v in zip(table.columns, row, strict=True)])
    return out.getvalue()


def write_csv(table: Table, path: Path | str, lang: str = "zh_CN") -> Path:
    """Write `table` as UTF-8 CSV with a BOM; returns the path."""
    path = Path(path)
    _write(path, csv_text(table, lang).encode("utf-8-sig"))
    return path


def write_xlsx(tables: Sequence[Table], path: Path | str, lang: str = "zh_CN", *,
               title: str = "") -> Path:
    """Write the tables to one workbook, a sheet each (in order); returns the path."""
    if not tables:
        raise ValueError("nothing to export")
    path = Path(path)
    _write(path, xlsx_bytes(tables, lang, title=title))
    return path


def xlsx_bytes(tables: Sequence[Table], lang: str = "zh_CN", *, title: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    if title:
        book.properties.title = title
    book.properties.creator = "Corner Station"
    used: set[str] = set()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFE8EDF3")
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.title.for_lang(lang), used))
        sheet.append(table.headers(lang))
        for cell in sheet[1]:
            cell.font = bold
            cell.fill = fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        widths = [_text_width(h) for h in table.headers(lang)]
        for r, row in enumerate(table.all_rows(), start=2):
            is_total = table.totals is not None and r == len(table.all_rows()) + 1
            for c, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
                cell = sheet.cell(row=r, column=c, value=_xlsx_value(column.kind, value, lang))
                if column.kind == "fen":
                    cell.number_format = YUAN_FORMAT
                elif column.kind == "percent":
                    cell.number_format = PERCENT_FORMAT
                elif column.kind == "date":
                    cell.number_format = "yyyy-mm-dd"
                if is_total:
                    cell.font = bold
                widths[c - 1] = max(widths[c - 1], _text_width(plain_cell(column.kind, value, lang)))
        if table.note is not None:
            sheet.cell(row=len(table.all_rows()) + 3, column=1, value=table.note.for_lang(lang))
        for c, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 8), 48)
        sheet.freeze_panes = "A2"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def default_file_name(table_or_name: Table | str, fmt: str, *, day: date | None = None) -> str:
    """A file name for an export or a document: 进货清单-2026-11-25.xlsx (the Chinese title,
    nothing a file system refuses)."""
    if fmt not in (*EXPORT_FORMATS, "pdf"):
        raise ValueError(f"file format must be one of {EXPORT_FORMATS} or pdf")
    name = table_or_name.title.zh if isinstance(table_or_name, Table) else table_or_name
    name = re.sub(r"[\\/:*?\"<>|\s（）()]+", "-", name).strip("-") or "report"
    stamp = f"-{day.isoformat()}" if day else ""
    return f"{name}{stamp}.{fmt}"


# --- inside ---------------------------------------------------------------------------------


def _xlsx_value(kind: str, value: Cell, lang: str) -> Any:
    if value is None:
        return None
    if isinstance(value, Text):
        return value.for_lang(lang)
    if kind == "fen" and isinstance(value, int):
        return Decimal(value) / 100
    if isinstance(value, Fraction):
        return ratio_to_decimal(value, 4 if kind == "percent" else 3)
    if kind == "percent" and isinstance(value, Decimal):
        return value
    if isinstance(value, (datetime, date, int, Decimal)):
        return value
    return str(value)


def _sheet_name(title: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub("-", title)[:28] or "Sheet"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:26]}-{n}", n + 1
    used.add(name)
    return name


def _text_width(text: str) -> int:
    """Columns a text needs in Excel: a Chinese character is about two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary file, so a failed export never leaves half a file."""
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # an unusable folder has nothing to clean up
            tmp.unlink(missing_ok=True)
        raise UserFacingError(
            f"无法保存文件 {path.name}：{exc.strerror or exc}。请换个文件夹或关闭正在打开它的程序。",
            f"Could not save {path.name}: {exc.strerror or exc}. Choose another folder or close "
            "the program that has it open.",
            code="export_failed",
        ) from exc


__all__ = [
    "EXPORT_FORMATS",
    "PERCENT_FORMAT",
    "YUAN_FORMAT",
    "csv_text",
    "default_file_name",
    "write_csv",
    "write_xlsx",
    "xlsx_bytes",
]
