"""Arrivals and picking (到货验收, 分拣): check a delivery, share out shortages, bag the ready
orders, and gather what the totals list, picking list and bag labels print.

The Arrivals screen uses `ReceivingService` and `load_picking_data`; the documents are in
`app.documents.totals_list`, `app.documents.picking_list` and `app.documents.labels`.
"""
from __future__ import annotations

from app.arrivals.allocation import DEFAULT_RULE, RULE_NAMES, RULES, AllocationError
from app.arrivals.picking_data import (
    SORT_NAMES,
    SORTS,
    ItemTotal,
    PickBag,
    PickingData,
    PickItem,
    PickLine,
    PickOrder,
    case_breakdown,
    load_picking_data,
    sort_orders,
)
from app.arrivals.receiving import ArrivalClosed, ReceivingService, UnknownBarcode
from app.arrivals.sheet import (
    AllocationPlan,
    ArrivalLineView,
    ArrivalSheet,
    CampaignDelivery,
    ClaimView,
    ItemBalance,
    ItemShortage,
    ShareView,
    SignOffResult,
)
from app.arrivals.shelving import ZONE_LETTER, ZONE_NAME, ZONES, ShelfSlot, format_slot, parse_slot

__all__ = [
    "DEFAULT_RULE",
    "RULES",
    "RULE_NAMES",
    "SORTS",
    "SORT_NAMES",
    "ZONES",
    "ZONE_LETTER",
    "ZONE_NAME",
    "AllocationError",
    "AllocationPlan",
    "ArrivalClosed",
    "ArrivalLineView",
    "ArrivalSheet",
    "CampaignDelivery",
    "ClaimView",
    "ItemBalance",
    "ItemShortage",
    "ItemTotal",
    "PickBag",
    "PickItem",
    "PickLine",
    "PickOrder",
    "PickingData",
    "ReceivingService",
    "ShareView",
    "ShelfSlot",
    "SignOffResult",
    "UnknownBarcode",
    "case_breakdown",
    "format_slot",
    "load_picking_data",
    "parse_slot",
    "sort_orders",
]
