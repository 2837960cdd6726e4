"""Reading the audit log (owner): filter by day, action and staff member, export to CSV.

The audit log is append-only: nothing in the app updates or deletes its rows; this module
only reads them. APPEND_ONLY_TRIGGERS_SQL makes SQLite itself refuse an UPDATE or DELETE
on audit_log; a future migration adds it (a batch-mode rebuild of audit_log drops
triggers, so a migration that rebuilds the table must create them again).

The CSV is UTF-8 with a byte-order mark, so Excel opens the Chinese headers and names
right; cells that Excel would run as a formula (starting with = + - @) get a leading '.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from app.actors import Actor
from app.audit import record_audit
from app.clock import BusinessCalendar, Clock, as_utc
from app.permissions import check
from local_db.engine import Database
from local_db.models import AuditLog, Staff

APPEND_ONLY_TRIGGERS_SQL = (
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
)
"""Statements for a migration (op.execute each); drop them in its downgrade."""

MAX_ROWS = 2000
"""The screen shows at most this many entries at a time (newest first)."""

CSV_HEADERS = ("时间", "操作", "操作代码", "工号", "员工", "批准人工号", "批准人", "对象", "对象编号", "修改前", "修改后")

ACTION_NAMES: dict[str, tuple[str, str]] = {
    "sign_in": ("登录", "Signed in"),
    "sign_in_failed": ("登录失败", "Sign-in refused"),
    "approval": ("店主批准", "Owner approved"),
    "approval_failed": ("批准密码错误", "Approval refused"),
    "approval_refused": ("无权批准", "Not allowed to approve"),
    "pin_change": ("修改密码", "PIN changed"),
    "pin_change_failed": ("修改密码失败", "PIN change refused"),
    "staff_first_pin": ("设置店主密码", "First owner PIN set"),
    "staff_add": ("新增员工", "Staff added"),
    "staff_rename": ("员工改名", "Staff renamed"),
    "staff_roles": ("修改角色", "Roles changed"),
    "staff_pin_reset": ("重置密码", "PIN reset"),
    "staff_unlock": ("解锁员工", "Staff unlocked"),
    "staff_deactivate": ("停用员工", "Staff deactivated"),
    "staff_reactivate": ("启用员工", "Staff reactivated"),
    "backup_restore": ("恢复备份", "Backup restored"),
    "audit_export": ("导出操作日志", "Audit log exported"),
    "settings_change": ("修改设置", "Settings changed"),
    "refund": ("退款", "Refund"),
    "price_override": ("改价", "Price override"),
    "discount": ("折扣", "Discount"),
    "day_close": ("日结", "Day closed"),
    "cash_in": ("存入现金", "Cash in"),
    "cash_out": ("取出现金", "Cash out"),
    "stock_count": ("盘点", "Stock count"),
    "product_add": ("新增商品", "Product added"),
    "pickup": ("核销提货", "Pickup"),
    "pickup_undo": ("撤销核销", "Pickup undone"),
    "arrival_open": ("开始验收", "Delivery opened"),
    "arrival_sign_off": ("到货签收", "Delivery signed off"),
    "claim_create": ("提交售后", "Claim made"),
}


def action_name(action: str, lang: str) -> str:
    """An action code in words (the code itself when it has no name yet)."""
    pair = ACTION_NAMES.get(action)
    if pair is None:
        return action
    return pair[1] if lang.startswith("en") else pair[0]


@dataclass(frozen=True, slots=True)
class AuditFilter:
    first_day: date | None = None  # business days, inclusive
    last_day: date | None = None
    action: str | None = None
    staff_no: str | None = None  # as the one who did it or the approver


@dataclass(frozen=True, slots=True)
class AuditEntry:
    entry_id: int
    at: datetime  # in the store's zone
    action: str
    staff_no: str | None
    staff_name: str | None
    approver_no: str | None
    approver_name: str | None
    entity: str
    entity_id: str
    before: dict | None
    after: dict | None


class AuditView:
    """Read-only access to the audit log for Settings → Audit log."""

    def __init__(self, db: Database, clock: Clock, calendar: BusinessCalendar) -> None:
        self._db = db
        self._clock = clock
        self._calendar = calendar

    def entries(self, where: AuditFilter, *, actor: Actor, approver: Actor | None = None,
                limit: int = MAX_ROWS) -> list[AuditEntry]:
        """Entries matching `where`, newest first, at most `limit`."""
        check(actor, "audit.view", approver=approver)
        return self._entries(where, limit)

    def count(self, where: AuditFilter, *, actor: Actor, approver: Actor | None = None) -> int:
        check(actor, "audit.view", approver=approver)
        with self._db.read() as uow:
            query = self._query(where).with_only_columns(func.count(AuditLog.id)).order_by(None)
            return int(uow.session.scalar(query) or 0)

    def actions(self) -> list[str]:
        """Every action code in the log, for the filter's list."""
        with self._db.read() as uow:
            return sorted(uow.session.scalars(select(AuditLog.action).distinct()).all())

    def export_csv(self, path: Path, where: AuditFilter, *, actor: Actor, approver: Actor | None = None,
                   lang: str = "zh_CN") -> int:
        """Write every matching entry (oldest first) to path as CSV; returns how many.

        The export itself is audited: who took a copy of the log, and of which part."""
        approved = check(actor, "audit.view", approver=approver)
        rows = list(reversed(self._entries(where, None)))
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(CSV_HEADERS)
        for e in rows:
            writer.writerow([_cell(v) for v in (
                e.at.strftime("%Y-%m-%d %H:%M:%S"), action_name(e.action, lang), e.action,
                e.staff_no or "", e.staff_name or "", e.approver_no or "", e.approver_name or "",
                e.entity, e.entity_id, _json(e.before), _json(e.after),
            )])
        path = Path(path)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(buffer.getvalue().encode("utf-8-sig"))
        tmp.replace(path)
        with self._db.write() as uow:
            record_audit(
                uow.session, at=self._clock.now(), staff_id=actor.staff_id,
                approver_id=approved.staff_id if approved else None, action="audit_export",
                entity="audit_log", entity_id=str(len(rows)),
                after={"rows": len(rows), "file": path.name, **_filter_dict(where)},
            )
            uow.commit()
        return len(rows)

    # --- inside --------------------------------------------------------------------------

    def _query(self, where: AuditFilter) -> Select:
        query = select(AuditLog)
        if where.first_day is not None:
            start, _ = self._calendar.day_bounds(where.first_day)
            query = query.where(AuditLog.at >= start.replace(tzinfo=None))
        if where.last_day is not None:
            _, end = self._calendar.day_bounds(where.last_day)
            query = query.where(AuditLog.at < end.replace(tzinfo=None))
        if where.action:
            query = query.where(AuditLog.action == where.action)
        if where.staff_no:
            ids = select(Staff.id).where(Staff.staff_no == where.staff_no).scalar_subquery()
            query = query.where((AuditLog.staff_id == ids) | (AuditLog.approver_id == ids))
        return query

    def _entries(self, where: AuditFilter, limit: int | None) -> list[AuditEntry]:
        doer, approver = aliased(Staff), aliased(Staff)
        base = self._query(where).subquery()
        entry = aliased(AuditLog, base)
        query = (
            select(entry, doer.staff_no, doer.name, approver.staff_no, approver.name)
            .outerjoin(doer, doer.id == entry.staff_id)
            .outerjoin(approver, approver.id == entry.approver_id)
            .order_by(entry.at.desc(), entry.id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        with self._db.read() as uow:
            return [
                AuditEntry(
                    entry_id=row.id,
                    at=self._calendar.local(as_utc(row.at)),
                    action=row.action,
                    staff_no=s_no, staff_name=s_name, approver_no=a_no, approver_name=a_name,
                    entity=row.entity, entity_id=row.entity_id,
                    before=row.before, after=row.after,
                )
                for row, s_no, s_name, a_no, a_name in uow.session.execute(query).all()
            ]


def _json(value: dict | None) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _cell(value: str) -> str:
    """Text Excel must show as text, not run: a leading ' before = + - @ and control chars."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def _filter_dict(where: AuditFilter) -> dict[str, str]:
    return {
        key: str(value)
        for key, value in (("first_day", where.first_day), ("last_day", where.last_day),
                           ("action", where.action), ("staff_no", where.staff_no))
        if value
    }
