"""Staff: PIN sign-in with a lockout, the owner's approval on another's screen, and the
owner's staff management. Everything here is audited.

PINs are 4 to 6 digits (full-width digits typed with a Chinese input method count too) and
are kept only as argon2id hashes. Wrong PINs are counted per person: after MAX_TRIES wrong
ones in a row the person is locked for LOCK_MINUTES minutes, and each further run of
MAX_TRIES doubles the lock, up to MAX_LOCK_MINUTES, all by the app's clock. A right PIN
resets the count; so does the owner's PIN reset or unlock. A PIN tried during a lock is
refused without being checked.

Staff are never deleted (sales, refunds and pickups point at them): they are deactivated,
and can be reactivated. At least one active owner with a PIN always remains, so the shop can
never lock itself out of its own settings.
"""
from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actors import OWNER, Actor, parse_roles
from app.audit import record_audit
from app.clock import Clock, as_utc
from app.errors import NotFound, UserFacingError
from app.money import normalize_digits
from app.permissions import ROLES, check, may, rule
from app.station_service import actor_from_row
from local_db.engine import Database
from local_db.models import Staff

log = logging.getLogger(__name__)

MAX_TRIES = 5
LOCK_MINUTES = 5
MAX_LOCK_MINUTES = 60
PIN_LENGTHS = range(4, 7)
MAX_NAME = 50

_PIN = re.compile(r"[0-9]{4,6}")
_STAFF_NO = re.compile(r"[0-9]{1,6}")


def default_hasher() -> PasswordHasher:
    """argon2id at OWASP's minimum cost (19 MiB, 2 passes): well under 0.1 s on a shop PC."""
    return PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


class SignInRefused(UserFacingError):
    """A PIN was not accepted. `code`: bad_pin, wrong_pin, locked, no_pin, unknown_staff."""

    def __init__(
        self,
        zh: str,
        en: str,
        *,
        code: str,
        tries_left: int | None = None,
        locked_until: datetime | None = None,
    ) -> None:
        super().__init__(zh, en, code=code)
        self.tries_left = tries_left
        self.locked_until = locked_until


@dataclass(frozen=True, slots=True)
class StaffMember:
    """One person on the staff list, as Settings → Staff shows them."""

    staff_id: int
    staff_no: str
    name: str
    roles: frozenset[str]
    active: bool
    has_pin: bool
    failed_pins: int
    locked_until: datetime | None  # aware UTC; None when not locked now


def normalize_pin(pin: str) -> str:
    """The PIN as ASCII digits: full-width ０-９ become 0-9, spaces around it are dropped."""
    return normalize_digits(pin or "").strip()


def check_pin_format(pin: str) -> str:
    """A PIN typed by a person, normalized; refused unless it is 4 to 6 digits."""
    clean = normalize_pin(pin)
    if not _PIN.fullmatch(clean):
        raise SignInRefused("密码是4到6位数字", "A PIN is 4 to 6 digits", code="bad_pin")
    return clean


def check_new_pin(pin: str) -> str:
    """A PIN being set: 4 to 6 digits, and not one anybody would guess first (1111, 1234)."""
    clean = check_pin_format(pin)
    steps = {int(b) - int(a) for a, b in zip(clean, clean[1:], strict=False)}
    if len(set(clean)) == 1 or steps in ({1}, {-1}):
        raise SignInRefused(
            "这个密码太容易被猜到（如 1111、1234），请换一个",
            "That PIN is too easy to guess (like 1111 or 1234); choose another",
            code="weak_pin",
        )
    return clean


def check_staff_no(staff_no: str) -> str:
    clean = normalize_digits(staff_no or "").strip()
    if not _STAFF_NO.fullmatch(clean):
        raise UserFacingError("工号是1到6位数字", "A staff number is 1 to 6 digits", code="bad_staff_no")
    return clean


