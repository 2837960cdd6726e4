"""Settling what is due with one or more payments: cash (with change), WeChat Pay, Alipay,
card, other; and the cash rounding rule (抹零).

Cash rounding (Settings.cash_rounding_fen = 10): when cash pays the rest of a sale, that cash
amount is rounded DOWN to the jiao, as Chinese shops do (¥12.34 -> ¥12.30; the customer never
pays more than the price). The dropped fen are the sale's rounding_fen (negative). Nothing is
rounded when the sale is paid wholly by wallet or card, or when cash is given as a fixed
amount with a wallet paying the rest (the wallet can pay exact fen).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from app.errors import UserFacingError
from app.money import MAX_FEN, fmt_fen, normalize_digits
from sync.protocol.common import PaymentMethod

PAYMENT_METHODS = ("cash", "wechat", "alipay", "card", "other")


@dataclass(frozen=True, slots=True)
class PaymentInput:
    """One payment as the clerk enters it.

    amount_fen None: this payment takes whatever is left (at most one payment may). For cash,
    tendered_fen is what the customer handed over (default: the exact amount).
    reference: a wallet's payment code or transaction number, a card slip number.
    """

    method: str
    amount_fen: int | None = None
    tendered_fen: int | None = None
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class SettledPayment:
    method: PaymentMethod
    amount_fen: int  # what the sale keeps
    tendered_fen: int  # what the customer handed over
    change_fen: int  # 找零
    reference: str | None


@dataclass(frozen=True, slots=True)
class Settlement:
    due_fen: int  # subtotal - order discount
    rounding_fen: int  # 抹零, zero or negative
    total_fen: int  # due + rounding = sum of payment amounts
    payments: tuple[SettledPayment, ...]

    @property
    def change_fen(self) -> int:
        return sum(p.change_fen for p in self.payments)


def cash_rounding(amount_fen: int, step_fen: int) -> int:
    """The (zero or negative) adjustment that rounds a cash amount down to a multiple of step."""
    if step_fen <= 1 or amount_fen <= 0:
        return 0
    return -(amount_fen % step_fen)


def _bad(zh: str, en: str, code: str = "bad_payment") -> UserFacingError:
    return UserFacingError(zh, en, code=code)


def _is_fen(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def settle(due_fen: int, payments: list[PaymentInput], *, cash_rounding_fen: int) -> Settlement:
    """Check the payments against what is due and work out rounding and change.

    Raises UserFacingError when they do not add up (short, or a wallet paying too much).
    """
    if not _is_fen(due_fen) or due_fen < 0:
        raise ValueError("due_fen must be integer fen >= 0")
    rest = [p for p in payments if p.amount_fen is None]
    if len(rest) > 1:
        raise _bad("只能有一种支付方式支付剩余金额", "Only one payment can take the rest")
    explicit = 0
    for p in payments:
        if p.method not in PAYMENT_METHODS:
            raise _bad(f"未知的支付方式：{p.method}", f"Unknown payment method: {p.method}")
        for value in (p.amount_fen, p.tendered_fen):
            if value is not None and (not _is_fen(value) or not 0 <= value <= MAX_FEN):
                raise _bad("金额无效", "Invalid amount", "bad_amount")
        if p.amount_fen is not None:
            if p.amount_fen == 0:
                raise _bad("支付金额必须大于 0", "A payment must be above zero", "bad_amount")
            explicit += p.amount_fen
    remainder = due_fen - explicit
    if remainder < 0:
        raise _bad(f"支付金额超出应收 {fmt_fen(-remainder)}",
                   f"The payments exceed what is due by {fmt_fen(-remainder)}", "overpaid")
    rounding = 0
    settled: list[SettledPayment] = []
    for p in payments:
        amount = p.amount_fen
        if amount is None:
            if p.method == "cash":
                rounding = cash_rounding(remainder, cash_rounding_fen)
            amount = remainder + rounding
            if amount == 0:
                continue  # nothing left for it to pay
        settled.append(_settle_one(p, amount))
    if not rest and remainder != 0:
        raise _bad(f"还差 {fmt_fen(remainder)} 未付", f"{fmt_fen(remainder)} is still to pay", "short")
    total = due_fen + rounding
    assert sum(p.amount_fen for p in settled) == total
    return Settlement(due_fen=due_fen, rounding_fen=rounding, total_fen=total, payments=tuple(settled))


def _settle_one(p: PaymentInput, amount: int) -> SettledPayment:
    reference = normalize_digits(p.reference).strip() or None if p.reference else None
    if reference is not None and len(reference) > 64:
        raise _bad("交易号过长（最多64位）", "The reference is too long (64 at most)")
    if p.method == "cash":
        tendered = amount if p.tendered_fen is None else p.tendered_fen
        if tendered < amount:
            raise _bad(f"实收不足，还差 {fmt_fen(amount - tendered)}",
                       f"Cash handed over is {fmt_fen(amount - tendered)} short", "short")
        return SettledPayment("cash", amount, tendered, tendered - amount, reference)
    if p.tendered_fen is not None and p.tendered_fen != amount:
        raise _bad("非现金支付没有找零", "Only cash gives change")
    return SettledPayment(cast(PaymentMethod, p.method), amount, amount, 0, reference)
