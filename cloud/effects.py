"""What each pushed event does on the platform's side.

A handler either returns an Outcome (applied, or a conflict it has recorded) or raises
Rejected, and it raises Rejected only before it writes anything, so a rejected event leaves
no trace but its ledger entry (no savepoint needed). Everything a station names is looked up within that station only: another
station's order is answered exactly like an order that does not exist.
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cloud.models import (
    ArrivalRecord,
    CampaignItem,
    ClaimRecord,
    CounterRecord,
    GroupOrder,
    GroupOrderLine,
    PickupRecord,
    SaleLineRecord,
)
from cloud.platform import campaign_offered
from sync.protocol import (
    ArrivalEvent,
    BaseEvent,
    CashMovementEvent,
    DayCloseEvent,
    PickupEvent,
    PickupUndoEvent,
    RefundEvent,
    SaleEvent,
    ShiftHandoverEvent,
    ShortageClaimEvent,
    StockCountEvent,
    StockReceiptEvent,
    TillOpenEvent,
)
from sync.protocol import messages as m


@dataclass(frozen=True, slots=True)
class Outcome:
    status: m.PushStatus
    reason: str | None = None
    detail: str | None = None
    order_id: int | None = None  # for a conflict: the order it is about


APPLIED = Outcome("applied")


class Rejected(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def apply_event(session: Session, station_id: int, event_id: str, event: BaseEvent) -> Outcome:
    handler = _HANDLERS.get(type(event))
    if handler is None:
        raise Rejected(m.REASON_UNSUPPORTED_KIND, f"the platform does not take {event.kind!r} events")
    return handler(session, station_id, event_id, event)


# --- a push batch: what its events touch, read up front ---------------------------------------

BATCH_KEY = "cloud.effects.batch"
"""session.info key of the running push's Batch (set by cloud.push.process_push)."""

_IN_CHUNK = 500


@dataclass
class Batch:
    """Rows a push batch's events name, read in a few IN queries before the first event.

    Handlers consult it instead of one lookup per event, and keep it up to date with what
    they add, so a later event of the same batch sees an earlier one's rows without a flush.
    """

    station_id: int
    orders: dict[int, GroupOrder] = field(default_factory=dict)  # this station's, locked
    pickups: dict[str, PickupRecord] = field(default_factory=dict)  # existing or added
    undo_uuids: set[str] = field(default_factory=set)  # taken
    counter_keys: set[tuple[str, str]] = field(default_factory=set)  # (kind, uuid) taken
    sale_lines: list[tuple[CounterRecord, list[Any]]] = field(default_factory=list)

    def finish(self, session: Session) -> None:
        """Write what needed ids from the database: the sale lines of new counter records."""
        if not self.sale_lines:
            return
        session.flush()
        for record, lines in self.sale_lines:
            session.add_all(
                SaleLineRecord(
                    counter_record_id=record.id,
                    station_id=record.station_id,
                    product_uuid=line.product_uuid,
                    platform_item_id=line.platform_item_id,
                    name=line.name,
                    qty=line.qty,
                    line_total_fen=line.line_total_fen,
                )
                for line in lines
            )
        self.sale_lines.clear()


def _chunked(values: Sequence[Any]) -> list[Sequence[Any]]:
    return [values[i : i + _IN_CHUNK] for i in range(0, len(values), _IN_CHUNK)]


def prefetch_batch(session: Session, station_id: int, events: Sequence[BaseEvent]) -> Batch:
    """Lock and load the orders (with lines) and read the records the events name."""
    batch = Batch(station_id)
    order_ids = sorted(
        {ev.order_id for ev in events if isinstance(ev, (PickupEvent, PickupUndoEvent))}
    )
    for chunk in _chunked(order_ids):
        for order in session.scalars(
            select(GroupOrder)
            .where(GroupOrder.id.in_(chunk), GroupOrder.station_id == station_id)
            .options(selectinload(GroupOrder.lines))
            .order_by(GroupOrder.id)
            .with_for_update()
        ):
            batch.orders[order.id] = order
    pickup_uuids = sorted(
        {ev.pickup_uuid for ev in events if isinstance(ev, (PickupEvent, PickupUndoEvent))}
    )
    for chunk in _chunked(pickup_uuids):
        for record in session.scalars(
            select(PickupRecord).where(PickupRecord.pickup_uuid.in_(chunk))
        ):
            batch.pickups[record.pickup_uuid] = record
    undo_uuids = sorted({ev.undo_uuid for ev in events if isinstance(ev, PickupUndoEvent)})
    for chunk in _chunked(undo_uuids):
        batch.undo_uuids.update(
            session.scalars(select(PickupRecord.undo_uuid).where(PickupRecord.undo_uuid.in_(chunk)))
        )
    wanted: set[tuple[str, str]] = set()
    for ev in events:
        if _HANDLERS.get(type(ev)) is _counter:
            with contextlib.suppress(Rejected):  # an unsupported kind is answered later
                wanted.add((ev.kind, _counter_facts(ev)[0]))
    uuids = sorted({uuid for _, uuid in wanted})
    for chunk in _chunked(uuids):
        batch.counter_keys.update(
            (kind, uuid)
            for kind, uuid in session.execute(
                select(CounterRecord.kind, CounterRecord.record_uuid).where(
                    CounterRecord.record_uuid.in_(chunk)
                )
            )
            if (kind, uuid) in wanted
        )
    return batch


