"""Stock at the counter: goods received from a supplier (进货), a stock count (盘点), and the
products running low. Products go in by scanning or by the search box; Enter walks through
the fields and then to Save."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.actors import Actor
from app.bootstrap import AppContext
from app.catalogue import ProductItem
from app.errors import UserFacingError
from app.stock import CountLine, ReceiveLine, StockResult
from ui.counter import lookup
from ui.counter.dialog_base import CounterDialog, focused
from ui.counter.formatting import amount_input_text, kg_text, parse_amount, parse_qty, qty_text
from ui.counter.search_box import SearchBox


def _count_qty(unit: str, text: str) -> int:
    clean = text.strip()
    if clean and clean.replace(".", "").replace("0", "") == "":
        return 0  # "0", "0.000": counted none
    return parse_qty(unit, clean)


class StockLinesDialog(CounterDialog):
    """A list of products with a few fields each. Subclasses say which fields, and save."""

    saved = Signal(object)
    """The StockResult."""

    editable: tuple[int, ...] = ()

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.products: list[ProductItem] = []
        self.edits: list[dict[int, QLineEdit]] = []
        catalogue = self.services.catalogue
        self.search = SearchBox(lambda text: catalogue.search(text, limit=8), self)
        self.search.setObjectName("stockSearch")
        self.search.product_chosen.connect(self.add_product)
        self.search.entered.connect(self._typed)
        self.search.cart_key.connect(lambda key: self.reject() if key == "escape" else None)
        self.table = QTableWidget(0, len(self.headers()), objectName="stockLines")
        self.table.verticalHeader().setDefaultSectionSize(50)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(self.headers())):
            self.table.setColumnWidth(col, 150)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body.addWidget(self.search)
        self.body.addWidget(self.table, 1)
        self.save_button = self.add_button(self.save, primary=True)
        self.cancel_button = self.add_button(self.reject)
        self.resize(1080, 680)

    def headers(self) -> list[str]:
        raise NotImplementedError

    def cells(self, product: ProductItem) -> list[str]:
        """The row's texts: read-only ones, and the first value of each editable one."""
        raise NotImplementedError

    def add_product(self, product: ProductItem) -> None:
        for row, known in enumerate(self.products):
            if known.id == product.id:
                self._focus(row, self.editable[0])
                return
        row = len(self.products)
        self.products.append(product)
        self.table.setRowCount(row + 1)
        edits: dict[int, QLineEdit] = {}
        for col, text in enumerate(self.cells(product)):
            if col in self.editable:
                edit = QLineEdit(text, objectName="cellEdit")
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
                self.table.setCellWidget(row, col, edit)
                edits[col] = edit
            else:
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.edits.append(edits)
        self._focus(row, self.editable[0])

    def _focus(self, row: int, col: int) -> None:
        edit = self.edits[row][col]
        self.table.scrollToItem(self.table.item(row, 0))
        edit.setFocus()
        edit.selectAll()

    def _typed(self, text: str) -> None:
        catalogue = self.services.catalogue
        self.search.reset()
        self.run(lambda: lookup.typed(catalogue, text), self._found, pool="read")

    def _found(self, found: lookup.Found) -> None:
        product = found.hit.product if found.hit is not None else found.product
        if product is None:
            self.show_problem(self.tr("No product matches “{0}”.").format(found.text))
            return
        self.add_product(product)

    def handle_scan(self, text: str) -> None:
        catalogue = self.services.catalogue
        self.show_scan_note("")
        self.run(lambda: lookup.scanned(catalogue, text), self._found, pool="read")

    def accept_action(self) -> None:
        """Enter: next field, and after the last one the Save button."""
        order = [e for edits in self.edits for e in edits.values()]
        for i, edit in enumerate(order):
            if focused(edit):
                if i + 1 < len(order):
                    order[i + 1].setFocus()
                    order[i + 1].selectAll()
                else:
                    self.save_button.setFocus()
                return
        self.save()

    def save(self) -> None:
        if not self.products:
            self.show_problem(self.tr("Scan or search the products first."))
            return
        try:
            work = self.work()
        except UserFacingError as exc:
            self.show_problem(exc)
            return
        self.run(work, self._saved)

    def work(self) -> Any:
        """A function doing the save off the GUI thread (fields already read)."""
        raise NotImplementedError

    def _saved(self, result: StockResult) -> None:
        self.saved.emit(result)
        self.accept()

    def text(self, row: int, col: int) -> str:
        return self.edits[row][col].text()


