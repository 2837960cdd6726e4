"""Refunds: owner only (or with the owner's approval), part then the rest, never more than was
sold, money back the way it came, goods back on the shelf."""
from __future__ import annotations

import pytest
from counter_shop import Shop, assert_fen_ints
from sqlalchemy import select

from app.cart import Cart
from app.errors import PermissionDenied, UserFacingError
from app.refunds import RefundLineInput, share_out
from app.sales import SaleReceipt
from app.tender import PaymentInput
from local_db.models import AuditLog, Refund, StockMove


def sell(shop: Shop, payments: list[PaymentInput], order_discount: int = 0) -> SaleReceipt:
    """3 cola + 1 water: ¥11.00 before any discount."""
    cart = Cart()
    cart.add_product(shop.cola, 3)
    cart.add_product(shop.water, 1)
    cart.set_order_discount(order_discount)
    return shop.svc.sales.checkout(cart=cart, payments=payments, actor=shop.clerk)


@pytest.fixture
def opened(shop: Shop) -> Shop:
    shop.svc.till.open_till(float_fen=10000, actor=shop.clerk)
    return shop


def test_share_out_adds_up() -> None:
    assert share_out(1000, [300, 300, 400]) == [300, 300, 400]
    assert share_out(999, [1, 1, 1]) == [333, 333, 333]
    assert share_out(100, [1, 1, 1]) == [34, 33, 33]
    assert share_out(0, [5, 5]) == [0, 0] and share_out(7, [0, 0]) == [0, 0]


def test_partial_refund_then_the_rest(opened: Shop) -> None:
    shop = opened
    sale = sell(shop, [PaymentInput("wechat")])
    cola_line, water_line = sale.lines
    with pytest.raises(PermissionDenied):
        shop.svc.refunds.refund(sale_number=sale.number, lines=[RefundLineInput(cola_line.line_id, 1)],
                                actor=shop.clerk)
    with pytest.raises(PermissionDenied):
        shop.svc.refunds.refund(sale_number=sale.number, lines=[RefundLineInput(cola_line.line_id, 1)],
                                actor=shop.clerk, approver=shop.clerk2)
    assert shop.count(Refund) == 0
    first = shop.svc.refunds.refund(
        sale_number=sale.number, lines=[RefundLineInput(cola_line.line_id, 1)], reason="漏气",
        actor=shop.clerk, approver=shop.owner,
    )
    assert first.number == "R20261125-0001" and first.sale_number == sale.number
    assert (first.method, first.amount_fen) == ("wechat", 300)
    assert first.approver_name == "王店主" and first.lines[0].restocked
    assert_fen_ints(first)
    assert shop.stock(shop.cola) == -3 + 1
    with pytest.raises(UserFacingError) as over:
        shop.svc.refunds.refund(sale_number=sale.number,
                                lines=[RefundLineInput(cola_line.line_id, 3)], actor=shop.owner)
    assert over.value.code == "over_refund"
    rest = shop.svc.refunds.refund(sale_number=sale.number, actor=shop.owner)
    assert rest.number == "R20261125-0002" and rest.amount_fen == 800 and rest.approver_name is None
    assert sorted((x.name, x.qty) for x in rest.lines) == [("农夫山泉饮用天然水 550ml", 1),
                                                           ("可口可乐 330ml", 2)]
    assert first.amount_fen + rest.amount_fen == sale.total_fen
    with pytest.raises(UserFacingError) as again:
        shop.svc.refunds.refund(sale_number=sale.number, actor=shop.owner)
    assert again.value.code == "already_refunded"
    with pytest.raises(UserFacingError):
        shop.svc.refunds.refund(sale_number=sale.number,
                                lines=[RefundLineInput(water_line.line_id, 1)], actor=shop.owner)
    after = shop.svc.sales.receipt_data(sale.number)
    assert after.refunded_fen == 1100 and all(x.refundable_qty == 0 for x in after.lines)
    assert shop.stock(shop.cola) == 0 and shop.stock(shop.water) == 0
    events = shop.outbox("refund")
    assert [(e["number"], e["amount_fen"], e["method"]) for e in events] == [
        ("R20261125-0001", 300, "wechat"), ("R20261125-0002", 800, "wechat")]
    assert all(e["sale_uuid"] == sale.uuid for e in events)
    assert events[0]["lines"] == [{"sale_line_index": 0, "product_uuid": shop.cola.uuid, "qty": 1,
                                   "amount_fen": 300, "restock": True}]
    assert events[0]["approver_uuid"] == shop.owner.uuid
    with shop.db.read() as uow:
        audits = uow.session.scalars(select(AuditLog).where(AuditLog.action == "refund")).all()
        moves = uow.session.scalars(select(StockMove).where(StockMove.reason == "refund")).all()
        assert len(audits) == 2 and audits[0].approver_id == shop.owner.staff_id
        assert sorted(m.qty_delta for m in moves) == [1, 1, 2]


def test_refunds_share_the_order_discount_and_rounding(opened: Shop) -> None:
    shop = opened
    shop.settings.cash_rounding_fen = 10
    sale = sell(shop, [PaymentInput("cash", tendered_fen=1000)], order_discount=155)
    assert (sale.subtotal_fen, sale.discount_fen, sale.rounding_fen, sale.total_fen) == (1100, 155, -5, 940)
    cola, water = sale.lines
    parts = [shop.svc.refunds.refund(sale_number=sale.number,
                                     lines=[RefundLineInput(cola.line_id, 1)], actor=shop.owner)
             for _ in range(3)]
    parts.append(shop.svc.refunds.refund(sale_number=sale.number,
                                         lines=[RefundLineInput(water.line_id, 1)], actor=shop.owner))
    assert [p.amount_fen for p in parts] == [256, 256, 257, 171]
    assert sum(p.amount_fen for p in parts) == 940
    assert {p.method for p in parts} == {"cash"}


def test_refund_goes_back_the_way_it_came_or_in_cash(opened: Shop) -> None:
    shop = opened
    split = sell(shop, [PaymentInput("wechat", 500), PaymentInput("cash", tendered_fen=1000)])
    whole = shop.svc.refunds.refund(sale_number=split.number, actor=shop.owner, restock=False,
                                    reason="坏了")
    assert whole.method == "cash" and whole.amount_fen == 1100  # split sale: cash by default
    assert not any(x.restocked for x in whole.lines)
    assert shop.stock(shop.cola) == -3  # damaged goods stay off the shelf
    second = sell(shop, [PaymentInput("wechat", 500), PaymentInput("cash")])
    with pytest.raises(UserFacingError) as cap:
        shop.svc.refunds.refund(sale_number=second.number, method="wechat", actor=shop.owner)
    assert cap.value.code == "method_cap"
    part = shop.svc.refunds.refund(sale_number=second.number, method="wechat", actor=shop.owner,
                                   lines=[RefundLineInput(second.lines[0].line_id, 1)])
    assert part.method == "wechat" and part.amount_fen == 300
    with pytest.raises(UserFacingError):
        shop.svc.refunds.refund(sale_number="20261125-0099", actor=shop.owner)
    with pytest.raises(UserFacingError):
        shop.svc.refunds.refund(sale_number=second.number, method="gold", actor=shop.owner)
    with pytest.raises(UserFacingError):
        shop.svc.refunds.refund(sale_number=second.number, actor=shop.owner,
                                lines=[RefundLineInput(split.lines[0].line_id, 1)])
    assert shop.count(Refund) == 2 and len(shop.outbox("refund")) == 2
