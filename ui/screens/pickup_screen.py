"""提货 Pickup (F2): verify a customer's code and hand the bag over, for a queue at 5 pm.

Codes come from the USB scanner (whatever has focus), the entry box (8-digit pickup code or
the last 4 digits of the phone) or the camera. The verdict shows big and in colour; then
the keyboard does the rest:

    Enter  hand out everything still to collect      F7  partial: set the quantities
    F8     collected for someone (代取), with a note  F9  undo the last hand-out (reason)
    Esc    clear                                     scan the bag label: check the bag, hand out

Tabs list today's pickups (with undo), uncollected orders (滞留, with a reminder to copy
into the WeChat group) and a batch mode for someone collecting for several households.
Every service call runs off the GUI thread; widgets live in ui/pickup/.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.actors import Actor
from app.bootstrap import AppContext
from app.errors import UserFacingError
from app.pickups import (
    HandoutResult,
    PickupRecord,
    PickupRefused,
    UndoResult,
    Verdict,
    VerdictState,
    route_input,
)
from ui.pickup.batch_panel import BatchPanel
from ui.pickup.camera_bridge import camera_choice
from ui.pickup.camera_preview import CameraPreview
from ui.pickup.dialogs import ProxyNoteDialog, UndoReasonDialog
from ui.pickup.entry import CodeEntry
from ui.pickup.formatting import local_time
from ui.pickup.refcount_guard import guard_singletons
from ui.pickup.services import pickup_service
from ui.pickup.style import PICKUP_QSS
from ui.pickup.today_list import TodayPickupsPanel
from ui.pickup.verdict_panel import VerdictPanel
from ui.pickup.waiting_list import WaitingOrdersPanel
from ui.screens.base import INFO, WARNING, Screen
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

# Refusals that leave the verdict as it was (the order itself did not change).
KEEP_VERDICT = frozenset({"wrong_bag", "not_a_bag_label", "nothing", "note_too_long", "permission"})


class PickupScreen(Screen):
    screen_id = "pickup"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        guard_singletons()  # the live preview would otherwise crash this PySide6 on Python 3.11
        self.service = pickup_service(ctx)
        self.setStyleSheet(PICKUP_QSS)
        self._seq = 0  # only the answer to the latest question is shown
        self.busy = False  # a hand-out or undo is being saved
        self.last_pickup: HandoutResult | None = None
        self.dialog: QDialog | None = None
        self.beep = QApplication.beep  # a read, a refusal (tests listen here)

        self._title = QLabel(objectName="screenTitle")
        self.entry = CodeEntry()
        self.entry.submitted.connect(self._entry_submitted)
        self.verify_button = QPushButton(objectName="verifyButton")
        self.verify_button.setAutoDefault(False)
        self.verify_button.clicked.connect(lambda: self._entry_submitted(self.entry.text()))
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(self._title)
        top.addWidget(self.entry, 1)
        top.addWidget(self.verify_button)

        self.panel = VerdictPanel(ctx.calendar, ctx.clock)
        self.panel.choice_made.connect(self._choice_made)
        self.preview = CameraPreview()
        self.preview.read.connect(self._camera_read)
        self.panel.add_side_widget(self.preview)
        self.camera = self.preview.bridge
        self.verify_page = QWidget(objectName="verifyPage")
        verify_layout = QHBoxLayout(self.verify_page)
        verify_layout.setContentsMargins(4, 8, 4, 4)
        verify_layout.setSpacing(14)
        verify_layout.addWidget(self.panel, 1)

        self.today = TodayPickupsPanel(ctx.calendar, ctx.clock)
        self.today.refresh_requested.connect(self.refresh_lists)
        self.today.undo_requested.connect(self._undo_record)
        self.waiting = WaitingOrdersPanel(self.service, self.run, ctx.calendar)
        self.waiting.open_requested.connect(lambda order_id: self.open_order(order_id, "manual"))
        self.waiting.copied.connect(self._reminder_copied)
        self.waiting.loaded.connect(self._update_tab_titles)
        self.batch = BatchPanel(self.service, self.run, lambda: self.actor)
        self.batch.handed_out.connect(lambda _n: self.refresh_lists())
        self.batch.message.connect(self.show_notice)
        self.tabs = QTabWidget(objectName="pickupTabs")
        for page in (self.verify_page, self.today, self.waiting, self.batch):
            self.tabs.addTab(page, "")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.shortcuts = {
            key: self._shortcut(key, slot)
            for key, slot in (("F7", self.partial), ("F8", self.proxy_pickup), ("F9", self.undo_last),
                              ("Esc", self.clear_verdict))
        }
        self.retranslate_ui()

    def _shortcut(self, key: str, slot: Callable[[], None]) -> QShortcut:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    # --- Screen --------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Pickup")

    def activated(self) -> None:
        self.refresh_lists()
        self.entry.setFocus()

    def handle_scan(self, text: str) -> None:
        """A scanner burst (or a camera read): a bag label checks the bag on show and hands it
        out; in the batch tab a code joins the list; anything else is verified."""
        if self.dialog is not None:
            return
        if self.tabs.currentWidget() is self.batch:
            self.batch.add_code(text)
            return
        if route_input(text).kind == "bag" and self.panel.can_hand_out:
            self.hand_out(bag_text=text)
            return
        self.verify(text)

    # --- verify --------------------------------------------------------------------------

    def verify(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        self.tabs.setCurrentWidget(self.verify_page)
        seq = self._next_seq()
        service = self.service
        self.run(lambda: service.verify(text), lambda v: self._show_verdict(v, seq),
                 pool="read", context="verifying a pickup code")

    def open_order(self, order_id: int, method: str, alarm: UserFacingError | None = None) -> None:
        """Show one order's verdict (picked from a list, or again after a refusal)."""
        self.tabs.setCurrentWidget(self.verify_page)
        seq = self._next_seq()
        service = self.service
        self.run(lambda: service.verdict_for_order(order_id, method),
                 lambda v: self._show_verdict(v, seq, alarm), pool="read", context="opening an order")

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def _show_verdict(self, verdict: Verdict, seq: int, alarm: UserFacingError | None = None) -> None:
        if seq != self._seq:
            return  # a newer scan has been asked about meanwhile
        self.panel.show_verdict(verdict)
        if alarm is not None:
            self.panel.show_alarm(alarm.message)
        if verdict.state == VerdictState.CHOICE:
            self.panel.choice_list.setFocus()
        else:
            self.entry.setFocus()

    def _choice_made(self, order_id: int) -> None:
        verdict = self.panel.verdict
        method = verdict.method if verdict is not None and verdict.method else "phone"
        self.open_order(order_id, method)

    def _entry_submitted(self, text: str) -> None:
        self.entry.clear()
        if text.strip() and self.tabs.currentWidget() is self.batch:
            self.batch.add_code(text)
        elif text.strip():
            self.verify(text)
        elif self.tabs.currentWidget() is self.verify_page:
            self._enter()

    def _enter(self) -> None:
        if self.panel.verdict is not None and self.panel.verdict.state == VerdictState.CHOICE:
            self.panel.choice_list.choose_current()
        elif self.panel.can_hand_out:
            self.hand_out()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Enter that no child kept (a quantity box, a button): hand out what is shown.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.tabs.currentWidget() is self.verify_page:
            self._enter()
            event.accept()
            return
        super().keyPressEvent(event)

    def clear_verdict(self) -> None:
        if self.dialog is not None:
            return
        self._next_seq()
        self.panel.show_idle()
        self.entry.clear()
        self.tabs.setCurrentWidget(self.verify_page)
        self.entry.setFocus()

    # --- hand out --------------------------------------------------------------------------

    def partial(self) -> None:
        """F7: the cursor goes to the quantities; lower them, then Enter."""
        if not self.panel.can_hand_out or not self.panel.line_editor.focus_first():
            self.show_notice(self.tr("Scan a pickup code first: there is nothing to hand out."), WARNING)

    def proxy_pickup(self) -> None:
        """F8: a neighbour collects for the customer; the note says who."""
        verdict = self.panel.verdict
        if not self.panel.can_hand_out or verdict is None:
            self.show_notice(self.tr("Scan a pickup code first: there is nothing to hand out."), WARNING)
            return
        about = self.tr("{0} · phone ending {1} · {2} item(s)").format(
            verdict.customer, verdict.phone_tail, self.panel.line_editor.pieces())
        dialog = ProxyNoteDialog(about, self)
        dialog.accepted.connect(lambda: self.hand_out(proxy_note=dialog.text()))
        self._open_dialog(dialog)

    def hand_out(self, *, bag_text: str | None = None, proxy_note: str | None = None) -> None:
        """Hand out what the verdict shows (all that is left, or the quantities set with F7)."""
        verdict = self.panel.verdict
        if self.busy or not self.panel.can_hand_out or verdict is None or verdict.order_id is None:
            return
        editor = self.panel.line_editor
        lines = None if editor.is_everything() else editor.quantities()
        if lines == {}:
            self.show_notice(self.tr("Every quantity is 0: nothing to hand out."), WARNING)
            return
        self.busy = True
        order_id, method, service, actor = verdict.order_id, verdict.method or "manual", self.service, self.actor
        run_in_background(
            lambda: service.hand_out(order_id, lines, actor=actor, method=method,
                                     proxy_note=proxy_note, bag_id_scanned=bag_text),
            self._handed_out,
            lambda exc: self._hand_out_refused(exc, order_id, method),
            "db",
            owner=self,
        )

    def _handed_out(self, result: HandoutResult) -> None:
        self.busy = False
        self._next_seq()
        self.last_pickup = result
        self.panel.show_handout(result)
        self.entry.setFocus()
        self.refresh_lists()

    def _hand_out_refused(self, exc: BaseException, order_id: int, method: str) -> None:
        self.busy = False
        self.show_error(exc, "handing out a pickup")
        if not isinstance(exc, UserFacingError):
            return
        self.beep()
        reason = exc.reason if isinstance(exc, PickupRefused) else exc.code
        if reason in KEEP_VERDICT:
            self.panel.show_alarm(exc.message)
        else:  # the order changed (a double scan, a sync): show it as it is now
            self.open_order(order_id, method, alarm=exc)

    # --- undo ----------------------------------------------------------------------------

    def undo_last(self) -> None:
        """F9: take back the last hand-out (this screen's, else today's newest)."""
        if self.dialog is not None or self.busy:
            return
        last = self.last_pickup
        if last is not None:
            about = self.tr("{0} · {1} item(s) · handed out at {2}").format(
                last.customer, last.items, local_time(self.ctx.calendar, last.at))
            self._ask_undo(last.pickup_id, about)
            return
        self.run(self.service.todays_pickups, self._undo_newest, pool="read", context="finding the last pickup")

    def _undo_newest(self, records: list[PickupRecord]) -> None:
        self.today.set_records(records)
        record = next((r for r in records if not r.undone), None)
        if record is None:
            self.show_notice(self.tr("No pickup today to undo."), INFO)
            return
        self._undo_record(record)

    def _undo_record(self, record: PickupRecord) -> None:
        if self.dialog is not None or self.busy:
            return
        about = self.tr("{0} · {1} item(s) · handed out at {2}").format(
            record.customer, record.items, local_time(self.ctx.calendar, record.at))
        self._ask_undo(record.pickup_id, about)

    def _ask_undo(self, pickup_id: int, about: str) -> None:
        dialog = UndoReasonDialog(about, self)
        dialog.accepted.connect(lambda: self._undo(pickup_id, dialog.text()))
        self._open_dialog(dialog)

    def _undo(self, pickup_id: int, reason: str) -> None:
        self.busy = True
        service, actor = self.service, self.actor

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.show_error(exc, "undoing a pickup")

        run_in_background(lambda: service.undo(pickup_id, actor=actor, reason=reason),
                          self._undone, failed, "db", owner=self)

    def _undone(self, result: UndoResult) -> None:
        self.busy = False
        if self.last_pickup is not None and self.last_pickup.pickup_id == result.pickup_id:
            self.last_pickup = None
        self._next_seq()
        self.tabs.setCurrentWidget(self.verify_page)
        self.panel.show_undo(result)
        self.show_notice(result.message.for_lang(self.lang), INFO)
        self.refresh_lists()

    def _open_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        self.dialog = None
        self.entry.setFocus()

    # --- lists ---------------------------------------------------------------------------

    def refresh_lists(self) -> None:
        self.run(self.service.todays_pickups, self._today_loaded, pool="read", context="loading today's pickups")
        self.waiting.refresh()

    def _today_loaded(self, records: list[PickupRecord]) -> None:
        self.today.set_records(records)
        self._update_tab_titles()

    def _reminder_copied(self, count: int) -> None:
        self.show_notice(self.tr("Reminder for {0} order(s) copied: paste it into the WeChat group.").format(count),
                         INFO)

    def _update_tab_titles(self) -> None:
        today = sum(1 for r in self.today.records if not r.undone)
        self.tabs.setTabText(0, self.tr("Verify pickup"))
        self.tabs.setTabText(1, self.tr("Today ({0})").format(today))
        self.tabs.setTabText(2, self.tr("Uncollected ({0})").format(len(self.waiting.orders)))
        self.tabs.setTabText(3, self.tr("Batch"))

    # --- camera: on while the screen is in front ------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self.camera.running:
            self.preview.start(camera_choice(self.ctx.settings))

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self.preview.stop()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.camera.shutdown()
        super().closeEvent(event)

    def _camera_read(self, text: str) -> None:
        self.beep()
        self.handle_scan(text)

    # --- texts ---------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self._title.setText(self.title())
        self.entry.setPlaceholderText(self.tr("Scan, or type the pickup code / phone ending, then Enter"))
        self.verify_button.setText(self.tr("Verify"))
        self._update_tab_titles()
