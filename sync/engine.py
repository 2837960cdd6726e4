"""One sync with the platform: push the outbox, then pull pages until there are no more.

    engine = SyncEngine(db, cloud_url=..., tokens=TokenStore(data_dir), clock=clock,
                        log=SyncLog(data_dir))
    report = engine.run(cancel=event, progress=callback)   # never raises for sync trouble

Runs on a worker thread (never the GUI's). Each pulled page is applied with its cursor in
one short write transaction (sync/apply_pull.py), so counter sales and hand-outs are never
stuck behind a big first pull, and a crash or a cut connection resumes from the last page.
If the platform turns out to have lost acknowledged events (a reset after it was restored
from a backup), they are pushed again after the pull.

Trouble is reported, not raised: the report says what happened, the sync log gets a line,
and SyncState keeps `last_error` (cleared, and `last_success_at` set, by the next good sync)
for the status bar. A 401 stops syncing until the station is enrolled again.
"""
from __future__ import annotations

import json
import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from app.clock import Clock
from app.errors import UserFacingError
from app.i18n import Text
from local_db.engine import Database
from local_db.models import SyncState
from sync.apply_pull import CURSOR_KEY, SNAPSHOT_KEY, SNAPSHOT_PAGE_PREFIX, apply_page, read_cursor
from sync.client import (
    MalformedAnswer,
    NeedsEnrolment,
    RetryPolicy,
    SyncCancelled,
    SyncClient,
    SyncError,
    Timeouts,
    WireStats,
)
from sync.outbox import start_new_epoch
from sync.protocol import messages as m
from sync.protocol.events import PROTOCOL_VERSION
from sync.push_loop import PushOutcome, push_pending
from sync.token_store import TokenKeeper

log = logging.getLogger(__name__)

LAST_SUCCESS_KEY = "last_success_at"
LAST_ERROR_KEY = "last_error"
LAST_ERROR_CODE_KEY = "last_error_code"
LAST_ATTEMPT_KEY = "last_attempt_at"
NEEDS_ENROLMENT_KEY = "needs_enrolment"
SYNC_LOG_FILE = "sync-log.jsonl"
MAX_LOG_LINES = 500


# --- the sync log ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LogEntry:
    at: datetime
    level: str  # info, warning, error
    text: Text


class SyncLog:
    """What the sync did, for the Sync screen: a JSON-lines file in the data folder.

    Counts, codes and reasons only, never a customer's name or phone digits. The file keeps
    the last MAX_LOG_LINES entries. Safe to use from several threads.
    """

    def __init__(self, data_dir: Path | None = None) -> None:
        self.path = Path(data_dir) / SYNC_LOG_FILE if data_dir is not None else None
        self._lock = threading.Lock()
        self._memory: deque[LogEntry] = deque(maxlen=MAX_LOG_LINES)
        self._lines_written = 0

    def add(self, level: str, zh: str, en: str, *, at: datetime | None = None) -> LogEntry:
        entry = LogEntry(at or datetime.now(UTC), level, Text(zh, en))
        getattr(log, "warning" if level == "warning" else "error" if level == "error" else "info")(
            "sync log: %s", en
        )
        with self._lock:
            self._memory.append(entry)
            if self.path is not None:
                self._append(entry)
        return entry

    def entries(self, limit: int = 100) -> list[LogEntry]:
        """The newest `limit` entries, newest first."""
        with self._lock:
            if self.path is None or not self.path.exists():
                items = list(self._memory)
            else:
                items = self._read()
        return list(reversed(items[-limit:]))

    def _append(self, entry: LogEntry) -> None:
        line = json.dumps(
            {"at": entry.at.isoformat(), "level": entry.level, "zh": entry.text.zh, "en": entry.text.en},
            ensure_ascii=False,
        )
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
        self._lines_written += 1
        if self._lines_written % 100 == 0:
            self._trim()

    def _read(self) -> list[LogEntry]:
        assert self.path is not None
        out: list[LogEntry] = []
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except OSError:
            return list(self._memory)
        for line in lines[-MAX_LOG_LINES:]:
            try:
                raw = json.loads(line)
                out.append(LogEntry(datetime.fromisoformat(raw["at"]), str(raw["level"]),
                                    Text(str(raw["zh"]), str(raw["en"]))))
            except (ValueError, KeyError, TypeError):
                continue
        return out

    def _trim(self) -> None:
        assert self.path is not None
        lines = self.path.read_text(encoding="utf-8").splitlines()
        if len(lines) > MAX_LOG_LINES:
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.write_text("\n".join(lines[-MAX_LOG_LINES:]) + "\n", encoding="utf-8")
            tmp.replace(self.path)


