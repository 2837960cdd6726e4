"""The receipt (小票) as a PDF for 58 mm and 80 mm paper; the page is as tall as its content.

The same `ReceiptData` feeds the ESC/POS renderer (app/devices/printers/escpos_text.py), so a
sale prints the same whether it goes through the system spooler or straight to a thermal
printer. Amounts are integer fen, formatted only by app.money.
"""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from app.documents.pdf_common import MM, draw_qr, qr_matrix
from app.documents.pdf_fonts import register_cjk_font, text_width
from app.documents.text_wrap import wrap_text
from app.i18n import Text
from app.money import fmt_fen

log = logging.getLogger(__name__)

PAPER_WIDTHS_MM = (58, 80)

PAYMENT_METHODS: dict[str, Text] = {
    "cash": Text("现金", "Cash"),
    "wechat": Text("微信", "WeChat Pay"),
    "alipay": Text("支付宝", "Alipay"),
    "card": Text("银行卡", "Card"),
    "other": Text("其他", "Other"),
}
"""Payment method codes and how a receipt names them (GLOSSARY.md)."""

LABELS: dict[str, Text] = {
    "sale_title": Text("销售小票", "Receipt"),
    "refund_title": Text("退款单", "REFUND"),
    "number": Text("单号", "No."),
    "refund_of": Text("原单号", "Original sale"),
    "time": Text("时间", "Time"),
    "clerk": Text("收银员", "Clerk"),
    "item": Text("商品", "Item"),
    "amount": Text("金额", "Amount"),
    "line_discount": Text("单品折扣", "Line discount"),
    "subtotal": Text("小计", "Subtotal"),
    "count": Text("共{n}件", "{n} items"),
    "discount": Text("整单折扣", "Order discount"),
    "rounding": Text("抹零", "Round off"),
    "total": Text("合计", "Total"),
    "refund_total": Text("退款合计", "Refund total"),
    "payments": Text("支付方式", "Paid by"),
    "refund_payments": Text("退款方式", "Refunded to"),
    "tendered": Text("实收", "Tendered"),
    "change": Text("找零", "Change"),
    "reference": Text("交易号", "Ref."),
    "note": Text("备注", "Note"),
    "thanks": Text("谢谢惠顾，欢迎再次光临！", "Thank you, please come again!"),
    "colon": Text("：", ": "),
}


def label(key: str, lang: str = "zh_CN", **fmt: object) -> str:
    text = LABELS[key].for_lang(lang)
    return text.format(**fmt) if fmt else text


def payment_method_label(method: str, lang: str = "zh_CN") -> str:
    """现金 / 微信 / 支付宝 / 银行卡 / 其他 (or the English names); an unknown code as given."""
    known = PAYMENT_METHODS.get(method.lower())
    return known.for_lang(lang) if known else method


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    """One sold (or refunded) line.

    qty: pieces as an int, or for unit "kg" the weight in kilograms as a Decimal
    (Decimal("0.532"); `by_weight` builds one from integer grams). discount_fen is the amount
    taken off this line (≥ 0); line_total_fen is what the line costs after it.
    """

    name: str
    qty: int | Decimal
    unit: Literal["piece", "kg"]
    unit_price_fen: int
    discount_fen: int
    line_total_fen: int

    def __post_init__(self) -> None:
        if isinstance(self.qty, (bool, float)) or not isinstance(self.qty, (int, Decimal)):
            raise TypeError("qty is an int (pieces) or a Decimal (kg), never a float")
        if self.unit not in ("piece", "kg"):
            raise ValueError(f"unit must be 'piece' or 'kg', not {self.unit!r}")

    @classmethod
    def by_weight(cls, name: str, grams: int, unit_price_fen: int, discount_fen: int,
                  line_total_fen: int) -> ReceiptLine:
        return cls(name, Decimal(grams) / 1000, "kg", unit_price_fen, discount_fen, line_total_fen)

    def qty_text(self) -> str:
        """"2" for pieces, "0.532kg" for weight."""
        if self.unit == "kg":
            return f"{Decimal(self.qty).quantize(Decimal('0.001'))}kg"
        value = Decimal(self.qty)
        return str(int(value)) if value == value.to_integral_value() else str(value.normalize())

    def detail_text(self) -> str:
        """"2 × ¥3.00" or "0.532kg × ¥12.80/kg" (the line before its total)."""
        per = "/kg" if self.unit == "kg" else ""
        return f"{self.qty_text()} × {fmt_fen(self.unit_price_fen)}{per}"

    @property
    def piece_count(self) -> int:
        """How this line counts in "共N件": its pieces, or 1 for a weighed item."""
        return int(self.qty) if self.unit == "piece" else 1


