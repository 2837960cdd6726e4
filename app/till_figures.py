"""The till's figures over a stretch of a cash session: the whole day (X/Z) or one shift.

Takings by payment method and by clerk, refunds, what was given away (discounts and overrides
below the shelf price), cash rounding, cash in and out. Reads only; the till service decides
what to do with them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.cart import gross_fen
from app.counter_base import staff_names
from app.tender import PAYMENT_METHODS
from local_db.models import CashMovement, CashSession, Payment, Refund, Sale, SaleLine
from sync.protocol.common import MethodTotals


@dataclass(frozen=True, slots=True)
class MethodAmount:
    method: str  # cash, wechat, alipay, card, other
    amount_fen: int


@dataclass(frozen=True, slots=True)
class ClerkFigures:
    staff_name: str
    sales_count: int
    sales_fen: int
    refunds_fen: int
    by_method: tuple[MethodAmount, ...]  # net of refunds


@dataclass(frozen=True, slots=True)
class TillFigures:
    sales_count: int
    sales_fen: int  # what the sales took (sum of totals)
    sales_by_method: tuple[MethodAmount, ...]
    refunds_count: int
    refunds_fen: int
    refunds_by_method: tuple[MethodAmount, ...]
    discounts_fen: int  # line and order discounts, overrides below the shelf price
    rounding_fen: int  # 抹零 over all sales (zero or negative)
    cash_in_fen: int
    cash_out_fen: int
    by_clerk: tuple[ClerkFigures, ...]

    @property
    def cash_net_fen(self) -> int:
        """What this stretch changed in the drawer: cash sales - cash refunds + in - out."""
        return (_amount(self.sales_by_method, "cash") - _amount(self.refunds_by_method, "cash")
                + self.cash_in_fen - self.cash_out_fen)

    def net_totals(self) -> MethodTotals:
        """Net takings per method (sales - refunds), for the sync events."""
        return cast(MethodTotals, _net(self.sales_by_method, self.refunds_by_method))


def _amount(items: tuple[MethodAmount, ...], method: str) -> int:
    return sum(x.amount_fen for x in items if x.method == method)


def _methods(totals: dict[str, int]) -> tuple[MethodAmount, ...]:
    return tuple(MethodAmount(m, totals[m]) for m in PAYMENT_METHODS if m in totals)


def _net(sales: tuple[MethodAmount, ...], refunds: tuple[MethodAmount, ...]) -> dict[str, int]:
    out: dict[str, int] = {}
    for x in sales:
        out[x.method] = out.get(x.method, 0) + x.amount_fen
    for x in refunds:
        out[x.method] = out.get(x.method, 0) - x.amount_fen
    return {m: out[m] for m in PAYMENT_METHODS if m in out}


def gather_figures(s: Session, till: CashSession, *, until: datetime,
                   since: datetime | None = None) -> TillFigures:
    """Figures of `till` for since < created_at <= until (naive UTC instants)."""

    def window(column: InstrumentedAttribute[datetime]) -> list[ColumnElement[bool]]:
        conds = [column <= until]
        if since is not None:
            conds.append(column > since)
        return conds

    sales = s.execute(
        select(Sale.id, Sale.staff_id, Sale.total_fen, Sale.discount_fen, Sale.rounding_fen)
        .where(Sale.cash_session_id == till.id, *window(Sale.created_at))
    ).all()
    sale_ids = [x[0] for x in sales]
    pay_rows = s.execute(
        select(Sale.staff_id, Payment.method, func.sum(Payment.amount_fen))
        .join(Sale, Sale.id == Payment.sale_id)
        .where(Sale.cash_session_id == till.id, *window(Sale.created_at))
        .group_by(Sale.staff_id, Payment.method)
    ).all()
    refund_rows = s.execute(
        select(Refund.staff_id, Refund.method, func.count(), func.sum(Refund.amount_fen))
        .where(Refund.cash_session_id == till.id, *window(Refund.created_at))
        .group_by(Refund.staff_id, Refund.method)
    ).all()
    moves = dict(s.execute(
        select(CashMovement.kind, func.sum(CashMovement.amount_fen))
        .where(CashMovement.cash_session_id == till.id, CashMovement.kind.in_(("in", "out")),
               *window(CashMovement.created_at))
        .group_by(CashMovement.kind)
    ).all())
    given_away = sum(x[3] for x in sales)
    for unit, qty, list_price, unit_price, discount in s.execute(
        select(SaleLine.unit, SaleLine.qty, SaleLine.list_price_fen, SaleLine.unit_price_fen,
               SaleLine.discount_fen).where(SaleLine.sale_id.in_(sale_ids))
    ):
        below_list = 0
        if unit_price < list_price:
            below_list = gross_fen(unit, qty, list_price) - gross_fen(unit, qty, unit_price)
        given_away += below_list + discount

    sales_by: dict[str, int] = {}
    refunds_by: dict[str, int] = {}
    clerk: dict[int, dict[str, int]] = {}
    clerk_sales: dict[int, list[int]] = {}
    clerk_refunds: dict[int, int] = {}
    for _sid, staff_id, total, _d, _r in sales:
        clerk_sales.setdefault(staff_id, []).append(total)
    for staff_id, method, amount in pay_rows:
        sales_by[method] = sales_by.get(method, 0) + int(amount)
        per = clerk.setdefault(staff_id, {})
        per[method] = per.get(method, 0) + int(amount)
    for staff_id, method, _n, amount in refund_rows:
        refunds_by[method] = refunds_by.get(method, 0) + int(amount)
        per = clerk.setdefault(staff_id, {})
        per[method] = per.get(method, 0) - int(amount)
        clerk_refunds[staff_id] = clerk_refunds.get(staff_id, 0) + int(amount)
    names = staff_names(s, [*clerk, *clerk_sales])
    by_clerk = tuple(
        ClerkFigures(
            staff_name=names.get(staff_id, ""),
            sales_count=len(clerk_sales.get(staff_id, [])),
            sales_fen=sum(clerk_sales.get(staff_id, [])),
            refunds_fen=clerk_refunds.get(staff_id, 0),
            by_method=_methods(clerk.get(staff_id, {})),
        )
        for staff_id in sorted({*clerk, *clerk_sales}, key=lambda i: names.get(i, ""))
    )
    return TillFigures(
        sales_count=len(sales),
        sales_fen=sum(x[2] for x in sales),
        sales_by_method=_methods(sales_by),
        refunds_count=sum(int(x[2]) for x in refund_rows),
        refunds_fen=sum(refunds_by.values()),
        refunds_by_method=_methods(refunds_by),
        discounts_fen=given_away,
        rounding_fen=sum(x[4] for x in sales),
        cash_in_fen=int(moves.get("in", 0)),
        cash_out_fen=int(moves.get("out", 0)),
        by_clerk=by_clerk,
    )
