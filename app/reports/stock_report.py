"""The shelf, for the owner: what is running low, what has stopped selling, and what to order
(with a shopping list to export).

Low stock: active products at or below their low-stock mark, or below zero. Stopped selling:
products that sold at least `min_sales` times in the last `lookback_days` but not once in the
last `quiet_days`, with what their stock cost. The reorder suggestion is app.reports.reorder's
model over the shop's own sales; every query groups by the indexed business day of sales or
by product.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.cart import gross_fen
from app.clock import BusinessCalendar, as_utc
from app.i18n import Text
from app.reports.holidays import holiday_eves
from app.reports.reorder import (
    DayPlan,
    ReorderInput,
    ReorderOptions,
    as_decimal,
    learn_weekday_factors,
    make_plan,
    suggest,
)
from app.reports.tables import Cell, Column, Table, grams_as_kg
from app.reports.words import WEEKDAYS, W, unit_name
from local_db.models import Product, ProductBarcode, Sale, SaleLine

QUIET_DAYS_DEFAULT = 14
LOOKBACK_DAYS = 90
MIN_SALES = 3


@dataclass(frozen=True, slots=True)
class StockProduct:
    product_id: int
    name: str
    barcode: str | None
    category: str
    unit: str  # piece or kg (qty in grams)
    stock: int
    low_stock_at: int
    cost_fen: int | None  # last cost, per piece or per kg


@dataclass(frozen=True, slots=True)
class ReorderLine:
    product: StockProduct
    sold_recent: int  # over the weeks learnt from
    per_day: Fraction  # on an average day
    forecast: Fraction  # over the cover days
    suggested: int  # pieces, or grams

    @property
    def days_left(self) -> Fraction | None:
        """Average days until the shelf is empty (None: it does not sell)."""
        if self.per_day <= 0:
            return None
        return max(Fraction(0), Fraction(self.product.stock) / self.per_day)

    @property
    def est_cost_fen(self) -> int | None:
        if self.product.cost_fen is None:
            return None
        return gross_fen(self.product.unit, self.suggested, self.product.cost_fen)


@dataclass(frozen=True, slots=True)
class StoppedLine:
    product: StockProduct
    last_sold: date
    days_quiet: int
    sold_before: int  # pieces or grams over the lookback
    sales_before: int  # how many sale lines had it

    @property
    def stock_value_fen(self) -> int | None:
        if self.product.cost_fen is None:
            return None
        return gross_fen(self.product.unit, max(0, self.product.stock), self.product.cost_fen)


@dataclass(frozen=True, slots=True)
class StockReport:
    today: date
    generated_at: datetime  # local time of the store
    options: ReorderOptions
    plan: DayPlan
    window: tuple[date, date]  # the days learnt from
    horizon: tuple[date, date]  # the days the order should cover
    eves_ahead: tuple[tuple[date, Text], ...]  # holiday eves within the horizon
    reorder: tuple[ReorderLine, ...]  # only products worth ordering, emptiest first
    low_stock: tuple[ReorderLine, ...]  # at or below the low-stock mark, emptiest first
    stopped: tuple[StoppedLine, ...]
    quiet_days: int

    @property
    def shopping_total_fen(self) -> int:
        return sum(x.est_cost_fen or 0 for x in self.reorder)

    def tables(self, lang: str = "zh_CN") -> list[Table]:
        return [self.shopping_list(), low_stock_table(self), stopped_table(self),
                factors_table(self)]

    def shopping_list(self) -> Table:
        return shopping_list_table(self)


# --- building it --------------------------------------------------------------------------


def build_stock_report(s: Session, *, calendar: BusinessCalendar, now: datetime,
                       options: ReorderOptions, quiet_days: int = QUIET_DAYS_DEFAULT
                       ) -> StockReport:
    today = calendar.business_day(now)
    window = (today - timedelta(days=7 * options.weeks), today - timedelta(days=1))
    horizon = (today + timedelta(days=1), today + timedelta(days=options.cover_days))
    in_window = Sale.business_day.between(*window)

    takings = {d: int(t) for d, t in s.execute(
        select(Sale.business_day, func.sum(Sale.total_fen)).where(in_window)
        .group_by(Sale.business_day)
    )}
    days = [window[0] + timedelta(days=i) for i in range((window[1] - window[0]).days + 1)]
    eves = options.eves()
    plan = make_plan(options, learn_weekday_factors(takings, days, eves))

    sold = {int(pid or 0): int(q) for pid, q in s.execute(
        select(SaleLine.product_id, func.sum(SaleLine.qty)).join(Sale, Sale.id == SaleLine.sale_id)
        .where(in_window, SaleLine.product_id.is_not(None)).group_by(SaleLine.product_id)
    )}
    low_ids = set(s.scalars(select(Product.id).where(
        Product.active.is_(True),
        or_(Product.stock_qty < 0,
            and_(Product.low_stock_at > 0, Product.stock_qty <= Product.low_stock_at)),
    )))
    stopped_rows = _stopped_rows(s, today, quiet_days)
    products, created = _products(s, sold.keys() | low_ids | stopped_rows.keys())

    lines: dict[int, ReorderLine] = {}
    memo: dict[tuple[date, date, bool], Fraction] = {}
    for pid in sold.keys() | low_ids:
        p = products.get(pid)
        if p is None:
            continue  # no longer sold
        first_day = max(window[0], calendar.business_day(as_utc(created[pid])))
        guess = suggest(
            ReorderInput(sold=sold.get(pid, 0), first_day=first_day, stock=p.stock,
                         low_stock_at=p.low_stock_at, unit=p.unit),
            plan=plan, window_last=window[1], horizon=horizon, memo=memo,
        )
        lines[pid] = ReorderLine(p, sold.get(pid, 0), guess.base_per_day, guess.forecast,
                                 guess.suggested)

    def emptiest(line: ReorderLine) -> tuple[bool, bool, Fraction, int, str]:
        """Out of stock first, then by the days the shelf lasts; what does not sell last."""
        left = line.days_left
        return (line.product.stock > 0, left is None, left or Fraction(0),
                line.product.stock - line.product.low_stock_at, line.product.name)

    stopped = []
    for pid, (last, qty, n) in stopped_rows.items():
        p = products.get(pid)
        if p is not None:
            stopped.append(StoppedLine(p, last, (today - last).days, qty, n))
    stopped.sort(key=lambda x: (-(x.stock_value_fen or 0), -x.days_quiet, x.product.name))
    ahead = holiday_eves(added=options.added_eves, removed=options.removed_eves)
    return StockReport(
        today=today,
        generated_at=calendar.local(now),
        options=options,
        plan=plan,
        window=window,
        horizon=horizon,
        eves_ahead=tuple(sorted((d, n) for d, n in ahead.items()
                                if horizon[0] <= d <= horizon[1])),
        reorder=tuple(sorted((x for x in lines.values() if x.suggested > 0), key=emptiest)),
        low_stock=tuple(sorted((lines[i] for i in low_ids if i in lines), key=emptiest)),
        stopped=tuple(stopped),
        quiet_days=quiet_days,
    )


def _stopped_rows(s: Session, today: date, quiet_days: int) -> dict[int, tuple[date, int, int]]:
    """product id -> (last business day sold, qty, sale lines) for products gone quiet."""
    since = today - timedelta(days=LOOKBACK_DAYS)
    quiet_from = today - timedelta(days=quiet_days)
    last = func.max(Sale.business_day)
    # A closed range (not ">= since") lets SQLite start from the business-day index instead
    # of walking every sale line in product order.
    rows = s.execute(
        select(SaleLine.product_id, last, func.sum(SaleLine.qty), func.count())
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(Sale.business_day.between(since, today), SaleLine.product_id.is_not(None))
        .group_by(SaleLine.product_id)
        .having(last < quiet_from)
    ).all()
    return {int(pid or 0): (day, int(q), int(n)) for pid, day, q, n in rows if n >= MIN_SALES}


def _products(s: Session, ids: set[int]) -> tuple[dict[int, StockProduct], dict[int, datetime]]:
    wanted = sorted(ids)
    products: dict[int, StockProduct] = {}
    created: dict[int, datetime] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        codes = dict(s.execute(
            select(ProductBarcode.product_id, func.min(ProductBarcode.barcode))
            .where(ProductBarcode.product_id.in_(chunk)).group_by(ProductBarcode.product_id)
        ).all())
        for pid, name, category, unit, stock, low, cost, made in s.execute(
            select(Product.id, Product.name, Product.category, Product.unit, Product.stock_qty,
                   Product.low_stock_at, Product.cost_fen, Product.created_at)
            .where(Product.id.in_(chunk), Product.active.is_(True))
        ):
            products[pid] = StockProduct(pid, name, codes.get(pid), category, unit, stock, low, cost)
            created[pid] = made
    return products, created


# --- its tables ---------------------------------------------------------------------------


def _qty(unit: str, qty: int) -> Cell:
    return grams_as_kg(qty) if unit == "kg" else qty


def _fraction_qty(unit: str, value: Fraction | None) -> Cell:
    if value is None:
        return None
    return as_decimal(value / 1000, 3) if unit == "kg" else as_decimal(value, 1)


def shopping_list_table(r: StockReport) -> Table:
    weeks, days = r.options.weeks, r.options.cover_days
    return Table(
        name="shopping_list",
        title=Text(f"进货清单（备 {days} 天）", f"Shopping list ({days} days)"),
        columns=(
            Column(W["product"]), Column(W["barcode"]), Column(W["category"]),
            Column(W["unit"]), Column(W["stock"], "decimal"),
            Column(Text(f"近{weeks}周销量", f"Sold in {weeks} weeks"), "decimal"),
            Column(W["per_day"], "decimal"),
            Column(Text(f"预计{days}天销量", f"Expected in {days} days"), "decimal"),
            Column(W["suggested"], "decimal"), Column(W["unit_cost"], "fen"),
            Column(W["order_cost"], "fen"),
        ),
        rows=tuple(
            (x.product.name, x.product.barcode, x.product.category, unit_name(x.product.unit),
             _qty(x.product.unit, x.product.stock), _qty(x.product.unit, x.sold_recent),
             _fraction_qty(x.product.unit, x.per_day), _fraction_qty(x.product.unit, x.forecast),
             _qty(x.product.unit, x.suggested), x.product.cost_fen, x.est_cost_fen)
            for x in r.reorder
        ),
        totals=(W["total"], None, None, None, None, None, None, None, None, None,
                r.shopping_total_fen),
        note=Text("建议进货 = 预计销量 + 预警线 - 现有库存；周末和节前按系数加量。",
                  "Suggested = expected sales + low-stock mark - stock; weekends and holiday "
                  "eves are bumped by their factors."),
    )


def low_stock_table(r: StockReport) -> Table:
    return Table(
        name="low_stock",
        title=Text("库存不足", "Low stock"),
        columns=(Column(W["product"]), Column(W["barcode"]), Column(W["unit"]),
                 Column(W["stock"], "decimal"), Column(W["low_mark"], "decimal"),
                 Column(W["per_day"], "decimal"), Column(W["days_left"], "decimal"),
                 Column(W["suggested"], "decimal")),
        rows=tuple(
            (x.product.name, x.product.barcode, unit_name(x.product.unit),
             _qty(x.product.unit, x.product.stock), _qty(x.product.unit, x.product.low_stock_at),
             _fraction_qty(x.product.unit, x.per_day),
             None if x.days_left is None else as_decimal(x.days_left, 1),
             _qty(x.product.unit, x.suggested))
            for x in r.low_stock
        ),
    )


def stopped_table(r: StockReport) -> Table:
    return Table(
        name="stopped_selling",
        title=Text(f"滞销商品（{r.quiet_days}天未售）", f"Stopped selling ({r.quiet_days} days)"),
        columns=(Column(W["product"]), Column(W["barcode"]), Column(W["unit"]),
                 Column(W["last_sold"], "date"), Column(W["days_quiet"], "int"),
                 Column(W["sold_before"], "decimal"), Column(W["stock"], "decimal"),
                 Column(W["stock_value"], "fen")),
        rows=tuple(
            (x.product.name, x.product.barcode, unit_name(x.product.unit), x.last_sold,
             x.days_quiet, _qty(x.product.unit, x.sold_before),
             _qty(x.product.unit, x.product.stock), x.stock_value_fen)
            for x in r.stopped
        ),
    )


def factors_table(r: StockReport) -> Table:
    """The weekday factors in use, beside what the shop's sales say."""
    rows: list[tuple[Cell, ...]] = [
        (WEEKDAYS[w], as_decimal(r.plan.learnt[w], 2), as_decimal(r.plan.weekday[w], 2))
        for w in range(7)
    ]
    rows.append((Text("节前", "Holiday eve"), None, as_decimal(r.plan.eve_factor, 2)))
    return Table(
        name="reorder_factors",
        title=Text("备货系数", "Reorder factors"),
        columns=(Column(W["weekday"]), Column(Text("按销售计算", "From sales"), "decimal"),
                 Column(Text("使用", "In use"), "decimal")),
        rows=tuple(rows),
    )


__all__ = [
    "LOOKBACK_DAYS",
    "MIN_SALES",
    "QUIET_DAYS_DEFAULT",
    "ReorderLine",
    "StockProduct",
    "StockReport",
    "StoppedLine",
    "build_stock_report",
    "low_stock_table",
    "shopping_list_table",
    "stopped_table",
]
