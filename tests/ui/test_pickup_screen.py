"""The Pickup screen (F2) on the demo store: scans, typed codes, phone endings, hand-outs,
partial hand-outs, undo, refusals, proxy pickups. Real window, real SQLite, tasks inline."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from app.actors import Actor
from app.bootstrap import AppContext, bootstrap
from app.clock import FixedClock
from app.demo_seed import DemoSummary, seed_demo
from app.pickups import VerdictState, bag_label_text
from local_db.models import GroupOrder, Outbox, Pickup
from sync.pickup_code import DEMO_KEY_ID, PickupClaim, generate_key_pair, issue_pickup_code
from ui.main_window import MainWindow
from ui.pickup.dialogs import ProxyNoteDialog, UndoReasonDialog
from ui.pickup.services import pickup_service
from ui.screens.pickup_screen import PickupScreen
from ui.tasks import runner


@pytest.fixture
def ctx(db_path: Path, clock: FixedClock) -> Iterator[AppContext]:
    """The demo store (station 1001, its staff, campaigns and orders in every state)."""
    context = bootstrap(db_path.parent, clock=clock, take_lock=False)
    context.settings.camera_index = -1  # no camera unless a test opens one
    context.extras["demo"] = seed_demo(context.db, now=clock.now(), calendar=context.calendar)
    yield context
    runner().wait(5_000)
    context.close()


@pytest.fixture
def actor(ctx: AppContext) -> Actor:
    return ctx.station.actor("03")  # 赵芳, group leader


@pytest.fixture
def demo(ctx: AppContext) -> DemoSummary:
    summary = ctx.extras["demo"]
    assert isinstance(summary, DemoSummary)
    return summary


@pytest.fixture
def screen(window: MainWindow, inline_tasks: None) -> PickupScreen:
    window.show_screen(1)
    pickup = window.current_screen()
    assert isinstance(pickup, PickupScreen)
    return pickup


# --- helpers ---------------------------------------------------------------------------------


def fulfilment(ctx: AppContext, order_id: int) -> str:
    with ctx.db.read() as uow:
        order = uow.session.get(GroupOrder, order_id)
        assert order is not None
        return order.fulfilment


def outbox_count(ctx: AppContext, kind: str) -> int:
    with ctx.db.read() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(Outbox).where(Outbox.kind == kind)) or 0)


def pickup_rows(ctx: AppContext, order_id: int) -> list[tuple[str, int | None]]:
    with ctx.db.read() as uow:
        return [(p.kind, p.undoes_id) for p in uow.session.scalars(
            select(Pickup).where(Pickup.order_id == order_id).order_by(Pickup.id))]


def press(qtbot, key: Qt.Key) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key)


def scan(keys, fallback, text: str) -> None:
    keys.send(keys.focus(fallback), keys.events(text, gap_ms=4))


def forged_qr(order_id: int, station_id: int, clock: FixedClock) -> str:
    """A code that looks like the platform's but is signed with someone else's key."""
    private, _public = generate_key_pair()
    claim = PickupClaim(order_id=order_id, station_id=station_id, issued_at=clock.now(), key_id=DEMO_KEY_ID)
    return issue_pickup_code(claim, private)


def tab_count(screen: PickupScreen, index: int) -> int:
    """The number in a tab's title: 今日提货（3）."""
    found = re.search(r"\d+", screen.tabs.tabText(index))
    assert found is not None
    return int(found.group())


def error_boxes(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox, "errorBox") if box.isVisible()]


# --- scanning and handing out -----------------------------------------------------------------


