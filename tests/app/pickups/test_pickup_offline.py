"""The whole pickup flow works with no network at all."""

from __future__ import annotations

import socket

import pytest
from conftest import READY, World

from app.pickups import VerdictState


def test_everything_works_with_networking_disabled(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    qr = world.qr(READY)  # made before the network goes away

    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    verdict = world.service.verify(qr)
    assert verdict.state is VerdictState.READY
    assert world.service.verify("1234").state is VerdictState.CHOICE
    handed = world.service.hand_out(READY, actor=world.leader, method="qr")
    world.service.undo(handed.pickup_id, actor=world.leader, reason="拿错袋子")
    world.service.hand_out(READY, actor=world.leader, method="qr")
    assert world.service.todays_pickups()
    assert world.service.reminder_text(world.service.waiting_orders())
    assert world.outbox_kinds() == ["pickup", "pickup_undo", "pickup"]
