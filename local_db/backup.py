"""Backups with SQLite's online backup API (a plain file copy would miss the WAL), their
names, integrity checks, and putting a backup in the database's place.

A backup is one self-contained file (journal_mode=DELETE, no -wal beside it) named
station-20261125T030000Z-<label>.db, the instant in UTC. Every file is written to a
`.part` name, flushed to the disk and then renamed, so a crash never leaves half a backup
under a real name.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from local_db.engine import apply_pragmas

BACKUP_PREFIX = "station-"
SIDE_FILES = ("-wal", "-shm", "-journal")
"""Files SQLite keeps beside a database; a stale -wal applied to another file corrupts it."""

_NAME = re.compile(r"station-(\d{8}T\d{6}Z)-([a-z][a-z0-9_]{0,30})\.db")


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
    _fsync_file(tmp)
    tmp.replace(target)
    _fsync_dir(target.parent)
    return target


def backup_name(label: str, now: datetime) -> str:
    if now.tzinfo is None:
        raise ValueError("backup_name needs an aware datetime")
    return f"{BACKUP_PREFIX}{now.astimezone(UTC):%Y%m%dT%H%M%SZ}-{label}.db"


def parse_backup_name(name: str) -> tuple[datetime, str] | None:
    """(the instant, the label) of a backup file name, or None for any other file."""
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None
    return taken, match.group(2)


def timestamped_backup(db_path: Path, folder: Path, label: str, now: datetime | None = None) -> Path:
    """A backup named like station-20261125T030000Z-premigrate.db in folder."""
    return backup_to(db_path, folder / backup_name(label, now or datetime.now(UTC)))


def copy_file(source: Path, target: Path) -> Path:
    """Copy a self-contained backup file to target (another folder, a USB stick) safely."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        shutil.copyfile(source, tmp)
        _fsync_file(tmp)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)
    return target


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


SQLITE_MAGIC = b"SQLite format 3\x00"


def quick_ok(db_path: Path) -> tuple[bool, str]:
    """The cheap check made at every start (milliseconds on a year's file, where
    integrity_check takes seconds): the header is SQLite's, the file is as long as the
    header says (a truncated file fails), and the schema on the first pages reads (a garbled
    first page fails). Damage deeper in the file is found by the full integrity_check on the
    daily backup (BackupService.run_due), made on a worker."""
    try:
        with open(db_path, "rb") as handle:
            header = handle.read(100)
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        return False, str(exc)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return False, "not an SQLite file (bad header)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return False, f"bad page size {page_size}"
    if size % page_size:
        return False, f"file size {size} is not a whole number of {page_size}-byte pages"
    pages = int.from_bytes(header[28:32], "big")
    if header[92:96] == header[24:28] and pages * page_size > size:
        # the header's page count is valid (SQLite >= 3.7.0 wrote it): the file lost its tail
        return False, f"truncated: {size} bytes, the header says {pages} pages of {page_size}"
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*), max(length(sql)) FROM sqlite_master").fetchone()
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return False, str(exc)
    return True, "ok"


def read_value(db_path: Path, sql: str) -> object | None:
    """One value from a database file opened read-only (no WAL switch, nothing written);
    None when the file, the table or the row is not there."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            row = conn.execute(sql).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def replace_database(db_path: Path, source: Path) -> None:
    """Put a copy of the backup `source` where the database `db_path` is.

    Nothing may have db_path open. The side files (-wal, -shm) go first: a WAL left beside
    the restored file would be replayed into it and corrupt it. The copy is made beside the
    database and renamed over it, so a crash leaves either the old file or the new one.
    """
    staging = db_path.with_name(db_path.name + ".restoring")
    staging.unlink(missing_ok=True)
    shutil.copyfile(source, staging)
    _fsync_file(staging)
    for suffix in SIDE_FILES:
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    staging.replace(db_path)
    _fsync_dir(db_path.parent)


def set_aside(db_path: Path, target: Path) -> list[Path]:
    """Copy a damaged database and its side files to target (+ the same suffixes), as they are."""
    target.parent.mkdir(parents=True, exist_ok=True)
    copied = []
    for suffix in ("",) + SIDE_FILES:
        src = db_path.with_name(db_path.name + suffix)
        if src.exists():
            dst = target.with_name(target.name + suffix)
            shutil.copyfile(src, dst)
            copied.append(dst)
    return copied


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
