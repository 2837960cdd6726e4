"""The end-of-day (Z) and X report PDFs, built from a real day at a real till and read back."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from app.actors import Actor
from app.cart import Cart
from app.clock import BusinessCalendar, FixedClock
from app.counter_services import CounterServices
from app.demo_seed import KNOWN_BARCODES, seed_demo
from app.documents.z_report import build_z_report_pdf, method_rows
from app.money import fmt_fen
from app.settings import Settings
from app.station_service import actor_from_row
from app.tender import PaymentInput
from app.till import TillReport
from app.till_figures import ClerkFigures
from local_db.engine import Database
from local_db.models import Staff

COLA, OIL, WATER = (KNOWN_BARCODES[n] for n in ("可口可乐 330ml", "金龙鱼大豆油 5L", "农夫山泉饮用天然水 550ml"))
MM = 72 / 25.4


def _flat(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def day(db: Database, clock: FixedClock, calendar: BusinessCalendar) -> Day:
    """A day at the demo store: float ¥200, three sales, a refund, cash in and out. Returns the
    services and the figures the day must add up to."""
    seed_demo(db, now=clock.now(), calendar=calendar)
    svc = CounterServices.build(db, clock, calendar, Settings())
    with db.read() as uow:
        staff = {r.staff_no: actor_from_row(r) for r in uow.session.scalars(select(Staff))}
    owner, clerk = staff["01"], staff["02"]
    svc.till.open_till(float_fen=20_000, actor=owner)

    def sell(codes: list[str], payments: list[PaymentInput], actor) -> str:  # type: ignore[no-untyped-def]
        cart = Cart()
        for code in codes:
            cart.add_hit(svc.catalogue.lookup_barcode(code))
        return svc.sales.checkout(cart=cart, payments=payments, actor=actor).number

    first = sell([COLA, COLA], [PaymentInput("cash", tendered_fen=1_000)], owner)  # 600 cash
    sell([OIL], [PaymentInput("wechat", reference="134567890123456789")], clerk)  # 6990 wechat
    sell([WATER, WATER], [PaymentInput("cash", amount_fen=100), PaymentInput("alipay")], clerk)  # 100 + 300
    svc.refunds.refund(sale_number=first, lines=None, actor=owner)  # 600 back in cash
    svc.till.cash_movement(direction="in", amount_fen=5_000, reason="补零钱", actor=owner)
    svc.till.cash_movement(direction="out", amount_fen=1_200, reason="买胶带", actor=clerk)
    figures = {"sales": 600 + 6990 + 400, "cash": 700, "wechat": 6990, "alipay": 300, "refunds": 600,
               "float": 20_000, "in": 5_000, "out": 1_200}
    figures["expected"] = 20_000 + 700 - 600 + 5_000 - 1_200
    return Day(svc, figures, owner)


@dataclass
class Day:
    svc: CounterServices
    fig: dict[str, int]
    owner: Actor

    def close(self, counted: dict[int, int], reason: str | None = None) -> TillReport:
        return self.svc.till.close_day(counted=counted, actor=self.owner, variance_reason=reason)


@pytest.mark.parametrize("width_mm", [None, 58, 80])
def test_z_report_reads_back_with_the_days_figures(day, width_mm):
    fig = day.fig
    report = day.close({10000: 2, 2000: 1, 1000: 1, 500: 1, 100: 4})  # ¥239 for ¥239
    assert report.expected_cash_fen == fig["expected"] == 23_900
    pdf = build_z_report_pdf(report, width_mm=width_mm)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    if width_mm is not None:
        assert float(reader.pages[0].mediabox.width) == pytest.approx(width_mm * MM, abs=0.5)
    flat = _flat(pdf)
    for word in ("邻里站便利店", "日结报表", "Z0001", "现金", "微信", "支付宝", "备用金", "应有现金",
                 "实点现金", "差额", "点钞明细", "100元", "王秀英", "李明", "收银员签字", "店主签字"):
        assert word in flat, word
    for amount in (fig["sales"], fig["cash"], fig["wechat"], fig["alipay"], fig["refunds"], fig["float"],
                   fig["in"], -fig["out"], fig["expected"], fig["cash"] - fig["refunds"]):
        assert fmt_fen(amount) in flat, fmt_fen(amount)
    assert reader.metadata.title == "日结报表 Z0001"


def test_a_short_drawer_shows_the_variance_and_its_reason(day):
    report = day.close({10000: 2, 2000: 1, 1000: 1, 500: 1, 100: 3}, reason="找错零钱")
    assert report.variance_fen == -100
    flat = _flat(build_z_report_pdf(report, width_mm=80))
    assert "差额原因：找错零钱" in flat and fmt_fen(-100) in flat


def test_method_rows_are_sales_refunds_and_net_by_method(day):
    fig = day.fig
    report = day.svc.till.x_report()
    assert method_rows(report) == [
        ("cash", fig["cash"], fig["refunds"], fig["cash"] - fig["refunds"]),
        ("wechat", fig["wechat"], 0, fig["wechat"]),
        ("alipay", fig["alipay"], 0, fig["alipay"]),
    ]


def test_x_report_in_english_says_the_day_is_still_open(day):
    fig = day.fig
    pdf = build_z_report_pdf(day.svc.till.x_report(), lang="en")
    flat = _flat(pdf)
    assert "Xreport(daystillopen)" in flat and "Countedcash" not in flat
    assert "WeChatPay" in flat and fmt_fen(fig["expected"]) in flat


def test_a_long_report_goes_on_to_a_second_a4_page(day):
    report = day.close({10000: 2, 2000: 1, 1000: 1, 500: 1, 100: 4})
    clerks = tuple(ClerkFigures(f"店员{i:02d}", i, i * 100, 0, ()) for i in range(60))
    pdf = build_z_report_pdf(replace(report, figures=replace(report.figures, by_clerk=clerks)))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    assert "第2页" in _flat(pdf) and "店员59" in _flat(pdf)


def test_roll_paper_is_58_or_80_mm(day):
    with pytest.raises(ValueError):
        build_z_report_pdf(day.svc.till.x_report(), width_mm=76)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_a4_page_renders(day, tmp_path: Path):
    src = tmp_path / "z.pdf"
    src.write_bytes(build_z_report_pdf(day.close({10000: 2, 2000: 1, 1000: 1, 500: 1, 100: 4})))
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(src), str(tmp_path / "z")], check=True,
                   timeout=60)
    image = Image.open(tmp_path / "z.png").convert("L")
    assert image.width == pytest.approx(210 / 25.4 * 40, abs=2)
    dark = sum(image.histogram()[:128])
    assert dark > 500  # text on the page, not a blank sheet
