"""From a scanned or typed text to a verdict: which order, and may its goods go out now.

Reads only; the hand-out re-checks everything inside its own write transaction. Whatever
arrives (a QR from the camera, a scanner burst, a typed code, random bytes from a bad
decode, a 2 KB paste), the answer is a Verdict, never an exception: only a database problem
raises. A pickup QR costs a handful of indexed lookups and one Ed25519 verification.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Literal

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from app.clock import BusinessCalendar, as_utc
from app.errors import UserFacingError
from app.i18n import Text
from app.pickups import messages as msg
from app.pickups.bag_label import looks_like_bag_label, parse_bag_label
from app.pickups.masking import mask_name
from app.pickups.records import OPEN_FULFILMENT, OrderLines, load_order, order_pickups, order_state
from app.pickups.verdict import OrderChoice, Verdict, VerdictState, storages_of
from local_db.models import Campaign, GroupOrder, GroupOrderLine, PlatformKey, Station
from sync.pickup_code import (
    PREFIX as QR_PREFIX,
)
from sync.pickup_code import (
    DamagedPickupCode,
    ForgedPickupCode,
    PickupCodeError,
    UnknownPickupKey,
    verify_pickup_code,
)

MAX_INPUT_LENGTH = 1024
"""Longer input is refused before any work (a real QR text is about 140 characters)."""
MAX_CHOICES = 30
_HANDED_OUT = ("partial", "collected")
"""Fulfilment states in which an order can have hand-outs worth listing in a verdict."""
"""A CHOICE lists at most this many orders; `more_choices` says there were more."""

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_]+")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")

InputKind = Literal["qr", "code", "phone", "bag", "none"]


@dataclass(frozen=True, slots=True)
class RoutedInput:
    """What a scanned or typed text looks like, before anything is looked up."""

    kind: InputKind
    value: str  # the text for the qr, the 8 digits, the 4 digits, the bag id; "" for none
    product_barcode: bool = False  # kind none, but a valid EAN/UPC: hint at the Counter


def route_input(text: object) -> RoutedInput:
    """Tell a pickup QR, an 8-digit pickup code, a phone ending and a bag label apart.

    Full-width characters count (１２３４), spaces and dashes in typed digits are ignored,
    and a whole mobile number typed by mistake is taken as its last four digits (it is
    never stored or logged).
    """
    if not isinstance(text, str) or len(text) > MAX_INPUT_LENGTH:
        return RoutedInput("none", "")
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if looks_like_bag_label(cleaned):
        bag_id = parse_bag_label(cleaned)
        return RoutedInput("bag", bag_id) if bag_id else RoutedInput("none", "")
    if cleaned[: len(QR_PREFIX)].upper() == QR_PREFIX:
        return RoutedInput("qr", cleaned)
    if len(cleaned) > 64:
        return RoutedInput("none", "")
    digits = _SEPARATORS.sub("", cleaned)
    if not digits.isascii() or not digits.isdigit():
        return RoutedInput("none", "")
    if len(digits) == 8:
        return RoutedInput("code", digits)
    if len(digits) == 4:
        return RoutedInput("phone", digits)
    if _MOBILE.fullmatch(digits):
        return RoutedInput("phone", digits[-4:])
    return RoutedInput("none", "", product_barcode=_is_product_barcode(digits))


def _is_product_barcode(digits: str) -> bool:
    """EAN-13 / UPC-A (12) / EAN-14 with a correct check digit."""
    if len(digits) not in (12, 13, 14):
        return False
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


@dataclass(frozen=True, slots=True)
class VerifyContext:
    """What every lookup needs besides the session."""

    now: datetime
    calendar: BusinessCalendar
    undo_window: timedelta


def station_id(session: Session) -> int:
    ids = session.scalars(select(Station.id).limit(2)).all()
    if len(ids) != 1:
        raise UserFacingError(
            "本店还没有设置好（没有自提点信息），无法核验提货码。",
            "This station is not set up yet (no pickup point record), so codes can't be checked.",
            code="no_station",
        )
    return ids[0]


def platform_keys(session: Session) -> tuple[dict[int, bytes], frozenset[int]]:
    """All platform keys by id, and the ids of the retired ones.

    Read on every QR scan in the same snapshot as the order: a few rows, well under a
    millisecond, and a key that sync just added or retired counts at once.
    """
    rows = session.execute(
        select(PlatformKey.key_id, PlatformKey.public_key, PlatformKey.retired)
    ).all()
    keys = {key_id: bytes(raw) for key_id, raw, _ in rows}
    return keys, frozenset(key_id for key_id, _, retired in rows if retired)


@cache
def _keys_and_station_stmt() -> Select:
    station_count = select(func.count(Station.id)).scalar_subquery()
    station_min = select(func.min(Station.id)).scalar_subquery()
    return select(
        PlatformKey.key_id,
        PlatformKey.public_key,
        PlatformKey.retired,
        station_count,
        station_min,
    )


def _keys_and_station(
    session: Session,
) -> tuple[dict[int, bytes], frozenset[int], int | None]:
    """Platform keys, the retired ids and the station id (None unless exactly one): one SELECT.

    The station comes along as two scalar subqueries on every key row; with no keys at all
    no code can verify, so the station is never needed then.
    """
    rows = session.execute(_keys_and_station_stmt()).all()
    keys = {key_id: bytes(raw) for key_id, raw, _, _, _ in rows}
    retired = frozenset(key_id for key_id, _, is_retired, _, _ in rows if is_retired)
    station = rows[0][4] if rows and rows[0][3] == 1 else None
    return keys, retired, station


def verify_text(session: Session, text: object, ctx: VerifyContext) -> Verdict:
    routed = route_input(text)
    if routed.kind == "qr":
        return verify_qr(session, routed.value, ctx)
    if routed.kind == "code":
        return lookup_by_code(session, routed.value, ctx)
    if routed.kind == "phone":
        return lookup_by_phone_tail(session, routed.value, ctx)
    if routed.kind == "bag":
        return bag_label_verdict(session, routed.value)
    return not_a_pickup_code(routed.product_barcode)


def not_a_pickup_code(product_barcode: bool = False) -> Verdict:
    return _plain(VerdictState.NOT_A_PICKUP_CODE, msg.not_a_pickup_code(product_barcode))


def verify_qr(session: Session, text: str, ctx: VerifyContext) -> Verdict:
    keys, retired, station = _keys_and_station(session)
    try:
        claim = verify_pickup_code(text, keys)
    except ForgedPickupCode as exc:
        return _plain(VerdictState.FORGED, msg.forged(exc.message), method="qr")
    except DamagedPickupCode as exc:
        return _plain(VerdictState.DAMAGED, msg.damaged(exc.message), method="qr")
    except UnknownPickupKey as exc:
        return _plain(VerdictState.UNKNOWN_KEY, msg.unknown_key(exc.message), method="qr")
    except PickupCodeError:
        return not_a_pickup_code()
    if claim.key_id in retired:
        return _plain(VerdictState.UNKNOWN_KEY, msg.retired_key(), method="qr")
    if station is None:
        station = station_id(session)  # raises the "not set up" error
    if claim.station_id != station:
        return _plain(VerdictState.WRONG_STATION, msg.wrong_station(claim.station_id), method="qr")
    loaded = load_order(session, claim.order_id)
    if loaded is None:
        return _plain(
            VerdictState.NOT_DOWNLOADED,
            msg.not_downloaded(claim.order_id),
            method="qr",
            order_id=claim.order_id,
        )
    return order_verdict(session, loaded, "qr", ctx)


def verdict_for_order(session: Session, order_id: int, method: str, ctx: VerifyContext) -> Verdict:
    loaded = load_order(session, order_id)
    if loaded is None:
        return _plain(
            VerdictState.NOT_DOWNLOADED,
            msg.not_downloaded(order_id),
            method=method,
            order_id=order_id,
        )
    return order_verdict(session, loaded, method, ctx)


def _is_open(order: GroupOrder) -> bool:
    return (
        order.cloud_state == "active"
        and not order.withdrawn
        and order.fulfilment in OPEN_FULFILMENT
    )


def lookup_by_code(session: Session, code: str, ctx: VerifyContext) -> Verdict:
    """The open order with this 8-digit pickup code; else the latest closed one, to explain.

    The platform keeps codes unique among a station's open orders, so two open matches
    mean a data problem: they are offered as a choice rather than guessed.
    """
    orders = session.scalars(
        select(GroupOrder)
        .where(GroupOrder.pickup_code == code)
        .order_by(GroupOrder.id.desc())
        .limit(MAX_CHOICES + 1)
    ).all()
    if not orders:
        return _plain(VerdictState.NOT_FOUND, msg.code_not_found(code), method="code")
    open_orders = [o for o in orders if _is_open(o)]
    if len(open_orders) > 1:
        return _choice(session, open_orders, ctx, tail=None, code=code, method="code")
    chosen = open_orders[0] if open_orders else orders[0]
    loaded = load_order(session, chosen.id)
    assert loaded is not None
    return order_verdict(session, loaded, "code", ctx)


def lookup_by_phone_tail(session: Session, tail: str, ctx: VerifyContext) -> Verdict:
    """Open orders whose phone ends in `tail`, as a CHOICE: the leader asks "张**?".

    Always a choice, even for one match, because four digits are not proof of who is at
    the counter: the name has to be checked by a person.
    """
    orders = session.scalars(
        select(GroupOrder)
        .join(Campaign, GroupOrder.campaign_id == Campaign.id)
        .where(
            GroupOrder.phone_tail == tail,
            GroupOrder.cloud_state == "active",
            GroupOrder.withdrawn.is_(False),
            GroupOrder.fulfilment.in_(OPEN_FULFILMENT),
            Campaign.withdrawn.is_(False),
        )
        .order_by(
            case((GroupOrder.fulfilment == "awaiting", 1), else_=0),
            GroupOrder.customer_name,
            GroupOrder.id,
        )
        .limit(MAX_CHOICES + 1)
    ).all()
    if not orders:
        return _plain(VerdictState.NOT_FOUND, msg.tail_not_found(tail), method="phone")
    return _choice(session, list(orders), ctx, tail=tail, code=None, method="phone")


def _choice(
    session: Session,
    orders: list[GroupOrder],
    ctx: VerifyContext,
    *,
    tail: str | None,
    code: str | None,
    method: str,
) -> Verdict:
    more = len(orders) > MAX_CHOICES
    orders = orders[:MAX_CHOICES]
    ids = [o.id for o in orders]
    totals = {
        order_id: (int(ordered or 0), int(short or 0), int(picked or 0))
        for order_id, ordered, short, picked in session.execute(
            select(
                GroupOrderLine.order_id,
                func.sum(GroupOrderLine.qty_ordered),
                func.sum(GroupOrderLine.qty_short),
                func.sum(GroupOrderLine.qty_picked),
            )
            .where(GroupOrderLine.order_id.in_(ids))
            .group_by(GroupOrderLine.order_id)
        )
    }
    campaigns = {
        c.id: c
        for c in session.scalars(
            select(Campaign).where(Campaign.id.in_({o.campaign_id for o in orders}))
        ).all()
    }
    choices = []
    for o in orders:
        ordered, short, picked = totals.get(o.id, (0, 0, 0))
        items = max(0, ordered - short - picked)
        state = order_state(o, campaigns.get(o.campaign_id), to_hand_out=items, picked=picked)
        customer = mask_name(o.customer_name)
        where_zh = f" · 货架{o.shelf_slot}" if o.shelf_slot else ""
        where_en = f" · shelf {o.shelf_slot}" if o.shelf_slot else ""
        waiting_zh = " · 未到货" if state == VerdictState.NOT_ARRIVED else ""
        waiting_en = " · not arrived" if state == VerdictState.NOT_ARRIVED else ""
        choices.append(
            OrderChoice(
                order_id=o.id,
                order_no=o.order_no,
                customer=customer,
                phone_tail=o.phone_tail,
                campaign_title=campaigns[o.campaign_id].title if o.campaign_id in campaigns else "",
                items=items,
                shelf_slot=o.shelf_slot,
                state=state,
                label=Text(
                    f"{customer} · 尾号{o.phone_tail} · {items}件{where_zh}{waiting_zh}",
                    f"{customer} · ending {o.phone_tail} · {items} item(s){where_en}{waiting_en}",
                ),
            )
        )
    headline, detail = msg.choice(tail, code, choices[0].customer, len(choices))
    return Verdict(
        state=VerdictState.CHOICE,
        headline=headline,
        detail=detail,
        method=method,
        phone_tail=tail,
        choices=tuple(choices),
        more_choices=more,
    )


def bag_label_verdict(session: Session, bag_id: str) -> Verdict:
    order = session.scalars(select(GroupOrder).where(GroupOrder.bag_id == bag_id)).first()
    if order is None:
        return _plain(VerdictState.BAG_LABEL, msg.bag_label(None, None, None), bag_id=bag_id)
    customer = mask_name(order.customer_name)
    return _plain(
        VerdictState.BAG_LABEL,
        msg.bag_label(customer, order.shelf_slot, order.order_no),
        order_id=order.id,
        order_no=order.order_no,
        customer=customer,
        phone_tail=order.phone_tail,
        shelf_slot=order.shelf_slot,
        bag_id=bag_id,
    )


def order_verdict(session: Session, loaded: OrderLines, method: str, ctx: VerifyContext) -> Verdict:
    order, campaign = loaded.order, loaded.campaign
    state = loaded.state
    lines = loaded.verdict_lines()
    pickups = (
        tuple(order_pickups(session, order, undo_window=ctx.undo_window))
        if order.fulfilment in _HANDED_OUT or loaded.picked > 0
        else ()
    )
    customer = mask_name(order.customer_name)
    items = loaded.to_hand_out
    storages = storages_of(lines)
    if state == VerdictState.READY:
        headline, detail = msg.ready(customer, items, order.shelf_slot, storages)
    elif state == VerdictState.PARTLY_PICKED:
        headline, detail = msg.partly_picked(
            ctx.calendar, customer, items, order.shelf_slot, storages, pickups
        )
    elif state == VerdictState.ALREADY_PICKED:
        headline, detail = msg.already_picked(ctx.calendar, order.shelf_slot, pickups)
    elif state == VerdictState.NOT_ARRIVED:
        headline, detail = msg.not_arrived(campaign.title, campaign.pickup_date)
    elif state == VerdictState.ALL_SHORT:
        headline, detail = msg.all_short()
    elif state == VerdictState.WITHDRAWN:
        headline, detail = msg.withdrawn()
    elif state == VerdictState.REFUNDED:
        headline, detail = msg.refunded(loaded.picked)
    else:
        headline, detail = msg.cancelled(loaded.picked)
    deadline = as_utc(order.pickup_deadline) if order.pickup_deadline else None
    passed = deadline is not None and ctx.now > deadline
    warning = (
        msg.deadline_passed(ctx.calendar, deadline)
        if passed
        and deadline is not None
        and state in (VerdictState.READY, VerdictState.PARTLY_PICKED, VerdictState.NOT_ARRIVED)
        else None
    )
    return Verdict(
        state=state,
        headline=headline,
        detail=detail,
        method=method,
        order_id=order.id,
        order_no=order.order_no,
        customer=customer,
        phone_tail=order.phone_tail,
        campaign_title=campaign.title,
        lines=lines,
        shelf_slot=order.shelf_slot,
        bag_id=order.bag_id,
        deadline=deadline,
        deadline_passed=passed,
        warning=warning,
        withdrawn=order.withdrawn or campaign.withdrawn,
        note=order.note,
        pickups=pickups,
    )


def _plain(state: VerdictState, texts: tuple[Text, Text], **fields: object) -> Verdict:
    headline, detail = texts
    return Verdict(state=state, headline=headline, detail=detail, **fields)  # type: ignore[arg-type]


__all__ = [
    "MAX_INPUT_LENGTH",
    "RoutedInput",
    "VerifyContext",
    "bag_label_verdict",
    "lookup_by_code",
    "lookup_by_phone_tail",
    "not_a_pickup_code",
    "order_verdict",
    "platform_keys",
    "route_input",
    "station_id",
    "verdict_for_order",
    "verify_qr",
    "verify_text",
]
