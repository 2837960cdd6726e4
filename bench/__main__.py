"""python -m bench: run the figures and print one table (or JSON) of medians and ratios.

Each figure runs `--repeat` times on a generated database (bench/generate.py: a year of a
busy store by default, cached in bench/out/), next to a bare baseline measured in the same
run; the table gives the median, the baseline's median, their ratio and whether the
target is met. See bench/README.md for what each figure and baseline is.
"""
from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

# Before anything imports Qt: the bench draws offscreen, like the tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.generate import OUT_DIR, SCALES, generated_database, working_copy  # noqa: E402
from bench.report import (  # noqa: E402
    Env,
    Figure,
    Measured,
    as_json,
    machine,
    render_table,
    summarize,
)

GROUPS = ("window", "counter", "pickup", "qr", "documents", "sync", "storage")
ORDER = (
    "window_ready", "barcode_to_line", "search_as_you_type", "checkout_commit", "pickup_verdict",
    "qr_decode_rate", "qr_photo_time", "qr_frame_time", "picking_docs", "sync_pull", "sync_push",
    "peak_memory", "db_size",
)


def all_figures() -> list[Figure]:
    figures = [f for g in GROUPS for f in importlib.import_module(f"bench.figures_{g}").FIGURES]
    return sorted(figures, key=lambda f: ORDER.index(f.name) if f.name in ORDER else len(ORDER))


def select(figures: list[Figure], only: Sequence[str]) -> list[Figure]:
    """Figures named in --only (a figure's name, a group, or a prefix of names)."""
    wanted = [w.strip() for item in only for w in item.split(",") if w.strip()]
    if not wanted:
        return figures
    chosen = [f for f in figures
              if any(w in (f.name, f.group) or f.name.startswith(w) for w in wanted)]
    unknown = [w for w in wanted
               if not any(w in (f.name, f.group) or f.name.startswith(w) for f in figures)]
    if unknown:
        raise SystemExit(f"unknown figure(s): {', '.join(unknown)}; see python -m bench --list")
    return chosen


def build_parser() -> argparse.ArgumentParser:
    lines = []
    for f in all_figures():
        target = []
        if f.target_ratio is not None:
            target.append(f"{'≤' if f.better == 'lower' else '≥'} {f.target_ratio:g}x")
        if f.bound is not None:
            target.append(f"< {f.bound:g} {f.unit}")
        lines.append(f"  {f.name:<20} {f.title} [{f.unit}; {', '.join(target) or 'no target'}]"
                     f"\n  {'':<20} baseline: {f.baseline}")
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        epilog="figures (--only takes a name, a group or a prefix; groups: "
               + ", ".join(GROUPS) + "):\n" + "\n".join(lines),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="year",
                        help="year: 50k products, 110k sales, 100k orders (default); "
                             "small: a tiny database for a quick run")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs of each figure; the median is reported (default 5)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run only these figures (repeat it or separate with commas)")
    parser.add_argument("--json", action="store_true",
                        help="print a JSON list of objects (figure, median, unit, baseline, "
                             "baseline_median, ratio, target_ratio, meets_target, …) instead "
                             "of the table; progress goes to stderr")
    parser.add_argument("--list", action="store_true", help="list the figures and exit")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR,
                        help="where generated databases are cached and runs work "
                             "(default bench/out, gitignored)")
    parser.add_argument("--keep", action="store_true",
                        help="keep this run's working copy of the data folder")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    figures = select(all_figures(), args.only)
    if args.list:
        for f in figures:
            print(f"{f.name:<20} {f.group:<10} {f.title}")
        return 0
    if args.repeat < 1:
        raise SystemExit("--repeat must be at least 1")

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    info = machine()
    log(f"machine: {info['nproc']} x {info['cpu']}, load {info['load']}")
    gen = generated_database(args.scale, args.seed, out_dir=args.out_dir, log=log)
    log(f"data: {gen.data_dir} ({'cached; ' if gen.cached else ''}generated in {gen.seconds:.1f} s)")
    run_dir = args.out_dir / f"run-{os.getpid()}"
    env = Env(gen=gen, data_dir=working_copy(gen, run_dir / "data"), work_dir=run_dir,
              repeat=args.repeat, log=log)
    started = time.perf_counter()
    measured: dict[str, Measured] = {}
    try:
        for group in GROUPS:
            wanted = [f for f in figures if f.group == group]
            if not wanted:
                continue
            module = importlib.import_module(f"bench.figures_{group}")
            try:
                measured.update(module.run(env, wanted))
            except Exception as exc:  # noqa: BLE001 - one broken group must not hide the rest
                traceback.print_exc()
                for f in wanted:
                    measured[f.name] = Measured(available=False, note=f"failed: {exc!r}"[:500])
    finally:
        env.close()
        if not args.keep:
            shutil.rmtree(run_dir, ignore_errors=True)
    results = [summarize(f, measured.get(f.name, Measured.unavailable("not measured")))
               for f in figures]
    end_info = machine()
    if args.json:
        print(as_json(results))
    else:
        print(header(gen, info, end_info, time.perf_counter() - started))
        print(render_table(results))
    return 0


def header(gen: object, start: dict[str, object], end: dict[str, object], seconds: float) -> str:
    from bench.generate import Generated

    assert isinstance(gen, Generated)
    counts = ", ".join(f"{k} {v:,}" for k, v in gen.counts.items()
                       if k in ("product", "sale", "sale_line", "payment", "stock_move",
                                "group_order", "campaign", "pickup", "outbox"))
    made = "cached, made" if gen.cached else "made"
    return "\n".join([
        f"machine: nproc {start['nproc']}, {start['cpu']}, Python {start['python']}",
        f"load average (1, 5, 15 min): {start['load']} at start, {end['load']} at end",
        f"data: scale {gen.scale.name}, seed {gen.seed} ({made} in {gen.seconds:.1f} s): {counts}",
        f"bench run: {seconds:.0f} s",
        "",
    ])


if __name__ == "__main__":
    raise SystemExit(main())
