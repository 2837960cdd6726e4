"""The shop's catalogue at the counter: scan a barcode, search as you type, add a product.

Search uses the FTS5 index `product_fts` (migration 0002, kept in sync by triggers): a Chinese
substring ("可乐"), pinyin initials ("kkkl"), full pinyin ("kekou") or barcode digits, ranked
exact barcode > initials prefix > name > full pinyin > barcode prefix.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC
from typing import Any, Literal

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session, aliased

from app.actors import CLERK, Actor, require_any_role
from app.audit import record_audit
from app.counter_base import CounterService
from app.errors import NotFound, UserFacingError
from app.payment_codes import classify_payment_code, normalize_code
from app.scale_barcode import (
    ScaleLayout,
    has_valid_check_digit,
    looks_like_retail_barcode,
    read_scale_barcode,
)
from local_db.models import Product, ProductBarcode

Unit = Literal["piece", "kg"]
HitKind = Literal["barcode", "upc_a", "short_code", "plu", "scale_weight", "scale_price"]


@dataclass(frozen=True, slots=True)
class ProductItem:
    """A product as the counter sees it. Prices in fen per piece, or per kilogram for "kg"."""

    id: int
    uuid: str
    name: str
    unit: str
    price_fen: int
    barcode: str | None
    category: str
    stock_qty: int
    low_stock_at: int
    plu: int | None
    cost_fen: int | None
    active: bool


@dataclass(frozen=True, slots=True)
class BarcodeHit:
    """A scanned code resolved: the product, and for a label-scale code its weight or price.

    qty: grams from a weight code; None means "ask" (pieces: 1; a PLU typed for loose goods:
    weigh it). fixed_total_fen: the line total printed by a price code.
    """

    product: ProductItem
    code: str
    kind: HitKind
    qty: int | None = None
    fixed_total_fen: int | None = None


def pinyin_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) of a product name, lowercase without spaces.

    "可口可乐 330ml" -> ("kkkl330ml", "kekoukele330ml"); 绿 is written "lv".
    """
    from pypinyin import lazy_pinyin  # loads its dictionaries: only when first needed

    marker = "\x00"
    parts = lazy_pinyin(name, errors=lambda chars: marker + chars)
    initials: list[str] = []
    full: list[str] = []
    for part in parts:
        if part.startswith(marker):
            kept = "".join(c for c in part[1:].lower() if c.isascii() and c.isalnum())
            initials.append(kept)
            full.append(kept)
        elif part:
            initials.append(part[0])
            full.append(part)
    return "".join(initials), "".join(full)


def to_item(row: Product, barcode: str | None) -> ProductItem:
    return ProductItem(
        id=row.id,
        uuid=row.uuid,
        name=row.name,
        unit=row.unit,
        price_fen=row.price_fen,
        barcode=barcode,
        category=row.category,
        stock_qty=row.stock_qty,
        low_stock_at=row.low_stock_at,
        plu=row.plu,
        cost_fen=row.cost_fen,
        active=row.active,
    )


_FIRST_CODE = aliased(ProductBarcode)
_ITEM_COLUMNS = (
    Product.id, Product.uuid, Product.name, Product.unit, Product.price_fen,
    select(_FIRST_CODE.barcode)
    .where(_FIRST_CODE.product_id == Product.id)
    .order_by(_FIRST_CODE.id)
    .limit(1)
    .correlate(Product)
    .scalar_subquery(),
    Product.category, Product.stock_qty, Product.low_stock_at, Product.plu, Product.cost_fen,
    Product.active,
)


def _items_select() -> Select[Any]:
    """One Core select of products with their first barcode (the lowest id), as ProductItem rows."""
    return select(*_ITEM_COLUMNS)


def load_items(session: Session, ids: list[int]) -> list[ProductItem]:
    """Products by id, in the order of `ids`, each with its first barcode."""
    if not ids:
        return []
    rows = {row[0]: ProductItem(*row) for row in session.execute(_items_select().where(Product.id.in_(ids)))}
    return [rows[i] for i in ids if i in rows]


