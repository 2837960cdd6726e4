"""The Reports screen (F4) on the demo store with sales the test rings up itself: today's
figures in one click, what is waiting in two, what to order in three; charts that draw and
whose numbers are a click away; exports; the day summary PDF; the owner's approval for
others; reports built off the GUI thread."""
from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from app.actors import Actor
from app.bootstrap import AppContext, bootstrap
from app.cart import Cart
from app.catalogue import ProductItem
from app.clock import FixedClock
from app.counter_services import CounterServices
from app.demo_seed import seed_demo
from app.money import Money, fmt_fen
from app.reports import GroupBuyReport, ReorderOptions, SalesReport, StockReport
from app.sales import SaleReceipt
from app.tender import PaymentInput
from ui.main_window import MainWindow
from ui.reports import export_button
from ui.reports.factors_dialog import ReorderFactorsDialog
from ui.reports.services import EXTRAS_KEY, report_service
from ui.reports.style import BAR_COLOUR
from ui.screens.reports_screen import ReportsScreen
from ui.tasks import runner

# --- sales for the demo store (its seeder makes none), rung up through the counter services:
# busier evenings and Saturdays, mostly WeChat and Alipay, a few weighed apples.

HOURS = (7, 8, 8, 9, 11, 12, 12, 13, 16, 17, 18, 18, 19, 19, 20, 20, 21, 22)
METHODS = ("wechat",) * 5 + ("alipay",) * 3 + ("cash",) * 2 + ("card",)


def ring_up_demo_sales(ctx: AppContext, clerk: Actor, *, days: int = 14, per_day: int = 12,
                       seed: int = 3) -> list[SaleReceipt]:
    """Ring up `days` days of sales before today and today's up to the clock; returns their
    receipts."""
    clock = ctx.clock
    assert isinstance(clock, FixedClock), "the demo sales need a clock they can move"
    end = clock.now()
    counter = CounterServices.build(ctx.db, clock, ctx.calendar, ctx.settings)
    rng = random.Random(seed)
    products = [counter.catalogue.get_product(i) for i in range(1, 121)]
    shelf = [p for p in products if p.active and p.unit == "piece" and p.price_fen < 3000]
    fruit = [p for p in products if p.active and p.unit == "kg"]
    favourites = rng.sample(shelf, 12)
    today = ctx.calendar.business_day(end)
    clock.set(_at(ctx, today - timedelta(days=days + 1), 7))
    counter.till.open_till(float_fen=30_000, actor=clerk)
    receipts: list[SaleReceipt] = []
    for back in range(days, -1, -1):
        day = today - timedelta(days=back)
        n = per_day + (8 if day.weekday() == 5 else 0) + rng.randint(-3, 3)
        hours = sorted(rng.choice(HOURS) for _ in range(n))
        for hour in hours:
            when = _at(ctx, day, hour, rng.randint(0, 59))
            if when >= end:
                break
            clock.set(when)
            cart = Cart()
            for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
                pick: ProductItem = rng.choice(favourites if rng.random() < 0.6 else shelf)
                cart.add_product(pick, rng.choice((1, 1, 1, 2, 3)))
            if fruit and rng.random() < 0.15:
                cart.add_product(rng.choice(fruit), rng.randint(400, 2200))
            receipts.append(counter.sales.checkout(
                cart=cart, payments=[PaymentInput(rng.choice(METHODS))], actor=clerk))
    clock.set(end)
    return receipts


def _at(ctx: AppContext, day, hour: int, minute: int = 0) -> datetime:  # type: ignore[no-untyped-def]
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ctx.calendar.tz)
    return local.astimezone(UTC)


SHOTS = Path("/tmp/ui-shots/reports")
REPORTS_INDEX = 3  # F4


