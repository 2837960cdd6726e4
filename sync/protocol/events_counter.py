"""Events of the shop's own counter: sales, refunds, stock and the till.

Sums are checked where the platform's reports depend on them: a sale whose lines, discount,
rounding and payments do not add up is refused before it is ever written to the outbox.
"""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, StrictBool, model_validator

from sync.protocol.common import (
    Barcode,
    BaseEvent,
    CashDirection,
    CloudId,
    Count,
    Fen,
    HumanNumber,
    MethodTotals,
    Name,
    NonNegFen,
    NonNegQty,
    Note,
    PaymentMethod,
    PosFen,
    PosQty,
    ProtocolModel,
    Qty,
    Reason,
    Unit,
    UuidStr,
)

# --- sales and refunds -----------------------------------------------------------------------


class SaleLineData(ProtocolModel):
    """One line of a receipt as sold (name and price as they were, even if changed later)."""

    product_uuid: UuidStr | None = None  # None: an open-price item keyed in by hand
    platform_item_id: CloudId | None = None  # a platform catalogue item sold at the counter
    name: Name
    barcode: Barcode | None = None
    unit: Unit = "piece"
    qty: PosQty  # pieces, or grams when unit == "kg"
    unit_price_fen: NonNegFen  # per piece, or per kilogram
    list_price_fen: NonNegFen | None = None  # the shelf price when it was overridden
    discount_fen: NonNegFen = 0  # line discount (单品折扣)
    line_total_fen: NonNegFen  # what this line costs after its own discount


class PaymentData(ProtocolModel):
    """How the customer paid; several payments may settle one sale (cash + WeChat)."""

    method: PaymentMethod
    amount_fen: PosFen  # what the sale keeps
    tendered_fen: PosFen  # what the customer handed over
    change_fen: NonNegFen = 0  # 找零
    reference: str | None = Field(default=None, max_length=64)  # e.g. the wallet's order no.

    @model_validator(mode="after")
    def _change_adds_up(self) -> PaymentData:
        if self.tendered_fen - self.amount_fen != self.change_fen:
            raise ValueError("change_fen must equal tendered_fen - amount_fen")
        return self


class SaleEvent(BaseEvent):
    """A walk-in sale at the counter.

    subtotal_fen = sum of line_total_fen; total_fen = subtotal_fen - discount_fen (the
    order discount, 整单折扣) + rounding_fen (抹零, usually negative); the payments' amounts
    add up to total_fen.
    """

    kind: Literal["sale"] = "sale"
    sale_uuid: UuidStr
    number: HumanNumber  # the receipt number, 20261125-0042
    business_day: date
    staff_uuid: UuidStr
    approver_uuid: UuidStr | None = None  # the owner who approved an override or discount
    cash_session_uuid: UuidStr | None = None
    lines: list[SaleLineData] = Field(min_length=1)
    payments: list[PaymentData] = Field(default_factory=list)
    subtotal_fen: NonNegFen
    discount_fen: NonNegFen = 0
    rounding_fen: Fen = 0
    total_fen: NonNegFen
    note: Note = ""

    @model_validator(mode="after")
    def _sums_add_up(self) -> SaleEvent:
        if sum(line.line_total_fen for line in self.lines) != self.subtotal_fen:
            raise ValueError("subtotal_fen must equal the sum of the lines' line_total_fen")
        if self.subtotal_fen - self.discount_fen + self.rounding_fen != self.total_fen:
            raise ValueError("total_fen must equal subtotal_fen - discount_fen + rounding_fen")
        if sum(p.amount_fen for p in self.payments) != self.total_fen:
            raise ValueError("the payments' amount_fen must add up to total_fen")
        return self


class RefundLineData(ProtocolModel):
    """What comes back: a line of the sale, by its position on the receipt or its product."""

    sale_line_index: Count | None = None  # 0-based position in SaleEvent.lines
    product_uuid: UuidStr | None = None
    qty: PosQty
    amount_fen: NonNegFen
    restock: StrictBool = True  # the goods went back on the shelf

    @model_validator(mode="after")
    def _names_a_line(self) -> RefundLineData:
        if self.sale_line_index is None and self.product_uuid is None:
            raise ValueError("a refund line needs sale_line_index or product_uuid")
        return self


