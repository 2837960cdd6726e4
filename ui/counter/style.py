"""The Counter's style sheet: big type for a queue at 6 pm on a 1366x768 screen.

Set on the screen and on each counter dialog, on top of resources/style.qss.
"""
from __future__ import annotations

COUNTER_QSS = """
#counterSearch { font-size: 22pt; min-height: 54px; padding: 2px 12px; }
#searchPopup { font-size: 19pt; border: 3px solid #1565c0; }
#searchPopup::item { padding: 6px 8px; border-bottom: 1px solid #e0e3e8; }
#searchPopup::item:selected { background: #ffc107; color: #111111; }
#tillBadge { font-size: 15pt; padding: 4px 12px; border-radius: 6px; background: #e3e7ec; }
#tillBadge[alert="true"] { background: #fdecea; color: #8b0000; font-weight: bold; }
#cartTable { font-size: 20pt; gridline-color: #e0e3e8; }
#cartEmpty { font-size: 20pt; color: #6b717a; }
#editStrip QLabel { font-size: 15pt; color: #333333; }
#editStrip QLineEdit { font-size: 19pt; min-height: 44px; max-width: 150px; }
#editStrip QLineEdit#order_discountField { max-width: 190px; min-width: 190px; }
#totalsBar { background: #1d2733; border-radius: 8px; }
#totalsBar QLabel { color: #ffffff; background: transparent; }
#totalsSmall { font-size: 17pt; }
#totalsDueCaption { font-size: 22pt; color: #ffc107; }
#totalsDue { font-size: 46pt; font-weight: bold; color: #ffc107; }
#keyBar QPushButton { font-size: 14pt; min-height: 52px; padding: 2px 6px; }
#keyBar QPushButton#payButton { background: #ffc107; font-weight: bold; border-color: #ff8f00; }

#counterDialog QLabel { font-size: 17pt; }
#counterDialog #dialogTitle { font-size: 26pt; font-weight: bold; }
#counterDialog #dialogNote { font-size: 15pt; color: #444444; }
#counterDialog #dialogProblem { font-size: 16pt; color: #b00020; font-weight: bold; }
#counterDialog #dialogScanNote { font-size: 15pt; color: #3d2600; background: #fff3cd;
                                 padding: 4px 10px; border-radius: 4px; }
#counterDialog QPushButton#primaryButton { background: #ffc107; font-weight: bold;
                                           border-color: #ff8f00; }
#counterDialog QPushButton#primaryButton:disabled { background: #f0e2b0; }
#counterDialog #bigFigure { font-size: 34pt; font-weight: bold; color: #111111; }
#counterDialog #changeFigure { font-size: 48pt; font-weight: bold; color: #1b7a2e; }
#counterDialog #doneMark { font-size: 40pt; font-weight: bold; color: #1b7a2e; }
#counterDialog #doneChange { font-size: 72pt; font-weight: bold; color: #1b7a2e; }
#counterDialog QListWidget::item { padding: 6px 8px; }
#counterDialog #figureCaption { font-size: 16pt; color: #444444; }
#counterDialog #methodButton { font-size: 18pt; min-height: 56px; min-width: 118px;
                               padding: 4px 10px; }
#counterDialog #methodButton:checked { background: #1d2733; color: #ffc107; }
#counterDialog #menuButton { font-size: 18pt; min-height: 64px; text-align: left;
                             padding: 6px 16px; }
#counterDialog QTableWidget, #counterDialog QListWidget { font-size: 17pt; }
#counterDialog QLineEdit#cellEdit { font-size: 17pt; min-height: 34px; padding: 0 6px; border-width: 1px; }
#counterDialog QDateEdit { font-size: 17pt; min-height: 44px; padding: 2px 8px; }
#counterDialog QComboBox { min-width: 170px; }
#counterDialog QTextBrowser { font-size: 14pt; background: #ffffff; }
#counterDialog #countEdit { font-size: 19pt; min-height: 40px; min-width: 100px; max-width: 120px; }
#counterDialog #figureLine { font-size: 20pt; color: #222222; }
#counterDialog #countAmount { font-size: 17pt; color: #333333; }
#counterDialog #varianceFigure { font-size: 22pt; font-weight: bold; color: #1b7a2e; }
#counterDialog #varianceFigure[off="true"] { color: #b00020; }
"""
