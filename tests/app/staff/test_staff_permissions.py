"""The role table: every action for every role, approvals, and the table in the docstring."""
from __future__ import annotations

import re

import pytest

import app.permissions as permissions
from app.actors import Actor
from app.errors import PermissionDenied
from app.permissions import ROLE_TABLE, UnknownAction, check, may, needs_approval

OWNER = Actor(1, "u1", "01", "王秀英", frozenset({"owner"}))
CLERK = Actor(2, "u2", "02", "李明", frozenset({"clerk"}))
LEADER = Actor(3, "u3", "03", "赵芳", frozenset({"leader"}))
OWNER2 = Actor(4, "u4", "04", "王二", frozenset({"owner"}))
BY_ROLE = {"owner": OWNER, "clerk": CLERK, "leader": LEADER}

# Written out independently of the module: (alone, with the owner's approval) per role.
A, ASK, NO = "alone", "ask", "no"
EXPECTED = {
    "sale.checkout": {"owner": A, "clerk": A, "leader": NO},
    "sale.hold": {"owner": A, "clerk": A, "leader": NO},
    "sale.discount": {"owner": A, "clerk": A, "leader": NO},
    "price.override": {"owner": A, "clerk": ASK, "leader": NO},
    "sale.void": {"owner": A, "clerk": ASK, "leader": NO},
    "sale.refund": {"owner": A, "clerk": ASK, "leader": NO},
    "till.open": {"owner": A, "clerk": A, "leader": NO},
    "till.cash_move": {"owner": A, "clerk": A, "leader": NO},
    "till.handover": {"owner": A, "clerk": A, "leader": NO},
    "till.close": {"owner": A, "clerk": ASK, "leader": NO},
    "stock.receive": {"owner": A, "clerk": A, "leader": NO},
    "stock.count": {"owner": A, "clerk": A, "leader": NO},
    "catalogue.edit": {"owner": A, "clerk": A, "leader": NO},
    "pickup.verify": {"owner": A, "clerk": A, "leader": A},
    "pickup.hand_out": {"owner": A, "clerk": A, "leader": A},
    "pickup.undo": {"owner": A, "clerk": A, "leader": A},
    "pickup.undo_late": {"owner": A, "clerk": ASK, "leader": ASK},
    "arrival.receive": {"owner": A, "clerk": NO, "leader": A},
    "arrival.sign_off": {"owner": A, "clerk": NO, "leader": A},
    "picking.print": {"owner": A, "clerk": A, "leader": A},
    "conflict.resolve": {"owner": A, "clerk": NO, "leader": A},
    "sync.run": {"owner": A, "clerk": A, "leader": A},
    "reports.view": {"owner": A, "clerk": ASK, "leader": ASK},
    "settings.change": {"owner": A, "clerk": ASK, "leader": ASK},
    "staff.manage": {"owner": A, "clerk": ASK, "leader": ASK},
    "backup.run": {"owner": A, "clerk": A, "leader": A},
    "backup.restore": {"owner": A, "clerk": ASK, "leader": ASK},
    "audit.view": {"owner": A, "clerk": ASK, "leader": ASK},
}
CASES = [(action, role, want) for action, row in EXPECTED.items() for role, want in row.items()]


def test_the_table_has_exactly_the_expected_actions():
    assert set(ROLE_TABLE) == set(EXPECTED)


@pytest.mark.parametrize(("action", "role", "want"), CASES)
def test_check_every_action_for_every_role(action, role, want):
    actor = BY_ROLE[role]
    if want == A:
        assert check(actor, action) is None
        assert may(actor, action) and not needs_approval(actor, action)
        return
    with pytest.raises(PermissionDenied):
        check(actor, action)
    assert not may(actor, action)
    if want == ASK:
        assert needs_approval(actor, action)
        assert check(actor, action, approver=OWNER) is OWNER
        with pytest.raises(PermissionDenied):  # a clerk or leader cannot approve
            check(actor, action, approver=LEADER if actor is CLERK else CLERK)
    else:
        assert not needs_approval(actor, action)
        with pytest.raises(PermissionDenied):  # not even the owner's approval helps
            check(actor, action, approver=OWNER)


def test_the_headline_rules():
    for action in ("sale.refund", "till.close", "staff.manage"):
        with pytest.raises(PermissionDenied) as info:
            check(CLERK, action)
        assert "需要店主批准" in info.value.message.zh
    with pytest.raises(PermissionDenied) as info:
        check(LEADER, "sale.checkout")
    assert "赵芳" in info.value.message.zh and "收银结账" in info.value.message.zh


def test_roles_add_up_for_a_person_with_several():
    both = Actor(5, "u5", "05", "两头忙", frozenset({"clerk", "leader"}))
    assert may(both, "sale.checkout") and may(both, "arrival.receive")
    assert needs_approval(both, "sale.refund")


def test_an_owner_needs_nobody_and_cannot_approve_for_themselves_as_a_clerk():
    assert check(OWNER, "sale.refund", approver=OWNER2) is None
    clerk_owner_twin = Actor(1, "u1", "01", "王秀英", frozenset({"clerk"}))
    with pytest.raises(PermissionDenied):
        check(clerk_owner_twin, "sale.refund", approver=Actor(1, "u1", "01", "王秀英", frozenset({"owner"})))


def test_an_unknown_action_is_a_programming_error():
    with pytest.raises(UnknownAction):
        check(OWNER, "sale.refnud")


def test_the_docstring_table_says_what_the_code_does():
    rows = {}
    for line in (permissions.__doc__ or "").splitlines():
        match = re.match(r"\s{4}([a-z_]+\.[a-z_]+)\s{2,}(.+?)\s{2,}(.+?)\s{2,}", line)
        if match:
            action, alone, ask = match.groups()
            rows[action] = (frozenset(alone.split()), frozenset(ask.replace("-", "").split()))
    assert rows == {action: (r.alone, r.ask) for action, r in ROLE_TABLE.items()}
