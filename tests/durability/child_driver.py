"""The child side of the durability tests: runs counter work on a database file and dies on cue.

`python tests/durability/child_driver.py serve` starts a server process that imports the
whole core once and then, for each request it reads on stdin (one JSON object a line), forks
a worker that runs a script of operations (checkouts, hand-outs, undos, pulled pages) on the
database file named in the request and answers on stdout how the worker ended. Forking from
a warm process costs milliseconds where a fresh interpreter costs seconds, which is what
makes a kill at every statement boundary affordable. The server opens a database only to
warm up (a script run on a scratch copy, every connection closed afterwards), so no SQLite
connection is ever shared across a fork.

How a worker dies:

- ``kill_at: N``: every statement SQLite starts on the worker's connections (seen through
  ``sqlite3.Connection.set_trace_callback``, hooked on the engine's "connect" event) is
  counted while an operation runs, plus one pseudo statement after the service call has
  returned and before the worker reports it; at the N-th the worker sends itself SIGKILL.
- ``kill_after_s``: the server kills the worker from outside after that many seconds.
- ``fsize``: the worker may write files only up to that many bytes (RLIMIT_FSIZE, SIGXFSZ
  ignored) and rings up sales until the database refuses.

The worker reports each operation it finished (after the service call returned, i.e. after
the commit) with one ``os.write`` of a JSON line to the report file, before it goes on.

The parent (the tests) also imports this module for the shared pieces: the template
database, the pages to pull, and `Server`, the handle on a running server process.
"""
from __future__ import annotations

import base64
import gc
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import event, select  # noqa: E402

from app.cart import Cart  # noqa: E402
from app.clock import BusinessCalendar, FixedClock  # noqa: E402
from app.counter_services import CounterServices  # noqa: E402
from app.demo_seed import DemoScale, seed_demo  # noqa: E402
from app.errors import DatabaseProblem  # noqa: E402
from app.pickups import PickupService  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.staff import StaffService  # noqa: E402
from app.tender import PaymentInput  # noqa: E402
from local_db.engine import Database  # noqa: E402
from local_db.migrate import upgrade  # noqa: E402
from local_db.models import GroupOrder, GroupOrderLine  # noqa: E402
from sync.apply_pull import apply_page  # noqa: E402
from sync.protocol import messages as m  # noqa: E402

# 2026-11-25 10:00 in Shanghai, as in tests/conftest.py.
T0 = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
CALENDAR = BusinessCalendar("Asia/Shanghai", 4)
SCALE = DemoScale(products=40, orders=150, campaigns=3)
SALE_BARCODES = ("6928804011180", "6921168509256", "6902152400018")  # cola, water, noodles
CLERK_NO, LEADER_NO = "02", "03"
FLOAT_FEN = 20_000
# Ids of the rows the pulled pages bring, far from the demo's (7001.., 70001.., 500001..).
NEW_CAMPAIGN, NEW_ITEMS, NEW_ORDERS, NEW_LINES = 7901, (79001, 79002), (590001, 590002), 990001
RANDOM_CAMPAIGN, RANDOM_ITEM, RANDOM_ORDER, RANDOM_LINE = 8000, 80000, 880000, 980000


# --- the template (built once by the parent, copied per run) ---------------------------------


@dataclass(frozen=True)
class Template:
    """The template database file and the facts `build_template` found in it."""

    path: Path
    facts: dict[str, Any]