def test_a_scanner_burst_shows_ready_then_enter_hands_out_once(qtbot, window, screen, keys, ctx, demo):
    ready = demo.ready_orders[0]
    screen.waiting.min_days.setFocus()  # some widget has focus; the scan finds the screen anyway
    before = outbox_count(ctx, "pickup")
    scan(keys, screen, ready.qr_text)
    verdict = screen.panel.verdict
    assert verdict is not None and verdict.state is VerdictState.READY
    assert verdict.order_id == ready.order_id
    assert screen.panel.band.property("tone") == "ok"
    assert screen.panel.shelf_slot.text() == ready.shelf_slot
    assert screen.panel.fact_values["tail"].text() == ready.phone_tail
    assert ready.customer_name not in screen.panel.fact_values["customer"].text()
    assert screen.panel.fact_values["customer"].text().startswith(ready.customer_name[0])
    assert set(screen.panel.line_editor.spins) == {line.order_line_id for line in verdict.lines}
    assert screen.panel.headline.text().startswith("可以提货")

    press(qtbot, Qt.Key.Key_Return)
    assert screen.panel.handout is not None
    assert fulfilment(ctx, ready.order_id) == "collected"
    assert outbox_count(ctx, "pickup") == before + 1
    assert "全部提完" in screen.panel.headline.text()
    assert any(r.order_id == ready.order_id for r in screen.today.records)

    scan(keys, screen, ready.qr_text)  # the same code again
    assert screen.panel.verdict is not None
    assert screen.panel.verdict.state is VerdictState.ALREADY_PICKED
    assert screen.panel.band.property("tone") == "stop"
    assert "赵芳" in screen.panel.earlier.text()  # when, and by whom
    assert screen.panel.earlier.isVisible()
    press(qtbot, Qt.Key.Key_Return)  # Enter does nothing on a red verdict
    assert outbox_count(ctx, "pickup") == before + 1
    assert [kind for kind, _ in pickup_rows(ctx, ready.order_id)] == ["pickup"]


def test_a_typed_pickup_code_with_full_width_digits(qtbot, screen, ctx, demo):
    ready = demo.ready_orders[1]
    screen.entry.setFocus()
    # As a Chinese input method in full-width mode would leave it (QTest types Latin-1 only).
    screen.entry.setText(ready.pickup_code[:4].translate(str.maketrans("0123456789", "０１２３４５６７８９")))
    qtbot.keyClicks(screen.entry, ready.pickup_code[4:])
    qtbot.keyClick(screen.entry, Qt.Key.Key_Return)
    assert screen.panel.verdict is not None
    assert screen.panel.verdict.order_id == ready.order_id
    assert screen.panel.verdict.state is VerdictState.READY
    assert screen.entry.text() == ""
    qtbot.keyClick(screen.entry, Qt.Key.Key_Return)
    assert fulfilment(ctx, ready.order_id) == "collected"


def test_a_phone_ending_gives_a_choice_picked_with_arrows_and_enter(qtbot, screen, ctx, demo):
    ready = demo.ready_orders[0]
    qtbot.keyClicks(screen.entry, ready.phone_tail)
    qtbot.keyClick(screen.entry, Qt.Key.Key_Return)
    verdict = screen.panel.verdict
    assert verdict is not None and verdict.state is VerdictState.CHOICE
    choices = screen.panel.choice_list
    assert choices.hasFocus()
    assert choices.count() == len(verdict.choices) >= 2
    assert screen.panel.band.property("tone") == "info"
    target = [c.order_id for c in verdict.choices].index(ready.order_id)
    qtbot.keyClick(choices, Qt.Key.Key_End)
    for _ in range(choices.count() - 1 - target):
        qtbot.keyClick(choices, Qt.Key.Key_Up)
    qtbot.keyClick(choices, Qt.Key.Key_Return)
    chosen = screen.panel.verdict
    assert chosen is not None and chosen.order_id == ready.order_id
    assert chosen.state is VerdictState.READY and chosen.method == "phone"
    # Enter opened the order; it did not hand it out as well.
    assert fulfilment(ctx, ready.order_id) == "ready"
    assert screen.panel.handout is None


