"""Enrolling this computer with the platform: a one-time code in, credentials out.

The platform answers with the station it belongs to, a new device id, a bearer token and the
public keys that sign pickup codes. The token goes to the owner-only secrets file (never the
database); the rest goes into the database in one transaction:

- the station row takes the platform's station id (pickup QR codes name it), code and name;
- the device id becomes the platform's, with a fresh device epoch, so this device's series
  on the platform starts at seq 1. Events still waiting to upload (written before this
  enrolment, under the old device id) are moved into that new series in their old order:
  the platform only takes a device's events with that device's token, and their event ids
  keep them from ever being applied twice;
- the platform keys are stored, and any local key the platform did not list is retired.

A database that already belongs to one platform station refuses a code for another one, so
one shop's sales never go up as another's.
"""
from __future__ import annotations

import base64
import binascii
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from pydantic import ValidationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.audit import record_audit
from app.errors import UserFacingError
from local_db.engine import Database
from local_db.models import NumberCounter, Outbox, PlatformKey, Station, SyncState
from sync.client import MalformedAnswer, RetryPolicy, SyncClient, check_cloud_url
from sync.outbox import seq_counter_name
from sync.protocol import messages as m
from sync.protocol.events import PROTOCOL_VERSION
from sync.token_store import TokenKeeper

log = logging.getLogger(__name__)

CURSOR_KEY = "cursor"
SNAPSHOT_PREFIX = "snap"


@dataclass(frozen=True, slots=True)
class EnrolResult:
    station_id: int
    station_code: str
    station_name: str
    device_id: str
    device_epoch: int
    cloud_url: str
    platform_keys: int
    moved_events: int  # pending events moved into the new device's series


class EnrolmentRefused(UserFacingError):
    pass


def enrol_station(
    db: Database,
    *,
    cloud_url: str,
    enrol_code: str,
    device_name: str,
    tokens: TokenKeeper,
    now: datetime,
    staff_id: int | None = None,
    ca_file: str | None = None,
    retry: RetryPolicy = RetryPolicy(attempts=3, total_s=20.0),
    protocol_version: int = PROTOCOL_VERSION,
    transport: httpx.BaseTransport | None = None,
) -> EnrolResult:
    """Enrol this computer with `enrol_code` at `cloud_url`; see the module docstring."""
    url = check_cloud_url(cloud_url)
    try:
        request = m.EnrolRequest(
            enrol_code=" ".join(enrol_code.split()), device_name=(device_name.strip() or "PC")[:100]
        )
    except ValidationError:
        raise EnrolmentRefused(
            "登记码格式不对：应为平台给的 12 位字母数字（可带短横线）。",
            "That is not an enrolment code: it is the 12 letters and digits the platform gave "
            "(dashes are fine).",
            code="bad_enrol_code",
        ) from None
    with db.read() as uow:
        before = uow.session.scalars(select(Station)).first()
        enrolled_as = before.id if before is not None and before.enrolled_at is not None else None
    with SyncClient(url, ca_file=ca_file, retry=retry, protocol_version=protocol_version,
                    transport=transport) as client:
        answer = client.enrol(request)
    keys = _decode_keys(answer.platform_keys)
    if enrolled_as is not None and enrolled_as != answer.station_id:
        raise EnrolmentRefused(
            f"这个登记码属于另一家门店「{answer.station_name}」，而本机的数据属于门店 {enrolled_as}。"
            "没有登记。请核对登记码。",
            f"This code belongs to another station ({answer.station_name}); this computer's "
            f"records belong to station {enrolled_as}. Nothing was changed; check the code.",
            code="other_station",
        )
    tokens.save(answer.token)
    with db.write() as uow:
        result = apply_enrolment(uow.session, answer, cloud_url=url, keys=keys, now=now,
                                 staff_id=staff_id)
        uow.commit()
    log.info(
        "enrolled as station %s device %s (epoch %s, %s pending events moved)",
        result.station_code, result.device_id, result.device_epoch, result.moved_events,
    )
    return result


