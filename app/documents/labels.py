"""Bag labels (标签): one per bag, stuck on the bag that waits on the shelf.

Each label shows the bag's shelf slot in big figures (A-017), its storage zone (常温; 冷藏
and 冷冻 white on black, so a cold bag is never left on the warm shelf), which bag of the
order it is (1/2), the customer as family name + ** with the phone ending (the shelf is in
public view: GLOSSARY), the number of pieces and a short list of the items, and a QR code
of the bag's own id (`app.pickups.bag_label.bag_label_text`). That QR is not a pickup
credential and the label never carries the pickup code: scanning it while handing out
only confirms the right bag is going out. All bags of an order carry the same bag id.

Sizes: thermal label rolls 60x40 mm, 50x30 mm and 100x150 mm (one label per page, the
page is the label), and A4 sheets of 3x8 labels of 70x37 mm for an office printer.
Orders with nothing to hand out (everything short) get no label.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from app.arrivals.doc_drawing import (
    LATIN_BOLD,
    MM,
    ProgressFn,
    QrCode,
    Throttle,
    binary_streams,
    cjk_font,
    draw_qr,
    draw_text,
    ellipsize,
    fit_size,
    new_canvas,
    qr_code,
    width,
    wrap,
)
from app.arrivals.picking_data import PickBag, PickingData, PickOrder, sort_orders
from app.arrivals.shelving import zone_name_zh
from app.pickups.bag_label import bag_label_text
from app.pickups.masking import mask_name


@dataclass(frozen=True, slots=True)
class LabelFormat:
    key: str
    name_zh: str
    name_en: str
    label_w: float  # mm
    label_h: float
    page_w: float  # mm
    page_h: float
    columns: int = 1
    rows: int = 1
    left: float = 0.0  # mm from the page's left edge to the first label
    top: float = 0.0
    margin: float = 2.0  # mm of blank inside each label (printers do not print to the edge)

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


LABEL_FORMATS: dict[str, LabelFormat] = {
    f.key: f
    for f in (
        LabelFormat("60x40", "热敏标签 60×40 毫米", "Thermal label 60 x 40 mm", 60, 40, 60, 40),
        LabelFormat("50x30", "热敏标签 50×30 毫米", "Thermal label 50 x 30 mm", 50, 30, 50, 30,
                    margin=1.5),
        LabelFormat("100x150", "热敏面单 100×150 毫米", "Thermal label 100 x 150 mm", 100, 150,
                    100, 150, margin=5.0),
        LabelFormat("a4-3x8", "A4 不干胶 3×8（70×37 毫米）", "A4 sheet, 3 x 8 labels of 70 x 37 mm",
                    70, 297 / 8, 210, 297, columns=3, rows=8, margin=3.5),
    )
}
DEFAULT_FORMAT = "60x40"


@dataclass(frozen=True, slots=True)
class _Label:
    order: PickOrder
    bag: PickBag
    qr: QrCode


def build_labels(
    data: PickingData,
    *,
    size: str = DEFAULT_FORMAT,
    sort: str = "slot",
    full_names: bool = False,
    progress: ProgressFn | None = None,
) -> bytes:
    """Bag labels as PDF bytes, in the order `sort` gives (default: by shelf slot).

    full_names prints the display name as given instead of 张** (for a shop whose shelf is
    behind the counter, out of customers' sight).
    """
    if size not in LABEL_FORMATS:
        raise ValueError(f"unknown label size {size!r}; use one of {sorted(LABEL_FORMATS)}")
    fmt = LABEL_FORMATS[size]
    font = cjk_font()
    orders = [o for o in sort_orders(data.orders, sort) if o.bag_id and o.bags()]
    throttle = Throttle(progress, len(orders))
    throttle.start()
    canvas, buf = new_canvas((fmt.page_w * MM, fmt.page_h * MM),
                             title=f"标签 {data.campaign_title}", subject="Bag labels")
    draw = _draw_large if fmt.label_h > fmt.label_w else _draw_small
    on_page = 0
    for n, label in enumerate(_labels(orders, throttle), start=0):
        if n and on_page == fmt.per_page:
            canvas.showPage()
            on_page = 0
        col, row = on_page % fmt.columns, on_page // fmt.columns
        x = (fmt.left + col * fmt.label_w) * MM
        y = (fmt.page_h - fmt.top - (row + 1) * fmt.label_h) * MM
        draw(canvas, font, fmt, x, y, label, data, full_names)
        on_page += 1
    if not orders:
        draw_text(canvas, 3 * MM, fmt.page_h * MM / 2, "没有要贴标签的袋子", font, 9)
    canvas.showPage()
    throttle.tick(len(orders))
    with binary_streams():
        canvas.save()
    return buf.getvalue()


def _labels(orders: list[PickOrder], throttle: Throttle) -> Iterator[_Label]:
    for done, order in enumerate(orders, start=1):
        assert order.bag_id is not None
        qr = qr_code(bag_label_text(order.bag_id))
        for bag in order.bags():
            yield _Label(order, bag, qr)
        throttle.tick(done)


def _who(order: PickOrder, full_names: bool) -> str:
    name = order.customer_name if full_names else mask_name(order.customer_name)
    return f"{name} 尾号{order.phone_tail}"


def _items_text(bag: PickBag) -> str:
    return "、".join(f"{line.name} ×{line.qty}" for line in bag.lines)


def _zone_tag(canvas, font: str, x: float, y: float, bag: PickBag, size: float) -> float:
    """The zone and bag number, cold zones white on black; returns the tag's width."""
    text = zone_name_zh(bag.zone) + (f" {bag.index}/{bag.of}" if bag.of > 1 else "")
    w = width(text, font, size) + size * 0.6
    h = size * 1.35
    cold = bag.zone != "ambient"
    canvas.setLineWidth(max(0.8, size * 0.08))
    canvas.rect(x, y - size * 0.3, w, h, stroke=1, fill=1 if cold else 0)
    draw_text(canvas, x + size * 0.3, y, text, font, size, bold=True, white=cold)
    return w


def _qr(canvas, qr: QrCode, x: float, y_top: float, side: float) -> None:
    # Two modules of quiet zone inside `side`; the label's own margin adds more.
    module = side / (qr.modules + 4)
    draw_qr(canvas, qr, x + 2 * module, y_top - 2 * module, module)


def _draw_small(canvas, font: str, fmt: LabelFormat, x: float, y: float, label: _Label,
                data: PickingData, full_names: bool) -> None:
    """Landscape labels (60x40, 50x30, 70x37): slot, zone and name left, QR right."""
    w, h, m = fmt.label_w * MM, fmt.label_h * MM, fmt.margin * MM
    tiny = fmt.label_h < 35
    qr_side = min(h * 0.62, w * 0.40)
    top = y + h - m
    _qr(canvas, label.qr, x + w - m - qr_side + 2, top + 2, qr_side)
    left_w = w - 2 * m - qr_side
    slot_size = fit_size(label.bag.slot, LATIN_BOLD, h * 0.27, left_w, min_size=12)
    base = top - slot_size * 0.74
    draw_text(canvas, x + m, base, label.bag.slot, LATIN_BOLD, slot_size)
    tag_size = h * (0.085 if tiny else 0.075)
    base -= tag_size * 1.75
    _zone_tag(canvas, font, x + m + 0.6, base, label.bag, tag_size)
    name_size = h * (0.095 if tiny else 0.085)
    base -= name_size * 1.55
    who = _who(label.order, full_names)
    size = fit_size(who, font, name_size, left_w, min_size=name_size * 0.75)
    draw_text(canvas, x + m, base, ellipsize(who, font, size, left_w), font, size, bold=True)

    # Under the QR, full width: pieces and items, then the campaign.
    items_size = h * (0.075 if tiny else 0.062)
    text = f"{label.bag.pieces}件：{_items_text(label.bag)}"
    lines = wrap(text, font, items_size, w - 2 * m, 1 if tiny else 2)
    foot_size = h * 0.055
    base = y + m + (0 if tiny else foot_size * 1.3) + items_size * 0.25
    for line in reversed(lines):
        draw_text(canvas, x + m, base, line, font, items_size)
        base += items_size * 1.2
    if not tiny:
        foot = ellipsize(_campaign_line(data), font, foot_size, w - 2 * m)
        draw_text(canvas, x + m, y + m + 0.5, foot, font, foot_size)


def _draw_large(canvas, font: str, fmt: LabelFormat, x: float, y: float, label: _Label,
                data: PickingData, full_names: bool) -> None:
    """100x150 portrait: a big slot on top, then who, the QR, and the bag's item list."""
    w, h, m = fmt.label_w * MM, fmt.label_h * MM, fmt.margin * MM
    inner = w - 2 * m
    top = y + h - m
    slot_size = fit_size(label.bag.slot, LATIN_BOLD, 80, inner, min_size=36)
    base = top - slot_size * 0.74
    draw_text(canvas, x + m, base, label.bag.slot, LATIN_BOLD, slot_size)
    base -= 36
    _zone_tag(canvas, font, x + m + 1, base, label.bag, 20)
    draw_text(canvas, x + w - m, base, f"{label.bag.pieces}件", font, 20, bold=True,
              align="right")
    base -= 34
    who = _who(label.order, full_names)
    size = fit_size(who, font, 22, inner, min_size=14)
    draw_text(canvas, x + m, base, who, font, size, bold=True)
    if label.order.building_room and full_names:
        base -= 22
        draw_text(canvas, x + m, base, ellipsize(label.order.building_room, font, 14, inner),
                  font, 14)
    canvas.setLineWidth(1.5)
    canvas.line(x + m, base - 10, x + w - m, base - 10)

    foot_y = y + m + 4
    qr_side = 40 * MM
    qr_top = foot_y + 22 + qr_side
    _qr(canvas, label.qr, x + w - m - qr_side + 4, qr_top, qr_side)
    line_y = base - 34
    lines = label.bag.lines
    for shown, line in enumerate(lines):
        # Beside the QR the list is narrower; above it, it has the full width.
        room = inner if line_y - 4 > qr_top else inner - qr_side - 6
        if line_y < foot_y + 30 and shown < len(lines) - 1:
            draw_text(canvas, x + m, line_y, f"……另有 {len(lines) - shown} 种", font, 12)
            break
        qty_w = draw_text(canvas, x + m + room, line_y, f"×{line.qty}", LATIN_BOLD, 16,
                          align="right")
        name_w = room - qty_w - 6
        size = fit_size(line.name, font, 14, name_w, min_size=10)
        draw_text(canvas, x + m, line_y, ellipsize(line.name, font, size, name_w), font, size)
        line_y -= 21
    canvas.setLineWidth(0.8)
    canvas.line(x + m, foot_y + 16, x + w - m, foot_y + 16)
    foot = ellipsize(_campaign_line(data), font, 11, inner)
    draw_text(canvas, x + m, foot_y, foot, font, 11)


def _campaign_line(data: PickingData) -> str:
    pickup = f"{data.pickup_date.month}月{data.pickup_date.day}日提货 · " if data.pickup_date else ""
    return f"{pickup}{data.campaign_title} · {data.station_name}"
