"""Settings: typed, defaulted, documented fields, kept as JSON in the data folder.

The data folder comes from platformdirs (e.g. ~/.local/share/corner-station on Linux,
%LOCALAPPDATA%\\CornerStation on Windows); `--data-dir` or the CORNER_STATION_DATA
environment variable choose another one (tests always do).
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from platformdirs import user_data_dir

log = logging.getLogger(__name__)

DATA_DIR_ENV = "CORNER_STATION_DATA"
SETTINGS_FILE = "settings.json"


def default_data_dir() -> Path:
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("corner-station", "CornerStation"))


@dataclass
class Settings:
    """Everything a shop can change in 设置 Settings. Each field says what it does."""

    language: str = "zh_CN"
    """UI language: zh_CN (default) or en."""
    timezone: str = "Asia/Shanghai"
    """The store's time zone: "today", receipts and reports use it."""
    day_cutoff_hour: int = 4
    """A sale before this local hour belongs to the previous business day (late-night shops)."""
    shop_name: str = "邻里站便利店"
    """Printed on receipts and reports."""
    cash_rounding_fen: int = 0
    """Cash rounding step: 0 none, 10 to the jiao (抹零)."""
    price_override_limit_fen: int = 500
    """A discount or price override above this many fen needs the owner's approval."""
    pickup_undo_minutes: int = 10
    """How long after a hand-out it can be undone."""
    idle_lock_minutes: int = 10
    """Lock the screen after this many idle minutes (0: never)."""
    receipt_width_mm: int = 58
    """Receipt paper: 58 or 80 mm."""
    printer_kind: str = "system"
    """system (CUPS / Windows spooler), escpos_usb, escpos_network, escpos_serial, or none."""
    printer_target: str = ""
    """Printer name for the system spooler, host:port, /dev/ttyUSB0, or vendor:product for USB."""
    label_size: str = "60x40"
    """Bag label size: 60x40, 50x30, 100x150 or a4."""
    scale_barcode_layout: str = "2FFFFFWWWWWC"
    """Label-scale EAN-13 layout: 2 + F flag/PLU digits + W weight (g) or P price (fen) + check."""
    camera_index: int = 0
    """Which camera the Pickup screen opens (-1: none)."""
    camera_source: str = ""
    """A video file or folder of images that stands in for the camera (support and demos)."""
    cloud_url: str = ""
    """The platform's sync address (https; http only for 127.0.0.1)."""
    cloud_ca_file: str = ""
    """A custom CA bundle for the cloud's TLS certificate, if the platform uses one."""
    sync_interval_s: int = 60
    """Seconds between automatic syncs while online."""
    backup_dir_extra: str = ""
    """A second folder (a USB stick) that also receives the daily backup."""
    extras: dict[str, Any] = field(default_factory=dict)
    """Keys from a newer version, kept so a downgrade does not lose them."""

    @classmethod
    def load(cls, data_dir: Path) -> Settings:
        path = data_dir / SETTINGS_FILE
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError) as exc:  # deep nesting: RecursionError
            log.warning("settings file unreadable, using defaults: %s", exc)
            return cls()
        if not isinstance(raw, dict):
            log.warning("settings file is not a JSON object, using defaults")
            return cls()
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        extras: dict[str, Any] = {}
        defaults = cls()
        for key, value in raw.items():
            if key in known and key != "extras":
                # A value of the wrong type or out of range (hand-edited file): the default.
                default = getattr(defaults, key)
                if type(value) is type(default) and _usable(key, value):
                    values[key] = value
                else:
                    log.warning("setting %s is not usable; using the default", key)
            elif key != "extras":
                extras[key] = value
        return cls(**values, extras=extras)

    def save(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        raw = asdict(self)
        raw.update(raw.pop("extras"))
        tmp = data_dir / (SETTINGS_FILE + ".tmp")
        tmp.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(data_dir / SETTINGS_FILE)


def _usable(key: str, value: Any) -> bool:
    """Whether a hand-edited value can work: the calendar needs a real zone and hour."""
    if key == "timezone":
        try:
            ZoneInfo(value)
        except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
            return False
    if key == "day_cutoff_hour":
        return 0 <= value <= 23
    return True
