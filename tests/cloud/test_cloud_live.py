"""The real thing: `python -m cloud serve` as a process on 127.0.0.1, operated with the
real admin CLI, talked to over real HTTP."""
from __future__ import annotations

import base64
import json
from concurrent.futures import ThreadPoolExecutor

import httpx

from cloud.changes import bump_epoch
from cloud.db import Database
from cloud.orders import cancel_order
from cloud.reports import list_conflicts, station_totals
from sync.pickup_code import verify_pickup_code
from sync.protocol import messages as m
from tests.cloud.cloud_helpers import (
    LiveServer,
    enrol,
    make_station,
    order_lines,
    pickup_event,
    run_admin,
    sale_event,
    simulate,
)


def admin(db: Database, *args: str) -> dict:
    return json.loads(run_admin(db.url, *args))


def test_operator_flow_over_http_survives_a_restart(
    db: Database, live_server: LiveServer, live_http: httpx.Client
) -> None:
    # The operator's side, with the real CLI (the demo key is already installed).
    key = admin(db, "keygen")
    station = admin(db, "station-create", "--code", "ST1001", "--name", "幸福里店")
    make_station(db, "ST2002", "阳光小区店")
    admin(db, "campaign-create", "--title", "冬季鲜果团", "--demo", "--pickup-date", "2026-11-27",
          "--item", "name=砂糖橘 5斤,price=19.90,storage=ambient,spec=2.5kg/箱,case_pack=6")
    sim = admin(db, "simulate", "--station", "ST1001", "--orders", "12", "--refund-rate", "0.25", "--seed", "11")
    simulate(db, "ST2002", 3, seed=12)
    assert len(sim["order_ids"]) == 12 and sim["refunded"]

    device = enrol(live_http, station["enrol_code"])
    keys = {k["key_id"]: base64.b64decode(k["public_key"]) for k in device.info["platform_keys"]}
    assert key["key_id"] in keys

    # Every order's QR verifies with the platform key and names this station and order.
    qrs = json.loads(run_admin(db.url, "order-qr", *map(str, sim["order_ids"])))
    assert [q["order_id"] for q in qrs] == sim["order_ids"]
    for qr in qrs:
        claim = verify_pickup_code(qr["qr_text"], keys)
        assert (claim.order_id, claim.station_id) == (qr["order_id"], device.station_id)
        assert claim.key_id == key["key_id"]  # signed with the newest key

    changes, cursor, pages = device.pull_all(limit=7)
    assert len(pages) > 1 and pages[0]["reset"] is True
    orders = {c["id"]: c for c in changes if c["type"] == "group_order.put"}
    assert sorted(orders) == sorted(sim["order_ids"])  # and none of ST2002's
    refunded = sim["refunded"][0]
    assert orders[refunded]["cloud_state"] == "refunded"
    codes = [o["pickup_code"] for o in orders.values() if o["cloud_state"] == "active"]
    assert len(codes) == len(set(codes))

    ok_order = next(i for i in sim["order_ids"] if i not in sim["refunded"])
    batch = [
        device.envelope(sale_event()),
        device.envelope(pickup_event(ok_order, order_lines(db, ok_order)[:1])),
        device.envelope(pickup_event(refunded, order_lines(db, refunded)[:1])),
    ]
    first = device.push(batch)
    assert [r["status"] for r in first["results"]] == ["applied", "applied", "conflict"]

    live_server.restart()  # a deploy or a crash between two syncs

    again = device.push(batch)
    assert [r["status"] for r in again["results"]] == ["duplicate"] * 3
    assert [r["first_status"] for r in again["results"]] == ["applied", "applied", "conflict"]
    assert device.pull(cursor)["changes"] == []  # the cursor is still good
    with db.read() as s:
        assert [c["order_id"] for c in list_conflicts(s, device.station_id)] == [refunded]

    # The platform cancels an order: the station hears it on the next pull.
    with db.write() as s:
        cancel_order(s, ok_order)
    page = device.pull(cursor)
    assert page["changes"] == [
        page["changes"][0] | {"type": "order_state.put", "order_id": ok_order, "cloud_state": "cancelled"}
    ]

    # The platform restores its database and bumps the epoch: a full snapshot again.
    with db.write() as s:
        bump_epoch(s)
    snapshot, _, pages = device.pull_all(page["cursor"], limit=50)
    assert pages[0]["reset"] is True and pages[-1]["snapshot_end"] is True
    assert sorted(c["id"] for c in snapshot if c["type"] == "group_order.put") == sorted(sim["order_ids"])


def test_real_server_refuses_clearly(db: Database, live_server: LiveServer, live_http: httpx.Client) -> None:
    assert live_http.get("/v1/health").json()["status"] == "ok"
    newer = live_http.get("/v1/pull", headers={"X-Protocol-Version": str(m.PROTOCOL_VERSION + 1)})
    assert newer.status_code == 409 and newer.json()["error"] == m.ERROR_UNSUPPORTED_VERSION
    no_token = live_http.get("/v1/pull", headers={"X-Protocol-Version": str(m.PROTOCOL_VERSION)})
    assert no_token.status_code == 401
    huge = live_http.post(
        "/v1/push",
        content=b"[" + b"0," * (m.MAX_PUSH_BYTES // 2) + b"0]",
        headers={"X-Protocol-Version": "1", "Content-Type": "application/json"},
    )
    assert huge.status_code == 413


def test_a_retry_racing_its_original_is_applied_once(
    db: Database, live_server: LiveServer, live_http: httpx.Client
) -> None:
    """The station timed out and sent the batch again while the first was still running."""
    station = make_station(db, "ST1001")
    device = enrol(live_http, station.enrol_code)
    batch = [device.envelope(sale_event()) for _ in range(40)]
    body = device.push_body(batch)

    def send(_: int) -> list[str]:
        with httpx.Client(base_url=live_server.url, timeout=30) as http:
            response = http.post("/v1/push", json=body, headers=device.headers)
            assert response.status_code == 200, response.text
            return [r["status"] for r in response.json()["results"]]

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(send, range(4)))
    assert sorted(a.count("applied") for a in answers) == [0, 0, 0, 40]
    with db.read() as s:
        assert station_totals(s, station.id)["by_kind"]["sale"]["count"] == 40
