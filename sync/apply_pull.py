"""Applying one pulled page to the station's read copy, with its cursor, in one transaction.

The page is already validated (PullResponse). `apply_page` opens one short BEGIN IMMEDIATE
transaction, applies every change in the platform's order (runs of one type go in one
executemany), stores the page's cursor, and commits; any failure rolls the whole page back,
so a page is either applied with its cursor or not at all, and a crash resumes from the
last cursor stored. Counter sales and hand-outs queue behind a page for milliseconds only.

What a change does (the platform owns these rows; the station keeps a read copy):

- a put is an upsert by the platform's id of the platform's columns only: what the station
  keeps for itself (fulfilment, ready_at, bag id, shelf slot, note) is never overwritten;
- order lines: `qty_picked`/`qty_short` are the platform's record of what this station
  reported. For an order with events still waiting to upload, the local counts stand (the
  platform hasn't seen them yet); otherwise the larger of the two is kept, so a newly
  enrolled device (or one restored from an older backup) never hands goods out twice, and
  a pull never erases a hand-out made here. A new order starts `awaiting` its delivery,
  or partly/wholly collected when the platform says some of it was already handed out;
- `order_state.put` sets the platform's state (cancelled, refunded);
- a delete marks the row withdrawn (a key: retired); nothing that depends on it goes;
- a platform catalogue item becomes an inactive product (linked by platform_item_id) that
  the shop may take up at its own shelf price; later puts refresh its name and category.

A snapshot (`reset`) is tracked across pages in SyncState: each page records the ids it
mentioned (keys `snap:<n>`), and the page with `snapshot_end` withdraws every cloud row the
snapshot did not mention. If the station already had a cursor (so the platform lost its
history: it was restored from a backup), the acknowledged events of this device are queued
again; the platform answers `duplicate` for those it still has.
"""
from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, and_, bindparam, delete, func, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from local_db.engine import Database
from local_db.models import (
    Campaign,
    CampaignItem,
    GroupOrder,
    GroupOrderLine,
    Outbox,
    PlatformKey,
    Product,
    ProductBarcode,
    Station,
    SyncState,
)
from sync.client import MalformedAnswer
from sync.outbox import requeue_from
from sync.protocol import messages as m

log = logging.getLogger(__name__)

CURSOR_KEY = "cursor"
SNAPSHOT_KEY = "snapshot"  # JSON {"pages": n, "requeue": bool} while a snapshot is under way
SNAPSHOT_PAGE_PREFIX = "snap:"
IN_CHUNK = 500

_TABLES: dict[str, Table] = {
    "campaign": Campaign.__table__,  # type: ignore[dict-item]
    "campaign_item": CampaignItem.__table__,  # type: ignore[dict-item]
    "group_order": GroupOrder.__table__,  # type: ignore[dict-item]
}


@dataclass
class PageOutcome:
    """What applying one page did."""

    changes: int = 0
    orders: int = 0
    withdrawn: int = 0
    snapshot_started: bool = False
    snapshot_finished: bool = False
    requeued: int = 0
    cursor: str = ""
    mentioned: dict[str, list[int]] = field(default_factory=dict)


def apply_page(db: Database, page: m.PullResponse, *, now: datetime) -> PageOutcome:
    """Apply `page` and store its cursor in one write transaction."""
    with db.write() as uow:
        outcome = apply_page_in(uow.session, page, now=now)
        uow.commit()
    return outcome


def read_cursor(db: Database) -> str | None:
    with db.read() as uow:
        row = uow.session.get(SyncState, CURSOR_KEY)
        return row.value if row is not None else None