class RefundEvent(BaseEvent):
    """A return or a void: a new record pointing at the sale, never an edit of it."""

    kind: Literal["refund"] = "refund"
    refund_uuid: UuidStr
    number: HumanNumber
    sale_uuid: UuidStr
    business_day: date
    staff_uuid: UuidStr
    approver_uuid: UuidStr | None = None
    cash_session_uuid: UuidStr | None = None
    void: StrictBool = False  # the whole sale cancelled, not a later return
    lines: list[RefundLineData] = Field(min_length=1)
    method: PaymentMethod
    amount_fen: PosFen
    reason: Reason = ""

    @model_validator(mode="after")
    def _sums_add_up(self) -> RefundEvent:
        if sum(line.amount_fen for line in self.lines) != self.amount_fen:
            raise ValueError("amount_fen must equal the sum of the lines' amount_fen")
        return self


# --- stock -----------------------------------------------------------------------------------


class StockReceiptLineData(ProtocolModel):
    product_uuid: UuidStr
    qty: PosQty
    unit_cost_fen: NonNegFen  # per piece, or per kilogram


class StockReceiptEvent(BaseEvent):
    """Goods received from a supplier (进货): stock goes up by each line's qty."""

    kind: Literal["stock_receipt"] = "stock_receipt"
    receipt_uuid: UuidStr
    staff_uuid: UuidStr
    supplier: Note = ""
    lines: list[StockReceiptLineData] = Field(min_length=1)
    note: Note = ""


class StockCountLineData(ProtocolModel):
    product_uuid: UuidStr
    counted_qty: NonNegQty  # what is on the shelf
    previous_qty: Qty  # what the books said just before the count
    reason: Reason = ""

    @property
    def delta(self) -> int:
        return self.counted_qty - self.previous_qty


class StockCountEvent(BaseEvent):
    """A stock count (盘点): the books are set to what was counted."""

    kind: Literal["stock_count"] = "stock_count"
    count_uuid: UuidStr
    staff_uuid: UuidStr
    lines: list[StockCountLineData] = Field(min_length=1)
    note: Note = ""


# --- the till --------------------------------------------------------------------------------


class TillOpenEvent(BaseEvent):
    """The till opened for the day with a float of change in the drawer."""

    kind: Literal["till_open"] = "till_open"
    cash_session_uuid: UuidStr
    business_day: date
    staff_uuid: UuidStr
    float_fen: NonNegFen


class CashMovementEvent(BaseEvent):
    """Cash put into or taken out of the drawer, with a reason (not a sale)."""

    kind: Literal["cash_movement"] = "cash_movement"
    movement_uuid: UuidStr
    cash_session_uuid: UuidStr
    direction: CashDirection
    amount_fen: PosFen
    reason: Reason = ""
    staff_uuid: UuidStr


class ShiftHandoverEvent(BaseEvent):
    """One clerk hands the till to the next (交班) after counting the cash."""

    kind: Literal["shift_handover"] = "shift_handover"
    handover_uuid: UuidStr
    cash_session_uuid: UuidStr
    from_staff_uuid: UuidStr
    to_staff_uuid: UuidStr
    totals: MethodTotals  # takings of the shift being handed over, per payment method
    expected_cash_fen: Fen
    counted_cash_fen: NonNegFen
    variance_reason: Reason | None = None

    @property
    def variance_fen(self) -> int:
        return self.counted_cash_fen - self.expected_cash_fen


class DayCloseEvent(BaseEvent):
    """Closing the day (日结) with its numbered Z report."""

    kind: Literal["day_close"] = "day_close"
    cash_session_uuid: UuidStr
    z_number: HumanNumber
    business_day: date
    staff_uuid: UuidStr
    approver_uuid: UuidStr | None = None
    float_fen: NonNegFen = 0
    sales_count: Count = 0
    refunds_count: Count = 0
    totals: MethodTotals  # net takings of the day per payment method
    refunds_fen: NonNegFen = 0
    discounts_fen: NonNegFen = 0
    expected_cash_fen: Fen
    counted_cash_fen: NonNegFen
    variance_reason: Reason | None = None

    @property
    def variance_fen(self) -> int:
        return self.counted_cash_fen - self.expected_cash_fen
