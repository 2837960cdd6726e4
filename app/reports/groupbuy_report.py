"""Group-buying over a period, for the leader: per campaign what was ordered, handed out, is
still waiting or came short; the pickup rate day by day; orders waiting too long (滞留); and
the commission each campaign earns at its rate.

Which campaigns: those whose pickup day falls in the period, and, when the period includes
today, every campaign with orders still open (goods not yet here, or on the shelf).

What the figures mean (active orders only: cancelled and refunded ones are counted apart):
- items: pieces ordered; short: pieces the delivery did not bring (shared out at sign-off);
  picked: pieces handed out (less undos); waiting: pieces on the shelf for the customer;
  not arrived: pieces of orders whose delivery has not been signed off yet.
- pickup rate: picked / (picked + waiting), the share of the goods made ready that has gone.
- commission: the campaign's rate (basis points of takings) × the value of the goods handed
  out, rounded half up to the fen. It is an estimate until the platform settles it: the
  platform sends no settlement yet, so every figure is marked as an estimate.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

from sqlalchemy import ColumnElement, and_, case, distinct, func, select
from sqlalchemy.orm import Session

from app.clock import BusinessCalendar
from app.i18n import Text
from app.pickups.lists import WaitingOrder, waiting_orders
from app.reports.periods import HourBuckets, Period, naive_utc, period_bounds
from app.reports.tables import Column, Table
from app.reports.words import ESTIMATE_NOTE, W
from local_db.models import Campaign, GroupOrder, GroupOrderLine, Pickup, PickupLine

WAITING_DAYS_DEFAULT = 3
CHART_MIN_DAYS = 14
"""The pickup-rate chart shows at least this many days (today alone is not a trend)."""


def commission_fen(value_fen: int, rate_bp: int) -> int:
    """value × rate in basis points, rounded half up to the fen."""
    return (value_fen * rate_bp + 5000) // 10000


@dataclass(frozen=True, slots=True)
class CampaignFigures:
    campaign_id: int
    title: str
    pickup_date: date | None
    commission_bp: int
    orders: int  # active orders
    cancelled_orders: int  # cancelled or refunded by the platform
    orders_collected: int  # everything handed out
    orders_waiting: int  # goods on the shelf (ready or partly picked up)
    orders_not_arrived: int  # delivery not signed off yet
    items: int
    items_short: int
    items_picked: int
    items_waiting: int
    items_not_arrived: int
    goods_value_fen: int  # price × (ordered - short) of active orders
    picked_value_fen: int  # price × picked
    commission_confirmed: bool = False  # the platform has no settlement message yet

    @property
    def pickup_rate(self) -> Fraction | None:
        made_ready = self.items_picked + self.items_waiting
        return Fraction(self.items_picked, made_ready) if made_ready > 0 else None

    @property
    def commission_fen(self) -> int:
        """Earned so far on what was handed out (an estimate unless confirmed)."""
        return commission_fen(self.picked_value_fen, self.commission_bp)

    @property
    def commission_expected_fen(self) -> int:
        """What the campaign would earn once every piece here is picked up (an estimate)."""
        return commission_fen(self.goods_value_fen, self.commission_bp)


@dataclass(frozen=True, slots=True)
class PickupDay:
    day: date
    made_ready: int  # pieces bagged and shelved that day (campaigns of the report)
    handed_out: int  # pieces handed out that day, less undos (campaigns of the report)
    rate_so_far: Fraction | None  # handed out / made ready, up to the end of the day


@dataclass(frozen=True, slots=True)
class GroupBuyReport:
    period: Period
    generated_at: datetime  # local time of the store
    campaigns: tuple[CampaignFigures, ...]  # newest pickup day first
    pickup_days: tuple[PickupDay, ...]
    handouts_in_period: int  # hand-outs (核销) in the period, less undone ones, all campaigns
    pieces_in_period: int  # pieces handed out in the period, less undos, all campaigns
    waiting: tuple[WaitingOrder, ...]  # orders waiting at least waiting_min_days
    waiting_min_days: int

    def total(self, field: str) -> int:
        return sum(int(getattr(c, field)) for c in self.campaigns)

    @property
    def commission_fen(self) -> int:
        return sum(c.commission_fen for c in self.campaigns)

    @property
    def commission_expected_fen(self) -> int:
        return sum(c.commission_expected_fen for c in self.campaigns)

    @property
    def commission_estimated(self) -> bool:
        return not all(c.commission_confirmed for c in self.campaigns)

    @property
    def pickup_rate(self) -> Fraction | None:
        picked, waiting = self.total("items_picked"), self.total("items_waiting")
        return Fraction(picked, picked + waiting) if picked + waiting else None

    def tables(self, lang: str = "zh_CN") -> list[Table]:
        return groupbuy_tables(self)


# --- building it --------------------------------------------------------------------------


def _active() -> ColumnElement[bool]:
    return and_(GroupOrder.cloud_state == "active", GroupOrder.withdrawn.is_(False))


def campaigns_in_scope(s: Session, period: Period, today: date) -> list[int]:
    ids = set(s.scalars(select(Campaign.id).where(
        Campaign.pickup_date.between(period.first, period.last), Campaign.withdrawn.is_(False))))
    if period.contains(today):
        ids |= set(s.scalars(
            select(GroupOrder.campaign_id).where(
                _active(), GroupOrder.fulfilment.in_(("awaiting", "ready", "partial"))).distinct()
        ))
    return sorted(ids)


def build_groupbuy_report(s: Session, *, calendar: BusinessCalendar, period: Period,
                          now: datetime, waiting_days: int = WAITING_DAYS_DEFAULT) -> GroupBuyReport:
    today = calendar.business_day(now)
    ids = campaigns_in_scope(s, period, today)
    campaigns = _campaign_figures(s, ids)
    handouts, pieces = _handed_out_between(s, *period_bounds(calendar, period))
    return GroupBuyReport(
        period=period,
        generated_at=calendar.local(now),
        campaigns=tuple(sorted(campaigns, key=lambda c: (c.pickup_date or date.min, c.campaign_id),
                               reverse=True)),
        pickup_days=_pickup_days(s, calendar, period, [c.campaign_id for c in campaigns]),
        handouts_in_period=handouts,
        pieces_in_period=pieces,
        waiting=tuple(waiting_orders(s, now=now, calendar=calendar, min_days=max(0, waiting_days))),
        waiting_min_days=max(0, waiting_days),
    )


def _campaign_figures(s: Session, ids: list[int]) -> list[CampaignFigures]:
    if not ids:
        return []
    active = _active()
    left = func.max(0, GroupOrderLine.qty_ordered - GroupOrderLine.qty_short
                    - GroupOrderLine.qty_picked)
    here = and_(active, GroupOrder.fulfilment.in_(("ready", "partial")))
    awaiting = and_(active, GroupOrder.fulfilment == "awaiting")

    def pieces(cond: ColumnElement[bool], expr: Any) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((cond, expr), else_=0)), 0)

    def orders(cond: ColumnElement[bool]) -> ColumnElement[int]:
        return func.count(distinct(case((cond, GroupOrder.id))))

    rows = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows.update({r[0]: r[1:] for r in s.execute(
            select(
                GroupOrder.campaign_id,
                orders(active), orders(GroupOrder.cloud_state != "active"),
                orders(and_(active, GroupOrder.fulfilment == "collected")), orders(here),
                orders(awaiting),
                pieces(active, GroupOrderLine.qty_ordered), pieces(active, GroupOrderLine.qty_short),
                pieces(active, GroupOrderLine.qty_picked), pieces(here, left),
                pieces(awaiting, GroupOrderLine.qty_ordered - GroupOrderLine.qty_short),
                pieces(active, GroupOrderLine.price_fen
                       * (GroupOrderLine.qty_ordered - GroupOrderLine.qty_short)),
                pieces(active, GroupOrderLine.price_fen * GroupOrderLine.qty_picked),
            )
            .join(GroupOrderLine, GroupOrderLine.order_id == GroupOrder.id)
            .where(GroupOrder.campaign_id.in_(chunk))
            .group_by(GroupOrder.campaign_id)
        )})
    out = []
    for c in s.scalars(select(Campaign).where(Campaign.id.in_(ids))):
        r = [int(x or 0) for x in rows.get(c.id, (0,) * 12)]
        out.append(CampaignFigures(
            campaign_id=c.id, title=c.title, pickup_date=c.pickup_date,
            commission_bp=c.commission_bp, orders=r[0], cancelled_orders=r[1],
            orders_collected=r[2], orders_waiting=r[3], orders_not_arrived=r[4], items=r[5],
            items_short=r[6], items_picked=r[7], items_waiting=r[8], items_not_arrived=r[9],
            goods_value_fen=r[10], picked_value_fen=r[11],
        ))
    return out


def _signed_qty() -> ColumnElement[int]:
    return case((Pickup.kind == "undo", -PickupLine.qty), else_=PickupLine.qty)


def _handed_out_between(s: Session, start: datetime, end: datetime) -> tuple[int, int]:
    """(hand-outs not undone, pieces less undos) with Pickup.created_at in [start, end)."""
    within = and_(Pickup.created_at >= naive_utc(start), Pickup.created_at < naive_utc(end))
    pieces = s.scalar(
        select(func.coalesce(func.sum(_signed_qty()), 0)).select_from(Pickup)
        .join(PickupLine, PickupLine.pickup_id == Pickup.id).where(within)
    )
    kinds = dict(s.execute(
        select(Pickup.kind, func.count()).where(within).group_by(Pickup.kind)
    ).all())
    return int(kinds.get("pickup", 0)) - int(kinds.get("undo", 0)), int(pieces or 0)


def _pickup_days(s: Session, calendar: BusinessCalendar, period: Period,
                 campaign_ids: list[int]) -> tuple[PickupDay, ...]:
    last = period.last
    first = min(period.first, last - timedelta(days=CHART_MIN_DAYS - 1))
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    ready: dict[date, int] = {}
    picked: dict[date, int] = {}
    buckets = HourBuckets(calendar)
    for start in range(0, len(campaign_ids), 500):
        chunk = campaign_ids[start:start + 500]
        in_scope = and_(GroupOrder.campaign_id.in_(chunk), _active())
        made = buckets.expr(GroupOrder.ready_at)
        for key, qty in s.execute(
            select(made, func.sum(GroupOrderLine.qty_ordered - GroupOrderLine.qty_short))
            .join(GroupOrderLine, GroupOrderLine.order_id == GroupOrder.id)
            .where(in_scope, GroupOrder.ready_at.is_not(None)).group_by(made)
        ):
            day, _hour = buckets.place(key)
            ready[day] = ready.get(day, 0) + int(qty or 0)
        went = buckets.expr(Pickup.created_at)
        for key, qty in s.execute(
            select(went, func.sum(_signed_qty())).select_from(Pickup)
            .join(PickupLine, PickupLine.pickup_id == Pickup.id)
            .join(GroupOrder, GroupOrder.id == Pickup.order_id)
            .where(in_scope).group_by(went)
        ):
            day, _hour = buckets.place(key)
            picked[day] = picked.get(day, 0) + int(qty or 0)
    ready_sum = sum(q for d, q in ready.items() if d < first)
    picked_sum = sum(q for d, q in picked.items() if d < first)
    out = []
    for day in days:
        ready_sum += ready.get(day, 0)
        picked_sum += picked.get(day, 0)
        rate = Fraction(min(picked_sum, ready_sum), ready_sum) if ready_sum > 0 else None
        out.append(PickupDay(day, ready.get(day, 0), picked.get(day, 0), rate))
    return tuple(out)


# --- its tables ---------------------------------------------------------------------------


def groupbuy_tables(r: GroupBuyReport) -> list[Table]:
    campaigns = Table(
        name="groupbuy_campaigns",
        title=Text("团购活动汇总", "Campaigns"),
        columns=(
            Column(W["campaign"]), Column(W["pickup_date"], "date"), Column(W["orders"], "int"),
            Column(W["items"], "int"), Column(W["handed_out"], "int"), Column(W["waiting"], "int"),
            Column(W["not_arrived"], "int"), Column(W["short"], "int"),
            Column(W["pickup_rate"], "percent"), Column(W["cancelled"], "int"),
            Column(W["goods_value"], "fen"), Column(W["commission_rate"], "percent"),
            Column(W["commission"], "fen"), Column(W["commission_expected"], "fen"),
        ),
        rows=tuple(
            (c.title, c.pickup_date, c.orders, c.items, c.items_picked, c.items_waiting,
             c.items_not_arrived, c.items_short, c.pickup_rate, c.cancelled_orders,
             c.goods_value_fen, Fraction(c.commission_bp, 10000), c.commission_fen,
             c.commission_expected_fen)
            for c in r.campaigns
        ),
        totals=(W["total"], None, r.total("orders"), r.total("items"), r.total("items_picked"),
                r.total("items_waiting"), r.total("items_not_arrived"), r.total("items_short"),
                r.pickup_rate, r.total("cancelled_orders"), r.total("goods_value_fen"), None,
                r.commission_fen, r.commission_expected_fen),
        note=ESTIMATE_NOTE,
    )
    days = Table(
        name="groupbuy_pickup_rate",
        title=Text("提货率走势", "Pickup rate over time"),
        columns=(Column(W["day"], "date"), Column(W["made_ready"], "int"),
                 Column(W["handed_out"], "int"), Column(W["rate_so_far"], "percent")),
        rows=tuple((d.day, d.made_ready, d.handed_out, d.rate_so_far) for d in r.pickup_days),
    )
    waiting = Table(
        name="groupbuy_waiting",
        title=Text(f"滞留订单（{r.waiting_min_days}天及以上）",
                   f"Orders waiting {r.waiting_min_days} days or more"),
        columns=(Column(W["order_no"]), Column(W["customer"]), Column(W["phone_tail"]),
                 Column(W["campaign"]), Column(W["waiting"], "int"), Column(W["shelf"]),
                 Column(W["waiting_since"], "date"), Column(W["days_waiting"], "int")),
        rows=tuple((w.order_no, w.customer, w.phone_tail, w.campaign_title, w.items,
                    w.shelf_slot, w.waiting_since, w.days_waiting) for w in r.waiting),
    )
    return [campaigns, days, waiting]


__all__ = [
    "CHART_MIN_DAYS",
    "WAITING_DAYS_DEFAULT",
    "CampaignFigures",
    "GroupBuyReport",
    "PickupDay",
    "build_groupbuy_report",
    "campaigns_in_scope",
    "commission_fen",
    "groupbuy_tables",
]
