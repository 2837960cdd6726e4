"""The answer to a scan, big and in colour: may this bag go out, whose is it, where is it.

Green: hand it out. Amber: careful (part collected, not arrived, scan again). Red: stop
(already picked up, cancelled, forged, another station's code, the wrong bag). Blue: a
question (which of these orders?) or a hint. The headline and detail come from the core in
both languages; the shelf slot is drawn huge, because the leader has to find the bag.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.clock import BusinessCalendar, Clock
from app.i18n import Text
from app.pickups import HandoutResult, PickupRecord, UndoResult, Verdict, VerdictState
from ui.i18n import current_language
from ui.pickup.choice_list import ChoiceList
from ui.pickup.formatting import (
    BAND_MARKS,
    IDLE,
    INFO,
    OK,
    band_tone,
    local_time,
    method_name,
    repolish,
    storage_text,
)
from ui.pickup.line_editor import HandOutLineEditor

PAGE_IDLE, PAGE_LINES, PAGE_CHOICES, PAGE_RESULT = range(4)
SIDE_WIDTH = 340


class VerdictPanel(QFrame):
    """Shows one of: nothing yet, a verdict, a hand-out just saved, an undo just saved."""

    choice_made = Signal(int)  # order id picked from a CHOICE

    def __init__(self, calendar: BusinessCalendar, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictPanel")
        self._calendar = calendar
        self._clock = clock
        self.verdict: Verdict | None = None
        self.handout: HandoutResult | None = None
        self.undo_result: UndoResult | None = None
        self._alarm_text: Text | None = None

        self.alarm = QLabel(objectName="verdictAlarm", wordWrap=True)
        self.band = QFrame(objectName="verdictBand")
        self.mark = QLabel(objectName="verdictMark", alignment=Qt.AlignmentFlag.AlignCenter)
        self.headline = QLabel(objectName="verdictHeadline", wordWrap=True)
        self.detail = QLabel(objectName="verdictDetail", wordWrap=True)
        band_text = QVBoxLayout()
        band_text.setSpacing(2)
        band_text.addWidget(self.headline)
        band_text.addWidget(self.detail)
        band_layout = QHBoxLayout(self.band)
        band_layout.setContentsMargins(14, 10, 16, 10)
        band_layout.addWidget(self.mark)
        band_layout.addLayout(band_text, 1)
        self.warning = QLabel(objectName="verdictWarning", wordWrap=True)

        self.facts = QWidget(objectName="verdictFacts")
        self.shelf_box = QFrame(objectName="shelfBox")
        self.shelf_caption = QLabel(objectName="shelfCaption")
        self.shelf_slot = QLabel(objectName="shelfSlot")
        self.storage_row = QHBoxLayout()
        self.storage_row.setSpacing(6)
        self.storage_row.addStretch(1)
        self.storage_row.addStretch(1)  # the tags go between the two
        self.bag_id = QLabel(objectName="bagId")
        self.shelf_slot.setAlignment(Qt.AlignmentFlag.AlignCenter)
        shelf_layout = QVBoxLayout(self.shelf_box)
        shelf_layout.setContentsMargins(14, 6, 14, 8)
        shelf_layout.setSpacing(0)
        shelf_layout.addWidget(self.shelf_caption)
        shelf_layout.addWidget(self.shelf_slot)
        shelf_layout.addLayout(self.storage_row)
        shelf_layout.addWidget(self.bag_id, alignment=Qt.AlignmentFlag.AlignRight)
        self._storage_tags: list[QLabel] = []
        self.fact_names = {key: QLabel(objectName="factName") for key in ("customer", "tail", "campaign")}
        self.fact_values = {key: QLabel(objectName="factValue", wordWrap=True) for key in self.fact_names}
        self.fact_values["campaign"].setTextFormat(Qt.TextFormat.RichText)
        # Customer and phone ending on one row; the campaign (and the order number) below.
        grid = QGridLayout(self.facts)
        grid.setContentsMargins(4, 0, 4, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(0)
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for (key, row, column, span) in (("customer", 0, 0, 1), ("tail", 0, 2, 1), ("campaign", 1, 0, 3)):
            grid.addWidget(self.fact_names[key], row, column, alignment=align)
            grid.addWidget(self.fact_values[key], row, column + 1, 1, span)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.body = QStackedWidget(objectName="verdictBody")
        self.idle_prompt = QLabel(objectName="idlePrompt", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        lines_page = QWidget()
        self.line_editor = HandOutLineEditor()
        self.earlier = QLabel(objectName="earlierPickups", wordWrap=True)
        lines_layout = QVBoxLayout(lines_page)
        lines_layout.setContentsMargins(0, 0, 0, 0)
        lines_layout.addWidget(self.line_editor, 1)
        lines_layout.addWidget(self.earlier)
        self.choice_list = ChoiceList()
        self.choice_list.chosen.connect(self.choice_made)
        self.result_lines = QLabel(objectName="resultLines", wordWrap=True, alignment=Qt.AlignmentFlag.AlignTop)
        for page in (self.idle_prompt, lines_page, self.choice_list, self.result_lines):
            self.body.addWidget(page)
        self.key_hints = QLabel(objectName="keyHints", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.line_editor.quantities_changed.connect(self._render_hints)

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.warning)
        left.addWidget(self.facts)
        left.addWidget(self.body, 1)
        left.addWidget(self.key_hints)
        self.side = QVBoxLayout()  # the shelf, then whatever the screen adds (the camera)
        self.side.setSpacing(10)
        self.side.addWidget(self.shelf_box)
        self.side_column = QWidget(objectName="verdictSide")
        self.side_column.setLayout(self.side)
        self.side_column.setFixedWidth(SIDE_WIDTH)
        self.side.setContentsMargins(0, 0, 0, 0)
        main = QHBoxLayout()
        main.setSpacing(14)
        main.addLayout(left, 1)
        main.addWidget(self.side_column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.alarm)
        layout.addWidget(self.band)
        layout.addLayout(main, 1)
        self.show_idle()

    def add_side_widget(self, widget: QWidget) -> None:
        """Put widget (the camera preview) in the right-hand column, under the shelf."""
        self.side.addWidget(widget, 1)

    # --- what to show --------------------------------------------------------------------

    def show_idle(self) -> None:
        self._set(None, None, None)
        self.body.setCurrentIndex(PAGE_IDLE)
        self._render()

    def show_verdict(self, verdict: Verdict) -> None:
        self._set(verdict, None, None)
        if verdict.state == VerdictState.CHOICE:
            self.choice_list.set_choices(verdict.choices, verdict.more_choices)
            self.body.setCurrentIndex(PAGE_CHOICES)
        elif verdict.lines:
            self.line_editor.set_lines(verdict.lines, editable=verdict.can_hand_out)
            self.body.setCurrentIndex(PAGE_LINES)
        else:
            self.body.setCurrentIndex(PAGE_IDLE)
        self._render()

    def show_handout(self, result: HandoutResult) -> None:
        self._set(None, result, None)
        self.body.setCurrentIndex(PAGE_RESULT)
        self._render()

    def show_undo(self, result: UndoResult) -> None:
        self._set(None, None, result)
        self.body.setCurrentIndex(PAGE_RESULT)
        self._render()

    def show_alarm(self, text: Text) -> None:
        """A refused hand-out (the wrong bag, a double scan): loud, above whatever is shown."""
        self._alarm_text = text
        self._render_alarm()

    def clear_alarm(self) -> None:
        self._alarm_text = None
        self._render_alarm()

    def _set(self, verdict: Verdict | None, handout: HandoutResult | None, undo: UndoResult | None) -> None:
        self.verdict, self.handout, self.undo_result = verdict, handout, undo
        self._alarm_text = None

    @property
    def can_hand_out(self) -> bool:
        return self.verdict is not None and self.verdict.can_hand_out and self.verdict.order_id is not None

    # --- drawing -------------------------------------------------------------------------

    def _render(self) -> None:
        lang = current_language()
        verdict, handout, undo = self.verdict, self.handout, self.undo_result
        warning: Text | None = None
        if verdict is not None:
            tone = band_tone(verdict)
            headline, detail = verdict.headline.for_lang(lang), verdict.detail.for_lang(lang)
            warning = verdict.warning
        elif handout is not None:
            tone = OK
            headline, detail = handout.message.for_lang(lang), self._handout_detail(handout)
            self.result_lines.setText(
                "\n".join(self.tr("{0}  × {1}").format(line.item_name, line.qty) for line in handout.lines)
            )
        elif undo is not None:
            tone = INFO
            headline = undo.message.for_lang(lang)
            detail = self.tr("Put the goods back on the shelf: they wait for the customer again.")
            self.result_lines.setText(
                "\n".join(self.tr("{0}  × {1}").format(line.item_name, line.qty) for line in undo.lines)
            )
        else:
            tone = IDLE
            headline = self.tr("Waiting for the next customer")
            detail = self.tr("Scan the pickup QR, or type the 8-digit pickup code or the last 4 digits of the phone.")
        self.band.setProperty("tone", tone)
        repolish(self.band)
        for label in (self.mark, self.headline, self.detail):
            repolish(label)
        self.mark.setText(BAND_MARKS[tone])
        self.mark.setVisible(bool(BAND_MARKS[tone]))
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.warning.setText(f"！ {warning.for_lang(lang)}" if warning is not None else "")
        self.warning.setVisible(warning is not None)
        self.idle_prompt.setText(self.tr("Scan · Type a code · Hold the QR to the camera"))
        self._render_facts(verdict)
        self._render_earlier(verdict)
        self._render_hints()
        self._render_alarm()

    def _render_alarm(self) -> None:
        text = self._alarm_text
        self.alarm.setText(f"× {text.for_lang(current_language())}" if text is not None else "")
        self.alarm.setVisible(text is not None)

    def _handout_detail(self, result: HandoutResult) -> str:
        until = local_time(self._calendar, result.undo_until, self._clock.now())
        parts = [self.tr("F9 undoes it until {0}").format(until)]
        if result.bag_confirmed:
            parts.append(self.tr("bag label checked"))
        if result.proxy_note:
            parts.append(self.tr("picked up for someone: {0}").format(result.proxy_note))
        return " · ".join(parts)

    def _render_facts(self, verdict: Verdict | None) -> None:
        has_order = verdict is not None and verdict.order_no is not None and verdict.state != VerdictState.CHOICE
        self.facts.setVisible(has_order)
        self.shelf_box.setVisible(has_order)
        if not has_order or verdict is None:
            return
        self.shelf_caption.setText(self.tr("Shelf"))
        self.shelf_slot.setText(verdict.shelf_slot or self.tr("not shelved"))
        self.shelf_slot.setProperty("long", len(self.shelf_slot.text()) > 6)
        repolish(self.shelf_slot)
        for tag in self._storage_tags:
            self.storage_row.removeWidget(tag)
            tag.hide()
            tag.deleteLater()
        self._storage_tags = []
        for storage in verdict.storages:
            tag = QLabel(storage_text(storage), objectName="storageTag")
            tag.setProperty("storage", storage)
            self.storage_row.insertWidget(self.storage_row.count() - 1, tag)
            self._storage_tags.append(tag)
        self.bag_id.setText(self.tr("Bag {0}").format(verdict.bag_id[:8].upper()) if verdict.bag_id else "")
        self.bag_id.setVisible(bool(verdict.bag_id))
        names = {
            "customer": self.tr("Customer"),
            "tail": self.tr("Phone ending"),
            "campaign": self.tr("Campaign"),
        }
        small = [self.tr("order {0}").format(verdict.order_no)]
        if verdict.note:
            small.append(self.tr("note: {0}").format(verdict.note))
        values = {
            "customer": verdict.customer or "",
            "tail": verdict.phone_tail or "",
            "campaign": escape(verdict.campaign_title or "")
            + "&nbsp;&nbsp;<span style='font-size:13pt;font-weight:normal;color:#555555'>"
            + escape(" · ".join(small)) + "</span>",
        }
        for key, label in self.fact_names.items():
            label.setText(names[key])
            self.fact_values[key].setText(values[key])
            visible = bool(values[key])
            label.setVisible(visible)
            self.fact_values[key].setVisible(visible)

    def _render_earlier(self, verdict: Verdict | None) -> None:
        records = verdict.pickups if verdict is not None else ()
        # A part-collected order says its last hand-out in the detail line already.
        shown = verdict is not None and verdict.state == VerdictState.ALREADY_PICKED
        self.earlier.setVisible(bool(shown and records))
        if shown and records:
            lines = [self.tr("Handed out before:")] + [self._pickup_line(p) for p in records]
            self.earlier.setText("\n".join(lines))

    def _pickup_line(self, record: PickupRecord) -> str:
        text = self.tr("{0}  {1} handed out {2} item(s) · {3}").format(
            local_time(self._calendar, record.at, self._clock.now()),
            record.staff_name,
            record.items,
            method_name(record.method),
        )
        if record.proxy_note:
            text += " · " + self.tr("for someone: {0}").format(record.proxy_note)
        if record.undone:
            text += " · " + self.tr("UNDONE")
        return text

    def _render_hints(self) -> None:
        verdict = self.verdict
        if verdict is not None and verdict.state == VerdictState.CHOICE:
            hints = [self.tr("↑↓ choose"), self.tr("Enter open the order"), self.tr("Esc clear")]
        elif self.can_hand_out:
            editor = self.line_editor
            if editor.is_everything():
                enter = self.tr("Enter hand out all {0}").format(editor.pieces())
            else:
                enter = self.tr("Enter hand out these {0}").format(editor.pieces())
            hints = [enter, self.tr("F7 partial"), self.tr("F8 collecting for someone"),
                     self.tr("scan the bag label to check it"), self.tr("Esc clear")]
        elif self.handout is not None:
            hints = [self.tr("F9 undo this hand-out"), self.tr("scan the next code")]
        else:
            hints = [self.tr("Scan or type the next code"), self.tr("F9 undo the last hand-out"), self.tr("Esc clear")]
        # Each hint stays on one line; the line breaks only between hints.
        self.key_hints.setText("&nbsp;&nbsp; · &nbsp;&nbsp;".join(
            f"<span style='white-space:nowrap'>{escape(hint)}</span>" for hint in hints))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
