"""The local database schema: SQLAlchemy 2 typed models for the whole domain.

Conventions
- Money is integer fen (`*_fen`), weights integer grams, pieces integers.
- Rows that travel to the cloud carry a device-made `uuid`; station-owned rows have a local
  integer key. Cloud-owned rows (campaign, campaign_item, group_order, group_order_line) use
  the cloud's integer id as their key, so a pull is an upsert by id.
- Instants are stored as naive UTC (SQLite has no zone); `app.clock.as_utc` restores it.
- Nothing money or a pickup depends on is deleted: voids, refunds and undos are new rows.
"""
from __future__ import annotations

import uuid as uuid_mod
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
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

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuid_mod.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _uuid_col() -> Mapped[str]:
    return mapped_column(String(36), unique=True, default=new_uuid)


# --- the station and its people -------------------------------------------------------------


class Station(Base):
    """This store as the platform knows it. One row."""

    __tablename__ = "station"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(200))
    device_id: Mapped[str] = mapped_column(String(36), default=new_uuid)
    device_epoch: Mapped[int] = mapped_column(Integer, default=1)
    cloud_url: Mapped[str | None] = mapped_column(String(300))
    enrolled_at: Mapped[datetime | None] = mapped_column(DateTime)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class PlatformKey(Base):
    """The platform's Ed25519 public keys that sign pickup codes, learnt at enrolment and sync."""

    __tablename__ = "platform_key"
    key_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    added_at: Mapped[datetime] = mapped_column(DateTime)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_col()
    staff_no: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    # comma-separated roles: owner, clerk, leader (a person can hold several)
    roles: Mapped[str] = mapped_column(String(50))
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    failed_pins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


# --- the shop's own catalogue and sales -----------------------------------------------------


class Product(Base):
    __tablename__ = "product"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_col()
    name: Mapped[str] = mapped_column(String(100))
    pinyin_initials: Mapped[str] = mapped_column(String(100), default="")
    pinyin_full: Mapped[str] = mapped_column(String(400), default="")
    category: Mapped[str] = mapped_column(String(30), default="")
    # "piece": qty in pieces, price per piece; "kg": qty in grams, price per kilogram
    unit: Mapped[str] = mapped_column(String(8), default="piece")
    price_fen: Mapped[int] = mapped_column(Integer)
    cost_fen: Mapped[int | None] = mapped_column(Integer)
    stock_qty: Mapped[int] = mapped_column(Integer, default=0)
    low_stock_at: Mapped[int] = mapped_column(Integer, default=0)
    plu: Mapped[int | None] = mapped_column(Integer, index=True)  # label-scale item number
    platform_item_id: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    barcodes: Mapped[list[ProductBarcode]] = relationship(back_populates="product")


class ProductBarcode(Base):
    __tablename__ = "product_barcode"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    barcode: Mapped[str] = mapped_column(String(32), unique=True)

    product: Mapped[Product] = relationship(back_populates="barcodes")


class CashSession(Base):
    """A till from opening float to the Z report; shift handovers are rows of their own."""

    __tablename__ = "cash_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_col()
    business_day: Mapped[date] = mapped_column(Date, index=True)
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    opened_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    float_fen: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    expected_cash_fen: Mapped[int | None] = mapped_column(Integer)
    counted_cash_fen: Mapped[int | None] = mapped_column(Integer)
    counted_detail: Mapped[dict | None] = mapped_column(JSON)  # denomination -> count
    variance_reason: Mapped[str | None] = mapped_column(String(200))
    z_number: Mapped[str | None] = mapped_column(String(20), unique=True)


class CashMovement(Base):
    """Cash in / out of the drawer with a reason, and shift handovers between clerks."""

    __tablename__ = "cash_movement"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_col()
    cash_session_id: Mapped[int] = mapped_column(ForeignKey("cash_session.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # in, out, handover
    amount_fen: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200), default="")
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    to_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Sale(Base):
    __tablename__ = "sale"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_col()
    number: Mapped[str] = mapped_column(String(20), unique=True)  # 20261125-0042
    business_day: Mapped[date] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    cash_session_id: Mapped[int | None] = mapped_column(ForeignKey("cash_session.id"), index=True)
    subtotal_fen: Mapped[int] = mapped_column(Integer)
    discount_fen: Mapped[int] = mapped_column(Integer, default=0)
    rounding_fen: Mapped[int] = mapped_column(Integer, default=0)
    total_fen: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200), default="")

    lines: Mapped[list[SaleLine]] = relationship(back_populates="sale", order_by="SaleLine.id")
    payments: Mapped[list[Payment]] = relationship(back_populates="sale", order_by="Payment.id")


class SaleLine(Base):
    __tablename__ = "sale_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))  # as sold, even if renamed later
    barcode: Mapped[str | None] = mapped_column(String(32))
    unit: Mapped[str] = mapped_column(String(8), default="piece")
    qty: Mapped[int] = mapped_column(Integer)  # pieces or grams
    unit_price_fen: Mapped[int] = mapped_column(Integer)  # per piece or per kg
    list_price_fen: Mapped[int] = mapped_column(Integer)  # before any override
    discount_fen: Mapped[int] = mapped_column(Integer, default=0)
    line_total_fen: Mapped[int] = mapped_column(Integer)
    cost_fen: Mapped[int | None] = mapped_column(Integer)

    sale: Mapped[Sale] = relationship(back_populates="lines")


