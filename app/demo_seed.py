"""Demo data: a believable corner store and pickup point, the same every time for a seed and clock.

`seed_demo` fills an empty database with station 1001 (邻里站·幸福里店), three staff with
known PINs, a shop catalogue and group-buy campaigns: one arriving today, one picked up three
days ago (with every order state a leader meets: collected, partly collected, uncollected
bags on the shelf, a shortage, cancellations, refunds) and one still taking orders. It
refuses a real station's database and leaves one that is already a demo as it is.

The benchmark calls the same building blocks (`make_products`, `make_campaigns_and_orders`)
at 50k products and 100k orders, so rows are generated in one pass and inserted in chunks.
Row uuids come from the seed too, so two seeds with the same seed and clock are identical,
except the station's device id, which must stay unique per machine for sync.
"""
from __future__ import annotations

import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.arrivals.shelving import format_slot
from app.clock import BusinessCalendar, as_utc
from app.demo_catalogue import (
    CAMPAIGN_THEMES,
    GIVEN_NAMES,
    GROUP_BUY_ITEMS,
    KNOWN_BARCODES,
    KNOWN_PLU,
    ORDER_NOTES,
    PICKUP_PROXY_NOTES,
    SHOP_CODES,
    SURNAMES,
    GroupBuyItem,
    demo_rng,
    demo_uuid,
    ean13_check_digit,
    generate_products,
    gtin_check_digit,
    is_valid_ean8,
    is_valid_ean13,
    naive_utc,
    pinyin_keys,
    split_by_weight,
)
from app.errors import UserFacingError
from local_db.engine import Database
from local_db.models import (
    Arrival,
    ArrivalLine,
    AuditLog,
    Campaign,
    CampaignItem,
    Claim,
    GroupOrder,
    GroupOrderLine,
    Pickup,
    PickupLine,
    PlatformKey,
    Product,
    ProductBarcode,
    Sale,
    Staff,
    Station,
)
from sync.pickup_code import (
    DEMO_KEY_ID,
    PickupClaim,
    demo_private_key,
    issue_pickup_code,
    public_key_bytes,
)

__all__ = [
    "DEMO_STAFF",
    "DEMO_STATION_ID",
    "KNOWN_BARCODES",
    "KNOWN_PLU",
    "ORDER_STATES",
    "SHOP_CODES",
    "DemoCampaign",
    "DemoOrderSample",
    "DemoScale",
    "DemoStaff",
    "DemoSummary",
    "OrderStats",
    "ProductStats",
    "demo_pickup_qr",
    "demo_summary",
    "ean13_check_digit",
    "generate_products",
    "gtin_check_digit",
    "is_valid_ean8",
    "is_valid_ean13",
    "make_campaigns_and_orders",
    "make_products",
    "make_staff",
    "make_station",
    "pinyin_keys",
    "seed_demo",
]

DEMO_STATION_ID = 1001
DEMO_STATION_CODE = "ST1001"
DEMO_STATION_NAME = "邻里站·幸福里店"
DEMO_STATION_ADDRESS = "幸福里小区东门3栋底商"
# Cloud ids of cloud-owned rows; far apart so a log line's number says which table it is.
CAMPAIGN_ID_START = 7001
CAMPAIGN_ITEM_ID_START = 70001
ORDER_ID_START = 500001
ORDER_LINE_ID_START = 900001
INSERT_CHUNK = 5000
ORDER_STATES = ("awaiting", "ready", "partial", "collected", "cancelled", "refunded")
SHELF_PREFIX = {"ambient": "A", "chilled": "C", "frozen": "F"}  # 常温 / 冷藏 / 冷冻
_COLDNESS = {"ambient": 0, "chilled": 1, "frozen": 2}


@dataclass(frozen=True, slots=True)
class DemoStaff:
    staff_no: str
    name: str
    roles: str
    pin: str


DEMO_STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("01", "王秀英", "owner,leader", "1111"),
    DemoStaff("02", "李明", "clerk", "2222"),
    DemoStaff("03", "赵芳", "leader", "3333"),
)


