"""The per-customer picking list (分拣单): one block per order, what goes into its bags.

A4 portrait, two columns of blocks. Each block shows the shelf slot and the pickup code in
big figures, the customer's display name as the platform gives it with only the last four
digits of the phone (尾号1234), the building and room when known, and every line with its
quantity and a box to tick; an order with goods in several storage zones lists each bag
(A-017 常温, C-017 冷藏) with its own lines. Shortages are marked on the line.

Sorted by shelf slot, pickup code, name (pinyin) or building and room. A page break never
splits a block (a block taller than a whole column, 40-odd lines, is the one exception: it
continues in the next column under a "续" header). Each page's footer counts its orders and
pieces, and says "page n of N".
"""
from __future__ import annotations

from dataclasses import dataclass

from app.arrivals.doc_drawing import (
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
from app.arrivals.picking_data import (
    SORT_NAMES,
    PickBag,
    PickingData,
    PickLine,
    PickOrder,
    sort_orders,
)
from app.arrivals.shelving import zone_name_zh

PAGE = (210 * MM, 297 * MM)
MARGIN = 10 * MM
GUTTER = 10.0
COLUMNS = 2
COL_W = (PAGE[0] - 2 * MARGIN - GUTTER * (COLUMNS - 1)) / COLUMNS
PAGE_HEAD_H = 28.0
PAGE_FOOT_H = 24.0
COL_TOP = PAGE[1] - MARGIN - PAGE_HEAD_H
COL_BOTTOM = MARGIN + PAGE_FOOT_H
COL_H = COL_TOP - COL_BOTTOM

PAD = 5.0
HEAD_H = 46.0  # slot + code row, then name row
BAG_COL = 40.0  # left column with the bag slot, for orders with several bags
LINE_H = 17.0
GAP = 7.0


@dataclass(frozen=True, slots=True)
class _Row:
    """One order line in a block; `bag` is set on the first line of each bag when the
    order has several bags (the bag's slot is printed in the left column there)."""

    line: PickLine
    bag: PickBag | None = None


@dataclass(frozen=True, slots=True)
class _Piece:
    """A block, or a part of an oversize one, placed in a column."""

    order: PickOrder
    rows: tuple[_Row, ...]
    page: int
    column: int
    y_top: float
    height: float
    first: bool  # holds the block's header (counted on this page)


def build_picking_list(
    data: PickingData, *, sort: str = "slot", progress: ProgressFn | None = None
) -> bytes:
    """The picking list as PDF bytes, blocks in the order `sort` gives (see sort_orders)."""
    font = cjk_font()
    orders = sort_orders(data.orders, sort)
    pieces = _layout(orders)
    pages = (pieces[-1].page + 1) if pieces else 1
    throttle = Throttle(progress, len(orders))
    throttle.start()

    canvas, buf = new_canvas(PAGE, title=f"分拣单 {data.campaign_title}", subject="Picking list")
    total_pieces = sum(o.pieces for o in orders)
    done = 0
    index = 0
    for page in range(pages):
        _page_head(canvas, font, data, sort)
        page_orders = page_pieces = 0
        while index < len(pieces) and pieces[index].page == page:
            piece = pieces[index]
            _draw_piece(canvas, font, piece)
            if piece.first:
                page_orders += 1
                done += 1
                throttle.tick(done)
            page_pieces += sum(r.line.qty for r in piece.rows if r.line is not None)
            index += 1
        if not orders:
            draw_text(canvas, MARGIN, COL_TOP - 30, "没有要分拣的订单。", font, 14)
        _page_foot(canvas, font, page + 1, pages, page_orders, page_pieces, len(orders),
                   total_pieces)
        canvas.showPage()
    throttle.tick(len(orders))
    with binary_streams():
        canvas.save()
    return buf.getvalue()


# --- layout --------------------------------------------------------------------------------


def _rows(order: PickOrder) -> list[_Row]:
    bags = order.bags()
    rows: list[_Row] = []
    for bag in bags:
        for n, line in enumerate(bag.lines):
            rows.append(_Row(line=line, bag=bag if n == 0 and len(bags) > 1 else None))
    # Lines with nothing to hand out (all short) come last, marked, in no bag.
    rows.extend(_Row(line=line) for line in order.lines if line.qty == 0)
    return rows


def _rows_height(rows: tuple[_Row, ...] | list[_Row]) -> float:
    return LINE_H * len(rows)


def _layout(orders: list[PickOrder]) -> list[_Piece]:
    pieces: list[_Piece] = []
    page, column, y = 0, 0, COL_TOP

    def next_column() -> None:
        nonlocal page, column, y
        column += 1
        if column == COLUMNS:
            page, column = page + 1, 0
        y = COL_TOP

    for order in orders:
        rows = _rows(order)
        height = 2 * PAD + HEAD_H + _rows_height(rows)
        if height > y - COL_BOTTOM and y < COL_TOP:
            next_column()
        if height <= COL_H:
            pieces.append(_Piece(order, tuple(rows), page, column, y, height, True))
            y -= height + GAP
            continue
        # Taller than a whole column: fill columns one after another.
        first = True
        while rows:
            room = y - COL_BOTTOM - 2 * PAD - HEAD_H
            take: list[_Row] = []
            used = 0.0
            while rows and used + _rows_height(rows[:1]) <= room:
                used += _rows_height(rows[:1])
                take.append(rows.pop(0))
            pieces.append(_Piece(order, tuple(take), page, column, y,
                                 2 * PAD + HEAD_H + used, first))
            first = False
            next_column()
    return pieces


# --- drawing -------------------------------------------------------------------------------


def _column_x(column: int) -> float:
    return MARGIN + column * (COL_W + GUTTER)


def _draw_piece(canvas, font: str, piece: _Piece) -> None:
    order = piece.order
    x = _column_x(piece.column)
    top = piece.y_top
    canvas.setLineWidth(1.2)
    canvas.rect(x, top - piece.height, COL_W, piece.height, stroke=1, fill=0)
    inner_l, inner_r = x + PAD + 1, x + COL_W - PAD - 1

    # Row 1: shelf slot (or a dash when nothing goes in a bag) and the pickup code.
    base1 = top - PAD - 20
    slot = order.shelf_slot or "—"
    slot_size = fit_size(slot, LATIN_BOLD, 21, 112, min_size=14)
    slot_w = draw_text(canvas, inner_l, base1, slot, LATIN_BOLD, slot_size)
    bags = order.bags()
    tag = ""
    if len(bags) == 1:
        tag = zone_name_zh(bags[0].zone)
    elif len(bags) > 1:
        tag = f"{len(bags)}袋"
    elif order.nothing_to_hand_out:
        tag = "全部缺货"
    if not piece.first:
        tag = "（续）"
    if tag:
        draw_text(canvas, inner_l + slot_w + 5, base1 + 1, tag, font, 10, bold=True)
    code_w = draw_text(canvas, inner_r, base1, order.pickup_code, LATIN_BOLD, 18, align="right")
    draw_text(canvas, inner_r - code_w - 4, base1 + 1, "提货码", font, 8, align="right")

    # Row 2: name as the platform gives it, phone ending, building and room.
    base2 = top - PAD - HEAD_H + 8
    name = ellipsize(order.customer_name, font, 12.5, 110)
    name_w = draw_text(canvas, inner_l, base2, name, font, 12.5, bold=True)
    tail_w = draw_text(canvas, inner_l + name_w + 8, base2, f"尾号{order.phone_tail}", font, 11)
    if order.building_room:
        room_x = inner_l + name_w + 8 + tail_w + 10
        room = ellipsize(order.building_room, font, 10.5, inner_r - room_x)
        draw_text(canvas, inner_r, base2, room, font, 10.5, align="right")
    canvas.setLineWidth(0.6)
    sep = top - PAD - HEAD_H + 1
    canvas.line(x, sep, x + COL_W, sep)

    y = sep
    several = len(bags) > 1
    for n, row in enumerate(piece.rows):
        if row.bag is not None and n:
            canvas.setLineWidth(0.5)
            canvas.setDash(2, 2)
            canvas.line(x + PAD, y, x + COL_W - PAD, y)
            canvas.setDash()
        if row.bag is not None:
            _bag_tag(canvas, font, inner_l, y, row.bag)
        y = _line(canvas, font, inner_l + (BAG_COL if several else 0), inner_r, y, row.line)


def _bag_tag(canvas, font: str, left: float, y: float, bag: PickBag) -> None:
    """The bag's slot at the left of its first line, cold bags white on black."""
    base = y - LINE_H + 5
    cold = bag.zone != "ambient"
    w = width(bag.slot, LATIN_BOLD, 10) + 4
    canvas.setLineWidth(0.8)
    canvas.rect(left, base - 3, w, 13, stroke=1, fill=1 if cold else 0)
    draw_text(canvas, left + 2, base, bag.slot, LATIN_BOLD, 10, white=cold)


def _line(canvas, font: str, left: float, right: float, y: float, line: PickLine) -> float:
    base = y - LINE_H + 5
    if line.qty > 0:
        checkbox(canvas, left, base - 1.5, 10.5)
    else:
        draw_text(canvas, left + 1, base, "✕", font, 10)
    qty_w = draw_text(canvas, right, base - 0.5, f"×{line.qty}", LATIN_BOLD, 14, align="right")
    name_right = right - qty_w - 6
    if line.qty_short:
        note = f"缺{line.qty_short}" if line.qty else "缺货不发"
        note_w = width(note, font, 9)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.rect(name_right - note_w - 4, base - 3, note_w + 4, 13, stroke=0, fill=1)
        draw_text(canvas, name_right - 2, base, note, font, 9, bold=True, white=True,
                  align="right")
        name_right -= note_w + 10
    text = line.name
    available = name_right - (left + 16)
    size = fit_size(text, font, 11, available, min_size=8.5)
    draw_text(canvas, left + 16, base, ellipsize(text, font, size, available), font, size)
    return y - LINE_H


def _page_head(canvas, font: str, data: PickingData, sort: str) -> None:
    top = PAGE[1] - MARGIN
    draw_text(canvas, MARGIN, top - 15, "分拣单", font, 15, bold=True)
    title = ellipsize(data.campaign_title, font, 12, 250)
    draw_text(canvas, MARGIN + 52, top - 15, title, font, 12, bold=True)
    pickup = f"提货日 {data.pickup_date.month}月{data.pickup_date.day}日 · " if data.pickup_date else ""
    truck = f"第{data.truck_no}车 · " if data.truck_no else ""
    right = f"{truck}{pickup}{SORT_NAMES[sort][0]} · 打印于 {data.generated_at:%m-%d %H:%M}"
    draw_text(canvas, PAGE[0] - MARGIN, top - 15, right, font, 9.5, align="right")
    canvas.setLineWidth(1.2)
    canvas.line(MARGIN, top - PAGE_HEAD_H + 6, PAGE[0] - MARGIN, top - PAGE_HEAD_H + 6)


def _page_foot(canvas, font: str, page: int, pages: int, page_orders: int, page_pieces: int,
               orders: int, pieces: int) -> None:
    y = MARGIN + 4
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, y + 14, PAGE[0] - MARGIN, y + 14)
    draw_text(canvas, MARGIN, y, f"本页 {page_orders} 单 · {page_pieces} 件", font, 11, bold=True)
    draw_text(canvas, PAGE[0] / 2, y, f"全部 {orders} 单 · {pieces} 件", font, 9.5, align="center")
    draw_text(canvas, PAGE[0] - MARGIN, y, f"第 {page} / {pages} 页", font, 11, bold=True,
              align="right")
