"""The print preview (QtPdf) with Print / Save / Cancel, and the print-job follower: a real
picking list printed through CUPS to the CUPS-PDF queue, followed to "printed" and read back;
a held job shown as stuck with Cancel and Reprint, and never sent again by itself."""
from __future__ import annotations

import getpass
import glob
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.bootstrap import AppContext
from app.devices.printers.system_printer import PrintJob, cancel_job
from app.documents.picking_list import build_picking_list
from ui.main_window import MainWindow
from ui.print_preview import PrintJobPanel, PrintPreviewDialog, Submission

ROOT = Path(__file__).resolve().parents[2]


def _factory():
    if "arrivals_factory" in sys.modules:
        return sys.modules["arrivals_factory"]
    spec = importlib.util.spec_from_file_location(
        "arrivals_factory", ROOT / "tests" / "app" / "arrivals" / "arrivals_factory.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def picking() -> tuple[bytes, list[str]]:
    """A real picking list of 40 orders, and their pickup codes."""
    data = _factory().make_picking_data(40, seed=3)
    return build_picking_list(data), [o.pickup_code for o in data.orders]


@pytest.fixture
def pdf(tmp_path: Path, picking: tuple[bytes, list[str]]) -> Path:
    path = tmp_path / "picking-7100-slot.pdf"
    path.write_bytes(picking[0])
    return path


def preview(window: MainWindow, ctx: AppContext, pdf: Path, tmp_path: Path, **kwargs) -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(pdf, title="分拣单 · 11月25日 测试大团", settings=ctx.settings,
                                save_dir=tmp_path / "saved", parent=window, **kwargs)
    dialog.open()
    return dialog


# --- the dialog ------------------------------------------------------------------------------


def test_preview_shows_every_page_and_esc_closes_without_printing(qtbot, window, ctx, pdf, tmp_path,
                                                                  inline_tasks):
    dialog = preview(window, ctx, pdf, tmp_path)
    started: list[PrintJob] = []
    dialog.job_started.connect(started.append)
    pages = len(PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert dialog.page_count == pages > 1
    assert dialog.pages_label.text() == f"共 {pages} 页"
    assert dialog.print_button.text() == "打印 (Ctrl+P)"
    assert dialog.cancel_button.text() == "取消 (Esc)"
    dialog.go_to_page(pages - 1)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    assert started == [] and dialog.job is None


def test_save_as_writes_the_same_pdf_and_never_overwrites(qtbot, window, ctx, pdf, tmp_path, inline_tasks):
    target = tmp_path / "out" / "分拣单.pdf"
    saved = []
    for _ in range(2):
        dialog = preview(window, ctx, pdf, tmp_path)
        dialog.ask_save_path = lambda: target  # type: ignore[method-assign]
        dialog.saved.connect(saved.append)
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d, timeout=3_000)
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert not dialog.isVisible()
    assert saved == [target, target.with_name("分拣单-2.pdf")]
    assert all(p.read_bytes() == pdf.read_bytes() for p in saved)


def test_print_saves_when_settings_have_no_printer(qtbot, window, ctx, pdf, tmp_path, inline_tasks):
    ctx.settings.printer_kind = "none"
    dialog = preview(window, ctx, pdf, tmp_path)
    assert dialog.print_button.text() == "保存（未设置打印机）" and dialog.printer_box.isHidden()
    jobs: list[PrintJob] = []
    dialog.job_started.connect(jobs.append)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert len(jobs) == 1 and jobs[0].via == "file"
    assert jobs[0].path == tmp_path / "saved" / pdf.name and jobs[0].path.read_bytes() == pdf.read_bytes()
    panel = PrintJobPanel()
    qtbot.addWidget(panel)
    row = panel.follow(jobs[0], dialog.submission())
    assert row.state == "saved" and "已保存到" in row.state_label.text()
    assert not row.follower.following  # nothing to ask a spooler about


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


needs_cups_pdf = pytest.mark.skipif(_pdf_queue_reason() is not None, reason=str(_pdf_queue_reason()))


def _cups_pdf_out_dirs() -> list[Path]:
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


def _printed_file(job_id: str, since: float) -> list[str]:
    number = job_id.rsplit("-", 1)[1]
    return [f for d in _cups_pdf_out_dirs() for f in glob.glob(str(d / f"*job_{number}.pdf"))
            if os.path.getmtime(f) >= since - 1 and os.path.getsize(f) > 0]


@needs_cups_pdf
def test_print_to_the_pdf_queue_follow_the_job_and_read_the_output(qtbot, window, ctx, pdf, tmp_path,
                                                                   picking):
    started = time.time()
    dialog = preview(window, ctx, pdf, tmp_path)
    qtbot.waitUntil(lambda: dialog.printer_box.findText("PDF") >= 0, timeout=15_000)  # asked off the GUI thread
    dialog.printer_box.setCurrentText("PDF")
    jobs: list[PrintJob] = []
    dialog.job_started.connect(jobs.append)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3_000)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(jobs), timeout=15_000)
    job = jobs[0]
    assert job.via == "cups" and job.printer == "PDF" and job.job_id.startswith("PDF-")
    assert not dialog.isVisible()
    panel = PrintJobPanel()
    qtbot.addWidget(panel)
    row = panel.follow(job, dialog.submission())
    qtbot.waitUntil(lambda: row.state == "completed", timeout=60_000)
    assert row.state_label.text() == "已打印"
    assert not row.cancel_button.isVisibleTo(row) and not row.reprint_button.isVisibleTo(row)
    assert not row.follower.following  # it stops asking once the job is done

    files: list[str] = []
    qtbot.waitUntil(lambda: bool(files.extend(_printed_file(job.job_id, started)) or files), timeout=15_000)
    try:
        reader = PdfReader(io.BytesIO(Path(files[0]).read_bytes()))
        assert len(reader.pages) == dialog.page_count
        text = "\n".join(page.extract_text() for page in reader.pages)
        # CUPS re-renders the PDF: its CJK text no longer extracts, the codes' digits do.
        _pdf_bytes, codes = picking
        assert all(code in text for code in codes)
    finally:
        for f in files:
            Path(f).unlink(missing_ok=True)  # don't fill the CI user's ~/PDF run after run


