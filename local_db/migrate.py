"""Bring the database file to the app's schema with Alembic, after a backup.

A database made by a newer app (a revision we do not know) is refused with a clear message,
and nothing is touched. Migrations run with foreign keys off (SQLite batch mode rebuilds
tables by copying them) and end with PRAGMA foreign_key_check.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import DatabaseProblem
from local_db.backup import read_value, timestamped_backup
from local_db.engine import make_engine

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Tables made by raw SQL in migrations (the FTS5 search index and its shadow tables) are not
# in the models; autogenerate must not offer to drop them.
RAW_TABLE_PREFIXES = ("product_fts",)

HEAD_REVISION = "0003_audit_append_only"
"""The newest migration's revision. At start, a file already at this revision is opened
without importing Alembic (a second and ~40 MiB); tests/local_db/test_migrations.py checks
that it equals Alembic's real head, so a new migration must move it."""


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    """Alembic filter: compare only what the models describe."""
    return not (type_ == "table" and name and name.startswith(RAW_TABLE_PREFIXES))


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    """Alembic's head, read from the scripts (slow: imports Alembic); see HEAD_REVISION."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db_path: Path) -> str | None:
    """The file's alembic_version, read with sqlite3 (no Alembic); None for a new file."""
    if not db_path.exists():
        return None
    value = read_value(db_path, "SELECT version_num FROM alembic_version")
    return None if value is None else str(value)


def is_known_revision(revision: str) -> bool:
    """False for a revision this app has no script for (a file made by a newer app)."""
    if revision == HEAD_REVISION:
        return True
    from alembic.script import ScriptDirectory

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown revision
        return False
    return True


def upgrade(db_path: Path, *, backup_dir: Path | None = None, target: str = "head") -> bool:
    """Migrate db_path to `target`; returns True when anything was applied.

    A file already at HEAD_REVISION (every start but the first after an update) is left
    alone without importing Alembic."""
    if target in ("head", HEAD_REVISION) and current_revision(db_path) == HEAD_REVISION:
        return False
    from alembic import command
    from alembic.script import ScriptDirectory

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
