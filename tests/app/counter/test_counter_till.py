"""The till: float, cash in and out, shift handover, X report, and a Z report whose totals are
the amounts this test rang up itself; a closed day cannot be closed again."""
from __future__ import annotations

import pytest
from counter_shop import Shop, assert_fen_ints
from sqlalchemy import select

from app.cart import Cart
from app.errors import UserFacingError
from app.refunds import RefundLineInput
from app.sales import SaleReceipt
from app.tender import PaymentInput
from app.till import DENOMINATIONS_FEN, count_cash
from local_db.models import AuditLog, CashSession


def ring(shop: Shop, price_fen: int, payments: list[PaymentInput], *, actor=None,  # type: ignore[no-untyped-def]
         discount_fen: int = 0) -> SaleReceipt:
    cart = Cart()
    cart.add_open_item(name="杂货", price_fen=price_fen)
    cart.set_order_discount(discount_fen)
    shop.clock.advance(minutes=3)
    return shop.svc.sales.checkout(cart=cart, payments=payments, actor=actor or shop.clerk)


def methods(items) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {x.method: x.amount_fen for x in items}


def test_z_report_totals_are_what_was_rung_up(shop: Shop) -> None:
    with pytest.raises(UserFacingError):
        shop.svc.till.x_report()
    opened = shop.svc.till.open_till(float_fen=20000, actor=shop.clerk)
    assert opened.float_fen == 20000 and not opened.closed
    with pytest.raises(UserFacingError):
        shop.svc.till.open_till(float_fen=0, actor=shop.clerk)
    # What this test rings up (fen):
    a = ring(shop, 1631, [PaymentInput("cash", tendered_fen=2000)])  # cash 1631
    b = ring(shop, 300, [PaymentInput("wechat")])  # wechat 300
    c = ring(shop, 1250, [PaymentInput("alipay", 500), PaymentInput("cash", tendered_fen=1000)],
             discount_fen=50)  # alipay 500 + cash 700, order discount 50
    d = ring(shop, 888, [PaymentInput("card")], actor=shop.owner)  # card 888
    shop.clock.advance(minutes=1)
    shop.svc.refunds.refund(sale_number=a.number, actor=shop.owner,
                            lines=[RefundLineInput(a.lines[0].line_id, 1)])  # cash refund 1631
    shop.svc.refunds.refund(sale_number=b.number, actor=shop.owner)  # wechat refund 300
    shop.svc.till.cash_movement(direction="in", amount_fen=5000, reason="换零钱", actor=shop.clerk)
    shop.svc.till.cash_movement(direction="out", amount_fen=3000, reason="付送水费", actor=shop.owner)
    with pytest.raises(UserFacingError):
        shop.svc.till.cash_movement(direction="out", amount_fen=100, reason=" ", actor=shop.clerk)

    cash_sales = 1631 + 700
    expected = 20000 + cash_sales - 1631 + 5000 - 3000
    x = shop.svc.till.x_report()
    assert x.kind == "X" and x.z_number is None and x.counted_cash_fen is None
    assert x.expected_cash_fen == expected
    assert x.figures.sales_count == 4 and x.figures.sales_fen == 1631 + 300 + 1200 + 888
    assert methods(x.figures.sales_by_method) == {"cash": cash_sales, "wechat": 300, "alipay": 500,
                                                  "card": 888}
    assert methods(x.figures.refunds_by_method) == {"cash": 1631, "wechat": 300}
    assert x.figures.refunds_count == 2 and x.figures.refunds_fen == 1631 + 300
    assert x.figures.discounts_fen == 50
    assert (x.figures.cash_in_fen, x.figures.cash_out_fen) == (5000, 3000)
    assert {c.staff_name: c.sales_count for c in x.figures.by_clerk} == {"李小红": 3, "王店主": 1}
    assert_fen_ints(x)
    assert c.total_fen == 1200 and d.total_fen == 888

    # Count the drawer in notes and coins that add up to what is expected.
    counted = {10000: expected // 10000, 1000: expected % 10000 // 1000, 100: expected % 1000 // 100,
               10: expected % 100 // 10}
    assert count_cash(counted)[0] == expected
    short = dict(counted)
    short[10] = short.get(10, 0) + 1  # one jiao too many: a variance
    with pytest.raises(UserFacingError) as alone:  # a clerk closes the day only with the owner
        shop.svc.till.close_day(counted=counted, actor=shop.clerk)
    assert alone.value.code == "permission"
    with pytest.raises(UserFacingError) as no_reason:
        shop.svc.till.close_day(counted=short, actor=shop.clerk, approver=shop.owner)
    assert no_reason.value.code == "reason_required"
    z = shop.svc.till.close_day(counted=counted, actor=shop.clerk, approver=shop.owner)
    assert z.kind == "Z" and z.z_number == "Z0001"
    assert z.counted_cash_fen == expected and z.variance_fen == 0 and z.expected_cash_fen == expected
    assert z.figures == x.figures and z.closed_by == "李小红"
    assert [(d.denomination_fen, d.count) for d in z.counted if d.count] == sorted(
        ((k, v) for k, v in counted.items() if v), reverse=True)
    assert_fen_ints(z)
    with pytest.raises(UserFacingError) as again:
        shop.svc.till.close_day(counted=counted, actor=shop.owner)
    assert again.value.code == "already_closed"
    with pytest.raises(UserFacingError) as by_uuid:
        shop.svc.till.close_day(counted=counted, actor=shop.owner, cash_session_uuid=opened.uuid)
    assert by_uuid.value.code == "already_closed"
    assert shop.svc.till.current() is None
    assert shop.svc.till.z_report(z_number="Z0001").figures == z.figures
    events = shop.outbox("day_close")
    assert len(events) == 1
    event = events[0]
    assert event["z_number"] == "Z0001" and event["cash_session_uuid"] == opened.uuid
    assert event["totals"] == {"cash": cash_sales - 1631, "wechat": 0, "alipay": 500, "card": 888}
    assert event["sales_count"] == 4 and event["refunds_count"] == 2
    assert event["refunds_fen"] == 1631 + 300 and event["discounts_fen"] == 50
    assert event["expected_cash_fen"] == expected and event["counted_cash_fen"] == expected
    assert len(shop.outbox("till_open")) == 1 and len(shop.outbox("cash_movement")) == 2
    with shop.db.read() as uow:
        till = uow.session.scalars(select(CashSession)).one()
        assert till.closed_at is not None and till.z_number == "Z0001"
        assert uow.session.scalars(select(AuditLog).where(AuditLog.action == "day_close")).one()
    with pytest.raises(UserFacingError):  # the day is closed: no more sales until a new till
        ring(shop, 100, [PaymentInput("cash")])
    shop.svc.till.open_till(float_fen=20000, actor=shop.clerk2)
    z2 = shop.svc.till.close_day(counted={10000: 2}, actor=shop.clerk2, approver=shop.owner)
    assert z2.z_number == "Z0002" and z2.figures.sales_count == 0


def test_variance_with_a_reason(shop: Shop) -> None:
    shop.svc.till.open_till(float_fen=10000, actor=shop.clerk)
    ring(shop, 250, [PaymentInput("cash", tendered_fen=300)])
    z = shop.svc.till.close_day(counted={10000: 1, 100: 2}, variance_reason="找错零钱",
                                actor=shop.clerk, approver=shop.owner)
    assert (z.expected_cash_fen, z.counted_cash_fen, z.variance_fen) == (10250, 10200, -50)
    assert z.variance_reason == "找错零钱"
    assert shop.outbox("day_close")[0]["variance_reason"] == "找错零钱"
    with pytest.raises(UserFacingError):
        count_cash({3000: 1})
    with pytest.raises(UserFacingError):
        count_cash({100: -1})
    assert count_cash({d: 1 for d in DENOMINATIONS_FEN})[0] == 18660


def test_shift_handover_with_each_clerks_totals(shop: Shop) -> None:
    shop.svc.till.open_till(float_fen=10000, actor=shop.clerk)
    ring(shop, 500, [PaymentInput("cash")])
    ring(shop, 700, [PaymentInput("wechat")])
    with pytest.raises(UserFacingError):
        shop.svc.till.handover(to=shop.clerk, counted={10000: 1, 100: 5}, actor=shop.clerk)
    shop.clock.advance(minutes=1)
    first = shop.svc.till.handover(to=shop.clerk2, counted={10000: 1, 100: 5}, actor=shop.clerk)
    assert (first.from_name, first.to_name) == ("李小红", "张明")
    assert first.expected_cash_fen == 10500 and first.variance_fen == 0
    assert methods(first.figures.sales_by_method) == {"cash": 500, "wechat": 700}
    assert [(c.staff_name, c.sales_count, c.sales_fen) for c in first.figures.by_clerk] == [
        ("李小红", 2, 1200)]
    ring(shop, 300, [PaymentInput("cash")], actor=shop.clerk2)
    shop.clock.advance(minutes=1)
    second = shop.svc.till.handover(to=shop.clerk, counted={10000: 1, 100: 8}, actor=shop.clerk2)
    assert methods(second.figures.sales_by_method) == {"cash": 300}
    assert [(c.staff_name, c.sales_fen) for c in second.figures.by_clerk] == [("张明", 300)]
    assert second.expected_cash_fen == 10800
    events = shop.outbox("shift_handover")
    assert [e["totals"] for e in events] == [{"cash": 500, "wechat": 700}, {"cash": 300}]
    assert events[0]["from_staff_uuid"] == shop.clerk.uuid and events[0]["to_staff_uuid"] == shop.clerk2.uuid
    x = shop.svc.till.x_report()
    assert {c.staff_name: c.sales_fen for c in x.figures.by_clerk} == {"李小红": 1200, "张明": 300}
    assert_fen_ints(second)
