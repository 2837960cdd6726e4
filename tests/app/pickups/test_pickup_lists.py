"""Today's pickups, the uncollected shelf, and the reminder for the WeChat group."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta

from conftest import COMPOUND, LATE, READY, READY_SAME_TAIL, World

from app.pickups import VerdictState, mask_name


def test_todays_pickups_are_the_business_day(world: World) -> None:
    assert world.service.todays_pickups() == []  # yesterday's hand-out is not today's
    first = world.service.hand_out(READY, actor=world.leader, method="qr")
    world.clock.advance(hours=1)
    second = world.service.hand_out(
        READY_SAME_TAIL, actor=world.clerk, method="phone", proxy_note="老伴代取"
    )
    records = world.service.todays_pickups()
    assert [r.pickup_id for r in records] == [second.pickup_id, first.pickup_id]
    assert records[0].customer == "李*" and records[0].staff_name == "小刘"
    assert records[0].proxy_note == "老伴代取" and records[0].items == 1
    assert records[1].customer == "张**" and records[1].items == 4
    # 03:59 next morning still belongs to today (cut-off 04:00 Shanghai); 04:00 does not.
    start, end = world.calendar.day_bounds(world.calendar.business_day(world.clock.now()))
    world.clock.set(end - timedelta(seconds=1))
    assert len(world.service.todays_pickups()) == 2
    world.clock.set(end)
    assert world.service.todays_pickups() == []


def test_waiting_orders(world: World) -> None:
    waiting = world.service.waiting_orders()
    ids = {w.order_id for w in waiting}
    assert ids == {READY, READY_SAME_TAIL, LATE, COMPOUND}
    ready = next(w for w in waiting if w.order_id == READY)
    assert ready.items == 4 and ready.customer == "张**" and ready.days_waiting == 3
    assert ready.storages == ("ambient", "chilled", "frozen")
    assert ready.state is VerdictState.READY
    late = next(w for w in waiting if w.order_id == LATE)
    assert late.deadline_passed
    assert world.service.waiting_orders(min_days=4) == []
    assert world.service.waiting_orders(campaign_id=12) == []
    milk = world.line_ids[READY][0]
    world.service.hand_out(READY, {milk: 2}, actor=world.leader)
    partly = next(w for w in world.service.waiting_orders() if w.order_id == READY)
    assert partly.items == 2 and partly.state is VerdictState.PARTLY_PICKED
    assert partly.storages == ("ambient", "frozen")
    world.service.hand_out(READY, actor=world.leader)
    assert READY not in {w.order_id for w in world.service.waiting_orders()}


def test_reminder_text_has_no_full_names_or_numbers(world: World) -> None:
    waiting = world.service.waiting_orders()
    text = world.service.reminder_text(waiting)
    lines = text.splitlines()
    assert lines[0] == "【邻里站·幸福里店】以下邻居的团购已到货，请尽快来取："
    assert any(line.startswith("尾号1234 张** 4件（货架A-03）") for line in lines)
    assert any(line.startswith("尾号1234 李* 1件（货架B-01）") for line in lines)
    assert any(line.startswith("尾号4321 欧阳** 2件") for line in lines)
    assert "尾号1234 张** 4件（货架A-03），11月27日前" in lines
    assert "尾号4444 周* 1件（货架A-07）" in lines  # its deadline has passed: no date
    for full in ("张小明", "李娜", "欧阳娜娜", "周杰"):
        assert full not in text
    assert not re.search(r"\d{5,}", text.replace("A-03", ""))  # no long digit runs at all
    english = world.service.reminder_text(waiting, lang="en")
    assert english.startswith("[邻里站·幸福里店] Group-buy orders")
    assert "ending 1234 张** 4 items (shelf A-03)" in english
    assert "张小明" not in english


def test_reminder_groups_one_customer(world: World) -> None:
    ready = next(w for w in world.service.waiting_orders() if w.order_id == READY)
    another = dataclasses.replace(ready, order_id=9, items=3, shelf_slot="D-01")
    text = world.service.reminder_text([ready, another])
    assert "尾号1234 张** 7件（货架A-03、D-01），11月27日前" in text.splitlines()


def test_masking() -> None:
    assert mask_name("张小明") == "张**"
    assert mask_name("张伟") == "张*"
    assert mask_name("欧阳娜娜") == "欧阳**"
    assert mask_name("欧阳娜") == "欧阳**"
    assert mask_name("欧阳") == "欧*"
    assert mask_name("诸葛亮") == "诸葛**"
    assert mask_name("王") == "王*"
    assert mask_name("") == "**"
    assert mask_name(None) == "**"
    assert mask_name(" 李 娜 ") == "李*"
    assert mask_name("Lily") == "L**"
    assert mask_name("快乐的小猪🐷") == "快**"
    assert mask_name("\u200b张三丰") == "张**"
