"""The station's HTTP client for the platform's sync API (docs/sync-protocol.md).

One `SyncClient` per sync run. Every call carries `X-Protocol-Version` (and the bearer
token once enrolled), has a timeout, and has its answer checked by the shared pydantic
models before anyone sees it: a body that is not the model, or is larger than we accept, is
a `MalformedAnswer` and nothing is applied.

Network errors and 5xx answers are retried with tenacity (exponential backoff with jitter,
bounded in attempts and in total time); a 4xx is never retried unchanged. Push and pull are
safe to retry (the platform dedupes events by id, a pull by cursor is a read); an enrolment
is retried only when the request surely never reached the platform, because its one-time
code is spent by the first request that does.

Plain http is allowed only to this machine (127.0.0.1, localhost, ::1): the demo and the
tests. Anything else must be https with certificate verification, optionally against a
custom CA bundle (settings.cloud_ca_file).
"""
from __future__ import annotations

import logging
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

from app.errors import UserFacingError
from sync.protocol import messages as m
from sync.protocol.events import EVENT_SCHEMA_VERSION, PROTOCOL_VERSION

log = logging.getLogger(__name__)

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
USER_AGENT = "CornerStation-sync/1"

MAX_PULL_ANSWER_BYTES = 16 * 1024 * 1024
"""A pull page of 1000 orders of 100 lines each would still fit; anything bigger is refused."""
MAX_SMALL_ANSWER_BYTES = 2 * 1024 * 1024
"""Enrol, push and error answers are small; this is a generous bound."""

_M = TypeVar("_M", bound=BaseModel)


# --- errors ----------------------------------------------------------------------------------


class SyncError(UserFacingError):
    """Root of what can go wrong talking to the platform; the message is for the shop."""


class CloudUnreachable(SyncError):
    """The platform did not answer (offline, DNS, refused, timed out, or 5xx) after retries."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"连不上平台（{detail}）。本机照常工作，联网后会自动同步。",
            f"Can't reach the platform ({detail}). Everything works offline; "
            "sync resumes when the internet is back.",
            code="offline",
        )
        self.detail = detail


class NeedsEnrolment(SyncError):
    """401: the token is missing, unknown or revoked. Stop and ask for a new enrolment."""

    def __init__(self) -> None:
        super().__init__(
            "平台不再认可本机的同步凭证（可能已被吊销或本机从未登记）。同步已停止，"
            "请向平台索取新的登记码，在“同步”界面重新登记本机。",
            "The platform no longer accepts this computer's sync credentials (revoked, or "
            "never enrolled). Sync has stopped: ask the platform for a new enrolment code "
            "and enrol this computer again on the Sync screen.",
            code="needs_enrolment",
        )


class UpgradeRequired(SyncError):
    """409: the platform does not speak our protocol or event schema version."""

    def __init__(self, supported: list[int] | None, ours: int) -> None:
        newer_platform = bool(supported) and max(supported or [0]) > ours
        if newer_platform or not supported:
            zh = "平台已升级，不再支持本程序的版本。请升级邻里站程序后再同步；本机数据都在。"
            en = ("The platform has been upgraded and no longer supports this version of the "
                  "program. Upgrade Corner Station, then sync again; nothing here is lost.")
        else:
            zh = "本程序比平台新，平台还不支持。请等平台升级后再同步；本机数据都在。"
            en = ("This program is newer than the platform supports. Sync again once the "
                  "platform has been upgraded; nothing here is lost.")
        super().__init__(zh, en, code="upgrade_required")
        self.supported = supported or []


class BadEnrolCode(SyncError):
    def __init__(self) -> None:
        super().__init__(
            "登记码无效、已过期或已被使用。请向平台索取新的登记码。",
            "The enrolment code is unknown, expired or already used. Ask the platform for a new one.",
            code="bad_enrol_code",
        )


class CloudRefused(SyncError):
    """Another 4xx: the platform refused the request as it is (never retried unchanged)."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(
            f"平台拒绝了请求（{status} {error}）：{message}",
            f"The platform refused the request ({status} {error}): {message}",
            code="refused",
        )
        self.status = status
        self.error = error


class MalformedAnswer(SyncError):
    """The platform's answer is not what the protocol says (or is too large): nothing applied."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"平台的回复格式不对，已忽略，本机数据没有改动（{detail}）。",
            f"The platform's answer was malformed and was ignored; nothing here changed ({detail}).",
            code="malformed_answer",
        )
        self.detail = detail


class InsecureCloudUrl(SyncError):
    def __init__(self, url: str, why_zh: str, why_en: str) -> None:
        super().__init__(
            f"平台地址不可用：{url}（{why_zh}）",
            f"The platform address can't be used: {url} ({why_en})",
            code="bad_url",
        )


class SyncCancelled(SyncError):
    def __init__(self) -> None:
        super().__init__("同步已中止", "Sync was stopped", code="cancelled")


class _ServerTrouble(Exception):
    """A 5xx or 429: worth another try."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(f"HTTP {status}: {text}")
        self.status = status