@dataclass(frozen=True, slots=True)
class DemoScale:
    products: int = 300
    orders: int = 200
    campaigns: int = 3

    def __post_init__(self) -> None:
        if min(self.products, self.orders, self.campaigns) < 0:
            raise ValueError("demo scale counts must not be negative")


@dataclass(frozen=True, slots=True)
class DemoOrderSample:
    """An order to try at the counter: read out its code, type its phone ending, or scan its QR."""

    order_id: int
    order_no: str
    campaign_id: int
    customer_name: str
    phone_tail: str
    pickup_code: str
    state: str  # one of ORDER_STATES
    shelf_slot: str | None
    qr_text: str


@dataclass(frozen=True, slots=True)
class DemoCampaign:
    campaign_id: int
    title: str
    pickup_date: date | None
    order_deadline: datetime | None  # aware UTC
    items: int
    orders: int


@dataclass(frozen=True)
class DemoSummary:
    station_id: int
    station_name: str
    table_counts: dict[str, int]
    order_states: dict[str, int]
    campaigns: tuple[DemoCampaign, ...]
    products: int
    produce: int
    low_stock: int
    negative_stock: int
    staff: tuple[DemoStaff, ...]
    ready_orders: tuple[DemoOrderSample, ...]
    state_samples: dict[str, DemoOrderSample]
    known_barcodes: dict[str, str]
    shop_codes: dict[str, str]


@dataclass(frozen=True, slots=True)
class ProductStats:
    products: int
    barcodes: int
    produce: int


@dataclass(frozen=True, slots=True)
class OrderStats:
    campaigns: int
    items: int
    orders: int
    lines: int
    pickups: int
    arrivals: int


# --- helpers ---------------------------------------------------------------------------------


def demo_pickup_qr(order_id: int, *, station_id: int = DEMO_STATION_ID, issued_at: datetime) -> str:
    """The QR text the customer's phone would show for a demo order, signed with the demo key."""
    claim = PickupClaim(
        order_id=order_id, station_id=station_id, issued_at=issued_at, key_id=DEMO_KEY_ID
    )
    return issue_pickup_code(claim, demo_private_key())


def _bulk_insert(session: Session, model: type[Any], rows: Sequence[dict[str, Any]]) -> None:
    # render_nulls: a None is written as NULL, so rows with and without a value for a column
    # stay in one executemany instead of being split into many small batches.
    statement = insert(model).execution_options(render_nulls=True)
    for start in range(0, len(rows), INSERT_CHUNK):
        session.execute(statement, list(rows[start : start + INSERT_CHUNK]))


def _next_id(session: Session, column: Any, floor: int) -> int:
    current = session.scalar(select(func.max(column)))
    return max(int(current or 0) + 1, floor)


# --- station and staff -----------------------------------------------------------------------


def make_station(session: Session, *, now: datetime) -> None:
    """Station 1001 as a demo (never enrolled) and the demo platform key that signs its QR codes."""
    session.execute(
        insert(Station),
        [{
            "id": DEMO_STATION_ID,
            "code": DEMO_STATION_CODE,
            "name": DEMO_STATION_NAME,
            "address": DEMO_STATION_ADDRESS,
            "device_id": str(uuid.uuid4()),  # unique per machine even for the demo
            "device_epoch": 1,
            "cloud_url": None,
            "enrolled_at": None,
            "is_demo": True,
        }],
    )
    session.execute(
        insert(PlatformKey),
        [{
            "key_id": DEMO_KEY_ID,
            "public_key": public_key_bytes(demo_private_key()),
            "added_at": naive_utc(now),
            "retired": False,
        }],
    )


