"""What to order (进货建议): each product's expected sales over the coming days, from what it
sold over recent weeks, with the store's weekday pattern and holiday-eve bumps.

The model, in words an owner can check:
1. Weekday factors: how busy each weekday is for the whole shop, from its takings per
   business day over the last `weeks` weeks (a Saturday twice as busy as the average day has
   factor 2). Holiday eves are left out of this, and days with no sales count as quiet days.
   The owner may overrule any factor. With fewer than two weeks of trading every factor is 1.
2. A day's factor is its weekday factor, times `holiday_eve_factor` on a holiday eve.
3. A product's base rate: what it sold over those weeks / the sum of the learnt factors of
   those days (counted from the day it was added, if that is later), i.e. its sales on an
   average day.
4. Expected sales: base rate × the sum of the factors in use (the owner's where set) of the
   next `cover_days` days, starting tomorrow.
5. Suggested order: expected sales + its low-stock mark - stock now, rounded up (pieces, or
   100 g for goods sold by weight); nothing when stock already covers it.

Factors are exact fractions, so a known pattern gives a known answer (10 a day, 20 on
Saturdays: 80 for a week).
"""
from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from app.errors import UserFacingError
from app.reports.holidays import holiday_eves
from app.reports.tables import ratio_to_decimal

log = logging.getLogger(__name__)

OPTIONS_FILE = "reports_reorder.json"
MAX_FACTOR = Fraction(10)
MIN_SALE_DAYS = 14
GRAM_STEP = 100


@dataclass(frozen=True, slots=True)
class ReorderOptions:
    """The owner's knobs for the suggestion (kept in the data folder)."""

    weeks: int = 4
    """Weeks of sales the suggestion learns from."""
    cover_days: int = 7
    """The order should last this many days, from tomorrow."""
    weekday_factors: tuple[Fraction | None, ...] = (None,) * 7
    """Monday..Sunday; None: learnt from the shop's own sales."""
    holiday_eve_factor: Fraction = Fraction(3, 2)
    """How much busier the day before a public holiday is."""
    added_eves: tuple[date, ...] = ()
    removed_eves: tuple[date, ...] = ()

    def __post_init__(self) -> None:
        if not 1 <= self.weeks <= 26:
            raise UserFacingError("参考周数应在 1 到 26 之间", "Use 1 to 26 weeks of sales",
                                  code="bad_reorder")
        if not 1 <= self.cover_days <= 60:
            raise UserFacingError("备货天数应在 1 到 60 之间", "Cover 1 to 60 days",
                                  code="bad_reorder")
        if len(self.weekday_factors) != 7:
            raise ValueError("weekday_factors has one entry per weekday, Monday first")
        for f in (*[x for x in self.weekday_factors if x is not None], self.holiday_eve_factor):
            if not 0 <= f <= MAX_FACTOR:
                raise UserFacingError("系数应在 0 到 10 之间", "A factor is between 0 and 10",
                                      code="bad_reorder")

    def eves(self) -> set[date]:
        return set(holiday_eves(added=self.added_eves, removed=self.removed_eves))

    def with_factor(self, weekday: int, factor: Fraction | None) -> ReorderOptions:
        factors = list(self.weekday_factors)
        factors[weekday] = factor
        return replace(self, weekday_factors=tuple(factors))

    # --- kept as JSON ------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "weeks": self.weeks,
            "cover_days": self.cover_days,
            "weekday_factors": [None if f is None else str(f) for f in self.weekday_factors],
            "holiday_eve_factor": str(self.holiday_eve_factor),
            "added_eves": [d.isoformat() for d in self.added_eves],
            "removed_eves": [d.isoformat() for d in self.removed_eves],
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ReorderOptions:
        default = cls()
        return cls(
            weeks=int(raw.get("weeks", default.weeks)),
            cover_days=int(raw.get("cover_days", default.cover_days)),
            weekday_factors=tuple(None if f is None else Fraction(str(f))
                                  for f in raw.get("weekday_factors", default.weekday_factors)),
            holiday_eve_factor=Fraction(str(raw.get("holiday_eve_factor",
                                                    default.holiday_eve_factor))),
            added_eves=tuple(date.fromisoformat(d) for d in raw.get("added_eves", ())),
            removed_eves=tuple(date.fromisoformat(d) for d in raw.get("removed_eves", ())),
        )


def load_options(path: Path | None) -> ReorderOptions:
    """The saved options, or the defaults (a damaged file is logged and ignored)."""
    if path is None or not path.exists():
        return ReorderOptions()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise TypeError("not a JSON object")
        return ReorderOptions.from_json(raw)
    except (OSError, ValueError, TypeError, OverflowError, RecursionError, UserFacingError) as exc:
        log.warning("reorder options unreadable, using the defaults: %s", exc)
        return ReorderOptions()


