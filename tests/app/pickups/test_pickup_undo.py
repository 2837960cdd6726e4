"""Undo: a new row pointing at the hand-out, inside the window, once."""

from __future__ import annotations

import pytest
from conftest import READY, World
from sqlalchemy import select

from app.errors import PermissionDenied
from app.pickups import PickupRefused, VerdictState
from local_db.models import AuditLog, Outbox, Pickup
from sync.protocol import parse_event


def test_undo_inside_the_window(world: World) -> None:
    handed = world.service.hand_out(READY, actor=world.leader, method="qr")
    world.clock.advance(minutes=9)
    undone = world.service.undo(handed.pickup_id, actor=world.leader, reason="拿错袋子")
    assert undone.fulfilment == "ready" and undone.approver_id is None
    assert world.order(READY) == ("ready", [0, 0, 0])
    assert world.service.verify(world.qr(READY)).state is VerdictState.READY
    with world.db.read() as uow:
        row = uow.session.get(Pickup, undone.undo_id)
        assert row is not None and row.kind == "undo" and row.undoes_id == handed.pickup_id
        assert sorted(line.qty for line in row.lines) == [1, 1, 2]
        assert uow.session.get(Pickup, handed.pickup_id) is not None  # never deleted
        events = [
            parse_event(r.payload) for r in uow.session.scalars(select(Outbox).order_by(Outbox.seq))
        ]
        assert [e.kind for e in events] == ["pickup", "pickup_undo"]
        undo_event = events[1]
        assert undo_event.pickup_uuid == handed.pickup_uuid and undo_event.reason == "拿错袋子"
        assert undo_event.undo_uuid == undone.undo_uuid
        actions = list(uow.session.scalars(select(AuditLog.action).order_by(AuditLog.id)))
        assert actions == ["pickup", "pickup_undo"]
    records = world.service.todays_pickups()
    assert [r.pickup_id for r in records] == [handed.pickup_id] and records[0].undone


def test_undo_of_a_partial_hand_out_leaves_the_earlier_one(world: World) -> None:
    milk = world.line_ids[READY][0]
    first = world.service.hand_out(READY, {milk: 1}, actor=world.leader)
    second = world.service.hand_out(READY, actor=world.leader)
    assert second.fulfilment == "collected"
    undone = world.service.undo(second.pickup_id, actor=world.clerk, reason="顾客退回")
    assert undone.fulfilment == "partial"
    assert world.order(READY) == ("partial", [1, 0, 0])
    verdict = world.service.verify(world.qr(READY))
    assert verdict.state is VerdictState.PARTLY_PICKED
    assert [
        p.undone for p in verdict.pickups if p.pickup_id in (first.pickup_id, second.pickup_id)
    ] == [False, True]


def test_undo_outside_the_window_needs_the_owner(world: World) -> None:
    handed = world.service.hand_out(READY, actor=world.leader)
    world.clock.advance(minutes=10, seconds=1)
    with pytest.raises(PickupRefused) as refused:
        world.service.undo(handed.pickup_id, actor=world.leader, reason="拿错袋子")
    assert refused.value.reason == "window_closed"
    assert "10 分钟" in refused.value.message.zh
    with pytest.raises(PickupRefused):  # a clerk as "approver" is no owner
        world.service.undo(handed.pickup_id, actor=world.leader, reason="x", approver=world.clerk)
    assert world.outbox_kinds() == ["pickup"]
    assert world.order(READY) == ("collected", [2, 1, 1])

    undone = world.service.undo(
        handed.pickup_id, actor=world.leader, reason="拿错袋子", approver=world.owner
    )
    assert undone.approver_id == world.owner.staff_id
    with world.db.read() as uow:
        row = uow.session.scalars(select(Outbox).where(Outbox.kind == "pickup_undo")).one()
        assert row.payload["approver_uuid"] == world.owner.uuid
        audit = uow.session.scalars(select(AuditLog).where(AuditLog.action == "pickup_undo")).one()
        assert audit.approver_id == world.owner.staff_id


def test_owner_may_undo_late_by_themself(world: World) -> None:
    handed = world.service.hand_out(READY, actor=world.leader)
    world.clock.advance(hours=3)
    undone = world.service.undo(handed.pickup_id, actor=world.owner, reason="顾客送回")
    assert undone.approver_id == world.owner.staff_id


def test_window_follows_the_setting(world: World) -> None:
    world.settings.pickup_undo_minutes = 2
    handed = world.service.hand_out(READY, actor=world.leader)
    world.clock.advance(minutes=3)
    with pytest.raises(PickupRefused):
        world.service.undo(handed.pickup_id, actor=world.leader, reason="x")


def test_undo_twice_is_refused(world: World) -> None:
    handed = world.service.hand_out(READY, actor=world.leader)
    undone = world.service.undo(handed.pickup_id, actor=world.leader, reason="拿错袋子")
    with pytest.raises(PickupRefused) as refused:
        world.service.undo(handed.pickup_id, actor=world.leader, reason="拿错袋子")
    assert refused.value.reason == "already_undone"
    with pytest.raises(PickupRefused) as refused:
        world.service.undo(undone.undo_id, actor=world.leader, reason="撤销撤销")
    assert refused.value.reason == "not_a_pickup"
    assert world.outbox_kinds() == ["pickup", "pickup_undo"]
    assert world.order(READY) == ("ready", [0, 0, 0])


def test_undo_needs_a_reason_and_a_role(world: World) -> None:
    handed = world.service.hand_out(READY, actor=world.leader)
    with pytest.raises(PickupRefused):
        world.service.undo(handed.pickup_id, actor=world.leader, reason="   ")
    with pytest.raises(PermissionDenied):
        world.service.undo(handed.pickup_id, actor=world.nobody, reason="拿错袋子")
    with pytest.raises(PickupRefused):
        world.service.undo(123456, actor=world.leader, reason="拿错袋子")
    assert world.outbox_kinds() == ["pickup"]


def test_hand_out_again_after_an_undo(world: World) -> None:
    handed = world.service.hand_out(READY, actor=world.leader)
    world.service.undo(handed.pickup_id, actor=world.leader, reason="拿错袋子")
    again = world.service.hand_out(READY, actor=world.leader)
    assert again.fulfilment == "collected"
    assert world.outbox_kinds() == ["pickup", "pickup_undo", "pickup"]
