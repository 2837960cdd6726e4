"""Every service method that takes an `actor`, called as a clerk, as a group leader and as the
owner, refuses or allows exactly as the role table in app/permissions.py says.

The methods are found with `inspect`, not listed by hand: a new method with an `actor`
argument fails `test_every_method_with_an_actor_has_a_case` until it gets a case below (or a
place in NOT_CALLED with the reason). Each call runs on a fresh copy of a small demo station,
so one call's effect never decides another's outcome.

What is asserted, by what the table gives the role for the case's action:

- alone: the call succeeds (PAST_ROLE_CHECK lists the few that can only get past the role
  check here and then fail for their own stated reason);
- ask: without an approver it is refused (PermissionDenied) and the database is unchanged;
  where the method takes `approver`, a clerk or leader as approver is refused too and the
  owner's approval makes it succeed;
- no: refused, with or without the owner's approval, and the database is unchanged.

Where a service and the table disagree, the pair is in DISAGREEMENTS: a strict xfail, so it
fails loudly once the service is brought in line and the entry can go.
"""
from __future__ import annotations

import hashlib
import inspect
import shutil
import sqlite3
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from child_driver import CALENDAR, SALE_BARCODES, T0, Template, copy_database
from sqlalchemy import select

from app.actors import Actor
from app.arrivals import ReceivingService
from app.audit_view import AuditFilter, AuditView
from app.backups import DB_FILE, BackupService
from app.cart import Cart
from app.clock import FixedClock
from app.counter_services import CounterServices
from app.errors import PermissionDenied, UserFacingError
from app.permissions import ROLE_TABLE
from app.pickups import PickupService
from app.pickups.verdict import PickupRefused
from app.reports.reorder import ReorderOptions
from app.reports.service import ReportService
from app.settings import Settings
from app.staff import StaffService
from app.stock import CountLine, ReceiveLine
from app.sync_service import SyncService
from app.tender import PaymentInput
from local_db.engine import Database
from local_db.models import Campaign, CampaignItem, Conflict, GroupOrder

FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
ROLES = ("clerk", "leader", "owner")
STAFF_NO = {"owner": "01", "clerk": "02", "leader": "03"}  # the demo's staff
TARGET = "09"  # a clerk the staff-management calls change

SERVICE_CLASSES: tuple[type, ...] = (
    *typing.get_type_hints(CounterServices).values(),
    PickupService, ReceivingService, SyncService, StaffService, BackupService, ReportService,
    AuditView,
)
NOT_CALLED: dict[str, str] = {}
"""Methods with an actor that no case calls, with the reason (none at present)."""
PAST_ROLE_CHECK = {
    "SyncService.enrol": (
        "bad_url",
        "needs a live platform to enrol with; an address that is not https is refused right "
        "after the role check, which is what this shows",
    ),
}
DISAGREEMENTS = {
    ("ReportService.save_reorder_options", "clerk"): (
        "the reorder factors live on the Reports screen (reports.view: 'owner; clerk and leader "
        "ask'), but save_reorder_options only requires the clerk role and takes no approver: a "
        "clerk saves them alone, while a leader the owner let into Reports is refused."
    ),
}


# --- the station each call runs on ---------------------------------------------------------------


@dataclass
class World:
    data_dir: Path
    db: Database
    clock: FixedClock
    settings: Settings
    counter: CounterServices
    pickups: PickupService
    receiving: ReceivingService
    sync: SyncService
    staff: StaffService
    backups: BackupService
    reports: ReportService
    audit: AuditView
    actors: dict[str, Actor]
    facts: dict[str, Any]

    @property
    def owner(self) -> Actor:
        return self.actors["owner"]

    def cart(self, discount_fen: int = 0) -> Cart:
        cart = Cart()
        for code in SALE_BARCODES[:2]:
            hit = self.counter.catalogue.lookup_barcode(code)
            assert hit is not None
            cart.add_product(hit.product, 3, barcode=code)
        cart.set_order_discount(discount_fen)
        return cart

    def checksum(self) -> str:
        digest = hashlib.sha256()
        conn = sqlite3.connect(self.data_dir / DB_FILE)
        try:
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'product_fts_%' ORDER BY name"):
                for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
                    digest.update(repr(row).encode())
        finally:
            conn.close()
        return digest.hexdigest()


