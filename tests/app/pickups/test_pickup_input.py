"""Anything at all may reach the scan handler: it gets a verdict, never an exception."""

from __future__ import annotations

import string

from conftest import World
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.pickups import VerdictState, bag_label_text, new_bag_id, parse_bag_label, route_input
from sync.pickup_code import PREFIX

GARBAGE = [
    "",
    " ",
    "\x00\x01\x02",
    "https://example.com/pickup?code=10000001",
    "x" * 2048,
    "1" * 2048,
    "CS1" + "A" * 2000,
    "CS1",
    "CS1!!!!",
    "'; DROP TABLE group_order; --",
    "1234' OR '1'='1",
    "6901234567892",  # EAN-13
    "123456789",
    "BAG:",
    "BAG:not-a-uuid",
    "🙂🙂🙂",
    "１２３",
    "\u202e10000001",
    "12345678901234567890",
]


def test_garbage_is_not_a_pickup_code(world: World) -> None:
    for text in GARBAGE:
        verdict = world.service.verify(text)
        assert verdict.state in {
            VerdictState.NOT_A_PICKUP_CODE,
            VerdictState.DAMAGED,
            VerdictState.NOT_FOUND,
        }, (text[:40], verdict.state)
        assert not verdict.can_hand_out
        assert verdict.headline.zh and verdict.headline.en


def test_non_text_is_not_a_pickup_code(world: World) -> None:
    for thing in (b"CS1ABC", None, 10000001, ["1234"]):
        assert world.service.verify(thing).state is VerdictState.NOT_A_PICKUP_CODE  # type: ignore[arg-type]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_any_text_gets_a_verdict(world: World, text: str) -> None:
    verdict = world.service.verify(text)
    assert isinstance(verdict.state, VerdictState)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", max_size=200))
def test_any_base32_body_gets_a_verdict(world: World, body: str) -> None:
    verdict = world.service.verify(PREFIX + body)
    assert verdict.state in {
        VerdictState.DAMAGED,
        VerdictState.FORGED,
        VerdictState.UNKNOWN_KEY,
        VerdictState.NOT_A_PICKUP_CODE,
    }


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=200))
def test_random_bytes_decoded_any_way_get_a_verdict(world: World, raw: bytes) -> None:
    for text in (raw.decode("latin-1"), raw.decode("utf-8", "replace")):
        assert isinstance(world.service.verify(text).state, VerdictState)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=string.digits + " -", max_size=20))
def test_any_digits_get_a_verdict(world: World, text: str) -> None:
    verdict = world.service.verify(text)
    assert verdict.state in {
        VerdictState.NOT_A_PICKUP_CODE,
        VerdictState.NOT_FOUND,
        VerdictState.CHOICE,
        VerdictState.READY,
        VerdictState.PARTLY_PICKED,
        VerdictState.ALREADY_PICKED,
        VerdictState.NOT_ARRIVED,
        VerdictState.CANCELLED,
        VerdictState.REFUNDED,
        VerdictState.WITHDRAWN,
        VerdictState.ALL_SHORT,
    }


def test_routing() -> None:
    assert route_input("10000001").kind == "code"
    assert route_input("１０００ ０００１").value == "10000001"
    assert route_input("1234").kind == "phone"
    assert route_input("13800131234").value == "1234"
    assert route_input("cs1abcd").kind == "qr"
    assert route_input("23800131234").kind == "none"  # not a mobile number
    assert route_input("6901234567892").product_barcode
    assert not route_input("6901234567890").product_barcode
    assert route_input("x" * 5000).kind == "none"


def test_bag_label_format() -> None:
    bag_id = new_bag_id()
    text = bag_label_text(bag_id)
    assert text == "BAG:" + bag_id.upper()
    assert len(text) == 40
    assert set(text) <= set(string.ascii_uppercase + string.digits + " $%*+-./:")  # QR alphanumeric
    assert parse_bag_label(text) == bag_id
    assert parse_bag_label(text.lower()) == bag_id
    assert parse_bag_label(bag_id) is None  # a bare id is not a label scan
    assert parse_bag_label(bag_id, allow_bare=True) == bag_id
    assert parse_bag_label("BAG:{" + bag_id + "}") is None
    assert route_input(text).kind == "bag"
