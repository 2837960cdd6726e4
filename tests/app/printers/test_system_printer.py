"""System printing: a real CUPS-PDF queue when there is one (.ci/services makes it), and small
stand-in lp/lpstat scripts for the states a real queue cannot be put into on demand."""
from __future__ import annotations

import getpass
import glob
import io
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from pypdf import PdfReader

from app.devices.printers import system_printer as sp
from app.devices.printers.system_printer import JobState, PrintJob
from app.documents.receipt import ReceiptData, build_receipt_pdf
from app.errors import UserFacingError

MM = 72 / 25.4
T = TypeVar("T")


@pytest.fixture
def receipt_pdf(receipt: ReceiptData, tmp_path: Path) -> Path:
    path = tmp_path / "receipt-20261125-0042.pdf"
    path.write_bytes(build_receipt_pdf(receipt, 58))
    return path


# --- stand-in CUPS commands (the device edge) ------------------------------------------------

FAKE = r"""#!/bin/sh
d="$FAKE_CUPS"
echo "$0 $*" >> "$d/calls"
name=$(basename "$0")
if [ "$name" = lp ]; then
  if [ -f "$d/lp.err" ]; then cat "$d/lp.err" >&2; exit 1; fi
  echo "request id is PDF-42 (1 file(s))"; exit 0
fi
if [ "$name" = cancel ]; then exit 0; fi
case "$*" in
  "-r") if [ -f "$d/down" ]; then echo "scheduler is not running"; exit 1; fi
        echo "scheduler is running";;
  "-W not-completed -o") cat "$d/pending" 2>/dev/null;;
  "-W completed -o") cat "$d/done" 2>/dev/null;;
  "-p "*) cat "$d/status" 2>/dev/null;;
  "-e") printf 'PDF\nReceipt58\n';;
  "-d") echo "system default destination: Receipt58";;
esac
exit 0
"""


@pytest.fixture
def fake_cups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir = tmp_path / "bin"
    state = tmp_path / "state"
    bin_dir.mkdir()
    state.mkdir()
    for name in ("lp", "lpstat", "cancel"):
        script = bin_dir / name
        script.write_text(FAKE)
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin")
    monkeypatch.setenv("FAKE_CUPS", str(state))
    monkeypatch.setattr(sp.sys, "platform", "linux")
    return state


def test_lp_job_id_title_and_options(fake_cups: Path, receipt_pdf: Path) -> None:
    media = sp.media_option(receipt_pdf)
    assert media is not None and media.startswith("Custom.58.00x")
    job = sp.print_pdf(receipt_pdf, "PDF", title="小票 20261125-0042", options={"media": media})
    assert (job.via, job.job_id, job.printer) == ("cups", "PDF-42", "PDF")
    call = (fake_cups / "calls").read_text()
    assert f"-d PDF -t 小票 20261125-0042 -o media={media} -- {receipt_pdf}" in call
    assert sp.list_printers() == ["PDF", "Receipt58"]
    assert sp.default_printer() == "Receipt58"


def test_job_states(fake_cups: Path, receipt_pdf: Path) -> None:
    job = sp.print_pdf(receipt_pdf, "PDF")
    line = "PDF-42                  root   35840   Wed Nov 25 10:03:00 2026\n"
    (fake_cups / "pending").write_text(line)
    (fake_cups / "status").write_text("printer PDF is idle.  enabled since Wed Nov 25\n")
    assert sp.job_status(job) is JobState.QUEUED
    (fake_cups / "status").write_text("printer PDF now printing PDF-42.  enabled since …\n")
    assert sp.job_status(job) is JobState.PRINTING
    assert sp.job_status("PDF-42", stuck_after_s=0) is JobState.STUCK
    (fake_cups / "status").write_text("printer PDF disabled since Wed Nov 25 -\n\tout of paper\n")
    assert sp.job_status(job) is JobState.STUCK
    (fake_cups / "pending").write_text("PDF-421  root  1  Wed\n")  # another job, not this one
    (fake_cups / "done").write_text(line)
    assert sp.job_status(job) is JobState.COMPLETED
    (fake_cups / "done").write_text("")
    assert sp.job_status(job) is JobState.UNKNOWN
    assert sp.job_status(PrintJob("windows", receipt_pdf)) is JobState.UNKNOWN
    # printing is never repeated by asking about it
    assert (fake_cups / "calls").read_text().count("/lp ") == 1


@pytest.mark.parametrize(("stderr", "down", "code"), [
    ("lp: Error - The printer or class does not exist.", True, "printer_service_down"),
    ("lp: Error - The printer or class does not exist.", False, "printer_missing"),
    ("lp: Error - No default destination.", False, "printer_missing"),
    ('lp: Error - Destination "PDF" is not accepting jobs.', False, "printer_paused"),
])
def test_lp_failures_become_clear_messages(fake_cups: Path, receipt_pdf: Path, stderr: str,
                                           down: bool, code: str) -> None:
    (fake_cups / "lp.err").write_text(stderr)
    if down:
        (fake_cups / "down").write_text("")
    with pytest.raises(UserFacingError) as err:
        sp.print_pdf(receipt_pdf, "PDF")
    assert err.value.code == code
    assert err.value.message.zh and err.value.message.en


def test_no_cups_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                           receipt_pdf: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(sp.sys, "platform", "linux")
    with pytest.raises(UserFacingError) as err:
        sp.print_pdf(receipt_pdf)
    assert err.value.code == "printer_missing"
    assert sp.list_printers() == []
    assert sp.job_status("PDF-1") is JobState.UNKNOWN


