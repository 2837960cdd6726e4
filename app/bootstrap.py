"""Build the engine, settings and services once, and pass them in. Nothing at import time."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from app.clock import BusinessCalendar, Clock, SystemClock
from app.errors import DatabaseProblem
from app.instance_lock import InstanceLock
from app.logging_setup import setup_logging
from app.settings import Settings, default_data_dir
from app.station_service import StationService
from local_db.backup import integrity_ok
from local_db.engine import Database
from local_db.migrate import upgrade

log = logging.getLogger(__name__)
DB_FILE = "station.db"


@dataclass
class AppContext:
    """Everything the window needs, built by bootstrap() and handed to it."""

    data_dir: Path
    settings: Settings
    db: Database
    clock: Clock
    calendar: BusinessCalendar
    station: StationService
    lock: InstanceLock | None = None
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    def close(self) -> None:
        self.db.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def open_database(data_dir: Path) -> Database:
    """Check, migrate (after a backup) and open the station's database file."""
    path = data_dir / DB_FILE
    if path.exists() and path.stat().st_size > 0:
        ok, detail = integrity_ok(path)
        if not ok:
            log.error("integrity check failed: %s", detail[:200])
            raise DatabaseProblem(
                "数据库文件已损坏，无法打开。请在恢复界面选择最近的备份。",
                "The database file is damaged and cannot be opened. Choose a recent backup to restore.",
                code="corrupt",
            )
    upgrade(path, backup_dir=data_dir / "backups")
    return Database(path)


def bootstrap(
    data_dir: Path | None = None,
    *,
    clock: Clock | None = None,
    take_lock: bool = True,
) -> AppContext:
    """Open the data folder: lock it, start logging, migrate the database, build services."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = None
    if take_lock:
        lock = InstanceLock(data_dir)
        lock.acquire()
    try:
        setup_logging(data_dir)
        settings = Settings.load(data_dir)
        db = open_database(data_dir)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    calendar = BusinessCalendar(settings.timezone, settings.day_cutoff_hour)
    return AppContext(
        data_dir=data_dir,
        settings=settings,
        db=db,
        clock=clock or SystemClock(),
        calendar=calendar,
        station=StationService(db),
        lock=lock,
    )
