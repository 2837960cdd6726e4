"""Entry point: `corner-station` / `python -m app`.

    corner-station --demo                 the window on demo data in its own folder
    corner-station --data-dir PATH        the window on the shop's data in PATH
    corner-station decode PATH...         print what the QR decoder reads in images
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserFacingError
from app.settings import default_data_dir

if TYPE_CHECKING:
    from app.bootstrap import AppContext
    from sync.demo_cloud import DemoCloud


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corner-station",
        description="邻里站 Corner Station — counter and pickup point program",
    )
    parser.add_argument("--data-dir", type=Path, help="data folder (default: per-user app data)")
    parser.add_argument("--demo", action="store_true", help="run on demo data in its own folder")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="UI language (saved)")
    parser.add_argument("--staff", help="staff number on duty (skips the chooser)")
    sub = parser.add_subparsers(dest="command")
    dec = sub.add_parser("decode", help="decode QR codes in image files or folders")
    dec.add_argument("paths", nargs="+", type=Path)
    return parser


def demo_data_dir(base: Path | None) -> Path:
    return base if base is not None else default_data_dir() / "demo"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "decode":
        from app.devices.decode_cli import run_decode

        return run_decode(args.paths)
    try:
        return _run_window(args)
    except UserFacingError as exc:
        print(exc.message.both(), file=sys.stderr)
        return 2


def _run_window(args: argparse.Namespace) -> int:
    from ui.launch import open_context

    data_dir = demo_data_dir(args.data_dir) if args.demo else (args.data_dir or default_data_dir())
    # A damaged database leads to the newest good backup here, before anything else runs.
    ctx = open_context(data_dir, lang=args.lang)
    if ctx is None:
        return 0
    demo_cloud = None
    try:
        if args.demo:
            demo_cloud = _start_demo(ctx)
        if args.lang:
            ctx.settings.language = args.lang
            ctx.settings.save(ctx.data_dir)
        from ui.launch import run_gui

        return run_gui(ctx, staff_no=args.staff, lang=args.lang)
    finally:
        if demo_cloud is not None:
            demo_cloud.stop()
        ctx.close()


def _start_demo(ctx: AppContext) -> DemoCloud:
    """The demo shop: staff and catalogue are local; campaigns and orders come from the
    demo's own cloud on 127.0.0.1, so pickups made in the demo upload as accepted."""
    from app.demo_seed import DemoScale, seed_demo
    from app.sync_service import prepare_demo_station
    from sync.demo_cloud import DemoCloud

    seed_demo(ctx.db, now=ctx.clock.now(), calendar=ctx.calendar, scale=DemoScale(campaigns=0, orders=0))
    cloud = DemoCloud(ctx.data_dir)
    cloud.start()
    summary = prepare_demo_station(ctx, cloud)
    if not summary.ok and summary.error is not None:
        print(summary.error.both(), file=sys.stderr)
    from app.demo_sales import ring_up_demo_sales

    # two weeks of counter sales for the Reports screen (once; they upload on the next sync)
    ring_up_demo_sales(ctx.db, now=ctx.clock.now(), calendar=ctx.calendar, settings=ctx.settings,
                       clerk=ctx.station.actor("02"), owner=ctx.station.actor("01"))
    return cloud


if __name__ == "__main__":
    raise SystemExit(main())
