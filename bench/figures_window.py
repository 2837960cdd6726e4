"""The window: time to the first painted Counter screen, and peak memory with everything open.

Both run the app the way a shop does, through its entry point (`app.__main__.main` with
`--data-dir` and `--staff`), in a fresh child process each run, so imports, the database
checks at start-up and the first layout all count. The child reports the wall-clock time
from just before the parent started it to the first paint event of the Counter screen (or
of any widget in it), and its own peak RSS (resource.getrusage ru_maxrss). The baseline is
a bare PySide6 window painting one label (bench.baselines.bare_window), measured the same way.

    python -m bench.figures_window ready T0 DATA_DIR
    python -m bench.figures_window memory T0 DATA_DIR VIDEO PDF
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.report import Env, Figure, Measured, attempt

ROOT = Path(__file__).resolve().parents[1]
CHILD_TIMEOUT_S = 300
CAMERA_RUN_S = 3.0
STAFF_NO = "01"

FIGURES = (
    Figure("window_ready", "window", "window ready: start to first painted Counter screen", "s",
           "bare PySide6 window painting one label", 3.0),
    Figure("peak_memory", "window",
           "peak RSS: every screen opened, camera loop on a video, one PDF previewed", "MiB",
           "bare PySide6 window painting one label", 4.0),
)


# --- parent side -----------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    from app.demo_seed import DEMO_STAFF

    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["BENCH_PIN"] = next(p.pin for p in DEMO_STAFF if p.staff_no == STAFF_NO)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.pop("CORNER_STATION_DATA", None)
    return env


def run_child(module: str, mode: str, *args: str) -> dict[str, Any]:
    """Start `python -m module mode T0 args…` and return the JSON it prints last; T0 is
    the wall-clock time just before the start."""
    command = [sys.executable, "-m", module, mode]
    if os.name == "posix":
        # Through a shell that forks: Linux keeps a process's peak RSS across exec, and a
        # child forked straight from this (big) process would start with ours as its
        # ru_maxrss. The shell's own fork starts from the shell's few hundred KiB.
        command = ["/bin/sh", "-c", '"$@"; exit $?', "sh", *command]
    t0 = time.time()
    proc = subprocess.run(
        [*command, repr(t0), *args],
        cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=CHILD_TIMEOUT_S,
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("{"):
            return dict(json.loads(line))
    raise RuntimeError(
        f"{module} {mode} reported nothing (exit {proc.returncode}):\n"
        f"{proc.stderr[-3000:]}"
    )


def bare() -> dict[str, Any]:
    return run_child("bench.baselines", "window")


def run(env: Env, figures: list[Figure]) -> dict[str, Measured]:
    names = {f.name for f in figures}
    out: dict[str, Measured] = {}
    if "window_ready" in names:
        out["window_ready"] = attempt(lambda: window_ready(env))
    if "peak_memory" in names:
        out["peak_memory"] = attempt(lambda: peak_memory(env))
    return out


def window_ready(env: Env) -> Measured:
    # The first start of the day makes the daily backup and reads the file into the page
    # cache: a start, but not the usual one. It is reported on its own, not counted.
    first = run_child("bench.figures_window", "ready", str(env.data_dir))
    m = Measured(label="python -m app --data-dir … --staff 01 in a fresh process: bootstrap "
                       "(lock, integrity check, migrations, backup check), PIN sign-in, "
                       "MainWindow, first paint of the Counter screen",
                 note=f"the day's first start (it makes the daily backup) took "
                      f"{first['ready_s']:.2f} s, not counted",
                 detail={"first_start_of_day_s": round(first["ready_s"], 3)})
    for n in range(env.repeat):
        ours = run_child("bench.figures_window", "ready", str(env.data_dir))
        base = bare()
        m.ours.append(ours["ready_s"])
        m.base.append(base["ready_s"])
        env.log(f"window_ready {n + 1}/{env.repeat}: {ours['ready_s']:.2f} s "
                f"(bare {base['ready_s']:.2f} s)")
    return m


def peak_memory(env: Env) -> Measured:
    video = camera_video(env.work_dir / "camera.avi")
    pdf = preview_pdf(env, env.work_dir / "preview.pdf")
    m = Measured()
    for n in range(env.repeat):
        ours = run_child("bench.figures_window", "memory", str(env.data_dir), str(video),
                         str(pdf))
        base = bare()
        m.ours.append(ours["maxrss_mb"])
        m.base.append(base["maxrss_mb"])
        m.label = "ru_maxrss of the app's process; " + ours.get("label", "")
        if "error" in ours:
            m.note = f"the child could not open everything: {ours['error']}"
        m.detail = {k: v for k, v in ours.items() if k not in ("maxrss_mb", "label")}
        m.detail["bare_vm_hwm_mb"] = base.get("vm_hwm_mb")
        env.log(f"peak_memory {n + 1}/{env.repeat}: {ours['maxrss_mb']:.0f} MiB "
                f"(bare {base['maxrss_mb']:.0f} MiB)")
    return m


def camera_video(path: Path, frames: int = 60) -> Path:
    """Two seconds of 1280x720 MJPEG with a pickup code in view, to stand in for the camera."""
    if path.is_file():
        return path
    import cv2
    import numpy as np

    try:
        from bench.qr_decode_rate import synthetic_frame

        frame = synthetic_frame()
    except ImportError:
        frame = np.full((720, 1280, 3), 110, dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30.0, (1280, 720))
    rng = np.random.default_rng(7)
    for _ in range(frames):
        noise = rng.integers(-6, 7, frame.shape, dtype=np.int16)
        writer.write(np.clip(frame.astype(np.int16) + noise, 0, 255).astype(np.uint8))
    writer.release()
    return path


def preview_pdf(env: Env, path: Path) -> Path:
    """The picking list of the campaign with the most bagged orders, as the leader previews it."""
    if path.is_file():
        return path
    from sqlalchemy import func, select

    from app.arrivals.picking_data import load_picking_data
    from app.documents.picking_list import build_picking_list
    from bench.generate import NOW
    from local_db.models import GroupOrder

    with env.db.read() as uow:
        campaign_id = uow.session.scalar(
            select(GroupOrder.campaign_id).where(GroupOrder.bag_id.is_not(None))
            .group_by(GroupOrder.campaign_id).order_by(func.count().desc()).limit(1)
        )
    data = load_picking_data(env.db, campaign_id=int(campaign_id or 0), now=NOW,
                             calendar=env.calendar, include_picked_up=True)
    path.write_bytes(build_picking_list(data))
    return path


# --- child side ------------------------------------------------------------------------------


def _watch(app: Any, object_name: str, on_paint: Any) -> Any:
    """An app-wide event filter: signs in when the PIN dialog shows (types the staff
    member's PIN and Enter, as a person would, the moment it appears), and calls on_paint()
    at the first paint event of the widget named `object_name` or of any widget inside it."""
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtWidgets import QWidget

    pin = os.environ.get("BENCH_PIN", "")

    def sign_in(dialog: QWidget) -> None:
        from PySide6.QtTest import QTest

        field = getattr(dialog, "pin", None) or dialog.focusWidget() or dialog
        QTest.keyClicks(field, pin)
        QTest.keyClick(field, Qt.Key.Key_Return)

    class Watcher(QObject):
        done = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            kind = event.type()
            if kind == QEvent.Type.Show and obj.objectName() == "signInDialog" and pin:
                QTimer.singleShot(0, lambda: sign_in(obj))  # type: ignore[arg-type]
            elif not self.done and kind == QEvent.Type.Paint and isinstance(obj, QWidget):
                widget: QWidget | None = obj
                while widget is not None:
                    if widget.objectName() == object_name:
                        self.done = True
                        on_paint()
                        break
                    widget = widget.parentWidget()
            return False

    watcher = Watcher()
    app.installEventFilter(watcher)
    return watcher


def child_ready(data_dir: str, t0: float) -> dict[str, Any]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from bench.baselines import maxrss_mb

    app = QApplication(sys.argv[:1])
    seen: dict[str, float] = {}

    def painted() -> None:
        seen["ready_s"] = time.time() - t0
        QTimer.singleShot(0, app.quit)

    watcher = _watch(app, "screen_counter", painted)
    from app.__main__ import main

    code = main(["--data-dir", data_dir, "--staff", STAFF_NO])
    del watcher
    if "ready_s" not in seen:
        raise RuntimeError(f"the Counter screen was never painted (exit code {code})")
    return {"ready_s": seen["ready_s"], "maxrss_mb": maxrss_mb(), "exit": code}


def child_memory(data_dir: str, t0: float, video: str, pdf: str) -> dict[str, Any]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from bench.baselines import maxrss_mb, vm_hwm_mb

    app = QApplication(sys.argv[:1])
    report: dict[str, Any] = {"notes": []}
    keep: list[Any] = []

    def drive() -> None:
        try:
            open_everything()
        except Exception as exc:  # noqa: BLE001 - reported to the parent, never a hang
            report["error"] = repr(exc)
        finally:
            QTimer.singleShot(int(CAMERA_RUN_S * 1000), finish)

    def open_everything() -> None:
        from ui.main_window import MainWindow

        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows:
            raise RuntimeError("no MainWindow")
        window = windows[0]
        # The stand-in video, as Settings → camera would set it (this run only, not saved).
        window.ctx.settings.camera_source = video
        for index in range(len(window.screens)):
            window.show_screen(index)
            app.processEvents()
            window.repaint()
        report["screens"] = [s.screen_id for s in window.screens]
        ids = report["screens"]
        if "pickup" in ids:
            window.show_screen(ids.index("pickup"))
            app.processEvents()
        keep.append(_camera(window, video, report))
        keep.append(_preview(window, Path(pdf), report))

    def finish() -> None:
        report["maxrss_mb"] = maxrss_mb()
        report["vm_hwm_mb"] = vm_hwm_mb()
        for stop in keep:
            try:
                stop()
            except Exception as exc:  # noqa: BLE001 - the figure is taken already
                report.setdefault("stop_errors", []).append(repr(exc))
        app.quit()

    watcher = _watch(app, "screen_counter", lambda: QTimer.singleShot(0, drive))
    from app.__main__ import main

    main(["--data-dir", data_dir, "--staff", STAFF_NO])
    del watcher
    if "maxrss_mb" not in report:
        raise RuntimeError("the window never came up")
    report["label"] = "; ".join(report.pop("notes"))
    return report


def _camera(window: Any, video: str, report: dict[str, Any]) -> Any:
    """The Pickup screen's own camera loop on the video when it has one; else one started
    here the way the screen would (CameraBridge, frames painted in a label)."""
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QLabel

    counts = {"frames": 0, "decoded": 0}
    try:
        own = getattr(window.screen("pickup"), "camera", None)
    except KeyError:
        own = None
    if own is not None and getattr(own, "running", False):
        own.frame.connect(lambda _image: counts.__setitem__("frames", counts["frames"] + 1))
        report["notes"].append("camera loop: the Pickup screen's own, on a 1280x720 MJPEG file")
        return lambda: report.update(counts)
    from ui.pickup.camera_bridge import CameraBridge

    preview = QLabel()
    preview.resize(640, 360)
    preview.show()
    bridge = CameraBridge(window)

    def show(image: Any) -> None:
        counts["frames"] += 1
        preview.setPixmap(QPixmap.fromImage(image).scaled(640, 360))

    bridge.frame.connect(show)
    bridge.decoded.connect(lambda _text: counts.__setitem__("decoded", counts["decoded"] + 1))
    bridge.start(video)
    report["notes"].append("camera loop: started by the bench (the Pickup screen ran none), "
                           "CameraBridge on a 1280x720 MJPEG file")

    def stop() -> None:
        bridge.stop(wait=True)
        report.update(counts)

    return stop


def _preview(window: Any, pdf: Path, report: dict[str, Any]) -> Any:
    """The picking list in the app's print preview (ui.print_preview), shown, not modal."""
    try:
        from ui.print_preview import PrintPreviewDialog
    except ImportError:
        PrintPreviewDialog = None  # noqa: N806 - a class or nothing
    if PrintPreviewDialog is not None:
        dialog = PrintPreviewDialog(pdf, title="分拣单", settings=window.ctx.settings,
                                    save_dir=pdf.parent, parent=window)
        dialog.setModal(False)
        dialog.show()
        dialog.repaint()
        pages = dialog.page_count
        report["pdf_pages"] = pages() if callable(pages) else pages
        report["notes"].append("PDF: the picking list in ui.print_preview.PrintPreviewDialog")
        return dialog.close
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    document = QPdfDocument()
    document.load(str(pdf))
    view = QPdfView()
    view.setDocument(document)
    view.resize(800, 1000)
    view.show()
    view.repaint()
    report["pdf_pages"] = document.pageCount()
    report["notes"].append("PDF: the picking list in a bare QPdfView (no preview in ui/)")
    return view.close


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "ready":
        print(json.dumps(child_ready(argv[2], float(argv[1]))), flush=True)
        return 0
    if len(argv) == 5 and argv[0] == "memory":
        print(json.dumps(child_memory(argv[2], float(argv[1]), argv[3], argv[4])), flush=True)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
