"""The Reports screen's style sheet: big figures, calm colours, tables that read at a glance.

Set on the screen itself, on top of resources/style.qss (which it leaves alone).
"""
from __future__ import annotations

BAR_COLOUR = "#1565c0"
LINE_COLOUR = "#ef6c00"
GRID_COLOUR = "#d7dbe0"

REPORTS_QSS = """
#reportsTabs QTabBar::tab { font-size: 17pt; padding: 6px 26px; min-width: 110px; }
#reportsTabs QTabBar::tab:selected { background: #ffc107; color: #111111; font-weight: bold; }
#reportsTabs::pane { border: none; }
#periodButton { font-size: 15pt; min-height: 40px; padding: 2px 14px; border-radius: 6px; }
#periodButton:checked { background: #1d2733; color: #ffffff; }
#periodLabel { font-size: 14pt; color: #444444; }
QDateEdit { font-size: 15pt; min-height: 38px; padding: 0 6px; background: #ffffff;
            border: 2px solid #5f6670; border-radius: 4px; }
#actionButton { font-size: 15pt; min-height: 40px; padding: 2px 16px; }
#kpiTile { background: #ffffff; border: 2px solid #d7dbe0; border-radius: 10px; }
#kpiTile[accent="true"] { border-left: 8px solid #ffc107; }
#kpiName { font-size: 13pt; color: #555555; background: transparent; }
#kpiValue { color: #111111; background: transparent; }
#kpiSub { font-size: 11pt; color: #555555; background: transparent; }
#kpiSub[trend="up"] { color: #1b7a2e; }
#kpiSub[trend="down"] { color: #c62828; }
#reportPanel { background: #ffffff; border: 2px solid #d7dbe0; border-radius: 10px; }
#panelTitle { font-size: 15pt; font-weight: bold; color: #111111; background: transparent; }
#panelNote { font-size: 11pt; color: #555555; background: transparent; }
#pageButton { font-size: 13pt; min-height: 34px; padding: 0 12px; border-width: 1px;
              border-radius: 4px; }
#pageButton:checked { background: #1d2733; color: #ffffff; }
#numbersButton, #exportButton { font-size: 13pt; min-height: 34px; padding: 0 12px;
                                border-width: 1px; border-radius: 4px; }
#exportButton { background: #ffffff; border: 1px solid #1d2733; color: #111111; }
#exportButton::menu-indicator { width: 0; }
QMenu { font-size: 15pt; }
QMenu::item { padding: 8px 28px; }
#reportTable { font-size: 14pt; border: none; gridline-color: #e3e7ec;
               alternate-background-color: #f6f8fa; }
#reportTable QHeaderView::section { font-size: 13pt; padding: 4px 6px; }
#busyLabel { font-size: 13pt; color: #1565c0; background: transparent; }
#factorStrip { font-size: 13pt; color: #333333; background: #fff8e1;
               border: 1px solid #ffe082; border-radius: 6px; padding: 6px 10px; }
#lockedNote { font-size: 19pt; color: #222222; }
QSpinBox#daysSpin { font-size: 14pt; min-height: 34px; min-width: 84px; max-width: 96px; }
"""
