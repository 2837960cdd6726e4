"""initial schema

Revision ID: 0001_initial
Revises: (none)
Create Date: 2026-11-25 03:04:01.524705

A landed revision is never edited: add a new one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaign",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("order_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pickup_date", sa.Date(), nullable=True),
        sa.Column("commission_bp", sa.Integer(), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
    )
    op.create_table(
        "catalog_item",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("barcode", sa.String(length=32), nullable=True),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("suggested_price_fen", sa.BigInteger(), nullable=False),
        sa.Column("spec", sa.String(length=50), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_item")),
    )
    op.create_table(
        "server_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("epoch", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_server_state")),
    )
    op.create_table(
        "signing_key",
        sa.Column("key_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("private_key", sa.LargeBinary(length=32), nullable=True),
        sa.Column("private_key_path", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_signing_key")),
    )
    op.create_table(
        "station",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station")),
        sa.UniqueConstraint("code", name=op.f("uq_station_code")),
    )
    op.create_table(
        "arrival_record",
        sa.Column("arrival_uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "campaign_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_arrival_record_campaign_id_campaign")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_arrival_record_station_id_station")
        ),
        sa.PrimaryKeyConstraint("arrival_uuid", name=op.f("pk_arrival_record")),
    )
    with op.batch_alter_table("arrival_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_arrival_record_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "campaign_item",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "campaign_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("barcode", sa.String(length=32), nullable=True),
        sa.Column("price_fen", sa.BigInteger(), nullable=False),
        sa.Column("storage", sa.String(length=8), nullable=False),
        sa.Column("case_pack", sa.Integer(), nullable=True),
        sa.Column("spec", sa.String(length=50), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_campaign_item_campaign_id_campaign")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_item")),
    )
    with op.batch_alter_table("campaign_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_campaign_item_campaign_id"), ["campaign_id"], unique=False
        )

    op.create_table(
        "campaign_station",
        sa.Column(
            "campaign_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_campaign_station_campaign_id_campaign")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_campaign_station_station_id_station")
        ),
        sa.PrimaryKeyConstraint("campaign_id", "station_id", name=op.f("pk_campaign_station")),
    )
    op.create_table(
        "change_log",
        sa.Column(
            "station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.BigInteger(), nullable=False),
        sa.Column("tag", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_change_log_station_id_station")
        ),
        sa.PrimaryKeyConstraint("station_id", "seq", name=op.f("pk_change_log")),
    )
    op.create_table(
        "cloud_conflict",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=True),
        sa.Column("reason", sa.String(length=60), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_cloud_conflict_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cloud_conflict")),
    )
    with op.batch_alter_table("cloud_conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cloud_conflict_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_cloud_conflict_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "counter_record",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("business_day", sa.Date(), nullable=True),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_counter_record_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counter_record")),
        sa.UniqueConstraint("kind", "record_uuid", name=op.f("uq_counter_record_kind_record_uuid")),
    )
    with op.batch_alter_table("counter_record", schema=None) as batch_op:
        batch_op.create_index(
            "ix_counter_record_station_day", ["station_id", "kind", "business_day"], unique=False
        )

    op.create_table(
        "device",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column(
            "station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("epoch", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_device_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_device_token_hash")),
    )
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_device_station_id"), ["station_id"], unique=False)

    op.create_table(
        "enrol_code",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by_device", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_enrol_code_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrol_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_enrol_code_code_hash")),
    )
    with op.batch_alter_table("enrol_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrol_code_station_id"), ["station_id"], unique=False)

    op.create_table(
        "group_order",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "campaign_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("order_no", sa.String(length=32), nullable=False),
        sa.Column("customer_name", sa.String(length=50), nullable=False),
        sa.Column("phone_tail", sa.String(length=4), nullable=False),
        sa.Column("building_room", sa.String(length=50), nullable=True),
        sa.Column("pickup_code", sa.String(length=8), nullable=False),
        sa.Column("open_pickup_code", sa.String(length=8), nullable=True),
        sa.Column("qr_text", sa.String(length=200), nullable=True),
        sa.Column("cloud_state", sa.String(length=12), nullable=False),
        sa.Column("state_reason", sa.String(length=200), nullable=False),
        sa.Column("state_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fulfilment", sa.String(length=12), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pickup_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_group_order_campaign_id_campaign")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_group_order_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_order")),
        sa.UniqueConstraint("order_no", name=op.f("uq_group_order_order_no")),
        sa.UniqueConstraint(
            "station_id",
            "open_pickup_code",
            name=op.f("uq_group_order_station_id_open_pickup_code"),
        ),
    )
    with op.batch_alter_table("group_order", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_order_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_group_order_station_id"), ["station_id"], unique=False)

    op.create_table(
        "claim_record",
        sa.Column("claim_uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("arrival_uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "campaign_item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("claim_kind", sa.String(length=10), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["arrival_uuid"],
            ["arrival_record.arrival_uuid"],
            name=op.f("fk_claim_record_arrival_uuid_arrival_record"),
        ),
        sa.ForeignKeyConstraint(
            ["campaign_item_id"],
            ["campaign_item.id"],
            name=op.f("fk_claim_record_campaign_item_id_campaign_item"),
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_claim_record_station_id_station")
        ),
        sa.PrimaryKeyConstraint("claim_uuid", name=op.f("pk_claim_record")),
    )
    with op.batch_alter_table("claim_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_claim_record_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "device_series",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("epoch", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_device_series_device_id_device")
        ),
        sa.PrimaryKeyConstraint("device_id", "epoch", name=op.f("pk_device_series")),
    )
    op.create_table(
        "event_ledger",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column(
            "station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("device_epoch", sa.BigInteger(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=60), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_event_ledger_device_id_device")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_event_ledger_station_id_station")
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_event_ledger")),
    )
    with op.batch_alter_table("event_ledger", schema=None) as batch_op:
        batch_op.create_index("ix_event_ledger_station_kind", ["station_id", "kind"], unique=False)

    op.create_table(
        "group_order_line",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("order_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "campaign_item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("qty_ordered", sa.Integer(), nullable=False),
        sa.Column("price_fen", sa.BigInteger(), nullable=False),
        sa.Column("qty_picked", sa.Integer(), nullable=False),
        sa.Column("qty_short", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_item_id"],
            ["campaign_item.id"],
            name=op.f("fk_group_order_line_campaign_item_id_campaign_item"),
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["group_order.id"], name=op.f("fk_group_order_line_order_id_group_order")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_order_line")),
    )
    with op.batch_alter_table("group_order_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_order_line_order_id"), ["order_id"], unique=False
        )

    op.create_table(
        "pickup_record",
        sa.Column("pickup_uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("order_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("method", sa.String(length=12), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("picked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undo_uuid", sa.String(length=36), nullable=True),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["group_order.id"], name=op.f("fk_pickup_record_order_id_group_order")
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_pickup_record_station_id_station")
        ),
        sa.PrimaryKeyConstraint("pickup_uuid", name=op.f("pk_pickup_record")),
        sa.UniqueConstraint("undo_uuid", name=op.f("uq_pickup_record_undo_uuid")),
    )
    with op.batch_alter_table("pickup_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pickup_record_order_id"), ["order_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_pickup_record_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "sale_line_record",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "counter_record_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column(
            "station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("product_uuid", sa.String(length=36), nullable=True),
        sa.Column("platform_item_id", sa.BigInteger(), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("qty", sa.BigInteger(), nullable=False),
        sa.Column("line_total_fen", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_record_id"],
            ["counter_record.id"],
            name=op.f("fk_sale_line_record_counter_record_id_counter_record"),
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_sale_line_record_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale_line_record")),
    )
    with op.batch_alter_table("sale_line_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sale_line_record_counter_record_id"), ["counter_record_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_sale_line_record_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "series_gap",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("epoch", sa.BigInteger(), nullable=False),
        sa.Column("from_seq", sa.BigInteger(), nullable=False),
        sa.Column("to_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_series_gap_device_id_device")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series_gap")),
    )
    with op.batch_alter_table("series_gap", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_series_gap_device_id"), ["device_id"], unique=False)
    # The server's first epoch; `admin new-epoch` bumps it (see cloud/changes.py).
    op.execute(
        sa.text(
            "INSERT INTO server_state (id, epoch, created_at) VALUES (1, 1, CURRENT_TIMESTAMP)"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("series_gap", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_series_gap_device_id"))

    op.drop_table("series_gap")
    with op.batch_alter_table("sale_line_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sale_line_record_station_id"))
        batch_op.drop_index(batch_op.f("ix_sale_line_record_counter_record_id"))

    op.drop_table("sale_line_record")
    with op.batch_alter_table("pickup_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pickup_record_station_id"))
        batch_op.drop_index(batch_op.f("ix_pickup_record_order_id"))

    op.drop_table("pickup_record")
    with op.batch_alter_table("group_order_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_order_line_order_id"))

    op.drop_table("group_order_line")
    with op.batch_alter_table("event_ledger", schema=None) as batch_op:
        batch_op.drop_index("ix_event_ledger_station_kind")

    op.drop_table("event_ledger")
    op.drop_table("device_series")
    with op.batch_alter_table("claim_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_record_station_id"))

    op.drop_table("claim_record")
    with op.batch_alter_table("group_order", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_order_station_id"))
        batch_op.drop_index(batch_op.f("ix_group_order_campaign_id"))

    op.drop_table("group_order")
    with op.batch_alter_table("enrol_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrol_code_station_id"))

    op.drop_table("enrol_code")
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_device_station_id"))

    op.drop_table("device")
    with op.batch_alter_table("counter_record", schema=None) as batch_op:
        batch_op.drop_index("ix_counter_record_station_day")

    op.drop_table("counter_record")
    with op.batch_alter_table("cloud_conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cloud_conflict_station_id"))
        batch_op.drop_index(batch_op.f("ix_cloud_conflict_event_id"))

    op.drop_table("cloud_conflict")
    op.drop_table("change_log")
    op.drop_table("campaign_station")
    with op.batch_alter_table("campaign_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_item_campaign_id"))

    op.drop_table("campaign_item")
    with op.batch_alter_table("arrival_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_arrival_record_station_id"))

    op.drop_table("arrival_record")
    op.drop_table("station")
    op.drop_table("signing_key")
    op.drop_table("server_state")
    op.drop_table("catalog_item")
    op.drop_table("campaign")
