from __future__ import annotations

import base64
import random
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import qrcode
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from qrcode.util import MODE_ALPHA_NUM

from app.errors import UserFacingError
from sync.pickup_code import (
    DEMO_KEY_ID,
    DEMO_PRIVATE_KEY_SEED,
    PREFIX,
    DamagedPickupCode,
    ForgedPickupCode,
    NotAPickupCode,
    PickupClaim,
    PickupCodeError,
    PickupCodeReason,
    UnknownPickupKey,
    demo_private_key,
    generate_key_pair,
    issue_pickup_code,
    looks_like_pickup_code,
    private_key_bytes,
    private_key_from_bytes,
    public_key_bytes,
    verify_pickup_code,
)

SPEC = Path(__file__).resolve().parents[2] / "docs" / "pickup-code.md"
BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

DEMO_PUBLIC = public_key_bytes(demo_private_key())
DEMO_KEYS = {DEMO_KEY_ID: DEMO_PUBLIC}
TYPICAL = PickupClaim(
    order_id=12345678,
    station_id=4021,
    issued_at=datetime(2025, 6, 1, 8, 30, tzinfo=UTC),
    key_id=DEMO_KEY_ID,
)

# (signing seed, claim, expected payload hex, expected code); the same vectors are in the spec.
VECTORS = [
    (
        DEMO_PRIVATE_KEY_SEED,
        TYPICAL,
        "cec2f105b51f683c0f880001",
        "CS1Z3BPCBNVD5UDYD4IAAAQQ23K5RNYNVNVILYSISJCAQX75LDXW3SD3KRP67JUDYMGJBU45FBVQJVOVNHDQBYIZC4DUAPSY6KXYNVNKHKOFEBFVCV3MTLGE5U6BY",
    ),
    (
        DEMO_PRIVATE_KEY_SEED,
        PickupClaim(1, 1, datetime(2024, 1, 1, tzinfo=UTC), 1),
        "0101659200800001",
        "CS1AEAWLEQAQAAADPGAFWQXGWI4ODK5HISCM3DNW32AFKJLR5LTRGDJY6SRS4NKZMI4ZRNUI7ZMWXUWALRNCVE4AHXHRKLLRWOJH6NFXH4URVMIUSZVE4CQ",
    ),
    (
        bytes(range(32)),
        PickupClaim(2**64 - 1, 2**64 - 1, datetime(2106, 2, 7, 6, 28, 15, tzinfo=UTC), 65535),
        "ffffffffffffffffff01ffffffffffffffffff01ffffffffffff",
        "CS177777777777777YB77777777777777YB7777777777MWEFTONGK7D5VJ5PFOKFZNJUJPO5BHJ5DK4GW7MJZW3U7YPUOZCBI5LSJHR44VFXYMHGJR55CDKGUU622DBJHH7E3M4422474WM4IJ",
    ),
]


def _reason(text: object, keys: dict[int, bytes] | None = None) -> PickupCodeReason:
    with pytest.raises(PickupCodeError) as caught:
        verify_pickup_code(text, DEMO_KEYS if keys is None else keys)  # type: ignore[arg-type]
    return caught.value.reason


def _raw(code: str) -> bytes:
    body = code[len(PREFIX) :]
    return base64.b32decode(body + "=" * (-len(body) % 8))


def _code(raw: bytes) -> str:
    return PREFIX + base64.b32encode(raw).decode("ascii").rstrip("=")


def _qr(code: str) -> qrcode.QRCode:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(code)
    qr.make(fit=True)
    return qr


# --- the format ---------------------------------------------------------------------------


@pytest.mark.parametrize(("seed", "claim", "payload_hex", "expected"), VECTORS)
def test_spec_vectors(seed: bytes, claim: PickupClaim, payload_hex: str, expected: str) -> None:
    key = private_key_from_bytes(seed)
    assert issue_pickup_code(claim, key) == expected
    assert _raw(expected)[:-64].hex() == payload_hex
    assert verify_pickup_code(expected, {claim.key_id: public_key_bytes(key)}) == claim


