"""PIN sign-in: the rules, the lockout by the app's clock, hashes only, and the audit trail."""
from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from app.staff import (
    LOCK_MINUTES,
    MAX_LOCK_MINUTES,
    MAX_TRIES,
    SignInRefused,
    StaffService,
    check_new_pin,
    check_pin_format,
    lock_minutes,
)
from local_db.models import Staff
from tests.app.staff.conftest import PINS


@pytest.mark.parametrize("pin", ["", "123", "1234567", "12a4", "12 34", "٤٨٢٦", "-1234"])
def test_a_pin_is_four_to_six_ascii_or_full_width_digits(pin):
    with pytest.raises(SignInRefused) as info:
        check_pin_format(pin)
    assert info.value.code == "bad_pin"


def test_full_width_digits_and_spaces_around_are_accepted():
    assert check_pin_format("４８２６") == "4826"
    assert check_pin_format(" 482613 ") == "482613"


@pytest.mark.parametrize("pin", ["1111", "000000", "1234", "3456", "987654"])
def test_a_new_pin_cannot_be_the_first_one_anyone_tries(pin):
    with pytest.raises(SignInRefused) as info:
        check_new_pin(pin)
    assert info.value.code == "weak_pin"


def test_right_pin_signs_in_and_is_audited(shop):
    actor = shop.staff.sign_in(staff_no="02", pin=PINS["02"])
    assert (actor.staff_no, actor.name, actor.roles) == ("02", "李明", frozenset({"clerk"}))
    entry = shop.audit("sign_in")[-1]
    assert entry.staff_id == actor.staff_id and entry.entity_id == "02"


def test_full_width_pin_signs_in(shop):
    assert shop.staff.sign_in(staff_no="０２", pin="５９３７").staff_no == "02"


def test_switching_user_is_recorded(shop):
    shop.staff.sign_in(staff_no="03", pin=PINS["03"], switched_from=shop.clerk)
    assert shop.audit("sign_in")[-1].after == {"switched_from": "02"}


def test_wrong_pin_is_refused_counted_and_audited(shop):
    with pytest.raises(SignInRefused) as info:
        shop.staff.sign_in(staff_no="02", pin="9999")
    assert info.value.code == "wrong_pin"
    assert info.value.tries_left == MAX_TRIES - 1
    assert "还可以再试 4 次" in info.value.message.zh
    entry = shop.audit("sign_in_failed")[-1]
    assert entry.staff_id == shop.clerk.staff_id
    assert entry.after == {"reason": "wrong_pin", "failed": 1, "locked_minutes": 0}
    # a right PIN resets the count
    shop.staff.sign_in(staff_no="02", pin=PINS["02"])
    assert _row(shop, "02").failed_pins == 0


def test_five_wrong_pins_lock_for_five_minutes_by_the_app_clock(shop):
    for _ in range(MAX_TRIES - 1):
        with pytest.raises(SignInRefused):
            shop.staff.sign_in(staff_no="02", pin="9999")
    with pytest.raises(SignInRefused) as info:
        shop.staff.sign_in(staff_no="02", pin="9999")
    assert info.value.code == "locked"
    assert info.value.locked_until == shop.clock.now() + timedelta(minutes=LOCK_MINUTES)
    # while locked even the right PIN is refused (and not even checked)
    shop.clock.advance(minutes=LOCK_MINUTES - 1)
    with pytest.raises(SignInRefused) as info:
        shop.staff.sign_in(staff_no="02", pin=PINS["02"])
    assert info.value.code == "locked"
    assert shop.audit("sign_in_failed")[-1].after == {"reason": "locked"}
    shop.clock.advance(minutes=1)
    assert shop.staff.sign_in(staff_no="02", pin=PINS["02"]).staff_no == "02"
    row = _row(shop, "02")
    assert row.failed_pins == 0 and row.locked_until is None


def test_locks_grow_with_each_run_of_wrong_pins(shop):
    locks = {n: lock_minutes(n) for n in range(0, 36) if lock_minutes(n)}
    assert locks == {5: 5, 10: 10, 15: 20, 20: 40, 25: MAX_LOCK_MINUTES, 30: MAX_LOCK_MINUTES,
                     35: MAX_LOCK_MINUTES}
    for run, minutes in enumerate((5, 10, 20), start=1):
        for _ in range(MAX_TRIES):
            with pytest.raises(SignInRefused) as info:
                shop.staff.sign_in(staff_no="03", pin="9999")
        assert info.value.code == "locked"
        assert info.value.locked_until == shop.clock.now() + timedelta(minutes=minutes), run
        shop.clock.advance(minutes=minutes)


