"""Picking documents: the per-customer picking list and the bag labels (60x40) for 1,000
orders, as PDF bytes, against reportlab drawing the same strings with plain drawString calls
and no layout logic (bench.baselines.bare_documents).

The orders are the generated year's bagged orders, gathered from its busiest campaigns
(app.arrivals.picking_data.load_picking_data, not timed); the documents are
app/documents/picking_list.py and labels.py.
"""
from __future__ import annotations

import statistics
import time
from dataclasses import replace
from typing import Any

from bench.report import Env, Figure, Measured

ORDERS = 1_000

FIGURES = (
    Figure("picking_docs", "documents", "picking list + labels PDF for 1,000 orders", "s",
           "reportlab drawString of the same strings, no layout", 3.0),
)


def picking_data(env: Env, count: int = ORDERS) -> Any:
    """PickingData holding `count` bagged orders of the generated data (fewer on a small one)."""
    from sqlalchemy import func, select

    from app.arrivals.picking_data import load_picking_data
    from bench.generate import NOW
    from local_db.models import GroupOrder

    with env.db.read() as uow:
        campaigns = list(uow.session.scalars(
            select(GroupOrder.campaign_id).where(GroupOrder.bag_id.is_not(None))
            .group_by(GroupOrder.campaign_id).order_by(func.count().desc(), GroupOrder.campaign_id)
        ))
    first = None
    orders: list[Any] = []
    items: dict[int, Any] = {}
    for campaign_id in campaigns:
        data = load_picking_data(env.db, campaign_id=campaign_id, now=NOW,
                                 calendar=env.calendar, include_picked_up=True)
        first = first or data
        orders += [o for o in data.orders if o.bag_id and o.bags()]
        items.update({i.campaign_item_id: i for i in data.items})
        if len(orders) >= count:
            break
    if first is None:
        raise RuntimeError("the generated data has no bagged orders")
    return replace(first, orders=tuple(orders[:count]), items=tuple(items.values()))


def run(env: Env, figures: list[Figure]) -> dict[str, Measured]:
    try:
        from app.documents.labels import build_labels
        from app.documents.picking_list import build_picking_list
    except ImportError as exc:
        return {"picking_docs": Measured.unavailable(f"app/documents ({exc})")}
    from app.arrivals.doc_drawing import cjk_font
    from bench.baselines import bare_documents

    data = picking_data(env)
    font = cjk_font()
    bags = sum(len(o.bags()) for o in data.orders)
    m = Measured(label=f"build_picking_list + build_labels(60x40): {len(data.orders)} orders, "
                       f"{bags} bags")
    sizes: dict[str, int] = {}
    for n in range(env.repeat):
        start = time.perf_counter()
        picking = build_picking_list(data)
        labels = build_labels(data)
        middle = time.perf_counter()
        bare_picking, bare_labels = bare_documents(data.orders, font)
        end = time.perf_counter()
        m.ours.append(middle - start)
        m.base.append(end - middle)
        sizes = {"picking_list_kib": len(picking) // 1024, "labels_kib": len(labels) // 1024,
                 "bare_picking_kib": len(bare_picking) // 1024,
                 "bare_labels_kib": len(bare_labels) // 1024}
        env.log(f"picking_docs {n + 1}/{env.repeat}: {m.ours[-1]:.2f} s "
                f"(bare {m.base[-1]:.2f} s)")
    m.detail = {"orders": len(data.orders), "bags": bags, **sizes,
                "ours_s_spread": [round(min(m.ours), 3), round(max(m.ours), 3)],
                "bare_s_median": round(statistics.median(m.base), 3)}
    return {"picking_docs": m}
