"""Two writers at once both succeed; a failed unit of work leaves nothing behind."""
from __future__ import annotations

import threading
from datetime import datetime

import pytest
from sqlalchemy import func, select

from local_db.engine import Database
from local_db.models import AuditLog, NumberCounter


def _write_many(db: Database, who: int, n: int, errors: list[BaseException]) -> None:
    try:
        for i in range(n):
            with db.write() as uow:
                s = uow.session
                # read-then-write: without BEGIN IMMEDIATE two of these deadlock into SQLITE_BUSY
                row = s.get(NumberCounter, "shared")
                if row is None:
                    s.add(NumberCounter(name="shared", value=1))
                else:
                    row.value += 1
                s.add(AuditLog(at=datetime(2026, 11, 25), action="test", entity_id=f"{who}-{i}"))
                uow.commit()
    except BaseException as exc:  # noqa: BLE001 - handed to the main thread
        errors.append(exc)


def test_two_threads_writing_at_once_both_succeed(db: Database) -> None:
    with db.write() as uow:
        uow.session.add(NumberCounter(name="shared", value=0))
        uow.commit()
    errors: list[BaseException] = []
    threads = [threading.Thread(target=_write_many, args=(db, w, 60, errors)) for w in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with db.read() as uow:
        assert uow.session.get(NumberCounter, "shared").value == 120
        assert uow.session.scalar(select(func.count()).select_from(AuditLog)) == 120


def test_reads_proceed_while_a_write_is_open(db: Database) -> None:
    with db.write() as w:
        w.session.add(AuditLog(at=datetime(2026, 11, 25), action="pending"))
        w.session.flush()
        with db.read() as r:  # WAL: a reader does not wait for the writer
            assert r.session.scalar(select(func.count()).select_from(AuditLog)) == 0
        w.commit()


def test_unit_of_work_rolls_back_without_commit(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as uow:
        uow.session.add(AuditLog(at=datetime(2026, 11, 25), action="half-done"))
        uow.session.flush()
        raise RuntimeError("power cut")
    with db.write() as uow:
        uow.session.add(AuditLog(at=datetime(2026, 11, 25), action="not committed"))
    with db.read() as uow:
        assert uow.session.scalar(select(func.count()).select_from(AuditLog)) == 0
