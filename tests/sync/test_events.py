"""The event contract: every kind survives JSON, and bad money or stray fields are refused."""
from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from sync.protocol import (
    EVENT_SCHEMA_VERSION,
    EVENT_TYPES,
    PROTOCOL_VERSION,
    ArrivalEvent,
    BaseEvent,
    CashMovementEvent,
    DayCloseEvent,
    EventEnvelope,
    PickupEvent,
    PickupUndoEvent,
    RefundEvent,
    SaleEvent,
    ShiftHandoverEvent,
    ShortageClaimEvent,
    StockCountEvent,
    StockReceiptEvent,
    TillOpenEvent,
    parse_event,
)

AT = datetime(2026, 11, 25, 2, 30, tzinfo=UTC)
DAY = date(2026, 11, 25)


def u() -> str:
    return str(uuid.uuid4())


STAFF = u()
OWNER = u()
SESSION = u()


def sale_data() -> dict:
    return {
        "sale_uuid": u(),
        "number": "20261125-0042",
        "business_day": DAY,
        "created_at": AT,
        "staff_uuid": STAFF,
        "approver_uuid": OWNER,
        "cash_session_uuid": SESSION,
        "lines": [
            {
                "product_uuid": u(),
                "name": "农夫山泉 550ml",
                "barcode": "6921168509256",
                "qty": 2,
                "unit_price_fen": 200,
                "line_total_fen": 400,
            },
            {
                "product_uuid": u(),
                "name": "散装苹果",
                "unit": "kg",
                "qty": 1250,
                "unit_price_fen": 1280,
                "list_price_fen": 1380,
                "discount_fen": 50,
                "line_total_fen": 1550,
            },
        ],
        "payments": [
            {"method": "wechat", "amount_fen": 1000, "tendered_fen": 1000, "reference": "W1"},
            {"method": "cash", "amount_fen": 900, "tendered_fen": 1000, "change_fen": 100},
        ],
        "subtotal_fen": 1950,
        "discount_fen": 40,
        "rounding_fen": -10,
        "total_fen": 1900,
    }


def samples() -> list[BaseEvent]:
    """One valid event of every kind."""
    arrival = u()
    return [
        SaleEvent(**sale_data()),
        RefundEvent(
            refund_uuid=u(),
            number="20261125-0003",
            sale_uuid=u(),
            business_day=DAY,
            created_at=AT,
            staff_uuid=STAFF,
            approver_uuid=OWNER,
            lines=[
                {"sale_line_index": 0, "qty": 1, "amount_fen": 200},
                {"product_uuid": u(), "qty": 500, "amount_fen": 640, "restock": False},
            ],
            method="cash",
            amount_fen=840,
            reason="坏了",
        ),
        PickupEvent(
            pickup_uuid=u(),
            order_id=7001,
            lines=[{"order_line_id": 9001, "qty": 2}, {"order_line_id": 9002, "qty": 1}],
            method="qr",
            proxy_note="邻居代取",
            bag_confirmed=True,
            staff_uuid=STAFF,
            created_at=AT,
        ),
        PickupUndoEvent(
            undo_uuid=u(),
            pickup_uuid=u(),
            order_id=7001,
            lines=[{"order_line_id": 9001, "qty": 2}],
            reason="拿错袋子",
            staff_uuid=STAFF,
            created_at=AT,
        ),
        ArrivalEvent(
            arrival_uuid=arrival,
            campaign_id=31,
            staff_uuid=STAFF,
            created_at=AT,
            lines=[
                {
                    "campaign_item_id": 501,
                    "qty_expected": 20,
                    "qty_received": 17,
                    "qty_damaged": 1,
                    "qty_missing": 2,
                    "reason": "少两箱",
                }
            ],
            allocation_rule="latest_first",
            allocations=[{"order_line_id": 9005, "qty_short": 2}, {"order_line_id": 9006, "qty_short": 1}],
        ),
        ShortageClaimEvent(
            claim_uuid=u(),
            arrival_uuid=arrival,
            campaign_item_id=501,
            claim_kind="damaged",
            qty=1,
            reason="压坏",
            has_photo=True,
            staff_uuid=STAFF,
            created_at=AT,
        ),
        StockReceiptEvent(
            receipt_uuid=u(),
            staff_uuid=STAFF,
            created_at=AT,
            supplier="城东批发",
            lines=[{"product_uuid": u(), "qty": 24, "unit_cost_fen": 130}],
        ),
        StockCountEvent(
            count_uuid=u(),
            staff_uuid=STAFF,
            created_at=AT,
            lines=[{"product_uuid": u(), "counted_qty": 5, "previous_qty": -2, "reason": "盘点"}],
        ),
        ShiftHandoverEvent(
            handover_uuid=u(),
            cash_session_uuid=SESSION,
            from_staff_uuid=STAFF,
            to_staff_uuid=OWNER,
            created_at=AT,
            totals={"cash": 12050, "wechat": 30000},
            expected_cash_fen=22050,
            counted_cash_fen=22000,
            variance_reason="找错零",
        ),
        DayCloseEvent(
            cash_session_uuid=SESSION,
            z_number="Z-000012",
            business_day=DAY,
            staff_uuid=OWNER,
            created_at=AT,
            float_fen=10000,
            sales_count=83,
            refunds_count=1,
            totals={"cash": 45000, "wechat": 80000, "alipay": 12000, "card": 0, "other": 0},
            refunds_fen=840,
            discounts_fen=300,
            expected_cash_fen=55000,
            counted_cash_fen=55000,
        ),
        CashMovementEvent(
            movement_uuid=u(),
            cash_session_uuid=SESSION,
            direction="out",
            amount_fen=5000,
            reason="买塑料袋",
            staff_uuid=STAFF,
            created_at=AT,
        ),
        TillOpenEvent(
            cash_session_uuid=SESSION, business_day=DAY, staff_uuid=STAFF, float_fen=10000, created_at=AT
        ),
    ]


