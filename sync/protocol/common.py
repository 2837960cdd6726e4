"""Field types shared by every protocol model: strict integers for money and quantities.

Money is integer fen and quantities are integer pieces or grams, on the wire as in the
database. These types are strict, so 12.5, 12.0, "12" and True are refused instead of being
quietly turned into 12: a price that arrives as a float is a bug somewhere, never a value.
"""
from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field


class ProtocolModel(BaseModel):
    """Base of every wire model: unknown fields are an error, and values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- numbers ---------------------------------------------------------------------------------

Fen = Annotated[int, Field(strict=True)]
"""An amount in fen that may be negative (rounding, variances, net takings)."""

NonNegFen = Annotated[int, Field(strict=True, ge=0)]
"""An amount in fen of zero or more (prices, discounts, totals)."""

PosFen = Annotated[int, Field(strict=True, gt=0)]
"""An amount in fen above zero (a refund, a cash movement)."""

Qty = Annotated[int, Field(strict=True)]
"""Pieces or grams, may be negative (a book stock figure that went below zero)."""

NonNegQty = Annotated[int, Field(strict=True, ge=0)]
PosQty = Annotated[int, Field(strict=True, gt=0)]

CloudId = Annotated[int, Field(strict=True, ge=1)]
"""An id the platform gave (campaign, campaign item, order, order line)."""

Count = Annotated[int, Field(strict=True, ge=0)]


# --- identifiers and text --------------------------------------------------------------------


def _uuid_to_text(value: Any) -> Any:
    return str(value) if isinstance(value, uuid.UUID) else value


def _canonical_uuid(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError as exc:
        raise ValueError("not a UUID") from exc


UuidStr = Annotated[
    str,
    BeforeValidator(_uuid_to_text),
    Field(min_length=32, max_length=45),
    AfterValidator(_canonical_uuid),
]
"""A UUID made on the device, carried as its canonical lowercase text."""

HumanNumber = Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[0-9A-Za-z-]+$")]
"""A number printed for people: a receipt 20261125-0042, a Z report number."""

Name = Annotated[str, Field(min_length=1, max_length=100)]
Reason = Annotated[str, Field(max_length=200)]
Note = Annotated[str, Field(max_length=200)]
Barcode = Annotated[str, Field(min_length=1, max_length=32)]


# --- time ------------------------------------------------------------------------------------


def _to_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


UtcDateTime = Annotated[AwareDatetime, AfterValidator(_to_utc)]
"""An instant with its zone, normalised to UTC; a naive datetime is refused.

Client timestamps are for display only: order on the server comes from sequences.
"""


# --- vocabularies ----------------------------------------------------------------------------

PaymentMethod = Literal["cash", "wechat", "alipay", "card", "other"]
Unit = Literal["piece", "kg"]  # piece: qty in pieces, price per piece; kg: grams, price per kg
PickupMethod = Literal["qr", "code", "phone", "manual"]
AllocationRule = Literal["latest_first", "earliest_first", "proportional", "manual"]
ClaimKind = Literal["short", "damaged"]
CashDirection = Literal["in", "out"]

MethodTotals = dict[PaymentMethod, Fen]
"""Takings per payment method, e.g. {"cash": 12050, "wechat": 30000}."""


class BaseEvent(ProtocolModel):
    """A business intent recorded on the device ("sold 2 items", "handed out order 7"),
    not a copy of database rows, so the platform can merge it with everything else.

    Every event names its `kind` (the discriminator on the wire) and when it happened.
    """

    kind: str
    created_at: UtcDateTime