def check_roles(roles: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(r.strip() for r in roles if r.strip())
    unknown = chosen - set(ROLES)
    if unknown or not chosen:
        raise UserFacingError(
            "请至少选择一个角色：店主、店员或团长",
            "Choose at least one role: owner, clerk or group leader",
            code="bad_roles",
        )
    return chosen


def check_name(name: str) -> str:
    clean = " ".join((name or "").split())
    if not clean or len(clean) > MAX_NAME:
        raise UserFacingError(
            f"请填写姓名（最多{MAX_NAME}字）", f"Give a name (at most {MAX_NAME} characters)",
            code="bad_name",
        )
    return clean


def roles_text(roles: Iterable[str]) -> str:
    """Roles as stored: in the order owner, clerk, leader."""
    chosen = set(roles)
    return ",".join(r for r in ROLES if r in chosen)


def lock_minutes(failed: int) -> int:
    """How long a run of wrong PINs locks: 0 unless failed is a multiple of MAX_TRIES."""
    if failed <= 0 or failed % MAX_TRIES:
        return 0
    return min(LOCK_MINUTES * 2 ** (failed // MAX_TRIES - 1), MAX_LOCK_MINUTES)


class StaffService:
    """Sign-in, approvals and staff management, each call one unit of work."""

    def __init__(self, db: Database, clock: Clock, *, hasher: PasswordHasher | None = None) -> None:
        self._db = db
        self._clock = clock
        self._hasher = hasher or default_hasher()
        self._dummy_hash: str | None = None

    # --- signing in ----------------------------------------------------------------------

    def sign_in(self, *, staff_no: str, pin: str, switched_from: Actor | None = None) -> Actor:
        """The person behind staff_no, if pin is theirs; refused (and audited) otherwise."""
        after = {"switched_from": switched_from.staff_no} if switched_from is not None else None
        return self._verify(staff_no, pin, purpose="sign_in", after=after)

    def approve(self, staff_no: str, pin: str, action: str, *, for_actor: Actor | None = None) -> Actor:
        """An approval typed in on someone else's screen: returns the approver's Actor for a
        service's `approver=` argument. The PIN must be right and the person must be allowed
        to do `action` alone (an owner). Audited with who asked (for_actor) and what for."""
        rule(action)  # an unknown action is refused before any PIN is checked
        return self._verify(
            staff_no, pin, purpose="approval", after={"action": action},
            for_staff_id=for_actor.staff_id if for_actor is not None else None, action=action,
        )

    def change_own_pin(self, *, staff_no: str, old_pin: str, new_pin: str) -> None:
        """A person changes their own PIN, proving the old one first (counts as a try)."""
        new = check_new_pin(new_pin)
        actor = self._verify(staff_no, old_pin, purpose="pin_change", after=None)
        with self._db.write() as uow:
            row = self._row(uow.session, actor.staff_no)
            row.pin_hash = self._hasher.hash(new)
            record_audit(uow.session, at=self._clock.now(), staff_id=row.id, action="pin_change",
                         entity="staff", entity_id=row.staff_no)
            uow.commit()

    def signable(self) -> list[Actor]:
        """Active staff, by staff number: who the sign-in list shows."""
        with self._db.read() as uow:
            rows = uow.session.scalars(
                select(Staff).where(Staff.active.is_(True)).order_by(Staff.staff_no)
            ).all()
            return [actor_from_row(r) for r in rows]

    def approvers(self, action: str) -> list[Actor]:
        """Active staff with a PIN who may approve action (do it alone): the owners."""
        allowed = rule(action).alone
        with self._db.read() as uow:
            rows = uow.session.scalars(
                select(Staff).where(Staff.active.is_(True), Staff.pin_hash.is_not(None))
                .order_by(Staff.staff_no)
            ).all()
            return [actor_from_row(r) for r in rows if parse_roles(r.roles) & allowed]

    def has_pin(self, staff_no: str) -> bool:
        with self._db.read() as uow:
            row = uow.session.scalars(select(Staff).where(Staff.staff_no == staff_no)).first()
            return row is not None and row.pin_hash is not None

    # --- the very first owner ------------------------------------------------------------

    def needs_first_owner(self) -> bool:
        """True on a new station where no active owner has a PIN yet."""
        with self._db.read() as uow:
            return _owners_with_pin(uow.session) == 0

    def set_up_first_owner(self, *, staff_no: str, pin: str, name: str | None = None) -> Actor:
        """Give the first owner a PIN (or, on a station with no owner at all, create one).

        Only while `needs_first_owner()`; after that PINs are the owner's to give."""
        number = check_staff_no(staff_no)
        clean = check_new_pin(pin)
        now = self._clock.now()
        with self._db.write() as uow:
            s = uow.session
            if _owners_with_pin(s) > 0:
                raise UserFacingError("本店已经有店主密码了", "This station already has an owner with a PIN",
                                      code="owner_exists")
            row = s.scalars(select(Staff).where(Staff.staff_no == number)).first()
            any_owner = any(OWNER in parse_roles(r.roles) for r in
                            s.scalars(select(Staff).where(Staff.active.is_(True))).all())
            if row is None:
                if any_owner:
                    raise NotFound(f"没有工号为 {number} 的店主", f"No owner numbered {number}")
                row = Staff(staff_no=number, name=check_name(name or ""), roles=OWNER,
                            created_at=_naive(now), active=True, failed_pins=0)
                s.add(row)
                s.flush()
            elif not row.active or OWNER not in parse_roles(row.roles):
                raise UserFacingError("只有店主可以设置第一个密码", "Only an owner can set the first PIN",
                                      code="not_owner")
            row.pin_hash = self._hasher.hash(clean)
            row.failed_pins = 0
            row.locked_until = None
            record_audit(s, at=now, staff_id=row.id, action="staff_first_pin", entity="staff",
                         entity_id=row.staff_no, after=_public(row))
            actor = actor_from_row(row)
            uow.commit()
        return actor

    # --- staff management (owner) --------------------------------------------------------

    def roster(self, *, include_inactive: bool = True) -> list[StaffMember]:
        """Everyone on the staff list, by staff number, for Settings → Staff."""
        now = self._clock.now()
        with self._db.read() as uow:
            query = select(Staff).order_by(Staff.staff_no)
            if not include_inactive:
                query = query.where(Staff.active.is_(True))
            return [_member(r, now) for r in uow.session.scalars(query).all()]

    def add_staff(self, *, actor: Actor, approver: Actor | None = None, staff_no: str, name: str,
                  roles: Iterable[str], pin: str) -> StaffMember:
        """A new person with a staff number, roles and a first PIN."""
        approved = check(actor, "staff.manage", approver=approver)
        number, clean_name, chosen = check_staff_no(staff_no), check_name(name), check_roles(roles)
        clean_pin = check_new_pin(pin)
        now = self._clock.now()
        with self._db.write() as uow:
            s = uow.session
            if s.scalars(select(Staff.id).where(Staff.staff_no == number)).first() is not None:
                raise UserFacingError(f"工号 {number} 已经有人用了", f"Staff number {number} is taken",
                                      code="staff_no_taken")
            row = Staff(staff_no=number, name=clean_name, roles=roles_text(chosen),
                        pin_hash=self._hasher.hash(clean_pin), failed_pins=0, active=True,
                        created_at=_naive(now))
            s.add(row)
            s.flush()
            self._audit(s, actor, approved, "staff_add", row, None, _public(row))
            member = _member(row, now)
            uow.commit()
        return member

    def set_name(self, *, actor: Actor, approver: Actor | None = None, staff_no: str, name: str) -> StaffMember:
        approved = check(actor, "staff.manage", approver=approver)
        clean = check_name(name)
        return self._change(actor, approved, staff_no, "staff_rename", lambda row: setattr(row, "name", clean))

    def set_roles(self, *, actor: Actor, approver: Actor | None = None, staff_no: str,
                  roles: Iterable[str]) -> StaffMember:
        """Change what a person may do. The last owner with a PIN keeps the owner role."""
        approved = check(actor, "staff.manage", approver=approver)
        chosen = check_roles(roles)

        def change(row: Staff) -> None:
            row.roles = roles_text(chosen)

        return self._change(actor, approved, staff_no, "staff_roles", change)

    def reset_pin(self, *, actor: Actor, approver: Actor | None = None, staff_no: str,
                  new_pin: str) -> StaffMember:
        """A new PIN for someone who forgot theirs; also lifts any lock."""
        approved = check(actor, "staff.manage", approver=approver)
        clean = check_new_pin(new_pin)

        def change(row: Staff) -> None:
            row.pin_hash = self._hasher.hash(clean)
            row.failed_pins = 0
            row.locked_until = None

        return self._change(actor, approved, staff_no, "staff_pin_reset", change)

    def unlock(self, *, actor: Actor, approver: Actor | None = None, staff_no: str) -> StaffMember:
        """Lift a lock after wrong PINs without changing the PIN."""
        approved = check(actor, "staff.manage", approver=approver)

        def change(row: Staff) -> None:
            row.failed_pins = 0
            row.locked_until = None

        return self._change(actor, approved, staff_no, "staff_unlock", change)

    def deactivate(self, *, actor: Actor, approver: Actor | None = None, staff_no: str) -> StaffMember:
        """Take someone off the staff list (never deleted: their sales keep their name)."""
        approved = check(actor, "staff.manage", approver=approver)
        return self._change(actor, approved, staff_no, "staff_deactivate",
                            lambda row: setattr(row, "active", False))

    def reactivate(self, *, actor: Actor, approver: Actor | None = None, staff_no: str) -> StaffMember:
        approved = check(actor, "staff.manage", approver=approver)
        return self._change(actor, approved, staff_no, "staff_reactivate",
                            lambda row: setattr(row, "active", True))

    # --- inside --------------------------------------------------------------------------

    def _change(self, actor: Actor, approved: Actor | None, staff_no: str, action: str,
                change: Callable[[Staff], None]) -> StaffMember:
        now = self._clock.now()
        with self._db.write() as uow:
            s = uow.session
            row = self._row(s, check_staff_no(staff_no))
            before = _public(row)
            was_owner_with_pin = row.active and row.pin_hash is not None and OWNER in parse_roles(row.roles)
            change(row)
            s.flush()
            if was_owner_with_pin and _owners_with_pin(s) == 0:
                raise UserFacingError(
                    "至少要保留一位有密码的店主，否则没人能管理本店",
                    "At least one owner with a PIN must remain, or nobody could manage the station",
                    code="last_owner",
                )
            after = _public(row)
            if action == "staff_pin_reset":
                after["pin"] = "reset"
            self._audit(s, actor, approved, action, row, before, after)
            member = _member(row, now)
            uow.commit()
        return member

    def _audit(self, s: Session, actor: Actor, approved: Actor | None, action: str, row: Staff,
               before: dict[str, object] | None, after: dict[str, object] | None) -> None:
        record_audit(
            s, at=self._clock.now(), staff_id=actor.staff_id,
            approver_id=approved.staff_id if approved is not None else None,
            action=action, entity="staff", entity_id=row.staff_no, before=before, after=after,
        )

    def _row(self, s: Session, staff_no: str) -> Staff:
        row = s.scalars(select(Staff).where(Staff.staff_no == staff_no)).first()
        if row is None:
            raise NotFound(f"没有工号为 {staff_no} 的员工", f"No staff member number {staff_no}")
        return row

    def _verify(self, staff_no: str, pin: str, *, purpose: str, after: Mapping[str, object] | None,
                for_staff_id: int | None = None, action: str | None = None) -> Actor:
        """Check staff_no's PIN in one write transaction: count, lock, audit, commit."""
        clean = check_pin_format(pin)
        number = normalize_digits(staff_no or "").strip()[:16]
        now = self._clock.now()
        failed_action = f"{purpose}_failed"
        with self._db.write() as uow:
            s = uow.session
            row = s.scalars(select(Staff).where(Staff.staff_no == number)).first()
            if row is None or not row.active:
                self._waste_time(clean)
                record_audit(s, at=now, staff_id=row.id if row else None, approver_id=None,
                             action=failed_action, entity="staff", entity_id=number,
                             after={"reason": "unknown_staff"})
                uow.commit()
                raise SignInRefused("没有这个员工，或已停用", "No such staff member, or no longer active",
                                    code="unknown_staff")
            doer_id, approver_id = _audit_ids(row.id, for_staff_id, purpose)
            if row.pin_hash is None:
                raise SignInRefused(
                    f"{row.name}还没有设置密码，请店主在“设置 → 员工”里设置",
                    f"{row.name} has no PIN yet; the owner sets one in Settings → Staff",
                    code="no_pin",
                )
            locked = self._locked_until(row, now)
            if locked is not None:
                record_audit(s, at=now, staff_id=doer_id, approver_id=approver_id, action=failed_action, entity="staff",
                             entity_id=row.staff_no, after={"reason": "locked"})
                uow.commit()
                raise _locked_error(row.name, locked, now)
            if not self._matches(row.pin_hash, clean):
                row.failed_pins = (row.failed_pins or 0) + 1
                minutes = lock_minutes(row.failed_pins)
                until = now + timedelta(minutes=minutes) if minutes else None
                row.locked_until = _naive(until) if until else None
                record_audit(s, at=now, staff_id=doer_id, approver_id=approver_id, action=failed_action, entity="staff",
                             entity_id=row.staff_no,
                             after={"reason": "wrong_pin", "failed": row.failed_pins, "locked_minutes": minutes})
                uow.commit()
                log.info("wrong PIN for staff %s (%d in a row)", row.staff_no, row.failed_pins)
                if until is not None:
                    raise _locked_error(row.name, until, now, just_now=True)
                left = MAX_TRIES - row.failed_pins % MAX_TRIES
                raise SignInRefused(
                    f"密码不对，还可以再试 {left} 次",
                    f"Wrong PIN. {left} more {'try' if left == 1 else 'tries'} before a lock.",
                    code="wrong_pin", tries_left=left,
                )
            row.failed_pins = 0
            row.locked_until = None
            if self._hasher.check_needs_rehash(row.pin_hash):
                row.pin_hash = self._hasher.hash(clean)
            actor = actor_from_row(row)
            if action is not None and not may(actor, action):
                r = rule(action)
                record_audit(s, at=now, staff_id=doer_id, approver_id=approver_id, action="approval_refused", entity="staff",
                             entity_id=row.staff_no, after={"action": action})
                uow.commit()
                raise UserFacingError(
                    f"{row.name}不能批准“{r.zh}”，需要店主",
                    f"{row.name} cannot approve “{r.en}”; it needs an owner",
                    code="not_an_approver",
                )
            if purpose != "pin_change":
                record_audit(s, at=now, staff_id=doer_id, approver_id=approver_id, action=purpose, entity="staff",
                             entity_id=row.staff_no, after=after)
            uow.commit()
        return actor

    def _locked_until(self, row: Staff, now: datetime) -> datetime | None:
        if row.locked_until is None:
            return None
        until = as_utc(row.locked_until)
        if until <= now:
            return None
        # A clock set back must not stretch a lock beyond the longest one.
        return min(until, now + timedelta(minutes=MAX_LOCK_MINUTES))

    def _matches(self, pin_hash: str, pin: str) -> bool:
        try:
            return bool(self._hasher.verify(pin_hash, pin))
        except VerifyMismatchError:
            return False
        except (InvalidHashError, VerificationError):
            log.warning("a stored PIN hash is not a valid argon2 hash; the owner should reset it")
            return False

    def _waste_time(self, pin: str) -> None:
        """As slow as a real check, so an unknown staff number does not answer faster."""
        if self._dummy_hash is None:
            self._dummy_hash = self._hasher.hash(secrets.token_hex(8))
        self._matches(self._dummy_hash, pin)


def _audit_ids(staff_id: int, for_staff_id: int | None, purpose: str) -> tuple[int | None, int | None]:
    """(staff_id, approver_id) of the entry: an approval is logged as asked by
    for_staff_id and approved by the PIN's owner."""
    if purpose == "approval":
        return for_staff_id, staff_id
    return staff_id, None


def _locked_error(name: str, until: datetime, now: datetime, *, just_now: bool = False) -> SignInRefused:
    minutes = max(1, -(-int((until - now).total_seconds()) // 60))
    if just_now:
        zh = f"密码错误次数太多，{name}已被锁定 {minutes} 分钟。店主可以在“设置 → 员工”里解锁"
        en = f"Too many wrong PINs: {name} is locked for {minutes} minutes. The owner can unlock in Settings → Staff."
    else:
        zh = f"{name}已被锁定，请 {minutes} 分钟后再试，或请店主解锁"
        en = f"{name} is locked; try again in {minutes} minutes, or ask the owner to unlock"
    return SignInRefused(zh, en, code="locked", locked_until=until)


def _owners_with_pin(s: Session) -> int:
    rows = s.scalars(select(Staff).where(Staff.active.is_(True), Staff.pin_hash.is_not(None))).all()
    return sum(1 for r in rows if OWNER in parse_roles(r.roles))


def _public(row: Staff) -> dict[str, object]:
    """What the audit log keeps of a staff row: never the PIN hash."""
    return {"staff_no": row.staff_no, "name": row.name, "roles": row.roles, "active": bool(row.active)}


def _member(row: Staff, now: datetime) -> StaffMember:
    until = as_utc(row.locked_until) if row.locked_until is not None else None
    return StaffMember(
        staff_id=row.id,
        staff_no=row.staff_no,
        name=row.name,
        roles=parse_roles(row.roles),
        active=bool(row.active),
        has_pin=row.pin_hash is not None,
        failed_pins=row.failed_pins or 0,
        locked_until=until if until is not None and until > now else None,
    )


def _naive(instant: datetime) -> datetime:
    return instant.astimezone(UTC).replace(tzinfo=None)
