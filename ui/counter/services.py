"""The counter's services and receipt printer of a running window, built once per AppContext.

bootstrap() does not build them: the Counter screen asks here, and they are kept in
`ctx.extras` so every widget, dialog and test shares the same ones.
"""
from __future__ import annotations

import threading

from app.bootstrap import AppContext
from app.counter_services import CounterServices
from app.devices.printers.escpos_printer import EscposPrinter

EXTRAS_KEY = "counter"
PRINTER_KEY = "counter_printer"
_lock = threading.Lock()


def counter_services(ctx: AppContext) -> CounterServices:
    """The context's CounterServices; made on first use (cheap: it opens nothing)."""
    services = ctx.extras.get(EXTRAS_KEY)
    if not isinstance(services, CounterServices):
        services = CounterServices.build(ctx.db, ctx.clock, ctx.calendar, ctx.settings)
        ctx.extras[EXTRAS_KEY] = services
    return services


def escpos_printer(ctx: AppContext) -> EscposPrinter:
    """The receipt printer for the current settings, kept while they stay the same.

    One instance per printer, so its lock keeps a drawer kick out of the middle of a receipt
    (and the dummy printer of the tests keeps what it printed). Safe from worker threads.
    """
    s = ctx.settings
    key = (s.printer_kind, s.printer_target, s.receipt_width_mm, s.language)
    with _lock:
        cached = ctx.extras.get(PRINTER_KEY)
        if isinstance(cached, tuple) and cached[0] == key:
            return cached[1]
        printer = EscposPrinter.from_settings(s)
        ctx.extras[PRINTER_KEY] = (key, printer)
        return printer