def test_a_partial_hand_out_then_the_rest(qtbot, screen, ctx, demo):
    ready = demo.ready_orders[0]
    screen.verify(ready.pickup_code)
    verdict = screen.panel.verdict
    assert verdict is not None and verdict.can_hand_out
    first = verdict.lines[0]
    press(qtbot, Qt.Key.Key_F7)
    spin = screen.panel.line_editor.spins[first.order_line_id]
    assert spin.hasFocus()
    for line in verdict.lines:  # hand out only one piece of the first line now
        screen.panel.line_editor.spins[line.order_line_id].setValue(0)
    spin.setValue(1)
    assert "1" in screen.panel.key_hints.text()
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    result = screen.panel.handout
    assert result is not None and result.fulfilment == "partial" and result.items == 1
    assert fulfilment(ctx, ready.order_id) == "partial"

    screen.verify(ready.qr_text)
    again = screen.panel.verdict
    assert again is not None and again.state is VerdictState.PARTLY_PICKED
    assert screen.panel.band.property("tone") == "warn"
    assert again.items_to_hand_out == verdict.items_to_hand_out - 1
    press(qtbot, Qt.Key.Key_Return)
    assert fulfilment(ctx, ready.order_id) == "collected"
    assert outbox_count(ctx, "pickup") >= 2


