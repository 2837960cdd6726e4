"""Scanning and searching the catalogue: every barcode kind, the label scale, pinyin search,
and the same search on a 50,000-product catalogue."""
from __future__ import annotations

import random

import pytest
from counter_shop import APPLE_PLU, COLA, EGGS_SHORT, GUM_EAN8, UPC_A, WATER, Shop, assert_fen_ints
from sqlalchemy import text

from app.catalogue import pinyin_keys
from app.errors import NotFound, UserFacingError
from app.scale_barcode import (
    ScaleLayout,
    ean_check_digit,
    has_valid_check_digit,
    make_scale_barcode,
)
from local_db.models import AuditLog, Product


def test_check_digits_of_the_demo_codes() -> None:
    for code in (COLA, WATER, GUM_EAN8, UPC_A, "0" + UPC_A):
        assert has_valid_check_digit(code), code
    assert ean_check_digit("692880401118") == 0
    assert not has_valid_check_digit("6928804011181")


def test_ean13_ean8_upca_and_short_code(shop: Shop) -> None:
    lookup = shop.svc.catalogue.lookup_barcode
    hit = lookup(COLA)
    assert hit is not None and hit.product.id == shop.cola.id and hit.kind == "barcode"
    assert hit.qty is None and hit.fixed_total_fen is None
    assert lookup(GUM_EAN8).product.id == shop.gum.id  # type: ignore[union-attr]
    upc = lookup(UPC_A)  # the scanner sends 12 digits, the shelf has the EAN-13 form
    assert upc is not None and upc.product.id == shop.tissue.id and upc.kind == "upc_a"
    short = lookup(EGGS_SHORT)
    assert short is not None and short.product.id == shop.eggs.id and short.kind == "short_code"
    plu = lookup(str(APPLE_PLU))
    assert plu is not None and plu.product.id == shop.apple.id and plu.qty is None
    assert_fen_ints(hit)


def test_full_width_digits_and_scanner_whitespace(shop: Shop) -> None:
    full_width = COLA.translate({ord("0") + i: ord("０") + i for i in range(10)})
    hit = shop.svc.catalogue.lookup_barcode(f" {full_width}\r\n")
    assert hit is not None and hit.product.id == shop.cola.id and hit.code == COLA


def test_unknown_code_is_none_and_bad_check_digit_is_refused(shop: Shop) -> None:
    lookup = shop.svc.catalogue.lookup_barcode
    unknown = "6901234567892"
    assert has_valid_check_digit(unknown)
    assert lookup(unknown) is None
    assert lookup("ABC-999") is None
    for bad in (COLA[:-1] + "1", GUM_EAN8[:-1] + "9", UPC_A[:-1] + "9"):
        with pytest.raises(UserFacingError) as info:
            lookup(bad)
        assert info.value.code == "bad_check_digit"
        assert bad in info.value.message.zh and bad in info.value.message.en


def test_payment_code_is_not_looked_up_as_a_product(shop: Shop) -> None:
    with pytest.raises(UserFacingError) as info:
        shop.svc.catalogue.lookup_barcode("134567890123456789")
    assert info.value.code == "payment_code"


def test_scale_barcode_weight(shop: Shop) -> None:
    layout = ScaleLayout.parse(shop.settings.scale_barcode_layout)
    code = make_scale_barcode(layout, plu=APPLE_PLU, value=532, flag=1)
    assert code.startswith("21" + "00042" + "00532") and has_valid_check_digit(code)
    hit = shop.svc.catalogue.lookup_barcode(code)
    assert hit is not None and hit.kind == "scale_weight"
    assert hit.product.id == shop.apple.id and hit.qty == 532 and hit.fixed_total_fen is None


def test_scale_barcode_price(shop: Shop, settings) -> None:  # type: ignore[no-untyped-def]
    settings.scale_barcode_layout = "2XFFFFFPPPPPC"
    layout = ScaleLayout.parse(settings.scale_barcode_layout)
    code = make_scale_barcode(layout, plu=APPLE_PLU, value=681)
    hit = shop.svc.catalogue.lookup_barcode(code)
    assert hit is not None and hit.kind == "scale_price"
    assert hit.fixed_total_fen == 681 and hit.qty is None
    assert type(hit.fixed_total_fen) is int


def test_scale_barcode_refusals(shop: Shop) -> None:
    layout = ScaleLayout.parse(shop.settings.scale_barcode_layout)
    good = make_scale_barcode(layout, plu=APPLE_PLU, value=532)
    with pytest.raises(UserFacingError) as info:
        shop.svc.catalogue.lookup_barcode(good[:-1] + str((int(good[-1]) + 1) % 10))
    assert info.value.code == "bad_check_digit"
    with pytest.raises(NotFound):
        shop.svc.catalogue.lookup_barcode(make_scale_barcode(layout, plu=777, value=100))
    with pytest.raises(UserFacingError) as zero:
        shop.svc.catalogue.lookup_barcode(make_scale_barcode(layout, plu=APPLE_PLU, value=0))
    assert zero.value.code == "zero_weight"
    for bad in ("2FFFFFC", "2XFFFFFWWWWWP", "2XFFFFFWWPPPC"):
        with pytest.raises(UserFacingError):
            ScaleLayout.parse(bad)


