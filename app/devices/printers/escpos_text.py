"""The receipt as ESC/POS bytes for a Chinese thermal printer (58 mm: 32 columns, 80 mm: 48).

Chinese goes out as GB18030 (GBK) double-byte text with the printer's Chinese mode on
(FS &); python-escpos's text() would push it through its own code-page guessing, so text is
written with _raw(). In Chinese mode every double-byte character prints two columns wide,
ASCII one. ¥ (U+00A5) is not in GBK: amounts use the full-width ￥ (U+FFE5, A3 A4).
"""
from __future__ import annotations

from typing import Any

from app.documents.receipt import ReceiptData, label, payment_method_label
from app.documents.text_wrap import is_wide, wrap_text
from app.money import Money

COLUMNS = {58: 32, 80: 48}
"""Characters per line in the printer's standard font (12×24 dots at 203 dpi)."""

CHINESE_MODE_ON = b"\x1c\x26"  # FS &
CHINESE_MODE_OFF = b"\x1c\x2e"  # FS .
YUAN = "￥"

_REPLACEMENTS = str.maketrans({"¥": YUAN, "\t": " ", "\r": None})


def columns_for(width_mm: int) -> int:
    try:
        return COLUMNS[width_mm]
    except KeyError:
        raise ValueError(f"receipt paper is 58 or 80 mm wide, not {width_mm}") from None


def printable(text: str) -> str:
    """`text` with what the printer cannot print replaced: ¥ → ￥, anything outside GBK → ?."""
    out = []
    for ch in text.translate(_REPLACEMENTS):
        if ch == "\n" or (ch.isprintable() and ch.isascii()):
            out.append(ch)
            continue
        try:
            ch.encode("gbk")
        except UnicodeEncodeError:
            out.append("?")
            continue
        out.append(ch if ch.isprintable() else "?")
    return "".join(out)


def display_width(text: str) -> int:
    """Columns `text` takes on the printer: wide (east_asian_width W/F) and every other
    double-byte GBK character count two (the printer prints them full width), ASCII one."""
    return sum(2 if is_wide(ch) or not ch.isascii() else 1 for ch in text)


def encode(text: str) -> bytes:
    """Printer bytes for `text` (GB18030; only its GBK subset, after `printable`)."""
    return printable(text).encode("gb18030")


def yuan(fen: int) -> str:
    """￥12.50 (the full-width sign the printer's Chinese font has)."""
    return Money(fen).format(symbol=YUAN)


class _Writer:
    def __init__(self, printer: Any, columns: int) -> None:
        self.p = printer
        self.columns = columns

    def line(self, text: str = "", *, center: bool = False, columns: int | None = None) -> None:
        cols = columns or self.columns
        for part in wrap_text(printable(text), display_width, cols):
            pad = (cols - display_width(part)) // 2 if center else 0
            self.p._raw(encode(" " * pad + part) + b"\n")

    def row(self, left: str, right: str, *, indent: int = 0) -> None:
        """`left` (wrapped) and `right` right-aligned on the last line of it."""
        left, right = printable(left), printable(right)
        right_w = display_width(right)
        avail = max(self.columns - indent - right_w - 1, 8)
        parts = wrap_text(left, display_width, avail)
        for i, part in enumerate(parts):
            text = " " * indent + part
            if i == len(parts) - 1 and right:
                gap = max(self.columns - display_width(text) - right_w, 1)
                text = text + " " * gap + right
            self.p._raw(encode(text) + b"\n")

    def rule(self, ch: str = "-") -> None:
        self.p._raw(encode(ch * self.columns) + b"\n")


