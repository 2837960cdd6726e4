"""What the receiving service hands the Arrivals screen: plain, frozen dataclasses."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class ArrivalLineView:
    """One campaign item on the delivery check sheet (到货验收单)."""

    campaign_item_id: int
    name: str
    spec: str
    barcode: str | None
    storage: str  # ambient, chilled, frozen
    case_pack: int | None
    qty_expected: int  # still owed to this station's orders before this delivery
    qty_received: int  # good pieces counted on this delivery
    qty_damaged: int
    qty_missing: int
    reason: str
    photo_path: str | None
    qty_received_before: int  # good pieces from earlier deliveries (trucks) of the campaign

    @property
    def qty_to_come(self) -> int:
        """Pieces neither counted nor declared missing or damaged: a later truck's, if any."""
        return max(0, self.qty_expected - self.qty_received - self.qty_damaged - self.qty_missing)

    @property
    def qty_over(self) -> int:
        """Pieces beyond what the orders need (the platform sent too many)."""
        return max(0, self.qty_received + self.qty_damaged + self.qty_missing - self.qty_expected)

    @property
    def complete(self) -> bool:
        return self.qty_to_come == 0


@dataclass(frozen=True, slots=True)
class ArrivalSheet:
    """A delivery being checked, or one already signed off."""

    arrival_id: int
    arrival_uuid: str
    campaign_id: int
    campaign_title: str
    pickup_date: date | None
    truck_no: int  # 1 for the first delivery of the campaign, 2 for a second truck...
    started_at: datetime  # aware UTC; for a signed delivery, when it was signed off
    signed_off: bool
    staff_name: str
    allocation_rule: str
    note: str
    lines: tuple[ArrivalLineView, ...]

    def line(self, campaign_item_id: int) -> ArrivalLineView:
        for line in self.lines:
            if line.campaign_item_id == campaign_item_id:
                return line
        raise KeyError(campaign_item_id)

    @property
    def has_problems(self) -> bool:
        return any(line.qty_damaged or line.qty_missing for line in self.lines)


@dataclass(frozen=True, slots=True)
class CampaignDelivery:
    """A campaign whose goods this station is waiting for (for the screen's list)."""

    campaign_id: int
    title: str
    pickup_date: date | None
    orders_waiting: int
    open_arrival_id: int | None  # a check started and not signed off yet
    deliveries_signed: int


@dataclass(frozen=True, slots=True)
class ShareView:
    """One order line that loses pieces (or could, for a manual allocation)."""

    order_line_id: int
    order_id: int
    pickup_code: str
    customer_name: str
    phone_tail: str
    placed_at: datetime  # aware UTC
    qty_ordered: int
    capacity: int  # pieces it can still lose
    qty_short: int  # pieces it loses under the plan


@dataclass(frozen=True, slots=True)
class ItemShortage:
    """An item with damaged or missing pieces on this delivery, and who goes without."""

    campaign_item_id: int
    name: str
    qty_damaged: int
    qty_missing: int
    qty_short: int  # shared out among the orders below
    qty_not_shared: int  # damaged or missing beyond what any waiting order needs
    candidates: tuple[ShareView, ...]  # every waiting line, latest order first

    @property
    def shares(self) -> tuple[ShareView, ...]:
        return tuple(c for c in self.candidates if c.qty_short)


@dataclass(frozen=True, slots=True)
class AllocationPlan:
    rule: str
    items: tuple[ItemShortage, ...]

    @property
    def total_short(self) -> int:
        return sum(item.qty_short for item in self.items)

    def shares_by_line(self) -> dict[int, int]:
        return {s.order_line_id: s.qty_short for item in self.items for s in item.shares}


@dataclass(frozen=True, slots=True)
class ClaimView:
    claim_uuid: str
    campaign_item_id: int
    item_name: str
    kind: str  # short, damaged
    qty: int
    reason: str
    photo_path: str | None


@dataclass(frozen=True, slots=True)
class ItemBalance:
    """After a sign-off: pieces still owed by the platform, or sent beyond the orders."""

    campaign_item_id: int
    name: str
    still_to_come: int
    surplus: int


@dataclass(frozen=True, slots=True)
class SignOffResult:
    arrival_id: int
    arrival_uuid: str
    campaign_id: int
    signed_at: datetime  # aware UTC
    plan: AllocationPlan
    ready_order_ids: tuple[int, ...]  # orders this delivery made ready
    orders_still_waiting: int
    claims: tuple[ClaimView, ...]
    balances: tuple[ItemBalance, ...]  # only items with something still to come or surplus