def apply_page_in(session: Session, page: m.PullResponse, *, now: datetime) -> PageOutcome:
    """Apply `page` in the caller's write transaction (the caller commits)."""
    out = PageOutcome(changes=len(page.changes), cursor=page.cursor)
    snapshot = _snapshot_state(session)
    if page.reset:
        # With a cursor already, the platform has lost our history (restored from a
        # backup): what it acknowledged may be gone too. A first pull has none.
        requeue = session.get(SyncState, CURSOR_KEY) is not None
        session.execute(delete(SyncState).where(SyncState.key.like(f"{SNAPSHOT_PAGE_PREFIX}%")))
        snapshot = {"pages": 0, "requeue": bool(requeue)}
        out.snapshot_started = True
    naive_now = now.astimezone(UTC).replace(tzinfo=None)
    dirty_orders, dirty_lines = _dirty(session) if _has_orders(page.changes) else (set(), set())
    for kind, run in _runs(page.changes):
        handler = _HANDLERS[kind]
        handler(session, run, _Ctx(naive_now, dirty_orders, dirty_lines, out))
        ids = _ids_of(kind, run)
        if ids:
            out.mentioned.setdefault(_ENTITY_OF[kind], []).extend(ids)
    if snapshot is not None:
        snapshot["pages"] = int(snapshot.get("pages", 0)) + 1
        _put_state(session, f"{SNAPSHOT_PAGE_PREFIX}{snapshot['pages']}", json.dumps(out.mentioned))
        if page.snapshot_end:
            out.withdrawn += _withdraw_unmentioned(session)
            session.execute(delete(SyncState).where(SyncState.key.like(f"{SNAPSHOT_PAGE_PREFIX}%")))
            session.execute(delete(SyncState).where(SyncState.key == SNAPSHOT_KEY))
            out.snapshot_finished = True
            if snapshot.get("requeue"):
                out.requeued = requeue_acknowledged(session)
        else:
            _put_state(session, SNAPSHOT_KEY, json.dumps(snapshot))
    elif page.snapshot_end:
        log.warning("a snapshot_end page without a snapshot under way; cursor stored anyway")
    _put_state(session, CURSOR_KEY, page.cursor)
    session.flush()
    return out


def requeue_acknowledged(session: Session) -> int:
    """Queue again every acknowledged event this device still keeps (the platform lost them)."""
    device_id = session.scalar(select(Station.device_id).limit(1))
    epochs = session.scalars(
        select(Outbox.device_epoch)
        .where(Outbox.device_id == device_id, Outbox.sent_at.is_not(None))
        .distinct()
    ).all()
    return sum(requeue_from(session, device_epoch=epoch, seq=1) for epoch in epochs)


def snapshot_in_progress(session: Session) -> bool:
    return session.get(SyncState, SNAPSHOT_KEY) is not None


# --- bookkeeping -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Ctx:
    now: datetime
    dirty_orders: set[int]
    dirty_lines: set[int]
    out: PageOutcome


def _snapshot_state(session: Session) -> dict[str, Any] | None:
    row = session.get(SyncState, SNAPSHOT_KEY)
    if row is None:
        return None
    try:
        value = json.loads(row.value)
    except ValueError:
        value = None
    return value if isinstance(value, dict) else {"pages": 0, "requeue": True}


def _put_state(session: Session, key: str, value: str) -> None:
    session.execute(
        sqlite_insert(SyncState)
        .values(key=key, value=value)
        .on_conflict_do_update(index_elements=[SyncState.key], set_={"value": value})
    )


def _has_orders(changes: Sequence[Any]) -> bool:
    return any(c.type == "group_order.put" for c in changes)


def _dirty(session: Session) -> tuple[set[int], set[int]]:
    """Orders and order lines named by events still waiting to upload."""
    orders = {
        int(v)
        for v in session.execute(
            text(
                "SELECT DISTINCT json_extract(payload, '$.order_id') FROM outbox "
                "WHERE sent_at IS NULL AND kind IN ('pickup', 'pickup_undo')"
            )
        ).scalars()
        if v is not None
    }
    lines = {
        int(v)
        for v in session.execute(
            text(
                "SELECT DISTINCT json_extract(a.value, '$.order_line_id') "
                "FROM outbox, json_each(outbox.payload, '$.allocations') AS a "
                "WHERE outbox.sent_at IS NULL AND outbox.kind = 'arrival'"
            )
        ).scalars()
        if v is not None
    }
    return orders, lines


def _runs(changes: Sequence[Any]) -> Iterable[tuple[str, list[Any]]]:
    run: list[Any] = []
    for change in changes:
        if run and change.type != run[0].type:
            yield run[0].type, run
            run = []
        run.append(change)
    if run:
        yield run[0].type, run


