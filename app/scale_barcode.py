"""Barcode arithmetic: EAN/UPC check digits and label-scale (条码秤) EAN-13 codes.

A label scale prints an EAN-13 that starts with 2 and carries the item's PLU and either the
weight in grams or the price in fen, e.g. with the layout "2XFFFFFWWWWWC":

    2 1 00042 00532 7   ->  PLU 42, 532 g (check digit 7)

Layout letters (Settings.scale_barcode_layout):
    a digit  must be exactly that digit (the "2" of the in-store range)
    X        any digit, ignored (the scale's department flag)
    F        PLU digits (the product's `plu`)
    W        weight in grams          P   price in fen (the scale computed the line total)
    C        the EAN-13 check digit, last
A 12-character layout such as the default "2FFFFFWWWWWC" is the common short form whose
leading "2" stands for the two-digit prefix "2x" (2 and a flag digit): it reads as
"2XFFFFFWWWWWC".
"""
from __future__ import annotations

from dataclasses import dataclass

from app.errors import UserFacingError

_LETTERS = frozenset("XFWPC")


def ean_check_digit(body: str) -> int:
    """The GS1 check digit for the digits before it (7 for EAN-8, 11 for UPC-A, 12 for EAN-13)."""
    if not body.isdigit() or not body.isascii():
        raise ValueError(f"not digits: {body!r}")
    # Weights 3,1,3,1... counted from the rightmost digit of the body.
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def has_valid_check_digit(code: str) -> bool:
    """True for an EAN-13, EAN-8 or UPC-A (12 digits) whose last digit checks out."""
    if len(code) not in (8, 12, 13) or not code.isdigit() or not code.isascii():
        return False
    return ean_check_digit(code[:-1]) == int(code[-1])


def looks_like_retail_barcode(code: str) -> bool:
    """8, 12 or 13 ASCII digits: a code whose check digit must be right."""
    return len(code) in (8, 12, 13) and code.isascii() and code.isdigit()


@dataclass(frozen=True, slots=True)
class ScaleLayout:
    """A parsed label-scale layout: 13 positions, one letter or digit each."""

    pattern: str

    @classmethod
    def parse(cls, text: str) -> ScaleLayout:
        raw = text.strip().upper()
        if len(raw) == 12 and raw[:1].isdigit():
            raw = raw[0] + "X" + raw[1:]
        if (
            len(raw) != 13
            or any(not (c.isdigit() or c in _LETTERS) for c in raw)
            or raw[-1] != "C"
            or raw.count("C") != 1
            or "F" not in raw
            or (("W" in raw) == ("P" in raw))
        ):
            raise UserFacingError(
                f"条码秤格式“{text}”无效：需 13 位，含 PLU（F）、重量（W）或金额（P）及末位校验（C）",
                f"Label-scale layout {text!r} is invalid: 13 positions with PLU (F), "
                "weight (W) or price (P), and the check digit (C) last",
                code="scale_layout",
            )
        return cls(raw)

    def _digits(self, code: str, letter: str) -> str:
        return "".join(d for d, c in zip(code, self.pattern, strict=True) if c == letter)

    def matches(self, code: str) -> bool:
        """Whether a 13-digit code is in this scale's range (its fixed digits agree)."""
        return len(code) == 13 and all(
            not c.isdigit() or c == d for d, c in zip(code, self.pattern, strict=True)
        )


@dataclass(frozen=True, slots=True)
class ScaleReading:
    """What a label-scale barcode says: which PLU, and its weight or its price."""

    plu: int
    grams: int | None
    price_fen: int | None


def read_scale_barcode(code: str, layout: ScaleLayout) -> ScaleReading | None:
    """The PLU and weight/price of a label-scale code, or None if it is not one.

    The check digit must already have been verified (`has_valid_check_digit`).
    """
    if not (code.isascii() and code.isdigit()) or not layout.matches(code):
        return None
    plu = int(layout._digits(code, "F"))
    if "W" in layout.pattern:
        return ScaleReading(plu=plu, grams=int(layout._digits(code, "W")), price_fen=None)
    return ScaleReading(plu=plu, grams=None, price_fen=int(layout._digits(code, "P")))


def make_scale_barcode(layout: ScaleLayout, *, plu: int, value: int, flag: int = 0) -> str:
    """Build a label-scale code (for tests and the demo): value is grams or fen."""
    out: list[str] = []
    counts = {c: layout.pattern.count(c) for c in "FWP"}
    fields = {
        "F": str(plu).zfill(counts["F"]),
        "W": str(value).zfill(counts["W"]),
        "P": str(value).zfill(counts["P"]),
    }
    if any(len(fields[c]) > counts[c] for c in "FWP" if counts[c]):
        raise ValueError("PLU or value does not fit the layout")
    used = {"F": 0, "W": 0, "P": 0}
    for c in layout.pattern[:-1]:
        if c.isdigit():
            out.append(c)
        elif c == "X":
            out.append(str(flag))
        else:
            out.append(fields[c][used[c]])
            used[c] += 1
    body = "".join(out)
    return body + str(ean_check_digit(body))
