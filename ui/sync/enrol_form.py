"""登记本机 Enrol this computer: the platform's address and the one-time enrolment code."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class EnrolForm(QGroupBox):
    """Emits enrol_requested(cloud_url, code); the screen does the work off the GUI thread."""

    enrol_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncEnrolForm")
        self.url_edit = QLineEdit(objectName="enrolUrl")
        self.url_edit.setPlaceholderText("https://")
        self.code_edit = QLineEdit(objectName="enrolCode")
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX")
        self.code_edit.setMaxLength(40)
        self.code_edit.returnPressed.connect(self._submit)
        self.enrol_button = QPushButton(objectName="enrolButton")
        self.enrol_button.clicked.connect(self._submit)
        self.hint = QLabel(objectName="enrolHint", wordWrap=True)
        self.status = QLabel(objectName="enrolStatus", wordWrap=True)
        self._url_caption, self._code_caption = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self._url_caption, self.url_edit)
        form.addRow(self._code_caption, self.code_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.enrol_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.retranslate_ui()

    def set_busy(self, busy: bool) -> None:
        for widget in (self.url_edit, self.code_edit, self.enrol_button):
            widget.setEnabled(not busy)
        if busy:
            self.status.setText(self.tr("Enrolling…"))

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def _submit(self) -> None:
        url, code = self.url_edit.text().strip(), self.code_edit.text().strip()
        if not url or not code:
            self.status.setText(self.tr("Enter both the platform address and the enrolment code."))
            return
        self.enrol_requested.emit(url, code)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Enrol this computer"))
        self.hint.setText(self.tr(
            "The platform gives the owner a one-time enrolment code for each computer. "
            "Enrolling again (a new PC, or after the platform revoked this one) keeps every "
            "record here; anything waiting to upload goes up under the new enrolment."
        ))
        self._url_caption.setText(self.tr("Platform address"))
        self._code_caption.setText(self.tr("Enrolment code"))
        self.enrol_button.setText(self.tr("Enrol"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
