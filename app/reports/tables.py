"""A report's table as plain data: typed columns with Chinese and English titles, raw cells.

The screen shows `Table.text_rows(lang)`; the exports (app.reports.export) write the raw
cells with the column's kind, so money stays integer fen until it is written as yuan.

Cell kinds:
  text      str (or app.i18n.Text, shown in the reader's language)
  int       int (counts, pieces)
  fen       int fen: ¥1,234.50 on screen, 1234.50 in CSV, a yuan number in Excel
  percent   Fraction or Decimal ratio (0.125 is 12.5%), or None when it cannot be worked out
  decimal   Decimal (kilograms, factors), shown as it is
  date      date
Any cell may be None (shown as "—", written empty).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Union

from app.i18n import Text
from app.money import Money, fmt_fen

Cell = Union[str, Text, int, Decimal, Fraction, date, None]  # noqa: UP007 - a runtime alias
KINDS = ("text", "int", "fen", "percent", "decimal", "date")
EMPTY = "—"


@dataclass(frozen=True, slots=True)
class Column:
    title: Text
    kind: str = "text"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column kind must be one of {KINDS}, not {self.kind!r}")

    @property
    def numeric(self) -> bool:
        return self.kind not in ("text", "date")


@dataclass(frozen=True, slots=True)
class Table:
    """One table of a report: what the screen lists and what an export writes."""

    name: str  # a file-safe name: sales_by_hour, shopping_list …
    title: Text
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: Text | None = None  # e.g. "commission is an estimate until the platform confirms it"
    totals: tuple[Cell, ...] | None = field(default=None)  # a last "total" row, if any

    def __post_init__(self) -> None:
        for row in (*self.rows, *((self.totals,) if self.totals else ())):
            if len(row) != len(self.columns):
                raise ValueError(f"table {self.name}: a row has {len(row)} cells for "
                                 f"{len(self.columns)} columns")

    def headers(self, lang: str = "zh_CN") -> list[str]:
        return [c.title.for_lang(lang) for c in self.columns]

    def all_rows(self) -> list[tuple[Cell, ...]]:
        return [*self.rows, *((self.totals,) if self.totals else ())]

    def text_rows(self, lang: str = "zh_CN") -> list[list[str]]:
        """Every row (the totals row last) as the screen shows it."""
        return [[format_cell(c.kind, v, lang) for c, v in zip(self.columns, row, strict=True)]
                for row in self.all_rows()]


def ratio_to_decimal(value: Fraction | Decimal, places: int = 4) -> Decimal:
    """A ratio as a Decimal rounded half up to `places` decimals (0.1235 = 12.35%)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def format_percent(value: Fraction | Decimal | None) -> str:
    if value is None:
        return EMPTY
    pct = ratio_to_decimal(value, 6) * 100
    return f"{pct.quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def format_cell(kind: str, value: Cell, lang: str = "zh_CN") -> str:
    """How a cell reads on screen (and in a PDF)."""
    if value is None:
        return EMPTY
    if isinstance(value, Text):
        return value.for_lang(lang)
    if kind == "fen" and isinstance(value, int):
        return fmt_fen(value)
    if kind == "percent" and isinstance(value, (Fraction, Decimal)):
        return format_percent(value)
    if kind == "int" and isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def plain_cell(kind: str, value: Cell, lang: str = "zh_CN") -> str:
    """How a cell is written to CSV: yuan without symbol or grouping, 12.5% as 12.5%."""
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.for_lang(lang)
    if kind == "fen" and isinstance(value, int):
        return Money(value).plain()
    if kind == "percent" and isinstance(value, (Fraction, Decimal)):
        return format_percent(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def grams_as_kg(grams: int) -> Decimal:
    """Grams as kilograms with three decimals (1250 -> 1.250)."""
    return (Decimal(grams) / 1000).quantize(Decimal("0.001"))


__all__ = [
    "EMPTY",
    "KINDS",
    "Cell",
    "Column",
    "Table",
    "format_cell",
    "format_percent",
    "grams_as_kg",
    "plain_cell",
    "ratio_to_decimal",
]
