"""Bring the database file to the app's schema with Alembic, after a backup.

A database made by a newer app (a revision we do not know) is refused with a clear message,
and nothing is touched. Migrations run with foreign keys off (SQLite batch mode rebuilds
tables by copying them) and end with PRAGMA foreign_key_check.
"""
from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.errors import DatabaseProblem
from local_db.backup import timestamped_backup
from local_db.engine import make_engine

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Tables made by raw SQL in migrations (the FTS5 search index and its shadow tables) are not
# in the models; autogenerate must not offer to drop them.
RAW_TABLE_PREFIXES = ("product_fts",)


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    """Alembic filter: compare only what the models describe."""
    return not (type_ == "table" and name and name.startswith(RAW_TABLE_PREFIXES))


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db_path: Path) -> str | None:
    if not db_path.exists():
        return None
    engine = make_engine(db_path)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def upgrade(db_path: Path, *, backup_dir: Path | None = None, target: str = "head") -> bool:
    """Migrate db_path to `target`; returns True when anything was applied."""
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(db_path)
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as exc:
            raise DatabaseProblem(
                "这个数据库由更新版本的邻里站创建，请先升级程序再打开。数据没有被改动。",
                "This database was made by a newer Corner Station. Update the app first; "
                "nothing was changed.",
                code="newer_schema",
            ) from exc
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return False
    if current is not None and backup_dir is not None:
        saved = timestamped_backup(db_path, backup_dir, "premigrate")
        log.info("backup before migration: %s", saved.name)
    engine = make_engine(db_path, foreign_keys=False)
    try:
        with engine.connect() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            conn.commit()
    finally:
        engine.dispose()
    if problems:
        raise DatabaseProblem(
            "数据库升级后发现数据关联错误，请从升级前的备份恢复。",
            "The upgraded database has broken references; restore the pre-upgrade backup.",
            code="migration_fk",
        )
    log.info("database migrated %s -> %s", current, wanted)
    return True
