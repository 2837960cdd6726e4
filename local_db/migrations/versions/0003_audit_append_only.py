"""audit log is append-only

Revision ID: 0003_audit_append_only
Revises: 0002_product_search
Create Date: 2026-11-25

A landed revision is never edited: add a new one. A later migration that rebuilds audit_log
in batch mode drops these triggers and must create them again.
"""
from __future__ import annotations

from alembic import op

revision = "0003_audit_append_only"
down_revision = "0002_product_search"
branch_labels = None
depends_on = None

TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
)


def upgrade() -> None:
    for statement in TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
