"""Engine and units of work over one SQLite file.

Every connection gets WAL, foreign keys, synchronous=FULL and a busy timeout. Reads begin a
plain (deferred) transaction and proceed while another connection writes; every write
transaction begins with BEGIN IMMEDIATE, so two writers queue on busy_timeout instead of
failing half-way with SQLITE_BUSY when one tries to upgrade its read lock.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.errors import DatabaseProblem

BUSY_TIMEOUT_MS = 10_000


def apply_pragmas(dbapi_conn: sqlite3.Connection, *, foreign_keys: bool = True) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself, so we choose DEFERRED or IMMEDIATE.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    cur.close()


def _on_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path | str, *, echo: bool = False, foreign_keys: bool = True) -> Engine:
    """An engine on the SQLite file at `path`, with our pragmas on every connection.

    foreign_keys=False is for migrations only: SQLite rebuilds a table in batch mode by
    copying it, which foreign keys would block; the migration checks them afterwards.
    """
    url = f"sqlite+pysqlite:///{Path(path)}"
    # A small pool: opening a connection and setting its pragmas costs about as much as a whole
    # counter sale, so connections are reused. A connection serves one thread at a time (it
    # goes back to the pool when its unit of work ends), hence check_same_thread=False.
    engine = create_engine(
        url,
        echo=echo,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=8,
        connect_args={"check_same_thread": False},
    )
    event.listen(
        engine, "connect", lambda conn, _rec: apply_pragmas(conn, foreign_keys=foreign_keys)
    )
    event.listen(engine, "begin", _on_begin)
    return engine


class UnitOfWork:
    """One service call's transaction: commits only when told, rolls back on any other exit."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
        if isinstance(exc, OperationalError):
            raise translate_operational_error(exc) from exc

    def commit(self) -> None:
        try:
            self.session.commit()
        except OperationalError as exc:
            raise translate_operational_error(exc) from exc


def translate_operational_error(exc: OperationalError) -> DatabaseProblem:
    """SQLite's low-level complaints as messages a shopkeeper can act on."""
    text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseProblem(
            "数据库正被其他程序占用，请关闭其他程序后重试。刚才的操作没有保存。",
            "The database is in use by another program. Close it and try again; nothing was saved.",
            code="locked",
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseProblem(
            "数据文件夹只读，无法保存。请检查文件夹权限。刚才的操作没有保存。",
            "The data folder is read-only, so nothing can be saved. Check its permissions.",
            code="readonly",
        )
    if "full" in text or "disk i/o" in text:
        return DatabaseProblem(
            "磁盘已满或无法写入。刚才的操作没有保存，之前的记录都在。",
            "The disk is full or cannot be written. This was not saved; earlier records are safe.",
            code="disk_full",
        )
    if "malformed" in text or "not a database" in text:
        return DatabaseProblem(
            "数据库文件已损坏，请从备份恢复。",
            "The database file is damaged; restore it from a backup.",
            code="corrupt",
        )
    return DatabaseProblem(
        "数据库出错，刚才的操作没有保存。",
        "A database error occurred; this was not saved.",
    )


class Database:
    """The shop's database file: hands out read and write units of work."""

    def __init__(self, path: Path | str, *, echo: bool = False) -> None:
        self.path = Path(path)
        self.engine = make_engine(self.path, echo=echo)
        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(writer, expire_on_commit=False)

    def write(self) -> UnitOfWork:
        """A unit of work that begins with BEGIN IMMEDIATE (take the write lock up front)."""
        return UnitOfWork(self._write)

    def read(self) -> UnitOfWork:
        """A unit of work for reading; it never blocks on a writer (WAL)."""
        return UnitOfWork(self._read)

    @contextmanager
    def raw(self) -> Iterator[sqlite3.Connection]:
        """A plain sqlite3 connection with our pragmas, for backups and integrity checks."""
        conn = sqlite3.connect(self.path, check_same_thread=False)
        try:
            apply_pragmas(conn)
            yield conn
        finally:
            conn.close()

    def dispose(self) -> None:
        self.engine.dispose()
