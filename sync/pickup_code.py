"""Pickup codes: the signed QR text a customer shows to collect a group-buying order.

The platform issues a code; a station verifies it offline with the platform's public keys
(learned at enrolment and through sync). The format is specified, with test vectors, in
docs/pickup-code.md. This module is pure: no Qt, no database.

Text:   "CS1" + base32(payload + signature), uppercase RFC 4648 alphabet, no padding.
Signed: b"CS1" + payload, so a code can't be replayed under another format version.
Payload (big-endian where fixed):
    order_id    unsigned LEB128 varint, minimal, < 2**64  (1-10 bytes)
    station_id  unsigned LEB128 varint, minimal, < 2**64  (1-10 bytes)
    issued_at   u32 unix seconds, UTC                     (4 bytes)
    key_id      u16                                       (2 bytes)
Signature: Ed25519, 64 bytes.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from app.errors import UserFacingError

PREFIX = "CS1"
MAX_TEXT_LENGTH = 512  # a real code is under 150 characters; refuse big input before any work

SIGNATURE_LENGTH = 64
_U64_LIMIT = 1 << 64
_MAX_VARINT_LENGTH = 10  # ceil(64 / 7)
_FIXED_TAIL_LENGTH = 4 + 2  # issued_at u32 + key_id u16
_MIN_PAYLOAD_LENGTH = 1 + 1 + _FIXED_TAIL_LENGTH
_MAX_PAYLOAD_LENGTH = 2 * _MAX_VARINT_LENGTH + _FIXED_TAIL_LENGTH
_BASE32_BODY = re.compile(r"[A-Z2-7]*")  # empty: right prefix, no body -> damaged
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# DEMO ONLY. This seed is public (it is in the source), so anything it signs proves nothing.
# The demo seeder and tests use it; a real station only ever trusts keys from the platform.
DEMO_PRIVATE_KEY_SEED = b"corner-station-demo-key-NOT-SAFE"
DEMO_KEY_ID = 1


@dataclass(frozen=True)
class PickupClaim:
    """What a genuine pickup code asserts. Checking the station is the caller's job."""

    order_id: int
    station_id: int
    issued_at: datetime  # UTC aware; whole seconds survive a round trip
    key_id: int


class PickupCodeReason(StrEnum):
    NOT_A_PICKUP_CODE = "not_a_pickup_code"
    DAMAGED = "damaged"
    UNKNOWN_KEY = "unknown_key"
    FORGED = "forged"


class PickupCodeError(UserFacingError):
    """A scanned or typed text was refused; `reason` says why, `message` tells the clerk."""

    reason: PickupCodeReason
    _zh: str
    _en: str

    def __init__(self) -> None:
        super().__init__(self._zh, self._en, code="pickup_code")


class NotAPickupCode(PickupCodeError):
    reason = PickupCodeReason.NOT_A_PICKUP_CODE
    _zh = "这不是提货码"
    _en = "This is not a pickup code"


class DamagedPickupCode(PickupCodeError):
    reason = PickupCodeReason.DAMAGED
    _zh = "提货码不完整或已损坏，请让顾客重新出示"
    _en = "This pickup code is incomplete or damaged. Ask the customer to show it again"


class UnknownPickupKey(PickupCodeError):
    reason = PickupCodeReason.UNKNOWN_KEY
    _zh = "暂时无法核验这个提货码：本店还没有平台的对应密钥，请同步后再扫"
    _en = "This pickup code can't be checked yet: the station lacks the platform key for it. Sync, then scan again"


class ForgedPickupCode(PickupCodeError):
    reason = PickupCodeReason.FORGED
    _zh = "提货码校验失败，可能是伪造的，请勿交货"
    _en = "This pickup code failed its security check and may be forged. Do not hand over the goods"


# --- keys ---------------------------------------------------------------------------------


def generate_key_pair() -> tuple[Ed25519PrivateKey, bytes]:
    """A new signing key and its raw 32-byte public key."""
    private_key = Ed25519PrivateKey.generate()
    return private_key, public_key_bytes(private_key)


