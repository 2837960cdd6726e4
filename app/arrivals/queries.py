"""Queries shared by the receiving service and the sign-off, inside the caller's session."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from local_db.models import Arrival, ArrivalLine, CampaignItem, GroupOrder, GroupOrderLine


def active_orders() -> tuple[Any, ...]:
    """Orders the station still serves: not cancelled, refunded or withdrawn by the platform."""
    return (GroupOrder.cloud_state == "active", GroupOrder.withdrawn.is_(False))


def naive_utc(instant: datetime) -> datetime:
    return instant.astimezone(UTC).replace(tzinfo=None)


def campaign_items(session: Session, campaign_id: int) -> list[CampaignItem]:
    return list(session.scalars(
        select(CampaignItem).where(CampaignItem.campaign_id == campaign_id,
                                   CampaignItem.withdrawn.is_(False)).order_by(CampaignItem.id)
    ).all())


def ensure_lines(session: Session, arrival: Arrival) -> dict[int, ArrivalLine]:
    """The arrival's lines by campaign item, adding one for any item that has none yet."""
    lines = {line.campaign_item_id: line for line in arrival.lines}
    missing = [i for i in campaign_items(session, arrival.campaign_id) if i.id not in lines]
    if missing:
        expected = expected_quantities(session, arrival)
        for item in missing:
            line = ArrivalLine(arrival_id=arrival.id, campaign_item_id=item.id,
                               qty_expected=expected.get(item.id, 0))
            session.add(line)
            arrival.lines.append(line)
            lines[item.id] = line
        session.flush()
    return lines


def ordered_quantities(session: Session, campaign_id: int) -> dict[int, int]:
    """Pieces of each item ordered here, cancelled and refunded orders left out."""
    rows = session.execute(
        select(GroupOrderLine.campaign_item_id, func.sum(GroupOrderLine.qty_ordered))
        .join(GroupOrder, GroupOrder.id == GroupOrderLine.order_id)
        .where(GroupOrder.campaign_id == campaign_id, *active_orders())
        .group_by(GroupOrderLine.campaign_item_id)
    ).all()
    return {item_id: int(qty or 0) for item_id, qty in rows}


def earlier_totals(session: Session, arrival: Arrival) -> dict[int, tuple[int, int]]:
    """Per item, (good pieces received, pieces declared damaged or missing) on the signed
    deliveries of the same campaign before `arrival`."""
    rows = session.execute(
        select(ArrivalLine.campaign_item_id, func.sum(ArrivalLine.qty_received),
               func.sum(ArrivalLine.qty_damaged + ArrivalLine.qty_missing))
        .join(Arrival, Arrival.id == ArrivalLine.arrival_id)
        .where(Arrival.campaign_id == arrival.campaign_id, Arrival.signed_off.is_(True),
               Arrival.id < arrival.id)
        .group_by(ArrivalLine.campaign_item_id)
    ).all()
    return {item_id: (int(good or 0), int(lost or 0)) for item_id, good, lost in rows}


def expected_quantities(session: Session, arrival: Arrival) -> dict[int, int]:
    """What the orders still need of each item before this delivery: ordered, less what
    earlier deliveries brought or declared damaged or missing."""
    ordered = ordered_quantities(session, arrival.campaign_id)
    before = earlier_totals(session, arrival)
    return {
        item_id: max(0, qty - sum(before.get(item_id, (0, 0))))
        for item_id, qty in ordered.items()
    }


def committed_quantities(session: Session, campaign_id: int) -> dict[int, int]:
    """Pieces of each item already bagged for orders that are ready or (partly) picked up."""
    rows = session.execute(
        select(GroupOrderLine.campaign_item_id,
               func.sum(GroupOrderLine.qty_ordered - GroupOrderLine.qty_short))
        .join(GroupOrder, GroupOrder.id == GroupOrderLine.order_id)
        .where(GroupOrder.campaign_id == campaign_id, *active_orders(),
               GroupOrder.fulfilment != "awaiting")
        .group_by(GroupOrderLine.campaign_item_id)
    ).all()
    return {item_id: int(qty or 0) for item_id, qty in rows}
