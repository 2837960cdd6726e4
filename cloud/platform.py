"""What the platform does on its own side: stations, campaigns, the catalogue.

Each function works inside the caller's transaction and appends the change-log entries the
stations concerned will pull.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.changes import record_change, record_for_all_stations, record_for_campaign_stations
from cloud.db import utcnow
from cloud.models import Campaign, CampaignItem, CampaignStation, CatalogItem, Station

STATION_CODE = re.compile(r"^[A-Z0-9]{2,16}$")
STORAGES = ("ambient", "chilled", "frozen")


class PlatformError(Exception):
    """An admin asked for something that cannot be done; the message says why."""


@dataclass(frozen=True, slots=True)
class ItemSpec:
    name: str
    price_fen: int
    storage: str = "ambient"
    spec: str = ""
    case_pack: int | None = None
    barcode: str | None = None


def create_station(session: Session, *, code: str, name: str) -> Station:
    code = code.strip().upper()
    if not STATION_CODE.match(code):
        raise PlatformError("a station code is 2-16 letters A-Z and digits, e.g. ST1001")
    if not name.strip() or len(name) > 100:
        raise PlatformError("a station needs a name of 1-100 characters")
    if session.scalar(select(Station.id).where(Station.code == code)) is not None:
        raise PlatformError(f"station {code} already exists")
    station = Station(code=code, name=name.strip(), created_at=utcnow(), change_seq=0)
    session.add(station)
    session.flush()
    return station


def station_by_code(session: Session, code: str) -> Station:
    station = session.scalar(select(Station).where(Station.code == code.strip().upper()))
    if station is None:
        raise PlatformError(f"no station {code}")
    return station


def create_campaign(
    session: Session,
    *,
    title: str,
    items: Sequence[ItemSpec],
    order_deadline: datetime | None = None,
    pickup_date: date | None = None,
    commission_bp: int = 1000,
    station_ids: Sequence[int] | None = None,
) -> Campaign:
    """A group-buying campaign offered at `station_ids` (every station when None)."""
    if not title.strip() or len(title) > 100:
        raise PlatformError("a campaign needs a title of 1-100 characters")
    if not items:
        raise PlatformError("a campaign needs at least one item")
    if not 0 <= commission_bp <= 10000:
        raise PlatformError("commission is 0-10000 basis points")
    for item in items:
        if not 1 <= len(item.name) <= 100 or len(item.spec) > 50:
            raise PlatformError("an item's name is 1-100 characters, its spec up to 50")
        if item.barcode is not None and not 1 <= len(item.barcode) <= 32:
            raise PlatformError(f"bad barcode for {item.name}")
        if item.storage not in STORAGES:
            raise PlatformError(f"storage must be one of {', '.join(STORAGES)}")
        if item.price_fen < 0 or (item.case_pack is not None and item.case_pack < 1):
            raise PlatformError(f"bad price or case pack for {item.name}")
    now = utcnow()
    campaign = Campaign(
        title=title.strip(),
        order_deadline=order_deadline,
        pickup_date=pickup_date,
        commission_bp=commission_bp,
        withdrawn=False,
        created_at=now,
        updated_at=now,
    )
    session.add(campaign)
    session.flush()
    for item in items:
        session.add(
            CampaignItem(
                campaign_id=campaign.id,
                name=item.name,
                barcode=item.barcode,
                price_fen=item.price_fen,
                storage=item.storage,
                case_pack=item.case_pack,
                spec=item.spec,
                withdrawn=False,
            )
        )
    session.flush()
    if station_ids is None:
        station_ids = session.scalars(select(Station.id).order_by(Station.id)).all()
    for station_id in station_ids:
        offer_campaign(session, campaign.id, station_id)
    return campaign


def offer_campaign(session: Session, campaign_id: int, station_id: int) -> None:
    """Make a campaign visible at a station (once): the station pulls it and its items."""
    if session.get(CampaignStation, (campaign_id, station_id)) is not None:
        return
    session.add(CampaignStation(campaign_id=campaign_id, station_id=station_id))
    session.flush()
    record_change(session, station_id, "campaign", campaign_id)
    item_ids = session.scalars(
        select(CampaignItem.id).where(CampaignItem.campaign_id == campaign_id).order_by(CampaignItem.id)
    ).all()
    for item_id in item_ids:
        record_change(session, station_id, "campaign_item", item_id)


def campaign_offered(session: Session, campaign_id: int, station_id: int) -> bool:
    return session.get(CampaignStation, (campaign_id, station_id)) is not None


def withdraw_campaign(session: Session, campaign_id: int) -> None:
    """Take a campaign back: stations receive a tombstone and keep what depends on it."""
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise PlatformError(f"no campaign {campaign_id}")
    if campaign.withdrawn:
        return
    campaign.withdrawn = True
    campaign.updated_at = utcnow()
    record_for_campaign_stations(session, campaign_id, "campaign", campaign_id)


def add_catalog_item(
    session: Session,
    *,
    name: str,
    suggested_price_fen: int,
    barcode: str | None = None,
    unit: str = "piece",
    spec: str = "",
    category: str = "",
) -> CatalogItem:
    if unit not in ("piece", "kg"):
        raise PlatformError("unit is piece or kg")
    if suggested_price_fen < 0:
        raise PlatformError("a price cannot be negative")
    if not 1 <= len(name) <= 100 or len(spec) > 50 or len(category) > 30:
        raise PlatformError("name 1-100, spec up to 50, category up to 30 characters")
    item = CatalogItem(
        name=name,
        barcode=barcode or None,
        unit=unit,
        suggested_price_fen=suggested_price_fen,
        spec=spec,
        category=category,
        withdrawn=False,
        updated_at=utcnow(),
    )
    session.add(item)
    session.flush()
    record_for_all_stations(session, "catalog_item", item.id)
    return item