def save_options(path: Path, options: ReorderOptions) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(options.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)


# --- the model ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DayPlan:
    """The factors in use for a stretch of days."""

    weekday: tuple[Fraction, ...]  # Monday..Sunday, as used (learnt or the owner's)
    learnt: tuple[Fraction, ...]  # what the shop's own sales say
    eve_factor: Fraction
    eves: frozenset[date]

    def factor(self, day: date, *, past: bool = False) -> Fraction:
        """The day's factor: for a past day as the shop's sales showed it, for a coming day
        as the owner expects it (their own factor where they set one)."""
        f = (self.learnt if past else self.weekday)[day.weekday()]
        return f * self.eve_factor if day in self.eves else f

    def total(self, first: date, last: date, *, past: bool = False) -> Fraction:
        """Sum of the day factors of first..last (0 when last < first)."""
        out = Fraction(0)
        day = first
        while day <= last:
            out += self.factor(day, past=past)
            day += timedelta(days=1)
        return out


def learn_weekday_factors(takings_by_day: Mapping[date, int], days: Sequence[date],
                          eves: set[date]) -> tuple[Fraction, ...]:
    """Each weekday's average takings over `days` (eves left out) / the mean of the seven.

    All ones when there is too little to learn from (fewer than MIN_SALE_DAYS days with
    sales): a shop's first fortnight says nothing about its Saturdays yet.
    """
    if sum(1 for day in days if takings_by_day.get(day, 0) > 0) < MIN_SALE_DAYS:
        return (Fraction(1),) * 7
    sums = [0] * 7
    counts = [0] * 7
    for day in days:
        if day in eves:
            continue
        sums[day.weekday()] += takings_by_day.get(day, 0)
        counts[day.weekday()] += 1
    averages = [Fraction(sums[w], counts[w]) if counts[w] else None for w in range(7)]
    known = [a for a in averages if a is not None]
    mean = sum(known, Fraction(0)) / len(known) if known else Fraction(0)
    if mean <= 0:
        return (Fraction(1),) * 7
    return tuple(Fraction(1) if a is None else a / mean for a in averages)


def make_plan(options: ReorderOptions, learnt: tuple[Fraction, ...]) -> DayPlan:
    used = tuple(mine if mine is not None else auto
                 for mine, auto in zip(options.weekday_factors, learnt, strict=True))
    return DayPlan(weekday=used, learnt=learnt, eve_factor=options.holiday_eve_factor,
                   eves=frozenset(options.eves()))


@dataclass(frozen=True, slots=True)
class Suggestion:
    base_per_day: Fraction  # sales on an average day (pieces or grams)
    forecast: Fraction  # expected over the cover days
    suggested: int  # pieces or grams to order (0: enough in stock)


@dataclass(frozen=True, slots=True)
class ReorderInput:
    """One product's facts for the model (qty in pieces, or grams for kg)."""

    sold: int  # over the weeks learnt from
    first_day: date  # first business day it could sell in that stretch
    stock: int
    low_stock_at: int
    unit: str
    extra: dict[str, Any] = field(default_factory=dict)


def suggest(item: ReorderInput, *, plan: DayPlan, window_last: date, horizon: tuple[date, date],
            memo: dict[tuple[date, date, bool], Fraction] | None = None) -> Suggestion:
    """The suggestion for one product; `memo` keeps the factor sums between products."""
    memo = {} if memo is None else memo

    def total(first: date, last: date, past: bool) -> Fraction:
        key = (first, last, past)
        if key not in memo:
            memo[key] = plan.total(first, last, past=past)
        return memo[key]

    weight = total(item.first_day, window_last, True)
    base = Fraction(item.sold) / weight if weight > 0 and item.sold > 0 else Fraction(0)
    forecast = base * total(*horizon, False)
    need = forecast + item.low_stock_at - item.stock
    if need <= 0:
        return Suggestion(base, forecast, 0)
    step = GRAM_STEP if item.unit == "kg" else 1
    return Suggestion(base, forecast, math.ceil(need / step) * step)


def as_decimal(value: Fraction, places: int = 1) -> Decimal:
    """A quantity for showing (not money): rounded half up to `places` decimals."""
    return ratio_to_decimal(value, places)


__all__ = [
    "OPTIONS_FILE",
    "DayPlan",
    "ReorderInput",
    "ReorderOptions",
    "Suggestion",
    "as_decimal",
    "learn_weekday_factors",
    "load_options",
    "make_plan",
    "save_options",
    "suggest",
]