def test_versions_are_one() -> None:
    assert PROTOCOL_VERSION == 1
    assert EVENT_SCHEMA_VERSION == 1


def test_samples_cover_every_kind() -> None:
    assert {e.kind for e in samples()} == set(EVENT_TYPES)
    for kind in (
        "sale", "refund", "pickup", "pickup_undo", "arrival", "shortage_claim",
        "stock_receipt", "stock_count", "shift_handover", "day_close",
    ):  # fmt: skip
        assert kind in EVENT_TYPES


@pytest.mark.parametrize("event", samples(), ids=lambda e: e.kind)
def test_every_kind_round_trips_through_json(event: BaseEvent) -> None:
    text = event.model_dump_json()
    assert parse_event(text) == event
    # the outbox stores model_dump(mode="json") and reads it back as a dict
    stored = json.loads(json.dumps(event.model_dump(mode="json")))
    again = parse_event(stored)
    assert again == event
    assert type(again) is type(event)


@pytest.mark.parametrize("event", samples(), ids=lambda e: e.kind)
def test_every_kind_round_trips_in_an_envelope(event: BaseEvent) -> None:
    envelope = EventEnvelope(
        event_id=u(),
        device_id=u(),
        device_epoch=2,
        seq=17,
        kind=event.kind,
        schema_version=EVENT_SCHEMA_VERSION,
        created_at=AT,
        payload=event.model_dump(mode="json"),
    )
    assert envelope.payload == event
    assert EventEnvelope.model_validate_json(envelope.model_dump_json()) == envelope


@pytest.mark.parametrize("event", samples(), ids=lambda e: e.kind)
def test_extra_fields_are_refused(event: BaseEvent) -> None:
    data = event.model_dump(mode="json")
    with pytest.raises(ValidationError, match="extra"):
        parse_event({**data, "customer_phone": "13800138000"})


def test_extra_fields_in_nested_lines_are_refused() -> None:
    data = sale_data()
    data["lines"][0]["cost_fen"] = 100
    with pytest.raises(ValidationError, match="extra"):
        SaleEvent(**data)


@pytest.mark.parametrize("bad", [12.5, 200.0, "200", True, None])
@pytest.mark.parametrize(
    "where",
    ["subtotal_fen", "total_fen", "discount_fen", "line.unit_price_fen", "line.qty", "payment.amount_fen"],
)
def test_money_and_quantities_refuse_anything_but_int(where: str, bad: object) -> None:
    data = sale_data()
    if where.startswith("line."):
        data["lines"][0][where.split(".")[1]] = bad
    elif where.startswith("payment."):
        data["payments"][0][where.split(".")[1]] = bad
    else:
        data[where] = bad
    with pytest.raises(ValidationError):
        SaleEvent(**data)


def test_floats_in_json_are_refused() -> None:
    text = SaleEvent(**sale_data()).model_dump_json().replace('"total_fen":1900', '"total_fen":1900.0')
    assert '"total_fen":1900.0' in text
    with pytest.raises(ValidationError, match="total_fen"):
        parse_event(text)


