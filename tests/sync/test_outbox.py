"""The outbox on a real SQLite file: one gap-free sequence per device epoch, in the caller's
transaction, safe under two writer threads, kept until the retention period ends."""
from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from local_db.engine import Database
from local_db.migrate import upgrade
from local_db.models import NumberCounter, Outbox, Station
from sync.outbox import (
    OutboxError,
    OutboxRecord,
    mark_sent,
    pending_batch,
    pending_count,
    purge_acknowledged,
    requeue_from,
    start_new_epoch,
    write_event,
)
from sync.protocol import EVENT_SCHEMA_VERSION, EventEnvelope, PickupEvent, TillOpenEvent

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
DEVICE = "5b0f4a55-8d7e-4c0e-9d41-3a1f1b7c2e10"
STAFF = str(uuid.uuid4())


def make_db(path: Path) -> Database:
    upgrade(path)
    db = Database(path)
    with db.write() as uow:
        uow.session.add(Station(id=1, code="S001", name="幸福里便利店", device_id=DEVICE, device_epoch=1))
        uow.commit()
    return db


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = make_db(tmp_path / "station.db")
    yield database
    database.dispose()


def pickup(order_id: int = 7001, qty: int = 1) -> PickupEvent:
    return PickupEvent(
        pickup_uuid=str(uuid.uuid4()),
        order_id=order_id,
        lines=[{"order_line_id": order_id * 10, "qty": qty}],
        method="code",
        staff_uuid=STAFF,
        created_at=NOW,
    )


def write_one(db: Database, event: PickupEvent | None = None, now: datetime = NOW) -> OutboxRecord:
    with db.write() as uow:
        record = write_event(uow.session, event or pickup(), now=now)
        uow.commit()
    return record


@dataclass(frozen=True)
class Row:
    event_id: str
    device_epoch: int
    seq: int
    kind: str
    payload: dict
    created_at: datetime
    sent_at: datetime | None
    result: str | None
    result_detail: str | None


def all_rows(db: Database) -> list[Row]:
    """The outbox as plain values (ORM rows expire when the unit of work rolls back)."""
    with db.read() as uow:
        rows = uow.session.scalars(select(Outbox).order_by(Outbox.device_epoch, Outbox.seq))
        return [Row(**{f: getattr(r, f) for f in Row.__dataclass_fields__}) for r in rows]


def counter(db: Database, name: str) -> int | None:
    with db.read() as uow:
        return uow.session.scalar(select(NumberCounter.value).where(NumberCounter.name == name))


def test_write_event_stores_the_intent_with_its_place_in_the_sequence(db: Database) -> None:
    event = pickup(order_id=42, qty=3)
    record = write_one(db, event, now=NOW + timedelta(seconds=5))
    assert record.device_id == DEVICE
    assert (record.device_epoch, record.seq, record.kind) == (1, 1, "pickup")
    assert record.schema_version == EVENT_SCHEMA_VERSION
    assert record.created_at == NOW + timedelta(seconds=5)
    assert uuid.UUID(record.event_id).version == 4
    [row] = all_rows(db)
    assert row.event_id == record.event_id
    assert row.payload == event.model_dump(mode="json")
    assert row.created_at == datetime(2026, 11, 25, 2, 0, 5)  # naive UTC
    assert row.sent_at is None and row.result is None
    assert counter(db, "outbox_seq:1") == 1


def test_seq_rises_by_exactly_one_across_many_events(db: Database) -> None:
    records = [write_one(db) for _ in range(40)]
    # several events in one transaction too
    with db.write() as uow:
        records += [write_event(uow.session, pickup(), now=NOW) for _ in range(10)]
        uow.commit()
    assert [r.seq for r in records] == list(range(1, 51))
    assert len({r.event_id for r in records}) == 50
    assert [row.seq for row in all_rows(db)] == list(range(1, 51))


