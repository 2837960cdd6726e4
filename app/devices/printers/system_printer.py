"""PDFs to the system printer: CUPS (`lp`) on Linux and macOS, the Windows spooler, or a file.

A job is submitted once and then only watched: nothing here ever prints a document again
on its own (a receipt that comes out twice is worse than one the clerk reprints by hand).
CUPS is always asked in the C locale so its answers can be read whatever the shop's locale.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from app.errors import UserFacingError

log = logging.getLogger(__name__)

COMMAND_TIMEOUT_S = 15.0
STUCK_AFTER_S = 120.0

_REQUEST_ID = re.compile(r"request id is (\S+)")
_MEDIABOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")
_submitted: dict[str, float] = {}
_cancelled: set[str] = set()
_submitted_lock = threading.Lock()


class JobState(StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    COMPLETED = "completed"
    STUCK = "stuck"
    """Still not printed after a while, or the printer is stopped: a person should look."""
    CANCELLED = "cancelled"
    """Cancelled through cancel_job (lpstat lists cancelled jobs among the completed ones)."""
    UNKNOWN = "unknown"
    """No spooler answer about this job (Windows, a saved file, CUPS restarted or down)."""


@dataclass(frozen=True, slots=True)
class PrintJob:
    """A submitted document. via: "cups", "windows" or "file" (saved instead of printed)."""

    via: str
    path: Path
    job_id: str | None = None
    printer: str | None = None
    submitted_at: float = 0.0
    """time.monotonic() when it was submitted."""


def _is_windows() -> bool:
    return sys.platform.startswith("win")


def _cups_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(LANG="C", LC_ALL="C", LANGUAGE="C")
    return env


def _no_cups() -> UserFacingError:
    return UserFacingError(
        "没有找到打印服务（CUPS）。请安装打印机驱动，或在设置中选择“保存为文件”。",
        "No printing service (CUPS) was found. Install the printer, or choose “save to file” "
        "in Settings.",
        code="printer_missing",
    )


def _scheduler_running() -> bool:
    """`lpstat -r`; needed because with cupsd down `lp -d X` claims X does not exist and
    `lpstat -e` lists nothing without an error."""
    result = _run(["lpstat", "-r"])
    return result.returncode == 0 and "not running" not in result.stdout.lower()


def _service_down() -> UserFacingError:
    return UserFacingError(
        "打印服务没有运行，请重启电脑或联系维护人员。",
        "The printing service (CUPS) is not running. Restart the computer or ask your "
        "technician.",
        code="printer_service_down",
    )


def _cups_error(stderr: str, printer: str | None) -> UserFacingError:
    text = stderr.strip()
    low = text.lower()
    if ("scheduler is not running" in low or "connection refused" in low
            or "no such file or directory" in low or "unable to connect" in low):
        return _service_down()
    if "does not exist" in low or "unknown destination" in low or "not found" in low:
        return UserFacingError(
            f"找不到打印机“{printer}”。请在设置中重新选择打印机。",
            f"Printer “{printer}” was not found. Choose the printer again in Settings.",
            code="printer_missing",
        )
    if "no default destination" in low:
        return UserFacingError(
            "还没有设置打印机。请在设置中选择打印机，或选择“保存为文件”。",
            "No printer is set up. Choose one in Settings, or choose “save to file”.",
            code="printer_missing",
        )
    if "not accepting" in low:
        return UserFacingError(
            f"打印机“{printer}”已暂停，不接受打印任务。请在系统的打印机设置中恢复它。",
            f"Printer “{printer}” is paused and not accepting jobs. Resume it in the system's "
            f"printer settings.",
            code="printer_paused",
        )
    return UserFacingError(
        f"打印失败：{text or '未知错误'}",
        f"Printing failed: {text or 'unknown error'}",
        code="printer_error",
    )


def _run(args: list[str], printer: str | None = None) -> subprocess.CompletedProcess[str]:
    if shutil.which(args[0]) is None:
        raise _no_cups()
    try:
        return subprocess.run(args, capture_output=True, text=True, env=_cups_env(),
                              timeout=COMMAND_TIMEOUT_S, check=False)
    except FileNotFoundError:
        raise _no_cups() from None
    except subprocess.TimeoutExpired:
        raise _cups_error("scheduler is not running (timeout)", printer) from None


def list_printers() -> list[str]:
    """Names of the printers the system knows (empty when there is no spooler at all)."""
    if _is_windows():
        try:
            import win32print
        except ImportError:
            return []
        flags = win32print.PRINTER_ENUM_LOCAL | win32print.PRINTER_ENUM_CONNECTIONS
        return [p[2] for p in win32print.EnumPrinters(flags)]
    if shutil.which("lpstat") is None:
        return []
    if not _scheduler_running():
        raise _service_down()
    result = _run(["lpstat", "-e"])
    if result.returncode == 0:
        return [line.strip() for line in result.stdout.splitlines() if line.strip()]
    if "scheduler" in result.stderr.lower():
        raise _cups_error(result.stderr, None)
    result = _run(["lpstat", "-a"])  # older CUPS without -e
    if result.returncode != 0:
        if "no destinations" in (result.stdout + result.stderr).lower():
            return []
        raise _cups_error(result.stderr, None)
    return [line.split()[0] for line in result.stdout.splitlines() if line.strip()]


def default_printer() -> str | None:
    """The system's default printer, or None."""
    if _is_windows():
        try:
            import win32print
        except ImportError:
            return None
        return str(win32print.GetDefaultPrinter()) or None
    if shutil.which("lpstat") is None:
        return None
    result = _run(["lpstat", "-d"])
    match = re.search(r"system default destination:\s*(\S+)", result.stdout)
    return match.group(1) if match else None