def test_spec_document_carries_the_same_vectors() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    for seed, _claim, payload_hex, expected in VECTORS:
        assert seed.hex() in spec
        assert payload_hex in spec
        assert expected in spec


def test_round_trip_with_a_fresh_key() -> None:
    private_key, public = generate_key_pair()
    claim = PickupClaim(987654321, 77, datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC), 9)
    code = issue_pickup_code(claim, private_key)
    verified = verify_pickup_code(code, {9: public})
    assert verified == claim
    assert verified.issued_at.tzinfo is UTC


@settings(max_examples=200)
@given(
    order_id=st.integers(0, 2**64 - 1),
    station_id=st.integers(0, 2**64 - 1),
    seconds=st.integers(0, 2**32 - 1),
    key_id=st.integers(0, 2**16 - 1),
)
def test_round_trip_any_claim(order_id: int, station_id: int, seconds: int, key_id: int) -> None:
    claim = PickupClaim(order_id, station_id, datetime.fromtimestamp(seconds, UTC), key_id)
    code = issue_pickup_code(claim, demo_private_key())
    assert len(code) <= 147  # the largest possible claim
    assert verify_pickup_code(code, {key_id: DEMO_PUBLIC}) == claim


def test_issue_time_keeps_whole_seconds_and_any_timezone() -> None:
    china = timezone(timedelta(hours=8))
    issued = datetime(2025, 6, 1, 16, 30, 0, 999_999, tzinfo=china)
    code = issue_pickup_code(PickupClaim(5, 6, issued, DEMO_KEY_ID), demo_private_key())
    verified = verify_pickup_code(code, DEMO_KEYS)
    assert verified.issued_at == datetime(2025, 6, 1, 8, 30, tzinfo=UTC)
    assert verified.issued_at.tzinfo is UTC


@pytest.mark.parametrize(
    "claim",
    [
        PickupClaim(1, 1, datetime(2025, 1, 1), 1),  # naive
        PickupClaim(-1, 1, TYPICAL.issued_at, 1),
        PickupClaim(2**64, 1, TYPICAL.issued_at, 1),
        PickupClaim(1, -5, TYPICAL.issued_at, 1),
        PickupClaim(1, 1, datetime(1969, 12, 31, tzinfo=UTC), 1),
        PickupClaim(1, 1, datetime(2106, 2, 7, 6, 28, 16, tzinfo=UTC), 1),
        PickupClaim(1, 1, TYPICAL.issued_at, 65536),
    ],
)
def test_issue_refuses_claims_the_format_cannot_carry(claim: PickupClaim) -> None:
    with pytest.raises(ValueError):
        issue_pickup_code(claim, demo_private_key())


def test_key_helpers_round_trip() -> None:
    private_key, public = generate_key_pair()
    assert len(public) == 32
    assert len(private_key_bytes(private_key)) == 32
    again = private_key_from_bytes(private_key_bytes(private_key))
    assert public_key_bytes(again) == public
    assert private_key_bytes(demo_private_key()) == DEMO_PRIVATE_KEY_SEED


# --- what scanners and people do to a code ------------------------------------------------


def test_lowercase_full_width_and_surrounding_space_are_accepted() -> None:
    code = issue_pickup_code(TYPICAL, demo_private_key())
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code)  # ＣＳ１… from an input method
    for text in (
        code.lower(),
        code.swapcase(),
        full_width,
        f"\u3000 {code}\r\n",
        f"\t{code.lower()}\n",
    ):
        assert verify_pickup_code(text, DEMO_KEYS) == TYPICAL
        assert looks_like_pickup_code(text)


# --- damage and forgery -------------------------------------------------------------------


