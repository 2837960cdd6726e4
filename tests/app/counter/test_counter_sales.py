"""Ringing up sales on a real database: split payments, change, cash rounding, the owner's
approval for overrides, held carts, receipt numbers, and failures that leave nothing behind."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from counter_shop import APPLE_PLU, COLA, WATER, Shop, assert_fen_ints
from sqlalchemy import delete, select

from app.cart import Cart
from app.errors import PermissionDenied, UserFacingError
from app.payment_codes import classify_payment_code
from app.scale_barcode import ScaleLayout, make_scale_barcode
from app.tender import PaymentInput
from local_db.models import (
    AuditLog,
    HeldCart,
    NumberCounter,
    Outbox,
    Product,
    Sale,
    Station,
    StockMove,
)
from sync.outbox import OutboxError

DAY = date(2026, 11, 25)


def scan(shop: Shop, cart: Cart, code: str) -> None:
    hit = shop.svc.catalogue.lookup_barcode(code)
    assert hit is not None, code
    cart.add_hit(hit)


def basket(shop: Shop) -> Cart:
    """2 cola (scanned twice), 1 water, 532 g of apples from the label scale: ¥14.81."""
    cart = Cart()
    scan(shop, cart, COLA)
    scan(shop, cart, COLA)
    scan(shop, cart, WATER)
    layout = ScaleLayout.parse(shop.settings.scale_barcode_layout)
    scan(shop, cart, make_scale_barcode(layout, plu=APPLE_PLU, value=532))
    assert [(x.name, x.qty) for x in cart.lines] == [
        ("可口可乐 330ml", 2), ("农夫山泉饮用天然水 550ml", 1), ("红富士苹果", 532)]
    # 12.80/kg x 0.532 kg = 6.8096 -> 6.81
    assert cart.totals().subtotal_fen == 600 + 200 + 681
    return cart


def test_whole_sale_with_split_payment_and_change(shop: Shop) -> None:
    shop.svc.till.open_till(float_fen=20000, actor=shop.clerk)
    cart = basket(shop)
    receipt = shop.svc.sales.checkout(
        cart=cart, actor=shop.clerk,
        payments=[PaymentInput("wechat", 1000, reference="134567890123456789"),
                  PaymentInput("cash", tendered_fen=1000)],
    )
    assert receipt.number == "20261125-0001" and receipt.business_day == DAY
    assert receipt.local_time.hour == 10 and receipt.clerk_name == "李小红"
    assert receipt.shop_name == shop.settings.shop_name
    assert receipt.subtotal_fen == 1481 and receipt.total_fen == 1481 and receipt.rounding_fen == 0
    assert [(p.method, p.amount_fen, p.tendered_fen, p.change_fen) for p in receipt.payments] == [
        ("wechat", 1000, 1000, 0), ("cash", 481, 1000, 519)]
    assert receipt.payments[0].reference == "134567890123456789"
    assert receipt.change_fen == 519
    assert [(x.name, x.unit, x.qty, x.line_total_fen) for x in receipt.lines] == [
        ("可口可乐 330ml", "piece", 2, 600), ("农夫山泉饮用天然水 550ml", "piece", 1, 200),
        ("红富士苹果", "kg", 532, 681)]
    assert receipt.warnings  # nothing was on the shelf: stock went below zero, sale stands
    assert_fen_ints(receipt)
    assert shop.stock(shop.cola) == -2 and shop.stock(shop.apple) == -532
    with shop.db.read() as uow:
        moves = uow.session.scalars(select(StockMove).order_by(StockMove.id)).all()
        assert [(m.reason, m.qty_delta) for m in moves] == [("sale", -2), ("sale", -1), ("sale", -532)]
        assert {m.ref_uuid for m in moves} == {receipt.uuid}
    events = shop.outbox("sale")
    assert len(events) == 1
    event = events[0]
    assert event["sale_uuid"] == receipt.uuid and event["number"] == receipt.number
    assert event["total_fen"] == 1481 and event["subtotal_fen"] == 1481
    assert sum(p["amount_fen"] for p in event["payments"]) == 1481
    assert event["staff_uuid"] == shop.clerk.uuid and event["cash_session_uuid"]
    assert shop.svc.sales.receipt_data(receipt.number) == receipt.__class__(
        **{**{f: getattr(receipt, f) for f in receipt.__dataclass_fields__}, "warnings": ()})


def test_cash_rounding_drops_the_fen(shop: Shop) -> None:
    shop.settings.cash_rounding_fen = 10
    shop.svc.till.open_till(float_fen=0, actor=shop.clerk)
    cash = shop.svc.sales.checkout(cart=basket(shop), actor=shop.clerk,
                                   payments=[PaymentInput("cash", tendered_fen=2000)])
    assert (cash.subtotal_fen, cash.rounding_fen, cash.total_fen, cash.change_fen) == (1481, -1, 1480, 520)
    mixed = shop.svc.sales.checkout(cart=basket(shop), actor=shop.clerk,
                                    payments=[PaymentInput("alipay", 1000), PaymentInput("cash")])
    assert (mixed.rounding_fen, mixed.total_fen) == (-1, 1480)
    assert [p.amount_fen for p in mixed.payments] == [1000, 480]
    wallet = shop.svc.sales.checkout(cart=basket(shop), actor=shop.clerk,
                                     payments=[PaymentInput("wechat")])
    assert (wallet.rounding_fen, wallet.total_fen) == (0, 1481)
    events = shop.outbox("sale")
    assert [(e["rounding_fen"], e["total_fen"]) for e in events] == [(-1, 1480), (-1, 1480), (0, 1481)]


def test_override_above_the_limit_needs_the_owner(shop: Shop) -> None:
    shop.svc.till.open_till(float_fen=0, actor=shop.clerk)
    cart = Cart()
    line = cart.add_product(shop.cola, 3)
    cart.override_price(line.key, 100)  # 3 x ¥2 off = ¥6 > the ¥5 limit
    assert shop.svc.sales.needs_approval(cart)
    before = shop.snapshot()
    for approver in (None, shop.clerk2):
        with pytest.raises(PermissionDenied):
            shop.svc.sales.checkout(cart=cart, payments=[PaymentInput("cash")], actor=shop.clerk,
                                    approver=approver)
    assert shop.snapshot() == before
    receipt = shop.svc.sales.checkout(cart=cart, payments=[PaymentInput("cash")], actor=shop.clerk,
                                      approver=shop.owner)
    assert receipt.total_fen == 300 and receipt.approver_name == "王店主"
    assert receipt.lines[0].list_price_fen == 300 and receipt.lines[0].unit_price_fen == 100
    with shop.db.read() as uow:
        sale = uow.session.scalars(select(Sale)).one()
        assert sale.approver_id == shop.owner.staff_id and sale.staff_id == shop.clerk.staff_id
        audit = uow.session.scalars(select(AuditLog).where(AuditLog.action == "price_override")).one()
        assert audit.approver_id == shop.owner.staff_id and audit.after["reduction_fen"] == 600
    event = shop.outbox("sale")[0]
    assert event["approver_uuid"] == shop.owner.uuid
    assert event["lines"][0]["list_price_fen"] == 300


def test_small_discount_needs_no_approval_and_owner_approves_own(shop: Shop) -> None:
    shop.svc.till.open_till(float_fen=0, actor=shop.owner)
    cart = Cart()
    line = cart.add_product(shop.water, 2)
    cart.set_line_discount(line.key, 50)
    cart.set_order_discount(100)
    assert cart.totals().reduction_fen == 150 and not shop.svc.sales.needs_approval(cart)
    small = shop.svc.sales.checkout(cart=cart, payments=[PaymentInput("card")], actor=shop.clerk)
    assert (small.subtotal_fen, small.discount_fen, small.total_fen) == (350, 100, 250)
    assert small.approver_name is None
    big = Cart()
    big.add_product(shop.eggs, 1)
    big.set_order_discount(1000)
    own = shop.svc.sales.checkout(cart=big, payments=[PaymentInput("cash")], actor=shop.owner)
    assert own.total_fen == 200 and own.approver_name == "王店主"
    with shop.db.read() as uow:
        actions = uow.session.scalars(select(AuditLog.action).where(AuditLog.entity == "sale")).all()
    assert actions == ["discount", "discount"]


def test_payment_codes_are_classified() -> None:
    assert classify_payment_code("134567890123456789") == "wechat"
    assert classify_payment_code("１０４５６７８９０１２３４５６７８９") == "wechat"  # full width
    assert classify_payment_code("284567890123456789") == "alipay"
    assert classify_payment_code("2512345678901234") == "alipay"  # 16 digits
    assert classify_payment_code("301234567890123456789012") == "alipay"  # 24 digits
    for other in ("6928804011180", "164567890123456789", "13456789012345678", "2412345678901234",
                  "3112345678901234", "abc", "", "1345678901234567890"):
        assert classify_payment_code(other) is None, other


def test_hold_and_resume_a_cart(shop: Shop) -> None:
    cart = basket(shop)
    line = cart.lines[0]
    cart.override_price(line.key, 250)
    held = shop.svc.held_carts.hold(cart=cart, actor=shop.clerk, label="穿红衣服的阿姨")
    assert held.due_fen == cart.totals().due_fen and held.line_count == 3
    cart.clear()
    assert [h.id for h in shop.svc.held_carts.list_held()] == [held.id]
    back = shop.svc.held_carts.resume(held_id=held.id, actor=shop.clerk)
    assert back.lines[0].unit_price_fen == 250 and back.lines[0].list_price_fen == 300
    assert back.totals() == Cart.from_payload(back.to_payload()).totals()
    assert back.totals().due_fen == 500 + 200 + 681
    assert shop.svc.held_carts.list_held() == []
    with pytest.raises(UserFacingError):
        shop.svc.held_carts.resume(held_id=held.id, actor=shop.clerk)
    assert shop.count(HeldCart) == 1 and shop.count(Sale) == 0


def test_failing_checkout_leaves_nothing(shop: Shop) -> None:
    cart = basket(shop)
    pay = [PaymentInput("cash", tendered_fen=5000)]
    with pytest.raises(UserFacingError) as closed:
        shop.svc.sales.checkout(cart=cart, payments=pay, actor=shop.clerk)
    assert closed.value.code == "till_closed"
    shop.svc.till.open_till(float_fen=0, actor=shop.clerk)
    before = shop.snapshot()
    with shop.db.write() as uow:  # the owner takes water off sale while it is in the cart
        product = uow.session.get(Product, shop.water.id)
        assert product is not None
        product.active = False
        uow.commit()
    with pytest.raises(UserFacingError) as gone:
        shop.svc.sales.checkout(cart=cart, payments=pay, actor=shop.clerk)
    assert gone.value.code == "product_gone"
    cart.remove(cart.lines[1].key)
    for payments, code in (
        ([PaymentInput("cash", tendered_fen=100)], "short"),
        ([PaymentInput("wechat", 500)], "short"),
        ([PaymentInput("wechat", 5000)], "overpaid"),
        ([PaymentInput("bitcoin")], "bad_payment"),
        ([PaymentInput("cash", 12.5)], "bad_amount"),  # type: ignore[arg-type]
        ([PaymentInput("wechat", tendered_fen=9999)], "bad_payment"),
        ([PaymentInput("cash"), PaymentInput("wechat")], "bad_payment"),
    ):
        with pytest.raises(UserFacingError) as info:
            shop.svc.sales.checkout(cart=cart, payments=payments, actor=shop.clerk)
        assert info.value.code == code, payments
    with pytest.raises(UserFacingError):
        shop.svc.sales.checkout(cart=Cart(), payments=[], actor=shop.clerk)
    assert shop.snapshot() == before
    assert shop.stock(shop.cola) == 0
    with shop.db.read() as uow:
        assert uow.session.scalar(select(NumberCounter).where(NumberCounter.name.like("sale:%"))) is None
    ok = shop.svc.sales.checkout(cart=cart, payments=pay, actor=shop.clerk)
    assert ok.number == "20261125-0001"  # no number was used up by the failures
    assert shop.count(Outbox) == before[2] + 1


def test_a_failure_half_way_through_the_transaction_rolls_it_all_back(shop: Shop) -> None:
    shop.svc.till.open_till(float_fen=0, actor=shop.clerk)
    cart = basket(shop)
    with shop.db.write() as uow:  # no station row: the outbox refuses, after the sale rows
        uow.session.execute(delete(Station))
        uow.commit()
    before = shop.snapshot()
    with pytest.raises(OutboxError):
        shop.svc.sales.checkout(cart=cart, payments=[PaymentInput("wechat")], actor=shop.clerk)
    assert shop.snapshot() == before
    assert shop.stock(shop.cola) == 0 and shop.count(AuditLog) == 6  # the six products added


def test_receipt_numbers_are_unique_and_per_business_day(shop: Shop) -> None:
    shop.svc.till.open_till(float_fen=0, actor=shop.clerk)

    def sell(amount: int) -> str:
        cart = Cart()
        cart.add_open_item(name="散装糖果", price_fen=amount)
        return shop.svc.sales.checkout(cart=cart, payments=[PaymentInput("cash")],
                                       actor=shop.clerk).number

    first = [sell(100), sell(250), sell(100)]
    assert first == ["20261125-0001", "20261125-0002", "20261125-0003"]
    shop.clock.advance(hours=17)  # 03:00 next morning in Shanghai: still the 25th's business day
    assert sell(300) == "20261125-0004"
    shop.clock.advance(hours=2)  # 05:00: a new business day
    assert sell(300) == "20261126-0001"
    found = shop.svc.sales.find_sales(day=DAY)
    assert [x.number for x in found] == ["20261125-0004", "20261125-0003", "20261125-0002",
                                         "20261125-0001"]
    assert [x.number for x in shop.svc.sales.find_sales(day=DAY, amount_fen=100)] == [
        "20261125-0003", "20261125-0001"]
    assert shop.svc.sales.find_sale("1").number == "20261126-0001"  # bare number: today
    assert shop.svc.sales.find_sale("20261125-0002").total_fen == 250
    with pytest.raises(UserFacingError):
        shop.svc.sales.find_sale("20261125-0099")
    numbers = [e["number"] for e in shop.outbox("sale")]
    assert len(numbers) == len(set(numbers)) == 5
    assert_fen_ints(found)


def test_days_of_the_number_come_from_the_calendar(shop: Shop) -> None:
    shop.svc.till.open_till(float_fen=0, actor=shop.clerk)
    shop.clock.advance(days=1)
    cart = Cart()
    cart.add_product(shop.cola)
    receipt = shop.svc.sales.checkout(cart=cart, payments=[PaymentInput("cash")], actor=shop.clerk)
    assert receipt.business_day == DAY + timedelta(days=1)
    assert receipt.number.startswith("20261126-")
