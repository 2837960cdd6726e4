"""Counter: refunds found by the receipt's QR (its number), by number or by day and amount;
supplier receipts, stock counts and the low-stock list, through the F12 menu."""
from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select
from test_counter_support import (  # noqa: F401 - fixtures
    COLA,
    OIL,
    PINS,
    WATER,
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
from app.cart import Cart
from app.sales import SaleReceipt
from app.tender import PaymentInput
from local_db.models import Outbox
from ui.approval_dialog import ApprovalDialog
from ui.counter.refund_dialog import RefundDialog
from ui.counter.services import counter_services
from ui.counter.stock_dialogs import LowStockDialog, StockCountDialog, StockReceiptDialog
from ui.counter.till_menu import TillMenuDialog


def ring_up(ctx: AppContext, actor, codes: list[str], payments: list[PaymentInput]) -> SaleReceipt:
    svc = counter_services(ctx)
    cart = Cart()
    for code in codes:
        hit = svc.catalogue.lookup_barcode(code)
        assert hit is not None
        cart.add_hit(hit)
    return svc.sales.checkout(cart=cart, payments=payments, actor=actor)


def _events(ctx: AppContext, kind: str) -> list[dict]:
    with ctx.db.read() as uow:
        return [r.payload for r in uow.session.scalars(select(Outbox).where(Outbox.kind == kind))]


def test_a_refund_found_by_scanning_the_receipt_qr(qtbot, counter_window, keys, inline_tasks, shop, owner):
    open_till(shop, owner)
    sale = ring_up(shop, owner, [COLA, COLA, WATER], [PaymentInput("wechat")])
    cola_stock = counter_services(shop).catalogue.lookup_barcode(COLA).product.stock_qty
    win = counter_window
    press(qtbot, win, Qt.Key.Key_F11)
    dialog = dialog_of(qtbot, win, RefundDialog)
    scan(keys, win, sale.number)  # the QR on the receipt carries its number
    assert dialog.sale is not None and dialog.sale.number == sale.number
    scan(keys, win, COLA)  # a product of that sale: one more of it to refund
    assert dialog.qty_edits[0].text() == "1"
    assert dialog.preview.text() == "约退 ¥3.00"
    qtbot.keyClick(dialog.qty_edits[0], Qt.Key.Key_Return)  # Enter: on to the Refund button
    assert dialog.focusWidget() is dialog.refund_button and dialog.result is None
    qtbot.keyClick(dialog.refund_button, Qt.Key.Key_Return)
    assert dialog.result is not None
    assert dialog.result.amount_fen == 300 and dialog.result.method == "wechat"  # the way it was paid
    again = counter_services(shop).sales.find_sale(sale.number)
    assert again.refunded_fen == 300 and again.lines[0].refunded_qty == 1
    assert counter_services(shop).catalogue.lookup_barcode(COLA).product.stock_qty == cola_stock + 1
    assert [e["sale_uuid"] for e in _events(shop, "refund")] == [sale.uuid]
    qtbot.waitUntil(lambda: any(p.name.startswith("refund-R") for p in (shop.data_dir / "receipts").iterdir()),
                    timeout=3_000)  # the slip, saved (printer kind "none")


def test_a_clerks_refund_needs_the_owner_and_records_them(qtbot, zh, inline_tasks, shop, owner, clerk):
    open_till(shop, owner)
    sale = ring_up(shop, owner, [OIL, WATER], [PaymentInput("cash", tendered_fen=10_000)])
    other = ring_up(shop, owner, [WATER], [PaymentInput("cash")])
    win = open_window(qtbot, shop, clerk)
    press(qtbot, win, Qt.Key.Key_F11)
    dialog = dialog_of(qtbot, win, RefundDialog)
    dialog.finder.amount.setText(f"{sale.total_fen // 100}.{sale.total_fen % 100:02d}")
    dialog.finder.list_day()  # by day and amount
    assert dialog.finder.results.count() == 1 and other.number not in dialog.finder.results.item(0).text()
    dialog.finder.find_number(dialog.finder.summaries[0].number)
    assert dialog.sale is not None and dialog.sale.number == sale.number
    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    dialog.reason.setText("漏油")
    dialog.do_refund()
    approval = dialog_of(qtbot, win, ApprovalDialog)
    qtbot.waitUntil(lambda: approval.staff_list.count() > 0, timeout=2_000)
    qtbot.keyClicks(approval.pin, "9999")  # a wrong PIN: refused, nothing refunded
    qtbot.keyClick(approval.pin, Qt.Key.Key_Return)
    assert approval.isVisible() and approval.message.text() and dialog.result is None
    qtbot.keyClicks(approval.pin, PINS["01"])
    qtbot.keyClick(approval.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=3_000)
    assert dialog.result.amount_fen == sale.total_fen and dialog.result.method == "cash"
    assert dialog.result.approver_name == "王秀英" and dialog.result.clerk_name == "李明"
    win.close()


def test_supplier_receipt_and_stock_count_from_the_till_menu(qtbot, counter_window, keys, inline_tasks, shop):
    win = counter_window
    svc = counter_services(shop)
    cola_before = svc.catalogue.lookup_barcode(COLA).product.stock_qty
    press(qtbot, win, Qt.Key.Key_F12)
    menu = dialog_of(qtbot, win, TillMenuDialog)
    qtbot.keyClicks(menu, "7")  # 7 进货
    receipt = dialog_of(qtbot, win, StockReceiptDialog)
    receipt.supplier.insert("可口可乐经销商")
    scan(keys, win, COLA)
    assert [p.name for p in receipt.products] == ["可口可乐 330ml"]
    qty, cost = receipt.edits[0][2], receipt.edits[0][3]
    assert qty.hasFocus()
    qtbot.keyClicks(qty, "24")
    qtbot.keyClick(qty, Qt.Key.Key_Return)  # Enter: to the cost
    assert cost.hasFocus()
    cost.setText("1.80")
    qtbot.keyClick(cost, Qt.Key.Key_Return)  # Enter: to Save
    qtbot.keyClick(receipt.save_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not receipt.isVisible(), timeout=2_000)
    product = svc.catalogue.lookup_barcode(COLA).product
    assert product.stock_qty == cola_before + 24 and product.cost_fen == 180
    assert _events(shop, "stock_receipt")[0]["supplier"] == "可口可乐经销商"

    press(qtbot, win, Qt.Key.Key_F12)
    menu = dialog_of(qtbot, win, TillMenuDialog)
    qtbot.keyClicks(menu, "8")  # 8 盘点
    count = dialog_of(qtbot, win, StockCountDialog)
    counter(win).view.search.setFocus()  # the search box of the count has focus; scan anyway
    scan(keys, win, WATER)
    count.edits[0][2].setText("5")
    count.edits[0][3].setText("破损两瓶")
    count.save()
    qtbot.waitUntil(lambda: not count.isVisible(), timeout=2_000)
    assert svc.catalogue.lookup_barcode(WATER).product.stock_qty == 5
    assert "盘点" in win.notice_bar.text()


def test_low_stock_list_leads_to_a_receipt(qtbot, counter_window, inline_tasks, shop):
    win = counter_window
    screen = counter(win)
    screen.flows.till_action("low_stock")
    low = dialog_of(qtbot, win, LowStockDialog)
    expected = counter_services(shop).stock.low_stock()
    assert expected and low.table.rowCount() == len(expected)
    assert low.table.item(0, 0).text() == expected[0].name
    qtbot.keyClick(low, Qt.Key.Key_Return)
    receipt = dialog_of(qtbot, win, StockReceiptDialog)
    assert [p.id for p in receipt.products] == [p.id for p in expected]
