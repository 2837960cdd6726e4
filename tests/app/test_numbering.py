"""Human numbers on a real SQLite file: per business day, never duplicated by two tills,
never reused after a backup is restored. (The audit log's tests are at the end.)"""
from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from app.audit import MASK, record_audit
from app.numbering import (
    DEFAULT_RESTORE_FLOOR,
    jump_counters,
    next_number,
    next_serial,
    note_seen_number,
)
from local_db.backup import backup_to
from local_db.engine import Database
from local_db.migrate import upgrade
from local_db.models import AuditLog, NumberCounter, Staff, Station

D1 = date(2026, 11, 25)
D2 = date(2026, 11, 26)
D3 = date(2026, 11, 27)


def make_db(path: Path) -> Database:
    upgrade(path)
    db = Database(path)
    with db.write() as uow:
        uow.session.add(Station(id=1, code="S001", name="幸福里便利店", device_epoch=1))
        uow.commit()
    return db


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = make_db(tmp_path / "station.db")
    yield database
    database.dispose()


def numbers(db: Database, series: str, day: date, n: int) -> list[str]:
    out = []
    for _ in range(n):
        with db.write() as uow:
            out.append(next_number(uow.session, series, day))
            uow.commit()
    return out


def serials(db: Database, series: str, n: int) -> list[int]:
    out = []
    for _ in range(n):
        with db.write() as uow:
            out.append(next_serial(uow.session, series))
            uow.commit()
    return out


def counters(db: Database) -> dict[str, int]:
    with db.read() as uow:
        rows = uow.session.execute(select(NumberCounter.name, NumberCounter.value))
        return {name: value for name, value in rows}


def test_receipt_numbers_count_up_within_a_business_day_and_restart_the_next(db: Database) -> None:
    assert numbers(db, "sale", D1, 3) == ["20261125-0001", "20261125-0002", "20261125-0003"]
    assert numbers(db, "sale", D2, 2) == ["20261126-0001", "20261126-0002"]
    assert numbers(db, "refund", D1, 1) == ["20261125-0001"]  # a series of its own
    assert numbers(db, "sale", D1, 1) == ["20261125-0004"]
    assert counters(db) == {"sale:20261125": 4, "sale:20261126": 2, "refund:20261125": 1}


def test_numbers_past_9999_grow_a_digit(db: Database) -> None:
    with db.write() as uow:
        uow.session.add(NumberCounter(name="sale:20261125", value=9999))
        uow.commit()
    assert numbers(db, "sale", D1, 1) == ["20261125-10000"]


def test_serials_never_restart(db: Database) -> None:
    assert serials(db, "z_report", 3) == [1, 2, 3]
    assert serials(db, "stock_count", 1) == [1]
    assert serials(db, "z_report", 1) == [4]


def test_a_number_taken_by_a_sale_that_failed_is_given_to_the_next(db: Database) -> None:
    numbers(db, "sale", D1, 2)
    with db.write() as uow:
        assert next_number(uow.session, "sale", D1) == "20261125-0003"
        # not committed: the sale did not save, so no receipt 0003 exists anywhere
    assert numbers(db, "sale", D1, 1) == ["20261125-0003"]


@pytest.mark.parametrize("series", ["", "Sale", "sale:x", "outbox_seq", "restore", "a" * 40])
def test_unusable_series_are_refused(db: Database, series: str) -> None:
    with db.write() as uow, pytest.raises(ValueError):
        next_number(uow.session, series, D1)
    with db.write() as uow, pytest.raises(ValueError):
        next_serial(uow.session, series)


def test_two_tills_numbering_at_once_never_duplicate(db: Database) -> None:
    per_thread = 50
    got: dict[str, list[str]] = {"a": [], "b": []}
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def till(name: str) -> None:
        try:
            start.wait()
            for _ in range(per_thread):
                with db.write() as uow:
                    got[name].append(next_number(uow.session, "sale", D1))
                    uow.commit()
        except BaseException as exc:  # reported on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=till, args=(n,)) for n in got]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    everything = got["a"] + got["b"]
    assert len(set(everything)) == 2 * per_thread
    assert sorted(everything) == [f"20261125-{i:04d}" for i in range(1, 2 * per_thread + 1)]


def restore(db: Database, backup: Path) -> Database:
    """What the restore does to the file: the live database (and its WAL) replaced."""
    path = db.path
    db.dispose()
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(backup, path)
    return Database(path)


def test_after_a_restore_no_number_is_ever_reused(db: Database, tmp_path: Path) -> None:
    numbers(db, "sale", D1, 3)
    serials(db, "z_report", 1)
    backup = backup_to(db.path, tmp_path / "backups" / "station-D1.db")

    # Work done after the backup, then lost with the disk; these receipts are in customers'
    # hands and some are on the platform.
    lost = set(numbers(db, "sale", D1, 40)) | set(numbers(db, "sale", D2, 25))
    lost |= set(numbers(db, "refund", D2, 2))
    lost_z = set(serials(db, "z_report", 2))

    db = restore(db, backup)
    try:
        assert counters(db)["sale:20261125"] == 3  # the restored file has forgotten
        with db.write() as uow:
            moved = jump_counters(uow.session, today=D2)
            uow.commit()
        assert moved == 2  # sale:20261125 and z_report
        after = set(numbers(db, "sale", D1, 30)) | set(numbers(db, "sale", D2, 30))
        after |= set(numbers(db, "refund", D2, 2))  # a series the backup never had
        assert not after & lost
        assert not set(serials(db, "z_report", 3)) & lost_z
        # the next day was never numbered before the restore: it starts at 0001 as usual
        assert numbers(db, "sale", D3, 1) == ["20261127-0001"]
        first_d2 = min(n for n in after if n.startswith("20261126"))
        assert first_d2 == f"20261126-{DEFAULT_RESTORE_FLOOR + 1:04d}"
    finally:
        db.dispose()


