"""Where the station's bearer token lives: never in the database (a database backup goes to a
USB stick), but in `<data>/secrets.json`, readable by the shop's user account only (0600).

A minimal stand-in until app/secrets_store.py lands: same file, same key ("cloud_token"),
written the same way (a temporary file made with mode 0600, then renamed over the old one),
so switching to `SecretsStore` later changes no file on any shop's disk. Other keys in the
file are kept as they are. The token is never logged; `repr()` shows no value.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import threading
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)

SECRETS_FILE = "secrets.json"
TOKEN_KEY = "cloud_token"
FILE_MODE = 0o600


class TokenKeeper(Protocol):
    """What the sync needs of a secrets store."""

    def load(self) -> str | None: ...

    def save(self, token: str) -> None: ...

    def clear(self) -> None: ...


class TokenStore:
    """The cloud token in an owner-only JSON file."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / SECRETS_FILE
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"TokenStore({self.path}, has_token={self.load() is not None})"

    def load(self) -> str | None:
        value = self._read().get(TOKEN_KEY)
        return value if isinstance(value, str) and value else None

    def save(self, token: str) -> None:
        if not token:
            raise ValueError("an empty token")
        with self._lock:
            values = self._read()
            values[TOKEN_KEY] = token
            self._write(values)
        log.info("cloud token saved")

    def clear(self) -> None:
        with self._lock:
            values = self._read()
            if values.pop(TOKEN_KEY, None) is not None:
                self._write(values)
                log.info("cloud token removed")

    def _read(self) -> dict[str, object]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("secrets file unreadable; treating it as empty")
            return {}
        return raw if isinstance(raw, dict) else {}

    def _write(self, values: dict[str, object]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
        try:
            if sys.platform != "win32":
                os.fchmod(fd, FILE_MODE)  # exact, whatever the umask
            os.write(fd, json.dumps(values, ensure_ascii=False, indent=1).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.path)


class MemoryTokenStore:
    """A token kept in memory only (tests, the benchmark)."""

    def __init__(self, token: str | None = None) -> None:
        self._token = token

    def load(self) -> str | None:
        return self._token

    def save(self, token: str) -> None:
        self._token = token

    def clear(self) -> None:
        self._token = None