def make_staff(session: Session, *, now: datetime, seed: int = 7) -> dict[str, int]:
    """The three demo staff with hashed PINs; returns role → staff id (owner, clerk, leader)."""
    rng = demo_rng(seed, "staff")
    # OWASP's minimum argon2id cost: quick enough for a demo and tests, still a real hash.
    hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
    rows = [
        {
            "uuid": demo_uuid(rng),
            "staff_no": person.staff_no,
            "name": person.name,
            "roles": person.roles,
            "pin_hash": hasher.hash(person.pin),
            "failed_pins": 0,
            "locked_until": None,
            "active": True,
            "created_at": naive_utc(now - timedelta(days=400)),
        }
        for person in DEMO_STAFF
    ]
    _bulk_insert(session, Staff, rows)
    ids = dict(
        session.execute(
            select(Staff.staff_no, Staff.id).where(
                Staff.staff_no.in_([p.staff_no for p in DEMO_STAFF])
            )
        ).all()
    )
    return {"owner": ids["01"], "clerk": ids["02"], "leader": ids["03"]}


# --- the shop's catalogue (rows made by app.demo_catalogue) ---------------------------------


def make_products(session: Session, *, now: datetime, count: int, seed: int = 7) -> ProductStats:
    """Insert `count` products (and their barcodes) after any already there."""
    products, barcodes = generate_products(
        now=now, count=count, seed=seed, start_id=_next_id(session, Product.id, 1)
    )
    _bulk_insert(session, Product, products)
    _bulk_insert(session, ProductBarcode, barcodes)
    return ProductStats(
        products=len(products),
        barcodes=len(barcodes),
        produce=sum(p["unit"] == "kg" for p in products),
    )


# --- group buying: campaigns, orders, the delivery and pickups --------------------------------


@dataclass(slots=True)
class _Campaign:
    kind: str  # past, collected, today, open
    campaign_id: int
    pickup_date: date
    deadline: datetime  # aware UTC
    window: tuple[datetime, datetime]  # orders are placed in [start, end)
    items: list[dict[str, Any]]
    received_at: datetime | None  # the delivery, for campaigns already picked up
    bags: int  # bag numbers given out so far (one number per order, as the sign-off does)


@dataclass(slots=True)
class _Draft:
    campaign: _Campaign
    placed_at: datetime
    state: str
    short: bool
    customer: tuple[str, str, str | None]
    lines: list[dict[str, Any]]  # campaign item rows, one per line
    qtys: list[int]


_KIND_WEIGHT = {"past": 40, "collected": 40, "today": 35, "open": 25}


def _campaign_kinds(count: int) -> list[str]:
    """Oldest first: any beyond three are older campaigns, all picked up; then the one picked
    up three days ago, the one arriving today and the one still taking orders."""
    if count <= 0:
        return []
    if count == 1:
        return ["today"]
    if count == 2:
        return ["collected", "today"]
    return ["past"] * (count - 3) + ["collected", "today", "open"]


def _local(calendar: BusinessCalendar, day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=calendar.tz).astimezone(UTC)


def _states(kind: str, n: int, rng: random.Random) -> list[str]:
    def part(share: float) -> int:
        return max(1, round(n * share)) if n >= 10 else round(n * share)

    if kind == "collected":
        counts = {
            "cancelled": part(0.04),
            "refunded": part(0.04),
            "ready": part(0.12),
            "partial": part(0.06),
        }
    elif kind == "past":
        counts = {"cancelled": part(0.03), "refunded": part(0.03)}
    else:
        counts = {"cancelled": round(n * 0.02)}
    states = [state for state, c in counts.items() for _ in range(c)][:n]
    states += ["collected" if kind in ("collected", "past") else "awaiting"] * (n - len(states))
    rng.shuffle(states)
    return states


def _customers(rng: random.Random, count: int) -> list[tuple[str, str, str | None]]:
    """Neighbours as the platform shows them: full name, phone ending, building and room."""
    people = []
    for _ in range(count):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)
        tail = f"{rng.randrange(10_000):04d}"
        room = None
        if rng.random() < 0.85:
            building, unit = rng.randint(1, 18), rng.randint(1, 3)
            room = f"{building}栋{unit}单元{rng.randint(1, 18)}{rng.randint(1, 4):02d}"
        people.append((name, tail, room))
    return people