def write_receipt(printer: Any, data: ReceiptData, *, columns: int = 32, qr: bool = True,
                  cut: bool = True, lang: str = "zh_CN") -> None:
    """Send `data` as a receipt to a python-escpos printer object (Dummy, Network, Usb…)."""
    from escpos.constants import QR_ECLEVEL_M

    w = _Writer(printer, columns)
    colon = label("colon", lang)
    printer.hw("INIT")
    printer._raw(CHINESE_MODE_ON)

    # Shop name double size when it fits in half the columns, else bold on one or more lines.
    name = printable(data.shop_name)
    if display_width(name) <= columns // 2:
        printer.set(double_width=True, double_height=True, bold=True)
        w.line(name, center=True, columns=columns // 2)
        printer.set(normal_textsize=True, bold=False)
    else:
        printer.set(bold=True, double_height=True)
        w.line(name, center=True)
        printer.set(normal_textsize=True, bold=False)
    if data.is_refund:
        printer.set(double_width=True, double_height=True, bold=True)
        w.line(label("refund_title", lang), center=True, columns=columns // 2)
        printer.set(normal_textsize=True, bold=False)
    else:
        w.line(label("sale_title", lang), center=True)
    w.line()
    w.line(f"{label('number', lang)}{colon}{data.number}")
    if data.refund_of:
        w.line(f"{label('refund_of', lang)}{colon}{data.refund_of}")
    w.line(f"{label('time', lang)}{colon}{data.local_time:%Y-%m-%d %H:%M}")
    w.line(f"{label('clerk', lang)}{colon}{data.clerk_name}")
    w.rule()
    w.row(label("item", lang), label("amount", lang))
    w.rule()
    for item in data.lines:
        w.line(item.name)
        per = "/kg" if item.unit == "kg" else ""
        w.row(f"{item.qty_text()} x {yuan(item.unit_price_fen)}{per}", yuan(item.line_total_fen),
              indent=2)
        if item.discount_fen:
            w.row(f"{label('line_discount', lang)} {yuan(-item.discount_fen)}", "", indent=2)
    w.rule()
    count = label("count", lang, n=data.piece_count)
    sub_label = (f"{label('subtotal', lang)}（{count}）" if lang.startswith("zh")
                 else f"{label('subtotal', lang)} ({count})")
    w.row(sub_label, yuan(data.subtotal_fen))
    if data.discount_fen:
        w.row(label("discount", lang), yuan(-data.discount_fen))
    if data.rounding_fen:
        w.row(label("rounding", lang), yuan(data.rounding_fen))
    printer.set(bold=True, double_height=True)
    w.row(label("refund_total" if data.is_refund else "total", lang), yuan(data.total_fen))
    printer.set(normal_textsize=True, bold=False)

    if data.payments:
        w.rule()
        w.line(label("refund_payments" if data.is_refund else "payments", lang))
        for pay in data.payments:
            w.row(payment_method_label(pay.method, lang), yuan(pay.amount_fen))
            if pay.tendered_fen is not None:
                w.row(label("tendered", lang), yuan(pay.tendered_fen), indent=2)
            if pay.change_fen is not None:
                w.row(label("change", lang), yuan(pay.change_fen), indent=2)
            if pay.reference:
                w.row(f"{label('reference', lang)}{colon}{pay.reference}", "", indent=2)
    if data.note:
        w.rule()
        w.line(f"{label('note', lang)}{colon}{data.note}")
    w.rule()
    if qr:
        printer.set(align="center")
        printer.qr(data.number, ec=QR_ECLEVEL_M, size=6, native=True)
        printer.set(align="left")
    w.line(data.number, center=True)
    w.line()
    w.line(label("thanks", lang), center=True)
    printer._raw(CHINESE_MODE_OFF)
    if cut:
        printer.cut()


def render_receipt(data: ReceiptData, *, width_mm: int = 58, qr: bool = True, cut: bool = True,
                   lang: str = "zh_CN") -> bytes:
    """The receipt as the bytes a thermal printer on `width_mm` paper takes."""
    from escpos.printer import Dummy

    dummy = Dummy()
    write_receipt(dummy, data, columns=columns_for(width_mm), qr=qr, cut=cut, lang=lang)
    return bytes(dummy.output)


def drawer_kick(pin: int = 2) -> bytes:
    """ESC p: the pulse that opens a cash drawer plugged into the printer (pin 2 or 5)."""
    from escpos.printer import Dummy

    dummy = Dummy()
    dummy.cashdraw(pin)
    return bytes(dummy.output)
