"""Counter: the till from the F12 menu: open with a float, cash in and out, X report, shift
handover, and closing the day with a counted drawer; the Z report adds up to exactly what the
test rang up, on screen and in its PDF."""
from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt
from test_counter_support import (  # noqa: F401 - fixtures
    BAG_SHORT,
    COLA,
    OIL,
    PINS,
    WATER,
    WECHAT_CODE,
    clerk_fixture,
    counter,
    counter_window_fixture,
    dialog_of,
    open_till,
    owner_fixture,
    press,
    scan,
    shop_fixture,
)

from app.money import fmt_fen
from ui.counter.payment_dialog import PaymentDialog
from ui.counter.refund_dialog import RefundDialog
from ui.counter.till_dialogs import CashMoveDialog, HandoverDialog, OpenTillDialog
from ui.counter.till_menu import TillMenuDialog
from ui.counter.till_report_dialog import CloseDayDialog, XReportDialog


def menu(qtbot, win, key: str) -> None:
    press(qtbot, win, Qt.Key.Key_F12)
    qtbot.keyClicks(dialog_of(qtbot, win, TillMenuDialog), key)


def sell(qtbot, win, keys, codes: list[str], *, part: tuple[str, str, str] | None = None,
         method: Qt.Key = Qt.Key.Key_F1, tendered: str = "", reference: str = "") -> str:
    """Scan codes, pay (optionally a part payment first: (F-key, amount, tendered)), close."""
    for code in codes:
        scan(keys, win, code)
    press(qtbot, win, Qt.Key.Key_F9)
    pay = dialog_of(qtbot, win, PaymentDialog)
    if part is not None:
        qtbot.keyClick(pay, Qt.Key.Key_F1)
        pay.amount.setText(part[1])
        pay.tendered.setText(part[2])
        qtbot.keyClick(pay, Qt.Key.Key_F8)
    qtbot.keyClick(pay, method)
    if tendered:
        pay.tendered.setText(tendered)
    if reference:
        scan(keys, win, reference)
    qtbot.keyClick(pay, Qt.Key.Key_Return)
    assert pay.sale is not None, pay.problem_label.text() or pay.quote_label.text()
    number = pay.sale.number
    qtbot.keyClick(pay, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not pay.isVisible(), timeout=2_000)
    return number


