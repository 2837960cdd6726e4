"""An unknown barcode at the counter: add the product on the spot (name and price), then it
goes into the cart."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.actors import Actor
from app.bootstrap import AppContext
from app.catalogue import ProductItem
from app.errors import UserFacingError
from ui.counter.dialog_base import CounterDialog
from ui.counter.formatting import parse_amount


class AddProductDialog(CounterDialog):
    added = Signal(object)
    """The new ProductItem (saved)."""

    def __init__(self, ctx: AppContext, actor: Actor, barcode: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.barcode = QLineEdit(barcode, objectName="newBarcode")
        self.name = QLineEdit(objectName="newName")
        self.name.setMaxLength(100)
        self.price = QLineEdit(objectName="newPrice")
        self.unit = QComboBox(objectName="newUnit")
        self.unit.addItem("", "piece")
        self.unit.addItem("", "kg")
        form = QFormLayout()
        form.setSpacing(12)
        self.form_labels = [QLabel() for _ in range(4)]
        for label, field in zip(self.form_labels, (self.barcode, self.name, self.price, self.unit),
                                strict=True):
            form.addRow(label, field)
        self.body.addLayout(form)
        self.save_button = self.add_button(self.accept_action, primary=True)
        self.cancel_button = self.add_button(self.reject)
        self.resize(680, 440)
        self.retranslate_ui()
        self.name.setFocus()

    def accept_action(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.show_problem(self.tr("Enter the product's name."))
            self.name.setFocus()
            return
        try:
            price = parse_amount(self.price.text(), allow_zero=False)
        except UserFacingError as exc:
            self.show_problem(exc)
            self.price.setFocus()
            return
        barcode = self.barcode.text().strip() or None
        unit = str(self.unit.currentData())
        catalogue, actor = self.services.catalogue, self.actor
        self.run(lambda: catalogue.add_product(name=name, price_fen=price, barcode=barcode, unit=unit,
                                               actor=actor),
                 self._saved)

    def _saved(self, product: ProductItem) -> None:
        self.added.emit(product)
        self.accept()

    def handle_scan(self, text: str) -> None:
        self.barcode.setText(text.strip())
        self.show_scan_note(self.tr("Barcode {0} put in the form.").format(text.strip()))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("New product"))
        self.title_label.setText(self.tr("Unknown barcode: add the product"))
        self.set_note(self.tr("It is saved to the catalogue and goes into the cart."))
        for label, text in zip(self.form_labels, (self.tr("Barcode"), self.tr("Name"),
                                                  self.tr("Price (yuan)"), self.tr("Sold by")),
                               strict=True):
            label.setText(text)
        self.unit.setItemText(0, self.tr("Piece"))
        self.unit.setItemText(1, self.tr("Kilogram (weighed)"))
        self.save_button.setText(self.tr("Save and add (Enter)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))
