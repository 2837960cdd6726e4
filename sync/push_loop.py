"""Uploading the outbox: batches of up to 200 events, oldest epoch first, until none wait.

Every answer counts as processed (applied, duplicate, rejected, conflict): the event is
marked sent with its status, so one bad event never wedges the queue. A conflict (the
platform refunded an order before our hand-out reached it, say) also becomes a local
`Conflict` row for the leader to resolve. When the platform answers `expected_seq` (it lost
part of this device's series), the events from there on are queued again and pushed; if
this device no longer keeps those events (purged after the retention period), the next
batch says `skip_to_seq` so the platform records the gap and goes on.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from local_db.engine import Database
from local_db.models import Conflict, Outbox, Station
from sync.client import MalformedAnswer, SyncCancelled, SyncClient
from sync.outbox import mark_sent, pending_batch, pending_count, requeue_from
from sync.protocol import EventEnvelope
from sync.protocol import messages as m

log = logging.getLogger(__name__)

MAX_ROUNDS_WITHOUT_RESULTS = 3


@dataclass
class PushOutcome:
    batches: int = 0
    sent: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    new_conflicts: int = 0
    requeued: int = 0
    skipped_gaps: int = 0


def push_pending(
    db: Database,
    client: SyncClient,
    *,
    now: Callable[[], datetime],
    cancel: threading.Event | None = None,
    on_batch: Callable[[PushOutcome, int], None] | None = None,
    batch_size: int = m.MAX_EVENTS_PER_PUSH,
) -> PushOutcome:
    """Push every pending event; returns what the platform said. Raises SyncError."""
    out = PushOutcome()
    skip_to: dict[int, int] = {}  # device epoch -> skip_to_seq for its next batch
    idle_rounds = 0
    while True:
        if cancel is not None and cancel.is_set():
            raise SyncCancelled()
        with db.read() as uow:
            batch = pending_batch(uow.session, batch_size)
            device_id = uow.session.scalar(select(Station.device_id).limit(1))
        if not batch:
            return out
        epoch, batch_device = batch[0].device_epoch, batch[0].device_id
        if batch_device != device_id:
            # Enrolment moves waiting events to the new device; this is a database edited by hand.
            raise MalformedAnswer(
                f"waiting events belong to device {batch_device}, not this device {device_id}"
            )
        request = client.push_body(
            device_id=device_id, device_epoch=epoch, events=batch, skip_to_seq=skip_to.pop(epoch, None)
        )
        answer = client.push(request)
        _check_answer(batch, answer)
        with db.write() as uow:
            _record(uow.session, batch, answer, now(), out)
            if answer.expected_seq is not None:
                _rewind(uow.session, epoch, answer.expected_seq, skip_to, out)
            uow.commit()
        out.batches += 1
        idle_rounds = 0 if answer.results else idle_rounds + 1
        if idle_rounds >= MAX_ROUNDS_WITHOUT_RESULTS:
            raise MalformedAnswer(
                f"the platform keeps asking for seq {answer.expected_seq} of epoch {epoch} "
                "without taking any event"
            )
        if on_batch is not None:
            with db.read() as uow:
                on_batch(out, pending_count(uow.session))


def _check_answer(batch: list[EventEnvelope], answer: m.PushResponse) -> None:
    sent = {env.event_id for env in batch}
    seen: set[str] = set()
    for result in answer.results:
        if result.event_id not in sent or result.event_id in seen:
            raise MalformedAnswer("a push answer names an event that was not in the batch")
        seen.add(result.event_id)
    if answer.expected_seq is not None and answer.expected_seq < 1:
        raise MalformedAnswer("a push answer asks for a sequence number below 1")


def _record(
    session: Session, batch: list[EventEnvelope], answer: m.PushResponse, now: datetime,
    out: PushOutcome,
) -> None:
    by_id = {env.event_id: env for env in batch}
    results: dict[str, tuple[str, str | None]] = {}
    for result in answer.results:
        text = _detail(result)
        results[result.event_id] = (result.status, text)
        out.statuses[result.status] = out.statuses.get(result.status, 0) + 1
        if result.status == "conflict" or result.first_status == "conflict":
            out.new_conflicts += _conflict(session, by_id[result.event_id], result, now)
    out.sent += mark_sent(session, list(results), results, now)


def _detail(result: m.PushResult) -> str | None:
    parts = []
    if result.first_status and result.status == "duplicate":
        parts.append(f"first: {result.first_status}")
    if result.reason:
        parts.append(result.reason)
    if result.detail:
        parts.append(result.detail)
    return "; ".join(parts) or None


def _conflict(session: Session, env: EventEnvelope, result: m.PushResult, now: datetime) -> int:
    exists = session.scalar(select(Conflict.id).where(Conflict.event_id == env.event_id))
    if exists is not None:
        return 0
    order_id = getattr(env.payload, "order_id", None)
    session.add(
        Conflict(
            event_id=env.event_id,
            kind=env.kind,
            order_id=order_id if isinstance(order_id, int) else None,
            detail=f"{result.reason or 'conflict'}: {result.detail or ''}".strip()[:2000],
            created_at=now.astimezone(UTC).replace(tzinfo=None),
        )
    )
    session.flush()
    log.warning("push: event %s (%s) is a conflict: %s", env.event_id, env.kind, result.reason)
    return 1


def _rewind(session: Session, epoch: int, expected: int, skip_to: dict[int, int],
            out: PushOutcome) -> None:
    out.requeued += requeue_from(session, device_epoch=epoch, seq=expected)
    held = session.scalar(
        select(Outbox.id).where(Outbox.device_epoch == epoch, Outbox.seq == expected)
    )
    if held is None:
        first = session.scalar(
            select(func.min(Outbox.seq)).where(
                Outbox.device_epoch == epoch, Outbox.sent_at.is_(None), Outbox.seq > expected
            )
        )
        if first is not None:
            skip_to[epoch] = int(first)
            out.skipped_gaps += 1
            log.warning(
                "push: platform wants seq %d of epoch %d, which is no longer kept; skipping to %d",
                expected, epoch, first,
            )