def build_template(path: Path) -> dict[str, Any]:
    """A small demo station with the till open; returns facts the plans and checks need."""
    upgrade(path)
    db = Database(path)
    try:
        seed_demo(db, now=T0, calendar=CALENDAR, scale=SCALE)
        clock = FixedClock(T0)
        actors = {a.staff_no: a for a in StaffService(db, clock).signable()}
        CounterServices.build(db, clock, CALENDAR, Settings()).till.open_till(
            float_fen=FLOAT_FEN, actor=actors[CLERK_NO])
        with db.read() as uow:
            s = uow.session
            handable = []
            for order in s.scalars(
                select(GroupOrder).where(
                    GroupOrder.cloud_state == "active", GroupOrder.withdrawn.is_(False),
                    GroupOrder.fulfilment.in_(("ready", "partial")))
                .order_by(GroupOrder.id)
            ):
                left = {line.id: line.qty_ordered - line.qty_short - line.qty_picked
                        for line in order.lines}
                if sum(v for v in left.values() if v > 0) >= 2:
                    handable.append({"order_id": order.id,
                                     "lines": {str(k): v for k, v in left.items() if v > 0}})
            awaiting = s.scalars(
                select(GroupOrder).where(GroupOrder.cloud_state == "active",
                                         GroupOrder.fulfilment == "awaiting")
                .order_by(GroupOrder.id)
            ).all()
            existing = awaiting[0]
            existing_put = {
                "type": "group_order.put", "id": existing.id, "campaign_id": existing.campaign_id,
                "order_no": existing.order_no, "customer_name": existing.customer_name,
                "phone_tail": existing.phone_tail, "building_room": "9栋101",
                "pickup_code": existing.pickup_code, "cloud_state": "active",
                "placed_at": _iso(existing.placed_at),
                "lines": [{"id": line.id, "campaign_item_id": line.campaign_item_id,
                           "qty_ordered": line.qty_ordered, "price_fen": line.price_fen,
                           "qty_picked": 0, "qty_short": 0}
                          for line in s.scalars(select(GroupOrderLine).where(
                              GroupOrderLine.order_id == existing.id).order_by(GroupOrderLine.id))],
            }
            facts = {
                "handable": handable,
                "cancel_order": awaiting[1].id,
                "existing_put": existing_put,
            }
    finally:
        db.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return facts


def copy_database(template: Path, target: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)


def _iso(naive_utc: datetime) -> str:
    return naive_utc.replace(tzinfo=UTC).isoformat()


# --- pulled pages -----------------------------------------------------------------------------


def _stamp(minutes: int = 0) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat()


def pull_pages(facts: dict[str, Any]) -> list[dict[str, Any]]:
    """Two pages touching every kind of row a pull writes (JSON, as the platform sends them)."""
    order_lines = [
        {"id": NEW_LINES + i, "campaign_item_id": NEW_ITEMS[i % 2], "qty_ordered": 1 + i,
         "price_fen": 990, "qty_picked": 0, "qty_short": 0}
        for i in range(3)
    ]
    page1 = {
        "changes": [
            {"type": "platform_key.put", "key_id": 9,
             "public_key": base64.b64encode(b"platform-key-for-the-crash-test!").decode()},
            {"type": "campaign.put", "id": NEW_CAMPAIGN, "title": "周末鲜果团", "commission_bp": 800,
             "pickup_date": "2026-11-28", "updated_at": _stamp()},
            {"type": "campaign_item.put", "id": NEW_ITEMS[0], "campaign_id": NEW_CAMPAIGN,
             "name": "赣南脐橙 5斤装", "barcode": "6970000000019", "price_fen": 2990,
             "storage": "ambient"},
            {"type": "campaign_item.put", "id": NEW_ITEMS[1], "campaign_id": NEW_CAMPAIGN,
             "name": "丹东草莓 2斤", "price_fen": 4990, "storage": "chilled"},
            {"type": "group_order.put", "id": NEW_ORDERS[0], "campaign_id": NEW_CAMPAIGN,
             "order_no": "GB590001", "customer_name": "周晓", "phone_tail": "6611",
             "pickup_code": "59000111", "placed_at": _stamp(-60), "lines": order_lines[:2]},
            {"type": "group_order.put", "id": NEW_ORDERS[1], "campaign_id": NEW_CAMPAIGN,
             "order_no": "GB590002", "customer_name": "吴敏", "phone_tail": "6622",
             "pickup_code": "59000222", "placed_at": _stamp(-50), "lines": order_lines[2:]},
            {"type": "order_state.put", "order_id": facts["cancel_order"],
             "cloud_state": "cancelled", "reason": "顾客取消", "changed_at": _stamp()},
            {"type": "catalog_item.put", "id": 66001, "name": "平台供货 东北大米 10kg",
             "barcode": "6970000000026", "suggested_price_fen": 5990, "category": "粮油"},
        ],
        "cursor": "c1", "has_more": True, "server_time": _stamp(),
    }
    page2 = {
        "changes": [
            {"type": "group_order.delete", "id": NEW_ORDERS[1]},
            {"type": "campaign_item.put", "id": NEW_ITEMS[0], "campaign_id": NEW_CAMPAIGN,
             "name": "赣南脐橙 5斤装", "barcode": "6970000000019", "price_fen": 2790,
             "storage": "ambient"},
            facts["existing_put"],
            {"type": "catalog_item.put", "id": 66001, "name": "平台供货 五常大米 10kg",
             "barcode": "6970000000026", "suggested_price_fen": 6990, "category": "粮油"},
            {"type": "order_state.put", "order_id": facts["cancel_order"],
             "cloud_state": "active", "changed_at": _stamp(1)},
        ],
        "cursor": "c2", "has_more": False, "server_time": _stamp(1),
    }
    return [page1, page2]


