"""The outbox: every local event waiting for (or kept after) its upload to the platform.

`write_event` is the one way an event enters the outbox. A service calls it inside its own
write transaction, next to the change the event describes, and commits both together: a
sale the shopkeeper sees on screen is always also in the outbox, and a sale that failed to
save leaves nothing behind to upload.

Each event gets a UUID and the next number of this device's sequence, which rises by
exactly one with no gaps. After a local backup is restored the device starts a new epoch,
whose sequence begins again at 1, so the platform never mistakes new events for old ones.
Acknowledged rows are kept until `purge_acknowledged` drops them after the retention
period, because a platform restored from an older backup may ask for them again.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError
from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.clock import as_utc
from app.errors import AppError
from local_db.models import NumberCounter, Outbox, Station
from sync.protocol import EVENT_SCHEMA_VERSION, BaseEvent, EventEnvelope, parse_event

SEQ_COUNTER_PREFIX = "outbox_seq:"
"""NumberCounter rows named outbox_seq:{epoch} hold the last sequence number taken."""

PUSH_RESULTS = frozenset({"applied", "duplicate", "rejected", "conflict"})
"""How the platform answers each pushed event; every one of them counts as processed."""


class OutboxError(AppError):
    """The outbox cannot take or hand out events (no station row, a corrupt payload)."""


@dataclass(frozen=True, slots=True)
class OutboxRecord:
    """What was written: the event's id and its place in the device's sequence."""

    event_id: str
    device_id: str
    device_epoch: int
    seq: int
    kind: str
    schema_version: int
    created_at: datetime  # aware UTC


def seq_counter_name(epoch: int) -> str:
    return f"{SEQ_COUNTER_PREFIX}{epoch}"


def write_event(session: Session, event: BaseEvent, *, now: datetime) -> OutboxRecord:
    """Queue `event` for upload inside the caller's transaction; the caller commits.

    If the caller rolls back, neither the event nor its sequence number is used up.
    """
    if not isinstance(event, BaseEvent):
        raise TypeError(f"write_event takes a protocol event, not {type(event).__name__}")
    payload = event.model_dump(mode="json", warnings=False)
    try:
        # A model built with model_construct() skips validation; this catches it here
        # rather than on the platform, days later.
        parse_event(payload)
    except ValidationError as exc:
        raise OutboxError(f"event {event.kind!r} does not match the protocol: {exc}") from exc
    created = _naive_utc(now)
    station = _the_station(session)
    epoch = station.device_epoch
    seq = _take_next(session, seq_counter_name(epoch))
    row = Outbox(
        event_id=str(uuid.uuid4()),
        device_epoch=epoch,
        seq=seq,
        device_id=station.device_id,
        kind=event.kind,
        schema_version=EVENT_SCHEMA_VERSION,
        payload=payload,
        created_at=created,
    )
    session.add(row)
    session.flush()
    return OutboxRecord(
        event_id=row.event_id,
        device_id=station.device_id,
        device_epoch=epoch,
        seq=seq,
        kind=row.kind,
        schema_version=row.schema_version,
        created_at=as_utc(created),
    )


def pending_count(session: Session) -> int:
    """How many events wait for upload (the status bar's "waiting to upload")."""
    count = session.scalar(select(func.count()).select_from(Outbox).where(Outbox.sent_at.is_(None)))
    return int(count or 0)


def pending_batch(session: Session, limit: int) -> list[EventEnvelope]:
    """The next events to push, in sequence order, all from one epoch.

    Events of an older epoch go first: they were written before the restore that began the
    current epoch, and what came after may depend on them (an undo of an earlier pickup).
    A batch never mixes epochs, so each one is a single unbroken run of one sequence.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    epoch = session.scalar(
        select(func.min(Outbox.device_epoch)).where(Outbox.sent_at.is_(None))
    )
    if epoch is None:
        return []
    device_id = session.scalar(
        select(Outbox.device_id)
        .where(Outbox.sent_at.is_(None), Outbox.device_epoch == epoch)
        .order_by(Outbox.seq)
        .limit(1)
    )
    rows = session.scalars(
        select(Outbox)
        .where(
            Outbox.sent_at.is_(None), Outbox.device_epoch == epoch, Outbox.device_id == device_id
        )
        .order_by(Outbox.seq)
        .limit(limit)
    ).all()
    return [_envelope(row, row.device_id) for row in rows]


def mark_sent(
    session: Session,
    event_ids: Iterable[str],
    results: Mapping[str, tuple[str, str | None]],
    now: datetime,
) -> int:
    """Record the platform's answer for each pushed event; returns how many rows changed.

    `results` maps event_id to (result, detail) with result one of PUSH_RESULTS. An event in
    `event_ids` the platform gave no answer for stays pending and goes again next time.
    """
    for event_id, (result, _detail) in results.items():
        if result not in PUSH_RESULTS:
            raise ValueError(f"unknown push result {result!r} for event {event_id}")
    sent_at = _naive_utc(now)
    rows = [
        {"b_event_id": event_id, "b_result": results[event_id][0], "b_detail": results[event_id][1]}
        for event_id in dict.fromkeys(event_ids)
        if event_id in results
    ]
    if not rows:
        return 0
    table = Outbox.__table__
    # One executemany for the whole batch: a statement per row cost more than the push itself.
    outcome = session.execute(
        update(table)
        .where(table.c.event_id == bindparam("b_event_id"))
        .values(sent_at=sent_at, result=bindparam("b_result"), result_detail=bindparam("b_detail")),
        rows,
    )
    session.expire_all()
    return int(outcome.rowcount or 0)  # type: ignore[attr-defined]


def requeue_from(session: Session, *, device_epoch: int, seq: int = 1) -> int:
    """Send again acknowledged events of `device_epoch` from `seq` on; returns how many.

    For when the platform lost them: it answers a push with the sequence number it expects,
    or it was restored from a backup and its cursor came back as reset.
    """
    outcome = session.execute(
        update(Outbox)
        .where(
            Outbox.device_epoch == device_epoch,
            Outbox.seq >= seq,
            Outbox.sent_at.is_not(None),
        )
        .values(sent_at=None, result=None, result_detail=None)
        .execution_options(synchronize_session=False)
    )
    session.expire_all()
    return int(outcome.rowcount or 0)  # type: ignore[attr-defined]


def start_new_epoch(session: Session, *, at_least: int | None = None) -> int:
    """After a local backup is restored: begin a new device epoch and return it.

    The new epoch's sequence starts at 1. `at_least` lets the caller pass an epoch known
    from outside this database (the platform's record, the settings file), because a
    database restored from an older backup has also forgotten any later epochs.
    """
    station = _the_station(session)
    new_epoch = station.device_epoch + 1
    if at_least is not None:
        new_epoch = max(new_epoch, at_least)
    station.device_epoch = new_epoch
    session.flush()
    return new_epoch


def purge_acknowledged(session: Session, older_than: datetime) -> int:
    """Drop events the platform acknowledged before `older_than` (the retention period).

    Pending events are never dropped, however old. Returns how many rows went.
    """
    cutoff = _naive_utc(older_than)
    outcome = session.execute(
        delete(Outbox)
        .where(Outbox.sent_at.is_not(None), Outbox.sent_at < cutoff)
        .execution_options(synchronize_session=False)
    )
    session.expire_all()
    return int(outcome.rowcount or 0)  # type: ignore[attr-defined]


# --- inside ----------------------------------------------------------------------------------


def _the_station(session: Session) -> Station:
    stations = session.scalars(select(Station).limit(2)).all()
    if len(stations) != 1:
        raise OutboxError(
            "no station row: the station must be set up before anything is recorded"
            if not stations
            else "more than one station row in the database"
        )
    return stations[0]


def _take_next(session: Session, name: str) -> int:
    # One statement that creates or increments the row and returns the new value, so the
    # number is taken in the caller's transaction and given back if it rolls back.
    stmt = (
        sqlite_insert(NumberCounter)
        .values(name=name, value=1)
        .on_conflict_do_update(
            index_elements=[NumberCounter.name], set_={"value": NumberCounter.value + 1}
        )
        .returning(NumberCounter.value)
    )
    return int(session.execute(stmt).scalar_one())


def _envelope(row: Outbox, device_id: str) -> EventEnvelope:
    try:
        return EventEnvelope.model_validate(
            {
                "event_id": row.event_id,
                "device_id": device_id,
                "device_epoch": row.device_epoch,
                "seq": row.seq,
                "kind": row.kind,
                "schema_version": row.schema_version,
                "created_at": as_utc(row.created_at),
                "payload": row.payload,
            }
        )
    except ValidationError as exc:
        raise OutboxError(
            f"outbox event {row.event_id} (epoch {row.device_epoch}, seq {row.seq}) "
            f"no longer matches the protocol: {exc}"
        ) from exc


def _naive_utc(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("pass an aware datetime (UTC); the outbox stores naive UTC")
    return instant.astimezone(UTC).replace(tzinfo=None)