def open_world(template_db: Path, data_dir: Path, facts: dict[str, Any]) -> World:
    data_dir.mkdir(parents=True, exist_ok=True)
    copy_database(template_db, data_dir / DB_FILE)
    db = Database(data_dir / DB_FILE)
    clock = FixedClock(T0)
    settings = Settings()
    staff = StaffService(db, clock, hasher=FAST_HASHER)
    by_no = {a.staff_no: a for a in staff.signable()}
    return World(
        data_dir=data_dir, db=db, clock=clock, settings=settings,
        counter=CounterServices.build(db, clock, CALENDAR, settings),
        pickups=PickupService(db, clock, CALENDAR, settings),
        receiving=ReceivingService(db, clock),
        sync=SyncService(db, settings, clock, data_dir),
        staff=staff,
        backups=BackupService(data_dir, settings, clock, CALENDAR),
        reports=ReportService(db, clock, CALENDAR, settings, data_dir=data_dir),
        audit=AuditView(db, clock, CALENDAR),
        actors={role: by_no[no] for role, no in STAFF_NO.items()},
        facts=facts,
    )


@dataclass(frozen=True)
class RoleTemplate:
    db: Path
    facts: dict[str, Any]


@pytest.fixture(scope="module")
def role_template(template: Template, tmp_path_factory: pytest.TempPathFactory) -> RoleTemplate:
    """The durability template plus what the calls need: a sale, a held cart, a conflict, a
    clerk to manage, and the campaign arriving today."""
    data_dir = tmp_path_factory.mktemp("roles")
    w = open_world(template.path, data_dir, {})
    try:
        clerk = w.actors["clerk"]
        sale = w.counter.sales.checkout(cart=w.cart(), payments=[PaymentInput("cash")], actor=clerk)
        held = w.counter.held_carts.hold(cart=w.cart(), actor=clerk, label="等一下")
        w.staff.add_staff(actor=w.owner, staff_no=TARGET, name="临时工", roles=["clerk"], pin="4826")
        hit = w.counter.catalogue.lookup_barcode(SALE_BARCODES[0])
        assert hit is not None
        today = CALENDAR.business_day(T0)
        with w.db.write() as uow:
            s = uow.session
            conflict = Conflict(event_id="e" * 32, kind="pickup", order_id=None,
                                detail="order_refunded: 平台已退款", created_at=T0.replace(tzinfo=None))
            s.add(conflict)
            s.flush()
            campaign_id = s.scalar(select(Campaign.id).where(Campaign.pickup_date == today))
            item = s.scalars(select(CampaignItem).where(CampaignItem.campaign_id == campaign_id,
                                                        CampaignItem.barcode.is_not(None))).first()
            assert item is not None
            order = template.facts["handable"][0]["order_id"]
            code = s.scalar(select(GroupOrder.pickup_code).where(GroupOrder.id == order))
            facts = {
                "sale_number": sale.number, "held_id": held.id, "conflict_id": conflict.id,
                "product_id": hit.product.id, "campaign_id": campaign_id, "item_id": item.id,
                "item_barcode": item.barcode, "order_id": order, "pickup_code": code,
            }
            uow.commit()
    finally:
        w.db.dispose()
    with sqlite3.connect(data_dir / DB_FILE) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return RoleTemplate(data_dir / DB_FILE, facts)


# --- the cases -----------------------------------------------------------------------------------


def ap(approver: Actor | None) -> dict[str, Actor]:
    return {} if approver is None else {"approver": approver}


Prepare = Callable[[World], Any]
Act = Callable[[World, Any, Actor, "Actor | None"], Any]


@dataclass(frozen=True)
class Case:
    method: str  # "Class.method"
    action: str  # the role table's action it stands for
    act: Act
    prepare: Prepare = lambda w: None  # noqa: E731 - done as the owner, before the call
    refusal: type[UserFacingError] = PermissionDenied
    refusal_reason: str | None = None  # for a PickupRefused, its reason

    @property
    def id(self) -> str:
        return f"{self.method}[{self.action}]"

    @property
    def takes_approver(self) -> bool:
        cls_name, name = self.method.split(".")
        cls = next(c for c in SERVICE_CLASSES if c.__name__ == cls_name)
        return "approver" in inspect.signature(getattr(cls, name)).parameters