@dataclass(frozen=True, slots=True)
class ReceiptPayment:
    """One payment (or, on a refund, one pay-out) by method code (see PAYMENT_METHODS).

    tendered_fen/change_fen are for cash: what the customer handed over and got back.
    """

    method: str
    amount_fen: int
    tendered_fen: int | None = None
    change_fen: int | None = None
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """Everything a receipt shows, as plain data (the sales service fills it in).

    total_fen = subtotal_fen - discount_fen + rounding_fen, where subtotal_fen is the sum of
    the line totals, discount_fen the whole-sale discount taken off (≥ 0) and rounding_fen the
    signed 抹零 adjustment (negative when fen are dropped). A refund receipt sets
    is_refund=True and refund_of to the original sale's number; its amounts are the amounts
    paid back, as positive numbers. local_time is already in the store's zone.
    """

    shop_name: str
    number: str
    local_time: datetime
    clerk_name: str
    lines: list[ReceiptLine]
    subtotal_fen: int
    discount_fen: int
    rounding_fen: int
    total_fen: int
    payments: list[ReceiptPayment] = field(default_factory=list)
    is_refund: bool = False
    refund_of: str | None = None
    note: str = ""

    def inconsistencies(self) -> list[str]:
        """Arithmetic that does not add up (logged, never refused: the sale is already done)."""
        problems = []
        if sum(line.line_total_fen for line in self.lines) != self.subtotal_fen:
            problems.append("line totals do not add up to the subtotal")
        if self.subtotal_fen - self.discount_fen + self.rounding_fen != self.total_fen:
            problems.append("subtotal - discount + rounding != total")
        return problems

    @property
    def piece_count(self) -> int:
        return sum(line.piece_count for line in self.lines)


# --- layout -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Style:
    margin: float
    body: float
    small: float
    title: float
    big: float
    qr_module: float


_STYLES = {
    # Printable width of thermal printers: 48 mm on 58 mm paper, 72 mm on 80 mm paper.
    # 8.5 pt Chinese is 3 mm wide: 16 characters (32 columns) on 48 mm, like the printer's font.
    58: _Style(margin=5 * MM, body=8.5, small=7.0, title=13.0, big=12.0, qr_module=1.0 * MM),
    80: _Style(margin=4 * MM, body=9.0, small=7.5, title=15.0, big=13.0, qr_module=1.1 * MM),
}


class _Layout:
    """Collects drawing operations top-down, so the page height is known before drawing."""

    def __init__(self, width: float, style: _Style, font: str) -> None:
        self.width = width
        self.style = style
        self.font = font
        self.left = style.margin
        self.right = width - style.margin
        self.y = style.margin * 0.6  # distance from the top of the page
        self.ops: list[tuple[Any, ...]] = []

    def _advance(self, size: float) -> float:
        self.y += size * 1.38
        return self.y - size * 0.32  # the baseline sits above the descent

    def space(self, points: float) -> None:
        self.y += points

    def text(self, s: str, size: float, *, align: str = "left", indent: float = 0.0) -> None:
        avail = self.right - self.left - indent
        for line in wrap_text(s, lambda t: text_width(t, size, self.font), avail):
            base = self._advance(size)
            if align == "center":
                x = (self.left + self.right - text_width(line, size, self.font)) / 2
            else:
                x = self.left + indent
            self.ops.append(("text", x, base, line, size))

    def row(self, left: str, right: str, size: float, *, indent: float = 0.0) -> None:
        """`left` at the margin (wrapped if long), `right` right-aligned on the last line."""
        right_w = text_width(right, size, self.font)
        avail = self.right - self.left - indent - right_w - size  # at least one em apart
        lines = wrap_text(left, lambda t: text_width(t, size, self.font), max(avail, size * 4))
        for i, line in enumerate(lines):
            base = self._advance(size)
            self.ops.append(("text", self.left + indent, base, line, size))
            if i == len(lines) - 1 and right:
                self.ops.append(("text", self.right - right_w, base, right, size))

    def rule(self, *, dashed: bool = True, heavy: bool = False) -> None:
        self.y += 3
        self.ops.append(("rule", self.y, dashed, heavy))
        self.y += 3

    def qr(self, payload: str) -> None:
        matrix = qr_matrix(payload, ec="M")
        module = min(self.style.qr_module, (self.right - self.left) / (len(matrix) + 8))
        size = module * len(matrix)
        self.y += module * 3  # quiet zone above (the rule above adds to it)
        self.ops.append(("qr", (self.width - size) / 2, self.y, matrix, module))
        self.y += size + module * 3