def test_the_z_report_adds_up_to_what_was_rung_up(qtbot, counter_window, keys, inline_tasks, shop, tmp_path):
    win = counter_window
    menu(qtbot, win, "1")  # 开班
    opener = dialog_of(qtbot, win, OpenTillDialog)
    qtbot.keyClicks(opener.float_edit, "200")
    qtbot.keyClick(opener.float_edit, Qt.Key.Key_Return)
    float_fen = 20_000

    # Three sales: cash; WeChat Pay; cash ¥5 and Alipay the rest.
    first = sell(qtbot, win, keys, [COLA, COLA], tendered="10")
    sell(qtbot, win, keys, [OIL], method=Qt.Key.Key_F2, reference=WECHAT_CODE)
    sell(qtbot, win, keys, [WATER, WATER, WATER, BAG_SHORT], part=("F1", "5", "10"), method=Qt.Key.Key_F3)
    sales = {"cash": 600 + 500, "wechat": 6990, "alipay": 3 * 200 + 30 - 500}
    total_sales = 600 + 6990 + 630
    assert sum(sales.values()) == total_sales

    menu(qtbot, win, "2")  # 存入现金
    move = dialog_of(qtbot, win, CashMoveDialog)
    move.amount.setText("50")
    move.reason.insert("补零钱")
    qtbot.keyClick(move.reason, Qt.Key.Key_Return)
    menu(qtbot, win, "3")  # 取出现金
    move = dialog_of(qtbot, win, CashMoveDialog)
    assert move.direction == "out"
    move.amount.setText("20")
    move.reason.insert("买胶带")
    qtbot.keyClick(move.reason, Qt.Key.Key_Return)
    cash_in, cash_out = 5_000, 2_000

    press(qtbot, win, Qt.Key.Key_F11)  # one cola back from the first sale
    refund = dialog_of(qtbot, win, RefundDialog)
    scan(keys, win, first)
    refund.qty_edits[0].setText("1")
    refund.do_refund()
    assert refund.result is not None and refund.result.method == "cash"
    refund.accept()
    refunded = 300

    expected = float_fen + sales["cash"] - refunded + cash_in - cash_out  # 23,800 fen
    menu(qtbot, win, "5")  # X report: so far, closes nothing
    x = dialog_of(qtbot, win, XReportDialog)
    assert x.view.report is not None and x.view.report.expected_cash_fen == expected
    assert fmt_fen(expected) in x.view.toPlainText()
    x.reject()

    menu(qtbot, win, "6")  # 日结
    close = dialog_of(qtbot, win, CloseDayDialog)
    counts = {10000: 2, 2000: 1, 1000: 1, 500: 1, 100: 3}  # ¥238
    assert sum(d * n for d, n in counts.items()) == expected
    for fen, n in counts.items():
        close.counter.fields[fen].setText(str(n))
    assert close.variance.text() == "差额 ¥0.00"
    qtbot.keyClick(close.counter.fields[10], Qt.Key.Key_Return)  # the last count: Enter closes the day
    report = close.report
    assert report is not None and report.kind == "Z" and report.z_number == "Z0001"
    f = report.figures
    assert f.sales_count == 3 and f.sales_fen == total_sales
    assert {m.method: m.amount_fen for m in f.sales_by_method} == sales
    assert f.refunds_count == 1 and f.refunds_fen == refunded
    assert (f.cash_in_fen, f.cash_out_fen) == (cash_in, cash_out)
    assert report.expected_cash_fen == expected and report.counted_cash_fen == expected
    assert report.variance_fen == 0
    assert "Z0001" in close.title_label.text() and fmt_fen(total_sales) in close.view.toPlainText()
    assert "未开班" in counter(win).view.till_badge.text()

    close.save_report()
    saved = list((shop.data_dir / "reports").glob("Z0001-*.pdf"))
    assert len(saved) == 1
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(saved[0].read_bytes())).pages)
    flat = "".join(text.split())
    for amount in (total_sales, refunded, sales["cash"], sales["wechat"], sales["alipay"], expected,
                   float_fen, cash_in, -cash_out):
        assert fmt_fen(amount).replace(" ", "") in flat, fmt_fen(amount)
    for word in ("日结报表", "Z0001", "现金", "微信", "支付宝", "应有现金", "实点现金", "王秀英"):
        assert word in flat, word


def test_shift_handover_changes_who_is_on_duty(qtbot, counter_window, keys, inline_tasks, shop, owner):
    open_till(shop, owner, 10_000)
    win = counter_window
    sell(qtbot, win, keys, [COLA], tendered="3")
    menu(qtbot, win, "4")  # 交班
    handover = dialog_of(qtbot, win, HandoverDialog)
    qtbot.waitUntil(lambda: bool(handover.people), timeout=2_000)
    handover.to_list.setCurrentRow([p.staff_no for p in handover.people].index("02"))
    handover.counter.fields[10000].setText("1")
    handover.counter.fields[100].setText("2")  # ¥102 for ¥103 expected
    assert "¥-1.00" in handover.figures.text() or "-¥1.00" in handover.figures.text()
    handover.accept_action()
    assert handover.isVisible() and handover.problem_label.isVisible()  # a difference needs a reason
    handover.reason.insert("找错零钱")
    qtbot.keyClicks(handover.pin, PINS["02"])
    handover.accept_action()
    qtbot.waitUntil(lambda: not handover.isVisible(), timeout=2_000)
    assert win.actor.name == "李明" and counter(win).actor.name == "李明"
    assert "李明" in win.notice_bar.text()
