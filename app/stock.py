"""Stock (库存): what is running low, goods received from a supplier (进货), stock counts (盘点).

Quantities are pieces, or grams for products sold by the kilogram. Every change is a
stock_move row next to the product's running stock_qty, and an event for the platform.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.actors import CLERK, Actor, require_any_role
from app.audit import record_audit
from app.catalogue import ProductItem, load_items
from app.counter_base import CounterService, check_fen, check_reason, naive_utc
from app.errors import UserFacingError
from local_db.models import Product, StockMove, new_uuid
from sync.outbox import write_event
from sync.protocol.events_counter import (
    StockCountEvent,
    StockCountLineData,
    StockReceiptEvent,
    StockReceiptLineData,
)


@dataclass(frozen=True, slots=True)
class ReceiveLine:
    """进货 line: qty pieces (grams for kg products) at unit_cost_fen per piece (per kg)."""

    product_id: int
    qty: int
    unit_cost_fen: int


@dataclass(frozen=True, slots=True)
class CountLine:
    """盘点 line: what is on the shelf, and why it differs from the books (if it does)."""

    product_id: int
    counted_qty: int
    reason: str = ""


@dataclass(frozen=True, slots=True)
class StockChange:
    product_id: int
    name: str
    unit: str
    before_qty: int
    delta: int
    after_qty: int


@dataclass(frozen=True, slots=True)
class StockResult:
    """A saved supplier receipt or stock count."""

    uuid: str
    local_time: datetime
    changes: tuple[StockChange, ...]


class StockService(CounterService):
    def low_stock(self, *, limit: int = 200) -> list[ProductItem]:
        """Products at or below their low-stock mark (and any below zero), emptiest first."""
        with self._db.read() as uow:
            s = uow.session
            ids = s.scalars(
                select(Product.id)
                .where(Product.active.is_(True),
                       or_(Product.stock_qty < 0,
                           (Product.low_stock_at > 0) & (Product.stock_qty <= Product.low_stock_at)))
                .order_by(Product.stock_qty - Product.low_stock_at, Product.name)
                .limit(limit)
            ).all()
            return load_items(s, list(ids))

    def receive_stock(self, *, lines: list[ReceiveLine], actor: Actor, supplier: str = "",
                      note: str = "") -> StockResult:
        """进货: goods from a supplier go onto the shelf; the product's cost becomes the last paid."""
        require_any_role(actor, CLERK)
        if not lines:
            raise UserFacingError("请添加进货商品", "Add the goods received", code="empty")
        for line in lines:
            check_fen(line.qty, minimum=1, zh="数量必须是正整数", en="A quantity must be above zero")
            check_fen(line.unit_cost_fen, zh="进价无效", en="Invalid cost")
        supplier = check_reason(supplier, required=False)
        note = check_reason(note, required=False)
        now = self._clock.now()
        ref = new_uuid()
        with self._db.write() as uow:
            s = uow.session
            products = self._products(s, [x.product_id for x in lines])
            changes = []
            for line in lines:
                product = products[line.product_id]
                changes.append(self._move(s, product, line.qty, "receipt", ref, actor, now,
                                          unit_cost_fen=line.unit_cost_fen, note=supplier))
                product.cost_fen = line.unit_cost_fen
            write_event(s, StockReceiptEvent(
                created_at=now, receipt_uuid=ref, staff_uuid=actor.uuid, supplier=supplier,
                note=note,
                lines=[StockReceiptLineData(product_uuid=products[x.product_id].uuid, qty=x.qty,
                                            unit_cost_fen=x.unit_cost_fen) for x in lines],
            ), now=now)
            uow.commit()
        return StockResult(ref, self._calendar.local(now), tuple(changes))

    def count_stock(self, *, lines: list[CountLine], actor: Actor, note: str = "") -> StockResult:
        """盘点: set the books to what was counted; a difference needs a reason."""
        require_any_role(actor, CLERK)
        if not lines:
            raise UserFacingError("请添加盘点商品", "Add the products counted", code="empty")
        if len({x.product_id for x in lines}) != len(lines):
            raise UserFacingError("同一商品只能盘点一次", "Count each product once", code="duplicate")
        for line in lines:
            check_fen(line.counted_qty, zh="盘点数量必须是不小于 0 的整数",
                      en="A counted quantity must be a whole number of 0 or more")
        note = check_reason(note, required=False)
        now = self._clock.now()
        ref = new_uuid()
        with self._db.write() as uow:
            s = uow.session
            products = self._products(s, [x.product_id for x in lines])
            changes, event_lines = [], []
            for line in lines:
                product = products[line.product_id]
                before = product.stock_qty
                reason = check_reason(line.reason, required=line.counted_qty != before)
                event_lines.append(StockCountLineData(product_uuid=product.uuid,
                                                      counted_qty=line.counted_qty,
                                                      previous_qty=before, reason=reason))
                if line.counted_qty != before:
                    changes.append(self._move(s, product, line.counted_qty - before, "count", ref,
                                              actor, now, note=reason))
                else:
                    changes.append(StockChange(product.id, product.name, product.unit, before, 0, before))
            record_audit(s, at=now, staff_id=actor.staff_id, action="stock_count", entity="stock_count",
                         entity_id=ref, after={"changes": [[c.name, c.before_qty, c.after_qty]
                                                           for c in changes if c.delta]})
            write_event(s, StockCountEvent(created_at=now, count_uuid=ref, staff_uuid=actor.uuid,
                                           lines=event_lines, note=note), now=now)
            uow.commit()
        return StockResult(ref, self._calendar.local(now), tuple(changes))

    # --- inside -------------------------------------------------------------------------

    def _products(self, s: Session, ids: list[int]) -> dict[int, Product]:
        rows = {p.id: p for p in s.scalars(select(Product).where(Product.id.in_(ids)))}
        missing = [i for i in ids if i not in rows]
        if missing:
            raise UserFacingError("有商品不在商品库中", "A product is not in the catalogue",
                                  code="product_gone")
        return rows

    def _move(self, s: Session, product: Product, delta: int, reason: str, ref: str, actor: Actor,
              now: datetime, *, unit_cost_fen: int | None = None, note: str = "") -> StockChange:
        before = product.stock_qty
        product.stock_qty = before + delta
        s.add(StockMove(product_id=product.id, qty_delta=delta, reason=reason, ref_uuid=ref,
                        unit_cost_fen=unit_cost_fen, note=note, staff_id=actor.staff_id,
                        created_at=naive_utc(now)))
        return StockChange(product.id, product.name, product.unit, before, delta, before + delta)
