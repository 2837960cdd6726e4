"""The requests and responses of the sync API, shared by the station's client and the cloud.

Enrol once (`POST /v1/enrol`), then on every sync push first (`POST /v1/push`), then pull
(`GET /v1/pull`). Every call carries `X-Protocol-Version`; the platform accepts the current
version and the one before it (SUPPORTED_PROTOCOL_VERSIONS), so upgrading the cloud never
cuts off a store that has been offline. Anything else gets a clear 4xx `ErrorResponse`.

Like the events, every model refuses unknown fields and is immutable; money is integer fen.
The spec in prose is docs/sync-protocol.md.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool, model_validator

from sync.protocol.common import (
    Barcode,
    CloudId,
    Name,
    NonNegFen,
    NonNegQty,
    PosQty,
    ProtocolModel,
    Unit,
    UtcDateTime,
)
from sync.protocol.events import EVENT_SCHEMA_VERSION, PROTOCOL_VERSION, EventEnvelope

# --- versions and limits ---------------------------------------------------------------------

SUPPORTED_PROTOCOL_VERSIONS: frozenset[int] = frozenset({PROTOCOL_VERSION, PROTOCOL_VERSION - 1})
"""What the platform accepts: this version and the previous one."""

SUPPORTED_SCHEMA_VERSIONS: frozenset[int] = frozenset({EVENT_SCHEMA_VERSION})
"""Event payload shapes the platform can apply."""

PROTOCOL_HEADER = "X-Protocol-Version"
SCHEMA_HEADER = "X-Schema-Version"  # optional on requests; always on responses

MAX_EVENTS_PER_PUSH = 200
MAX_PUSH_BYTES = 2 * 1024 * 1024
"""A push body larger than this is refused (413) before it is parsed."""
MAX_REQUEST_BYTES = 64 * 1024
"""Any other request body (enrol) larger than this is refused (413)."""
DEFAULT_PULL_LIMIT = 200
MAX_PULL_LIMIT = 1000
MAX_CURSOR_LENGTH = 200

PushStatus = Literal["applied", "duplicate", "rejected", "conflict"]
"""Every status counts as processed: the device marks the event sent and moves on."""

CloudState = Literal["active", "cancelled", "refunded"]
Storage = Literal["ambient", "chilled", "frozen"]

# Reasons the platform gives for `rejected` and `conflict` (the `reason` field). A client
# should show an unknown reason as it is rather than fail: new ones may be added.
REASON_UNKNOWN_ORDER = "unknown_order"  # no such order at this station
REASON_UNKNOWN_LINE = "unknown_order_line"
REASON_UNKNOWN_PICKUP = "unknown_pickup"
REASON_UNKNOWN_CAMPAIGN = "unknown_campaign"
REASON_UNKNOWN_ITEM = "unknown_campaign_item"
REASON_UNKNOWN_ARRIVAL = "unknown_arrival"
REASON_RECORD_EXISTS = "record_exists"  # the sale/pickup/... uuid came before in another event
REASON_ALREADY_UNDONE = "already_undone"
REASON_LINES_MISMATCH = "lines_mismatch"
REASON_EVENT_ID_TAKEN = "event_id_taken"  # the event id belongs to another station
REASON_UNSUPPORTED_KIND = "unsupported_kind"
REASON_ORDER_CANCELLED = "order_cancelled"  # conflict
REASON_ORDER_REFUNDED = "order_refunded"  # conflict
REASON_OVER_PICKUP = "over_pickup"  # conflict: more handed out than was ordered

# Codes of ErrorResponse.error.
ERROR_MISSING_VERSION = "missing_protocol_version"
ERROR_UNSUPPORTED_VERSION = "unsupported_protocol_version"
ERROR_UNSUPPORTED_SCHEMA = "unsupported_schema_version"
ERROR_VERSION_MISMATCH = "protocol_version_mismatch"
ERROR_UNAUTHORIZED = "unauthorized"
ERROR_BAD_ENROL_CODE = "bad_enrol_code"
ERROR_DEVICE_MISMATCH = "device_mismatch"
ERROR_INVALID = "invalid_request"
ERROR_TOO_LARGE = "request_too_large"

ShortText = Annotated[str, Field(max_length=200)]
Base64Key = Annotated[str, Field(min_length=40, max_length=48, pattern=r"^[A-Za-z0-9+/]+=*$")]
"""A raw 32-byte Ed25519 public key in standard base64 (44 characters)."""


# --- errors and health -----------------------------------------------------------------------


class ErrorResponse(ProtocolModel):
    """The body of every 4xx/5xx answer. `error` is a stable code, `message` is for a log."""

    error: str = Field(max_length=60)
    message: str = Field(max_length=2000)
    detail: Any = None
    supported_versions: list[int] | None = None


class HealthResponse(ProtocolModel):
    status: Literal["ok"] = "ok"
    protocol_version: int
    supported_protocol_versions: list[int]
    schema_version: int
    server_time: UtcDateTime


# --- enrolment -------------------------------------------------------------------------------


class EnrolRequest(ProtocolModel):
    """A one-time code from the platform (the owner asked for it) and a name for this PC."""

    enrol_code: str = Field(min_length=4, max_length=40)
    device_name: str = Field(min_length=1, max_length=100)


class PlatformKeyData(ProtocolModel):
    """A public key the platform signs pickup codes with (see docs/pickup-code.md)."""

    key_id: int = Field(strict=True, ge=0, lt=1 << 16)
    public_key: Base64Key


class EnrolResponse(ProtocolModel):
    """Who this station is on the platform, and this device's credentials.

    The token is shown once: the platform keeps only its hash. `station_id` is the id pickup
    codes name; `device_id` goes into every push.
    """

    station_id: CloudId
    station_code: str = Field(max_length=16)
    station_name: Name
    device_id: str = Field(min_length=1, max_length=36)
    token: str = Field(min_length=20, max_length=100)
    platform_keys: list[PlatformKeyData]
    protocol_version: int


# --- push ------------------------------------------------------------------------------------


class PushRequest(ProtocolModel):
    """A batch of one device's outbox events, in sequence order, all of one device epoch.

    `skip_to_seq` is for a device that was told `expected_seq` but no longer holds those
    events (dropped after the retention period): the platform records the gap and goes on
    from `skip_to_seq`. Send it only in that case.
    """

    protocol_version: int = Field(strict=True)
    schema_version: int = Field(strict=True, ge=1)
    device_id: str = Field(min_length=1, max_length=36)
    device_epoch: int = Field(strict=True, ge=1)
    events: list[EventEnvelope] = Field(max_length=MAX_EVENTS_PER_PUSH)
    skip_to_seq: int | None = Field(default=None, strict=True, ge=1)

    @model_validator(mode="after")
    def _one_series_in_order(self) -> PushRequest:
        last = 0
        for env in self.events:
            if env.device_id != self.device_id or env.device_epoch != self.device_epoch:
                raise ValueError("every event must carry the request's device_id and device_epoch")
            if env.seq <= last:
                raise ValueError("events must be in rising seq order")
            last = env.seq
        if len({env.event_id for env in self.events}) != len(self.events):
            raise ValueError("an event_id appears twice in the batch")
        return self


class PushResult(ProtocolModel):
    """The platform's answer for one event. A `duplicate` carries the first answer's
    reason and detail again; `first_status` says what that first answer was."""

    event_id: str = Field(max_length=45)
    status: PushStatus
    reason: str | None = Field(default=None, max_length=60)
    detail: str | None = Field(default=None, max_length=1000)
    first_status: PushStatus | None = None


class PushResponse(ProtocolModel):
    """Answers for the events processed, in order. When the batch had a sequence gap, the
    platform stopped there: the events after it have no answer (send them again), and
    `expected_seq` is the sequence number it wants next in this device epoch."""

    results: list[PushResult]
    expected_seq: int | None = None
    last_seq: int = Field(strict=True, ge=0)  # the last seq processed in this device epoch
    server_time: UtcDateTime


# --- pull ------------------------------------------------------------------------------------


class CampaignPut(ProtocolModel):
    type: Literal["campaign.put"] = "campaign.put"
    id: CloudId
    title: Name
    order_deadline: UtcDateTime | None = None
    pickup_date: date | None = None
    commission_bp: int = Field(strict=True, ge=0, le=10000)  # basis points of takings
    updated_at: UtcDateTime


class CampaignItemPut(ProtocolModel):
    type: Literal["campaign_item.put"] = "campaign_item.put"
    id: CloudId
    campaign_id: CloudId
    name: Name
    barcode: Barcode | None = None
    price_fen: NonNegFen
    storage: Storage = "ambient"
    case_pack: PosQty | None = None
    spec: str = Field(default="", max_length=50)  # e.g. 500g/袋


class GroupOrderLineData(ProtocolModel):
    """One line of an order. `qty_picked` and `qty_short` are the platform's record of what
    this station reported (pickups, arrival allocations): a newly enrolled device uses
    them so nothing is handed out twice; the device that made the pickups keeps its own."""

    id: CloudId
    campaign_item_id: CloudId
    qty_ordered: PosQty
    price_fen: NonNegFen
    qty_picked: NonNegQty = 0
    qty_short: NonNegQty = 0


class GroupOrderPut(ProtocolModel):
    """A neighbour's order for pickup at this station, with its lines. Personal data is
    only what the hand-out needs: a display name, the phone's last 4 digits, the room."""

    type: Literal["group_order.put"] = "group_order.put"
    id: CloudId
    campaign_id: CloudId
    order_no: str = Field(min_length=1, max_length=32)
    customer_name: str = Field(min_length=1, max_length=50)
    phone_tail: str = Field(pattern=r"^[0-9]{4}$")
    building_room: str | None = Field(default=None, max_length=50)
    pickup_code: str = Field(pattern=r"^[0-9]{8}$")
    cloud_state: CloudState = "active"
    placed_at: UtcDateTime
    pickup_deadline: UtcDateTime | None = None
    lines: list[GroupOrderLineData] = Field(min_length=1, max_length=100)


