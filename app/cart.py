"""The cart on the counter: pure, in memory, no database.

Quantities are pieces, or grams for products sold by the kilogram (price per kg). Every
amount is integer fen. A line keeps its shelf (list) price when the price is overridden
(改价), so the receipt, the audit log and the Z report can show what was given away.

What needs the owner: the cart's reduction_fen - everything taken off the shelf prices (line
discounts, overrides below the list price, the order discount) added up over the sale - above
Settings.price_override_limit_fen. The sum, not each line on its own, so splitting a
discount over lines does not get round the limit. Checkout enforces it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from app.errors import UserFacingError
from app.money import MAX_FEN, Money

if TYPE_CHECKING:
    from app.catalogue import BarcodeHit, ProductItem

PAYLOAD_VERSION = 1
MAX_QTY = 999_999_999
"""Pieces, or grams (about a thousand tonnes): beyond any counter, inside SQLite's integers."""


def gross_fen(unit: str, qty: int, price_fen: int) -> int:
    """price × pieces, or price per kg × grams / 1000 rounded half up."""
    if unit == "kg":
        return Money(price_fen).times_fraction(qty, 1000).fen
    return price_fen * qty


@dataclass(frozen=True, slots=True)
class CartLine:
    """One line; `key` identifies it within the cart."""

    key: int
    product_id: int | None  # None: an open-price item keyed in by hand
    product_uuid: str | None
    name: str
    unit: str
    qty: int
    list_price_fen: int
    unit_price_fen: int
    discount_fen: int = 0
    barcode: str | None = None
    fixed_total_fen: int | None = None  # a label-scale price code: the scale's total

    @property
    def gross_fen(self) -> int:
        if self.fixed_total_fen is not None:
            return self.fixed_total_fen
        return gross_fen(self.unit, self.qty, self.unit_price_fen)

    @property
    def line_total_fen(self) -> int:
        return self.gross_fen - self.discount_fen

    @property
    def overridden(self) -> bool:
        return self.unit_price_fen != self.list_price_fen

    @property
    def reduction_fen(self) -> int:
        """What this line gives away against the shelf price (override below list + discount)."""
        below_list = 0
        if self.fixed_total_fen is None and self.overridden:
            below_list = max(0, gross_fen(self.unit, self.qty, self.list_price_fen) - self.gross_fen)
        return below_list + self.discount_fen


@dataclass(frozen=True, slots=True)
class CartTotals:
    subtotal_fen: int  # sum of line totals
    order_discount_fen: int
    due_fen: int  # subtotal - order discount, before any cash rounding
    reduction_fen: int  # everything given away (see module docstring)
    piece_count: int


def _bad(zh: str, en: str, code: str = "bad_cart") -> UserFacingError:
    return UserFacingError(zh, en, code=code)


def _check_int(value: int, *, minimum: int, zh: str, en: str, maximum: int = MAX_FEN) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise _bad(zh, en)