def random_page(j: int) -> dict[str, Any]:
    """Page j of the random runs: a campaign, an item and an order of its own (cursor rj)."""
    return {
        "changes": [
            {"type": "campaign.put", "id": RANDOM_CAMPAIGN + j, "title": f"随机团 {j}",
             "commission_bp": 500, "updated_at": _stamp(j)},
            {"type": "campaign_item.put", "id": RANDOM_ITEM + j, "campaign_id": RANDOM_CAMPAIGN + j,
             "name": f"随机商品 {j}", "price_fen": 100 + j},
            {"type": "group_order.put", "id": RANDOM_ORDER + j, "campaign_id": RANDOM_CAMPAIGN + j,
             "order_no": f"R{j:05d}", "customer_name": "随机", "phone_tail": "7000",
             "pickup_code": f"{88000000 + j}", "placed_at": _stamp(j),
             "lines": [{"id": RANDOM_LINE + j, "campaign_item_id": RANDOM_ITEM + j,
                        "qty_ordered": 2, "price_fen": 100 + j}]},
        ],
        "cursor": f"r{j}", "has_more": True, "server_time": _stamp(j),
    }


# --- the worker -------------------------------------------------------------------------------


class Tripwire:
    """Counts the statements SQLite starts while armed; SIGKILLs this process at the N-th."""

    def __init__(self, kill_at: int | None) -> None:
        self.kill_at = kill_at
        self.count = 0
        self.armed = False

    def attach(self, db: Database) -> None:
        # Registered after Database's own listener, so its PRAGMAs run (uncounted) first.
        event.listen(db.engine, "connect",
                     lambda conn, _record: conn.set_trace_callback(self.statement))

    def statement(self, _sql: str) -> None:
        if not self.armed:
            return
        self.count += 1
        if self.kill_at is not None and self.count >= self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    @contextmanager
    def operation(self) -> Iterator[None]:
        self.armed = True
        try:
            yield
            self.statement("-- the service call returned; not reported yet")
        finally:
            self.armed = False