class OrderStatePut(ProtocolModel):
    """The platform cancelled or refunded an order (or made it active again)."""

    type: Literal["order_state.put"] = "order_state.put"
    order_id: CloudId
    cloud_state: CloudState
    reason: ShortText = ""
    changed_at: UtcDateTime


class PlatformKeyPut(ProtocolModel):
    type: Literal["platform_key.put"] = "platform_key.put"
    key_id: int = Field(strict=True, ge=0, lt=1 << 16)
    public_key: Base64Key


class CatalogItemPut(ProtocolModel):
    """A platform catalogue item a station may sell at the counter at its own shelf price."""

    type: Literal["catalog_item.put"] = "catalog_item.put"
    id: CloudId
    name: Name
    barcode: Barcode | None = None
    unit: Unit = "piece"
    suggested_price_fen: NonNegFen
    spec: str = Field(default="", max_length=50)
    category: str = Field(default="", max_length=30)


class CampaignDelete(ProtocolModel):
    type: Literal["campaign.delete"] = "campaign.delete"
    id: CloudId


class CampaignItemDelete(ProtocolModel):
    type: Literal["campaign_item.delete"] = "campaign_item.delete"
    id: CloudId


class GroupOrderDelete(ProtocolModel):
    type: Literal["group_order.delete"] = "group_order.delete"
    id: CloudId


