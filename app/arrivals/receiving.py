"""Checking a delivery at the door (到货验收), up to the leader's sign-off.

The leader opens the check for a campaign, scans each product's barcode (or picks a line and
types the count), enters damaged and missing pieces with a reason and maybe a photo, sees
who would go without under the allocation rule, and signs off. Counts are saved as they are
entered, so a crash or a customer at the counter loses nothing; nothing reaches the
platform until the sign-off, which is one transaction (see `signoff.py`).

Expected quantities come from this station's orders for the campaign, cancelled and
refunded ones left out, minus what earlier deliveries of the same campaign already brought
or declared missing: a second truck is checked against what is still owed, and its counts
add to the first one's.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.actors import LEADER, Actor, require_any_role
from app.arrivals.allocation import DEFAULT_RULE, check_rule
from app.arrivals.queries import (
    active_orders,
    campaign_items,
    earlier_totals,
    ensure_lines,
    expected_quantities,
    naive_utc,
)
from app.arrivals.sheet import (
    AllocationPlan,
    ArrivalLineView,
    ArrivalSheet,
    CampaignDelivery,
    SignOffResult,
)
from app.arrivals.signoff import build_plan, sign_off_arrival
from app.audit import record_audit
from app.clock import Clock, as_utc
from app.errors import NotFound, UserFacingError
from local_db.engine import Database
from local_db.models import (
    Arrival,
    Campaign,
    CampaignItem,
    GroupOrder,
    Staff,
)

MAX_COUNT = 100_000
"""No delivery line is this big; a larger number is a scanner typing into the count box."""


class ArrivalClosed(UserFacingError):
    def __init__(self) -> None:
        super().__init__(
            "这次到货已经签收，不能再修改或重复签收。",
            "This delivery is already signed off; it cannot be changed or signed again.",
            code="arrival_signed",
        )


class UnknownBarcode(UserFacingError):
    def __init__(self, barcode: str) -> None:
        super().__init__(
            f"条码 {barcode} 不是这次团购的商品，没有计数。",
            f"Barcode {barcode} is not an item of this campaign; nothing was counted.",
            code="unknown_barcode",
        )


class ReceivingService:
    """到货验收: the Arrivals screen's core. Every method is one unit of work."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    # --- reading -------------------------------------------------------------------------

    def campaigns_to_receive(self) -> list[CampaignDelivery]:
        """Campaigns with orders here still waiting for goods, by pickup date."""
        with self._db.read() as uow:
            s = uow.session
            waiting = dict(
                s.execute(
                    select(GroupOrder.campaign_id, func.count())
                    .where(*active_orders(), GroupOrder.fulfilment == "awaiting")
                    .group_by(GroupOrder.campaign_id)
                ).all()
            )
            if not waiting:
                return []
            campaigns = s.scalars(
                select(Campaign).where(Campaign.id.in_(waiting), Campaign.withdrawn.is_(False))
            ).all()
            result = []
            for c in campaigns:
                arrivals = s.execute(
                    select(Arrival.id, Arrival.signed_off).where(Arrival.campaign_id == c.id)
                ).all()
                open_id = next((a for a, signed in arrivals if not signed), None)
                result.append(CampaignDelivery(
                    campaign_id=c.id, title=c.title, pickup_date=c.pickup_date,
                    orders_waiting=int(waiting[c.id]), open_arrival_id=open_id,
                    deliveries_signed=sum(1 for _a, signed in arrivals if signed),
                ))
            result.sort(key=lambda d: (d.pickup_date is None, d.pickup_date, d.campaign_id))
            return result

    def sheet(self, *, arrival_id: int) -> ArrivalSheet:
        """The check sheet as it stands (expected quantities are live for an open check)."""
        with self._db.read() as uow:
            return _sheet(uow.session, _arrival(uow.session, arrival_id))

    def preview_allocation(
        self,
        *,
        arrival_id: int,
        rule: str | None = None,
        manual: Mapping[int, int] | None = None,
        rest_missing: bool = False,
    ) -> AllocationPlan:
        """Who would go without if the leader signed off now under `rule`; changes nothing.

        With rule "manual" and no `manual` shares yet, the plan lists the candidates (every
        waiting order line of each short item) with nothing shared, for the leader to fill in.
        """
        with self._db.read() as uow:
            arrival = _open(uow.session, arrival_id)
            rule = check_rule(rule or arrival.allocation_rule)
            lenient = rule == "manual" and manual is None
            return build_plan(uow.session, arrival, rule=rule, manual=manual,
                              rest_missing=rest_missing, check_manual=not lenient)

    # --- counting ------------------------------------------------------------------------

    def open_arrival(self, *, campaign_id: int, actor: Actor) -> ArrivalSheet:
        """Start checking a delivery of `campaign_id`, or resume the check already open."""
        require_any_role(actor, LEADER)
        now = self._clock.now()
        with self._db.write() as uow:
            s = uow.session
            campaign = s.get(Campaign, campaign_id)
            if campaign is None or campaign.withdrawn:
                raise NotFound(f"没有团购活动 {campaign_id}", f"No campaign {campaign_id}")
            arrival = s.scalars(
                select(Arrival).where(Arrival.campaign_id == campaign_id,
                                      Arrival.signed_off.is_(False)).order_by(Arrival.id)
            ).first()
            if arrival is None:
                arrival = Arrival(campaign_id=campaign_id, received_at=naive_utc(now),
                                  staff_id=actor.staff_id, allocation_rule=DEFAULT_RULE)
                s.add(arrival)
                s.flush()
                ensure_lines(s, arrival)
                record_audit(s, at=now, staff_id=actor.staff_id, action="arrival_open",
                             entity="arrival", entity_id=arrival.uuid,
                             after={"campaign_id": campaign_id})
            sheet = _sheet(s, arrival)
            uow.commit()
            return sheet

    def scan(self, *, arrival_id: int, barcode: str, actor: Actor, qty: int = 1) -> ArrivalLineView:
        """A product barcode scanned at the door: `qty` more good pieces of that item.

        A barcode that is not one of the campaign's items changes nothing and says so.
        """
        require_any_role(actor, LEADER)
        code = unicodedata.normalize("NFKC", barcode).strip()
        _check_count(qty, "数量", "quantity", allow_zero=False)
        with self._db.write() as uow:
            s = uow.session
            arrival = _open(s, arrival_id)
            items = s.scalars(
                select(CampaignItem).where(CampaignItem.campaign_id == arrival.campaign_id,
                                           CampaignItem.withdrawn.is_(False),
                                           CampaignItem.barcode == code)
            ).all()
            if not code or not items:
                raise UnknownBarcode(code or barcode)
            if len(items) > 1:
                names = "、".join(i.name for i in items)
                raise UserFacingError(
                    f"条码 {code} 对应多个商品（{names}），请在列表中选择商品后输入数量。",
                    f"Barcode {code} belongs to several items ({names}); pick the line and type the count.",
                    code="ambiguous_barcode",
                )
            line = ensure_lines(s, arrival)[items[0].id]
            if line.qty_received + qty > MAX_COUNT:
                _check_count(line.qty_received + qty, "数量", "quantity")
            line.qty_received += qty
            s.flush()
            view = _sheet(s, arrival).line(items[0].id)
            uow.commit()
            return view

    def set_counts(
        self,
        *,
        arrival_id: int,
        campaign_item_id: int,
        actor: Actor,
        received: int | None = None,
        damaged: int | None = None,
        missing: int | None = None,
        reason: str | None = None,
        photo_path: str | Path | None = None,
        clear_photo: bool = False,
    ) -> ArrivalLineView:
        """Type the counts of one line; arguments left as None keep their value."""
        require_any_role(actor, LEADER)
        for value, zh, en in ((received, "到货数量", "received"), (damaged, "破损数量", "damaged"),
                              (missing, "缺少数量", "missing")):
            if value is not None:
                _check_count(value, zh, en)
        if reason is not None and len(reason) > 200:
            raise UserFacingError("原因最多200个字", "The reason is at most 200 characters",
                                  code="reason_too_long")
        photo = None
        if photo_path is not None:
            photo = str(photo_path)
            if len(photo) > 300 or not Path(photo).is_file():
                raise UserFacingError(f"找不到照片文件：{photo}", f"No photo file at {photo}",
                                      code="photo_missing")
        with self._db.write() as uow:
            s = uow.session
            arrival = _open(s, arrival_id)
            lines = ensure_lines(s, arrival)
            if campaign_item_id not in lines:
                raise NotFound(f"这次团购没有商品 {campaign_item_id}",
                               f"No item {campaign_item_id} in this campaign")
            line = lines[campaign_item_id]
            if received is not None:
                line.qty_received = received
            if damaged is not None:
                line.qty_damaged = damaged
            if missing is not None:
                line.qty_missing = missing
            if reason is not None:
                line.reason = reason.strip()
            if photo is not None:
                line.photo_path = photo
            elif clear_photo:
                line.photo_path = None
            s.flush()
            view = _sheet(s, arrival).line(campaign_item_id)
            uow.commit()
            return view

    def choose_rule(self, *, arrival_id: int, rule: str, actor: Actor) -> None:
        """Remember the leader's allocation rule on the open check."""
        require_any_role(actor, LEADER)
        check_rule(rule)
        with self._db.write() as uow:
            _open(uow.session, arrival_id).allocation_rule = rule
            uow.commit()

    # --- signing off ---------------------------------------------------------------------

    def sign_off(
        self,
        *,
        arrival_id: int,
        actor: Actor,
        rule: str | None = None,
        manual: Mapping[int, int] | None = None,
        rest_missing: bool = False,
        note: str = "",
    ) -> SignOffResult:
        """Sign off the delivery with the staff member on duty.

        In one transaction: shortages are shared among the waiting orders by `rule`
        (`manual` maps order_line_id -> pieces short for rule "manual"), orders with
        everything here become ready with a bag id and shelf slot, a claim (售后) is made per
        item for the damaged and for the missing pieces, and the arrival and each claim go
        to the outbox. `rest_missing` declares everything not counted as missing (no more
        trucks are coming). Signing the same delivery twice is refused.
        """
        require_any_role(actor, LEADER)
        if len(note) > 200:
            raise UserFacingError("备注最多200个字", "The note is at most 200 characters",
                                  code="note_too_long")
        now = self._clock.now()
        with self._db.write() as uow:
            s = uow.session
            arrival = _open(s, arrival_id)
            staff = s.get(Staff, actor.staff_id)
            if staff is None or not staff.active:
                raise NotFound("签收人不在员工名单中", "The signing staff member is not on the roll")
            result = sign_off_arrival(
                s, arrival, actor=actor, staff_uuid=staff.uuid, now=now,
                rule=check_rule(rule or arrival.allocation_rule), manual=manual,
                rest_missing=rest_missing, note=note.strip(),
            )
            uow.commit()
            return result


