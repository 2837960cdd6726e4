"""The cloud's own tables (not the station's): stations and their devices, the platform's
campaigns and orders, the push ledger and what events leave behind, and the per-station
change log that pulls read.

Portable SQL only (SQLite and PostgreSQL): 64-bit keys via BigId, instants via UtcDateTime,
JSON for stored event payloads. Uniqueness "among open orders" is a nullable column that
is set only while an order is active: NULLs never collide, on either database.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from cloud.db import BigId, UtcDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# --- the server and its keys -----------------------------------------------------------------


class ServerState(Base):
    """One row. `epoch` goes into every pull cursor; `admin new-epoch` bumps it after the
    database was restored from a backup, so every station re-pulls a full snapshot."""

    __tablename__ = "server_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    epoch: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SigningKey(Base):
    """A platform Ed25519 key for pickup codes. The private half is in `private_key` or in
    the file at `private_key_path` (then the database holds only the public half)."""

    __tablename__ = "signing_key"
    key_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    private_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    private_key_path: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


# --- stations, enrolment, devices ------------------------------------------------------------


class Station(Base):
    __tablename__ = "station"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The last sequence number of this station's change log; bumped under a row lock.
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class EnrolCode(Base):
    """A one-time enrolment code: only its sha256 is kept; `used_at` makes it spent."""

    __tablename__ = "enrol_code"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    used_by_device: Mapped[str | None] = mapped_column(String(36))


class Device(Base):
    """One enrolled PC of a station. The bearer token is kept only as its sha256."""

    __tablename__ = "device"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    epoch: Mapped[int] = mapped_column(BigInteger, default=0)  # the highest device epoch seen


class DeviceSeries(Base):
    """Per device and device epoch: the last sequence number processed."""

    __tablename__ = "device_series"
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"), primary_key=True)
    epoch: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class SeriesGap(Base):
    """Sequence numbers a device said it can no longer send (skip_to_seq): kept for people."""

    __tablename__ = "series_gap"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"), index=True)
    epoch: Mapped[int] = mapped_column(BigInteger)
    from_seq: Mapped[int] = mapped_column(BigInteger)
    to_seq: Mapped[int] = mapped_column(BigInteger)  # exclusive
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


# --- the push ledger and what events leave behind --------------------------------------------


class EventLedger(Base):
    """Every processed event, for ever, with its first result and its payload. Written in
    the same transaction as the event's effects."""

    __tablename__ = "event_ledger"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"))
    device_epoch: Mapped[int] = mapped_column(BigInteger)
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(24))
    schema_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)  # the device's clock: display only
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str | None] = mapped_column(String(60))
    detail: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_event_ledger_station_kind", "station_id", "kind"),)


class CloudConflict(Base):
    """A station's event that disagreed with the platform (a pickup of a refunded order)."""

    __tablename__ = "cloud_conflict"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    order_id: Mapped[int | None] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(60))
    detail: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class PickupRecord(Base):
    """A hand-out the station reported. `status` is applied or conflict (not counted)."""

    __tablename__ = "pickup_record"
    pickup_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("group_order.id"), index=True)
    event_id: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(12))
    method: Mapped[str] = mapped_column(String(12))
    lines: Mapped[list[dict[str, int]]] = mapped_column(JSON)  # [{order_line_id, qty}]
    picked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    undo_uuid: Mapped[str | None] = mapped_column(String(36), unique=True)
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ArrivalRecord(Base):
    __tablename__ = "arrival_record"
    arrival_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    event_id: Mapped[str] = mapped_column(String(36))
    lines: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ClaimRecord(Base):
    """售后: a shortage or damage claim, open until the platform settles it."""

    __tablename__ = "claim_record"
    claim_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    arrival_uuid: Mapped[str] = mapped_column(ForeignKey("arrival_record.arrival_uuid"))
    campaign_item_id: Mapped[int] = mapped_column(ForeignKey("campaign_item.id"))
    claim_kind: Mapped[str] = mapped_column(String(10))
    qty: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(12), default="open")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CounterRecord(Base):
    """A sale, refund, stock or till event of the shop's counter, kept for reports: one row
    per business record (its uuid), with the amount that matters for the totals."""

    __tablename__ = "counter_record"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"))
    kind: Mapped[str] = mapped_column(String(24))
    record_uuid: Mapped[str] = mapped_column(String(36))
    event_id: Mapped[str] = mapped_column(String(36))
    number: Mapped[str | None] = mapped_column(String(20))
    business_day: Mapped[date | None] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        UniqueConstraint("kind", "record_uuid"),
        Index("ix_counter_record_station_day", "station_id", "kind", "business_day"),
    )


