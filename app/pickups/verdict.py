"""What the Pickup screen shows after a scan, and what a hand-out or undo returns.

Plain frozen dataclasses, built inside a read or write unit of work and safe to hand to the
GUI thread. Times are aware UTC; the screen turns them into the store's local time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.errors import UserFacingError
from app.i18n import Text


class VerdictState(StrEnum):
    """The answer to "may this bag go out?", one colour and headline each."""

    READY = "ready"  # arrived, nothing handed out yet: hand it out
    PARTLY_PICKED = "partly_picked"  # some handed out before; the rest can go now
    ALREADY_PICKED = "already_picked"  # everything handed out (when, by whom, what)
    NOT_ARRIVED = "not_arrived"  # the delivery has not been checked in yet
    ALL_SHORT = "all_short"  # arrived, but every item was short: nothing to hand out
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    WITHDRAWN = "withdrawn"  # the platform deleted the order (or its campaign)
    WRONG_STATION = "wrong_station"  # a genuine code for another pickup point
    FORGED = "forged"  # the signature does not match: do not hand out
    DAMAGED = "damaged"  # a cut-off or garbled code: scan again
    UNKNOWN_KEY = "unknown_key"  # signed with a key this station lacks (or the platform retired)
    NOT_DOWNLOADED = "not_downloaded"  # genuine code, order not in this database yet
    NOT_FOUND = "not_found"  # an 8-digit code or phone ending with no waiting order here
    NOT_A_PICKUP_CODE = "not_a_pickup_code"
    CHOICE = "choice"  # several orders match (phone ending): pick one, ask "张**?"
    BAG_LABEL = "bag_label"  # a bag's own label: confirms a bag, is no pickup credential


class Tone(StrEnum):
    """How the screen colours a verdict."""

    OK = "ok"  # green: hand it out
    WARN = "warn"  # amber: not now, but nothing is wrong with the customer
    STOP = "stop"  # red: do not hand out
    INFO = "info"  # neutral: a question or a hint


HANDABLE_STATES = frozenset({VerdictState.READY, VerdictState.PARTLY_PICKED})

TONES: dict[VerdictState, Tone] = {
    VerdictState.READY: Tone.OK,
    VerdictState.PARTLY_PICKED: Tone.OK,
    VerdictState.ALREADY_PICKED: Tone.STOP,
    VerdictState.NOT_ARRIVED: Tone.WARN,
    VerdictState.ALL_SHORT: Tone.WARN,
    VerdictState.CANCELLED: Tone.STOP,
    VerdictState.REFUNDED: Tone.STOP,
    VerdictState.WITHDRAWN: Tone.STOP,
    VerdictState.WRONG_STATION: Tone.STOP,
    VerdictState.FORGED: Tone.STOP,
    VerdictState.DAMAGED: Tone.WARN,
    VerdictState.UNKNOWN_KEY: Tone.WARN,
    VerdictState.NOT_DOWNLOADED: Tone.WARN,
    VerdictState.NOT_FOUND: Tone.WARN,
    VerdictState.NOT_A_PICKUP_CODE: Tone.INFO,
    VerdictState.CHOICE: Tone.INFO,
    VerdictState.BAG_LABEL: Tone.INFO,
}

STORAGE_NAMES: dict[str, Text] = {
    "ambient": Text("常温", "Ambient"),
    "chilled": Text("冷藏", "Chilled"),
    "frozen": Text("冷冻", "Frozen"),
}


def storage_name(storage: str) -> Text:
    return STORAGE_NAMES.get(storage, Text(storage, storage))


def storages_of(lines: Iterable[VerdictLine]) -> tuple[str, ...]:
    """Where the goods still to hand out are kept (ambient, chilled, frozen), coldest last."""
    present = {line.storage for line in lines if line.to_hand_out > 0}
    known = [s for s in STORAGE_NAMES if s in present]
    return tuple(known + sorted(present - set(known)))


@dataclass(frozen=True, slots=True)
class VerdictLine:
    """One item of the order. to_hand_out = ordered - short - picked (never below 0)."""

    order_line_id: int
    item_name: str
    spec: str
    storage: str  # ambient, chilled, frozen
    ordered: int
    short: int
    picked: int
    to_hand_out: int


@dataclass(frozen=True, slots=True)
class PickupLineRecord:
    order_line_id: int
    item_name: str
    qty: int


@dataclass(frozen=True, slots=True)
class PickupRecord:
    """An earlier hand-out of an order: when, by whom, what, and whether it was undone."""

    pickup_id: int
    pickup_uuid: str
    order_id: int
    order_no: str
    customer: str  # masked: 张**
    phone_tail: str
    at: datetime
    staff_name: str
    method: str
    proxy_note: str | None
    bag_confirmed: bool
    lines: tuple[PickupLineRecord, ...]
    undone: bool
    undone_at: datetime | None
    undo_until: datetime  # the undo window closes then (an owner may undo later)

    @property
    def items(self) -> int:
        return sum(line.qty for line in self.lines)


@dataclass(frozen=True, slots=True)
class OrderChoice:
    """One order of a CHOICE verdict; open it with PickupService.verdict_for_order."""

    order_id: int
    order_no: str
    customer: str  # masked
    phone_tail: str
    campaign_title: str
    items: int  # pieces still to hand out (or expected, if not arrived)
    shelf_slot: str | None
    state: VerdictState
    label: Text  # "张** · 尾号1234 · 3件 · 货架A-03"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The answer to one scan or typed code, for the Pickup screen to show big and in colour.

    Order fields are None when no order is known (a forged code, a bag label of an unknown
    bag). `warning` is set when the pickup deadline has passed: it is shown, it does not
    refuse (the platform cancels or refunds through sync if it wants to).
    """

    state: VerdictState
    headline: Text
    detail: Text
    method: str | None = None  # how the order was found: qr, code, phone, manual
    order_id: int | None = None
    order_no: str | None = None
    customer: str | None = None  # masked: 张**
    phone_tail: str | None = None
    campaign_title: str | None = None
    lines: tuple[VerdictLine, ...] = ()
    shelf_slot: str | None = None
    bag_id: str | None = None
    deadline: datetime | None = None
    deadline_passed: bool = False
    warning: Text | None = None
    withdrawn: bool = False
    note: str = ""  # the customer's order note, if the platform gave one
    pickups: tuple[PickupRecord, ...] = ()  # earlier hand-outs, undone ones included
    choices: tuple[OrderChoice, ...] = ()
    more_choices: bool = False  # CHOICE: more orders matched than are listed

    @property
    def tone(self) -> Tone:
        return TONES[self.state]

    @property
    def can_hand_out(self) -> bool:
        return self.state in HANDABLE_STATES

    @property
    def items_to_hand_out(self) -> int:
        return sum(line.to_hand_out for line in self.lines)

    @property
    def storages(self) -> tuple[str, ...]:
        """Where the remaining goods are kept (ambient, chilled, frozen), coldest last."""
        return storages_of(self.lines)


