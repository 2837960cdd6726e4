"""Who goes without (缺货分配): the rule chooser and the preview of which orders lose what.

The preview is the core's own plan (ReceivingService.preview_allocation), so what the leader
sees is what the sign-off saves. Any share can be changed: typing a number on an order turns
the rule into "by hand", starting from the plan on screen, and each item then shows how many
of its short pieces are shared out; the sign-off waits until they add up.

Keys: Ctrl+1…4 choose the rule, arrows move, a digit or Enter on an order edits its share,
F9 signs off.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.arrivals import RULES, AllocationPlan, ItemShortage
from app.clock import BusinessCalendar
from app.pickups.masking import mask_name
from ui.arrivals.count_edit import CountEdit
from ui.arrivals.words import local_time, rule_hint, rule_name

CODE, CUSTOMER, PLACED, ORDERED, LOSES = range(5)
LINE_ROLE = Qt.ItemDataRole.UserRole
CAPACITY_ROLE = Qt.ItemDataRole.UserRole + 1
_HEAD_BG = QColor("#eef1f5")
_LOSES_BG = QColor("#fdecea")
_BAD = QColor("#b00020")


class _ShareDelegate(QStyledItemDelegate):
    """A count box from 0 to what the order line can still lose."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        return CountEdit(0, maximum=int(index.data(CAPACITY_ROLE) or 0), object_name="shareEdit",
                         parent=parent)


class ShareTree(QTreeWidget):
    """Items with their short pieces; under each, the orders that lose (or could)."""

    edit_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        item = self.currentItem()
        editable = item is not None and item.parent() is not None
        if editable and self.state() != QAbstractItemView.State.EditingState:
            text = event.text()
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or (text and text.isdigit()):
                self.setCurrentItem(item, LOSES)
                self.editItem(item, LOSES)
                editor = self.indexWidget(self.currentIndex())
                if isinstance(editor, CountEdit) and text.isdigit():
                    editor.setText(text)
                event.accept()
                return
        super().keyPressEvent(event)