def test_undo_the_last_hand_out_within_the_window(qtbot, screen, ctx, demo):
    ready = demo.ready_orders[2]
    screen.verify(ready.qr_text)
    press(qtbot, Qt.Key.Key_Return)
    assert fulfilment(ctx, ready.order_id) == "collected"
    ctx.clock.advance(minutes=3)  # type: ignore[attr-defined]
    press(qtbot, Qt.Key.Key_F9)
    dialog = screen.dialog
    assert isinstance(dialog, UndoReasonDialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # a reason is required
    dialog.edit.setText("拿错袋子")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert screen.dialog is None
    assert fulfilment(ctx, ready.order_id) == "ready"
    rows = pickup_rows(ctx, ready.order_id)
    assert [kind for kind, _ in rows] == ["pickup", "undo"] and rows[1][1] is not None
    assert outbox_count(ctx, "pickup_undo") == 1
    assert screen.panel.undo_result is not None
    assert screen.panel.band.property("tone") == "info"
    assert any(r.undone for r in screen.today.records if r.order_id == ready.order_id)


def test_a_forged_code_is_red_and_cannot_be_handed_out(qtbot, window, screen, keys, ctx, demo):
    ready = demo.ready_orders[0]
    scan(keys, screen, forged_qr(ready.order_id, demo.station_id, ctx.clock))  # type: ignore[arg-type]
    verdict = screen.panel.verdict
    assert verdict is not None and verdict.state is VerdictState.FORGED
    assert screen.panel.band.property("tone") == "stop"
    assert not screen.panel.facts.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    assert fulfilment(ctx, ready.order_id) == "ready"


def test_the_right_bag_label_confirms_and_hands_out_the_wrong_one_is_refused(qtbot, window, screen, keys, ctx, demo):
    first, second = demo.ready_orders[0], demo.ready_orders[1]
    service = pickup_service(ctx)
    bag_of_second = service.verify(second.qr_text).bag_id
    bag_of_first = service.verify(first.qr_text).bag_id
    assert bag_of_first and bag_of_second
    scan(keys, screen, first.qr_text)
    scan(keys, screen, bag_label_text(bag_of_second))
    assert fulfilment(ctx, first.order_id) == "ready"  # nothing handed out
    assert screen.panel.alarm.isVisible()
    assert "袋子拿错了" in screen.panel.alarm.text()
    assert screen.panel.verdict is not None and screen.panel.verdict.order_id == first.order_id
    assert error_boxes(window)
    for box in error_boxes(window):
        box.close()
    scan(keys, screen, bag_label_text(bag_of_first))
    result = screen.panel.handout
    assert result is not None and result.bag_confirmed
    assert fulfilment(ctx, first.order_id) == "collected"


def test_f8_hands_out_for_someone_with_a_note(qtbot, screen, ctx, demo):
    ready = demo.ready_orders[3]
    screen.verify(ready.qr_text)
    press(qtbot, Qt.Key.Key_F8)
    dialog = screen.dialog
    assert isinstance(dialog, ProxyNoteDialog)
    dialog.edit.setText("3栋王阿姨")
    dialog.accept()
    result = screen.panel.handout
    assert result is not None and result.proxy_note == "3栋王阿姨"
    assert fulfilment(ctx, ready.order_id) == "collected"
    assert "3栋王阿姨" in screen.panel.detail.text()


def test_escape_clears_the_verdict(qtbot, screen, demo):
    screen.verify(demo.ready_orders[0].qr_text)
    assert screen.panel.verdict is not None
    press(qtbot, Qt.Key.Key_Escape)
    assert screen.panel.verdict is None
    assert screen.panel.band.property("tone") == "idle"
    assert screen.entry.hasFocus()


def test_a_product_barcode_is_explained_and_changes_nothing(qtbot, screen, keys, ctx):
    before = outbox_count(ctx, "pickup")
    scan(keys, screen, "6901234567892")
    verdict = screen.panel.verdict
    assert verdict is not None and verdict.state is VerdictState.NOT_A_PICKUP_CODE
    assert outbox_count(ctx, "pickup") == before


def test_english_texts_follow_the_language(qtbot, screen, demo):
    from ui.i18n import apply_language

    screen.verify(demo.ready_orders[0].qr_text)
    try:
        apply_language("en")
        qtbot.waitUntil(lambda: screen.panel.headline.text().startswith("Ready"), timeout=3_000)
        assert screen.tabs.tabText(0) == "Verify pickup"
        assert screen.panel.fact_names["tail"].text() == "Phone ending"
    finally:
        apply_language("zh_CN")
    qtbot.waitUntil(lambda: screen.panel.headline.text().startswith("可以提货"), timeout=3_000)
    assert screen.tabs.tabText(0) == "核销"


# --- lists and batch ----------------------------------------------------------------------------


def test_waiting_list_filters_by_campaign_and_days_and_copies_a_reminder(qtbot, screen, ctx, demo):
    waiting = screen.waiting
    screen.tabs.setCurrentWidget(waiting)
    everything = pickup_service(ctx).waiting_orders()
    assert len(waiting.orders) == len(everything) > 0
    assert waiting.table.rowCount() == len(everything)
    assert tab_count(screen, 2) == len(everything)
    campaign = everything[-1].campaign_id
    waiting.campaign_box.setCurrentIndex(waiting.campaign_box.findData(campaign))
    assert waiting.orders and all(o.campaign_id == campaign for o in waiting.orders)
    waiting.campaign_box.setCurrentIndex(0)
    waiting.min_days.setValue(1)
    assert all(o.days_waiting >= 1 for o in waiting.orders)
    waiting.min_days.setValue(0)

    QApplication.clipboard().clear()
    qtbot.mouseClick(waiting.copy_button, Qt.MouseButton.LeftButton)
    text = QApplication.clipboard().text()
    assert text == waiting.last_reminder
    assert "尾号" in text
    assert everything[0].phone_tail in text
    names = [s.customer_name for s in demo.ready_orders]
    assert not any(name in text for name in names)  # masked names only
    assert re.search(r"\d{5,}", text) is None  # phone endings only, never a whole number


def test_opening_a_waiting_order_shows_its_verdict(qtbot, screen, ctx):
    waiting = screen.waiting
    screen.tabs.setCurrentWidget(waiting)
    waiting.table.setFocus()
    waiting.table.setCurrentCell(0, 0)
    qtbot.keyClick(waiting.table, Qt.Key.Key_Return)
    assert screen.tabs.currentWidget() is screen.verify_page
    verdict = screen.panel.verdict
    assert verdict is not None and verdict.order_id == waiting.orders[0].order_id
    assert verdict.can_hand_out and verdict.method == "manual"


def test_today_list_undoes_a_pickup(qtbot, screen, ctx, demo):
    ready = demo.ready_orders[4]
    screen.verify(ready.qr_text)
    press(qtbot, Qt.Key.Key_Return)
    screen.tabs.setCurrentWidget(screen.today)
    assert screen.today.table.rowCount() == len(screen.today.records) >= 1
    assert tab_count(screen, 1) == 1
    row = next(i for i, r in enumerate(screen.today.records) if r.order_id == ready.order_id)
    button = screen.today.table.cellWidget(row, 7)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, UndoReasonDialog)
    dialog.edit.setText("顾客退回")
    dialog.accept()
    assert fulfilment(ctx, ready.order_id) == "ready"
    assert screen.today.records[row].undone
    assert tab_count(screen, 1) == 0


