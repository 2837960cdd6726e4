"""The per-station change log that pulls read, and the server epoch in every cursor.

Whatever changes what a station sees (a campaign offered, an order placed or cancelled, a
key added) appends an entry here in the same transaction. Sequence numbers are taken
under a lock on the station's row, so they commit in order and a pull never skips one.
"""
from __future__ import annotations

import secrets
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cloud.db import utcnow
from cloud.models import CampaignStation, ChangeLog, ServerState, Station

Entity = Literal[
    "campaign", "campaign_item", "group_order", "order_state", "platform_key", "catalog_item"
]


def lock_station(session: Session, station_id: int) -> Station:
    """The station's row, locked for the rest of the transaction (FOR UPDATE)."""
    return session.execute(
        select(Station).where(Station.id == station_id).with_for_update()
    ).scalar_one()


def record_change(session: Session, station_id: int, entity: Entity, entity_id: int) -> int:
    """Append one entry to the station's change log; returns its sequence number."""
    station = lock_station(session, station_id)
    station.change_seq += 1
    session.add(
        ChangeLog(
            station_id=station_id,
            seq=station.change_seq,
            entity=entity,
            entity_id=entity_id,
            tag=secrets.token_hex(4),
            created_at=utcnow(),
        )
    )
    session.flush()
    return station.change_seq


def record_for_all_stations(session: Session, entity: Entity, entity_id: int) -> None:
    """For what every station sees (platform keys, the catalogue)."""
    for station_id in session.scalars(select(Station.id).order_by(Station.id)):
        record_change(session, station_id, entity, entity_id)


def record_for_campaign_stations(
    session: Session, campaign_id: int, entity: Entity, entity_id: int
) -> None:
    """For a campaign or one of its items: every station it is offered at."""
    station_ids = session.scalars(
        select(CampaignStation.station_id)
        .where(CampaignStation.campaign_id == campaign_id)
        .order_by(CampaignStation.station_id)
    ).all()
    for station_id in station_ids:
        record_change(session, station_id, entity, entity_id)


def server_epoch(session: Session) -> int:
    """The current server epoch (the first migration makes it 1)."""
    epoch = session.scalar(select(ServerState.epoch).where(ServerState.id == 1))
    if epoch is None:
        raise RuntimeError("the cloud database has no server_state row: run the migrations")
    return int(epoch)


def bump_epoch(session: Session) -> int:
    """Start a new server epoch: every cursor handed out so far becomes unknown."""
    current = server_epoch(session)
    session.execute(update(ServerState).where(ServerState.id == 1).values(epoch=current + 1))
    return current + 1