def test_a_second_restore_jumps_past_the_first(db: Database, tmp_path: Path) -> None:
    with db.write() as uow:
        jump_counters(uow.session, 100, today=D1)
        uow.commit()
    assert numbers(db, "sale", D1, 1) == ["20261125-0101"]
    backup = backup_to(db.path, tmp_path / "b.db")
    lost = set(numbers(db, "sale", D1, 50)) | set(numbers(db, "sale", D2, 50))
    db = restore(db, backup)
    try:
        with db.write() as uow:
            jump_counters(uow.session, 100, today=D2)
            uow.commit()
        after = set(numbers(db, "sale", D1, 5)) | set(numbers(db, "sale", D2, 5))
        assert not after & lost
        assert min(n for n in after if n.startswith("20261126")) == "20261126-0201"
    finally:
        db.dispose()


def test_jump_leaves_the_outbox_sequence_alone(db: Database) -> None:
    with db.write() as uow:
        uow.session.add(NumberCounter(name="outbox_seq:1", value=17))
        uow.commit()
    numbers(db, "sale", D1, 1)
    with db.write() as uow:
        assert jump_counters(uow.session, 500, today=D1) == 1
        uow.commit()
    values = counters(db)
    assert values["outbox_seq:1"] == 17
    assert values["sale:20261125"] == 501
    with db.write() as uow, pytest.raises(ValueError):
        jump_counters(uow.session, 0, today=D1)


def test_a_number_the_platform_has_seen_is_never_handed_out(db: Database) -> None:
    numbers(db, "sale", D1, 2)
    with db.write() as uow:
        note_seen_number(uow.session, "sale", "20261125-0042")
        note_seen_number(uow.session, "sale", "20261125-0007")  # lower: changes nothing
        note_seen_number(uow.session, "sale", "20261126-0003")
        uow.commit()
    assert numbers(db, "sale", D1, 1) == ["20261125-0043"]
    assert numbers(db, "sale", D2, 1) == ["20261126-0004"]
    with db.write() as uow, pytest.raises(ValueError):
        note_seen_number(uow.session, "sale", "Z-12")


# --- the audit log (app/audit.py) ------------------------------------------------------------


def add_staff(db: Database) -> tuple[int, int]:
    with db.write() as uow:
        clerk = Staff(staff_no="01", name="小王", roles="clerk", created_at=datetime(2026, 1, 1))
        owner = Staff(staff_no="00", name="李老板", roles="owner", created_at=datetime(2026, 1, 1))
        uow.session.add_all([clerk, owner])
        uow.session.flush()
        ids = (clerk.id, owner.id)
        uow.commit()
    return ids


def test_audit_entry_records_who_what_and_when(db: Database) -> None:
    clerk, owner = add_staff(db)
    at = datetime(2026, 11, 25, 10, 30, tzinfo=timezone(timedelta(hours=8)))
    with db.write() as uow:
        entry_id = record_audit(
            uow.session,
            at=at,
            staff_id=clerk,
            action="price_override",
            entity="sale_line",
            entity_id=12,
            before={"unit_price_fen": 500, "when": date(2026, 11, 25)},
            after={"unit_price_fen": 450},
            approver_id=owner,
        )
        uow.commit()
    with db.read() as uow:
        row = uow.session.get(AuditLog, entry_id)
        assert row is not None
        assert row.at == datetime(2026, 11, 25, 2, 30)  # naive UTC
        assert (row.staff_id, row.approver_id, row.action) == (clerk, owner, "price_override")
        assert (row.entity, row.entity_id) == ("sale_line", "12")
        assert row.before == {"unit_price_fen": 500, "when": "2026-11-25"}
        assert row.after == {"unit_price_fen": 450}


def test_audit_never_holds_a_customers_phone_or_name(db: Database) -> None:
    clerk, _owner = add_staff(db)
    with db.write() as uow:
        entry_id = record_audit(
            uow.session,
            at=datetime(2026, 11, 25, 2, 0, tzinfo=UTC),
            staff_id=clerk,
            action="pickup_undo",
            entity="pickup",
            entity_id="7001",
            before={
                "order_id": 7001,
                "customer_name": "张三",
                "phone_tail": "8000",
                "lines": [{"order_line_id": 1, "qty": 2, "phone": "13800138000"}],
                "barcode": "6921168509256",
            },
            after={"note": "顾客 13800138000 说拿错了, 回电 +86 139-0000-1234", "contact": 13912345678},
        )
        uow.commit()
    with db.read() as uow:
        row = uow.session.get(AuditLog, entry_id)
        assert row is not None
        assert row.before == {
            "order_id": 7001,
            "lines": [{"order_line_id": 1, "qty": 2}],
            "barcode": "6921168509256",
        }
        assert row.after is not None
        assert row.after["note"] == f"顾客 {MASK} 说拿错了, 回电 {MASK}"
        assert row.after["contact"] == MASK


def test_audit_refuses_a_naive_time_and_an_empty_action(db: Database) -> None:
    with db.write() as uow, pytest.raises(ValueError):
        record_audit(uow.session, at=datetime(2026, 11, 25), staff_id=None, action="x")
    with db.write() as uow, pytest.raises(ValueError):
        record_audit(uow.session, at=datetime(2026, 11, 25, tzinfo=UTC), staff_id=None, action="")
