"""Money in integer fen (分). No float ever touches money."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

_AMOUNT = re.compile(r"([+-]?)\s*[¥￥]?\s*(\d{1,13})(?:\.(\d{1,2}))?")
MAX_YUAN = 10**13
"""Amounts are below this many yuan (13 digits, as typed): far inside SQLite's integers."""
MAX_FEN = MAX_YUAN * 100 - 1
"""The largest amount in fen a cart line, a sale or a payment may reach."""


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """An amount of Chinese yuan held as integer fen; prints as ¥1,234.50."""

    fen: int = 0

    def __post_init__(self) -> None:
        if isinstance(self.fen, bool) or not isinstance(self.fen, int):
            raise TypeError(f"Money takes integer fen, not {type(self.fen).__name__}")

    @classmethod
    def yuan(cls, text: str | int | Decimal) -> Money:
        """Parse yuan as typed by a person ("12.5", "１２.５０", "¥3") into fen.

        Raises ValueError for anything that is not a plain amount with at most two decimals.
        """
        if isinstance(text, (bool, float)):
            raise TypeError("amounts are never floats")
        if isinstance(text, int):
            if abs(text) >= MAX_YUAN:
                raise ValueError(f"not an amount: {text!r}")
            return cls(text * 100)
        if isinstance(text, Decimal):
            # Bounded like typed text: beyond 28 digits, text * 100 below would round.
            if not text.is_finite() or abs(text) >= MAX_YUAN:
                raise ValueError(f"not an amount: {text!r}")
            fen = text * 100
            if fen != fen.to_integral_value():
                raise ValueError(f"more than two decimals: {text!r}")
            return cls(int(fen))
        cleaned = normalize_digits(str(text)).strip().replace(",", "")
        match = _AMOUNT.fullmatch(cleaned) if len(cleaned) <= 20 else None
        if match is None:
            raise ValueError(f"not an amount: {text!r}")
        sign, yuan, frac = match.groups()
        fen = int(yuan) * 100 + int((frac or "").ljust(2, "0"))
        return cls(-fen if sign == "-" else fen)

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen + other.fen)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen - other.fen)

    def __neg__(self) -> Money:
        return Money(-self.fen)

    def __mul__(self, qty: int) -> Money:
        if isinstance(qty, bool) or not isinstance(qty, int):
            return NotImplemented
        return Money(self.fen * qty)

    __rmul__ = __mul__

    def __bool__(self) -> bool:
        return self.fen != 0

    def times_fraction(self, numerator: int, denominator: int) -> Money:
        """fen × numerator / denominator, rounded half up (e.g. price per kg × grams / 1000)."""
        if denominator <= 0:
            raise ValueError("denominator must be positive")
        q = (Decimal(self.fen) * numerator / denominator).quantize(Decimal(1), ROUND_HALF_UP)
        return Money(int(q))

    def round_to(self, step_fen: int) -> Money:
        """Round half up to a multiple of step_fen (10 = to the jiao, 100 = to the yuan)."""
        if step_fen <= 1:
            return self
        sign = -1 if self.fen < 0 else 1
        q, r = divmod(abs(self.fen), step_fen)
        if r * 2 >= step_fen:
            q += 1
        return Money(sign * q * step_fen)

    def format(self, symbol: str = "¥") -> str:
        sign = "-" if self.fen < 0 else ""
        yuan, fen = divmod(abs(self.fen), 100)
        return f"{sign}{symbol}{yuan:,}.{fen:02d}"

    def plain(self) -> str:
        """12.50 without symbol or grouping, for inputs and CSV."""
        sign = "-" if self.fen < 0 else ""
        yuan, fen = divmod(abs(self.fen), 100)
        return f"{sign}{yuan}.{fen:02d}"

    def __str__(self) -> str:
        return self.format()


def fmt_fen(fen: int) -> str:
    """The one place integer fen becomes text for a person: ¥1,234.50."""
    return Money(fen).format()


_FULLWIDTH = {ord("０") + i: ord("0") + i for i in range(10)}
_FULLWIDTH.update({ord("．"): ord("."), ord("，"): ord(","), ord("－"): ord("-"), ord("＋"): ord("+"),
                   ord("。"): ord(".")})


def normalize_digits(text: str) -> str:
    """Full-width digits and punctuation (１２３．５) become ASCII; everything else is kept."""
    return text.translate(_FULLWIDTH)
