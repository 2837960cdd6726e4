"""The search box: name, pinyin initials (kkkl), full pinyin or code, as you type.

Searching waits a moment after the last key (DEBOUNCE_MS), runs on the "read" pool and shows
the best matches in a list under the box; a late answer for text that has changed since is
dropped. ↑ ↓ choose, Enter adds the chosen (or the top) match, Esc closes the list. Keys the
box does not need when it is empty (+ - Del Esc ↑ ↓ Enter) go to the screen as cart keys.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.catalogue import ProductItem
from app.money import normalize_digits
from ui.counter.formatting import qty_text, unit_price_text
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

DEBOUNCE_MS = 120
MAX_RESULTS = 8
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def looks_like_code(text: str) -> bool:
    """Digits long enough to be a barcode: Enter looks them up as a code first."""
    clean = normalize_digits(text).strip()
    return clean.isascii() and clean.isdigit() and len(clean) >= 8


class _MatchDelegate(QStyledItemDelegate):
    """A match: the name on the left, price and stock on the right."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        right = str(index.data(Qt.ItemDataRole.UserRole) or "")
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect.adjusted(10, 0, -12, 0)
        painter.save()
        painter.setFont(opt.font)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        right_w = opt.fontMetrics.horizontalAdvance(right)
        name_rect = rect.adjusted(0, 0, -right_w - 24, 0)
        name = opt.fontMetrics.elidedText(str(index.data()), Qt.TextElideMode.ElideRight, name_rect.width())
        painter.drawText(name_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), right)
        painter.restore()


class SearchPopup(QListWidget):
    """The matches, floating over the cart right under the search box. Never takes focus."""

    chosen = Signal(int)

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("searchPopup")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemClicked.connect(lambda item: self.chosen.emit(self.row(item)))
        self.setItemDelegate(_MatchDelegate(self))
        self.stock_text = "{0}"
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.stock_text = self.tr("stock {0}")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_items(self, items: list[ProductItem], anchor: QWidget) -> None:
        self.clear()
        for product in items:
            entry = QListWidgetItem(product.name)
            price = unit_price_text(product.unit, product.price_fen)
            stock = self.stock_text.format(qty_text(product.unit, product.stock_qty))
            entry.setData(Qt.ItemDataRole.UserRole, f"{price}    {stock}")
            self.addItem(entry)
        if not items:
            self.hide()
            return
        self.setCurrentRow(0)
        host = self.parentWidget()
        assert host is not None
        top_left = anchor.mapTo(host, QPoint(0, anchor.height() + 2))
        row_h = max(self.sizeHintForRow(0), 40)
        self.setGeometry(top_left.x(), top_left.y(), anchor.width(),
                         row_h * min(len(items), MAX_RESULTS) + 2 * self.frameWidth() + 4)
        self.raise_()
        self.show()

    def move_selection(self, step: int) -> None:
        if self.count():
            self.setCurrentRow(max(0, min(self.count() - 1, self.currentRow() + step)))


class SearchBox(QLineEdit):
    product_chosen = Signal(object)
    """A ProductItem picked from the matches."""
    entered = Signal(str)
    """Enter on text with no match list for it yet (or digits): the screen looks it up."""
    empty_enter = Signal()
    """Enter on an empty box: 结账."""
    cart_key = Signal(str)
    """plus, minus, delete, escape, up, down: pressed while the box is empty."""

    def __init__(self, search: Callable[[str], list[ProductItem]], popup_host: QWidget,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterSearch")
        self.setClearButtonEnabled(True)
        self._search = search
        self.popup = SearchPopup(popup_host)
        self.popup.chosen.connect(self._choose)
        self._items: list[ProductItem] = []
        self._fresh_for: str | None = None
        self._seq = 0
        self._moved = False
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._search_now)
        self.textChanged.connect(self._text_changed)

    # --- searching -----------------------------------------------------------------------

    def _text_changed(self, text: str) -> None:
        self._fresh_for = None
        self._moved = False
        if text.strip():
            self._timer.start()
        else:
            self._timer.stop()
            self._seq += 1
            self.popup.hide()

    def _search_now(self) -> None:
        text = self.text().strip()
        if not text:
            return
        self._seq += 1
        seq = self._seq
        run_in_background(lambda: self._search(text), lambda items: self._results(seq, text, items),
                          lambda exc: log.warning("search for %r failed: %s", text, exc), "read",
                          owner=self)

    def _results(self, seq: int, text: str, items: list[ProductItem]) -> None:
        if seq != self._seq or text != self.text().strip():
            return  # the box says something else by now
        self._items = list(items)[:MAX_RESULTS]
        self._fresh_for = text
        self.popup.show_items(self._items, self)

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self._items):
            product = self._items[row]
            self.reset()
            self.product_chosen.emit(product)

    def reset(self) -> None:
        """Empty box, no list."""
        self._timer.stop()
        self._seq += 1
        self.clear()
        self.popup.hide()

    # --- keys ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        text = self.text().strip()
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if key in _ENTER and plain:
            event.accept()
            if not text:
                self.empty_enter.emit()
            elif (self.popup.isVisible() and self._fresh_for == text and self._items
                  and (self._moved or not looks_like_code(text))):
                self._choose(self.popup.currentRow())
            else:
                self.entered.emit(text)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            event.accept()
            step = -1 if key == Qt.Key.Key_Up else 1
            if self.popup.isVisible():
                self._moved = True
                self.popup.move_selection(step)
            else:
                self.cart_key.emit("up" if step < 0 else "down")
            return
        if key == Qt.Key.Key_Escape:
            event.accept()
            if self.popup.isVisible():
                self.popup.hide()
            elif text:
                self.reset()
            else:
                self.cart_key.emit("escape")
            return
        if not text and plain:
            action = {Qt.Key.Key_Plus: "plus", Qt.Key.Key_Minus: "minus", Qt.Key.Key_Equal: "plus",
                      Qt.Key.Key_Delete: "delete"}.get(Qt.Key(key))
            if action is not None:
                event.accept()
                self.cart_key.emit(action)
                return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        if event.reason() not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            self.popup.hide()
        super().focusOutEvent(event)