# --- settings of the client ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff with jitter, bounded both in attempts and in total time."""

    attempts: int = 6
    total_s: float = 60.0
    initial_s: float = 0.5
    max_wait_s: float = 8.0
    jitter_s: float = 0.5


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect_s: float = 5.0
    read_s: float = 30.0
    write_s: float = 30.0
    pool_s: float = 5.0

    def httpx(self) -> httpx.Timeout:
        return httpx.Timeout(
            connect=self.connect_s, read=self.read_s, write=self.write_s, pool=self.pool_s
        )


@dataclass
class WireStats:
    """What went over the wire in this client's life (bodies and header lines)."""

    requests: int = 0
    retries: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


def check_cloud_url(url: str) -> str:
    """The platform's base URL, normalised; refuses plain http beyond this machine."""
    text = (url or "").strip().rstrip("/")
    try:
        parsed = httpx.URL(text)
    except (httpx.InvalidURL, TypeError) as exc:
        raise InsecureCloudUrl(text, "不是网址", "not a URL") from exc
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise InsecureCloudUrl(text, "应以 https:// 开头", "it must start with https://")
    if parsed.userinfo or parsed.query or parsed.fragment:
        raise InsecureCloudUrl(text, "网址里不能有用户名、参数或#", "no user, query or # in it")
    if parsed.scheme == "http" and parsed.host not in LOOPBACK_HOSTS:
        raise InsecureCloudUrl(
            text,
            "只有本机 127.0.0.1 可以用 http，其他地址必须用 https",
            "plain http is only for 127.0.0.1; any other address needs https",
        )
    return text


# --- the client ------------------------------------------------------------------------------


class SyncClient:
    """Enrol, push and pull over HTTP, each answer validated. Not thread-safe: one per run."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        ca_file: str | None = None,
        timeouts: Timeouts = Timeouts(),
        retry: RetryPolicy = RetryPolicy(),
        protocol_version: int = PROTOCOL_VERSION,
        cancel: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
        on_retry: Callable[[str], None] | None = None,
    ) -> None:
        self.base_url = check_cloud_url(base_url)
        self.protocol_version = protocol_version
        self.retry = retry
        self.stats = WireStats()
        self._token = token
        self._cancel = cancel
        self._on_retry = on_retry
        parsed = httpx.URL(self.base_url)
        loopback = parsed.host in LOOPBACK_HOSTS
        verify: ssl.SSLContext | bool = True
        if parsed.scheme == "http":
            verify = False  # no TLS at all (127.0.0.1 only): skip loading the CA store
        elif ca_file:
            verify = ssl.create_default_context(cafile=ca_file)
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=timeouts.httpx(),
            verify=verify,
            transport=transport,
            follow_redirects=False,  # a redirect could take the token somewhere else
            trust_env=not loopback,  # a shop's proxy settings, but never for this machine
            headers={"User-Agent": USER_AGENT},
        )

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # --- the calls ------------------------------------------------------------------------

    def health(self) -> m.HealthResponse:
        return self._call("GET", "/v1/health", m.HealthResponse, auth=False, versioned=False)

    def enrol(self, request: m.EnrolRequest) -> m.EnrolResponse:
        """Spend a one-time code; retried only if the request never left this machine."""
        return self._call(
            "POST",
            "/v1/enrol",
            m.EnrolResponse,
            body=request.model_dump_json().encode("utf-8"),
            auth=False,
            retry_on=_not_sent,
        )

    def push(self, request: m.PushRequest) -> m.PushResponse:
        return self._call(
            "POST", "/v1/push", m.PushResponse, body=request.model_dump_json().encode("utf-8")
        )

    def pull(self, cursor: str | None, limit: int = m.DEFAULT_PULL_LIMIT) -> m.PullResponse:
        params: dict[str, Any] = {"limit": max(1, min(limit, m.MAX_PULL_LIMIT))}
        if cursor:
            params["cursor"] = cursor
        return self._call(
            "GET", "/v1/pull", m.PullResponse, params=params, max_bytes=MAX_PULL_ANSWER_BYTES
        )

    def push_body(self, *, device_id: str, device_epoch: int, events: list[Any],
                  skip_to_seq: int | None = None) -> m.PushRequest:
        """A PushRequest in this client's protocol version."""
        return m.PushRequest(
            protocol_version=self.protocol_version,
            schema_version=EVENT_SCHEMA_VERSION,
            device_id=device_id,
            device_epoch=device_epoch,
            events=events,
            skip_to_seq=skip_to_seq,
        )

    # --- inside ---------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        model: type[_M],
        *,
        body: bytes | None = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
        versioned: bool = True,
        max_bytes: int = MAX_SMALL_ANSWER_BYTES,
        retry_on: Callable[[BaseException], bool] | None = None,
    ) -> _M:
        headers: dict[str, str] = {}
        if versioned:
            headers[m.PROTOCOL_HEADER] = str(self.protocol_version)
            headers[m.SCHEMA_HEADER] = str(EVENT_SCHEMA_VERSION)
        if auth:
            if not self._token:
                raise NeedsEnrolment()
            headers["Authorization"] = f"Bearer {self._token}"
        if body is not None:
            headers["Content-Type"] = "application/json"

        retrying = Retrying(
            stop=stop_after_attempt(max(1, self.retry.attempts)) | stop_after_delay(self.retry.total_s),
            wait=wait_exponential_jitter(
                multiplier=self.retry.initial_s, max=self.retry.max_wait_s, jitter=self.retry.jitter_s
            ),
            retry=retry_if_exception(retry_on or _transient),
            sleep=self._sleep,
            before_sleep=self._before_sleep,
            reraise=True,
        )
        try:
            status, raw = retrying(self._send, method, path, headers, body, params, max_bytes)
        except httpx.TransportError as exc:
            raise CloudUnreachable(_describe_transport(exc)) from exc
        except _ServerTrouble as exc:
            raise CloudUnreachable(f"HTTP {exc.status}") from exc
        if status != 200:
            raise _error_for(status, raw, self.protocol_version)
        try:
            return model.model_validate_json(raw)
        except ValidationError as exc:
            raise MalformedAnswer(_summarise(exc, model.__name__)) from None

    def _send(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        body: bytes | None,
        params: dict[str, Any] | None,
        max_bytes: int,
    ) -> tuple[int, bytes]:
        if self._cancel is not None and self._cancel.is_set():
            raise SyncCancelled()
        request = self._http.build_request(method, path, headers=headers, content=body, params=params)
        self.stats.requests += 1
        self.stats.bytes_sent += _head_size(
            request.method, request.url.raw_path.decode("ascii"), request.headers
        ) + len(body or b"")
        resp = self._http.send(request, stream=True)
        try:
            declared = resp.headers.get("content-length")
            if declared is not None and declared.isdigit() and int(declared) > max_bytes:
                raise MalformedAnswer(f"answer of {int(declared)} bytes is over the {max_bytes} limit")
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise MalformedAnswer(f"answer is over the {max_bytes} byte limit")
                chunks.append(chunk)
            status = resp.status_code
            self.stats.bytes_received += _head_size("", "", resp.headers) + int(
                resp.num_bytes_downloaded
            )
        finally:
            resp.close()
        self.stats.statuses[status] = self.stats.statuses.get(status, 0) + 1
        raw = b"".join(chunks)
        if status >= 500 or status == 429:
            raise _ServerTrouble(status, raw[:200].decode("utf-8", "replace"))
        return status, raw

    def _sleep(self, seconds: float) -> None:
        if self._cancel is None:
            time.sleep(seconds)
        elif self._cancel.wait(seconds):
            raise SyncCancelled()

    def _before_sleep(self, state: RetryCallState) -> None:
        self.stats.retries += 1
        outcome = state.outcome
        exc = outcome.exception() if outcome is not None else None
        what = _describe_transport(exc) if isinstance(exc, httpx.TransportError) else str(exc)
        wait = state.next_action.sleep if state.next_action is not None else 0.0
        text = f"retry {state.attempt_number} in {wait:.1f}s after: {what}"
        log.info("sync %s", text)
        if self._on_retry is not None:
            self._on_retry(text)


