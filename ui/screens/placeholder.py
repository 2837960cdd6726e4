"""A screen whose real content comes in a later issue: a big title and what it will hold."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.actors import Actor
from app.bootstrap import AppContext
from ui.screens.base import Screen


class PlaceholderScreen(Screen):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self._title = QLabel(objectName="screenTitle")
        self._note = QLabel(objectName="screenNote", wordWrap=True)
        self._soon = QLabel(objectName="screenSoon", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(18)
        layout.addWidget(self._title)
        layout.addWidget(self._note)
        layout.addWidget(self._soon)
        layout.addStretch(1)
        for label in (self._title, self._note, self._soon):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.retranslate_ui()

    def description(self) -> str:
        """One line saying what the screen will hold."""
        return ""

    def retranslate_ui(self) -> None:
        self._title.setText(self.title())
        self._note.setText(self.description())
        self._soon.setText(self.tr("This screen is being built and comes in a later version."))
