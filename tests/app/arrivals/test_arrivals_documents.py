"""The picking documents for 1,000 orders, from a real delivery sign-off, read back.

One module-wide station: the demo, plus a campaign of 1,000 orders (every 50th cancelled)
inserted with executemany, checked in with shortages on two items and signed off. The
documents are read back with pypdf and pdfplumber and their first pages rendered with
pdftoppm, so the QR codes are decoded from pixels by zxing-cpp.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pdfplumber
import pytest
import zxingcpp
from arrivals_factory import ITEMS, InsertedCampaign, insert_campaign, make_picking_data
from PIL import Image
from pypdf import PdfReader

from app.arrivals import (
    PickingData,
    PickLine,
    PickOrder,
    ReceivingService,
    load_picking_data,
    sort_orders,
)
from app.clock import BusinessCalendar, FixedClock
from app.demo_seed import seed_demo
from app.documents.labels import LABEL_FORMATS, build_labels
from app.documents.picking_list import build_picking_list
from app.documents.totals_list import build_totals_list
from app.pickups.bag_label import bag_label_text, parse_bag_label
from app.pickups.masking import mask_name
from app.station_service import StationService
from local_db.engine import Database
from local_db.migrate import upgrade
from sync.pickup_code import (
    DEMO_KEY_ID,
    NotAPickupCode,
    demo_private_key,
    public_key_bytes,
    verify_pickup_code,
)

T0 = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
CODE = re.compile(r"(?<!\d)\d{8}(?!\d)")
needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler")


@dataclass
class Big:
    inserted: InsertedCampaign
    problems: dict[int, tuple[int, int]]  # campaign item id -> (damaged, missing)
    data: PickingData
    picking: bytes
    totals: bytes


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Big:
    path = tmp_path_factory.mktemp("big") / "station.db"
    upgrade(path)
    db = Database(path)
    clock, calendar = FixedClock(T0), BusinessCalendar("Asia/Shanghai", 4)
    try:
        seed_demo(db, now=T0, calendar=calendar)
        inserted = insert_campaign(db, count=1000, now=T0, cancelled_every=50)
        receiving = ReceivingService(db, clock)
        leader = StationService(db).actor("03")
        sheet = receiving.open_arrival(campaign_id=inserted.campaign_id, actor=leader)
        item_a, item_b = sheet.lines[1].campaign_item_id, sheet.lines[6].campaign_item_id
        problems = {item_a: (5, 2), item_b: (0, 4)}
        for line in sheet.lines:
            assert line.qty_expected == inserted.ordered[line.campaign_item_id]
            damaged, missing = problems.get(line.campaign_item_id, (0, 0))
            receiving.set_counts(arrival_id=sheet.arrival_id, campaign_item_id=line.campaign_item_id,
                                 actor=leader, received=line.qty_expected - damaged - missing,
                                 damaged=damaged, missing=missing, reason="破损/少发")
        result = receiving.sign_off(arrival_id=sheet.arrival_id, actor=leader)
        assert result.orders_still_waiting == 0 and len(result.ready_order_ids) == 980
        data = load_picking_data(db, campaign_id=inserted.campaign_id, now=T0, calendar=calendar)
    finally:
        db.dispose()
    return Big(inserted, problems, data, build_picking_list(data), build_totals_list(data))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def render(pdf: bytes, tmp_path: Path, *, dpi: int = 300, page: int = 1) -> Image.Image:
    src = tmp_path / "doc.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page),
                    "-singlefile", str(src), str(tmp_path / "page")], check=True, timeout=60)
    return Image.open(tmp_path / "page.png").convert("L")


def assert_not_blank(image: Image.Image) -> None:
    histogram = image.histogram()
    dark = sum(histogram[:128]) / (image.width * image.height)
    assert 0.005 < dark < 0.6, f"{dark:.1%} of the page is dark"


def rows_of(order: PickOrder) -> list[str]:
    """The line names of a block in the order they are printed."""
    names = [line.name for bag in order.bags() for line in bag.lines]
    return names + [line.name for line in order.lines if line.qty == 0]


def test_picking_list_has_every_order_once_and_never_splits_a_block(big: Big) -> None:
    texts = page_texts(big.picking)
    everything = "\n".join(texts)
    active = {o.order_id for o in big.data.orders}
    assert len(active) == 980
    codes = CODE.findall(everything)
    assert sorted(codes) == sorted(big.inserted.codes[i] for i in active), "each code once"
    for order_id, name in big.inserted.names.items():
        assert everything.count(name) == (1 if order_id in active else 0), name
    assert all(f"尾号{o.phone_tail}" in everything for o in big.data.orders)

    by_code = {o.pickup_code: o for o in big.data.orders}
    page_orders = 0
    for number, text in enumerate(texts, start=1):
        found = list(CODE.finditer(text))
        for i, match in enumerate(found):
            end = found[i + 1].start() if i + 1 < len(found) else len(text)
            block = text[match.end():end]
            order = by_code[match.group()]
            assert order.customer_name in block
            position = 0
            for name in rows_of(order):  # every line, the last one too, on this page, in order
                position = block.index(name, position) + len(name)
        footer = re.search(r"本页 (\d+) 单 · (\d+) 件", text)
        assert footer and int(footer.group(1)) == len(found)
        assert f"第 {number} / {len(texts)} 页" in text
        page_orders += len(found)
    assert page_orders == 980
    assert f"全部 980 单 · {sum(o.pieces for o in big.data.orders)} 件" in texts[0]


def test_totals_list_is_what_was_ordered_less_what_was_short(big: Big) -> None:
    with pdfplumber.open(io.BytesIO(big.totals)) as pdf:
        assert len(pdf.pages) == 1
        words = pdf.pages[0].extract_words()
    qty_head = next(w for w in words if w["text"] == "应发" and w["top"] > 100)
    got = {}
    for item in ITEMS:
        first = item.name.split()[0]
        name = next(w for w in words if w["text"] == first)
        qty = next(w for w in words if abs(w["x1"] - qty_head["x1"]) < 2
                   and abs(w["top"] - name["top"]) < 10)
        got[item.campaign_item_id] = int(qty["text"])
    expected = {}
    for item in ITEMS:
        item_id = big.inserted.campaign_id * 10 + item.campaign_item_id
        damaged, missing = big.problems.get(item_id, (0, 0))
        expected[item.campaign_item_id] = big.inserted.ordered[item_id] - damaged - missing
    assert got == expected
    text = page_texts(big.totals)[0]
    assert sum(1 for _ in re.finditer(r"缺\d+", text)) == 2  # the two short items are marked
    assert "缺7" in text and "缺4" in text
    pack = next(i for i in ITEMS if i.case_pack == 12)
    qty = expected[pack.campaign_item_id]
    assert f"{qty // 12}箱×12" in text


@needs_pdftoppm
@pytest.mark.parametrize("size", sorted(LABEL_FORMATS))
def test_labels_carry_the_bag_id_never_a_pickup_code(big: Big, size: str, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    pdf = build_labels(big.data, size=size, progress=lambda done, total: calls.append((done, total)))
    fmt = LABEL_FORMATS[size]
    bagged = [o for o in big.data.orders if o.bag_id]
    assert len(bagged) == len([o for o in big.data.orders if not o.nothing_to_hand_out])
    bags = sum(len(o.bags()) for o in bagged)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == -(-bags // fmt.per_page)
    assert calls[-1] == (len(bagged), len(bagged)) and calls == sorted(calls)

    first = sort_orders(big.data.orders)[0]
    text = reader.pages[0].extract_text()
    assert first.bags()[0].slot in text and f"尾号{first.phone_tail}" in text
    assert mask_name(first.customer_name) in text and first.customer_name not in text
    assert not CODE.search(text), "no pickup code on a label"

    image = render(pdf, tmp_path)
    assert_not_blank(image)
    decoded = [r.text for r in zxingcpp.read_barcodes(image)]
    assert len(decoded) == min(fmt.per_page, bags)
    assert decoded[0] == bag_label_text(first.bag_id) or bag_label_text(first.bag_id) in decoded
    assert parse_bag_label(decoded[0]) in {o.bag_id for o in big.data.orders}
    keys = {DEMO_KEY_ID: public_key_bytes(demo_private_key())}
    with pytest.raises(NotAPickupCode):
        verify_pickup_code(decoded[0], keys)


@needs_pdftoppm
def test_lists_render_to_real_pages(big: Big, tmp_path: Path) -> None:
    assert_not_blank(render(big.picking, tmp_path, dpi=60))
    assert_not_blank(render(big.totals, tmp_path, dpi=60))


@pytest.mark.parametrize("sort", ["code", "name", "building", "slot"])
def test_picking_list_prints_in_the_chosen_order(sort: str) -> None:
    data = make_picking_data(120)
    pdf = build_picking_list(data, sort=sort)
    printed = CODE.findall("\n".join(page_texts(pdf)))
    assert printed == [o.pickup_code for o in sort_orders(data.orders, sort)]


def test_sorting_rules() -> None:
    data = make_picking_data(300)
    by_name = sort_orders(data.orders, "name")
    from pypinyin import lazy_pinyin

    keys = [" ".join(lazy_pinyin(o.customer_name)) for o in by_name]
    assert keys == sorted(keys)
    rooms = [o.building_room for o in sort_orders(data.orders, "building")]
    assert rooms[-1] is None and None not in rooms[: rooms.index(None)]
    numbered = [r for r in rooms if r and r[0].isdigit()]
    firsts = [int(re.match(r"\d+", r).group()) for r in numbered]
    assert firsts == sorted(firsts), "2栋 before 10栋"
    slots = [o.slot.number for o in sort_orders(data.orders, "slot") if o.slot]
    assert slots == sorted(slots)


def test_a_huge_order_continues_in_the_next_column_and_progress_is_reported() -> None:
    data = make_picking_data(30)
    big_order = data.orders[3]
    lines = tuple(PickLine(campaign_item_id=100 + n, name=f"测试商品{n:02d}号", spec="",
                           storage="ambient", qty_ordered=1, qty_short=0) for n in range(70))
    huge = replace(big_order, lines=lines, shelf_slot="A-900")
    data = replace(data, orders=data.orders[:3] + (huge,) + data.orders[4:])
    calls: list[tuple[int, int]] = []
    pdf = build_picking_list(data, progress=lambda d, t: calls.append((d, t)))
    text = "\n".join(page_texts(pdf))
    for n in range(70):
        assert text.count(f"测试商品{n:02d}号") == 1
    assert text.count(huge.pickup_code) == 2 and "（续）" in text
    assert calls[0] == (0, 30) and calls[-1] == (30, 30)


def test_documents_without_orders_are_still_valid() -> None:
    empty = make_picking_data(0)
    for pdf in (build_picking_list(empty), build_totals_list(empty), build_labels(empty)):
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert "没有要分拣的订单" in page_texts(build_picking_list(empty))[0]
