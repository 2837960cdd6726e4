"""Time the delivery sign-off and the picking documents for 1,000 orders (not a test).

Run: cd /work/main && /work/venv/bin/python tests/app/arrivals/measure_documents.py
Prints the seconds and sizes; the tests assert behaviour only, never timings.
"""
from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[2]), str(HERE)]

from arrivals_factory import insert_campaign  # noqa: E402

from app.arrivals import ReceivingService, load_picking_data  # noqa: E402
from app.arrivals.doc_drawing import cjk_font  # noqa: E402
from app.clock import BusinessCalendar, FixedClock  # noqa: E402
from app.demo_seed import seed_demo  # noqa: E402
from app.documents.labels import LABEL_FORMATS, build_labels  # noqa: E402
from app.documents.picking_list import build_picking_list  # noqa: E402
from app.documents.totals_list import build_totals_list  # noqa: E402
from app.station_service import StationService  # noqa: E402
from local_db.engine import Database  # noqa: E402
from local_db.migrate import upgrade  # noqa: E402

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def main(count: int = 1000) -> None:
    calendar = BusinessCalendar("Asia/Shanghai", 4)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "station.db"
        upgrade(path)
        db = Database(path)
        seed_demo(db, now=NOW, calendar=calendar)
        inserted = insert_campaign(db, count=count, now=NOW)
        receiving = ReceivingService(db, FixedClock(NOW))
        leader = StationService(db).actor("03")
        sheet = receiving.open_arrival(campaign_id=inserted.campaign_id, actor=leader)
        for n, line in enumerate(sheet.lines):
            short = 3 if n in (1, 6) else 0
            receiving.set_counts(arrival_id=sheet.arrival_id, campaign_item_id=line.campaign_item_id,
                                 actor=leader, received=line.qty_expected - short, missing=short)
        started = time.perf_counter()
        result = receiving.sign_off(arrival_id=sheet.arrival_id, actor=leader)
        print(f"sign-off, {len(result.ready_order_ids)} orders ready: "
              f"{time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        data = load_picking_data(db, campaign_id=inserted.campaign_id, now=NOW, calendar=calendar)
        print(f"load_picking_data: {time.perf_counter() - started:.2f} s")
        db.dispose()
    cjk_font()
    bags = sum(len(o.bags()) for o in data.orders)
    jobs = [("totals list", lambda: build_totals_list(data)),
            ("picking list", lambda: build_picking_list(data))]
    jobs += [(f"labels {size}", lambda size=size: build_labels(data, size=size))
             for size in LABEL_FORMATS]
    print(f"{len(data.orders)} orders, {bags} bags")
    for name, job in jobs:
        started = time.perf_counter()
        pdf = job()
        print(f"{name:16s} {time.perf_counter() - started:5.2f} s  {len(pdf) / 1024:7.0f} KiB")


if __name__ == "__main__":
    main()
