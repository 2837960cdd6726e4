"""Counter: receipts after a sale (PDF read back, ESC/POS bytes from the dummy printer), a
printer that is off, reprints by number, and money that never becomes a float."""
from __future__ import annotations

import ast
import io
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from test_counter_support import (  # noqa: F401 - fixtures
    COLA,
    OIL,
    WATER,
    WECHAT_CODE,
    counter,
    counter_window_fixture,
    dialog_of,
    open_till,
    owner_fixture,
    press,
    scan,
    shop_fixture,
)

from app.devices.printers.escpos_text import CHINESE_MODE_ON
from app.money import fmt_fen
from ui.counter.formatting import parse_amount, parse_discount, parse_qty
from ui.counter.payment_dialog import PaymentDialog
from ui.counter.reprint_dialog import ReprintDialog
from ui.counter.services import counter_services, escpos_printer

ROOT = Path(__file__).resolve().parents[2]
DRAWER_KICK = b"\x1bp"  # ESC p: the cash drawer pulse


def _pay_cash(qtbot, win, keys, codes: list[str], tendered: str) -> PaymentDialog:
    for code in codes:
        scan(keys, win, code)
    press(qtbot, win, Qt.Key.Key_F9)
    pay = dialog_of(qtbot, win, PaymentDialog)
    pay.tendered.setText(tendered)
    qtbot.keyClick(pay, Qt.Key.Key_Return)
    assert pay.sale is not None
    return pay


def test_the_receipt_pdf_of_a_sale_reads_back(qtbot, counter_window, keys, inline_tasks, shop, owner):
    open_till(shop, owner)
    win = counter_window
    pay = _pay_cash(qtbot, win, keys, [COLA, COLA, OIL], "100")
    sale = pay.sale
    path = shop.data_dir / "receipts" / f"receipt-{sale.number}.pdf"
    qtbot.waitUntil(path.exists, timeout=3_000)
    assert "已保存" in pay.print_status.text()
    text = "".join(PdfReader(io.BytesIO(path.read_bytes())).pages[0].extract_text().split())
    for word in ("可口可乐330ml", "金龙鱼大豆油5L", sale.number, "现金", "找零", "合计", "王秀英"):
        assert word in text, word
    for amount in (600, 6990, 7590, 10_000, 10_000 - 7590):
        assert fmt_fen(amount) in text, fmt_fen(amount)


def test_escpos_receipt_is_gb18030_with_the_yuan_sign_and_opens_the_drawer(qtbot, counter_window, keys,
                                                                           inline_tasks, shop, owner):
    shop.settings.printer_kind = "dummy"
    open_till(shop, owner)
    win = counter_window
    pay = _pay_cash(qtbot, win, keys, [WATER, COLA], "10")
    printer = escpos_printer(shop)
    qtbot.waitUntil(lambda: b"\x1dV" in printer.output, timeout=3_000)  # cut: the whole receipt
    out = printer.output
    assert out.startswith(DRAWER_KICK)  # cash: the drawer opens first
    assert CHINESE_MODE_ON in out
    for text in ("农夫山泉饮用天然水", "可口可乐", "找零", "￥5.00", pay.sale.number):
        assert text.encode("gb18030") in out, text
    assert "¥".encode() not in out
    assert "小票打印机" in pay.print_status.text()


def test_a_printer_that_is_off_leaves_the_sale_done(qtbot, counter_window, keys, inline_tasks, shop, owner):
    shop.settings.printer_kind = "escpos_network"
    shop.settings.printer_target = "127.0.0.1:9"  # nothing listens there
    open_till(shop, owner)
    win = counter_window
    pay = _pay_cash(qtbot, win, keys, [COLA], "")
    assert pay.done_mark.text() == "✓ 完成"
    qtbot.waitUntil(lambda: "打印机未连接" in win.notice_bar.text(), timeout=10_000)
    assert "F10" in win.notice_bar.text() and win.notice_bar.property("level") == "error"
    assert "打印机未连接" in pay.print_status.text()
    assert counter_services(shop).sales.find_sale(pay.sale.number).total_fen == 300


def test_reprint_any_receipt_by_number(qtbot, counter_window, keys, inline_tasks, shop, owner):
    open_till(shop, owner)
    win = counter_window
    pay = _pay_cash(qtbot, win, keys, [OIL], "")
    first = pay.sale
    qtbot.keyClick(pay, Qt.Key.Key_Return)  # 完成: Enter closes
    qtbot.waitUntil(lambda: not pay.isVisible(), timeout=2_000)
    _pay_cash(qtbot, win, keys, [WATER], "").reject()
    press(qtbot, win, Qt.Key.Key_F10)
    reprint = dialog_of(qtbot, win, ReprintDialog)
    number_today = str(int(first.number.rsplit("-", 1)[1]))  # "1": today's first receipt
    qtbot.keyClicks(reprint.finder.number, number_today)
    qtbot.keyClick(reprint.finder.number, Qt.Key.Key_Return)
    assert reprint.sale is not None and reprint.sale.number == first.number
    qtbot.keyClick(reprint, Qt.Key.Key_Return)
    reprints = list((shop.data_dir / "receipts").glob(f"receipt-{first.number}*.pdf"))
    assert len(reprints) == 2  # the first print and the reprint, never overwritten


def test_amounts_typed_are_integer_fen_and_no_float_touches_money():
    assert parse_amount("12.5") == 1250 and parse_amount("１２.５０") == 1250
    assert parse_qty("kg", "0.532") == 532 and parse_qty("kg", "532g") == 532 and parse_qty("piece", "3") == 3
    assert parse_discount("9折", 7090) == 709 and parse_discount("10%", 7090) == 709
    assert parse_discount("2.50", 7090) == 250
    for value in (parse_amount("0.1"), parse_discount("8.5折", 999)):
        assert type(value) is int
    sources = [*sorted((ROOT / "ui" / "counter").glob("*.py")), ROOT / "ui" / "screens" / "counter_screen.py",
               ROOT / "app" / "documents" / "z_report.py"]
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            assert not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "float"), path.name
            assert not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QDoubleSpinBox")
