"""Backups with SQLite's online backup API (a plain file copy would miss the WAL)."""
from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from local_db.engine import apply_pragmas


def backup_to(db_path: Path, target: Path) -> Path:
    """Copy the live database at db_path into target (a new file) while others may write."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".part")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(db_path)
    try:
        apply_pragmas(src)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target)
    return target


def timestamped_backup(db_path: Path, folder: Path, label: str, now: datetime | None = None) -> Path:
    """A backup named like station-20261125T030000Z-premigrate.db in folder."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return backup_to(db_path, folder / f"station-{stamp}-{label}.db")


def integrity_ok(db_path: Path) -> tuple[bool, str]:
    """PRAGMA integrity_check on the file; (True, "ok") when sound."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return False, str(exc)
    text = "; ".join(str(r[0]) for r in rows)
    return text == "ok", text