def _open_arrival(w: World) -> int:
    return int(w.receiving.open_arrival(campaign_id=w.facts["campaign_id"], actor=w.owner).arrival_id)


def _counted_arrival(w: World) -> int:
    arrival = _open_arrival(w)
    w.receiving.scan(arrival_id=arrival, barcode=w.facts["item_barcode"], actor=w.owner)
    return arrival


def _handed_out(w: World) -> int:
    return w.pickups.hand_out(w.facts["order_id"], actor=w.owner).pickup_id


def _handed_out_long_ago(w: World) -> int:
    pickup_id = _handed_out(w)
    w.clock.advance(minutes=w.settings.pickup_undo_minutes + 5)
    return pickup_id


def _closed_till(w: World) -> None:
    w.counter.till.close_day(counted={}, variance_reason="测试", actor=w.owner)


def _backup(w: World) -> Path:
    made = w.backups.back_up_now(actor=w.owner).made
    assert made
    w.db.dispose()  # a restore needs the database closed
    return made[0]


def _extra_folder(w: World) -> Path:
    folder = w.data_dir / "usb"
    folder.mkdir()
    return folder


def _batch(w: World, _: Any, actor: Actor, approver: Actor | None) -> None:
    items = w.pickups.batch([w.facts["pickup_code"]], actor=actor)
    assert items[0].result is not None, items[0].error


def _handover(w: World, _: Any, actor: Actor, approver: Actor | None) -> Any:
    to = w.actors["clerk"] if actor.is_owner else w.owner
    return w.counter.till.handover(to=to, counted={}, actor=actor, variance_reason="测试")


