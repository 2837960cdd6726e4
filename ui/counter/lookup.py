"""Finding a product from what was typed or scanned (no Qt: runs on the "read" pool)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from app.catalogue import BarcodeHit, CatalogueService, ProductItem
from app.payment_codes import normalize_code

_CODE = re.compile(r"[0-9A-Za-z-]{1,32}")


@dataclass(frozen=True, slots=True)
class Found:
    """kind "hit": a barcode or short code (hit set); "product": the best search match
    (product set); "unknown": a code nobody knows (offer to add it); "none": no match."""

    kind: Literal["hit", "product", "unknown", "none"]
    text: str
    hit: BarcodeHit | None = None
    product: ProductItem | None = None


def scanned(catalogue: CatalogueService, text: str) -> Found:
    """A scan: only ever a code. Raises UserFacingError for a payment code, a wrong check
    digit or an unknown label-scale PLU."""
    code = normalize_code(text)
    hit = catalogue.lookup_barcode(code)
    if hit is not None:
        return Found("hit", code, hit=hit)
    return Found("unknown" if _CODE.fullmatch(code) else "none", code)


def typed(catalogue: CatalogueService, text: str) -> Found:
    """Enter in a search box: a code if it is one, else the top search match."""
    clean = normalize_code(text)
    if _CODE.fullmatch(clean):
        hit = catalogue.lookup_barcode(clean)
        if hit is not None:
            return Found("hit", clean, hit=hit)
    found = catalogue.search(clean, limit=1)
    if found:
        return Found("product", clean, product=found[0])
    if clean.isascii() and clean.isdigit() and len(clean) >= 8:
        return Found("unknown", clean)
    return Found("none", clean)
