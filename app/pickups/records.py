"""Reading orders and their earlier hand-outs inside a unit of work, as plain data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session, aliased

from app.clock import as_utc
from app.pickups.masking import mask_name
from app.pickups.verdict import PickupLineRecord, PickupRecord, VerdictLine, VerdictState
from local_db.models import (
    Campaign,
    CampaignItem,
    GroupOrder,
    GroupOrderLine,
    Pickup,
    PickupLine,
    Staff,
)

OPEN_FULFILMENT = ("awaiting", "ready", "partial")
SQLITE_INT_LIMIT = 1 << 63  # SQLite integers are signed 64-bit


@dataclass(frozen=True, slots=True)
class OrderLines:
    """An order's lines with their items, loaded once per verdict or hand-out."""

    order: GroupOrder
    campaign: Campaign
    rows: tuple[tuple[GroupOrderLine, CampaignItem], ...]

    def verdict_lines(self) -> tuple[VerdictLine, ...]:
        return tuple(
            VerdictLine(
                order_line_id=line.id,
                item_name=item.name,
                spec=item.spec,
                storage=item.storage,
                ordered=line.qty_ordered,
                short=line.qty_short,
                picked=line.qty_picked,
                to_hand_out=remaining(line),
            )
            for line, item in self.rows
        )

    @property
    def to_hand_out(self) -> int:
        return sum(remaining(line) for line, _ in self.rows)

    @property
    def picked(self) -> int:
        return sum(line.qty_picked for line, _ in self.rows)

    @property
    def state(self) -> VerdictState:
        return order_state(
            self.order, self.campaign, to_hand_out=self.to_hand_out, picked=self.picked
        )


def remaining(line: GroupOrderLine) -> int:
    return max(0, line.qty_ordered - line.qty_short - line.qty_picked)


def order_state(
    order: GroupOrder, campaign: Campaign | None, *, to_hand_out: int, picked: int
) -> VerdictState:
    """The one rule for "may this order's goods go out now", used by verdicts and hand-outs.

    The platform's word comes first (withdrawn, cancelled, refunded); then whether the goods
    are here; then the quantities, which are the truth about what is left (fulfilment is
    kept in step with them, but a later shortage correction can reopen a collected order).
    """
    if order.withdrawn or (campaign is not None and campaign.withdrawn):
        return VerdictState.WITHDRAWN
    if order.cloud_state == "refunded":
        return VerdictState.REFUNDED
    if order.cloud_state != "active":
        return VerdictState.CANCELLED
    if order.fulfilment == "awaiting":
        return VerdictState.NOT_ARRIVED
    if to_hand_out > 0:
        return VerdictState.PARTLY_PICKED if picked > 0 else VerdictState.READY
    if picked > 0:
        return VerdictState.ALREADY_PICKED
    return VerdictState.ALL_SHORT


@cache
def _load_order_stmt() -> Select:
    return (
        select(GroupOrder, Campaign, GroupOrderLine, CampaignItem)
        .join(Campaign, GroupOrder.campaign_id == Campaign.id)
        .outerjoin(GroupOrderLine, GroupOrderLine.order_id == GroupOrder.id)
        .outerjoin(CampaignItem, GroupOrderLine.campaign_item_id == CampaignItem.id)
        .where(GroupOrder.id == bindparam("order_id"))
        .order_by(GroupOrderLine.id)
    )


def load_order(session: Session, order_id: int) -> OrderLines | None:
    """The order, its campaign and its lines with their items, in one SELECT."""
    if not -SQLITE_INT_LIMIT <= order_id < SQLITE_INT_LIMIT:
        # A genuinely signed code may name any 64-bit order id; SQLite cannot even look
        # one beyond its integers up (OverflowError), and no such order can be stored here.
        return None
    result = session.execute(_load_order_stmt(), {"order_id": order_id}).all()
    if not result:
        return None
    order, campaign = result[0][0], result[0][1]
    rows = tuple((line, item) for _, _, line, item in result if line is not None)
    return OrderLines(order=order, campaign=campaign, rows=rows)


