"""The screens of the main window, in navigation order: position n is key F(n+1).

To add or replace a screen, write ui/screens/<name>_screen.py (a Screen subclass) and edit
its line here.
"""
from __future__ import annotations

from ui.screens.arrivals_screen import ArrivalsScreen
from ui.screens.base import Screen
from ui.screens.counter_screen import CounterScreen
from ui.screens.pickup_screen import PickupScreen
from ui.screens.reports_screen import ReportsScreen
from ui.screens.settings_screen import SettingsScreen
from ui.screens.sync_screen import SyncScreen

SCREENS: list[type[Screen]] = [
    CounterScreen,  # F1 收银
    PickupScreen,  # F2 提货
    ArrivalsScreen,  # F3 到货分拣
    ReportsScreen,  # F4 报表
    SyncScreen,  # F5 同步
    SettingsScreen,  # F6 设置
]

__all__ = ["SCREENS", "Screen"]