def test_pinyin_keys() -> None:
    assert pinyin_keys("可口可乐 330ml") == ("kkkl330ml", "kekoukele330ml")
    assert pinyin_keys("绿箭口香糖")[0] == "ljkxt"
    assert pinyin_keys("重庆小面")[0] == "cqxm"


def names(items) -> list[str]:  # type: ignore[no-untyped-def]
    return [x.name for x in items]


def test_search_by_initials_substring_pinyin_and_code(shop: Shop) -> None:
    search = shop.svc.catalogue.search
    assert names(search("kkkl"))[0] == "可口可乐 330ml"
    assert "可口可乐 330ml" in names(search("可乐"))  # a Chinese substring, two characters
    assert "可口可乐 330ml" in names(search("口可"))
    for typed in ("k", "kk", "kkk"):  # as you type
        assert "可口可乐 330ml" in names(search(typed))
    assert names(search("kekou"))[0] == "可口可乐 330ml"
    assert names(search("nongfu"))[0].startswith("农夫山泉")
    assert names(search("６９２１１６"))[0].startswith("农夫山泉")  # barcode prefix, full width
    assert names(search(WATER))[0].startswith("农夫山泉")
    assert names(search("可乐 330")) == ["可口可乐 330ml"]
    assert search("") == [] and search("   ") == []
    assert search('"*()') == []


def test_search_ranks_exact_barcode_then_initials_then_name(shop: Shop) -> None:
    add = shop.svc.catalogue.add_product
    add(name="奶茶粉 8003型", price_fen=500, barcode=None, actor=shop.owner)  # in the name
    add(name="电池", price_fen=500, barcode="80035", actor=shop.owner)  # a code starting 8003
    add(name="8003号电池", price_fen=500, barcode=None, actor=shop.owner)  # initials 8003hdc
    add(name="短码商品", price_fen=100, barcode="8003", actor=shop.owner)  # exactly 8003
    assert names(shop.svc.catalogue.search("8003")) == [
        "短码商品", "8003号电池", "奶茶粉 8003型", "电池"]
    add(name="KK牌纸巾", price_fen=500, barcode=None, actor=shop.owner)  # initials kkpzj
    add(name="开口笑", price_fen=500, barcode=None, actor=shop.owner)  # initials kkx
    found = names(shop.svc.catalogue.search("kk"))
    assert found == ["开口笑", "KK牌纸巾", "可口可乐 330ml"]  # shorter initials first
    assert names(shop.svc.catalogue.search("kk", limit=2)) == ["开口笑", "KK牌纸巾"]


def test_index_follows_rename_and_barcode_changes(shop: Shop) -> None:
    with shop.db.write() as uow:
        product = uow.session.get(Product, shop.water.id)
        assert product is not None
        product.name = "怡宝纯净水 555ml"
        product.pinyin_initials, product.pinyin_full = pinyin_keys(product.name)
        uow.commit()
    assert names(shop.svc.catalogue.search("nfsq")) == []
    assert names(shop.svc.catalogue.search("纯净"))[0] == "怡宝纯净水 555ml"
    assert names(shop.svc.catalogue.search("ybcjs")) == ["怡宝纯净水 555ml"]
    with shop.db.write() as uow:
        uow.session.execute(text("DELETE FROM product_barcode WHERE barcode = :b"), {"b": WATER})
        uow.commit()
    assert shop.svc.catalogue.search(WATER) == []


def test_add_product_on_the_spot(shop: Shop) -> None:
    new_code = "6901234567892"
    item = shop.svc.catalogue.add_product(name=" 旺旺  雪饼 ", price_fen=590, barcode=new_code,
                                          actor=shop.clerk)
    assert item.name == "旺旺 雪饼" and item.price_fen == 590 and item.barcode == new_code
    assert shop.svc.catalogue.lookup_barcode(new_code).product.id == item.id  # type: ignore[union-attr]
    assert names(shop.svc.catalogue.search("wwxb")) == ["旺旺 雪饼"]
    assert shop.count(AuditLog) >= 1
    before = shop.count(Product)
    for kwargs, code in (
        (dict(name="重复", price_fen=1, barcode=new_code), "duplicate_barcode"),
        (dict(name="坏码", price_fen=1, barcode="6901234567891"), "bad_check_digit"),
        (dict(name="", price_fen=1, barcode=None), "bad_name"),
        (dict(name="负价", price_fen=-1, barcode=None), "bad_amount"),
        (dict(name="浮点", price_fen=1.5, barcode=None), "bad_amount"),
        (dict(name="单位", price_fen=1, barcode=None, unit="box"), "bad_unit"),
        (dict(name="付款码", price_fen=1, barcode="284567890123456789"), "payment_code"),
    ):
        with pytest.raises(UserFacingError) as info:
            shop.svc.catalogue.add_product(actor=shop.clerk, **kwargs)  # type: ignore[arg-type]
        assert info.value.code == code
    assert shop.count(Product) == before


