"""Hand-outs: re-checked inside their own transaction, never twice, one outbox event each."""

from __future__ import annotations

import threading

import pytest
from conftest import CANCELLED, COLLECTED, NOT_ARRIVED, READY, READY_SAME_TAIL, REFUNDED, World
from sqlalchemy import select

from app.errors import PermissionDenied
from app.pickups import PickupRefused, VerdictState, bag_label_text
from local_db.models import AuditLog, Outbox, Pickup, PickupLine
from sync.protocol import parse_event


def test_hand_out_everything(world: World) -> None:
    verdict = world.service.verify(world.qr(READY))
    result = world.service.hand_out(verdict.order_id, actor=world.leader, method=verdict.method)
    assert result.fulfilment == "collected" and result.items == 4 and result.remaining == 0
    assert result.customer == "张**"
    assert result.undo_until == world.clock.now() + world.service.undo_window
    assert world.order(READY) == ("collected", [2, 1, 1])
    assert world.service.verify(world.qr(READY)).state is VerdictState.ALREADY_PICKED
    with world.db.read() as uow:
        pickup = uow.session.get(Pickup, result.pickup_id)
        assert pickup is not None
        assert (pickup.kind, pickup.method, pickup.staff_id) == (
            "pickup",
            "qr",
            world.leader.staff_id,
        )
        assert sorted(line.qty for line in pickup.lines) == [1, 1, 2]
        (row,) = uow.session.scalars(select(Outbox)).all()
        event = parse_event(row.payload)
        assert event.kind == "pickup" and row.event_id == result.event_id
        assert event.pickup_uuid == pickup.uuid and event.order_id == READY
        assert event.staff_uuid == world.leader.uuid
        assert sorted((line.order_line_id, line.qty) for line in event.lines) == sorted(
            zip(world.line_ids[READY], [2, 1, 1], strict=True)
        )
        (audit,) = uow.session.scalars(select(AuditLog)).all()
        assert audit.action == "pickup" and audit.entity_id == pickup.uuid
        assert "张小明" not in str(audit.after)


def test_partial_then_the_rest(world: World) -> None:
    milk, rice, dumplings = world.line_ids[READY]
    first = world.service.hand_out(READY, {milk: 1, rice: 1}, actor=world.leader, method="code")
    assert first.fulfilment == "partial" and first.items == 2 and first.remaining == 2
    assert world.order(READY) == ("partial", [1, 1, 0])
    verdict = world.service.verify("10000001")
    assert verdict.state is VerdictState.PARTLY_PICKED and verdict.can_hand_out
    assert [line.to_hand_out for line in verdict.lines] == [1, 0, 1]
    assert verdict.items_to_hand_out == 2
    assert "张团长" in verdict.detail.zh and len(verdict.pickups) == 1
    rest = world.service.hand_out(READY, actor=world.clerk, method="code")
    assert rest.fulfilment == "collected"
    assert sorted((h.order_line_id, h.qty) for h in rest.lines) == [(milk, 1), (dumplings, 1)]
    assert world.order(READY) == ("collected", [2, 1, 1])
    assert world.outbox_kinds() == ["pickup", "pickup"]


def test_double_scan_never_hands_out_twice(world: World) -> None:
    world.service.hand_out(READY, actor=world.leader, method="qr")
    with pytest.raises(PickupRefused) as refused:
        world.service.hand_out(READY, actor=world.leader, method="qr")
    assert refused.value.reason == "already_picked"
    assert "没有交货" in refused.value.message.zh
    milk = world.line_ids[READY][0]
    with pytest.raises(PickupRefused):
        world.service.hand_out(READY, {milk: 1}, actor=world.leader, method="qr")
    assert world.order(READY) == ("collected", [2, 1, 1])
    assert world.count(Pickup) == 2  # yesterday's + this one
    assert world.outbox_kinds() == ["pickup"]


def test_more_than_is_left_is_refused(world: World) -> None:
    milk = world.line_ids[READY][0]
    with pytest.raises(PickupRefused) as refused:
        world.service.hand_out(READY, {milk: 3}, actor=world.leader, method="qr")
    assert refused.value.reason == "too_many"
    assert "只剩 2 件" in refused.value.message.zh
    with pytest.raises(PickupRefused):
        world.service.hand_out(READY, {world.line_ids[READY_SAME_TAIL][0]: 1}, actor=world.leader)
    with pytest.raises(PickupRefused):
        world.service.hand_out(READY, {milk: 0}, actor=world.leader)
    with pytest.raises(ValueError):
        world.service.hand_out(READY, {milk: -1}, actor=world.leader)
    assert world.order(READY) == ("ready", [0, 0, 0])
    assert world.outbox_kinds() == []


def test_two_tills_at_once_hand_out_once(world: World) -> None:
    results: list[object] = []

    def attempt() -> None:
        try:
            results.append(world.service.hand_out(READY, actor=world.leader, method="qr"))
        except PickupRefused as exc:
            results.append(exc)

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(not isinstance(r, PickupRefused) for r in results) == 1
    assert world.order(READY) == ("collected", [2, 1, 1])
    assert world.outbox_kinds() == ["pickup"]


@pytest.mark.parametrize(
    ("cloud_state", "withdrawn", "reason"),
    [
        ("cancelled", False, "cancelled"),
        ("refunded", False, "refunded"),
        ("active", True, "withdrawn"),
    ],
)
def test_order_changed_by_sync_between_verdict_and_hand_out(
    world: World, cloud_state: str, withdrawn: bool, reason: str
) -> None:
    verdict = world.service.verify(world.qr(READY))
    assert verdict.can_hand_out
    world.set_order(READY, cloud_state=cloud_state, withdrawn=withdrawn)  # a pull, meanwhile
    pickups_before = world.count(Pickup)
    with pytest.raises(PickupRefused) as refused:
        world.service.hand_out(verdict.order_id, actor=world.leader, method="qr")
    assert refused.value.reason == reason
    assert "没有交货" in refused.value.message.zh
    assert world.count(Pickup) == pickups_before
    assert world.count(PickupLine) == 1  # yesterday's only
    assert world.count(Outbox) == 0
    assert world.count(AuditLog) == 0
    assert world.order(READY) == ("ready", [0, 0, 0])