_ASCII_KEY = re.compile(r"[a-z0-9]+")
_CODE = re.compile(r"[0-9A-Za-z-]{1,32}")
_SHORT_SLICE = 200  # matches ranked for a one-letter (one-character) query


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class CatalogueService(CounterService):
    """Barcode lookup, product search and adding a product at the counter."""

    # --- scanning -----------------------------------------------------------------------

    def lookup_barcode(self, code: str) -> BarcodeHit | None:
        """The product for a scanned or typed code, or None if the code is unknown.

        Knows EAN-13, EAN-8, UPC-A (also as 0 + code), the shop's short codes, PLUs, and
        label-scale codes (weight or price). Raises UserFacingError for a wrong check digit,
        a label-scale code whose PLU is unknown, or a customer's payment code.
        """
        scanned = normalize_code(code)
        if not scanned or len(scanned) > 32:
            return None
        with self._db.read() as uow:
            s = uow.session
            hit = self._by_code(s, scanned, scanned, "barcode")
            if hit is not None:
                return hit
            if classify_payment_code(scanned) is not None:
                raise UserFacingError(
                    "这是顾客的付款码，请在付款时扫描",
                    "This is a customer's payment code: scan it at the payment step",
                    code="payment_code",
                )
            if looks_like_retail_barcode(scanned) and not has_valid_check_digit(scanned):
                raise UserFacingError(
                    f"条码 {scanned} 校验位不对，请重新扫描",
                    f"Barcode {scanned} has a wrong check digit; scan it again",
                    code="bad_check_digit",
                )
            if len(scanned) == 12 and scanned.isdigit():
                hit = self._by_code(s, "0" + scanned, scanned, "upc_a")
                if hit is not None:
                    return hit
            if len(scanned) == 13:
                hit = self._by_scale(s, scanned)
                if hit is not None:
                    return hit
            # isdigit() is true of "²" and "٣" too; int() refuses the first: ASCII digits only.
            if scanned.isascii() and scanned.isdigit() and len(scanned) <= 6:
                row = s.execute(
                    _items_select().where(Product.plu == int(scanned), Product.active.is_(True))
                ).first()
                if row is not None:
                    return BarcodeHit(ProductItem(*row), scanned, "plu")
        return None

    def _by_code(self, s: Session, stored: str, scanned: str, kind: HitKind) -> BarcodeHit | None:
        row = s.execute(
            _items_select()
            .join_from(ProductBarcode, Product, Product.id == ProductBarcode.product_id)
            .where(ProductBarcode.barcode == stored)
        ).first()
        if row is None:
            return None
        item = ProductItem(*row)
        if not item.active:
            return None
        if kind == "barcode" and not looks_like_retail_barcode(scanned):
            kind = "short_code"
        return BarcodeHit(item, scanned, kind)

    def _by_scale(self, s: Session, code: str) -> BarcodeHit | None:
        reading = read_scale_barcode(code, ScaleLayout.parse(self._settings.scale_barcode_layout))
        if reading is None:
            return None
        row = s.execute(
            _items_select().where(Product.plu == reading.plu, Product.active.is_(True))
        ).first()
        if row is None:
            raise NotFound(
                f"条码秤商品 PLU {reading.plu} 不在商品库中，请在秤和商品库中核对",
                f"Label-scale item PLU {reading.plu} is not in the catalogue",
            )
        item = ProductItem(*row)
        if reading.grams is not None:
            if reading.grams <= 0:
                raise UserFacingError(
                    "秤码重量为 0，请重新称重", "The scale label says 0 g; weigh it again",
                    code="zero_weight",
                )
            return BarcodeHit(item, code, "scale_weight", qty=reading.grams)
        return BarcodeHit(item, code, "scale_price", fixed_total_fen=reading.price_fen)

    # --- search -------------------------------------------------------------------------

    def search(self, text_: str, limit: int = 30) -> list[ProductItem]:
        """Products matching what is typed so far, best first: the exact barcode or short
        code, then pinyin initials by prefix, then a substring of the name, then full pinyin
        by prefix, then barcodes starting with the digits typed."""
        query = normalize_code(text_).lower()
        if not query or limit < 1:
            return []
        compact = "".join(query.split())
        ascii_key = compact if _ASCII_KEY.fullmatch(compact) else None
        code_like = compact.isdigit() and len(compact) >= 6  # a barcode, not part of a name
        phrases = []
        for term in query.split():
            chars = [c for c in term if c.isalnum()]
            if chars:
                phrases.append("name_chars : " + _quote(" ".join(chars)))
        tiers: list[tuple[str, str]] = []
        if ascii_key:
            tiers.append(("initials : " + _quote(ascii_key) + "*", "length(p.pinyin_initials)"))
        if phrases and not code_like:
            tiers.append((" AND ".join(phrases), "length(p.name)"))
        if ascii_key:
            tiers.append(("pinyin : " + _quote(ascii_key) + "*", "length(p.pinyin_full)"))
        # One letter or one character matches a large part of a big catalogue ("j": 4,000
        # of 50,000): ranking all of it means reading every matching product row. Such a
        # query ranks a bounded first slice of the matches instead, after the products whose
        # initials are exactly the letter typed (the best a one-letter query can rank).
        short = len(compact) == 1
        if short and ascii_key:
            tiers.insert(0, ("initials : " + _quote(ascii_key), "length(p.pinyin_initials)"))
        found: dict[int, None] = {}
        with self._db.read() as uow:
            s = uow.session
            if _CODE.fullmatch(compact):
                found.update(dict.fromkeys(self._codes(s, compact, exact=True, limit=limit)))
            for match, order in tiers:
                if len(found) >= limit:
                    break
                n = limit + len(found)
                if short:
                    stmt = text(
                        "SELECT p.id FROM (SELECT rowid AS id FROM product_fts WHERE product_fts "
                        "MATCH :q LIMIT :cap) m JOIN product p ON p.id = m.id "
                        f"WHERE p.active = 1 ORDER BY {order}, p.id LIMIT :n"
                    )
                    params = {"q": match, "n": n, "cap": max(_SHORT_SLICE, 4 * n)}
                else:
                    stmt = text(
                        "SELECT p.id FROM product_fts JOIN product p ON p.id = product_fts.rowid "
                        f"WHERE product_fts MATCH :q AND p.active = 1 ORDER BY {order}, p.id LIMIT :n"
                    )
                    params = {"q": match, "n": n}
                for product_id in s.execute(stmt, params).scalars():
                    found.setdefault(product_id)
            if ascii_key and len(found) < limit:
                for product_id in self._codes(s, compact, exact=False, limit=limit + len(found)):
                    found.setdefault(product_id)
            return load_items(s, list(found)[:limit])

    def _codes(self, s: Session, code: str, *, exact: bool, limit: int) -> list[int]:
        """Products whose barcode is `code`, or starts with it (a range on the unique index)."""
        if exact:
            cond = ProductBarcode.barcode == code
        else:
            upper = code[:-1] + chr(ord(code[-1]) + 1)
            cond = (ProductBarcode.barcode >= code) & (ProductBarcode.barcode < upper)
        return list(s.scalars(
            select(ProductBarcode.product_id)
            .join(Product, Product.id == ProductBarcode.product_id)
            .where(cond, Product.active.is_(True))
            .order_by(ProductBarcode.barcode)
            .limit(limit)
        ))

    def get_product(self, product_id: int) -> ProductItem:
        with self._db.read() as uow:
            items = load_items(uow.session, [product_id])
        if not items:
            raise NotFound("没有这个商品", "No such product")
        return items[0]

    # --- adding -------------------------------------------------------------------------

    def add_product(
        self,
        *,
        name: str,
        price_fen: int,
        barcode: str | None,
        unit: str = "piece",
        actor: Actor,
        category: str = "",
        plu: int | None = None,
        cost_fen: int | None = None,
        low_stock_at: int = 0,
    ) -> ProductItem:
        """Add a product on the spot (an unknown barcode at the counter); pinyin is computed."""
        require_any_role(actor, CLERK)
        clean_name = " ".join(name.split())
        if not clean_name or len(clean_name) > 100:
            raise UserFacingError("请输入商品名称（最多100字）", "Enter a product name (up to 100 characters)",
                                  code="bad_name")
        _check_fen(price_fen, "售价", "price")
        if cost_fen is not None:
            _check_fen(cost_fen, "进价", "cost")
        if unit not in ("piece", "kg"):
            raise UserFacingError("单位只能是“件”或“公斤”", "Unit must be piece or kg", code="bad_unit")
        code = normalize_code(barcode) if barcode else None
        if code is not None:
            _check_new_code(code)
        now = self._clock.now()
        naive = now.astimezone(UTC).replace(tzinfo=None)
        initials, full = pinyin_keys(clean_name)
        with self._db.write() as uow:
            s = uow.session
            if code is not None:
                owner = s.scalar(
                    select(Product.name).join(ProductBarcode).where(ProductBarcode.barcode == code)
                )
                if owner is not None:
                    raise UserFacingError(
                        f"条码 {code} 已属于“{owner}”", f"Barcode {code} already belongs to {owner}",
                        code="duplicate_barcode",
                    )
            if plu is not None and s.scalar(
                select(func.count()).select_from(Product).where(Product.plu == plu)
            ):
                raise UserFacingError(f"PLU {plu} 已被占用", f"PLU {plu} is already taken",
                                      code="duplicate_plu")
            row = Product(
                name=clean_name, pinyin_initials=initials, pinyin_full=full, category=category,
                unit=unit, price_fen=price_fen, cost_fen=cost_fen, stock_qty=0,
                low_stock_at=low_stock_at, plu=plu, active=True, created_at=naive, updated_at=naive,
            )
            s.add(row)
            s.flush()
            if code is not None:
                s.add(ProductBarcode(product_id=row.id, barcode=code))
                s.flush()
            record_audit(
                s, at=now, staff_id=actor.staff_id, action="product_add", entity="product",
                entity_id=row.uuid,
                after={"name": clean_name, "price_fen": price_fen, "barcode": code, "unit": unit},
            )
            item = to_item(row, code)
            uow.commit()
        return item


def _check_fen(value: int, zh: str, en: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise UserFacingError(f"{zh}必须是不小于 0 的金额", f"The {en} must be an amount of 0 or more",
                              code="bad_amount")


def _check_new_code(code: str) -> None:
    if not _CODE.fullmatch(code):
        raise UserFacingError("条码只能包含数字、字母和 -（最多32位）",
                              "A barcode holds digits, letters and - only (up to 32)", code="bad_barcode")
    if classify_payment_code(code) is not None:
        raise UserFacingError("这是付款码，不能作为商品条码", "That is a payment code, not a product barcode",
                              code="payment_code")
    if looks_like_retail_barcode(code) and not has_valid_check_digit(code):
        raise UserFacingError(f"条码 {code} 校验位不对", f"Barcode {code} has a wrong check digit",
                              code="bad_check_digit")
