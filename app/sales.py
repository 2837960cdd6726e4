"""Ringing up a sale (收银) and finding it again for a reprint or a return.

`checkout` is one write transaction: the sale with its lines and payments and a receipt number
of the business day, a stock move per product line (stock may go below zero: the sale goes
through and the result lists a warning), the sale event in the outbox, an audit entry when
anything was taken off the shelf price. It returns only after the commit (synchronous=FULL),
so a receipt on screen is a sale on disk.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple, cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from app.actors import CLERK, Actor, require_any_role, require_owner_approval
from app.audit import record_audit
from app.cart import Cart, CartTotals
from app.clock import as_utc
from app.counter_base import (
    CounterService,
    check_approver,
    check_reason,
    naive_utc,
    require_open_till,
    staff_names,
)
from app.errors import NotFound, UserFacingError
from app.money import normalize_digits
from app.numbering import format_number, next_number
from app.tender import PaymentInput, Settlement, settle
from local_db.models import (
    CashSession,
    Payment,
    Product,
    Refund,
    RefundLine,
    Sale,
    SaleLine,
    StockMove,
    new_uuid,
)
from sync.outbox import write_event
from sync.protocol.common import Unit
from sync.protocol.events_counter import PaymentData, SaleEvent, SaleLineData


@dataclass(frozen=True, slots=True)
class SoldLine:
    """A receipt line as sold. qty: pieces, or grams when unit is "kg"."""

    line_id: int
    index: int  # position on the receipt, from 0
    product_id: int | None
    product_uuid: str | None
    name: str
    barcode: str | None
    unit: str
    qty: int
    unit_price_fen: int  # charged, per piece or per kg
    list_price_fen: int  # the shelf price (differs when overridden)
    discount_fen: int  # line discount
    line_total_fen: int
    refunded_qty: int = 0

    @property
    def refundable_qty(self) -> int:
        return self.qty - self.refunded_qty


@dataclass(frozen=True, slots=True)
class PaidBy:
    method: str  # cash, wechat, alipay, card, other
    amount_fen: int
    tendered_fen: int
    change_fen: int
    reference: str | None


@dataclass(frozen=True, slots=True)
class StockWarning:
    """A product whose book stock went below zero with this sale (the sale still stands)."""

    product_id: int
    name: str
    stock_qty: int
    unit: str


@dataclass(frozen=True, slots=True)
class SaleReceipt:
    """A sale with everything its receipt shows (feeds app.documents.receipt.ReceiptData)."""

    sale_id: int
    uuid: str
    number: str
    business_day: date
    created_at: datetime  # UTC
    local_time: datetime  # in the store's zone, for the receipt
    shop_name: str
    clerk_name: str
    approver_name: str | None
    lines: tuple[SoldLine, ...]
    subtotal_fen: int
    discount_fen: int  # the order discount
    rounding_fen: int  # 抹零, zero or negative
    total_fen: int
    payments: tuple[PaidBy, ...]
    change_fen: int
    refunded_fen: int
    note: str
    warnings: tuple[StockWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class SaleSummary:
    """A row of the "find a sale" list."""

    number: str
    uuid: str
    local_time: datetime
    clerk_name: str
    total_fen: int
    refunded_fen: int
    methods: tuple[str, ...]
    line_count: int


class _Stocked(NamedTuple):
    """What checkout needs of a product in the cart."""

    id: int
    uuid: str
    name: str
    unit: str
    stock_qty: int
    cost_fen: int | None
    active: bool


_SALE = cast(Table, Sale.__table__)
_SALE_LINE = cast(Table, SaleLine.__table__)
_STOCK_MOVE = cast(Table, StockMove.__table__)
_PAYMENT = cast(Table, Payment.__table__)
_PRODUCT = cast(Table, Product.__table__)


class SalesService(CounterService):
    """Checkout, and sales found again by number or by day and amount."""

    def quote(self, *, cart: Cart, payments: list[PaymentInput]) -> Settlement:
        """Rounding, total and change for these payments, without saving anything."""
        return settle(cart.totals().due_fen, payments,
                      cash_rounding_fen=self._settings.cash_rounding_fen)

    def needs_approval(self, cart: Cart) -> bool:
        """Whether checkout will ask for the owner (reductions above the override limit)."""
        return cart.needs_approval(self._settings.price_override_limit_fen)

    def checkout(
        self,
        *,
        cart: Cart,
        payments: list[PaymentInput],
        actor: Actor,
        approver: Actor | None = None,
        note: str = "",
    ) -> SaleReceipt:
        """Save the sale and return its receipt. Needs the till open.

        An owner approver is needed when the cart's reductions exceed the override limit
        (an owner ringing up approves their own). Nothing is saved if anything is wrong.
        """
        require_any_role(actor, CLERK)
        check_approver(approver)
        if cart.is_empty():
            raise UserFacingError("购物车是空的", "The cart is empty", code="empty_cart")
        totals = cart.totals()
        approved_by = self._approval(totals, actor, approver)
        settlement = self.quote(cart=cart, payments=payments)
        note = check_reason(note, required=False)
        now = self._clock.now()
        day = self._calendar.business_day(now)
        created = naive_utc(now)
        with self._db.write() as uow:
            s = uow.session
            till = require_open_till(s)
            products = self._products_for(s, cart)
            sale = Sale(
                uuid=new_uuid(), number=next_number(s, "sale", day), business_day=day,
                created_at=created, staff_id=actor.staff_id,
                approver_id=approved_by.staff_id if approved_by else None,
                cash_session_id=till.id, subtotal_fen=totals.subtotal_fen,
                discount_fen=totals.order_discount_fen, rounding_fen=settlement.rounding_fen,
                total_fen=settlement.total_fen, note=note,
            )  # not added to the session: written below with Core, kept for the event
            sale.id = s.execute(
                insert(_SALE).values(
                    uuid=sale.uuid, number=sale.number, business_day=day, created_at=created,
                    staff_id=sale.staff_id, approver_id=sale.approver_id,
                    cash_session_id=till.id, subtotal_fen=sale.subtotal_fen,
                    discount_fen=sale.discount_fen, rounding_fen=sale.rounding_fen,
                    total_fen=sale.total_fen, note=note,
                ).returning(_SALE.c.id)
            ).scalar_one()
            warnings: list[StockWarning] = []
            line_rows: list[dict[str, object]] = []
            moves: list[dict[str, object]] = []
            stock_after: dict[int, int] = {}
            for line in cart.lines:
                product = products.get(line.product_id) if line.product_id else None
                line_rows.append({
                    "sale_id": sale.id, "product_id": line.product_id, "name": line.name,
                    "barcode": line.barcode, "unit": line.unit, "qty": line.qty,
                    "unit_price_fen": line.unit_price_fen, "list_price_fen": line.list_price_fen,
                    "discount_fen": line.discount_fen, "line_total_fen": line.line_total_fen,
                    "cost_fen": product.cost_fen if product else None,
                })
                if product is not None:
                    left = stock_after.get(product.id, product.stock_qty) - line.qty
                    stock_after[product.id] = left
                    moves.append({
                        "uuid": new_uuid(), "product_id": product.id, "qty_delta": -line.qty,
                        "reason": "sale", "ref_uuid": sale.uuid, "unit_cost_fen": None,
                        "note": "", "staff_id": actor.staff_id, "created_at": created,
                    })
                    if left < 0:
                        warnings.append(StockWarning(product.id, product.name, left, product.unit))
            line_ids = list(s.execute(
                insert(_SALE_LINE).returning(_SALE_LINE.c.id, sort_by_parameter_order=True),
                line_rows,
            ).scalars())
            if moves:
                s.execute(insert(_STOCK_MOVE), moves)
                s.execute(
                    update(_PRODUCT)
                    .where(_PRODUCT.c.id == bindparam("pid"))
                    .values(stock_qty=_PRODUCT.c.stock_qty - bindparam("q")),
                    [{"pid": m["product_id"], "q": -cast(int, m["qty_delta"])} for m in moves],
                )
            if settlement.payments:
                s.execute(insert(_PAYMENT), [
                    {"sale_id": sale.id, "method": p.method, "amount_fen": p.amount_fen,
                     "tendered_fen": p.tendered_fen, "change_fen": p.change_fen,
                     "reference": p.reference}
                    for p in settlement.payments
                ])
            if totals.reduction_fen > 0:
                self._audit_reductions(s, sale, cart, totals, actor, approved_by, now)
            write_event(s, self._event(sale, cart, settlement, till, actor, approved_by, now),
                        now=now)
            receipt = self._new_receipt(s, sale, cart, line_ids, products, settlement,
                                        tuple(warnings))
            uow.commit()
        return receipt

    def find_sale(self, number: str) -> SaleReceipt:
        """A sale by its receipt number; a bare "42" means today's 20261125-0042."""
        wanted = self._full_number(number)
        with self._db.read() as uow:
            sale = uow.session.scalars(select(Sale).where(Sale.number == wanted)).first()
            if sale is None:
                raise NotFound(f"找不到小票 {wanted}", f"No receipt numbered {wanted}")
            return self._receipt(uow.session, sale)

    def receipt_data(self, number: str) -> SaleReceipt:
        """What a reprint of the receipt shows (with what has been refunded since)."""
        return self.find_sale(number)

    def find_sales(self, *, day: date, amount_fen: int | None = None, limit: int = 200) -> list[SaleSummary]:
        """Sales of a business day, newest first; amount_fen narrows to sales of that total."""
        with self._db.read() as uow:
            s = uow.session
            stmt = select(Sale).where(Sale.business_day == day)
            if amount_fen is not None:
                stmt = stmt.where(Sale.total_fen == amount_fen)
            sales = s.scalars(stmt.order_by(Sale.created_at.desc(), Sale.id.desc()).limit(limit)).all()
            ids = [x.id for x in sales]
            names = staff_names(s, [x.staff_id for x in sales])
            refunded = _refunded_by_sale(s, ids)
            methods: dict[int, list[str]] = {}
            for sale_id, method in s.execute(
                select(Payment.sale_id, Payment.method).where(Payment.sale_id.in_(ids)).order_by(Payment.id)
            ):
                methods.setdefault(sale_id, []).append(method)
            counts = dict(s.execute(
                select(SaleLine.sale_id, func.count()).where(SaleLine.sale_id.in_(ids)).group_by(SaleLine.sale_id)
            ).all())
            return [
                SaleSummary(
                    number=x.number, uuid=x.uuid, local_time=self._local(x.created_at),
                    clerk_name=names.get(x.staff_id, ""), total_fen=x.total_fen,
                    refunded_fen=refunded.get(x.id, 0), methods=tuple(methods.get(x.id, [])),
                    line_count=counts.get(x.id, 0),
                )
                for x in sales
            ]

    # --- inside -------------------------------------------------------------------------

    def _approval(self, totals: CartTotals, actor: Actor, approver: Actor | None) -> Actor | None:
        if totals.reduction_fen <= self._settings.price_override_limit_fen:
            return approver if totals.reduction_fen > 0 else None
        if approver is None and actor.is_owner:
            return actor
        return require_owner_approval(approver)

    def _products_for(self, s: Session, cart: Cart) -> dict[int, _Stocked]:
        ids = {line.product_id for line in cart.lines if line.product_id is not None}
        rows: dict[int, _Stocked] = {}
        if ids:
            for row in s.execute(
                select(Product.id, Product.uuid, Product.name, Product.unit, Product.stock_qty,
                       Product.cost_fen, Product.active).where(Product.id.in_(ids))
            ):
                rows[row.id] = _Stocked(*row)
        for line in cart.lines:
            if line.product_id is None:
                continue
            found = rows.get(line.product_id)
            if found is None or not found.active:
                raise UserFacingError(
                    f"“{line.name}”已不在售，请从购物车中删除",
                    f"{line.name} is no longer sold; remove it from the cart",
                    code="product_gone",
                )
        return rows

    def _audit_reductions(self, s: Session, sale: Sale, cart: Cart, totals: CartTotals,
                          actor: Actor, approved_by: Actor | None, now: datetime) -> None:
        overrides = [x for x in cart.lines if x.overridden or x.discount_fen]
        record_audit(
            s, at=now, staff_id=actor.staff_id,
            approver_id=approved_by.staff_id if approved_by else None,
            action="price_override" if any(x.overridden for x in cart.lines) else "discount",
            entity="sale", entity_id=sale.uuid,
            before={"lines": [{"name": x.name, "list_price_fen": x.list_price_fen} for x in overrides]},
            after={
                "number": sale.number,
                "lines": [{"name": x.name, "unit_price_fen": x.unit_price_fen,
                           "discount_fen": x.discount_fen} for x in overrides],
                "order_discount_fen": totals.order_discount_fen,
                "reduction_fen": totals.reduction_fen,
            },
        )

    def _event(self, sale: Sale, cart: Cart, settlement: Settlement, till: CashSession,
               actor: Actor, approved_by: Actor | None, now: datetime) -> SaleEvent:
        return SaleEvent(
            created_at=now, sale_uuid=sale.uuid, number=sale.number, business_day=sale.business_day,
            staff_uuid=actor.uuid, approver_uuid=approved_by.uuid if approved_by else None,
            cash_session_uuid=till.uuid,
            lines=[
                SaleLineData(
                    product_uuid=x.product_uuid, name=x.name, barcode=x.barcode, unit=cast(Unit, x.unit),
                    qty=x.qty, unit_price_fen=x.unit_price_fen,
                    list_price_fen=x.list_price_fen if x.overridden else None,
                    discount_fen=x.discount_fen, line_total_fen=x.line_total_fen,
                )
                for x in cart.lines
            ],
            payments=[
                PaymentData(method=p.method, amount_fen=p.amount_fen, tendered_fen=p.tendered_fen,
                            change_fen=p.change_fen, reference=p.reference)
                for p in settlement.payments
            ],
            subtotal_fen=sale.subtotal_fen, discount_fen=sale.discount_fen,
            rounding_fen=sale.rounding_fen, total_fen=sale.total_fen, note=sale.note,
        )

    def _new_receipt(self, s: Session, sale: Sale, cart: Cart, line_ids: list[int],
                     products: dict[int, _Stocked], settlement: Settlement,
                     warnings: tuple[StockWarning, ...]) -> SaleReceipt:
        """The receipt of a sale just written, from what was written (nothing refunded yet)."""
        names = staff_names(s, [sale.staff_id, sale.approver_id])
        paid = tuple(PaidBy(p.method, p.amount_fen, p.tendered_fen, p.change_fen, p.reference)
                     for p in settlement.payments)
        return SaleReceipt(
            sale_id=sale.id, uuid=sale.uuid, number=sale.number, business_day=sale.business_day,
            created_at=as_utc(sale.created_at), local_time=self._local(sale.created_at),
            shop_name=self._settings.shop_name, clerk_name=names.get(sale.staff_id, ""),
            approver_name=names.get(sale.approver_id) if sale.approver_id else None,
            lines=tuple(
                SoldLine(
                    line_id=line_id, index=i, product_id=x.product_id,
                    product_uuid=(products[x.product_id].uuid
                                  if x.product_id is not None and x.product_id in products else None),
                    name=x.name, barcode=x.barcode, unit=x.unit, qty=x.qty,
                    unit_price_fen=x.unit_price_fen, list_price_fen=x.list_price_fen,
                    discount_fen=x.discount_fen, line_total_fen=x.line_total_fen,
                )
                for i, (x, line_id) in enumerate(zip(cart.lines, line_ids, strict=True))
            ),
            subtotal_fen=sale.subtotal_fen, discount_fen=sale.discount_fen,
            rounding_fen=sale.rounding_fen, total_fen=sale.total_fen, payments=paid,
            change_fen=sum(p.change_fen for p in paid), refunded_fen=0,
            note=sale.note, warnings=warnings,
        )

    def _receipt(self, s: Session, sale: Sale, warnings: tuple[StockWarning, ...] = ()) -> SaleReceipt:
        lines = s.scalars(select(SaleLine).where(SaleLine.sale_id == sale.id).order_by(SaleLine.id)).all()
        payments = s.scalars(select(Payment).where(Payment.sale_id == sale.id).order_by(Payment.id)).all()
        refunded_qty = dict(s.execute(
            select(RefundLine.sale_line_id, func.sum(RefundLine.qty))
            .where(RefundLine.sale_line_id.in_([x.id for x in lines]))
            .group_by(RefundLine.sale_line_id)
        ).all())
        uuids = dict(s.execute(
            select(Product.id, Product.uuid).where(Product.id.in_({x.product_id for x in lines}))
        ).all())
        names = staff_names(s, [sale.staff_id, sale.approver_id])
        paid = tuple(PaidBy(p.method, p.amount_fen, p.tendered_fen, p.change_fen, p.reference)
                     for p in payments)
        return SaleReceipt(
            sale_id=sale.id, uuid=sale.uuid, number=sale.number, business_day=sale.business_day,
            created_at=as_utc(sale.created_at), local_time=self._local(sale.created_at),
            shop_name=self._settings.shop_name, clerk_name=names.get(sale.staff_id, ""),
            approver_name=names.get(sale.approver_id) if sale.approver_id else None,
            lines=tuple(
                SoldLine(
                    line_id=x.id, index=i, product_id=x.product_id,
                    product_uuid=uuids.get(x.product_id) if x.product_id else None,
                    name=x.name, barcode=x.barcode, unit=x.unit, qty=x.qty,
                    unit_price_fen=x.unit_price_fen, list_price_fen=x.list_price_fen,
                    discount_fen=x.discount_fen, line_total_fen=x.line_total_fen,
                    refunded_qty=int(refunded_qty.get(x.id, 0)),
                )
                for i, x in enumerate(lines)
            ),
            subtotal_fen=sale.subtotal_fen, discount_fen=sale.discount_fen,
            rounding_fen=sale.rounding_fen, total_fen=sale.total_fen, payments=paid,
            change_fen=sum(p.change_fen for p in paid),
            refunded_fen=_refunded_by_sale(s, [sale.id]).get(sale.id, 0),
            note=sale.note, warnings=warnings,
        )

    def _full_number(self, number: str) -> str:
        text = normalize_digits(number).strip()
        if re.fullmatch(r"\d{1,6}", text):
            today = self._calendar.business_day(self._clock.now())
            return format_number(today, int(text))
        return text


def _refunded_by_sale(s: Session, sale_ids: list[int]) -> dict[int, int]:
    rows = s.execute(
        select(Refund.sale_id, func.sum(Refund.amount_fen))
        .where(Refund.sale_id.in_(sale_ids)).group_by(Refund.sale_id)
    ).all()
    return {sale_id: int(total) for sale_id, total in rows}
