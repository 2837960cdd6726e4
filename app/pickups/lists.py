"""The leader's lists: today's pickups, and orders waiting on the shelf (滞留)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import BusinessCalendar, as_utc
from app.pickups.masking import mask_name
from app.pickups.records import naive_utc, order_state, pickup_records
from app.pickups.verdict import STORAGE_NAMES, PickupRecord, VerdictState
from local_db.models import Campaign, CampaignItem, GroupOrder, GroupOrderLine, Pickup


@dataclass(frozen=True, slots=True)
class WaitingOrder:
    """An order whose goods are on the shelf, waiting for the customer."""

    order_id: int
    order_no: str
    campaign_id: int
    campaign_title: str
    customer: str  # masked: 张**
    phone_tail: str
    items: int  # pieces still to hand out
    shelf_slot: str | None
    bag_id: str | None
    storages: tuple[str, ...]  # ambient, chilled, frozen among what is left
    state: VerdictState  # READY or PARTLY_PICKED
    waiting_since: date | None  # business day it became ready (or the campaign's pickup date)
    days_waiting: int
    deadline: datetime | None
    deadline_passed: bool


def todays_pickups(
    session: Session, *, now: datetime, calendar: BusinessCalendar, undo_window: timedelta
) -> list[PickupRecord]:
    """Hand-outs of the current business day, newest first; undone ones are marked."""
    start, end = calendar.day_bounds(calendar.business_day(now))
    pickups = session.scalars(
        select(Pickup)
        .where(
            Pickup.kind == "pickup",
            Pickup.created_at >= naive_utc(start),
            Pickup.created_at < naive_utc(end),
        )
        .order_by(Pickup.created_at.desc(), Pickup.id.desc())
    ).all()
    return pickup_records(session, pickups, undo_window=undo_window)


def waiting_orders(
    session: Session,
    *,
    now: datetime,
    calendar: BusinessCalendar,
    campaign_id: int | None = None,
    min_days: int = 0,
) -> list[WaitingOrder]:
    """Ready or partly collected orders with goods still here, longest waiting first.

    Days are counted in business days from when the bag became ready (or, if the
    platform's data has no such time, from the campaign's pickup date).
    """
    conditions = [
        GroupOrder.cloud_state == "active",
        GroupOrder.fulfilment.in_(("ready", "partial")),
        GroupOrder.withdrawn.is_(False),
        Campaign.withdrawn.is_(False),
    ]
    if campaign_id is not None:
        conditions.append(GroupOrder.campaign_id == campaign_id)
    left = func.sum(
        func.max(
            0, GroupOrderLine.qty_ordered - GroupOrderLine.qty_short - GroupOrderLine.qty_picked
        )
    )
    picked = func.sum(GroupOrderLine.qty_picked)
    rows = session.execute(
        select(GroupOrder, Campaign.title, Campaign.pickup_date, left, picked)
        .join(Campaign, GroupOrder.campaign_id == Campaign.id)
        .join(GroupOrderLine, GroupOrderLine.order_id == GroupOrder.id)
        .where(*conditions)
        .group_by(GroupOrder.id)
    ).all()
    ids = [order.id for order, *_ in rows]
    storages: dict[int, set[str]] = {}
    for chunk in _chunks(ids, 500):
        for order_id, storage in session.execute(
            select(GroupOrderLine.order_id, CampaignItem.storage)
            .join(CampaignItem, GroupOrderLine.campaign_item_id == CampaignItem.id)
            .where(
                GroupOrderLine.order_id.in_(chunk),
                GroupOrderLine.qty_ordered - GroupOrderLine.qty_short - GroupOrderLine.qty_picked
                > 0,
            )
            .distinct()
        ):
            storages.setdefault(order_id, set()).add(storage)
    today = calendar.business_day(now)
    out = []
    for order, title, pickup_date, items, picked_total in rows:
        items = int(items or 0)
        if items <= 0:
            continue
        if order.ready_at is not None:
            since: date | None = calendar.business_day(as_utc(order.ready_at))
        else:
            since = pickup_date
        days = max(0, (today - since).days) if since is not None else 0
        if days < min_days:
            continue
        deadline = as_utc(order.pickup_deadline) if order.pickup_deadline else None
        kinds = storages.get(order.id, set())
        out.append(
            WaitingOrder(
                order_id=order.id,
                order_no=order.order_no,
                campaign_id=order.campaign_id,
                campaign_title=title,
                customer=mask_name(order.customer_name),
                phone_tail=order.phone_tail,
                items=items,
                shelf_slot=order.shelf_slot,
                bag_id=order.bag_id,
                storages=tuple(s for s in STORAGE_NAMES if s in kinds)
                + tuple(sorted(kinds - set(STORAGE_NAMES))),
                state=order_state(order, None, to_hand_out=items, picked=int(picked_total or 0)),
                waiting_since=since,
                days_waiting=days,
                deadline=deadline,
                deadline_passed=deadline is not None and now > deadline,
            )
        )
    out.sort(key=lambda w: (-w.days_waiting, w.shelf_slot or "~", w.order_id))
    return out


def _chunks(ids: list[int], size: int) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