@dataclass(frozen=True, slots=True)
class HandedLine:
    order_line_id: int
    item_name: str
    storage: str
    qty: int
    remaining: int  # still to hand out on this line after this hand-out


@dataclass(frozen=True, slots=True)
class HandoutResult:
    """A hand-out that is saved (durably) and queued for upload."""

    pickup_id: int
    pickup_uuid: str
    order_id: int
    order_no: str
    customer: str  # masked
    lines: tuple[HandedLine, ...]
    fulfilment: str  # partial or collected
    remaining: int  # pieces of the whole order still to hand out after this one
    at: datetime
    undo_until: datetime
    bag_confirmed: bool
    proxy_note: str | None
    event_id: str
    warning: Text | None  # deadline passed: handed out anyway
    message: Text

    @property
    def items(self) -> int:
        return sum(line.qty for line in self.lines)


@dataclass(frozen=True, slots=True)
class UndoResult:
    undo_id: int
    undo_uuid: str
    pickup_id: int
    order_id: int
    order_no: str
    lines: tuple[PickupLineRecord, ...]
    fulfilment: str  # ready or partial again
    at: datetime
    approver_id: int | None
    event_id: str
    message: Text


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One code of a batch hand-out: its verdict, and the hand-out or why there was none."""

    text: str
    verdict: Verdict
    result: HandoutResult | None
    error: Text | None

    @property
    def ok(self) -> bool:
        return self.result is not None


class PickupRefused(UserFacingError):
    """A hand-out or undo was refused; nothing was written. `reason` is for the screen's
    logic (e.g. wrong_bag flashes the bag), `message` for the person at the counter."""

    def __init__(self, reason: str, zh: str, en: str) -> None:
        super().__init__(zh, en, code="pickup_refused")
        self.reason = reason
