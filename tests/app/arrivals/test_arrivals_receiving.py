"""到货验收 on the demo station: counting, shortages under each rule, ready bags, claims,
the outbox, a second truck, and what is refused."""
from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest
from arrivals_factory import Station
from sqlalchemy import func, select

from app.arrivals import (
    RULES,
    AllocationError,
    ArrivalClosed,
    UnknownBarcode,
    load_picking_data,
    parse_slot,
)
from app.arrivals.shelving import ZONE_LETTER, zone_of
from app.errors import PermissionDenied, UserFacingError
from local_db.models import (
    AuditLog,
    CampaignItem,
    Claim,
    GroupOrder,
    GroupOrderLine,
    Outbox,
)
from sync.protocol import parse_event


def waiting_lines(st: Station, item_id: int) -> list[tuple[int, int, datetime, int]]:
    """(line id, order id, placed_at, qty ordered) of active orders waiting, for one item."""
    with st.db.read() as uow:
        return [tuple(r) for r in uow.session.execute(
            select(GroupOrderLine.id, GroupOrder.id, GroupOrder.placed_at,
                   GroupOrderLine.qty_ordered)
            .join(GroupOrder, GroupOrder.id == GroupOrderLine.order_id)
            .where(GroupOrder.campaign_id == st.campaign_id, GroupOrder.cloud_state == "active",
                   GroupOrder.fulfilment == "awaiting", GroupOrderLine.campaign_item_id == item_id)
        ).all()]


def busiest_item(st: Station) -> int:
    """The item the most waiting orders share, so the rules pick different orders."""
    sheet = st.receiving.open_arrival(campaign_id=st.campaign_id, actor=st.leader)
    return max((line.campaign_item_id for line in sheet.lines),
               key=lambda i: (len(waiting_lines(st, i)), -i))


def count_delivery(st: Station, arrival_id: int, problems: dict[int, tuple[int, int]]) -> None:
    """Count every line as expected, less the (damaged, missing) pieces in `problems`."""
    for line in st.receiving.sheet(arrival_id=arrival_id).lines:
        damaged, missing = problems.get(line.campaign_item_id, (0, 0))
        st.receiving.set_counts(
            arrival_id=arrival_id, campaign_item_id=line.campaign_item_id, actor=st.leader,
            received=line.qty_expected - damaged - missing, damaged=damaged, missing=missing,
            reason="纸箱压坏，瓶子破了" if damaged or missing else "",
        )


def outbox_events(st: Station, kind: str) -> list:
    with st.db.read() as uow:
        rows = uow.session.scalars(select(Outbox).where(Outbox.kind == kind).order_by(Outbox.seq))
        return [parse_event(r.payload) for r in rows]


def shorts_in_db(st: Station) -> dict[int, int]:
    with st.db.read() as uow:
        return dict(uow.session.execute(
            select(GroupOrderLine.id, GroupOrderLine.qty_short)
            .join(GroupOrder, GroupOrder.id == GroupOrderLine.order_id)
            .where(GroupOrder.campaign_id == st.campaign_id, GroupOrderLine.qty_short > 0)
        ).all())


def test_expected_quantities_leave_out_cancelled_orders(station: Station) -> None:
    sheet = station.receiving.open_arrival(campaign_id=station.campaign_id, actor=station.leader)
    with station.db.read() as uow:
        rows = uow.session.execute(
            select(GroupOrderLine.campaign_item_id, GroupOrder.cloud_state,
                   func.sum(GroupOrderLine.qty_ordered))
            .join(GroupOrder, GroupOrder.id == GroupOrderLine.order_id)
            .where(GroupOrder.campaign_id == station.campaign_id)
            .group_by(GroupOrderLine.campaign_item_id, GroupOrder.cloud_state)
        ).all()
    active = {item: qty for item, state, qty in rows if state == "active"}
    assert any(state != "active" for _i, state, _q in rows), "the demo has a cancelled order here"
    assert {line.campaign_item_id: line.qty_expected for line in sheet.lines if line.qty_expected} \
        == active
    assert sheet.truck_no == 1 and not sheet.signed_off
    # Opening again resumes the same check.
    again = station.receiving.open_arrival(campaign_id=station.campaign_id, actor=station.owner)
    assert again.arrival_id == sheet.arrival_id


