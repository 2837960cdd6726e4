"""GET /v1/pull: a page of what changed for the calling station, after its cursor.

The cursor is opaque to the station. Inside it: the server epoch, and either a position in
the station's change log (seq + that entry's random tag) or a position in a snapshot.
A cursor that does not parse, names another epoch, or whose tag does not match the entry
at its seq (the database was restored and history differs) is unknown: the answer is
`reset` and a full snapshot, paged like anything else, after which the log resumes from
where it stood when the snapshot began.

A change entry names an entity; the page carries its current state (a put, or a tombstone
when it was withdrawn). Replaying an entry is harmless: every put is an upsert by id.
"""
from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from cloud.changes import server_epoch
from cloud.db import utcnow
from cloud.keys import encode_key
from cloud.models import (
    Campaign,
    CampaignItem,
    CampaignStation,
    CatalogItem,
    ChangeLog,
    GroupOrder,
    SigningKey,
    Station,
)
from sync.protocol import messages as m

CURSOR_PREFIX = "c1."


@dataclass(frozen=True, slots=True)
class LogCursor:
    epoch: int
    seq: int
    tag: str


@dataclass(frozen=True, slots=True)
class SnapshotCursor:
    epoch: int
    upto: LogCursor  # where the log resumes when the snapshot is done
    phase: int
    after: int  # the last id sent in this phase


# --- cursors ---------------------------------------------------------------------------------


def encode_cursor(cursor: LogCursor | SnapshotCursor) -> str:
    if isinstance(cursor, LogCursor):
        text = f"L.{cursor.epoch}.{cursor.seq}.{cursor.tag or '-'}"
    else:
        up = cursor.upto
        text = f"S.{cursor.epoch}.{up.seq}.{up.tag or '-'}.{cursor.phase}.{cursor.after}"
    return CURSOR_PREFIX + base64.urlsafe_b64encode(text.encode("ascii")).decode("ascii").rstrip("=")


def decode_cursor(text: str | None) -> LogCursor | SnapshotCursor | None:
    """The cursor, or None when it is missing or unreadable (which means: start over)."""
    if not text or not text.startswith(CURSOR_PREFIX) or len(text) > m.MAX_CURSOR_LENGTH:
        return None
    body = text[len(CURSOR_PREFIX) :]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("ascii")
        parts = raw.split(".")
        if parts[0] == "L" and len(parts) == 4:
            return LogCursor(int(parts[1]), int(parts[2]), _tag(parts[3]))
        if parts[0] == "S" and len(parts) == 6:
            epoch = int(parts[1])
            upto = LogCursor(epoch, int(parts[2]), _tag(parts[3]))
            return SnapshotCursor(epoch, upto, int(parts[4]), int(parts[5]))
    except (ValueError, UnicodeDecodeError, binascii.Error):
        return None
    return None


def _tag(text: str) -> str:
    return "" if text == "-" else text


def _log_position_known(session: Session, station: Station, cursor: LogCursor, epoch: int) -> bool:
    if cursor.epoch != epoch or cursor.seq < 0 or cursor.seq > station.change_seq:
        return False
    if cursor.seq == 0:
        return cursor.tag == ""
    tag = session.scalar(
        select(ChangeLog.tag).where(ChangeLog.station_id == station.id, ChangeLog.seq == cursor.seq)
    )
    return tag is not None and tag == cursor.tag


# --- the pull --------------------------------------------------------------------------------


def pull(session: Session, station_id: int, cursor_text: str | None, limit: int) -> m.PullResponse:
    station = session.get_one(Station, station_id)
    epoch = server_epoch(session)
    cursor = decode_cursor(cursor_text)
    if isinstance(cursor, LogCursor) and _log_position_known(session, station, cursor, epoch):
        return _log_page(session, station, cursor, limit)
    if (
        isinstance(cursor, SnapshotCursor)
        and cursor.epoch == epoch
        and 0 <= cursor.phase < len(_PHASES)
        and cursor.after >= 0
        and _log_position_known(session, station, cursor.upto, epoch)
    ):
        return _snapshot_page(session, station, cursor, limit, reset=False)
    start = SnapshotCursor(epoch, _log_head(session, station, epoch), phase=0, after=0)
    return _snapshot_page(session, station, start, limit, reset=True)


