"""Reports: a placeholder until its issue lands."""
from __future__ import annotations

from ui.screens.placeholder import PlaceholderScreen


class ReportsScreen(PlaceholderScreen):
    screen_id = "reports"

    def title(self) -> str:
        return self.tr("Reports")

    def description(self) -> str:
        return self.tr(
            "The day's sales, pickups and uncollected orders, shift handover and closing the day (Z report)."
        )
