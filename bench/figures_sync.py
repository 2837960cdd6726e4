"""Sync: pull 10,000 orders and push 5,000 events against the real cloud server on
127.0.0.1, against bare httpx moving the same bytes. The measuring is bench/sync_bench.py's
`run(orders, events, limit, workdir)`; this module runs it `repeat` times (smaller on the
small scale) and reports it, and marks both figures "not available yet" while that file
is missing.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bench.report import Env, Figure, Measured

SIZES = {"year": (10_000, 5_000), "small": (400, 200)}  # orders pulled, events pushed

FIGURES = (
    Figure("sync_pull", "sync", "sync: pull 10,000 orders from the cloud on 127.0.0.1", "s",
           "bare httpx pulling the same pages", 3.0),
    Figure("sync_push", "sync", "sync: push 5,000 events to the cloud on 127.0.0.1", "s",
           "bare httpx pushing the same batches", 3.0),
)


def pick(result: Mapping[str, Any], what: str) -> tuple[float, float] | None:
    """(ours, bare) in seconds for "pull" or "push" from sync_bench's result, if it has them."""
    nested = result.get(what)
    if isinstance(nested, Mapping):
        ours = nested.get("ours_s")
        bare = nested.get("baseline_s", nested.get("bare_s"))
        if isinstance(ours, int | float) and isinstance(bare, int | float):
            return float(ours), float(bare)
    return None


def run(env: Env, figures: list[Figure]) -> dict[str, Measured]:
    try:
        from bench import sync_bench
    except ImportError:
        return {f.name: Measured.unavailable("bench/sync_bench.py is not there yet")
                for f in figures}
    measure = getattr(sync_bench, "run", None)
    if not callable(measure):
        return {f.name: Measured.unavailable("bench/sync_bench.py has no run() yet")
                for f in figures}
    orders, events = SIZES.get(env.gen.scale.name, SIZES["year"])
    out = {f.name: Measured(label=f"bench/sync_bench.py run(): {orders:,} orders pulled, "
                                  f"{events:,} events pushed, real sync code vs bare httpx")
           for f in figures}
    for n in range(env.repeat):
        result = measure(orders, events, workdir=env.work_dir / f"sync-{n}")
        for f in figures:
            what = f.name.removeprefix("sync_")
            got = pick(result, what)
            if got is None:
                out[f.name] = Measured.unavailable(
                    f"bench/sync_bench.py gave no {what} figure this harness reads "
                    f"(keys: {sorted(result)})")
                continue
            out[f.name].ours.append(got[0])
            out[f.name].base.append(got[1])
            part = result[what]
            out[f.name].detail = {k: part[k] for k in ("server_s", "ours_client_s",
                                                        "station_apply_s") if k in part}
            env.log(f"{f.name} {n + 1}/{env.repeat}: {got[0]:.2f} s (bare {got[1]:.2f} s)")
    return out
