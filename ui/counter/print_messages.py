"""What the person at the counter is told after printing (or saving) something."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.counter.printing import PrintOutcome


def outcome_text(outcome: PrintOutcome) -> str:
    if outcome.via == "escpos":
        return QCoreApplication.translate("CounterPrint", "Printed on the receipt printer.")
    if outcome.via == "file":
        return QCoreApplication.translate("CounterPrint", "Saved as {0}").format(outcome.path)
    return QCoreApplication.translate("CounterPrint", "Sent to the printer.")


def print_failed_text(detail: str) -> str:
    return QCoreApplication.translate(
        "CounterPrint", "The receipt did not print: {0} The sale is saved; reprint it with F10."
    ).format(detail)
