"""A platform of its own for `--demo`: the reference cloud on 127.0.0.1, with demo data.

    cloud = DemoCloud(data_dir)          # <data>/demo-cloud.db, log in <data>/demo-cloud.log
    cloud.start()                        # `python -m cloud serve` as a child process
    seed = cloud.seed(now=...)           # first time: key, station, campaigns, ~200 orders
    ... enrol the demo station with seed.enrol_code, sync ...
    cloud.stop()

The cloud is seeded with the cloud's own admin functions (the same ones `python -m cloud
admin` runs): the public demo signing key (sync.pickup_code, key id 1), station ST1001 with
the demo station's id 1001 (so its pickup QR codes name the demo station), three campaigns
(picked up three days ago, arriving today, still taking orders) and about 200 orders, some
cancelled and some refunded by the platform. Seeding a cloud that is seeded already only
makes a new enrolment code. The station side (enrolment, the first pull, the deliveries and
hand-outs that put orders in every state) is `app.sync_service.prepare_demo_station`.

The cloud package is imported inside the functions here, never at import time: the station
program itself does not depend on the reference server, only the demo does.
"""
from __future__ import annotations

import logging
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

log = logging.getLogger(__name__)

DEMO_CLOUD_DB = "demo-cloud.db"
DEMO_CLOUD_LOG = "demo-cloud.log"
DEMO_STATION_ID = 1001  # app.demo_seed.DEMO_STATION_ID: the id the demo's QR codes name
DEMO_STATION_CODE = "ST1001"
DEMO_STATION_NAME = "邻里站·幸福里店"
PREFERRED_PORT = 18765
ROOT = Path(__file__).resolve().parents[1]

# (title, days from today to the pickup date, orders, cancel rate, refund rate)
DEMO_CAMPAIGNS: tuple[tuple[str, int, int, float, float], ...] = (
    ("冬季鲜果团", -3, 80, 0.05, 0.05),
    ("周末肉禽蛋奶团", 0, 70, 0.04, 0.04),
    ("年货预售团", 2, 50, 0.04, 0.0),
)


@dataclass(frozen=True, slots=True)
class DemoSeed:
    """What the demo cloud holds for the demo station."""

    station_id: int
    enrol_code: str
    fresh: bool  # seeded just now (False: the cloud was seeded before)
    campaigns: dict[str, int] = field(default_factory=dict)  # kind -> campaign id
    orders: int = 0


@dataclass
class DemoCloud:
    data_dir: Path
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None

    @property
    def db_url(self) -> str:
        return f"sqlite:///{Path(self.data_dir) / DEMO_CLOUD_DB}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout_s: float = 30.0) -> str:
        """Start the server (migrating its database) and wait until it answers; its URL."""
        if self.proc is not None and self.proc.poll() is None:
            return self.url
        Path(self.data_dir).mkdir(parents=True, exist_ok=True)
        self.port = self.port or _free_port(PREFERRED_PORT)
        log_file = (Path(self.data_dir) / DEMO_CLOUD_LOG).open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cloud", "serve", "--db", self.db_url, "--host", "127.0.0.1",
             "--port", str(self.port)],
            cwd=ROOT,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        log_file.close()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the demo cloud exited; see {Path(self.data_dir) / DEMO_CLOUD_LOG}")
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1.0, trust_env=False).status_code == 200:
                    log.info("demo cloud at %s", self.url)
                    return self.url
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("the demo cloud did not answer in time")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def __enter__(self) -> DemoCloud:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def seed(self, *, now: datetime) -> DemoSeed:
        """Fill a new demo cloud, or make a fresh enrolment code for a seeded one."""
        return seed_demo_cloud(self.db_url, now=now)


def seed_demo_cloud(db_url: str, *, now: datetime) -> DemoSeed:
    """Seed the cloud database at `db_url` (see the module docstring); idempotent."""
    from cloud.auth import new_enrol_code
    from cloud.db import Database, upgrade
    from cloud.keys import create_key

    upgrade(db_url)
    db = Database(db_url)
    try:
        with db.write() as s:
            create_key(s, demo=True)
            station, fresh = _demo_station(s)
        campaigns: dict[str, int] = {}
        orders = 0
        if fresh:
            campaigns, orders = _demo_orders(db, now)
        with db.write() as s:
            code = new_enrol_code(s, station)
        return DemoSeed(station_id=station, enrol_code=code, fresh=fresh, campaigns=campaigns,
                        orders=orders)
    finally:
        db.dispose()


def _demo_station(session: Any) -> tuple[int, bool]:
    from sqlalchemy import select, update

    from cloud.models import Station
    from cloud.platform import create_station

    found = session.scalar(select(Station.id).where(Station.code == DEMO_STATION_CODE))
    if found is not None:
        return int(found), False
    station = create_station(session, code=DEMO_STATION_CODE, name=DEMO_STATION_NAME)
    if station.id != DEMO_STATION_ID:
        # Nothing refers to the new row yet: give it the id the demo's QR codes name.
        session.execute(update(Station).where(Station.id == station.id).values(id=DEMO_STATION_ID))
    session.flush()
    return DEMO_STATION_ID, True


def _demo_orders(db: Any, now: datetime) -> tuple[dict[str, int], int]:
    from cloud.orders import CHINA
    from cloud.platform import create_campaign
    from cloud.simulate import DEMO_ITEMS, simulate_orders

    today = now.astimezone(CHINA).date()
    campaigns: dict[str, int] = {}
    orders = 0
    for index, (title, days, count, cancel, refund) in enumerate(DEMO_CAMPAIGNS):
        pickup = today + timedelta(days=days)
        items = [DEMO_ITEMS[(index * 3 + k) % len(DEMO_ITEMS)] for k in range(5)]
        with db.write() as s:
            campaign = create_campaign(
                s,
                title=f"{pickup.month}月{pickup.day}日 {title}",
                items=items,
                order_deadline=datetime.combine(pickup - timedelta(days=1), datetime.min.time(),
                                                tzinfo=CHINA) + timedelta(hours=22),
                pickup_date=pickup,
                commission_bp=1000 + 100 * index,
                station_ids=[DEMO_STATION_ID],
            )
            s.flush()
            campaigns[("collected", "today", "open")[index]] = campaign.id
            result = simulate_orders(
                s, station_code=DEMO_STATION_CODE, orders=count, cancel_rate=cancel,
                refund_rate=refund, seed=7 + index, campaign_id=campaign.id,
            )
            orders += len(result.order_ids)
    return campaigns, orders


def _free_port(preferred: int) -> int:
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise RuntimeError("no free port on 127.0.0.1")
