"""The device edge: what a broken or hostile platform can send, and what the client refuses
to do. A tiny fake HTTP server plays the platform; a real station database listens."""
from __future__ import annotations

import datetime as dt
import json
import ssl
import stat
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from local_db.models import Campaign, CampaignItem, GroupOrder, GroupOrderLine, Outbox, SyncState
from sync.client import (
    CloudUnreachable,
    InsecureCloudUrl,
    RetryPolicy,
    SyncClient,
    check_cloud_url,
)
from sync.outbox import write_event
from sync.protocol import PickupEvent, PickupLineData
from sync.protocol import messages as m
from sync.token_store import TokenStore
from tests.sync.test_sync_support import StationHarness as Station
from tests.sync.test_sync_support import count, sync_state

pytest_plugins = ["tests.sync.test_sync_support"]

NOW = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC)


class FakePlatform:
    """Answers /v1/pull and /v1/push with whatever a test sets: (status, body bytes, headers)."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.answers: dict[str, list[tuple[int, bytes, dict[str, str]]]] = {}
        self.requests: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_a: Any) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                fake.requests.append(f"{self.command} {self.path}")
                path = self.path.split("?")[0]
                queue = fake.answers.get(path) or [(404, b'{"error":"not_found","message":"-"}', {})]
                status, body, headers = queue.pop(0) if len(queue) > 1 else queue[0]
                self.send_response(status)
                streamed = headers.pop("x-stream", None) if headers else None
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                if streamed:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    chunk = b" " * 65536
                    try:
                        for _ in range(int(streamed) // len(chunk)):
                            self.wfile.write(chunk)
                    except OSError:
                        pass
                    self.close_connection = True
                    return
                if "Content-Length" not in (headers or {}):
                    self.send_header("Content-Length", str(len(body)))
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            do_GET = _answer  # noqa: N815 - http.server's names
            do_POST = _answer  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.scheme = "https" if tls else "http"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def set(self, path: str, *answers: tuple[int, bytes] | tuple[int, bytes, dict[str, str]]) -> None:
        self.answers[path] = [(a[0], a[1], dict(a[2]) if len(a) > 2 else {}) for a in answers]  # type: ignore[misc]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake() -> Iterator[FakePlatform]:
    server = FakePlatform()
    yield server
    server.close()


def page(changes: list[dict[str, Any]], cursor: str = "c1.next", **kw: Any) -> bytes:
    body = {"changes": changes, "cursor": cursor, "has_more": False, "reset": False,
            "snapshot_end": False, "server_time": NOW.isoformat(), **kw}
    return json.dumps(body).encode()


CAMPAIGN = {"type": "campaign.put", "id": 1, "title": "冬季鲜果团", "commission_bp": 1000,
            "updated_at": NOW.isoformat()}
ITEM = {"type": "campaign_item.put", "id": 10, "campaign_id": 1, "name": "砂糖橘", "price_fen": 1990}


def order(order_id: int = 100, campaign_id: int = 1, **kw: Any) -> dict[str, Any]:
    return {"type": "group_order.put", "id": order_id, "campaign_id": campaign_id,
            "order_no": f"GB{order_id}", "customer_name": "王秀英", "phone_tail": "1234",
            "pickup_code": "12345678", "placed_at": NOW.isoformat(),
            "lines": [{"id": order_id * 10, "campaign_item_id": 10, "qty_ordered": 2, "price_fen": 1990}],
            **kw}


def enrolled(station: Station) -> Station:
    station.tokens.save("t" * 40)
    return station


def local_state(station: Station) -> tuple[Any, ...]:
    with station.db.read() as uow:
        s = uow.session
        orders = [(o.id, o.cloud_state, o.withdrawn) for o in s.scalars(select(GroupOrder))]
        lines = [(line.id, line.qty_picked) for line in s.scalars(select(GroupOrderLine))]
        state = dict(s.execute(select(SyncState.key, SyncState.value)).all())
    state = {k: v for k, v in state.items() if not k.startswith("last_")}
    return count(station.db, Campaign), count(station.db, CampaignItem), orders, lines, state


GARBAGE: dict[str, tuple[Any, ...]] = {
    "not json": (200, b"<html>502 Bad Gateway</html>"),
    "float money": (200, page([CAMPAIGN, {**ITEM, "id": 11, "price_fen": 19.9}])),
    "wrong type": (200, page([CAMPAIGN], has_more="yes")),
    "unknown field": (200, page([{**CAMPAIGN, "id": 2, "secret": 1}])),
    "unknown change type": (200, page([{"type": "sale.put", "id": 1}])),
    "string too long": (200, page([{**CAMPAIGN, "id": 2, "title": "x" * 5000}])),
    "refers to nothing": (200, page([CAMPAIGN, order(200, campaign_id=99)])),
    "bad key bytes": (200, page([{"type": "platform_key.put", "key_id": 9, "public_key": "A" * 44}])),
    "declared oversized": (200, b"{}", {"Content-Length": str(64 * 1024 * 1024)}),
    "streamed oversized": (200, b"", {"x-stream": str(17 * 1024 * 1024)}),
    "empty cursor": (200, page([CAMPAIGN], cursor="")),
}


@pytest.mark.parametrize("case", list(GARBAGE))
def test_malformed_answers_never_change_local_data(fake: FakePlatform, station: Station, case: str) -> None:
    enrolled(station)
    fake.set("/v1/pull", (200, page([CAMPAIGN, ITEM, order(100)], cursor="c1.first")))
    assert station.engine(fake.url).run().ok
    before = local_state(station)
    assert before[2] == [(100, "active", False)]

    fake.set("/v1/pull", GARBAGE[case])
    report = station.engine(fake.url).run()
    assert not report.ok
    assert report.error_code == "malformed_answer", report.error
    assert report.wire.retries == 0  # a malformed answer is not retried
    assert local_state(station) == before
    assert sync_state(station.db)["last_error_code"] == "malformed_answer"
    newest = station.log.entries(1)[0]
    assert newest.level == "error" and "malformed" in newest.text.en
    assert "王" not in newest.text.zh + newest.text.en  # no customer data in the log


def test_a_push_answer_naming_other_events_leaves_them_pending(fake: FakePlatform, station: Station) -> None:
    enrolled(station)
    with station.db.write() as uow:
        write_event(uow.session, PickupEvent(
            created_at=NOW, pickup_uuid="5a1f4a3e-9d1c-4a47-8a53-2f0c9e0d7c11", order_id=100,
            lines=[PickupLineData(order_line_id=1000, qty=1)], method="qr",
            staff_uuid="5a1f4a3e-9d1c-4a47-8a53-2f0c9e0d7c12"), now=NOW)
        uow.commit()
    answer = {"results": [{"event_id": "5a1f4a3e-9d1c-4a47-8a53-000000000000", "status": "applied"}],
              "expected_seq": None, "last_seq": 1, "server_time": NOW.isoformat()}
    fake.set("/v1/push", (200, json.dumps(answer).encode()))
    report = station.engine(fake.url).run()
    assert report.error_code == "malformed_answer"
    assert count(station.db, Outbox, Outbox.sent_at.is_(None)) == 1


def test_401_stops_and_asks_for_enrolment(fake: FakePlatform, station: Station) -> None:
    enrolled(station)
    fake.set("/v1/pull", (401, b'{"error":"unauthorized","message":"revoked"}'))
    report = station.engine(fake.url).run()
    assert report.error_code == "needs_enrolment"
    assert report.wire.requests == 1  # never retried
    assert sync_state(station.db)["needs_enrolment"] == "1"
    assert "重新登记" in report.error.zh and "enrol" in report.error.en


def test_5xx_is_retried_with_backoff_but_a_4xx_is_not(fake: FakePlatform, station: Station) -> None:
    enrolled(station)
    fake.set("/v1/pull", (503, b"busy"), (502, b"bad gateway"), (200, page([CAMPAIGN])))
    report = station.engine(fake.url).run()
    assert report.ok and report.wire.retries == 2
    fake.set("/v1/pull", (400, b'{"error":"missing_protocol_version","message":"-"}'))
    report = station.engine(fake.url).run()
    assert report.error_code == "refused" and report.wire.requests == 1
    fake.set("/v1/pull", (500, b"down"))
    quick = RetryPolicy(attempts=3, total_s=5, initial_s=0.01, max_wait_s=0.02, jitter_s=0.0)
    report = station.engine(fake.url, retry=quick).run()
    assert report.error_code == "offline" and report.wire.requests == 3


def test_every_request_carries_the_version_and_the_token(station: Station) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=page([]))

    with SyncClient("http://127.0.0.1:9", token="t" * 40, transport=httpx.MockTransport(handler)) as c:
        c.pull(None)
    assert seen[0].headers["X-Protocol-Version"] == str(m.PROTOCOL_VERSION)
    assert seen[0].headers["Authorization"] == "Bearer " + "t" * 40


@pytest.mark.parametrize("url", ["http://example.com", "http://192.168.1.5:8765", "ftp://127.0.0.1",
                                 "https://user:pw@cloud.example.com", "not a url", ""])
def test_plain_http_only_to_this_machine(url: str) -> None:
    with pytest.raises(InsecureCloudUrl):
        check_cloud_url(url)


@pytest.mark.parametrize("url", ["https://cloud.example.com", "http://127.0.0.1:8765/", "http://localhost:1"])
def test_good_cloud_urls(url: str) -> None:
    assert check_cloud_url(url) == url.rstrip("/")


def _self_signed(folder: Path) -> tuple[Path, Path]:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "corner-cloud-test")])
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
        .not_valid_after(dt.datetime.now(dt.UTC) + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_tls_is_verified_and_a_custom_ca_file_is_honoured(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    server = FakePlatform(tls)
    try:
        health = {"status": "ok", "protocol_version": 1, "supported_protocol_versions": [0, 1],
                  "schema_version": 1, "server_time": NOW.isoformat()}
        server.set("/v1/health", (200, json.dumps(health).encode()))
        once = RetryPolicy(attempts=1)
        with SyncClient(server.url, retry=once) as client, pytest.raises(CloudUnreachable):
            client.health()  # self-signed: refused without the shop's CA file
        with SyncClient(server.url, ca_file=str(cert), retry=once) as client:
            assert client.health().protocol_version == 1
    finally:
        server.close()


def test_token_store_is_owner_only_and_keeps_other_secrets(tmp_path: Path) -> None:
    (tmp_path / "secrets.json").write_text(json.dumps({"printer_password": "p"}), encoding="utf-8")
    store = TokenStore(tmp_path)
    assert store.load() is None
    store.save("s3cret-token-value-0123456789")
    assert store.load() == "s3cret-token-value-0123456789"
    mode = stat.S_IMODE((tmp_path / "secrets.json").stat().st_mode)
    assert mode == 0o600
    assert json.loads((tmp_path / "secrets.json").read_text())["printer_password"] == "p"
    assert "s3cret" not in repr(store)
    store.clear()
    assert store.load() is None