def _batch(session: Session) -> Batch | None:
    return session.info.get(BATCH_KEY)


# --- group buying ----------------------------------------------------------------------------


def _station_order(session: Session, station_id: int, order_id: int) -> GroupOrder:
    batch = _batch(session)
    if batch is not None and batch.station_id == station_id:
        order = batch.orders.get(order_id)
        if order is None:
            raise Rejected(
                m.REASON_UNKNOWN_ORDER, f"order {order_id} is not an order of this station"
            )
        return order
    order = session.execute(
        select(GroupOrder)
        .where(GroupOrder.id == order_id, GroupOrder.station_id == station_id)
        .with_for_update()
    ).scalar_one_or_none()
    if order is None:
        raise Rejected(m.REASON_UNKNOWN_ORDER, f"order {order_id} is not an order of this station")
    return order


def _order_lines(order: GroupOrder, wanted: list[int]) -> dict[int, GroupOrderLine]:
    lines = {line.id: line for line in order.lines}
    missing = [line_id for line_id in wanted if line_id not in lines]
    if missing:
        raise Rejected(
            m.REASON_UNKNOWN_LINE, f"order {order.id} has no line(s) {', '.join(map(str, missing))}"
        )
    return lines


def _refresh_fulfilment(order: GroupOrder) -> None:
    picked = sum(line.qty_picked for line in order.lines)
    if picked == 0:
        order.fulfilment = "awaiting"
    elif all(line.qty_picked >= line.qty_ordered - line.qty_short for line in order.lines):
        order.fulfilment = "picked_up"
    else:
        order.fulfilment = "partial"


def _pickup(session: Session, station_id: int, event_id: str, event: Any) -> Outcome:
    ev: PickupEvent = event
    order = _station_order(session, station_id, ev.order_id)
    lines = _order_lines(order, [line.order_line_id for line in ev.lines])
    batch = _batch(session)
    if batch is not None:
        exists = ev.pickup_uuid in batch.pickups
    else:
        exists = session.get(PickupRecord, ev.pickup_uuid) is not None
    if exists:
        raise Rejected(m.REASON_RECORD_EXISTS, f"pickup {ev.pickup_uuid} was already reported")
    conflict: Outcome | None = None
    if order.cloud_state != "active":
        reason = m.REASON_ORDER_REFUNDED if order.cloud_state == "refunded" else m.REASON_ORDER_CANCELLED
        conflict = Outcome(
            "conflict",
            reason,
            f"order {order.order_no} was {order.cloud_state} by the platform before this pickup "
            f"was uploaded ({order.state_reason})",
            order.id,
        )
    else:
        over = [
            f"line {pl.order_line_id}: {lines[pl.order_line_id].qty_picked}+{pl.qty} > "
            f"{lines[pl.order_line_id].qty_ordered}"
            for pl in ev.lines
            if lines[pl.order_line_id].qty_picked + pl.qty > lines[pl.order_line_id].qty_ordered
        ]
        if over:
            conflict = Outcome(
                "conflict",
                m.REASON_OVER_PICKUP,
                f"order {order.order_no}: more handed out than ordered ({'; '.join(over)})",
                order.id,
            )
    if conflict is None:
        for pl in ev.lines:
            lines[pl.order_line_id].qty_picked += pl.qty
        _refresh_fulfilment(order)
    record = PickupRecord(
        pickup_uuid=ev.pickup_uuid,
        station_id=station_id,
        order_id=order.id,
        event_id=event_id,
        status="applied" if conflict is None else "conflict",
        method=ev.method,
        lines=[{"order_line_id": pl.order_line_id, "qty": pl.qty} for pl in ev.lines],
        picked_at=ev.created_at,
    )
    session.add(record)
    if batch is not None:
        batch.pickups[ev.pickup_uuid] = record
    return conflict or APPLIED


