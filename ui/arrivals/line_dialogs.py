"""The two questions about one line of the delivery: how many good pieces came (Enter on the
line), and how many are damaged or missing, why, and a photo for the claim (F7).

Both open window-modal without blocking (QDialog.open), so scans, background work and tests
carry on; the screen acts on `accepted`. Enter confirms, Esc cancels.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.arrivals import ArrivalLineView
from ui.arrivals.count_edit import CountEdit
from ui.arrivals.style import ARRIVALS_QSS
from ui.arrivals.words import zone_name

MAX_REASON = 200


def _spin(object_name: str, value: int) -> CountEdit:
    return CountEdit(value, object_name=object_name)


class _LineDialog(QDialog):
    def __init__(self, line: ArrivalLineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = line
        self.setModal(True)
        self.setStyleSheet(ARRIVALS_QSS)
        self.setMinimumWidth(680)
        self.title = QLabel(objectName="dialogTitle")
        self.item = QLabel(objectName="scanItem", wordWrap=True)
        self.facts = QLabel(objectName="dialogHint", wordWrap=True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(28, 22, 28, 20)
        self.layout_.setSpacing(12)
        for widget in (self.title, self.item, self.facts):
            self.layout_.addWidget(widget)

    def _facts(self) -> str:
        line = self.line
        text = self.tr("{zone} · expected {expected} · counted {received}").format(
            zone=zone_name(line.storage), expected=line.qty_expected, received=line.qty_received)
        if line.qty_received_before:
            text += " · " + self.tr("earlier trucks brought {n}").format(n=line.qty_received_before)
        return text


class CountDialog(_LineDialog):
    """How many good pieces of this item came on this truck (replaces the scanned count)."""

    def __init__(self, line: ArrivalLineView, parent: QWidget | None = None) -> None:
        super().__init__(line, parent)
        self.setObjectName("countDialog")
        self.spin = _spin("countSpin", line.qty_received)
        self.all_here = QPushButton(objectName="allHereButton")
        self.all_here.setAutoDefault(False)
        self.all_here.clicked.connect(self._fill_expected)
        row = QHBoxLayout()
        row.addWidget(self.spin)
        row.addWidget(self.all_here)
        row.addStretch(1)
        self.hint = QLabel(objectName="dialogHint", wordWrap=True)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.hint)
        self.layout_.addWidget(self.buttons)
        self.retranslate_ui()
        self.spin.setFocus()
        self.spin.selectAll()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Count"))
        self.title.setText(self.tr("How many good pieces came?"))
        self.item.setText(self.line.name)
        self.facts.setText(self._facts())
        self.all_here.setText(self.tr("All here: {n}").format(n=self._expected_good()))
        self.hint.setText(self.tr("Type the number and press Enter. Damaged or missing pieces: F7 on the line."))

    def _expected_good(self) -> int:
        return max(0, self.line.qty_expected - self.line.qty_damaged - self.line.qty_missing)

    def _fill_expected(self) -> None:
        self.spin.setValue(self._expected_good())
        self.spin.setFocus()

    def value(self) -> int:
        return self.spin.value()


class ProblemDialog(_LineDialog):
    """Damaged and missing pieces of one item, with the reason the platform's after-sale
    claim (售后) carries and, if the leader has one, a photo file of the damage."""

    def __init__(self, line: ArrivalLineView, parent: QWidget | None = None) -> None:
        super().__init__(line, parent)
        self.setObjectName("problemDialog")
        self.damaged = _spin("problemSpin", line.qty_damaged)
        self.missing = _spin("problemSpin", line.qty_missing)
        self.rest_missing = QPushButton(objectName="restMissingButton")
        self.rest_missing.setAutoDefault(False)
        self.rest_missing.clicked.connect(self._fill_missing)
        missing_row = QHBoxLayout()
        missing_row.addWidget(self.missing)
        missing_row.addWidget(self.rest_missing)
        missing_row.addStretch(1)
        self.reason = QComboBox(objectName="reasonBox")
        self.reason.setEditable(True)
        self.reason.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reason.lineEdit().setMaxLength(MAX_REASON)
        self.photo = QLineEdit(objectName="photoPath")
        self.photo.setText(line.photo_path or "")
        self.choose = QPushButton(objectName="choosePhoto")
        self.choose.setAutoDefault(False)
        self.choose.clicked.connect(self.choose_photo)
        self.remove = QPushButton(objectName="removePhoto")
        self.remove.setAutoDefault(False)
        self.remove.clicked.connect(self.photo.clear)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo, 1)
        photo_row.addWidget(self.choose)
        photo_row.addWidget(self.remove)
        self.form = QFormLayout()
        self.form.setSpacing(10)
        self.damaged_label, self.missing_label = QLabel(), QLabel()
        self.reason_label, self.photo_label = QLabel(), QLabel()
        self.form.addRow(self.damaged_label, self.damaged)
        self.form.addRow(self.missing_label, missing_row)
        self.form.addRow(self.reason_label, self.reason)
        self.form.addRow(self.photo_label, photo_row)
        self.problem = QLabel(objectName="allocProblem", wordWrap=True)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.problem)
        self.layout_.addWidget(self.buttons)
        self.file_dialog: QFileDialog | None = None
        for signal in (self.damaged.valueChanged, self.missing.valueChanged):
            signal.connect(self._update_ok)
        self.reason.currentTextChanged.connect(self._update_ok)
        self.photo.textChanged.connect(self._update_ok)
        self.retranslate_ui()
        self.reason.setEditText(line.reason)
        self._update_ok()
        self.damaged.setFocus()
        self.damaged.selectAll()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Damaged or missing"))
        self.title.setText(self.tr("Damaged or missing pieces"))
        self.item.setText(self.line.name)
        self.facts.setText(self._facts())
        self.damaged_label.setText(self.tr("Damaged"))
        self.missing_label.setText(self.tr("Missing"))
        self.reason_label.setText(self.tr("Reason"))
        self.photo_label.setText(self.tr("Photo"))
        self.rest_missing.setText(self.tr("The rest is missing: {n}").format(n=self._rest()))
        self.photo.setPlaceholderText(self.tr("optional: a photo file of the damage"))
        self.choose.setText(self.tr("Choose…"))
        self.remove.setText(self.tr("Remove"))
        text = self.reason.currentText()
        self.reason.clear()
        self.reason.addItems(self.presets())
        self.reason.setEditText(text)

    def presets(self) -> list[str]:
        return [
            self.tr("Box crushed"), self.tr("Package broken"), self.tr("Leaking"),
            self.tr("Spoiled"), self.tr("Not in the delivery"), self.tr("Wrong item sent"),
        ]

    def _rest(self) -> int:
        line = self.line
        return max(0, line.qty_expected - line.qty_received - self.damaged.value())

    def _fill_missing(self) -> None:
        self.missing.setValue(self._rest())
        self.missing.setFocus()

    def _update_ok(self) -> None:
        problem = ""
        if (self.damaged.value() or self.missing.value()) and not self.reason_text():
            problem = self.tr("Give a reason: it goes with the claim to the platform.")
        path = self.photo_path()
        if path is not None and not Path(path).is_file():
            problem = self.tr("There is no photo file at that place.")
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        self.rest_missing.setText(self.tr("The rest is missing: {n}").format(n=self._rest()))

    def choose_photo(self) -> None:
        """Pick a photo file (a phone's picture copied to the PC, or a webcam shot)."""
        dialog = QFileDialog(self, self.tr("Choose a photo of the damage"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Pictures (*.jpg *.jpeg *.png *.heic *.webp *.bmp)"))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        start = Path(self.photo.text()).parent if self.photo.text() else Path.home()
        dialog.setDirectory(str(start))
        dialog.fileSelected.connect(self.photo.setText)
        self.file_dialog = dialog
        dialog.open()

    # --- what the screen reads -----------------------------------------------------------

    def reason_text(self) -> str:
        return self.reason.currentText().strip()

    def photo_path(self) -> str | None:
        text = self.photo.text().strip()
        return text or None

    def photo_removed(self) -> bool:
        return bool(self.line.photo_path) and self.photo_path() is None
