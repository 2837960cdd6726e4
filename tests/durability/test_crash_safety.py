"""Crash safety: a process killed at any point leaves no half-written sale, pickup or pull.

A child process (tests/durability/child_driver.py) rings up sales, hands out pickups (and
undoes one) and applies pulled pages on a copy of a small demo database, and is killed with
SIGKILL: deterministically before every statement SQLite starts during those operations (and
once more after each call has returned but before the child said so), N = 1, 2, ... until
the script runs to its end; then at random moments (seeded) during a longer mixed script.
After every kill the parent opens the file and checks:

- PRAGMA integrity_check is "ok" and PRAGMA foreign_key_check finds nothing;
- every sale the child reported done is there exactly once, with its lines, payments that add
  up to its total, one stock move per product line and exactly one outbox event; there is no
  sale without those, no outbox event or stock move without its sale, and book stock still
  equals the template's plus the stock moves; receipt numbers and outbox sequence numbers
  have no gaps and match their counters;
- every hand-out (and undo) reported is there exactly once, with its lines and exactly one
  outbox event; every order line's qty_picked still equals the template's plus the pickup
  lines minus the undo lines;
- a pulled page is applied with its cursor or not at all: the pulled tables are, byte for
  byte, the template's, or the template's after page 1, or after pages 1 and 2, whichever
  the stored cursor says.

What this does NOT test: power loss. A SIGKILL loses nothing the process already handed to
the kernel, so this proves the transactions are atomic and that a sale is reported only after
its commit; it says nothing about disk writes the kernel or the drive had not yet made
durable when the power went (that is what synchronous=FULL and the hardware are for, and
needs a fault-injecting file system or a real power cut to test).
"""
from __future__ import annotations

import json
import random
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

from child_driver import T0, Server, Template, copy_database, pull_pages, random_page, read_report
from db_checks import (
    Baseline,
    check_invariants,
    check_pages,
    check_random_pages,
    check_reported,
    checksum,
    cursor_of,
    opened,
)

from local_db.engine import Database
from sync.apply_pull import apply_page
from sync.protocol import messages as m

RANDOM_KILLS = 12
RANDOM_SEED = 20261125


# --- the plans ---------------------------------------------------------------------------------