@pytest.fixture
def ctx(db_path: Path, clock: FixedClock) -> Iterator[AppContext]:
    """The demo store (station 1001, its staff, campaigns in every state) and a week of sales
    rung up through the counter services, today's up to the clock's 10:00."""
    context = bootstrap(db_path.parent, clock=clock, take_lock=False)
    context.settings.camera_index = -1
    seed_demo(context.db, now=clock.now(), calendar=context.calendar)
    context.extras["sales"] = ring_up_demo_sales(context, context.station.actor("02"), days=7,
                                                 per_day=8)
    yield context
    runner().wait(5_000)
    context.close()


@pytest.fixture
def actor(ctx: AppContext) -> Actor:
    return ctx.station.actor("01")  # 王秀英, owner and leader


@pytest.fixture
def sales(ctx: AppContext) -> list[SaleReceipt]:
    receipts = ctx.extras["sales"]
    assert isinstance(receipts, list) and receipts
    return receipts


def todays(ctx: AppContext, sales: list[SaleReceipt]) -> list[SaleReceipt]:
    today = ctx.calendar.business_day(ctx.clock.now())
    return [r for r in sales if r.business_day == today]


@pytest.fixture
def screen(window: MainWindow, inline_tasks: None) -> ReportsScreen:
    window.show_screen(REPORTS_INDEX)
    reports = window.current_screen()
    assert isinstance(reports, ReportsScreen)
    reports.open_documents = False
    return reports


