"""What the platform's people read: orders, claims, conflicts and a station's totals."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cloud.models import (
    ClaimRecord,
    CloudConflict,
    CounterRecord,
    Device,
    GroupOrder,
    PickupRecord,
    SaleLineRecord,
    Station,
)


def list_stations(session: Session) -> list[dict[str, Any]]:
    devices = dict(
        session.execute(
            select(Device.station_id, func.count()).where(Device.revoked_at.is_(None)).group_by(Device.station_id)
        ).all()
    )
    return [
        {"id": s.id, "code": s.code, "name": s.name, "devices": int(devices.get(s.id, 0))}
        for s in session.scalars(select(Station).order_by(Station.id))
    ]


def list_devices(session: Session, station_id: int) -> list[dict[str, Any]]:
    return [
        {
            "id": d.id,
            "name": d.name,
            "created_at": d.created_at.isoformat(),
            "last_seen_at": d.last_seen_at.isoformat() if d.last_seen_at else None,
            "epoch": d.epoch,
            "revoked": d.revoked_at is not None,
        }
        for d in session.scalars(select(Device).where(Device.station_id == station_id).order_by(Device.created_at))
    ]


def list_orders(session: Session, station_id: int) -> list[dict[str, Any]]:
    # No customer name or phone digits here: this is printed to a terminal or a log.
    return [
        {
            "id": o.id,
            "order_no": o.order_no,
            "campaign_id": o.campaign_id,
            "pickup_code": o.pickup_code,
            "cloud_state": o.cloud_state,
            "fulfilment": o.fulfilment,
        }
        for o in session.scalars(
            select(GroupOrder).where(GroupOrder.station_id == station_id).order_by(GroupOrder.id)
        )
    ]


def list_claims(session: Session, station_id: int | None = None) -> list[dict[str, Any]]:
    query = select(ClaimRecord).order_by(ClaimRecord.created_at)
    if station_id is not None:
        query = query.where(ClaimRecord.station_id == station_id)
    return [
        {
            "claim_uuid": c.claim_uuid,
            "station_id": c.station_id,
            "campaign_item_id": c.campaign_item_id,
            "kind": c.claim_kind,
            "qty": c.qty,
            "reason": c.reason,
            "status": c.status,
        }
        for c in session.scalars(query)
    ]


def list_conflicts(session: Session, station_id: int | None = None) -> list[dict[str, Any]]:
    query = select(CloudConflict).order_by(CloudConflict.id)
    if station_id is not None:
        query = query.where(CloudConflict.station_id == station_id)
    return [
        {
            "id": c.id,
            "station_id": c.station_id,
            "event_id": c.event_id,
            "kind": c.kind,
            "order_id": c.order_id,
            "reason": c.reason,
            "detail": c.detail,
            "resolved": c.resolved_at is not None,
        }
        for c in session.scalars(query)
    ]


def station_totals(session: Session, station_id: int, day: date | None = None) -> dict[str, Any]:
    """Counts and sums per kind of counter record, units sold per item, pickups counted."""
    query = (
        select(CounterRecord.kind, func.count(), func.coalesce(func.sum(CounterRecord.amount_fen), 0))
        .where(CounterRecord.station_id == station_id)
        .group_by(CounterRecord.kind)
    )
    if day is not None:
        query = query.where(CounterRecord.business_day == day)
    by_kind = {kind: {"count": int(n), "amount_fen": int(total)} for kind, n, total in session.execute(query)}
    lines = select(
        SaleLineRecord.name, func.sum(SaleLineRecord.qty), func.sum(SaleLineRecord.line_total_fen)
    ).where(SaleLineRecord.station_id == station_id)
    if day is not None:
        lines = lines.join(CounterRecord, CounterRecord.id == SaleLineRecord.counter_record_id).where(
            CounterRecord.business_day == day
        )
    items = {
        name: {"qty": int(qty), "amount_fen": int(total)}
        for name, qty, total in session.execute(lines.group_by(SaleLineRecord.name))
    }
    pickups = session.scalar(
        select(func.count()).where(
            PickupRecord.station_id == station_id,
            PickupRecord.status == "applied",
            PickupRecord.undo_uuid.is_(None),
        )
    )
    return {"by_kind": by_kind, "items": items, "pickups": int(pickups or 0)}
