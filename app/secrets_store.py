"""Secrets (the cloud token, printer or network passwords) in a file only the shop's user
account can read: `<data>/secrets.json`, mode 0600.

Never in the database, so never in a database backup that goes to a USB stick; never in the
log (only the names of secrets are logged, never their values); `repr()` of the store shows
names only. The file is written to a temporary file opened with mode 0600 and then renamed
over the old one, so a crash leaves either the old or the new file, never half of one.

On Windows, POSIX modes mean little: the file lives in the user's own application-data
folder, whose ACL already keeps other accounts out; `permissions_ok()` says True there.
"""
from __future__ import annotations

import json
import logging
import os
import stat
import sys
import threading
from pathlib import Path
from typing import Any

from app.errors import UserFacingError

log = logging.getLogger(__name__)

SECRETS_FILE = "secrets.json"
FILE_MODE = 0o600

CLOUD_TOKEN = "cloud_token"
"""The bearer token the platform gave this station at enrolment."""
PRINTER_PASSWORD = "printer_password"
"""A network printer's password, if it has one."""


class SecretsError(UserFacingError):
    def __init__(self) -> None:
        super().__init__(
            "无法保存密钥文件，请检查数据文件夹的权限",
            "The secrets file could not be written; check the data folder's permissions",
            code="secrets_unwritable",
        )


class SecretsStore:
    """A small name → text store in one JSON file with owner-only permissions."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / SECRETS_FILE
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SecretsStore({self.path}, names={self.names()})"

    def get(self, name: str) -> str | None:
        value = self._load().get(name)
        return value if isinstance(value, str) else None

    def set(self, name: str, value: str) -> None:
        if not name or not isinstance(value, str):
            raise ValueError("a secret has a name and a text value")
        with self._lock:
            values = self._load()
            values[name] = value
            self._save(values)
        log.info("secret %s saved", name)

    def delete(self, name: str) -> bool:
        with self._lock:
            values = self._load()
            if name not in values:
                return False
            del values[name]
            self._save(values)
        log.info("secret %s removed", name)
        return True

    def names(self) -> list[str]:
        return sorted(self._load())

    def keeper(self, name: str = CLOUD_TOKEN) -> SecretKeeper:
        """One secret with load/save/clear: what sync's TokenKeeper protocol asks for."""
        return SecretKeeper(self, name)

    def permissions_ok(self) -> bool:
        """True when the file (if any) can be read by its owner only."""
        if sys.platform == "win32" or not self.path.exists():
            return True
        return stat.S_IMODE(self.path.stat().st_mode) & 0o077 == 0

    # --- inside --------------------------------------------------------------------------

    def _load(self) -> dict[str, Any]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as exc:
            log.warning("secrets file unreadable: %s", type(exc).__name__)
            return {}
        try:
            raw = json.loads(text)
        except ValueError:
            # Say nothing of the content: it may be a secret.
            log.warning("secrets file is not valid JSON; treating it as empty")
            return {}
        if not isinstance(raw, dict):
            return {}
        if not self.permissions_ok():
            self._tighten(self.path)
        return {str(k): v for k, v in raw.items()}  # keys of other versions are kept as they are

    def _save(self, values: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            tmp.unlink(missing_ok=True)
            # O_EXCL: never reuse a file someone else created with looser permissions.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
            try:
                self._tighten_fd(fd)
                os.write(fd, json.dumps(values, ensure_ascii=False, indent=1).encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, self.path)
        except OSError as exc:
            log.error("secrets file could not be written: %s", type(exc).__name__)
            tmp.unlink(missing_ok=True)
            raise SecretsError() from exc

    @staticmethod
    def _tighten_fd(fd: int) -> None:
        if sys.platform != "win32":
            os.fchmod(fd, FILE_MODE)  # the umask may have taken bits away, never added; be exact

    @staticmethod
    def _tighten(path: Path) -> None:
        try:
            os.chmod(path, FILE_MODE)
        except OSError:
            log.warning("could not restrict the secrets file's permissions")


class SecretKeeper:
    """One named secret of a SecretsStore (sync.token_store.TokenKeeper's shape)."""

    def __init__(self, store: SecretsStore, name: str) -> None:
        self._store = store
        self.name = name

    def __repr__(self) -> str:
        return f"SecretKeeper({self.name}, set={self.load() is not None})"

    def load(self) -> str | None:
        return self._store.get(self.name) or None

    def save(self, value: str) -> None:
        if not value:
            raise ValueError("an empty secret")
        self._store.set(self.name, value)

    def clear(self) -> None:
        self._store.delete(self.name)