class StockReceiptDialog(StockLinesDialog):
    """进货: how many came in and what each cost."""

    editable = (2, 3)

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None,
                 products: list[ProductItem] | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.supplier = QLineEdit(objectName="supplier")
        self.supplier.setMaxLength(200)
        self.supplier_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.supplier_label)
        row.addWidget(self.supplier, 1)
        self.body.insertLayout(0, row)
        self.retranslate_ui()
        for product in products or []:
            self.add_product(product)
        self.search.setFocus()

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("In stock"), self.tr("Received"), self.tr("Cost (yuan)")]

    def cells(self, product: ProductItem) -> list[str]:
        cost = amount_input_text(product.cost_fen) if product.cost_fen is not None else ""
        return [product.name, qty_text(product.unit, product.stock_qty), "", cost]

    def work(self) -> Any:
        lines = [ReceiveLine(product_id=p.id, qty=parse_qty(p.unit, self.text(row, 2)),
                             unit_cost_fen=parse_amount(self.text(row, 3)))
                 for row, p in enumerate(self.products)]
        stock, actor, supplier = self.services.stock, self.actor, self.supplier.text()
        return lambda: stock.receive_stock(lines=lines, actor=actor, supplier=supplier)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Receive stock"))
        self.title_label.setText(self.tr("Receive stock from a supplier"))
        self.set_note(self.tr("Scan each product, type how many came in (kg for weighed goods) and the "
                              "cost. Enter goes to the next field."))
        self.supplier_label.setText(self.tr("Supplier"))
        self.search.setPlaceholderText(self.tr("Scan, or search by name / pinyin initials"))
        self.table.setHorizontalHeaderLabels(self.headers())
        self.save_button.setText(self.tr("Save receipt"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))


class StockCountDialog(StockLinesDialog):
    """盘点: what is on the shelf; a difference from the books needs a reason."""

    editable = (2, 3)

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.retranslate_ui()
        self.search.setFocus()

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("On the books"), self.tr("Counted"), self.tr("Reason")]

    def cells(self, product: ProductItem) -> list[str]:
        return [product.name, qty_text(product.unit, product.stock_qty), "", ""]

    def work(self) -> Any:
        lines = [CountLine(product_id=p.id, counted_qty=_count_qty(p.unit, self.text(row, 2)),
                           reason=self.text(row, 3))
                 for row, p in enumerate(self.products)]
        stock, actor = self.services.stock, self.actor
        return lambda: stock.count_stock(lines=lines, actor=actor)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Stock count"))
        self.title_label.setText(self.tr("Stock count"))
        self.set_note(self.tr("Scan each product and type what is on the shelf (kg for weighed goods). "
                              "A difference from the books needs a reason."))
        self.search.setPlaceholderText(self.tr("Scan, or search by name / pinyin initials"))
        self.table.setHorizontalHeaderLabels(self.headers())
        self.save_button.setText(self.tr("Save count"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))


class LowStockDialog(CounterDialog):
    receive = Signal(object)
    """The products to receive (list[ProductItem])."""

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.products: list[ProductItem] = []
        self.table = QTableWidget(0, 3, objectName="lowStock")
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 160)
        self.table.setColumnWidth(2, 160)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.body.addWidget(self.table, 1)
        self.receive_button = self.add_button(self.accept_action, primary=True)
        self.close_button = self.add_button(self.reject)
        self.resize(980, 640)
        self.retranslate_ui()
        self.run(self.services.stock.low_stock, self._listed, pool="read")

    def _listed(self, products: list[ProductItem]) -> None:
        self.products = products
        self.table.setRowCount(len(products))
        for row, p in enumerate(products):
            for col, text in enumerate((p.name, qty_text(p.unit, p.stock_qty),
                                        kg_text(p.low_stock_at) if p.unit == "kg" else str(p.low_stock_at))):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.set_note(self.tr("{0} products are low or out.").format(len(products)) if products
                      else self.tr("Nothing is running low."))

    def accept_action(self) -> None:
        if self.products:
            self.receive.emit(list(self.products))
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Low stock"))
        self.title_label.setText(self.tr("Running low"))
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("In stock"), self.tr("Low at")])
        self.receive_button.setText(self.tr("Receive these (Enter)"))
        self.close_button.setText(self.tr("Close (Esc)"))