def media_option(path: Path) -> str | None:
    """The CUPS media for a PDF's page size ("Custom.58x171.75mm"), for documents such as
    receipts whose page is the paper: `print_pdf(path, options={"media": media_option(path)})`.

    Reads the first /MediaBox in the file, which is right for our one-page documents.
    """
    match = _MEDIABOX.search(Path(path).read_bytes())
    if not match:
        return None
    x0, y0, x1, y1 = (float(v) for v in match.groups())
    w_mm, h_mm = (x1 - x0) * 25.4 / 72, (y1 - y0) * 25.4 / 72
    return f"Custom.{w_mm:.2f}x{h_mm:.2f}mm"


def print_pdf(path: Path, printer: str | None = None, *, title: str | None = None,
              options: Mapping[str, str] | None = None) -> PrintJob:
    """Send a PDF file to `printer` (or the system default) and return the job.

    options are CUPS job options (`lp -o key=value`), e.g. {"media": media_option(path)};
    Windows ignores them. Raises UserFacingError when there is no spooler, no such
    printer, or CUPS is down.
    """
    path = Path(path)
    if not path.is_file():
        raise UserFacingError("要打印的文件不存在。", "The file to print does not exist.",
                              code="print_file_missing")
    if _is_windows():
        return _print_windows(path, printer)
    args = ["lp"]
    if printer:
        args += ["-d", printer]
    if title:
        args += ["-t", title]
    for key, value in (options or {}).items():
        args += ["-o", f"{key}={value}"]
    args += ["--", str(path)]
    result = _run(args, printer)
    if result.returncode != 0:
        if shutil.which("lpstat") is not None and not _scheduler_running():
            raise _service_down()
        raise _cups_error(result.stderr or result.stdout, printer)
    match = _REQUEST_ID.search(result.stdout)
    job_id = match.group(1) if match else None
    now = time.monotonic()
    if job_id:
        with _submitted_lock:
            for old in [j for j, t in _submitted.items() if now - t > 86400]:
                del _submitted[old]  # a day-old job is not watched any more
            _submitted[job_id] = now
    log.info("sent %s to CUPS as %s", path.name, job_id)
    return PrintJob("cups", path, job_id, printer or (job_id.rsplit("-", 1)[0] if job_id else None),
                    now)


