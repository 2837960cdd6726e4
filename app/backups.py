"""Local backups: made every day, kept rotating, checked, and restored by the owner.

When
    At start, once per business day at most (bootstrap), then by a timer in the window that
    calls `run_due()` on a worker thread, so a till left open for days still gets one a day;
    before every migration (local_db/migrate.py); and before every restore.
Where
    `<data>/backups`, and a second folder if Settings names one (`backup_dir_extra`, e.g. a
    USB stick). A missing or unwritable second folder is a warning in the report, never an
    error: the main backup is made all the same. The second folder must exist already, so
    an unplugged stick's empty mount point is never filled instead.
Kept
    Daily backups: the newest of each of the last KEEP_DAILY business days that have one,
    then, older than those, the newest of each of KEEP_WEEKLY ISO weeks. Other kinds (before
    a migration, before a restore, by hand) keep their newest KEEP_OTHER each. Every backup
    is read back with PRAGMA integrity_check after it is written; one that fails is deleted.
Restore
    `restore()` needs the database closed (nobody may have it open: the window is closed
    and the engine disposed, or the app has not opened it yet). It checks the backup, saves
    the current file as a "prerestore" backup (or, if damaged, copies it aside as it is),
    puts the backup in its place and then, in the restored database: a new device epoch
    (so the platform never takes new events for old ones), human-number counters jumped past
    anything printed since (app.numbering), the sync cursor cleared (the next sync re-pulls
    everything), and an audit entry. The restore ledger `<data>/restores.json`, outside the
    database, remembers how many restores there were and the highest epoch used, since the
    restored file has forgotten them; a restore cut short by a crash is finished by
    `finish_pending_restore()` at the next start.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.actors import Actor
from app.audit import record_audit
from app.clock import BusinessCalendar, Clock, SystemClock
from app.errors import DatabaseProblem, UserFacingError
from app.i18n import Text
from app.numbering import DEFAULT_RESTORE_FLOOR, RESTORE_FLOOR_COUNTER, jump_counters
from app.permissions import check
from app.settings import Settings
from local_db.backup import (
    backup_name,
    backup_to,
    copy_file,
    integrity_ok,
    parse_backup_name,
    quick_ok,
    read_value,
    replace_database,
    set_aside,
)
from local_db.engine import Database
from local_db.migrate import is_known_revision, upgrade
from local_db.models import Staff, Station, SyncState

log = logging.getLogger(__name__)

DB_FILE = "station.db"
BACKUP_FOLDER = "backups"
LEDGER_FILE = "restores.json"
CURSOR_KEY = "cursor"

DAILY, MANUAL, PRERESTORE, PREMIGRATE, DAMAGED = "daily", "manual", "prerestore", "premigrate", "damaged"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_OTHER = 5
KEEP_DAMAGED = 2
STALE_PART_SECONDS = 3600
SPACE_MARGIN = 1.2  # free space wanted, as a multiple of the database's size

RESTORE_REQUEST = "restore_request"
"""AppContext.extras key: the window asks run_gui to restore once it has closed."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # aware UTC
    label: str
    size: int
    extra: bool  # in the second folder

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class BackupReport:
    """What one round of backing up did; warnings are for the notice bar, not errors."""

    made: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    warnings: list[Text] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.warnings


@dataclass(frozen=True, slots=True)
class RestoreResult:
    backup: str
    saved_current: Path | None  # the prerestore backup, or the damaged file set aside
    new_epoch: int | None  # None when the backup has no station row yet
    counter_floor: int
    cursor_cleared: bool


@dataclass(frozen=True, slots=True)
class RestoreRequest:
    """Settings asks for a restore; run_gui carries it out once the window is closed."""

    backup: Path
    actor: Actor
    approver: Actor | None = None


