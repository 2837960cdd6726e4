"""Figure tiles: a name, a big figure that shrinks to fit its tile, and a line under it
(yesterday's figure, a count, an "estimate" mark)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

VALUE_MAX_PT = 26
VALUE_MIN_PT = 13


class FitLabel(QLabel):
    """A one-line label whose font shrinks (down to a floor) until the text fits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiValue")
        self._size = 0
        font = QFont(self.font())
        font.setBold(True)
        self.setFont(font)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = max(10, self.width() - 4)
        font = QFont(self.font())
        size = VALUE_MAX_PT
        while size > VALUE_MIN_PT:
            font.setPointSize(size)
            if QFontMetrics(font).horizontalAdvance(self.text()) <= width:
                break
            size -= 1
        if size != self._size:
            self._size = size
            font.setPointSize(size)
            self.setFont(font)


class KpiTile(QFrame):
    def __init__(self, key: str, parent: QWidget | None = None, *, accent: bool = False) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("kpiTile")
        self.setProperty("accent", accent)
        self.name = QLabel(objectName="kpiName")
        self.value = FitLabel()
        self.sub = QLabel(objectName="kpiSub")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(0)
        layout.addWidget(self.name)
        layout.addWidget(self.value)
        layout.addWidget(self.sub)
        self.setMinimumHeight(104)
        # tiles share the row evenly, whatever their text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)
        for label in (self.name, self.value, self.sub):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def set_figure(self, value: str, sub: str = "", trend: str = "") -> None:
        """trend: "up", "down" or "" (colours the line under the figure)."""
        self.value.setText(value)
        self.sub.setText(sub)
        if self.sub.property("trend") != trend:
            self.sub.setProperty("trend", trend)
            self.sub.style().unpolish(self.sub)
            self.sub.style().polish(self.sub)


class KpiRow(QWidget):
    """Tiles side by side, found by key."""

    def __init__(self, keys: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.tiles: dict[str, KpiTile] = {}
        for i, key in enumerate(keys):
            tile = KpiTile(key, accent=i == 0)
            self.tiles[key] = tile
            layout.addWidget(tile, 1)

    def __getitem__(self, key: str) -> KpiTile:
        return self.tiles[key]
