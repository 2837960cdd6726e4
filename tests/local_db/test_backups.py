"""Backups: once a business day, checked, rotated 7 daily + 4 weekly, copied to a second
folder when it is there; restore rewinds the data but never the device epoch, the human
numbers or the sync; a damaged database at start leads to the newest good backup."""
from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from collections import namedtuple
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.audit import record_audit
from app.backups import (
    DAILY,
    KEEP_OTHER,
    LEDGER_FILE,
    BackupService,
    check_database_file,
)
from app.bootstrap import DB_FILE, bootstrap
from app.errors import DatabaseProblem, PermissionDenied, UserFacingError
from app.numbering import DEFAULT_RESTORE_FLOOR, next_number
from local_db.backup import backup_name, integrity_ok, parse_backup_name, replace_database
from local_db.migrate import current_revision, head_revision
from local_db.models import AuditLog, Product, Station, SyncState

FIXTURES = Path(__file__).parent / "fixtures"
DAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _own_logging():
    """bootstrap() points the process's log at its data folder once (app/logging_setup.py);
    take that handler away again, so a later test's bootstrap gets its own log file."""
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()


@pytest.fixture
def shop(tmp_path, clock):
    """A bootstrapped data folder with a station, an owner and a clerk (with PINs)."""
    data = tmp_path / "shop"
    ctx = bootstrap(data, clock=clock, take_lock=False)
    with ctx.db.write() as uow:
        uow.session.add(Station(id=7, code="ST007", name="幸福里自提点", device_epoch=3))
        uow.commit()
    owner = ctx.staff.set_up_first_owner(staff_no="01", pin="4826", name="王秀英")
    ctx.staff.add_staff(actor=owner, staff_no="02", name="李明", roles=["clerk"], pin="5937")
    ctx.extras["owner"] = owner
    ctx.extras["clerk"] = next(a for a in ctx.staff.signable() if a.staff_no == "02")
    yield ctx
    ctx.close()


def _add_sale_numbers_and_product(ctx, name: str, sales: int) -> list[str]:
    numbers = []
    with ctx.db.write() as uow:
        s = uow.session
        now = ctx.clock.now().replace(tzinfo=None)
        s.add(Product(name=name, price_fen=350, created_at=now, updated_at=now))
        numbers = [next_number(s, "sale", DAY) for _ in range(sales)]
        s.merge(SyncState(key="cursor", value=f"srv1:{sales}"))
        uow.commit()
    return numbers


def _products(ctx) -> list[str]:
    with ctx.db.read() as uow:
        return list(uow.session.scalars(select(Product.name).order_by(Product.id)).all())


def _epoch(ctx) -> int:
    with ctx.db.read() as uow:
        return uow.session.scalar(select(Station.device_epoch))


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("station-*.db"))


# --- making backups ---------------------------------------------------------------------------


def test_a_daily_backup_at_start_once_per_business_day(shop, clock):
    assert [p.name for p in shop.start_backup.made] == ["station-20261125T020000Z-daily.db"]
    assert not shop.backups.is_due()
    assert shop.backups.run_due().made == []
    clock.set(datetime(2026, 11, 25, 19, 59, tzinfo=clock.now().tzinfo))  # 03:59 in Shanghai: same day
    assert not shop.backups.is_due()
    clock.advance(minutes=1)  # 04:00, the cut-off: a new business day
    assert shop.backups.is_due()
    assert len(shop.backups.run_due().made) == 1
    again = bootstrap(shop.data_dir, clock=clock, take_lock=False)
    try:
        assert again.start_backup.made == []  # a second start that day makes none
    finally:
        again.close()


def test_a_backup_is_one_checked_file_with_the_data(shop, clock):
    _add_sale_numbers_and_product(shop, "酱油", 2)
    clock.advance(hours=1)
    report = shop.backups.back_up_now(actor=shop.extras["clerk"])
    (made,) = report.made
    assert parse_backup_name(made.name)[1] == "manual"
    assert integrity_ok(made) == (True, "ok")
    assert not made.with_name(made.name + "-wal").exists()
    conn = sqlite3.connect(made)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT name FROM product").fetchall() == [("酱油",)]
    finally:
        conn.close()


