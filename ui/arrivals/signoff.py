"""Signing off a delivery: the confirmation with the staff member on duty, and the result —
orders ready, bags and shelf slots per storage zone, claims (售后) made for the platform.
"""
from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.actors import Actor
from app.arrivals import AllocationPlan, ArrivalSheet, PickingData, SignOffResult
from ui.arrivals.style import ARRIVALS_QSS
from ui.arrivals.words import (
    claim_kind_name,
    repolish,
    rule_name,
    slot_ranges,
    zone_name,
    zones_in_order,
)

MAX_NOTE = 200


class SignOffDialog(QDialog):
    """签收: who signs, what is signed, a note; Enter signs, Esc goes back."""

    def __init__(self, sheet: ArrivalSheet, plan: AllocationPlan | None, actor: Actor, *,
                 rule: str, rest_missing: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signOffDialog")
        self.setModal(True)
        self.setStyleSheet(ARRIVALS_QSS)
        self.setMinimumWidth(760)
        self.sheet, self.plan, self.actor = sheet, plan, actor
        self.rule, self.rest_missing = rule, rest_missing
        self.title = QLabel(objectName="dialogTitle")
        self.who = QLabel(objectName="scanItem", wordWrap=True)
        self.facts = QLabel(objectName="screenNote", wordWrap=True)
        self.warning = QLabel(objectName="allocProblem", wordWrap=True)
        self.note_label = QLabel(objectName="dialogHint")
        self.note = QLineEdit(objectName="signOffNote")
        self.note.setMaxLength(MAX_NOTE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 20)
        layout.setSpacing(12)
        for widget in (self.title, self.who, self.facts, self.warning, self.note_label, self.note,
                       self.buttons):
            layout.addWidget(widget)
        self.retranslate_ui()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()  # Enter signs

    def retranslate_ui(self) -> None:
        sheet = self.sheet
        self.setWindowTitle(self.tr("Sign off"))
        self.title.setText(self.tr("Sign off this delivery?"))
        self.who.setText(self.tr("Signed by {name} ({staff_no}), on duty").format(
            name=self.actor.name, staff_no=self.actor.staff_no))
        expected = sum(line.qty_expected for line in sheet.lines)
        counted = sum(line.qty_received for line in sheet.lines)
        damaged = sum(line.qty_damaged for line in sheet.lines)
        missing = sum(line.qty_missing for line in sheet.lines)
        to_come = [line for line in sheet.lines if line.qty_to_come]
        lines = [
            self.tr("{title} · truck {truck}").format(title=sheet.campaign_title, truck=sheet.truck_no),
            self.tr("Counted {counted} of {expected} pieces · damaged {damaged} · missing {missing}")
            .format(counted=counted, expected=expected, damaged=damaged, missing=missing),
        ]
        if self.plan is not None and self.plan.items:
            orders = {c.order_id for item in self.plan.items for c in item.shares}
            lines.append(self.tr("Shortage: {rule}").format(rule=rule_name(self.rule))
                         + (" · " + self.tr("{n} orders lose something").format(n=len(orders))
                            if self.rule != "manual" else ""))
        self.facts.setText("\n".join(lines))
        pieces = sum(line.qty_to_come for line in to_come)
        if to_come and self.rest_missing:
            self.warning.setText(self.tr("{n} pieces not counted will be declared missing and claimed.")
                                 .format(n=pieces))
        elif to_come:
            self.warning.setText(self.tr("{n} pieces of {items} items are still to come: orders that need "
                                         "them wait for the next truck.").format(n=pieces, items=len(to_come)))
        self.warning.setVisible(bool(to_come))
        self.note_label.setText(self.tr("Note (optional)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign off"))

    def note_text(self) -> str:
        return self.note.text().strip()


class _Tile(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.number = QLabel(objectName="tileNumber")
        self.caption = QLabel(objectName="tileCaption", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)


class ResultPanel(QScrollArea):
    """After the sign-off: what is ready, where the bags go, what was claimed."""

    documents_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(objectName="resultBody")
        self.setWidget(body)
        self.result: SignOffResult | None = None
        self.data: PickingData | None = None
        self.headline = QLabel(objectName="docSource", wordWrap=True)
        self.ready, self.waiting, self.claims_tile = _Tile(), _Tile(), _Tile()
        tiles = QHBoxLayout()
        tiles.setSpacing(14)
        for tile in (self.ready, self.waiting, self.claims_tile):
            tiles.addWidget(tile, 1)
        self.zones_title = QLabel(objectName="allocSummary")
        self.zones = QGridLayout()
        self.zones.setHorizontalSpacing(18)
        self.zones.setVerticalSpacing(6)
        self.claims_title = QLabel(objectName="allocSummary")
        self.claims = QLabel(objectName="claimLine", wordWrap=True)
        self.balances = QLabel(objectName="claimLine", wordWrap=True)
        self.empty = QLabel(objectName="emptyNote", wordWrap=True)
        self.print_button = QPushButton(objectName="primaryButton")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.documents_requested)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.print_button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.setSpacing(10)
        layout.addWidget(self.empty)
        layout.addWidget(self.headline)
        layout.addLayout(tiles)
        layout.addWidget(self.zones_title)
        layout.addLayout(self.zones)
        layout.addWidget(self.claims_title)
        layout.addWidget(self.claims)
        layout.addWidget(self.balances)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.zone_rows: list[tuple[QLabel, QLabel, QLabel]] = []
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_result(self, result: SignOffResult, data: PickingData | None) -> None:
        self.result, self.data = result, data
        self.retranslate_ui()

    def bags_by_zone(self) -> dict[str, list[int]]:
        """Bag numbers per storage zone among the orders this delivery made ready."""
        numbers: dict[str, list[int]] = defaultdict(list)
        for order in self.data.orders if self.data else ():
            slot = order.slot
            if slot is None:
                continue
            for bag in order.bags():
                numbers[bag.zone].append(slot.number)
        return dict(numbers)

    def retranslate_ui(self) -> None:
        result = self.result
        self.print_button.setText(self.tr("Print the documents (F10)"))
        shown = result is not None
        for widget in (self.headline, self.ready, self.waiting, self.claims_tile, self.zones_title,
                       self.claims_title, self.claims, self.balances, self.print_button):
            widget.setVisible(shown)
        self.empty.setVisible(not shown)
        self.empty.setText(self.tr("Sign off a delivery (F9) to see the orders it makes ready."))
        if result is None:
            return
        title = self.data.campaign_title if self.data else ""
        self.headline.setText(self.tr("{title}: signed off").format(title=title))
        self.ready.number.setText(str(len(result.ready_order_ids)))
        self.ready.caption.setText(self.tr("orders ready for pickup"))
        self.waiting.number.setText(str(result.orders_still_waiting))
        self.waiting.caption.setText(self.tr("orders still waiting for goods"))
        self.claims_tile.number.setText(str(len(result.claims)))
        self.claims_tile.caption.setText(self.tr("after-sale claims for the platform"))
        self._fill_zones()
        self.claims_title.setText(self.tr("After-sale claims"))
        if result.claims:
            self.claims.setText("\n".join(
                self.tr("{item} · {kind} {qty} · {reason}").format(
                    item=c.item_name, kind=claim_kind_name(c.kind), qty=c.qty, reason=c.reason or "—")
                + (" · " + self.tr("with photo") if c.photo_path else "")
                for c in result.claims))
        else:
            self.claims.setText(self.tr("None: nothing damaged or missing."))
        balances = [
            self.tr("{item}: {n} still to come").format(item=b.name, n=b.still_to_come)
            if b.still_to_come else
            self.tr("{item}: {n} more than the orders need").format(item=b.name, n=b.surplus)
            for b in result.balances
        ]
        self.balances.setText("\n".join(balances))
        self.balances.setVisible(bool(balances))

    def _fill_zones(self) -> None:
        for row in self.zone_rows:
            for label in row:
                self.zones.removeWidget(label)
                label.deleteLater()
        self.zone_rows = []
        self.zones_title.setText(self.tr("Bags and shelf slots"))
        by_zone = self.bags_by_zone()
        for n, zone in enumerate(zones_in_order(by_zone)):
            tag = QLabel(zone_name(zone), objectName="zoneTag")
            tag.setProperty("zone", zone)
            repolish(tag)
            tag.setAlignment(Qt.AlignmentFlag.AlignCenter)
            count = QLabel(self.tr("{n} bags").format(n=len(by_zone[zone])), objectName="zoneRow")
            slots = QLabel(slot_ranges(zone, by_zone[zone]), objectName="slotText")
            for col, label in enumerate((tag, count, slots)):
                self.zones.addWidget(label, n, col)
            self.zone_rows.append((tag, count, slots))
        if not by_zone:
            note = QLabel(self.tr("No bags: nothing to hand out yet."), objectName="zoneRow")
            self.zones.addWidget(note, 0, 0, 1, 3)
            self.zone_rows.append((note, note, note))
        self.zones.setColumnStretch(2, 1)
