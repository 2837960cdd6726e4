"""Who may do what: the one role table of Corner Station.

Every service that changes something asks here before it starts::

    from app.permissions import check

    approved_by = check(actor, "sale.refund", approver=approver)

`check` returns quietly when `actor` may do the action alone (returning None), returns the
approver when the action needs an owner's approval and `approver` gives it, and raises
`PermissionDenied` (a UserFacingError naming the action) otherwise. An action name that is
not in the table is a programming error (`UnknownAction`), caught by the tests of the service
that uses it.

The roles (a person can hold several; `Staff.roles` is "owner,leader" and so on):

========  ==============================================================================
owner     店主: everything, and approves what a clerk may only ask for
clerk     店员: the counter (sales, the till, stock) and pickups
leader    团长: group-buying only: pickups, deliveries, picking lists, claims, conflicts
========  ==============================================================================

The table (``alone``: may do it; ``ask``: may do it with an owner's approval on their own
screen, typed in with the owner's PIN through `StaffService.approve`)::

    action               alone                   ask            what it is
    sale.checkout        owner clerk             -              ring up a sale (收银结账)
    sale.hold            owner clerk             -              park / resume a cart (挂单/取单)
    sale.discount        owner clerk             -              a discount within the override limit
    price.override       owner                   clerk          a price override or discount above the limit (改价)
    sale.void            owner                   clerk          void a sale (作废)
    sale.refund          owner                   clerk          a return or refund (退货/退款)
    till.open            owner clerk             -              open the till with a float (开班)
    till.cash_move       owner clerk             -              cash in / out of the drawer
    till.handover        owner clerk             -              shift handover (交班)
    till.close           owner                   clerk          close the day, Z report (日结)
    stock.receive        owner clerk             -              receive stock (进货)
    stock.count          owner clerk             -              stock count (盘点)
    catalogue.edit       owner clerk             -              add or change a product
    pickup.verify        owner clerk leader      -              scan or look up a pickup
    pickup.hand_out      owner clerk leader      -              hand a bag out (核销)
    pickup.undo          owner clerk leader      -              undo a hand-out within the undo window
    pickup.undo_late     owner                   clerk leader   undo after the window has passed
    arrival.receive      owner leader            -              check a delivery (到货验收)
    arrival.sign_off     owner leader            -              sign a delivery off, shortage claims
    picking.print        owner clerk leader      -              totals list, picking list, labels
    conflict.resolve     owner leader            -              decide a sync conflict (冲突)
    sync.run             owner clerk leader      -              sync now
    reports.view         owner                   clerk leader   the day's figures and reports
    settings.change      owner                   clerk leader   anything in Settings but the language
    staff.manage         owner                   clerk leader   add staff, roles, PIN reset, deactivate
    backup.run           owner clerk leader      -              take a backup now
    backup.restore       owner                   clerk leader   restore a backup
    audit.view           owner                   clerk leader   read and export the audit log

Approval on a clerk's screen: the owner types their PIN into the approval dialog;
`StaffService.approve(staff_no, pin, action)` checks the PIN, checks that the person may do
`action` alone, audits the approval and returns their Actor, which the screen passes on as
the service's `approver=`. The service still calls `check`, so an Actor that is not an owner
never counts as an approval.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from app.actors import CLERK, LEADER, OWNER, Actor
from app.errors import PermissionDenied

ROLES = (OWNER, CLERK, LEADER)


class UnknownAction(ValueError):
    """An action name that is not in the role table (a typo in a service)."""


@dataclass(frozen=True, slots=True)
class Rule:
    alone: frozenset[str]
    """Roles that may do the action themselves."""
    ask: frozenset[str]
    """Roles that may do it with the approval of someone in `alone` (an owner)."""
    zh: str
    en: str


def _rule(alone: str, ask: str, zh: str, en: str) -> Rule:
    return Rule(frozenset(alone.split()), frozenset(ask.split()), zh, en)


_ALL = "owner clerk leader"
_COUNTER = "owner clerk"
_GROUP = "owner leader"

ROLE_TABLE: Mapping[str, Rule] = MappingProxyType({
    "sale.checkout": _rule(_COUNTER, "", "收银结账", "Ring up a sale"),
    "sale.hold": _rule(_COUNTER, "", "挂单/取单", "Hold or resume a cart"),
    "sale.discount": _rule(_COUNTER, "", "折扣", "Give a discount"),
    "price.override": _rule(OWNER, CLERK, "超限改价", "Override a price above the limit"),
    "sale.void": _rule(OWNER, CLERK, "作废小票", "Void a sale"),
    "sale.refund": _rule(OWNER, CLERK, "退货退款", "Refund a sale"),
    "till.open": _rule(_COUNTER, "", "开班", "Open the till"),
    "till.cash_move": _rule(_COUNTER, "", "钱箱存取", "Put cash in or take it out"),
    "till.handover": _rule(_COUNTER, "", "交班", "Hand over the shift"),
    "till.close": _rule(OWNER, CLERK, "日结", "Close the day"),
    "stock.receive": _rule(_COUNTER, "", "进货", "Receive stock"),
    "stock.count": _rule(_COUNTER, "", "盘点", "Count stock"),
    "catalogue.edit": _rule(_COUNTER, "", "编辑商品", "Edit products"),
    "pickup.verify": _rule(_ALL, "", "查询提货", "Look up a pickup"),
    "pickup.hand_out": _rule(_ALL, "", "核销提货", "Hand out a pickup"),
    "pickup.undo": _rule(_ALL, "", "撤销核销", "Undo a pickup"),
    "pickup.undo_late": _rule(OWNER, "clerk leader", "超时撤销核销", "Undo a pickup after the time limit"),
    "arrival.receive": _rule(_GROUP, "", "到货验收", "Check a delivery"),
    "arrival.sign_off": _rule(_GROUP, "", "到货签收", "Sign off a delivery"),
    "picking.print": _rule(_ALL, "", "打印分拣单", "Print picking lists"),
    "conflict.resolve": _rule(_GROUP, "", "处理冲突", "Resolve a conflict"),
    "sync.run": _rule(_ALL, "", "同步", "Sync now"),
    "reports.view": _rule(OWNER, "clerk leader", "查看报表", "View reports"),
    "settings.change": _rule(OWNER, "clerk leader", "修改设置", "Change settings"),
    "staff.manage": _rule(OWNER, "clerk leader", "员工管理", "Manage staff"),
    "backup.run": _rule(_ALL, "", "立即备份", "Back up now"),
    "backup.restore": _rule(OWNER, "clerk leader", "恢复备份", "Restore a backup"),
    "audit.view": _rule(OWNER, "clerk leader", "查看操作日志", "View the audit log"),
})


def rule(action: str) -> Rule:
    try:
        return ROLE_TABLE[action]
    except KeyError:
        raise UnknownAction(f"no such action in the role table: {action!r}") from None


def may(actor: Actor, action: str) -> bool:
    """True when actor may do action alone."""
    return bool(actor.roles & rule(action).alone)


def needs_approval(actor: Actor, action: str) -> bool:
    """True when actor may do action only with an owner's approval: the screen asks for one."""
    return not may(actor, action) and bool(actor.roles & rule(action).ask)


def check(actor: Actor, action: str, *, approver: Actor | None = None) -> Actor | None:
    """Refuse unless actor may do action (alone, or with approver's approval).

    Returns None when actor may do it alone, else the approver whose approval was used.
    Raises PermissionDenied with a message for the person at the counter.
    """
    r = rule(action)
    if actor.roles & r.alone:
        return None
    if actor.roles & r.ask:
        if approver is not None and approver.roles & r.alone and approver.staff_id != actor.staff_id:
            return approver
        if approver is not None:
            raise PermissionDenied(
                f"{approver.name}不能批准“{r.zh}”，需要店主批准",
                f"{approver.name} cannot approve “{r.en}”; this needs the owner's approval",
            )
        raise PermissionDenied(f"“{r.zh}”需要店主批准", f"“{r.en}” needs the owner's approval")
    raise PermissionDenied(f"{actor.name}没有“{r.zh}”的权限", f"{actor.name} may not “{r.en}”")


def action_label(action: str, lang: str) -> str:
    r = rule(action)
    return r.en if lang.startswith("en") else r.zh


__all__ = [
    "ROLES",
    "ROLE_TABLE",
    "Rule",
    "UnknownAction",
    "action_label",
    "check",
    "may",
    "needs_approval",
    "rule",
]
