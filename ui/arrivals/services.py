"""The ReceivingService of a running window, built once per AppContext.

bootstrap() does not build it: the Arrivals screen asks here, and the service is kept in
`ctx.extras["arrivals"]` so every widget and the tests share one.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.arrivals import ReceivingService
from app.bootstrap import AppContext

EXTRAS_KEY = "arrivals"
DOCUMENTS_FOLDER = "documents"


def receiving_service(ctx: AppContext) -> ReceivingService:
    """The context's ReceivingService; made on first use (cheap: it opens nothing)."""
    service = ctx.extras.get(EXTRAS_KEY)
    if not isinstance(service, ReceivingService):
        service = ReceivingService(ctx.db, ctx.clock)
        ctx.extras[EXTRAS_KEY] = service
    return service


def documents_dir(ctx: AppContext) -> Path:
    """Where built documents are written before they are previewed, printed or saved (a
    reprint sends the same file again)."""
    return ctx.data_dir / DOCUMENTS_FOLDER


Run = Callable[..., None]
"""How an Arrivals widget runs work off the GUI thread: the screen's `run(fn, on_done, pool=,
context=)`, so every failure is shown the one way (ui.errors.show_error)."""
