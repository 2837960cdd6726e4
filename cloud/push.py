"""POST /v1/push: apply a device's events once, in sequence order, and say what happened.

One transaction for the batch: an event's effects and its ledger entry commit together or
not at all. The ledger rows, orders and records the batch names are read up front in a few
IN queries, handlers reject an event before writing anything (so no savepoint is needed),
and the batch is flushed once at the end. Rules, in the order they are checked per event:

1. seq beyond last_seq + 1 of its (device, epoch) series: a gap. Stop; answer expected_seq.
2. event id already in the ledger: `duplicate`, with the first answer's reason and detail.
3. otherwise apply it: `applied`, `rejected` (reason) or `conflict` (recorded for people).

All four count as processed, so one bad event never wedges the queue. A device epoch the
platform has not seen starts a new series at seq 1 (a station restored from a backup);
event ids still dedupe across epochs and devices of the station.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.auth import Caller
from cloud.db import utcnow
from cloud.effects import BATCH_KEY, Outcome, Rejected, apply_event, prefetch_batch
from cloud.models import CloudConflict, Device, DeviceSeries, EventLedger, SeriesGap
from sync.protocol import EventEnvelope
from sync.protocol import messages as m


def process_push(session: Session, caller: Caller, request: m.PushRequest) -> m.PushResponse:
    now = utcnow()
    # The device row lock serialises two pushes of one device (a retry racing its original).
    device = session.execute(
        select(Device).where(Device.id == caller.device_id).with_for_update()
    ).scalar_one()
    device.last_seen_at = now
    device.epoch = max(device.epoch, request.device_epoch)
    series = session.get(DeviceSeries, (device.id, request.device_epoch))
    if series is None:
        series = DeviceSeries(device_id=device.id, epoch=request.device_epoch, last_seq=0)
        session.add(series)
    if request.skip_to_seq is not None and request.skip_to_seq > series.last_seq + 1:
        session.add(
            SeriesGap(
                device_id=device.id,
                epoch=request.device_epoch,
                from_seq=series.last_seq + 1,
                to_seq=request.skip_to_seq,
                created_at=now,
            )
        )
        series.last_seq = request.skip_to_seq - 1

    results: list[m.PushResult] = []
    expected_seq: int | None = None
    event_ids = sorted({envelope.event_id for envelope in request.events})
    ledger: dict[str, EventLedger] = {}
    for start in range(0, len(event_ids), 500):
        for row in session.scalars(
            select(EventLedger).where(EventLedger.event_id.in_(event_ids[start : start + 500]))
        ):
            ledger[row.event_id] = row
    batch = prefetch_batch(
        session,
        caller.station_id,
        [envelope.payload for envelope in request.events if envelope.event_id not in ledger],
    )
    session.info[BATCH_KEY] = batch
    try:
        for envelope in request.events:
            if envelope.seq > series.last_seq + 1:
                expected_seq = series.last_seq + 1
                break
            results.append(_process_one(session, caller, envelope, ledger))
            if envelope.seq == series.last_seq + 1:
                series.last_seq = envelope.seq
        batch.finish(session)
    finally:
        session.info.pop(BATCH_KEY, None)
    session.flush()
    return m.PushResponse(
        results=results, expected_seq=expected_seq, last_seq=series.last_seq, server_time=now
    )


def _process_one(
    session: Session, caller: Caller, envelope: EventEnvelope, ledger: dict[str, EventLedger]
) -> m.PushResult:
    first = ledger.get(envelope.event_id)
    if first is not None:
        if first.station_id != caller.station_id:
            # Never tell one station anything about another's events.
            return m.PushResult(
                event_id=envelope.event_id,
                status="rejected",
                reason=m.REASON_EVENT_ID_TAKEN,
                detail="this event id is already in use",
            )
        return m.PushResult(
            event_id=envelope.event_id,
            status="duplicate",
            reason=first.reason,
            detail=_clip(first.detail),
            first_status=first.status,  # type: ignore[arg-type]
        )

    try:
        # Handlers reject before writing anything, so a refusal needs no savepoint.
        outcome = apply_event(session, caller.station_id, envelope.event_id, envelope.payload)
    except Rejected as refusal:
        outcome = Outcome("rejected", refusal.reason, refusal.detail)

    now = utcnow()
    if outcome.status == "conflict":
        session.add(
            CloudConflict(
                station_id=caller.station_id,
                event_id=envelope.event_id,
                kind=envelope.kind,
                order_id=outcome.order_id,
                reason=outcome.reason or "conflict",
                detail=outcome.detail or "",
                created_at=now,
            )
        )
    entry = EventLedger(
        event_id=envelope.event_id,
        station_id=caller.station_id,
        device_id=caller.device_id,
        device_epoch=envelope.device_epoch,
        seq=envelope.seq,
        kind=envelope.kind,
        schema_version=envelope.schema_version,
        payload=envelope.payload.model_dump(mode="json"),
        created_at=envelope.created_at,
        received_at=now,
        status=outcome.status,
        reason=outcome.reason,
        detail=outcome.detail,
    )
    session.add(entry)
    ledger[envelope.event_id] = entry
    return m.PushResult(
        event_id=envelope.event_id,
        status=outcome.status,
        reason=outcome.reason,
        detail=_clip(outcome.detail),
    )


def _clip(text: str | None) -> str | None:
    return text if text is None or len(text) <= 1000 else text[:997] + "..."
