"""What a figure is, what a run of it measured, and the table and JSON that report it.

Every figure is measured `repeat` times (one value per run: a median over many operations
for the fast ones, one process for the window); the reported median is the median of
those values, and so is the baseline's, measured in the same run (interleaved where it
matters). ratio = ours / baseline. A figure meets its target when the ratio is within
target_ratio (at most, or at least for a rate) and the median within its absolute bound,
if it has one.
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from bench.generate import DAY_CUTOFF_HOUR, NOW, TIMEZONE, Generated

Better = Literal["lower", "higher"]
NOT_AVAILABLE = "not available yet"


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    group: str  # the module bench.figures_<group> measures it
    title: str
    unit: str
    baseline: str
    target_ratio: float | None
    bound: float | None = None  # an absolute upper bound in `unit`, where there is one
    better: Better = "lower"


@dataclass(slots=True)
class Measured:
    """One figure's values, one per run, for our code and for its baseline."""

    ours: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)
    label: str = ""  # what exactly was measured, when it is not the figure's plain meaning
    note: str = ""
    available: bool = True
    detail: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def unavailable(cls, why: str) -> Measured:
        return cls(available=False, note=f"{NOT_AVAILABLE}: {why}")


def attempt(measure: Callable[[], Measured]) -> Measured:
    """measure(), or a failed figure saying why (the traceback goes to stderr): one broken
    figure must not take the others of its group down."""
    try:
        return measure()
    except Exception as exc:  # noqa: BLE001 - reported in the table
        traceback.print_exc()
        return Measured(available=False, note=f"failed: {exc!r}"[:600])


@dataclass(frozen=True, slots=True)
class Result:
    figure: str
    median: float | None
    unit: str
    baseline: str
    baseline_median: float | None
    ratio: float | None
    target_ratio: float | None
    meets_target: bool | None
    title: str = ""
    better: Better = "lower"
    bound: float | None = None
    runs: int = 0
    label: str = ""
    note: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "figure": self.figure, "median": self.median, "unit": self.unit,
            "baseline": self.baseline, "baseline_median": self.baseline_median,
            "ratio": self.ratio, "target_ratio": self.target_ratio,
            "meets_target": self.meets_target, "title": self.title, "better": self.better,
            "bound": self.bound, "runs": self.runs, "label": self.label, "note": self.note,
            "detail": self.detail,
        }


def summarize(fig: Figure, measured: Measured) -> Result:
    if not measured.available or not measured.ours:
        return Result(fig.name, None, fig.unit, fig.baseline, None, None, fig.target_ratio, None,
                      fig.title, fig.better, fig.bound, 0, measured.label,
                      measured.note or NOT_AVAILABLE, measured.detail)
    median = statistics.median(measured.ours)
    base = statistics.median(measured.base) if measured.base else None
    ratio = median / base if base else None
    meets: bool | None = None
    if fig.target_ratio is not None and ratio is not None:
        meets = ratio <= fig.target_ratio if fig.better == "lower" else ratio >= fig.target_ratio
    if fig.bound is not None:
        meets = (meets is not False) and median <= fig.bound
    return Result(fig.name, median, fig.unit, fig.baseline, base, ratio, fig.target_ratio, meets,
                  fig.title, fig.better, fig.bound, len(measured.ours), measured.label,
                  measured.note, measured.detail)


# --- the run's environment -------------------------------------------------------------------


@dataclass
class Env:
    """What every figure gets: the generated data, a working copy of it, and how often to run."""

    gen: Generated
    data_dir: Path  # a working copy of the generated data folder (figures may write to it)
    work_dir: Path  # scratch space for this run (videos, PDFs, child data folders)
    repeat: int
    log: Callable[[str], None] = lambda _msg: None

    @property
    def db_path(self) -> Path:
        return self.data_dir / self.gen.db_path.name

    @cached_property
    def db(self) -> Any:
        from local_db.engine import Database

        return Database(self.db_path)

    @cached_property
    def calendar(self) -> Any:
        from app.clock import BusinessCalendar

        return BusinessCalendar(TIMEZONE, DAY_CUTOFF_HOUR)

    @cached_property
    def clock(self) -> Any:
        from app.clock import FixedClock

        return FixedClock(NOW)

    @cached_property
    def settings(self) -> Any:
        from app.settings import Settings

        return Settings.load(self.data_dir)

    def close(self) -> None:
        if "db" in self.__dict__:
            self.db.dispose()


# --- output ----------------------------------------------------------------------------------


def fmt(value: float | None) -> str:
    if value is None:
        return "-"
    size = abs(value)
    if size >= 100:
        return f"{value:,.0f}"
    if size >= 10:
        return f"{value:.1f}"
    if size >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def target_text(r: Result) -> str:
    parts = []
    if r.target_ratio is not None:
        parts.append(f"{'≤' if r.better == 'lower' else '≥'} {r.target_ratio:g}x")
    if r.bound is not None:
        parts.append(f"< {r.bound:g} {r.unit}")
    return ", ".join(parts) or "-"


def meets_text(r: Result) -> str:
    if r.median is None:
        return "n/a"
    if r.meets_target is None:
        return "-"
    return "yes" if r.meets_target else "NO"


def render_table(results: Iterable[Result]) -> str:
    rows = [("figure", "median", "baseline", "baseline median", "ratio", "target", "meets")]
    notes: list[str] = []
    for r in results:
        if r.median is not None:
            median = f"{fmt(r.median)} {r.unit}"
        else:
            median = NOT_AVAILABLE if r.note.startswith(NOT_AVAILABLE) else "failed"
        base = f"{fmt(r.baseline_median)} {r.unit}" if r.baseline_median is not None else "-"
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        rows.append((r.figure, median, r.baseline, base, ratio, target_text(r), meets_text(r)))
        for text in (r.label, r.note):
            if text:
                notes.append(f"  {r.figure}: {text}")
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    if notes:
        lines += ["", "notes:", *notes]
    return "\n".join(lines)


def as_json(results: Iterable[Result]) -> str:
    return json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2)


def machine() -> dict[str, Any]:
    """nproc, the CPU model and the load, for the report's header."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = []
    return {"nproc": os.cpu_count(), "cpu": cpu, "load": load,
            "python": platform.python_version(), "system": platform.platform()}
