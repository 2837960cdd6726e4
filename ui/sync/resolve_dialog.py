"""处理冲突 Resolve a conflict: what happened at the counter, and a short note."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.sync_service import MAX_NOTE, RESOLUTIONS, ConflictInfo
from ui.i18n import current_language


class ResolveConflictDialog(QDialog):
    def __init__(self, conflict: ConflictInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resolveConflictDialog")
        self.conflict = conflict
        lang = current_language()
        self.setWindowTitle(self.tr("Resolve a conflict"))
        what = QLabel(conflict.explanation.for_lang(lang), wordWrap=True, objectName="conflictWhat")
        self.choice = QComboBox(objectName="resolutionChoice")
        for code, text in RESOLUTIONS.items():
            self.choice.addItem(text.for_lang(lang), code)
        self.note = QLineEdit(objectName="resolutionNote")
        self.note.setMaxLength(MAX_NOTE)
        self.note.setPlaceholderText(self.tr("Optional: who, when, how much"))
        form = QFormLayout()
        form.addRow(self.tr("What happened"), self.choice)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @property
    def resolution(self) -> str:
        return str(self.choice.currentData())

    def set_resolution(self, code: str) -> None:
        index = self.choice.findData(code)
        if index >= 0:
            self.choice.setCurrentIndex(index)
