"""How the counter shows and reads quantities, prices and payment methods.

Money is integer fen everywhere: typed amounts go through app.money (Money.yuan), shown ones
through fmt_fen. A weight is integer grams, shown and typed as kilograms with three decimals
(Decimal, never float).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication

from app.errors import UserFacingError
from app.money import Money, fmt_fen, normalize_digits

PAYMENT_METHODS = ("cash", "wechat", "alipay", "card", "other")
_KG = re.compile(r"(\d{1,4})(?:\.(\d{1,3}))?\s*(?:kg|公斤|千克)?", re.IGNORECASE)
_GRAMS = re.compile(r"(\d{1,7})\s*(?:g|克)", re.IGNORECASE)
_RATE = re.compile(r"(\d{1,2}(?:\.\d)?)\s*折")
_PERCENT = re.compile(r"(\d{1,2}(?:\.\d)?)\s*%")


def kg_text(grams: int) -> str:
    """532 -> "0.532" (kilograms with three decimals)."""
    sign = "-" if grams < 0 else ""
    kg, g = divmod(abs(grams), 1000)
    return f"{sign}{kg}.{g:03d}"


def qty_text(unit: str, qty: int) -> str:
    """"2" for pieces, "0.532 kg" for a weighed line."""
    return f"{kg_text(qty)} kg" if unit == "kg" else str(qty)


def unit_price_text(unit: str, price_fen: int) -> str:
    return f"{fmt_fen(price_fen)}/kg" if unit == "kg" else fmt_fen(price_fen)


def amount_input_text(fen: int) -> str:
    """12.50: an amount as it is typed into a field."""
    return Money(fen).plain()


def _clean(text: str) -> str:
    return normalize_digits(text or "").strip().replace("，", ",")


def parse_amount(text: str, *, allow_zero: bool = True) -> int:
    """Yuan as typed ("12.5", "１２.５０", "¥3") to fen; UserFacingError if it is not one."""
    try:
        fen = Money.yuan(_clean(text)).fen
    except ValueError:
        fen = -1
    if fen < 0 or (fen == 0 and not allow_zero):
        raise UserFacingError("请输入金额，例如 12.50", "Enter an amount, like 12.50", code="bad_amount")
    return fen


def parse_optional_amount(text: str) -> int | None:
    """An amount, or None for an empty field."""
    return parse_amount(text) if _clean(text) else None


def parse_qty(unit: str, text: str) -> int:
    """Pieces as a whole number, or for "kg" the weight: kilograms ("0.532", "1.5kg") or
    grams ("532g"), returned as integer grams."""
    clean = _clean(text)
    if unit == "kg":
        grams_match = _GRAMS.fullmatch(clean)
        kg_match = _KG.fullmatch(clean)
        grams = -1
        if grams_match:
            grams = int(grams_match.group(1))
        elif kg_match:
            whole, frac = kg_match.groups()
            grams = int(whole) * 1000 + int((frac or "").ljust(3, "0"))
        if grams <= 0:
            raise UserFacingError("请输入重量（公斤），例如 0.532", "Enter the weight in kg, like 0.532",
                                  code="bad_qty")
        return grams
    if not clean.isdigit() or int(clean) <= 0 or len(clean) > 6:
        raise UserFacingError("请输入数量（正整数）", "Enter a quantity (a whole number above 0)",
                              code="bad_qty")
    return int(clean)


def parse_discount(text: str, base_fen: int) -> int:
    """An amount off `base_fen`: yuan ("5", "2.50"), a Chinese rate ("9折", "8.5折": pay 90% /
    85%) or a percentage off ("10%"). Rounded half up to the fen; empty means 0."""
    clean = _clean(text)
    if not clean:
        return 0
    for pattern, off in ((_RATE, False), (_PERCENT, True)):
        match = pattern.fullmatch(clean)
        if match is None:
            continue
        try:
            tenths = int(Decimal(match.group(1)) * 10)
        except InvalidOperation:
            break
        if off:  # 10% off: the discount is 10% of the base
            return Money(base_fen).times_fraction(tenths, 1000).fen
        if not 0 < tenths < 100:
            break
        return base_fen - Money(base_fen).times_fraction(tenths, 100).fen
    return parse_amount(clean)


def method_label(method: str) -> str:
    """现金 / 微信 / 支付宝 / 银行卡 / 其他 in the window's language."""
    labels = {
        "cash": QCoreApplication.translate("CounterText", "Cash"),
        "wechat": QCoreApplication.translate("CounterText", "WeChat Pay"),
        "alipay": QCoreApplication.translate("CounterText", "Alipay"),
        "card": QCoreApplication.translate("CounterText", "Card"),
        "other": QCoreApplication.translate("CounterText", "Other"),
    }
    return labels.get(method, method)


def methods_text(methods: tuple[str, ...] | list[str]) -> str:
    return " + ".join(method_label(m) for m in methods)