def test_rotation_keeps_seven_daily_and_four_weekly(shop, clock):
    for path in shop.backup_dir.glob("*.db"):
        path.unlink()  # start the two months with an empty folder
    start = clock.now() - timedelta(days=59)
    for n in range(60):
        clock.set(start + timedelta(days=n))
        assert len(shop.backups.run_due().made) == 1
        clock.advance(hours=6)
        shop.backups.back_up_now()  # a manual one the same day
    kept = {parse_backup_name(n)[0].date(): parse_backup_name(n)[1] for n in _names(shop.backup_dir)
            if parse_backup_name(n)[1] == DAILY}
    daily = {DAY - timedelta(days=n) for n in range(7)}  # Thu 19 … Wed 25 November
    weekly = {date(2026, 11, 18), date(2026, 11, 15), date(2026, 11, 8), date(2026, 11, 1)}
    assert set(kept) == daily | weekly
    manual = [n for n in _names(shop.backup_dir) if n.endswith("-manual.db")]
    assert len(manual) == KEEP_OTHER


def test_a_second_folder_gets_a_copy_and_its_own_rotation(shop, tmp_path, clock):
    stick = tmp_path / "usb"
    stick.mkdir()
    shop.backups.set_extra_folder(str(stick), actor=shop.extras["owner"])
    assert shop.backups.is_due()  # the stick lacks today's backup
    report = shop.backups.run_due()
    assert report.ok and [p.parent for p in report.made] == [stick]
    assert _names(stick) == ["station-20261125T020000Z-daily.db"]
    assert integrity_ok(stick / _names(stick)[0])[0]
    entry = next(e for e in _audit(shop) if e.action == "settings_change")
    assert entry.after == {"backup_dir_extra": str(stick)}
    assert [b.extra for b in shop.backups.list_backups()].count(True) == 1


def test_a_missing_second_folder_is_a_warning_and_the_main_backup_is_made(shop, tmp_path, clock):
    stick = tmp_path / "usb"
    stick.mkdir()
    shop.backups.set_extra_folder(str(stick), actor=shop.extras["owner"])
    stick.rmdir()  # the stick was taken out
    clock.advance(days=1)
    report = shop.backups.run_due()
    assert [p.parent for p in report.made] == [shop.backup_dir]
    (warning,) = report.warnings
    assert str(stick) in warning.zh and "U盘" in warning.zh
    stick.write_text("not a folder")  # or something that is not a folder at all
    clock.advance(days=1)
    assert shop.backups.run_due().warnings


def test_the_second_folder_must_exist_when_chosen_and_only_the_owner_chooses(shop, tmp_path):
    with pytest.raises(UserFacingError) as info:
        shop.backups.set_extra_folder(str(tmp_path / "nowhere"), actor=shop.extras["owner"])
    assert info.value.code == "bad_folder"
    with pytest.raises(PermissionDenied):
        shop.backups.set_extra_folder(str(tmp_path), actor=shop.extras["clerk"])
    assert shop.settings.backup_dir_extra == ""


def test_a_full_disk_is_a_warning_not_a_crash(shop, clock, monkeypatch):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr("app.backups.shutil.disk_usage", lambda _p: usage(100, 99, 1))
    clock.advance(days=1)
    report = shop.backups.run_due()
    assert report.made == [] and "磁盘空间不够" in report.warnings[0].zh
    assert len(_names(shop.backup_dir)) == 1  # only yesterday's


# --- restoring --------------------------------------------------------------------------------