_ENTITY_OF = {
    "campaign.put": "campaign",
    "campaign.delete": "campaign",
    "campaign_item.put": "campaign_item",
    "campaign_item.delete": "campaign_item",
    "group_order.put": "group_order",
    "group_order.delete": "group_order",
    "order_state.put": "order_state",
    "platform_key.put": "platform_key",
    "platform_key.delete": "platform_key",
    "catalog_item.put": "catalog_item",
    "catalog_item.delete": "catalog_item",
}


def _ids_of(kind: str, run: list[Any]) -> list[int]:
    if kind == "order_state.put":
        return []  # not a row of its own; the order's put is what a snapshot mentions
    if kind.startswith("platform_key."):
        return [c.key_id for c in run]
    return [c.id for c in run]


def _naive(instant: datetime | None) -> datetime | None:
    return None if instant is None else instant.astimezone(UTC).replace(tzinfo=None)


_UPSERTS: dict[tuple[str, tuple[str, ...]], Any] = {}
"""Upsert statements by (table, updated columns): built once, reused by every page."""


def _upsert(session: Session, table: Table, rows: list[dict[str, Any]], keep: Sequence[str] = ()) -> None:
    """INSERT ... ON CONFLICT(id) DO UPDATE of every given column except `keep` and the key."""
    if not rows:
        return
    key = next(iter(table.primary_key.columns)).name
    columns = tuple(c for c in rows[0] if c != key and c not in keep)
    stmt = _UPSERTS.get((table.name, columns))
    if stmt is None:
        insert_stmt = sqlite_insert(table)
        stmt = insert_stmt.on_conflict_do_update(
            index_elements=[key], set_={c: insert_stmt.excluded[c] for c in columns}
        )
        _UPSERTS[(table.name, columns)] = stmt
    session.execute(stmt, rows)


def _merged_lines_upsert(line_table: Table) -> Any:
    """Order lines from the platform, keeping the larger picked/short count: built once."""
    stmt = _UPSERTS.get((line_table.name, ("<merged>",)))
    if stmt is None:
        insert_stmt = sqlite_insert(line_table)
        stmt = insert_stmt.on_conflict_do_update(
            index_elements=["id"],
            set_={
                "order_id": insert_stmt.excluded.order_id,
                "campaign_item_id": insert_stmt.excluded.campaign_item_id,
                "qty_ordered": insert_stmt.excluded.qty_ordered,
                "price_fen": insert_stmt.excluded.price_fen,
                "qty_picked": func.max(line_table.c.qty_picked, insert_stmt.excluded.qty_picked),
                "qty_short": func.max(line_table.c.qty_short, insert_stmt.excluded.qty_short),
            },
        )
        _UPSERTS[(line_table.name, ("<merged>",))] = stmt
    return stmt


# --- handlers --------------------------------------------------------------------------------


def _campaign_put(session: Session, run: list[m.CampaignPut], ctx: _Ctx) -> None:
    _upsert(session, _TABLES["campaign"], [
        {
            "id": c.id,
            "title": c.title,
            "order_deadline": _naive(c.order_deadline),
            "pickup_date": c.pickup_date,
            "commission_bp": c.commission_bp,
            "updated_at": _naive(c.updated_at),
            "withdrawn": False,
        }
        for c in run
    ])


def _item_put(session: Session, run: list[m.CampaignItemPut], ctx: _Ctx) -> None:
    _upsert(session, _TABLES["campaign_item"], [
        {
            "id": c.id,
            "campaign_id": c.campaign_id,
            "name": c.name,
            "barcode": c.barcode,
            "price_fen": c.price_fen,
            "storage": c.storage,
            "case_pack": c.case_pack,
            "spec": c.spec,
            "withdrawn": False,
        }
        for c in run
    ])


_ORDER_LOCAL = ("fulfilment", "ready_at", "bag_id", "shelf_slot", "note")