def test_two_threads_writing_at_once_get_one_gap_free_sequence(db: Database) -> None:
    per_thread = 60
    results: dict[str, list[OutboxRecord]] = {"a": [], "b": []}
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def worker(name: str) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                with db.write() as uow:
                    results[name].append(write_event(uow.session, pickup(order_id=i + 1), now=NOW))
                    uow.commit()
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in results]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    seqs = sorted(r.seq for rs in results.values() for r in rs)
    assert seqs == list(range(1, 2 * per_thread + 1))
    for rs in results.values():  # each thread saw its own numbers rise
        assert [r.seq for r in rs] == sorted(r.seq for r in rs)
    ids = [r.event_id for rs in results.values() for r in rs]
    assert len(set(ids)) == len(ids)
    rows = all_rows(db)
    assert [row.seq for row in rows] == seqs
    assert {row.event_id for row in rows} == set(ids)


def test_rolled_back_transaction_leaves_no_row_and_uses_no_number(db: Database) -> None:
    write_one(db)
    with db.write() as uow:
        write_event(uow.session, pickup(), now=NOW)
        write_event(uow.session, pickup(), now=NOW)
        # no commit: the sale "failed to save"
    with pytest.raises(RuntimeError), db.write() as uow:
        write_event(uow.session, pickup(), now=NOW)
        raise RuntimeError("printer on fire")
    assert len(all_rows(db)) == 1
    assert counter(db, "outbox_seq:1") == 1
    assert write_one(db).seq == 2


def test_write_event_needs_a_station_and_an_aware_time(tmp_path: Path) -> None:
    path = tmp_path / "bare.db"
    upgrade(path)
    bare = Database(path)
    try:
        with pytest.raises(OutboxError, match="station"), bare.write() as uow:
            write_event(uow.session, pickup(), now=NOW)
        with pytest.raises(ValueError, match="aware"), bare.write() as uow:
            write_event(uow.session, pickup(), now=datetime(2026, 11, 25, 2, 0))
        with pytest.raises(TypeError), bare.write() as uow:
            write_event(uow.session, {"kind": "pickup"}, now=NOW)  # type: ignore[arg-type]
    finally:
        bare.dispose()


def test_write_event_refuses_an_event_that_skipped_validation(db: Database) -> None:
    forged = TillOpenEvent.model_construct(
        kind="till_open", created_at=NOW, cash_session_uuid=str(uuid.uuid4()),
        business_day=NOW.date(), staff_uuid=STAFF, float_fen=100.5,
    )  # fmt: skip
    with pytest.raises(OutboxError, match="protocol"), db.write() as uow:
        write_event(uow.session, forged, now=NOW)
    assert all_rows(db) == []


def test_pending_count_and_batch_in_seq_order(db: Database) -> None:
    written = [write_one(db, pickup(order_id=i + 1)) for i in range(7)]
    with db.read() as uow:
        assert pending_count(uow.session) == 7
        batch = pending_batch(uow.session, limit=5)
    assert all(isinstance(e, EventEnvelope) for e in batch)
    assert [e.seq for e in batch] == [1, 2, 3, 4, 5]
    assert [e.event_id for e in batch] == [r.event_id for r in written[:5]]
    first = batch[0]
    assert (first.device_id, first.device_epoch, first.kind) == (DEVICE, 1, "pickup")
    assert first.created_at == NOW
    assert isinstance(first.payload, PickupEvent) and first.payload.order_id == 1
    assert EventEnvelope.model_validate_json(first.model_dump_json()) == first
    with db.read() as uow, pytest.raises(ValueError):
        pending_batch(uow.session, limit=0)