def test_restore_round_trip(shop, clock):
    before_numbers = _add_sale_numbers_and_product(shop, "酱油", 3)
    clock.advance(hours=1)
    (saved,) = shop.backups.back_up_now().made
    clock.advance(hours=1)
    later_numbers = _add_sale_numbers_and_product(shop, "陈醋", 4)
    assert _products(shop) == ["酱油", "陈醋"]
    clock.advance(hours=1)
    shop.db.dispose()
    result = shop.backups.restore(saved, actor=shop.extras["owner"], reason="test")

    assert _products(shop) == ["酱油"]  # the earlier state
    assert result.new_epoch == _epoch(shop) == 4
    assert result.counter_floor == DEFAULT_RESTORE_FLOOR and result.cursor_cleared
    with shop.db.write() as uow:
        assert uow.session.get(SyncState, "cursor") is None  # the next sync pulls everything
        after = next_number(uow.session, "sale", DAY)
        uow.commit()
    assert after == f"20261125-{3 + DEFAULT_RESTORE_FLOOR + 1:04d}"
    assert after not in before_numbers + later_numbers
    assert result.saved_current is not None and result.saved_current.name.endswith("-prerestore.db")
    conn = sqlite3.connect(result.saved_current)  # the pre-restore backup has the later rows
    try:
        assert conn.execute("SELECT count(*) FROM product").fetchone()[0] == 2
    finally:
        conn.close()
    entry = [e for e in _audit(shop) if e.action == "backup_restore"][-1]
    assert entry.staff_id == shop.extras["owner"].staff_id
    assert entry.after["backup"] == saved.name and entry.after["device_epoch"] == 4
    assert json.loads((shop.data_dir / LEDGER_FILE).read_text())["pending"] is None


def test_restoring_the_same_backup_twice_moves_further_on(shop, clock):
    _add_sale_numbers_and_product(shop, "酱油", 2)
    clock.advance(hours=1)
    (saved,) = shop.backups.back_up_now().made
    shop.db.dispose()
    first = shop.backups.restore(saved, actor=shop.extras["owner"])
    with shop.db.write() as uow:
        printed = [next_number(uow.session, "sale", DAY) for _ in range(30)]
        uow.commit()
    shop.db.dispose()
    clock.advance(minutes=5)
    second = shop.backups.restore(saved, actor=shop.extras["owner"])
    assert second.new_epoch > first.new_epoch
    assert second.counter_floor == 2 * DEFAULT_RESTORE_FLOOR
    with shop.db.write() as uow:
        assert _seq(next_number(uow.session, "sale", DAY)) > _seq(printed[-1])


def test_only_the_owner_restores_and_a_damaged_backup_is_refused(shop, clock):
    clock.advance(hours=1)
    (saved,) = shop.backups.back_up_now().made
    with pytest.raises(PermissionDenied):
        shop.backups.restore(saved, actor=shop.extras["clerk"])
    bad = saved.with_name(backup_name("manual", clock.now() + timedelta(hours=1)))
    bad.write_bytes(saved.read_bytes()[:5000])
    with pytest.raises(UserFacingError) as info:
        shop.backups.restore(bad, actor=shop.extras["owner"])
    assert info.value.code == "bad_backup"
    newer = saved.with_name(backup_name("manual", clock.now() + timedelta(hours=2)))
    shutil.copyfile(saved, newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    with pytest.raises(UserFacingError) as info:
        shop.backups.restore(newer, actor=shop.extras["owner"])
    assert info.value.code == "newer_backup"
    assert _epoch(shop) == 3  # nothing was touched


def test_an_old_schema_backup_is_migrated_when_restored(tmp_path, clock):
    data = tmp_path / "shop"
    bootstrap(data, clock=clock, take_lock=False).close()
    old = data / "backups" / backup_name("premigrate", clock.now() - timedelta(days=2))
    shutil.copyfile(FIXTURES / "rev_0001_initial.db", old)
    service = BackupService.for_data_dir(data, clock)
    result = service.restore(old, actor=None, reason="test")
    assert current_revision(data / DB_FILE) == head_revision()
    assert result.new_epoch is not None and result.new_epoch >= 2


def test_a_truncated_database_leads_to_the_newest_good_backup(tmp_path, clock):
    data = tmp_path / "shop"
    ctx = bootstrap(data, clock=clock, take_lock=False)
    with ctx.db.write() as uow:
        uow.session.add(Station(id=7, code="ST007", name="幸福里自提点"))
        uow.commit()
    _add_sale_numbers_and_product(ctx, "酱油", 1)
    clock.advance(hours=1)
    (good,) = ctx.backups.back_up_now().made
    _add_sale_numbers_and_product(ctx, "陈醋", 1)
    ctx.close()
    damaged_newer = good.with_name(backup_name("manual", clock.now() + timedelta(minutes=30)))
    damaged_newer.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    path = data / DB_FILE
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])  # the disk lost half the file

    with pytest.raises(DatabaseProblem) as info:
        check_database_file(path, data / "backups")
    assert info.value.code == "corrupt"
    with pytest.raises(DatabaseProblem) as info:
        bootstrap(data, clock=clock, take_lock=False)
    assert info.value.code == "corrupt" and "备份" in info.value.message.zh

    service = BackupService.for_data_dir(data, clock)
    newest = service.newest_good_backup()
    assert newest is not None and newest.path == good  # the damaged newer one is skipped
    result = service.restore(newest.path, actor=None, reason="damaged at start")
    assert result.saved_current is not None and "-damaged.db" in result.saved_current.name
    assert result.saved_current.exists()  # the damaged file is kept, not deleted
    assert newest.path in [b.path for b in service.list_backups()]
    assert all("-damaged" not in b.name for b in service.list_backups())

    again = bootstrap(data, clock=clock, take_lock=False)
    try:
        assert _products(again) == ["酱油"]
        entry = [e for e in _audit(again) if e.action == "backup_restore"][-1]
        assert entry.staff_id is None and entry.after["reason"] == "damaged at start"
    finally:
        again.close()