@needs_cups_pdf
def test_a_stuck_job_shows_cancel_and_reprint_and_is_never_sent_again_by_itself(qtbot, window, pdf):
    # A job held in the queue never prints: with stuck_after_s=0 it is stuck at once.
    sub = Submission(pdf, "分拣单 held", "PDF", {"job-hold-until": "indefinite"})
    from app.devices.printers.system_printer import print_pdf

    first = print_pdf(sub.path, sub.printer, title=sub.title, options=sub.options)
    panel = PrintJobPanel(stuck_after_s=0)
    qtbot.addWidget(panel)
    panel.show()
    row = panel.follow(first, sub)
    jobs_seen = {first.job_id}
    try:
        qtbot.waitUntil(lambda: row.state == "stuck", timeout=15_000)
        assert "卡住了" in row.state_label.text()
        assert row.cancel_button.isVisible() and row.reprint_button.isVisible()
        assert row.reprint_button.text() == "重新打印" and row.cancel_button.text() == "取消"
        # Left alone it only keeps asking: the same job, never a second one.
        answers = row.follower.answers
        qtbot.waitUntil(lambda: row.follower.answers >= answers + 2, timeout=15_000)
        assert row.job.job_id == first.job_id and row.reprints == 0 and row.state == "stuck"

        qtbot.mouseClick(row.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: row.state == "cancelled", timeout=15_000)
        assert row.state_label.text() == "已取消" and row.reprint_button.isVisible()

        qtbot.mouseClick(row.reprint_button, Qt.MouseButton.LeftButton)  # the leader asks
        qtbot.waitUntil(lambda: row.reprints == 1, timeout=15_000)
        jobs_seen.add(row.job.job_id)
        assert row.job.job_id != first.job_id
        qtbot.waitUntil(lambda: row.state == "stuck", timeout=15_000)
    finally:
        for job_id in jobs_seen:
            cancel_job(job_id)
