"""Who does a thing: every service that changes something takes an Actor (and an approver)."""
from __future__ import annotations

from dataclasses import dataclass

from app.errors import PermissionDenied

OWNER = "owner"
CLERK = "clerk"
LEADER = "leader"
ROLE_NAMES = {OWNER: ("店主", "Owner"), CLERK: ("店员", "Clerk"), LEADER: ("团长", "Group leader")}


@dataclass(frozen=True, slots=True)
class Actor:
    staff_id: int
    uuid: str
    staff_no: str
    name: str
    roles: frozenset[str]

    def has(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_owner(self) -> bool:
        return OWNER in self.roles


def parse_roles(text: str) -> frozenset[str]:
    return frozenset(r.strip() for r in text.split(",") if r.strip())


def require_any_role(actor: Actor, *roles: str) -> None:
    """Refuse unless the actor holds one of roles (owner may do everything)."""
    if actor.is_owner or any(actor.has(r) for r in roles):
        return
    raise PermissionDenied()


def require_owner_approval(approver: Actor | None) -> Actor:
    """An owner's approval on a clerk's screen: the approver must hold the owner role."""
    if approver is None or not approver.is_owner:
        raise PermissionDenied("需要店主批准", "This needs the owner's approval")
    return approver