def test_an_emptied_database_with_backups_counts_as_damaged(tmp_path, clock):
    data = tmp_path / "shop"
    bootstrap(data, clock=clock, take_lock=False).close()
    (data / DB_FILE).write_bytes(b"")
    with pytest.raises(DatabaseProblem) as info:
        bootstrap(data, clock=clock, take_lock=False)
    assert info.value.code == "corrupt"
    fresh = tmp_path / "new"  # an empty file on a new station is just new
    fresh.mkdir()
    (fresh / DB_FILE).write_bytes(b"")
    bootstrap(fresh, clock=clock, take_lock=False).close()


def test_a_restore_cut_short_is_finished_at_the_next_start(shop, clock):
    clock.advance(hours=1)
    (saved,) = shop.backups.back_up_now().made
    shop.close()
    # the crash: the ledger says a restore is under way and the file is in place, no more
    ledger = {"count": 0, "max_epoch": 0, "history": [],
              "pending": {"backup": saved.name, "epoch_at_least": 9, "floor": DEFAULT_RESTORE_FLOOR}}
    (shop.data_dir / LEDGER_FILE).write_text(json.dumps(ledger), encoding="utf-8")
    replace_database(shop.data_dir / DB_FILE, saved)
    again = bootstrap(shop.data_dir, clock=clock, take_lock=False)
    try:
        assert _epoch(again) == 9
        assert any(e.action == "backup_restore" for e in _audit(again))
        assert json.loads((shop.data_dir / LEDGER_FILE).read_text())["count"] == 1
    finally:
        again.close()


def _seq(number: str) -> int:
    return int(number.split("-")[1])


def _audit(ctx) -> list[AuditLog]:
    with ctx.db.read() as uow:
        rows = list(uow.session.scalars(select(AuditLog).order_by(AuditLog.id)).all())
        uow.session.expunge_all()
        return rows


def test_audit_rows_survive_as_the_backup_had_them(shop, clock):
    with shop.db.write() as uow:
        record_audit(uow.session, at=clock.now(), staff_id=None, action="refund")
        uow.commit()
    clock.advance(hours=1)
    (saved,) = shop.backups.back_up_now().made
    shop.db.dispose()
    shop.backups.restore(saved, actor=shop.extras["owner"])
    with shop.db.read() as uow:
        assert uow.session.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "refund")) == 1
