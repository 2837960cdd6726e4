"""The ReportService of a running window, built once per AppContext.

bootstrap() does not build it: the Reports screen asks here, and the service is kept in
`ctx.extras["reports"]` so every widget and the tests share one (with the reorder options it
has loaded).
"""
from __future__ import annotations

from collections.abc import Callable

from app.bootstrap import AppContext
from app.reports import ReportService

EXTRAS_KEY = "reports"
EXPORTS_FOLDER = "exports"


def report_service(ctx: AppContext) -> ReportService:
    """The context's ReportService; made on first use (cheap: it opens nothing)."""
    service = ctx.extras.get(EXTRAS_KEY)
    if not isinstance(service, ReportService):
        service = ReportService(ctx.db, ctx.clock, ctx.calendar, ctx.settings,
                                data_dir=ctx.data_dir)
        ctx.extras[EXTRAS_KEY] = service
    return service


Run = Callable[..., None]
"""How a Reports widget runs work off the GUI thread: the screen's `run_task(fn, on_done,
pool=, context=, failed=)`, so every failure is shown the one way (ui.errors.show_error);
`failed()` lets the widget tidy up (hide its "counting…" hint) first."""

Notify = Callable[[str, str], None]
"""The screen's show_notice(text, level)."""
