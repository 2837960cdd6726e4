"""The reorder suggestion follows a known sales pattern (10 a day, 20 on Saturdays, four
weeks rung up through the counter), with the owner's factors and holiday eves; low stock and
products that stopped selling."""
from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from report_world import TODAY, CounterDay, Shop, local

from app.catalogue import ProductItem
from app.errors import UserFacingError
from app.reports import ReorderOptions
from app.reports.holidays import builtin_eves
from app.reports.reorder import learn_weekday_factors, load_options
from app.stock import ReceiveLine

WINDOW_FIRST = TODAY - timedelta(days=28)  # 2026-10-28, a Wednesday


@pytest.fixture
def pattern(shop: Shop) -> ProductItem:
    """A bottle of water that sells 10 a day and 20 on Saturdays for the four weeks before
    today; 360 received, so 40 are left; its low-stock mark is 10. Chewing gum sold three
    times in October and never since."""
    shop.at(local(2026, 10, 1, 9))
    water = shop.counter.catalogue.add_product(name="怡宝纯净水 1.555L", price_fen=300,
                                               barcode="6901285991530", actor=shop.owner,
                                               cost_fen=150, low_stock_at=10)
    shop.counter.stock.receive_stock(lines=[ReceiveLine(water.id, 360, 150)], actor=shop.owner)
    shop.products["big_water"] = water
    for day in (date(2026, 10, 20), date(2026, 10, 22), date(2026, 10, 25)):
        shop.sell(local(day.year, day.month, day.day, 15), [("gum", 1)], "cash")
    for i in range(28):
        day = WINDOW_FIRST + timedelta(days=i)
        qty = 20 if day.weekday() == 5 else 10
        shop.sell(local(day.year, day.month, day.day, 12), [("big_water", qty)], "wechat")
    shop.at(local(2026, 11, 25, 10))
    return water


def line_for(report, product_id):  # type: ignore[no-untyped-def]
    return next(x for x in report.reorder if x.product.product_id == product_id)


def test_weekday_factors_are_learnt_from_the_pattern(shop: Shop, pattern: ProductItem) -> None:
    r = shop.reports.stock()
    assert r.window == (WINDOW_FIRST, TODAY - timedelta(days=1))
    assert r.plan.learnt == (Fraction(7, 8),) * 5 + (Fraction(7, 4), Fraction(7, 8))
    assert r.plan.weekday == r.plan.learnt


def test_a_week_of_the_pattern_is_80_and_the_suggestion_fills_up_to_it(
        shop: Shop, pattern: ProductItem) -> None:
    r = shop.reports.stock()
    assert r.horizon == (date(2026, 11, 26), date(2026, 12, 2))  # Thursday to Wednesday
    line = line_for(r, pattern.id)
    assert line.sold_recent == 6 * 4 * 10 + 4 * 20  # 320
    assert line.product.stock == 40
    assert line.per_day == Fraction(80, 7)
    assert line.forecast == 80
    assert line.suggested == 80 + 10 - 40
    assert line.est_cost_fen == 50 * 150


def test_three_days_thursday_to_saturday_expect_10_10_20(shop: Shop, pattern: ProductItem) -> None:
    r = shop.reports.stock(options=ReorderOptions(cover_days=3))
    line = line_for(r, pattern.id)
    assert line.forecast == 40
    assert line.suggested == 40 + 10 - 40


def test_the_owner_overrules_saturday_and_adds_a_holiday_eve(shop: Shop,
                                                            pattern: ProductItem) -> None:
    quiet_saturday = ReorderOptions().with_factor(5, Fraction(7, 8))
    r = shop.reports.stock(options=quiet_saturday)
    assert r.plan.weekday[5] == Fraction(7, 8) and r.plan.learnt[5] == Fraction(7, 4)
    assert line_for(r, pattern.id).forecast == 70
    eve = ReorderOptions(added_eves=(date(2026, 11, 27),))  # a Friday, 1.5 times as busy
    r = shop.reports.stock(options=eve)
    assert [d for d, _ in r.eves_ahead] == [date(2026, 11, 27)]
    assert line_for(r, pattern.id).forecast == 80 + 5
    assert line_for(r, pattern.id).suggested == 85 + 10 - 40


def test_saved_options_are_used_until_changed(shop: Shop, pattern: ProductItem,
                                              tmp_path) -> None:  # type: ignore[no-untyped-def]
    saved = ReorderOptions(cover_days=3, holiday_eve_factor=Fraction(2))
    shop.reports.save_reorder_options(saved, actor=shop.owner)
    assert load_options(tmp_path / "data" / "reports_reorder.json") == saved
    assert line_for(shop.reports.stock(), pattern.id).forecast == 40
    with pytest.raises(UserFacingError):
        ReorderOptions(cover_days=0)


def test_a_product_that_stopped_selling(shop: Shop, pattern: ProductItem) -> None:
    r = shop.reports.stock()
    assert [(x.product.name, x.last_sold, x.days_quiet, x.sold_before) for x in r.stopped] == [
        ("绿箭口香糖", date(2026, 10, 25), 31, 3)]
    assert r.stopped[0].stock_value_fen == (30 - 3) * 90


def test_low_stock_with_its_suggestion(shop: Shop, day: CounterDay) -> None:
    r = shop.reports.stock()
    # cola: 12 received, 7 sold, mark 5; tissue never received, one sold: -1
    assert [(x.product.name, x.product.stock) for x in r.low_stock] == [
        ("维达抽纸 3层100抽", -1), ("可口可乐 330ml", 5)]
    assert {x.product.name: x.suggested for x in r.low_stock} == {
        "维达抽纸 3层100抽": 1, "可口可乐 330ml": 1}
    shopping = r.shopping_list()
    assert [row[0] for row in shopping.rows] == ["维达抽纸 3层100抽", "可口可乐 330ml"]


def test_too_little_history_gives_even_factors() -> None:
    days = [WINDOW_FIRST + timedelta(days=i) for i in range(28)]
    assert learn_weekday_factors({days[6]: 5000}, days, set()) == (Fraction(1),) * 7


def test_holiday_eves_are_the_days_before_holidays() -> None:
    eves = builtin_eves()
    assert date(2026, 9, 30) in eves and eves[date(2026, 9, 30)].zh == "国庆节"
    assert date(2026, 2, 14) in eves
    assert date(2026, 10, 1) not in eves