class BackupService:
    """Backups of the station's database file. Works without an open Database (for the
    restore offered when the file is damaged at start)."""

    def __init__(self, data_dir: Path, settings: Settings, clock: Clock | None = None,
                 calendar: BusinessCalendar | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.settings = settings
        self.clock = clock or SystemClock()
        self.calendar = calendar or BusinessCalendar(settings.timezone, settings.day_cutoff_hour)
        self.db: Database | None = None
        """The open database, once there is one (to audit setting changes)."""

    @classmethod
    def for_data_dir(cls, data_dir: Path, clock: Clock | None = None) -> BackupService:
        return cls(data_dir, Settings.load(Path(data_dir)), clock)

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILE

    @property
    def primary_dir(self) -> Path:
        return self.data_dir / BACKUP_FOLDER

    @property
    def extra_dir(self) -> Path | None:
        text = (self.settings.backup_dir_extra or "").strip()
        return Path(text).expanduser() if text else None

    # --- making backups ------------------------------------------------------------------

    def is_due(self) -> bool:
        """True when today's daily backup is missing from the main or the second folder."""
        today = self._today()
        if not self._has_daily(self.primary_dir, today):
            return True
        extra = self.extra_dir
        return extra is not None and extra.is_dir() and not self._has_daily(extra, today)

    def run_due(self) -> BackupReport:
        """Make today's daily backup where it is missing, then rotate. Never raises for a
        full disk or a missing stick: those come back as warnings."""
        report = BackupReport()
        today = self._today()
        newest: Path | None = None
        if not self._has_daily(self.primary_dir, today):
            newest = self._make(DAILY, report)
        else:
            newest = self._newest_daily(self.primary_dir, today)
        self._rotate_into(self.primary_dir, report)
        if newest is not None:
            self._copy_to_extra(newest, today, report)
        return report

    def back_up_now(self, *, actor: Actor | None = None, label: str = MANUAL) -> BackupReport:
        """A backup made on request (Settings → Backups), copied to the second folder too."""
        if actor is not None:
            check(actor, "backup.run")
        report = BackupReport()
        made = self._make(label, report)
        self._rotate_into(self.primary_dir, report)
        if made is not None:
            self._copy_to_extra(made, None, report)
        return report

    def set_extra_folder(self, folder: str, *, actor: Actor, approver: Actor | None = None) -> None:
        """Choose the second backup folder ("" for none). It must exist and be writable now;
        later it may go missing (a stick taken out), which only warns."""
        approved = check(actor, "settings.change", approver=approver)
        text = (folder or "").strip()
        if text:
            path = Path(text).expanduser()
            if not path.is_dir() or not os.access(path, os.W_OK):
                raise UserFacingError(
                    f"文件夹 {path} 不存在或不能写入", f"The folder {path} does not exist or cannot be written",
                    code="bad_folder",
                )
            if path.resolve() == self.primary_dir.resolve():
                raise UserFacingError("第二备份位置不能是本机的备份文件夹",
                                      "The second folder cannot be the main backup folder", code="bad_folder")
        before = self.settings.backup_dir_extra
        self.settings.backup_dir_extra = text
        try:
            self.settings.save(self.data_dir)
        except OSError as exc:
            self.settings.backup_dir_extra = before
            raise UserFacingError("设置无法保存：数据文件夹不能写入",
                                  "The setting could not be saved: the data folder cannot be written",
                                  code="settings_unwritable") from exc
        if self.db is not None:
            with self.db.write() as uow:
                record_audit(uow.session, at=self.clock.now(), staff_id=actor.staff_id,
                             approver_id=approved.staff_id if approved else None,
                             action="settings_change", entity="setting", entity_id="backup_dir_extra",
                             before={"backup_dir_extra": before}, after={"backup_dir_extra": text})
                uow.commit()

    def rotate(self, folder: Path) -> list[Path]:
        """Delete backups in folder beyond what is kept; returns what was deleted."""
        report = BackupReport()
        self._rotate_into(folder, report)
        return report.removed

    # --- reading the folders -------------------------------------------------------------

    def list_backups(self) -> list[BackupInfo]:
        """Every backup that could be restored, newest first (both folders)."""
        found: list[BackupInfo] = []
        for folder, extra in ((self.primary_dir, False), (self.extra_dir, True)):
            if folder is None:
                continue
            found += [b for b in _scan(folder, extra) if b.label != DAMAGED]
        found.sort(key=lambda b: (b.taken_at, not b.extra), reverse=True)
        return found

    def newest_good_backup(self) -> BackupInfo | None:
        """The newest backup that passes PRAGMA integrity_check, or None."""
        for info in self.list_backups():
            ok, detail = integrity_ok(info.path)
            if ok and _known_revision(info.path):
                return info
            log.warning("backup %s is not usable: %s", info.name, detail[:200])
        return None

    # --- restoring -----------------------------------------------------------------------

    def restore(self, backup: Path, *, actor: Actor | None, approver: Actor | None = None,
                reason: str = "") -> RestoreResult:
        """Replace the (closed) database with `backup`; see the module's notes.

        actor None is the restore offered at start for a damaged file, when nobody can sign
        in; otherwise the actor needs "backup.restore" (an owner, or with an owner's approval).
        """
        if actor is not None:
            check(actor, "backup.restore", approver=approver)
        backup = Path(backup)
        ok, detail = integrity_ok(backup) if backup.is_file() else (False, "missing")
        if not ok:
            raise UserFacingError(
                f"备份文件 {backup.name} 已损坏或不存在，请选择另一个备份",
                f"The backup {backup.name} is damaged or missing; choose another one",
                code="bad_backup",
            )
        if read_value(backup, "SELECT version_num FROM alembic_version") is None:
            # An empty file, or another program's database, passes integrity_check: without
            # this it would replace the station's database.
            raise UserFacingError(
                f"文件 {backup.name} 不是邻里站的备份，请选择另一个备份",
                f"{backup.name} is not a Corner Station backup; choose another one",
                code="bad_backup",
            )
        if not _known_revision(backup):
            raise UserFacingError(
                "这个备份由更新版本的邻里站创建，请先升级程序",
                "This backup was made by a newer Corner Station; update the app first",
                code="newer_backup",
            )
        ledger = _Ledger.load(self.data_dir)
        current_epoch = _as_int(read_value(self.db_path, "SELECT max(device_epoch) FROM station"))
        current_floor = _as_int(read_value(
            self.db_path, f"SELECT value FROM number_counter WHERE name = '{RESTORE_FLOOR_COUNTER}'"
        ))
        restores_so_far = max(ledger.count, current_floor // DEFAULT_RESTORE_FLOOR)
        pending = {
            "backup": backup.name,
            "epoch_at_least": max(ledger.max_epoch, current_epoch) + 1,
            "floor": DEFAULT_RESTORE_FLOOR * (restores_so_far + 1),
            "staff_no": actor.staff_no if actor is not None else None,
            "approver_no": approver.staff_no if approver is not None else None,
            "reason": reason[:200],
        }
        saved = self._save_current()
        pending["saved_current"] = saved.name if saved is not None else None
        ledger.pending = pending
        ledger.save(self.data_dir)
        replace_database(self.db_path, backup)
        log.info("database replaced by backup %s", backup.name)
        result = self.finish_pending_restore()
        assert result is not None
        return result

    def finish_pending_restore(self) -> RestoreResult | None:
        """Finish a restore whose file is in place: epoch, counters, cursor, audit. Run at
        every start; does nothing unless a restore was cut short. Safe to repeat: an epoch
        and counters that move on twice only skip numbers."""
        ledger = _Ledger.load(self.data_dir)
        pending = ledger.pending
        if pending is None:
            return None
        if not integrity_ok(self.db_path)[0]:
            # The file in place is damaged after all: leave the restore pending; the start
            # refuses the file and offers a backup, and that restore finishes this one.
            log.error("restore pending but the database file is damaged")
            return None
        upgrade(self.db_path, backup_dir=self.primary_dir)
        now = self.clock.now()
        floor = _as_int(pending.get("floor")) or DEFAULT_RESTORE_FLOOR
        db = Database(self.db_path)
        try:
            with db.write() as uow:
                s = uow.session
                station = s.scalars(select(Station)).first()
                new_epoch = None
                if station is not None:
                    new_epoch = max(station.device_epoch + 1, _as_int(pending.get("epoch_at_least")))
                    station.device_epoch = new_epoch
                jump_counters(s, floor, today=self.calendar.business_day(now))
                gone = s.execute(delete(SyncState).where(SyncState.key == CURSOR_KEY))
                cleared = int(gone.rowcount or 0)  # type: ignore[attr-defined]
                staff_id = _staff_id(s, pending.get("staff_no"))
                approver_id = _staff_id(s, pending.get("approver_no"))
                record_audit(
                    s, at=now, staff_id=staff_id, approver_id=approver_id, action="backup_restore",
                    entity="backup", entity_id=str(pending.get("backup", ""))[:40],
                    after={
                        "backup": pending.get("backup"),
                        "saved_current": pending.get("saved_current"),
                        "device_epoch": new_epoch,
                        "counter_floor": floor,
                        "staff_no": pending.get("staff_no"),
                        "reason": pending.get("reason") or "",
                    },
                )
                uow.commit()
        finally:
            db.dispose()
        ledger.count += 1
        ledger.max_epoch = max(ledger.max_epoch, new_epoch or 0)
        ledger.history.append({"at": now.isoformat(), "backup": pending.get("backup"),
                               "epoch": new_epoch, "floor": floor})
        ledger.pending = None
        ledger.save(self.data_dir)
        log.info("restore finished: epoch %s, counters +%d", new_epoch, floor)
        saved = pending.get("saved_current")
        return RestoreResult(
            backup=str(pending.get("backup")),
            saved_current=self.primary_dir / str(saved) if saved else None,
            new_epoch=new_epoch,
            counter_floor=floor,
            cursor_cleared=bool(cleared),
        )

    def restore_count(self) -> int:
        return _Ledger.load(self.data_dir).count

    # --- inside --------------------------------------------------------------------------

    def _today(self) -> date:
        return self.calendar.business_day(self.clock.now())

    def _has_daily(self, folder: Path, day: date) -> bool:
        return self._newest_daily(folder, day) is not None

    def _newest_daily(self, folder: Path, day: date) -> Path | None:
        for info in _scan(folder, False):
            if info.label == DAILY and self.calendar.business_day(info.taken_at) == day:
                return info.path
        return None

    def _make(self, label: str, report: BackupReport) -> Path | None:
        """One backup of the live database into the main folder, checked; None on failure."""
        if not self.db_path.exists():
            return None
        target = self.primary_dir / backup_name(label, self.clock.now())
        problem = _space_problem(self.primary_dir, self.db_path)
        if problem is not None:
            report.warnings.append(problem)
            return None
        try:
            backup_to(self.db_path, target)
        except (OSError, sqlite3.Error) as exc:
            log.error("backup failed: %s", exc)
            target.with_name(target.name + ".part").unlink(missing_ok=True)
            report.warnings.append(Text(
                "今天的备份没有做成（磁盘满了或无法写入），请检查磁盘",
                "Today's backup could not be made (the disk is full or cannot be written)",
            ))
            return None
        ok, detail = integrity_ok(target)
        if not ok:
            log.error("backup %s failed its check: %s", target.name, detail[:200])
            target.unlink(missing_ok=True)
            report.warnings.append(Text(
                "备份写好后检查不通过，已删除；数据库本身可能有问题，请联系技术支持",
                "The backup failed its check and was deleted; the database may have a problem",
            ))
            return None
        log.info("backup made: %s", target.name)
        report.made.append(target)
        return target

    def _copy_to_extra(self, source: Path, today: date | None, report: BackupReport) -> None:
        extra = self.extra_dir
        if extra is None:
            return
        if today is not None and extra.is_dir() and self._has_daily(extra, today):
            return
        if not extra.is_dir() or not os.access(extra, os.W_OK):
            log.warning("second backup folder not available: %s", extra)
            report.warnings.append(Text(
                f"第二备份位置 {extra} 不可用（U盘没插好？），这次只备份到了本机",
                f"The second backup folder {extra} is not available (is the USB stick in?); "
                "this backup was kept on this computer only",
            ))
            return
        problem = _space_problem(extra, source)
        if problem is not None:
            report.warnings.append(problem)
            return
        target = extra / source.name
        try:
            copy_file(source, target)
        except OSError as exc:
            log.warning("copy to the second backup folder failed: %s", exc)
            report.warnings.append(Text(
                f"复制到第二备份位置 {extra} 失败，这次只备份到了本机",
                f"Copying to the second backup folder {extra} failed; this backup is on this computer only",
            ))
            return
        ok, _detail = integrity_ok(target)
        if not ok:
            target.unlink(missing_ok=True)
            report.warnings.append(Text(
                f"第二备份位置 {extra} 上的备份检查不通过，已删除",
                f"The backup copied to {extra} failed its check and was deleted",
            ))
            return
        report.made.append(target)
        self._rotate_into(extra, report)

    def _rotate_into(self, folder: Path, report: BackupReport) -> None:
        backups = _scan(folder, False)
        keep = self._kept(backups)
        for info in backups:
            if info.path in keep:
                continue
            try:
                info.path.unlink()
                report.removed.append(info.path)
            except OSError as exc:
                log.warning("old backup %s not removed: %s", info.name, exc)
        for part in _stale_parts(folder):
            part.unlink(missing_ok=True)

    def _kept(self, backups: list[BackupInfo]) -> set[Path]:
        """Which of a folder's backups (newest first) rotation keeps."""
        keep: set[Path] = set()
        days: set[date] = set()
        weeks: set[tuple[int, int]] = set()
        for info in (b for b in backups if b.label == DAILY):
            day = self.calendar.business_day(info.taken_at)
            if day in days:
                continue  # an older backup of a day already kept
            if len(days) < KEEP_DAILY:
                days.add(day)
                keep.add(info.path)
                continue
            iso = day.isocalendar()
            week = (iso.year, iso.week)
            if week not in weeks and len(weeks) < KEEP_WEEKLY:
                weeks.add(week)
                keep.add(info.path)
        per_label: dict[str, int] = {}
        for info in (b for b in backups if b.label != DAILY):
            limit = KEEP_DAMAGED if info.label == DAMAGED else KEEP_OTHER
            per_label[info.label] = per_label.get(info.label, 0) + 1
            if per_label[info.label] <= limit:
                keep.add(info.path)
        return keep

    def _save_current(self) -> Path | None:
        """Before a restore: the current file as a backup, or as it is if it is damaged."""
        path = self.db_path
        if not path.exists() or path.stat().st_size == 0:
            return None
        now = self.clock.now()
        ok, _detail = integrity_ok(path)
        if ok:
            target = self.primary_dir / backup_name(PRERESTORE, now)
            problem = _space_problem(self.primary_dir, path)
            if problem is not None:
                raise UserFacingError(problem.zh + "，无法恢复", problem.en + "; cannot restore",
                                      code="disk_full")
            try:
                backup_to(path, target)
            except (OSError, sqlite3.Error) as exc:
                log.warning("pre-restore backup failed, keeping the file as it is: %s", exc)
            else:
                return target
        target = self.primary_dir / backup_name(DAMAGED, now)
        set_aside(path, target)
        return target


# --- the restore ledger, outside the database -------------------------------------------------


@dataclass
class _Ledger:
    count: int = 0
    max_epoch: int = 0
    pending: dict[str, object] | None = None
    history: list[dict[str, object]] = field(default_factory=list)

    @classmethod
    def load(cls, data_dir: Path) -> _Ledger:
        path = data_dir / LEDGER_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.error("restore ledger unreadable (%s); counting from zero", exc)
            return cls()
        if not isinstance(raw, dict):
            return cls()
        pending = raw.get("pending")
        history = raw.get("history")
        return cls(
            count=_as_int(raw.get("count")),
            max_epoch=_as_int(raw.get("max_epoch")),
            pending=pending if isinstance(pending, dict) else None,
            history=history if isinstance(history, list) else [],
        )

    def save(self, data_dir: Path) -> None:
        path = data_dir / LEDGER_FILE
        tmp = path.with_name(path.name + ".tmp")
        text = json.dumps({"count": self.count, "max_epoch": self.max_epoch, "pending": self.pending,
                           "history": self.history[-50:]}, ensure_ascii=False, indent=1)
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)


# --- small helpers ----------------------------------------------------------------------------


def _scan(folder: Path, extra: bool) -> list[BackupInfo]:
    """The backups in folder, newest first; an unreadable folder has none."""
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        parsed = parse_backup_name(path.name)
        if parsed is None or not path.is_file():
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue
        found.append(BackupInfo(path=path, taken_at=parsed[0], label=parsed[1], size=size, extra=extra))
    found.sort(key=lambda b: b.taken_at, reverse=True)
    return found


def _stale_parts(folder: Path) -> Iterable[Path]:
    try:
        entries = list(folder.glob("*.part"))
    except OSError:
        return []
    cutoff = time.time() - STALE_PART_SECONDS
    return [p for p in entries if p.stat().st_mtime < cutoff]


def _space_problem(folder: Path, source: Path) -> Text | None:
    try:
        free = shutil.disk_usage(folder if folder.exists() else folder.parent).free
        wanted = int(source.stat().st_size * SPACE_MARGIN)
    except OSError:
        return None
    if free >= wanted:
        return None
    return Text(f"{folder} 所在的磁盘空间不够，备份没有做成", f"Not enough disk space for a backup in {folder}")


def _known_revision(path: Path) -> bool:
    """False when the file's schema was made by a newer app than this one."""
    revision = read_value(path, "SELECT version_num FROM alembic_version")
    if revision is None:
        return True
    return is_known_revision(str(revision))


def _staff_id(session: Session, staff_no: object) -> int | None:
    """The id of staff_no in the restored database (the person may not be in an old backup)."""
    if not staff_no:
        return None
    return session.scalar(select(Staff.id).where(Staff.staff_no == str(staff_no)))


def _as_int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def check_database_file(path: Path, backup_dir: Path) -> None:
    """Before opening: refuse a damaged, emptied or unreadable database with a clear message.

    An empty file where backups exist counts as damaged (it once held the shop's data); an
    empty file on a new station is simply new.
    """
    if not path.exists():
        return
    if not os.access(path, os.R_OK | os.W_OK):
        raise DatabaseProblem(
            f"无法读写数据库文件 {path}，请检查文件权限",
            f"The database file {path} cannot be read or written; check its permissions",
            code="unreadable",
        )
    if path.stat().st_size == 0:
        if any(b.label != DAMAGED for b in _scan(backup_dir, False)):
            log.error("database file is empty but backups exist")
            raise _corrupt()
        return
    ok, detail = quick_ok(path)  # the full integrity_check runs on the daily backup, on a worker
    if not ok:
        log.error("database check failed: %s", detail[:200])
        raise _corrupt()


def _corrupt() -> DatabaseProblem:
    return DatabaseProblem(
        "数据库文件已损坏，无法打开。请在恢复界面选择最近的备份。",
        "The database file is damaged and cannot be opened. Choose a recent backup to restore.",
        code="corrupt",
    )
