"""The day's summary as one A4 page an owner can print, or photograph and send to a partner.

Big figures first (takings, sales, average sale, refunds, net, gross margin), then payment
methods, a bar chart of the hours, the best sellers, group-buying (handed out today, still
waiting, uncollected, commission as an estimate) and what is running low. reportlab with the
embedded CJK font, so the text reads the same on any phone and can be searched.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.documents.pdf_common import MM
from app.documents.pdf_fonts import register_cjk_font, text_width
from app.i18n import Text
from app.money import fmt_fen
from app.reports.groupbuy_report import GroupBuyReport
from app.reports.sales_report import SalesReport
from app.reports.stock_report import ReorderLine
from app.reports.tables import format_percent, grams_as_kg
from app.reports.words import WEEKDAYS, method_name

PAGE = (210 * MM, 297 * MM)
MARGIN = 14 * MM
INK = (0.07, 0.07, 0.07)
GREY = (0.38, 0.40, 0.43)
ACCENT = (1.0, 0.76, 0.03)
BAR = (0.11, 0.36, 0.63)
RULE = (0.76, 0.78, 0.81)

L: dict[str, Text] = {
    "title": Text("营业日报", "Day summary"),
    "printed": Text("生成于 {t}", "Made {t}"),
    "takings": Text("销售额", "Takings"),
    "count": Text("笔数", "Sales"),
    "average": Text("客单价", "Average sale"),
    "refunds": Text("退款", "Refunds"),
    "net": Text("净收入", "Net takings"),
    "margin": Text("毛利", "Gross margin"),
    "vs": Text("昨天 {v}", "Yesterday {v}"),
    "n_refunds": Text("{n} 笔", "{n} refund(s)"),
    "rate": Text("毛利率 {p}", "Margin {p}"),
    "no_cost": Text("无进价", "no costs"),
    "methods": Text("支付方式", "Payment methods"),
    "hours": Text("各时段销售额", "Takings by hour"),
    "top": Text("畅销商品", "Best sellers"),
    "groupbuy": Text("团购自提", "Group-buy pickups"),
    "handed": Text("今日核销", "Handed out today"),
    "handed_v": Text("{n} 单 / {p} 件", "{n} orders / {p} pcs"),
    "waiting": Text("货架待提", "Waiting on the shelf"),
    "waiting_v": Text("{n} 单 / {p} 件", "{n} orders / {p} pcs"),
    "uncollected": Text("滞留 {d} 天以上", "Waiting {d}+ days"),
    "uncollected_v": Text("{n} 单", "{n} orders"),
    "commission": Text("佣金（预估）", "Commission (estimate)"),
    "estimate": Text("佣金按活动比例估算，以平台结算为准", "Estimated at each campaign's rate; "
                     "the platform's settlement is final"),
    "low": Text("库存不足（{n} 种）", "Running low ({n} products)"),
    "none": Text("无", "None"),
    "stock_left": Text("剩 {q}", "{q} left"),
    "discounts": Text("折扣/改价 {d}，抹零 {r}", "Discounts {d}, round-off {r}"),
}


def t(key: str, lang: str, **fmt: object) -> str:
    text = L[key].for_lang(lang)
    return text.format(**fmt) if fmt else text


@dataclass(frozen=True, slots=True)
class DaySummary:
    shop_name: str
    sales: SalesReport  # the day's (period of one day)
    groupbuy: GroupBuyReport  # the same day
    low_stock: tuple[ReorderLine, ...]
    generated_at: datetime  # local time

    @property
    def day(self) -> Any:
        return self.sales.period.first


class _Page:
    def __init__(self, canvas: Any, font: str) -> None:
        self.c = canvas
        self.font = font
        self.y = PAGE[1] - MARGIN

    def text(self, x: float, y: float, s: str, size: float, color: tuple[float, ...] = INK,
             align: str = "left") -> None:
        self.c.setFillColorRGB(*color)
        self.c.setFont(self.font, size)
        w = text_width(s, size, self.font)
        if align == "right":
            x -= w
        elif align == "center":
            x -= w / 2
        self.c.drawString(x, y, s)

    def fit(self, s: str, size: float, width: float) -> str:
        if text_width(s, size, self.font) <= width:
            return s
        while s and text_width(s + "…", size, self.font) > width:
            s = s[:-1]
        return s + "…"

    def heading(self, s: str) -> None:
        self.y -= 9 * MM
        self.c.setFillColorRGB(*ACCENT)
        self.c.rect(MARGIN, self.y - 1.2 * MM, 2.2 * MM, 6.4 * MM, stroke=0, fill=1)
        self.text(MARGIN + 4.5 * MM, self.y, s, 15)
        self.y -= 3 * MM
        self.c.setStrokeColorRGB(*RULE)
        self.c.setLineWidth(0.6)
        self.c.line(MARGIN, self.y, PAGE[0] - MARGIN, self.y)

    def two_columns(self, cells: list[tuple[str, str]], size: float) -> None:
        """(left, right) pairs filled row by row into two columns."""
        half = (PAGE[0] - 2 * MARGIN) / 2
        y0 = self.y
        for i, (left, right) in enumerate(cells):
            col = i % 2
            self.y = y0 - (i // 2) * size * 1.55
            self.row(left, right, size, x0=MARGIN + col * half + (5 * MM if col else 0),
                     x1=MARGIN + (col + 1) * half - (0 if col else 5 * MM))
        self.y = y0 - ((len(cells) + 1) // 2) * size * 1.55

    def row(self, left: str, right: str, size: float = 12, *, x0: float = MARGIN,
            x1: float = PAGE[0] - MARGIN, color: tuple[float, ...] = INK) -> None:
        self.y -= size * 1.55
        self.text(x0, self.y, self.fit(left, size, x1 - x0 - text_width(right, size, self.font) - 8),
                  size, color)
        self.text(x1, self.y, right, size, color, align="right")


def build_day_summary_pdf(summary: DaySummary, *, lang: str = "zh_CN") -> bytes:
    font = register_cjk_font()
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=PAGE, invariant=True, pageCompression=1)
    canvas.setTitle(f"{t('title', lang)} {summary.day.isoformat()}")
    canvas.setAuthor(summary.shop_name)
    canvas.setCreator("Corner Station")
    page = _Page(canvas, font)
    _header(page, summary, lang)
    _figures(page, summary.sales, lang)
    _methods_and_hours(page, summary.sales, lang)
    _top_products(page, summary.sales, lang)
    _groupbuy(page, summary.groupbuy, lang)
    _low_stock(page, summary.low_stock, lang)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _header(p: _Page, s: DaySummary, lang: str) -> None:
    day = s.day
    p.y -= 8 * MM
    p.text(MARGIN, p.y, s.shop_name, 22)
    p.text(PAGE[0] - MARGIN, p.y, t("title", lang), 22, align="right")
    p.y -= 8 * MM
    p.text(MARGIN, p.y, f"{day.isoformat()} {WEEKDAYS[day.weekday()].for_lang(lang)}", 15, GREY)
    p.text(PAGE[0] - MARGIN, p.y, t("printed", lang, t=f"{s.generated_at:%Y-%m-%d %H:%M}"), 11,
           GREY, align="right")


def _figures(p: _Page, r: SalesReport, lang: str) -> None:
    m = r.margin
    tiles = [
        (t("takings", lang), fmt_fen(r.sales_fen), t("vs", lang, v=fmt_fen(r.previous_sales_fen))),
        (t("count", lang), f"{r.sales_count}", t("vs", lang, v=str(r.previous_sales_count))),
        (t("average", lang), fmt_fen(r.average_ticket_fen), ""),
        (t("refunds", lang), fmt_fen(r.refunds_fen), t("n_refunds", lang, n=r.refunds_count)),
        (t("net", lang), fmt_fen(r.net_fen),
         t("discounts", lang, d=fmt_fen(r.discounts_fen), r=fmt_fen(r.rounding_fen))),
        (t("margin", lang), fmt_fen(m.margin_fen) if m.known else "—",
         t("rate", lang, p=format_percent(m.rate)) if m.known else t("no_cost", lang)),
    ]
    gap = 4 * MM
    width = (PAGE[0] - 2 * MARGIN - 2 * gap) / 3
    height = 27 * MM
    p.y -= 6 * MM
    for i, (name, value, sub) in enumerate(tiles):
        col, line = i % 3, i // 3
        x = MARGIN + col * (width + gap)
        top = p.y - line * (height + gap)
        p.c.setFillColorRGB(0.96, 0.96, 0.97)
        p.c.setStrokeColorRGB(*RULE)
        p.c.roundRect(x, top - height, width, height, 2.5 * MM, stroke=1, fill=1)
        p.text(x + 4 * MM, top - 7 * MM, name, 12, GREY)
        p.text(x + 4 * MM, top - 17 * MM, p.fit(value, 22, width - 8 * MM), 22)
        if sub:
            p.text(x + 4 * MM, top - 23.5 * MM, p.fit(sub, 9.5, width - 8 * MM), 9.5, GREY)
    p.y -= 2 * height + gap


def _methods_and_hours(p: _Page, r: SalesReport, lang: str) -> None:
    p.heading(f"{t('methods', lang)} · {t('hours', lang)}")
    top = p.y
    split = MARGIN + 62 * MM
    for x in r.by_method:
        p.row(method_name(x.method).for_lang(lang), fmt_fen(x.net_fen), 12, x1=split - 6 * MM)
    if not r.by_method:
        p.row(t("none", lang), "", 12, x1=split - 6 * MM)
    methods_bottom = p.y
    # the hours as bars, right of the methods
    first, last = r.busiest_hours()
    hours = [h for h in r.by_hour if first <= h.hour <= last]
    chart_h, label_h = 36 * MM, 5 * MM
    base = top - 3 * MM - chart_h
    left, right = split, PAGE[0] - MARGIN
    peak = max([h.sales_fen for h in hours] + [1])
    slot = (right - left) / max(1, len(hours))
    p.c.setStrokeColorRGB(*RULE)
    p.c.line(left, base, right, base)
    for i, h in enumerate(hours):
        height = chart_h * h.sales_fen / peak
        p.c.setFillColorRGB(*BAR)
        if height > 0:
            p.c.rect(left + i * slot + slot * 0.15, base, slot * 0.7, height, stroke=0, fill=1)
        if i % 2 == 0 or len(hours) <= 12:
            p.text(left + i * slot + slot / 2, base - label_h + 1.2 * MM, f"{h.hour}", 8, GREY,
                   align="center")
    if peak > 1:
        p.text(right, top - 3 * MM + 1 * MM, fmt_fen(peak), 8, GREY, align="right")
    p.y = min(methods_bottom, base - label_h)


def _top_products(p: _Page, r: SalesReport, lang: str) -> None:
    p.heading(t("top", lang))
    top = r.top_by_takings[:6]
    if not top:
        p.row(t("none", lang), "", 12)
        return
    cells = []
    for i, x in enumerate(top):
        qty = f"{grams_as_kg(x.qty)}kg" if x.unit == "kg" else f"×{x.qty}"
        cells.append((f"{i + 1}. {x.name} {qty}", fmt_fen(x.takings_fen)))
    p.two_columns(cells, 12)


def _groupbuy(p: _Page, g: GroupBuyReport, lang: str) -> None:
    p.heading(t("groupbuy", lang))
    waiting_orders = g.total("orders_waiting")
    rows = [
        (t("handed", lang), t("handed_v", lang, n=g.handouts_in_period, p=g.pieces_in_period)),
        (t("waiting", lang), t("waiting_v", lang, n=waiting_orders, p=g.total("items_waiting"))),
        (t("uncollected", lang, d=g.waiting_min_days), t("uncollected_v", lang, n=len(g.waiting))),
        (t("commission", lang), fmt_fen(g.commission_fen)),
    ]
    p.two_columns(rows, 13)
    p.y -= 5.5 * MM
    p.text(MARGIN, p.y, t("estimate", lang), 9, GREY)


def _low_stock(p: _Page, lines: tuple[ReorderLine, ...], lang: str) -> None:
    p.heading(t("low", lang, n=len(lines)))
    if not lines:
        p.row(t("none", lang), "", 12)
        return
    room = int((p.y - MARGIN) // (11 * 1.55)) * 2
    cells = []
    for x in lines[: max(0, room)]:
        qty = f"{grams_as_kg(x.product.stock)}kg" if x.product.unit == "kg" else str(x.product.stock)
        cells.append((x.product.name, t("stock_left", lang, q=qty)))
    p.two_columns(cells, 11)


__all__ = ["DaySummary", "build_day_summary_pdf"]
