"""Customers' mobile payment codes (付款码), told apart from product barcodes.

A scanner at the payment step reads the code on the customer's phone. The app does not call
WeChat Pay or Alipay: it records the code as the payment's reference. A payment code is never
looked up as a product; the catalogue refuses one with a message that says where it belongs.

    WeChat Pay  18 digits starting 10-15
    Alipay      16-24 digits starting 25-30
"""
from __future__ import annotations

from typing import Literal

from app.money import normalize_digits

PaymentCodeKind = Literal["wechat", "alipay"]


def normalize_code(text: str) -> str:
    """Full-width digits to ASCII, surrounding blanks (and a scanner's Enter) removed."""
    return normalize_digits(text).strip()


def classify_payment_code(text: str) -> PaymentCodeKind | None:
    """"wechat", "alipay", or None when the text is not a mobile payment code."""
    code = normalize_code(text)
    if not (code.isascii() and code.isdigit()):
        return None
    head = int(code[:2]) if len(code) >= 2 else -1
    if len(code) == 18 and 10 <= head <= 15:
        return "wechat"
    if 16 <= len(code) <= 24 and 25 <= head <= 30:
        return "alipay"
    return None
