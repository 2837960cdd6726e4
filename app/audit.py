"""The audit log: who did what and when, with the before and after, for the owner to read.

Append-only, written in the same transaction as the change it describes. It must never
hold a customer's personal data: fields that carry a name, a phone number or an address are
left out, and anything in the remaining values that looks like a mobile number is masked.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy.orm import Session

from local_db.models import AuditLog

PERSONAL_KEYS = frozenset(
    {
        "phone",
        "phone_tail",
        "mobile",
        "customer_phone",
        "customer_name",
        "building_room",
        "address",
        "id_card",
    }
)
"""Keys dropped from before/after wherever they appear (nested too)."""

MASK = "[removed]"
# A mainland mobile number (11 digits from 13x-19x, maybe written 138-0013-8000 or with
# +86), not inside a longer digit run such as an EAN-13 barcode.
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")


def record_audit(
    session: Session,
    *,
    at: datetime,
    staff_id: int | None,
    action: str,
    entity: str = "",
    entity_id: str | int = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    approver_id: int | None = None,
) -> int:
    """Append one audit entry in the caller's transaction; returns its id.

    `action` is a short code such as "refund", "price_override", "pickup_undo";
    `entity`/`entity_id` name what it touched ("sale", a sale's uuid). Customer names,
    phone numbers and addresses never reach the log, even if passed in before/after.
    """
    if at.tzinfo is None:
        raise ValueError("pass an aware datetime (UTC); the audit log stores naive UTC")
    if not action or len(action) > 40:
        raise ValueError("action must be 1-40 characters")
    entity_text = str(entity_id)
    if len(entity) > 30 or len(entity_text) > 40:
        raise ValueError("entity is at most 30 characters and entity_id at most 40")
    row = AuditLog(
        at=at.astimezone(UTC).replace(tzinfo=None),
        staff_id=staff_id,
        approver_id=approver_id,
        action=action,
        entity=entity,
        entity_id=_scrub(entity_text),
        before=_clean(before),
        after=_clean(after),
    )
    session.add(row)
    session.flush()
    return row.id


def _clean(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    cleaned = _scrub(to_jsonable_python(dict(values)))
    assert isinstance(cleaned, dict)
    return cleaned


def _scrub(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            str(key): _scrub(item)
            for key, item in value.items()
            if str(key).lower() not in PERSONAL_KEYS
        }
    if isinstance(value, list):
        return [_scrub(item) for item in value]
    if isinstance(value, str):
        return _MOBILE.sub(MASK, value)
    if isinstance(value, int) and not isinstance(value, bool) and _MOBILE.fullmatch(str(value)):
        return MASK
    return value
