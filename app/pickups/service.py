"""PickupService: what the Pickup screen calls. Each method is one unit of work.

    service = PickupService(db, clock, calendar, settings)
    verdict = service.verify(text)             # any scan or typed text -> Verdict
    if verdict.can_hand_out:
        result = service.hand_out(verdict.order_id, actor=leader, method=verdict.method)
    service.undo(result.pickup_id, actor=leader, reason="拿错袋子")

Nothing here touches the network: verification uses the platform keys already in the
database, and every change goes to the outbox for the next sync.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta

from sqlalchemy import select

from app.actors import Actor
from app.clock import BusinessCalendar, Clock
from app.errors import UserFacingError
from app.i18n import Text
from app.pickups import handout, lists, verifier
from app.pickups.lists import WaitingOrder
from app.pickups.reminders import compose_reminder
from app.pickups.verdict import (
    BatchItem,
    HandoutResult,
    PickupRecord,
    UndoResult,
    Verdict,
    VerdictState,
)
from app.settings import Settings
from local_db.engine import Database
from local_db.models import Station


class PickupService:
    """Verify pickups (核销), hand goods out, undo a hand-out, and list what is waiting."""

    def __init__(
        self, db: Database, clock: Clock, calendar: BusinessCalendar, settings: Settings
    ) -> None:
        self._db = db
        self._clock = clock
        self._calendar = calendar
        self._settings = settings

    @property
    def undo_window(self) -> timedelta:
        return timedelta(minutes=max(0, self._settings.pickup_undo_minutes))

    def _ctx(self) -> verifier.VerifyContext:
        return verifier.VerifyContext(
            now=self._clock.now(), calendar=self._calendar, undo_window=self.undo_window
        )

    # --- verify -------------------------------------------------------------------------------

    def verify(self, text: str) -> Verdict:
        """Whatever was scanned or typed: a pickup QR, an 8-digit pickup code, a phone
        ending (a CHOICE of orders to confirm by name), a bag label, or anything else
        (NOT_A_PICKUP_CODE). Never raises for bad input."""
        with self._db.read() as uow:
            return verifier.verify_text(uow.session, text, self._ctx())

    def lookup_by_code(self, code: str) -> Verdict:
        """The order with this 8-digit pickup code (full-width digits, spaces, dashes ok)."""
        routed = verifier.route_input(code)
        if routed.kind != "code":
            return verifier.not_a_pickup_code(routed.product_barcode)
        with self._db.read() as uow:
            return verifier.lookup_by_code(uow.session, routed.value, self._ctx())

    def lookup_by_phone_tail(self, tail: str) -> Verdict:
        """A CHOICE of open orders whose phone ends in these four digits."""
        routed = verifier.route_input(tail)
        if routed.kind != "phone":
            return verifier.not_a_pickup_code(routed.product_barcode)
        with self._db.read() as uow:
            return verifier.lookup_by_phone_tail(uow.session, routed.value, self._ctx())

    def verdict_for_order(self, order_id: int, method: str = "manual") -> Verdict:
        """The full verdict of one order, e.g. the one picked from a CHOICE (method "phone")."""
        with self._db.read() as uow:
            return verifier.verdict_for_order(uow.session, order_id, method, self._ctx())

    # --- change -------------------------------------------------------------------------------

    def hand_out(
        self,
        order_id: int,
        lines: Mapping[int, int] | None = None,
        *,
        actor: Actor,
        method: str = "manual",
        proxy_note: str | None = None,
        bag_id_scanned: str | None = None,
    ) -> HandoutResult:
        """Hand out `lines` (order line id -> pieces; None: everything still to hand out).

        Saved durably before it returns. Raises PickupRefused (nothing written) if the
        order was cancelled, refunded or withdrawn meanwhile, if the quantities are more
        than what is left (a double scan), or if a scanned bag label is another order's.
        """
        handout.check_hand_out_allowed(actor)
        with self._db.write() as uow:
            result = handout.hand_out(
                uow.session,
                order_id=order_id,
                lines=lines,
                actor=actor,
                method=method,
                proxy_note=proxy_note,
                bag_id_scanned=bag_id_scanned,
                now=self._clock.now(),
                calendar=self._calendar,
                undo_window=self.undo_window,
            )
            uow.commit()
            return result

    def undo(
        self, pickup_id: int, *, actor: Actor, reason: str, approver: Actor | None = None
    ) -> UndoResult:
        """Take a hand-out back (the goods are back on the shelf): a new undo row.

        Within settings.pickup_undo_minutes of the hand-out a leader or clerk may; after
        that only the owner (acting, or as `approver`). An undo cannot be undone twice.
        """
        handout.check_hand_out_allowed(actor)
        with self._db.write() as uow:
            result = handout.undo(
                uow.session,
                pickup_id=pickup_id,
                actor=actor,
                reason=reason,
                approver=approver,
                now=self._clock.now(),
                undo_window=self.undo_window,
            )
            uow.commit()
            return result

    def batch(
        self, texts: Sequence[str], *, actor: Actor, proxy_note: str | None = None
    ) -> list[BatchItem]:
        """Verify several codes (a neighbour collecting for three households) and hand out
        everything left on each. Each hand-out is its own transaction: one refusal does
        not stop the others. A code for an order already in this batch is reported, not
        handed out twice; a phone ending (CHOICE) needs a person and is not handed out."""
        handout.check_hand_out_allowed(actor)
        out: list[BatchItem] = []
        seen: set[int] = set()
        for text in texts:
            verdict = self.verify(text)
            if not verdict.can_hand_out or verdict.order_id is None:
                error = verdict.headline
                if verdict.state == VerdictState.CHOICE:
                    error = Text(
                        "手机尾号需要先核对姓名，批量提货请扫提货码",
                        "A phone ending needs the name checked first; scan pickup codes for a batch",
                    )
                out.append(BatchItem(text, verdict, None, error))
                continue
            if verdict.order_id in seen:
                out.append(
                    BatchItem(
                        text,
                        verdict,
                        None,
                        Text("这个订单本批已经交过了", "Already handed out in this batch"),
                    )
                )
                continue
            seen.add(verdict.order_id)
            try:
                result = self.hand_out(
                    verdict.order_id,
                    actor=actor,
                    method=verdict.method or "manual",
                    proxy_note=proxy_note,
                )
            except UserFacingError as exc:
                out.append(BatchItem(text, verdict, None, exc.message))
            else:
                out.append(BatchItem(text, verdict, result, None))
        return out

    # --- lists --------------------------------------------------------------------------------

    def todays_pickups(self) -> list[PickupRecord]:
        """Hand-outs of the current business day, newest first (undone ones marked)."""
        with self._db.read() as uow:
            return lists.todays_pickups(
                uow.session,
                now=self._clock.now(),
                calendar=self._calendar,
                undo_window=self.undo_window,
            )

    def waiting_orders(
        self, campaign_id: int | None = None, min_days: int = 0
    ) -> list[WaitingOrder]:
        """滞留: orders with goods on the shelf, waiting at least `min_days` business days."""
        with self._db.read() as uow:
            return lists.waiting_orders(
                uow.session,
                now=self._clock.now(),
                calendar=self._calendar,
                campaign_id=campaign_id,
                min_days=min_days,
            )

    def reminder_text(self, orders: Sequence[WaitingOrder], lang: str | None = None) -> str:
        """A message to paste into the WeChat group: phone endings and masked names only."""
        with self._db.read() as uow:
            name = uow.session.scalar(select(Station.name).limit(1))
        return compose_reminder(
            name or self._settings.shop_name,
            orders,
            calendar=self._calendar,
            lang=lang or self._settings.language,
        )
