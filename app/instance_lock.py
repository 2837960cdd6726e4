"""One copy of the app per data folder: a second one is refused with a clear message."""
from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from app.errors import UserFacingError

LOCK_FILE = "corner-station.lock"


class AlreadyRunning(UserFacingError):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"邻里站已经在运行（数据文件夹 {data_dir}）。请切换到已打开的窗口。",
            f"Corner Station is already running on {data_dir}. Switch to the open window.",
            code="already_running",
        )


class InstanceLock:
    """Held for as long as the app runs; the OS drops it if the process dies."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._lock = FileLock(str(data_dir / LOCK_FILE), thread_local=False)

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0)
        except Timeout as exc:
            raise AlreadyRunning(self.data_dir) from exc

    def release(self) -> None:
        self._lock.release()
