"""Shared pieces of the sync tests (no tests here): a real cloud server process on 127.0.0.1
with its own SQLite file, a station database, an enrolled engine, and a TCP proxy that
can cut, delay or duplicate what goes through it."""
from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.clock import BusinessCalendar, FixedClock
from cloud.db import Database as CloudDatabase
from cloud.db import upgrade as cloud_upgrade
from cloud.keys import create_key
from local_db.engine import Database
from local_db.migrate import upgrade as local_upgrade
from local_db.models import GroupOrder, GroupOrderLine, Outbox, Staff, Station, SyncState
from sync.client import RetryPolicy, Timeouts
from sync.engine import SyncEngine, SyncLog
from sync.enrol import EnrolResult, enrol_station
from sync.token_store import MemoryTokenStore
from tests.cloud.cloud_helpers import LiveServer, make_campaign, make_station, simulate

T0 = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
FAST_RETRY = RetryPolicy(attempts=6, total_s=30.0, initial_s=0.05, max_wait_s=0.5, jitter_s=0.05)
FAST_TIMEOUTS = Timeouts(connect_s=2.0, read_s=10.0, write_s=10.0, pool_s=2.0)


# --- the cloud -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def cloud_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sync-cloud-template") / "cloud.db"
    url = f"sqlite:///{path}"
    cloud_upgrade(url)
    db = CloudDatabase(url)
    with db.write() as s:
        create_key(s, demo=True)
    db.dispose()
    return path


@dataclass
class Cloud:
    path: Path
    db: CloudDatabase
    server: LiveServer

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture
def cloud(cloud_template: Path, tmp_path: Path) -> Iterator[Cloud]:
    path = tmp_path / "cloud.db"
    shutil.copyfile(cloud_template, path)
    url = f"sqlite:///{path}"
    db = CloudDatabase(url)
    server = LiveServer(url, tmp_path / "server.log")
    server.start()
    try:
        yield Cloud(path, db, server)
    finally:
        server.stop()
        db.dispose()


def cloud_station(cloud: Cloud, code: str = "ST1001", orders: int = 12, **kw: Any) -> tuple[str, list[int]]:
    """A station with a campaign and `orders` orders; returns (enrol code, order ids)."""
    station = make_station(cloud.db, code)
    make_campaign(cloud.db, [code])
    ids = simulate(cloud.db, code, orders, **kw) if orders else []
    return station.enrol_code, ids


# --- the station -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def station_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sync-station-template") / "station.db"
    local_upgrade(path)
    return path


def new_station_db(template: Path, folder: Path, name: str = "station.db") -> Database:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    shutil.copyfile(template, path)
    db = Database(path)
    with db.write() as uow:
        uow.session.add(Station(id=7, code="LOCAL", name="幸福里自提点"))
        uow.session.add(Staff(staff_no="001", name="王芳", roles="owner,leader", created_at=datetime(2026, 1, 5)))
        uow.session.add(Staff(staff_no="002", name="李强", roles="clerk", created_at=datetime(2026, 3, 1)))
        uow.commit()
    return db


@dataclass
class StationHarness:
    db: Database
    clock: FixedClock
    tokens: MemoryTokenStore
    log: SyncLog
    enrolment: EnrolResult | None = None

    def engine(self, url: str, **kw: Any) -> SyncEngine:
        kw.setdefault("retry", FAST_RETRY)
        kw.setdefault("timeouts", FAST_TIMEOUTS)
        return SyncEngine(self.db, cloud_url=url, tokens=self.tokens, clock=self.clock, log=self.log, **kw)

    def enrol(self, url: str, code: str, **kw: Any) -> EnrolResult:
        self.enrolment = enrol_station(
            self.db, cloud_url=url, enrol_code=code, device_name="收银台", tokens=self.tokens,
            now=self.clock.now(), retry=FAST_RETRY, **kw,
        )
        return self.enrolment


@pytest.fixture
def station(station_template: Path, tmp_path: Path) -> Iterator[StationHarness]:
    db = new_station_db(station_template, tmp_path / "station")
    yield StationHarness(db, FixedClock(T0), MemoryTokenStore(), SyncLog(tmp_path / "station"))
    db.dispose()