@pytest.mark.parametrize("order_id", [CANCELLED, REFUNDED, NOT_ARRIVED, COLLECTED, 424242])
def test_orders_that_cannot_go_out(world: World, order_id: int) -> None:
    with pytest.raises(PickupRefused):
        world.service.hand_out(order_id, actor=world.leader)
    assert world.count(Outbox) == 0


def test_wrong_bag_is_refused_right_bag_accepted(world: World) -> None:
    wrong = bag_label_text(world.bag[READY_SAME_TAIL])
    with pytest.raises(PickupRefused) as refused:
        world.service.hand_out(READY, actor=world.leader, method="qr", bag_id_scanned=wrong)
    assert refused.value.reason == "wrong_bag"
    assert "袋子拿错了" in refused.value.message.zh
    assert "李*" in refused.value.message.zh and "B-01" in refused.value.message.zh
    assert "A-03" in refused.value.message.zh  # where the right bag is
    with pytest.raises(PickupRefused) as refused:
        world.service.hand_out(READY, actor=world.leader, bag_id_scanned="BAG:nonsense")
    assert refused.value.reason == "not_a_bag_label"
    with pytest.raises(PickupRefused) as refused:
        world.service.hand_out(
            READY, actor=world.leader, bag_id_scanned="BAG:3F2504E0-4F89-41D3-9A0C-0305E82C3301"
        )
    assert refused.value.reason == "wrong_bag"
    assert world.count(Outbox) == 0 and world.order(READY) == ("ready", [0, 0, 0])

    right = bag_label_text(world.bag[READY])
    result = world.service.hand_out(READY, actor=world.leader, method="qr", bag_id_scanned=right)
    assert result.bag_confirmed
    with world.db.read() as uow:
        (row,) = uow.session.scalars(select(Outbox)).all()
        assert row.payload["bag_confirmed"] is True
        assert uow.session.get(Pickup, result.pickup_id).bag_confirmed  # type: ignore[union-attr]


def test_bare_bag_id_from_the_screen_is_accepted(world: World) -> None:
    result = world.service.hand_out(
        READY_SAME_TAIL, actor=world.leader, bag_id_scanned=world.bag[READY_SAME_TAIL]
    )
    assert result.bag_confirmed


def test_proxy_pickup_note(world: World) -> None:
    result = world.service.hand_out(
        READY, actor=world.leader, method="phone", proxy_note="  邻居王阿姨代取（302室）  "
    )
    assert result.proxy_note == "邻居王阿姨代取（302室）"
    with world.db.read() as uow:
        pickup = uow.session.get(Pickup, result.pickup_id)
        assert pickup is not None and pickup.proxy_note == "邻居王阿姨代取（302室）"
        (row,) = uow.session.scalars(select(Outbox)).all()
        assert row.payload["proxy_note"] == "邻居王阿姨代取（302室）"
        assert row.payload["method"] == "phone"
    verdict = world.service.verify(world.qr(READY))
    assert "代取" in verdict.detail.zh
    with pytest.raises(PickupRefused):
        world.service.hand_out(READY_SAME_TAIL, actor=world.leader, proxy_note="x" * 201)


def test_who_may_hand_out(world: World) -> None:
    with pytest.raises(PermissionDenied):
        world.service.hand_out(READY, actor=world.nobody)
    assert world.count(Outbox) == 0
    world.service.hand_out(READY, actor=world.clerk)
    world.service.hand_out(READY_SAME_TAIL, actor=world.owner)
    assert world.outbox_kinds() == ["pickup", "pickup"]


def test_unknown_method_is_a_programming_error(world: World) -> None:
    with pytest.raises(ValueError):
        world.service.hand_out(READY, actor=world.leader, method="telepathy")


def test_batch_hands_out_each_and_reports_the_rest(world: World) -> None:
    items = world.service.batch(
        [
            world.qr(READY),
            "10000002",
            world.qr(CANCELLED),
            "10000001",  # READY again, in the same batch
            "4321",  # a phone ending needs a person
            "rubbish",
        ],
        actor=world.leader,
        proxy_note="楼上小王代取",
    )
    assert [item.ok for item in items] == [True, True, False, False, False, False]
    assert items[0].result is not None and items[0].result.fulfilment == "collected"
    assert items[1].result is not None and items[1].result.proxy_note == "楼上小王代取"
    assert items[2].verdict.state is VerdictState.CANCELLED and items[2].error is not None
    assert items[3].error is not None
    assert items[4].verdict.state is VerdictState.CHOICE
    assert items[5].verdict.state is VerdictState.NOT_A_PICKUP_CODE
    assert world.outbox_kinds() == ["pickup", "pickup"]


def test_batch_goes_on_after_a_refusal(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    real = world.service.hand_out

    def flaky(order_id: int, *args: object, **kwargs: object) -> object:
        if order_id == READY:
            world.set_order(READY, cloud_state="refunded")  # a pull just refunded it
        return real(order_id, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(world.service, "hand_out", flaky)
    items = world.service.batch([world.qr(READY), world.qr(READY_SAME_TAIL)], actor=world.leader)
    assert [item.ok for item in items] == [False, True]
    assert items[0].error is not None and "退款" in items[0].error.zh
    assert world.outbox_kinds() == ["pickup"]
