"""The demo seeder: a believable store, every order state, valid codes, same data every time."""
from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from app.clock import BusinessCalendar
from app.demo_catalogue import CATEGORY_WEIGHTS, PRODUCE_CATEGORY
from app.demo_seed import (
    DEMO_STAFF,
    DEMO_STATION_ID,
    KNOWN_BARCODES,
    KNOWN_PLU,
    ORDER_STATES,
    SHOP_CODES,
    DemoScale,
    DemoSummary,
    demo_pickup_qr,
    ean13_check_digit,
    generate_products,
    gtin_check_digit,
    is_valid_ean8,
    is_valid_ean13,
    pinyin_keys,
    seed_demo,
)
from app.errors import UserFacingError
from local_db.engine import Database
from local_db.migrate import upgrade
from local_db.models import Base, Product, Station
from sync.pickup_code import DEMO_KEY_ID, verify_pickup_code

# 2026-11-25 10:00 in Shanghai: a Wednesday morning at the counter.
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
CALENDAR = BusinessCalendar("Asia/Shanghai", 4)
TODAY = CALENDAR.business_day(NOW)


@dataclass
class Seeded:
    db: Database
    path: Path
    summary: DemoSummary

    def rows(self, sql: str, *args: object) -> list[tuple]:
        conn = sqlite3.connect(self.path)
        try:
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()

    def value(self, sql: str, *args: object) -> object:
        return self.rows(sql, *args)[0][0]


def _new_db(path: Path) -> Database:
    upgrade(path)
    return Database(path)


def _seed(path: Path, **kwargs: object) -> Seeded:
    db = _new_db(path)
    summary = seed_demo(db, now=NOW, calendar=CALENDAR, **kwargs)  # type: ignore[arg-type]
    return Seeded(db, path, summary)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    seeded = _seed(tmp_path_factory.mktemp("demo") / "station.db")
    yield seeded
    seeded.db.dispose()


def _state(cloud_state: str, fulfilment: str) -> str:
    return cloud_state if cloud_state != "active" else fulfilment


# --- counts and states ------------------------------------------------------------------------


def test_counts_match_the_default_scale(demo: Seeded) -> None:
    s = demo.summary
    assert s.station_id == DEMO_STATION_ID and s.station_name == "邻里站·幸福里店"
    assert s.products == s.table_counts["product"] == 300
    assert s.table_counts["group_order"] == 200
    assert s.table_counts["campaign"] == 3 and len(s.campaigns) == 3
    assert s.table_counts["staff"] == 3 and s.table_counts["platform_key"] == 1
    for table, n in s.table_counts.items():
        assert demo.value(f"SELECT count(*) FROM {table}") == n, table
    assert sum(s.order_states.values()) == 200
    assert demo.value("SELECT is_demo FROM station WHERE id = 1001") == 1
    assert demo.value("SELECT code FROM station") == "ST1001"


def test_every_order_state_is_present(demo: Seeded) -> None:
    states = Counter(
        _state(c, f) for c, f in demo.rows("SELECT cloud_state, fulfilment FROM group_order")
    )
    for state in ORDER_STATES:
        assert states[state] > 0, state
        assert demo.summary.order_states[state] == states[state]
        assert demo.summary.state_samples[state].state == state
    assert demo.value("SELECT count(*) FROM group_order_line WHERE qty_short > 0") in (1, 2)


