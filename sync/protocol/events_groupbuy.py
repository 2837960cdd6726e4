"""Events of the pickup point: hand-outs and their undos, deliveries and claims.

Orders, order lines, campaigns and campaign items are named by the platform's own integer
ids; what the station creates (a pickup, an arrival, a claim) by a UUID made on the device.
No customer name or phone number travels in these events: the platform already has them.
"""
from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, model_validator

from sync.protocol.common import (
    AllocationRule,
    BaseEvent,
    ClaimKind,
    CloudId,
    NonNegQty,
    Note,
    PickupMethod,
    PosQty,
    ProtocolModel,
    Reason,
    UuidStr,
)


class PickupLineData(ProtocolModel):
    order_line_id: CloudId
    qty: PosQty


def _unique(values: list[int], what: str) -> None:
    if len(set(values)) != len(values):
        raise ValueError(f"each {what} may appear only once")


class PickupEvent(BaseEvent):
    """Goods of one order handed to the customer (核销), whole or partly."""

    kind: Literal["pickup"] = "pickup"
    pickup_uuid: UuidStr
    order_id: CloudId
    lines: list[PickupLineData] = Field(min_length=1)
    method: PickupMethod
    proxy_note: Note | None = None  # 代取: who collected for the customer
    bag_confirmed: StrictBool = False  # the bag's own label was scanned on the way out
    staff_uuid: UuidStr

    @model_validator(mode="after")
    def _lines_unique(self) -> PickupEvent:
        _unique([line.order_line_id for line in self.lines], "order_line_id")
        return self


class PickupUndoEvent(BaseEvent):
    """A pickup taken back (撤销核销), e.g. the wrong bag went out; it names the pickup it
    reverses and repeats its lines, so the platform can check it undoes what it thinks."""

    kind: Literal["pickup_undo"] = "pickup_undo"
    undo_uuid: UuidStr
    pickup_uuid: UuidStr
    order_id: CloudId
    lines: list[PickupLineData] = Field(min_length=1)
    reason: Reason = Field(min_length=1)
    staff_uuid: UuidStr
    approver_uuid: UuidStr | None = None

    @model_validator(mode="after")
    def _lines_unique(self) -> PickupUndoEvent:
        _unique([line.order_line_id for line in self.lines], "order_line_id")
        return self


class ArrivalLineData(ProtocolModel):
    """One campaign item as checked at the door (到货验收)."""

    campaign_item_id: CloudId
    qty_expected: NonNegQty
    qty_received: NonNegQty  # good units counted
    qty_damaged: NonNegQty = 0
    qty_missing: NonNegQty = 0
    reason: Reason = ""


class ShortAllocationData(ProtocolModel):
    """How much of one order line will not be handed out because the delivery was short."""

    order_line_id: CloudId
    qty_short: NonNegQty


class ArrivalEvent(BaseEvent):
    """The platform's delivery checked in at the station, with shortages shared out among
    the orders by `allocation_rule` (the resulting shares are in `allocations`)."""

    kind: Literal["arrival"] = "arrival"
    arrival_uuid: UuidStr
    campaign_id: CloudId
    staff_uuid: UuidStr
    signed_off: StrictBool = True
    lines: list[ArrivalLineData] = Field(min_length=1)
    allocation_rule: AllocationRule = "latest_first"
    allocations: list[ShortAllocationData] = Field(default_factory=list)
    note: Note = ""

    @model_validator(mode="after")
    def _ids_unique(self) -> ArrivalEvent:
        _unique([line.campaign_item_id for line in self.lines], "campaign_item_id")
        _unique([a.order_line_id for a in self.allocations], "order_line_id")
        return self


class ShortageClaimEvent(BaseEvent):
    """An after-sale claim (售后) to the platform for goods short or damaged on arrival."""

    kind: Literal["shortage_claim"] = "shortage_claim"
    claim_uuid: UuidStr
    arrival_uuid: UuidStr
    campaign_item_id: CloudId
    claim_kind: ClaimKind  # "kind" is taken by the event's own discriminator
    qty: PosQty
    reason: Reason = ""
    has_photo: StrictBool = False  # the photo itself stays on the station's disk
    staff_uuid: UuidStr
