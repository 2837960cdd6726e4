"""Database size on disk for the generated year (or the small scale's month).

The file as generated (WAL checkpointed), in MiB, against the bytes of the values it holds
(sum of length() of every column of every row: text in UTF-8, integers as their digits),
which shows what indexes, the FTS5 search index and page overhead add. No target: it is
there to watch. The detail lists the largest tables with their indexes (dbstat).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.report import Env, Figure, Measured

MIB = 1024 * 1024

FIGURES = (
    Figure("db_size", "storage", "database size on disk for the generated data", "MiB",
           "the bytes of the values themselves", None),
)


def payload_bytes(conn: sqlite3.Connection) -> int:
    total = 0
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE 'product_fts%' AND name != 'alembic_version'")]
    for table in tables:
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        expr = " + ".join(f'coalesce(length("{c}"), 0)' for c in columns) or "0"
        total += int(conn.execute(f'SELECT coalesce(sum({expr}), 0) FROM "{table}"').fetchone()[0])
    return total


def table_sizes(conn: sqlite3.Connection) -> dict[str, float]:
    """MiB per table, its indexes included (the FTS5 shadow tables as one), largest first."""
    owner = {name: table for name, table in conn.execute(
        "SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')")}
    sizes: dict[str, int] = {}
    try:
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    except sqlite3.DatabaseError:  # built without dbstat
        return {}
    for name, size in rows:
        table = owner.get(name, name)
        if table.startswith("product_fts"):
            table = "product_fts (search index)"
        sizes[table] = sizes.get(table, 0) + int(size)
    ranked = sorted(sizes.items(), key=lambda kv: -kv[1])[:10]
    return {name: round(size / MIB, 1) for name, size in ranked}


def run(env: Env, figures: list[Figure]) -> dict[str, Measured]:
    path: Path = env.gen.db_path  # the file as generated, not the working copy
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        payload = payload_bytes(conn)
        detail = {"tables_mib": table_sizes(conn), "days_of_sales": env.gen.scale.days}
    finally:
        conn.close()
    size = path.stat().st_size
    m = Measured(ours=[size / MIB], base=[payload / MIB], detail=detail,
                 label=f"{env.gen.scale.days} days of sales; measured once (a size does not vary)")
    env.log(f"db_size: {size / MIB:.0f} MiB (values {payload / MIB:.0f} MiB)")
    return {"db_size": m}