def click_tab(qtbot, screen: ReportsScreen, index: int) -> None:  # type: ignore[no-untyped-def]
    bar = screen.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def colour_count(widget: QWidget, colour: str) -> tuple[int, int]:
    """(pixels of `colour`, distinct colours) in the widget as it draws offscreen."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    wanted = QColor(colour).rgb()
    hits, seen = 0, set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixel(x, y)
            seen.add(pixel)
            hits += pixel == wanted
    return hits, len(seen)


# --- three clicks ------------------------------------------------------------------------------


def test_f4_shows_todays_takings_the_test_rang_up(screen: ReportsScreen, ctx: AppContext,
                                                  sales: list[SaleReceipt]) -> None:
    today = todays(ctx, sales)
    report = screen.sales_tab.report
    assert isinstance(report, SalesReport)
    assert report.period.kind == "today"
    assert report.sales_count == len(today)
    assert report.sales_fen == sum(r.total_fen for r in today)
    tiles = screen.sales_tab.kpis
    assert tiles["takings"].value.text() == fmt_fen(sum(r.total_fen for r in today))
    assert tiles["count"].value.text() == str(len(today))
    assert tiles["takings"].name.text() == "销售额"
    by_method: dict[str, int] = {}
    for r in today:
        for p in r.payments:
            by_method[p.method] = by_method.get(p.method, 0) + p.amount_fen
    rows = screen.sales_tab.methods.table_view.text_rows()
    names = {"cash": "现金", "wechat": "微信", "alipay": "支付宝", "card": "银行卡"}
    assert {row[0]: row[1] for row in rows[:-1]} == {names[m]: fmt_fen(v) for m, v in by_method.items()}
    assert rows[-1][:2] == ["合计", fmt_fen(sum(by_method.values()))]


def test_what_is_waiting_is_the_second_click_and_what_to_order_the_third(
        qtbot, screen: ReportsScreen) -> None:  # type: ignore[no-untyped-def]
    click_tab(qtbot, screen, 1)
    group = screen.groupbuy_tab.report
    assert isinstance(group, GroupBuyReport)
    assert screen.groupbuy_tab.kpis["waiting"].value.text() == f"{group.total('items_waiting')} 件"
    assert screen.groupbuy_tab.kpis["uncollected"].value.text() == f"{len(group.waiting)} 单"
    assert len(screen.groupbuy_tab.waiting.table_view.text_rows()) == len(group.waiting) > 0
    assert "预估" in screen.groupbuy_tab.kpis["commission"].name.text()
    click_tab(qtbot, screen, 2)
    stock = screen.stock_tab.report
    assert isinstance(stock, StockReport)
    rows = screen.stock_tab.reorder.table_view.text_rows()
    assert len(rows) == len(stock.reorder) + 1 > 1  # and the total
    assert rows[-1][-1] == fmt_fen(stock.shopping_total_fen)
    assert "周六" in screen.stock_tab.factors.text()


def test_a_week_adds_the_days_up(qtbot, screen: ReportsScreen, ctx: AppContext,  # type: ignore[no-untyped-def]
                                 sales: list[SaleReceipt]) -> None:
    qtbot.mouseClick(screen.period_chooser.buttons["week"], Qt.MouseButton.LeftButton)
    report = screen.sales_tab.report
    assert report.period.kind == "week"
    week = [r for r in sales if report.period.first <= r.business_day <= report.period.last]
    assert report.sales_fen == sum(r.total_fen for r in week)
    assert screen.sales_tab.chart_panel.current == "days"
    assert [d.sales_fen for d in report.by_day] == [
        sum(r.total_fen for r in week if r.business_day == d.day) for d in report.by_day]
    qtbot.mouseClick(screen.period_chooser.buttons["range"], Qt.MouseButton.LeftButton)
    assert screen.period_chooser.first.isVisible()
    assert screen.sales_tab.report.period.kind == "range"


# --- charts and their numbers ------------------------------------------------------------------


def test_every_chart_draws_and_its_numbers_are_one_click_away(qtbot, screen: ReportsScreen) -> None:  # type: ignore[no-untyped-def]
    panel = screen.sales_tab.chart_panel
    chart = screen.sales_tab.hours.chart
    assert chart is not None and panel.page().stack.currentWidget() is chart
    bars, colours = colour_count(chart, BAR_COLOUR)
    assert bars > 50 and colours > 5, "the hour chart is drawn"
    qtbot.mouseClick(panel.numbers_button, Qt.MouseButton.LeftButton)
    assert panel.numbers_shown and panel.numbers_button.text() == "显示图表"
    report = screen.sales_tab.report
    rows = screen.sales_tab.hours.table_view.text_rows()
    assert rows[-1] == ["合计", str(report.sales_count), fmt_fen(report.sales_fen)]
    qtbot.mouseClick(panel.numbers_button, Qt.MouseButton.LeftButton)
    assert not panel.numbers_shown

    click_tab(qtbot, screen, 1)
    rate = screen.groupbuy_tab.rate
    assert rate.chart is not None
    bars, colours = colour_count(rate.chart, BAR_COLOUR)
    assert bars > 20 and colours > 5, "the pickup chart is drawn"
    screen.groupbuy_tab.rate_panel.show_numbers(True)
    days = screen.groupbuy_tab.report.pickup_days
    assert len(rate.table_view.text_rows()) == len(days)


# --- exports and the day's PDF -----------------------------------------------------------------


def test_the_export_button_writes_excel_and_csv(screen: ReportsScreen, ctx: AppContext,
                                                sales: list[SaleReceipt], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    today = todays(ctx, sales)
    monkeypatch.setattr(export_button, "ask_save_path",
                        lambda _parent, name, fmt: tmp_path / f"out.{fmt}")
    button = screen.sales_tab.methods_panel.export_button
    button.excel_action.trigger()
    book = load_workbook(tmp_path / "out.xlsx")
    sheet = book.active
    assert [c.value for c in sheet[1]] == ["支付方式", "销售", "退款", "净收入"]
    total = list(sheet.iter_rows(values_only=True))[-1]
    assert total[0] == "合计" and Money.yuan(str(total[1])).fen == sum(r.total_fen for r in today)
    button.csv_action.trigger()
    text = (tmp_path / "out.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and "合计".encode() in text
    screen.export_tab(tmp_path / "all.xlsx")
    assert load_workbook(tmp_path / "all.xlsx").sheetnames[0] == "销售概况"
    assert "已保存" in screen.window().notice_bar.text()


def test_the_day_summary_pdf_is_made_and_opened(qtbot, screen: ReportsScreen, ctx: AppContext,  # type: ignore[no-untyped-def]
                                                sales: list[SaleReceipt],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(export_button, "open_file", opened.append)
    screen.open_documents = True
    qtbot.mouseClick(screen.summary_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0].parent == ctx.data_dir / "documents"
    text = PdfReader(opened[0]).pages[0].extract_text()
    assert "营业日报" in text
    assert fmt_fen(sum(r.total_fen for r in todays(ctx, sales))) in text


# --- who may see them, and the owner's factors ------------------------------------------------


def test_a_leader_needs_the_owners_approval(qtbot, window: MainWindow, ctx: AppContext,  # type: ignore[no-untyped-def]
                                            inline_tasks: None,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    leader = ctx.station.actor("03")
    window.set_actor(leader)
    window.show_screen(REPORTS_INDEX)
    screen = window.current_screen()
    assert isinstance(screen, ReportsScreen)
    assert screen.pages.currentWidget() is screen.locked
    assert screen.sales_tab.report is None, "nothing was read for someone not allowed"
    owner = ctx.station.actor("01")
    import ui.screens.reports_screen as module

    monkeypatch.setattr(module, "ask_approval", lambda *_a, **_k: owner)
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert screen.pages.currentWidget() is screen.content
    assert isinstance(screen.sales_tab.report, SalesReport)
    window.set_actor(ctx.station.actor("02"))  # the next person on duty asks again
    assert screen.pages.currentWidget() is screen.locked


def test_the_owner_adjusts_saturday_and_the_list_follows(qtbot, screen: ReportsScreen,  # type: ignore[no-untyped-def]
                                                         ctx: AppContext) -> None:
    click_tab(qtbot, screen, 2)
    report = screen.stock_tab.report
    dialog = ReorderFactorsDialog(report.options, report.plan.learnt, report.today)
    qtbot.addWidget(dialog)
    dialog.autos[5].setChecked(False)
    dialog.spins[5].setValue(2.5)
    dialog.cover.setValue(3)
    chosen = dialog.options()
    assert chosen.weekday_factors[5] == 2.5 and chosen.weekday_factors[0] is None
    assert chosen.cover_days == 3
    screen.stock_tab.save_options(chosen)
    after = screen.stock_tab.report
    assert after.options == chosen and after.plan.weekday[5] == 2.5
    assert "周六 ×2.50*" in screen.stock_tab.factors.text()
    saved = ReorderOptions.from_json(
        json.loads((ctx.data_dir / "reports_reorder.json").read_text("utf-8")))
    assert saved == chosen


def test_the_service_is_built_once_per_window(ctx: AppContext) -> None:
    assert report_service(ctx) is report_service(ctx) is ctx.extras[EXTRAS_KEY]


# --- off the GUI thread ------------------------------------------------------------------------


def test_reports_are_built_off_the_gui_thread(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """With the real worker pool: showing F4 returns at once and the figures come later."""
    screen = window.screen("reports")
    assert isinstance(screen, ReportsScreen)
    with qtbot.waitSignal(screen.sales_tab.loaded, timeout=10_000):
        window.show_screen(REPORTS_INDEX)
        assert screen.sales_tab.busy.isVisibleTo(screen), "counting…, the window still answers"
    assert isinstance(screen.sales_tab.report, SalesReport)
    assert not screen.sales_tab.busy.isVisibleTo(screen)


# --- pictures for the issue ------------------------------------------------------------------


def test_screenshots_at_1366x768(qtbot, window: MainWindow, inline_tasks: None) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.resize(1366, 768)
    window.show_screen(REPORTS_INDEX)
    screen = window.current_screen()
    assert isinstance(screen, ReportsScreen)
    for index, name in enumerate(("sales", "groupbuy", "stock")):
        click_tab(qtbot, screen, index)
        path = SHOTS / f"test_{index + 1:02d}_{name}.png"
        assert window.grab().save(str(path), "PNG")
        assert path.stat().st_size > 20_000
    screen.sales_tab.chart_panel.show_numbers(True)
    click_tab(qtbot, screen, 0)
    assert window.grab().save(str(SHOTS / "test_04_sales_numbers.png"), "PNG")
    assert window.grab().size().width() == 1366
