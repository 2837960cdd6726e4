"""The counter: a barcode to a painted cart line, search as you type, and a checkout commit.

Measured in this process on the working copy of the generated database, each operation
interleaved with its bare baseline (bench.baselines) so both see the same machine state;
the first few of each are a warm-up and not counted. A run's value is the median over its
operations; the figure is the median over runs.
"""
from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench.report import Env, Figure, Measured, attempt

SCANS = 60
SEARCH_PRODUCTS = 12
SEARCH_LIMIT = 8  # what the Counter screen's search box asks for
CHECKOUTS = 15
WARMUP = 5
CLEAR_EVERY = 20  # a long receipt, then a new customer

FIGURES = (
    Figure("barcode_to_line", "counter", "barcode scanned to its cart line painted", "ms",
           "sqlite3 indexed lookup + row appended to a QTableWidget and repainted", 3.0, 16.0),
    Figure("search_as_you_type", "counter", "name/pinyin search, per keystroke", "ms",
           "sqlite3 FTS5 prefix query on the same index", 3.0, 16.0),
    Figure("checkout_commit", "counter", "checkout: 5-line sale with payment, stock, outbox",
           "ms", "sqlite3 transaction of the same rows (WAL, synchronous=FULL)", 10.0, 16.0),
)


def _ms(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000.0


def _services(env: Env) -> Any:
    from app.counter_services import CounterServices

    return CounterServices.build(env.db, env.clock, env.calendar, env.settings)


def _clerk(env: Env) -> Any:
    from app.station_service import StationService

    return StationService(env.db).actor("02")


def _sample_barcodes(env: Env, n: int, seed: int = 11) -> list[str]:
    """Barcodes of products sold by the piece (a loose-goods code would need the scale)."""
    from sqlalchemy import func, select

    from local_db.models import Product, ProductBarcode

    with env.db.read() as uow:
        codes = list(uow.session.scalars(
            select(func.min(ProductBarcode.barcode))
            .join(Product, Product.id == ProductBarcode.product_id)
            .where(Product.unit == "piece", Product.active.is_(True))
            .group_by(ProductBarcode.product_id).order_by(ProductBarcode.product_id)
        ))
    return random.Random(seed).sample(codes, min(n, len(codes)))  # one code per product


def run(env: Env, figures: list[Figure]) -> dict[str, Measured]:
    names = {f.name for f in figures}
    out: dict[str, Measured] = {}
    if "barcode_to_line" in names:
        out["barcode_to_line"] = attempt(lambda: barcode_to_line(env))
    if "search_as_you_type" in names:
        out["search_as_you_type"] = attempt(lambda: search_as_you_type(env))
    if "checkout_commit" in names:
        out["checkout_commit"] = attempt(lambda: checkout_commit(env))
    return out


# --- barcode to cart line --------------------------------------------------------------------


def counter_screen_is_real() -> bool:
    from ui.screens.counter_screen import CounterScreen
    from ui.screens.placeholder import PlaceholderScreen

    return not issubclass(CounterScreen, PlaceholderScreen)


def barcode_to_line(env: Env) -> Measured:
    from bench.baselines import BareStore, BareTable
    from ui.launch import application

    app = application()
    codes = _sample_barcodes(env, SCANS + WARMUP)
    store = BareStore(env.db_path)
    table = BareTable()

    def bare(code: str) -> None:
        row = store.lookup(code)
        assert row is not None, code
        table.add(row[1], 1, row[2])

    ours, label = _our_scan(env, app)
    m = Measured(label=label)
    try:
        for n in range(env.repeat):
            ours_ms, base_ms = [], []
            for i, code in enumerate(codes):
                if i % CLEAR_EVERY == 0:
                    ours.clear()
                    table.clear()
                    app.processEvents()
                a = _ms(lambda c=code: ours.scan(c))
                b = _ms(lambda c=code: bare(c))
                if i >= WARMUP:
                    ours_ms.append(a)
                    base_ms.append(b)
            m.ours.append(statistics.median(ours_ms))
            m.base.append(statistics.median(base_ms))
            env.log(f"barcode_to_line {n + 1}/{env.repeat}: {m.ours[-1]:.2f} ms "
                    f"(bare {m.base[-1]:.2f} ms)")
    finally:
        ours.close()
        store.close()
        table.table.close()
    return m


class _ServiceScan:
    """Until the Counter screen is real: lookup_barcode + Cart.add_hit + a QTableWidget row."""

    def __init__(self, env: Env) -> None:
        from app.cart import Cart
        from bench.baselines import BareTable

        self.services = _services(env)
        self.cart = Cart()
        self.table = BareTable()

    def scan(self, code: str) -> None:
        hit = self.services.catalogue.lookup_barcode(code)
        assert hit is not None, code
        line = self.cart.add_hit(hit)
        self.table.add(line.name, line.qty, line.line_total_fen)

    def clear(self) -> None:
        self.cart.clear()
        self.table.clear()

    def close(self) -> None:
        self.table.table.close()


class _ScreenScan:
    """The real Counter screen: handle_scan(code), then the event loop runs (as in the app,
    idle in Qt without holding the GIL, so the lookup's worker thread is not starved) until
    one of its item views has a row more; then that view's viewport is repainted."""

    TIMEOUT_MS = 5_000

    def __init__(self, env: Env, app: Any) -> None:
        from PySide6.QtCore import QEventLoop, QTimer
        from PySide6.QtWidgets import QAbstractItemView

        from app.bootstrap import bootstrap
        from ui.main_window import MainWindow

        self.app = app
        try:  # no start-of-day backup in the bench's own process
            self.ctx = bootstrap(env.data_dir, clock=env.clock, take_lock=False,
                                 start_backup=False)
        except TypeError:
            self.ctx = bootstrap(env.data_dir, clock=env.clock, take_lock=False)
        till = _services(env).till
        clerk = _clerk(env)
        if till.current() is None:
            till.open_till(float_fen=20_000, actor=clerk)
        # Fonts, translations and the style sheet as ui.launch gives the window; the style
        # sheet goes on our window only, so the bare table beside it stays bare.
        from ui.launch import prepare_app

        prepare_app(app, self.ctx.settings.language)
        style = app.styleSheet()
        app.setStyleSheet("")
        self.window = MainWindow(self.ctx, clerk, install_scanner=False)
        self.window.setStyleSheet(style)
        self.window.resize(1280, 800)
        self.window.show()
        self.screen = self.window.screen("counter")
        self.window.show_screen(self.window.screens.index(self.screen))
        app.processEvents()
        self.views = [v for v in self.screen.findChildren(QAbstractItemView)
                      if v.model() is not None]
        if not self.views:
            raise RuntimeError("the Counter screen has no item view to watch")
        self.loop = QEventLoop()
        self.timer = QTimer(singleShot=True, interval=self.TIMEOUT_MS)
        self.timer.timeout.connect(self.loop.quit)
        for view in self.views:
            model = view.model()
            for signal in (model.rowsInserted, model.modelReset, model.layoutChanged):
                signal.connect(self.loop.quit)

    def _rows(self) -> list[int]:
        return [v.model().rowCount() for v in self.views]

    def scan(self, code: str) -> None:
        before = self._rows()
        self.timer.start()
        self.screen.handle_scan(code)
        while True:
            grown = [v for v, a, b in zip(self.views, self._rows(), before, strict=True) if a > b]
            if grown:
                self.timer.stop()
                grown[0].viewport().repaint()
                return
            if not self.timer.isActive():
                raise RuntimeError(f"no new cart row {self.TIMEOUT_MS // 1000} s after "
                                   f"scanning {code}")
            self.loop.exec()

    def clear(self) -> None:
        # CartActions.clear: what "clear the cart" does once the person has confirmed it.
        cart = getattr(self.screen, "cart", None)
        fn = getattr(cart, "clear", None)
        if not callable(fn):
            raise RuntimeError("the Counter screen has no cart.clear() to start a new sale")
        fn()
        self.app.processEvents()

    def close(self) -> None:
        self.window.close()
        self.ctx.close()


def _our_scan(env: Env, app: Any) -> tuple[Any, str]:
    if counter_screen_is_real():
        try:
            scanner = _ScreenScan(env, app)
            scanner.scan(_sample_barcodes(env, 1, seed=99)[0])  # it must work once
            return scanner, "CounterScreen.handle_scan until the new row is painted"
        except Exception as exc:  # noqa: BLE001 - fall back, and say why
            fallback = _ServiceScan(env)
            return fallback, (
                "catalogue.lookup_barcode + Cart.add_hit + QTableWidget paint (CounterScreen's "
                f"handle_scan could not be measured: {exc})"
            )
    return _ServiceScan(env), ("catalogue.lookup_barcode + Cart.add_hit + QTableWidget row "
                               "painted (the Counter screen is still a placeholder)")


# --- search as you type ----------------------------------------------------------------------


def _keystrokes(env: Env) -> list[str]:
    """What a clerk types, one entry per keystroke: pinyin initials (k, kk, kkk, kkkl) and
    Chinese characters (可, 可乐) of products picked at random."""
    from sqlalchemy import select

    from local_db.models import Product

    with env.db.read() as uow:
        rows = uow.session.execute(
            select(Product.name, Product.pinyin_initials).where(Product.active.is_(True))
            .order_by(Product.id)
        ).all()
    rng = random.Random(5)
    typed: list[str] = []
    for name, initials in rng.sample(rows, min(SEARCH_PRODUCTS, len(rows))):
        key = "".join(c for c in initials.lower() if c.isascii() and c.isalnum())[:4]
        typed += [key[:n] for n in range(1, len(key) + 1)]
        chinese = [c for c in name if "\u4e00" <= c <= "\u9fff"][:2]
        typed += ["".join(chinese[:n]) for n in range(1, len(chinese) + 1)]
    return typed


def search_as_you_type(env: Env) -> Measured:
    from bench.baselines import BareStore

    catalogue = _services(env).catalogue
    store = BareStore(env.db_path)
    typed = _keystrokes(env)
    m = Measured(label=f"CatalogueService.search(limit={SEARCH_LIMIT}, as the Counter screen) per "
                       f"keystroke, {len(typed)} keystrokes a run (pinyin initials 1-4 letters, "
                       "Chinese 1-2 characters)")
    slowest: dict[str, float] = {}
    try:
        for text in typed[:WARMUP]:
            catalogue.search(text, limit=SEARCH_LIMIT)
            store.search(text, limit=SEARCH_LIMIT)
        for n in range(env.repeat):
            ours_ms, base_ms = [], []
            for text in typed:
                a = _ms(lambda t=text: catalogue.search(t, limit=SEARCH_LIMIT))
                ours_ms.append(a)
                base_ms.append(_ms(lambda t=text: store.search(t, limit=SEARCH_LIMIT)))
                slowest[text] = max(slowest.get(text, 0.0), a)
            m.ours.append(statistics.median(ours_ms))
            m.base.append(statistics.median(base_ms))
            env.log(f"search_as_you_type {n + 1}/{env.repeat}: {m.ours[-1]:.2f} ms "
                    f"(bare {m.base[-1]:.2f} ms)")
    finally:
        store.close()
    worst = sorted(slowest.items(), key=lambda kv: -kv[1])[:5]
    m.detail = {"slowest_keystrokes_ms": {k: round(v, 1) for k, v in worst}}
    return m


# --- checkout --------------------------------------------------------------------------------


def checkout_commit(env: Env) -> Measured:
    from app.cart import Cart
    from app.tender import PaymentInput
    from bench.baselines import BareCheckout

    services = _services(env)
    clerk = _clerk(env)
    till = services.till.current() or services.till.open_till(float_fen=20_000, actor=clerk)
    codes = _sample_barcodes(env, 5 * (CHECKOUTS + WARMUP), seed=23)
    hits = [services.catalogue.lookup_barcode(code) for code in codes]
    baskets = [hits[i : i + 5] for i in range(0, len(hits) - 4, 5)]
    device_id = _device_id(env)
    bare = BareCheckout(env.db_path, staff_id=clerk.staff_id, till_id=_till_id(env, till.uuid),
                        device_id=device_id)

    def ours(basket: list[Any]) -> float:
        cart = Cart()
        for hit in basket:
            cart.add_hit(hit)
        return _ms(lambda: services.sales.checkout(
            cart=cart, payments=[PaymentInput("wechat")], actor=clerk))

    def plain(basket: list[Any]) -> float:
        lines = [(h.product.id, h.product.name, h.code, h.product.price_fen) for h in basket]
        return _ms(lambda: bare.commit(lines))

    m = Measured(label="SalesService.checkout (cart built beforehand, not timed)")
    try:
        for n in range(env.repeat):
            ours_ms, base_ms = [], []
            for i, basket in enumerate(baskets):
                a = ours(basket)
                b = plain(basket)
                if i >= WARMUP:
                    ours_ms.append(a)
                    base_ms.append(b)
            m.ours.append(statistics.median(ours_ms))
            m.base.append(statistics.median(base_ms))
            env.log(f"checkout_commit {n + 1}/{env.repeat}: {m.ours[-1]:.2f} ms "
                    f"(bare {m.base[-1]:.2f} ms)")
    finally:
        bare.close()
    return m


def _device_id(env: Env) -> str:
    from sqlalchemy import select

    from local_db.models import Station

    with env.db.read() as uow:
        return str(uow.session.scalars(select(Station.device_id)).one())


def _till_id(env: Env, till_uuid: str) -> int:
    from sqlalchemy import select

    from local_db.models import CashSession

    with env.db.read() as uow:
        return int(uow.session.scalars(
            select(CashSession.id).where(CashSession.uuid == till_uuid)).one())
