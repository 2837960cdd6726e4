"""The sign-off of a delivery: one transaction from counts to ready bags and claims.

How the pieces are shared out, per item:
- good pieces on hand = received on every signed delivery of the campaign, this one
  included, less what orders already bagged (ready or picked up) hold;
- the damaged and missing pieces entered on this delivery are shared among the orders
  still waiting, by the allocation rule, but never more than those orders need beyond the
  good pieces on hand (damage on a box the platform sent too many of takes nobody's goods);
- then the waiting orders are filled from the good pieces, earliest order first: an order
  whose every line is covered becomes ready, gets a bag id and a shelf slot; one that still
  misses something waits for the next truck (its pieces stay on hand for it);
- an order whose every line went short has nothing to hand out: it is ready without a bag,
  and its pickup verdict shows the shortage (the platform refunds it).
Each item with damaged or missing pieces gets a claim (售后) per kind for the platform.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.actors import Actor
from app.arrivals.allocation import AllocationError, Candidate, allocate
from app.arrivals.queries import (
    active_orders,
    campaign_items,
    committed_quantities,
    earlier_totals,
    ensure_lines,
    expected_quantities,
    naive_utc,
)
from app.arrivals.sheet import (
    AllocationPlan,
    ClaimView,
    ItemBalance,
    ItemShortage,
    ShareView,
    SignOffResult,
)
from app.arrivals.shelving import ON_SHELF, format_slot, free_numbers, parse_slot, zone_of
from app.audit import record_audit
from app.clock import as_utc
from app.errors import UserFacingError
from app.pickups.bag_label import new_bag_id
from local_db.models import (
    Arrival,
    CampaignItem,
    Claim,
    GroupOrder,
    GroupOrderLine,
)
from sync.outbox import write_event
from sync.protocol.common import AllocationRule, ClaimKind
from sync.protocol.events_groupbuy import (
    ArrivalEvent,
    ArrivalLineData,
    ShortageClaimEvent,
    ShortAllocationData,
)


@dataclass
class _Count:
    expected: int
    received: int
    damaged: int
    missing: int
    reason: str
    photo_path: str | None


@dataclass
class _Work:
    """Everything the plan is made from, loaded once in the caller's session."""

    items: dict[int, CampaignItem]
    counts: dict[int, _Count]
    waiting: list[GroupOrder]  # active orders still waiting for goods, earliest first
    on_hand: dict[int, int]  # good pieces not yet bagged, per item
    plan: AllocationPlan
    shares: dict[int, int] = field(default_factory=dict)  # order_line_id -> pieces short


def build_plan(
    session: Session,
    arrival: Arrival,
    *,
    rule: str,
    manual: Mapping[int, int] | None,
    rest_missing: bool,
    check_manual: bool = True,
) -> AllocationPlan:
    """The allocation the sign-off would make now (read-only)."""
    return _work(session, arrival, rule=rule, manual=manual, rest_missing=rest_missing,
                 check_manual=check_manual).plan


def sign_off_arrival(
    session: Session,
    arrival: Arrival,
    *,
    actor: Actor,
    staff_uuid: str,
    now: datetime,
    rule: AllocationRule,
    manual: Mapping[int, int] | None,
    rest_missing: bool,
    note: str,
) -> SignOffResult:
    """Apply the plan, make orders ready, file claims, write outbox and audit; no commit."""
    lines = ensure_lines(session, arrival)
    work = _work(session, arrival, rule=rule, manual=manual, rest_missing=rest_missing)
    if not any(c.received or c.damaged or c.missing for c in work.counts.values()):
        raise UserFacingError(
            "还没有清点任何商品，不能签收。请先扫码或输入到货数量。",
            "Nothing has been counted yet, so there is nothing to sign off.",
            code="nothing_counted",
        )
    stamp = naive_utc(now)
    # The orders a delivery makes ready carry its time (a second truck's list is found by
    # it), so a campaign's sign-offs never share one, even if the clock stands still.
    last = session.scalar(select(func.max(Arrival.received_at)).where(
        Arrival.campaign_id == arrival.campaign_id, Arrival.signed_off.is_(True)))
    if last is not None and stamp <= last:
        stamp = last + timedelta(microseconds=1)

    # The counts as signed (expected as of now; the rest declared missing if asked).
    for item_id, count in work.counts.items():
        counted = lines[item_id]
        counted.qty_expected = count.expected
        counted.qty_missing = count.missing

    # Shortages onto the waiting order lines.
    for order in work.waiting:
        for line in order.lines:
            share = work.shares.get(line.id, 0)
            if share:
                line.qty_short += share

    ready_ids = _fill_orders(session, work, stamp)


    arrival.signed_off = True
    arrival.staff_id = actor.staff_id
    arrival.received_at = stamp
    arrival.allocation_rule = rule
    arrival.note = note
    session.flush()

    # The arrival goes first in the outbox: each claim names it, and the platform applies
    # events in sequence order.
    event_lines = [
        ArrivalLineData(campaign_item_id=item_id, qty_expected=c.expected,
                        qty_received=c.received, qty_damaged=c.damaged,
                        qty_missing=c.missing, reason=c.reason)
        for item_id, c in sorted(work.counts.items())
        if c.expected or c.received or c.damaged or c.missing
    ]
    write_event(session, ArrivalEvent(
        created_at=now, arrival_uuid=arrival.uuid, campaign_id=arrival.campaign_id,
        staff_uuid=staff_uuid, signed_off=True, lines=event_lines, allocation_rule=rule,
        allocations=[ShortAllocationData(order_line_id=line_id, qty_short=qty)
                     for line_id, qty in sorted(work.shares.items())],
        note=note,
    ), now=now)
    claims = _file_claims(session, arrival, work, actor=actor, staff_uuid=staff_uuid, now=now)
    record_audit(
        session, at=now, staff_id=actor.staff_id, action="arrival_sign_off",
        entity="arrival", entity_id=arrival.uuid,
        after={
            "campaign_id": arrival.campaign_id,
            "rule": rule,
            "lines": [line.model_dump() for line in event_lines],
            "short_shares": {str(k): v for k, v in sorted(work.shares.items())},
            "orders_ready": len(ready_ids),
            "claims": [c.claim_uuid for c in claims],
        },
    )
    session.flush()

    waiting_left = sum(1 for o in work.waiting if o.fulfilment == "awaiting")
    balances = _balances(work, waiting_orders=[o for o in work.waiting if o.fulfilment == "awaiting"])
    return SignOffResult(
        arrival_id=arrival.id, arrival_uuid=arrival.uuid, campaign_id=arrival.campaign_id,
        signed_at=as_utc(stamp), plan=work.plan, ready_order_ids=tuple(ready_ids),
        orders_still_waiting=waiting_left, claims=tuple(claims), balances=balances,
    )


