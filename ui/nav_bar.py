"""The left navigation: one big button per screen, with its F-key."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.screens.base import Screen


class NavBar(QWidget):
    chosen = Signal(int)
    """The index of the screen the person clicked."""

    def __init__(self, screens: list[Screen], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._screens = screens
        self._brand = QLabel(objectName="brand")
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 12)
        layout.setSpacing(4)
        layout.addWidget(self._brand)
        for index, screen in enumerate(screens):
            button = QPushButton(objectName="navButton", checkable=True)
            button.setProperty("screenId", screen.screen_id)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep focus on the screen's fields
            self._group.addButton(button, index)
            self.buttons.append(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self._group.idClicked.connect(self.chosen)
        self.retranslate_ui()

    def set_current(self, index: int) -> None:
        self.buttons[index].setChecked(True)

    def retranslate_ui(self) -> None:
        self._brand.setText(self.tr("Corner Station"))
        for index, (button, screen) in enumerate(zip(self.buttons, self._screens, strict=True)):
            button.setText(f"{screen.title()}  F{index + 1}")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
