"""Helpers for the cloud tests: the platform side in-process, a device speaking the
protocol, event builders, and the real server as a child process."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx

from cloud.auth import new_enrol_code
from cloud.db import Database
from cloud.platform import create_campaign, create_station
from cloud.simulate import DEMO_ITEMS, simulate_orders
from sync.protocol import EVENT_SCHEMA_VERSION, PROTOCOL_VERSION
from sync.protocol import messages as m

ROOT = Path(__file__).resolve().parents[2]
AT = datetime(2026, 11, 25, 2, 30, tzinfo=UTC)
DAY = date(2026, 11, 25)
V = {"X-Protocol-Version": str(PROTOCOL_VERSION)}


# --- the platform side, in-process -----------------------------------------------------------


@dataclass
class Station:
    id: int
    code: str
    enrol_code: str


def make_station(db: Database, code: str, name: str = "幸福里店") -> Station:
    with db.write() as s:
        station = create_station(s, code=code, name=name)
        return Station(station.id, station.code, new_enrol_code(s, station.id))


def make_campaign(db: Database, station_codes: list[str] | None = None) -> tuple[int, list[int]]:
    with db.write() as s:
        ids = None
        if station_codes is not None:
            from cloud.platform import station_by_code

            ids = [station_by_code(s, code).id for code in station_codes]
        campaign = create_campaign(
            s, title="冬季鲜果团", items=DEMO_ITEMS, pickup_date=DAY, station_ids=ids
        )
        s.flush()
        return campaign.id, [item.id for item in campaign.items]


def simulate(db: Database, code: str, orders: int, **kw: Any) -> list[int]:
    with db.write() as s:
        return simulate_orders(s, station_code=code, orders=orders, seed=kw.pop("seed", 7), **kw).order_ids


def order_lines(db: Database, order_id: int) -> list[tuple[int, int]]:
    from sqlalchemy import select

    from cloud.models import GroupOrderLine

    with db.read() as s:
        rows = s.scalars(
            select(GroupOrderLine).where(GroupOrderLine.order_id == order_id).order_by(GroupOrderLine.id)
        ).all()
        return [(row.id, row.qty_ordered) for row in rows]


# --- the station side: a device speaking the protocol ----------------------------------------


class Device:
    """A station's PC as the protocol sees it: its token, device id, epoch and sequence."""

    def __init__(self, http: Any, enrol: dict[str, Any]) -> None:
        self.http = http
        self.info = enrol
        self.token = enrol["token"]
        self.device_id = enrol["device_id"]
        self.station_id = enrol["station_id"]
        self.epoch = 1
        self.seq = 0

    @property
    def headers(self) -> dict[str, str]:
        return {**V, "Authorization": f"Bearer {self.token}"}

    def envelope(self, payload: dict[str, Any], *, seq: int | None = None) -> dict[str, Any]:
        if seq is None:
            self.seq += 1
            seq = self.seq
        return {
            "event_id": str(uuid.uuid4()),
            "device_id": self.device_id,
            "device_epoch": self.epoch,
            "seq": seq,
            "kind": payload["kind"],
            "schema_version": EVENT_SCHEMA_VERSION,
            "created_at": AT.isoformat(),
            "payload": payload,
        }

    def push_body(self, envelopes: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
        return {
            "protocol_version": PROTOCOL_VERSION,
            "schema_version": EVENT_SCHEMA_VERSION,
            "device_id": self.device_id,
            "device_epoch": self.epoch,
            "events": envelopes,
            **extra,
        }

    def push(self, envelopes: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
        response = self.http.post("/v1/push", json=self.push_body(envelopes, **extra), headers=self.headers)
        assert response.status_code == 200, response.text
        m.PushResponse.model_validate_json(response.content)  # what the client will do
        return response.json()

    def pull(self, cursor: str | None = None, limit: int = 200) -> dict[str, Any]:
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        response = self.http.get("/v1/pull", params=params, headers=self.headers)
        assert response.status_code == 200, response.text
        m.PullResponse.model_validate_json(response.content)
        return response.json()

    def pull_all(self, cursor: str | None = None, limit: int = 200) -> tuple[list[dict[str, Any]], str, list[dict[str, Any]]]:
        """Every page until has_more is false: (changes, last cursor, pages)."""
        changes: list[dict[str, Any]] = []
        pages: list[dict[str, Any]] = []
        while True:
            page = self.pull(cursor, limit)
            pages.append(page)
            changes.extend(page["changes"])
            cursor = page["cursor"]
            if not page["has_more"]:
                return changes, cursor, pages


def enrol(http: Any, enrol_code: str, name: str = "收银台电脑") -> Device:
    response = http.post(
        "/v1/enrol", json={"enrol_code": enrol_code, "device_name": name}, headers=V
    )
    assert response.status_code == 200, response.text
    m.EnrolResponse.model_validate_json(response.content)
    return Device(http, response.json())


def u() -> str:
    return str(uuid.uuid4())


def pickup_event(order_id: int, lines: list[tuple[int, int]]) -> dict[str, Any]:
    return {
        "kind": "pickup",
        "created_at": AT.isoformat(),
        "pickup_uuid": u(),
        "order_id": order_id,
        "lines": [{"order_line_id": line_id, "qty": qty} for line_id, qty in lines],
        "method": "qr",
        "staff_uuid": u(),
    }


def sale_event(name: str = "农夫山泉 550ml", qty: int = 2, price: int = 200) -> dict[str, Any]:
    total = qty * price
    return {
        "kind": "sale",
        "created_at": AT.isoformat(),
        "sale_uuid": u(),
        "number": "20261125-0042",
        "business_day": DAY.isoformat(),
        "staff_uuid": u(),
        "lines": [
            {"name": name, "qty": qty, "unit_price_fen": price, "line_total_fen": total}
        ],
        "payments": [{"method": "cash", "amount_fen": total, "tendered_fen": total}],
        "subtotal_fen": total,
        "total_fen": total,
    }


# --- the real server process -----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """`python -m cloud serve` as a child process on 127.0.0.1."""

    def __init__(self, db_url: str, log_path: Path) -> None:
        self.db_url = db_url
        self.log_path = log_path
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cloud", "serve", "--db", self.db_url, "--port", str(self.port)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text(errors='replace')}")
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise RuntimeError("server did not answer /v1/health in 30 s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        """Stop and start again on the same port, as after a crash or a deploy."""
        self.stop()
        self.start()


def run_admin(db_url: str, *args: str) -> str:
    """The admin CLI as an operator runs it; returns stdout."""
    result = subprocess.run(
        [sys.executable, "-m", "cloud", "admin", "--db", db_url, "--json", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout
