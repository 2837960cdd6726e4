"""SyncService: what the Sync screen (and the status bar) ask of the sync, as plain data.

    service = sync_service_for(ctx)          # built once per window, cached in ctx.extras
    service.overview()                       # online?, waiting uploads, last sync, conflicts
    service.sync_now(cancel=event, progress=callback)   # on a worker thread, never the GUI's
    service.enrol(cloud_url=..., enrol_code=..., actor=owner)
    service.conflicts(); service.resolve_conflict(conflict_id, resolution=..., actor=leader)
    service.log()

Only one sync runs at a time; a second `sync_now` while one runs says so instead of waiting.
Resolving a conflict is the leader's decision about what happened at the counter (the goods
came back, the customer paid, it was settled with the platform, it was written off): it is
recorded locally with who decided, in the audit log. The platform keeps its own record of
the conflict from the push.
"""
from __future__ import annotations

import platform
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update

from app.actors import LEADER, Actor, require_any_role
from app.audit import record_audit
from app.clock import Clock, as_utc
from app.errors import NotFound, PermissionDenied, UserFacingError
from app.i18n import Text
from app.pickups.masking import mask_name
from app.settings import Settings
from local_db.engine import Database
from local_db.models import Conflict, GroupOrder, Outbox, Staff, Station, SyncState
from sync.apply_pull import SNAPSHOT_KEY
from sync.client import RetryPolicy, Timeouts, check_cloud_url
from sync.engine import (
    LAST_ATTEMPT_KEY,
    LAST_ERROR_CODE_KEY,
    LAST_ERROR_KEY,
    LAST_SUCCESS_KEY,
    NEEDS_ENROLMENT_KEY,
    LogEntry,
    SyncEngine,
    SyncLog,
    SyncProgress,
    SyncReport,
    prepare_after_local_restore,
)
from sync.enrol import EnrolResult, enrol_station
from sync.token_store import TOKEN_KEY, TokenKeeper, TokenStore

if TYPE_CHECKING:
    from app.bootstrap import AppContext
    from sync.demo_cloud import DemoCloud

__all__ = [
    "RESOLUTIONS",
    "ConflictInfo",
    "LogEntry",
    "SyncOverview",
    "SyncProgress",
    "SyncService",
    "SyncSummary",
    "prepare_demo_station",
    "sync_service_for",
]

RESOLUTIONS: dict[str, Text] = {
    "goods_returned": Text("顾客已退回商品", "The customer brought the goods back"),
    "customer_paid": Text("已向顾客收回货款", "The customer paid for the goods"),
    "platform_settled": Text("已与平台协商解决", "Settled with the platform"),
    "written_off": Text("记为损耗，不再追讨", "Written off as a loss"),
}
"""How a leader can close a conflict; each may carry a short note."""

REASONS: dict[str, Text] = {
    "order_refunded": Text("平台已退款，但本店交了货", "the platform refunded it, but the goods were handed out here"),
    "order_cancelled": Text("平台已取消，但本店交了货", "the platform cancelled it, but the goods were handed out here"),
    "over_pickup": Text("交出的数量超过了订购数量", "more was handed out than was ordered"),
}
MAX_NOTE = 150


@dataclass(frozen=True, slots=True)
class SyncOverview:
    """What the Sync screen shows at the top."""

    enrolled: bool
    station_id: int | None
    station_code: str
    station_name: str
    cloud_url: str
    online: bool
    running: bool
    pending_uploads: int
    open_conflicts: int
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str | None
    last_error_code: str | None
    needs_enrolment: bool
    snapshot_in_progress: bool


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """The outcome of one sync, as the screen reports it."""

    ok: bool
    pushed: int
    pulled: int
    new_conflicts: int
    snapshot: bool
    statuses: dict[str, int]
    error: Text | None
    error_code: str | None
    finished_at: datetime | None

    @classmethod
    def of(cls, report: SyncReport) -> SyncSummary:
        return cls(
            ok=report.ok,
            pushed=report.push.sent,
            pulled=report.pulled,
            new_conflicts=report.new_conflicts,
            snapshot=report.snapshot,
            statuses=dict(report.push.statuses),
            error=report.error,
            error_code=report.error_code,
            finished_at=report.finished_at,
        )