class AllocationPanel(QWidget):
    rule_chosen = Signal(str)
    """The leader chose a rule (the screen remembers it and asks for a new preview)."""
    rest_missing_changed = Signal(bool)
    sign_off_requested = Signal()

    def __init__(self, calendar: BusinessCalendar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("allocationPanel")
        self.calendar = calendar
        self.plan: AllocationPlan | None = None
        self.rule = RULES[0]
        self.manual: dict[int, int] = {}
        self._filling = False
        self._current_line: int | None = None  # the order line last edited stays chosen

        self.rule_buttons: dict[str, QPushButton] = {}
        self.rule_group = QButtonGroup(self)
        self.rule_group.setExclusive(True)
        rules_row = QHBoxLayout()
        rules_row.setSpacing(8)
        self.rules_label = QLabel(objectName="allocSummary")
        rules_row.addWidget(self.rules_label)
        for n, rule in enumerate(RULES, start=1):
            button = QPushButton(objectName="ruleButton")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, r=rule: self.choose_rule(r))
            self.rule_group.addButton(button)
            self.rule_buttons[rule] = button
            rules_row.addWidget(button)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{n}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda r=rule: self.choose_rule(r))
        rules_row.addStretch(1)
        self.rule_buttons[self.rule].setChecked(True)

        self.hint = QLabel(objectName="ruleHint", wordWrap=True)
        self.rest_missing = QCheckBox(objectName="restMissing")
        self.rest_missing.toggled.connect(self.rest_missing_changed)
        self.show_all = QCheckBox(objectName="showAll")
        self.show_all.toggled.connect(lambda _on: self._fill())
        options = QHBoxLayout()
        options.addWidget(self.rest_missing)
        options.addStretch(1)
        options.addWidget(self.show_all)

        self.summary = QLabel(objectName="allocSummary", wordWrap=True)
        self.problem = QLabel(objectName="allocProblem", wordWrap=True)
        self.problem.hide()
        self.tree = ShareTree(objectName="allocTree")
        self.tree.setColumnCount(5)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegateForColumn(LOSES, _ShareDelegate(self.tree))
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CUSTOMER, QHeaderView.ResizeMode.Stretch)
        self.tree.itemChanged.connect(self._item_changed)
        self.empty = QLabel(objectName="emptyNote", wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.keys = QLabel(objectName="keyHints", wordWrap=True)
        self.sign_off = QPushButton(objectName="primaryButton")
        self.sign_off.setAutoDefault(False)
        self.sign_off.clicked.connect(self.sign_off_requested)
        bottom = QHBoxLayout()
        bottom.addWidget(self.keys, 1)
        bottom.addWidget(self.sign_off)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.setSpacing(8)
        layout.addLayout(rules_row)
        layout.addWidget(self.hint)
        layout.addLayout(options)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(bottom)
        self.retranslate_ui()
        self.show_plan(None)

    # --- texts ---------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.rules_label.setText(self.tr("Who goes without:"))
        for n, (rule, button) in enumerate(self.rule_buttons.items(), start=1):
            button.setText(f"{n} {rule_name(rule)}")
            button.setToolTip(f"Ctrl+{n}")
        self.hint.setText(rule_hint(self.rule))
        self.rest_missing.setText(self.tr("No more trucks: everything not counted is missing"))
        self.show_all.setText(self.tr("Show every order that could lose"))
        self.tree.setHeaderLabels([self.tr("Item / pickup code"), self.tr("Customer"),
                                   self.tr("Ordered at"), self.tr("Ordered"), self.tr("Loses")])
        self.keys.setText(self.tr("Ctrl+1…4 rule · arrows choose an order · type a number to change "
                                  "its share · F9 sign off"))
        self.sign_off.setText(self.tr("Sign off (F9)"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- the rule ------------------------------------------------------------------------

    def choose_rule(self, rule: str) -> None:
        """The leader picked a rule. "By hand" starts from the shares on screen."""
        if rule not in RULES:
            return
        if rule == "manual" and self.rule != "manual" and self.plan is not None:
            self.manual = self.plan.shares_by_line()
        self.set_rule(rule)
        self.rule_chosen.emit(rule)

    def set_rule(self, rule: str) -> None:
        self.rule = rule
        self.rule_buttons[rule].setChecked(True)
        self.hint.setText(rule_hint(rule))

    def manual_shares(self) -> dict[int, int] | None:
        """order_line_id -> pieces short, for a sign-off "by hand" (None for other rules)."""
        if self.rule != "manual":
            return None
        return {line: qty for line, qty in self.manual.items() if qty}

    # --- the plan ------------------------------------------------------------------------

    def show_plan(self, plan: AllocationPlan | None) -> None:
        self.plan = plan
        if plan is not None and self.rule == "manual":
            known = {c.order_line_id for item in plan.items for c in item.candidates}
            self.manual = {k: v for k, v in self.manual.items() if k in known}
        self._fill()

    def given(self, item: ItemShortage) -> int:
        """Pieces of item shared out: the plan's, or the leader's by hand."""
        if self.rule == "manual":
            return sum(self.manual.get(c.order_line_id, 0) for c in item.candidates)
        return sum(c.qty_short for c in item.candidates)

    def unbalanced(self) -> list[ItemShortage]:
        if self.plan is None or self.rule != "manual":
            return []
        return [item for item in self.plan.items if self.given(item) != item.qty_short]

    def ready(self) -> bool:
        return self.plan is not None and not self.unbalanced()

    def _share(self, item_line: int, planned: int) -> int:
        return self.manual.get(item_line, 0) if self.rule == "manual" else planned

    def _fill(self) -> None:
        if not hasattr(self, "tree"):
            return
        plan = self.plan
        self._filling = True
        try:
            self.tree.clear()
            has_items = bool(plan and plan.items)
            self.tree.setVisible(has_items)
            self.empty.setVisible(not has_items)
            self.show_all.setEnabled(has_items and self.rule != "manual")
            if plan is None:
                self.summary.setText("")
                self.empty.setText(self.tr("Open a delivery to see who would go without."))
            elif not plan.items:
                self.summary.setText("")
                self.empty.setText(self.tr("Nothing damaged or missing: nobody goes without."))
            else:
                self._fill_items(plan)
        finally:
            self._filling = False
        self._update_summary()

    def _fill_items(self, plan: AllocationPlan) -> None:
        bold = QFont()
        bold.setBold(True)
        everyone = self.rule == "manual" or self.show_all.isChecked()
        for item in plan.items:
            head = QTreeWidgetItem([item.name, self._item_note(item), "", "", ""])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            head.setFirstColumnSpanned(False)
            for col in range(5):
                head.setBackground(col, QBrush(_HEAD_BG))
                head.setFont(col, bold)
            head.setTextAlignment(LOSES, Qt.AlignmentFlag.AlignCenter)
            self.tree.addTopLevelItem(head)
            for cand in item.candidates:
                share = self._share(cand.order_line_id, cand.qty_short)
                if not everyone and not share:
                    continue
                child = QTreeWidgetItem([
                    cand.pickup_code,
                    f"{mask_name(cand.customer_name)}  " + self.tr("phone …{tail}").format(tail=cand.phone_tail),
                    local_time(self.calendar, cand.placed_at),
                    str(cand.qty_ordered),
                    str(share),
                ])
                child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                               | Qt.ItemFlag.ItemIsEditable)
                child.setData(LOSES, LINE_ROLE, cand.order_line_id)
                child.setData(LOSES, CAPACITY_ROLE, cand.capacity)
                child.setData(LOSES, Qt.ItemDataRole.EditRole, share)
                for col in (ORDERED, LOSES):
                    child.setTextAlignment(col, Qt.AlignmentFlag.AlignCenter)
                if share:
                    child.setBackground(LOSES, QBrush(_LOSES_BG))
                    child.setFont(LOSES, bold)
                head.addChild(child)
            head.setExpanded(True)
            self._update_head(head, item)
        current = self._find_line(self._current_line) if self._current_line else None
        first = self.tree.topLevelItem(0)
        if current is not None:
            self.tree.setCurrentItem(current)
        elif first is not None:
            self.tree.setCurrentItem(first.child(0) if first.childCount() else first)

    def _find_line(self, order_line_id: int) -> QTreeWidgetItem | None:
        for n in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(n)
            for m in range(head.childCount()):
                if head.child(m).data(LOSES, LINE_ROLE) == order_line_id:
                    return head.child(m)
        return None

    def _item_note(self, item: ItemShortage) -> str:
        parts = []
        if item.qty_damaged:
            parts.append(self.tr("damaged {n}").format(n=item.qty_damaged))
        if item.qty_missing:
            parts.append(self.tr("missing {n}").format(n=item.qty_missing))
        text = self.tr("short {n} ({parts})").format(n=item.qty_short, parts=" · ".join(parts))
        if item.qty_not_shared:
            text += " " + self.tr("{n} from the surplus, nobody loses them").format(n=item.qty_not_shared)
        return text

    def _update_head(self, head: QTreeWidgetItem, item: ItemShortage) -> None:
        given = self.given(item)
        head.setText(LOSES, f"{given} / {item.qty_short}")
        head.setForeground(LOSES, QBrush(_BAD if given != item.qty_short else QColor("#1b7a2e")))

    def _update_summary(self) -> None:
        plan = self.plan
        if plan is not None and plan.items:
            short = plan.total_short
            orders = {c.order_id for item in plan.items for c in item.candidates
                      if self._share(c.order_line_id, c.qty_short)}
            self.summary.setText(
                self.tr("{short} pieces short across {items} items · {orders} orders lose something")
                .format(short=short, items=len(plan.items), orders=len(orders)))
        bad = self.unbalanced()
        if bad:
            names = "、".join(f"{i.name} {self.given(i)}/{i.qty_short}" for i in bad)
            self.problem.setText(self.tr("Shares by hand must add up: {items}").format(items=names))
        self.problem.setVisible(bool(bad))
        self.sign_off.setEnabled(self.ready())

    # --- editing -------------------------------------------------------------------------

    def _item_changed(self, child: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != LOSES or child.parent() is None:
            return
        line_id = child.data(LOSES, LINE_ROLE)
        capacity = int(child.data(LOSES, CAPACITY_ROLE) or 0)
        try:
            value = max(0, min(capacity, int(child.data(LOSES, Qt.ItemDataRole.EditRole))))
        except (TypeError, ValueError):
            value = 0
        self.set_share(int(line_id), value)
        # The editor is gone: keep the keyboard on the list (arrows, the next number, F9).
        QTimer.singleShot(0, self._focus_tree)

    def _focus_tree(self) -> None:
        if self.tree.isVisible() and self.tree.state() != QAbstractItemView.State.EditingState:
            if QApplication.activeWindow() is None:
                self.window().activateWindow()  # the refilled list took the editor (and focus)
            self.tree.setFocus()

    def set_share(self, order_line_id: int, qty: int) -> None:
        """The leader typed how many this order line loses (switches the rule to by hand)."""
        if self.plan is None:
            return
        self._current_line = order_line_id
        if self.rule != "manual":
            self.manual = self.plan.shares_by_line()
            self.manual[order_line_id] = qty
            self.set_rule("manual")
            self.rule_chosen.emit("manual")
            self._fill()
            return
        self.manual[order_line_id] = qty
        self._filling = True
        try:
            child = self._find_line(order_line_id)
            if child is not None:
                child.setText(LOSES, str(qty))
                child.setBackground(LOSES, QBrush(_LOSES_BG) if qty else QBrush())
            for n in range(min(self.tree.topLevelItemCount(), len(self.plan.items))):
                self._update_head(self.tree.topLevelItem(n), self.plan.items[n])
        finally:
            self._filling = False
        self._update_summary()
