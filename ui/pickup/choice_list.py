"""Orders that match a phone ending (or, rarely, one pickup code): the leader asks "张**?",
moves with the arrow keys and opens one with Enter (or a double click)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.pickups import OrderChoice, VerdictState
from ui.i18n import current_language

ORDER_ID = Qt.ItemDataRole.UserRole


class ChoiceList(QListWidget):
    chosen = Signal(int)  # order id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choiceList")
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._choices: tuple[OrderChoice, ...] = ()
        self._more = False
        self.itemActivated.connect(self._activated)

    def set_choices(self, choices: tuple[OrderChoice, ...], more: bool) -> None:
        self._choices = choices
        self._more = more
        self._fill()
        if self.count():
            self.setCurrentRow(0)

    def choices(self) -> tuple[OrderChoice, ...]:
        return self._choices

    def _fill(self) -> None:
        row = self.currentRow()
        self.clear()
        lang = current_language()
        for number, choice in enumerate(self._choices, start=1):
            text = f"{number}.  {choice.label.for_lang(lang)}"
            if choice.campaign_title:
                text += f"\n      {choice.campaign_title}  ·  {choice.order_no}"
            item = QListWidgetItem(text)
            item.setData(ORDER_ID, choice.order_id)
            if choice.state == VerdictState.NOT_ARRIVED:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.addItem(item)
        if self._more:
            more = QListWidgetItem(self.tr("More orders match than are listed: ask for the pickup code."))
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(more)
        if 0 <= row < self.count():
            self.setCurrentRow(row)

    def choose_current(self) -> bool:
        item = self.currentItem()
        if item is None or item.data(ORDER_ID) is None:
            return False
        self.chosen.emit(int(item.data(ORDER_ID)))
        return True

    def _activated(self, item: QListWidgetItem) -> None:
        if item.data(ORDER_ID) is not None:
            self.chosen.emit(int(item.data(ORDER_ID)))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Enter opens the order here and goes no further: it must not also reach the
        # screen, where Enter hands goods out.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.choose_current()
            event.accept()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._fill()
        super().changeEvent(event)
