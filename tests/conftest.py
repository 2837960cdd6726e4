"""Shared test fixtures: a real SQLite file per test, a fixed clock, offscreen Qt."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

# Offscreen Qt unless a test run sets a real display on purpose (the Xvfb tests do that in
# a child process of their own).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.clock import BusinessCalendar, FixedClock  # noqa: E402
from local_db.engine import Database  # noqa: E402
from local_db.migrate import upgrade  # noqa: E402

SHARED_DIR = ROOT.parent / "shared"
# 2026-11-25 10:00 in Shanghai: a Wednesday morning at the counter.
T0 = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def calendar() -> BusinessCalendar:
    return BusinessCalendar("Asia/Shanghai", 4)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "station.db"
    upgrade(path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def shared_dir() -> Path:
    return SHARED_DIR