class SaleLineRecord(Base):
    """What was sold, line by line: two sales of an item both count."""

    __tablename__ = "sale_line_record"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    counter_record_id: Mapped[int] = mapped_column(ForeignKey("counter_record.id"), index=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    product_uuid: Mapped[str | None] = mapped_column(String(36))
    platform_item_id: Mapped[int | None] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(100))
    qty: Mapped[int] = mapped_column(BigInteger)
    line_total_fen: Mapped[int] = mapped_column(BigInteger)


# --- the platform's group-buying -------------------------------------------------------------


class Campaign(Base):
    __tablename__ = "campaign"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    order_deadline: Mapped[datetime | None] = mapped_column(UtcDateTime)
    pickup_date: Mapped[date | None] = mapped_column(Date)
    commission_bp: Mapped[int] = mapped_column(Integer, default=0)
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    items: Mapped[list[CampaignItem]] = relationship(order_by="CampaignItem.id")


class CampaignStation(Base):
    """Which stations a campaign is offered at (and so which stations see it)."""

    __tablename__ = "campaign_station"
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), primary_key=True)


class CampaignItem(Base):
    __tablename__ = "campaign_item"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    barcode: Mapped[str | None] = mapped_column(String(32))
    price_fen: Mapped[int] = mapped_column(BigInteger)
    storage: Mapped[str] = mapped_column(String(8), default="ambient")
    case_pack: Mapped[int | None] = mapped_column(Integer)
    spec: Mapped[str] = mapped_column(String(50), default="")
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)


class CatalogItem(Base):
    __tablename__ = "catalog_item"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    barcode: Mapped[str | None] = mapped_column(String(32))
    unit: Mapped[str] = mapped_column(String(8), default="piece")
    suggested_price_fen: Mapped[int] = mapped_column(BigInteger)
    spec: Mapped[str] = mapped_column(String(50), default="")
    category: Mapped[str] = mapped_column(String(30), default="")
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class GroupOrder(Base):
    """A customer's order from the mini-program, for pickup at one station."""

    __tablename__ = "group_order"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    order_no: Mapped[str] = mapped_column(String(32), unique=True)
    customer_name: Mapped[str] = mapped_column(String(50))
    phone_tail: Mapped[str] = mapped_column(String(4))
    building_room: Mapped[str | None] = mapped_column(String(50))
    pickup_code: Mapped[str] = mapped_column(String(8))
    # = pickup_code while the order is active, NULL after: unique per station among those.
    open_pickup_code: Mapped[str | None] = mapped_column(String(8))
    qr_text: Mapped[str | None] = mapped_column(String(200))
    cloud_state: Mapped[str] = mapped_column(String(12), default="active")
    state_reason: Mapped[str] = mapped_column(String(200), default="")
    state_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    fulfilment: Mapped[str] = mapped_column(String(12), default="awaiting")  # /partial/picked_up
    placed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    pickup_deadline: Mapped[datetime | None] = mapped_column(UtcDateTime)
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)

    lines: Mapped[list[GroupOrderLine]] = relationship(order_by="GroupOrderLine.id")

    __table_args__ = (UniqueConstraint("station_id", "open_pickup_code"),)


class GroupOrderLine(Base):
    __tablename__ = "group_order_line"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("group_order.id"), index=True)
    campaign_item_id: Mapped[int] = mapped_column(ForeignKey("campaign_item.id"))
    qty_ordered: Mapped[int] = mapped_column(Integer)
    price_fen: Mapped[int] = mapped_column(BigInteger)
    qty_picked: Mapped[int] = mapped_column(Integer, default=0)
    qty_short: Mapped[int] = mapped_column(Integer, default=0)


# --- the change log --------------------------------------------------------------------------


class ChangeLog(Base):
    """What changed for a station, in order. A pull renders each entry from the entity's
    current state; `tag` is random per entry, so a cursor from a different history (a
    restored database) is recognised as unknown."""

    __tablename__ = "change_log"
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(BigInteger)
    tag: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
