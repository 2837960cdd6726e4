"""The PickupService of a running window, built once per AppContext.

bootstrap() does not build it (yet): the Pickup screen asks here, and the service is kept in
`ctx.extras["pickups"]` so every widget and the tests share one.
"""
from __future__ import annotations

from collections.abc import Callable

from app.bootstrap import AppContext
from app.pickups import PickupService

EXTRAS_KEY = "pickups"


def pickup_service(ctx: AppContext) -> PickupService:
    """The context's PickupService; made on first use (cheap: it opens nothing)."""
    service = ctx.extras.get(EXTRAS_KEY)
    if not isinstance(service, PickupService):
        service = PickupService(ctx.db, ctx.clock, ctx.calendar, ctx.settings)
        ctx.extras[EXTRAS_KEY] = service
    return service


Run = Callable[..., None]
"""How a Pickup widget runs work off the GUI thread: the screen's `run(fn, on_done, pool=,
context=)`, so every failure is shown the one way (ui.errors.show_error)."""
