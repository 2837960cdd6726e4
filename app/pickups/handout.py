"""Handing goods out (核销) and taking a hand-out back (撤销核销), each one write transaction.

Both re-read the order inside their own BEGIN IMMEDIATE transaction, so what the verdict
showed a moment ago is checked again against what is true now: a sync may just have
cancelled or refunded the order, or another till (or a double scan) may just have handed
the same goods out. A refusal raises PickupRefused and writes nothing.

Who may do it: the group leader hands out; so may a clerk (in a corner store the person at
the counter hands bags over while the leader is out) and the owner. An undo inside the
window (settings.pickup_undo_minutes) is open to the same people; after it, only with an
owner (acting, or approving), because by then the bag has left the shop and the platform
may have paid out on the pickup.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actors import CLERK, LEADER, Actor, require_any_role
from app.audit import record_audit
from app.clock import BusinessCalendar, as_utc
from app.i18n import Text
from app.pickups import messages as msg
from app.pickups.bag_label import parse_bag_label
from app.pickups.masking import mask_name
from app.pickups.records import OrderLines, load_order, naive_utc, order_pickups, remaining
from app.pickups.verdict import (
    HANDABLE_STATES,
    HandedLine,
    HandoutResult,
    PickupLineRecord,
    PickupRefused,
    UndoResult,
    VerdictState,
)
from local_db.models import GroupOrder, GroupOrderLine, Pickup, PickupLine
from sync.outbox import write_event
from sync.protocol import PickupEvent, PickupLineData, PickupUndoEvent

PICKUP_METHODS = ("qr", "code", "phone", "manual")
HAND_OUT_ROLES = (LEADER, CLERK)  # and the owner, who may do everything
MAX_NOTE = 200


def check_hand_out_allowed(actor: Actor) -> None:
    require_any_role(actor, *HAND_OUT_ROLES)


def hand_out(
    session: Session,
    *,
    order_id: int,
    lines: Mapping[int, int] | None,
    actor: Actor,
    method: str,
    proxy_note: str | None,
    bag_id_scanned: str | None,
    now: datetime,
    calendar: BusinessCalendar,
    undo_window: timedelta,
) -> HandoutResult:
    """Record a hand-out in the caller's write transaction (the caller commits)."""
    check_hand_out_allowed(actor)
    if method not in PICKUP_METHODS:
        raise ValueError(f"method must be one of {PICKUP_METHODS}, not {method!r}")
    note = _clean_note(proxy_note)
    loaded = load_order(session, order_id)
    if loaded is None:
        raise PickupRefused(
            "not_found",
            f"本机没有订单 {order_id}，没有交货。请先同步。",
            f"Order {order_id} is not on this computer; nothing was handed out. Sync first.",
        )
    order = loaded.order
    state = loaded.state
    if state not in HANDABLE_STATES:
        raise _refused_for_state(state, loaded, calendar, undo_window, session)
    bag_confirmed = _check_bag(session, order, bag_id_scanned)
    wanted = _wanted_quantities(loaded, lines)

    pickup = Pickup(
        order_id=order.id,
        kind="pickup",
        method=method,
        proxy_note=note,
        bag_confirmed=bag_confirmed,
        staff_id=actor.staff_id,
        created_at=naive_utc(now),
    )
    session.add(pickup)
    session.flush()
    handed: list[HandedLine] = []
    for line, item in loaded.rows:
        qty = wanted.get(line.id, 0)
        if qty:
            session.add(PickupLine(pickup_id=pickup.id, order_line_id=line.id, qty=qty))
            line.qty_picked += qty
            handed.append(HandedLine(line.id, item.name, item.storage, qty, remaining(line)))
    left = sum(remaining(line) for line, _ in loaded.rows)
    order.fulfilment = "collected" if left == 0 else "partial"
    session.flush()

    at = as_utc(now)
    record = write_event(
        session,
        PickupEvent(
            created_at=at,
            pickup_uuid=pickup.uuid,
            order_id=order.id,
            lines=[PickupLineData(order_line_id=h.order_line_id, qty=h.qty) for h in handed],
            method=method,  # type: ignore[arg-type]
            proxy_note=note,
            bag_confirmed=bag_confirmed,
            staff_uuid=actor.uuid,
        ),
        now=at,
    )
    record_audit(
        session,
        at=at,
        staff_id=actor.staff_id,
        action="pickup",
        entity="pickup",
        entity_id=pickup.uuid,
        after={
            "order_id": order.id,
            "order_no": order.order_no,
            "lines": {str(h.order_line_id): h.qty for h in handed},
            "method": method,
            "proxy_note": note,
            "bag_confirmed": bag_confirmed,
            "fulfilment": order.fulfilment,
        },
    )
    deadline = as_utc(order.pickup_deadline) if order.pickup_deadline else None
    warning = msg.deadline_passed(calendar, deadline) if deadline and at > deadline else None
    items = sum(h.qty for h in handed)
    customer = mask_name(order.customer_name)
    if left:
        message = Text(
            f"已交出 {items} 件给{customer}，还有 {left} 件待提",
            f"Handed {items} item(s) to {customer}; {left} still to collect",
        )
    else:
        message = Text(
            f"已交出 {items} 件给{customer}，全部提完",
            f"Handed {items} item(s) to {customer}; all collected",
        )
    return HandoutResult(
        pickup_id=pickup.id,
        pickup_uuid=pickup.uuid,
        order_id=order.id,
        order_no=order.order_no,
        customer=customer,
        lines=tuple(handed),
        fulfilment=order.fulfilment,
        remaining=left,
        at=at,
        undo_until=at + undo_window,
        bag_confirmed=bag_confirmed,
        proxy_note=note,
        event_id=record.event_id,
        warning=warning,
        message=message,
    )