class Payment(Base):
    __tablename__ = "payment"
    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    method: Mapped[str] = mapped_column(String(12))  # cash, wechat, alipay, card, other
    amount_fen: Mapped[int] = mapped_column(Integer)  # what the sale keeps
    tendered_fen: Mapped[int] = mapped_column(Integer)  # what the customer handed over
    change_fen: Mapped[int] = mapped_column(Integer, default=0)
    reference: Mapped[str | None] = mapped_column(String(64))

    sale: Mapped[Sale] = relationship(back_populates="payments")


class Refund(Base):
    """A refund or void: a new record pointing at the sale, never an edit of it."""

    __tablename__ = "refund"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_col()
    number: Mapped[str] = mapped_column(String(20), unique=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id"), index=True)
    business_day: Mapped[date] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    cash_session_id: Mapped[int | None] = mapped_column(ForeignKey("cash_session.id"), index=True)
    method: Mapped[str] = mapped_column(String(12))
    amount_fen: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200), default="")

    lines: Mapped[list[RefundLine]] = relationship(order_by="RefundLine.id")


class RefundLine(Base):
    __tablename__ = "refund_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("refund.id"), index=True)
    sale_line_id: Mapped[int] = mapped_column(ForeignKey("sale_line.id"), index=True)
    qty: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(Integer)


class StockMove(Base):
    __tablename__ = "stock_move"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_col()
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    qty_delta: Mapped[int] = mapped_column(Integer)  # pieces or grams
    reason: Mapped[str] = mapped_column(String(12))  # sale, refund, receipt, count, adjust
    ref_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    unit_cost_fen: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200), default="")
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_stock_move_product_created", "product_id", "created_at"),)


class HeldCart(Base):
    """挂单: a parked cart, taken back later. Kept as JSON; it is not a sale yet."""

    __tablename__ = "held_cart"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_col()
    label: Mapped[str] = mapped_column(String(50), default="")
    payload: Mapped[dict] = mapped_column(JSON)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    resumed_at: Mapped[datetime | None] = mapped_column(DateTime)


# --- the platform's group-buying (cloud-owned, read copy) -----------------------------------


class Campaign(Base):
    __tablename__ = "campaign"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(String(100))
    order_deadline: Mapped[datetime | None] = mapped_column(DateTime)
    pickup_date: Mapped[date | None] = mapped_column(Date)
    commission_bp: Mapped[int] = mapped_column(Integer, default=0)  # basis points of takings
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)

    items: Mapped[list[CampaignItem]] = relationship(back_populates="campaign")


class CampaignItem(Base):
    __tablename__ = "campaign_item"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    barcode: Mapped[str | None] = mapped_column(String(32), index=True)
    price_fen: Mapped[int] = mapped_column(Integer)
    storage: Mapped[str] = mapped_column(String(8), default="ambient")  # ambient/chilled/frozen
    case_pack: Mapped[int | None] = mapped_column(Integer)
    spec: Mapped[str] = mapped_column(String(50), default="")  # e.g. 500g/袋
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)

    campaign: Mapped[Campaign] = relationship(back_populates="items")


class GroupOrder(Base):
    """A neighbour's order for pickup here. `cloud_state` is the platform's word;
    `fulfilment` is ours (waiting for the delivery, ready, partly or wholly picked up)."""

    __tablename__ = "group_order"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    order_no: Mapped[str] = mapped_column(String(32))
    customer_name: Mapped[str] = mapped_column(String(50))  # display name as the platform gives
    phone_tail: Mapped[str] = mapped_column(String(4))
    building_room: Mapped[str | None] = mapped_column(String(50))
    pickup_code: Mapped[str] = mapped_column(String(8))
    cloud_state: Mapped[str] = mapped_column(String(12), default="active")  # active/cancelled/refunded
    fulfilment: Mapped[str] = mapped_column(String(12), default="awaiting")
    # awaiting (not arrived), ready, partial, collected
    placed_at: Mapped[datetime] = mapped_column(DateTime)
    pickup_deadline: Mapped[datetime | None] = mapped_column(DateTime)
    ready_at: Mapped[datetime | None] = mapped_column(DateTime)
    bag_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    shelf_slot: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(String(200), default="")
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)

    lines: Mapped[list[GroupOrderLine]] = relationship(
        back_populates="order", order_by="GroupOrderLine.id"
    )

    __table_args__ = (
        Index("ix_group_order_pickup_code", "pickup_code"),
        Index("ix_group_order_phone_tail", "phone_tail"),
        Index("ix_group_order_state", "cloud_state", "fulfilment"),
        Index("ix_group_order_campaign", "campaign_id", "fulfilment"),
    )