def _pickup_undo(session: Session, station_id: int, event_id: str, event: Any) -> Outcome:
    ev: PickupUndoEvent = event
    order = _station_order(session, station_id, ev.order_id)
    batch = _batch(session)
    if batch is not None:
        record = batch.pickups.get(ev.pickup_uuid)
    else:
        record = session.get(PickupRecord, ev.pickup_uuid)
    if record is None or record.station_id != station_id or record.order_id != order.id:
        raise Rejected(m.REASON_UNKNOWN_PICKUP, f"no pickup {ev.pickup_uuid} of order {ev.order_id}")
    if record.undo_uuid is not None:
        raise Rejected(m.REASON_ALREADY_UNDONE, f"pickup {ev.pickup_uuid} was already undone")
    if batch is not None:
        taken = ev.undo_uuid in batch.undo_uuids
    else:
        taken = (
            session.scalar(
                select(PickupRecord.pickup_uuid).where(PickupRecord.undo_uuid == ev.undo_uuid)
            )
            is not None
        )
    if taken:
        raise Rejected(m.REASON_RECORD_EXISTS, f"undo {ev.undo_uuid} was already reported")
    said = sorted((pl.order_line_id, pl.qty) for pl in ev.lines)
    had = sorted((pl["order_line_id"], pl["qty"]) for pl in record.lines)
    if said != had:
        raise Rejected(m.REASON_LINES_MISMATCH, f"the undo's lines {said} are not the pickup's {had}")
    # Checked before anything is written: a rejection must leave no trace.
    lines = _order_lines(order, [line_id for line_id, _ in said]) if record.status == "applied" else {}
    record.undo_uuid = ev.undo_uuid
    record.undone_at = ev.created_at
    if batch is not None:
        batch.undo_uuids.add(ev.undo_uuid)
    if record.status == "applied":
        for line_id, qty in said:
            lines[line_id].qty_picked = max(0, lines[line_id].qty_picked - qty)
        _refresh_fulfilment(order)
        return APPLIED
    return Outcome("applied", detail="the pickup it undoes was a conflict and never counted")


def _arrival(session: Session, station_id: int, event_id: str, event: Any) -> Outcome:
    ev: ArrivalEvent = event
    if not campaign_offered(session, ev.campaign_id, station_id):
        raise Rejected(m.REASON_UNKNOWN_CAMPAIGN, f"campaign {ev.campaign_id} is not offered here")
    if session.get(ArrivalRecord, ev.arrival_uuid) is not None:
        raise Rejected(m.REASON_RECORD_EXISTS, f"arrival {ev.arrival_uuid} was already reported")
    item_ids = set(
        session.scalars(select(CampaignItem.id).where(CampaignItem.campaign_id == ev.campaign_id))
    )
    unknown = [line.campaign_item_id for line in ev.lines if line.campaign_item_id not in item_ids]
    if unknown:
        raise Rejected(m.REASON_UNKNOWN_ITEM, f"campaign {ev.campaign_id} has no item(s) {unknown}")
    wanted = [a.order_line_id for a in ev.allocations]
    found = {
        line.id: line
        for line in session.scalars(
            select(GroupOrderLine)
            .join(GroupOrder, GroupOrder.id == GroupOrderLine.order_id)
            .where(
                GroupOrderLine.id.in_(wanted),
                GroupOrder.station_id == station_id,
                GroupOrder.campaign_id == ev.campaign_id,
            )
        )
    }
    missing = [line_id for line_id in wanted if line_id not in found]
    if missing:
        raise Rejected(m.REASON_UNKNOWN_LINE, f"no order line(s) {missing} of this station's campaign")
    touched: set[int] = set()
    for alloc in ev.allocations:
        line = found[alloc.order_line_id]
        line.qty_short = min(alloc.qty_short, line.qty_ordered)
        touched.add(line.order_id)
    session.flush()
    for order_id in touched:
        order = session.get_one(GroupOrder, order_id)
        _refresh_fulfilment(order)
    session.add(
        ArrivalRecord(
            arrival_uuid=ev.arrival_uuid,
            station_id=station_id,
            campaign_id=ev.campaign_id,
            event_id=event_id,
            lines=[line.model_dump(mode="json") for line in ev.lines],
            received_at=ev.created_at,
        )
    )
    return APPLIED