def _log_head(session: Session, station: Station, epoch: int) -> LogCursor:
    if station.change_seq == 0:
        return LogCursor(epoch, 0, "")
    tag = session.scalar(
        select(ChangeLog.tag).where(
            ChangeLog.station_id == station.id, ChangeLog.seq == station.change_seq
        )
    )
    return LogCursor(epoch, station.change_seq, tag or "")


def _log_page(session: Session, station: Station, cursor: LogCursor, limit: int) -> m.PullResponse:
    rows = session.scalars(
        select(ChangeLog)
        .where(ChangeLog.station_id == station.id, ChangeLog.seq > cursor.seq)
        .order_by(ChangeLog.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = _render_entries(session, station.id, [(row.entity, row.entity_id) for row in rows])
    last = LogCursor(cursor.epoch, rows[-1].seq, rows[-1].tag) if rows else cursor
    return m.PullResponse(
        changes=changes, cursor=encode_cursor(last), has_more=has_more, server_time=utcnow()
    )


def _snapshot_page(
    session: Session, station: Station, cursor: SnapshotCursor, limit: int, *, reset: bool
) -> m.PullResponse:
    changes: list[Any] = []
    phase, after = cursor.phase, cursor.after
    while phase < len(_PHASES):
        query, id_of, render = _PHASES[phase]
        remaining = limit - len(changes)
        rows = session.scalars(query(station.id, after).limit(remaining + 1)).all()
        if len(rows) > remaining:
            rows = rows[:remaining]
            changes.extend(render(row) for row in rows)
            if rows:
                after = id_of(rows[-1])
            next_cursor = SnapshotCursor(cursor.epoch, cursor.upto, phase, after)
            return m.PullResponse(
                changes=changes,
                cursor=encode_cursor(next_cursor),
                has_more=True,
                reset=reset,
                server_time=utcnow(),
            )
        changes.extend(render(row) for row in rows)
        phase, after = phase + 1, 0
    return m.PullResponse(
        changes=changes,
        cursor=encode_cursor(cursor.upto),
        has_more=station.change_seq > cursor.upto.seq,
        reset=reset,
        snapshot_end=True,
        server_time=utcnow(),
    )


# --- what a station sees ---------------------------------------------------------------------


def _keys_after(_station_id: int, after: int) -> Select[Any]:
    return select(SigningKey).where(SigningKey.key_id > after).order_by(SigningKey.key_id)


def _catalog_after(_station_id: int, after: int) -> Select[Any]:
    return select(CatalogItem).where(CatalogItem.id > after).order_by(CatalogItem.id)


def _campaigns_after(station_id: int, after: int) -> Select[Any]:
    return (
        select(Campaign)
        .join(CampaignStation, CampaignStation.campaign_id == Campaign.id)
        .where(CampaignStation.station_id == station_id, Campaign.id > after)
        .order_by(Campaign.id)
    )


def _items_after(station_id: int, after: int) -> Select[Any]:
    return (
        select(CampaignItem)
        .join(CampaignStation, CampaignStation.campaign_id == CampaignItem.campaign_id)
        .where(CampaignStation.station_id == station_id, CampaignItem.id > after)
        .order_by(CampaignItem.id)
    )


def _orders_after(station_id: int, after: int) -> Select[Any]:
    return (
        select(GroupOrder)
        .options(selectinload(GroupOrder.lines))
        .where(GroupOrder.station_id == station_id, GroupOrder.id > after)
        .order_by(GroupOrder.id)
    )


def render_key(key: SigningKey) -> Any:
    if key.retired_at is not None:
        return m.PlatformKeyDelete(key_id=key.key_id)
    return m.PlatformKeyPut(key_id=key.key_id, public_key=encode_key(key.public_key))


def render_catalog_item(item: CatalogItem) -> Any:
    if item.withdrawn:
        return m.CatalogItemDelete(id=item.id)
    return m.CatalogItemPut(
        id=item.id,
        name=item.name,
        barcode=item.barcode,
        unit=item.unit,  # type: ignore[arg-type]
        suggested_price_fen=item.suggested_price_fen,
        spec=item.spec,
        category=item.category,
    )


def render_campaign(campaign: Campaign) -> Any:
    if campaign.withdrawn:
        return m.CampaignDelete(id=campaign.id)
    return m.CampaignPut(
        id=campaign.id,
        title=campaign.title,
        order_deadline=campaign.order_deadline,
        pickup_date=campaign.pickup_date,
        commission_bp=campaign.commission_bp,
        updated_at=campaign.updated_at,
    )


def render_campaign_item(item: CampaignItem) -> Any:
    if item.withdrawn:
        return m.CampaignItemDelete(id=item.id)
    return m.CampaignItemPut(
        id=item.id,
        campaign_id=item.campaign_id,
        name=item.name,
        barcode=item.barcode,
        price_fen=item.price_fen,
        storage=item.storage,  # type: ignore[arg-type]
        case_pack=item.case_pack,
        spec=item.spec,
    )


def render_order(order: GroupOrder) -> Any:
    if order.withdrawn:
        return m.GroupOrderDelete(id=order.id)
    return m.GroupOrderPut(
        id=order.id,
        campaign_id=order.campaign_id,
        order_no=order.order_no,
        customer_name=order.customer_name,
        phone_tail=order.phone_tail,
        building_room=order.building_room,
        pickup_code=order.pickup_code,
        cloud_state=order.cloud_state,  # type: ignore[arg-type]
        placed_at=order.placed_at,
        pickup_deadline=order.pickup_deadline,
        lines=[
            m.GroupOrderLineData(
                id=line.id,
                campaign_item_id=line.campaign_item_id,
                qty_ordered=line.qty_ordered,
                price_fen=line.price_fen,
                qty_picked=line.qty_picked,
                qty_short=line.qty_short,
            )
            for line in order.lines
        ],
    )


def render_order_state(order: GroupOrder) -> Any:
    return m.OrderStatePut(
        order_id=order.id,
        cloud_state=order.cloud_state,  # type: ignore[arg-type]
        reason=order.state_reason,
        changed_at=order.state_changed_at or order.placed_at,
    )


_Phase = tuple[Callable[[int, int], Select[Any]], Callable[[Any], int], Callable[[Any], Any]]
_PHASES: Sequence[_Phase] = (
    (_keys_after, lambda row: row.key_id, render_key),
    (_catalog_after, lambda row: row.id, render_catalog_item),
    (_campaigns_after, lambda row: row.id, render_campaign),
    (_items_after, lambda row: row.id, render_campaign_item),
    (_orders_after, lambda row: row.id, render_order),
)
"""A snapshot's sections, in an order that puts every row after the rows it refers to."""


def _render_entries(session: Session, station_id: int, entries: list[tuple[str, int]]) -> list[Any]:
    # Load each kind of entity in one query, then render in log order. An entry repeated in
    # the page is sent once, at its first place (its current state covers the later ones).
    wanted: dict[str, set[int]] = {}
    for entity, entity_id in entries:
        wanted.setdefault(entity, set()).add(entity_id)
    order_ids = wanted.get("group_order", set()) | wanted.get("order_state", set())
    loaded: dict[str, dict[int, Any]] = {
        "platform_key": _by_id(session, SigningKey, SigningKey.key_id, wanted.get("platform_key")),
        "catalog_item": _by_id(session, CatalogItem, CatalogItem.id, wanted.get("catalog_item")),
        "campaign": _by_id(session, Campaign, Campaign.id, wanted.get("campaign")),
        "campaign_item": _by_id(session, CampaignItem, CampaignItem.id, wanted.get("campaign_item")),
    }
    orders: dict[int, GroupOrder] = {}
    if order_ids:
        orders = {
            order.id: order
            for order in session.scalars(
                select(GroupOrder)
                .options(selectinload(GroupOrder.lines))
                .where(GroupOrder.id.in_(order_ids), GroupOrder.station_id == station_id)
            )
        }
    loaded["group_order"] = loaded["order_state"] = orders
    renderers: dict[str, Callable[[Any], Any]] = {
        "platform_key": render_key,
        "catalog_item": render_catalog_item,
        "campaign": render_campaign,
        "campaign_item": render_campaign_item,
        "group_order": render_order,
        "order_state": render_order_state,
    }
    seen: set[tuple[str, int]] = set()
    changes: list[Any] = []
    for entity, entity_id in entries:
        if (entity, entity_id) in seen:
            continue
        seen.add((entity, entity_id))
        row = loaded.get(entity, {}).get(entity_id)
        if row is not None:  # (a row of another station can't be here: orders are filtered)
            changes.append(renderers[entity](row))
    return changes


def _by_id(session: Session, model: Any, column: Any, ids: set[int] | None) -> dict[int, Any]:
    if not ids:
        return {}
    return {getattr(row, column.key): row for row in session.scalars(select(model).where(column.in_(ids)))}