def test_campaigns_arriving_today_collected_and_open(demo: Seeded) -> None:
    by_date = {c.pickup_date: c for c in demo.summary.campaigns}
    assert set(by_date) == {TODAY - timedelta(days=3), TODAY, TODAY + timedelta(days=2)}
    for c in demo.summary.campaigns:
        assert 6 <= c.items <= 12
        items = demo.rows("SELECT storage FROM campaign_item WHERE campaign_id = ?", c.campaign_id)
        assert {r[0] for r in items} == {"ambient", "chilled", "frozen"}
        commission = demo.value("SELECT commission_bp FROM campaign WHERE id = ?", c.campaign_id)
        assert 800 <= commission <= 1500  # type: ignore[operator]
        latest = demo.value(
            "SELECT max(placed_at) FROM group_order WHERE campaign_id = ?", c.campaign_id
        )
        assert datetime.fromisoformat(str(latest)).replace(tzinfo=UTC) < min(c.order_deadline, NOW)

    def states(campaign_id: int) -> set[str]:
        rows = demo.rows(
            "SELECT cloud_state, fulfilment FROM group_order WHERE campaign_id = ?", campaign_id
        )
        return {_state(c, f) for c, f in rows}

    def arrivals(campaign_id: int) -> list[tuple]:
        return demo.rows("SELECT signed_off FROM arrival WHERE campaign_id = ?", campaign_id)

    arriving = by_date[TODAY]  # the leader receives this delivery in the demo
    assert states(arriving.campaign_id) <= {"awaiting", "cancelled"}
    assert "awaiting" in states(arriving.campaign_id)
    assert arriving.order_deadline is not None and arriving.order_deadline < NOW
    assert arrivals(arriving.campaign_id) == []

    still_open = by_date[TODAY + timedelta(days=2)]
    assert still_open.order_deadline == datetime(2026, 11, 26, 22, 0, tzinfo=CALENDAR.tz)
    assert states(still_open.campaign_id) <= {"awaiting", "cancelled"}
    assert arrivals(still_open.campaign_id) == []

    collected = by_date[TODAY - timedelta(days=3)]
    assert states(collected.campaign_id) == set(ORDER_STATES) - {"awaiting"}
    assert arrivals(collected.campaign_id) == [(1,)]


def test_pickups_agree_with_the_order_lines(demo: Seeded) -> None:
    mismatched = demo.rows(
        "SELECT l.id FROM group_order_line l LEFT JOIN pickup_line pl ON pl.order_line_id = l.id "
        "GROUP BY l.id HAVING l.qty_picked != coalesce(sum(pl.qty), 0)"
    )
    assert mismatched == []
    lines = demo.rows(
        "SELECT o.id, o.cloud_state, o.fulfilment, l.qty_ordered, l.qty_short, l.qty_picked "
        "FROM group_order o JOIN group_order_line l ON l.order_id = o.id"
    )
    by_order: dict[int, list[tuple]] = {}
    for oid, cloud, fulfilment, ordered, short, picked in lines:
        by_order.setdefault(oid, []).append((_state(cloud, fulfilment), ordered, short, picked))
    for oid, order_lines in by_order.items():
        state = order_lines[0][0]
        assert 1 <= len(order_lines) <= 4, oid
        if state == "collected":
            assert all(p == o - s for _, o, s, p in order_lines)
        elif state == "partial":
            assert sum(p > 0 for *_, p in order_lines) == 1 and len(order_lines) >= 2
        else:
            assert all(p == 0 for *_, p in order_lines)
    # Every hand-out was done by a member of staff after the bag was ready, before now.
    for created, ready_at, staff_no in demo.rows(
        "SELECT p.created_at, o.ready_at, s.staff_no FROM pickup p "
        "JOIN group_order o ON o.id = p.order_id JOIN staff s ON s.id = p.staff_id"
    ):
        assert str(ready_at) < str(created) < NOW.replace(tzinfo=None).isoformat(" ")
        assert staff_no in {"01", "02", "03"}


def test_ready_bags_sit_on_a_shelf_slot_by_storage(demo: Seeded) -> None:
    rows = demo.rows(
        "SELECT o.id, o.bag_id, o.shelf_slot, o.ready_at, group_concat(i.storage) "
        "FROM group_order o JOIN group_order_line l ON l.order_id = o.id "
        "JOIN campaign_item i ON i.id = l.campaign_item_id "
        "WHERE o.fulfilment IN ('ready', 'partial', 'collected') GROUP BY o.id"
    )
    assert rows
    for _oid, bag, slot, ready_at, storages in rows:
        assert bag and ready_at and re.fullmatch(r"[ACF]-\d{2,}", slot)
        expected = "F" if "frozen" in storages else "C" if "chilled" in storages else "A"
        assert slot[0] == expected
    waiting = demo.rows(
        "SELECT bag_id, shelf_slot, ready_at FROM group_order WHERE fulfilment = 'awaiting'"
    )
    assert all(r == (None, None, None) for r in waiting)