class GroupOrderLine(Base):
    __tablename__ = "group_order_line"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    order_id: Mapped[int] = mapped_column(ForeignKey("group_order.id"), index=True)
    campaign_item_id: Mapped[int] = mapped_column(ForeignKey("campaign_item.id"), index=True)
    qty_ordered: Mapped[int] = mapped_column(Integer)
    qty_short: Mapped[int] = mapped_column(Integer, default=0)  # set by arrival allocation
    qty_picked: Mapped[int] = mapped_column(Integer, default=0)  # sum of pickups minus undos
    price_fen: Mapped[int] = mapped_column(Integer)

    order: Mapped[GroupOrder] = relationship(back_populates="lines")
    item: Mapped[CampaignItem] = relationship()


# --- what the station records of group-buying (station-owned, uploaded) ----------------------


class Arrival(Base):
    __tablename__ = "arrival"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_col()
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    signed_off: Mapped[bool] = mapped_column(Boolean, default=False)
    allocation_rule: Mapped[str] = mapped_column(String(12), default="latest_first")
    note: Mapped[str] = mapped_column(String(200), default="")

    lines: Mapped[list[ArrivalLine]] = relationship(order_by="ArrivalLine.id")


class ArrivalLine(Base):
    __tablename__ = "arrival_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    arrival_id: Mapped[int] = mapped_column(ForeignKey("arrival.id"), index=True)
    campaign_item_id: Mapped[int] = mapped_column(ForeignKey("campaign_item.id"))
    qty_expected: Mapped[int] = mapped_column(Integer)
    qty_received: Mapped[int] = mapped_column(Integer, default=0)  # good units counted
    qty_damaged: Mapped[int] = mapped_column(Integer, default=0)
    qty_missing: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str] = mapped_column(String(200), default="")
    photo_path: Mapped[str | None] = mapped_column(String(300))


class Claim(Base):
    """售后: a shortage or damage claim per item, for the platform."""

    __tablename__ = "claim"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_col()
    arrival_id: Mapped[int] = mapped_column(ForeignKey("arrival.id"), index=True)
    campaign_item_id: Mapped[int] = mapped_column(ForeignKey("campaign_item.id"))
    kind: Mapped[str] = mapped_column(String(10))  # short, damaged
    qty: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200), default="")
    photo_path: Mapped[str | None] = mapped_column(String(300))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Pickup(Base):
    """A hand-out (kind=pickup) or its undo (kind=undo, pointing at the pickup it reverses)."""

    __tablename__ = "pickup"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_col()
    order_id: Mapped[int] = mapped_column(ForeignKey("group_order.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8), default="pickup")  # pickup, undo
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("pickup.id"), unique=True)
    method: Mapped[str] = mapped_column(String(12), default="qr")  # qr, code, phone, manual
    proxy_note: Mapped[str | None] = mapped_column(String(200))
    bag_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)

    lines: Mapped[list[PickupLine]] = relationship(order_by="PickupLine.id")


class PickupLine(Base):
    __tablename__ = "pickup_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    pickup_id: Mapped[int] = mapped_column(ForeignKey("pickup.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("group_order_line.id"), index=True)
    qty: Mapped[int] = mapped_column(Integer)


# --- sync, numbering, audit ------------------------------------------------------------------


class Outbox(Base):
    """Every local event, written in the same transaction as the change it describes."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    # the device that wrote it: after re-enrolment on a new device id, old unsent rows still
    # go up under the id (and sequence) they were written with
    device_id: Mapped[str] = mapped_column(String(36))
    device_epoch: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(24))
    schema_version: Mapped[int] = mapped_column(Integer, default=1)
    payload: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    result: Mapped[str | None] = mapped_column(String(12))  # applied, duplicate, rejected, conflict
    result_detail: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("device_epoch", "seq"),
        Index("ix_outbox_pending", "sent_at", "seq"),
    )


class SyncState(Base):
    """Small key/value facts of the sync: cursor, last success, last error."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Conflict(Base):
    """The cloud and the store disagree; a person decides."""

    __tablename__ = "conflict"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = _uuid_col()
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    order_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    resolution: Mapped[str | None] = mapped_column(String(200))


class NumberCounter(Base):
    """Human numbers (receipts, Z reports) come from here inside the same transaction."""

    __tablename__ = "number_counter"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class AuditLog(Base):
    """Append-only: who did what, when, with before/after."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(40), index=True)
    entity: Mapped[str] = mapped_column(String(30), default="")
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)


__all__ = [
    "Arrival",
    "ArrivalLine",
    "AuditLog",
    "Base",
    "Campaign",
    "CampaignItem",
    "CashMovement",
    "CashSession",
    "Claim",
    "Conflict",
    "GroupOrder",
    "GroupOrderLine",
    "HeldCart",
    "NumberCounter",
    "Outbox",
    "Payment",
    "Pickup",
    "PickupLine",
    "PlatformKey",
    "Product",
    "ProductBarcode",
    "Refund",
    "RefundLine",
    "Sale",
    "SaleLine",
    "Staff",
    "Station",
    "StockMove",
    "SyncState",
    "new_uuid",
]
