"""The Counter screen's widgets, laid out for 1366x768: search on top, the cart, the line
editor, the totals in huge type, and a bar of the function keys."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.catalogue import ProductItem
from app.till import TillSession
from ui.counter.cart_bars import EditStrip, TotalsBar
from ui.counter.cart_table import CartModel, CartTable
from ui.counter.search_box import SearchBox
from ui.counter.style import COUNTER_QSS

KEY_BUTTONS = ("hold", "resume", "pay", "reprint", "refund", "till", "clear")


class CounterView(QWidget):
    def __init__(self, search: Callable[[str], list[ProductItem]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterView")
        self.setStyleSheet(COUNTER_QSS)
        self.title = QLabel(objectName="screenTitle")
        self.search = SearchBox(search, self)
        self.till_badge = QLabel(objectName="tillBadge")
        self.model = CartModel(self)
        self.table = CartTable(self.model)
        self.strip = EditStrip()
        self.totals = TotalsBar()
        self.keys: dict[str, QPushButton] = {}
        key_bar = QWidget(objectName="keyBar")
        key_row = QHBoxLayout(key_bar)
        key_row.setContentsMargins(0, 0, 0, 0)
        key_row.setSpacing(8)
        for name in KEY_BUTTONS:
            button = QPushButton(objectName="payButton" if name == "pay" else f"{name}Button")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
            key_row.addWidget(button, 2 if name == "pay" else 1)
            self.keys[name] = button
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(self.title)
        top.addWidget(self.search, 1)
        top.addWidget(self.till_badge)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.strip)
        layout.addWidget(self.totals)
        layout.addWidget(key_bar)
        self._till: TillSession | None = None
        self._till_known = False

    def show_till(self, session: TillSession | None) -> None:
        self._till = session
        self._till_known = True
        self.till_badge.setProperty("alert", session is None)
        self.till_badge.style().unpolish(self.till_badge)
        self.till_badge.style().polish(self.till_badge)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Counter"))
        self.search.setPlaceholderText(self.tr("Scan, or type a name, pinyin initials (kkkl) or code"))
        self.table.set_empty_text(self.tr("Scan a product or search to start a sale"))
        self.model.retranslate()
        self.strip.retranslate()
        self.totals.retranslate()
        s = self._till
        if s is not None:
            self.till_badge.setText(self.tr("Till open {0}").format(f"{s.opened_at_local:%H:%M}"))
        elif self._till_known:
            self.till_badge.setText(self.tr("Till not open (F12)"))
        texts = {
            "hold": self.tr("F7\nHold"),
            "resume": self.tr("F8\nResume"),
            "pay": self.tr("F9  Pay"),
            "reprint": self.tr("F10\nReprint"),
            "refund": self.tr("F11\nRefund"),
            "till": self.tr("F12\nTill · stock"),
            "clear": self.tr("Esc Esc\nClear"),
        }
        for name, text in texts.items():
            self.keys[name].setText(text)
