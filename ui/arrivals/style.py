"""The Arrivals screen's style sheet: big figures for a leader among boxes at 5 am.

Set on the screen itself, on top of resources/style.qss (which it leaves alone).
"""
from __future__ import annotations

# Band colours by tone: background, text. Green counted, amber careful, red refused.
OK, WARN, STOP, INFO, IDLE = "ok", "warn", "stop", "info", "idle"
BAND_COLOURS: dict[str, tuple[str, str]] = {
    OK: ("#1b7a2e", "#ffffff"),
    WARN: ("#f2a900", "#1a1200"),
    STOP: ("#c62828", "#ffffff"),
    INFO: ("#1565c0", "#ffffff"),
    IDLE: ("#e3e7ec", "#333333"),
}
# Storage tags: ambient grey, chilled blue, frozen black (as on the bag labels).
ZONE_COLOURS: dict[str, tuple[str, str]] = {
    "ambient": ("#e0e0e0", "#111111"),
    "chilled": ("#0d47a1", "#ffffff"),
    "frozen": ("#111111", "#ffffff"),
}

_BANDS = "\n".join(
    f'#scanBand[tone="{tone}"] {{ background: {bg}; border-radius: 8px; }}\n'
    f'#scanBand[tone="{tone}"] QLabel {{ color: {fg}; background: transparent; }}'
    for tone, (bg, fg) in BAND_COLOURS.items()
)
_ZONES = "\n".join(
    f'#zoneTag[zone="{zone}"] {{ background: {bg}; color: {fg}; }}'
    for zone, (bg, fg) in ZONE_COLOURS.items()
)

ARRIVALS_QSS = _BANDS + "\n" + _ZONES + """
#deliveryCombo { font-size: 18pt; min-height: 50px; }
#deliveryCombo QAbstractItemView { font-size: 18pt; }
#checkState { font-size: 14pt; color: #333333; padding: 0 4px 4px 12px; }
#arrivalsTabs QTabBar::tab { font-size: 17pt; padding: 8px 20px; min-width: 110px; }
#arrivalsTabs QTabBar::tab:selected { background: #ffc107; color: #111111; font-weight: bold; }
#arrivalsTabs QTabBar::tab:disabled { color: #9aa0a6; }
#scanItem { font-size: 24pt; font-weight: bold; }
#scanCount { font-size: 40pt; font-weight: bold; min-width: 200px; }
#scanDetail { font-size: 16pt; }
#sheetTable, #allocTree { font-size: 16pt; }
#sheetTable::item, #allocTree::item { padding: 2px 6px; }
#sheetSummary, #allocSummary { font-size: 16pt; color: #111111; }
#keyHints { font-size: 14pt; color: #333333; background: #e3e7ec; padding: 6px 10px;
            border-radius: 4px; }
#primaryButton { background: #ffc107; border: 2px solid #ff8f00; font-weight: bold; }
#primaryButton:hover { background: #ffd54f; }
#primaryButton:disabled { background: #eeeeee; border-color: #b8bcc2; }
#ruleButton { font-size: 16pt; padding: 6px 14px; }
#ruleButton:checked { background: #1d2733; color: #ffffff; }
#ruleHint { font-size: 15pt; color: #333333; }
#allocProblem { font-size: 16pt; font-weight: bold; color: #b00020; }
#emptyNote { font-size: 20pt; color: #444444; }
#tile { background: #ffffff; border: 2px solid #c3c8cf; border-radius: 8px; }
#tileNumber { font-size: 40pt; font-weight: bold; color: #111111; }
#tileCaption { font-size: 15pt; color: #444444; }
#zoneTag { font-size: 16pt; font-weight: bold; padding: 2px 12px; border-radius: 4px; }
#zoneRow { font-size: 17pt; }
#slotText { font-size: 20pt; font-weight: bold; }
#claimLine { font-size: 16pt; }
#docCard { background: #ffffff; border: 2px solid #c3c8cf; border-radius: 8px; }
#docTitle { font-size: 20pt; font-weight: bold; }
#docNote { font-size: 14pt; color: #444444; }
#docSource { font-size: 17pt; font-weight: bold; }
#buildProgress { font-size: 15pt; min-height: 34px; }
#buildStatus { font-size: 16pt; }
#dialogHint { font-size: 15pt; color: #333333; }
#countSpin { font-size: 32pt; min-height: 70px; min-width: 200px; max-width: 260px; }
#problemSpin { font-size: 24pt; min-height: 56px; min-width: 150px; max-width: 200px; }
#shareEdit { font-size: 16pt; min-height: 0; padding: 0 4px; border-width: 2px; }
"""