def test_save_to_file_when_there_is_no_printer(tmp_path: Path, receipt_pdf: Path) -> None:
    out = tmp_path / "saved"
    first = sp.print_or_save(receipt_pdf, printer_kind="none", printer_target="", save_dir=out)
    second = sp.print_or_save(receipt_pdf, printer_kind="none", printer_target="", save_dir=out)
    assert first.via == "file" and first.path == out / receipt_pdf.name
    assert second.path == out / "receipt-20261125-0042-2.pdf"
    assert first.path.read_bytes() == receipt_pdf.read_bytes()
    assert sp.save_pdf(b"%PDF-1.4 x", out, "z.pdf").read_bytes() == b"%PDF-1.4 x"


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError):
        sp.print_pdf(tmp_path / "nope.pdf", "PDF")


# --- the real CUPS-PDF queue -----------------------------------------------------------------

def _pdf_queue_reason() -> str | None:
    if shutil.which("lp") is None or shutil.which("lpstat") is None:
        return "CUPS client (lp/lpstat) not installed; .ci/services sets up CUPS-PDF"
    env = {**os.environ, "LANG": "C", "LC_ALL": "C"}
    running = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, env=env)
    if "is running" not in running.stdout or "not running" in running.stdout:
        return "cupsd is not running; run .ci/services"
    queue = subprocess.run(["lpstat", "-v", "PDF"], capture_output=True, text=True, env=env)
    if queue.returncode != 0:
        return "no CUPS queue named PDF; run .ci/services (needs cups-pdf)"
    return None


needs_cups_pdf = pytest.mark.skipif(_pdf_queue_reason() is not None,
                                    reason=str(_pdf_queue_reason()))


def _cups_pdf_out_dirs() -> list[Path]:
    """Where cups-pdf writes: its `Out` setting (${HOME} = the submitting user's home), and
    the ANONYMOUS folder for jobs without a known user."""
    out, anon = "${HOME}/PDF", "/var/spool/cups-pdf/ANONYMOUS"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text(errors="replace").splitlines():
            parts = line.split(None, 1)
            if len(parts) == 2 and parts[0] == "Out":
                out = parts[1].strip()
            elif len(parts) == 2 and parts[0] == "AnonDirName":
                anon = parts[1].strip()
    out = out.replace("${HOME}", str(Path.home())).replace("${USER}", getpass.getuser())
    return [Path(out), Path(anon)]


def _wait_for(predicate: Callable[[], T], timeout: float = 30.0) -> T:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return predicate()


@needs_cups_pdf
def test_receipt_through_cups_pdf(receipt_pdf: Path) -> None:
    assert "PDF" in sp.list_printers()
    started = time.time()
    media = sp.media_option(receipt_pdf)
    job = sp.print_pdf(receipt_pdf, "PDF", title="corner-station-receipt",
                       options={"media": media or ""})
    assert job.job_id and re.fullmatch(r"PDF-\d+", job.job_id)
    assert sp.job_status(job) in (JobState.QUEUED, JobState.PRINTING, JobState.COMPLETED)
    assert _wait_for(lambda: sp.job_status(job) is JobState.COMPLETED), sp.job_status(job)

    number = job.job_id.rsplit("-", 1)[1]

    def find() -> list[str]:
        return [f for d in _cups_pdf_out_dirs() for f in glob.glob(str(d / f"*job_{number}.pdf"))
                if os.path.getmtime(f) >= started - 1 and os.path.getsize(f) > 0]

    files = _wait_for(find, 15)
    assert files, f"no output in {_cups_pdf_out_dirs()}"
    reader = PdfReader(io.BytesIO(Path(files[0]).read_bytes()))
    assert len(reader.pages) == 1
    # printed at the receipt's own size, not on A4
    assert float(reader.pages[0].mediabox.width) == pytest.approx(58 * MM, abs=1.5)
    # CUPS re-renders the PDF: CJK text no longer extracts, digits do
    assert "20261125-0042" in reader.pages[0].extract_text()
    Path(files[0]).unlink()  # don't fill the CI user's ~/PDF run after run


@needs_cups_pdf
def test_held_job_is_queued_then_cancelled(receipt_pdf: Path) -> None:
    job = sp.print_pdf(receipt_pdf, "PDF", options={"job-hold-until": "indefinite"})
    assert sp.job_status(job) is JobState.QUEUED
    assert sp.job_status(job, stuck_after_s=0) is JobState.STUCK
    sp.cancel_job(job)
    assert _wait_for(lambda: sp.job_status(job) is JobState.CANCELLED, 10)
    sp.cancel_job(job)  # cancelling again is harmless


@needs_cups_pdf
def test_cupsd_down_is_a_clear_error(receipt_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUPS_SERVER", "127.0.0.1:1")  # a scheduler that is not there
    with pytest.raises(UserFacingError) as err:
        sp.print_pdf(receipt_pdf, "PDF")
    assert err.value.code == "printer_service_down"
    with pytest.raises(UserFacingError):
        sp.list_printers()


@needs_cups_pdf
def test_unknown_printer(receipt_pdf: Path) -> None:
    with pytest.raises(UserFacingError) as err:
        sp.print_pdf(receipt_pdf, "NoSuchPrinter")
    assert err.value.code == "printer_missing"
    assert "NoSuchPrinter" in err.value.message.en
