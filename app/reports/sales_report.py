"""How the counter did over a period: takings, sales, average sale, payment methods, hours of
the day, days, best sellers, refunds, discounts and gross margin.

Every figure is an SQL aggregate (GROUP BY over the indexed business day of sales and
refunds, their sale id and product id), so a year of sales comes back as a few thousand
grouped rows. Money stays integer fen throughout.

What the figures mean:
- sales_fen: what the period's sales took (their totals, after discounts and round-off);
  refunds_fen: what the period's refunds paid back (by the refund's own business day, as on
  the Z report); net_fen the difference.
- A product's takings are what customers paid for it: its line total with the sale's order
  discount and round-off shared over the lines in proportion (as refunds share them), less
  what this period's refunds paid back for it.
- Gross margin counts the lines whose cost was known when they were sold (a sale line keeps
  the product's cost of that moment).
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.orm import Session

from app.clock import BusinessCalendar
from app.i18n import Text
from app.reports.periods import HourBuckets, Period
from app.reports.tables import Cell, Column, Table, grams_as_kg
from app.reports.words import MARGIN_NOTE, TAKINGS_NOTE, WEEKDAYS, W, method_name, unit_name
from app.tender import PAYMENT_METHODS
from local_db.models import Payment, Product, Refund, RefundLine, Sale, SaleLine

TOP_DEFAULT = 10


@dataclass(frozen=True, slots=True)
class MethodFigures:
    method: str  # cash, wechat, alipay, card, other
    sales_fen: int
    refunds_fen: int

    @property
    def net_fen(self) -> int:
        return self.sales_fen - self.refunds_fen


@dataclass(frozen=True, slots=True)
class HourFigures:
    hour: int  # local hour of the store, 0-23
    sales_count: int
    sales_fen: int


@dataclass(frozen=True, slots=True)
class DayFigures:
    day: date
    sales_count: int
    sales_fen: int
    refunds_fen: int

    @property
    def net_fen(self) -> int:
        return self.sales_fen - self.refunds_fen


@dataclass(frozen=True, slots=True)
class ProductFigures:
    """One product's period: sold less refunded. qty: pieces, or grams for "kg"."""

    product_id: int | None  # None: an item keyed in by hand
    name: str
    unit: str
    sold_qty: int
    refunded_qty: int
    takings_fen: int  # paid for it, less refunds
    costed_takings_fen: int  # the part of takings_fen whose cost is known
    cost_fen: int | None  # cost of what was sold less refunded, where known

    @property
    def qty(self) -> int:
        return self.sold_qty - self.refunded_qty

    @property
    def margin_fen(self) -> int | None:
        return None if self.cost_fen is None else self.costed_takings_fen - self.cost_fen

    @property
    def margin_rate(self) -> Fraction | None:
        margin = self.margin_fen
        if margin is None or self.costed_takings_fen <= 0:
            return None
        return Fraction(margin, self.costed_takings_fen)


@dataclass(frozen=True, slots=True)
class MarginFigures:
    takings_fen: int  # takings of lines whose cost is known
    cost_fen: int
    all_takings_fen: int  # takings of every line, for the coverage

    @property
    def margin_fen(self) -> int:
        return self.takings_fen - self.cost_fen

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.margin_fen, self.takings_fen) if self.takings_fen > 0 else None

    @property
    def coverage(self) -> Fraction | None:
        """How much of the takings the margin speaks for (lines with a known cost)."""
        return Fraction(self.takings_fen, self.all_takings_fen) if self.all_takings_fen > 0 else None

    @property
    def known(self) -> bool:
        return self.takings_fen != 0 or self.cost_fen != 0


@dataclass(frozen=True, slots=True)
class SalesReport:
    period: Period
    generated_at: datetime  # local time of the store
    sales_count: int
    sales_fen: int
    refunds_count: int
    refunds_fen: int
    discounts_fen: int  # order and line discounts, price overrides below the shelf price
    rounding_fen: int  # 抹零, zero or negative
    by_method: tuple[MethodFigures, ...]
    by_hour: tuple[HourFigures, ...]  # all 24 hours
    by_day: tuple[DayFigures, ...]  # every day of the period
    top_by_qty: tuple[ProductFigures, ...]  # products sold by the piece, most pieces first
    top_by_takings: tuple[ProductFigures, ...]
    products_sold: int  # different products (and keyed-in items) sold
    margin: MarginFigures
    previous_sales_count: int  # the same length of time just before
    previous_sales_fen: int

    @property
    def net_fen(self) -> int:
        return self.sales_fen - self.refunds_fen

    @property
    def average_ticket_fen(self) -> int:
        """Sales total / number of sales, rounded half up (0 with no sales)."""
        if self.sales_count <= 0:
            return 0
        return (2 * self.sales_fen + self.sales_count) // (2 * self.sales_count)

    def busiest_hours(self) -> tuple[int, int]:
        """The local hours [first, last] worth charting: those with sales, at least 8-20."""
        hours = [h.hour for h in self.by_hour if h.sales_count]
        return (min([8, *hours]), max([20, *hours]))

    def tables(self, lang: str = "zh_CN") -> list[Table]:
        return sales_tables(self)