def _draw(canvas: Any, layout: _Layout, height: float) -> None:
    for op in layout.ops:
        kind = op[0]
        if kind == "text":
            # No faux bold (fill + stroke): CUPS's PDF path turns a page with stroked text
            # into outlines, and its text no longer extracts. Emphasis comes from size.
            _, x, base, s, size = op
            canvas.setFont(layout.font, size)
            canvas.drawString(x, height - base, s)
        elif kind == "rule":
            _, y, dashed, heavy = op
            canvas.saveState()
            canvas.setLineWidth(1.0 if heavy else 0.5)
            if dashed:
                canvas.setDash(2, 1.5)
            canvas.line(layout.left, height - y, layout.right, height - y)
            canvas.restoreState()
        elif kind == "qr":
            _, x, y_top, matrix, module = op
            draw_qr(canvas, matrix, x, height - y_top, module)


def _lay_out(data: ReceiptData, width_mm: int, lang: str, font: str) -> _Layout:
    st = _STYLES[width_mm]
    lay = _Layout(width_mm * MM, st, font)
    colon = label("colon", lang)

    # A long shop name shrinks to stay on one line before it is allowed to wrap.
    avail = lay.right - lay.left
    title_size = st.title
    while title_size > st.body + 2 and text_width(data.shop_name, title_size, font) > avail:
        title_size -= 0.5
    lay.text(data.shop_name, title_size, align="center")
    lay.space(2)
    if data.is_refund:
        lay.text(label("refund_title", lang), st.big + 2, align="center")
    else:
        lay.text(label("sale_title", lang), st.small, align="center")
    lay.space(3)
    lay.text(f"{label('number', lang)}{colon}{data.number}", st.body)
    if data.refund_of:
        lay.text(f"{label('refund_of', lang)}{colon}{data.refund_of}", st.body)
    lay.text(f"{label('time', lang)}{colon}{data.local_time:%Y-%m-%d %H:%M}", st.body)
    lay.text(f"{label('clerk', lang)}{colon}{data.clerk_name}", st.body)

    lay.rule()
    lay.row(label("item", lang), label("amount", lang), st.small)
    lay.rule()
    indent = st.body
    for line in data.lines:
        lay.text(line.name, st.body)
        lay.row(line.detail_text(), fmt_fen(line.line_total_fen), st.body, indent=indent)
        if line.discount_fen:
            lay.row(f"{label('line_discount', lang)} {fmt_fen(-line.discount_fen)}", "",
                    st.small, indent=indent)
        lay.space(1.5)

    lay.rule()
    count = label("count", lang, n=data.piece_count)
    lay.row(f"{label('subtotal', lang)}（{count}）" if lang.startswith("zh")
            else f"{label('subtotal', lang)} ({count})", fmt_fen(data.subtotal_fen), st.body)
    if data.discount_fen:
        lay.row(label("discount", lang), fmt_fen(-data.discount_fen), st.body)
    if data.rounding_fen:
        lay.row(label("rounding", lang), fmt_fen(data.rounding_fen), st.body)
    lay.space(2)
    total_key = "refund_total" if data.is_refund else "total"
    lay.row(label(total_key, lang), fmt_fen(data.total_fen), st.big)

    if data.payments:
        lay.rule()
        lay.text(label("refund_payments" if data.is_refund else "payments", lang), st.small)
        for pay in data.payments:
            lay.row(payment_method_label(pay.method, lang), fmt_fen(pay.amount_fen), st.body)
            if pay.tendered_fen is not None:
                lay.row(label("tendered", lang), fmt_fen(pay.tendered_fen), st.body, indent=indent)
            if pay.change_fen is not None:
                lay.row(label("change", lang), fmt_fen(pay.change_fen), st.body, indent=indent)
            if pay.reference:
                lay.text(f"{label('reference', lang)}{colon}{pay.reference}", st.small,
                         indent=indent)

    if data.note:
        lay.rule()
        lay.text(f"{label('note', lang)}{colon}{data.note}", st.body)

    lay.rule()
    lay.qr(data.number)
    lay.text(data.number, st.small, align="center")
    lay.space(4)
    lay.text(label("thanks", lang), st.body, align="center")
    lay.y += st.margin
    return lay


def build_receipt_pdf(data: ReceiptData, width_mm: int = 58, *, lang: str = "zh_CN") -> bytes:
    """The receipt as a one-page PDF `width_mm` wide (58 or 80) and as tall as it needs.

    Text is real text in the embedded CJK font, so the PDF can be searched and read back.
    """
    if width_mm not in _STYLES:
        raise ValueError(f"receipt paper is 58 or 80 mm wide, not {width_mm}")
    for problem in data.inconsistencies():
        log.warning("receipt %s: %s", data.number, problem)
    font = register_cjk_font()
    layout = _lay_out(data, width_mm, lang, font)

    from reportlab.pdfgen.canvas import Canvas

    width = width_mm * MM
    height = layout.y
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(width, height), invariant=True, pageCompression=1)
    canvas.setTitle(f"{label('refund_title' if data.is_refund else 'sale_title', lang)} {data.number}")
    canvas.setAuthor(data.shop_name)
    canvas.setCreator("Corner Station")
    _draw(canvas, layout, height)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()
