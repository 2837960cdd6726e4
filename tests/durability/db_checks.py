"""What a database file left by a killed or refused child must still satisfy (read with plain
sqlite3, so the checks share nothing with the code they check)."""
from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from child_driver import RANDOM_CAMPAIGN, RANDOM_ORDER

PULLED_TABLES = ("campaign", "campaign_item", "group_order", "group_order_line", "product",
                 "product_barcode", "platform_key", "sync_state", "product_fts")


@contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(path)
    try:
        yield conn
    finally:
        conn.close()


def rows(conn: sqlite3.Connection, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    return conn.execute(sql, args).fetchall()


def value(conn: sqlite3.Connection, sql: str, *args: Any) -> Any:
    row = conn.execute(sql, args).fetchone()
    return row[0] if row else None


def checksum(conn: sqlite3.Connection) -> str:
    """The pulled tables' content (row uuids aside: a product made by a pull gets a new one)."""
    digest = hashlib.sha256()
    for table in PULLED_TABLES:
        cur = conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid")
        keep = [i for i, d in enumerate(cur.description) if d[0] != "uuid"]
        for row in cur:
            digest.update(repr([row[i] for i in keep]).encode())
        digest.update(b"|")
    return digest.hexdigest()


@dataclass(frozen=True)
class Baseline:
    """What stays true of the template whatever the child did (see `check_invariants`)."""

    stock: dict[int, int]  # product -> stock_qty minus its stock moves
    picked: dict[int, int]  # order line -> qty_picked minus pickup lines plus undo lines
    max_sale: int
    max_pickup: int
    undo_gap: int  # undo audit entries minus undo rows

    @classmethod
    def of(cls, conn: sqlite3.Connection) -> Baseline:
        return cls(stock_base(conn), picked_base(conn),
                   value(conn, "SELECT coalesce(max(id), 0) FROM sale"),
                   value(conn, "SELECT coalesce(max(id), 0) FROM pickup"), undo_gap(conn))


def stock_base(conn: sqlite3.Connection) -> dict[int, int]:
    return dict(rows(conn, """
        SELECT p.id, p.stock_qty - coalesce((SELECT sum(qty_delta) FROM stock_move m
                                             WHERE m.product_id = p.id), 0)
        FROM product p"""))


def picked_base(conn: sqlite3.Connection) -> dict[int, int]:
    return dict(rows(conn, """
        SELECT l.id, l.qty_picked - coalesce((
            SELECT sum(CASE p.kind WHEN 'undo' THEN -pl.qty ELSE pl.qty END)
            FROM pickup_line pl JOIN pickup p ON p.id = pl.pickup_id
            WHERE pl.order_line_id = l.id), 0)
        FROM group_order_line l"""))


def check_invariants(conn: sqlite3.Connection, base: Baseline) -> None:
    assert rows(conn, "PRAGMA integrity_check") == [("ok",)]
    assert rows(conn, "PRAGMA foreign_key_check") == []
    check_sales(conn, base)
    check_outbox_sequence(conn)
    check_pickups(conn, base)


def check_sales(conn: sqlite3.Connection, base: Baseline) -> None:
    sales = rows(conn, "SELECT id, uuid, number, total_fen FROM sale")
    uuids = {uuid for _, uuid, _, _ in sales}
    lines = dict(rows(conn, "SELECT sale_id, count(*) FROM sale_line GROUP BY sale_id"))
    product_lines = dict(rows(conn, "SELECT sale_id, count(*) FROM sale_line "
                                    "WHERE product_id IS NOT NULL GROUP BY sale_id"))
    paid = dict(rows(conn, "SELECT sale_id, sum(amount_fen) FROM payment GROUP BY sale_id"))
    events = Counter(v for (v,) in rows(
        conn, "SELECT json_extract(payload, '$.sale_uuid') FROM outbox WHERE kind = 'sale'"))
    moves = Counter(v for (v,) in rows(conn, "SELECT ref_uuid FROM stock_move WHERE reason = 'sale'"))
    for sale_id, uuid, number, total in sales:
        assert lines.get(sale_id, 0) > 0, f"sale {number} has no lines"
        assert paid.get(sale_id) == total, f"sale {number}: payments {paid.get(sale_id)} != {total}"
        assert events[uuid] == 1, f"sale {number} has {events[uuid]} outbox events"
        assert moves[uuid] == product_lines.get(sale_id, 0), f"sale {number}: stock moves"
    assert set(events) <= uuids, "an outbox sale event without its sale"
    assert set(moves) <= uuids, "a stock move of a sale that is not there"
    assert set(lines) | set(paid) <= {sale_id for sale_id, *_ in sales}
    stock = stock_base(conn)  # a pulled catalogue item is a new product with no stock
    assert stock == {p: base.stock.get(p, 0) for p in stock}, "book stock != its stock moves"
    by_day = Counter(number.rsplit("-", 1)[0] for _, _, number, _ in sales)
    for day, n in by_day.items():
        counter = value(conn, "SELECT value FROM number_counter WHERE name = ?", f"sale:{day}")
        suffixes = sorted(int(number.rsplit("-", 1)[1]) for _, _, number, _ in sales
                          if number.startswith(day))
        assert suffixes == list(range(1, n + 1)) and counter == n, f"receipt numbers of {day}"


def check_outbox_sequence(conn: sqlite3.Connection) -> None:
    for epoch, n, low, high in rows(conn, "SELECT device_epoch, count(*), min(seq), max(seq) "
                                          "FROM outbox GROUP BY device_epoch"):
        assert (low, high) == (1, n), f"outbox sequence of epoch {epoch} has a gap"
        assert value(conn, "SELECT value FROM number_counter WHERE name = ?",
                     f"outbox_seq:{epoch}") == n


def check_pickups(conn: sqlite3.Connection, base: Baseline) -> None:
    picked = picked_base(conn)  # lines a page brings arrive with nothing picked here
    assert picked == {x: base.picked.get(x, 0) for x in picked}, "qty_picked != the pickup lines"
    new = rows(conn, "SELECT id, uuid, kind FROM pickup WHERE id > ?", base.max_pickup)
    counted = dict(rows(conn, "SELECT pickup_id, count(*) FROM pickup_line GROUP BY pickup_id"))
    events = Counter(v for (v,) in rows(conn, """
        SELECT coalesce(json_extract(payload, '$.undo_uuid'), json_extract(payload, '$.pickup_uuid'))
        FROM outbox WHERE kind IN ('pickup', 'pickup_undo')"""))
    for (uuid,) in rows(conn, "SELECT uuid FROM pickup WHERE id > ? AND kind = 'pickup'",
                        base.max_pickup):
        assert value(conn, "SELECT count(*) FROM audit_log WHERE action = 'pickup' "
                           "AND entity_id = ?", uuid) == 1, f"pickup {uuid} is not audited once"
    for pickup_id, uuid, kind in new:
        assert counted.get(pickup_id, 0) > 0, f"{kind} {pickup_id} has no lines"
        assert events[uuid] == 1, f"{kind} {pickup_id} has {events[uuid]} outbox events"
    assert set(events) <= {uuid for _, uuid, _ in new}, "an outbox pickup event without its pickup"
    assert undo_gap(conn) == base.undo_gap, "an undo without its audit entry (or the reverse)"


def undo_gap(conn: sqlite3.Connection) -> int:
    return (value(conn, "SELECT count(*) FROM audit_log WHERE action = 'pickup_undo'")
            - value(conn, "SELECT count(*) FROM pickup WHERE kind = 'undo'"))


def check_reported(conn: sqlite3.Connection, base: Baseline, report: list[dict[str, Any]],
                   attempted: Counter[str]) -> None:
    """Everything reported is there once; at most the one operation in flight is extra."""
    sale_uuids = Counter(uuid for (uuid,) in rows(conn, "SELECT uuid FROM sale WHERE id > ?",
                                                  base.max_sale))
    pickup_uuids = Counter(uuid for (uuid,) in rows(conn, "SELECT uuid FROM pickup WHERE id > ?",
                                                    base.max_pickup))
    done = Counter(r["op"] for r in report)
    for r in report:
        if r["op"] == "sale":
            assert sale_uuids[r["uuid"]] == 1, f"reported sale {r['number']} lost or doubled"
            assert value(conn, "SELECT number FROM sale WHERE uuid = ?", r["uuid"]) == r["number"]
        elif r["op"] in ("pickup", "undo"):
            assert pickup_uuids[r["uuid"]] == 1, f"reported {r['op']} lost or doubled"
    assert done["sale"] <= sum(sale_uuids.values()) <= min(done["sale"] + 1, attempted["sale"])
    handed = done["pickup"] + done["undo"]
    assert handed <= sum(pickup_uuids.values()) <= min(
        handed + 1, attempted["pickup"] + attempted["undo"])


def cursor_of(conn: sqlite3.Connection) -> str | None:
    return value(conn, "SELECT value FROM sync_state WHERE key = 'cursor'")


def check_pages(conn: sqlite3.Connection, report: list[dict[str, Any]],
                expected: dict[str | None, str]) -> None:
    cursor = cursor_of(conn)
    assert cursor in expected, f"unexpected cursor {cursor!r}"
    assert checksum(conn) == expected[cursor], f"the page of cursor {cursor!r} is half applied"
    reported = [r["cursor"] for r in report if r["op"] == "page"]
    order = list(expected)
    assert order.index(cursor) in (len(reported), len(reported) + 1)


def check_random_pages(conn: sqlite3.Connection, report: list[dict[str, Any]]) -> int:
    cursor = cursor_of(conn)
    k = int(cursor[1:]) if cursor else 0
    campaigns = {cid - RANDOM_CAMPAIGN for (cid,) in rows(
        conn, "SELECT id FROM campaign WHERE id > ?", RANDOM_CAMPAIGN)}
    orders = {oid - RANDOM_ORDER for (oid,) in rows(
        conn, "SELECT id FROM group_order WHERE id > ?", RANDOM_ORDER)}
    assert campaigns == orders == set(range(1, k + 1)), f"pages applied {campaigns} vs cursor {cursor}"
    reported = sum(1 for r in report if r["op"] == "page")
    assert k in (reported, reported + 1)
    return k