def _print_windows(path: Path, printer: str | None) -> PrintJob:
    try:
        if printer:
            import win32api

            win32api.ShellExecute(0, "printto", str(path), f'"{printer}"', ".", 0)
        else:
            os.startfile(str(path), "print")  # type: ignore[attr-defined]
    except ImportError:
        os.startfile(str(path), "print")  # type: ignore[attr-defined]
    except OSError as exc:
        raise UserFacingError(
            "Windows 无法打印此 PDF：请安装一个 PDF 阅读器并设置默认打印机。",
            "Windows cannot print this PDF: install a PDF reader and set a default printer.",
            code="printer_missing",
        ) from exc
    return PrintJob("windows", path, None, printer, time.monotonic())


def save_pdf(source: Path | bytes, folder: Path, filename: str) -> Path:
    """Save a PDF into `folder` as `filename`, never overwriting (name-2.pdf, name-3.pdf…)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / filename
        stem, suffix = target.stem, target.suffix or ".pdf"
        n = 2
        while target.exists():
            target = folder / f"{stem}-{n}{suffix}"
            n += 1
        if isinstance(source, bytes):
            target.write_bytes(source)
        else:
            shutil.copyfile(source, target)
    except OSError as exc:
        raise UserFacingError(
            f"无法保存文件到 {folder}：{exc.strerror or exc}",
            f"Could not save the file to {folder}: {exc.strerror or exc}",
            code="save_failed",
        ) from exc
    return target


def print_or_save(path: Path, *, printer_kind: str, printer_target: str, save_dir: Path,
                  title: str | None = None, options: Mapping[str, str] | None = None) -> PrintJob:
    """What settings ask for: kind "system" prints (to printer_target or the default printer),
    kind "none" saves the PDF into save_dir. ESC/POS kinds are not for PDFs."""
    path = Path(path)
    if printer_kind == "none":
        saved = save_pdf(path, save_dir, path.name)
        return PrintJob("file", saved, submitted_at=time.monotonic())
    return print_pdf(path, printer_target or None, title=title, options=options)


def _job_listed(job_id: str, which: str) -> bool | None:
    result = _run(["lpstat", "-W", which, "-o"])
    if result.returncode != 0:
        log.warning("lpstat -W %s failed: %s", which, result.stderr.strip())
        return None
    return any(line.split(maxsplit=1)[0] == job_id for line in result.stdout.splitlines()
               if line.strip())


def job_status(job: PrintJob | str, *, stuck_after_s: float = STUCK_AFTER_S) -> JobState:
    """Where a CUPS job is: queued, printing, completed, stuck (not done after
    `stuck_after_s`, or its printer is stopped) or unknown."""
    job_id = job if isinstance(job, str) else job.job_id
    if not job_id or _is_windows() or shutil.which("lpstat") is None:
        return JobState.UNKNOWN
    try:
        pending = _job_listed(job_id, "not-completed")
        if pending:
            printer = job_id.rsplit("-", 1)[0]
            status = _run(["lpstat", "-p", printer]).stdout
            with _submitted_lock:
                submitted = _submitted.get(job_id)
            if isinstance(job, PrintJob) and job.submitted_at:
                submitted = job.submitted_at
            too_long = submitted is not None and time.monotonic() - submitted > stuck_after_s
            if too_long or re.search(r"\bdisabled\b", status):
                return JobState.STUCK
            if re.search(rf"now printing {re.escape(job_id)}\b", status):
                return JobState.PRINTING
            return JobState.QUEUED
        if pending is None:
            return JobState.UNKNOWN
        if _job_listed(job_id, "completed"):
            with _submitted_lock:
                was_cancelled = job_id in _cancelled
            return JobState.CANCELLED if was_cancelled else JobState.COMPLETED
    except UserFacingError as exc:
        log.warning("job status of %s unknown: %s", job_id, exc)
    return JobState.UNKNOWN


def cancel_job(job: PrintJob | str) -> None:
    """Cancel a job that has not printed yet (a stuck one, before the clerk reprints)."""
    job_id = job if isinstance(job, str) else job.job_id
    if not job_id:
        return
    result = _run(["cancel", job_id])
    low = result.stderr.lower()
    # Already printed, or gone: there is nothing left to cancel, which is what was wanted.
    if result.returncode != 0 and "already" not in low and "does not exist" not in low:
        raise _cups_error(result.stderr, job_id.rsplit("-", 1)[0])
    with _submitted_lock:
        _submitted.pop(job_id, None)
        _cancelled.add(job_id)