def test_orders_look_like_the_platforms(demo: Seeded) -> None:
    rows = demo.rows(
        "SELECT id, order_no, customer_name, phone_tail, building_room, pickup_code "
        "FROM group_order"
    )
    ids = sorted(r[0] for r in rows)
    assert ids[0] == 500001 and len(set(ids)) == len(ids)
    assert len({r[1] for r in rows}) == len(rows)
    for _id, order_no, name, tail, _room, _code in rows:
        assert re.fullmatch(r"GB2026\d{4}\d{6}", order_no)
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,3}", name)
        assert re.fullmatch(r"\d{4}", tail)
    rooms = [r[4] for r in rows if r[4]]
    assert len(rooms) > len(rows) // 2
    assert all(re.fullmatch(r"\d{1,2}栋\d单元\d{3,4}", room) for room in rooms)


def test_pickup_codes_are_8_digits_and_unique_among_open_orders(demo: Seeded) -> None:
    codes = [r[0] for r in demo.rows("SELECT pickup_code FROM group_order")]
    assert all(re.fullmatch(r"\d{8}", c) for c in codes)
    open_codes = [
        r[0]
        for r in demo.rows(
            "SELECT pickup_code FROM group_order "
            "WHERE cloud_state = 'active' AND fulfilment != 'collected'"
        )
    ]
    assert len(open_codes) == len(set(open_codes)) > 0


def test_sample_qr_texts_verify_with_the_demo_key(demo: Seeded) -> None:
    public_key = demo.value("SELECT public_key FROM platform_key WHERE key_id = ?", DEMO_KEY_ID)
    keys = {DEMO_KEY_ID: bytes(public_key)}  # type: ignore[arg-type]
    samples = list(demo.summary.ready_orders)
    assert 1 <= len(samples) <= 5
    for sample in [*samples, *demo.summary.state_samples.values()]:
        claim = verify_pickup_code(sample.qr_text, keys)
        assert claim.order_id == sample.order_id
        assert claim.station_id == DEMO_STATION_ID
        row = demo.rows(
            "SELECT pickup_code, phone_tail, cloud_state, fulfilment FROM group_order WHERE id = ?",
            sample.order_id,
        )[0]
        assert (sample.pickup_code, sample.phone_tail) == row[:2]
        assert sample.state == _state(row[2], row[3])
    for sample in samples:
        assert sample.state == "ready" and sample.shelf_slot
    issued = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    claim = verify_pickup_code(demo_pickup_qr(500002, issued_at=issued), keys)
    assert (claim.order_id, claim.station_id, claim.issued_at) == (500002, 1001, issued)


# --- the catalogue ----------------------------------------------------------------------------


def test_check_digits() -> None:
    assert ean13_check_digit("400638133393") == "1"
    assert is_valid_ean13("4006381333931") and not is_valid_ean13("4006381333932")
    assert is_valid_ean8("96385074") and not is_valid_ean8("96385075")
    assert gtin_check_digit("9638507") == "4"
    assert not is_valid_ean13("６９２８８０４０１１１８０")  # full-width digits are not a barcode
    with pytest.raises(ValueError):
        ean13_check_digit("12345")
    assert is_valid_ean13(KNOWN_BARCODES["可口可乐 330ml"])


