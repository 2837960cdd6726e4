"""Arrivals: a placeholder until its issue lands."""
from __future__ import annotations

from ui.screens.placeholder import PlaceholderScreen


class ArrivalsScreen(PlaceholderScreen):
    screen_id = "arrivals"

    def title(self) -> str:
        return self.tr("Arrivals")

    def description(self) -> str:
        return self.tr(
            "Check the platform's delivery against the orders, record short and damaged goods, and print the picking lists and bag labels."
        )