def pickup_records(
    session: Session,
    pickups: Sequence[Pickup],
    *,
    undo_window: timedelta,
    known_order: GroupOrder | None = None,
) -> list[PickupRecord]:
    """Hand-outs (kind=pickup) as records, each marked if an undo row points at it."""
    pickups = [p for p in pickups if p.kind == "pickup"]
    if not pickups:
        return []
    ids = [p.id for p in pickups]
    undos = dict(
        session.execute(
            select(Pickup.undoes_id, Pickup.created_at).where(Pickup.undoes_id.in_(ids))
        ).all()
    )
    line_rows = session.execute(
        select(PickupLine.pickup_id, PickupLine.order_line_id, PickupLine.qty, CampaignItem.name)
        .join(GroupOrderLine, PickupLine.order_line_id == GroupOrderLine.id)
        .join(CampaignItem, GroupOrderLine.campaign_item_id == CampaignItem.id)
        .where(PickupLine.pickup_id.in_(ids))
        .order_by(PickupLine.id)
    ).all()
    lines: dict[int, list[PickupLineRecord]] = {}
    for pickup_id, order_line_id, qty, name in line_rows:
        lines.setdefault(pickup_id, []).append(PickupLineRecord(order_line_id, name, qty))
    staff_ids = {p.staff_id for p in pickups}
    staff = dict(session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(staff_ids))).all())
    order_ids = {p.order_id for p in pickups}
    if known_order is not None and order_ids == {known_order.id}:
        orders = {known_order.id: known_order}
    else:
        orders = {
            o.id: o
            for o in session.scalars(select(GroupOrder).where(GroupOrder.id.in_(order_ids))).all()
        }
    out = []
    for p in pickups:
        order = orders[p.order_id]
        at = as_utc(p.created_at)
        undone_at = undos.get(p.id)
        out.append(
            PickupRecord(
                pickup_id=p.id,
                pickup_uuid=p.uuid,
                order_id=p.order_id,
                order_no=order.order_no,
                customer=mask_name(order.customer_name),
                phone_tail=order.phone_tail,
                at=at,
                staff_name=staff.get(p.staff_id, "?"),
                method=p.method,
                proxy_note=p.proxy_note,
                bag_confirmed=p.bag_confirmed,
                lines=tuple(lines.get(p.id, ())),
                undone=p.id in undos,
                undone_at=as_utc(undone_at) if undone_at is not None else None,
                undo_until=at + undo_window,
            )
        )
    return out


@cache
def _order_pickups_stmt() -> Select:
    undo = aliased(Pickup)
    return (
        select(
            Pickup.id,
            Pickup.uuid,
            Pickup.created_at,
            Pickup.method,
            Pickup.proxy_note,
            Pickup.bag_confirmed,
            Staff.name,
            undo.id,
            undo.created_at,
            PickupLine.order_line_id,
            PickupLine.qty,
            CampaignItem.name,
        )
        .select_from(Pickup)
        .outerjoin(Staff, Staff.id == Pickup.staff_id)
        .outerjoin(undo, undo.undoes_id == Pickup.id)
        .outerjoin(PickupLine, PickupLine.pickup_id == Pickup.id)
        .outerjoin(GroupOrderLine, PickupLine.order_line_id == GroupOrderLine.id)
        .outerjoin(CampaignItem, GroupOrderLine.campaign_item_id == CampaignItem.id)
        .where(Pickup.order_id == bindparam("order_id"), Pickup.kind == "pickup")
        .order_by(Pickup.created_at, Pickup.id, PickupLine.id)
    )


def order_pickups(
    session: Session, order: GroupOrder, *, undo_window: timedelta
) -> list[PickupRecord]:
    """Every hand-out of `order`, oldest first, undone ones marked: one SELECT.

    Each pickup comes with its lines (and their item names), its staff member's name and
    the undo row pointing at it, if any (`undoes_id` is unique, so at most one).
    """
    rows = session.execute(_order_pickups_stmt(), {"order_id": order.id}).all()
    if not rows:
        return []
    customer = mask_name(order.customer_name)
    out: list[PickupRecord] = []
    current: list = []
    lines: list[PickupLineRecord] = []

    def close() -> None:
        (pid, uuid, created, method, note, bag, staff_name, undo_id, undone_at) = current
        at = as_utc(created)
        out.append(
            PickupRecord(
                pickup_id=pid,
                pickup_uuid=uuid,
                order_id=order.id,
                order_no=order.order_no,
                customer=customer,
                phone_tail=order.phone_tail,
                at=at,
                staff_name=staff_name if staff_name is not None else "?",
                method=method,
                proxy_note=note,
                bag_confirmed=bag,
                lines=tuple(lines),
                undone=undo_id is not None,
                undone_at=as_utc(undone_at) if undone_at is not None else None,
                undo_until=at + undo_window,
            )
        )

    for row in rows:
        if not current or current[0] != row[0]:
            if current:
                close()
            current = list(row[:9])
            lines = []
        if row[9] is not None:
            lines.append(PickupLineRecord(row[9], row[11] if row[11] is not None else "", row[10]))
    close()
    return out


def naive_utc(instant: datetime) -> datetime:
    return as_utc(instant).replace(tzinfo=None)