def test_float_money_refused_in_every_kind() -> None:
    cases = {
        "refund": "amount_fen",
        "cash_movement": "amount_fen",
        "till_open": "float_fen",
        "day_close": "counted_cash_fen",
        "shift_handover": "expected_cash_fen",
        "shortage_claim": "qty",
        "pickup": "order_id",
    }
    by_kind = {e.kind: e for e in samples()}
    for kind, field in cases.items():
        data = by_kind[kind].model_dump(mode="json")
        data[field] = float(data[field])
        with pytest.raises(ValidationError):
            parse_event(data)
    handover = by_kind["shift_handover"].model_dump(mode="json")
    handover["totals"]["cash"] = 120.5
    with pytest.raises(ValidationError):
        parse_event(handover)


def test_sale_sums_must_add_up() -> None:
    data = sale_data()
    data["subtotal_fen"] = 1951
    with pytest.raises(ValidationError, match="subtotal_fen"):
        SaleEvent(**data)
    data = sale_data()
    data["rounding_fen"] = 0
    with pytest.raises(ValidationError, match="total_fen"):
        SaleEvent(**data)
    data = sale_data()
    data["payments"][1]["amount_fen"] = 800
    data["payments"][1]["change_fen"] = 200
    with pytest.raises(ValidationError, match="payments"):
        SaleEvent(**data)
    data = sale_data()
    data["payments"][1]["change_fen"] = 0
    with pytest.raises(ValidationError, match="change_fen"):
        SaleEvent(**data)


def test_refund_lines_must_name_a_line_and_add_up() -> None:
    refund = next(e for e in samples() if e.kind == "refund").model_dump(mode="json")
    bad = json.loads(json.dumps(refund))
    bad["lines"][0]["sale_line_index"] = None
    with pytest.raises(ValidationError, match="sale_line_index"):
        parse_event(bad)
    bad = json.loads(json.dumps(refund))
    bad["amount_fen"] = 841
    with pytest.raises(ValidationError, match="amount_fen"):
        parse_event(bad)


def test_pickup_refuses_empty_or_repeated_lines_and_unknown_method() -> None:
    pickup = next(e for e in samples() if e.kind == "pickup").model_dump(mode="json")
    with pytest.raises(ValidationError):
        parse_event({**pickup, "lines": []})
    with pytest.raises(ValidationError, match="once"):
        parse_event({**pickup, "lines": [{"order_line_id": 1, "qty": 1}, {"order_line_id": 1, "qty": 1}]})
    with pytest.raises(ValidationError):
        parse_event({**pickup, "method": "telepathy"})
    with pytest.raises(ValidationError):
        parse_event({**pickup, "lines": [{"order_line_id": 1, "qty": 0}]})


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValidationError):
        parse_event({"kind": "teleport", "created_at": AT.isoformat()})


def test_naive_datetimes_are_refused_and_aware_ones_become_utc() -> None:
    data = sale_data()
    data["created_at"] = datetime(2026, 11, 25, 10, 30)
    with pytest.raises(ValidationError):
        SaleEvent(**data)
    data["created_at"] = datetime(2026, 11, 25, 10, 30, tzinfo=timezone(timedelta(hours=8)))
    sale = SaleEvent(**data)
    assert sale.created_at == AT
    assert sale.created_at.utcoffset() == timedelta(0)


def test_uuids_are_checked_and_canonical() -> None:
    data = sale_data()
    data["sale_uuid"] = "not-a-uuid-but-long-enough-to-pass-length-check"[:36]
    with pytest.raises(ValidationError):
        SaleEvent(**data)
    raw = uuid.uuid4()
    data["sale_uuid"] = raw
    assert SaleEvent(**data).sale_uuid == str(raw)
    data["sale_uuid"] = str(raw).upper()
    assert SaleEvent(**data).sale_uuid == str(raw)


def test_events_are_frozen() -> None:
    sale = SaleEvent(**sale_data())
    with pytest.raises(ValidationError):
        sale.total_fen = 1  # type: ignore[misc]


def test_envelope_refuses_kind_mismatch_and_bad_sequence() -> None:
    sale = SaleEvent(**sale_data())
    good = {
        "event_id": u(),
        "device_id": u(),
        "device_epoch": 1,
        "seq": 1,
        "kind": "sale",
        "schema_version": 1,
        "created_at": AT,
        "payload": sale,
    }
    EventEnvelope(**good)
    with pytest.raises(ValidationError, match="kind"):
        EventEnvelope(**{**good, "kind": "refund"})
    for field, bad in [("seq", 0), ("seq", 1.0), ("device_epoch", 0), ("schema_version", "1")]:
        with pytest.raises(ValidationError):
            EventEnvelope(**{**good, field: bad})
    with pytest.raises(ValidationError, match="extra"):
        EventEnvelope(**good, station_id=3)
