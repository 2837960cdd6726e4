"""Sync at scale: pull 10,000 orders and push 5,000 events, beside a bare baseline.

    python bench/sync_bench.py [--orders 10000] [--events 5000] [--limit 200] [--json FILE]

Ours: the station's real sync code (sync.engine / sync.push_loop: validated pydantic
answers, page-by-page transactions with the merge rules, the outbox) against the real cloud
server process on 127.0.0.1, each side on its own SQLite file.

The baseline: bare httpx moving the same JSON bytes (recorded from the real server
beforehand) to and from a bare endpoint (a raw ASGI app under the same uvicorn, in its own
process): a pull page is fetched, json.loads'ed and stored with sqlite3 executemany in one
transaction per page; a push body is posted as it is and the endpoint stores its events with
sqlite3 executemany. Both sides use the app's pragmas (WAL, synchronous=FULL).

Bytes on the wire are request lines, headers and bodies, both directions, as each client
counted them. Ratios (ours / baseline) are what to compare between machines.

    python bench/sync_bench.py bare-server DIR PORT     (internal: the baseline endpoint)
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PRAGMAS = ("PRAGMA busy_timeout=10000", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL")
STATION_CODE = "ST1001"
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


# --- the cloud, filled fast ------------------------------------------------------------------


def make_cloud(folder: Path, orders: int, seed: int = 7) -> tuple[str, str]:
    """A migrated cloud database with one station, one campaign and `orders` orders.

    Orders go in with executemany (the simulator signs a QR per order and takes minutes for
    10k); the first pull is a snapshot, which reads the order tables themselves.
    Returns (db url, enrolment code).
    """
    from sqlalchemy import insert

    from cloud.auth import new_enrol_code
    from cloud.db import Database, upgrade
    from cloud.keys import create_key
    from cloud.models import GroupOrder, GroupOrderLine
    from cloud.platform import create_campaign, create_station
    from cloud.simulate import DEMO_ITEMS, GIVEN, SURNAMES

    url = f"sqlite:///{folder / 'cloud.db'}"
    upgrade(url)
    db = Database(url)
    rng = random.Random(seed)
    with db.write() as s:
        create_key(s, demo=True)
        station = create_station(s, code=STATION_CODE, name="邻里站·幸福里店")
        campaign = create_campaign(s, title="冬季鲜果团", items=DEMO_ITEMS, pickup_date=NOW.date(),
                                   station_ids=[station.id])
        s.flush()
        items = [(item.id, item.price_fen) for item in campaign.items]
        order_rows, line_rows = [], []
        line_id = 1
        for n in range(1, orders + 1):
            code = f"{(n * 7919) % 100_000_000:08d}"  # 7919 is prime: all distinct
            order_rows.append({
                "id": n, "station_id": station.id, "campaign_id": campaign.id,
                "order_no": f"GB20261125{n:08d}", "customer_name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                "phone_tail": f"{rng.randrange(10_000):04d}",
                "building_room": f"{rng.randint(1, 12)}栋{rng.randint(1, 3)}单元{rng.randint(1, 18)}0{rng.randint(1, 4)}",
                "pickup_code": code, "open_pickup_code": code, "qr_text": None, "cloud_state": "active",
                "state_reason": "", "state_changed_at": None, "fulfilment": "awaiting",
                "placed_at": NOW - timedelta(minutes=rng.randint(1, 2880)),
                "pickup_deadline": NOW + timedelta(days=2), "withdrawn": False,
            })
            for item_id, price in rng.sample(items, k=rng.choice((1, 1, 2, 2, 3, 4))):
                line_rows.append({"id": line_id, "order_id": n, "campaign_item_id": item_id,
                                  "qty_ordered": rng.choice((1, 1, 2, 3)), "price_fen": price,
                                  "qty_picked": 0, "qty_short": 0})
                line_id += 1
        for model, rows in ((GroupOrder, order_rows), (GroupOrderLine, line_rows)):
            for start in range(0, len(rows), 5000):
                s.execute(insert(model), rows[start : start + 5000])
        code = new_enrol_code(s, station.id)
    db.dispose()
    return url, code


def start_server(args: list[str], port: int, log: Path) -> subprocess.Popen[bytes]:
    import httpx

    proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=log.open("ab"),
                            stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1, trust_env=False)
            return proc
        except httpx.TransportError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("server did not start")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- the station -----------------------------------------------------------------------------


def make_station(folder: Path, cloud_url: str, code: str) -> tuple[Any, Any]:
    from local_db.engine import Database
    from local_db.migrate import upgrade
    from local_db.models import Staff, Station
    from sync.enrol import enrol_station
    from sync.token_store import MemoryTokenStore

    folder.mkdir(parents=True, exist_ok=True)
    upgrade(folder / "station.db")
    db = Database(folder / "station.db")
    with db.write() as uow:
        uow.session.add(Station(id=1, code="LOCAL", name="bench"))
        uow.session.add(Staff(staff_no="001", name="王芳", roles="owner,leader", created_at=NOW.replace(tzinfo=None)))
        uow.commit()
    tokens = MemoryTokenStore()
    enrol_station(db, cloud_url=cloud_url, enrol_code=code, device_name="bench", tokens=tokens, now=NOW)
    return db, tokens


def queue_pickups(db: Any, events: int) -> None:
    """`events` pickup events in the outbox (one transaction), for orders the station has."""
    from sqlalchemy import select

    from local_db.models import GroupOrderLine, Staff
    from sync.outbox import write_event
    from sync.protocol import PickupEvent, PickupLineData

    with db.write() as uow:
        s = uow.session
        staff_uuid = s.scalars(select(Staff.uuid)).first()
        lines: dict[int, list[tuple[int, int]]] = {}
        for line in s.scalars(select(GroupOrderLine).order_by(GroupOrderLine.id)):
            lines.setdefault(line.order_id, []).append((line.id, line.qty_ordered))
        for order_id in sorted(lines)[:events]:
            write_event(s, PickupEvent(
                created_at=NOW, pickup_uuid=str(uuid.uuid4()), order_id=order_id,
                lines=[PickupLineData(order_line_id=i, qty=q) for i, q in lines[order_id]],
                method="qr", staff_uuid=staff_uuid,
            ), now=NOW)
        uow.commit()


def push_bodies(db: Any, client: Any, batch: int = 200) -> list[bytes]:
    """The push bodies the engine sent, rebuilt from the outbox (same models, same bytes)."""
    from sqlalchemy import select

    from local_db.models import Outbox
    from sync.outbox import _envelope

    with db.read() as uow:
        rows = uow.session.scalars(select(Outbox).order_by(Outbox.device_epoch, Outbox.seq)).all()
        envs = [_envelope(row, row.device_id) for row in rows]
    return [
        client.push_body(device_id=envs[i].device_id, device_epoch=envs[i].device_epoch,
                         events=envs[i : i + batch]).model_dump_json().encode()
        for i in range(0, len(envs), batch)
    ]


# --- the bare baseline -----------------------------------------------------------------------


def bare_server(folder: Path, port: int) -> None:
    """A raw ASGI app: GET /pull?page=N answers a recorded page; POST /push stores events."""
    import uvicorn

    pages = sorted(folder.glob("page-*.json"))
    bodies = [p.read_bytes() for p in pages]
    conn = sqlite3.connect(folder / "bare-cloud.db", check_same_thread=False)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    conn.execute("CREATE TABLE IF NOT EXISTS event (event_id TEXT PRIMARY KEY, device_id TEXT, "
                 "epoch INT, seq INT, kind TEXT, payload TEXT)")

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        if scope["path"] == "/pull":
            page = int(scope["query_string"].decode().partition("=")[2] or 0)
            answer = bodies[page]
        elif scope["path"] == "/push":
            events = json.loads(body)["events"]
            with conn:
                conn.executemany(
                    "INSERT OR IGNORE INTO event VALUES (?, ?, ?, ?, ?, ?)",
                    [(e["event_id"], e["device_id"], e["device_epoch"], e["seq"], e["kind"],
                      json.dumps(e["payload"])) for e in events],
                )
            answer = json.dumps({"stored": len(events)}).encode()
        else:
            answer = b'{"status":"ok"}'
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(answer)).encode())]})
        await send({"type": "http.response.body", "body": answer})

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def head_size(request_line: str, headers: Any) -> int:
    return len(request_line) + 2 + sum(len(k) + len(v) + 4 for k, v in headers.raw) + 2


def bare_pull(url: str, pages: int, db_path: Path) -> dict[str, Any]:
    import httpx

    conn = sqlite3.connect(db_path)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    conn.execute("CREATE TABLE IF NOT EXISTS group_order (id INTEGER PRIMARY KEY, campaign_id INT, "
                 "order_no TEXT, customer_name TEXT, phone_tail TEXT, building_room TEXT, "
                 "pickup_code TEXT, cloud_state TEXT, placed_at TEXT, pickup_deadline TEXT)")
    conn.execute("CREATE TABLE IF NOT EXISTS group_order_line (id INTEGER PRIMARY KEY, order_id INT, "
                 "campaign_item_id INT, qty_ordered INT, price_fen INT, qty_picked INT, qty_short INT)")
    conn.execute("CREATE TABLE IF NOT EXISTS other (type TEXT, body TEXT)")
    conn.execute("CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT)")
    sent = received = 0
    started = time.perf_counter()
    with httpx.Client(base_url=url, trust_env=False) as http:
        for page in range(pages):
            response = http.get("/pull", params={"page": page})
            sent += head_size(f"GET /pull?page={page} HTTP/1.1", response.request.headers)
            received += head_size("HTTP/1.1 200 OK", response.headers) + len(response.content)
            data = json.loads(response.content)
            orders = [c for c in data["changes"] if c["type"] == "group_order.put"]
            with conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO group_order VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(o["id"], o["campaign_id"], o["order_no"], o["customer_name"], o["phone_tail"],
                      o["building_room"], o["pickup_code"], o["cloud_state"], o["placed_at"],
                      o["pickup_deadline"]) for o in orders],
                )
                conn.executemany(
                    "INSERT OR REPLACE INTO group_order_line VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(li["id"], o["id"], li["campaign_item_id"], li["qty_ordered"], li["price_fen"],
                      li["qty_picked"], li["qty_short"]) for o in orders for li in o["lines"]],
                )
                conn.executemany("INSERT INTO other VALUES (?, ?)",
                                 [(c["type"], json.dumps(c)) for c in data["changes"]
                                  if c["type"] != "group_order.put"])
                conn.execute("INSERT OR REPLACE INTO state VALUES ('cursor', ?)", (data["cursor"],))
    seconds = time.perf_counter() - started
    conn.close()
    return {"seconds": seconds, "bytes_sent": sent, "bytes_received": received}


def bare_push(url: str, bodies: list[bytes]) -> dict[str, Any]:
    import httpx

    sent = received = 0
    started = time.perf_counter()
    with httpx.Client(base_url=url, trust_env=False) as http:
        for body in bodies:
            response = http.post("/push", content=body, headers={"Content-Type": "application/json"})
            response.raise_for_status()
            sent += head_size("POST /push HTTP/1.1", response.request.headers) + len(body)
            received += head_size("HTTP/1.1 200 OK", response.headers) + len(response.content)
    return {"seconds": time.perf_counter() - started, "bytes_sent": sent, "bytes_received": received}


# --- the run ---------------------------------------------------------------------------------


def record_pages(cloud_url: str, token: str, limit: int, folder: Path) -> int:
    """The exact page bodies the real server answers for a first pull, saved in order."""
    import httpx

    from sync.protocol import messages as m

    headers = {m.PROTOCOL_HEADER: str(m.PROTOCOL_VERSION), "Authorization": f"Bearer {token}"}
    cursor: str | None = None
    n = 0
    with httpx.Client(base_url=cloud_url, trust_env=False, timeout=60) as http:
        while True:
            params: dict[str, Any] = {"limit": limit}
            if cursor:
                params["cursor"] = cursor
            body = http.get("/v1/pull", params=params, headers=headers).content
            (folder / f"page-{n:05d}.json").write_bytes(body)
            n += 1
            data = json.loads(body)
            cursor = data["cursor"]
            if not data["has_more"]:
                return n


def run(orders: int = 10_000, events: int = 5_000, limit: int = 200, workdir: Path | None = None) -> dict[str, Any]:
    from app.clock import FixedClock
    from sync import engine as sync_engine
    from sync.client import SyncClient
    from sync.engine import SyncEngine, SyncLog
    from sync.push_loop import push_pending

    if workdir is not None:
        Path(workdir).mkdir(parents=True, exist_ok=True)
    # A fresh folder every run, even inside a work dir used before.
    folder = Path(tempfile.mkdtemp(prefix="sync-bench-", dir=workdir))
    cloud_db, code = make_cloud(folder, orders)
    port = free_port()
    cloud = start_server(["-m", "cloud", "serve", "--db", cloud_db, "--port", str(port)], port,
                         folder / "cloud.log")
    bare_port = free_port()
    bare = None
    try:
        cloud_url = f"http://127.0.0.1:{port}"
        db, tokens = make_station(folder / "station", cloud_url, code)
        pages_dir = folder / "pages"
        pages_dir.mkdir(exist_ok=True)
        started = time.perf_counter()
        pages = record_pages(cloud_url, tokens.load(), limit, pages_dir)
        pull_server_s = time.perf_counter() - started  # the real server making the pages

        # ours: the pull
        engine = SyncEngine(db, cloud_url=cloud_url, tokens=tokens, clock=FixedClock(NOW),
                            log=SyncLog(), pull_limit=limit)
        applying = [0.0]
        apply_page = sync_engine.apply_page

        def timed_apply(*a: Any, **kw: Any) -> Any:
            began = time.perf_counter()
            try:
                return apply_page(*a, **kw)
            finally:
                applying[0] += time.perf_counter() - began

        sync_engine.apply_page = timed_apply  # type: ignore[assignment]
        try:
            started = time.perf_counter()
            report = engine.run()
            pull_s = time.perf_counter() - started
        finally:
            sync_engine.apply_page = apply_page  # type: ignore[assignment]
        assert report.ok, report.error
        assert report.orders == orders, (report.orders, orders)

        # ours: the push
        queue_pickups(db, events)
        with SyncClient(cloud_url, token=tokens.load()) as client:
            waited = [0.0]
            send = client.push

            def timed_push(request: Any) -> Any:
                began = time.perf_counter()
                try:
                    return send(request)
                finally:
                    waited[0] += time.perf_counter() - began

            client.push = timed_push  # type: ignore[method-assign]
            started = time.perf_counter()
            pushed = push_pending(db, client, now=lambda: NOW)
            push_s = time.perf_counter() - started
            push_server_s = waited[0]
            push_wire = client.stats
            bodies = push_bodies(db, client)
        assert pushed.statuses == {"applied": events}, pushed.statuses

        # the baseline, same bytes, bare endpoint in its own process
        bare = start_server([str(Path(__file__).resolve()), "bare-server", str(pages_dir), str(bare_port)],
                            bare_port, folder / "bare.log")
        bare_url = f"http://127.0.0.1:{bare_port}"
        base_pull = bare_pull(bare_url, pages, folder / "bare-station.db")
        base_push = bare_push(bare_url, bodies)
    finally:
        for proc in (cloud, bare):
            if proc is not None:
                proc.terminate()
                proc.wait(10)

    def figure(ours_s: float, server_s: float, base: dict[str, Any], ours_sent: int,
               ours_received: int) -> dict[str, Any]:
        return {
            "ours_s": round(ours_s, 3),
            "baseline_s": round(base["seconds"], 3),
            "ratio": round(ours_s / base["seconds"], 2),
            # the real cloud's share: making the pages / applying the events (a bare client
            # fetching the same pages; our client waiting on its push answers)
            "server_s": round(server_s, 3),
            "ours_client_s": round(ours_s - server_s, 3),
            "ours_bytes": {"sent": ours_sent, "received": ours_received},
            "baseline_bytes": {"sent": base["bytes_sent"], "received": base["bytes_received"]},
        }

    return {
        "orders": orders,
        "events": events,
        "pull_limit": limit,
        "pages": pages,
        "pull": {**figure(pull_s, pull_server_s, base_pull, report.wire.bytes_sent,
                          report.wire.bytes_received),
                 "station_apply_s": round(applying[0], 3)},
        "push": figure(push_s, push_server_s, base_push, push_wire.bytes_sent, push_wire.bytes_received),
        "push_batches": pushed.batches,
        "workdir": str(folder),
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["bare-server"]:
        bare_server(Path(argv[1]), int(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--limit", type=int, default=200, help="changes per pull page")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    result = run(args.orders, args.events, args.limit, args.workdir)
    for name, what in (("pull", f"{args.orders} orders"), ("push", f"{args.events} events")):
        f = result[name]
        mb = (f["ours_bytes"]["sent"] + f["ours_bytes"]["received"]) / 1e6
        base_mb = (f["baseline_bytes"]["sent"] + f["baseline_bytes"]["received"]) / 1e6
        apply = f" (applying pages {f['station_apply_s']:.2f} s)" if "station_apply_s" in f else ""
        print(f"{name} {what}: ours {f['ours_s']:.2f} s{apply}; the cloud server alone "
              f"{f['server_s']:.2f} s; bare {f['baseline_s']:.2f} s, "
              f"ratio {f['ratio']:.2f}; wire {mb:.2f} MB (bare {base_mb:.2f} MB)")
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
