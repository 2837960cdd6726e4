"""What the hostile-input tests share: a small demo station on a real SQLite file, the
hypothesis profile, and a tally of how many inputs each test tried."""
from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, settings

from app.actors import Actor
from app.clock import BusinessCalendar, FixedClock
from app.counter_services import CounterServices
from app.demo_seed import DemoScale, DemoSummary, seed_demo
from app.pickups import PickupService
from app.settings import Settings
from app.staff import StaffService
from local_db.engine import Database
from local_db.migrate import upgrade

T0 = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
TRIED: Counter[str] = Counter()

# Deterministic (the same inputs on every run, so CI never flickers), no example database in
# the working tree, no deadline on a loaded machine.
settings.register_profile(
    "hostile", derandomize=True, database=None, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
HOSTILE = settings.get_profile("hostile")


@dataclass
class Station:
    path: Path
    db: Database
    clock: FixedClock
    calendar: BusinessCalendar
    settings: Settings
    counter: CounterServices
    pickups: PickupService
    clerk: Actor
    demo: DemoSummary

    def checksum(self, *tables: str) -> str:
        """The rows of `tables` (every table if none), read beside the app's own connections."""
        digest = hashlib.sha256()
        conn = sqlite3.connect(self.path)
        try:
            names = tables or tuple(n for (n,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'product_fts_%' ORDER BY name"))
            for name in names:
                for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
                    digest.update(repr(row).encode())
                digest.update(b"|")
        finally:
            conn.close()
        return digest.hexdigest()


def open_station(path: Path) -> Station:
    upgrade(path)
    db = Database(path)
    clock = FixedClock(T0)
    calendar = BusinessCalendar("Asia/Shanghai", 4)
    demo = seed_demo(db, now=T0, calendar=calendar,
                     scale=DemoScale(products=60, orders=60, campaigns=3))
    shop_settings = Settings()
    counter = CounterServices.build(db, clock, calendar, shop_settings)
    clerk = next(a for a in StaffService(db, clock).signable() if a.staff_no == "02")
    counter.till.open_till(float_fen=10_000, actor=clerk)
    return Station(path, db, clock, calendar, shop_settings, counter,
                   PickupService(db, clock, calendar, shop_settings), clerk, demo)