# --- inside --------------------------------------------------------------------------------


def _check_count(value: object, zh: str, en: str, *, allow_zero: bool = True) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise UserFacingError(f"{zh}必须是整数", f"The {en} must be a whole number", code="bad_count")
    if value < (0 if allow_zero else 1) or value > MAX_COUNT:
        raise UserFacingError(
            f"{zh}必须在 {0 if allow_zero else 1} 到 {MAX_COUNT} 之间",
            f"The {en} must be between {0 if allow_zero else 1} and {MAX_COUNT}",
            code="bad_count",
        )


def _arrival(session: Session, arrival_id: int) -> Arrival:
    arrival = session.get(Arrival, arrival_id)
    if arrival is None:
        raise NotFound(f"没有到货记录 {arrival_id}", f"No delivery record {arrival_id}")
    return arrival


def _open(session: Session, arrival_id: int) -> Arrival:
    arrival = _arrival(session, arrival_id)
    if arrival.signed_off:
        raise ArrivalClosed()
    return arrival


def _sheet(session: Session, arrival: Arrival) -> ArrivalSheet:
    campaign = session.get(Campaign, arrival.campaign_id)
    assert campaign is not None
    staff = session.get(Staff, arrival.staff_id)
    if arrival.signed_off:
        expected = {line.campaign_item_id: line.qty_expected for line in arrival.lines}
    else:
        expected = expected_quantities(session, arrival)
    before = earlier_totals(session, arrival)
    lines_by_item = {line.campaign_item_id: line for line in arrival.lines}
    items = campaign_items(session, arrival.campaign_id)
    known = {item.id for item in items}
    # An item withdrawn after it was counted still shows, so its counts are not hidden.
    for item_id in lines_by_item:
        gone = session.get(CampaignItem, item_id) if item_id not in known else None
        if gone is not None:
            items.append(gone)
    views = []
    for item in items:
        line = lines_by_item.get(item.id)
        views.append(ArrivalLineView(
            campaign_item_id=item.id, name=item.name, spec=item.spec, barcode=item.barcode,
            storage=item.storage, case_pack=item.case_pack,
            qty_expected=expected.get(item.id, 0),
            qty_received=line.qty_received if line else 0,
            qty_damaged=line.qty_damaged if line else 0,
            qty_missing=line.qty_missing if line else 0,
            reason=line.reason if line else "",
            photo_path=line.photo_path if line else None,
            qty_received_before=before.get(item.id, (0, 0))[0],
        ))
    truck_no = session.scalar(
        select(func.count()).select_from(Arrival)
        .where(Arrival.campaign_id == arrival.campaign_id, Arrival.id <= arrival.id)
    )
    return ArrivalSheet(
        arrival_id=arrival.id, arrival_uuid=arrival.uuid, campaign_id=campaign.id,
        campaign_title=campaign.title, pickup_date=campaign.pickup_date,
        truck_no=int(truck_no or 1), started_at=as_utc(arrival.received_at),
        signed_off=arrival.signed_off, staff_name=staff.name if staff else "",
        allocation_rule=arrival.allocation_rule, note=arrival.note, lines=tuple(views),
    )