CASES: tuple[Case, ...] = (
    Case("SalesService.checkout", "sale.checkout", lambda w, _, a, ap_: w.counter.sales.checkout(
        cart=w.cart(), payments=[PaymentInput("cash")], actor=a, **ap(ap_))),
    Case("SalesService.checkout", "sale.discount", lambda w, _, a, ap_: w.counter.sales.checkout(
        cart=w.cart(discount_fen=300), payments=[PaymentInput("cash")], actor=a, **ap(ap_))),
    Case("SalesService.checkout", "price.override", lambda w, _, a, ap_: w.counter.sales.checkout(
        cart=w.cart(discount_fen=600), payments=[PaymentInput("cash")], actor=a, **ap(ap_))),
    Case("RefundService.refund", "sale.refund", lambda w, _, a, ap_: w.counter.refunds.refund(
        sale_number=w.facts["sale_number"], reason="顾客退货", actor=a, **ap(ap_))),
    Case("TillService.open_till", "till.open", lambda w, _, a, ap_: w.counter.till.open_till(
        float_fen=10_000, actor=a), prepare=_closed_till),
    Case("TillService.cash_movement", "till.cash_move",
         lambda w, _, a, ap_: w.counter.till.cash_movement(
             direction="in", amount_fen=1_000, reason="补零钱", actor=a)),
    Case("TillService.handover", "till.handover", _handover),
    Case("TillService.close_day", "till.close", lambda w, _, a, ap_: w.counter.till.close_day(
        counted={}, variance_reason="测试", actor=a, **ap(ap_))),
    Case("StockService.receive_stock", "stock.receive",
         lambda w, _, a, ap_: w.counter.stock.receive_stock(
             lines=[ReceiveLine(w.facts["product_id"], 6, 150)], actor=a, supplier="批发市场")),
    Case("StockService.count_stock", "stock.count", lambda w, _, a, ap_: w.counter.stock.count_stock(
        lines=[CountLine(w.facts["product_id"], 0, "盘亏")], actor=a)),
    Case("CatalogueService.add_product", "catalogue.edit",
         lambda w, _, a, ap_: w.counter.catalogue.add_product(
             name="手工酸奶", price_fen=800, barcode=None, actor=a)),
    Case("HeldCartService.hold", "sale.hold", lambda w, _, a, ap_: w.counter.held_carts.hold(
        cart=w.cart(), actor=a)),
    Case("HeldCartService.resume", "sale.hold", lambda w, _, a, ap_: w.counter.held_carts.resume(
        held_id=w.facts["held_id"], actor=a)),
    Case("PickupService.hand_out", "pickup.hand_out", lambda w, _, a, ap_: w.pickups.hand_out(
        w.facts["order_id"], actor=a)),
    Case("PickupService.batch", "pickup.hand_out", _batch),
    Case("PickupService.undo", "pickup.undo", lambda w, pid, a, ap_: w.pickups.undo(
        pid, actor=a, reason="拿错了", **ap(ap_)), prepare=_handed_out),
    # A late undo is refused with PickupRefused("window_closed"), not PermissionDenied.
    Case("PickupService.undo", "pickup.undo_late", lambda w, pid, a, ap_: w.pickups.undo(
        pid, actor=a, reason="拿错了", **ap(ap_)), prepare=_handed_out_long_ago,
        refusal=PickupRefused, refusal_reason="window_closed"),
    Case("ReceivingService.open_arrival", "arrival.receive",
         lambda w, _, a, ap_: w.receiving.open_arrival(campaign_id=w.facts["campaign_id"], actor=a)),
    Case("ReceivingService.scan", "arrival.receive", lambda w, arrival, a, ap_: w.receiving.scan(
        arrival_id=arrival, barcode=w.facts["item_barcode"], actor=a), prepare=_open_arrival),
    Case("ReceivingService.set_counts", "arrival.receive",
         lambda w, arrival, a, ap_: w.receiving.set_counts(
             arrival_id=arrival, campaign_item_id=w.facts["item_id"], received=1, actor=a),
         prepare=_open_arrival),
    Case("ReceivingService.choose_rule", "arrival.receive",
         lambda w, arrival, a, ap_: w.receiving.choose_rule(
             arrival_id=arrival, rule="proportional", actor=a), prepare=_open_arrival),
    Case("ReceivingService.sign_off", "arrival.sign_off",
         lambda w, arrival, a, ap_: w.receiving.sign_off(arrival_id=arrival, actor=a),
         prepare=_counted_arrival),
    Case("SyncService.resolve_conflict", "conflict.resolve",
         lambda w, _, a, ap_: w.sync.resolve_conflict(
             w.facts["conflict_id"], resolution="platform_settled", actor=a)),
    Case("SyncService.enrol", "settings.change", lambda w, _, a, ap_: w.sync.enrol(
        cloud_url="ftp://platform.example.cn", enrol_code="AB12CD34", actor=a)),
    Case("StaffService.add_staff", "staff.manage", lambda w, _, a, ap_: w.staff.add_staff(
        actor=a, staff_no="10", name="新来的", roles=["clerk"], pin="5937", **ap(ap_))),
    Case("StaffService.set_name", "staff.manage", lambda w, _, a, ap_: w.staff.set_name(
        actor=a, staff_no=TARGET, name="小周", **ap(ap_))),
    Case("StaffService.set_roles", "staff.manage", lambda w, _, a, ap_: w.staff.set_roles(
        actor=a, staff_no=TARGET, roles=["clerk", "leader"], **ap(ap_))),
    Case("StaffService.reset_pin", "staff.manage", lambda w, _, a, ap_: w.staff.reset_pin(
        actor=a, staff_no=TARGET, new_pin="6048", **ap(ap_))),
    Case("StaffService.unlock", "staff.manage", lambda w, _, a, ap_: w.staff.unlock(
        actor=a, staff_no=TARGET, **ap(ap_))),
    Case("StaffService.deactivate", "staff.manage", lambda w, _, a, ap_: w.staff.deactivate(
        actor=a, staff_no=TARGET, **ap(ap_))),
    Case("StaffService.reactivate", "staff.manage", lambda w, _, a, ap_: w.staff.reactivate(
        actor=a, staff_no=TARGET, **ap(ap_))),
    Case("BackupService.back_up_now", "backup.run",
         lambda w, _, a, ap_: w.backups.back_up_now(actor=a)),
    Case("BackupService.set_extra_folder", "settings.change",
         lambda w, folder, a, ap_: w.backups.set_extra_folder(str(folder), actor=a, **ap(ap_)),
         prepare=_extra_folder),
    Case("BackupService.restore", "backup.restore", lambda w, backup, a, ap_: w.backups.restore(
        backup, actor=a, reason="误操作", **ap(ap_)), prepare=_backup),
    Case("ReportService.save_reorder_options", "reports.view",
         lambda w, _, a, ap_: w.reports.save_reorder_options(ReorderOptions(cover_days=5), actor=a)),
    Case("AuditView.entries", "audit.view", lambda w, _, a, ap_: w.audit.entries(
        AuditFilter(), actor=a, **ap(ap_))),
    Case("AuditView.count", "audit.view", lambda w, _, a, ap_: w.audit.count(
        AuditFilter(), actor=a, **ap(ap_))),
    Case("AuditView.export_csv", "audit.view", lambda w, _, a, ap_: w.audit.export_csv(
        w.data_dir / "audit.csv", AuditFilter(), actor=a, **ap(ap_))),
)