def _campaign_items(
    rng: random.Random, campaign_id: int, first_id: int, barcodes: dict[str, str]
) -> list[dict[str, Any]]:
    """6–12 items, at least one for each of the shelf, the fridge and the freezer."""
    picked = [rng.choice([i for i in GROUP_BUY_ITEMS if i.storage == s]) for s in SHELF_PREFIX]
    rest = [i for i in GROUP_BUY_ITEMS if i not in picked]
    picked += rng.sample(rest, min(len(rest), rng.randint(6, 12) - len(picked)))
    rng.shuffle(picked)
    rows = []
    for offset, item in enumerate(picked):
        rows.append({
            "id": first_id + offset,
            "campaign_id": campaign_id,
            "name": item.name,
            "barcode": _item_barcode(rng, item, barcodes),
            "price_fen": item.price_fen,
            "storage": item.storage,
            "case_pack": item.case_pack,
            "spec": item.spec,
            "withdrawn": False,
        })
    return rows


def _item_barcode(rng: random.Random, item: GroupBuyItem, barcodes: dict[str, str]) -> str | None:
    if not item.packaged:
        return None
    if item.name not in barcodes:
        body = f"{rng.randint(690, 699)}{rng.randrange(10**9):09d}"
        barcodes[item.name] = body + ean13_check_digit(body)
    return barcodes[item.name]


def _plan_campaigns(
    rng: random.Random,
    *,
    now: datetime,
    calendar: BusinessCalendar,
    count: int,
    first_id: int,
    first_item_id: int,
) -> list[_Campaign]:
    today = calendar.business_day(now)
    kinds = _campaign_kinds(count)
    n_past = kinds.count("past")
    offsets = {"collected": -3, "today": 0, "open": 2}
    barcodes: dict[str, str] = {}
    plans: list[_Campaign] = []
    item_id = first_item_id
    past_index = 0
    for index, kind in enumerate(kinds):
        if kind == "past":
            pickup = today - timedelta(days=3 + n_past - past_index)
            past_index += 1
        else:
            pickup = today + timedelta(days=offsets[kind])
        deadline = _local(calendar, pickup - timedelta(days=1), 22)  # 截单: the night before
        start = deadline - timedelta(days=3)
        received = None
        if kind in ("past", "collected"):
            received = _local(calendar, pickup, 8, 30) + timedelta(minutes=rng.randint(0, 60))
        cid = first_id + index
        items = _campaign_items(rng, cid, item_id, barcodes)
        item_id += len(items)
        plans.append(
            _Campaign(kind, cid, pickup, deadline, (start, min(deadline, now)), items, received, 0)
        )
    return plans


