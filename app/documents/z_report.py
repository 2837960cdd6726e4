"""The end-of-day report (日结 Z报表) — and the X report of a day still open — as a PDF.

A4 for the office printer, or the width of the receipt roll (58 / 80 mm, as tall as its
content) for a shop whose only printer is the thermal one. It shows what a shopkeeper checks
at night: takings by payment method, refunds, what was given away (discounts, overrides,
抹零), the drawer (float, cash in and out, expected against counted, the variance and its
reason), the count by notes and coins, and each clerk's figures; then lines to sign.
Amounts are integer fen, formatted only by app.money.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from app.documents.pdf_common import MM
from app.documents.pdf_fonts import register_cjk_font, text_width
from app.documents.text_wrap import wrap_text
from app.i18n import Text
from app.money import fmt_fen
from app.tender import PAYMENT_METHODS
from app.till import TillReport
from app.till_figures import MethodAmount

A4 = (210 * MM, 297 * MM)
ROLL_WIDTHS_MM = (58, 80)

LABELS: dict[str, Text] = {
    "z_title": Text("日结报表", "Z report (day closed)"),
    "x_title": Text("X 报表（未日结）", "X report (day still open)"),
    "business_day": Text("营业日", "Business day"),
    "opened": Text("开班", "Opened"),
    "closed": Text("日结", "Closed"),
    "printed": Text("打印时间", "Printed"),
    "sales": Text("销售", "Sales"),
    "sales_count": Text("销售笔数", "Number of sales"),
    "sales_total": Text("销售金额", "Sales total"),
    "refunds_count": Text("退款笔数", "Number of refunds"),
    "refunds_total": Text("退款金额", "Refunds total"),
    "by_method": Text("按支付方式", "By payment method"),
    "method": Text("方式", "Method"),
    "sold": Text("销售", "Sales"),
    "refunded": Text("退款", "Refunds"),
    "net": Text("净额", "Net"),
    "total": Text("合计", "Total"),
    "given_away": Text("优惠", "Given away"),
    "discounts": Text("折扣/改价", "Discounts and overrides"),
    "rounding": Text("抹零", "Round off"),
    "drawer": Text("钱箱", "Cash drawer"),
    "float": Text("备用金", "Float"),
    "cash_sales": Text("现金销售", "Cash sales"),
    "cash_refunds": Text("现金退款", "Cash refunds"),
    "cash_in": Text("存入", "Cash in"),
    "cash_out": Text("取出", "Cash out"),
    "expected": Text("应有现金", "Expected cash"),
    "counted": Text("实点现金", "Counted cash"),
    "variance": Text("差额", "Variance"),
    "variance_reason": Text("差额原因", "Reason for the variance"),
    "count": Text("点钞明细", "Cash count"),
    "denomination": Text("面额", "Note/coin"),
    "pieces": Text("张数", "Count"),
    "amount": Text("金额", "Amount"),
    "by_clerk": Text("按收银员", "By clerk"),
    "clerk": Text("收银员", "Clerk"),
    "n_sales": Text("笔数", "Sales"),
    "sign_clerk": Text("收银员签字", "Clerk's signature"),
    "sign_owner": Text("店主签字", "Owner's signature"),
    "yuan": Text("{n}元", "¥{n}"),
    "jiao": Text("{n}角", "{n} jiao"),
    "by": Text("{when}（{who}）", "{when} ({who})"),
    "page": Text("第 {n} 页", "Page {n}"),
}

_METHOD_NAMES: dict[str, Text] = {
    "cash": Text("现金", "Cash"),
    "wechat": Text("微信", "WeChat Pay"),
    "alipay": Text("支付宝", "Alipay"),
    "card": Text("银行卡", "Card"),
    "other": Text("其他", "Other"),
}


def label(key: str, lang: str = "zh_CN", **fmt: object) -> str:
    text = LABELS[key].for_lang(lang)
    return text.format(**fmt) if fmt else text


def method_name(method: str, lang: str = "zh_CN") -> str:
    known = _METHOD_NAMES.get(method)
    return known.for_lang(lang) if known else method


def denomination_name(fen: int, lang: str = "zh_CN") -> str:
    return label("yuan", lang, n=fen // 100) if fen >= 100 else label("jiao", lang, n=fen // 10)


def _amount(items: tuple[MethodAmount, ...], method: str) -> int:
    return sum(x.amount_fen for x in items if x.method == method)


def method_rows(report: TillReport) -> list[tuple[str, int, int, int]]:
    """(method, sales, refunds, net) for every method that took or gave back money."""
    f = report.figures
    used = {x.method for x in f.sales_by_method} | {x.method for x in f.refunds_by_method}
    rows = []
    for method in PAYMENT_METHODS:
        if method in used:
            sold, back = _amount(f.sales_by_method, method), _amount(f.refunds_by_method, method)
            rows.append((method, sold, back, sold - back))
    return rows


# --- layout -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Style:
    margin_x: float
    margin_y: float
    body: float
    small: float
    heading: float
    title: float


_STYLES: dict[int | None, _Style] = {
    None: _Style(margin_x=22 * MM, margin_y=14 * MM, body=10.5, small=8.5, heading=12.5, title=20.0),
    58: _Style(margin_x=5 * MM, margin_y=3 * MM, body=8.0, small=7.0, heading=9.5, title=12.0),
    80: _Style(margin_x=4 * MM, margin_y=3 * MM, body=8.5, small=7.5, heading=10.5, title=14.0),
}


class _Layout:
    """Places lines top-down; on A4 it starts a new page when one is full."""

    def __init__(self, width: float, page_height: float | None, style: _Style, font: str) -> None:
        self.width = width
        self.page_height = page_height  # None: one page as tall as the content
        self.st = style
        self.font = font
        self.left = style.margin_x
        self.right = width - style.margin_x
        self.page = 0
        self.y = style.margin_y
        self.ops: list[tuple[Any, ...]] = []

    def _need(self, height: float) -> None:
        if self.page_height is not None and self.y + height > self.page_height - self.st.margin_y:
            self.page += 1
            self.y = self.st.margin_y

    def _line(self, size: float) -> float:
        self._need(size * 1.45)
        self.y += size * 1.45
        return self.y - size * 0.35

    def _put(self, x: float, base: float, text: str, size: float) -> None:
        self.ops.append(("text", self.page, x, base, text, size))

    def space(self, points: float) -> None:
        self.y += points

    def wrap(self, text: str, size: float, avail: float) -> list[str]:
        return wrap_text(text, lambda t: text_width(t, size, self.font), avail)

    def text(self, text: str, size: float, *, align: str = "left") -> None:
        for line in self.wrap(text, size, self.right - self.left):
            base = self._line(size)
            w = text_width(line, size, self.font)
            x = (self.left + self.right - w) / 2 if align == "center" else self.left
            self._put(x, base, line, size)

    def heading(self, text: str) -> None:
        self.space(self.st.heading * 0.45)
        self._need(self.st.heading * 4)  # a heading never ends a page alone
        self.text(text, self.st.heading)
        self.rule(heavy=True)

    def row(self, left: str, right: str, size: float | None = None) -> None:
        size = size or self.st.body
        right_w = text_width(right, size, self.font)
        lines = self.wrap(left, size, max(self.right - self.left - right_w - size, size * 4))
        for i, line in enumerate(lines):
            base = self._line(size)
            self._put(self.left, base, line, size)
            if i == len(lines) - 1 and right:
                self._put(self.right - right_w, base, right, size)

    def table(self, header: list[str], rows: list[list[str]], first_share: float) -> None:
        """First column left-aligned taking `first_share` of the width; the rest right-aligned
        in equal columns."""
        size = self.st.body
        avail = self.right - self.left
        n = len(header) - 1
        col_w = avail * (1 - first_share) / max(n, 1)
        for r, cells in enumerate([header, *rows]):
            cell_size = self.st.small if r == 0 else size
            name_lines = self.wrap(cells[0], cell_size, avail * first_share - cell_size * 0.5)
            for i, line in enumerate(name_lines):
                base = self._line(cell_size)
                self._put(self.left, base, line, cell_size)
                if i == len(name_lines) - 1:
                    for c, cell in enumerate(cells[1:], start=1):
                        right_edge = self.left + avail * first_share + col_w * c
                        self._put(right_edge - text_width(cell, cell_size, self.font), base, cell,
                                  cell_size)
            if r == 0:
                self.rule()

    def rule(self, *, heavy: bool = False) -> None:
        self._need(6)
        self.y += 2.5
        self.ops.append(("rule", self.page, self.y, heavy))
        self.y += 3.5


def _lay_out(report: TillReport, lang: str, width: float, page_height: float | None,
             style: _Style, font: str) -> _Layout:
    lay = _Layout(width, page_height, style, font)
    st = style
    f = report.figures
    title = label("z_title", lang) if report.kind == "Z" else label("x_title", lang)
    lay.text(report.shop_name, st.title, align="center")
    lay.text(f"{title} {report.z_number}" if report.z_number else title, st.heading, align="center")
    lay.space(4)
    lay.row(label("business_day", lang), report.business_day.isoformat())
    lay.row(label("opened", lang), label("by", lang, when=f"{report.opened_at_local:%Y-%m-%d %H:%M}",
                                         who=report.opened_by))
    if report.kind == "Z":
        lay.row(label("closed", lang), label("by", lang, when=f"{report.local_time:%Y-%m-%d %H:%M}",
                                             who=report.closed_by or ""))
    else:
        lay.row(label("printed", lang), f"{report.local_time:%Y-%m-%d %H:%M}")

    lay.heading(label("sales", lang))
    lay.row(label("sales_count", lang), str(f.sales_count))
    lay.row(label("sales_total", lang), fmt_fen(f.sales_fen))
    lay.row(label("refunds_count", lang), str(f.refunds_count))
    lay.row(label("refunds_total", lang), fmt_fen(f.refunds_fen))

    lay.heading(label("by_method", lang))
    rows = method_rows(report)
    table = [[method_name(m, lang), fmt_fen(s), fmt_fen(r), fmt_fen(n)] for m, s, r, n in rows]
    table.append([label("total", lang), fmt_fen(sum(x[1] for x in rows)),
                  fmt_fen(sum(x[2] for x in rows)), fmt_fen(sum(x[3] for x in rows))])
    lay.table([label("method", lang), label("sold", lang), label("refunded", lang), label("net", lang)],
              table, first_share=0.28 if page_height else 0.22)

    lay.heading(label("given_away", lang))
    lay.row(label("discounts", lang), fmt_fen(f.discounts_fen))
    lay.row(label("rounding", lang), fmt_fen(f.rounding_fen))

    lay.heading(label("drawer", lang))
    lay.row(label("float", lang), fmt_fen(report.float_fen))
    lay.row(label("cash_sales", lang), fmt_fen(_amount(f.sales_by_method, "cash")))
    lay.row(label("cash_refunds", lang), fmt_fen(-_amount(f.refunds_by_method, "cash")))
    lay.row(label("cash_in", lang), fmt_fen(f.cash_in_fen))
    lay.row(label("cash_out", lang), fmt_fen(-f.cash_out_fen))
    lay.row(label("expected", lang), fmt_fen(report.expected_cash_fen), st.heading)
    if report.counted_cash_fen is not None:
        lay.row(label("counted", lang), fmt_fen(report.counted_cash_fen), st.heading)
        lay.row(label("variance", lang), fmt_fen(report.variance_fen or 0), st.heading)
        if report.variance_reason:
            lay.row(f"{label('variance_reason', lang)}：{report.variance_reason}", "")

    counted = [d for d in report.counted if d.count]
    if counted:
        lay.heading(label("count", lang))
        lay.table([label("denomination", lang), label("pieces", lang), label("amount", lang)],
                  [[denomination_name(d.denomination_fen, lang), str(d.count), fmt_fen(d.amount_fen)]
                   for d in counted], first_share=0.4)

    if f.by_clerk:
        lay.heading(label("by_clerk", lang))
        lay.table([label("clerk", lang), label("n_sales", lang), label("sold", lang), label("refunded", lang)],
                  [[c.staff_name, str(c.sales_count), fmt_fen(c.sales_fen), fmt_fen(c.refunds_fen)]
                   for c in f.by_clerk], first_share=0.3)

    lay.space(st.body * 2.5)
    lay.row(f"{label('sign_clerk', lang)}：________", f"{label('sign_owner', lang)}：________")
    lay.y += st.margin_y
    return lay


def build_z_report_pdf(report: TillReport, *, lang: str = "zh_CN", width_mm: int | None = None) -> bytes:
    """The report as a PDF: A4 pages (width_mm None) or one roll-paper page 58/80 mm wide.

    Text is real text in the embedded CJK font, so the PDF can be searched and read back.
    """
    if width_mm is not None and width_mm not in ROLL_WIDTHS_MM:
        raise ValueError(f"roll paper is 58 or 80 mm wide, not {width_mm}")
    font = register_cjk_font()
    style = _STYLES[width_mm]
    width, page_height = (A4[0], A4[1]) if width_mm is None else (width_mm * MM, None)
    lay = _lay_out(report, lang, width, page_height, style, font)

    from reportlab.pdfgen.canvas import Canvas

    pages = lay.page + 1
    height = page_height if page_height is not None else lay.y
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(width, height), invariant=True, pageCompression=1)
    title = label("z_title" if report.kind == "Z" else "x_title", lang)
    canvas.setTitle(f"{title} {report.z_number or report.business_day.isoformat()}")
    canvas.setAuthor(report.shop_name)
    canvas.setCreator("Corner Station")
    for page in range(pages):
        for op in lay.ops:
            if op[1] != page:
                continue
            if op[0] == "text":
                _, _, x, base, text, size = op
                canvas.setFont(font, size)
                canvas.drawString(x, height - base, text)
            else:
                _, _, y, heavy = op
                canvas.saveState()
                canvas.setLineWidth(1.0 if heavy else 0.4)
                canvas.line(lay.left, height - y, lay.right, height - y)
                canvas.restoreState()
        if page_height is not None and pages > 1:
            canvas.setFont(font, style.small)
            footer = label("page", lang, n=page + 1)
            canvas.drawString((width - text_width(footer, style.small, font)) / 2, style.margin_y / 2,
                              footer)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()