def test_batch_mode_hands_out_three_codes_with_a_result_each(qtbot, window, screen, keys, ctx, demo):
    screen.tabs.setCurrentWidget(screen.batch)
    first, second = demo.ready_orders[0], demo.ready_orders[1]
    collected = demo.state_samples["collected"]
    for text in (first.qr_text, second.pickup_code, collected.qr_text):
        scan(keys, screen, text)
    scan(keys, screen, first.qr_text)  # the same code twice is kept out of the list
    batch = screen.batch
    assert batch.texts == [first.qr_text, second.pickup_code, collected.qr_text]
    assert batch.table.item(2, 2).text().startswith("已经提过货")
    qtbot.mouseClick(batch.hand_out_button, Qt.MouseButton.LeftButton)
    assert [r.ok for r in batch.results] == [True, True, False]
    assert batch.table.item(0, 3).text().startswith("√")
    assert batch.table.item(2, 3).text().startswith("×")
    assert fulfilment(ctx, first.order_id) == fulfilment(ctx, second.order_id) == "collected"
    assert "2" in batch.summary.text() and "3" in batch.summary.text()
    assert screen.panel.verdict is None  # the scans went to the batch, not the verdict


# --- pictures -----------------------------------------------------------------------------------


def test_pictures_of_the_screen(qtbot, window, screen, keys, ctx, demo, tmp_path):
    """PNGs of the main states at 1366x768 (UI_SHOTS_DIR keeps them for a person to look at)."""
    import os

    folder = Path(os.environ.get("UI_SHOTS_DIR") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)

    def shot(name: str) -> None:
        QApplication.processEvents()
        assert window.grab().save(str(folder / f"{name}.png"), "PNG")

    screen.clear_verdict()
    shot("01_idle")
    ready = demo.ready_orders[0]
    scan(keys, screen, ready.qr_text)
    shot("02_ready")
    press(qtbot, Qt.Key.Key_Return)
    shot("03_handed_out")
    scan(keys, screen, ready.qr_text)
    shot("04_already_picked")
    scan(keys, screen, forged_qr(ready.order_id, demo.station_id, ctx.clock))  # type: ignore[arg-type]
    shot("05_forged")
    service = pickup_service(ctx)
    tail = max((o.phone_tail for o in demo.ready_orders[1:]), key=lambda t: len(service.verify(t).choices))
    screen.verify(tail)
    shot("06_choice")
    screen.verify(demo.state_samples["partial"].qr_text)
    shot("07_partly_picked")
    screen.verify(demo.state_samples["awaiting"].qr_text)
    shot("08_not_arrived")
    screen.tabs.setCurrentWidget(screen.waiting)
    shot("09_waiting")
    screen.tabs.setCurrentWidget(screen.today)
    shot("10_today")
    screen.tabs.setCurrentWidget(screen.batch)
    for text in (demo.ready_orders[2].qr_text, demo.ready_orders[3].pickup_code, demo.state_samples["cancelled"].qr_text):
        scan(keys, screen, text)
    screen.batch.hand_out_all()
    shot("11_batch")
    assert len(list(folder.glob("*.png"))) >= 11