def test_every_barcode_is_valid_and_unique(demo: Seeded) -> None:
    codes = [r[0] for r in demo.rows("SELECT barcode FROM product_barcode")]
    assert len(codes) == len(set(codes))
    ean13 = [c for c in codes if len(c) == 13]
    ean8 = [c for c in codes if len(c) == 8]
    assert all(is_valid_ean13(c) and c[:3] in {str(p) for p in range(690, 700)} for c in ean13)
    assert 1 <= len(ean8) <= 10 and all(is_valid_ean8(c) for c in ean8)
    assert sorted(set(codes) - set(ean13) - set(ean8)) == sorted(SHOP_CODES.values())
    assert all(is_valid_ean13(c) for c in KNOWN_BARCODES.values() if len(c) == 13)
    assert demo.summary.known_barcodes == KNOWN_BARCODES
    assert demo.summary.shop_codes == SHOP_CODES
    for name, code in {**KNOWN_BARCODES, **SHOP_CODES}.items():
        assert (
            demo.value(
                "SELECT p.name FROM product p JOIN product_barcode b ON b.product_id = p.id "
                "WHERE b.barcode = ?",
                code,
            )
            == name
        )
    item_codes = [
        r[0] for r in demo.rows("SELECT barcode FROM campaign_item WHERE barcode IS NOT NULL")
    ]
    assert item_codes and all(is_valid_ean13(c) for c in item_codes)


def test_products_are_believable(demo: Seeded) -> None:
    rows = demo.rows(
        "SELECT name, category, unit, price_fen, cost_fen, stock_qty, low_stock_at, plu, "
        "pinyin_initials, pinyin_full FROM product"
    )
    categories = {r[1] for r in rows}
    assert categories == {*CATEGORY_WEIGHTS, PRODUCE_CATEGORY}
    assert len({r[0] for r in rows}) == len(rows)
    for name, _cat, _unit, price, cost, _stock, _low, _plu, initials, full in rows:
        assert price > 0 and 0.69 * price <= cost <= 0.85 * price, name
        assert re.fullmatch(r"[a-z0-9]+", initials) and re.fullmatch(r"[a-z0-9]+", full), name
        assert (initials, full) == pinyin_keys(name)
    loose = [r for r in rows if r[2] == "kg"]
    assert len(loose) == demo.summary.produce >= 20
    assert all(r[1] == PRODUCE_CATEGORY and r[7] is not None for r in loose)
    assert len({r[7] for r in loose}) == len(loose)
    assert (
        demo.value(
            "SELECT count(*) FROM product_barcode b JOIN product p ON p.id = b.product_id "
            "WHERE p.unit = 'kg'"
        )
        == 0
    )
    assert demo.value("SELECT plu FROM product WHERE name = '红富士苹果'") == KNOWN_PLU["红富士苹果"]
    pieces = [r for r in rows if r[2] == "piece"]
    assert 3 <= sum(0 <= r[5] < r[6] for r in pieces) == demo.summary.low_stock
    assert sum(r[5] < 0 for r in pieces) == demo.summary.negative_stock in (1, 2)


def test_pinyin_of_coca_cola(demo: Seeded) -> None:
    assert pinyin_keys("可口可乐") == ("kkkl", "kekoukele")
    assert pinyin_keys("绿箭口香糖 5片装") == ("ljkxt5pz", "lvjiankouxiangtang5pianzhuang")
    initials, full = demo.rows(
        "SELECT pinyin_initials, pinyin_full FROM product WHERE name = '可口可乐 330ml'"
    )[0]
    assert initials.startswith("kkkl") and full.startswith("kekoukele")


def test_money_columns_hold_integers(demo: Seeded) -> None:
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if column.name.endswith("_fen") or column.name == "commission_bp":
                bad = demo.value(
                    f"SELECT count(*) FROM {table.name} WHERE {column.name} IS NOT NULL "
                    f"AND typeof({column.name}) != 'integer'"
                )
                assert bad == 0, f"{table.name}.{column.name}"
    assert demo.value("SELECT count(*) FROM product WHERE typeof(price_fen) = 'integer'") == 300