def test_a_clock_set_back_does_not_stretch_a_lock(shop):
    for _ in range(MAX_TRIES):
        with pytest.raises(SignInRefused):
            shop.staff.sign_in(staff_no="02", pin="9999")
    shop.clock.advance(days=-3)  # someone sets the PC's date back
    with pytest.raises(SignInRefused) as info:
        shop.staff.sign_in(staff_no="02", pin=PINS["02"])
    assert info.value.locked_until <= shop.clock.now() + timedelta(minutes=MAX_LOCK_MINUTES)


def test_unknown_and_deactivated_staff_are_refused_alike_and_audited(shop):
    with pytest.raises(SignInRefused) as info:
        shop.staff.sign_in(staff_no="77", pin="4826")
    assert info.value.code == "unknown_staff"
    entry = shop.audit("sign_in_failed")[-1]
    assert entry.staff_id is None and entry.entity_id == "77"
    shop.staff.deactivate(actor=shop.owner, staff_no="02")
    with pytest.raises(SignInRefused) as info:
        shop.staff.sign_in(staff_no="02", pin=PINS["02"])
    assert info.value.code == "unknown_staff"


def test_someone_without_a_pin_is_told_to_ask_the_owner(shop):
    with shop.db.write() as uow:
        uow.session.add(Staff(staff_no="09", name="新人", roles="clerk", created_at=shop.clock.now().replace(tzinfo=None)))
        uow.commit()
    with pytest.raises(SignInRefused) as info:
        shop.staff.sign_in(staff_no="09", pin="4826")
    assert info.value.code == "no_pin"
    assert "设置 → 员工" in info.value.message.zh


def test_pins_are_argon2_hashes_and_never_in_the_file(shop, db_path):
    pin = "582931"
    shop.staff.reset_pin(actor=shop.owner, staff_no="02", new_pin=pin)
    shop.staff.sign_in(staff_no="02", pin=pin)
    with pytest.raises(SignInRefused):
        shop.staff.sign_in(staff_no="02", pin="582930")
    stored = _row(shop, "02").pin_hash
    assert stored.startswith("$argon2id$")
    assert PasswordHasher().verify(stored, pin)
    shop.db.dispose()
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob("station.db*"))
    assert pin.encode() not in raw
    assert pin.encode("utf-16-le") not in raw


def test_an_old_weaker_hash_is_upgraded_at_sign_in(shop):
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    with shop.db.write() as uow:
        row = uow.session.scalars(select(Staff).where(Staff.staff_no == "03")).one()
        row.pin_hash = weak.hash(PINS["03"])
        uow.commit()
    shop.staff.sign_in(staff_no="03", pin=PINS["03"])
    assert "m=19456,t=2,p=1" in _row(shop, "03").pin_hash


def test_a_person_changes_their_own_pin(shop):
    with pytest.raises(SignInRefused):
        shop.staff.change_own_pin(staff_no="02", old_pin="1357", new_pin="8642")
    shop.staff.change_own_pin(staff_no="02", old_pin=PINS["02"], new_pin="8642")
    assert shop.staff.sign_in(staff_no="02", pin="8642").staff_no == "02"
    assert shop.audit("pin_change")[-1].staff_id == shop.clerk.staff_id


def test_first_owner_on_a_new_station(db, clock):
    staff = StaffService(db, clock)
    assert staff.needs_first_owner()
    owner = staff.set_up_first_owner(staff_no="1", pin="4826", name="王秀英")
    assert owner.is_owner and not staff.needs_first_owner()
    with pytest.raises(Exception) as info:
        staff.set_up_first_owner(staff_no="2", pin="5937", name="冒名")
    assert getattr(info.value, "code", "") == "owner_exists"


def _row(shop, staff_no: str) -> Staff:
    with shop.db.read() as uow:
        row = uow.session.scalars(select(Staff).where(Staff.staff_no == staff_no)).one()
        uow.session.expunge(row)
        return row
