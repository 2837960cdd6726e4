"""The Pickup screen's style sheet: big type for a queue at 5 pm, colour by tone.

Set on the screen itself, on top of resources/style.qss (which it leaves alone).
"""
from __future__ import annotations

from ui.pickup.formatting import BAND_COLOURS

_BANDS = "\n".join(
    f'#verdictBand[tone="{tone}"] {{ background: {bg}; border-radius: 8px; }}\n'
    f'#verdictBand[tone="{tone}"] QLabel {{ color: {fg}; background: transparent; }}'
    for tone, (bg, fg) in BAND_COLOURS.items()
)

PICKUP_QSS = _BANDS + """
#pickupEntry { font-size: 24pt; min-height: 56px; padding: 2px 12px; }
#pickupTabs QTabBar::tab { font-size: 17pt; padding: 8px 22px; min-width: 120px; }
#pickupTabs QTabBar::tab:selected { background: #ffc107; color: #111111; font-weight: bold; }
#verdictMark { font-size: 44pt; font-weight: bold; min-width: 60px; }
#verdictHeadline { font-size: 28pt; font-weight: bold; }
#verdictDetail { font-size: 17pt; }
#verdictAlarm {
    font-size: 22pt; font-weight: bold; color: #ffffff; background: #b00020;
    border: 4px solid #5f0010; border-radius: 8px; padding: 10px 14px;
}
#verdictWarning {
    font-size: 17pt; font-weight: bold; color: #3d2600; background: #ffe08a;
    border-left: 8px solid #b26a00; padding: 6px 12px;
}
#shelfBox { background: #ffffff; border: 3px solid #1d2733; border-radius: 8px; }
#shelfCaption { font-size: 15pt; color: #444444; }
#shelfSlot { font-size: 72pt; font-weight: bold; color: #111111; }
#shelfSlot[long="true"] { font-size: 30pt; }
#storageTag { font-size: 16pt; font-weight: bold; padding: 2px 10px; border-radius: 4px;
              color: #111111; background: #e0e0e0; }
#storageTag[storage="chilled"] { color: #ffffff; background: #0d47a1; }
#storageTag[storage="frozen"] { color: #ffffff; background: #111111; }
#bagId { font-size: 13pt; color: #555555; }
#factName { font-size: 15pt; color: #555555; }
#factValue { font-size: 20pt; font-weight: bold; color: #111111; }
#lineHeader { font-size: 14pt; font-weight: bold; color: #444444; }
#lineName { font-size: 18pt; color: #111111; }
#lineNumber { font-size: 18pt; color: #111111; }
#lineNumber[alert="true"] { color: #c62828; font-weight: bold; }
#lineTodo { font-size: 20pt; font-weight: bold; color: #111111; }
#lineName[done="true"], #lineNumber[done="true"], #lineTodo[done="true"] { color: #9aa0a6; }
#lineQty { font-size: 20pt; min-width: 96px; }
#earlierPickups { font-size: 17pt; color: #111111; background: #fff4f4;
                  border-left: 8px solid #c62828; padding: 8px 12px; }
#resultLines { font-size: 22pt; color: #111111; padding: 6px 4px; }
#idlePrompt { font-size: 22pt; color: #444444; }
#keyHints { font-size: 14pt; color: #333333; background: #e3e7ec; padding: 6px 10px;
            border-radius: 4px; }
#choiceList { font-size: 21pt; }
#choiceList::item { padding: 12px 8px; border-bottom: 1px solid #d0d4da; }
#choiceList::item:selected { background: #ffc107; color: #111111; }
#cameraPreview { background: #1d2733; }
#cameraStatus { font-size: 14pt; color: #333333; }
#panelSummary { font-size: 18pt; font-weight: bold; }
#batchResultOk { color: #1b7a2e; }
#batchResultBad { color: #c62828; }
"""
