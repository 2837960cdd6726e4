"""The till (钱箱): open with a float, cash in and out, shift handover (交班), X and Z reports.

One cash session runs from opening to the Z report (日结); sales and refunds attach to it.
Expected cash in the drawer = float + cash sales - cash refunds + cash in - cash out. The Z
report closes the session with the counted cash by denomination and a numbered report (Z0001,
from the serial "z_report"); a closed session can never be closed again.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actors import CLERK, Actor, require_any_role
from app.audit import record_audit
from app.counter_base import (
    CounterService,
    check_fen,
    check_reason,
    naive_utc,
    open_cash_session,
    require_open_till,
    staff_names,
)
from app.errors import NotFound, UserFacingError
from app.numbering import next_serial
from app.permissions import check
from app.till_figures import TillFigures, gather_figures
from local_db.models import CashMovement, CashSession
from sync.outbox import write_event
from sync.protocol.events_counter import (
    CashMovementEvent,
    DayCloseEvent,
    ShiftHandoverEvent,
    TillOpenEvent,
)

DENOMINATIONS_FEN = (10000, 5000, 2000, 1000, 500, 100, 50, 10)
"""Notes and coins counted at the till: 100, 50, 20, 10, 5, 1 yuan, 5 jiao, 1 jiao."""


@dataclass(frozen=True, slots=True)
class TillSession:
    uuid: str
    business_day: date
    opened_at_local: datetime
    opened_by: str
    float_fen: int
    closed: bool
    z_number: str | None


@dataclass(frozen=True, slots=True)
class CashMovementRecord:
    uuid: str
    direction: Literal["in", "out"]
    amount_fen: int
    reason: str
    staff_name: str
    local_time: datetime


@dataclass(frozen=True, slots=True)
class DenominationCount:
    denomination_fen: int
    count: int
    amount_fen: int


@dataclass(frozen=True, slots=True)
class HandoverReport:
    """交班: the shift just ended, what it took, and the drawer count at the handover."""

    uuid: str
    from_name: str
    to_name: str
    shift_started_local: datetime
    local_time: datetime
    figures: TillFigures  # the shift's own sales, refunds and cash movements
    expected_cash_fen: int  # the whole drawer (float and earlier shifts included)
    counted_cash_fen: int
    counted: tuple[DenominationCount, ...]
    variance_fen: int
    variance_reason: str | None


@dataclass(frozen=True, slots=True)
class TillReport:
    """An X report (kind "X": so far, nothing closed) or a Z report (kind "Z": the day closed).

    Everything a printed end-of-day report shows; `figures` has the totals by method and by
    clerk. counted/variance are None on an X report.
    """

    kind: Literal["X", "Z"]
    z_number: str | None
    shop_name: str
    cash_session_uuid: str
    business_day: date
    opened_at_local: datetime
    opened_by: str
    local_time: datetime  # when printed (X) or closed (Z)
    closed_by: str | None
    float_fen: int
    figures: TillFigures
    expected_cash_fen: int
    counted_cash_fen: int | None
    counted: tuple[DenominationCount, ...]
    variance_fen: int | None
    variance_reason: str | None


def count_cash(counted: Mapping[int, int]) -> tuple[int, tuple[DenominationCount, ...]]:
    """The total of a drawer count {denomination in fen: how many}."""
    rows = []
    for denomination, n in counted.items():
        if denomination not in DENOMINATIONS_FEN:
            raise UserFacingError(f"未知的面额：{denomination} 分", f"Unknown denomination: {denomination} fen",
                                  code="bad_denomination")
        check_fen(n, zh="张数必须是不小于 0 的整数", en="A count must be a whole number of 0 or more")
    for denomination in DENOMINATIONS_FEN:
        n = int(counted.get(denomination, 0))
        rows.append(DenominationCount(denomination, n, denomination * n))
    return sum(r.amount_fen for r in rows), tuple(rows)


class TillService(CounterService):
    def current(self) -> TillSession | None:
        """The open till, or None (then sales must wait for open_till)."""
        with self._db.read() as uow:
            row = open_cash_session(uow.session)
            return self._session_info(uow.session, row) if row else None

    def open_till(self, *, float_fen: int, actor: Actor) -> TillSession:
        """开班: open the till with the float (change) put in the drawer."""
        require_any_role(actor, CLERK)
        check_fen(float_fen, zh="备用金必须是不小于 0 的金额", en="The float must be 0 or more")
        now = self._clock.now()
        with self._db.write() as uow:
            s = uow.session
            if open_cash_session(s) is not None:
                raise UserFacingError("钱箱已经开班", "The till is already open", code="till_open")
            row = CashSession(business_day=self._calendar.business_day(now), opened_at=naive_utc(now),
                              opened_by=actor.staff_id, float_fen=float_fen)
            s.add(row)
            s.flush()
            write_event(s, TillOpenEvent(created_at=now, cash_session_uuid=row.uuid,
                                         business_day=row.business_day, staff_uuid=actor.uuid,
                                         float_fen=float_fen), now=now)
            info = self._session_info(s, row)
            uow.commit()
        return info

    def cash_movement(self, *, direction: Literal["in", "out"], amount_fen: int, reason: str,
                      actor: Actor) -> CashMovementRecord:
        """Cash put in (more change) or taken out (paying a supplier, banking) with a reason."""
        require_any_role(actor, CLERK)
        if direction not in ("in", "out"):
            raise UserFacingError("方向只能是存入或取出", "Direction is in or out", code="bad_direction")
        check_fen(amount_fen, minimum=1, zh="金额必须大于 0", en="The amount must be above zero")
        reason = check_reason(reason, required=True)
        now = self._clock.now()
        with self._db.write() as uow:
            s = uow.session
            till = require_open_till(s)
            row = CashMovement(cash_session_id=till.id, kind=direction, amount_fen=amount_fen,
                               reason=reason, staff_id=actor.staff_id, created_at=naive_utc(now))
            s.add(row)
            s.flush()
            record_audit(s, at=now, staff_id=actor.staff_id, action=f"cash_{direction}",
                         entity="cash_session", entity_id=till.uuid,
                         after={"amount_fen": amount_fen, "reason": reason})
            write_event(s, CashMovementEvent(created_at=now, movement_uuid=row.uuid,
                                             cash_session_uuid=till.uuid, direction=direction,
                                             amount_fen=amount_fen, reason=reason,
                                             staff_uuid=actor.uuid), now=now)
            record = CashMovementRecord(row.uuid, direction, amount_fen, reason, actor.name,
                                        self._calendar.local(now))
            uow.commit()
        return record

    def handover(self, *, to: Actor, counted: Mapping[int, int], actor: Actor,
                 variance_reason: str | None = None) -> HandoverReport:
        """交班: `actor` hands the till to `to` after counting the drawer.

        A difference between counted and expected cash needs a reason.
        """
        require_any_role(actor, CLERK)
        require_any_role(to, CLERK)
        if to.staff_id == actor.staff_id:
            raise UserFacingError("不能交班给自己", "Hand over to another person", code="same_staff")
        counted_fen, detail = count_cash(counted)
        now = self._clock.now()
        with self._db.write() as uow:
            s = uow.session
            till = require_open_till(s)
            last = s.scalars(
                select(CashMovement).where(CashMovement.cash_session_id == till.id,
                                           CashMovement.kind == "handover")
                .order_by(CashMovement.id.desc())
            ).first()
            since = last.created_at if last else None
            shift = gather_figures(s, till, since=since, until=naive_utc(now))
            drawer = gather_figures(s, till, until=naive_utc(now))
            expected = till.float_fen + drawer.cash_net_fen
            reason = self._variance_reason(counted_fen - expected, variance_reason)
            row = CashMovement(cash_session_id=till.id, kind="handover", amount_fen=counted_fen,
                               reason=reason or "", staff_id=actor.staff_id, to_staff_id=to.staff_id,
                               created_at=naive_utc(now))
            s.add(row)
            s.flush()
            write_event(s, ShiftHandoverEvent(
                created_at=now, handover_uuid=row.uuid, cash_session_uuid=till.uuid,
                from_staff_uuid=actor.uuid, to_staff_uuid=to.uuid, totals=shift.net_totals(),
                expected_cash_fen=expected, counted_cash_fen=counted_fen, variance_reason=reason,
            ), now=now)
            report = HandoverReport(
                uuid=row.uuid, from_name=actor.name, to_name=to.name,
                shift_started_local=self._local(since or till.opened_at),
                local_time=self._calendar.local(now), figures=shift, expected_cash_fen=expected,
                counted_cash_fen=counted_fen, counted=detail, variance_fen=counted_fen - expected,
                variance_reason=reason,
            )
            uow.commit()
        return report

    def x_report(self) -> TillReport:
        """The figures of the open till so far; closes nothing."""
        now = self._clock.now()
        with self._db.read() as uow:
            s = uow.session
            till = require_open_till(s)
            figures = gather_figures(s, till, until=naive_utc(now))
            return self._report(s, "X", till, figures, now)

    def close_day(self, *, counted: Mapping[int, int], actor: Actor,
                  variance_reason: str | None = None, approver: Actor | None = None,
                  cash_session_uuid: str | None = None) -> TillReport:
        """日结: count the drawer, close the till with a numbered Z report. Once only.

        The owner closes the day; a clerk needs the owner's approval (permissions "till.close").
        """
        approver = check(actor, "till.close", approver=approver)
        counted_fen, detail = count_cash(counted)
        now = self._clock.now()
        with self._db.write() as uow:
            s = uow.session
            if cash_session_uuid is not None:
                till = s.scalars(select(CashSession).where(CashSession.uuid == cash_session_uuid)).first()
                if till is None:
                    raise NotFound("找不到这个班次", "No such till session")
            else:
                till = open_cash_session(s)
            if till is None or till.closed_at is not None:
                raise UserFacingError("这一班已经日结过了，不能重复日结",
                                      "This till has already been closed (Z report done)",
                                      code="already_closed")
            figures = gather_figures(s, till, until=naive_utc(now))
            expected = till.float_fen + figures.cash_net_fen
            reason = self._variance_reason(counted_fen - expected, variance_reason)
            till.closed_at = naive_utc(now)
            till.closed_by = actor.staff_id
            till.expected_cash_fen = expected
            till.counted_cash_fen = counted_fen
            till.counted_detail = {str(d.denomination_fen): d.count for d in detail if d.count}
            till.variance_reason = reason
            till.z_number = f"Z{next_serial(s, 'z_report'):04d}"
            s.flush()
            record_audit(s, at=now, staff_id=actor.staff_id,
                         approver_id=approver.staff_id if approver else None, action="day_close",
                         entity="cash_session", entity_id=till.uuid,
                         after={"z_number": till.z_number, "expected_cash_fen": expected,
                                "counted_cash_fen": counted_fen, "variance_reason": reason})
            write_event(s, DayCloseEvent(
                created_at=now, cash_session_uuid=till.uuid, z_number=till.z_number,
                business_day=till.business_day, staff_uuid=actor.uuid,
                approver_uuid=approver.uuid if approver else None, float_fen=till.float_fen,
                sales_count=figures.sales_count, refunds_count=figures.refunds_count,
                totals=figures.net_totals(), refunds_fen=figures.refunds_fen,
                discounts_fen=figures.discounts_fen, expected_cash_fen=expected,
                counted_cash_fen=counted_fen, variance_reason=reason,
            ), now=now)
            report = self._report(s, "Z", till, figures, now, detail=detail)
            uow.commit()
        return report

    def z_report(self, *, z_number: str) -> TillReport:
        """A closed day's Z report again (for a reprint)."""
        with self._db.read() as uow:
            s = uow.session
            till = s.scalars(select(CashSession).where(CashSession.z_number == z_number)).first()
            if till is None or till.closed_at is None:
                raise NotFound(f"找不到日结报表 {z_number}", f"No Z report {z_number}")
            figures = gather_figures(s, till, until=till.closed_at)
            detail = tuple(
                DenominationCount(d, int((till.counted_detail or {}).get(str(d), 0)),
                                  d * int((till.counted_detail or {}).get(str(d), 0)))
                for d in DENOMINATIONS_FEN
            )
            return self._report(s, "Z", till, figures, till.closed_at, detail=detail)

    # --- inside -------------------------------------------------------------------------

    def _variance_reason(self, variance: int, reason: str | None) -> str | None:
        clean = check_reason(reason or "", required=variance != 0)
        return clean or None

    def _session_info(self, s: Session, row: CashSession) -> TillSession:
        names = staff_names(s, [row.opened_by])
        return TillSession(row.uuid, row.business_day, self._local(row.opened_at),
                           names.get(row.opened_by, ""), row.float_fen, row.closed_at is not None,
                           row.z_number)

    def _report(self, s: Session, kind: Literal["X", "Z"], till: CashSession, figures: TillFigures,
                at: datetime, detail: tuple[DenominationCount, ...] = ()) -> TillReport:
        names = staff_names(s, [till.opened_by, till.closed_by])
        expected = till.float_fen + figures.cash_net_fen
        closed = kind == "Z"
        return TillReport(
            kind=kind, z_number=till.z_number, shop_name=self._settings.shop_name,
            cash_session_uuid=till.uuid, business_day=till.business_day,
            opened_at_local=self._local(till.opened_at), opened_by=names.get(till.opened_by, ""),
            local_time=self._local(at),
            closed_by=names.get(till.closed_by) if till.closed_by else None,
            float_fen=till.float_fen, figures=figures, expected_cash_fen=expected,
            counted_cash_fen=till.counted_cash_fen if closed else None, counted=detail,
            variance_fen=(till.counted_cash_fen - expected)
            if closed and till.counted_cash_fen is not None else None,
            variance_reason=till.variance_reason if closed else None,
        )

