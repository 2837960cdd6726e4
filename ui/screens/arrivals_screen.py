"""到货分拣 Arrivals (F3): check the platform's delivery, share out what is short, sign off,
and print the picking documents — for a leader at 5 am with a pile of boxes.

    scan a box     counts one of that item (the band says which, and how many so far)
    Enter          type the count of the chosen line
    F7             damaged or missing pieces of the line, with a reason and a photo
    F8             who goes without (allocation rule, preview, shares by hand)
    F9             sign off with the staff member on duty
    F10            documents: totals list, picking list, labels (preview, print, save)

Counts are saved as they are made (a crash loses nothing); a second truck's check adds to
the first. Every service call runs off the GUI thread; widgets live in ui/arrivals/.
"""
from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.actors import Actor
from app.arrivals import (
    AllocationPlan,
    ArrivalLineView,
    ArrivalSheet,
    CampaignDelivery,
    PickingData,
    SignOffResult,
    load_picking_data,
)
from app.bootstrap import AppContext
from app.errors import UserFacingError
from ui.arrivals.allocation_panel import AllocationPanel
from ui.arrivals.documents_panel import DocumentSource, DocumentsPanel
from ui.arrivals.line_dialogs import CountDialog, ProblemDialog
from ui.arrivals.services import receiving_service
from ui.arrivals.sheet_table import ScanFeedback, SheetModel, SheetTable
from ui.arrivals.signoff import ResultPanel, SignOffDialog
from ui.arrivals.style import ARRIVALS_QSS
from ui.arrivals.words import local_time, pickup_day
from ui.errors import error_text
from ui.screens.base import INFO, WARNING, Screen
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

SHEET, ALLOCATION, RESULT, DOCUMENTS = range(4)


