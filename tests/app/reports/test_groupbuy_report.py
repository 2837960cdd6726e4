"""The group-buy report equals the story the test played through the real arrival and pickup
services: a shortage, a full and a partial pickup, a cancelled order, a bag left 5 days."""
from __future__ import annotations

from datetime import date
from fractions import Fraction

from report_world import C71, C72, TODAY, GroupDay, Shop, local

from app.reports import commission_fen


def test_per_campaign_orders_items_picked_waiting_short(shop: Shop, group: GroupDay) -> None:
    r = shop.reports.group_buy(shop.reports.period("today"))
    assert [c.campaign_id for c in r.campaigns] == [72, 71]  # newest pickup day first
    c = r.campaigns[0]
    assert c.pickup_date == TODAY
    assert (c.orders, c.cancelled_orders, c.orders_collected, c.orders_waiting) == (
        C72["orders"], C72["cancelled"], C72["collected"], C72["waiting_orders"])
    assert (c.items, c.items_short, c.items_picked, c.items_waiting, c.items_not_arrived) == (
        C72["items"], C72["short"], C72["picked"], C72["waiting"], C72["not_arrived"])
    assert c.pickup_rate == Fraction(2, 5)
    old = r.campaigns[1]
    assert (old.orders, old.items_picked, old.items_waiting) == (C71["orders"], C71["picked"],
                                                                 C71["waiting"])


def test_commission_is_an_estimate_at_the_campaigns_rate(shop: Shop, group: GroupDay) -> None:
    r = shop.reports.group_buy(shop.reports.period("today"))
    c = r.campaigns[0]
    assert (c.goods_value_fen, c.picked_value_fen) == (C72["goods_value"], C72["picked_value"])
    assert c.commission_fen == C72["commission"]
    assert c.commission_expected_fen == C72["commission_expected"]
    assert r.commission_fen == C72["commission"] + C71["commission"]
    assert r.commission_estimated and not c.commission_confirmed
    table = r.tables()[0]
    assert table.note is not None and "预估" in table.title.zh + table.headers()[12]
    assert commission_fen(5, 1000) == 1 and commission_fen(4, 1000) == 0  # half up


def test_hand_outs_of_the_day_and_the_pickup_rate_over_time(shop: Shop, group: GroupDay) -> None:
    r = shop.reports.group_buy(shop.reports.period("today"))
    assert (r.handouts_in_period, r.pieces_in_period) == (2, 2)
    days = {d.day: d for d in r.pickup_days}
    assert len(r.pickup_days) == 14 and r.pickup_days[-1].day == TODAY
    assert (days[date(2026, 11, 20)].made_ready, days[date(2026, 11, 20)].handed_out) == (2, 0)
    assert days[date(2026, 11, 21)].handed_out == 1
    assert days[date(2026, 11, 21)].rate_so_far == Fraction(1, 2)
    assert (days[TODAY].made_ready, days[TODAY].handed_out) == (5, 2)
    assert days[TODAY].rate_so_far == Fraction(3, 7)
    assert days[date(2026, 11, 19)].rate_so_far is None


def test_an_undone_hand_out_is_taken_off_again(shop: Shop, group: GroupDay) -> None:
    shop.at(local(2026, 11, 25, 11))
    result = shop.pickups.hand_out(724, actor=shop.leader)
    shop.pickups.undo(result.pickup_id, actor=shop.leader, reason="拿错袋子")
    r = shop.reports.group_buy(shop.reports.period("today"))
    assert (r.handouts_in_period, r.pieces_in_period) == (2, 2)
    assert r.campaigns[0].items_picked == C72["picked"]


def test_orders_waiting_more_than_n_days(shop: Shop, group: GroupDay) -> None:
    r = shop.reports.group_buy(shop.reports.period("today"), waiting_days=3)
    assert [(w.order_no, w.days_waiting, w.items, w.customer) for w in r.waiting] == [
        ("GB701", 5, 1, "张**")]
    assert shop.reports.group_buy(shop.reports.period("today"), waiting_days=6).waiting == ()
    everyone = shop.reports.group_buy(shop.reports.period("today"), waiting_days=0).waiting
    assert {w.order_no for w in everyone} == {"GB701", "GB721", "GB724"}


def test_a_past_range_shows_its_own_campaigns_only(shop: Shop, group: GroupDay) -> None:
    from app.reports import make_period

    r = shop.reports.group_buy(make_period("range", today=TODAY, first=date(2026, 11, 19),
                                           last=date(2026, 11, 21)))
    assert [c.campaign_id for c in r.campaigns] == [71]
    assert (r.handouts_in_period, r.pieces_in_period) == (1, 1)