def test_every_flipped_bit_is_refused() -> None:
    raw = _raw(issue_pickup_code(TYPICAL, demo_private_key()))
    payload_length = len(raw) - 64
    for bit in range(len(raw) * 8):
        flipped = bytearray(raw)
        flipped[bit // 8] ^= 1 << (bit % 8)
        reason = _reason(_code(bytes(flipped)))
        if bit // 8 >= payload_length:  # signature
            assert reason == PickupCodeReason.FORGED, bit
        elif bit // 8 >= payload_length - 2:  # key id: indistinguishable from a key not yet synced
            assert reason == PickupCodeReason.UNKNOWN_KEY, bit
        else:
            assert reason in (PickupCodeReason.FORGED, PickupCodeReason.DAMAGED), bit


def test_a_changed_character_is_refused() -> None:
    code = issue_pickup_code(TYPICAL, demo_private_key())
    rng = random.Random(7)
    for index in range(len(PREFIX), len(code)):
        replacement = rng.choice(BASE32_ALPHABET.replace(code[index], ""))
        tampered = code[:index] + replacement + code[index + 1 :]
        assert _reason(tampered) != PickupCodeReason.NOT_A_PICKUP_CODE


def test_another_key_is_forged() -> None:
    _other_private, other_public = generate_key_pair()
    code = issue_pickup_code(TYPICAL, demo_private_key())
    assert _reason(code, {DEMO_KEY_ID: other_public}) == PickupCodeReason.FORGED
    # and a code signed by a stranger under our key id
    stranger_code = issue_pickup_code(TYPICAL, _other_private)
    assert _reason(stranger_code) == PickupCodeReason.FORGED


def test_signature_must_cover_the_version_prefix() -> None:
    raw = _raw(issue_pickup_code(TYPICAL, demo_private_key()))
    payload = raw[:-64]
    unprefixed = demo_private_key().sign(payload)
    assert _reason(_code(payload + unprefixed)) == PickupCodeReason.FORGED
    other_version = demo_private_key().sign(b"CS2" + payload)
    assert _reason(_code(payload + other_version)) == PickupCodeReason.FORGED


def test_unknown_key_id() -> None:
    code = issue_pickup_code(TYPICAL, demo_private_key())
    assert _reason(code, {}) == PickupCodeReason.UNKNOWN_KEY
    assert _reason(code, {2: DEMO_PUBLIC}) == PickupCodeReason.UNKNOWN_KEY
    assert _reason(code, {DEMO_KEY_ID: DEMO_PUBLIC[:31]}) == PickupCodeReason.UNKNOWN_KEY


def test_truncated_or_extended_code_is_damaged() -> None:
    code = issue_pickup_code(TYPICAL, demo_private_key())
    for end in range(len(PREFIX), len(code)):
        assert _reason(code[:end]) == PickupCodeReason.DAMAGED, end
    for extra in ("A", "AA", "AAAAAAAA", "Q"):
        assert _reason(code + extra) == PickupCodeReason.DAMAGED, extra


def test_non_canonical_encodings_are_damaged_even_when_signed() -> None:
    tail = int(TYPICAL.issued_at.timestamp()).to_bytes(4, "big") + DEMO_KEY_ID.to_bytes(2, "big")
    key = demo_private_key()
    for order_varint in (
        bytes([0x81, 0x00]),  # 1, padded with a zero group
        bytes([0xFF] * 9 + [0x02]),  # 2**64 and more
        bytes([0x80] * 10 + [0x01]),  # longer than any u64 needs
    ):
        payload = order_varint + bytes([0x01]) + tail
        assert (
            _reason(_code(payload + key.sign(PREFIX.encode() + payload)))
            == PickupCodeReason.DAMAGED
        )
    # 76 bytes fill 122 base32 characters with 2 bits to spare; Python's decoder ignores them,
    # we insist they are zero so a code has exactly one spelling
    code = issue_pickup_code(TYPICAL, key)
    last = BASE32_ALPHABET.index(code[-1])
    for stray in (1, 2):
        assert _reason(code[:-1] + BASE32_ALPHABET[last ^ stray]) == PickupCodeReason.DAMAGED


# --- things that are not pickup codes -----------------------------------------------------

GARBAGE = [
    "",
    "   \r\n",
    bytes(random.Random(1).randbytes(90)).decode("latin-1"),
    "https://example.com/pickup?code=CS1ABC",
    "1' OR 1=1--",
    "6901234567892",  # EAN-13
    "CS2" + "A" * 120,  # a format this app does not know
    "CS1-" + "A" * 120,
    "CS1" + "A" * 60 + "0",  # 0 is not a base32 letter
    "CS1" + "A" * 60 + " A",
    "\ufeffCS1" + "A" * 120,
    "C",
    "ＣＳ１" + "一" * 40,
]


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_is_not_a_pickup_code(text: str) -> None:
    assert _reason(text) == PickupCodeReason.NOT_A_PICKUP_CODE
    if not text.startswith(("CS1", "ＣＳ１")):
        assert not looks_like_pickup_code(text)


def test_non_text_is_not_a_pickup_code() -> None:
    assert _reason(None) == PickupCodeReason.NOT_A_PICKUP_CODE
    assert _reason(b"CS1AAAA") == PickupCodeReason.NOT_A_PICKUP_CODE
    assert not looks_like_pickup_code(None)  # type: ignore[arg-type]


def test_oversized_input_is_refused_fast() -> None:
    code = issue_pickup_code(TYPICAL, demo_private_key())
    for text in (code + "A" * 2048, "CS1" + "A" * 2048, "x" * 2048, "ﷺ" * 500):
        started = time.perf_counter()
        assert _reason(text) == PickupCodeReason.NOT_A_PICKUP_CODE
        assert time.perf_counter() - started < 0.05
        assert not looks_like_pickup_code(text)


@given(st.text(max_size=700))
def test_random_text_only_ever_raises_pickup_code_errors(text: str) -> None:
    try:
        verify_pickup_code(text, DEMO_KEYS)
    except PickupCodeError as error:
        assert isinstance(error.reason, PickupCodeReason)


@given(st.text(alphabet=BASE32_ALPHABET + BASE32_ALPHABET.lower(), max_size=200))
def test_random_base32_after_the_prefix_is_refused(body: str) -> None:
    with pytest.raises(PickupCodeError) as caught:
        verify_pickup_code(PREFIX + body, DEMO_KEYS)
    assert caught.value.reason != PickupCodeReason.NOT_A_PICKUP_CODE


@given(st.binary(max_size=120))
def test_random_bytes_in_the_format_are_refused(raw: bytes) -> None:
    with pytest.raises(PickupCodeError) as caught:
        verify_pickup_code(_code(raw), DEMO_KEYS)
    assert caught.value.reason != PickupCodeReason.NOT_A_PICKUP_CODE


# --- messages for the counter -------------------------------------------------------------


def test_each_reason_has_its_own_bilingual_message() -> None:
    errors = [NotAPickupCode(), DamagedPickupCode(), UnknownPickupKey(), ForgedPickupCode()]
    assert {e.reason for e in errors} == set(PickupCodeReason)
    for error in errors:
        assert isinstance(error, UserFacingError)
        assert error.message.zh and error.message.en
        assert error.code == "pickup_code"
    assert len({e.message.zh for e in errors}) == len({e.message.en for e in errors}) == 4
    assert NotAPickupCode().message.for_lang("zh_CN") == "这不是提货码"
    assert NotAPickupCode().message.for_lang("en") == "This is not a pickup code"


# --- it has to work as a QR ---------------------------------------------------------------


@pytest.mark.parametrize("vector", VECTORS, ids=["typical", "small", "largest"])
def test_fits_qr_version_6_at_level_m_in_alphanumeric_mode(vector: tuple) -> None:
    code = vector[3]
    qr = _qr(code)
    assert qr.version <= 6
    assert all(chunk.mode == MODE_ALPHA_NUM for chunk in qr.data_list)


def test_qr_image_decodes_and_verifies() -> None:
    code = issue_pickup_code(TYPICAL, demo_private_key())
    image = _qr(code).make_image().get_image().convert("L")
    barcodes = zxingcpp.read_barcodes(image)
    assert [b.format for b in barcodes] == [zxingcpp.BarcodeFormat.QRCode]
    assert barcodes[0].text == code
    assert verify_pickup_code(barcodes[0].text, DEMO_KEYS) == TYPICAL