# --- progress and report ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """Where a sync stands, for a progress line (the first big pull takes a while)."""

    phase: str  # push, pull, push_again
    pushed: int
    pending: int
    pulled: int
    pages: int
    snapshot: bool


@dataclass
class SyncReport:
    ok: bool = False
    started_at: datetime | None = None
    finished_at: datetime | None = None
    push: PushOutcome = field(default_factory=PushOutcome)
    pulled: int = 0
    pages: int = 0
    orders: int = 0
    withdrawn: int = 0
    snapshot: bool = False
    requeued: int = 0
    error: Text | None = None
    error_code: str | None = None
    wire: WireStats = field(default_factory=WireStats)

    @property
    def new_conflicts(self) -> int:
        return self.push.new_conflicts


# --- the engine ------------------------------------------------------------------------------


class SyncEngine:
    """Push then pull against the platform at `cloud_url`, with this device's token."""

    def __init__(
        self,
        db: Database,
        *,
        cloud_url: str,
        tokens: TokenKeeper,
        clock: Clock,
        log: SyncLog | None = None,
        ca_file: str | None = None,
        pull_limit: int = m.DEFAULT_PULL_LIMIT,
        push_batch: int = m.MAX_EVENTS_PER_PUSH,
        retry: RetryPolicy = RetryPolicy(),
        timeouts: Timeouts = Timeouts(),
        protocol_version: int = PROTOCOL_VERSION,
        transport: Any = None,
    ) -> None:
        self.db = db
        self.cloud_url = cloud_url
        self.tokens = tokens
        self.clock = clock
        self.log = log or SyncLog()
        self.ca_file = ca_file
        self.pull_limit = pull_limit
        self.push_batch = push_batch
        self.retry = retry
        self.timeouts = timeouts
        self.protocol_version = protocol_version
        self.transport = transport

    def run(
        self,
        *,
        cancel: threading.Event | None = None,
        progress: Callable[[SyncProgress], None] | None = None,
    ) -> SyncReport:
        """One sync. Never raises for sync trouble: see the report and the sync log."""
        started = self.clock.now()
        report = SyncReport(started_at=started)
        self._set_state({LAST_ATTEMPT_KEY: started.isoformat()})
        client: SyncClient | None = None
        try:
            token = self.tokens.load()
            if not token:
                raise NeedsEnrolment()
            client = SyncClient(
                self.cloud_url, token=token, ca_file=self.ca_file, timeouts=self.timeouts,
                retry=self.retry, protocol_version=self.protocol_version, cancel=cancel,
                transport=self.transport, on_retry=self._on_retry,
            )
            self._push(client, report, cancel, progress, phase="push")
            self._pull(client, report, cancel, progress)
            if report.requeued:
                self.log.add(
                    "warning",
                    f"平台丢失了部分历史记录，已重新上传 {report.requeued} 条已确认的记录（平台会去重）",
                    f"The platform lost part of its history; {report.requeued} acknowledged "
                    "event(s) are being sent again (the platform skips those it has)",
                )
                self._push(client, report, cancel, progress, phase="push_again")
            report.ok = True
        except SyncError as exc:
            self._failed(report, exc)
        except UserFacingError as exc:  # a database problem: disk full, locked, ...
            self._failed(report, exc)
        except Exception as exc:  # noqa: BLE001 - a bug must not kill the sync thread
            log.exception("sync failed unexpectedly")
            self._failed(report, SyncError(
                "同步时出现意外错误，详情已写入日志。", "Sync failed unexpectedly; details are in the log.",
                code="unexpected",
            ), detail=type(exc).__name__)
        finally:
            if client is not None:
                report.wire = client.stats
                client.close()
        report.finished_at = self.clock.now()
        if report.ok:
            self._succeeded(report)
        return report

    # --- steps ----------------------------------------------------------------------------

    def _push(self, client: SyncClient, report: SyncReport, cancel: threading.Event | None,
              progress: Callable[[SyncProgress], None] | None, *, phase: str) -> None:
        def on_batch(out: PushOutcome, pending: int) -> None:
            if progress is not None:
                progress(SyncProgress(phase, out.sent, pending, report.pulled, report.pages,
                                      report.snapshot))

        out = push_pending(self.db, client, now=self.clock.now, cancel=cancel, on_batch=on_batch,
                           batch_size=self.push_batch)
        for status, n in out.statuses.items():
            report.push.statuses[status] = report.push.statuses.get(status, 0) + n
        report.push.batches += out.batches
        report.push.sent += out.sent
        report.push.new_conflicts += out.new_conflicts
        report.push.requeued += out.requeued
        report.push.skipped_gaps += out.skipped_gaps
        if out.sent:
            counts = ", ".join(f"{k} {v}" for k, v in sorted(out.statuses.items()))
            self.log.add("info", f"已上传 {out.sent} 条记录（{_zh_counts(out.statuses)}）",
                         f"Uploaded {out.sent} event(s) ({counts})")
        if out.new_conflicts:
            self.log.add(
                "warning",
                f"有 {out.new_conflicts} 条记录与平台冲突，请在“同步”界面处理",
                f"{out.new_conflicts} event(s) conflict with the platform; resolve them on the Sync screen",
            )
        if out.skipped_gaps:
            self.log.add("warning", "平台要的部分旧记录本机已不保留，已跳过",
                         "The platform asked for old events this computer no longer keeps; skipped")

    def _pull(self, client: SyncClient, report: SyncReport, cancel: threading.Event | None,
              progress: Callable[[SyncProgress], None] | None) -> None:
        cursor = read_cursor(self.db)
        resumed = cursor is not None
        stalls = 0
        # The next page is fetched while this one is applied: the platform's time and ours
        # overlap. Its cursor is stored only once it is applied, in order, so a failure
        # anywhere still resumes from the last page applied.
        fetcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull")
        try:
            upcoming: Future[m.PullResponse] = fetcher.submit(client.pull, cursor, self.pull_limit)
            while True:
                if cancel is not None and cancel.is_set():
                    raise SyncCancelled()
                page = upcoming.result()
                if page.has_more and page.cursor != cursor:
                    upcoming = fetcher.submit(client.pull, page.cursor, self.pull_limit)
                elif page.has_more:
                    upcoming = fetcher.submit(client.pull, cursor, self.pull_limit)
                self._apply(page, report, resumed)
                if progress is not None:
                    progress(SyncProgress("pull", report.push.sent, 0, report.pulled, report.pages,
                                          report.snapshot))
                stalls = stalls + 1 if page.cursor == cursor else 0
                cursor = page.cursor
                if not page.has_more:
                    break
                if stalls >= 3:
                    raise MalformedAnswer("the platform keeps saying there is more without moving on")
        finally:
            fetcher.shutdown(wait=False, cancel_futures=True)
        if report.pulled:
            self.log.add("info", f"已下载 {report.pulled} 条变更（{report.pages} 页）",
                         f"Downloaded {report.pulled} change(s) in {report.pages} page(s)")

    def _apply(self, page: m.PullResponse, report: SyncReport, resumed: bool) -> None:
        try:
            outcome = apply_page(self.db, page, now=self.clock.now())
        except IntegrityError as exc:
            raise MalformedAnswer("a change refers to a row the platform never sent") from exc
        report.pages += 1
        report.pulled += outcome.changes
        report.orders += outcome.orders
        report.withdrawn += outcome.withdrawn
        report.requeued += outcome.requeued
        if outcome.snapshot_started:
            report.snapshot = True
            if resumed:
                self.log.add("warning", "平台要求重新下载全部数据（平台可能从备份恢复过）",
                             "The platform asked for a full download (it may have been restored "
                             "from a backup)")
        if outcome.snapshot_finished and outcome.withdrawn:
            self.log.add("info", f"平台已不再列出 {outcome.withdrawn} 条数据，已标为撤回",
                         f"{outcome.withdrawn} row(s) the platform no longer lists were marked withdrawn")

    # --- bookkeeping ----------------------------------------------------------------------

    def _on_retry(self, text: str) -> None:
        self.log.add("info", f"网络不稳，正在重试：{text}", f"Network trouble, retrying: {text}")

    def _failed(self, report: SyncReport, exc: UserFacingError, detail: str = "") -> None:
        report.ok = False
        report.error = exc.message
        report.error_code = exc.code
        level = "info" if exc.code in ("offline", "cancelled") else "error"
        self.log.add(level, exc.message.zh + (f" [{detail}]" if detail else ""),
                     exc.message.en + (f" [{detail}]" if detail else ""))
        if exc.code == "cancelled":
            return  # stopped on purpose: not an error for the status bar
        values = {LAST_ERROR_KEY: exc.message.both()[:500], LAST_ERROR_CODE_KEY: exc.code}
        if isinstance(exc, NeedsEnrolment):
            values[NEEDS_ENROLMENT_KEY] = "1"
        try:
            self._set_state(values)
        except UserFacingError:
            log.warning("could not record the sync error in the database")

    def _succeeded(self, report: SyncReport) -> None:
        assert report.finished_at is not None
        self._set_state({LAST_SUCCESS_KEY: report.finished_at.isoformat()},
                        drop=(LAST_ERROR_KEY, LAST_ERROR_CODE_KEY, NEEDS_ENROLMENT_KEY))
        if not report.push.sent and not report.pulled:
            self.log.add("info", "同步完成，没有新变化", "Synced; nothing new")

    def _set_state(self, values: dict[str, str], drop: tuple[str, ...] = ()) -> None:
        with self.db.write() as uow:
            for key, value in values.items():
                uow.session.execute(
                    sqlite_insert(SyncState)
                    .values(key=key, value=value)
                    .on_conflict_do_update(index_elements=[SyncState.key], set_={"value": value})
                )
            if drop:
                uow.session.execute(delete(SyncState).where(SyncState.key.in_(drop)))
            uow.commit()


def _zh_counts(statuses: dict[str, int]) -> str:
    names = {"applied": "已入账", "duplicate": "重复", "rejected": "被拒", "conflict": "冲突"}
    return "，".join(f"{names.get(k, k)} {v}" for k, v in sorted(statuses.items()))


def prepare_after_local_restore(db: Database, *, at_least_epoch: int | None = None) -> int:
    """After a local backup was restored: a new device epoch and a fresh pull from scratch.

    The new epoch keeps this device's new events from being mistaken for old ones; the cursor
    goes, so the next pull is a full snapshot (taking the platform's pickup counts for
    whatever the backup had not seen yet). Returns the new epoch.
    """
    with db.write() as uow:
        epoch = start_new_epoch(uow.session, at_least=at_least_epoch)
        uow.session.execute(delete(SyncState).where(SyncState.key.in_((CURSOR_KEY, SNAPSHOT_KEY))))
        uow.session.execute(delete(SyncState).where(SyncState.key.like(f"{SNAPSHOT_PAGE_PREFIX}%")))
        uow.commit()
    return epoch
