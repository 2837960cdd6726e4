"""The hostile-input tests' station (one per module) and the tally printed at the end."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from hostile_station import TRIED, Station, open_station


@pytest.fixture(scope="module")
def station(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Station]:
    shop = open_station(tmp_path_factory.mktemp("hostile") / "station.db")
    try:
        yield shop
    finally:
        shop.db.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TRIED:
        terminalreporter.write_line(
            f"[hostile inputs] {sum(TRIED.values())} inputs tried: "
            + ", ".join(f"{name} {n}" for name, n in sorted(TRIED.items())))
