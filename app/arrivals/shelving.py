"""Bags and shelf slots: where a ready order waits for its customer.

One bag per storage zone. Goods that must stay cold cannot share a bag with goods on the
room-temperature shelf, so an order with ambient and chilled items is packed as two bags:
one on the ambient shelf (A), one in the fridge (C); frozen goods go to the freezer (F).

One number per order. Every bag of an order carries the same number, with its zone letter:
order 17 with milk and rice is A-017 on the shelf and C-017 in the fridge. The customer and
the leader remember one number ("17号"), and the pickup verdict's slot `A/C-017` says at a
glance which zones to walk to. The order's `shelf_slot` column holds that text; its
`bag_id` is the one id every bag label of the order carries in its QR code (the bag label
is not a pickup credential: it only confirms the right bag is going out).

Numbers are the lowest ones no bag on the shelf holds now (an order ready or partly picked
up), so the shelf stays compact and a number frees up when its bag is collected. Two
campaigns arriving on the same day share the numbering, because they share the shelf.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

ZONES: tuple[str, ...] = ("ambient", "chilled", "frozen")
"""Storage zones in shelf order."""

ZONE_LETTER = {"ambient": "A", "chilled": "C", "frozen": "F"}
ZONE_NAME = {"ambient": ("常温", "Ambient"), "chilled": ("冷藏", "Chilled"),
             "frozen": ("冷冻", "Frozen")}
_LETTER_ZONE = {letter: zone for zone, letter in ZONE_LETTER.items()}

ON_SHELF = ("ready", "partial")
"""Fulfilment states whose bags are still on the shelf, holding their number."""

_SLOT = re.compile(r"^([ACF](?:/[ACF]){0,2})-(\d+)$")


def zone_of(storage: str | None) -> str:
    """A campaign item's storage as one of ZONES (anything unknown is kept at room temperature)."""
    return storage if storage in ZONE_LETTER else "ambient"


def zone_name_zh(zone: str) -> str:
    return ZONE_NAME[zone_of(zone)][0]


def sorted_zones(zones: Iterable[str]) -> tuple[str, ...]:
    present = {zone_of(z) for z in zones}
    return tuple(z for z in ZONES if z in present)


@dataclass(frozen=True, slots=True)
class ShelfSlot:
    """An order's bag number and the zones its bags are in."""

    number: int
    zones: tuple[str, ...]

    @property
    def text(self) -> str:
        """What `group_order.shelf_slot` holds: "A-017", "A/C-017", "A/C/F-017"."""
        letters = "/".join(ZONE_LETTER[z] for z in self.zones)
        return f"{letters}-{self.number:03d}"

    def bag_slot(self, zone: str) -> str:
        """The slot printed on one bag: "C-017"."""
        return f"{ZONE_LETTER[zone_of(zone)]}-{self.number:03d}"

    @property
    def bag_slots(self) -> tuple[str, ...]:
        return tuple(self.bag_slot(z) for z in self.zones)


def format_slot(number: int, zones: Iterable[str]) -> str:
    ordered = sorted_zones(zones)
    if number < 1 or not ordered:
        raise ValueError("a shelf slot needs a number from 1 and at least one zone")
    return ShelfSlot(number, ordered).text


def parse_slot(text: str | None) -> ShelfSlot | None:
    """The slot in `group_order.shelf_slot`, or None when the order has no bag (yet)."""
    if not text:
        return None
    match = _SLOT.match(text.strip())
    if match is None:
        return None
    zones = sorted_zones(_LETTER_ZONE[letter] for letter in match.group(1).split("/"))
    return ShelfSlot(int(match.group(2)), zones)


def free_numbers(occupied: Iterable[int]) -> Iterator[int]:
    """The bag numbers not taken, lowest first, for as many bags as the caller takes."""
    taken = set(occupied)
    number = 1
    while True:
        if number not in taken:
            yield number
        number += 1