def test_database_is_consistent(demo: Seeded) -> None:
    assert demo.rows("PRAGMA foreign_key_check") == []
    assert demo.value("PRAGMA integrity_check") == "ok"


def test_staff_pins(demo: Seeded) -> None:
    hasher = PasswordHasher()
    rows = {r[0]: r[1:] for r in demo.rows("SELECT staff_no, name, roles, pin_hash FROM staff")}
    assert [(p.staff_no, p.name, p.pin) for p in demo.summary.staff] == [
        ("01", "王秀英", "1111"), ("02", "李明", "2222"), ("03", "赵芳", "3333")
    ]
    for person in DEMO_STAFF:
        name, roles, pin_hash = rows[person.staff_no]
        assert (name, roles) == (person.name, person.roles)
        assert hasher.verify(pin_hash, person.pin)


# --- determinism, refusal, idempotence ----------------------------------------------------------

_COMPARED = (
    "product", "product_barcode", "campaign", "campaign_item", "group_order", "group_order_line",
    "arrival", "arrival_line", "claim", "pickup", "pickup_line",
)


def _dump(seeded: Seeded) -> dict[str, list[tuple]]:
    return {t: seeded.rows(f"SELECT * FROM {t} ORDER BY 1") for t in _COMPARED}


def test_same_seed_and_clock_give_the_same_store(demo: Seeded, tmp_path: Path) -> None:
    again = _seed(tmp_path / "again.db")
    other = _seed(tmp_path / "other.db", seed=8)
    try:
        first, second = _dump(demo), _dump(again)
        for table in _COMPARED:
            assert first[table] == second[table], table
        assert again.summary == demo.summary
        assert _dump(other)["group_order"] != first["group_order"]
    finally:
        again.db.dispose()
        other.db.dispose()


def test_refuses_a_real_station(tmp_path: Path) -> None:
    db = _new_db(tmp_path / "real.db")
    try:
        with db.write() as uow:
            uow.session.add(Station(id=2002, code="ST2002", name="好邻居便利店", is_demo=False))
            uow.commit()
        with pytest.raises(UserFacingError) as info:
            seed_demo(db, now=NOW, calendar=CALENDAR)
        assert "好邻居便利店" in info.value.message.zh and "demo" in info.value.message.en.lower()
        with db.read() as uow:
            assert uow.session.scalar(select(func.count()).select_from(Product)) == 0
    finally:
        db.dispose()


def test_refuses_a_database_with_data_but_no_station(tmp_path: Path) -> None:
    db = _new_db(tmp_path / "data.db")
    try:
        with db.write() as uow:
            uow.session.add(
                Product(
                    name="自己录的商品",
                    price_fen=100,
                    created_at=NOW.replace(tzinfo=None),
                    updated_at=NOW.replace(tzinfo=None),
                )
            )
            uow.commit()
        with pytest.raises(UserFacingError):
            seed_demo(db, now=NOW, calendar=CALENDAR)
        with db.read() as uow:
            assert uow.session.scalar(select(func.count()).select_from(Station)) == 0
    finally:
        db.dispose()


def test_a_second_seed_changes_nothing(demo: Seeded) -> None:
    before = _dump(demo)
    later = NOW + timedelta(days=1)
    summary = seed_demo(
        demo.db, now=later, calendar=CALENDAR, seed=99, scale=DemoScale(products=10)
    )
    assert summary == demo.summary
    assert _dump(demo) == before


def test_products_scale_up_with_unique_names_and_codes() -> None:
    products, barcodes = generate_products(now=NOW, count=3000, seed=3)
    assert len(products) == 3000
    assert len({p["name"] for p in products}) == 3000
    assert len({p["uuid"] for p in products}) == 3000
    codes = [b["barcode"] for b in barcodes]
    assert len(codes) == len(set(codes))
    assert all(is_valid_ean13(c) or is_valid_ean8(c) or c in SHOP_CODES.values() for c in codes)
    assert all(len(p["name"]) <= 100 and len(p["pinyin_full"]) <= 400 for p in products)
