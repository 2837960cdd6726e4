"""What every screen of the main window is: a page of the stack with a title, a scan handler
and texts that follow the language.

A screen gets the AppContext (services, settings, clock) and the staff member on duty. It
reaches data only through `self.ctx`'s services, off the GUI thread with `self.run(...)`.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QWidget

from app.actors import Actor
from app.bootstrap import AppContext
from ui.errors import show_error
from ui.i18n import current_language
from ui.tasks import Pool, run_in_background

INFO, WARNING, ERROR = "info", "warning", "error"


class Screen(QWidget):
    """Base of every page in the main window's stack."""

    screen_id: ClassVar[str] = ""
    """Stable name: used in object names, screenshots and tests."""

    notice = Signal(str, str)
    """(text, level) for the window's notice bar; level is info, warning or error."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.setObjectName(f"screen_{self.screen_id}")

    # --- what a screen fills in -----------------------------------------------------------

    def title(self) -> str:
        """The screen's name in the current language (navigation button and heading)."""
        raise NotImplementedError

    def activated(self) -> None:
        """Called each time the screen is brought to the front: refresh what it shows."""

    def handle_scan(self, text: str) -> None:
        """A code from the barcode scanner arrived while this screen is in front.

        The default refuses it with a clear message and changes nothing. Counter and Pickup
        override this.
        """
        self.show_notice(
            self.tr("This screen does not take scans. Go to Counter or Pickup to scan."),
            WARNING,
        )

    def retranslate_ui(self) -> None:
        """Set every visible text again; called on QEvent.LanguageChange."""

    def set_actor(self, actor: Actor) -> None:
        """The staff member on duty changed (shift handover, sign-in)."""
        self.actor = actor

    # --- helpers for screens --------------------------------------------------------------

    @property
    def lang(self) -> str:
        return current_language()

    def show_notice(self, text: str, level: str = INFO) -> None:
        self.notice.emit(text, level)

    def show_error(self, exc: BaseException, context: str = "") -> None:
        show_error(self, exc, self.lang, context=context or f"screen {self.screen_id}")

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        pool: Pool = "read",
        context: str = "",
    ) -> None:
        """Run fn off the GUI thread; on_done(result) back on it; errors shown by show_error."""
        run_in_background(
            fn, on_done, lambda exc: self.show_error(exc, context), pool, owner=self
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
