"""Counter: taking payment, the till prompt, discounts with the owner's approval, hold and
resume, clearing the cart; every sale read back from the real SQLite file."""
from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select
from test_counter_support import (  # noqa: F401 - fixtures
    COLA,
    OIL,
    PINS,
    WATER,
    WECHAT_CODE,
    cart_lines,
    clerk_fixture,
    counter,
    counter_window_fixture,
    dialog_of,
    open_till,
    open_window,
    owner_fixture,
    press,
    scan,
    shop_fixture,
)

from app.bootstrap import AppContext
from local_db.models import Outbox
from ui.approval_dialog import ApprovalDialog
from ui.counter.held_carts_dialog import HeldCartsDialog, HoldDialog
from ui.counter.payment_dialog import PaymentDialog
from ui.counter.services import counter_services
from ui.counter.small_dialogs import ConfirmClearDialog
from ui.counter.till_dialogs import OpenTillDialog


def _outbox_kinds(ctx: AppContext) -> list[tuple[str, dict]]:
    with ctx.db.read() as uow:
        return [(r.kind, r.payload) for r in uow.session.scalars(select(Outbox).order_by(Outbox.seq))]


def test_split_payment_cash_and_wechat_with_change(qtbot, counter_window, keys, inline_tasks, shop, owner):
    open_till(shop, owner)
    win = counter_window
    for code in (COLA, COLA, COLA, OIL):
        scan(keys, win, code)
    due = 3 * 300 + 6990
    assert counter(win).view.totals.due.text() == "¥78.90"
    press(qtbot, win, Qt.Key.Key_F9)
    dialog = dialog_of(qtbot, win, PaymentDialog)
    assert dialog.method == "cash"
    qtbot.keyClicks(dialog.amount, "50")
    qtbot.keyClicks(dialog.tendered, "100")
    assert dialog.change_value.text() == "¥50.00"  # shown before anything is saved
    qtbot.keyClick(dialog, Qt.Key.Key_F8)  # part payment; the rest by WeChat Pay
    assert len(dialog.added) == 1
    qtbot.keyClick(dialog, Qt.Key.Key_F2)
    assert dialog.method == "wechat"
    scan(keys, win, WECHAT_CODE)  # the customer's payment code, at the payment step
    assert dialog.reference.text() == WECHAT_CODE
    assert dialog.total_value.text() == "¥78.90" and dialog.change_value.text() == "¥50.00"
    qtbot.keyClick(dialog.reference, Qt.Key.Key_Return)
    assert dialog.sale is not None  # saved before the dialog says done
    assert dialog.done_mark.text() == "✓ 完成"
    assert dialog.done_change.text() == "¥50.00"
    assert cart_lines(win) == []
    sale = counter_services(shop).sales.find_sale(dialog.sale.number)
    assert sale.total_fen == due and sale.change_fen == 5000
    paid = [(p.method, p.amount_fen, p.tendered_fen, p.change_fen, p.reference) for p in sale.payments]
    assert paid == [("cash", 5000, 10000, 5000, None), ("wechat", due - 5000, due - 5000, 0, WECHAT_CODE)]
    assert all(isinstance(v, int) and not isinstance(v, bool)
               for p in sale.payments for v in (p.amount_fen, p.tendered_fen, p.change_fen))
    events = [payload for kind, payload in _outbox_kinds(shop) if kind == "sale"]
    assert [e["sale_uuid"] for e in events] == [sale.uuid]
    assert events[0]["total_fen"] == due
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2_000)


def test_a_product_scanned_at_the_payment_step_adds_nothing(qtbot, counter_window, keys, inline_tasks, shop,
                                                             owner):
    open_till(shop, owner)
    win = counter_window
    scan(keys, win, COLA)
    qtbot.keyClick(counter(win).view.search, Qt.Key.Key_Return)  # Enter on an empty box: pay
    dialog = dialog_of(qtbot, win, PaymentDialog)
    scan(keys, win, WATER)
    assert cart_lines(win) == [("可口可乐 330ml", 1, 300)]
    assert dialog.scan_label.isVisible() and dialog.reference.text() == ""
    qtbot.keyClicks(dialog.tendered, "5")
    qtbot.keyClick(dialog.tendered, Qt.Key.Key_Return)
    assert dialog.sale is not None and dialog.sale.total_fen == 300 and dialog.sale.change_fen == 200


def test_cash_rounding_is_shown_before_paying(qtbot, counter_window, keys, inline_tasks, shop, owner):
    shop.settings.cash_rounding_fen = 10
    open_till(shop, owner)
    win = counter_window
    screen = counter(win)
    scan(keys, win, COLA)
    screen.cart.ctl.set_price(screen.cart.ctl.cart.lines[0].key, 287)  # ¥2.87 -> cash pays ¥2.80
    qtbot.keyClick(screen.view.search, Qt.Key.Key_F9)
    dialog = dialog_of(qtbot, win, PaymentDialog)
    assert dialog.rounding_value.text() == "-¥0.07" and dialog.total_value.text() == "¥2.80"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.sale is not None and dialog.sale.rounding_fen == -7 and dialog.sale.total_fen == 280


def test_a_closed_till_is_opened_with_a_float_first(qtbot, counter_window, keys, inline_tasks, shop):
    win = counter_window
    scan(keys, win, WATER)
    press(qtbot, win, Qt.Key.Key_F9)
    opener = dialog_of(qtbot, win, OpenTillDialog)
    qtbot.keyClicks(opener.float_edit, "300")
    qtbot.keyClick(opener.float_edit, Qt.Key.Key_Return)
    dialog = dialog_of(qtbot, win, PaymentDialog)
    session = counter_services(shop).till.current()
    assert session is not None and session.float_fen == 30000
    assert "钱箱" in counter(win).view.till_badge.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.sale is not None


