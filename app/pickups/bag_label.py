"""The bag label's QR: the bag's own id, which confirms the right bag goes out.

It is not a pickup credential (anyone can photograph the shelf), so the Pickup screen only
uses it to check a hand-out. Text: "BAG:" + the bag id as an uppercase UUID, e.g.
"BAG:3F2504E0-4F89-11D3-9A0C-0305E82C3301" (40 characters). Uppercase letters, digits,
':' and '-' are all in the QR alphanumeric set, so the code stays small, and a scanner
typing with Caps Lock on gives the same text. The database keeps the canonical lowercase
UUID in group_order.bag_id (`new_bag_id()` makes one).
"""

from __future__ import annotations

import unicodedata
import uuid

BAG_LABEL_PREFIX = "BAG:"
_MAX_LABEL_LENGTH = 80  # a real label is 40 characters


def new_bag_id() -> str:
    """A fresh bag id in the form group_order.bag_id keeps (canonical lowercase UUID)."""
    return str(uuid.uuid4())


def bag_label_text(bag_id: str) -> str:
    """The text to put in the bag label's QR code for `bag_id`."""
    return BAG_LABEL_PREFIX + canonical_bag_id(bag_id).upper()


def canonical_bag_id(bag_id: str) -> str:
    """A bag id as stored; ValueError if it is not a UUID."""
    return str(uuid.UUID(bag_id.strip()))


def looks_like_bag_label(text: str) -> bool:
    """Cheap routing test: does this scan start like a bag label?"""
    return isinstance(text, str) and _clean(text)[: len(BAG_LABEL_PREFIX)] == BAG_LABEL_PREFIX


def parse_bag_label(text: str, *, allow_bare: bool = False) -> str | None:
    """The bag id a scanned label carries, or None if the text is not a well-formed label.

    allow_bare: also take a bare UUID (a bag id passed on by the screen, or typed from the
    label's small print). The Pickup screen's router leaves it off, so only a real label
    scan is ever taken for a bag.
    """
    if not isinstance(text, str) or len(text) > _MAX_LABEL_LENGTH:
        return None
    cleaned = _clean(text)
    if cleaned.startswith(BAG_LABEL_PREFIX):
        cleaned = cleaned[len(BAG_LABEL_PREFIX) :]
    elif not allow_bare:
        return None
    # uuid.UUID also takes braces and a "urn:uuid:" prefix; insist on the 36-character form.
    if len(cleaned) != 36:
        return None
    try:
        return canonical_bag_id(cleaned)
    except ValueError:
        return None


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text[: _MAX_LABEL_LENGTH * 2]).strip().upper()
