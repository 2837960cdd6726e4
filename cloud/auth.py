"""Enrolment and bearer tokens.

A station enrols a PC with a one-time code the platform gave its owner. The code is kept
only as its sha256 and is spent by a single atomic UPDATE, so two PCs racing with the same
code cannot both win. Each enrolment makes a new device with its own random token (also
kept only as a hash); re-enrolling a station (a new PC) is just another device of it.
"""
from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cloud.db import utcnow
from cloud.keys import public_keys
from cloud.models import Device, EnrolCode, Station
from sync.protocol.messages import PROTOCOL_VERSION, EnrolRequest, EnrolResponse

# No 0/O, 1/I/L: the code is read out over the phone and typed by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4  # 12 characters from 31: about 59 bits
DEFAULT_CODE_VALID_DAYS = 7


class EnrolRefused(Exception):
    """The code is unknown, spent or expired (deliberately not told apart)."""


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is calling, derived from the bearer token alone."""

    device_id: str
    station_id: int


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_enrol_code(session: Session, station_id: int, *, valid_days: int = DEFAULT_CODE_VALID_DAYS) -> str:
    """Make a one-time code for `station_id`; the plain text is returned once, never stored."""
    groups = [
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    ]
    code = "-".join(groups)
    now = utcnow()
    session.add(
        EnrolCode(
            station_id=station_id,
            code_hash=hash_secret(normalize_code(code)),
            created_at=now,
            expires_at=now + timedelta(days=valid_days),
        )
    )
    session.flush()
    return code


def enrol(session: Session, request: EnrolRequest) -> EnrolResponse:
    """Spend the code and make a new device of its station. Raises EnrolRefused."""
    now = utcnow()
    code_hash = hash_secret(normalize_code(request.enrol_code))
    row = session.execute(select(EnrolCode).where(EnrolCode.code_hash == code_hash)).scalar_one_or_none()
    if row is None or row.used_at is not None or row.expires_at <= now:
        raise EnrolRefused()
    device_id = str(uuid.uuid4())
    spent = session.execute(
        update(EnrolCode)
        .where(EnrolCode.id == row.id, EnrolCode.used_at.is_(None))
        .values(used_at=now, used_by_device=device_id)
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        raise EnrolRefused()  # another enrolment spent it a moment ago
    station = session.get_one(Station, row.station_id)
    token = secrets.token_urlsafe(32)
    session.add(
        Device(
            id=device_id,
            station_id=station.id,
            name=request.device_name,
            token_hash=hash_secret(token),
            created_at=now,
            epoch=0,
        )
    )
    session.flush()
    return EnrolResponse(
        station_id=station.id,
        station_code=station.code,
        station_name=station.name,
        device_id=device_id,
        token=token,
        platform_keys=public_keys(session),
        protocol_version=PROTOCOL_VERSION,
    )


def authenticate(session: Session, token: str) -> Caller | None:
    """The device a bearer token belongs to, or None (unknown or revoked)."""
    if not token or len(token) > 200:
        return None
    device = session.execute(
        select(Device).where(Device.token_hash == hash_secret(token))
    ).scalar_one_or_none()
    if device is None or device.revoked_at is not None:
        return None
    return Caller(device_id=device.id, station_id=device.station_id)