def apply_enrolment(
    session: Session,
    answer: m.EnrolResponse,
    *,
    cloud_url: str,
    keys: dict[int, bytes],
    now: datetime,
    staff_id: int | None = None,
) -> EnrolResult:
    """Store an enrolment in the caller's write transaction (the caller commits)."""
    naive_now = _naive_utc(now)
    station = session.scalars(select(Station)).first()
    fresh_station = station is None or station.enrolled_at is None or station.id != answer.station_id
    if station is None:
        station = Station(id=answer.station_id, code=answer.station_code, name=answer.station_name,
                          device_id=answer.device_id, device_epoch=1)
        session.add(station)
        session.flush()
    elif station.id != answer.station_id:
        # Nothing refers to the station row by key; pickup codes name the platform's id.
        session.execute(update(Station).where(Station.id == station.id).values(id=answer.station_id))
        session.expire_all()
        station = session.get_one(Station, answer.station_id)
    old_device = station.device_id
    highest = session.scalar(select(func.max(Outbox.device_epoch))) or 0
    epoch = max(station.device_epoch, int(highest)) + 1
    moved = _move_pending(session, device_id=answer.device_id, epoch=epoch)
    station.code = answer.station_code
    station.name = answer.station_name
    station.device_id = answer.device_id
    station.device_epoch = epoch
    station.cloud_url = cloud_url
    station.enrolled_at = naive_now
    _store_keys(session, keys, naive_now)
    if fresh_station:
        # A new station on this database: the first pull is a full snapshot.
        session.execute(delete(SyncState).where(SyncState.key == CURSOR_KEY))
        session.execute(delete(SyncState).where(SyncState.key.like(f"{SNAPSHOT_PREFIX}%")))
    for key in ("last_error", "needs_enrolment"):
        session.execute(delete(SyncState).where(SyncState.key == key))
    record_audit(
        session,
        at=now,
        staff_id=staff_id,
        action="sync_enrol",
        entity="station",
        entity_id=answer.station_id,
        before={"device_id": old_device},
        after={
            "station_code": answer.station_code,
            "device_id": answer.device_id,
            "device_epoch": epoch,
            "cloud_url": cloud_url,
            "moved_events": moved,
        },
    )
    session.flush()
    return EnrolResult(
        station_id=answer.station_id,
        station_code=answer.station_code,
        station_name=answer.station_name,
        device_id=answer.device_id,
        device_epoch=epoch,
        cloud_url=cloud_url,
        platform_keys=len(keys),
        moved_events=moved,
    )


def _move_pending(session: Session, *, device_id: str, epoch: int) -> int:
    rows = session.execute(
        select(Outbox.id).where(Outbox.sent_at.is_(None)).order_by(Outbox.device_epoch, Outbox.seq)
    ).scalars().all()
    for seq, row_id in enumerate(rows, start=1):
        session.execute(
            update(Outbox)
            .where(Outbox.id == row_id)
            .values(device_id=device_id, device_epoch=epoch, seq=seq)
            .execution_options(synchronize_session=False)
        )
    session.execute(
        sqlite_insert(NumberCounter)
        .values(name=seq_counter_name(epoch), value=len(rows))
        .on_conflict_do_update(index_elements=[NumberCounter.name], set_={"value": len(rows)})
    )
    return len(rows)


def _store_keys(session: Session, keys: dict[int, bytes], now: datetime) -> None:
    for key_id, raw in keys.items():
        session.execute(
            sqlite_insert(PlatformKey)
            .values(key_id=key_id, public_key=raw, added_at=now, retired=False)
            .on_conflict_do_update(
                index_elements=[PlatformKey.key_id], set_={"public_key": raw, "retired": False}
            )
        )
    session.execute(
        update(PlatformKey).where(PlatformKey.key_id.not_in(list(keys))).values(retired=True)
    )


def _decode_keys(items: list[m.PlatformKeyData]) -> dict[int, bytes]:
    keys: dict[int, bytes] = {}
    for item in items:
        keys[item.key_id] = decode_public_key(item.public_key)
    return keys


def decode_public_key(text: str) -> bytes:
    """A platform key's raw 32 bytes from its base64, or MalformedAnswer."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise MalformedAnswer("a platform key is not base64") from None
    if len(raw) != 32:
        raise MalformedAnswer("a platform key is not 32 bytes")
    return raw


def _naive_utc(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("pass an aware datetime (UTC)")
    return instant.astimezone(UTC).replace(tzinfo=None)
