"""The owner reads and exports the audit log: filters, CSV for Excel, and append-only."""
from __future__ import annotations

import csv
import io
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from app.audit import record_audit
from app.audit_view import APPEND_ONLY_TRIGGERS_SQL, CSV_HEADERS, AuditFilter, AuditView
from app.clock import BusinessCalendar
from app.errors import PermissionDenied
from app.staff import SignInRefused
from tests.app.staff.conftest import PINS


@pytest.fixture
def view(shop):
    return AuditView(shop.db, shop.clock, BusinessCalendar("Asia/Shanghai", 4))


@pytest.fixture
def history(shop):
    """A few days of entries: sign-ins, a wrong PIN, a refund with a hostile reason."""
    shop.staff.sign_in(staff_no="02", pin=PINS["02"])
    with pytest.raises(SignInRefused):
        shop.staff.sign_in(staff_no="03", pin="9999")
    yesterday = shop.clock.now() - timedelta(days=1)
    with shop.db.write() as uow:
        record_audit(uow.session, at=yesterday, staff_id=shop.clerk.staff_id,
                     approver_id=shop.owner.staff_id, action="refund", entity="sale",
                     entity_id="20261124-0007", after={"reason": "=HYPERLINK(\"http://x\")", "fen": 1250})
        uow.commit()
    return shop


def test_filters_by_day_action_and_staff(view, history):
    today = datetime(2026, 11, 25).date()
    everything = view.entries(AuditFilter(), actor=history.owner)
    assert [e.action for e in everything][:2] == ["sign_in_failed", "sign_in"]  # newest first
    assert {e.action for e in view.entries(AuditFilter(first_day=today), actor=history.owner)} >= {
        "sign_in", "sign_in_failed"}
    assert "refund" not in {e.action for e in view.entries(AuditFilter(first_day=today), actor=history.owner)}
    refunds = view.entries(AuditFilter(last_day=today - timedelta(days=1)), actor=history.owner)
    assert [e.action for e in refunds] == ["refund"]
    assert (refunds[0].staff_name, refunds[0].approver_name) == ("李明", "王秀英")
    assert refunds[0].at.tzinfo is not None and refunds[0].at.utcoffset() == timedelta(hours=8)
    by_leader = view.entries(AuditFilter(staff_no="03"), actor=history.owner)
    assert {e.action for e in by_leader} == {"sign_in_failed"}  # what 03 did, not what was done to 03
    as_approver = view.entries(AuditFilter(staff_no="01", action="refund"), actor=history.owner)
    assert len(as_approver) == 1
    assert view.count(AuditFilter(action="sign_in"), actor=history.owner) == 1
    assert "refund" in view.actions()


def test_only_the_owner_reads_it_or_with_the_owners_approval(view, history):
    with pytest.raises(PermissionDenied):
        view.entries(AuditFilter(), actor=history.clerk)
    approver = history.staff.approve("01", PINS["01"], "audit.view", for_actor=history.clerk)
    assert view.entries(AuditFilter(), actor=history.clerk, approver=approver)


def test_csv_export_for_excel(view, history, tmp_path):
    path = tmp_path / "审计.csv"
    count = view.export_csv(path, AuditFilter(), actor=history.owner)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_HEADERS and rows[0][0] == "时间"
    assert len(rows) == count + 1
    refund = next(r for r in rows if r[2] == "refund")
    assert refund[1] == "退款" and refund[4] == "李明" and refund[6] == "王秀英"
    assert refund[0].startswith("2026-11-24 10:00")  # store time, not UTC
    assert '=HYPERLINK' in refund[10] and not refund[10].startswith("=")
    export = history.audit("audit_export")[-1]
    assert export.staff_id == history.owner.staff_id and export.after["rows"] == count


def test_a_cell_that_would_be_a_formula_is_quoted(view, shop, tmp_path):
    with shop.db.write() as uow:
        record_audit(uow.session, at=datetime(2026, 11, 25, 1, tzinfo=UTC), staff_id=None,
                     action="settings_change", entity="setting", entity_id="=cmd|' /C calc'!A0")
        uow.commit()
    path = tmp_path / "a.csv"
    view.export_csv(path, AuditFilter(action="settings_change"), actor=shop.owner)
    row = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))[1]
    assert row[8] == "'=cmd|' /C calc'!A0"


def test_the_append_only_triggers_refuse_update_and_delete(db_path, shop):
    shop.db.dispose()
    conn = sqlite3.connect(db_path)
    try:
        for statement in APPEND_ONLY_TRIGGERS_SQL:
            conn.execute(statement)
        conn.execute("INSERT INTO audit_log (at, action, entity, entity_id) VALUES ('2026-11-25', 'x', '', '')")
        for sql in ("UPDATE audit_log SET action = 'y'", "DELETE FROM audit_log"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(sql)
        conn.commit()
        assert conn.execute("SELECT count(*) FROM audit_log WHERE action = 'y'").fetchone()[0] == 0
    finally:
        conn.close()
