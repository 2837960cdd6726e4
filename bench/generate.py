"""A year of a busy store in a real database file, the same every time for a seed.

    python -m bench.generate [--scale year|small] [--seed 7]

The year: 50,000 products, 110,000 sales with 500,000 lines (their payments and stock
moves), 100,000 group-buy orders over 500 campaigns with their deliveries and pickups, and
a 5,000-event outbox waiting for upload. Products, campaigns, orders and their pickups come
from the demo seeder's building blocks (app.demo_seed); sales, till sessions, stock moves
and the outbox are written here, in chunks with SQLAlchemy core `insert(Model)`, through
the app's own models into a file migrated by the app's own Alembic scripts.

The file is cached in bench/out/<scale>-seed<seed>-<key>/ (gitignored): the key changes
with the generator's version, the scale and the schema's head revision, so a rerun reuses
the file and a new migration makes a new one. The folder is a data folder the app opens
as it is (`station.db` in it), so the window can be started on it.
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import os
import random
import shutil
import sys
import time
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

OUT_DIR = Path(__file__).resolve().parent / "out"
GENERATOR_VERSION = 1
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
"""The bench's "now": 10:00 on 25 November 2026 in Shanghai; the year of sales ends the
business day before."""
TIMEZONE = "Asia/Shanghai"
DAY_CUTOFF_HOUR = 4
CHUNK = 20_000
MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class Scale:
    name: str
    products: int
    sales: int
    sale_lines: int
    orders: int
    campaigns: int
    outbox: int
    days: int


SCALES: dict[str, Scale] = {
    "year": Scale("year", products=50_000, sales=110_000, sale_lines=500_000, orders=100_000,
                  campaigns=500, outbox=5_000, days=365),
    "small": Scale("small", products=1_500, sales=1_200, sale_lines=5_400, orders=1_200,
                   campaigns=8, outbox=200, days=30),
}


@dataclass(frozen=True, slots=True)
class Generated:
    """A generated data folder and what is in it."""

    data_dir: Path
    scale: Scale
    seed: int
    seconds: float  # how long it took to make (when it was made, if it came from the cache)
    cached: bool
    counts: dict[str, int]

    @property
    def db_path(self) -> Path:
        return self.data_dir / _db_file()


def _db_file() -> str:
    from app.bootstrap import DB_FILE

    return DB_FILE


def cache_key(scale: Scale) -> str:
    from local_db.migrate import head_revision

    text = json.dumps([GENERATOR_VERSION, asdict(scale), head_revision(), NOW.isoformat()])
    return hashlib.sha1(text.encode()).hexdigest()[:10]


def generated_database(
    scale: str | Scale = "year",
    seed: int = 7,
    *,
    out_dir: Path = OUT_DIR,
    log: Callable[[str], None] = lambda _msg: None,
) -> Generated:
    """The data folder for this scale and seed: from the cache, or made now (and cached)."""
    from filelock import FileLock

    sc = SCALES[scale] if isinstance(scale, str) else scale
    out_dir.mkdir(parents=True, exist_ok=True)
    name = f"{sc.name}-seed{seed}-{cache_key(sc)}"
    folder = out_dir / name
    with FileLock(str(out_dir / f"{name}.lock")):
        manifest = folder / MANIFEST
        if manifest.is_file():
            info = json.loads(manifest.read_text(encoding="utf-8"))
            return Generated(folder, sc, seed, float(info["seconds"]), True, info["counts"])
        tmp = out_dir / f".{name}.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        started = time.perf_counter()
        try:
            counts = generate(tmp / _db_file(), sc, seed, log=log)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        seconds = time.perf_counter() - started
        (tmp / MANIFEST).write_text(
            json.dumps({"seconds": seconds, "counts": counts, "scale": asdict(sc), "seed": seed,
                        "generator_version": GENERATOR_VERSION}, indent=2),
            encoding="utf-8",
        )
        os.replace(tmp, folder)
    return Generated(folder, sc, seed, seconds, False, counts)


def working_copy(gen: Generated, folder: Path) -> Path:
    """A fresh copy of the generated data folder (figures that write change only the copy)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy2(gen.db_path, folder / _db_file())
    return folder


