"""Staff management (owner): add, roles, PIN reset, unlock, deactivate; all audited with
before and after, never a PIN or its hash; nobody deleted; an owner always remains."""
from __future__ import annotations

import json

import pytest

from app.errors import PermissionDenied, UserFacingError
from app.staff import MAX_TRIES, SignInRefused
from tests.app.staff.conftest import PINS


def test_owner_adds_staff_and_it_is_audited_without_the_pin(shop):
    member = shop.staff.add_staff(actor=shop.owner, staff_no="０４", name=" 孙  丽 ", roles=["clerk", "leader"],
                                  pin="730915")
    assert (member.staff_no, member.name, member.roles, member.has_pin) == (
        "04", "孙 丽", frozenset({"clerk", "leader"}), True)
    assert shop.staff.sign_in(staff_no="04", pin="730915").name == "孙 丽"
    entry = shop.audit("staff_add")[-1]
    assert entry.staff_id == shop.owner.staff_id and entry.approver_id is None
    assert entry.before is None
    assert entry.after == {"staff_no": "04", "name": "孙 丽", "roles": "clerk,leader", "active": True}
    text = json.dumps([e.after for e in shop.audit()] + [e.before for e in shop.audit()])
    assert "730915" not in text and "argon2" not in text


def test_clerk_needs_the_owner_to_manage_staff(shop):
    with pytest.raises(PermissionDenied):
        shop.staff.add_staff(actor=shop.clerk, staff_no="05", name="周", roles=["clerk"], pin="730915")
    approver = shop.staff.approve("01", PINS["01"], "staff.manage", for_actor=shop.clerk)
    shop.staff.add_staff(actor=shop.clerk, approver=approver, staff_no="05", name="周", roles=["clerk"],
                         pin="730915")
    entry = shop.audit("staff_add")[-1]
    assert entry.staff_id == shop.clerk.staff_id and entry.approver_id == shop.owner.staff_id


def test_roles_and_name_changes_keep_before_and_after(shop):
    shop.staff.set_roles(actor=shop.owner, staff_no="02", roles=["clerk", "leader"])
    entry = shop.audit("staff_roles")[-1]
    assert entry.before["roles"] == "clerk" and entry.after["roles"] == "clerk,leader"
    shop.staff.set_name(actor=shop.owner, staff_no="02", name="李明明")
    entry = shop.audit("staff_rename")[-1]
    assert (entry.before["name"], entry.after["name"]) == ("李明", "李明明")


def test_reset_pin_replaces_the_old_one_and_lifts_a_lock(shop):
    for _ in range(MAX_TRIES):
        with pytest.raises(SignInRefused):
            shop.staff.sign_in(staff_no="02", pin="9999")
    shop.staff.reset_pin(actor=shop.owner, staff_no="02", new_pin="864209")
    with pytest.raises(SignInRefused) as info:
        shop.staff.sign_in(staff_no="02", pin=PINS["02"])
    assert info.value.code == "wrong_pin"
    assert shop.staff.sign_in(staff_no="02", pin="864209").staff_no == "02"
    assert shop.audit("staff_pin_reset")[-1].after["pin"] == "reset"


def test_unlock_keeps_the_pin(shop):
    for _ in range(MAX_TRIES):
        with pytest.raises(SignInRefused):
            shop.staff.sign_in(staff_no="03", pin="9999")
    assert next(m for m in shop.staff.roster() if m.staff_no == "03").locked_until is not None
    shop.staff.unlock(actor=shop.owner, staff_no="03")
    assert shop.staff.sign_in(staff_no="03", pin=PINS["03"]).staff_no == "03"
    assert len(shop.audit("staff_unlock")) == 1


def test_deactivate_keeps_the_row_and_can_be_undone(shop):
    shop.staff.deactivate(actor=shop.owner, staff_no="02")
    roster = {m.staff_no: m for m in shop.staff.roster()}
    assert roster["02"].active is False  # still there: sales point at them
    assert "02" not in {a.staff_no for a in shop.staff.signable()}
    assert "02" not in {m.staff_no for m in shop.staff.roster(include_inactive=False)}
    entry = shop.audit("staff_deactivate")[-1]
    assert (entry.before["active"], entry.after["active"]) == (True, False)
    shop.staff.reactivate(actor=shop.owner, staff_no="02")
    assert shop.staff.sign_in(staff_no="02", pin=PINS["02"]).staff_no == "02"


def test_the_last_owner_with_a_pin_stays(shop):
    for attempt in (
        lambda: shop.staff.deactivate(actor=shop.owner, staff_no="01"),
        lambda: shop.staff.set_roles(actor=shop.owner, staff_no="01", roles=["clerk"]),
    ):
        with pytest.raises(UserFacingError) as info:
            attempt()
        assert info.value.code == "last_owner"
    assert shop.staff.sign_in(staff_no="01", pin=PINS["01"]).is_owner
    # with a second owner, the first may step down
    shop.staff.add_staff(actor=shop.owner, staff_no="04", name="王二", roles=["owner"], pin="730915")
    shop.staff.set_roles(actor=shop.owner, staff_no="01", roles=["leader"])


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"staff_no": "02"}, "staff_no_taken"),
    ({"staff_no": "ab"}, "bad_staff_no"),
    ({"staff_no": "1234567"}, "bad_staff_no"),
    ({"name": "  "}, "bad_name"),
    ({"name": "名" * 51}, "bad_name"),
    ({"roles": []}, "bad_roles"),
    ({"roles": ["boss"]}, "bad_roles"),
    ({"pin": "1234"}, "weak_pin"),
    ({"pin": "12345678"}, "bad_pin"),
])
def test_bad_staff_details_change_nothing(shop, kwargs, code):
    args = {"staff_no": "06", "name": "钱", "roles": ["clerk"], "pin": "730915"} | kwargs
    before = shop.staff.roster()
    with pytest.raises(UserFacingError) as info:
        shop.staff.add_staff(actor=shop.owner, **args)
    assert info.value.code == code
    assert shop.staff.roster() == before
