"""Counter: scanner bursts, typing and the search box, on the real window and the demo store."""
from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_counter_support import (  # noqa: F401 - fixtures
    BAG_SHORT,
    COLA,
    GUM_EAN8,
    WATER,
    WECHAT_CODE,
    cart_lines,
    clerk_fixture,
    counter,
    counter_window_fixture,
    dialog_of,
    ean13,
    owner_fixture,
    scan,
    shop_fixture,
)

from app.demo_seed import KNOWN_PLU
from app.money import Money
from app.scale_barcode import ScaleLayout, make_scale_barcode
from ui.counter.add_product_dialog import AddProductDialog
from ui.counter.services import counter_services


def test_a_burst_adds_the_product_whatever_has_focus(qtbot, counter_window, keys, inline_tasks):
    win = counter_window
    screen = counter(win)
    assert QApplication.focusWidget() is screen.view.search
    scan(keys, win, COLA)
    assert cart_lines(win) == [("可口可乐 330ml", 1, 300)]
    # The discount field has focus and something typed in it: the burst is still a product.
    discount = screen.view.strip.fields["discount"]
    discount.setFocus()
    qtbot.waitUntil(discount.hasFocus)
    discount.selectAll()
    qtbot.keyClicks(discount, "1")
    scan(keys, win, WATER)
    assert cart_lines(win) == [("可口可乐 330ml", 1, 300), ("农夫山泉饮用天然水 550ml", 1, 200)]
    assert discount.text() == "1"  # not one digit of the barcode reached the field
    assert all(line.discount_fen == 0 for line in screen.cart.ctl.cart.lines)
    # Again, on the cart table and the search box.
    screen.view.table.setFocus()
    scan(keys, win, COLA)
    screen.view.search.setFocus()
    scan(keys, win, COLA)
    assert cart_lines(win)[0] == ("可口可乐 330ml", 3, 900)
    assert screen.view.search.text() == ""


def test_a_burst_queued_while_the_gui_was_busy_is_still_a_scan(qtbot, counter_window, keys, inline_tasks):
    win = counter_window
    search = counter(win).view.search
    keys.post(keys.focus(win), keys.events(WATER, gap_ms=4))
    time.sleep(0.2)  # the GUI thread is blocked; the keys wait in the queue with 4 ms stamps
    qtbot.waitUntil(lambda: cart_lines(win) == [("农夫山泉饮用天然水 550ml", 1, 200)], timeout=3_000)
    assert search.text() == ""


def test_a_person_typing_at_40_ms_a_key_searches_and_enter_adds_the_top_match(qtbot, counter_window, keys,
                                                                               inline_tasks):
    win = counter_window
    search = counter(win).view.search
    keys.send(keys.focus(win), keys.events("kkkl", gap_ms=40, end=None))
    qtbot.waitUntil(lambda: search.text() == "kkkl", timeout=2_000)
    assert cart_lines(win) == []  # typing is not a scan
    qtbot.waitUntil(search.popup.isVisible, timeout=2_000)
    assert search.popup.item(0).text().startswith("可口可乐")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert cart_lines(win) == [("可口可乐 330ml", 1, 300)]
    assert search.text() == "" and not search.popup.isVisible()


def test_arrows_choose_a_search_match(qtbot, counter_window, inline_tasks):
    win = counter_window
    search = counter(win).view.search
    search.insert("可乐")  # as a Chinese input method commits it
    qtbot.waitUntil(lambda: search.popup.isVisible() and search.popup.count() >= 2, timeout=2_000)
    second = search.popup.item(1).text().split("    ")[0]
    qtbot.keyClick(search, Qt.Key.Key_Down)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert [name for name, _q, _t in cart_lines(win)] == [second]


def test_ean8_short_codes_and_label_scale_codes(qtbot, counter_window, keys, inline_tasks, shop):
    win = counter_window
    scan(keys, win, GUM_EAN8)
    scan(keys, win, BAG_SHORT)
    apple = counter_services(shop).catalogue.lookup_barcode(str(KNOWN_PLU["红富士苹果"])).product
    layout = ScaleLayout.parse(shop.settings.scale_barcode_layout)
    weighed = make_scale_barcode(layout, plu=KNOWN_PLU["红富士苹果"], value=1532)  # 1532 g
    scan(keys, win, weighed)
    lines = cart_lines(win)
    assert lines[:2] == [("绿箭口香糖 5片装", 1, 150), ("购物袋(大)", 1, 30)]
    assert lines[2][:2] == ("红富士苹果", 1532)
    assert lines[2][2] == Money(apple.price_fen).times_fraction(1532, 1000).fen
    model = counter(win).view.model
    assert model.data(model.index(2, 1)) == "1.532 kg"  # three decimals for weighed goods


def test_a_payment_code_in_the_cart_adds_nothing_and_says_why(qtbot, counter_window, keys, inline_tasks):
    win = counter_window
    scan(keys, win, COLA)
    scan(keys, win, WECHAT_CODE)
    assert cart_lines(win) == [("可口可乐 330ml", 1, 300)]
    assert win.notice_bar.isVisible()
    assert "付款码" in win.notice_bar.text()
    assert win.notice_bar.property("level") == "error"


def test_an_unknown_barcode_offers_to_add_the_product(qtbot, counter_window, keys, inline_tasks, shop):
    win = counter_window
    code = ean13("690555000123")
    scan(keys, win, code)
    dialog = dialog_of(qtbot, win, AddProductDialog)
    assert dialog.barcode.text() == code
    dialog.name.insert("手工酸奶 200g")
    qtbot.keyClicks(dialog.price, "6.5")
    qtbot.keyClick(dialog.price, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2_000)
    assert cart_lines(win) == [("手工酸奶 200g", 1, 650)]
    hit = counter_services(shop).catalogue.lookup_barcode(code)
    assert hit is not None and hit.product.name == "手工酸奶 200g" and hit.product.price_fen == 650
    scan(keys, win, code)  # known now: straight into the cart
    assert cart_lines(win) == [("手工酸奶 200g", 2, 1300)]


def test_plus_minus_delete_and_escape_twice(qtbot, counter_window, keys, inline_tasks):
    win = counter_window
    search = counter(win).view.search
    scan(keys, win, COLA)
    scan(keys, win, WATER)
    qtbot.keyClick(search, Qt.Key.Key_Plus)
    qtbot.keyClick(search, Qt.Key.Key_Plus)
    qtbot.keyClick(search, Qt.Key.Key_Minus)
    assert cart_lines(win) == [("可口可乐 330ml", 1, 300), ("农夫山泉饮用天然水 550ml", 2, 400)]
    qtbot.keyClick(search, Qt.Key.Key_Up)
    qtbot.keyClick(search, Qt.Key.Key_Delete)
    assert cart_lines(win) == [("农夫山泉饮用天然水 550ml", 2, 400)]
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert cart_lines(win) and "Esc" in win.notice_bar.text()
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert cart_lines(win) == []