def scripts(facts: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    handable = facts["handable"]
    first_line = next(iter(handable[1]["lines"]))
    return {
        "checkout (2 sales)": [{"op": "sale"}, {"op": "sale"}],
        "hand_out (whole, partial) + undo": [
            {"op": "pickup", "order_id": handable[0]["order_id"]},
            {"op": "pickup", "order_id": handable[1]["order_id"], "lines": {first_line: 1}},
            {"op": "undo"},
        ],
        "apply_page (2 pages)": [{"op": "page", "page": page} for page in pull_pages(facts)],
    }


def random_script(facts: dict[str, Any]) -> list[dict[str, Any]]:
    orders = [h["order_id"] for h in facts["handable"][2:]]
    script: list[dict[str, Any]] = []
    pages = 0
    for i in range(40):
        kind = i % 5
        if kind in (0, 3):
            script.append({"op": "sale"})
        elif kind == 1:
            pages += 1
            script.append({"op": "page", "page": random_page(pages)})
        elif kind == 2 and orders:
            script.append({"op": "pickup", "order_id": orders.pop(0)})
        elif kind == 4 and i % 10 == 4:
            script.append({"op": "undo"})
        else:
            script.append({"op": "sale"})
    return script


def expected_pages(template: Template, tmp: Path) -> dict[str | None, str]:
    """Checksums of the pulled tables after 0, 1 and 2 pages, applied in this process."""
    path = tmp / "reference.db"
    copy_database(template.path, path)
    with opened(path) as conn:
        expected: dict[str | None, str] = {cursor_of(conn): checksum(conn)}
    db = Database(path)
    try:
        for raw in pull_pages(template.facts):
            page = m.PullResponse.model_validate(raw)
            apply_page(db, page, now=T0)
            with opened(path) as conn:
                expected[page.cursor] = checksum(conn)
    finally:
        db.dispose()
    return expected


# --- the tests ---------------------------------------------------------------------------------


def test_kill_at_every_statement_boundary(server: Server, template: Template, tmp_path: Path) -> None:
    with opened(template.path) as conn:
        base = Baseline.of(conn)
    expected = expected_pages(template, tmp_path)
    assert len(set(expected.values())) == 3  # each page changes something
    run_db, report_path = tmp_path / "run.db", tmp_path / "report.jsonl"
    tried: dict[str, int] = {}
    started = time.monotonic()
    for name, script in scripts(template.facts).items():
        attempted = Counter(step["op"] for step in script)
        n = 1
        while True:
            copy_database(template.path, run_db)
            report_path.unlink(missing_ok=True)
            answer = server.run(db=run_db, report=report_path, script=script, kill_at=n)
            report = read_report(report_path)
            errors = [r for r in report if r["op"] == "error"]
            assert not errors, errors[0]["detail"]
            with opened(run_db) as conn:
                check_invariants(conn, base)
                check_reported(conn, base, report, attempted)
                if attempted["page"]:
                    check_pages(conn, report, expected)
            if answer["signal"] == signal.SIGKILL:
                n += 1
                continue
            assert answer["exit"] == 0 and report[-1]["op"] == "end", (answer, report)
            assert sum(1 for r in report if r["op"] != "end") == sum(attempted.values())
            tried[name] = n - 1  # kills made; the n-th run finished
            break
    total = sum(tried.values())
    print(f"\n[crash safety] kill points tried per operation: {json.dumps(tried, ensure_ascii=False)}"
          f"; {total} in all, no sale, pickup or page lost, doubled or half-written "
          f"({time.monotonic() - started:.1f} s)")
    assert all(n > 10 for n in tried.values())


def test_kill_at_random_moments(server: Server, template: Template, tmp_path: Path) -> None:
    with opened(template.path) as conn:
        base = Baseline.of(conn)
    rng = random.Random(RANDOM_SEED)
    script = random_script(template.facts)
    attempted = Counter(step["op"] for step in script)
    run_db, report_path = tmp_path / "run.db", tmp_path / "report.jsonl"
    copy_database(template.path, run_db)
    started = time.monotonic()  # one whole run first: how long the kills may wait
    assert server.run(db=run_db, report=report_path, script=script)["exit"] == 0
    whole = time.monotonic() - started
    assert read_report(report_path)[-1]["op"] == "end"
    done_ops: list[int] = []
    kills = 0
    for _ in range(RANDOM_KILLS):
        copy_database(template.path, run_db)
        report_path.unlink(missing_ok=True)
        delay = rng.uniform(0.0, 0.9 * whole)
        answer = server.run(db=run_db, report=report_path, script=script, kill_after_s=delay)
        report = read_report(report_path)
        errors = [r for r in report if r["op"] == "error"]
        assert not errors, errors[0]["detail"]
        kills += answer["signal"] == signal.SIGKILL
        with opened(run_db) as conn:
            check_invariants(conn, base)
            check_reported(conn, base, report, attempted)
            check_random_pages(conn, report)
        done_ops.append(sum(1 for r in report if r["op"] not in ("end", "error")))
    print(f"\n[crash safety] random kills: {kills} of {RANDOM_KILLS} runs killed mid-script "
          f"(seed {RANDOM_SEED}, {len(script)} operations in {whole:.2f} s unkilled); "
          f"operations done before the kill: {done_ops}")
    assert kills >= RANDOM_KILLS // 2


def test_the_app_opens_a_killed_childs_database_and_goes_on(server: Server, template: Template,
                                                             tmp_path: Path) -> None:
    """After a kill in the middle of a checkout, the next sale takes the receipt number the
    killed one would have had: nothing of the killed transaction survived."""
    run_db, report_path = tmp_path / "run.db", tmp_path / "report.jsonl"
    copy_database(template.path, run_db)
    answer = server.run(db=run_db, report=report_path, script=[{"op": "sale"}], kill_at=12)
    assert answer["signal"] == signal.SIGKILL and read_report(report_path) == []
    answer = server.run(db=run_db, report=report_path, script=[{"op": "sale"}])
    assert answer["exit"] == 0
    assert [r["number"] for r in read_report(report_path) if r["op"] == "sale"] == ["20261125-0001"]