# --- the plan ------------------------------------------------------------------------------


def _work(
    session: Session,
    arrival: Arrival,
    *,
    rule: str,
    manual: Mapping[int, int] | None,
    rest_missing: bool,
    check_manual: bool = True,
) -> _Work:
    items = {i.id: i for i in campaign_items(session, arrival.campaign_id)}
    arrival_lines = {a.campaign_item_id: a for a in arrival.lines}
    expected = expected_quantities(session, arrival)
    counts: dict[int, _Count] = {}
    for item_id in items:
        counted = arrival_lines.get(item_id)
        count = _Count(
            expected=expected.get(item_id, 0),
            received=counted.qty_received if counted else 0,
            damaged=counted.qty_damaged if counted else 0,
            missing=counted.qty_missing if counted else 0,
            reason=counted.reason if counted else "",
            photo_path=counted.photo_path if counted else None,
        )
        if rest_missing:
            count.missing += max(0, count.expected - count.received - count.damaged
                                 - count.missing)
        counts[item_id] = count

    waiting = list(session.scalars(
        select(GroupOrder)
        .where(GroupOrder.campaign_id == arrival.campaign_id, *active_orders(),
               GroupOrder.fulfilment == "awaiting")
        .options(selectinload(GroupOrder.lines))
        .order_by(GroupOrder.placed_at, GroupOrder.id)
    ).all())
    before = earlier_totals(session, arrival)
    committed = committed_quantities(session, arrival.campaign_id)
    on_hand = {
        item_id: max(0, before.get(item_id, (0, 0))[0] + counts[item_id].received
                     - committed.get(item_id, 0))
        for item_id in items
    }

    candidates: dict[int, list[tuple[GroupOrder, GroupOrderLine]]] = defaultdict(list)
    for order in waiting:
        for line in order.lines:
            if line.campaign_item_id in items and line.qty_ordered > line.qty_short:
                candidates[line.campaign_item_id].append((order, line))

    manual_left = dict(manual or {})
    shares: dict[int, int] = {}
    shortages: list[ItemShortage] = []
    for item_id, count in counts.items():
        declared = count.damaged + count.missing
        if not declared:
            continue
        cands = candidates.get(item_id, [])
        need = sum(line.qty_ordered - line.qty_short for _o, line in cands)
        to_share = min(declared, max(0, need - on_hand[item_id]))
        pool = [Candidate(order_line_id=line.id, order_id=order.id,
                          placed_at=order.placed_at, capacity=line.qty_ordered - line.qty_short)
                for order, line in cands]
        if rule == "manual" and not check_manual:
            item_shares: dict[int, int] = {}
        else:
            item_shares = allocate(to_share, pool, rule, manual, item_name=items[item_id].name)
        for line_id in {c.order_line_id for c in pool}:
            manual_left.pop(line_id, None)
        shares.update(item_shares)
        views = [
            ShareView(order_line_id=line.id, order_id=order.id, pickup_code=order.pickup_code,
                      customer_name=order.customer_name, phone_tail=order.phone_tail,
                      placed_at=as_utc(order.placed_at), qty_ordered=line.qty_ordered,
                      capacity=line.qty_ordered - line.qty_short,
                      qty_short=item_shares.get(line.id, 0))
            for order, line in cands
        ]
        views.sort(key=lambda v: (v.placed_at, v.order_id), reverse=True)
        shortages.append(ItemShortage(
            campaign_item_id=item_id, name=items[item_id].name, qty_damaged=count.damaged,
            qty_missing=count.missing, qty_short=to_share, qty_not_shared=declared - to_share,
            candidates=tuple(views),
        ))
    if rule == "manual" and check_manual and any(manual_left.values()):
        raise AllocationError(
            "手动分配里有不缺货商品或不在等待中的订单，请重新分配。",
            "The manual shares name order lines that cannot go short on this delivery.",
        )
    plan = AllocationPlan(rule=rule, items=tuple(shortages))
    return _Work(items=items, counts=counts, waiting=waiting, on_hand=on_hand, plan=plan,
                 shares=shares)


