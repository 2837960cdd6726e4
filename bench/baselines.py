"""The bare baselines: the least that could do each job, measured beside our code in the same run.

Nothing here imports the app's services: plain sqlite3 with the app's pragmas, plain
PySide6 widgets, plain reportlab drawString calls, plain Ed25519 from cryptography. They
read the same database file and draw the same strings as the figure they stand beside.

    python -m bench.baselines window T0     the bare window as a child process: prints
                                             {"ready_s", "maxrss_mb"} as JSON
"""
from __future__ import annotations

import base64
import io
import json
import sqlite3
import sys
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PRAGMAS = (
    "PRAGMA busy_timeout=10000",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
)


def connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the same pragmas the app sets (WAL, synchronous=FULL)."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


# --- the window (a child process) ------------------------------------------------------------


def maxrss_mb() -> float:
    """This process's peak RSS in MiB (resource.getrusage ru_maxrss; Linux counts KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def vm_hwm_mb() -> float | None:
    """The peak RSS of this process's address space (/proc/self/status VmHWM), in MiB: a
    cross-check of ru_maxrss, which also remembers what the process had before its exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def bare_window(t0: float) -> dict[str, float]:
    """A QApplication and one QLabel, shown; the time from t0 (process start, wall clock) to
    its first paint event, and the peak RSS."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    label = QLabel("邻里站 Corner Station")
    seen: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if not seen and event.type() == QEvent.Type.Paint and obj is label:
                seen["ready_s"] = time.time() - t0
                QTimer.singleShot(0, app.quit)
            return False

    watcher = FirstPaint()
    app.installEventFilter(watcher)  # app-wide, as for our window: the same cost per event
    label.resize(640, 480)
    label.show()
    app.exec()
    return {"ready_s": seen["ready_s"], "maxrss_mb": maxrss_mb(), "vm_hwm_mb": vm_hwm_mb()}


# --- the counter -----------------------------------------------------------------------------


class BareStore:
    """Indexed lookups with plain sqlite3 on the same file."""

    def __init__(self, path: Path) -> None:
        self.conn = connect(path)

    def lookup(self, code: str) -> tuple[int, str, int] | None:
        return self.conn.execute(
            "SELECT p.id, p.name, p.price_fen FROM product_barcode b"
            " JOIN product p ON p.id = b.product_id WHERE b.barcode = ?",
            (code,),
        ).fetchone()

    def search(self, typed: str, limit: int = 30) -> list[tuple[int, str, int]]:
        """One FTS5 query on the same index: a prefix of the pinyin initials, or the typed
        Chinese characters as a phrase of the name."""
        return self.conn.execute(
            "SELECT p.id, p.name, p.price_fen FROM product_fts"
            " JOIN product p ON p.id = product_fts.rowid WHERE product_fts MATCH ? LIMIT ?",
            (fts_match(typed), limit),
        ).fetchall()

    def order(self, order_id: int) -> list[tuple[Any, ...]]:
        return self.conn.execute(
            "SELECT o.id, o.customer_name, o.cloud_state, o.fulfilment, o.shelf_slot,"
            " l.id, l.qty_ordered, l.qty_short, l.qty_picked, i.name"
            " FROM group_order o JOIN group_order_line l ON l.order_id = o.id"
            " JOIN campaign_item i ON i.id = l.campaign_item_id WHERE o.id = ?",
            (order_id,),
        ).fetchall()

    def close(self) -> None:
        self.conn.close()


def fts_match(typed: str) -> str:
    if typed.isascii():
        return f'initials : "{typed.lower()}"*'
    return 'name_chars : "' + " ".join(c for c in typed if c.isalnum()) + '"'


class BareTable:
    """A plain QTableWidget: append a row and repaint it."""

    def __init__(self) -> None:
        from PySide6.QtWidgets import QTableWidget

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["商品", "数量", "金额"])
        self.table.resize(900, 600)
        self.table.show()

    def add(self, name: str, qty: int, price_fen: int) -> None:
        from PySide6.QtWidgets import QTableWidgetItem

        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setItem(row, 1, QTableWidgetItem(str(qty)))
        self.table.setItem(row, 2, QTableWidgetItem(f"¥{price_fen / 100:.2f}"))
        self.table.scrollToBottom()
        self.table.viewport().repaint()

    def clear(self) -> None:
        self.table.setRowCount(0)


class BareCheckout:
    """The rows of a sale in one BEGIN IMMEDIATE … COMMIT: the sale, its lines, the stock
    updates and moves, the payment, the outbox event, the two counters."""

    def __init__(self, path: Path, *, staff_id: int, till_id: int, device_id: str) -> None:
        self.conn = connect(path)
        self.staff_id = staff_id
        self.till_id = till_id
        self.device_id = device_id

    def commit(self, lines: Sequence[tuple[int, str, str | None, int]]) -> int:
        """lines: (product id, name, barcode, price in fen), one piece each."""
        c = self.conn
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")  # naive UTC, as stored
        total = sum(line[3] for line in lines)
        c.execute("BEGIN IMMEDIATE")
        try:
            number = self._next(c, "benchbare:sale")
            sale_uuid = str(uuid.uuid4())
            sale_id = c.execute(
                "INSERT INTO sale (uuid, number, business_day, created_at, staff_id,"
                " cash_session_id, subtotal_fen, discount_fen, rounding_fen, total_fen, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, '')",
                (sale_uuid, f"B-{number}", now[:10], now, self.staff_id, self.till_id, total,
                 total),
            ).lastrowid
            for product_id, name, barcode, price in lines:
                c.execute(
                    "INSERT INTO sale_line (sale_id, product_id, name, barcode, unit, qty,"
                    " unit_price_fen, list_price_fen, discount_fen, line_total_fen)"
                    " VALUES (?, ?, ?, ?, 'piece', 1, ?, ?, 0, ?)",
                    (sale_id, product_id, name, barcode, price, price, price),
                )
                c.execute("UPDATE product SET stock_qty = stock_qty - 1 WHERE id = ?",
                          (product_id,))
                c.execute(
                    "INSERT INTO stock_move (uuid, product_id, qty_delta, reason, ref_uuid,"
                    " note, staff_id, created_at) VALUES (?, ?, -1, 'sale', ?, '', ?, ?)",
                    (str(uuid.uuid4()), product_id, sale_uuid, self.staff_id, now),
                )
            c.execute(
                "INSERT INTO payment (sale_id, method, amount_fen, tendered_fen, change_fen)"
                " VALUES (?, 'wechat', ?, ?, 0)",
                (sale_id, total, total),
            )
            payload = {
                "kind": "sale", "created_at": now, "sale_uuid": sale_uuid, "number": number,
                "lines": [{"product_id": p, "name": n, "qty": 1, "line_total_fen": f}
                          for p, n, _b, f in lines],
                "payments": [{"method": "wechat", "amount_fen": total}], "total_fen": total,
            }
            c.execute(
                "INSERT INTO outbox (event_id, device_id, device_epoch, seq, kind,"
                " schema_version, payload, created_at) VALUES (?, ?, 99, ?, 'sale', 1, ?, ?)",
                (str(uuid.uuid4()), self.device_id, self._next(c, "benchbare:seq"),
                 json.dumps(payload, ensure_ascii=False), now),
            )
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return int(sale_id or 0)

    @staticmethod
    def _next(c: sqlite3.Connection, name: str) -> int:
        return int(c.execute(
            "INSERT INTO number_counter (name, value) VALUES (?, 1)"
            " ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
            (name,),
        ).fetchone()[0])

    def close(self) -> None:
        self.conn.close()


# --- pickups ---------------------------------------------------------------------------------


class BarePickup:
    """Decode the base32, verify the Ed25519 signature once, one indexed SELECT of the order."""

    def __init__(self, path: Path, public_key: bytes) -> None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        self.store = BareStore(path)
        self.key = Ed25519PublicKey.from_public_bytes(public_key)

    def verdict(self, text: str) -> list[tuple[Any, ...]]:
        body = text[3:]
        raw = base64.b32decode(body + "=" * (-len(body) % 8))
        payload, signature = raw[:-64], raw[-64:]
        self.key.verify(signature, b"CS1" + payload)
        order_id = shift = 0
        for byte in payload:
            order_id |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        return self.store.order(order_id)

    def close(self) -> None:
        self.store.close()


# --- documents -------------------------------------------------------------------------------


def bare_documents(orders: Sequence[Any], font: str) -> tuple[bytes, bytes]:
    """The picking list's and the labels' strings drawn with plain drawString calls, at
    fixed steps, no measuring, wrapping or layout: (picking list PDF, labels PDF)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    mm = 72.0 / 25.4
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, pageCompression=1, invariant=1)
    y = A4[1] - 40
    for order in orders:
        strings = [f"{order.shelf_slot or ''}  {order.pickup_code}",
                   f"{order.customer_name}  尾号{order.phone_tail}  {order.building_room or ''}"]
        strings += [f"{line.name} {line.spec}  x{line.qty}" for line in order.lines]
        for text in strings:
            if y < 40:
                canvas.showPage()
                y = A4[1] - 40
            canvas.setFont(font, 10)
            canvas.drawString(40, y, text)
            y -= 14
    canvas.showPage()
    canvas.save()
    picking = buf.getvalue()

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(60 * mm, 40 * mm), pageCompression=1, invariant=1)
    for order in orders:
        bags = order.bags()
        for bag in bags:
            canvas.setFont(font, 9)
            canvas.drawString(3 * mm, 32 * mm, f"{bag.slot}  {bag.zone}  {bag.index}/{bag.of}")
            canvas.drawString(3 * mm, 26 * mm, f"{order.customer_name[:1]}**  尾号{order.phone_tail}")
            canvas.drawString(3 * mm, 20 * mm, f"{bag.pieces}件")
            canvas.drawString(3 * mm, 14 * mm, " ".join(line.name for line in bag.lines))
            canvas.drawString(3 * mm, 8 * mm, str(order.bag_id))
            canvas.showPage()
    canvas.save()
    return picking, buf.getvalue()


# --- child process ---------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "window":  # window T0
        print(json.dumps(bare_window(float(argv[1]))), flush=True)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
