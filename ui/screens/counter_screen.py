"""收银 Counter (F1): where the shopkeeper spends the day.

Scan or search to fill the cart; + − Del on the selected line, F3 quantity, F4 price and line
discount, F6 order discount; F7 hold, F8 resume, F9 (or Enter on an empty search box) take
payment, F10 reprint, F11 refund, F12 till and stock; Esc twice clears the cart. The widgets
and dialogs live in ui/counter/.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QVBoxLayout, QWidget

from app.actors import Actor
from app.bootstrap import AppContext
from app.counter_services import CounterServices
from app.till import TillSession
from ui.counter.cart_actions import CartActions
from ui.counter.counter_keys import CounterKeys
from ui.counter.counter_view import CounterView
from ui.counter.flows import CounterFlows
from ui.counter.services import counter_services
from ui.screens.base import ERROR, INFO, WARNING, Screen


class CounterScreen(Screen):
    screen_id = "counter"

    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        catalogue = self.services.catalogue
        self.view = CounterView(lambda text: catalogue.search(text, limit=8), self)
        self.cart = CartActions(self, self.view)
        self.flows = CounterFlows(self, self.cart)
        self.dialog: QDialog | None = None
        """The counter dialog opened last (tests and screenshots look at it)."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        buttons = self.view.keys
        for name, action in (("hold", self.flows.hold), ("resume", self.flows.resume),
                             ("pay", self.flows.pay), ("reprint", self.flows.reprint),
                             ("refund", self.flows.refund), ("till", self.flows.till_menu),
                             ("clear", self.cart.confirm_clear)):
            buttons[name].clicked.connect(lambda _c=False, a=action: a())
        self.view.search.empty_enter.connect(self.flows.pay)
        key = Qt.Key
        self.keys = CounterKeys(self, {
            key.Key_F7: self.flows.hold,
            key.Key_F8: self.flows.resume,
            key.Key_F9: self.flows.pay,
            key.Key_F10: self.flows.reprint,
            key.Key_F11: self.flows.refund,
            key.Key_F12: self.flows.till_menu,
        }, cart_keys={
            key.Key_F3: lambda: self.cart.focus_field("qty"),
            key.Key_F4: lambda: self.cart.focus_field("price"),
            key.Key_F6: lambda: self.cart.focus_field("order_discount"),
        }, when_cart=lambda: not self.cart.ctl.is_empty())
        self.keys.watch(self.view.search, self.view.table, *self.view.strip.fields.values())
        self.retranslate_ui()

    @property
    def services(self) -> CounterServices:
        return counter_services(self.ctx)

    def title(self) -> str:
        return self.tr("Counter")

    def activated(self) -> None:
        self.refresh_till()
        self.cart.focus_search()

    def handle_scan(self, text: str) -> None:
        self.cart.scan(text)

    def refresh_till(self) -> None:
        self.run(self.services.till.current, self.show_till, context="reading the till")

    def show_till(self, session: TillSession | None) -> None:
        self.view.show_till(session)

    def warn(self, text: str, level: str = WARNING) -> None:
        """A short message in the notice band (never a box: the scanner keeps working)."""
        if level == ERROR:
            QApplication.beep()
        self.show_notice(text, level if level in (INFO, WARNING, ERROR) else WARNING)

    def retranslate_ui(self) -> None:
        self.view.retranslate()