class Worker:
    def __init__(self, request: dict[str, Any]) -> None:
        self.request = request
        self.report_fd = os.open(request["report"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self.db = Database(request["db"])
        self.trip = Tripwire(request.get("kill_at"))
        self.trip.attach(self.db)
        self.clock = FixedClock(T0)
        settings = Settings()
        self.counter = CounterServices.build(self.db, self.clock, CALENDAR, settings)
        self.pickups = PickupService(self.db, self.clock, CALENDAR, settings)
        actors = {a.staff_no: a for a in StaffService(self.db, self.clock).signable()}
        self.clerk, self.leader = actors[CLERK_NO], actors[LEADER_NO]
        self.last_pickup: int | None = None

    def report(self, **fields: Any) -> None:
        os.write(self.report_fd, (json.dumps(fields, ensure_ascii=False) + "\n").encode())

    def cart(self, n: int) -> Cart:
        cart = Cart()
        for i, code in enumerate(SALE_BARCODES[: 2 + n % 2]):
            hit = self.counter.catalogue.lookup_barcode(code)
            assert hit is not None, code
            cart.add_product(hit.product, 1 + (n + i) % 3, barcode=code)
        return cart

    def sale(self, n: int) -> None:
        cart = self.cart(n)
        payments = [PaymentInput("wechat", amount_fen=100), PaymentInput("cash", tendered_fen=100_000)]
        with self.trip.operation():
            receipt = self.counter.sales.checkout(cart=cart, payments=payments, actor=self.clerk)
        self.report(op="sale", uuid=receipt.uuid, number=receipt.number, total_fen=receipt.total_fen)

    def pickup(self, order_id: int, lines: dict[str, int] | None) -> None:
        wanted = {int(k): v for k, v in lines.items()} if lines is not None else None
        with self.trip.operation():
            result = self.pickups.hand_out(order_id, wanted, actor=self.leader, method="code")
        self.last_pickup = result.pickup_id
        self.report(op="pickup", uuid=result.pickup_uuid, order_id=order_id,
                    qty=sum(h.qty for h in result.lines))

    def undo(self) -> None:
        if self.last_pickup is None:
            return
        with self.trip.operation():
            result = self.pickups.undo(self.last_pickup, actor=self.leader, reason="拿错了袋子")
        self.last_pickup = None
        self.report(op="undo", uuid=result.undo_uuid, order_id=result.order_id)

    def page(self, raw: dict[str, Any]) -> None:
        page = m.PullResponse.model_validate(raw)
        with self.trip.operation():
            apply_page(self.db, page, now=self.clock.now())
        self.report(op="page", cursor=page.cursor)

    def run_script(self) -> None:
        for n, step in enumerate(self.request["script"]):
            op = step["op"]
            if op == "sale":
                self.sale(n)
            elif op == "pickup":
                self.pickup(step["order_id"], step.get("lines"))
            elif op == "undo":
                self.undo()
            elif op == "page":
                self.page(step["page"])
            else:
                raise ValueError(f"unknown op {op!r}")
        self.report(op="end", statements=self.trip.count)

    def fill_disk(self) -> None:
        """Ring up sales until the database refuses one; report how it refused."""
        for n in range(self.request.get("max_sales", 400)):
            try:
                self.sale(n)
            except DatabaseProblem as exc:
                self.report(op="refused", type=type(exc).__name__, code=exc.code,
                            zh=exc.message.zh, en=exc.message.en)
                return
        self.report(op="end", statements=self.trip.count)


def work(request: dict[str, Any]) -> int:
    if request.get("fsize"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (request["fsize"], request["fsize"]))
    worker = Worker(request)
    try:
        if request.get("plan") == "fill":
            worker.fill_disk()
        else:
            worker.run_script()
    except BaseException as exc:  # the parent shows it: the worker has no other voice
        worker.report(op="error", type=type(exc).__name__, detail=traceback.format_exc())
        return 3
    return 0


# --- the server (in the child process) ----------------------------------------------------------


def _warm_up() -> None:
    """Load what the core loads lazily, so a forked worker does not pay for it each time."""
    from app.catalogue import pinyin_keys

    pinyin_keys("可口可乐")


def _warm_on(request: dict[str, Any]) -> None:
    """Run a script on a scratch copy in this process (mappers configured, validators built,
    code paths imported), then close every connection before any fork."""
    worker = Worker(request)
    try:
        worker.run_script()
    finally:
        worker.db.dispose()
        os.close(worker.report_fd)
    del worker
    gc.collect()


def serve() -> None:
    _warm_up()
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("cmd") == "quit":
            break
        if request.get("cmd") == "warm":
            _warm_on(request)
            sys.stdout.write(json.dumps({"warm": True}) + "\n")
            sys.stdout.flush()
            continue
        pid = os.fork()
        if pid == 0:
            code = 4
            try:
                code = work(request)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        delay = request.get("kill_after_s")
        if delay is not None:
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)  # a worker that has finished is a zombie: harmless
        _, status = os.waitpid(pid, 0)
        answer = {
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        }
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


# --- the parent's handle ------------------------------------------------------------------------


class Server:
    """A running `serve` process: `run(request)` forks one worker and says how it ended."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "serve"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )
        self.runs = 0

    def run(self, **request: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        for key in ("db", "report"):
            request[key] = str(request[key])
        self.proc.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise RuntimeError(f"the durability server died (exit {self.proc.poll()})")
        self.runs += 1
        return dict(json.loads(answer))

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
            self.proc.stdin.flush()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def read_report(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


if __name__ == "__main__":
    if sys.argv[1:] == ["serve"]:
        serve()
    else:
        sys.exit("usage: child_driver.py serve")