def _draft_orders(
    rng: random.Random, plans: list[_Campaign], total: int, calendar: BusinessCalendar
) -> list[_Draft]:
    customers = _customers(rng, max(12, total * 2 // 5))
    drafts: list[_Draft] = []
    for plan, n in zip(
        plans, split_by_weight(total, [_KIND_WEIGHT[p.kind] for p in plans]), strict=True
    ):
        states = _states(plan.kind, n, rng)
        n_short = max(1, round(n * 0.02)) if n >= 10 and plan.kind in ("collected", "past") else 0
        start, end = plan.window
        span = max(1, int((end - start).total_seconds()))
        for state in states:
            placed = start + timedelta(seconds=rng.randrange(span))
            if calendar.local(placed).hour < 7 and placed + timedelta(hours=7) < end:
                placed += timedelta(hours=7)  # few order in the small hours
            n_lines = rng.choices((1, 2, 3, 4), weights=(45, 30, 17, 8))[0]
            if state == "partial":
                n_lines = max(2, n_lines)
            lines = rng.sample(plan.items, min(n_lines, len(plan.items)))
            qtys = [rng.choice((1, 1, 1, 1, 2, 2, 3)) for _ in lines]
            short = n_short > 0 and state in ("collected", "ready")
            if short:
                n_short -= 1
                qtys[0] = max(2, qtys[0])  # one unit short, never the whole line
            drafts.append(_Draft(plan, placed, state, short, rng.choice(customers), lines, qtys))
    # Cloud ids rise with time, across campaigns, as the platform hands them out.
    drafts.sort(key=lambda d: d.placed_at)
    return drafts


def _pickup_time(
    rng: random.Random,
    calendar: BusinessCalendar,
    plan: _Campaign,
    ready_at: datetime,
    now: datetime,
) -> datetime:
    day = plan.pickup_date + timedelta(days=rng.choice((0, 0, 0, 0, 0, 0, 0, 1, 1, 2)))
    at = _local(calendar, day, rng.randint(9, 20), rng.randint(0, 59))
    at += timedelta(seconds=rng.randint(0, 59))
    if at <= ready_at:
        at = ready_at + timedelta(seconds=rng.randint(300, 3600))
    return min(at, now - timedelta(minutes=1))


def _arrival_rows(
    rng: random.Random,
    plans: list[_Campaign],
    delivered: dict[int, dict[int, list[int]]],
    *,
    first_id: int,
    leader: int,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The leader's check of each past delivery: what came, what was short, and the claims.

    `delivered` is campaign id → item id → [units ordered on active orders, units short].
    """
    arrivals: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    arrival_id = first_id
    for plan in plans:
        received = plan.received_at
        if received is None:
            continue
        arrivals.append({
            "id": arrival_id,
            "uuid": demo_uuid(rng),
            "campaign_id": plan.campaign_id,
            "received_at": naive_utc(received),
            "staff_id": leader,
            "signed_off": True,
            "allocation_rule": "latest_first",
            "note": "",
        })
        for item_id, (expected, missing) in sorted(delivered[plan.campaign_id].items()):
            lines.append({
                "arrival_id": arrival_id,
                "campaign_item_id": item_id,
                "qty_expected": expected,
                "qty_received": expected - missing,
                "qty_damaged": 0,
                "qty_missing": missing,
                "reason": "到货少件" if missing else "",
                "photo_path": None,
            })
            if missing:
                claims.append({
                    "uuid": demo_uuid(rng),
                    "arrival_id": arrival_id,
                    "campaign_item_id": item_id,
                    "kind": "short",
                    "qty": missing,
                    "reason": f"到货少{missing}件",
                    "photo_path": None,
                    "staff_id": leader,
                    "created_at": naive_utc(received + timedelta(minutes=15)),
                })
        arrival_id += 1
    return arrivals, lines, claims


def make_campaigns_and_orders(
    session: Session,
    *,
    now: datetime,
    calendar: BusinessCalendar,
    staff_ids: Mapping[str, int],
    campaigns: int = 3,
    orders: int = 200,
    seed: int = 7,
) -> OrderStats:
    """Campaigns with their items and orders; for campaigns already delivered, the arrival
    (with shortage claims), the bags on the shelf and the pickups done so far.

    `staff_ids` maps "owner", "clerk" and "leader" to staff ids (see `make_staff`).
    """
    rng = demo_rng(seed, "orders")
    plans = _plan_campaigns(
        rng, now=now, calendar=calendar, count=campaigns,
        first_id=_next_id(session, Campaign.id, CAMPAIGN_ID_START),
        first_item_id=_next_id(session, CampaignItem.id, CAMPAIGN_ITEM_ID_START),
    )
    drafts = _draft_orders(rng, plans, orders if plans else 0, calendar)
    order_id = _next_id(session, GroupOrder.id, ORDER_ID_START)
    line_id = _next_id(session, GroupOrderLine.id, ORDER_LINE_ID_START)
    pickup_id = _next_id(session, Pickup.id, 1)
    hands = [staff_ids["leader"], staff_ids["owner"], staff_ids["clerk"]]

    order_rows: list[dict[str, Any]] = []
    line_rows: list[dict[str, Any]] = []
    pickup_rows: list[dict[str, Any]] = []
    pickup_line_rows: list[dict[str, Any]] = []
    delivered: dict[int, dict[int, list[int]]] = {p.campaign_id: {} for p in plans if p.received_at}
    codes: set[str] = set()
    for draft in drafts:
        plan = draft.campaign
        while (code := f"{rng.randrange(10_000_000, 100_000_000)}") in codes:
            pass
        codes.add(code)  # unique among all demo orders, so surely among the open ones
        bagged = draft.state in ("ready", "partial", "collected")
        ready_at = slot = bag = None
        if bagged and plan.received_at is not None:
            ready_at = plan.received_at + timedelta(minutes=rng.randint(20, 90))
            # The bag's number in the arrivals core's format (app.arrivals.shelving), one
            # number per order; the demo shelves it by its coldest goods.
            storage = max((item["storage"] for item in draft.lines), key=_COLDNESS.__getitem__)
            plan.bags += 1
            slot, bag = format_slot(plan.bags, [storage]), demo_uuid(rng)
        serial = (order_id - ORDER_ID_START + 1) % 1_000_000
        pickup_deadline = _local(calendar, plan.pickup_date + timedelta(days=2), 21)
        order_rows.append({
            "id": order_id,
            "campaign_id": plan.campaign_id,
            "order_no": f"GB{calendar.local(draft.placed_at):%Y%m%d}{serial:06d}",
            "customer_name": draft.customer[0],
            "phone_tail": draft.customer[1],
            "building_room": draft.customer[2],
            "pickup_code": code,
            "cloud_state": draft.state if draft.state in ("cancelled", "refunded") else "active",
            "fulfilment": draft.state if bagged else "awaiting",
            "placed_at": naive_utc(draft.placed_at),
            "pickup_deadline": naive_utc(pickup_deadline),
            "ready_at": naive_utc(ready_at) if ready_at else None,
            "bag_id": bag,
            "shelf_slot": slot,
            "note": rng.choice(ORDER_NOTES) if rng.random() < 0.06 else "",
            "withdrawn": False,
        })
        picked_lines: list[tuple[int, int]] = []
        for index, (item, qty) in enumerate(zip(draft.lines, draft.qtys, strict=True)):
            short = 1 if draft.short and index == 0 else 0
            picked = 0
            if draft.state == "collected" or (draft.state == "partial" and index == 0):
                picked = qty - short
            line_rows.append({
                "id": line_id,
                "order_id": order_id,
                "campaign_item_id": item["id"],
                "qty_ordered": qty,
                "qty_short": short,
                "qty_picked": picked,
                "price_fen": item["price_fen"],
            })
            if picked:
                picked_lines.append((line_id, picked))
            if plan.campaign_id in delivered and draft.state not in ("cancelled", "refunded"):
                tally = delivered[plan.campaign_id].setdefault(item["id"], [0, 0])
                tally[0] += qty
                tally[1] += short
            line_id += 1
        if picked_lines and ready_at is not None:
            method = rng.choices(("qr", "code", "phone", "manual"), weights=(70, 15, 12, 3))[0]
            pickup_rows.append({
                "id": pickup_id,
                "uuid": demo_uuid(rng),
                "order_id": order_id,
                "kind": "pickup",
                "undoes_id": None,
                "method": method,
                "proxy_note": rng.choice(PICKUP_PROXY_NOTES) if rng.random() < 0.05 else None,
                "bag_confirmed": rng.random() < 0.85,
                "staff_id": rng.choices(hands, weights=(50, 30, 20))[0],
                "created_at": naive_utc(_pickup_time(rng, calendar, plan, ready_at, now)),
            })
            pickup_line_rows.extend(
                {"pickup_id": pickup_id, "order_line_id": lid, "qty": qty}
                for lid, qty in picked_lines
            )
            pickup_id += 1
        order_id += 1

    arrival_rows, arrival_line_rows, claim_rows = _arrival_rows(
        rng, plans, delivered, first_id=_next_id(session, Arrival.id, 1), leader=staff_ids["leader"]
    )
    campaign_rows = [
        {
            "id": p.campaign_id,
            "title": f"{p.pickup_date.month}月{p.pickup_date.day}日 {rng.choice(CAMPAIGN_THEMES)}",
            "order_deadline": naive_utc(p.deadline),
            "pickup_date": p.pickup_date,
            "commission_bp": rng.randrange(800, 1501, 50),
            "withdrawn": False,
            "updated_at": naive_utc(p.window[0]),
        }
        for p in plans
    ]
    for model, rows in (
        (Campaign, campaign_rows), (CampaignItem, [i for p in plans for i in p.items]),
        (GroupOrder, order_rows), (GroupOrderLine, line_rows), (Arrival, arrival_rows),
        (ArrivalLine, arrival_line_rows), (Claim, claim_rows), (Pickup, pickup_rows),
        (PickupLine, pickup_line_rows),
    ):
        _bulk_insert(session, model, rows)
    return OrderStats(
        campaigns=len(campaign_rows),
        items=sum(len(p.items) for p in plans),
        orders=len(order_rows),
        lines=len(line_rows),
        pickups=len(pickup_rows),
        arrivals=len(arrival_rows),
    )


# --- the whole demo ---------------------------------------------------------------------------


def seed_demo(
    db: Database,
    *,
    now: datetime,
    calendar: BusinessCalendar,
    seed: int = 7,
    scale: DemoScale = DemoScale(),
) -> DemoSummary:
    """Fill an empty database with the demo store; a demo database is left as it is.

    Refuses (UserFacingError) a database that belongs to a real station or already holds
    data, so demo sales and pickups never mix with real ones.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("seed_demo needs an aware datetime")
    with db.write() as uow:
        session = uow.session
        station = session.scalars(select(Station)).first()
        if station is None:
            _refuse_if_not_empty(session)
            make_station(session, now=now)
            staff_ids = make_staff(session, now=now, seed=seed)
            products = make_products(session, now=now, count=scale.products, seed=seed)
            stats = make_campaigns_and_orders(
                session, now=now, calendar=calendar, staff_ids=staff_ids,
                campaigns=scale.campaigns, orders=scale.orders, seed=seed,
            )
            scale_used = {
                "seed": seed,
                "products": products.products,
                "orders": stats.orders,
                "campaigns": stats.campaigns,
            }
            session.execute(insert(AuditLog), [{
                "at": naive_utc(now),
                "staff_id": None,
                "approver_id": None,
                "action": "demo_seed",
                "entity": "station",
                "entity_id": str(DEMO_STATION_ID),
                "before": None,
                "after": scale_used,
            }])
            uow.commit()
        elif not station.is_demo:
            raise UserFacingError(
                f"这台电脑已登记为门店「{station.name}」，不能载入演示数据，以免和真实账目混在一起。",
                f"This computer is set up as the station “{station.name}”. Demo data can't be "
                "loaded into it, so it never mixes with real records.",
                code="demo_refused",
            )
    return demo_summary(db)


def _refuse_if_not_empty(session: Session) -> None:
    for model in (Staff, Product, Sale, Campaign, GroupOrder):
        if session.scalar(select(func.count()).select_from(model)):
            raise UserFacingError(
                "数据库里已经有数据，演示数据只能载入到全新的数据库。",
                "This database already has data. Demo data can only be loaded into a new, "
                "empty one.",
                code="demo_refused",
            )


_COUNTED = (
    Station, PlatformKey, Staff, Product, ProductBarcode, Campaign, CampaignItem, GroupOrder,
    GroupOrderLine, Arrival, ArrivalLine, Claim, Pickup, PickupLine,
)


def _state(cloud_state: str, fulfilment: str) -> str:
    return cloud_state if cloud_state in ("cancelled", "refunded") else fulfilment


def _sample(order: GroupOrder) -> DemoOrderSample:
    return DemoOrderSample(
        order_id=order.id,
        order_no=order.order_no,
        campaign_id=order.campaign_id,
        customer_name=order.customer_name,
        phone_tail=order.phone_tail,
        pickup_code=order.pickup_code,
        state=_state(order.cloud_state, order.fulfilment),
        shelf_slot=order.shelf_slot,
        qr_text=demo_pickup_qr(order.id, issued_at=as_utc(order.placed_at)),
    )


def demo_summary(db: Database) -> DemoSummary:
    """What the demo holds, read back from the database (so a second seed returns the same)."""
    with db.read() as uow:
        s = uow.session
        station = s.scalars(select(Station)).first()
        if station is None or not station.is_demo:
            raise UserFacingError("这不是演示数据库。", "This is not a demo database.", code="not_demo")
        counts = {
            m.__tablename__: int(s.scalar(select(func.count()).select_from(m)) or 0)
            for m in _COUNTED
        }
        states = dict.fromkeys(ORDER_STATES, 0)
        for cloud_state, fulfilment, n in s.execute(
            select(GroupOrder.cloud_state, GroupOrder.fulfilment, func.count()).group_by(
                GroupOrder.cloud_state, GroupOrder.fulfilment
            )
        ):
            key = _state(cloud_state, fulfilment)
            states[key] = states.get(key, 0) + n
        items = dict(s.execute(select(CampaignItem.campaign_id, func.count()).group_by(
            CampaignItem.campaign_id)).all())
        orders = dict(s.execute(select(GroupOrder.campaign_id, func.count()).group_by(
            GroupOrder.campaign_id)).all())
        campaigns = tuple(
            DemoCampaign(
                c.id,
                c.title,
                c.pickup_date,
                as_utc(c.order_deadline) if c.order_deadline else None,
                items.get(c.id, 0),
                orders.get(c.id, 0),
            )
            for c in s.scalars(select(Campaign).order_by(Campaign.id))
        )
        active = GroupOrder.cloud_state == "active"
        ready = s.scalars(
            select(GroupOrder)
            .where(active, GroupOrder.fulfilment == "ready")
            .order_by(GroupOrder.id)
            .limit(5)
        ).all()
        samples: dict[str, DemoOrderSample] = {}
        for state in ORDER_STATES:
            where = GroupOrder.cloud_state == state if state in ("cancelled", "refunded") else (
                active & (GroupOrder.fulfilment == state))
            row = s.scalars(
                select(GroupOrder).where(where).order_by(GroupOrder.id).limit(1)
            ).first()
            if row is not None:
                samples[state] = _sample(row)
        product_count = counts["product"]
        produce = (
            s.scalar(select(func.count()).select_from(Product).where(Product.unit == "kg")) or 0
        )
        low = s.scalar(select(func.count()).select_from(Product).where(
            Product.stock_qty < Product.low_stock_at, Product.stock_qty >= 0)) or 0
        negative = (
            s.scalar(select(func.count()).select_from(Product).where(Product.stock_qty < 0)) or 0
        )
        wanted = {*KNOWN_BARCODES.values(), *SHOP_CODES.values()}
        present = set(
            s.scalars(select(ProductBarcode.barcode).where(ProductBarcode.barcode.in_(wanted)))
        )
        names = dict(s.execute(select(Staff.staff_no, Staff.name)).all())
        return DemoSummary(
            station_id=station.id,
            station_name=station.name,
            table_counts=counts,
            order_states=states,
            campaigns=campaigns,
            products=product_count,
            produce=int(produce),
            low_stock=int(low),
            negative_stock=int(negative),
            staff=tuple(p for p in DEMO_STAFF if names.get(p.staff_no) == p.name),
            ready_orders=tuple(_sample(o) for o in ready),
            state_samples=samples,
            known_barcodes={n: b for n, b in KNOWN_BARCODES.items() if b in present},
            shop_codes={n: c for n, c in SHOP_CODES.items() if c in present},
        )
