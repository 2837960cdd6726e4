"""Counter: a placeholder until its issue lands."""
from __future__ import annotations

from ui.screens.base import INFO
from ui.screens.placeholder import PlaceholderScreen


class CounterScreen(PlaceholderScreen):
    screen_id = "counter"

    def title(self) -> str:
        return self.tr("Counter")

    def description(self) -> str:
        return self.tr(
            "Ring up walk-in sales: scan or search products, take cash or mobile payment, print the receipt, handle returns and count the till."
        )

    def handle_scan(self, text: str) -> None:
        # Until the real screen lands, show what the scanner read so it can be tried out.
        self.show_notice(self.tr("Scanned {0}. Ringing up sales comes in a later version.").format(text), INFO)
