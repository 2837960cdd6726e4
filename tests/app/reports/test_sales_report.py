"""The sales report equals what the test rang up: totals, methods, hours (a sale at 23:50 and
one at 01:30 business time on a UTC clock), best sellers, refunds, discounts, margin."""
from __future__ import annotations

from datetime import date

from report_world import DAY, TODAY, CounterDay, Shop, local

from app.reports import make_period


def test_the_days_totals_are_the_sales_rung_up(shop: Shop, day: CounterDay) -> None:
    r = shop.reports.sales(shop.reports.period("today"))
    assert r.period.first == r.period.last == TODAY
    assert r.sales_count == DAY["count"]
    assert r.sales_fen == DAY["sales"]
    assert r.refunds_count == DAY["refunds_count"]
    assert r.refunds_fen == DAY["refunds"]
    assert r.net_fen == DAY["net"]
    assert r.average_ticket_fen == DAY["average"]
    assert r.discounts_fen == DAY["discounts"]
    assert r.rounding_fen == 0
    assert (r.previous_sales_count, r.previous_sales_fen) == (DAY["previous_count"],
                                                              DAY["previous_sales"])
    assert {m.method: (m.sales_fen, m.refunds_fen) for m in r.by_method} == DAY["methods"]


def test_late_and_after_midnight_sales_land_on_the_business_day_and_local_hour(
        shop: Shop, day: CounterDay) -> None:
    # The clock is UTC: 23:50 in Shanghai is 15:50 UTC, 07:30 is 23:30 UTC the day before.
    r = shop.reports.sales(shop.reports.period("today"))
    hours = {h.hour: (h.sales_count, h.sales_fen) for h in r.by_hour if h.sales_count}
    assert hours == DAY["hours"]
    assert [(d.day, d.sales_count) for d in r.by_day] == [(TODAY, DAY["count"])]
    # the receipt numbers agree: all five are the 25th's, the evening before is the 24th's
    assert all(day.sale_numbers[k].startswith("20261125-") for k in ("s1", "s2", "s3", "s4", "s5"))
    yesterday = shop.reports.sales(make_period("range", today=TODAY, first=date(2026, 11, 24),
                                               last=date(2026, 11, 24)))
    assert (yesterday.sales_count, yesterday.sales_fen) == (1, 300)
    assert {h.hour for h in yesterday.by_hour if h.sales_count} == {20}


def test_a_sale_after_the_cutoff_starts_the_next_business_day(shop: Shop, day: CounterDay) -> None:
    shop.sell(local(2026, 11, 26, 4, 10), [("gum", 2)], "cash")
    today = shop.reports.period("today")
    assert today.first == date(2026, 11, 26)
    r = shop.reports.sales(today)
    assert (r.sales_count, r.sales_fen) == (1, 300)
    assert (r.previous_sales_count, r.previous_sales_fen) == (DAY["count"], DAY["sales"])
    before = shop.reports.sales(make_period("range", today=today.first, first=TODAY, last=TODAY))
    assert before.sales_fen == DAY["sales"]


def test_best_sellers_net_of_the_refund_with_the_order_discount_shared(
        shop: Shop, day: CounterDay) -> None:
    r = shop.reports.sales(shop.reports.period("today"))
    by_takings = {p.name: (p.qty, p.takings_fen) for p in r.top_by_takings}
    assert by_takings == DAY["products"]
    assert [p.name for p in r.top_by_takings] == ["红富士苹果", "可口可乐 330ml", "维达抽纸 3层100抽",
                                                   "农夫山泉 550ml"]
    # by pieces: weighed goods are not counted in pieces
    assert [(p.name, p.qty) for p in r.top_by_qty] == [("可口可乐 330ml", 6), ("农夫山泉 550ml", 5),
                                                       ("维达抽纸 3层100抽", 1)]
    water = next(p for p in r.top_by_qty if p.name == "农夫山泉 550ml")
    assert (water.sold_qty, water.refunded_qty) == (7, 2)
    assert r.products_sold == 4


def test_gross_margin_counts_only_lines_with_a_known_cost(shop: Shop, day: CounterDay) -> None:
    m = shop.reports.sales(shop.reports.period("today")).margin
    assert m.takings_fen == DAY["margin_takings"]
    assert m.cost_fen == DAY["margin_cost"]
    assert m.margin_fen == DAY["margin_takings"] - DAY["margin_cost"]  # 1819
    assert m.rate is not None and round(float(m.rate), 4) == round(1819 / 4599, 4)
    tissue = next(p for p in shop.reports.sales(shop.reports.period("today")).top_by_takings
                  if p.name.startswith("维达"))
    assert tissue.cost_fen is None and tissue.margin_fen is None


def test_week_and_month_add_the_days_up(shop: Shop, day: CounterDay) -> None:
    week = shop.reports.period("week")
    assert (week.first, week.last) == (date(2026, 11, 23), TODAY)  # Monday to today
    r = shop.reports.sales(week)
    assert r.sales_count == DAY["count"] + 1
    assert r.sales_fen == DAY["sales"] + 300
    assert [d.day for d in r.by_day] == [date(2026, 11, 23), date(2026, 11, 24), TODAY]
    assert sum(d.sales_fen for d in r.by_day) == r.sales_fen
    month = shop.reports.sales(shop.reports.period("month"))
    assert month.period.first == date(2026, 11, 1) and month.sales_fen == r.sales_fen
    assert len(month.by_day) == 25


def test_an_empty_period_is_all_zero(shop: Shop) -> None:
    r = shop.reports.sales(shop.reports.period("today"))
    assert (r.sales_count, r.sales_fen, r.average_ticket_fen, r.refunds_fen) == (0, 0, 0, 0)
    assert r.by_method == () and r.top_by_takings == () and not r.margin.known
    assert all(t.rows is not None for t in r.tables())


def test_every_money_figure_is_integer_fen(shop: Shop, day: CounterDay) -> None:
    r = shop.reports.sales(shop.reports.period("today"))
    for name in ("sales_fen", "refunds_fen", "discounts_fen", "net_fen", "average_ticket_fen"):
        assert type(getattr(r, name)) is int, name
    for p in r.top_by_takings:
        assert type(p.takings_fen) is int
    for table in r.tables():
        for row in table.all_rows():
            for column, value in zip(table.columns, row, strict=True):
                if column.kind == "fen" and value is not None:
                    assert type(value) is int, (table.name, column.title.zh)