# --- filling orders and bagging ------------------------------------------------------------


def _fill_orders(session: Session, work: _Work, stamp: datetime) -> list[int]:
    """Waiting orders, earliest first, become ready when the pieces on hand cover them."""
    on_hand = dict(work.on_hand)
    ready: list[tuple[GroupOrder, set[str]]] = []
    for order in work.waiting:
        need: dict[int, int] = defaultdict(int)
        for line in order.lines:
            if line.campaign_item_id in work.items:
                need[line.campaign_item_id] += line.qty_ordered - line.qty_short
        if any(qty > on_hand.get(item_id, 0) for item_id, qty in need.items()):
            continue
        for item_id, qty in need.items():
            on_hand[item_id] -= qty
        zones = {zone_of(work.items[i].storage) for i, qty in need.items() if qty > 0}
        ready.append((order, zones))
    work.on_hand = on_hand
    if not ready:
        return []

    occupied = set()
    for slot_text in session.scalars(
        select(GroupOrder.shelf_slot).where(*active_orders(),
                                            GroupOrder.fulfilment.in_(ON_SHELF),
                                            GroupOrder.shelf_slot.is_not(None))
    ):
        slot = parse_slot(slot_text)
        if slot is not None:
            occupied.add(slot.number)
    numbers = free_numbers(occupied)
    for order, zones in ready:
        order.fulfilment = "ready"
        order.ready_at = stamp
        if zones:
            order.bag_id = new_bag_id()
            order.shelf_slot = format_slot(next(numbers), zones)
        else:
            order.bag_id = None
            order.shelf_slot = None
    session.flush()
    return [order.id for order, _zones in ready]


def _file_claims(
    session: Session, arrival: Arrival, work: _Work, *, actor: Actor, staff_uuid: str,
    now: datetime,
) -> list[ClaimView]:
    claims: list[ClaimView] = []
    stamp = naive_utc(now)
    for item_id, count in sorted(work.counts.items()):
        kinds: tuple[tuple[ClaimKind, int], ...] = (("damaged", count.damaged),
                                                     ("short", count.missing))
        for kind, qty in kinds:
            if qty <= 0:
                continue
            claim = Claim(arrival_id=arrival.id, campaign_item_id=item_id, kind=kind, qty=qty,
                          reason=count.reason, photo_path=count.photo_path,
                          staff_id=actor.staff_id, created_at=stamp)
            session.add(claim)
            session.flush()
            write_event(session, ShortageClaimEvent(
                created_at=now, claim_uuid=claim.uuid, arrival_uuid=arrival.uuid,
                campaign_item_id=item_id, claim_kind=kind, qty=qty, reason=count.reason,
                has_photo=count.photo_path is not None, staff_uuid=staff_uuid,
            ), now=now)
            record_audit(session, at=now, staff_id=actor.staff_id, action="claim_create",
                         entity="claim", entity_id=claim.uuid,
                         after={"arrival": arrival.uuid, "campaign_item_id": item_id,
                                "kind": kind, "qty": qty, "reason": count.reason})
            claims.append(ClaimView(
                claim_uuid=claim.uuid, campaign_item_id=item_id,
                item_name=work.items[item_id].name, kind=kind, qty=qty, reason=count.reason,
                photo_path=count.photo_path,
            ))
    return claims


def _balances(work: _Work, *, waiting_orders: list[GroupOrder]) -> tuple[ItemBalance, ...]:
    still_needed: dict[int, int] = defaultdict(int)
    for order in waiting_orders:
        for line in order.lines:
            if line.campaign_item_id in work.items:
                still_needed[line.campaign_item_id] += line.qty_ordered - line.qty_short
    out = []
    for item_id, item in work.items.items():
        on_hand = work.on_hand.get(item_id, 0)
        to_come = max(0, still_needed.get(item_id, 0) - on_hand)
        surplus = max(0, on_hand - still_needed.get(item_id, 0))
        if to_come or surplus:
            out.append(ItemBalance(campaign_item_id=item_id, name=item.name,
                                   still_to_come=to_come, surplus=surplus))
    return tuple(out)