def _shortage_claim(session: Session, station_id: int, event_id: str, event: Any) -> Outcome:
    ev: ShortageClaimEvent = event
    arrival = session.get(ArrivalRecord, ev.arrival_uuid)
    if arrival is None or arrival.station_id != station_id:
        raise Rejected(m.REASON_UNKNOWN_ARRIVAL, f"no arrival {ev.arrival_uuid} at this station")
    item = session.get(CampaignItem, ev.campaign_item_id)
    if item is None or item.campaign_id != arrival.campaign_id:
        raise Rejected(m.REASON_UNKNOWN_ITEM, f"item {ev.campaign_item_id} is not in that delivery's campaign")
    if session.get(ClaimRecord, ev.claim_uuid) is not None:
        raise Rejected(m.REASON_RECORD_EXISTS, f"claim {ev.claim_uuid} was already reported")
    session.add(
        ClaimRecord(
            claim_uuid=ev.claim_uuid,
            station_id=station_id,
            arrival_uuid=ev.arrival_uuid,
            campaign_item_id=ev.campaign_item_id,
            claim_kind=ev.claim_kind,
            qty=ev.qty,
            reason=ev.reason,
            status="open",
            created_at=ev.created_at,
        )
    )
    return APPLIED


# --- the counter: kept as records for the platform's reports --------------------------------


def _counter(session: Session, station_id: int, event_id: str, event: Any) -> Outcome:
    record_uuid, number, day, amount = _counter_facts(event)
    batch = _batch(session)
    if batch is not None:
        taken = (event.kind, record_uuid) in batch.counter_keys
    else:
        taken = (
            session.scalar(
                select(CounterRecord.id).where(
                    CounterRecord.kind == event.kind, CounterRecord.record_uuid == record_uuid
                )
            )
            is not None
        )
    if taken:
        raise Rejected(m.REASON_RECORD_EXISTS, f"{event.kind} {record_uuid} was already reported")
    record = CounterRecord(
        station_id=station_id,
        kind=event.kind,
        record_uuid=record_uuid,
        event_id=event_id,
        number=number,
        business_day=day,
        amount_fen=amount,
        created_at=event.created_at,
    )
    session.add(record)
    if batch is not None:
        batch.counter_keys.add((event.kind, record_uuid))
        if isinstance(event, SaleEvent) and event.lines:
            batch.sale_lines.append((record, list(event.lines)))  # once the batch has ids
        return APPLIED
    session.flush()
    if isinstance(event, SaleEvent):
        for line in event.lines:
            session.add(
                SaleLineRecord(
                    counter_record_id=record.id,
                    station_id=station_id,
                    product_uuid=line.product_uuid,
                    platform_item_id=line.platform_item_id,
                    name=line.name,
                    qty=line.qty,
                    line_total_fen=line.line_total_fen,
                )
            )
    return APPLIED


def _counter_facts(event: Any) -> tuple[str, str | None, Any, int]:
    """(record uuid, human number, business day, amount in fen for the totals)."""
    if isinstance(event, SaleEvent):
        return event.sale_uuid, event.number, event.business_day, event.total_fen
    if isinstance(event, RefundEvent):
        return event.refund_uuid, event.number, event.business_day, event.amount_fen
    if isinstance(event, StockReceiptEvent):
        return event.receipt_uuid, None, None, 0
    if isinstance(event, StockCountEvent):
        return event.count_uuid, None, None, 0
    if isinstance(event, ShiftHandoverEvent):
        return event.handover_uuid, None, None, event.counted_cash_fen
    if isinstance(event, DayCloseEvent):
        return event.cash_session_uuid, event.z_number, event.business_day, sum(event.totals.values())
    if isinstance(event, CashMovementEvent):
        sign = 1 if event.direction == "in" else -1
        return event.movement_uuid, None, None, sign * event.amount_fen
    if isinstance(event, TillOpenEvent):
        return event.cash_session_uuid, None, event.business_day, event.float_fen
    raise Rejected(m.REASON_UNSUPPORTED_KIND, f"the platform does not take {event.kind!r} events")


_Handler = Callable[[Session, int, str, Any], Outcome]
_HANDLERS: dict[type, _Handler] = {
    PickupEvent: _pickup,
    PickupUndoEvent: _pickup_undo,
    ArrivalEvent: _arrival,
    ShortageClaimEvent: _shortage_claim,
    SaleEvent: _counter,
    RefundEvent: _counter,
    StockReceiptEvent: _counter,
    StockCountEvent: _counter,
    ShiftHandoverEvent: _counter,
    DayCloseEvent: _counter,
    CashMovementEvent: _counter,
    TillOpenEvent: _counter,
}