class ArrivalsScreen(Screen):
    screen_id = "arrivals"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.service = receiving_service(ctx)
        self.setStyleSheet(ARRIVALS_QSS)
        self.deliveries: list[CampaignDelivery] = []
        self.sheet: ArrivalSheet | None = None
        self.result: SignOffResult | None = None
        self.dialog: QDialog | None = None
        self.scans_pending = 0
        self._plan_seq = 0

        self._title = QLabel(objectName="screenTitle")
        self.delivery_box = QComboBox(objectName="deliveryCombo")
        self.delivery_box.currentIndexChanged.connect(self._delivery_chosen)
        self.open_button = QPushButton(objectName="primaryButton")
        self.open_button.setDefault(False)
        self.open_button.setAutoDefault(True)
        self.open_button.clicked.connect(self.open_selected)
        self.check_state = QLabel(objectName="checkState")
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self._title)
        top.addWidget(self.delivery_box, 1)
        top.addWidget(self.open_button)

        # 1 the check sheet
        self.feedback = ScanFeedback()
        self.model = SheetModel(self)
        self.table = SheetTable(self.model)
        self.table.line_activated.connect(self.type_count)
        self.summary = QLabel(objectName="sheetSummary", wordWrap=True)
        self.count_button = QPushButton(objectName="countButton")
        self.problem_button = QPushButton(objectName="problemButton")
        self.next_button = QPushButton(objectName="primaryButton")
        for button in (self.count_button, self.problem_button, self.next_button):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.count_button.clicked.connect(lambda: self.type_count(self.table.current_item_id()))
        self.problem_button.clicked.connect(self.enter_problem)
        self.next_button.clicked.connect(lambda: self.show_tab(ALLOCATION))
        sheet_page = QWidget(objectName="sheetPage")
        sheet_layout = QVBoxLayout(sheet_page)
        sheet_layout.setContentsMargins(4, 8, 4, 4)
        sheet_layout.setSpacing(8)
        sheet_layout.addWidget(self.feedback)
        sheet_layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.count_button)
        bottom.addWidget(self.problem_button)
        bottom.addWidget(self.next_button)
        sheet_layout.addLayout(bottom)

        # 2 allocation, 3 result, 4 documents
        self.allocation = AllocationPanel(ctx.calendar)
        self.allocation.rule_chosen.connect(self._rule_chosen)
        self.allocation.rest_missing_changed.connect(lambda _on: self.refresh_plan())
        self.allocation.sign_off_requested.connect(self.sign_off)
        self.result_panel = ResultPanel()
        self.result_panel.documents_requested.connect(lambda: self.show_tab(DOCUMENTS))
        self.documents = DocumentsPanel(ctx)
        self.documents.notice.connect(self.show_notice)

        self.tabs = QTabWidget(objectName="arrivalsTabs")
        for page in (sheet_page, self.allocation, self.result_panel, self.documents):
            self.tabs.addTab(page, "")
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 8)
        layout.setSpacing(6)
        self.tabs.setCornerWidget(self.check_state, Qt.Corner.TopRightCorner)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.shortcuts = {
            key: self._shortcut(key, slot)
            for key, slot in (("F7", self.enter_problem), ("F8", lambda: self.show_tab(ALLOCATION)),
                              ("F9", self.sign_off), ("F10", lambda: self.show_tab(DOCUMENTS)))
        }
        self.retranslate_ui()
        self._update_enabled()

    def _shortcut(self, key: str, slot: object) -> QShortcut:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    # --- Screen --------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Arrivals")

    def activated(self) -> None:
        if self.sheet is not None and not self.sheet.signed_off:
            self.table.setFocus()
            self.reload_sheet()
        else:
            self.open_button.setFocus()
        self.load_deliveries()

    def retranslate_ui(self) -> None:
        self._title.setText(self.title())
        self.tabs.setTabText(SHEET, self.tr("1 Check"))
        self.tabs.setTabText(ALLOCATION, self.tr("2 Shortages F8"))
        self.tabs.setTabText(RESULT, self.tr("3 Signed off"))
        self.tabs.setTabText(DOCUMENTS, self.tr("4 Documents F10"))
        self.count_button.setText(self.tr("Count (Enter)"))
        self.problem_button.setText(self.tr("Damaged/missing F7"))
        self.next_button.setText(self.tr("Shortages F8"))
        self._fill_deliveries()
        self._show_state()
        self._update_summary()
        if self.sheet is None:
            self.feedback.show_idle(self.tr("Choose today's delivery and press Enter to start checking."),
                                    self.tr("Then scan each box, or choose a line and type its count."))

    def keys_text(self) -> str:
        return self.tr("Scan each box · ↑↓ choose a line · Enter type its count · F7 damaged or "
                       "missing · F8 shortages · F9 sign off")

    def set_actor(self, actor: Actor) -> None:
        super().set_actor(actor)
        self._show_state()

    def handle_scan(self, text: str) -> None:
        """A box's barcode: one more good piece of that item on the open check."""
        if self.dialog is not None:
            return
        if self.sheet is None or self.sheet.signed_off:
            delivery = self.current_delivery()
            today = self.ctx.calendar.business_day(self.ctx.clock.now())
            # Scanning straight away starts today's check; after a sign-off, or for another
            # day's delivery, the leader chooses and presses Enter first.
            if (self.sheet is None and delivery is not None
                    and (delivery.open_arrival_id or delivery.pickup_date == today)):
                self.open_selected(then_scan=text)
                return
            self.feedback.show_refusal(self.tr("No delivery is being checked"),
                                       self.tr("Choose the delivery above and press Enter first."))
            self.show_notice(self.tr("No delivery is being checked: choose one first."), WARNING)
            return
        self._scan(text)

    # --- deliveries ----------------------------------------------------------------------

    def load_deliveries(self) -> None:
        self.run(self.service.campaigns_to_receive, self._deliveries_loaded, pool="read",
                 context="loading deliveries")

    def _deliveries_loaded(self, deliveries: list[CampaignDelivery]) -> None:
        previous = self.current_delivery()
        self.deliveries = list(deliveries)
        self._fill_deliveries(keep=previous.campaign_id if previous else None)
        delivery = self.current_delivery()
        if self.sheet is None and delivery is not None and delivery.open_arrival_id:
            self.reload_sheet(delivery.open_arrival_id)  # resume the check already started
        elif self.sheet is None:
            self.open_button.setFocus()

    def _fill_deliveries(self, keep: int | None = None) -> None:
        box = self.delivery_box
        box.blockSignals(True)
        try:
            if keep is None and box.currentData() is not None:
                keep = box.currentData()
            box.clear()
            now = self.ctx.clock.now()
            for d in self.deliveries:
                text = self.tr("{title} · pickup {day} · {n} orders waiting").format(
                    title=d.title, day=pickup_day(self.ctx.calendar, d.pickup_date, now), n=d.orders_waiting)
                if d.open_arrival_id:
                    text += " · " + self.tr("check started")
                if d.deliveries_signed:
                    text += " · " + self.tr("{n} trucks signed").format(n=d.deliveries_signed)
                box.addItem(text, d.campaign_id)
            if not self.deliveries:
                box.addItem(self.tr("No deliveries waiting"), None)
            index = box.findData(keep) if keep is not None else -1
            if index < 0:
                index = self._default_delivery()
            box.setCurrentIndex(max(0, index))
        finally:
            box.blockSignals(False)
        self._delivery_chosen()

    def _default_delivery(self) -> int:
        """An open check first, then today's delivery, then the earliest."""
        today = self.ctx.calendar.business_day(self.ctx.clock.now())
        for wanted in (lambda d: d.open_arrival_id, lambda d: d.pickup_date == today):
            for n, d in enumerate(self.deliveries):
                if wanted(d):
                    return n
        return 0

    def current_delivery(self) -> CampaignDelivery | None:
        campaign_id = self.delivery_box.currentData()
        return next((d for d in self.deliveries if d.campaign_id == campaign_id), None)

    def _delivery_chosen(self, _index: int = -1) -> None:
        delivery = self.current_delivery()
        resuming = delivery is not None and delivery.open_arrival_id
        self.open_button.setText(self.tr("Continue checking") if resuming else self.tr("Start checking"))
        self.open_button.setEnabled(delivery is not None)
        if delivery is not None and self.result is None and (
                self.sheet is None or self.sheet.campaign_id == delivery.campaign_id):
            self.documents.set_source(DocumentSource(delivery.campaign_id, delivery.title))
        self._update_enabled()

    # --- the check sheet -----------------------------------------------------------------

    def open_selected(self, _checked: bool = False, *, then_scan: str | None = None) -> None:
        delivery = self.current_delivery()
        if delivery is None:
            return
        actor = self.actor

        def opened(sheet: ArrivalSheet) -> None:
            self._sheet_loaded(sheet, fresh=True)
            self.load_deliveries()
            if then_scan:
                self._scan(then_scan)

        self.run(lambda: self.service.open_arrival(campaign_id=delivery.campaign_id, actor=actor),
                 opened, pool="db", context="opening a delivery check")

    def reload_sheet(self, arrival_id: int | None = None) -> None:
        target = arrival_id or (self.sheet.arrival_id if self.sheet else None)
        if target is None:
            return
        self.run(lambda: self.service.sheet(arrival_id=target), self._sheet_loaded, pool="db",
                 context="loading the delivery check")

    def _sheet_loaded(self, sheet: ArrivalSheet, fresh: bool = False) -> None:
        changed = self.sheet is None or self.sheet.arrival_id != sheet.arrival_id
        current = self.table.current_item_id()
        self.sheet = sheet
        if changed:
            self.result = None
            self.result_panel.result = None
            self.result_panel.retranslate_ui()
            self.allocation.manual = {}
            self.allocation.set_rule(sheet.allocation_rule)
            self.allocation.rest_missing.setChecked(False)
            self.allocation.show_plan(None)
            self.documents.set_source(DocumentSource(sheet.campaign_id, sheet.campaign_title))
            self.feedback.show_idle(sheet.campaign_title, self.keys_text())
        self.model.set_sheet(sheet)
        if current is not None and not changed:
            self.table.select_item(current)
        self._show_state()
        self._update_summary()
        self._update_enabled()
        if changed or fresh:
            self.show_tab(SHEET)
            self.table.setFocus()
        if self.tabs.currentIndex() == ALLOCATION:
            self.refresh_plan()

    def _line_changed(self, view: ArrivalLineView, detail: str) -> None:
        if self.sheet is None:
            return
        self.model.update_line(view)
        self.sheet = replace(self.sheet, lines=tuple(self.model.lines))
        self.table.select_item(view.campaign_item_id)
        self.feedback.show_line(view, detail)
        self._update_summary()

    def _scan(self, text: str) -> None:
        if self.sheet is None:
            return
        arrival_id, actor = self.sheet.arrival_id, self.actor
        self.scans_pending += 1
        run_in_background(
            lambda: self.service.scan(arrival_id=arrival_id, barcode=text, actor=actor),
            self._scanned, self._scan_failed, "db", owner=self,
        )

    def _scanned(self, view: ArrivalLineView) -> None:
        self.scans_pending -= 1
        if view.qty_over:
            detail = self.tr("+1 scanned · {n} more than the orders need").format(n=view.qty_over)
        elif view.qty_to_come:
            detail = self.tr("+1 scanned · {n} still to come").format(n=view.qty_to_come)
        else:
            detail = self.tr("+1 scanned · all here")
        self._line_changed(view, detail)

    def _scan_failed(self, exc: BaseException) -> None:
        self.scans_pending -= 1
        if isinstance(exc, UserFacingError):
            text = error_text(exc, self.lang)
            self.feedback.show_refusal(self.tr("Not counted"), text)
            self.show_notice(text, WARNING)
            if exc.code == "arrival_signed":
                self.reload_sheet()
            return
        self.show_error(exc, "counting a scanned box")

    def type_count(self, campaign_item_id: int | None) -> None:
        line = self._line(campaign_item_id)
        if line is None or self.dialog is not None:
            return
        dialog = CountDialog(line, self)
        self._open_dialog(dialog, lambda: self._save_counts(line, received=dialog.value()))

    def enter_problem(self) -> None:
        line = self._line(self.table.current_item_id())
        if line is None or self.dialog is not None:
            return
        dialog = ProblemDialog(line, self)
        self._open_dialog(dialog, lambda: self._save_counts(
            line, damaged=dialog.damaged.value(), missing=dialog.missing.value(),
            reason=dialog.reason_text(), photo_path=dialog.photo_path(),
            clear_photo=dialog.photo_removed()))

    def _line(self, campaign_item_id: int | None) -> ArrivalLineView | None:
        if self.sheet is None or campaign_item_id is None:
            return None
        if self.sheet.signed_off:
            self.show_notice(self.tr("This delivery is signed off; its counts cannot change."), WARNING)
            return None
        return next((line for line in self.model.lines if line.campaign_item_id == campaign_item_id), None)

    def _open_dialog(self, dialog: QDialog, on_accept: object) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.table.setFocus()

    def _save_counts(self, line: ArrivalLineView, **counts: object) -> None:
        if self.sheet is None:
            return
        arrival_id, item_id, actor = self.sheet.arrival_id, line.campaign_item_id, self.actor
        if "photo_path" in counts and counts["photo_path"] == line.photo_path:
            del counts["photo_path"]  # unchanged: the core checks a new file only

        def saved(view: ArrivalLineView) -> None:
            self._line_changed(view, self.tr("Saved"))

        self.run(lambda: self.service.set_counts(arrival_id=arrival_id, campaign_item_id=item_id,
                                                 actor=actor, **counts),  # type: ignore[arg-type]
                 saved, pool="db", context="saving counts")

    def _update_summary(self) -> None:
        lines = self.model.lines
        if not lines:
            self.summary.setText("")
            return
        expected = sum(line.qty_expected for line in lines)
        counted = sum(line.qty_received for line in lines)
        damaged = sum(line.qty_damaged for line in lines)
        missing = sum(line.qty_missing for line in lines)
        waiting = sum(1 for line in lines if line.qty_to_come)
        self.summary.setText(self.tr(
            "Counted {counted} / {expected} · damaged {damaged} · missing {missing} · "
            "{waiting} items to come").format(counted=counted, expected=expected,
                                               damaged=damaged, missing=missing, waiting=waiting))

    def _show_state(self) -> None:
        sheet = self.sheet
        if sheet is None:
            self.check_state.setText(self.tr("On duty: {name}").format(name=self.actor.name))
            return
        state = self.tr("signed off") if sheet.signed_off else self.tr("being checked")
        self.check_state.setText(self.tr("Truck {truck} · {at} · {state} · {name}").format(
            truck=sheet.truck_no, at=local_time(self.ctx.calendar, sheet.started_at), state=state,
            name=self.actor.name))

    # --- tabs ----------------------------------------------------------------------------

    def show_tab(self, index: int) -> None:
        if self.tabs.isTabEnabled(index):
            self.tabs.setCurrentIndex(index)
        elif index == ALLOCATION:
            self.show_notice(self.tr("Start checking a delivery first."), WARNING)

    def _tab_changed(self, index: int) -> None:
        if index == ALLOCATION:
            self.refresh_plan()
            self.allocation.tree.setFocus()
        elif index == SHEET:
            self.table.setFocus()

    def _update_enabled(self) -> None:
        open_check = self.sheet is not None and not self.sheet.signed_off
        self.tabs.setTabEnabled(ALLOCATION, open_check)
        self.tabs.setTabEnabled(RESULT, self.result is not None)
        for button in (self.count_button, self.problem_button, self.next_button):
            button.setEnabled(open_check)

    # --- allocation ----------------------------------------------------------------------

    def refresh_plan(self, then: object = None) -> None:
        """Ask the core who would go without now (after any count still being saved)."""
        if self.sheet is None or self.sheet.signed_off:
            self.allocation.show_plan(None)
            return
        self._plan_seq += 1
        seq = self._plan_seq
        arrival_id = self.sheet.arrival_id
        rule = self.allocation.rule
        rest_missing = self.allocation.rest_missing.isChecked()

        def loaded(plan: AllocationPlan) -> None:
            if seq == self._plan_seq:
                self.allocation.show_plan(plan)
                if callable(then):
                    then()

        # The "db" pool runs after the counts queued before it, so the plan includes them.
        self.run(lambda: self.service.preview_allocation(arrival_id=arrival_id, rule=rule,
                                                         rest_missing=rest_missing),
                 loaded, pool="db", context="previewing the shortage allocation")

    def _rule_chosen(self, rule: str) -> None:
        if self.sheet is None or self.sheet.signed_off:
            return
        arrival_id, actor = self.sheet.arrival_id, self.actor
        self.run(lambda: self.service.choose_rule(arrival_id=arrival_id, rule=rule, actor=actor),
                 None, pool="db", context="choosing the allocation rule")
        self.refresh_plan()

    # --- sign-off ------------------------------------------------------------------------

    def sign_off(self) -> None:
        """F9: confirm with the staff member on duty, then sign off in one transaction."""
        if self.dialog is not None:
            return
        if self.sheet is None or self.sheet.signed_off:
            self.show_notice(self.tr("There is no open delivery check to sign off."), WARNING)
            return
        self.refresh_plan(then=self._confirm_sign_off)

    def _confirm_sign_off(self) -> None:
        sheet = self.sheet
        if sheet is None or self.dialog is not None:
            return
        if not self.allocation.ready():
            self.show_tab(ALLOCATION)
            self.show_notice(self.tr("The shares typed by hand do not add up yet."), WARNING)
            return
        rule = self.allocation.rule
        rest_missing = self.allocation.rest_missing.isChecked()
        manual = self.allocation.manual_shares()
        dialog = SignOffDialog(sheet, self.allocation.plan, self.actor, rule=rule,
                               rest_missing=rest_missing, parent=self)
        actor = self.actor

        def confirmed() -> None:
            note = dialog.note_text()
            self.run(lambda: self.service.sign_off(arrival_id=sheet.arrival_id, actor=actor, rule=rule,
                                                   manual=manual, rest_missing=rest_missing, note=note),
                     self._signed, pool="db", context="signing off the delivery")

        self._open_dialog(dialog, confirmed)

    def _signed(self, result: SignOffResult) -> None:
        sheet = self.sheet
        self.result = result
        if sheet is not None:
            self.sheet = replace(sheet, signed_off=True)
        self.feedback.show_idle(self.tr("Signed off: {n} orders ready").format(n=len(result.ready_order_ids)),
                                self.tr("Print the picking documents with F10."))
        self.show_notice(self.tr("Delivery signed off: {ready} orders ready, {claims} claims for the platform.")
                         .format(ready=len(result.ready_order_ids), claims=len(result.claims)), INFO)
        title = sheet.campaign_title if sheet else ""
        truck = sheet.truck_no if sheet else None
        self.documents.set_source(DocumentSource(result.campaign_id, title, result.arrival_id, truck))
        self.result_panel.show_result(result, None)
        self._show_state()
        self._update_enabled()
        self.show_tab(RESULT)
        self.result_panel.print_button.setFocus()
        ctx = self.ctx
        self.run(lambda: load_picking_data(ctx.db, campaign_id=result.campaign_id, now=ctx.clock.now(),
                                           calendar=ctx.calendar, arrival_id=result.arrival_id),
                 self._result_data, pool="read", context="loading the bags of the delivery")
        self.load_deliveries()

    def _result_data(self, data: PickingData) -> None:
        if self.result is not None and data.campaign_id == self.result.campaign_id:
            self.result_panel.show_result(self.result, data)