def test_mark_sent_records_answers_and_leaves_unanswered_pending(db: Database) -> None:
    written = [write_one(db) for _ in range(4)]
    ids = [r.event_id for r in written]
    later = NOW + timedelta(minutes=3)
    with db.write() as uow:
        changed = mark_sent(
            uow.session,
            ids[:3],
            {
                ids[0]: ("applied", None),
                ids[1]: ("conflict", "order 7001 was refunded on the platform"),
                ids[3]: ("applied", None),  # not in event_ids: ignored
            },
            later,
        )
        uow.commit()
    assert changed == 2
    rows = {row.event_id: row for row in all_rows(db)}
    assert (rows[ids[0]].result, rows[ids[0]].sent_at) == ("applied", datetime(2026, 11, 25, 2, 3))
    assert rows[ids[1]].result == "conflict"
    assert rows[ids[1]].result_detail == "order 7001 was refunded on the platform"
    assert rows[ids[2]].sent_at is None  # no answer: goes again
    assert rows[ids[3]].sent_at is None
    with db.read() as uow:
        assert pending_count(uow.session) == 2
        assert [e.event_id for e in pending_batch(uow.session, 10)] == [ids[2], ids[3]]
    with pytest.raises(ValueError, match="unknown push result"), db.write() as uow:
        mark_sent(uow.session, ids, {ids[2]: ("maybe", None)}, later)


def test_new_epoch_restarts_the_sequence_and_old_epoch_goes_first(db: Database) -> None:
    old = [write_one(db) for _ in range(3)]
    with db.write() as uow:
        mark_sent(uow.session, [old[0].event_id], {old[0].event_id: ("applied", None)}, NOW)
        assert start_new_epoch(uow.session) == 2
        uow.commit()
    new = [write_one(db) for _ in range(3)]
    assert [(r.device_epoch, r.seq) for r in new] == [(2, 1), (2, 2), (2, 3)]
    with db.read() as uow:
        assert pending_count(uow.session) == 5
        first = pending_batch(uow.session, limit=10)
    # the events written before the restore go first, and a batch never mixes epochs
    assert [(e.device_epoch, e.seq) for e in first] == [(1, 2), (1, 3)]
    with db.write() as uow:
        mark_sent(uow.session, [e.event_id for e in first], {e.event_id: ("applied", None) for e in first}, NOW)
        uow.commit()
    with db.read() as uow:
        second = pending_batch(uow.session, limit=10)
    assert [(e.device_epoch, e.seq) for e in second] == [(2, 1), (2, 2), (2, 3)]
    with db.write() as uow:
        assert start_new_epoch(uow.session, at_least=9) == 9
        uow.commit()
    assert write_one(db).device_epoch == 9
    assert write_one(db).seq == 2


def test_requeue_sends_acknowledged_events_again(db: Database) -> None:
    written = [write_one(db) for _ in range(5)]
    ids = [r.event_id for r in written]
    with db.write() as uow:
        mark_sent(uow.session, ids, {i: ("applied", None) for i in ids}, NOW)
        uow.commit()
    with db.write() as uow:
        assert requeue_from(uow.session, device_epoch=1, seq=4) == 2
        uow.commit()
    with db.read() as uow:
        assert [e.seq for e in pending_batch(uow.session, 10)] == [4, 5]


def test_purge_drops_only_acknowledged_rows_older_than_the_cutoff(db: Database) -> None:
    written = [write_one(db) for _ in range(4)]
    ids = [r.event_id for r in written]
    with db.write() as uow:
        mark_sent(uow.session, ids[:1], {ids[0]: ("applied", None)}, NOW - timedelta(days=40))
        mark_sent(uow.session, ids[1:2], {ids[1]: ("duplicate", None)}, NOW - timedelta(days=5))
        uow.commit()
    old_unsent = write_one(db, now=NOW - timedelta(days=90))
    with db.write() as uow:
        assert purge_acknowledged(uow.session, NOW - timedelta(days=30)) == 1
        uow.commit()
    left = {row.event_id for row in all_rows(db)}
    assert left == set(ids[1:]) | {old_unsent.event_id}
    # purging never frees a sequence number
    assert write_one(db).seq == 6
