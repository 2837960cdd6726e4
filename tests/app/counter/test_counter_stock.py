"""Stock: goods received from a supplier, a stock count with reasons, the low-stock list."""
from __future__ import annotations

import pytest
from counter_shop import Shop, assert_fen_ints
from sqlalchemy import select

from app.cart import Cart
from app.errors import UserFacingError
from app.stock import CountLine, ReceiveLine
from app.tender import PaymentInput
from local_db.models import StockMove


def test_supplier_receipt_and_stock_count(shop: Shop) -> None:
    received = shop.svc.stock.receive_stock(
        lines=[ReceiveLine(shop.cola.id, 24, 180), ReceiveLine(shop.apple.id, 5000, 800)],
        supplier="城东批发部", actor=shop.clerk,
    )
    assert [(c.name, c.before_qty, c.delta, c.after_qty) for c in received.changes] == [
        ("可口可乐 330ml", 0, 24, 24), ("红富士苹果", 0, 5000, 5000)]
    assert shop.stock(shop.cola) == 24 and shop.stock(shop.apple) == 5000  # grams
    assert shop.svc.catalogue.get_product(shop.cola.id).cost_fen == 180
    event = shop.outbox("stock_receipt")
    assert len(event) == 1 and event[0]["supplier"] == "城东批发部"
    assert event[0]["lines"] == [
        {"product_uuid": shop.cola.uuid, "qty": 24, "unit_cost_fen": 180},
        {"product_uuid": shop.apple.uuid, "qty": 5000, "unit_cost_fen": 800}]
    assert_fen_ints(received)

    with pytest.raises(UserFacingError) as no_reason:
        shop.svc.stock.count_stock(lines=[CountLine(shop.cola.id, 20)], actor=shop.clerk)
    assert no_reason.value.code == "reason_required"
    counted = shop.svc.stock.count_stock(
        lines=[CountLine(shop.cola.id, 20, "破损4罐"), CountLine(shop.apple.id, 5000),
               CountLine(shop.water.id, 12, "上次漏记进货")],
        actor=shop.clerk,
    )
    assert [(c.name, c.delta, c.after_qty) for c in counted.changes] == [
        ("可口可乐 330ml", -4, 20), ("红富士苹果", 0, 5000), ("农夫山泉饮用天然水 550ml", 12, 12)]
    assert shop.stock(shop.cola) == 20 and shop.stock(shop.water) == 12
    count_events = shop.outbox("stock_count")
    assert len(count_events) == 1
    assert [(x["counted_qty"], x["previous_qty"], x["reason"]) for x in count_events[0]["lines"]] == [
        (20, 24, "破损4罐"), (5000, 5000, ""), (12, 0, "上次漏记进货")]
    with shop.db.read() as uow:
        moves = uow.session.scalars(select(StockMove).order_by(StockMove.id)).all()
        assert [(m.reason, m.qty_delta) for m in moves] == [
            ("receipt", 24), ("receipt", 5000), ("count", -4), ("count", 12)]
        assert moves[0].unit_cost_fen == 180 and moves[2].note == "破损4罐"


def test_bad_stock_input_changes_nothing(shop: Shop) -> None:
    for lines in ([], [ReceiveLine(shop.cola.id, 0, 100)], [ReceiveLine(shop.cola.id, 1, -1)],
                  [ReceiveLine(999_999, 1, 100)]):
        with pytest.raises(UserFacingError):
            shop.svc.stock.receive_stock(lines=lines, actor=shop.clerk)
    for count in ([CountLine(shop.cola.id, -1, "x")],
                  [CountLine(shop.cola.id, 1, "x"), CountLine(shop.cola.id, 2, "y")]):
        with pytest.raises(UserFacingError):
            shop.svc.stock.count_stock(lines=count, actor=shop.clerk)
    assert shop.count(StockMove) == 0 and shop.outbox("stock_receipt") == []


def test_low_stock_list(shop: Shop) -> None:
    shop.svc.stock.receive_stock(lines=[ReceiveLine(shop.cola.id, 7, 180),
                                        ReceiveLine(shop.water.id, 3, 100)], actor=shop.clerk)
    assert [p.name for p in shop.svc.stock.low_stock()] == []  # cola at 7, warns at 5
    shop.svc.till.open_till(float_fen=0, actor=shop.clerk)
    cart = Cart()
    cart.add_product(shop.cola, 3)
    cart.add_product(shop.gum, 2)
    shop.svc.sales.checkout(cart=cart, payments=[PaymentInput("cash")], actor=shop.clerk)
    low = shop.svc.stock.low_stock()
    assert [(p.name, p.stock_qty) for p in low] == [("绿箭口香糖 5片装", -2), ("可口可乐 330ml", 4)]
