from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.money import Money, fmt_fen, normalize_digits


def test_formatting() -> None:
    assert Money(1250).format() == "¥12.50"
    assert Money(123450).format() == "¥1,234.50"
    assert Money(-5).format() == "-¥0.05"
    assert Money(0).format() == "¥0.00"
    assert fmt_fen(100_000_00) == "¥100,000.00"
    assert Money(1250).plain() == "12.50"


def test_parsing_what_people_type() -> None:
    assert Money.yuan("12.5") == Money(1250)
    assert Money.yuan("１２．５０") == Money(1250)
    assert Money.yuan("¥3") == Money(300)
    assert Money.yuan("￥1,234.56") == Money(123456)
    assert Money.yuan(7) == Money(700)
    assert Money.yuan(Decimal("0.01")) == Money(1)
    for bad in ["", "abc", "1.234", "NaN", "inf", "1e400", "12..5", "-", "9" * 30]:
        with pytest.raises(ValueError):
            Money.yuan(bad)


def test_no_float_ever() -> None:
    with pytest.raises(TypeError):
        Money(12.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money.yuan(12.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(True)  # type: ignore[arg-type]
    assert Money(100) * 3 == Money(300)
    with pytest.raises(TypeError):
        _ = Money(100) * 1.5  # type: ignore[operator]


def test_arithmetic_and_rounding() -> None:
    assert Money(1000) + Money(250) - Money(50) == Money(1200)
    # 1.234 kg at ¥12.80/kg = ¥15.7952 -> ¥15.80
    assert Money(1280).times_fraction(1234, 1000) == Money(1580)
    assert Money(1234).round_to(10) == Money(1230)
    assert Money(1235).round_to(10) == Money(1240)
    assert Money(-1235).round_to(10) == Money(-1240)
    assert Money(1234).round_to(0) == Money(1234)


def test_normalize_digits() -> None:
    assert normalize_digits("１２３ab") == "123ab"


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_format_parse_round_trip(fen: int) -> None:
    m = Money(fen)
    assert Money.yuan(m.plain()) == m
    assert Money.yuan(m.format()) == m