class Cart:
    """A mutable cart: the Counter screen's model. Methods raise UserFacingError and leave
    the cart as it was when the input is wrong."""

    def __init__(self) -> None:
        self._lines: list[CartLine] = []
        self._next_key = 1
        self.order_discount_fen = 0

    # --- reading ------------------------------------------------------------------------

    @property
    def lines(self) -> tuple[CartLine, ...]:
        return tuple(self._lines)

    def is_empty(self) -> bool:
        return not self._lines

    def line(self, key: int) -> CartLine:
        for line in self._lines:
            if line.key == key:
                return line
        raise _bad("这一行已不在购物车中", "That line is no longer in the cart", "no_line")

    def totals(self) -> CartTotals:
        subtotal = sum(line.line_total_fen for line in self._lines)
        return CartTotals(
            subtotal_fen=subtotal,
            order_discount_fen=self.order_discount_fen,
            due_fen=subtotal - self.order_discount_fen,
            reduction_fen=sum(line.reduction_fen for line in self._lines) + self.order_discount_fen,
            piece_count=sum(line.qty if line.unit == "piece" else 1 for line in self._lines),
        )

    def needs_approval(self, limit_fen: int) -> bool:
        """Whether the owner must approve (reductions above Settings.price_override_limit_fen)."""
        return self.totals().reduction_fen > limit_fen

    # --- changing -----------------------------------------------------------------------

    def add_product(
        self,
        product: ProductItem,
        qty: int | None = None,
        *,
        barcode: str | None = None,
        fixed_total_fen: int | None = None,
    ) -> CartLine:
        """Add a product; pieces of the same product with no changed price go on one line.

        qty: pieces (default 1) or grams (required for a "kg" product unless the line has a
        fixed total from a label-scale price code).
        """
        if not product.active:
            raise _bad(f"“{product.name}”已停售", f"{product.name} is no longer sold", "inactive")
        if fixed_total_fen is not None:
            _check_int(fixed_total_fen, minimum=0, zh="金额无效", en="Invalid amount")
            if qty is None and product.unit == "kg" and product.price_fen > 0:
                # The scale printed the price: the weight for stock comes from price per kg.
                qty = max(1, Money(fixed_total_fen).times_fraction(1000, product.price_fen).fen)
        if qty is None:
            if product.unit == "kg" and fixed_total_fen is None:
                raise _bad("称重商品请先称重", "Weigh this item first", "needs_weight")
            qty = 1
        self._check_qty(qty)
        code = barcode if barcode is not None else product.barcode
        if product.unit == "piece" and fixed_total_fen is None:
            for i, line in enumerate(self._lines):
                if (
                    line.product_id == product.id
                    and not line.overridden
                    and line.discount_fen == 0
                    and line.fixed_total_fen is None
                    and line.barcode == code
                ):
                    self._lines[i] = replace(line, qty=line.qty + qty)
                    return self._lines[i]
        return self._append(
            CartLine(
                key=0, product_id=product.id, product_uuid=product.uuid, name=product.name,
                unit=product.unit, qty=qty, list_price_fen=product.price_fen,
                unit_price_fen=product.price_fen, barcode=code, fixed_total_fen=fixed_total_fen,
            )
        )

    def add_hit(self, hit: BarcodeHit) -> CartLine:
        """Add what a barcode lookup found (a label-scale weight or price included)."""
        return self.add_product(
            hit.product, hit.qty, barcode=hit.code, fixed_total_fen=hit.fixed_total_fen
        )

    def add_open_item(self, *, name: str, price_fen: int, qty: int = 1) -> CartLine:
        """An item keyed in by hand at a price (no product, no stock)."""
        clean = " ".join(name.split())
        if not clean or len(clean) > 100:
            raise _bad("请输入商品名称", "Enter the item's name")
        _check_int(price_fen, minimum=0, zh="价格无效", en="Invalid price")
        self._check_qty(qty)
        return self._append(
            CartLine(key=0, product_id=None, product_uuid=None, name=clean, unit="piece",
                     qty=qty, list_price_fen=price_fen, unit_price_fen=price_fen)
        )

    def set_qty(self, key: int, qty: int) -> CartLine:
        line = self.line(key)
        if line.fixed_total_fen is not None:
            raise _bad("秤码商品不能改数量", "A label-scale item's quantity cannot change", "fixed_line")
        self._check_qty(qty)
        return self._put(replace(line, qty=qty))

    def override_price(self, key: int, unit_price_fen: int) -> CartLine:
        """改价: a new price per piece (or per kg); the shelf price is kept on the line."""
        line = self.line(key)
        if line.fixed_total_fen is not None:
            raise _bad("秤码商品不能改价", "A label-scale item's price cannot change", "fixed_line")
        _check_int(unit_price_fen, minimum=0, zh="价格无效", en="Invalid price")
        return self._put(replace(line, unit_price_fen=unit_price_fen))

    def set_line_discount(self, key: int, discount_fen: int) -> CartLine:
        """单品折扣: an amount off this line (0 removes it)."""
        line = self.line(key)
        _check_int(discount_fen, minimum=0, zh="折扣无效", en="Invalid discount")
        return self._put(replace(line, discount_fen=discount_fen))

    def set_order_discount(self, discount_fen: int) -> None:
        """整单折扣: an amount off the whole sale (0 removes it)."""
        _check_int(discount_fen, minimum=0, zh="折扣无效", en="Invalid discount")
        subtotal = sum(line.line_total_fen for line in self._lines)
        if discount_fen > subtotal:
            raise _bad("折扣不能超过小计", "The discount cannot exceed the subtotal", "discount_too_big")
        self.order_discount_fen = discount_fen

    def remove(self, key: int) -> None:
        self.line(key)  # refuses a key that is not in the cart
        kept = [x for x in self._lines if x.key != key]
        self._validate(kept)
        self._lines = kept

    def clear(self) -> None:
        self._lines = []
        self.order_discount_fen = 0

    # --- holding (挂单) -------------------------------------------------------------------

    def to_payload(self) -> dict[str, Any]:
        """A JSON-able copy for a held cart."""
        return {
            "version": PAYLOAD_VERSION,
            "order_discount_fen": self.order_discount_fen,
            "lines": [
                {f: getattr(line, f) for f in CartLine.__dataclass_fields__ if f != "key"}
                for line in self._lines
            ],
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Cart:
        if payload.get("version") != PAYLOAD_VERSION:
            raise _bad("挂单格式无法识别", "This held cart cannot be read", "bad_payload")
        cart = cls()
        try:
            for raw in payload["lines"]:
                line = CartLine(key=0, **raw)
                for value in (line.qty, line.list_price_fen, line.unit_price_fen, line.discount_fen):
                    _check_int(value, minimum=0, zh="挂单数据无效", en="Held cart data is invalid")
                cart._append(line)
            cart.set_order_discount(payload["order_discount_fen"])
        except (KeyError, TypeError) as exc:
            raise _bad("挂单数据无效", "Held cart data is invalid", "bad_payload") from exc
        return cart

    # --- inside -------------------------------------------------------------------------

    def _check_qty(self, qty: int) -> None:
        _check_int(qty, minimum=1, maximum=MAX_QTY, zh="数量必须是正整数（称重商品为克）",
                   en="Quantity must be a whole number above 0 (grams for weighed items)")

    def _append(self, line: CartLine) -> CartLine:
        line = replace(line, key=self._next_key)
        self._validate([*self._lines, line])
        self._next_key += 1
        self._lines.append(line)
        return line

    def _put(self, new: CartLine) -> CartLine:
        lines = [new if x.key == new.key else x for x in self._lines]
        self._validate(lines)
        self._lines = lines
        return new

    def _validate(self, lines: list[CartLine]) -> None:
        # Bounded so every amount of the sale fits the database (an overflow there would be a
        # crash at checkout, not a message now).
        if any(x.gross_fen > MAX_FEN for x in lines) or sum(x.gross_fen for x in lines) > MAX_FEN:
            raise _bad("金额太大，请检查数量和价格", "The amount is too large; check the quantity "
                       "and the price", "too_large")
        for line in lines:
            if line.discount_fen > line.gross_fen:
                raise _bad("折扣不能超过该行金额", "A discount cannot exceed the line's amount",
                           "discount_too_big")
        if self.order_discount_fen > sum(x.line_total_fen for x in lines):
            raise _bad("整单折扣超过了小计，请先调整折扣", "The order discount would exceed the "
                       "subtotal; change the discount first", "discount_too_big")