def _order_put(session: Session, run: list[m.GroupOrderPut], ctx: _Ctx) -> None:
    ids = [o.id for o in run]
    _upsert(session, _TABLES["group_order"], [
        {
            "id": o.id,
            "campaign_id": o.campaign_id,
            "order_no": o.order_no,
            "customer_name": o.customer_name,
            "phone_tail": o.phone_tail,
            "building_room": o.building_room,
            "pickup_code": o.pickup_code,
            "cloud_state": o.cloud_state,
            "placed_at": _naive(o.placed_at),
            "pickup_deadline": _naive(o.pickup_deadline),
            "withdrawn": False,
            "fulfilment": "awaiting",
            "note": "",
        }
        for o in run
    ], keep=_ORDER_LOCAL)
    line_table: Table = GroupOrderLine.__table__  # type: ignore[assignment]
    held: list[dict[str, Any]] = []
    merged: list[dict[str, Any]] = []
    for order in run:
        for line in order.lines:
            row = {
                "id": line.id,
                "order_id": order.id,
                "campaign_item_id": line.campaign_item_id,
                "qty_ordered": line.qty_ordered,
                "price_fen": line.price_fen,
                "qty_picked": line.qty_picked,
                "qty_short": line.qty_short,
            }
            if order.id in ctx.dirty_orders or line.id in ctx.dirty_lines:
                held.append(row)
            else:
                merged.append(row)
    # Lines named by events not yet uploaded: the local counts stand.
    _upsert(session, line_table, held, keep=("qty_picked", "qty_short"))
    if merged:
        stmt = _merged_lines_upsert(line_table)
        session.execute(stmt, merged)
    clean = [i for i in ids if i not in ctx.dirty_orders]
    _refresh_fulfilment(session, clean)
    ctx.out.orders += len(run)


