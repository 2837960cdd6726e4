"""Migrations build exactly the models' schema, and old filled databases upgrade intact."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.errors import DatabaseProblem
from local_db.engine import make_engine
from local_db.migrate import current_revision, head_revision, include_object, upgrade
from local_db.models import Base

FIXTURES = Path(__file__).parent / "fixtures"


def test_migrations_build_exactly_the_models(db_path: Path) -> None:
    engine = make_engine(db_path)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        diff = compare_metadata(ctx, Base.metadata)
    engine.dispose()
    assert diff == [], f"models and migrations differ: {diff}"
    assert current_revision(db_path) == head_revision()


def test_pragmas_on_every_connection(db_path: Path) -> None:
    engine = make_engine(db_path)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


def test_newer_database_is_refused_and_untouched(db_path: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseProblem) as info:
        upgrade(db_path, backup_dir=tmp_path / "backups")
    assert info.value.code == "newer_schema"
    assert "newer" in info.value.message.en and "更新" in info.value.message.zh
    assert db_path.read_bytes() == before


def _fixture_cases() -> list[Path]:
    return sorted(FIXTURES.glob("rev_*.db"))


def test_a_fixture_exists_for_every_revision() -> None:
    from alembic.script import ScriptDirectory

    from local_db.migrate import alembic_config

    revisions = {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    have = {p.stem.removeprefix("rev_") for p in _fixture_cases()}
    assert revisions <= have, f"make a filled fixture for {sorted(revisions - have)} (scripts/make_migration_fixture.py)"


@pytest.mark.parametrize("fixture", _fixture_cases(), ids=lambda p: p.stem)
def test_filled_old_database_upgrades_with_counts_and_fen_sums(fixture: Path, tmp_path: Path) -> None:
    expected = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    work = tmp_path / "station.db"
    shutil.copyfile(fixture, work)
    upgrade(work, backup_dir=tmp_path / "backups")
    assert current_revision(work) == head_revision()
    conn = sqlite3.connect(work)
    try:
        for table, count in expected["counts"].items():
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count, table
        for column, total in expected["fen_sums"].items():
            table, col = column.split(".")
            assert conn.execute(f"SELECT coalesce(sum({col}), 0) FROM {table}").fetchone()[0] == total, column
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    if expected["revision"] != head_revision():
        backups = list((tmp_path / "backups").glob("station-*-premigrate.db"))
        assert len(backups) == 1, "a backup is taken before migrating"


def test_audit_log_is_append_only_in_the_database(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("INSERT INTO audit_log (at, action, entity, entity_id) VALUES ('2026-11-25', 'x', '', '')")
        conn.commit()
        for statement in ("UPDATE audit_log SET action = 'y'", "DELETE FROM audit_log"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                conn.execute(statement)
        assert conn.execute("SELECT action FROM audit_log").fetchall() == [("x",)]
    finally:
        conn.close()


def test_head_revision_constant_is_alembics_head() -> None:
    """local_db.migrate.HEAD_REVISION lets a start skip Alembic; a new migration must move it."""
    from local_db.migrate import HEAD_REVISION

    assert head_revision() == HEAD_REVISION


def test_a_file_at_head_opens_without_importing_alembic(db_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from local_db.migrate import upgrade; "
        "assert upgrade(Path(sys.argv[1])) is False; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'alembic'], 'alembic imported'"
    )
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", code, str(db_path)], cwd=root, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stderr
