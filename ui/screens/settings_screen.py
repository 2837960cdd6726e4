"""设置 Settings: the language (anyone), and for the owner: staff, backups and restore, and
the audit log.

The owner's tabs open for an owner at once. Anyone else sees what the tab is for and an
"Owner approves" button: the owner types their PIN on this screen (ui/approval_dialog.py)
and the tab opens for this visit, with the owner recorded as approver on every change. The
approval ends when the screen is left, when someone else signs in, or after a few minutes.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QThread, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.actors import CLERK, LEADER, OWNER, Actor
from app.audit_view import AuditEntry, AuditFilter, action_name
from app.backups import RESTORE_REQUEST, BackupInfo, BackupReport, RestoreRequest
from app.bootstrap import AppContext
from app.errors import UserFacingError
from app.permissions import action_label, check, may
from app.staff import StaffMember
from ui.approval_dialog import ask_approval
from ui.errors import error_text
from ui.i18n import apply_language, current_language
from ui.restore_dialog import describe_backup
from ui.screens.base import ERROR, INFO, WARNING, Screen
from ui.staff_chooser import PinEdit
from ui.status_bar import role_text
from ui.tasks import Pool, run_in_background

log = logging.getLogger(__name__)

# Each language is named in its own script, whatever the window's language is.
LANGUAGE_CHOICES = (("zh_CN", "简体中文"), ("en", "English"))
APPROVAL_MINUTES = 5
AUDIT_DAYS = 7  # the audit tab opens on the last week
TAB_STYLE = (
    "QTabBar::tab { font-size: 17pt; padding: 8px 22px; min-width: 90px; }"
    " QTabBar::tab:selected { font-weight: bold; background: #ffffff; border-bottom: 3px solid #ffc107; }"
    " QCheckBox, QLabel, QDateEdit { font-size: 16pt; }"
    " QCheckBox::indicator { width: 24px; height: 24px; }"
)


class SettingsScreen(Screen):
    screen_id = "settings"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.approvals: dict[str, Actor] = {}
        self._requests: dict[str, int] = {}
        self._approval_timer = QTimer(self, singleShot=True, interval=APPROVAL_MINUTES * 60_000)
        self._approval_timer.timeout.connect(self.end_approvals)
        self._title = QLabel(objectName="screenTitle")
        self.tabs = QTabWidget(objectName="settingsTabs")
        self.tabs.setStyleSheet(TAB_STYLE)
        self.general = QWidget()
        self._lang_box = QGroupBox(objectName="settingsGroup")
        self._lang_hint = QLabel(objectName="screenNote", wordWrap=True)
        self.language_buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        row = QHBoxLayout()
        for code, name in LANGUAGE_CHOICES:
            button = QPushButton(name, objectName="choiceButton", checkable=True)
            button.setMinimumWidth(220)
            button.clicked.connect(lambda _checked=False, c=code: self.choose_language(c))
            self._group.addButton(button)
            self.language_buttons[code] = button
            row.addWidget(button)
        row.addStretch(1)
        box_layout = QVBoxLayout(self._lang_box)
        box_layout.addWidget(self._lang_hint)
        box_layout.addLayout(row)
        general_layout = QVBoxLayout(self.general)
        general_layout.addWidget(self._lang_box)
        general_layout.addStretch(1)
        self.staff_section = StaffSection(self)
        self.backup_section = BackupSection(self)
        self.audit_section = AuditSection(self)
        self.gates = [
            OwnerGate(self, "staff.manage", self.staff_section),
            OwnerGate(self, "backup.restore", self.backup_section),
            OwnerGate(self, "audit.view", self.audit_section),
        ]
        self.tabs.addTab(self.general, "")
        for gate in self.gates:
            self.tabs.addTab(gate, "")
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(14)
        layout.addWidget(self._title)
        layout.addWidget(self.tabs, 1)
        self.retranslate_ui()
        self._show_checked()

    def title(self) -> str:
        return self.tr("Settings")

    def activated(self) -> None:
        self._show_checked()
        for gate in self.gates:
            gate.refresh(load=gate is self.tabs.currentWidget())

    def _tab_shown(self, index: int) -> None:
        gate = self.tabs.widget(index)
        if isinstance(gate, OwnerGate):
            gate.refresh(load=True)  # fresh figures each time a tab is opened

    def retranslate_ui(self) -> None:
        self._title.setText(self.title())
        self.tabs.setTabText(0, self.tr("General"))
        self.tabs.setTabText(1, self.tr("Staff"))
        self.tabs.setTabText(2, self.tr("Backups"))
        self.tabs.setTabText(3, self.tr("Audit log"))
        self._lang_box.setTitle(self.tr("Language"))
        self._lang_hint.setText(self.tr("The language of the window. It changes at once and is kept for the next start."))

    # --- who may use the owner's tabs ----------------------------------------------------

    def approver_for(self, action: str) -> Actor | None:
        return self.approvals.get(action)

    def allowed(self, action: str) -> bool:
        return may(self.actor, action) or action in self.approvals

    def ask_owner(self, action: str) -> bool:
        """Ask an owner to approve action on this screen; True when they did."""
        approver = ask_approval(self, self.ctx, action, self.actor)
        if approver is None:
            return False
        self.approvals[action] = approver
        self._approval_timer.start()
        self.show_notice(self.tr("Approved by %1.").replace("%1", approver.name), INFO)
        return True

    def end_approvals(self) -> None:
        if not self.approvals:
            return
        self.approvals.clear()
        for gate in self.gates:
            gate.refresh(load=False)

    def set_actor(self, actor: Actor) -> None:
        super().set_actor(actor)
        self.approvals.clear()
        for gate in self.gates:
            gate.refresh(load=self.isVisible() and gate is self.tabs.currentWidget())

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self.end_approvals()  # leaving the screen ends an approval given on it
        super().hideEvent(event)

    # --- helpers for the sections ---------------------------------------------------------

    def work(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None, *,
             pool: Pool = "db", latest: str = "") -> None:
        """Run fn off the GUI thread; a refusal meant for the person goes to the notice bar.

        With `latest`, only the newest request of that name shows its result: an older
        query that comes back later (the read pool has two threads) is dropped."""
        self._requests[latest] = ticket = self._requests.get(latest, 0) + 1

        def done(result: Any) -> None:
            if latest and self._requests.get(latest) != ticket:
                return
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserFacingError):
                self.show_notice(error_text(exc, self.lang), ERROR)
            else:
                self.show_error(exc)

        run_in_background(fn, done, failed, pool, owner=self)

    # --- language ------------------------------------------------------------------------

    def _show_checked(self) -> None:
        button = self.language_buttons.get(current_language())
        if button is not None:
            button.setChecked(True)

    def choose_language(self, lang: str) -> None:
        """Switch the whole window to lang now, and keep it for the next start."""
        settings = self.ctx.settings
        previous = settings.language
        settings.language = lang
        try:
            settings.save(self.ctx.data_dir)
        except OSError as exc:
            settings.language = previous
            log.error("settings could not be saved: %s", exc)
            self._show_checked()
            self.show_notice(
                self.tr("The setting could not be saved: the data folder cannot be written."),
                ERROR,
            )
            return
        if lang != current_language():
            apply_language(lang)
        self._show_checked()
        self.show_notice(self.tr("Language saved."), INFO)


class OwnerGate(QStackedWidget):
    """A tab for the owner: the section itself, or a note and the "Owner approves" button."""

    def __init__(self, screen: SettingsScreen, action: str, section: QWidget) -> None:
        super().__init__()
        self.screen = screen
        self.action = action
        self.section = section
        self.locked = QWidget(objectName="ownerGate")
        self._note = QLabel(objectName="screenNote", wordWrap=True)
        self.approve_button = QPushButton()
        self.approve_button.clicked.connect(self.ask)
        locked_layout = QVBoxLayout(self.locked)
        locked_layout.addWidget(self._note)
        row = QHBoxLayout()
        row.addWidget(self.approve_button)
        row.addStretch(1)
        locked_layout.addLayout(row)
        locked_layout.addStretch(1)
        self.addWidget(self.locked)
        self.addWidget(section)
        self.retranslate_ui()
        self.refresh(load=False)

    @property
    def is_open(self) -> bool:
        return self.currentWidget() is self.section

    def refresh(self, *, load: bool = True) -> None:
        """Open or close the tab for the person on duty; load its data when it opens."""
        was_open = self.is_open
        self.setCurrentWidget(self.section if self.screen.allowed(self.action) else self.locked)
        if self.is_open and load:
            self.section.refresh()  # type: ignore[attr-defined]
        elif not self.is_open and was_open:
            self.section.forget()  # type: ignore[attr-defined]

    def ask(self) -> None:
        if self.screen.ask_owner(self.action):
            self.refresh()

    def retranslate_ui(self) -> None:
        label = action_label(self.action, current_language())
        self._note.setText(self.tr("Only the owner can use this part (%1). The owner can approve it "
                                   "here with their PIN.").replace("%1", label))
        self.approve_button.setText(self.tr("Owner approves"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _table(headers: int) -> QTableWidget:
    table = QTableWidget(0, headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _cell(text: str) -> QTableWidgetItem:
    return QTableWidgetItem(text)


class StaffSection(QWidget):
    """Add staff, set roles, reset a PIN, unlock, deactivate. Never delete."""

    def __init__(self, screen: SettingsScreen) -> None:
        super().__init__()
        self.screen = screen
        self.members: list[StaffMember] = []
        self.table = _table(5)
        self.table.itemSelectionChanged.connect(self._selected)
        self.staff_no = QLineEdit(objectName="staffNoEdit", maxLength=6)
        self.name = QLineEdit(objectName="staffNameEdit", maxLength=50)
        self.role_boxes = {role: QCheckBox() for role in (OWNER, CLERK, LEADER)}
        self.pin = PinEdit()
        self.form = QFormLayout()
        self._labels = [QLabel() for _ in range(4)]
        roles_row = QHBoxLayout()
        for box in self.role_boxes.values():
            roles_row.addWidget(box)
        roles_row.addStretch(1)
        self.form.addRow(self._labels[0], self.staff_no)
        self.form.addRow(self._labels[1], self.name)
        self.form.addRow(self._labels[2], roles_row)
        self.form.addRow(self._labels[3], self.pin)
        self.add_button = QPushButton(clicked=self.add)
        self.save_button = QPushButton(clicked=self.save)
        self.reset_pin_button = QPushButton(clicked=self.reset_pin)
        self.unlock_button = QPushButton(clicked=self.unlock)
        self.active_button = QPushButton(clicked=self.toggle_active)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.reset_pin_button, self.unlock_button,
                       self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self._hint = QLabel(objectName="screenSoon", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self._hint)
        self.retranslate_ui()

    def _call(self) -> dict[str, Actor | None]:
        return {"actor": self.screen.actor, "approver": self.screen.approver_for("staff.manage")}

    def refresh(self) -> None:
        self.screen.work(self.screen.ctx.staff.roster, self.show_members, pool="read", latest="roster")

    def forget(self) -> None:
        self.members = []
        self.table.setRowCount(0)
        self.pin.clear()

    def show_members(self, members: list[StaffMember]) -> None:
        self.members = members
        lang = current_language()
        self.table.setRowCount(len(members))
        for row, m in enumerate(members):
            actor = Actor(m.staff_id, "", m.staff_no, m.name, m.roles)
            state = self.tr("active") if m.active else self.tr("deactivated")
            if m.locked_until is not None:
                state += " · " + self.tr("locked")
            values = (m.staff_no, m.name, role_text(actor, lang), state,
                      self.tr("set") if m.has_pin else self.tr("none"))
            for col, text in enumerate(values):
                self.table.setItem(row, col, _cell(text))
        self._selected()  # the buttons follow the chosen person's new state

    def chosen(self) -> StaffMember | None:
        row = self.table.currentRow()
        return self.members[row] if 0 <= row < len(self.members) else None

    def _selected(self) -> None:
        m = self.chosen()
        if m is None:
            return
        self.staff_no.setText(m.staff_no)
        self.name.setText(m.name)
        for role, box in self.role_boxes.items():
            box.setChecked(role in m.roles)
        self.active_button.setText(self.tr("Deactivate") if m.active else self.tr("Reactivate"))

    def _roles(self) -> list[str]:
        return [role for role, box in self.role_boxes.items() if box.isChecked()]

    def _done(self, text: str) -> Callable[[StaffMember], None]:
        def done(member: StaffMember) -> None:
            self.pin.clear()
            self.screen.show_notice(text.replace("%1", member.name), INFO)
            self.refresh()
        return done

    def add(self) -> None:
        staff, call = self.screen.ctx.staff, self._call()
        no, name, roles, pin = self.staff_no.text(), self.name.text(), self._roles(), self.pin.pin()
        self.screen.work(lambda: staff.add_staff(**call, staff_no=no, name=name, roles=roles, pin=pin),
                         self._done(self.tr("%1 was added.")))

    def save(self) -> None:
        staff, call = self.screen.ctx.staff, self._call()
        no, name, roles = self.staff_no.text(), self.name.text(), self._roles()

        def both() -> StaffMember:
            staff.set_name(**call, staff_no=no, name=name)
            return staff.set_roles(**call, staff_no=no, roles=roles)

        self.screen.work(both, self._done(self.tr("%1: name and roles saved.")))

    def reset_pin(self) -> None:
        staff, call = self.screen.ctx.staff, self._call()
        no, pin = self.staff_no.text(), self.pin.pin()
        if not pin:
            self.screen.show_notice(self.tr("Type the new PIN in the PIN field first."), WARNING)
            return
        self.screen.work(lambda: staff.reset_pin(**call, staff_no=no, new_pin=pin),
                         self._done(self.tr("%1 has a new PIN.")))

    def unlock(self) -> None:
        staff, call, no = self.screen.ctx.staff, self._call(), self.staff_no.text()
        self.screen.work(lambda: staff.unlock(**call, staff_no=no), self._done(self.tr("%1 is unlocked.")))

    def toggle_active(self) -> None:
        m = self.chosen()
        if m is None:
            return
        staff, call = self.screen.ctx.staff, self._call()
        if m.active:
            self.screen.work(lambda: staff.deactivate(**call, staff_no=m.staff_no),
                             self._done(self.tr("%1 is deactivated (kept in the records).")))
        else:
            self.screen.work(lambda: staff.reactivate(**call, staff_no=m.staff_no),
                             self._done(self.tr("%1 is active again.")))

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Staff no."), self.tr("Name"), self.tr("Roles"), self.tr("State"), self.tr("PIN")])
        for label, text in zip(self._labels, (self.tr("Staff no."), self.tr("Name"), self.tr("Roles"),
                                              self.tr("PIN")), strict=True):
            label.setText(text)
        self.role_boxes[OWNER].setText(self.tr("Owner"))
        self.role_boxes[CLERK].setText(self.tr("Clerk"))
        self.role_boxes[LEADER].setText(self.tr("Group leader"))
        self.add_button.setText(self.tr("Add"))
        self.save_button.setText(self.tr("Save name and roles"))
        self.reset_pin_button.setText(self.tr("Reset PIN"))
        self.unlock_button.setText(self.tr("Unlock"))
        self.active_button.setText(self.tr("Deactivate"))
        self._hint.setText(self.tr("Staff are never deleted: their sales keep their name. A PIN is 4 to 6 "
                                   "digits; 1111 or 1234 are refused."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class BackupSection(QWidget):
    """The backups on this computer and the second folder; back up now; restore one."""

    def __init__(self, screen: SettingsScreen) -> None:
        super().__init__()
        self.screen = screen
        self.infos: list[BackupInfo] = []
        self.list = QListWidget(objectName="backupList")
        self.backup_button = QPushButton(clicked=self.back_up_now)
        self.restore_button = QPushButton(clicked=self.restore_chosen)
        self.extra = QLineEdit(objectName="extraFolderEdit")
        self.choose_button = QPushButton(clicked=self.choose_folder)
        self.save_button = QPushButton(clicked=self.save_folder)
        self._extra_label = QLabel()
        self._hint = QLabel(objectName="screenSoon", wordWrap=True)
        self.confirm: Callable[[str], bool] = self._ask_yes_no
        self.pick_folder: Callable[[], str] = self._pick_folder
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        extra_row = QHBoxLayout()
        extra_row.addWidget(self._extra_label)
        extra_row.addWidget(self.extra, 1)
        extra_row.addWidget(self.choose_button)
        extra_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(extra_row)
        layout.addWidget(self._hint)
        self.retranslate_ui()

    def refresh(self) -> None:
        self.extra.setText(self.screen.ctx.settings.backup_dir_extra)
        self.screen.work(self.screen.ctx.backups.list_backups, self.show_backups, pool="io", latest="backups")

    def forget(self) -> None:
        self.infos = []
        self.list.clear()

    def show_backups(self, infos: list[BackupInfo]) -> None:
        self.infos = infos
        self.list.clear()
        lang = current_language()
        for info in infos:
            self.list.addItem(QListWidgetItem(describe_backup(info, self.screen.ctx.backups, lang)))
        if infos:
            self.list.setCurrentRow(0)

    def back_up_now(self) -> None:
        backups, actor = self.screen.ctx.backups, self.screen.actor
        self.screen.work(lambda: backups.back_up_now(actor=actor), self._backed_up, pool="io")

    def _backed_up(self, report: BackupReport) -> None:
        lang = current_language()
        if report.warnings:
            self.screen.show_notice("\n".join(w.for_lang(lang) for w in report.warnings), WARNING)
        elif report.made:
            self.screen.show_notice(self.tr("Backup made: %1").replace("%1", report.made[0].name), INFO)
        self.refresh()

    def restore_chosen(self) -> None:
        """Ask to restore the chosen backup: the window closes, the restore runs, sign in again."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.infos):
            self.screen.show_notice(self.tr("Choose a backup first."), WARNING)
            return
        info = self.infos[row]
        approver = self.screen.approver_for("backup.restore")
        try:
            check(self.screen.actor, "backup.restore", approver=approver)
        except UserFacingError as exc:
            self.screen.show_notice(error_text(exc, current_language()), ERROR)
            return
        described = describe_backup(info, self.screen.ctx.backups, current_language())
        question = self.tr(
            "Restore the backup of %1?\n\nThe window closes, the current data is saved as a backup "
            "first, and everything recorded after that backup is set aside. Then sign in again."
        ).replace("%1", described)
        if not self.confirm(question):
            return
        self.screen.ctx.extras[RESTORE_REQUEST] = RestoreRequest(info.path, self.screen.actor, approver)
        log.info("restore of %s requested in Settings", info.name)
        app = QApplication.instance()
        # run_gui carries the restore out once its event loop returns. exit() with no loop
        # running (a test) would leave Qt half-closed, so only when one runs.
        if app is not None and QThread.currentThread().loopLevel() > 0:
            app.exit(0)

    def choose_folder(self) -> None:
        folder = self.pick_folder()
        if folder:
            self.extra.setText(folder)

    def save_folder(self) -> None:
        backups, actor = self.screen.ctx.backups, self.screen.actor
        approver = self.screen.approver_for("backup.restore")
        folder = self.extra.text()
        self.screen.work(lambda: backups.set_extra_folder(folder, actor=actor, approver=approver),
                         lambda _none: self.screen.show_notice(self.tr("Second backup folder saved."), INFO))

    def _ask_yes_no(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Restore a backup"), question)
        return answer == QMessageBox.StandardButton.Yes

    def _pick_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, self.tr("Second backup folder"))

    def retranslate_ui(self) -> None:
        self.backup_button.setText(self.tr("Back up now"))
        self.restore_button.setText(self.tr("Restore this backup…"))
        self._extra_label.setText(self.tr("Second folder (USB stick):"))
        self.choose_button.setText(self.tr("Choose…"))
        self.save_button.setText(self.tr("Save"))
        self._hint.setText(self.tr(
            "A backup is made every day when the app starts, kept for 7 days and then one a week for "
            "4 weeks, and copied to the second folder when it is there."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class AuditSection(QWidget):
    """Who did what: filter by day, action and staff member; export to CSV for Excel."""

    def __init__(self, screen: SettingsScreen) -> None:
        super().__init__()
        self.screen = screen
        self.entries: list[AuditEntry] = []
        today = QDate.currentDate()
        self.first_day = QDateEdit(today.addDays(-AUDIT_DAYS + 1), calendarPopup=True)
        self.last_day = QDateEdit(today, calendarPopup=True)
        for edit in (self.first_day, self.last_day):
            edit.setDisplayFormat("yyyy-MM-dd")
        self.action = QComboBox(objectName="auditAction")
        self.staff = QComboBox(objectName="auditStaff")
        for combo in (self.action, self.staff):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.search_button = QPushButton(clicked=self.search)
        self.export_button = QPushButton(clicked=self.export)
        self.table = _table(6)
        self.count = QLabel(objectName="screenSoon")
        self.save_path: Callable[[], str] = self._ask_path
        self._labels = [QLabel() for _ in range(4)]
        filters = QHBoxLayout()
        for label, widget in zip(self._labels, (self.first_day, self.last_day, self.action, self.staff),
                                 strict=True):
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addWidget(self.search_button)
        filters.addWidget(self.export_button)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.retranslate_ui()

    def _call(self) -> dict[str, Actor | None]:
        return {"actor": self.screen.actor, "approver": self.screen.approver_for("audit.view")}

    def refresh(self) -> None:
        ctx = self.screen.ctx
        today = ctx.calendar.business_day(ctx.clock.now())
        self.last_day.setDate(QDate(today.year, today.month, today.day))
        start = today - timedelta(days=AUDIT_DAYS - 1)
        self.first_day.setDate(QDate(start.year, start.month, start.day))
        self.screen.work(lambda: (ctx.audit.actions(), ctx.staff.roster()), self._fill_filters, pool="read",
                         latest="audit_filters")

    def forget(self) -> None:
        self.entries = []
        self.table.setRowCount(0)

    def _fill_filters(self, found: tuple[list[str], list[StaffMember]]) -> None:
        actions, members = found
        lang = current_language()
        self.action.clear()
        self.action.addItem(self.tr("All actions"), "")
        for code in actions:
            self.action.addItem(action_name(code, lang), code)
        self.staff.clear()
        self.staff.addItem(self.tr("All staff"), "")
        for m in members:
            self.staff.addItem(f"{m.staff_no} {m.name}", m.staff_no)
        self.search()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            first_day=self.first_day.date().toPython(),  # type: ignore[arg-type]
            last_day=self.last_day.date().toPython(),  # type: ignore[arg-type]
            action=self.action.currentData() or None,
            staff_no=self.staff.currentData() or None,
        )

    def search(self) -> None:
        audit, where, call = self.screen.ctx.audit, self.current_filter(), self._call()
        self.screen.work(lambda: audit.entries(where, **call), self.show_entries, pool="read", latest="audit")

    def show_entries(self, entries: list[AuditEntry]) -> None:
        self.entries = entries
        lang = current_language()
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            who = f"{e.staff_no} {e.staff_name}" if e.staff_no else ""
            approver = f"{e.approver_no} {e.approver_name}" if e.approver_no else ""
            detail = _detail(e)
            values = (f"{e.at:%Y-%m-%d %H:%M:%S}", action_name(e.action, lang), who, approver,
                      f"{e.entity} {e.entity_id}".strip(), detail)
            for col, text in enumerate(values):
                self.table.setItem(row, col, _cell(text))
        self.count.setText(self.tr("%1 entries (newest first)").replace("%1", str(len(entries))))

    def export(self) -> None:
        path = self.save_path()
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        audit, where, call, lang = self.screen.ctx.audit, self.current_filter(), self._call(), current_language()
        self.screen.work(
            lambda: audit.export_csv(path, where, **call, lang=lang),
            lambda n: self.screen.show_notice(
                self.tr("%1 entries exported to %2").replace("%1", str(n)).replace("%2", str(path)), INFO),
            pool="io",
        )

    def _ask_path(self) -> str:
        name = f"audit-{self.first_day.date().toString('yyyyMMdd')}-{self.last_day.date().toString('yyyyMMdd')}.csv"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export the audit log"), name, "CSV (*.csv)")
        return path

    def retranslate_ui(self) -> None:
        for label, text in zip(self._labels, (self.tr("From"), self.tr("to"), self.tr("Action"),
                                              self.tr("Staff")), strict=True):
            label.setText(text)
        self.search_button.setText(self.tr("Search"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Action"), self.tr("Staff"),
                                              self.tr("Approved by"), self.tr("Record"), self.tr("Details")])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _detail(entry: AuditEntry) -> str:
    """Before → after in one short line."""
    parts = []
    if entry.before:
        parts.append(", ".join(f"{k}={v}" for k, v in entry.before.items()))
    if entry.after:
        parts.append(", ".join(f"{k}={v}" for k, v in entry.after.items()))
    return " → ".join(parts)[:200]
