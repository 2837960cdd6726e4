"""Make the filled fixture database for the current head revision (run once per revision).

    python scripts/make_migration_fixture.py

Writes tests/local_db/fixtures/rev_<revision>.db and .json (row counts and fen sums). A
fixture, like a revision, is never edited once landed: later migrations must upgrade it.
"""
from __future__ import annotations

import json
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.clock import BusinessCalendar  # noqa: E402
from app.demo_seed import DemoScale, seed_demo  # noqa: E402
from local_db.engine import Database  # noqa: E402
from local_db.migrate import head_revision, upgrade  # noqa: E402

FEN_COLUMNS = [
    "product.price_fen", "sale.total_fen", "payment.amount_fen", "refund.amount_fen",
    "group_order_line.price_fen", "campaign_item.price_fen", "cash_session.float_fen",
]


def _ring_up_a_few_sales(db: Database) -> None:
    """Sales, payments and a till, written straight into the tables (no services: the
    fixture must show what the schema of its revision holds, whatever the code does later)."""
    from datetime import date, timedelta

    from sqlalchemy import select

    from local_db.models import CashSession, Payment, Product, Sale, SaleLine

    t = datetime(2026, 11, 25, 2, 0)
    with db.write() as uow:
        s = uow.session
        staff_id = 1
        till = CashSession(business_day=date(2026, 11, 25), opened_at=t, opened_by=staff_id, float_fen=20000)
        s.add(till)
        s.flush()
        products = s.scalars(select(Product).order_by(Product.id).limit(12)).all()
        for n in range(6):
            lines = products[n * 2 : n * 2 + 2]
            total = sum(p.price_fen * (n + 1) for p in lines)
            sale = Sale(number=f"20261125-{n + 1:04d}", business_day=date(2026, 11, 25),
                        created_at=t + timedelta(minutes=n), staff_id=staff_id,
                        cash_session_id=till.id, subtotal_fen=total, total_fen=total)
            s.add(sale)
            s.flush()
            for p in lines:
                s.add(SaleLine(sale_id=sale.id, product_id=p.id, name=p.name, unit="piece", qty=n + 1,
                               unit_price_fen=p.price_fen, list_price_fen=p.price_fen,
                               line_total_fen=p.price_fen * (n + 1)))
            s.add(Payment(sale_id=sale.id, method="cash" if n % 2 else "wechat", amount_fen=total,
                          tendered_fen=total))
        uow.commit()


def main() -> None:
    rev = head_revision()
    out = ROOT / "tests" / "local_db" / "fixtures" / f"rev_{rev}.db"
    if out.exists():
        raise SystemExit(f"{out.name} exists; a landed fixture is never remade")
    out.parent.mkdir(parents=True, exist_ok=True)
    upgrade(out)
    db = Database(out)
    seed_demo(db, now=datetime(2026, 11, 25, 2, 0, tzinfo=UTC), calendar=BusinessCalendar(),
              scale=DemoScale(products=60, orders=40))
    _ring_up_a_few_sales(db)
    db.dispose()
    conn = sqlite3.connect(out)
    conn.execute("PRAGMA journal_mode=DELETE")
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'product_fts%' AND name != 'alembic_version'")]
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in sorted(tables)}
    sums = {}
    for column in FEN_COLUMNS:
        table, col = column.split(".")
        sums[column] = conn.execute(f"SELECT coalesce(sum({col}), 0) FROM {table}").fetchone()[0]
    conn.execute("VACUUM")
    conn.close()
    meta = {"revision": rev, "counts": counts, "fen_sums": sums}
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB): {counts}")


if __name__ == "__main__":
    main()
