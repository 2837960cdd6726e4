"""Helpers for the counter tests: a corner store's counter on a real SQLite file: the station, an owner and two clerks, and a
small shelf of products added through the catalogue service (so pinyin is the core's)."""
from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from app.actors import Actor
from app.catalogue import ProductItem
from app.clock import BusinessCalendar, FixedClock
from app.counter_services import CounterServices
from app.settings import Settings
from app.station_service import actor_from_row
from local_db.engine import Database
from local_db.models import Outbox, Sale, Staff, Station, StockMove

COLA = "6928804011180"
WATER = "6921168509256"
GUM_EAN8 = "69012341"
UPC_A = "036000291452"  # stored as EAN-13 0036000291452
EGGS_SHORT = "8001"
APPLE_PLU = 42


@dataclass
class Shop:
    db: Database
    clock: FixedClock
    calendar: BusinessCalendar
    settings: Settings
    svc: CounterServices
    owner: Actor
    clerk: Actor
    clerk2: Actor
    cola: ProductItem
    water: ProductItem
    gum: ProductItem
    tissue: ProductItem
    eggs: ProductItem
    apple: ProductItem

    def count(self, model: type) -> int:
        with self.db.read() as uow:
            return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)

    def outbox(self, kind: str) -> list[dict[str, Any]]:
        with self.db.read() as uow:
            rows = uow.session.scalars(select(Outbox).where(Outbox.kind == kind).order_by(Outbox.seq))
            return [r.payload for r in rows]

    def stock(self, product: ProductItem) -> int:
        return self.svc.catalogue.get_product(product.id).stock_qty

    def snapshot(self) -> tuple[int, int, int]:
        return self.count(Sale), self.count(StockMove), self.count(Outbox)


def add_staff(db: Database, staff_no: str, name: str, roles: str) -> Actor:
    with db.write() as uow:
        row = Staff(staff_no=staff_no, name=name, roles=roles,
                    created_at=datetime(2026, 1, 1, tzinfo=UTC).replace(tzinfo=None))
        uow.session.add(row)
        uow.session.flush()
        actor = actor_from_row(row)
        uow.commit()
    return actor


def make_shop(db: Database, clock: FixedClock, calendar: BusinessCalendar,
              settings: Settings) -> Shop:
    with db.write() as uow:
        uow.session.add(Station(id=1, code="S001", name="幸福里便利店"))
        uow.commit()
    owner = add_staff(db, "001", "王店主", "owner")
    clerk = add_staff(db, "002", "李小红", "clerk")
    clerk2 = add_staff(db, "003", "张明", "clerk")
    svc = CounterServices.build(db, clock, calendar, settings)
    add = svc.catalogue.add_product
    return Shop(
        db=db, clock=clock, calendar=calendar, settings=settings, svc=svc,
        owner=owner, clerk=clerk, clerk2=clerk2,
        cola=add(name="可口可乐 330ml", price_fen=300, barcode=COLA, actor=owner, low_stock_at=5),
        water=add(name="农夫山泉饮用天然水 550ml", price_fen=200, barcode=WATER, actor=owner),
        gum=add(name="绿箭口香糖 5片装", price_fen=150, barcode=GUM_EAN8, actor=owner),
        tissue=add(name="维达抽纸 3层100抽", price_fen=1290, barcode="0" + UPC_A, actor=owner),
        eggs=add(name="散装鸡蛋 10枚", price_fen=1200, barcode=EGGS_SHORT, actor=clerk),
        apple=add(name="红富士苹果", price_fen=1280, barcode=None, unit="kg", plu=APPLE_PLU,
                  actor=owner),
    )


def assert_fen_ints(value: Any, path: str = "result") -> None:
    """Every *_fen field of a returned dataclass (nested too) is an int, never a float."""
    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            item = getattr(value, f.name)
            if f.name.endswith("_fen") and item is not None:
                assert type(item) is int, f"{path}.{f.name} is {type(item).__name__}"
            assert_fen_ints(item, f"{path}.{f.name}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            assert_fen_ints(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            assert type(item) is not float, f"{path}[{key}] is a float"
