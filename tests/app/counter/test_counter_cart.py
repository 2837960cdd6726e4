"""The pure cart and the payment arithmetic, without a database."""
from __future__ import annotations

import pytest

from app.cart import Cart, gross_fen
from app.catalogue import ProductItem
from app.errors import UserFacingError
from app.tender import PaymentInput, cash_rounding, settle


def product(pid: int, price: int, unit: str = "piece", active: bool = True) -> ProductItem:
    return ProductItem(id=pid, uuid=f"00000000-0000-4000-8000-{pid:012d}", name=f"商品{pid}",
                       unit=unit, price_fen=price, barcode=None, category="", stock_qty=0,
                       low_stock_at=0, plu=None, cost_fen=None, active=active)


def test_lines_merge_weigh_and_total() -> None:
    cart = Cart()
    a = cart.add_product(product(1, 350))
    cart.add_product(product(1, 350), 2)
    assert len(cart.lines) == 1 and cart.line(a.key).qty == 3
    w = cart.add_product(product(2, 1999, "kg"), 250)  # 19.99/kg x 250 g = 4.9975 -> 5.00
    assert w.line_total_fen == 500 and gross_fen("kg", 1, 1) == 0
    fixed = cart.add_product(product(3, 2000, "kg"), fixed_total_fen=733)
    assert fixed.qty == 367 and fixed.line_total_fen == 733  # grams derived for stock
    totals = cart.totals()
    assert totals.subtotal_fen == 1050 + 500 + 733 and totals.piece_count == 5
    for bad in (0, -1, 1.5, True):
        with pytest.raises(UserFacingError):
            cart.set_qty(a.key, bad)  # type: ignore[arg-type]
    with pytest.raises(UserFacingError):
        cart.add_product(product(2, 1999, "kg"))  # a weighed item needs its weight
    with pytest.raises(UserFacingError):
        cart.add_product(product(9, 100, active=False))
    with pytest.raises(UserFacingError):
        cart.set_qty(fixed.key, 100)
    assert cart.totals() == totals


def test_overrides_discounts_and_reductions() -> None:
    cart = Cart()
    line = cart.add_product(product(1, 300), 3)
    cart.override_price(line.key, 250)
    assert cart.line(line.key).list_price_fen == 300 and cart.line(line.key).reduction_fen == 150
    again = cart.add_product(product(1, 300))  # an overridden line is not merged into
    assert again.key != line.key
    cart.set_line_discount(again.key, 100)
    cart.set_order_discount(200)
    totals = cart.totals()
    assert (totals.subtotal_fen, totals.due_fen, totals.reduction_fen) == (950, 750, 450)
    assert not cart.needs_approval(500) and cart.needs_approval(449)
    with pytest.raises(UserFacingError):
        cart.set_line_discount(again.key, 301)
    with pytest.raises(UserFacingError):
        cart.set_order_discount(951)
    cart.set_order_discount(300)
    with pytest.raises(UserFacingError):
        cart.remove(line.key)  # would leave the order discount above the subtotal
    assert len(cart.lines) == 2
    cart.set_order_discount(200)
    cart.override_price(line.key, 400)  # above the list price: gives nothing away
    assert cart.line(line.key).reduction_fen == 0
    payload = Cart.from_payload(cart.to_payload())
    assert payload.totals() == cart.totals()
    assert [x.unit_price_fen for x in payload.lines] == [400, 300]
    cart.clear()
    assert cart.is_empty() and cart.totals().due_fen == 0
    with pytest.raises(UserFacingError):
        Cart.from_payload({"version": 99})


def test_settle_payments() -> None:
    cash = settle(1234, [PaymentInput("cash", tendered_fen=2000)], cash_rounding_fen=10)
    assert (cash.rounding_fen, cash.total_fen, cash.change_fen) == (-4, 1230, 770)
    exact = settle(1234, [PaymentInput("cash")], cash_rounding_fen=0)
    assert (exact.rounding_fen, exact.total_fen, exact.change_fen) == (0, 1234, 0)
    fixed_cash = settle(1234, [PaymentInput("cash", 500, 500), PaymentInput("wechat")],
                        cash_rounding_fen=10)
    assert fixed_cash.rounding_fen == 0 and [p.amount_fen for p in fixed_cash.payments] == [500, 734]
    all_wallet = settle(1234, [PaymentInput("alipay", 1234), PaymentInput("cash")],
                        cash_rounding_fen=10)
    assert [p.method for p in all_wallet.payments] == ["alipay"]  # nothing left for cash
    free = settle(0, [], cash_rounding_fen=10)
    assert free.total_fen == 0 and free.payments == ()
    assert cash_rounding(5, 10) == -5 and cash_rounding(120, 10) == 0 and cash_rounding(7, 0) == 0
    for payments in ([PaymentInput("cash", tendered_fen=1000)], [PaymentInput("wechat", 0)],
                     [PaymentInput("card", 2000)], [PaymentInput("cash", 1234, 1000)], []):
        with pytest.raises(UserFacingError):
            settle(1234, payments, cash_rounding_fen=10)
