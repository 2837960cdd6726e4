"""The owner approves on a clerk's screen with their PIN: the clerk stays signed in, the
owner's Actor goes to the service as `approver`, and the approval is in the audit log."""
from __future__ import annotations

import pytest

from app.errors import PermissionDenied, UserFacingError
from app.permissions import UnknownAction, check
from app.staff import MAX_TRIES, SignInRefused
from tests.app.staff.conftest import PINS


def test_owner_approves_a_refund_for_the_clerk(shop):
    approver = shop.staff.approve("01", PINS["01"], "sale.refund", for_actor=shop.clerk)
    assert approver.staff_no == "01" and approver.is_owner
    assert check(shop.clerk, "sale.refund", approver=approver) == approver
    entry = shop.audit("approval")[-1]
    assert entry.staff_id == shop.clerk.staff_id  # who asked
    assert entry.approver_id == shop.owner.staff_id  # who approved
    assert entry.after == {"action": "sale.refund"}
    assert shop.audit("sign_in") == []  # nobody switched user


def test_full_width_pin_approves(shop):
    assert shop.staff.approve("01", "４８２６", "till.close", for_actor=shop.clerk).is_owner


def test_a_clerk_cannot_approve(shop):
    with pytest.raises(UserFacingError) as info:
        shop.staff.approve("02", PINS["02"], "sale.refund", for_actor=shop.leader)
    assert info.value.code == "not_an_approver"
    entry = shop.audit("approval_refused")[-1]
    assert entry.approver_id == shop.clerk.staff_id and entry.after == {"action": "sale.refund"}
    assert shop.audit("approval") == []


def test_a_wrong_owner_pin_is_refused_audited_and_counts_towards_the_lock(shop):
    with pytest.raises(SignInRefused) as info:
        shop.staff.approve("01", "9999", "sale.void", for_actor=shop.clerk)
    assert info.value.code == "wrong_pin"
    entry = shop.audit("approval_failed")[-1]
    assert entry.staff_id == shop.clerk.staff_id and entry.approver_id == shop.owner.staff_id
    for _ in range(MAX_TRIES - 2):
        with pytest.raises(SignInRefused):
            shop.staff.approve("01", "9999", "sale.void", for_actor=shop.clerk)
    with pytest.raises(SignInRefused) as info:
        shop.staff.sign_in(staff_no="01", pin="9999")
    assert info.value.code == "locked"  # approvals and sign-ins share one count


def test_an_unknown_action_is_refused_before_the_pin_is_checked(shop):
    with pytest.raises(UnknownAction):
        shop.staff.approve("01", PINS["01"], "sale.refnud", for_actor=shop.clerk)
    assert shop.audit("approval") == [] and shop.audit("approval_failed") == []


def test_the_approvers_list_holds_owners_with_a_pin(shop):
    assert [a.staff_no for a in shop.staff.approvers("sale.refund")] == ["01"]


def test_a_forged_approver_that_is_not_an_owner_is_refused_by_check(shop):
    with pytest.raises(PermissionDenied):
        check(shop.clerk, "sale.refund", approver=shop.leader)
