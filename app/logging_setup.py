"""Logging to a rotating file in the data folder. Never log names or phone numbers."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path


def setup_logging(data_dir: Path, *, level: int = logging.INFO) -> Path:
    log_dir = data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "corner-station.log"
    root = logging.getLogger()
    if any(getattr(h, "_corner_station", False) for h in root.handlers):
        return path
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler._corner_station = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
