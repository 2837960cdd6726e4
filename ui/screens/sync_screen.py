"""Sync: a placeholder until its issue lands."""
from __future__ import annotations

from ui.screens.placeholder import PlaceholderScreen


class SyncScreen(PlaceholderScreen):
    screen_id = "sync"

    def title(self) -> str:
        return self.tr("Sync")

    def description(self) -> str:
        return self.tr(
            "Waiting uploads, the last sync with the platform, and conflicts for you to decide."
        )