def test_scanning_counts_and_a_strange_barcode_changes_nothing(station: Station) -> None:
    st = station
    sheet = st.receiving.open_arrival(campaign_id=st.campaign_id, actor=st.leader)
    line = next(line for line in sheet.lines if line.barcode)
    st.receiving.scan(arrival_id=sheet.arrival_id, barcode=line.barcode, actor=st.leader)
    wide = line.barcode.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    after = st.receiving.scan(arrival_id=sheet.arrival_id, barcode=f" {wide}\n", actor=st.leader)
    assert after.qty_received == 2
    with pytest.raises(UnknownBarcode):
        st.receiving.scan(arrival_id=sheet.arrival_id, barcode="4006381333931", actor=st.leader)
    assert st.receiving.sheet(arrival_id=sheet.arrival_id).line(line.campaign_item_id) \
        .qty_received == 2
    with pytest.raises(UserFacingError):
        st.receiving.set_counts(arrival_id=sheet.arrival_id, campaign_item_id=line.campaign_item_id,
                                actor=st.leader, damaged=-1)
    with pytest.raises(UserFacingError):
        st.receiving.set_counts(arrival_id=sheet.arrival_id, campaign_item_id=line.campaign_item_id,
                                actor=st.leader, photo_path="/no/such/photo.jpg")
    with pytest.raises(PermissionDenied):
        st.receiving.scan(arrival_id=sheet.arrival_id, barcode=line.barcode, actor=st.clerk)


def _expected_shares(rule: str, lines: list, short: int) -> dict[int, int]:
    ordered = sorted(lines, key=lambda r: (r[2], r[1], r[0]), reverse=rule == "latest_first")
    shares, left = {}, short
    for line_id, _order, _placed, qty in ordered:
        if left == 0:
            break
        shares[line_id] = min(qty, left)
        left -= shares[line_id]
    return shares


