"""The Arrivals screen's documents: totals list, picking list and bag labels built from the
screen, previewed in the app (QtPdf), with the sort and label size chosen there; and a
thousand-order build on the real worker pool while the window keeps drawing."""
from __future__ import annotations

import importlib.util
import io
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.actors import Actor
from app.bootstrap import AppContext, bootstrap
from app.clock import FixedClock
from app.demo_seed import seed_demo
from local_db.models import GroupOrder
from ui.arrivals.documents_panel import BuiltDocument
from ui.arrivals.signoff import SignOffDialog
from ui.main_window import MainWindow
from ui.print_preview import PrintPreviewDialog
from ui.screens.arrivals_screen import DOCUMENTS, ArrivalsScreen
from ui.tasks import runner

ROOT = Path(__file__).resolve().parents[2]
TODAY_CAMPAIGN = 7002
BIG_CAMPAIGN = 7100


def _factory():
    """tests/app/arrivals/arrivals_factory.py: a campaign of N orders inserted in bulk."""
    if "arrivals_factory" in sys.modules:  # the arrivals core tests ran in this session
        return sys.modules["arrivals_factory"]
    spec = importlib.util.spec_from_file_location(
        "arrivals_factory", ROOT / "tests" / "app" / "arrivals" / "arrivals_factory.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def ctx(db_path: Path, clock: FixedClock) -> Iterator[AppContext]:
    context = bootstrap(db_path.parent, clock=clock, take_lock=False)
    context.settings.camera_index = -1
    seed_demo(context.db, now=clock.now(), calendar=context.calendar)
    yield context
    runner().wait(30_000)
    context.close()


@pytest.fixture
def actor(ctx: AppContext) -> Actor:
    return ctx.station.actor("03")


def arrivals_screen(window: MainWindow) -> ArrivalsScreen:
    window.show_screen(2)
    screen = window.current_screen()
    assert isinstance(screen, ArrivalsScreen)
    return screen


def receive_everything(qtbot, screen: ArrivalsScreen, ctx: AppContext, campaign_id: int,
                       timeout: int = 30_000) -> None:
    """Open the campaign's check on the screen, count every line as expected (through the
    core, as the typed counts would), and sign off on the screen."""
    qtbot.waitUntil(lambda: screen.delivery_box.findData(campaign_id) >= 0, timeout=timeout)
    screen.delivery_box.setCurrentIndex(screen.delivery_box.findData(campaign_id))
    screen.open_selected()
    qtbot.waitUntil(lambda: screen.sheet is not None and screen.sheet.campaign_id == campaign_id,
                    timeout=timeout)
    for line in screen.sheet.lines:
        screen.service.set_counts(arrival_id=screen.sheet.arrival_id, campaign_item_id=line.campaign_item_id,
                                  actor=screen.actor, received=line.qty_expected)
    screen.reload_sheet()
    qtbot.waitUntil(lambda: all(line.complete for line in screen.model.lines), timeout=timeout)
    screen.sign_off()
    qtbot.waitUntil(lambda: isinstance(screen.dialog, SignOffDialog), timeout=timeout)
    screen.dialog.accept()
    qtbot.waitUntil(lambda: screen.result is not None, timeout=timeout)
    screen.show_tab(DOCUMENTS)


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def ready_codes(ctx: AppContext, campaign_id: int) -> list[str]:
    with ctx.db.read() as uow:
        return list(uow.session.scalars(select(GroupOrder.pickup_code).where(
            GroupOrder.campaign_id == campaign_id, GroupOrder.fulfilment == "ready")))


# --- inline: what the panel builds and shows -------------------------------------------------


def test_picking_list_opens_in_the_preview(qtbot, window, ctx, inline_tasks):
    screen = arrivals_screen(window)
    receive_everything(qtbot, screen, ctx, TODAY_CAMPAIGN)
    panel = screen.documents
    assert panel.source is not None and panel.source.campaign_id == TODAY_CAMPAIGN
    assert panel.cards["picking"][2].isEnabled()
    built: list[BuiltDocument] = []
    panel.built.connect(built.append)
    panel.sort_box.setCurrentIndex(panel.sort_box.findData("code"))
    panel.cards["picking"][2].click()
    assert len(built) == 1 and built[0].kind == "picking"
    assert panel.progress.value() == 100 and panel.progress_seen[-1] == 100
    assert "分拣单已生成" in panel.status.text()
    preview = panel.preview
    assert isinstance(preview, PrintPreviewDialog) and preview.isVisible()
    pages, text = pdf_text(built[0].path)
    assert preview.page_count == pages >= 1
    assert "分拣单" in preview.windowTitle() or "分拣单" in preview.title_label.text()
    codes = ready_codes(ctx, TODAY_CAMPAIGN)
    assert codes and all(code in text for code in codes)
    positions = [text.index(code) for code in sorted(codes)]
    assert positions == sorted(positions), "sorted by pickup code, as chosen"
    preview.reject()
    assert panel.preview is None or not panel.preview.isVisible()


def test_labels_in_the_chosen_size_and_the_totals_list(qtbot, window, ctx, inline_tasks):
    screen = arrivals_screen(window)
    receive_everything(qtbot, screen, ctx, TODAY_CAMPAIGN)
    panel = screen.documents
    panel.open_preview = False
    built: list[BuiltDocument] = []
    panel.built.connect(built.append)
    panel.size_box.setCurrentIndex(panel.size_box.findData("50x30"))
    panel.build("labels")
    labels = built[-1]
    pages, _text = pdf_text(labels.path)
    assert pages == labels.bags > labels.orders  # one per bag; cold goods in bags of their own
    assert labels.options == {"media": "Custom.50.00x30.00mm"}
    panel.size_box.setCurrentIndex(panel.size_box.findData("a4-3x8"))
    panel.build("labels")
    assert built[-1].options == {}  # an A4 sheet goes on the printer's own paper
    panel.build("totals")
    pages, text = pdf_text(built[-1].path)
    assert built[-1].kind == "totals" and pages >= 1
    assert "青岛啤酒" in text


def test_a_campaign_with_nothing_ready_says_so(qtbot, window, ctx, inline_tasks):
    screen = arrivals_screen(window)
    qtbot.keyClick(screen.table, Qt.Key.Key_F10)
    assert screen.tabs.currentIndex() == DOCUMENTS
    panel = screen.documents
    assert panel.source is not None and panel.source.campaign_id == TODAY_CAMPAIGN
    panel.build("picking")
    assert panel.preview is None
    assert "还没有可提货的订单" in panel.status.text()
    assert "还没有可提货的订单" in window.notice_bar.text()


# --- the real worker pool: a thousand orders -------------------------------------------------


@pytest.fixture
def big(ctx: AppContext, clock: FixedClock) -> int:
    inserted = _factory().insert_campaign(ctx.db, count=1000, now=clock.now(), campaign_id=BIG_CAMPAIGN)
    return inserted.campaign_id


def _build_while_ticking(qtbot, panel, kind: str) -> tuple[BuiltDocument, list[float], float]:
    """Build `kind` on the real pool; a 20 ms timer on the GUI thread ticks all the while."""
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    built: list[BuiltDocument] = []
    panel.built.connect(built.append)
    started = time.perf_counter()
    timer.start()
    panel.build(kind)
    assert panel.building == kind  # handed to a worker: build() returned at once
    qtbot.waitUntil(lambda: bool(built), timeout=120_000)
    timer.stop()
    panel.built.disconnect(built.append)
    return built[0], ticks, time.perf_counter() - started


def test_a_thousand_orders_build_on_a_worker_while_the_window_keeps_drawing(qtbot, big, window, ctx):
    screen = arrivals_screen(window)
    receive_everything(qtbot, screen, ctx, BIG_CAMPAIGN, timeout=60_000)
    assert len(screen.result.ready_order_ids) == 1000
    panel = screen.documents
    panel.open_preview = False
    timings = {}
    for kind in ("picking", "labels"):
        built, ticks, seconds = _build_while_ticking(qtbot, panel, kind)
        assert built.orders == 1000
        assert panel.progress.value() == 100
        seen = panel.progress_seen
        assert seen[-1] == 100 and len(set(seen)) >= 5, seen  # it moved, step by step
        assert seen == sorted(seen)
        # The GUI thread kept turning all through the build: it ticked many times, and no
        # pause came near the length of the build (a build on the GUI thread would be one
        # long pause). Not a timing bar: the machine may be busy with other work.
        gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
        assert len(ticks) >= 3, f"the GUI thread ticked {len(ticks)} times in {seconds:.1f} s"
        assert max(gaps) < seconds / 2, f"the GUI thread stalled {max(gaps):.2f} s of {seconds:.2f} s"
        timings[kind] = (seconds, built.load_s, built.build_s, len(ticks), max(gaps))
    # The preview of a thousand orders' labels opens too (one page per bag).
    panel.show_preview(panel.last)
    preview = panel.preview
    assert preview is not None and preview.page_count == panel.last.bags
    preview.reject()
    for kind, (seconds, load_s, build_s, n, gap) in timings.items():
        print(f"\n{kind}: {seconds:.2f} s from the screen (read {load_s:.2f} s, draw {build_s:.2f} s), "
              f"GUI ticked {n} times, longest gap {gap * 1000:.0f} ms")
    QApplication.processEvents()