class PlatformKeyDelete(ProtocolModel):
    """The key is retired: codes it signed should no longer be trusted."""

    type: Literal["platform_key.delete"] = "platform_key.delete"
    key_id: int = Field(strict=True, ge=0, lt=1 << 16)


class CatalogItemDelete(ProtocolModel):
    type: Literal["catalog_item.delete"] = "catalog_item.delete"
    id: CloudId


Change = Annotated[
    CampaignPut
    | CampaignDelete
    | CampaignItemPut
    | CampaignItemDelete
    | GroupOrderPut
    | GroupOrderDelete
    | OrderStatePut
    | PlatformKeyPut
    | PlatformKeyDelete
    | CatalogItemPut
    | CatalogItemDelete,
    Field(discriminator="type"),
]
"""One change of the station's read copy. A put is an upsert by id with the whole current
row; a delete is a tombstone: the station marks the row withdrawn and keeps what depends
on it (sales, pickups)."""


class PullResponse(ProtocolModel):
    """A page of changes in the platform's order.

    Apply the page and store `cursor` in one transaction; ask again while `has_more`.
    `reset` starts a full snapshot: the cursor sent was unknown or from another server
    epoch (the platform was restored from a backup), so the station drops its cursor, takes
    every row of the snapshot, and, when the page with `snapshot_end` has been applied,
    withdraws cloud rows the snapshot did not mention and pushes again the acknowledged
    events the platform may have lost. A first pull (no cursor) is a snapshot too.
    """

    changes: list[Change]
    cursor: str = Field(min_length=1, max_length=MAX_CURSOR_LENGTH)
    has_more: StrictBool
    reset: StrictBool = False
    snapshot_end: StrictBool = False
    server_time: UtcDateTime


# --- older protocol versions -----------------------------------------------------------------


def upgrade_push_body(body: Any, protocol_version: int) -> Any:
    """Bring a push body of an older supported version to the current shape.

    Version 0 (the version before 1) had no `schema_version` (it was always 1) and named
    the version only in the header. Each later version adds its own step here.
    """
    if not isinstance(body, dict):
        return body
    if protocol_version == PROTOCOL_VERSION - 1 == 0:
        body = dict(body)
        body.setdefault("schema_version", 1)
        body.setdefault("protocol_version", protocol_version)
    return body


__all__ = [
    "DEFAULT_PULL_LIMIT",
    "MAX_EVENTS_PER_PUSH",
    "MAX_PULL_LIMIT",
    "MAX_PUSH_BYTES",
    "MAX_REQUEST_BYTES",
    "PROTOCOL_HEADER",
    "PROTOCOL_VERSION",
    "SCHEMA_HEADER",
    "SUPPORTED_PROTOCOL_VERSIONS",
    "SUPPORTED_SCHEMA_VERSIONS",
    "CampaignDelete",
    "CampaignItemDelete",
    "CampaignItemPut",
    "CampaignPut",
    "CatalogItemDelete",
    "CatalogItemPut",
    "Change",
    "CloudState",
    "EnrolRequest",
    "EnrolResponse",
    "ErrorResponse",
    "GroupOrderDelete",
    "GroupOrderLineData",
    "GroupOrderPut",
    "HealthResponse",
    "OrderStatePut",
    "PlatformKeyData",
    "PlatformKeyDelete",
    "PlatformKeyPut",
    "PullResponse",
    "PushRequest",
    "PushResponse",
    "PushResult",
    "PushStatus",
    "Storage",
    "upgrade_push_body",
]
