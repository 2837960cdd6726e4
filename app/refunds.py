"""Returns and refunds (退货/退款): a new record pointing at the sale, never an edit of it.

An owner does it, or a clerk with an owner's approval. All or part of a sale, line by line,
never more than was sold minus earlier refunds. A line gives back what the customer actually
paid for it: the sale's total (after the order discount and cash rounding) is shared over its
lines in proportion to their totals, and each refund takes its share of the line pro rata, so
refunding everything, in one go or in parts, pays back exactly the sale's total.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.actors import CLERK, Actor, require_any_role, require_owner_approval
from app.audit import record_audit
from app.clock import as_utc
from app.counter_base import (
    CounterService,
    check_approver,
    check_reason,
    naive_utc,
    open_cash_session,
    require_open_till,
    staff_names,
)
from app.errors import NotFound, UserFacingError
from app.money import fmt_fen
from app.numbering import next_number
from app.tender import PAYMENT_METHODS
from local_db.models import Payment, Product, Refund, RefundLine, Sale, SaleLine, StockMove
from sync.outbox import write_event
from sync.protocol.common import PaymentMethod
from sync.protocol.events_counter import RefundEvent, RefundLineData


@dataclass(frozen=True, slots=True)
class RefundLineInput:
    """Give back `qty` (pieces or grams) of the sale line `line_id` (SoldLine.line_id)."""

    line_id: int
    qty: int


@dataclass(frozen=True, slots=True)
class RefundedLine:
    line_id: int
    name: str
    unit: str
    qty: int
    amount_fen: int
    restocked: bool


@dataclass(frozen=True, slots=True)
class RefundReceipt:
    """A saved refund with what its slip shows (ReceiptData with is_refund=True)."""

    refund_id: int
    uuid: str
    number: str  # R20261125-0003
    sale_number: str
    business_day: date
    created_at: datetime  # UTC
    local_time: datetime
    shop_name: str
    clerk_name: str
    approver_name: str | None
    method: str
    amount_fen: int
    reason: str
    lines: tuple[RefundedLine, ...]


def share_out(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` fen in proportion to `weights` (largest remainder); the parts add up."""
    whole = sum(weights)
    if whole <= 0:
        return [0] * len(weights)
    parts = [total * w // whole for w in weights]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


class RefundService(CounterService):
    def refund(
        self,
        *,
        sale_number: str,
        lines: list[RefundLineInput] | None = None,
        method: str | None = None,
        reason: str = "",
        restock: bool = True,
        actor: Actor,
        approver: Actor | None = None,
    ) -> RefundReceipt:
        """Refund lines of a sale (None: everything not yet refunded).

        method None pays back the way the sale was paid if it was one method, else cash.
        restock False: the goods do not go back on the shelf (damaged).
        """
        require_any_role(actor, CLERK)
        check_approver(approver)
        if not actor.is_owner:
            require_owner_approval(approver)
        reason = check_reason(reason, required=False)
        if method is not None and method not in PAYMENT_METHODS:
            raise UserFacingError(f"未知的退款方式：{method}", f"Unknown refund method: {method}",
                                  code="bad_payment")
        now = self._clock.now()
        day = self._calendar.business_day(now)
        with self._db.write() as uow:
            s = uow.session
            sale = s.scalars(select(Sale).where(Sale.number == sale_number.strip())).first()
            if sale is None:
                raise NotFound(f"找不到小票 {sale_number}", f"No receipt numbered {sale_number}")
            sold = s.scalars(select(SaleLine).where(SaleLine.sale_id == sale.id).order_by(SaleLine.id)).all()
            done = dict(s.execute(
                select(RefundLine.sale_line_id, func.sum(RefundLine.qty))
                .where(RefundLine.sale_line_id.in_([x.id for x in sold]))
                .group_by(RefundLine.sale_line_id)
            ).all())
            wanted = self._wanted(sold, done, lines)
            paid_share = share_out(sale.total_fen, [x.line_total_fen for x in sold])
            index = {x.id: i for i, x in enumerate(sold)}
            amounts: dict[int, int] = {}
            for line, qty in wanted:
                i, before = index[line.id], int(done.get(line.id, 0))
                amounts[line.id] = (paid_share[i] * (before + qty) // line.qty
                                    - paid_share[i] * before // line.qty)
            total = sum(amounts.values())
            if total <= 0:
                raise UserFacingError("这些商品没有可退的金额", "There is nothing to pay back for these",
                                      code="nothing_to_refund")
            paid_methods = self._methods(s, sale)
            chosen = method or (next(iter(paid_methods)) if len(paid_methods) == 1 else "cash")
            self._check_method_cap(s, sale, chosen, total, paid_methods)
            till = require_open_till(s) if chosen == "cash" else open_cash_session(s)
            row = Refund(
                number="R" + next_number(s, "refund", day), sale_id=sale.id, business_day=day,
                created_at=naive_utc(now), staff_id=actor.staff_id,
                approver_id=approver.staff_id if approver else None,
                cash_session_id=till.id if till else None, method=chosen, amount_fen=total,
                reason=reason,
            )
            s.add(row)
            s.flush()
            products = {p.id: p for p in s.scalars(
                select(Product).where(Product.id.in_({x.product_id for x, _ in wanted}))
            )}
            event_lines, out = [], []
            for line, qty in wanted:
                s.add(RefundLine(refund_id=row.id, sale_line_id=line.id, qty=qty,
                                 amount_fen=amounts[line.id]))
                product = products.get(line.product_id) if line.product_id else None
                back = restock and product is not None
                if back and product is not None:
                    product.stock_qty += qty
                    s.add(StockMove(product_id=product.id, qty_delta=qty, reason="refund",
                                    ref_uuid=row.uuid, staff_id=actor.staff_id,
                                    created_at=naive_utc(now)))
                event_lines.append(RefundLineData(
                    sale_line_index=index[line.id], product_uuid=product.uuid if product else None,
                    qty=qty, amount_fen=amounts[line.id], restock=back,
                ))
                out.append(RefundedLine(line.id, line.name, line.unit, qty, amounts[line.id], back))
            s.flush()
            record_audit(
                s, at=now, staff_id=actor.staff_id,
                approver_id=approver.staff_id if approver else None, action="refund",
                entity="sale", entity_id=sale.uuid,
                after={"refund": row.number, "sale": sale.number, "method": chosen,
                       "amount_fen": total, "lines": [[x.name, x.qty, x.amount_fen] for x in out],
                       "reason": reason},
            )
            write_event(s, RefundEvent(
                created_at=now, refund_uuid=row.uuid, number=row.number, sale_uuid=sale.uuid,
                business_day=day, staff_uuid=actor.uuid,
                approver_uuid=approver.uuid if approver else None,
                cash_session_uuid=till.uuid if till else None, lines=event_lines,
                method=cast(PaymentMethod, chosen),
                amount_fen=total, reason=reason,
            ), now=now)
            names = staff_names(s, [actor.staff_id, row.approver_id])
            receipt = RefundReceipt(
                refund_id=row.id, uuid=row.uuid, number=row.number, sale_number=sale.number,
                business_day=day, created_at=as_utc(row.created_at),
                local_time=self._local(row.created_at), shop_name=self._settings.shop_name,
                clerk_name=names.get(actor.staff_id, actor.name),
                approver_name=names.get(row.approver_id) if row.approver_id else None,
                method=chosen, amount_fen=total, reason=reason, lines=tuple(out),
            )
            uow.commit()
        return receipt

    # --- inside -------------------------------------------------------------------------

    def _wanted(self, sold: Sequence[SaleLine], done: dict[int, int],
                lines: list[RefundLineInput] | None) -> list[tuple[SaleLine, int]]:
        by_id = {x.id: x for x in sold}
        if lines is None:
            wanted = [(x, x.qty - int(done.get(x.id, 0))) for x in sold]
            wanted = [(x, q) for x, q in wanted if q > 0]
            if not wanted:
                raise UserFacingError("这张小票已全部退过", "This sale has already been refunded in full",
                                      code="already_refunded")
            return wanted
        if not lines:
            raise UserFacingError("请选择要退的商品", "Choose what to refund", code="nothing_chosen")
        merged: dict[int, int] = {}
        for item in lines:
            if item.line_id not in by_id:
                raise UserFacingError("所选商品不在这张小票上", "That line is not on this receipt",
                                      code="bad_line")
            if isinstance(item.qty, bool) or not isinstance(item.qty, int) or item.qty <= 0:
                raise UserFacingError("退货数量必须是正整数", "The quantity must be a whole number above 0",
                                      code="bad_qty")
            merged[item.line_id] = merged.get(item.line_id, 0) + item.qty
        out = []
        for line_id, qty in merged.items():
            line = by_id[line_id]
            left = line.qty - int(done.get(line_id, 0))
            if qty > left:
                raise UserFacingError(
                    f"“{line.name}”最多还能退 {left}", f"At most {left} of {line.name} can be refunded",
                    code="over_refund",
                )
            out.append((line, qty))
        return out

    def _methods(self, s: Session, sale: Sale) -> dict[str, int]:
        rows = s.execute(
            select(Payment.method, func.sum(Payment.amount_fen))
            .where(Payment.sale_id == sale.id).group_by(Payment.method)
        ).all()
        return {m: int(v) for m, v in rows}

    def _check_method_cap(self, s: Session, sale: Sale, method: str, amount: int,
                          paid: dict[str, int]) -> None:
        earlier_total = int(s.scalar(
            select(func.coalesce(func.sum(Refund.amount_fen), 0)).where(Refund.sale_id == sale.id)
        ) or 0)
        if earlier_total + amount > sale.total_fen:
            raise UserFacingError("退款金额超过了这张小票的实收", "That is more than the sale took",
                                  code="over_refund")
        if method == "cash":
            return
        earlier = int(s.scalar(
            select(func.coalesce(func.sum(Refund.amount_fen), 0))
            .where(Refund.sale_id == sale.id, Refund.method == method)
        ) or 0)
        left = paid.get(method, 0) - earlier
        if amount > left:
            raise UserFacingError(
                f"原单用该方式只付了 {fmt_fen(max(left, 0))} 可退，请改为现金退款",
                f"Only {fmt_fen(max(left, 0))} was paid this way and can go back; refund in cash",
                code="method_cap",
            )
