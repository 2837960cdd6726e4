"""The product totals list (总拣单): per item, how many pieces to hand out in all.

The leader takes it to the pile of cartons first thing: one row per item, grouped by
storage zone (常温, 冷藏, 冷冻), with the pieces to hand out in big figures, what that is in
whole cases and loose pieces ("2箱×12 + 5"), what was ordered, what is short (marked), and
how many orders get the item. A4 portrait; the figures count only the orders in the data
(ready orders, or one truck's orders).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.arrivals.doc_drawing import (
    LATIN,
    LATIN_BOLD,
    MM,
    ProgressFn,
    Throttle,
    binary_streams,
    checkbox,
    cjk_font,
    draw_text,
    ellipsize,
    fit_size,
    new_canvas,
    width,
)
from app.arrivals.picking_data import ItemTotal, PickingData
from app.arrivals.shelving import ZONE_LETTER, ZONES, zone_name_zh, zone_of

PAGE = (210 * MM, 297 * MM)
MARGIN = 14 * MM
ROW_H = 28.0
ZONE_H = 22.0
HEAD_H = 18.0  # column headings
TOP_H = 78.0  # title block on the first page
TOP_H_NEXT = 30.0  # running title on later pages
FOOT_H = 22.0

# Column positions from the left margin (points).
COL_BOX = 0.0
COL_NAME = 22.0
COL_SPEC = 200.0
COL_QTY_RIGHT = 315.0  # right edge of 应发
COL_CASES = 326.0
COL_CASES_W = 100.0
COL_ORDERED_RIGHT = 440.0
COL_SHORT_RIGHT = 482.0
COL_ORDERS_RIGHT = 515.0


@dataclass(frozen=True, slots=True)
class _Zone:
    zone: str
    rows: tuple[ItemTotal, ...]


def build_totals_list(data: PickingData, *, progress: ProgressFn | None = None) -> bytes:
    """The product totals list as PDF bytes."""
    font = cjk_font()
    totals = data.totals()
    zones = [_Zone(z, tuple(t for t in totals if zone_of(t.item.storage) == z)) for z in ZONES]
    zones = [z for z in zones if z.rows]
    pages = _paginate(zones)
    throttle = Throttle(progress, len(totals))
    throttle.start()

    title = f"总拣单 {data.campaign_title}"
    canvas, buf = new_canvas(PAGE, title=title, subject="Product totals list")
    done = 0
    for page_no, page in enumerate(pages, start=1):
        y = PAGE[1] - MARGIN
        y = _title(canvas, data, totals, font, y, first=page_no == 1)
        y = _headings(canvas, font, y)
        for entry in page:
            if isinstance(entry, str):
                zone_rows = next(z.rows for z in zones if z.zone == entry)
                y = _zone_band(canvas, font, y, entry, zone_rows)
            else:
                y = _row(canvas, font, y, entry, shaded=done % 2 == 1)
                done += 1
                throttle.tick(done)
        _footer(canvas, font, page_no, len(pages), data)
        canvas.showPage()
    if not pages:
        _title(canvas, data, totals, font, PAGE[1] - MARGIN, first=True)
        draw_text(canvas, MARGIN, PAGE[1] - MARGIN - TOP_H - 20, "没有要分拣的订单。", font, 14)
        _footer(canvas, font, 1, 1, data)
        canvas.showPage()
    throttle.tick(len(totals))
    with binary_streams():
        canvas.save()
    return buf.getvalue()


def _paginate(zones: Sequence[_Zone]) -> list[list[str | ItemTotal]]:
    """Rows and zone bands per page; a band never ends a page without a row under it."""
    bottom = MARGIN + FOOT_H
    pages: list[list[str | ItemTotal]] = []
    page: list[str | ItemTotal] = []
    room = PAGE[1] - MARGIN - TOP_H - HEAD_H - bottom
    for zone in zones:
        if room < ZONE_H + ROW_H:
            pages.append(page)
            page, room = [], PAGE[1] - MARGIN - TOP_H_NEXT - HEAD_H - bottom
        page.append(zone.zone)
        room -= ZONE_H
        for row in zone.rows:
            if room < ROW_H:
                pages.append(page)
                page, room = [], PAGE[1] - MARGIN - TOP_H_NEXT - HEAD_H - bottom
                page.append(zone.zone)  # the band again, so the page says which zone
                room -= ZONE_H
            page.append(row)
            room -= ROW_H
    if page:
        pages.append(page)
    return pages


def _title(canvas, data: PickingData, totals: Sequence[ItemTotal], font: str, y: float, *,
           first: bool) -> float:
    left, right = MARGIN, PAGE[0] - MARGIN
    pickup = f"提货日 {data.pickup_date.month}月{data.pickup_date.day}日" if data.pickup_date else ""
    if not first:
        draw_text(canvas, left, y - 14, f"总拣单 · {data.campaign_title}", font, 12, bold=True)
        draw_text(canvas, right, y - 14, pickup, font, 11, align="right")
        return y - TOP_H_NEXT
    draw_text(canvas, left, y - 24, "总拣单", font, 26, bold=True)
    draw_text(canvas, left + 92, y - 24, ellipsize(data.campaign_title, font, 16, 250), font, 16,
              bold=True)
    draw_text(canvas, right, y - 22, pickup, font, 16, bold=True, align="right")
    pieces = sum(t.qty for t in totals)
    short = sum(t.qty_short for t in totals)
    truck = f"第{data.truck_no}车 · " if data.truck_no else ""
    summary = f"{truck}共 {len(data.orders)} 单 · {len(totals)} 种商品 · 应发 {pieces} 件"
    if short:
        summary += f" · 缺货 {short} 件"
    draw_text(canvas, left, y - 50, summary, font, 13)
    draw_text(canvas, right, y - 48, data.station_name, font, 10, align="right")
    draw_text(canvas, right, y - 62, f"打印于 {data.generated_at:%Y-%m-%d %H:%M}", font, 9,
              align="right")
    canvas.setLineWidth(1.5)
    canvas.line(left, y - TOP_H + 6, right, y - TOP_H + 6)
    return y - TOP_H


def _headings(canvas, font: str, y: float) -> float:
    x = MARGIN
    base = y - 12
    canvas.setFillColorRGB(0.35, 0.35, 0.35)
    draw_text(canvas, x + COL_NAME, base, "商品", font, 9)
    draw_text(canvas, x + COL_SPEC, base, "规格", font, 9)
    draw_text(canvas, x + COL_QTY_RIGHT, base, "应发", font, 9, align="right")
    draw_text(canvas, x + COL_CASES, base, "整箱拆分", font, 9)
    draw_text(canvas, x + COL_ORDERED_RIGHT, base, "订购", font, 9, align="right")
    draw_text(canvas, x + COL_SHORT_RIGHT, base, "缺货", font, 9, align="right")
    draw_text(canvas, x + COL_ORDERS_RIGHT, base, "单数", font, 9, align="right")
    canvas.setFillColorRGB(0, 0, 0)
    return y - HEAD_H


def _zone_band(canvas, font: str, y: float, zone: str, rows: Sequence[ItemTotal]) -> float:
    left, right = MARGIN, PAGE[0] - MARGIN
    canvas.setFillColorRGB(0, 0, 0)
    canvas.rect(left, y - ZONE_H + 3, right - left, ZONE_H - 4, stroke=0, fill=1)
    pieces = sum(r.qty for r in rows)
    text = f"{zone_name_zh(zone)}  {ZONE_LETTER[zone]}区 · {len(rows)} 种 · {pieces} 件"
    draw_text(canvas, left + 6, y - ZONE_H + 9, text, font, 12, bold=True, white=True)
    return y - ZONE_H


def _row(canvas, font: str, y: float, row: ItemTotal, *, shaded: bool) -> float:
    x = MARGIN
    right = PAGE[0] - MARGIN
    base = y - ROW_H + 9
    if shaded:
        canvas.setFillColorRGB(0.92, 0.92, 0.92)
        canvas.rect(x, y - ROW_H, right - x, ROW_H, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
    checkbox(canvas, x + COL_BOX + 2, base - 1, 12, line=1.2)
    name_w = COL_SPEC - COL_NAME - 8
    size = fit_size(row.item.name, font, 13, name_w, min_size=9.5)
    draw_text(canvas, x + COL_NAME, base, ellipsize(row.item.name, font, size, name_w), font, size,
              bold=True)
    spec = ellipsize(row.item.spec, font, 9.5, COL_QTY_RIGHT - COL_SPEC - 48)
    draw_text(canvas, x + COL_SPEC, base, spec, font, 9.5)
    draw_text(canvas, x + COL_QTY_RIGHT, base - 1, str(row.qty), LATIN_BOLD, 19, align="right")
    cases = row.case_breakdown
    if cases != str(row.qty):
        size = fit_size(cases, font, 12.5, COL_CASES_W, min_size=8)
        draw_text(canvas, x + COL_CASES, base, cases, font, size, bold=True)
    elif row.item.case_pack and row.item.case_pack > 1:
        draw_text(canvas, x + COL_CASES, base, f"不足一箱（{row.item.case_pack}/箱）", font, 9)
    draw_text(canvas, x + COL_ORDERED_RIGHT, base, str(row.qty_ordered), LATIN, 11, align="right")
    if row.qty_short:
        # Marked so it is seen: a black tag with the number, white on black.
        tag = f"缺{row.qty_short}"
        w = width(tag, font, 11)
        canvas.rect(x + COL_SHORT_RIGHT - w - 4, base - 4, w + 6, 16, stroke=0, fill=1)
        draw_text(canvas, x + COL_SHORT_RIGHT - 1, base, tag, font, 11, bold=True, white=True,
                  align="right")
    draw_text(canvas, x + COL_ORDERS_RIGHT, base, str(row.orders), LATIN, 11, align="right")
    return y - ROW_H


def _footer(canvas, font: str, page_no: int, pages: int, data: PickingData) -> None:
    y = MARGIN
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, y + 14, PAGE[0] - MARGIN, y + 14)
    draw_text(canvas, MARGIN, y + 2, f"{data.campaign_title} · 总拣单", font, 9)
    draw_text(canvas, PAGE[0] - MARGIN, y + 2, f"第 {page_no} / {pages} 页", font, 10,
              align="right")
