"""Everything the Counter screen calls, built once by bootstrap and handed to the UI."""
from __future__ import annotations

from dataclasses import dataclass

from app.catalogue import CatalogueService
from app.clock import BusinessCalendar, Clock
from app.held_carts import HeldCartService
from app.refunds import RefundService
from app.sales import SalesService
from app.settings import Settings
from app.stock import StockService
from app.till import TillService
from local_db.engine import Database


@dataclass(frozen=True, slots=True)
class CounterServices:
    catalogue: CatalogueService
    sales: SalesService
    refunds: RefundService
    till: TillService
    stock: StockService
    held_carts: HeldCartService

    @classmethod
    def build(cls, db: Database, clock: Clock, calendar: BusinessCalendar,
              settings: Settings) -> CounterServices:
        args = (db, clock, calendar, settings)
        return cls(
            catalogue=CatalogueService(*args),
            sales=SalesService(*args),
            refunds=RefundService(*args),
            till=TillService(*args),
            stock=StockService(*args),
            held_carts=HeldCartService(*args),
        )
