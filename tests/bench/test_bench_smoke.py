"""The bench harness works: a tiny generated database, two fast figures, JSON out.

Timings are never asserted (tests assert behaviour); only that the harness runs end to end
and reports every key with positive numbers.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"figure", "median", "unit", "baseline", "baseline_median", "ratio", "target_ratio",
        "meets_target"}
FIGURES = ("search_as_you_type", "pickup_verdict")


def test_small_run_reports_every_key_with_positive_numbers(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("CORNER_STATION_DATA", None)
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--scale", "small", "--json", "--repeat", "1",
         "--only", ",".join(FIGURES), "--out-dir", str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads(proc.stdout)
    assert [r["figure"] for r in results] == list(FIGURES)
    for r in results:
        assert set(r) >= KEYS, r
        for key in ("median", "baseline_median", "ratio", "target_ratio"):
            assert isinstance(r[key], int | float) and r[key] > 0, (r["figure"], key, r[key])
        assert isinstance(r["meets_target"], bool)
        assert r["unit"] == "ms"
    # the generated database is cached beside the run, and the run's copy is cleaned up
    assert any(p.name.startswith("small-seed7-") and p.is_dir() for p in tmp_path.iterdir())
    assert not any(p.name.startswith("run-") for p in tmp_path.iterdir())


def test_help_lists_every_figure() -> None:
    proc = subprocess.run([sys.executable, "-m", "bench", "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    for name in ("window_ready", "barcode_to_line", "checkout_commit", "pickup_verdict",
                 "qr_decode_rate", "picking_docs", "sync_pull", "peak_memory", "db_size"):
        assert name in proc.stdout
