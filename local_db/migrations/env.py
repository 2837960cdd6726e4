"""Alembic environment for the station's SQLite file (batch mode: SQLite rebuilds tables)."""
from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from local_db.models import Base

target_metadata = Base.metadata

# Tables made by raw SQL in migrations (FTS5 search index and its shadow tables) are not
# in the models; autogenerate must not offer to drop them.
_RAW_TABLE_PREFIXES = ("product_fts",)


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    return not (type_ == "table" and name and name.startswith(_RAW_TABLE_PREFIXES))


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