def _transient(exc: BaseException) -> bool:
    return isinstance(exc, httpx.TransportError | _ServerTrouble)


def _not_sent(exc: BaseException) -> bool:
    """The request never reached the platform: safe to send a one-time code again."""
    if isinstance(exc, _ServerTrouble):
        return exc.status == 503
    return isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)


def _describe_transport(exc: BaseException | None) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        return "connection refused or no network"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return "connection dropped"
    return type(exc).__name__ if exc is not None else "unknown"


def _error_for(status: int, raw: bytes, ours: int) -> SyncError:
    try:
        error = m.ErrorResponse.model_validate_json(raw)
        code, message, supported = error.error, error.message, error.supported_versions
    except ValidationError:
        code, message, supported = "http_error", raw[:200].decode("utf-8", "replace"), None
    if status == 401:
        return NeedsEnrolment()
    if status == 409 and code in (m.ERROR_UNSUPPORTED_VERSION, m.ERROR_UNSUPPORTED_SCHEMA):
        return UpgradeRequired(supported, ours)
    if status == 403 and code == m.ERROR_BAD_ENROL_CODE:
        return BadEnrolCode()
    if status == 403 and code == m.ERROR_DEVICE_MISMATCH:
        return NeedsEnrolment()
    return CloudRefused(status, code, message[:300])


def _summarise(exc: ValidationError, what: str) -> str:
    # Never the input values: an order carries a customer's name.
    errors = exc.errors(include_input=False, include_url=False)
    if not errors:
        return f"{what}: invalid"
    where = ".".join(str(p) for p in errors[0]["loc"])
    return f"{what}: {len(errors)} error(s), first at {where or '-'}: {errors[0]['msg']}"[:300]


def _head_size(method: str, target: str, headers: httpx.Headers) -> int:
    line = len(method) + len(target) + 11 if method else 17  # "GET /x HTTP/1.1\r\n" / status line
    return line + sum(len(k) + len(v) + 4 for k, v in headers.raw) + 2