@pytest.mark.parametrize("rule", ["latest_first", "earliest_first", "proportional"])
def test_a_shortage_is_shared_by_the_rule_and_recorded_once(station: Station, rule: str) -> None:
    st = station
    item = busiest_item(st)
    lines = waiting_lines(st, item)
    arrival_id = st.receiving.open_arrival(campaign_id=st.campaign_id, actor=st.leader).arrival_id
    count_delivery(st, arrival_id, {item: (2, 1)})

    plan = st.receiving.preview_allocation(arrival_id=arrival_id, rule=rule)
    shares = plan.shares_by_line()
    assert sum(shares.values()) == 3 and plan.total_short == 3
    if rule == "proportional":
        total = sum(qty for *_x, qty in lines)
        for line_id, _order, _placed, qty in lines:
            assert shares.get(line_id, 0) in (3 * qty // total, 3 * qty // total + 1)
        assert len(shares) >= 2, "spread over several orders"
    else:
        assert shares == _expected_shares(rule, lines, 3)
    assert shorts_in_db(st) == {}, "a preview changes nothing"

    result = st.receiving.sign_off(arrival_id=arrival_id, actor=st.leader, rule=rule)
    assert result.plan.shares_by_line() == shares
    assert shorts_in_db(st) == shares

    arrivals = outbox_events(st, "arrival")
    assert len(arrivals) == 1
    event = arrivals[0]
    assert event.allocation_rule == rule and event.arrival_uuid == result.arrival_uuid
    assert {a.order_line_id: a.qty_short for a in event.allocations} == shares
    assert event.staff_uuid == st.leader.uuid
    short_line = next(line for line in event.lines if line.campaign_item_id == item)
    assert (short_line.qty_damaged, short_line.qty_missing) == (2, 1)

    claims = outbox_events(st, "shortage_claim")
    assert sorted((c.claim_kind, c.qty, c.campaign_item_id) for c in claims) == [
        ("damaged", 2, item), ("short", 1, item)]
    assert all(c.arrival_uuid == result.arrival_uuid for c in claims)
    with st.db.read() as uow:
        s = uow.session
        assert s.scalar(select(func.count()).select_from(Claim)
                        .where(Claim.arrival_id == result.arrival_id)) == 2
        assert Counter(s.scalars(select(AuditLog.action).where(
            AuditLog.action.in_(["arrival_sign_off", "claim_create"])))) == {
            "arrival_sign_off": 1, "claim_create": 2}
        # The arrival is first in the outbox: each claim names it.
        kinds = s.scalars(select(Outbox.kind).order_by(Outbox.seq)).all()
    assert kinds == ["arrival", "shortage_claim", "shortage_claim"]

    # Signing again is refused and writes nothing more.
    with pytest.raises(ArrivalClosed):
        st.receiving.sign_off(arrival_id=arrival_id, actor=st.owner)
    with pytest.raises(ArrivalClosed):
        st.receiving.set_counts(arrival_id=arrival_id, campaign_item_id=item, actor=st.leader,
                                received=1)
    assert len(outbox_events(st, "arrival")) == 1 and len(outbox_events(st, "shortage_claim")) == 2


def test_manual_shares_must_add_up(station: Station) -> None:
    st = station
    item = busiest_item(st)
    lines = waiting_lines(st, item)
    arrival_id = st.receiving.open_arrival(campaign_id=st.campaign_id, actor=st.leader).arrival_id
    count_delivery(st, arrival_id, {item: (0, 2)})
    plan = st.receiving.preview_allocation(arrival_id=arrival_id, rule="manual")
    assert plan.items[0].shares == () and len(plan.items[0].candidates) == len(lines)

    first, second = lines[0][0], lines[1][0]
    with pytest.raises(AllocationError):
        st.receiving.sign_off(arrival_id=arrival_id, actor=st.leader, rule="manual",
                              manual={first: 1})
    with pytest.raises(AllocationError):
        st.receiving.sign_off(arrival_id=arrival_id, actor=st.leader, rule="manual",
                              manual={first: 1, second: 1, 999_999: 1})
    assert outbox_events(st, "arrival") == [] and shorts_in_db(st) == {}

    result = st.receiving.sign_off(arrival_id=arrival_id, actor=st.leader, rule="manual",
                                   manual={first: 1, second: 1})
    assert shorts_in_db(st) == {first: 1, second: 1}
    assert outbox_events(st, "arrival")[0].allocation_rule == "manual"
    assert result.ready_order_ids


def test_ready_orders_get_a_bag_and_a_slot_per_storage_zone(station: Station) -> None:
    st = station
    item = busiest_item(st)
    with st.db.read() as uow:
        on_shelf = {parse_slot(t).number for t in uow.session.scalars(
            select(GroupOrder.shelf_slot).where(GroupOrder.fulfilment.in_(("ready", "partial")),
                                                GroupOrder.cloud_state == "active"))}
    arrival_id = st.receiving.open_arrival(campaign_id=st.campaign_id, actor=st.leader).arrival_id
    count_delivery(st, arrival_id, {item: (1, 0)})
    result = st.receiving.sign_off(arrival_id=arrival_id, actor=st.leader)
    assert result.orders_still_waiting == 0

    with st.db.read() as uow:
        s = uow.session
        orders = s.scalars(select(GroupOrder).where(GroupOrder.campaign_id == st.campaign_id)).all()
        storage = dict(s.execute(select(CampaignItem.id, CampaignItem.storage)).all())
        active = [o for o in orders if o.cloud_state == "active"]
        assert sorted(result.ready_order_ids) == sorted(o.id for o in active)
        numbers = []
        for order in active:
            assert order.fulfilment == "ready" and order.ready_at is not None
            zones = {zone_of(storage[line.campaign_item_id]) for line in order.lines
                     if line.qty_ordered > line.qty_short}
            if not zones:
                assert order.bag_id is None and order.shelf_slot is None
                continue
            slot = parse_slot(order.shelf_slot)
            assert slot is not None and set(slot.zones) == zones
            assert order.shelf_slot.split("-")[0] == "/".join(
                ZONE_LETTER[z] for z in ("ambient", "chilled", "frozen") if z in zones)
            assert order.bag_id and len(order.bag_id) == 36
            numbers.append(slot.number)
        assert len(set(numbers)) == len(numbers), "one number per order"
        assert not set(numbers) & on_shelf, "no number of a bag still on the shelf"
        assert sorted(numbers)[:3] == sorted(set(range(1, 200)) - on_shelf)[:3], "lowest free"
        cancelled = [o for o in orders if o.cloud_state != "active"]
        assert all(o.fulfilment == "awaiting" and o.bag_id is None for o in cancelled)

    data = load_picking_data(st.db, campaign_id=st.campaign_id, now=st.clock.now(),
                             calendar=st.calendar)
    assert len(data.orders) == len(active)
    multi = [o for o in data.orders if len(o.bags()) > 1]
    assert multi, "the demo has orders with goods in several zones"
    bags = multi[0].bags()
    assert [b.slot for b in bags] == list(multi[0].slot.bag_slots)
    assert sum(b.pieces for b in bags) == multi[0].pieces


def test_a_second_truck_adds_up(station: Station) -> None:
    st = station
    item = busiest_item(st)
    first = st.receiving.open_arrival(campaign_id=st.campaign_id, actor=st.leader)
    expected = {line.campaign_item_id: line.qty_expected for line in first.lines}
    count_delivery(st, first.arrival_id, {})
    half = expected[item] // 2
    st.receiving.set_counts(arrival_id=first.arrival_id, campaign_item_id=item, actor=st.leader,
                            received=half)
    one = st.receiving.sign_off(arrival_id=first.arrival_id, actor=st.leader)
    assert one.orders_still_waiting > 0 and one.ready_order_ids
    assert [(b.campaign_item_id, b.still_to_come) for b in one.balances] == [
        (item, expected[item] - half)]
    assert shorts_in_db(st) == {}, "pieces still to come are not a shortage"

    second = st.receiving.open_arrival(campaign_id=st.campaign_id, actor=st.leader)
    assert second.arrival_id != first.arrival_id and second.truck_no == 2
    line = second.line(item)
    assert line.qty_expected == expected[item] - half and line.qty_received_before == half
    assert all(other.qty_expected == 0 for other in second.lines if other.campaign_item_id != item)
    # The second truck brings all but one, which is missing for good.
    st.receiving.set_counts(arrival_id=second.arrival_id, campaign_item_id=item, actor=st.leader,
                            received=line.qty_expected - 1)
    two = st.receiving.sign_off(arrival_id=second.arrival_id, actor=st.leader, rest_missing=True)
    assert two.orders_still_waiting == 0
    assert {c.kind: c.qty for c in two.claims} == {"short": 1}
    assert sum(shorts_in_db(st).values()) == 1

    data = load_picking_data(st.db, campaign_id=st.campaign_id, now=st.clock.now(),
                             calendar=st.calendar)
    totals = {t.item.campaign_item_id: t for t in data.totals()}
    assert totals[item].qty == expected[item] - 1 and totals[item].qty_short == 1
    assert all(totals[i].qty == q for i, q in expected.items() if i != item and q)
    only_second = load_picking_data(st.db, campaign_id=st.campaign_id, now=st.clock.now(),
                                    calendar=st.calendar, arrival_id=two.arrival_id)
    assert sorted(o.order_id for o in only_second.orders) == sorted(two.ready_order_ids)
    assert only_second.truck_no == 2
    assert [e.arrival_uuid for e in outbox_events(st, "arrival")] == [one.arrival_uuid,
                                                                       two.arrival_uuid]


def test_nothing_counted_is_refused(station: Station) -> None:
    st = station
    arrival_id = st.receiving.open_arrival(campaign_id=st.campaign_id, actor=st.leader).arrival_id
    with pytest.raises(UserFacingError) as caught:
        st.receiving.sign_off(arrival_id=arrival_id, actor=st.leader)
    assert caught.value.code == "nothing_counted"
    with pytest.raises(PermissionDenied):
        st.receiving.sign_off(arrival_id=arrival_id, actor=st.clerk)
    with pytest.raises(AllocationError):
        st.receiving.preview_allocation(arrival_id=arrival_id, rule="biggest_first")
    assert set(RULES) == {"latest_first", "earliest_first", "proportional", "manual"}
    assert outbox_events(st, "arrival") == []
