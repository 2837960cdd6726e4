"""The versioned contract between a station and the platform, shared by client and cloud.

Pydantic models only: importing this package builds no engine, client or connection, and
it imports nothing of the app or the database. Every model refuses unknown fields, is
immutable, and takes money as integer fen and quantities as integers (floats refused).
"""
from __future__ import annotations

from sync.protocol.common import (
    AllocationRule,
    BaseEvent,
    CashDirection,
    ClaimKind,
    MethodTotals,
    PaymentMethod,
    PickupMethod,
    ProtocolModel,
    Unit,
)
from sync.protocol.events import (
    EVENT_SCHEMA_VERSION,
    EVENT_TYPES,
    PROTOCOL_VERSION,
    AnyEvent,
    EventEnvelope,
    EventKind,
    parse_event,
)
from sync.protocol.events_counter import (
    CashMovementEvent,
    DayCloseEvent,
    PaymentData,
    RefundEvent,
    RefundLineData,
    SaleEvent,
    SaleLineData,
    ShiftHandoverEvent,
    StockCountEvent,
    StockCountLineData,
    StockReceiptEvent,
    StockReceiptLineData,
    TillOpenEvent,
)
from sync.protocol.events_groupbuy import (
    ArrivalEvent,
    ArrivalLineData,
    PickupEvent,
    PickupLineData,
    PickupUndoEvent,
    ShortageClaimEvent,
    ShortAllocationData,
)

__all__ = [
    "EVENT_SCHEMA_VERSION",
    "EVENT_TYPES",
    "PROTOCOL_VERSION",
    "AllocationRule",
    "AnyEvent",
    "ArrivalEvent",
    "ArrivalLineData",
    "BaseEvent",
    "CashDirection",
    "CashMovementEvent",
    "ClaimKind",
    "DayCloseEvent",
    "EventEnvelope",
    "EventKind",
    "MethodTotals",
    "PaymentData",
    "PaymentMethod",
    "PickupEvent",
    "PickupLineData",
    "PickupMethod",
    "PickupUndoEvent",
    "ProtocolModel",
    "RefundEvent",
    "RefundLineData",
    "SaleEvent",
    "SaleLineData",
    "ShiftHandoverEvent",
    "ShortAllocationData",
    "ShortageClaimEvent",
    "StockCountEvent",
    "StockCountLineData",
    "StockReceiptEvent",
    "StockReceiptLineData",
    "TillOpenEvent",
    "Unit",
    "parse_event",
]
