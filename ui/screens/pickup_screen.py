"""Pickup: a placeholder until its issue lands."""
from __future__ import annotations

from ui.screens.base import INFO
from ui.screens.placeholder import PlaceholderScreen


class PickupScreen(PlaceholderScreen):
    screen_id = "pickup"

    def title(self) -> str:
        return self.tr("Pickup")

    def description(self) -> str:
        return self.tr(
            "Verify pickups: scan the customer's pickup QR, type the pickup code or look up by phone ending, then hand out the bag."
        )

    def handle_scan(self, text: str) -> None:
        # Until the real screen lands, show what the scanner read so it can be tried out.
        self.show_notice(self.tr("Scanned {0}. Verifying pickups comes in a later version.").format(text), INFO)
