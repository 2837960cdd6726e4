"""Two weeks of counter sales for the demo shop, rung up through the real counter services.

The demo's Reports screen then has something to show. Each past day opens the till in the
morning and closes it at night with a Z report; today's till stays open. Deterministic from
a seed; run once (a demo that already has sales is left alone).
"""
from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from app.actors import Actor
from app.cart import Cart
from app.clock import BusinessCalendar, FixedClock
from app.counter_services import CounterServices
from app.errors import NotFound
from app.settings import Settings
from app.tender import PaymentInput
from app.till import DENOMINATIONS_FEN
from local_db.engine import Database
from local_db.models import Sale

METHODS = ("cash", "cash", "wechat", "wechat", "wechat", "alipay", "card")
BUSY_HOURS = (7, 8, 8, 9, 11, 12, 12, 16, 17, 17, 18, 18, 19, 20, 21)


def ring_up_demo_sales(
    db: Database,
    *,
    now: datetime,
    calendar: BusinessCalendar,
    settings: Settings,
    clerk: Actor,
    owner: Actor,
    days: int = 14,
    per_day: int = 12,
    seed: int = 3,
) -> int:
    """Ring up `days` days of sales before today and today's up to `now`; returns how many."""
    with db.read() as uow:
        if uow.session.scalar(select(func.count()).select_from(Sale)):
            return 0
    clock = FixedClock(now)
    counter = CounterServices.build(db, clock, calendar, settings)
    rng = random.Random(seed)
    products = _shelf(counter)
    shelf = [p for p in products if p.unit == "piece" and p.price_fen < 3000]
    fruit = [p for p in products if p.unit == "kg"]
    favourites = rng.sample(shelf, min(12, len(shelf)))
    today = calendar.business_day(now)
    rung = 0
    for back in range(days, -1, -1):
        day = today - timedelta(days=back)
        clock.set(_at(calendar, day, 6, 50))
        counter.till.open_till(float_fen=30_000, actor=clerk)
        n = per_day + (8 if day.weekday() == 5 else 0) + rng.randint(-3, 3)
        for hour in sorted(rng.choice(BUSY_HOURS) for _ in range(n)):
            when = _at(calendar, day, hour, rng.randint(0, 59))
            if when >= now:
                break
            clock.set(when)
            cart = Cart()
            for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
                cart.add_product(rng.choice(favourites if rng.random() < 0.6 else shelf),
                                 rng.choice((1, 1, 1, 2, 3)))
            if fruit and rng.random() < 0.15:
                cart.add_product(rng.choice(fruit), rng.randint(400, 2200))
            counter.sales.checkout(cart=cart, payments=[PaymentInput(rng.choice(METHODS))],
                                   actor=clerk)
            rung += 1
        if back > 0:
            clock.set(_at(calendar, day, 22, 30))
            expected = counter.till.x_report().expected_cash_fen
            counted, coins = _count(expected)
            counter.till.close_day(counted=counted, actor=owner,
                                   variance_reason="分币未清点 fen coins not counted" if coins else None)
    return rung


def _shelf(counter: CounterServices) -> list:  # type: ignore[type-arg]
    items = []
    for product_id in range(1, 161):
        try:
            item = counter.catalogue.get_product(product_id)
        except NotFound:  # a gap in the ids is fine
            continue
        if item.active:
            items.append(item)
    return items


def _count(expected_fen: int) -> tuple[dict[int, int], int]:
    """The drawer counted note by note as expected; returns the counts and the fen coins left
    over (there is no denomination below a jiao)."""
    counted: dict[int, int] = {}
    rest = expected_fen
    for value in sorted(DENOMINATIONS_FEN, reverse=True):
        counted[value], rest = divmod(rest, value)
    return counted, rest


def _at(calendar: BusinessCalendar, day: date, hour: int, minute: int = 0) -> datetime:
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=calendar.tz)
    return local.astimezone(UTC)