@dataclass(frozen=True, slots=True)
class ConflictInfo:
    conflict_id: int
    uuid: str
    kind: str
    order_id: int | None
    order_no: str | None
    customer: str | None  # masked: 王*
    reason: str
    explanation: Text
    detail: str
    created_at: datetime
    resolved_at: datetime | None
    resolution: str | None
    resolved_by: str | None

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class SyncService:
    """The app's face of sync/: status, a sync on demand, enrolment, conflicts, the log."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        clock: Clock,
        data_dir: Path,
        *,
        tokens: TokenKeeper | None = None,
        log: SyncLog | None = None,
        retry: RetryPolicy = RetryPolicy(),
        timeouts: Timeouts = Timeouts(),
        transport: Any = None,
    ) -> None:
        self._db = db
        self._settings = settings
        self._clock = clock
        self._data_dir = Path(data_dir)
        self._tokens = tokens or TokenStore(self._data_dir)
        self._log = log or SyncLog(self._data_dir)
        self._retry = retry
        self._timeouts = timeouts
        self._transport = transport
        self._running = threading.Lock()
        self._stopped = False  # a 401: no automatic syncs until enrolled again

    # --- status -------------------------------------------------------------------------

    def overview(self) -> SyncOverview:
        with self._db.read() as uow:
            s = uow.session
            station = s.scalars(select(Station)).first()
            pending = s.scalar(select(func.count()).select_from(Outbox).where(Outbox.sent_at.is_(None)))
            conflicts = s.scalar(
                select(func.count()).select_from(Conflict).where(Conflict.resolved_at.is_(None))
            )
            state = dict(s.execute(select(SyncState.key, SyncState.value)).all())
            enrolled = station is not None and station.enrolled_at is not None
            info = (station.id, station.code, station.name, station.cloud_url) if station else None
        last_success = _instant(state.get(LAST_SUCCESS_KEY))
        last_attempt = _instant(state.get(LAST_ATTEMPT_KEY))
        error = state.get(LAST_ERROR_KEY)
        has_token = self._tokens.load() is not None
        return SyncOverview(
            enrolled=enrolled and has_token,
            station_id=info[0] if info else None,
            station_code=info[1] if info else "",
            station_name=info[2] if info else "",
            cloud_url=self.cloud_url() or "",
            online=enrolled and last_success is not None and error is None,
            running=self._running.locked(),
            pending_uploads=int(pending or 0),
            open_conflicts=int(conflicts or 0),
            last_success_at=last_success,
            last_attempt_at=last_attempt,
            last_error=error,
            last_error_code=state.get(LAST_ERROR_CODE_KEY),
            needs_enrolment=(not enrolled) or (not has_token) or NEEDS_ENROLMENT_KEY in state,
            snapshot_in_progress=SNAPSHOT_KEY in state,
        )

    def ready_for_auto_sync(self) -> bool:
        """Whether the timer should sync now: enrolled here, not refused, not running.

        Cheap (settings in memory and the secrets file, no database), for the GUI thread.
        """
        return (
            bool(self._settings.cloud_url)
            and not self._stopped
            and not self._running.locked()
            and self._tokens.load() is not None
        )

    def cloud_url(self) -> str | None:
        if self._settings.cloud_url:
            return self._settings.cloud_url
        with self._db.read() as uow:
            return uow.session.scalar(select(Station.cloud_url).limit(1))

    # --- sync ---------------------------------------------------------------------------

    def sync_now(
        self,
        *,
        cancel: threading.Event | None = None,
        progress: Callable[[SyncProgress], None] | None = None,
    ) -> SyncSummary:
        """Push, then pull. Call it off the GUI thread. Trouble is in the summary, not raised
        (except "not enrolled" and "already running", which are for the person asking)."""
        url = self.cloud_url()
        if not url or self._tokens.load() is None:
            raise UserFacingError(
                "本机还没有登记到平台。请在“同步”界面输入平台地址和登记码。",
                "This computer is not enrolled with the platform yet. Enter the platform "
                "address and an enrolment code on the Sync screen.",
                code="not_enrolled",
            )
        if not self._running.acquire(blocking=False):
            raise UserFacingError("正在同步，请稍候", "A sync is already running; please wait",
                                  code="sync_running")
        try:
            report = self._engine(url).run(cancel=cancel, progress=progress)
        finally:
            self._running.release()
        self._stopped = report.error_code == "needs_enrolment"
        return SyncSummary.of(report)

    def _engine(self, url: str) -> SyncEngine:
        return SyncEngine(
            self._db,
            cloud_url=url,
            tokens=self._tokens,
            clock=self._clock,
            log=self._log,
            ca_file=self._settings.cloud_ca_file or None,
            retry=self._retry,
            timeouts=self._timeouts,
            transport=self._transport,
        )

    def enrol(
        self,
        *,
        cloud_url: str,
        enrol_code: str,
        actor: Actor,
        device_name: str | None = None,
    ) -> EnrolResult:
        """Enrol this computer with the platform (the owner does this once per PC)."""
        if not actor.is_owner:
            raise PermissionDenied("只有店主可以登记本机", "Only the owner can enrol this computer")
        url = check_cloud_url(cloud_url)
        result = enrol_station(
            self._db,
            cloud_url=url,
            enrol_code=enrol_code,
            device_name=device_name or platform.node() or "PC",
            tokens=self._tokens,
            now=self._clock.now(),
            staff_id=actor.staff_id,
            ca_file=self._settings.cloud_ca_file or None,
            retry=RetryPolicy(attempts=3, total_s=min(20.0, self._retry.total_s),
                              initial_s=self._retry.initial_s, max_wait_s=self._retry.max_wait_s,
                              jitter_s=self._retry.jitter_s),
            transport=self._transport,
        )
        self._settings.cloud_url = url
        self._settings.save(self._data_dir)
        self._stopped = False
        self._log.add("info", f"本机已登记到平台：{result.station_name}（{result.station_code}）",
                      f"This computer is enrolled with the platform as {result.station_code}")
        return result

    def use_cloud_url(self, cloud_url: str) -> None:
        """Point an enrolled station at the platform's new address (same platform, new port
        or host name): settings and the station row; the token stays."""
        url = check_cloud_url(cloud_url)
        with self._db.write() as uow:
            uow.session.execute(update(Station).values(cloud_url=url))
            uow.commit()
        self._settings.cloud_url = url
        self._settings.save(self._data_dir)

    def after_local_restore(self) -> int:
        """Call after a local backup was restored: a new device epoch and a fresh pull."""
        epoch = prepare_after_local_restore(self._db)
        self._log.add("warning", f"已从备份恢复：本机开始新的记录序列 {epoch}，下次同步将重新下载全部数据",
                      f"Restored from a backup: new device epoch {epoch}; the next sync downloads everything")
        return epoch

    def log(self, limit: int = 100) -> list[LogEntry]:
        """The newest sync log entries, newest first."""
        return self._log.entries(limit)

    # --- conflicts ----------------------------------------------------------------------

    def conflicts(self, *, include_resolved: bool = False) -> list[ConflictInfo]:
        with self._db.read() as uow:
            query = select(Conflict).order_by(Conflict.resolved_at.is_not(None), Conflict.id.desc())
            if not include_resolved:
                query = query.where(Conflict.resolved_at.is_(None))
            rows = uow.session.scalars(query.limit(500)).all()
            return [self._info(uow.session, row) for row in rows]

    def resolve_conflict(
        self, conflict_id: int, *, resolution: str, actor: Actor, note: str = ""
    ) -> ConflictInfo:
        """Close a conflict with one of RESOLUTIONS (and a note); the audit log records it."""
        try:
            require_any_role(actor, LEADER)
        except PermissionDenied:
            raise PermissionDenied("只有团长或店主可以处理冲突",
                                   "Only the group leader or the owner can resolve conflicts") from None
        if resolution not in RESOLUTIONS:
            raise ValueError(f"resolution must be one of {sorted(RESOLUTIONS)}")
        note = " ".join((note or "").split())
        if len(note) > MAX_NOTE:
            raise UserFacingError(f"备注太长（最多 {MAX_NOTE} 字）",
                                  f"The note is too long (at most {MAX_NOTE} characters)",
                                  code="note_too_long")
        now = self._clock.now()
        with self._db.write() as uow:
            row = uow.session.get(Conflict, conflict_id)
            if row is None:
                raise NotFound("找不到这条冲突", "No such conflict")
            if row.resolved_at is not None:
                raise UserFacingError("这条冲突已经处理过了", "This conflict has already been resolved",
                                      code="already_resolved")
            row.resolved_at = _naive(now)
            row.resolved_by = actor.staff_id
            row.resolution = f"{resolution}: {note}" if note else resolution
            record_audit(
                uow.session,
                at=now,
                staff_id=actor.staff_id,
                action="conflict_resolve",
                entity="conflict",
                entity_id=row.uuid,
                before={"kind": row.kind, "order_id": row.order_id, "event_id": row.event_id,
                        "resolved": False},
                after={"resolution": resolution, "note": note},
            )
            uow.session.flush()
            info = self._info(uow.session, row)
            uow.commit()
        self._log.add("info", f"冲突已处理：{RESOLUTIONS[resolution].zh}",
                      f"Conflict resolved: {RESOLUTIONS[resolution].en}")
        return info

    def _info(self, session: Any, row: Conflict) -> ConflictInfo:
        order = session.get(GroupOrder, row.order_id) if row.order_id is not None else None
        reason, _, detail = row.detail.partition(":")
        reason = reason.strip()
        who = session.scalar(select(Staff.name).where(Staff.id == row.resolved_by)) if row.resolved_by else None
        base = REASONS.get(reason, Text(f"与平台不一致（{reason}）", f"the platform disagrees ({reason})"))
        number = order.order_no if order is not None else (f"#{row.order_id}" if row.order_id else "")
        explanation = Text(f"订单 {number}：{base.zh}", f"Order {number}: {base.en}") if number else base
        return ConflictInfo(
            conflict_id=row.id,
            uuid=row.uuid,
            kind=row.kind,
            order_id=row.order_id,
            order_no=order.order_no if order is not None else None,
            customer=mask_name(order.customer_name) if order is not None else None,
            reason=reason,
            explanation=explanation,
            detail=detail.strip(),
            created_at=as_utc(row.created_at),
            resolved_at=as_utc(row.resolved_at) if row.resolved_at else None,
            resolution=row.resolution,
            resolved_by=who,
        )


def sync_service_for(ctx: AppContext) -> SyncService:
    """The context's SyncService, built on first use (no I/O) and kept in ctx.extras."""
    service = ctx.extras.get("sync")
    if not isinstance(service, SyncService):
        secrets = getattr(ctx, "secrets", None)  # app.secrets_store.SecretsStore, when there
        tokens: TokenKeeper = _SecretsTokens(secrets) if secrets is not None else TokenStore(ctx.data_dir)
        service = SyncService(ctx.db, ctx.settings, ctx.clock, ctx.data_dir, tokens=tokens)
        ctx.extras["sync"] = service
    return service


