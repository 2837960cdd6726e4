"""The sync API in-process (FastAPI's TestClient): enrolment, push rules, pull paging and
resets, isolation between stations, versions and malformed bodies."""
from __future__ import annotations

import base64

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from cloud.changes import bump_epoch
from cloud.db import Database
from cloud.models import CloudConflict, EventLedger, GroupOrderLine, SeriesGap
from cloud.orders import cancel_order, refund_order
from cloud.platform import withdraw_campaign
from sync.pickup_code import DEMO_KEY_ID, demo_private_key, public_key_bytes
from sync.protocol import PROTOCOL_VERSION
from sync.protocol import messages as m
from tests.cloud.cloud_helpers import (
    V,
    enrol,
    make_campaign,
    make_station,
    order_lines,
    pickup_event,
    sale_event,
    simulate,
)


def ledger_count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(EventLedger)) or 0)


# --- enrolment -------------------------------------------------------------------------------


def test_enrol_gives_a_token_once_per_code(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001", "幸福里店")
    device = enrol(client, st.enrol_code)
    assert device.info["station_id"] == st.id
    assert device.info["station_code"] == "ST1001"
    assert device.info["station_name"] == "幸福里店"
    assert device.info["protocol_version"] == PROTOCOL_VERSION
    keys = {k["key_id"]: base64.b64decode(k["public_key"]) for k in device.info["platform_keys"]}
    assert keys[DEMO_KEY_ID] == public_key_bytes(demo_private_key())

    again = client.post("/v1/enrol", json={"enrol_code": st.enrol_code, "device_name": "x"}, headers=V)
    assert again.status_code == 403
    assert again.json()["error"] == m.ERROR_BAD_ENROL_CODE

    wrong = client.post("/v1/enrol", json={"enrol_code": "AAAA-BBBB-CCCC", "device_name": "x"}, headers=V)
    assert wrong.status_code == 403

    # The code is typed by hand: case and dashes don't matter.
    st2 = make_station(db, "ST1002")
    loose = st2.enrol_code.lower().replace("-", " ")
    assert client.post("/v1/enrol", json={"enrol_code": loose, "device_name": "x"}, headers=V).status_code == 200


def test_reenrolling_a_station_makes_a_new_device(client: TestClient, db: Database) -> None:
    from cloud.auth import new_enrol_code

    st = make_station(db, "ST1001")
    old = enrol(client, st.enrol_code)
    with db.write() as s:
        code = new_enrol_code(s, st.id)
    new = enrol(client, code, "新电脑")
    assert new.station_id == old.station_id
    assert new.device_id != old.device_id and new.token != old.token
    assert old.pull()["reset"] is True  # both devices still work
    assert new.pull()["reset"] is True


def test_bad_or_missing_token_is_401(client: TestClient, db: Database) -> None:
    for headers in (V, {**V, "Authorization": "Bearer nope"}, {**V, "Authorization": "Basic abc"}):
        response = client.get("/v1/pull", headers=headers)
        assert response.status_code == 401
        assert response.json()["error"] == m.ERROR_UNAUTHORIZED
        assert response.headers["www-authenticate"] == "Bearer"


# --- push ------------------------------------------------------------------------------------


def test_same_batch_twice_is_applied_once(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    make_campaign(db)
    [order_id] = simulate(db, "ST1001", 1)
    device = enrol(client, st.enrol_code)
    lines = order_lines(db, order_id)
    batch = [
        device.envelope(sale_event()),
        device.envelope(sale_event()),  # another sale of the same item: both count
        device.envelope(pickup_event(order_id, [(lines[0][0], 1)])),
    ]
    first = device.push(batch)
    assert [r["status"] for r in first["results"]] == ["applied"] * 3
    assert first["last_seq"] == 3 and first["expected_seq"] is None

    second = device.push(batch)  # the answer was lost; the station sends the batch again
    assert [r["status"] for r in second["results"]] == ["duplicate"] * 3
    assert [r["first_status"] for r in second["results"]] == ["applied"] * 3
    assert ledger_count(db) == 3
    with db.read() as s:
        picked = s.get(GroupOrderLine, lines[0][0])
        assert picked is not None and picked.qty_picked == 1
        from cloud.reports import station_totals

        totals = station_totals(s, st.id)
    assert totals["by_kind"]["sale"] == {"count": 2, "amount_fen": 800}
    assert totals["items"]["农夫山泉 550ml"]["qty"] == 4
    assert totals["pickups"] == 1


def test_duplicate_answers_carry_the_first_result(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    device = enrol(client, st.enrol_code)
    bad = device.envelope(pickup_event(999_999, [(1, 1)]))
    first = device.push([bad])["results"][0]
    assert first["status"] == "rejected" and first["reason"] == m.REASON_UNKNOWN_ORDER
    again = device.push([bad])["results"][0]
    assert again["status"] == "duplicate"
    assert again["first_status"] == "rejected"
    assert again["reason"] == first["reason"] and again["detail"] == first["detail"]


def test_sequence_gap_stops_and_names_the_expected_seq(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    device = enrol(client, st.enrol_code)
    one = device.envelope(sale_event())
    device.seq = 3  # seq 2 and 3 went missing on the way
    four, five = device.envelope(sale_event()), device.envelope(sale_event())
    answer = device.push([one, four, five])
    assert [r["event_id"] for r in answer["results"]] == [one["event_id"]]
    assert answer["expected_seq"] == 2 and answer["last_seq"] == 1
    assert ledger_count(db) == 1

    two, three = device.envelope(sale_event(), seq=2), device.envelope(sale_event(), seq=3)
    answer = device.push([two, three, four, five])
    assert [r["status"] for r in answer["results"]] == ["applied"] * 4
    assert answer["expected_seq"] is None and answer["last_seq"] == 5


def test_skip_to_seq_records_a_gap_the_device_cannot_fill(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    device = enrol(client, st.enrol_code)
    device.seq = 40  # events 1-40 were purged from the outbox after the retention period
    late = device.envelope(sale_event())
    assert device.push([late])["expected_seq"] == 1
    answer = device.push([late], skip_to_seq=41)
    assert answer["results"][0]["status"] == "applied" and answer["last_seq"] == 41
    with db.read() as s:
        gap = s.scalars(select(SeriesGap)).one()
        assert (gap.from_seq, gap.to_seq) == (1, 41)


def test_new_device_epoch_starts_a_new_series(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    device = enrol(client, st.enrol_code)
    sent = [device.envelope(sale_event()) for _ in range(5)]
    assert device.push(sent)["last_seq"] == 5
    # A backup from after seq 3 is restored: the device starts epoch 2 at seq 1. Its restored
    # unsent events of epoch 1 (4 and 5) go first and are recognised by their ids.
    assert [r["status"] for r in device.push(sent[3:])["results"]] == ["duplicate"] * 2
    device.epoch, device.seq = 2, 0
    fresh = [device.envelope(sale_event()) for _ in range(2)]
    answer = device.push(fresh)
    assert [r["status"] for r in answer["results"]] == ["applied"] * 2
    assert answer["last_seq"] == 2
    # An event id is an event id, whatever epoch it comes back under.
    replay = dict(sent[0], device_epoch=2, seq=3)
    assert device.push([replay])["results"][0]["status"] == "duplicate"


def test_pickup_of_an_order_refunded_in_the_cloud_is_a_conflict(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    make_campaign(db)
    order_a, order_b = simulate(db, "ST1001", 2)
    device = enrol(client, st.enrol_code)
    with db.write() as s:
        refund_order(s, order_a, "商品售罄")
        cancel_order(s, order_b)
    answer = device.push(
        [
            device.envelope(pickup_event(order_a, order_lines(db, order_a)[:1])),
            device.envelope(pickup_event(order_b, order_lines(db, order_b)[:1])),
        ]
    )
    results = answer["results"]
    assert [r["status"] for r in results] == ["conflict", "conflict"]
    assert [r["reason"] for r in results] == [m.REASON_ORDER_REFUNDED, m.REASON_ORDER_CANCELLED]
    with db.read() as s:
        conflicts = s.scalars(select(CloudConflict).order_by(CloudConflict.id)).all()
        assert [(c.order_id, c.reason) for c in conflicts] == [
            (order_a, m.REASON_ORDER_REFUNDED),
            (order_b, m.REASON_ORDER_CANCELLED),
        ]
        assert all(line.qty_picked == 0 for line in s.scalars(select(GroupOrderLine)))


def test_pickup_rules_partial_over_and_undo(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    make_campaign(db)
    [order_id] = simulate(db, "ST1001", 1)
    device = enrol(client, st.enrol_code)
    (line_id, ordered), *_ = order_lines(db, order_id)
    first = pickup_event(order_id, [(line_id, ordered)])
    over = pickup_event(order_id, [(line_id, 1)])
    wrong_line = pickup_event(order_id, [(987654, 1)])
    undo = {
        "kind": "pickup_undo",
        "created_at": first["created_at"],
        "undo_uuid": "6f1c3c1e-0000-4000-8000-000000000001",
        "pickup_uuid": first["pickup_uuid"],
        "order_id": order_id,
        "lines": first["lines"],
        "reason": "拿错了袋子",
        "staff_uuid": first["staff_uuid"],
    }
    results = device.push([device.envelope(e) for e in (first, over, wrong_line, undo, undo | {"undo_uuid": "6f1c3c1e-0000-4000-8000-000000000002"})])["results"]
    assert [(r["status"], r["reason"]) for r in results] == [
        ("applied", None),
        ("conflict", m.REASON_OVER_PICKUP),
        ("rejected", m.REASON_UNKNOWN_LINE),
        ("applied", None),
        ("rejected", m.REASON_ALREADY_UNDONE),
    ]
    with db.read() as s:
        assert s.get_one(GroupOrderLine, line_id).qty_picked == 0


def test_a_station_cannot_touch_another_stations_orders(client: TestClient, db: Database) -> None:
    a, b = make_station(db, "ST1001"), make_station(db, "ST2002")
    make_campaign(db)
    simulate(db, "ST1001", 3, seed=1)
    b_orders = simulate(db, "ST2002", 3, seed=2)
    dev_a = enrol(client, a.enrol_code)
    dev_b = enrol(client, b.enrol_code)

    changes, _, _ = dev_a.pull_all()
    seen = {c["id"] for c in changes if c["type"] == "group_order.put"}
    assert len(seen) == 3 and not seen & set(b_orders)

    target = b_orders[0]
    answer = dev_a.push([dev_a.envelope(pickup_event(target, order_lines(db, target)[:1]))])
    assert answer["results"][0]["status"] == "rejected"
    assert answer["results"][0]["reason"] == m.REASON_UNKNOWN_ORDER  # same as no such order
    with db.read() as s:
        assert all(line.qty_picked == 0 for line in s.scalars(select(GroupOrderLine)))

    # A's token with B's device id is refused outright.
    body = dev_a.push_body([dev_a.envelope(sale_event())]) | {"device_id": dev_b.device_id}
    body["events"][0]["device_id"] = dev_b.device_id
    response = client.post("/v1/push", json=body, headers=dev_a.headers)
    assert response.status_code == 403 and response.json()["error"] == m.ERROR_DEVICE_MISMATCH

    # B cannot learn anything about A's event ids either.
    dev_a.seq = 1  # the refused push above used up nothing
    sale = dev_a.envelope(sale_event())
    assert dev_a.push([sale])["results"][0]["status"] == "applied"
    stolen = dict(sale, device_id=dev_b.device_id, seq=1)
    result = dev_b.push([stolen])["results"][0]
    assert result["status"] == "rejected" and result["reason"] == m.REASON_EVENT_ID_TAKEN


def test_arrival_allocations_and_claims(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    campaign_id, item_ids = make_campaign(db)
    [order_id] = simulate(db, "ST1001", 1)
    device = enrol(client, st.enrol_code)
    (line_id, ordered), *_ = order_lines(db, order_id)
    arrival = {
        "kind": "arrival",
        "created_at": "2026-11-25T02:30:00Z",
        "arrival_uuid": "a0000000-0000-4000-8000-000000000001",
        "campaign_id": campaign_id,
        "staff_uuid": "a0000000-0000-4000-8000-000000000002",
        "lines": [{"campaign_item_id": item_ids[0], "qty_expected": 10, "qty_received": 9, "qty_missing": 1}],
        "allocations": [{"order_line_id": line_id, "qty_short": 1}],
    }
    claim = {
        "kind": "shortage_claim",
        "created_at": "2026-11-25T02:31:00Z",
        "claim_uuid": "a0000000-0000-4000-8000-000000000003",
        "arrival_uuid": arrival["arrival_uuid"],
        "campaign_item_id": item_ids[0],
        "claim_kind": "short",
        "qty": 1,
        "staff_uuid": arrival["staff_uuid"],
    }
    results = device.push([device.envelope(arrival), device.envelope(claim)])["results"]
    assert [r["status"] for r in results] == ["applied", "applied"]
    with db.read() as s:
        from cloud.reports import list_claims

        assert s.get_one(GroupOrderLine, line_id).qty_short == min(1, ordered)
        assert [c["qty"] for c in list_claims(s, st.id)] == [1]


# --- pull ------------------------------------------------------------------------------------


def test_pull_pages_and_resumes_from_the_cursor(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    make_campaign(db)
    orders = simulate(db, "ST1001", 12)
    device = enrol(client, st.enrol_code)

    first = device.pull(limit=5)
    assert first["reset"] is True and first["has_more"] is True and len(first["changes"]) == 5
    changes, cursor, pages = device.pull_all(first["cursor"], limit=5)
    everything = first["changes"] + changes
    kinds = [c["type"] for c in everything]
    # key, campaign, 8 items, 12 orders; every row after the rows it refers to
    assert kinds.count("platform_key.put") == 1
    assert kinds.count("campaign.put") == 1
    assert kinds.count("campaign_item.put") == 8
    assert [c["id"] for c in everything if c["type"] == "group_order.put"] == orders
    assert kinds.index("campaign.put") < kinds.index("campaign_item.put") < kinds.index("group_order.put")
    assert pages[-1]["snapshot_end"] is True and not any(p["reset"] for p in pages)
    order = next(c for c in everything if c["type"] == "group_order.put")
    assert len(order["phone_tail"]) == 4 and len(order["pickup_code"]) == 8
    assert 1 <= len(order["lines"]) <= 4

    # Nothing new: an empty page with the same position.
    idle = device.pull(cursor)
    assert idle["changes"] == [] and idle["has_more"] is False and idle["reset"] is False

    # New orders and a cancellation arrive after the cursor, in order.
    more = simulate(db, "ST1001", 2, seed=99)
    with db.write() as s:
        cancel_order(s, orders[0])
    page = device.pull(cursor)
    assert [c["type"] for c in page["changes"]] == ["group_order.put", "group_order.put", "order_state.put"]
    assert [c.get("id") for c in page["changes"][:2]] == more
    assert page["changes"][2] == page["changes"][2] | {"order_id": orders[0], "cloud_state": "cancelled"}
    # The same cursor again gives the same page (a crash before the station saved it).
    assert device.pull(cursor)["changes"] == page["changes"]


def test_withdrawn_campaign_is_a_tombstone(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    campaign_id, _ = make_campaign(db)
    device = enrol(client, st.enrol_code)
    _, cursor, _ = device.pull_all()
    with db.write() as s:
        withdraw_campaign(s, campaign_id)
    page = device.pull(cursor)
    assert page["changes"] == [{"type": "campaign.delete", "id": campaign_id}]
    snapshot, _, _ = enrol_again_and_pull(client, db, st.id)
    assert {"type": "campaign.delete", "id": campaign_id} in snapshot


def enrol_again_and_pull(client: TestClient, db: Database, station_id: int):  # type: ignore[no-untyped-def]
    from cloud.auth import new_enrol_code

    with db.write() as s:
        code = new_enrol_code(s, station_id)
    return enrol(client, code).pull_all()


def test_unknown_or_stale_cursor_resets_to_a_full_snapshot(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    make_campaign(db)
    orders = simulate(db, "ST1001", 3)
    device = enrol(client, st.enrol_code)
    _, cursor, _ = device.pull_all()

    for junk in ("garbage", "c1.!!!", "c1." + base64.urlsafe_b64encode(b"L.1.999.abcd").decode()):
        page = device.pull(junk)
        assert page["reset"] is True

    with db.write() as s:
        bump_epoch(s)  # the platform restored its database from a backup
    changes, new_cursor, pages = device.pull_all(cursor, limit=4)
    assert pages[0]["reset"] is True and pages[-1]["snapshot_end"] is True
    assert [c["id"] for c in changes if c["type"] == "group_order.put"] == orders
    assert new_cursor != cursor
    assert device.pull(new_cursor)["reset"] is False


def test_snapshot_during_changes_then_log_resumes(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    make_campaign(db)
    simulate(db, "ST1001", 4)
    device = enrol(client, st.enrol_code)
    first = device.pull(limit=3)
    late = simulate(db, "ST1001", 1, seed=5)  # placed while the snapshot is being paged
    changes, _, _ = device.pull_all(first["cursor"], limit=3)
    assert late[0] in {c["id"] for c in changes if c["type"] == "group_order.put"}


# --- versions and bad input ------------------------------------------------------------------


def test_previous_protocol_version_is_accepted(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    device = enrol(client, st.enrol_code)
    old = {"X-Protocol-Version": str(PROTOCOL_VERSION - 1), "Authorization": f"Bearer {device.token}"}
    assert client.get("/v1/pull", headers=old).status_code == 200
    body = device.push_body([device.envelope(sale_event())])
    body["protocol_version"] = PROTOCOL_VERSION - 1
    del body["schema_version"]  # version 0 had none
    response = client.post("/v1/push", json=body, headers=old)
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["status"] == "applied"


def test_newer_or_missing_protocol_version_is_refused_clearly(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    device = enrol(client, st.enrol_code)
    auth = {"Authorization": f"Bearer {device.token}"}
    newer = client.get("/v1/pull", headers={**auth, "X-Protocol-Version": str(PROTOCOL_VERSION + 1)})
    assert newer.status_code == 409
    body = newer.json()
    assert body["error"] == m.ERROR_UNSUPPORTED_VERSION
    assert body["supported_versions"] == sorted(m.SUPPORTED_PROTOCOL_VERSIONS)
    assert "upgraded" in body["message"]
    missing = client.get("/v1/pull", headers=auth)
    assert missing.status_code == 400 and missing.json()["error"] == m.ERROR_MISSING_VERSION
    # Header and body disagree.
    push = device.push_body([device.envelope(sale_event())]) | {"protocol_version": 0}
    mismatch = client.post("/v1/push", json=push, headers=device.headers)
    assert mismatch.status_code == 400 and mismatch.json()["error"] == m.ERROR_VERSION_MISMATCH
    # A newer event schema.
    push = device.push_body([device.envelope(sale_event())]) | {"schema_version": 99}
    schema = client.post("/v1/push", json=push, headers=device.headers)
    assert schema.status_code == 409 and schema.json()["error"] == m.ERROR_UNSUPPORTED_SCHEMA
    assert ledger_count(db) == 0
    assert newer.headers["x-protocol-version"] == str(PROTOCOL_VERSION)


def test_malformed_bodies_are_422_and_change_nothing(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    device = enrol(client, st.enrol_code)
    good = device.envelope(sale_event())
    float_money = dict(good, payload=dict(good["payload"], total_fen=400.0))
    extra = device.push_body([good]) | {"surprise": 1}
    cases = [
        b"{not json",
        b"[]",
        device.push_body([float_money]),
        extra,
        device.push_body([dict(good, kind="refund")]),  # envelope kind != payload kind
        device.push_body([good, good]),  # the same event twice in a batch
    ]
    for case in cases:
        if isinstance(case, bytes):
            response = client.post("/v1/push", content=case, headers={**device.headers, "Content-Type": "application/json"})
        else:
            response = client.post("/v1/push", json=case, headers=device.headers)
        assert response.status_code == 422, (case, response.text)
        assert response.json()["error"] == m.ERROR_INVALID
    bad_limit = client.get("/v1/pull", params={"limit": 0}, headers=device.headers)
    assert bad_limit.status_code == 422
    bad_enrol = client.post("/v1/enrol", json={"enrol_code": "x"}, headers=V)
    assert bad_enrol.status_code == 422
    assert ledger_count(db) == 0


def test_oversized_push_is_refused(client: TestClient, db: Database) -> None:
    st = make_station(db, "ST1001")
    device = enrol(client, st.enrol_code)
    too_many = [device.envelope(sale_event()) for _ in range(m.MAX_EVENTS_PER_PUSH + 1)]
    response = client.post("/v1/push", json=device.push_body(too_many), headers=device.headers)
    assert response.status_code == 422
    huge = b'{"events": "' + b"x" * (m.MAX_PUSH_BYTES + 10) + b'"}'
    response = client.post("/v1/push", content=huge, headers={**device.headers, "Content-Type": "application/json"})
    assert response.status_code == 413 and response.json()["error"] == m.ERROR_TOO_LARGE
    long_name = client.post("/v1/enrol", json={"enrol_code": "A" * 5000, "device_name": "x"}, headers=V)
    assert long_name.status_code == 422
    assert ledger_count(db) == 0


def test_health_needs_nothing(client: TestClient) -> None:
    body = client.get("/v1/health").json()
    assert body["status"] == "ok" and body["protocol_version"] == PROTOCOL_VERSION
    assert body["supported_protocol_versions"] == sorted(m.SUPPORTED_PROTOCOL_VERSIONS)
