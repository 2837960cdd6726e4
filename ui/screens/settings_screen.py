"""设置 Settings. For now: the language of the window, switched live and saved."""
from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.actors import Actor
from app.bootstrap import AppContext
from ui.i18n import apply_language, current_language
from ui.screens.base import ERROR, INFO, Screen

log = logging.getLogger(__name__)

# Each language is named in its own script, whatever the window's language is.
LANGUAGE_CHOICES = (("zh_CN", "简体中文"), ("en", "English"))


class SettingsScreen(Screen):
    screen_id = "settings"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self._title = QLabel(objectName="screenTitle")
        self._lang_box = QGroupBox(objectName="settingsGroup")
        self._lang_hint = QLabel(objectName="screenNote", wordWrap=True)
        self._more = QLabel(objectName="screenSoon", wordWrap=True)
        self.language_buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        row = QHBoxLayout()
        for code, name in LANGUAGE_CHOICES:
            button = QPushButton(name, objectName="choiceButton", checkable=True)
            button.setMinimumWidth(220)
            button.clicked.connect(lambda _checked=False, c=code: self.choose_language(c))
            self._group.addButton(button)
            self.language_buttons[code] = button
            row.addWidget(button)
        row.addStretch(1)
        box_layout = QVBoxLayout(self._lang_box)
        box_layout.addWidget(self._lang_hint)
        box_layout.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(18)
        layout.addWidget(self._title)
        layout.addWidget(self._lang_box)
        layout.addWidget(self._more)
        layout.addStretch(1)
        self.retranslate_ui()
        self._show_checked()

    def title(self) -> str:
        return self.tr("Settings")

    def activated(self) -> None:
        self._show_checked()

    def retranslate_ui(self) -> None:
        self._title.setText(self.title())
        self._lang_box.setTitle(self.tr("Language"))
        self._lang_hint.setText(self.tr("The language of the window. It changes at once and is kept for the next start."))
        self._more.setText(
            self.tr("Printer, camera, cloud and backup settings come in a later version.")
        )

    def _show_checked(self) -> None:
        button = self.language_buttons.get(current_language())
        if button is not None:
            button.setChecked(True)

    def choose_language(self, lang: str) -> None:
        """Switch the whole window to lang now, and keep it for the next start."""
        settings = self.ctx.settings
        previous = settings.language
        settings.language = lang
        try:
            settings.save(self.ctx.data_dir)
        except OSError as exc:
            settings.language = previous
            log.error("settings could not be saved: %s", exc)
            self._show_checked()
            self.show_notice(
                self.tr("The setting could not be saved: the data folder cannot be written."),
                ERROR,
            )
            return
        if lang != current_language():
            apply_language(lang)
        self._show_checked()
        self.show_notice(self.tr("Language saved."), INFO)
