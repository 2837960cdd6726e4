"""Customers' orders as the platform's mini-program places them, and the platform's own
cancellations and refunds.

Each order gets an 8-digit pickup code (提货码) unique at its station among active orders,
and a signed pickup QR text (docs/pickup-code.md) naming the order and the station.
"""
from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.changes import record_change
from cloud.db import utcnow
from cloud.keys import signing_key
from cloud.models import CampaignItem, GroupOrder, GroupOrderLine, Station
from cloud.platform import PlatformError, campaign_offered, offer_campaign
from sync.pickup_code import PickupClaim, issue_pickup_code

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")  # no daylight saving time
PHONE_TAIL = re.compile(r"^[0-9]{4}$")
MAX_CODE_TRIES = 50
MAX_ORDER_LINES = 100  # GroupOrderPut's bound


def place_order(
    session: Session,
    *,
    station_id: int,
    campaign_id: int,
    customer_name: str,
    phone_tail: str,
    building_room: str | None,
    lines: Sequence[tuple[int, int]],
    placed_at: datetime | None = None,
    pickup_deadline: datetime | None = None,
) -> GroupOrder:
    """An order of (campaign_item_id, qty) lines for pickup at `station_id`."""
    if session.get(Station, station_id) is None:
        raise PlatformError(f"no station {station_id}")
    if not PHONE_TAIL.match(phone_tail):
        raise PlatformError("phone_tail is the last 4 digits of the phone, no more")
    if not 1 <= len(customer_name) <= 50:
        raise PlatformError("a display name is 1-50 characters")
    if not 1 <= len(lines) <= MAX_ORDER_LINES:
        raise PlatformError(f"an order has 1-{MAX_ORDER_LINES} lines")
    if building_room is not None and len(building_room) > 50:
        raise PlatformError("building/room is at most 50 characters")
    items = {
        item.id: item
        for item in session.scalars(
            select(CampaignItem).where(CampaignItem.id.in_([item_id for item_id, _ in lines]))
        )
    }
    for item_id, qty in lines:
        item = items.get(item_id)
        if item is None or item.campaign_id != campaign_id or item.withdrawn:
            raise PlatformError(f"item {item_id} is not on offer in campaign {campaign_id}")
        if qty < 1:
            raise PlatformError("a line's quantity is at least 1")
    if not campaign_offered(session, campaign_id, station_id):
        offer_campaign(session, campaign_id, station_id)

    now = utcnow()
    code = _free_pickup_code(session, station_id)
    order = GroupOrder(
        station_id=station_id,
        campaign_id=campaign_id,
        order_no=f"tmp-{uuid.uuid4().hex[:24]}",
        customer_name=customer_name,
        phone_tail=phone_tail,
        building_room=building_room,
        pickup_code=code,
        open_pickup_code=code,
        cloud_state="active",
        state_reason="",
        fulfilment="awaiting",
        placed_at=placed_at or now,
        pickup_deadline=pickup_deadline,
        withdrawn=False,
    )
    session.add(order)
    session.flush()
    order.order_no = f"GB{order.placed_at.astimezone(CHINA):%Y%m%d}{order.id:08d}"
    for item_id, qty in lines:
        session.add(
            GroupOrderLine(
                order_id=order.id,
                campaign_item_id=item_id,
                qty_ordered=qty,
                price_fen=items[item_id].price_fen,
                qty_picked=0,
                qty_short=0,
            )
        )
    key_id, private_key = signing_key(session)
    order.qr_text = issue_pickup_code(
        PickupClaim(order_id=order.id, station_id=station_id, issued_at=now, key_id=key_id),
        private_key,
    )
    session.flush()
    record_change(session, station_id, "group_order", order.id)
    return order


def _free_pickup_code(session: Session, station_id: int) -> str:
    # Random, not sequential: a code read out at the counter must not be guessable from
    # a neighbour's. The unique constraint on (station_id, open_pickup_code) backs this up.
    for _ in range(MAX_CODE_TRIES):
        code = f"{secrets.randbelow(10**8):08d}"
        taken = session.scalar(
            select(GroupOrder.id).where(
                GroupOrder.station_id == station_id, GroupOrder.open_pickup_code == code
            )
        )
        if taken is None:
            return code
    raise PlatformError("could not find a free pickup code")  # 10^8 codes: not in practice


def cancel_order(session: Session, order_id: int, reason: str = "") -> GroupOrder:
    """The platform cancels an order (取消): the station learns it on its next pull."""
    return _set_state(session, order_id, "cancelled", reason or "平台取消")


def refund_order(session: Session, order_id: int, reason: str = "") -> GroupOrder:
    """The platform refunds an order (退款): a pickup after this is a conflict."""
    return _set_state(session, order_id, "refunded", reason or "平台退款")


def _set_state(session: Session, order_id: int, state: str, reason: str) -> GroupOrder:
    order = session.execute(
        select(GroupOrder).where(GroupOrder.id == order_id).with_for_update()
    ).scalar_one_or_none()
    if order is None:
        raise PlatformError(f"no order {order_id}")
    if order.cloud_state != "active":
        raise PlatformError(f"order {order_id} is already {order.cloud_state}")
    order.cloud_state = state
    order.state_reason = reason[:200]
    order.state_changed_at = utcnow()
    order.open_pickup_code = None
    session.flush()
    record_change(session, order.station_id, "order_state", order.id)
    return order