# --- building it --------------------------------------------------------------------------


def _gross(unit: Any, qty: Any, price: Any) -> ColumnElement[int]:
    """price × pieces, or price per kg × grams / 1000 rounded half up (as app.cart does)."""
    return case((unit == "kg", (qty * price + 500) // 1000), else_=qty * price)


def _key_name() -> ColumnElement[str]:
    """Keyed-in items have no product: they are told apart by name."""
    return case((SaleLine.product_id.is_(None), SaleLine.name), else_="")


def build_sales_report(s: Session, *, calendar: BusinessCalendar, period: Period, now: datetime,
                       top: int = TOP_DEFAULT) -> SalesReport:
    """The period's figures (read in the caller's session)."""
    in_period = Sale.business_day.between(period.first, period.last)
    refunds_in_period = Refund.business_day.between(period.first, period.last)

    count, total, order_discounts, rounding = s.execute(
        select(func.count(), func.coalesce(func.sum(Sale.total_fen), 0),
               func.coalesce(func.sum(Sale.discount_fen), 0),
               func.coalesce(func.sum(Sale.rounding_fen), 0)).where(in_period)
    ).one()
    refund_count, refund_total = s.execute(
        select(func.count(), func.coalesce(func.sum(Refund.amount_fen), 0)).where(refunds_in_period)
    ).one()

    paid = dict(s.execute(
        select(Payment.method, func.sum(Payment.amount_fen))
        .join(Sale, Sale.id == Payment.sale_id).where(in_period).group_by(Payment.method)
    ).all())
    paid_back = dict(s.execute(
        select(Refund.method, func.sum(Refund.amount_fen)).where(refunds_in_period)
        .group_by(Refund.method)
    ).all())
    methods = [m for m in PAYMENT_METHODS if m in paid or m in paid_back]
    methods += sorted((set(paid) | set(paid_back)) - set(methods))
    by_method = tuple(MethodFigures(m, int(paid.get(m, 0)), int(paid_back.get(m, 0)))
                      for m in methods)

    buckets = HourBuckets(calendar)
    bucket = buckets.expr(Sale.created_at)
    hours = {h: [0, 0] for h in range(24)}
    for key, n, fen in s.execute(
        select(bucket, func.count(), func.sum(Sale.total_fen)).where(in_period).group_by(bucket)
    ):
        _day, hour = buckets.place(key)
        hours[hour][0] += int(n)
        hours[hour][1] += int(fen)
    by_hour = tuple(HourFigures(h, n, fen) for h, (n, fen) in hours.items())

    days: dict[date, list[int]] = {d: [0, 0, 0] for d in period.each_day()}
    for day, n, fen in s.execute(
        select(Sale.business_day, func.count(), func.sum(Sale.total_fen)).where(in_period)
        .group_by(Sale.business_day)
    ):
        days[day][0], days[day][1] = int(n), int(fen)
    for day, fen in s.execute(
        select(Refund.business_day, func.sum(Refund.amount_fen)).where(refunds_in_period)
        .group_by(Refund.business_day)
    ):
        days[day][2] = int(fen)
    by_day = tuple(DayFigures(d, *v) for d, v in days.items())

    products, line_reductions = _product_figures(s, in_period, refunds_in_period)
    by_pieces = heapq.nsmallest(top, (p for p in products if p.unit == "piece" and p.qty > 0),
                                key=lambda p: (-p.qty, -p.takings_fen, p.name))
    by_takings = heapq.nsmallest(top, (p for p in products if p.takings_fen > 0),
                                 key=lambda p: (-p.takings_fen, -p.qty, p.name))
    names = _current_names(s, {p.product_id for p in (*by_pieces, *by_takings)
                               if p.product_id is not None})
    by_pieces = [_renamed(p, names) for p in by_pieces]
    by_takings = [_renamed(p, names) for p in by_takings]
    margin = MarginFigures(
        takings_fen=sum(p.costed_takings_fen for p in products),
        cost_fen=sum(p.cost_fen or 0 for p in products),
        all_takings_fen=sum(p.takings_fen for p in products),
    )

    before = period.previous()
    prev_count, prev_total = s.execute(
        select(func.count(), func.coalesce(func.sum(Sale.total_fen), 0))
        .where(Sale.business_day.between(before.first, before.last))
    ).one()

    return SalesReport(
        period=period,
        generated_at=calendar.local(now),
        sales_count=int(count),
        sales_fen=int(total),
        refunds_count=int(refund_count),
        refunds_fen=int(refund_total),
        discounts_fen=int(order_discounts) + line_reductions,
        rounding_fen=int(rounding),
        by_method=by_method,
        by_hour=by_hour,
        by_day=by_day,
        top_by_qty=tuple(by_pieces),
        top_by_takings=tuple(by_takings),
        products_sold=sum(1 for p in products if p.sold_qty > 0),
        margin=margin,
        previous_sales_count=int(prev_count),
        previous_sales_fen=int(prev_total),
    )


def _product_figures(s: Session, in_period: ColumnElement[bool],
                     refunds_in_period: ColumnElement[bool]) -> tuple[list[ProductFigures], int]:
    """Every product sold or refunded in the period (named as sold: the few shown are
    renamed afterwards), and the line discounts and overrides below the shelf price, all from
    one pass over the period's sale lines."""
    share = case(
        (Sale.subtotal_fen > 0, (SaleLine.line_total_fen * Sale.total_fen) // Sale.subtotal_fen),
        else_=0,
    )
    below_list = case(
        (SaleLine.unit_price_fen < SaleLine.list_price_fen,
         _gross(SaleLine.unit, SaleLine.qty, SaleLine.list_price_fen)
         - SaleLine.line_total_fen - SaleLine.discount_fen),
        else_=0,
    )
    known = SaleLine.cost_fen.is_not(None)
    sold_cost = _gross(SaleLine.unit, SaleLine.qty, SaleLine.cost_fen)
    key = _key_name()
    sold = s.execute(
        select(SaleLine.product_id, key, func.max(SaleLine.name), func.max(SaleLine.unit),
               func.sum(SaleLine.qty), func.sum(share),
               func.sum(case((known, share), else_=0)), func.sum(case((known, sold_cost))),
               func.sum(SaleLine.discount_fen + below_list))
        .join(Sale, Sale.id == SaleLine.sale_id).where(in_period)
        .group_by(SaleLine.product_id, key)
    ).all()
    back_cost = _gross(SaleLine.unit, RefundLine.qty, SaleLine.cost_fen)
    refunded = s.execute(
        select(SaleLine.product_id, key, func.max(SaleLine.name), func.max(SaleLine.unit),
               func.sum(RefundLine.qty), func.sum(RefundLine.amount_fen),
               func.sum(case((known, RefundLine.amount_fen), else_=0)),
               func.sum(case((known, back_cost))), literal(0))
        .join(SaleLine, SaleLine.id == RefundLine.sale_line_id)
        .join(Refund, Refund.id == RefundLine.refund_id).where(refunds_in_period)
        .group_by(SaleLine.product_id, key)
    ).all()

    merged: dict[tuple[int | None, str], list[Any]] = {}
    reductions = 0
    for rows, sign in ((sold, 1), (refunded, -1)):
        for product_id, key_name, name, unit, qty, takings, costed, cost, given in rows:
            reductions += int(given or 0)
            entry = merged.get((product_id, key_name))
            if entry is None:
                entry = merged[(product_id, key_name)] = [name, unit, 0, 0, 0, 0, None]
            entry[2 if sign > 0 else 3] += int(qty or 0)
            entry[4] += sign * int(takings or 0)
            entry[5] += sign * int(costed or 0)
            if cost is not None:
                entry[6] = (entry[6] or 0) + sign * int(cost)
    figures = [
        ProductFigures(pid, name, unit, sold_qty, back_qty, takings, costed, cost)
        for (pid, _k), (name, unit, sold_qty, back_qty, takings, costed, cost) in merged.items()
    ]
    return figures, reductions


def _current_names(s: Session, ids: set[int]) -> dict[int, str]:
    wanted = sorted(ids)
    out: dict[int, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        out.update(s.execute(select(Product.id, Product.name).where(Product.id.in_(chunk))).all())
    return out


def _renamed(p: ProductFigures, names: dict[int, str]) -> ProductFigures:
    """A product under its name today (a sale line keeps the name it was sold under)."""
    if p.product_id is None or p.product_id not in names:
        return p
    return replace(p, name=names[p.product_id])


# --- its tables ---------------------------------------------------------------------------


def qty_cell(unit: str, qty: int) -> Cell:
    """Pieces as they are; grams as kilograms with three decimals."""
    return grams_as_kg(qty) if unit == "kg" else qty


def hour_label(hour: int) -> str:
    return f"{hour:02d}:00-{(hour + 1) % 24:02d}:00"


def sales_tables(r: SalesReport) -> list[Table]:
    m = r.margin
    summary = Table(
        name="sales_summary",
        title=Text("销售概况", "Sales summary"),
        columns=(
            Column(Text("期间", "Period")), Column(W["takings"], "fen"), Column(W["count"], "int"),
            Column(W["average_ticket"], "fen"), Column(Text("退款笔数", "Refunds"), "int"),
            Column(W["refunds"], "fen"), Column(W["net"], "fen"), Column(W["discounts"], "fen"),
            Column(W["rounding"], "fen"), Column(W["margin"], "fen"),
            Column(W["margin_rate"], "percent"),
        ),
        rows=((
            f"{r.period.first.isoformat()} ~ {r.period.last.isoformat()}", r.sales_fen,
            r.sales_count, r.average_ticket_fen, r.refunds_count, r.refunds_fen, r.net_fen,
            r.discounts_fen, r.rounding_fen, m.margin_fen if m.known else None,
            m.rate if m.known else None,
        ),),
        note=MARGIN_NOTE,
    )
    methods = Table(
        name="sales_by_method",
        title=Text("按支付方式", "By payment method"),
        columns=(Column(W["method"]), Column(W["sales"], "fen"), Column(W["refunds"], "fen"),
                 Column(W["net"], "fen")),
        rows=tuple((method_name(x.method), x.sales_fen, x.refunds_fen, x.net_fen)
                   for x in r.by_method),
        totals=(W["total"], sum(x.sales_fen for x in r.by_method),
                sum(x.refunds_fen for x in r.by_method), sum(x.net_fen for x in r.by_method)),
    )
    first, last = r.busiest_hours()
    hours = Table(
        name="sales_by_hour",
        title=Text("按时段", "By hour of the day"),
        columns=(Column(W["hour"]), Column(W["count"], "int"), Column(W["sales"], "fen")),
        rows=tuple((hour_label(h.hour), h.sales_count, h.sales_fen) for h in r.by_hour
                   if first <= h.hour <= last or h.sales_count),
        totals=(W["total"], r.sales_count, r.sales_fen),
    )
    days = Table(
        name="sales_by_day",
        title=Text("按营业日", "By business day"),
        columns=(Column(W["day"], "date"), Column(W["weekday"]), Column(W["count"], "int"),
                 Column(W["sales"], "fen"), Column(W["refunds"], "fen"), Column(W["net"], "fen")),
        rows=tuple((d.day, WEEKDAYS[d.day.weekday()], d.sales_count, d.sales_fen, d.refunds_fen,
                    d.net_fen) for d in r.by_day),
        totals=(None, W["total"], r.sales_count, r.sales_fen, r.refunds_fen, r.net_fen),
    )
    by_qty = Table(
        name="top_products_by_qty",
        title=Text("畅销商品（按件数）", "Best sellers by pieces"),
        columns=(Column(W["product"]), Column(W["qty_net"], "int"), Column(W["takings"], "fen"),
                 Column(Text("退货件数", "Returned"), "int")),
        rows=tuple((p.name, p.qty, p.takings_fen, p.refunded_qty) for p in r.top_by_qty),
    )
    by_takings = Table(
        name="top_products_by_takings",
        title=Text("畅销商品（按销售额）", "Best sellers by takings"),
        columns=(Column(W["product"]), Column(W["unit"]), Column(W["qty_net"], "decimal"),
                 Column(W["takings"], "fen"), Column(W["cost"], "fen"), Column(W["margin"], "fen"),
                 Column(W["margin_rate"], "percent")),
        rows=tuple((p.name, unit_name(p.unit), _decimal_qty(p.unit, p.qty), p.takings_fen,
                    p.cost_fen, p.margin_fen, p.margin_rate) for p in r.top_by_takings),
        note=TAKINGS_NOTE,
    )
    return [summary, methods, hours, days, by_qty, by_takings]


def _decimal_qty(unit: str, qty: int) -> Cell:
    return grams_as_kg(qty) if unit == "kg" else Decimal(qty)


__all__ = [
    "TOP_DEFAULT",
    "DayFigures",
    "HourFigures",
    "MarginFigures",
    "MethodFigures",
    "ProductFigures",
    "SalesReport",
    "build_sales_report",
    "hour_label",
    "qty_cell",
    "sales_tables",
]