@pytest.fixture
def calendar() -> BusinessCalendar:
    return BusinessCalendar("Asia/Shanghai", 4)


# --- looking at the station ------------------------------------------------------------------


def local_orders(db: Database) -> dict[int, GroupOrder]:
    with db.read() as uow:
        found = {o.id: o for o in uow.session.scalars(select(GroupOrder))}
        uow.session.expunge_all()
        return found


def local_lines(db: Database) -> dict[int, GroupOrderLine]:
    with db.read() as uow:
        found = {line.id: line for line in uow.session.scalars(select(GroupOrderLine))}
        uow.session.expunge_all()
        return found


def count(db: Database, model: Any, *where: Any) -> int:
    with db.read() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def pending(db: Database) -> int:
    return count(db, Outbox, Outbox.sent_at.is_(None))


def sync_state(db: Database) -> dict[str, str]:
    with db.read() as uow:
        return dict(uow.session.execute(select(SyncState.key, SyncState.value)).all())


def mark_arrived(db: Database, order_ids: list[int] | None = None) -> None:
    """What an arrival check does to orders: the goods are here (fulfilment ready)."""
    with db.write() as uow:
        query = select(GroupOrder).where(GroupOrder.fulfilment == "awaiting")
        if order_ids is not None:
            query = query.where(GroupOrder.id.in_(order_ids))
        for order in uow.session.scalars(query):
            order.fulfilment = "ready"
        uow.commit()


# --- a TCP proxy that misbehaves on purpose --------------------------------------------------


def _read_http_message(sock: socket.socket, buffer: bytearray) -> bytes | None:
    """One HTTP/1.1 message (head + Content-Length body) from sock; None when it closed."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer.extend(chunk)
    head_end = buffer.index(b"\r\n\r\n") + 4
    length = 0
    for line in bytes(buffer[:head_end]).split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(buffer) < head_end + length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer.extend(chunk)
    message = bytes(buffer[: head_end + length])
    del buffer[: head_end + length]
    return message


class FaultyProxy:
    """127.0.0.1 proxy to an upstream HTTP server, one request at a time per connection.

    `plan` is consumed one action per request: "pass", ("cut_request", n) forwards n bytes
    of the request and drops both connections, ("cut_response", n) sends the client n bytes
    of the answer and drops it, ("delay", seconds) waits before forwarding, "duplicate"
    sends the request to the server twice (the client sees the first answer). Requests
    seen are recorded as their first line.
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.plan: list[Any] = []
        self.seen: list[str] = []
        self.bytes_up = 0
        self.bytes_down = 0
        self._lock = threading.Lock()
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._closed = True
        self._server.close()

    def _next_action(self) -> Any:
        with self._lock:
            return self.plan.pop(0) if self.plan else "pass"

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        inbox, answers = bytearray(), bytearray()
        try:
            while True:
                request = _read_http_message(client, inbox)
                if request is None:
                    return
                with self._lock:
                    self.seen.append(request.split(b"\r\n", 1)[0].decode("latin-1"))
                action = self._next_action()
                if upstream is None:
                    upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
                if isinstance(action, tuple) and action[0] == "delay":
                    time.sleep(action[1])
                if isinstance(action, tuple) and action[0] == "cut_request":
                    upstream.sendall(request[: action[1]])
                    return
                if action == "duplicate":
                    with socket.create_connection(("127.0.0.1", self.upstream_port)) as twin:
                        twin.sendall(request)
                        _read_http_message(twin, bytearray())
                upstream.sendall(request)
                self.bytes_up += len(request)
                answer = _read_http_message(upstream, answers)
                if answer is None:
                    return
                if isinstance(action, tuple) and action[0] == "cut_response":
                    client.sendall(answer[: action[1]])
                    return
                client.sendall(answer)
                self.bytes_down += len(answer)
        except OSError:
            return
        finally:
            client.close()
            if upstream is not None:
                upstream.close()


@pytest.fixture
def make_proxy() -> Iterator[Any]:
    proxies: list[FaultyProxy] = []

    def make(port: int) -> FaultyProxy:
        proxy = FaultyProxy(port)
        proxies.append(proxy)
        return proxy

    yield make
    for proxy in proxies:
        proxy.close()
