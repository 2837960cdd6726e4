"""A big box for a whole number of pieces, for the leader's counts and shares.

A line edit rather than a spin box: the style sheet's large type leaves a button-less spin
box blank, and a count is typed, never clicked up. Full-width digits (１２, from a Chinese
input method) count as digits; anything else is dropped as it is typed.
"""
from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

MAX_COUNT = 100_000  # as the core allows


class CountEdit(QLineEdit):
    valueChanged = Signal(int)

    def __init__(self, value: int = 0, *, maximum: int = MAX_COUNT, object_name: str = "countEdit",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.maximum = maximum
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaxLength(len(str(maximum)) + 2)
        self.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.setText(str(value))
        self.textEdited.connect(self._clean)
        self.textChanged.connect(lambda _text: self.valueChanged.emit(self.value()))

    def _clean(self, text: str) -> None:
        digits = "".join(c for c in unicodedata.normalize("NFKC", text) if c.isdigit())
        if digits and int(digits) > self.maximum:
            digits = str(self.maximum)
        if digits != text:
            self.setText(digits)

    def value(self) -> int:
        digits = "".join(c for c in unicodedata.normalize("NFKC", self.text()) if c.isdigit())
        return min(self.maximum, int(digits)) if digits else 0

    def setValue(self, value: int) -> None:  # noqa: N802 - as QSpinBox spells it
        self.setText(str(max(0, min(self.maximum, int(value)))))