def test_price_and_discounts_with_f_keys_and_the_owners_approval(qtbot, zh, inline_tasks, shop, clerk, keys):
    open_till(shop, clerk)
    win = open_window(qtbot, shop, clerk)
    screen = counter(win)
    strip = screen.view.strip
    scan(keys, win, OIL)  # ¥69.90
    scan(keys, win, COLA)
    qtbot.keyClick(screen.view.search, Qt.Key.Key_Up)  # the oil
    qtbot.keyClick(screen.view.search, Qt.Key.Key_F4)
    assert strip.fields["price"].hasFocus()
    qtbot.keyClicks(strip.fields["price"], "67.90")  # ¥2.00 off: within the ¥5.00 limit
    qtbot.keyClick(strip.fields["price"], Qt.Key.Key_Return)
    assert screen.cart.ctl.cart.lines[0].unit_price_fen == 6790
    assert screen.view.search.hasFocus()
    qtbot.keyClick(screen.view.search, Qt.Key.Key_F6)
    assert strip.fields["order_discount"].hasFocus()
    strip.fields["order_discount"].insert("9折")  # 10% off ¥70.90: over the limit
    qtbot.keyClick(strip.fields["order_discount"], Qt.Key.Key_Return)
    approval = dialog_of(qtbot, win, ApprovalDialog)
    approval.reject()  # no owner around: undone
    assert screen.cart.ctl.cart.order_discount_fen == 0
    qtbot.keyClick(screen.view.search, Qt.Key.Key_F6)
    strip.fields["order_discount"].insert("9折")
    qtbot.keyClick(strip.fields["order_discount"], Qt.Key.Key_Return)
    approval = dialog_of(qtbot, win, ApprovalDialog)
    qtbot.waitUntil(lambda: approval.staff_list.count() > 0, timeout=2_000)
    assert approval.staff_list.chosen().name == "王秀英"
    qtbot.keyClicks(approval.pin, PINS["01"])
    qtbot.keyClick(approval.pin, Qt.Key.Key_Return)
    assert screen.cart.ctl.approver is not None and screen.cart.ctl.approver.name == "王秀英"
    subtotal = 6790 + 300
    assert screen.cart.ctl.cart.order_discount_fen == subtotal - subtotal * 90 // 100
    assert "王秀英" in screen.view.totals.approver.text()
    qtbot.keyClick(screen.view.search, Qt.Key.Key_F9)
    pay = dialog_of(qtbot, win, PaymentDialog)
    qtbot.keyClick(pay, Qt.Key.Key_Return)
    assert pay.sale is not None and pay.sale.approver_name == "王秀英" and pay.sale.clerk_name == "李明"
    win.close()


def test_f3_sets_the_quantity_and_f_keys_switch_screens_when_the_cart_is_empty(qtbot, counter_window, keys,
                                                                                inline_tasks):
    win = counter_window
    screen = counter(win)
    qtbot.keyClick(screen.view.search, Qt.Key.Key_F3)  # empty cart: the window's F3
    assert win.current_screen().screen_id == "arrivals"
    qtbot.keyClick(win.current_screen(), Qt.Key.Key_F1)
    scan(keys, win, WATER)
    qtbot.keyClick(screen.view.search, Qt.Key.Key_F3)
    assert win.current_screen() is screen and screen.view.strip.fields["qty"].hasFocus()
    qtbot.keyClicks(screen.view.strip.fields["qty"], "6")
    qtbot.keyClick(screen.view.strip.fields["qty"], Qt.Key.Key_Return)
    assert cart_lines(win) == [("农夫山泉饮用天然水 550ml", 6, 1200)]


def test_hold_and_resume(qtbot, counter_window, keys, inline_tasks):
    win = counter_window
    screen = counter(win)
    scan(keys, win, COLA)
    scan(keys, win, WATER)
    held_lines = cart_lines(win)
    qtbot.keyClick(screen.view.search, Qt.Key.Key_F7)
    hold = dialog_of(qtbot, win, HoldDialog)
    hold.label.insert("红衣服大姐")
    qtbot.keyClick(hold.label, Qt.Key.Key_Return)
    assert cart_lines(win) == []
    scan(keys, win, OIL)
    qtbot.keyClick(screen.view.search, Qt.Key.Key_F8)  # a cart in progress: refused
    assert "F7" in win.notice_bar.text()
    screen.cart.clear()
    qtbot.keyClick(screen.view.search, Qt.Key.Key_F8)
    resume = dialog_of(qtbot, win, HeldCartsDialog)
    assert "红衣服大姐" in resume.list.item(0).text()
    qtbot.keyClick(resume.list, Qt.Key.Key_Return)
    assert cart_lines(win) == held_lines
    assert counter_services(win.ctx).held_carts.list_held() == []


def test_clear_button_asks_first(qtbot, counter_window, keys, inline_tasks):
    win = counter_window
    scan(keys, win, COLA)
    qtbot.mouseClick(counter(win).view.keys["clear"], Qt.MouseButton.LeftButton)
    confirm = dialog_of(qtbot, win, ConfirmClearDialog)
    confirm.reject()
    assert cart_lines(win)
    qtbot.mouseClick(counter(win).view.keys["clear"], Qt.MouseButton.LeftButton)
    confirm = dialog_of(qtbot, win, ConfirmClearDialog)
    qtbot.keyClick(confirm, Qt.Key.Key_Return)
    assert cart_lines(win) == []
