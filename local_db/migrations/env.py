"""Alembic environment for the station's SQLite file (batch mode: SQLite rebuilds tables)."""
from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from local_db.migrate import include_object
from local_db.models import Base

target_metadata = Base.metadata

def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through local_db.migrate, which passes a connection")
run_migrations(connection)