def expectation(action: str, role: str) -> str:
    rule = ROLE_TABLE[action]
    return "alone" if role in rule.alone else "ask" if role in rule.ask else "no"


# --- the tests -----------------------------------------------------------------------------------


def test_every_method_with_an_actor_has_a_case() -> None:
    with_actor = {
        f"{cls.__name__}.{name}"
        for cls in SERVICE_CLASSES
        for name, fn in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_") and "actor" in inspect.signature(fn).parameters
    }
    covered = {case.method for case in CASES}
    assert with_actor - covered - set(NOT_CALLED) == set(), "methods with an actor and no case"
    assert covered <= with_actor, "a case for a method that no longer takes an actor"
    assert {case.action for case in CASES} <= set(ROLE_TABLE)
    print(f"\n[roles] {len(with_actor)} methods with an actor in {len(SERVICE_CLASSES)} services; "
          f"{len(CASES)} cases x {len(ROLES)} roles; table actions no service checks: "
          f"{sorted(set(ROLE_TABLE) - {c.action for c in CASES})}")


def _params() -> list[Any]:
    params = []
    for case in CASES:
        for role in ROLES:
            marks = []
            why = DISAGREEMENTS.get((case.method, role))
            if why is not None:
                marks.append(pytest.mark.xfail(reason=why, strict=True))
            params.append(pytest.param(case, role, id=f"{case.id}-{role}", marks=marks))
    return params


def _attempt(case: Case, w: World, actor: Actor, approver: Actor | None) -> BaseException | None:
    prepared = case.prepare(w)
    before = w.checksum()
    try:
        case.act(w, prepared, actor, approver)
    except UserFacingError as exc:
        if isinstance(exc, PermissionDenied | PickupRefused):
            assert w.checksum() == before, f"{case.method} refused but changed the database"
        return exc
    return None


def _assert_refused(case: Case, outcome: BaseException | None, who: str) -> None:
    assert outcome is not None, f"{case.method} let {who} do {case.action}"
    assert isinstance(outcome, case.refusal | PermissionDenied), repr(outcome)
    if isinstance(outcome, PickupRefused):
        assert outcome.reason == case.refusal_reason, outcome.reason


def _assert_allowed(case: Case, outcome: BaseException | None, who: str) -> None:
    if case.method in PAST_ROLE_CHECK:
        code, _why = PAST_ROLE_CHECK[case.method]
        assert isinstance(outcome, UserFacingError) and not isinstance(outcome, PermissionDenied)
        assert outcome.code == code, repr(outcome)
        return
    assert outcome is None, f"{case.method} refused {who} ({case.action}): {outcome!r}"


@pytest.mark.parametrize(("case", "role"), _params())
def test_the_service_does_what_the_role_table_says(case: Case, role: str,
                                                   role_template: RoleTemplate,
                                                   tmp_path: Path) -> None:
    want = expectation(case.action, role)
    worlds: list[World] = []

    def world() -> World:
        w = open_world(role_template.db, tmp_path / f"w{len(worlds)}", role_template.facts)
        worlds.append(w)
        return w

    try:
        w = world()
        outcome = _attempt(case, w, w.actors[role], None)
        if want == "alone":
            _assert_allowed(case, outcome, role)
            return
        _assert_refused(case, outcome, role)
        if not case.takes_approver:
            return
        w = world()
        helper = w.actors["leader" if role == "clerk" else "clerk"]
        _assert_refused(case, _attempt(case, w, w.actors[role], helper), f"{role} + {helper.name}")
        w = world()
        outcome = _attempt(case, w, w.actors[role], w.owner)
        if want == "ask":
            _assert_allowed(case, outcome, f"{role} with the owner's approval")
        else:
            _assert_refused(case, outcome, f"{role} even with the owner's approval")
    finally:
        for w in worlds:
            w.db.dispose()
        shutil.rmtree(tmp_path, ignore_errors=True)
