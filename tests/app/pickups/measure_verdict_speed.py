"""How long a verdict takes on a big station: 100,000 orders, 300,000 lines, 60,000 pickups.

Not a test (tests assert behaviour, never timings): run it by hand,

    python tests/app/pickups/measure_verdict_speed.py [orders]

It builds a fresh SQLite file in a temporary folder with executemany, then times
PickupService.verify on QR texts, 8-digit codes and phone endings of random orders, next to
the bare Ed25519 check and a bare primary-key SELECT as baselines.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from app.clock import BusinessCalendar, FixedClock  # noqa: E402
from app.pickups import PickupService  # noqa: E402
from app.settings import Settings  # noqa: E402
from local_db.engine import Database  # noqa: E402
from local_db.migrate import upgrade  # noqa: E402
from sync.pickup_code import (  # noqa: E402
    DEMO_KEY_ID,
    PickupClaim,
    demo_private_key,
    issue_pickup_code,
    public_key_bytes,
    verify_pickup_code,
)

STATION = 1001
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def build(path: Path, n_orders: int, rng: random.Random) -> None:
    upgrade(path)
    db = Database(path)
    naive = NOW.replace(tzinfo=None)
    with db.raw() as conn:
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO station (id, code, name, device_id, device_epoch, is_demo)"
            " VALUES (?, 'S', '测试站', 'dev', 1, 0)",
            (STATION,),
        )
        conn.execute(
            "INSERT INTO platform_key (key_id, public_key, added_at, retired) VALUES (?, ?, ?, 0)",
            (DEMO_KEY_ID, public_key_bytes(demo_private_key()), naive),
        )
        conn.execute(
            "INSERT INTO staff (id, uuid, staff_no, name, roles, failed_pins, active, created_at)"
            " VALUES (1, 'u1', '001', '张团长', 'leader', 0, 1, ?)",
            (naive,),
        )
        campaigns = n_orders // 2000 + 1
        conn.executemany(
            "INSERT INTO campaign (id, title, commission_bp, withdrawn) VALUES (?, ?, 0, 0)",
            [(c, f"团购{c}") for c in range(1, campaigns + 1)],
        )
        items = [
            (c * 100 + k, c, f"商品{c}-{k}", 990, rng.choice(["ambient", "chilled", "frozen"]))
            for c in range(1, campaigns + 1)
            for k in range(10)
        ]
        conn.executemany(
            "INSERT INTO campaign_item (id, campaign_id, name, price_fen, storage, spec, withdrawn)"
            " VALUES (?, ?, ?, ?, ?, '', 0)",
            items,
        )
        codes = rng.sample(range(10_000_000, 100_000_000), n_orders)
        orders, lines, pickups, pickup_lines = [], [], [], []
        line_id = 1
        for i in range(n_orders):
            oid = 100_000 + i
            campaign = i // 2000 + 1
            state = rng.choices(
                ["collected", "ready", "partial", "awaiting", "cancelled"], (60, 20, 5, 10, 5)
            )[0]
            fulfilment = state if state != "cancelled" else "ready"
            orders.append(
                (
                    oid,
                    campaign,
                    f"GB{oid}",
                    "张小明",
                    f"{rng.randrange(10000):04d}",
                    str(codes[i]),
                    "cancelled" if state == "cancelled" else "active",
                    fulfilment,
                    naive,
                    naive + timedelta(days=2),
                    naive if fulfilment != "awaiting" else None,
                    f"{oid:08d}-0000-4000-8000-000000000000",
                    f"A-{i % 100:02d}",
                    "",
                    0,
                )
            )
            for k in range(3):
                picked = 1 if state == "collected" or (state == "partial" and k == 0) else 0
                lines.append((line_id, oid, campaign * 100 + rng.randrange(10), 1, 0, picked, 990))
                if picked:
                    pickup_lines.append((len(pickups) + 1, line_id, 1))
                line_id += 1
            if state in ("collected", "partial"):
                pickups.append((len(pickups) + 1, f"p{oid}", oid, "pickup", "qr", 0, 1, naive))
        conn.executemany(
            "INSERT INTO group_order (id, campaign_id, order_no, customer_name, phone_tail,"
            " pickup_code, cloud_state, fulfilment, placed_at, pickup_deadline, ready_at, bag_id,"
            " shelf_slot, note, withdrawn) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            orders,
        )
        conn.executemany(
            "INSERT INTO group_order_line (id, order_id, campaign_item_id, qty_ordered, qty_short,"
            " qty_picked, price_fen) VALUES (?,?,?,?,?,?,?)",
            lines,
        )
        conn.executemany(
            "INSERT INTO pickup (id, uuid, order_id, kind, method, bag_confirmed, staff_id,"
            " created_at) VALUES (?,?,?,?,?,?,?,?)",
            pickups,
        )
        conn.executemany(
            "INSERT INTO pickup_line (pickup_id, order_line_id, qty) VALUES (?,?,?)", pickup_lines
        )
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
    db.dispose()


def timed(fn, inputs: list) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for value in inputs:
        start = time.perf_counter()
        fn(value)
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(name: str, ms: list[float]) -> None:
    ms = sorted(ms)
    print(
        f"{name:<34} median {statistics.median(ms):6.2f} ms   p95 {ms[int(len(ms) * 0.95)]:6.2f} ms"
    )


def main() -> None:
    n_orders = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.db"
        start = time.perf_counter()
        build(path, n_orders, rng)
        print(f"built {n_orders} orders in {time.perf_counter() - start:.1f} s")
        db = Database(path)
        service = PickupService(db, FixedClock(NOW), BusinessCalendar(), Settings())
        sample = rng.sample(range(100_000, 100_000 + n_orders), 500)
        key = demo_private_key()
        qrs = [issue_pickup_code(PickupClaim(o, STATION, NOW, DEMO_KEY_ID), key) for o in sample]
        with db.raw() as conn:
            codes = [
                conn.execute("SELECT pickup_code FROM group_order WHERE id = ?", (o,)).fetchone()[0]
                for o in sample
            ]
        tails = [f"{rng.randrange(10000):04d}" for _ in sample]
        keys = {DEMO_KEY_ID: public_key_bytes(key)}

        service.verify(qrs[0])  # warm up imports and the first connection
        report("bare Ed25519 verify_pickup_code", timed(lambda t: verify_pickup_code(t, keys), qrs))

        def bare_select(order_id: int) -> None:
            with db.raw() as conn:
                conn.execute("SELECT * FROM group_order WHERE id = ?", (order_id,)).fetchone()

        report("bare connect + PK SELECT", timed(bare_select, sample))
        report("verify(QR) -> verdict", timed(service.verify, qrs))
        report("verify(8-digit code) -> verdict", timed(service.verify, codes))
        report("verify(phone ending) -> CHOICE", timed(service.verify, tails))
        report(
            "verify(garbage)", timed(service.verify, ["https://x.y/" + str(i) for i in range(500)])
        )
        db.dispose()


if __name__ == "__main__":
    main()