class _SecretsTokens:
    """The cloud token in the app's SecretsStore (same file and key as sync.token_store)."""

    def __init__(self, secrets: Any) -> None:
        self._secrets = secrets

    def load(self) -> str | None:
        value = self._secrets.get(TOKEN_KEY)
        return value if isinstance(value, str) and value else None

    def save(self, token: str) -> None:
        self._secrets.set(TOKEN_KEY, token)

    def clear(self) -> None:
        self._secrets.delete(TOKEN_KEY)


def _instant(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return as_utc(datetime.fromisoformat(text))
    except ValueError:
        return None


def _naive(instant: datetime) -> datetime:
    return as_utc(instant).replace(tzinfo=None)


# --- the demo: its campaigns and orders come from its own local cloud ------------------------


def prepare_demo_station(ctx: AppContext, cloud: DemoCloud) -> SyncSummary:
    """Enrol the demo station with the demo cloud (started already) and sync it.

    The first time (a freshly seeded cloud), the demo then plays a few days at the pickup
    point so every order state is there: the deliveries of the campaigns picked up three
    days ago and arriving today are checked in and bagged, and many of those bags are
    handed out; all of it goes up to the cloud like real work. Later starts only point the
    station at the cloud's address (its port may change) and sync.
    """
    from app.station_service import StationService

    service = sync_service_for(ctx)
    seed = cloud.seed(now=ctx.clock.now())
    staff = StationService(ctx.db).staff_on_roll()
    owner = next(a for a in staff if a.is_owner)
    leader = next((a for a in staff if a.has(LEADER)), owner)
    overview = service.overview()
    if seed.fresh or not overview.enrolled:
        service.enrol(cloud_url=cloud.url, enrol_code=seed.enrol_code, actor=owner,
                      device_name="演示电脑 demo PC")
        summary = service.sync_now()
        if seed.fresh and summary.ok:
            _play_demo_days(ctx, seed.campaigns, leader)
            summary = service.sync_now()
        return summary
    service.use_cloud_url(cloud.url)
    return service.sync_now()


def _play_demo_days(ctx: AppContext, campaigns: dict[str, int], leader: Actor) -> None:
    import random
    from datetime import timedelta

    from app.pickups import PickupService
    from local_db.models import Arrival, ArrivalLine, CampaignItem, GroupOrderLine
    from sync.outbox import write_event
    from sync.protocol import ArrivalEvent, ArrivalLineData

    rng = random.Random(7)
    now = ctx.clock.now()
    shares = {"collected": (timedelta(days=3), 0.8, 0.08), "today": (timedelta(hours=2), 0.25, 0.05)}
    handouts: list[tuple[int, dict[int, int] | None]] = []
    for kind, (ago, collected, partial) in shares.items():
        campaign_id = campaigns.get(kind)
        if campaign_id is None:
            continue
        received = now - ago
        with ctx.db.write() as uow:
            s = uow.session
            orders = s.scalars(select(GroupOrder).where(
                GroupOrder.campaign_id == campaign_id, GroupOrder.cloud_state == "active"
            ).order_by(GroupOrder.id)).all()
            wanted = dict(s.execute(
                select(GroupOrderLine.campaign_item_id, func.sum(GroupOrderLine.qty_ordered))
                .where(GroupOrderLine.order_id.in_([o.id for o in orders]))
                .group_by(GroupOrderLine.campaign_item_id)
            ).all())
            items = s.scalars(select(CampaignItem.id).where(CampaignItem.campaign_id == campaign_id)).all()
            arrival = Arrival(campaign_id=campaign_id, received_at=_naive(received),
                              staff_id=leader.staff_id, signed_off=True)
            s.add(arrival)
            s.flush()
            lines = [ArrivalLineData(campaign_item_id=i, qty_expected=int(wanted.get(i, 0)),
                                     qty_received=int(wanted.get(i, 0))) for i in items]
            for line in lines:
                s.add(ArrivalLine(arrival_id=arrival.id, campaign_item_id=line.campaign_item_id,
                                  qty_expected=line.qty_expected, qty_received=line.qty_received))
            for number, order in enumerate(orders, start=1):
                order.fulfilment = "ready"
                order.ready_at = _naive(received + timedelta(minutes=40))
                order.shelf_slot = f"A-{number:02d}"
                roll = rng.random()
                if roll < collected:
                    handouts.append((order.id, None))
                elif roll < collected + partial:
                    first = s.scalars(select(GroupOrderLine.id).where(GroupOrderLine.order_id == order.id)
                                      .order_by(GroupOrderLine.id)).first()
                    handouts.append((order.id, {first: 1} if first else None))
            write_event(s, ArrivalEvent(created_at=received, arrival_uuid=arrival.uuid,
                                        campaign_id=campaign_id, staff_uuid=leader.uuid, lines=lines),
                        now=now)
            uow.commit()
    pickups = PickupService(ctx.db, ctx.clock, ctx.calendar, ctx.settings)
    for order_id, wanted_lines in handouts:
        pickups.hand_out(order_id, wanted_lines, actor=leader,
                         method=rng.choice(("qr", "qr", "code", "phone")))
