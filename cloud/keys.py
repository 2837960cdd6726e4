"""The platform's pickup-code signing keys: make, list, retire, and sign with the newest.

A station learns the public halves at enrolment and through pulls (platform_key.put), so
the platform can add a key and retire an old one without reprinting anything.
"""
from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cloud.changes import record_for_all_stations
from cloud.db import utcnow
from cloud.models import SigningKey
from sync.pickup_code import (
    DEMO_KEY_ID,
    demo_private_key,
    generate_key_pair,
    private_key_bytes,
    private_key_from_bytes,
    public_key_bytes,
)
from sync.protocol.messages import PlatformKeyData


class KeyProblem(Exception):
    """No usable signing key (none made yet, or its file is missing)."""


def create_key(session: Session, *, key_file: Path | None = None, demo: bool = False) -> int:
    """Make a new signing key and announce it to every station; returns its key id.

    With `key_file`, the private key is written there (mode 0600) and the database keeps
    only its path. `demo` installs the public demo key (key id 1): for demos and tests only.
    """
    if demo:
        private_key, key_id = demo_private_key(), DEMO_KEY_ID
        if session.get(SigningKey, key_id) is not None:
            return key_id
    else:
        private_key, _ = generate_key_pair()
        highest = session.scalar(select(func.max(SigningKey.key_id)))
        key_id = max(int(highest or 0), DEMO_KEY_ID) + 1
    raw_private = private_key_bytes(private_key)
    path: str | None = None
    if key_file is not None:
        key_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw_private)
        path = str(key_file.resolve())
    session.add(
        SigningKey(
            key_id=key_id,
            public_key=public_key_bytes(private_key),
            private_key=None if path else raw_private,
            private_key_path=path,
            created_at=utcnow(),
        )
    )
    session.flush()
    record_for_all_stations(session, "platform_key", key_id)
    return key_id


def retire_key(session: Session, key_id: int) -> None:
    key = session.get(SigningKey, key_id)
    if key is None:
        raise KeyProblem(f"no key {key_id}")
    if key.retired_at is None:
        key.retired_at = utcnow()
        record_for_all_stations(session, "platform_key", key_id)


def public_keys(session: Session) -> list[PlatformKeyData]:
    rows = session.scalars(
        select(SigningKey).where(SigningKey.retired_at.is_(None)).order_by(SigningKey.key_id)
    ).all()
    return [PlatformKeyData(key_id=row.key_id, public_key=encode_key(row.public_key)) for row in rows]


def signing_key(session: Session) -> tuple[int, Ed25519PrivateKey]:
    """The newest active key, with its private half, for issuing pickup codes."""
    row = session.scalars(
        select(SigningKey)
        .where(SigningKey.retired_at.is_(None))
        .order_by(SigningKey.created_at.desc(), SigningKey.key_id.desc())
        .limit(1)
    ).first()
    if row is None:
        raise KeyProblem("no platform signing key yet: run `python -m cloud admin keygen` first")
    if row.private_key is not None:
        return row.key_id, private_key_from_bytes(row.private_key)
    if row.private_key_path is None:
        raise KeyProblem(f"key {row.key_id} has no private half in the database or a file")
    try:
        raw = Path(row.private_key_path).read_bytes()
    except OSError as exc:
        raise KeyProblem(f"cannot read the private key of key {row.key_id}: {exc}") from exc
    return row.key_id, private_key_from_bytes(raw)


def encode_key(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
