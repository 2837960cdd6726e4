"""The outbox's events on the wire: the union of every kind and the envelope around one.

An envelope says which device wrote the event and where it stands in that device's
sequence (epoch, seq), so the platform applies each event once and in order. The payload is
one of the event models, told apart by its `kind`.
"""
from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, TypeAdapter, model_validator

from sync.protocol.common import BaseEvent, ProtocolModel, UtcDateTime, UuidStr
from sync.protocol.events_counter import (
    CashMovementEvent,
    DayCloseEvent,
    RefundEvent,
    SaleEvent,
    ShiftHandoverEvent,
    StockCountEvent,
    StockReceiptEvent,
    TillOpenEvent,
)
from sync.protocol.events_groupbuy import (
    ArrivalEvent,
    PickupEvent,
    PickupUndoEvent,
    ShortageClaimEvent,
)

PROTOCOL_VERSION = 1
"""The push/pull contract; travels on every call. The server accepts this one and the last."""

EVENT_SCHEMA_VERSION = 1
"""The shape of the event payloads; stored on every outbox row and sent in its envelope."""

EventKind = Literal[
    "sale",
    "refund",
    "pickup",
    "pickup_undo",
    "arrival",
    "shortage_claim",
    "stock_receipt",
    "stock_count",
    "shift_handover",
    "day_close",
    "cash_movement",
    "till_open",
]

AnyEvent = Annotated[
    SaleEvent
    | RefundEvent
    | PickupEvent
    | PickupUndoEvent
    | ArrivalEvent
    | ShortageClaimEvent
    | StockReceiptEvent
    | StockCountEvent
    | ShiftHandoverEvent
    | DayCloseEvent
    | CashMovementEvent
    | TillOpenEvent,
    Field(discriminator="kind"),
]

EVENT_TYPES: dict[str, type[BaseEvent]] = {
    cls.model_fields["kind"].default: cls
    for cls in (
        SaleEvent,
        RefundEvent,
        PickupEvent,
        PickupUndoEvent,
        ArrivalEvent,
        ShortageClaimEvent,
        StockReceiptEvent,
        StockCountEvent,
        ShiftHandoverEvent,
        DayCloseEvent,
        CashMovementEvent,
        TillOpenEvent,
    )
}
"""Each kind's model, e.g. EVENT_TYPES["sale"] is SaleEvent."""

assert set(EVENT_TYPES) == set(get_args(EventKind)), "EventKind and the event models disagree"


@cache
def _event_adapter() -> TypeAdapter[Any]:
    return TypeAdapter(AnyEvent)


def parse_event(data: dict[str, Any] | str | bytes) -> AnyEvent:
    """An event from a dict (e.g. an outbox payload) or JSON text, chosen by its `kind`.

    Raises pydantic.ValidationError when anything is missing, extra or of the wrong type.
    """
    adapter = _event_adapter()
    if isinstance(data, str | bytes):
        return adapter.validate_json(data)
    return adapter.validate_python(data)


class EventEnvelope(ProtocolModel):
    """One outbox event as pushed: who wrote it, its place in the device's sequence, and
    the event itself. `created_at` is for display only; order comes from (epoch, seq)."""

    event_id: UuidStr
    device_id: str = Field(min_length=1, max_length=36)
    device_epoch: int = Field(strict=True, ge=1)
    seq: int = Field(strict=True, ge=1)
    kind: EventKind
    schema_version: int = Field(strict=True, ge=1)
    created_at: UtcDateTime
    payload: AnyEvent

    @model_validator(mode="after")
    def _kind_matches_payload(self) -> EventEnvelope:
        if self.payload.kind != self.kind:
            raise ValueError(f"envelope kind {self.kind!r} but payload kind {self.payload.kind!r}")
        return self
