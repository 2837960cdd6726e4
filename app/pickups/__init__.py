"""Pickups (核销): verify a customer's code, hand the bag out, undo, and chase the shelf.

The Pickup screen uses `PickupService`; the bag label format is in `bag_label`.
"""

from __future__ import annotations

from app.pickups.bag_label import BAG_LABEL_PREFIX, bag_label_text, new_bag_id, parse_bag_label
from app.pickups.lists import WaitingOrder
from app.pickups.masking import mask_name
from app.pickups.service import PickupService
from app.pickups.verdict import (
    BatchItem,
    HandedLine,
    HandoutResult,
    OrderChoice,
    PickupLineRecord,
    PickupRecord,
    PickupRefused,
    Tone,
    UndoResult,
    Verdict,
    VerdictLine,
    VerdictState,
)
from app.pickups.verifier import route_input

__all__ = [
    "BAG_LABEL_PREFIX",
    "BatchItem",
    "HandedLine",
    "HandoutResult",
    "OrderChoice",
    "PickupLineRecord",
    "PickupRecord",
    "PickupRefused",
    "PickupService",
    "Tone",
    "UndoResult",
    "Verdict",
    "VerdictLine",
    "VerdictState",
    "WaitingOrder",
    "bag_label_text",
    "mask_name",
    "new_bag_id",
    "parse_bag_label",
    "route_input",
]
