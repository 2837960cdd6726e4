"""One root for our errors; UserFacingError carries text written for the person at the counter."""
from __future__ import annotations

from app.i18n import Text


class AppError(Exception):
    """Root of every error Corner Station raises on purpose."""


class UserFacingError(AppError):
    """An error whose message is meant for a person, in Chinese and English.

    The ui shows `message.for_lang(lang)`; nothing has changed when one is raised by a service.
    """

    def __init__(self, zh: str, en: str, *, code: str = "error") -> None:
        self.message = Text(zh, en)
        self.code = code
        super().__init__(en)


class PermissionDenied(UserFacingError):
    def __init__(self, zh: str = "没有权限执行此操作", en: str = "You are not allowed to do this") -> None:
        super().__init__(zh, en, code="permission")


class NotFound(UserFacingError):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh, en, code="not_found")


class DatabaseProblem(UserFacingError):
    """The database file is corrupt, locked, read-only, newer than the app, or the disk is full."""

    def __init__(self, zh: str, en: str, *, code: str = "database") -> None:
        super().__init__(zh, en, code=code)
