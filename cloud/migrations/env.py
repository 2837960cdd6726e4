"""Alembic environment for the cloud's database (SQLite or PostgreSQL).

Run through cloud.db.upgrade, which passes a connection; `render_as_batch` lets later
migrations alter tables on SQLite too.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from cloud.models import Base

target_metadata = Base.metadata


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run the cloud's migrations through cloud.db.upgrade")
run_migrations(connection)