def _refresh_fulfilment(session: Session, order_ids: list[int]) -> None:
    """After the platform's counts: an order with goods handed out is partial or collected."""
    for chunk in _chunks(order_ids):
        session.execute(
            text(
                "UPDATE group_order SET fulfilment = CASE "
                " WHEN t.remaining = 0 THEN 'collected' ELSE 'partial' END "
                "FROM (SELECT order_id, SUM(qty_picked) AS picked, "
                "       SUM(MAX(0, qty_ordered - qty_short - qty_picked)) AS remaining "
                "      FROM group_order_line WHERE order_id IN :ids GROUP BY order_id) AS t "
                "WHERE group_order.id = t.order_id AND t.picked > 0 "
                "  AND group_order.fulfilment != CASE WHEN t.remaining = 0 THEN 'collected' ELSE 'partial' END"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": chunk},
        )


def _order_state(session: Session, run: list[m.OrderStatePut], ctx: _Ctx) -> None:
    table = _TABLES["group_order"]
    session.connection().execute(
        update(table).where(table.c.id == bindparam("oid")).values(cloud_state=bindparam("state")),
        [{"oid": c.order_id, "state": c.cloud_state} for c in run],
    )


def _key_put(session: Session, run: list[m.PlatformKeyPut], ctx: _Ctx) -> None:
    for change in run:
        try:
            raw = base64.b64decode(change.public_key, validate=True)
        except (binascii.Error, ValueError):
            raise MalformedAnswer(f"platform key {change.key_id} is not base64") from None
        if len(raw) != 32:
            raise MalformedAnswer(f"platform key {change.key_id} is not 32 bytes")
        session.execute(
            sqlite_insert(PlatformKey)
            .values(key_id=change.key_id, public_key=raw, added_at=ctx.now, retired=False)
            .on_conflict_do_update(
                index_elements=[PlatformKey.key_id], set_={"public_key": raw, "retired": False}
            )
        )


def _key_delete(session: Session, run: list[m.PlatformKeyDelete], ctx: _Ctx) -> None:
    session.execute(
        update(PlatformKey).where(PlatformKey.key_id.in_([c.key_id for c in run])).values(retired=True)
    )
    ctx.out.withdrawn += len(run)


def _withdraw(model: Any) -> Callable[[Session, list[Any], _Ctx], None]:
    def handler(session: Session, run: list[Any], ctx: _Ctx) -> None:
        for chunk in _chunks([c.id for c in run]):
            session.execute(
                update(model)
                .where(model.id.in_(chunk))
                .values(withdrawn=True)
                .execution_options(synchronize_session=False)
            )
        ctx.out.withdrawn += len(run)

    return handler


def _catalog_put(session: Session, run: list[m.CatalogItemPut], ctx: _Ctx) -> None:
    from app.catalogue import pinyin_keys  # pypinyin's dictionaries load only when needed

    for item in run:
        product = session.scalars(select(Product).where(Product.platform_item_id == item.id)).first()
        if product is None and item.barcode:
            product = session.scalars(
                select(Product)
                .join(ProductBarcode, ProductBarcode.product_id == Product.id)
                .where(ProductBarcode.barcode == item.barcode, Product.platform_item_id.is_(None))
            ).first()
            if product is not None:
                product.platform_item_id = item.id  # the shop already sells it: link, keep all
                continue
        if product is None:
            initials, full = pinyin_keys(item.name)
            product = Product(
                name=item.name, pinyin_initials=initials, pinyin_full=full,
                category=item.category, unit=item.unit, price_fen=item.suggested_price_fen,
                stock_qty=0, low_stock_at=0, platform_item_id=item.id, active=False,
                created_at=ctx.now, updated_at=ctx.now,
            )
            session.add(product)
            session.flush()
            taken = item.barcode and session.scalar(
                select(ProductBarcode.id).where(ProductBarcode.barcode == item.barcode)
            )
            if item.barcode and not taken:
                session.add(ProductBarcode(product_id=product.id, barcode=item.barcode))
        elif product.name != item.name or product.category != item.category:
            initials, full = pinyin_keys(item.name)
            product.name, product.pinyin_initials, product.pinyin_full = item.name, initials, full
            product.category = item.category
            product.updated_at = ctx.now
    session.flush()


def _catalog_delete(session: Session, run: list[m.CatalogItemDelete], ctx: _Ctx) -> None:
    # The shop's shelf is the station's: a product it took up stays on sale. One it never
    # took up is inactive already. Nothing to change.
    log.info("platform withdrew %d catalogue item(s)", len(run))


_HANDLERS: dict[str, Callable[[Session, list[Any], _Ctx], None]] = {
    "campaign.put": _campaign_put,
    "campaign.delete": _withdraw(Campaign),
    "campaign_item.put": _item_put,
    "campaign_item.delete": _withdraw(CampaignItem),
    "group_order.put": _order_put,
    "group_order.delete": _withdraw(GroupOrder),
    "order_state.put": _order_state,
    "platform_key.put": _key_put,
    "platform_key.delete": _key_delete,
    "catalog_item.put": _catalog_put,
    "catalog_item.delete": _catalog_delete,
}
assert set(_HANDLERS) == set(_ENTITY_OF)


# --- the end of a snapshot -------------------------------------------------------------------


def _withdraw_unmentioned(session: Session) -> int:
    mentioned: dict[str, set[int]] = {}
    for row in session.scalars(
        select(SyncState).where(SyncState.key.like(f"{SNAPSHOT_PAGE_PREFIX}%"))
    ):
        try:
            page = json.loads(row.value)
        except ValueError:
            continue
        for entity, ids in page.items():
            mentioned.setdefault(entity, set()).update(int(i) for i in ids)
    total = 0
    for entity, model in (("campaign", Campaign), ("campaign_item", CampaignItem),
                          ("group_order", GroupOrder)):
        seen = mentioned.get(entity, set())
        present = session.scalars(select(model.id).where(model.withdrawn.is_(False))).all()
        gone = [i for i in present if i not in seen]
        for chunk in _chunks(gone):
            session.execute(
                update(model).where(model.id.in_(chunk)).values(withdrawn=True)
                .execution_options(synchronize_session=False)
            )
        total += len(gone)
    keys_seen = mentioned.get("platform_key", set())
    live_keys = session.scalars(select(PlatformKey.key_id).where(PlatformKey.retired.is_(False))).all()
    stale = [k for k in live_keys if k not in keys_seen]
    if stale:
        session.execute(
            update(PlatformKey).where(and_(PlatformKey.key_id.in_(stale))).values(retired=True)
        )
    total += len(stale)
    if total:
        log.info("snapshot: %d row(s) the platform no longer lists were withdrawn", total)
    return total


def _chunks(values: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(values), IN_CHUNK):
        yield list(values[start : start + IN_CHUNK])
