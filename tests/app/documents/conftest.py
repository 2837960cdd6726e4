"""A realistic sale and its refund, as the sales service would hand them to the receipt."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

import pytest

from app.documents.receipt import ReceiptData, ReceiptLine, ReceiptPayment

LONG_NAME = "康师傅红烧牛肉面（经典袋装五连包）超值家庭装 Master Kong Beef Noodles Family Pack"


def make_receipt(*, refund: bool = False) -> ReceiptData:
    lines = [
        ReceiptLine("农夫山泉饮用天然水 550ml", 2, "piece", 200, 0, 400),
        ReceiptLine(LONG_NAME, 1, "piece", 1650, 150, 1500),
        ReceiptLine.by_weight("红富士苹果", 1532, 1280, 0, 1961),
        ReceiptLine("散装鸡蛋", Decimal("0.750"), "kg", 1360, 0, 1020),
    ]
    subtotal = sum(line.line_total_fen for line in lines)  # 4881
    discount, rounding = 200, -1
    total = subtotal - discount + rounding  # 4680
    return ReceiptData(
        shop_name="邻里站便利店",
        number="20261125-0042",
        local_time=datetime(2026, 11, 25, 10, 3),
        clerk_name="王小明",
        lines=lines,
        subtotal_fen=subtotal,
        discount_fen=discount,
        rounding_fen=rounding,
        total_fen=total,
        payments=[
            ReceiptPayment("wechat", 2000, reference="4200001234567890"),
            ReceiptPayment("cash", total - 2000, tendered_fen=5000, change_fen=5000 - (total - 2000)),
        ],
        is_refund=refund,
        refund_of="20261124-0017" if refund else None,
        note="会员尾号 8812",
    )


@pytest.fixture
def receipt() -> ReceiptData:
    return make_receipt()


@pytest.fixture
def refund_receipt() -> ReceiptData:
    return make_receipt(refund=True)


@pytest.fixture(name="make_receipt")
def make_receipt_fixture() -> Callable[..., ReceiptData]:
    return make_receipt
