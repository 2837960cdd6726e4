"""挂单 / 取单: park a cart (the customer went to fetch something) and take it back later.

A held cart is not a sale: no number, no stock, nothing for the platform. Resuming takes it
off the held list; prices stay as they were when it was parked.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.actors import CLERK, Actor, require_any_role
from app.cart import Cart
from app.counter_base import CounterService, check_reason, naive_utc, staff_names
from app.errors import NotFound, UserFacingError
from local_db.models import HeldCart


@dataclass(frozen=True, slots=True)
class HeldCartInfo:
    id: int
    label: str
    local_time: datetime
    staff_name: str
    line_count: int
    due_fen: int


class HeldCartService(CounterService):
    def hold(self, *, cart: Cart, actor: Actor, label: str = "") -> HeldCartInfo:
        """Park the cart; the caller then clears its own cart."""
        require_any_role(actor, CLERK)
        if cart.is_empty():
            raise UserFacingError("购物车是空的", "The cart is empty", code="empty_cart")
        label = check_reason(label, required=False)[:50]
        now = self._clock.now()
        with self._db.write() as uow:
            row = HeldCart(label=label, payload=cart.to_payload(), staff_id=actor.staff_id,
                           created_at=naive_utc(now))
            uow.session.add(row)
            uow.session.flush()
            info = HeldCartInfo(row.id, label, self._calendar.local(now), actor.name,
                                len(cart.lines), cart.totals().due_fen)
            uow.commit()
        return info

    def list_held(self) -> list[HeldCartInfo]:
        """Carts waiting to be taken back, oldest first."""
        with self._db.read() as uow:
            s = uow.session
            rows = s.scalars(
                select(HeldCart).where(HeldCart.resumed_at.is_(None)).order_by(HeldCart.id)
            ).all()
            names = staff_names(s, [r.staff_id for r in rows])
            out = []
            for row in rows:
                cart = Cart.from_payload(row.payload)
                out.append(HeldCartInfo(row.id, row.label, self._local(row.created_at),
                                        names.get(row.staff_id, ""), len(cart.lines),
                                        cart.totals().due_fen))
            return out

    def resume(self, *, held_id: int, actor: Actor) -> Cart:
        """取单: the parked cart back, and off the held list."""
        require_any_role(actor, CLERK)
        now = self._clock.now()
        with self._db.write() as uow:
            row = uow.session.get(HeldCart, held_id)
            if row is None or row.resumed_at is not None:
                raise NotFound("这张挂单已被取走", "That held cart has already been taken back")
            cart = Cart.from_payload(row.payload)
            row.resumed_at = naive_utc(now)
            uow.commit()
        return cart
