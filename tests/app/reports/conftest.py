"""The reports' store on a real SQLite file (see report_world.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from report_world import CounterDay, GroupDay, Shop, group_buy_story, make_shop, ring_up_the_day

from app.clock import BusinessCalendar
from local_db.engine import Database


@pytest.fixture
def shop(db: Database, calendar: BusinessCalendar, tmp_path: Path) -> Shop:
    return make_shop(db, calendar, data_dir=tmp_path / "data")


@pytest.fixture
def day(shop: Shop) -> CounterDay:
    return ring_up_the_day(shop)


@pytest.fixture
def group(shop: Shop) -> GroupDay:
    return group_buy_story(shop)
