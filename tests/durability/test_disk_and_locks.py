"""A read-only database, a full disk and a database another program holds: a clear message,
nothing half-saved, and everything saved before still there.

These mean something when the tests run as root (CI's containers do): file permissions do not
stop root, so read-only is made by SQLite itself (the file opened with the URI ``mode=ro``),
and a full disk by RLIMIT_FSIZE in a child process, which binds root too.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from child_driver import (
    CALENDAR,
    CLERK_NO,
    LEADER_NO,
    SALE_BARCODES,
    T0,
    Server,
    Template,
    copy_database,
    pull_pages,
    read_report,
)
from db_checks import Baseline, check_invariants, check_reported, opened
from sqlalchemy import event

import local_db.engine as engine_module
from app.cart import Cart
from app.clock import FixedClock
from app.counter_services import CounterServices
from app.errors import DatabaseProblem
from app.pickups import PickupService
from app.settings import Settings
from app.staff import StaffService
from app.tender import PaymentInput
from local_db.engine import Database
from sync.apply_pull import apply_page
from sync.protocol import messages as m


def all_tables(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: what "nothing changed" is compared with."""
    names = [n for (n,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'product_fts_%'")]
    return {n: conn.execute(f'SELECT * FROM "{n}" ORDER BY rowid').fetchall() for n in names}


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with opened(path) as conn:
        return all_tables(conn)


class CounterDesk:
    """The counter's services on one Database, and a sale to ring up."""

    def __init__(self, db: Database) -> None:
        clock = FixedClock(T0)
        self.db = db
        self.svc = CounterServices.build(db, clock, CALENDAR, Settings())
        self.pickups = PickupService(db, clock, CALENDAR, Settings())
        actors = {a.staff_no: a for a in StaffService(db, clock).signable()}
        self.clerk, self.leader = actors[CLERK_NO], actors[LEADER_NO]

    def cart(self) -> Cart:
        cart = Cart()
        for code in SALE_BARCODES[:2]:
            hit = self.svc.catalogue.lookup_barcode(code)
            assert hit is not None
            cart.add_hit(hit)
        return cart

    def sell(self) -> str:
        receipt = self.svc.sales.checkout(cart=self.cart(), payments=[PaymentInput("cash")],
                                          actor=self.clerk)
        return receipt.number


@pytest.fixture
def shop_path(template: Template, tmp_path: Path) -> Path:
    path = tmp_path / "station.db"
    copy_database(template.path, path)
    return path


def read_only(path: Path) -> Database:
    """The app's own Database, but SQLite opens the file with mode=ro (the engine takes a
    path, not a URI, so the connect arguments are swapped on the way to sqlite3.connect)."""
    db = Database(path)

    @event.listens_for(db.engine, "do_connect")
    def _read_only(_dialect: Any, _record: Any, cargs: list[Any], cparams: dict[str, Any]) -> None:
        cargs[:] = [f"file:{path}?mode=ro"]
        cparams["uri"] = True

    return db


# --- read-only ---------------------------------------------------------------------------------


def test_a_read_only_database_refuses_every_write_clearly_and_keeps_everything(
        shop_path: Path, template: Template) -> None:
    writable = Database(shop_path)  # keeps the WAL files there, as the app would
    try:
        before_sale = CounterDesk(writable).sell()
        before = snapshot(shop_path)
        ro_db = read_only(shop_path)
        try:
            shop = CounterDesk(ro_db)  # reading works: staff, barcodes
            assert shop.svc.sales.find_sale(before_sale).number == before_sale
            with pytest.raises(DatabaseProblem) as sale:
                shop.sell()
            order = template.facts["handable"][0]["order_id"]
            with pytest.raises(DatabaseProblem) as pickup:
                shop.pickups.hand_out(order, actor=shop.leader)
            page = m.PullResponse.model_validate(pull_pages(template.facts)[0])
            with pytest.raises(DatabaseProblem) as pull:
                apply_page(ro_db, page, now=T0)
            with pytest.raises(DatabaseProblem) as till:
                shop.svc.till.cash_movement(direction="in", amount_fen=100, reason="零钱",
                                            actor=shop.clerk)
        finally:
            ro_db.dispose()
        for refused in (sale, pickup, pull, till):
            assert refused.value.code == "readonly"
            assert "read-only" in refused.value.message.en and "只读" in refused.value.message.zh
        assert snapshot(shop_path) == before
        assert CounterDesk(writable).sell() == "20261125-0002"  # writable again: nothing was used up
    finally:
        writable.dispose()


# --- a full disk ------------------------------------------------------------------------------


def test_a_full_disk_refuses_the_sale_clearly_and_keeps_every_earlier_one(
        server: Server, template: Template, shop_path: Path, tmp_path: Path) -> None:
    with opened(template.path) as conn:
        base = Baseline.of(conn)
    report_path = tmp_path / "fill.jsonl"
    # Files may grow to 640 KB; each sale appends about 90 KB (22 pages) to the WAL.
    answer = server.run(db=shop_path, report=report_path, plan="fill", fsize=640 * 1024)
    assert answer == {"signal": None, "exit": 0}
    report = read_report(report_path)
    errors = [r for r in report if r["op"] == "error"]
    assert not errors, errors[0]["detail"]
    sold = [r for r in report if r["op"] == "sale"]
    refused = report[-1]
    assert refused["op"] == "refused", "the disk never filled up"
    assert len(sold) >= 2, "the limit is too small to show earlier sales surviving"
    assert refused["type"] == "DatabaseProblem" and refused["code"] == "disk_full"
    assert "earlier records are safe" in refused["en"] and "磁盘已满" in refused["zh"]
    with opened(shop_path) as conn:
        check_invariants(conn, base)
        check_reported(conn, base, report, Counter(sale=len(sold) + 1))
        numbers = [n for (n,) in conn.execute("SELECT number FROM sale ORDER BY id")]
    assert numbers == [r["number"] for r in sold]  # every sale before the refusal, nothing more
    db = Database(shop_path)  # space again: the next sale takes the next number
    try:
        assert CounterDesk(db).sell() == f"20261125-{len(sold) + 1:04d}"
    finally:
        db.dispose()
    print(f"\n[disk full] {len(sold)} sales saved, the next refused with disk_full; all intact")


# --- locked by another program -------------------------------------------------------------------


@pytest.fixture
def other_program(shop_path: Path) -> Iterator[sqlite3.Connection]:
    """Another program holding the write lock (BEGIN EXCLUSIVE) on the station's file."""
    conn = sqlite3.connect(shop_path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN EXCLUSIVE")
    try:
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


def test_a_locked_database_refuses_after_the_busy_timeout_and_saves_nothing(
        shop_path: Path, other_program: sqlite3.Connection,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)  # read by apply_pragmas
    before = snapshot(shop_path)
    db = Database(shop_path)
    try:
        shop = CounterDesk(db)  # reads go on while another program writes (WAL)
        started = time.monotonic()
        with pytest.raises(DatabaseProblem) as locked:
            shop.sell()
        waited = time.monotonic() - started
        assert locked.value.code == "locked"
        assert "in use by another program" in locked.value.message.en
        assert "没有保存" in locked.value.message.zh
        assert waited >= 0.15  # it waited for the lock before giving up
        other_program.execute("ROLLBACK")
        assert snapshot(shop_path) == before
        assert shop.sell() == "20261125-0001"  # the lock gone, the same sale goes through
    finally:
        db.dispose()


def test_a_briefly_held_lock_only_delays_the_sale(shop_path: Path,
                                                  other_program: sqlite3.Connection) -> None:
    db = Database(shop_path)  # the app's own busy timeout (10 s)
    try:
        shop = CounterDesk(db)
        release = threading.Timer(0.4, lambda: other_program.execute("COMMIT"))
        started = time.monotonic()
        release.start()
        try:
            number = shop.sell()
        finally:
            release.join()
        assert time.monotonic() - started >= 0.35
        assert number == "20261125-0001"
        with opened(shop_path) as conn:
            assert conn.execute("SELECT count(*) FROM sale").fetchone() == (1,)
    finally:
        db.dispose()
