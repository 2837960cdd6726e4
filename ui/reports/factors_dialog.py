"""调整备货系数: the owner sees what the shop's own sales say about each weekday, and may set
their own factor, the holiday-eve bump, which days are holiday eves, and how many days an
order should last."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.reports import ReorderOptions
from app.reports.holidays import builtin_eves
from app.reports.reorder import as_decimal
from app.reports.words import WEEKDAYS
from ui.i18n import current_language
from ui.reports.period_chooser import from_qdate, to_qdate

DIALOG_QSS = """
QLabel { font-size: 14pt; }
#dialogTitle { font-size: 22pt; font-weight: bold; }
#learnt { color: #555555; }
QDoubleSpinBox, QSpinBox { font-size: 15pt; min-height: 38px; max-width: 120px; }
QCheckBox { font-size: 13pt; }
QListWidget { font-size: 14pt; }
QPushButton { font-size: 15pt; min-height: 42px; }
QDateEdit { font-size: 15pt; min-height: 38px; }
"""


def to_fraction(value: float) -> Fraction:
    """A spin box's two-decimal value as an exact fraction (1.75 -> 7/4)."""
    return Fraction(Decimal(f"{value:.2f}"))


class ReorderFactorsDialog(QDialog):
    def __init__(self, options: ReorderOptions, learnt: tuple[Fraction, ...], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("factorsDialog")
        self.setStyleSheet(DIALOG_QSS)
        self.today = today
        self.learnt = learnt
        self._added = list(options.added_eves)
        lang = current_language()
        self.title = QLabel(objectName="dialogTitle")
        self.cover_label, self.weeks_label = QLabel(), QLabel()
        self.cover = QSpinBox(minimum=1, maximum=60, value=options.cover_days)
        self.weeks = QSpinBox(minimum=1, maximum=26, value=options.weeks)
        top = QHBoxLayout()
        for w in (self.cover_label, self.cover, self.weeks_label, self.weeks):
            top.addWidget(w)
        top.addStretch(1)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        self.row_learnt, self.row_mine = QLabel(), QLabel()
        grid.addWidget(self.row_learnt, 1, 0)
        grid.addWidget(self.row_mine, 2, 0)
        self.spins: list[QDoubleSpinBox] = []
        self.autos: list[QCheckBox] = []
        for w in range(7):
            grid.addWidget(QLabel(WEEKDAYS[w].for_lang(lang)), 0, w + 1,
                           alignment=Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(QLabel(str(as_decimal(learnt[w], 2)), objectName="learnt"), 1, w + 1,
                           alignment=Qt.AlignmentFlag.AlignCenter)
            spin = QDoubleSpinBox(minimum=0.0, maximum=10.0, singleStep=0.05, decimals=2)
            mine = options.weekday_factors[w]
            spin.setValue(float(mine if mine is not None else learnt[w]))
            auto = QCheckBox()
            auto.setChecked(mine is None)
            auto.toggled.connect(lambda on, s=spin, i=w: self._auto(s, i, on))
            spin.setEnabled(mine is not None)
            self.spins.append(spin)
            self.autos.append(auto)
            grid.addWidget(spin, 2, w + 1)
            grid.addWidget(auto, 3, w + 1, alignment=Qt.AlignmentFlag.AlignCenter)

        self.eve_label = QLabel()
        self.eve_factor = QDoubleSpinBox(minimum=0.0, maximum=10.0, singleStep=0.1, decimals=2)
        self.eve_factor.setValue(float(options.holiday_eve_factor))
        eve_row = QHBoxLayout()
        eve_row.addWidget(self.eve_label)
        eve_row.addWidget(self.eve_factor)
        eve_row.addStretch(1)
        self.eves_label = QLabel()
        self.eves = QListWidget()
        self.eves.setMaximumHeight(170)
        removed = set(options.removed_eves)
        for day, name in sorted(builtin_eves().items()):
            if today <= day <= today + timedelta(days=365):
                self._add_eve_item(day, name.for_lang(lang), checked=day not in removed)
        for day in self._added:
            self._add_eve_item(day, "", checked=True)
        self.new_eve = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.new_eve.setDate(to_qdate(today + timedelta(days=1)))
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self._add_eve)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_eve)
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)

        self.reset_button, self.cancel_button, self.save_button = (QPushButton() for _ in range(3))
        self.reset_button.clicked.connect(self._reset)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.accept)
        self.save_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addLayout(eve_row)
        layout.addWidget(self.eves_label)
        layout.addWidget(self.eves)
        layout.addLayout(add_row)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Reorder factors"))
        self.title.setText(self.tr("How busy each day is"))
        self.cover_label.setText(self.tr("Order for (days)"))
        self.weeks_label.setText(self.tr("Learn from (weeks)"))
        self.row_learnt.setText(self.tr("From sales"))
        self.row_mine.setText(self.tr("In use"))
        for auto in self.autos:
            auto.setText(self.tr("Auto"))
        self.eve_label.setText(self.tr("Holiday eve factor"))
        self.eves_label.setText(self.tr("Holiday eves (ticked ones count)"))
        self.add_button.setText(self.tr("Add a day"))
        self.reset_button.setText(self.tr("Defaults"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.save_button.setText(self.tr("Save"))

    def options(self) -> ReorderOptions:
        """The options as set in the dialog."""
        builtin = builtin_eves()
        removed, added = [], []
        for i in range(self.eves.count()):
            item = self.eves.item(i)
            day = _day(item)
            on = item.checkState() == Qt.CheckState.Checked
            if day in builtin and not on:
                removed.append(day)
            elif day not in builtin and on:
                added.append(day)
        return ReorderOptions(
            weeks=self.weeks.value(),
            cover_days=self.cover.value(),
            weekday_factors=tuple(None if self.autos[w].isChecked()
                                  else to_fraction(self.spins[w].value()) for w in range(7)),
            holiday_eve_factor=to_fraction(self.eve_factor.value()),
            added_eves=tuple(sorted(added)),
            removed_eves=tuple(sorted(removed)),
        )

    # --- inside ---------------------------------------------------------------------

    def _auto(self, spin: QDoubleSpinBox, weekday: int, on: bool) -> None:
        spin.setEnabled(not on)
        if on:
            spin.setValue(float(self.learnt[weekday]))

    def _add_eve_item(self, day: date, name: str, *, checked: bool) -> None:
        weekday = WEEKDAYS[day.weekday()].for_lang(current_language())
        item = QListWidgetItem(f"{day.isoformat()} {weekday}{'  ' + name if name else ''}")
        item.setData(Qt.ItemDataRole.UserRole, day.isoformat())
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.eves.addItem(item)

    def _add_eve(self) -> None:
        day = from_qdate(self.new_eve.date())
        for i in range(self.eves.count()):
            if _day(self.eves.item(i)) == day:
                self.eves.item(i).setCheckState(Qt.CheckState.Checked)
                return
        self._add_eve_item(day, "", checked=True)

    def _reset(self) -> None:
        default = ReorderOptions()
        self.cover.setValue(default.cover_days)
        self.weeks.setValue(default.weeks)
        for auto in self.autos:
            auto.setChecked(True)
        self.eve_factor.setValue(float(default.holiday_eve_factor))
        builtin = builtin_eves()
        for i in range(self.eves.count()):
            item = self.eves.item(i)
            on = _day(item) in builtin
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def _day(item: QListWidgetItem) -> date:
    return date.fromisoformat(str(item.data(Qt.ItemDataRole.UserRole)))
