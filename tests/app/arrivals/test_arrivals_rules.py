"""The pure parts: sharing a shortage, shelf slots, case breakdowns."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.arrivals import AllocationError, case_breakdown, format_slot, parse_slot
from app.arrivals.allocation import Candidate, allocate
from app.arrivals.shelving import free_numbers

T = datetime(2026, 11, 24, tzinfo=UTC)


def lines(*qtys: int) -> list[Candidate]:
    """Line n+1 of order n+1, placed n hours after T, ordering qtys[n]."""
    return [Candidate(order_line_id=n + 1, order_id=n + 1, placed_at=T + timedelta(hours=n),
                      capacity=q) for n, q in enumerate(qtys)]


def test_latest_and_earliest_first_take_whole_lines_in_order() -> None:
    assert allocate(4, lines(2, 3, 2), "latest_first") == {3: 2, 2: 2}
    assert allocate(4, lines(2, 3, 2), "earliest_first") == {1: 2, 2: 2}
    assert allocate(0, lines(2, 3), "latest_first") == {}


def test_proportional_spreads_and_breaks_ties_towards_later_orders() -> None:
    assert allocate(3, lines(1, 1, 1, 1, 1, 1), "proportional") == {6: 1, 5: 1, 4: 1}
    shares = allocate(5, lines(10, 5, 5), "proportional")
    assert sum(shares.values()) == 5 and shares[1] in (2, 3) and shares[2] in (1, 2)
    assert allocate(7, lines(3, 4), "proportional") == {1: 3, 2: 4}


def test_manual_shares_are_checked() -> None:
    assert allocate(2, lines(1, 2), "manual", {2: 2}) == {2: 2}
    with pytest.raises(AllocationError):
        allocate(2, lines(1, 2), "manual", {2: 1})
    with pytest.raises(AllocationError):
        allocate(2, lines(1, 2), "manual", {1: 2})  # more than it ordered
    with pytest.raises(AllocationError):
        allocate(1, lines(1), "manual", {1: True})
    with pytest.raises(ValueError):
        allocate(5, lines(1, 2), "latest_first")


def test_shelf_slots() -> None:
    assert format_slot(17, ["frozen", "ambient"]) == "A/F-017"
    assert format_slot(1234, ["chilled"]) == "C-1234"
    slot = parse_slot("A/C/F-007")
    assert slot is not None and slot.number == 7 and slot.bag_slots == ("A-007", "C-007", "F-007")
    assert parse_slot("A-01").number == 1  # the demo seeder's form
    assert parse_slot("shelf 3") is None and parse_slot(None) is None
    numbers = free_numbers({1, 2, 4})
    assert [next(numbers) for _ in range(3)] == [3, 5, 6]
    with pytest.raises(ValueError):
        format_slot(0, ["ambient"])


def test_case_breakdown() -> None:
    assert case_breakdown(29, 12) == "2箱×12 + 5"
    assert case_breakdown(24, 12) == "2箱×12"
    assert case_breakdown(7, 12) == "7"
    assert case_breakdown(29, None) == "29"