def undo(
    session: Session,
    *,
    pickup_id: int,
    actor: Actor,
    reason: str,
    approver: Actor | None,
    now: datetime,
    undo_window: timedelta,
) -> UndoResult:
    """Record an undo of a hand-out in the caller's write transaction (the caller commits)."""
    check_hand_out_allowed(actor)
    reason = (reason or "").strip()
    if not reason:
        raise PickupRefused("no_reason", "请填写撤销原因", "Please give a reason for the undo")
    if len(reason) > MAX_NOTE:
        raise PickupRefused(
            "reason_too_long",
            f"撤销原因太长（最多 {MAX_NOTE} 字）",
            f"The reason is too long (at most {MAX_NOTE} characters)",
        )
    pickup = session.get(Pickup, pickup_id)
    if pickup is None:
        raise PickupRefused("not_found", "找不到这次提货记录", "No such pickup")
    if pickup.kind != "pickup":
        raise PickupRefused(
            "not_a_pickup", "这是一条撤销记录，不能再撤销", "This is an undo; it can't be undone"
        )
    existing = session.scalar(select(Pickup.id).where(Pickup.undoes_id == pickup.id))
    if existing is not None:
        raise PickupRefused(
            "already_undone", "这次提货已经撤销过了", "This pickup has already been undone"
        )
    at = as_utc(now)
    approver_id: int | None = None
    approver_uuid: str | None = None
    if at - as_utc(pickup.created_at) > undo_window:
        owner = actor if actor.is_owner else approver
        if owner is None or not owner.is_owner:
            minutes = int(undo_window.total_seconds() // 60)
            raise PickupRefused(
                "window_closed",
                f"交货已超过 {minutes} 分钟，不能自行撤销，需要店主批准",
                f"More than {minutes} minutes have passed since the hand-out; undoing it now needs the owner",
            )
        approver_id = owner.staff_id
        approver_uuid = owner.uuid

    lines = session.execute(
        select(PickupLine, GroupOrderLine)
        .join(GroupOrderLine, PickupLine.order_line_id == GroupOrderLine.id)
        .where(PickupLine.pickup_id == pickup.id)
        .order_by(PickupLine.id)
    ).all()
    for pl, line in lines:
        if line.qty_picked < pl.qty:  # only if rows were edited by hand
            raise PickupRefused(
                "inconsistent",
                "这次提货的数量与订单对不上，无法撤销，请联系技术支持",
                "The pickup's quantities no longer match the order; it can't be undone. Contact support",
            )
    order = session.get(GroupOrder, pickup.order_id)
    assert order is not None
    undo_row = Pickup(
        order_id=order.id,
        kind="undo",
        undoes_id=pickup.id,
        method=pickup.method,
        proxy_note=None,
        bag_confirmed=False,
        staff_id=actor.staff_id,
        created_at=naive_utc(now),
    )
    session.add(undo_row)
    session.flush()
    restored: list[PickupLineRecord] = []
    loaded = load_order(session, order.id)
    assert loaded is not None
    names = {line.id: item.name for line, item in loaded.rows}
    for pl, line in lines:
        session.add(PickupLine(pickup_id=undo_row.id, order_line_id=line.id, qty=pl.qty))
        line.qty_picked -= pl.qty
        restored.append(PickupLineRecord(line.id, names.get(line.id, ""), pl.qty))
    before = order.fulfilment
    if order.fulfilment != "awaiting":
        order.fulfilment = "partial" if loaded.picked > 0 else "ready"
    session.flush()
    record = write_event(
        session,
        PickupUndoEvent(
            created_at=at,
            undo_uuid=undo_row.uuid,
            pickup_uuid=pickup.uuid,
            order_id=order.id,
            lines=[PickupLineData(order_line_id=r.order_line_id, qty=r.qty) for r in restored],
            reason=reason,
            staff_uuid=actor.uuid,
            approver_uuid=approver_uuid,
        ),
        now=at,
    )
    record_audit(
        session,
        at=at,
        staff_id=actor.staff_id,
        approver_id=approver_id,
        action="pickup_undo",
        entity="pickup",
        entity_id=pickup.uuid,
        before={"fulfilment": before, "lines": {str(r.order_line_id): r.qty for r in restored}},
        after={"fulfilment": order.fulfilment, "undo_uuid": undo_row.uuid, "reason": reason},
    )
    items = sum(r.qty for r in restored)
    return UndoResult(
        undo_id=undo_row.id,
        undo_uuid=undo_row.uuid,
        pickup_id=pickup.id,
        order_id=order.id,
        order_no=order.order_no,
        lines=tuple(restored),
        fulfilment=order.fulfilment,
        at=at,
        approver_id=approver_id,
        event_id=record.event_id,
        message=Text(
            f"已撤销：{items} 件放回待提（订单 {order.order_no}）",
            f"Undone: {items} item(s) back to waiting (order {order.order_no})",
        ),
    )


# --- checks ----------------------------------------------------------------------------------


def _clean_note(note: str | None) -> str | None:
    if note is None:
        return None
    note = note.strip()
    if not note:
        return None
    if len(note) > MAX_NOTE:
        raise PickupRefused(
            "note_too_long",
            f"代取备注太长（最多 {MAX_NOTE} 字）",
            f"The note is too long (at most {MAX_NOTE} characters)",
        )
    return note


def _refused_for_state(
    state: VerdictState,
    loaded: OrderLines,
    calendar: BusinessCalendar,
    undo_window: timedelta,
    session: Session,
) -> PickupRefused:
    if state == VerdictState.ALREADY_PICKED:
        headline, detail = msg.already_picked(
            calendar,
            loaded.order.shelf_slot,
            order_pickups(session, loaded.order, undo_window=undo_window),
        )
    elif state == VerdictState.NOT_ARRIVED:
        headline, detail = msg.not_arrived(loaded.campaign.title, loaded.campaign.pickup_date)
    elif state == VerdictState.ALL_SHORT:
        headline, detail = msg.all_short()
    elif state == VerdictState.WITHDRAWN:
        headline, detail = msg.withdrawn()
    elif state == VerdictState.REFUNDED:
        headline, detail = msg.refunded(loaded.picked)
    else:
        headline, detail = msg.cancelled(loaded.picked)
    return PickupRefused(
        state.value,
        f"没有交货：{headline.zh}。{detail.zh}",
        f"Nothing was handed out: {headline.en}. {detail.en}",
    )


def _check_bag(session: Session, order: GroupOrder, scanned: str | None) -> bool:
    """True when a scanned bag label is this order's bag; refuses any other bag."""
    if scanned is None:
        return False
    bag_id = parse_bag_label(scanned, allow_bare=True)
    if bag_id is None:
        raise PickupRefused(
            "not_a_bag_label",
            "扫到的不是袋子标签，没有交货。请扫袋子上的标签。",
            "That was not a bag label; nothing was handed out. Scan the label on the bag.",
        )
    if order.bag_id is not None and order.bag_id.lower() == bag_id:
        return True
    other = session.scalars(select(GroupOrder).where(GroupOrder.bag_id == bag_id)).first()
    mine_zh = (
        f"，{mask_name(order.customer_name)}的袋子在货架 {order.shelf_slot}"
        if order.shelf_slot
        else ""
    )
    mine_en = (
        f"; {mask_name(order.customer_name)}'s bag is on shelf {order.shelf_slot}"
        if order.shelf_slot
        else ""
    )
    if other is not None:
        where_zh = f"（货架 {other.shelf_slot}）" if other.shelf_slot else ""
        where_en = f" (shelf {other.shelf_slot})" if other.shelf_slot else ""
        zh = (
            f"袋子拿错了！这是{mask_name(other.customer_name)}的袋子{where_zh}{mine_zh}。没有交货。"
        )
        en = f"Wrong bag! This is {mask_name(other.customer_name)}'s bag{where_en}{mine_en}. Nothing was handed out."
    else:
        zh = f"袋子拿错了！这个袋子不属于这个订单{mine_zh}。没有交货。"
        en = f"Wrong bag! This bag does not belong to this order{mine_en}. Nothing was handed out."
    raise PickupRefused("wrong_bag", zh, en)


def _wanted_quantities(loaded: OrderLines, lines: Mapping[int, int] | None) -> dict[int, int]:
    by_id = {line.id: (line, item) for line, item in loaded.rows}
    if lines is None:
        wanted = {line.id: remaining(line) for line, _ in loaded.rows if remaining(line) > 0}
    else:
        wanted = {}
        for line_id, qty in lines.items():
            if isinstance(qty, bool) or not isinstance(qty, int) or qty < 0:
                raise ValueError(
                    f"quantity for line {line_id} must be a whole number >= 0, not {qty!r}"
                )
            if line_id not in by_id:
                raise PickupRefused(
                    "unknown_line",
                    "要交的商品不在这个订单里，没有交货",
                    "An item to hand out is not in this order; nothing was handed out",
                )
            if qty:
                wanted[line_id] = qty
    for line_id, qty in wanted.items():
        line, item = by_id[line_id]
        left = remaining(line)
        if qty > left:
            raise PickupRefused(
                "too_many",
                f"「{item.name}」只剩 {left} 件可交，不能交 {qty} 件。可能刚刚已经交过了，请重新扫码核对。没有交货。",
                f"Only {left} of “{item.name}” left to hand out, not {qty}. It may just have been "
                "handed out; scan again to check. Nothing was handed out.",
            )
    if not wanted:
        raise PickupRefused(
            "nothing",
            "没有选择要交的商品，没有交货",
            "No items were chosen; nothing was handed out",
        )
    return wanted
