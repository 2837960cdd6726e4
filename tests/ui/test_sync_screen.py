"""The Sync screen (F5) against the real cloud server: enrol with the form, sync, see a
conflict arrive and resolve it with the button, all through the real window."""
from __future__ import annotations

from sqlalchemy import select

from app.pickups import PickupService
from app.sync_service import SyncService
from local_db.models import AuditLog, GroupOrder
from tests.cloud.cloud_helpers import run_admin
from tests.sync.test_sync_support import Cloud, cloud_station, mark_arrived
from ui.screens.sync_screen import SyncScreen

pytest_plugins = ["tests.sync.test_sync_support"]


def open_sync_screen(qtbot, window) -> SyncScreen:
    from PySide6.QtCore import Qt

    qtbot.keyClick(window, Qt.Key.Key_F5)
    screen = window.current_screen()
    assert isinstance(screen, SyncScreen)
    qtbot.waitUntil(lambda: screen.status.overview is not None, timeout=10_000)
    return screen


def wait_for_sync(qtbot, screen: SyncScreen) -> None:
    qtbot.waitUntil(lambda: screen.last_summary is not None and not screen.runner.running, timeout=60_000)


def test_enrol_sync_and_resolve_a_conflict_on_the_sync_screen(qtbot, window, ctx, actor, cloud: Cloud) -> None:
    from PySide6.QtCore import Qt

    code, order_ids = cloud_station(cloud, orders=6, seed=91)
    screen = open_sync_screen(qtbot, window)
    assert screen.status.overview.needs_enrolment
    assert screen.tabs.currentWidget() is screen.enrol_form
    assert not screen.status.sync_button.isEnabled()
    assert screen.status.sync_button.text() == "立即同步"

    form = screen.enrol_form
    form.url_edit.setText(cloud.url)
    qtbot.keyClicks(form.code_edit, code)
    qtbot.mouseClick(form.enrol_button, Qt.MouseButton.LeftButton)
    wait_for_sync(qtbot, screen)  # enrolling starts the first sync by itself
    assert screen.last_summary.ok, screen.last_summary.error
    qtbot.waitUntil(lambda: screen.status.overview.online, timeout=10_000)
    overview = screen.status.overview
    assert (overview.station_code, overview.pending_uploads, overview.open_conflicts) == ("ST1001", 0, 0)
    assert overview.last_success_at is not None
    assert screen.status.pending_label.text() == "0"
    assert screen.log_view.count() >= 2
    with ctx.db.read() as uow:
        assert sorted(uow.session.scalars(select(GroupOrder.id))) == sorted(order_ids)
    assert ctx.settings.cloud_url == cloud.url
    assert isinstance(screen.service, SyncService) and screen.service.ready_for_auto_sync()

    # The platform refunds an order while the counter hands its bag out.
    mark_arrived(ctx.db)
    run_admin(cloud.db.url, "refund", str(order_ids[0]))
    PickupService(ctx.db, ctx.clock, ctx.calendar, ctx.settings).hand_out(order_ids[0], actor=actor)
    screen.refresh()
    qtbot.waitUntil(lambda: screen.status.overview.pending_uploads == 1, timeout=10_000)

    screen.last_summary = None
    qtbot.mouseClick(screen.status.sync_button, Qt.MouseButton.LeftButton)
    wait_for_sync(qtbot, screen)
    assert screen.last_summary.new_conflicts == 1
    qtbot.waitUntil(lambda: len(screen.conflicts.conflicts) == 1, timeout=10_000)
    assert screen.tabs.currentWidget() is screen.conflicts
    assert screen.tabs.tabText(0) == "冲突（1）"

    [conflict] = screen.conflicts.conflicts
    qtbot.mouseClick(screen.conflicts.buttons[conflict.conflict_id], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.dialog is not None, timeout=5_000)
    screen.dialog.set_resolution("customer_paid")
    screen.dialog.note.setText("顾客补付了现金")
    screen.dialog.accept()
    qtbot.waitUntil(lambda: screen.conflicts.conflicts == [], timeout=10_000)
    qtbot.waitUntil(lambda: screen.status.overview.open_conflicts == 0, timeout=10_000)
    with ctx.db.read() as uow:
        audit = uow.session.scalars(select(AuditLog).where(AuditLog.action == "conflict_resolve")).one()
        assert audit.staff_id == actor.staff_id
        assert audit.after == {"resolution": "customer_paid", "note": "顾客补付了现金"}


def test_a_wrong_code_is_shown_and_nothing_is_enrolled(qtbot, window, cloud: Cloud) -> None:
    from PySide6.QtCore import Qt

    screen = open_sync_screen(qtbot, window)
    screen.enrol_form.url_edit.setText(cloud.url)
    screen.enrol_form.code_edit.setText("ABCD-EFGH-JKMN")
    qtbot.mouseClick(screen.enrol_form.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.enrol_form.enrol_button.isEnabled(), timeout=15_000)
    assert "登记码" in screen.enrol_form.status.text()
    screen.refresh()
    qtbot.waitUntil(lambda: screen.status.overview is not None, timeout=5_000)
    assert screen.status.overview.needs_enrolment
    # Plain http beyond this machine is refused before anything is sent.
    screen.enrol_form.url_edit.setText("http://example.com")
    qtbot.mouseClick(screen.enrol_form.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "https" in screen.enrol_form.status.text(), timeout=5_000)