# --- 50,000 products ---------------------------------------------------------------------

BRANDS = [("康师傅", "ksf", "kangshifu"), ("统一", "ty", "tongyi"), ("农夫", "nf", "nongfu"),
          ("蒙牛", "mn", "mengniu"), ("伊利", "yl", "yili"), ("旺旺", "ww", "wangwang"),
          ("达利园", "dly", "daliyuan"), ("百事", "bs", "baishi"), ("雀巢", "qc", "queichao"),
          ("金龙鱼", "jly", "jinlongyu")]
STEMS = [("冰红茶", "bhc", "binghongcha"), ("绿茶", "lc", "lvcha"), ("牛奶", "nn", "niunai"),
         ("饼干", "bg", "binggan"), ("方便面", "fbm", "fangbianmian"), ("薯片", "sp", "shupian"),
         ("矿泉水", "kqs", "kuangquanshui"), ("面包", "mb", "mianbao"), ("酸奶", "sn", "suannai"),
         ("大米", "dm", "dami"), ("食用油", "syy", "shiyongyou"), ("洗衣液", "xyy", "xiyiye")]


def fill_catalogue(shop: Shop, n: int) -> None:
    """n products with made-up names and valid barcodes, inserted in one go."""
    rng = random.Random(7)
    rows, codes = [], []
    for i in range(n):
        brand, stem = rng.choice(BRANDS), rng.choice(STEMS)
        size = f"{rng.choice([250, 330, 500, 550, 1000])}ml"
        name = f"{brand[0]}{stem[0]} {size} 第{i}款"
        rows.append({"uuid": f"00000000-0000-4000-8000-{i:012d}", "name": name,
                     "ini": f"{brand[1]}{stem[1]}{size}d{i}k", "full": f"{brand[2]}{stem[2]}{size}di{i}kuan",
                     "price": 100 + i % 5000})
        body = f"699{i:09d}"
        codes.append({"uuid": rows[-1]["uuid"], "code": body + str(ean_check_digit(body))})
    with shop.db.write() as uow:
        s = uow.session
        s.execute(text(
            "INSERT INTO product (uuid, name, pinyin_initials, pinyin_full, category, unit, price_fen,"
            " stock_qty, low_stock_at, active, created_at, updated_at) VALUES (:uuid, :name, :ini,"
            " :full, '', 'piece', :price, 10, 0, 1, '2026-01-01', '2026-01-01')"), rows)
        s.execute(text(
            "INSERT INTO product_barcode (product_id, barcode) SELECT id, :code FROM product"
            " WHERE uuid = :uuid"), codes)
        uow.commit()


def test_search_on_fifty_thousand_products(shop: Shop) -> None:
    fill_catalogue(shop, 50_000)
    search = shop.svc.catalogue.search
    assert names(search("kkkl"))[0] == "可口可乐 330ml"
    assert names(search("可乐"))[0] == "可口可乐 330ml"
    found = search("冰红茶", limit=30)
    assert len(found) == 30 and all("冰红茶" in x.name for x in found)
    assert all(x.name.startswith("康师傅绿茶") for x in search("ksflc"))
    assert len(search("k")) == 30
    code_body = f"699{12345:09d}"
    exact = code_body + str(ean_check_digit(code_body))
    assert names(search(exact)) == ["" + names(search(exact))[0]] and "第12345款" in names(search(exact))[0]
    hit = shop.svc.catalogue.lookup_barcode(exact)
    assert hit is not None and hit.product.name.endswith("第12345款")
    assert names(search("第49999款")) and names(search("第49999款"))[0].endswith("第49999款")
    with shop.db.read() as uow:
        plan = " ".join(str(r) for r in uow.session.execute(text(
            "EXPLAIN QUERY PLAN SELECT p.id FROM product_fts JOIN product p ON p.id = product_fts.rowid"
            " WHERE product_fts MATCH 'initials : \"kk\"*'")).all())
    assert "VIRTUAL TABLE INDEX" in plan  # the index answers, not a scan of the products


def test_one_letter_search_puts_exact_initials_first(shop: Shop) -> None:
    add = shop.svc.catalogue.add_product
    add(name="酱油 500ml", price_fen=900, barcode=None, actor=shop.owner)  # initials jy500ml
    add(name="酒", price_fen=2000, barcode=None, actor=shop.owner)  # initials exactly "j"
    found = names(shop.svc.catalogue.search("j"))
    assert found[0] == "酒" and "酱油 500ml" in found
    assert names(shop.svc.catalogue.search("j", limit=1)) == ["酒"]
