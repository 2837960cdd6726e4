"""Fixtures of the counter tests (the shop itself is built in counter_shop.py)."""
from __future__ import annotations

import pytest
from counter_shop import Shop, make_shop

from app.clock import BusinessCalendar, FixedClock
from app.settings import Settings
from local_db.engine import Database


@pytest.fixture
def settings() -> Settings:
    return Settings(cash_rounding_fen=0, price_override_limit_fen=500,
                    scale_barcode_layout="2FFFFFWWWWWC")


@pytest.fixture
def shop(db: Database, clock: FixedClock, calendar: BusinessCalendar, settings: Settings) -> Shop:
    return make_shop(db, clock, calendar, settings)
