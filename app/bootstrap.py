"""Build the engine, settings and services once, and pass them in. Nothing at import time.

Opening a data folder: take the instance lock, start logging, finish a restore a crash cut
short, check the database file (a damaged, emptied or unreadable file raises
DatabaseProblem with code "corrupt" or "unreadable": the window then offers the newest good
backup), migrate it (after a backup), and take the day's first backup (unless start_backup=False: the window passes that
and makes it on a worker once it shows, since on a year's file the backup and its full
integrity_check take many seconds). The file is checked cheaply at start (local_db.backup
.quick_ok); the full PRAGMA integrity_check runs on every backup copy.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from app.audit_view import AuditView
from app.backups import BACKUP_FOLDER, DB_FILE, BackupReport, BackupService, check_database_file
from app.clock import BusinessCalendar, Clock, SystemClock
from app.i18n import Text
from app.instance_lock import InstanceLock
from app.logging_setup import setup_logging
from app.secrets_store import SecretsStore
from app.settings import Settings, default_data_dir
from app.staff import StaffService
from app.station_service import StationService
from local_db.engine import Database
from local_db.migrate import upgrade

log = logging.getLogger(__name__)
__all__ = ["DB_FILE", "AppContext", "bootstrap", "open_database"]


@dataclass
class AppContext:
    """Everything the window needs, built by bootstrap() and handed to it."""

    data_dir: Path
    settings: Settings
    db: Database
    clock: Clock
    calendar: BusinessCalendar
    station: StationService
    staff: StaffService
    backups: BackupService
    secrets: SecretsStore
    audit: AuditView
    lock: InstanceLock | None = None
    start_backup: BackupReport | None = None
    """What the start-of-day backup did (its warnings go to the notice bar)."""
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / BACKUP_FOLDER

    def close(self) -> None:
        self.db.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def open_database(data_dir: Path) -> Database:
    """Check, migrate (after a backup) and open the station's database file."""
    path = data_dir / DB_FILE
    check_database_file(path, data_dir / BACKUP_FOLDER)
    upgrade(path, backup_dir=data_dir / BACKUP_FOLDER)
    return Database(path)


def bootstrap(
    data_dir: Path | None = None,
    *,
    clock: Clock | None = None,
    take_lock: bool = True,
    start_backup: bool = True,
) -> AppContext:
    """Open the data folder: lock it, start logging, check and migrate the database, back it
    up once a day, build services. Raises DatabaseProblem for a damaged database file."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = None
    if take_lock:
        lock = InstanceLock(data_dir)
        lock.acquire()
    try:
        setup_logging(data_dir)
        settings = Settings.load(data_dir)
        clock = clock or SystemClock()
        calendar = BusinessCalendar(settings.timezone, settings.day_cutoff_hour)
        backups = BackupService(data_dir, settings, clock, calendar)
        backups.finish_pending_restore()
        db = open_database(data_dir)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    backups.db = db
    report = _start_of_day_backup(backups) if start_backup else None
    return AppContext(
        data_dir=data_dir,
        settings=settings,
        db=db,
        clock=clock,
        calendar=calendar,
        station=StationService(db),
        staff=StaffService(db, clock),
        backups=backups,
        secrets=SecretsStore(data_dir),
        audit=AuditView(db, clock, calendar),
        lock=lock,
        start_backup=report,
    )


def _start_of_day_backup(backups: BackupService) -> BackupReport:
    """The day's first backup; a failure is a warning for the window, never a failed start."""
    try:
        return backups.run_due()
    except Exception:  # noqa: BLE001 - a start without a backup beats no start at all
        log.exception("start-of-day backup failed")
        return BackupReport(warnings=[Text("今天的备份没有做成，请检查磁盘", "Today's backup could not be made; check the disk")])