def public_key_bytes(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def private_key_bytes(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


def private_key_from_bytes(raw: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(raw)


def demo_private_key() -> Ed25519PrivateKey:
    """The public demo key (see DEMO_PRIVATE_KEY_SEED); never trust it outside the demo."""
    return private_key_from_bytes(DEMO_PRIVATE_KEY_SEED)


# --- issue --------------------------------------------------------------------------------


def issue_pickup_code(claim: PickupClaim, private_key: Ed25519PrivateKey) -> str:
    """Sign `claim` and return the QR text. Sub-second parts of issued_at are dropped."""
    payload = _encode_payload(claim)
    signature = private_key.sign(PREFIX.encode("ascii") + payload)
    body = base64.b32encode(payload + signature).decode("ascii").rstrip("=")
    return PREFIX + body


def _encode_payload(claim: PickupClaim) -> bytes:
    if claim.issued_at.tzinfo is None or claim.issued_at.utcoffset() is None:
        raise ValueError("issued_at must be timezone-aware")
    seconds = (claim.issued_at - _EPOCH) // timedelta(seconds=1)
    if not 0 <= seconds < 1 << 32:
        raise ValueError(f"issued_at out of range for u32 seconds: {claim.issued_at}")
    if not 0 <= claim.key_id < 1 << 16:
        raise ValueError(f"key_id out of range for u16: {claim.key_id}")
    return (
        _encode_varint(claim.order_id, "order_id")
        + _encode_varint(claim.station_id, "station_id")
        + seconds.to_bytes(4, "big")
        + claim.key_id.to_bytes(2, "big")
    )


def _encode_varint(value: int, name: str) -> bytes:
    if not 0 <= value < _U64_LIMIT:
        raise ValueError(f"{name} out of range for u64: {value}")
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


# --- verify -------------------------------------------------------------------------------


def looks_like_pickup_code(text: str) -> bool:
    """Cheap routing test: does this scan start like a pickup code? Nothing is verified."""
    normalized = _normalize(text)
    return normalized is not None and normalized.startswith(PREFIX)


def verify_pickup_code(text: str, public_keys: Mapping[int, bytes]) -> PickupClaim:
    """Check a scanned or typed code against the platform keys (key id -> raw 32 bytes).

    Returns the signed claim, or raises a PickupCodeError subclass. Whether the code is for
    this station, and what state the order is in, is for the caller to decide.
    """
    normalized = _normalize(text)
    if normalized is None or not normalized.startswith(PREFIX):
        raise NotAPickupCode()
    body = normalized[len(PREFIX) :]
    if not _BASE32_BODY.fullmatch(body):
        raise NotAPickupCode()

    raw = _decode_base32(body)
    payload, signature = raw[:-SIGNATURE_LENGTH], raw[-SIGNATURE_LENGTH:]
    claim = _decode_payload(payload)

    public_key = _load_public_key(public_keys.get(claim.key_id))
    try:
        public_key.verify(signature, PREFIX.encode("ascii") + payload)
    except InvalidSignature:
        raise ForgedPickupCode() from None
    return claim


def _normalize(text: str) -> str | None:
    """Undo what scanners and input methods do to a code: case, full-width, edge spaces."""
    if not isinstance(text, str) or len(text) > MAX_TEXT_LENGTH:
        return None
    # NFKC turns full-width ＣＳ１ into CS1 (and can lengthen text, hence the second bound).
    normalized = unicodedata.normalize("NFKC", text).strip()
    if len(normalized) > MAX_TEXT_LENGTH or not normalized.isascii():
        return None
    # Upper-case only after the ASCII check, so no exotic letter can upper-case into one.
    return normalized.upper()


def _decode_base32(body: str) -> bytes:
    padded = body + "=" * (-len(body) % 8)
    try:
        raw = base64.b32decode(padded)
    except binascii.Error:  # a length no encoder produces, e.g. a cut-off code
        raise DamagedPickupCode() from None
    # Python ignores stray low bits in the last character; insisting on the canonical
    # spelling means each code has exactly one text form.
    if base64.b32encode(raw).decode("ascii").rstrip("=") != body:
        raise DamagedPickupCode()
    if not _MIN_PAYLOAD_LENGTH <= len(raw) - SIGNATURE_LENGTH <= _MAX_PAYLOAD_LENGTH:
        raise DamagedPickupCode()
    return raw


def _decode_payload(payload: bytes) -> PickupClaim:
    order_id, pos = _decode_varint(payload, 0)
    station_id, pos = _decode_varint(payload, pos)
    if len(payload) - pos != _FIXED_TAIL_LENGTH:
        raise DamagedPickupCode()
    seconds = int.from_bytes(payload[pos : pos + 4], "big")
    key_id = int.from_bytes(payload[pos + 4 : pos + 6], "big")
    return PickupClaim(
        order_id=order_id,
        station_id=station_id,
        issued_at=_EPOCH + timedelta(seconds=seconds),
        key_id=key_id,
    )


def _decode_varint(data: bytes, pos: int) -> tuple[int, int]:
    """Read a minimal unsigned LEB128 below 2**64; anything else is a damaged code."""
    value = 0
    for i in range(_MAX_VARINT_LENGTH):
        if pos + i >= len(data):
            raise DamagedPickupCode()
        byte = data[pos + i]
        value |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            # A trailing zero group (other than a lone 0) means a non-minimal encoding.
            if (byte == 0 and i > 0) or value >= _U64_LIMIT:
                raise DamagedPickupCode()
            return value, pos + i + 1
    raise DamagedPickupCode()


def _load_public_key(raw: bytes | None) -> Ed25519PublicKey:
    # A malformed stored key can't check anything either; the fix is the same (sync keys).
    if raw is None:
        raise UnknownPickupKey()
    try:
        return Ed25519PublicKey.from_public_bytes(bytes(raw))
    except (ValueError, TypeError):
        raise UnknownPickupKey() from None