# --- generation ------------------------------------------------------------------------------


def generate(path: Path, scale: Scale, seed: int, *, log: Callable[[str], None]) -> dict[str, int]:
    """Make the database file at `path` (which must not exist) and return its row counts."""
    from app.clock import BusinessCalendar
    from app.demo_seed import make_campaigns_and_orders, make_products, make_staff, make_station
    from local_db.engine import Database
    from local_db.migrate import upgrade

    calendar = BusinessCalendar(TIMEZONE, DAY_CUTOFF_HOUR)
    upgrade(path)
    db = Database(path)
    try:
        started = time.perf_counter()
        with db.write() as uow:
            s = uow.session
            make_station(s, now=NOW)
            staff_ids = make_staff(s, now=NOW, seed=seed)
            make_products(s, now=NOW, count=scale.products, seed=seed)
            uow.commit()
        log(f"products: {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with db.write() as uow:
            make_campaigns_and_orders(
                uow.session, now=NOW, calendar=calendar, staff_ids=staff_ids,
                campaigns=scale.campaigns, orders=scale.orders, seed=seed,
            )
            uow.commit()
        log(f"campaigns and orders: {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        recent = _make_sales(db, scale, seed, staff_ids, calendar)
        log(f"sales: {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        _make_outbox(db, scale, seed, recent)
        log(f"outbox: {time.perf_counter() - started:.1f} s")
        counts = _counts(db)
        with db.raw() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    return counts


@dataclass(frozen=True, slots=True)
class _Shelf:
    id: int
    uuid: str
    name: str
    unit: str
    price_fen: int
    cost_fen: int | None
    barcode: str | None


@dataclass(frozen=True, slots=True)
class _RecentSale:
    """What the outbox's SaleEvent needs of one of the last sales."""

    sale: dict[str, Any]
    lines: list[dict[str, Any]]
    payments: list[dict[str, Any]]
    product_uuids: list[str]
    till_uuid: str


def _insert(conn: Any, model: type, rows: list[dict[str, Any]]) -> None:
    from sqlalchemy import insert

    for start in range(0, len(rows), CHUNK):
        conn.execute(insert(model), rows[start : start + CHUNK])
    rows.clear()


def _shelf(db: Any) -> list[_Shelf]:
    from sqlalchemy import select

    from local_db.models import Product, ProductBarcode

    with db.read() as uow:
        s = uow.session
        codes: dict[int, str] = {}
        for product_id, code in s.execute(
            select(ProductBarcode.product_id, ProductBarcode.barcode).order_by(ProductBarcode.id)
        ):
            codes.setdefault(product_id, code)
        return [
            _Shelf(pid, uuid, name, unit, price, cost, codes.get(pid))
            for pid, uuid, name, unit, price, cost in s.execute(
                select(Product.id, Product.uuid, Product.name, Product.unit, Product.price_fen,
                       Product.cost_fen).where(Product.active.is_(True)).order_by(Product.id)
            )
        ]


def _line_counts(rng: random.Random, sales: int, lines: int) -> list[int]:
    """Lines per sale: mostly a few, sometimes a basketful, adding up to exactly `lines`."""
    sizes = list(range(1, 16))
    weights = [18, 16, 14, 12, 10, 8, 6, 5, 4, 3, 2, 1, 1, 1, 1]
    counts = rng.choices(sizes, weights=weights, k=sales)
    diff = lines - sum(counts)
    while diff:
        i = rng.randrange(sales)
        if diff > 0 and counts[i] < 20:
            counts[i] += 1
            diff -= 1
        elif diff < 0 and counts[i] > 1:
            counts[i] -= 1
            diff += 1
    return counts


def _tender(rng: random.Random, amount: int) -> int:
    """What a customer hands over for `amount` fen in cash: the next note or two up."""
    note = rng.choice((1000, 2000, 5000, 10000, 10000))
    return max(amount, math.ceil(amount / note) * note)


def _make_sales(db: Any, scale: Scale, seed: int, staff_ids: dict[str, int], calendar: Any,
                ) -> list[_RecentSale]:
    from app.cart import gross_fen
    from app.demo_catalogue import demo_rng, demo_uuid, naive_utc, split_by_weight
    from local_db.models import NumberCounter

    rng = demo_rng(seed, "bench-sales")
    shelf = _shelf(db)
    if not shelf or scale.sales <= 0:
        return []
    # A few products sell all the time, most now and then (a Zipf-like tail).
    popular = list(range(len(shelf)))
    rng.shuffle(popular)
    cum = list(itertools.accumulate(1.0 / (rank + 1) ** 0.9 for rank in range(len(popular))))
    total_weight = cum[-1]

    def pick() -> _Shelf:
        return shelf[popular[bisect_left(cum, rng.random() * total_weight)]]

    today = calendar.business_day(NOW)
    days = [today - timedelta(days=k) for k in range(scale.days, 0, -1)]
    day_weights = [int(1000 * (1.3 if d.weekday() >= 5 else 1.0) * rng.uniform(0.8, 1.2))
                   for d in days]
    per_day = split_by_weight(scale.sales, day_weights)
    line_counts = iter(_line_counts(rng, scale.sales, scale.sale_lines))
    clerks = [staff_ids["clerk"], staff_ids["owner"]]
    methods = ("wechat", "alipay", "cash", "card")
    method_weights = (52, 20, 24, 4)

    sale_id = 1
    recent: deque[_RecentSale] = deque(maxlen=scale.outbox)
    sales: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    payments: list[dict[str, Any]] = []
    moves: list[dict[str, Any]] = []
    tills: list[dict[str, Any]] = []
    counters: list[dict[str, Any]] = []
    # A month per transaction keeps the WAL small; chunks of CHUNK rows per statement.
    for month in range(0, len(days), 30):
        with db.write() as uow:
            conn = uow.session.connection()
            for index in range(month, min(month + 30, len(days))):
                day, n_sales = days[index], per_day[index]
                opened = _local(calendar, day, 7, 0)
                till = {
                    "id": index + 1, "uuid": demo_uuid(rng), "business_day": day,
                    "opened_at": naive_utc(opened), "opened_by": staff_ids["clerk"],
                    "float_fen": 20_000, "closed_at": naive_utc(_local(calendar, day, 22, 30)),
                    "closed_by": staff_ids["owner"], "expected_cash_fen": 20_000,
                    "counted_cash_fen": None, "counted_detail": None, "variance_reason": None,
                    "z_number": f"Z{index + 1:04d}",
                }
                seconds = sorted(rng.randrange(15 * 3600) for _ in range(n_sales))
                for number, second in enumerate(seconds, start=1):
                    at = opened + timedelta(seconds=second)
                    staff = rng.choices(clerks, weights=(60, 40))[0]
                    sale_uuid = demo_uuid(rng)
                    sold: list[dict[str, Any]] = []
                    product_uuids: list[str] = []
                    for _ in range(next(line_counts)):
                        item = pick()
                        qty = rng.randint(150, 1500) if item.unit == "kg" else rng.choices(
                            (1, 2, 3, 4, 6), weights=(70, 18, 6, 3, 3))[0]
                        total = gross_fen(item.unit, qty, item.price_fen)
                        sold.append({
                            "sale_id": sale_id, "product_id": item.id, "name": item.name,
                            "barcode": item.barcode, "unit": item.unit, "qty": qty,
                            "unit_price_fen": item.price_fen, "list_price_fen": item.price_fen,
                            "discount_fen": 0, "line_total_fen": total, "cost_fen": item.cost_fen,
                        })
                        product_uuids.append(item.uuid)
                        moves.append({
                            "uuid": demo_uuid(rng), "product_id": item.id, "qty_delta": -qty,
                            "reason": "sale", "ref_uuid": sale_uuid, "unit_cost_fen": None,
                            "note": "", "staff_id": staff, "created_at": naive_utc(at),
                        })
                    subtotal = sum(x["line_total_fen"] for x in sold)
                    sale = {
                        "id": sale_id, "uuid": sale_uuid, "number": f"{day:%Y%m%d}-{number:04d}",
                        "business_day": day, "created_at": naive_utc(at), "staff_id": staff,
                        "approver_id": None, "cash_session_id": till["id"],
                        "subtotal_fen": subtotal, "discount_fen": 0, "rounding_fen": 0,
                        "total_fen": subtotal, "note": "",
                    }
                    paid = _payments(rng, sale_id, subtotal, methods, method_weights)
                    till["expected_cash_fen"] += sum(
                        p["amount_fen"] for p in paid if p["method"] == "cash")
                    sales.append(sale)
                    lines.extend(sold)
                    payments.extend(paid)
                    recent.append(_RecentSale(sale, sold, paid, product_uuids, till["uuid"]))
                    sale_id += 1
                till["counted_cash_fen"] = till["expected_cash_fen"]
                tills.append(till)
                counters.append({"name": f"sale:{day:%Y%m%d}", "value": n_sales})
                if len(lines) >= CHUNK:
                    _flush_sales(conn, tills, sales, lines, payments, moves)
            _flush_sales(conn, tills, sales, lines, payments, moves)
            if month + 30 >= len(days):
                counters.append({"name": "z_report", "value": len(days)})
            _insert(conn, NumberCounter, counters)
            uow.commit()
    return list(recent)


def _flush_sales(conn: Any, tills: list[dict[str, Any]], sales: list[dict[str, Any]],
                 lines: list[dict[str, Any]], payments: list[dict[str, Any]],
                 moves: list[dict[str, Any]]) -> None:
    from local_db.models import CashSession, Payment, Sale, SaleLine, StockMove

    for model, rows in ((CashSession, tills), (Sale, sales), (SaleLine, lines),
                        (Payment, payments), (StockMove, moves)):
        _insert(conn, model, rows)


def _payments(rng: random.Random, sale_id: int, total: int, methods: tuple[str, ...],
              weights: tuple[int, ...]) -> list[dict[str, Any]]:
    def row(method: str, amount: int, tendered: int) -> dict[str, Any]:
        return {"sale_id": sale_id, "method": method, "amount_fen": amount,
                "tendered_fen": tendered, "change_fen": tendered - amount, "reference": None}

    if total <= 0:
        return []
    if total > 2000 and rng.random() < 0.04:  # some cash, the rest by WeChat
        cash = rng.randrange(1000, total, 500) if total > 1500 else 1000
        cash = min(cash, total - 1)
        return [row("cash", cash, cash), row("wechat", total - cash, total - cash)]
    method = rng.choices(methods, weights=weights)[0]
    return [row(method, total, _tender(rng, total) if method == "cash" else total)]


def _local(calendar: Any, day: date, hour: int, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=calendar.tz).astimezone(UTC)


def _make_outbox(db: Any, scale: Scale, seed: int, recent: list[_RecentSale]) -> None:
    """The last `scale.outbox` events (sales and pickups, in time order), not yet uploaded."""
    from sqlalchemy import select

    from app.clock import as_utc
    from app.demo_catalogue import demo_rng, demo_uuid, naive_utc
    from local_db.models import NumberCounter, Outbox, Pickup, PickupLine, Staff, Station
    from sync.outbox import seq_counter_name
    from sync.protocol import EVENT_SCHEMA_VERSION
    from sync.protocol.events_counter import PaymentData, SaleEvent, SaleLineData
    from sync.protocol.events_groupbuy import PickupEvent, PickupLineData

    if scale.outbox <= 0:
        return
    rng = demo_rng(seed, "bench-outbox")
    with db.write() as uow:
        s = uow.session
        station = s.scalars(select(Station)).one()
        staff = dict(s.execute(select(Staff.id, Staff.uuid)).all())
        n_pickups = scale.outbox // 5
        pickups = s.execute(
            select(Pickup.id, Pickup.uuid, Pickup.order_id, Pickup.method, Pickup.proxy_note,
                   Pickup.bag_confirmed, Pickup.staff_id, Pickup.created_at)
            .where(Pickup.kind == "pickup").order_by(Pickup.created_at.desc()).limit(n_pickups)
        ).all()
        picked: dict[int, list[PickupLineData]] = {}
        for pickup_id, line_id, qty in s.execute(
            select(PickupLine.pickup_id, PickupLine.order_line_id, PickupLine.qty)
            .where(PickupLine.pickup_id.in_([p.id for p in pickups]))
        ):
            picked.setdefault(pickup_id, []).append(PickupLineData(order_line_id=line_id, qty=qty))
        events: list[tuple[datetime, Any]] = []
        for p in pickups:
            if p.id in picked:
                events.append((p.created_at, PickupEvent(
                    created_at=as_utc(p.created_at), pickup_uuid=p.uuid, order_id=p.order_id,
                    lines=picked[p.id], method=p.method, proxy_note=p.proxy_note,
                    bag_confirmed=p.bag_confirmed, staff_uuid=staff[p.staff_id],
                )))
        for r in recent[len(recent) - (scale.outbox - len(events)):]:
            sale = r.sale
            events.append((sale["created_at"], SaleEvent(
                created_at=as_utc(sale["created_at"]), sale_uuid=sale["uuid"],
                number=sale["number"], business_day=sale["business_day"],
                staff_uuid=staff[sale["staff_id"]], cash_session_uuid=r.till_uuid,
                lines=[SaleLineData(product_uuid=u, name=x["name"], barcode=x["barcode"],
                                    unit=x["unit"], qty=x["qty"],
                                    unit_price_fen=x["unit_price_fen"],
                                    line_total_fen=x["line_total_fen"])
                       for x, u in zip(r.lines, r.product_uuids, strict=True)],
                payments=[PaymentData(method=p["method"], amount_fen=p["amount_fen"],
                                      tendered_fen=p["tendered_fen"], change_fen=p["change_fen"])
                          for p in r.payments],
                subtotal_fen=sale["subtotal_fen"], total_fen=sale["total_fen"],
            )))
        events.sort(key=lambda e: e[0])
        rows = [
            {
                "event_id": demo_uuid(rng), "device_id": station.device_id,
                "device_epoch": station.device_epoch, "seq": seq, "kind": event.kind,
                "schema_version": EVENT_SCHEMA_VERSION,
                "payload": event.model_dump(mode="json", warnings=False),
                "created_at": naive_utc(as_utc(at)), "sent_at": None, "result": None,
                "result_detail": None,
            }
            for seq, (at, event) in enumerate(events, start=1)
        ]
        conn = s.connection()
        counter = [{"name": seq_counter_name(station.device_epoch), "value": len(rows)}]
        _insert(conn, Outbox, rows)
        _insert(conn, NumberCounter, counter)
        uow.commit()


def _counts(db: Any) -> dict[str, int]:
    from sqlalchemy import func, select

    from local_db.models import Base

    with db.read() as uow:
        s = uow.session
        return {
            name: int(s.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in sorted(Base.metadata.tables.items())
        }


# --- command line ----------------------------------------------------------------------------


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=sorted(SCALES), default="year")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(list(argv) if argv is not None else None)
    gen = generated_database(args.scale, args.seed,
                             log=lambda msg: print(msg, file=sys.stderr, flush=True))
    state = "cached" if gen.cached else "made"
    print(f"{gen.data_dir} ({state}; generated in {gen.seconds:.1f} s)")
    for table, count in gen.counts.items():
        if count:
            print(f"  {table:<18} {count:>9,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
