"""The Arrivals screen (F3) on the demo store: a delivery checked with scanner bursts and
typed counts, damaged and missing pieces with a reason and a photo, the allocation preview
and shares by hand, the sign-off and its result, a second truck. Real window, real SQLite
(seed_demo), tasks inline."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from app.actors import Actor
from app.arrivals import parse_slot
from app.bootstrap import AppContext, bootstrap
from app.clock import FixedClock
from app.demo_seed import seed_demo
from local_db.models import Claim, GroupOrder, GroupOrderLine, Outbox
from sync.protocol import parse_event
from ui.arrivals.line_dialogs import CountDialog, ProblemDialog
from ui.arrivals.signoff import SignOffDialog
from ui.main_window import MainWindow
from ui.screens.arrivals_screen import ALLOCATION, DOCUMENTS, RESULT, SHEET, ArrivalsScreen
from ui.tasks import runner

TODAY_CAMPAIGN = 7002  # the demo campaign arriving today (pickup 2026-11-25)
BEER = "6933771508328"  # 青岛啤酒经典 500ml×12罐, 35 expected
MILK = "6944984467364"  # 光明鲜牛奶 950ml, 11 expected


@pytest.fixture
def ctx(db_path: Path, clock: FixedClock) -> Iterator[AppContext]:
    """The demo store: station 1001, its staff, campaigns and orders in every state."""
    context = bootstrap(db_path.parent, clock=clock, take_lock=False)
    context.settings.camera_index = -1
    seed_demo(context.db, now=clock.now(), calendar=context.calendar)
    yield context
    runner().wait(10_000)
    context.close()


@pytest.fixture
def actor(ctx: AppContext) -> Actor:
    return ctx.station.actor("03")  # 赵芳, group leader


@pytest.fixture
def screen(qtbot, window: MainWindow, inline_tasks: None) -> ArrivalsScreen:
    window.show_screen(2)  # F3
    arrivals = window.current_screen()
    assert isinstance(arrivals, ArrivalsScreen)
    return arrivals


# --- helpers ---------------------------------------------------------------------------------


def press(qtbot, key: Qt.Key) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key)


def scan(keys, window: MainWindow, code: str, times: int = 1) -> None:
    for _ in range(times):
        keys.send(keys.focus(window), keys.events(code, gap_ms=4))


def line_named(screen: ArrivalsScreen, part: str):
    return next(line for line in screen.model.lines if part in line.name)


def type_count(qtbot, screen: ArrivalsScreen, part: str, count: int) -> None:
    """Choose the line, Enter, type the number, Enter."""
    line = line_named(screen, part)
    screen.table.setFocus()
    screen.table.select_item(line.campaign_item_id)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    dialog = screen.dialog
    assert isinstance(dialog, CountDialog) and dialog.isVisible()
    assert dialog.item.text() == line.name
    dialog.spin.selectAll()
    qtbot.keyClicks(dialog.spin, str(count))
    qtbot.keyClick(dialog.spin, Qt.Key.Key_Return)
    assert screen.dialog is None
    assert line_named(screen, part).qty_received == count


def enter_problem(qtbot, screen: ArrivalsScreen, part: str, *, damaged: int = 0, missing: int = 0,
                  reason: str = "", photo: Path | None = None) -> None:
    line = line_named(screen, part)
    screen.table.setFocus()
    screen.table.select_item(line.campaign_item_id)
    qtbot.keyClick(screen.table, Qt.Key.Key_F7)
    dialog = screen.dialog
    assert isinstance(dialog, ProblemDialog)
    for edit, value in ((dialog.damaged, damaged), (dialog.missing, missing)):
        edit.selectAll()
        qtbot.keyClicks(edit, str(value))
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    if damaged or missing:
        assert not ok.isEnabled(), "a claim needs a reason"
    dialog.reason.setEditText(reason)
    if photo is not None:
        dialog.photo.setText(str(photo))
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert screen.dialog is None


def fill_the_rest(qtbot, screen: ArrivalsScreen, skip: tuple[str, ...] = ()) -> None:
    """Type the full count of every line not counted yet (the boxes without a barcode)."""
    for line in list(screen.model.lines):
        if line.qty_received or any(s in line.name for s in skip):
            continue
        type_count(qtbot, screen, line.name, line.qty_expected)


def outbox_events(ctx: AppContext, kind: str) -> list:
    with ctx.db.read() as uow:
        rows = uow.session.scalars(select(Outbox).where(Outbox.kind == kind).order_by(Outbox.seq))
        return [parse_event(r.payload) for r in rows]


def sign_off(qtbot, screen: ArrivalsScreen) -> None:
    press(qtbot, Qt.Key.Key_F9)
    dialog = screen.dialog
    assert isinstance(dialog, SignOffDialog)
    assert "赵芳" in dialog.who.text()
    target = QApplication.focusWidget()
    qtbot.keyClick(target if target is not None and target.window() is dialog else dialog,
                   Qt.Key.Key_Return)
    assert screen.dialog is None


# --- the tests -------------------------------------------------------------------------------


def test_todays_delivery_is_chosen_and_opened_with_enter(qtbot, screen):
    assert screen.current_delivery().campaign_id == TODAY_CAMPAIGN
    assert "今天" in screen.delivery_box.currentText()
    assert screen.delivery_box.count() == 2  # today's, and the one still taking orders
    assert screen.open_button.text() == "开始验货"
    assert not screen.tabs.isTabEnabled(ALLOCATION) and not screen.tabs.isTabEnabled(RESULT)
    assert QApplication.focusWidget() is screen.open_button
    press(qtbot, Qt.Key.Key_Return)
    assert screen.sheet is not None and screen.sheet.campaign_id == TODAY_CAMPAIGN
    assert screen.model.rowCount() == 11
    assert sum(line.qty_expected for line in screen.model.lines) == 218
    assert screen.tabs.isTabEnabled(ALLOCATION)
    assert "第 1 车" in screen.check_state.text() and "验货中" in screen.check_state.text()
    headers = [screen.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == ["商品", "存放", "应到", "已点", "破损", "缺少", "还差"]
    zones = {screen.model.data(screen.model.index(r, 1)) for r in range(11)}
    assert zones == {"常温", "冷藏", "冷冻"}


def test_receive_todays_delivery_with_scans_and_a_shortage_then_sign_off(qtbot, window, screen, keys,
                                                                         ctx, tmp_path):
    press(qtbot, Qt.Key.Key_Return)  # 开始验货
    # A scanner burst counts one, and the band says which item and how many so far.
    scan(keys, window, BEER, 3)
    beer = line_named(screen, "青岛啤酒")
    assert beer.qty_received == 3
    assert screen.feedback.item.text() == beer.name
    assert screen.feedback.count.text() == "3 / 35"
    assert "还差 32 件" in screen.feedback.detail.text()
    assert screen.feedback.tone == "ok"
    scan(keys, window, MILK, 2)
    assert screen.feedback.count.text() == "2 / 11"
    # Typed counts for the rest; the beer is two boxes short, the cherries one crushed and
    # two missing, with a photo of the crushed box.
    type_count(qtbot, screen, "青岛啤酒", 33)
    type_count(qtbot, screen, "车厘子", 20)
    type_count(qtbot, screen, "光明鲜牛奶", 11)  # the rest of the milk crates, counted by hand
    fill_the_rest(qtbot, screen)
    photo = tmp_path / "crushed.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo")
    enter_problem(qtbot, screen, "青岛啤酒", missing=2, reason="少发")
    enter_problem(qtbot, screen, "车厘子", damaged=1, missing=2, reason="挤压变形", photo=photo)
    assert "已点 213 / 218" in screen.summary.text() and "0 种还差" in screen.summary.text()
    cherries = line_named(screen, "车厘子")
    assert (cherries.qty_damaged, cherries.qty_missing, cherries.reason) == (1, 2, "挤压变形")
    assert cherries.photo_path == str(photo)

    # Who goes without: the default rule's preview, latest orders first.
    qtbot.keyClick(screen.table, Qt.Key.Key_F8)
    assert screen.tabs.currentIndex() == ALLOCATION
    plan = screen.allocation.plan
    assert plan is not None and plan.rule == "latest_first" and plan.total_short == 5
    assert {item.name for item in plan.items} == {beer.name, cherries.name}
    assert screen.allocation.sign_off.isEnabled()

    sign_off(qtbot, screen)
    result = screen.result
    assert result is not None
    assert screen.tabs.currentIndex() == RESULT
    assert result.orders_still_waiting == 0
    assert screen.result_panel.ready.number.text() == str(len(result.ready_order_ids)) != "0"
    assert screen.result_panel.claims_tile.number.text() == "3"
    assert "挤压变形" in screen.result_panel.claims.text() and "附照片" in screen.result_panel.claims.text()
    zone_texts = [row[0].text() for row in screen.result_panel.zone_rows]
    assert zone_texts == ["常温", "冷藏", "冷冻"]
    assert all(re.search(r"[ACF]-\d{3}", row[2].text()) for row in screen.result_panel.zone_rows)
    assert "到货已签收" in window.notice_bar.text()

    # The orders are ready, each with one bag number and the zones of its goods.
    with ctx.db.read() as uow:
        orders = uow.session.scalars(select(GroupOrder).where(GroupOrder.campaign_id == TODAY_CAMPAIGN,
                                                              GroupOrder.id.in_(result.ready_order_ids))).all()
        assert orders and all(o.fulfilment == "ready" and o.bag_id and o.shelf_slot for o in orders)
        numbers = [parse_slot(o.shelf_slot).number for o in orders]
        assert len(set(numbers)) == len(numbers)
        short = uow.session.scalar(select(func.sum(GroupOrderLine.qty_short))
                                   .join(GroupOrder, GroupOrder.id == GroupOrderLine.order_id)
                                   .where(GroupOrder.campaign_id == TODAY_CAMPAIGN))
        assert short == 5
        claims = uow.session.scalars(select(Claim).where(Claim.arrival_id == result.arrival_id)).all()
        assert sorted((c.kind, c.qty) for c in claims) == [("damaged", 1), ("short", 2), ("short", 2)]
        assert any(c.photo_path == str(photo) for c in claims)
    arrival_events = outbox_events(ctx, "arrival")
    assert [e.arrival_uuid for e in arrival_events] == [result.arrival_uuid]
    assert arrival_events[0].allocation_rule == "latest_first"
    claim_events = outbox_events(ctx, "shortage_claim")
    assert len(claim_events) == 3 and any(e.has_photo for e in claim_events)
    # Signed: the sheet no longer changes, and F10 leads to the documents.
    scan(keys, window, BEER)
    assert line_named(screen, "青岛啤酒").qty_received == 33
    assert not screen.tabs.isTabEnabled(ALLOCATION)
    qtbot.keyClick(screen.result_panel.print_button, Qt.Key.Key_F10)
    assert screen.tabs.currentIndex() == DOCUMENTS
    assert screen.documents.source is not None
    assert screen.documents.source.arrival_id == result.arrival_id


def test_rule_chooser_and_shares_by_hand(qtbot, window, screen, ctx):
    press(qtbot, Qt.Key.Key_Return)
    fill_the_rest(qtbot, screen, skip=("青岛啤酒",))
    type_count(qtbot, screen, "青岛啤酒", 32)
    enter_problem(qtbot, screen, "青岛啤酒", missing=3, reason="少发")
    qtbot.keyClick(screen.table, Qt.Key.Key_F8)
    panel = screen.allocation
    latest = panel.plan.items[0]
    assert latest.qty_short == 3 and sum(c.qty_short for c in latest.candidates) == 3

    # Earlier orders first: a different set of orders goes without (Ctrl+2).
    qtbot.keyClick(panel.tree, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert panel.rule == "earliest_first" and panel.plan.rule == "earliest_first"
    earliest = panel.plan.items[0]
    first_loser = next(c for c in earliest.shares)
    newest = max((c for c in earliest.candidates if not c.qty_short), key=lambda c: c.placed_at)
    assert first_loser.placed_at < newest.placed_at
    # the choice is remembered on the open check
    assert screen.service.sheet(arrival_id=screen.sheet.arrival_id).allocation_rule == "earliest_first"

    # Typing a share switches to "by hand", starting from the plan on screen.
    shown = {panel.tree.topLevelItem(0).child(n).text(0) for n in range(panel.tree.topLevelItem(0).childCount())}
    assert shown == {c.pickup_code for c in earliest.shares}
    panel.set_share(first_loser.order_line_id, first_loser.qty_short - 1)
    assert panel.rule == "manual" and panel.rule_buttons["manual"].isChecked()
    assert panel.tree.topLevelItem(0).childCount() == len(earliest.candidates)  # every order shown
    assert not panel.ready() and not panel.sign_off.isEnabled()
    assert "2/3" in panel.problem.text()
    # Type the missing piece on the newest order with the keyboard: choose it, type 1, Enter.
    head = panel.tree.topLevelItem(0)
    row = next(head.child(n) for n in range(head.childCount()) if head.child(n).text(0) == newest.pickup_code)
    panel.tree.setFocus()
    panel.tree.setCurrentItem(row)
    qtbot.keyClick(panel.tree, Qt.Key.Key_1)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on its next turn
    qtbot.waitUntil(lambda: panel.manual.get(newest.order_line_id) == 1, timeout=2_000)
    assert panel.ready() and panel.sign_off.isEnabled()
    assert head.text(4) == "3 / 3"

    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.tree, timeout=2_000)
    manual = panel.manual_shares()
    sign_off(qtbot, screen)
    assert screen.result is not None and screen.result.plan.rule == "manual"
    with ctx.db.read() as uow:
        shorts = dict(uow.session.execute(select(GroupOrderLine.id, GroupOrderLine.qty_short)
                                          .where(GroupOrderLine.qty_short > 0,
                                                 GroupOrderLine.id.in_(list(manual)))).all())
    assert shorts == manual


def test_unknown_barcode_is_refused_and_a_scan_before_opening_starts_the_check(qtbot, window, screen, keys):
    assert screen.sheet is None
    scan(keys, window, BEER)  # the leader starts scanning straight away: today's check opens
    assert screen.sheet is not None and screen.sheet.campaign_id == TODAY_CAMPAIGN
    assert line_named(screen, "青岛啤酒").qty_received == 1
    before = [line.qty_received for line in screen.model.lines]
    scan(keys, window, "6901234567892")  # a shop product, not in this campaign
    assert screen.feedback.tone == "stop"
    assert "6901234567892" in screen.feedback.detail.text()
    assert "6901234567892" in window.notice_bar.text()
    assert [line.qty_received for line in screen.model.lines] == before
    # Nothing counted means nothing to sign off: the core says so, nothing changes.
    assert screen.tabs.isTabEnabled(ALLOCATION)


def test_a_second_truck_adds_to_the_first(qtbot, window, screen, keys, ctx):
    press(qtbot, Qt.Key.Key_Return)
    fill_the_rest(qtbot, screen, skip=("青岛啤酒",))
    type_count(qtbot, screen, "青岛啤酒", 20)  # 15 still to come on the next truck
    sign_off(qtbot, screen)
    first = screen.result
    assert first is not None and first.orders_still_waiting > 0
    assert any(b.still_to_come == 15 for b in first.balances)
    assert "还差 15 件" in screen.result_panel.balances.text()
    # The campaign is still waiting: it is in the list with one truck signed.
    index = screen.delivery_box.findData(TODAY_CAMPAIGN)
    assert index >= 0 and "已签收 1 车" in screen.delivery_box.itemText(index)
    screen.delivery_box.setCurrentIndex(index)
    qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    assert screen.sheet.truck_no == 2 and not screen.sheet.signed_off
    beer = line_named(screen, "青岛啤酒")
    assert (beer.qty_expected, beer.qty_received_before) == (15, 20)
    assert not screen.table.isColumnHidden(7)  # 之前到货 shows on a second truck
    scan(keys, window, BEER, 15)
    assert screen.feedback.count.text() == "15 / 15" and "已到齐" in screen.feedback.detail.text()
    sign_off(qtbot, screen)
    second = screen.result
    assert second is not None and second.orders_still_waiting == 0
    assert set(first.ready_order_ids).isdisjoint(second.ready_order_ids)
    with ctx.db.read() as uow:
        waiting = uow.session.scalar(select(func.count()).select_from(GroupOrder).where(
            GroupOrder.campaign_id == TODAY_CAMPAIGN, GroupOrder.cloud_state == "active",
            GroupOrder.fulfilment == "awaiting"))
    assert waiting == 0
    assert screen.documents.source.truck_no == 2 and screen.documents.this_truck.isChecked()


def test_counts_are_kept_when_the_screen_is_left_and_resumed(qtbot, window, screen, keys, ctx, actor):
    press(qtbot, Qt.Key.Key_Return)
    scan(keys, window, BEER, 4)
    # Another window (after a restart) resumes the same check with its counts.
    again = MainWindow(ctx, actor, install_scanner=False)
    qtbot.addWidget(again)
    again.show_screen(2)
    other = again.current_screen()
    assert isinstance(other, ArrivalsScreen)
    assert other.open_button.text() == "继续验货"
    assert other.sheet is not None and other.sheet.arrival_id == screen.sheet.arrival_id
    assert line_named(other, "青岛啤酒").qty_received == 4
    again.close()


def test_english_texts_follow_the_language(qtbot, screen):
    from ui.i18n import apply_language

    try:
        apply_language("en")
        qtbot.waitUntil(lambda: screen.tabs.tabText(SHEET) == "1 Check", timeout=3_000)
        assert screen.open_button.text() == "Start checking"
        assert screen.allocation.rule_buttons["latest_first"].text() == "1 Latest orders lose first"
        assert screen.documents.cards["picking"][0].text() == "Picking list"
    finally:
        apply_language("zh_CN")
    qtbot.waitUntil(lambda: screen.documents.cards["picking"][0].text() == "分拣单", timeout=3_000)
    assert screen.documents.cards["totals"][0].text() == "总拣单"
    assert screen.documents.cards["labels"][0].text() == "标签"
