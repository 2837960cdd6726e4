"""The receipt PDF, read back with pypdf/pdfplumber, rendered with pdftoppm, QR decoded by zxing."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader

from app.documents.receipt import ReceiptData, ReceiptLine, build_receipt_pdf
from app.money import fmt_fen

MM = 72 / 25.4
needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                    reason="pdftoppm (poppler-utils) is not installed")


def _plumber_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        return doc.pages[0].extract_text()


def _flat(text: str) -> str:
    """Text without line breaks or spaces, so a wrapped name reads as one again."""
    return re.sub(r"\s+", "", text)


def _render(pdf: bytes, tmp_path: Path, dpi: int) -> Image.Image:
    src = tmp_path / "receipt.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(src),
                    str(tmp_path / "page")], check=True, timeout=60)
    return Image.open(tmp_path / "page.png").convert("L")


@pytest.mark.parametrize("width_mm", [58, 80])
def test_receipt_text_reads_back(receipt: ReceiptData, width_mm: int) -> None:
    pdf = build_receipt_pdf(receipt, width_mm)
    for text in (_plumber_text(pdf), PdfReader(io.BytesIO(pdf)).pages[0].extract_text()):
        flat = _flat(text)
        assert "邻里站便利店" in flat
        assert "20261125-0042" in flat
        for line in receipt.lines:
            assert _flat(line.name) in flat, line.name
        for amount in (receipt.subtotal_fen, receipt.total_fen, 400, 1500, 1961, 1020,
                       2000, 5000, 2320):
            assert fmt_fen(amount) in flat, fmt_fen(amount)
        assert "¥46.80" in flat  # the total, as a shopkeeper reads it
        assert fmt_fen(-200) in flat and fmt_fen(-1) in flat  # 整单折扣, 抹零
        for word in ("微信", "现金", "实收", "找零", "抹零", "合计", "收银员：王小明", "谢谢惠顾"):
            assert word in flat, word
        assert "¥23.20" in flat  # change: 50.00 - 26.80
        assert "1.532kg×¥12.80/kg" in flat and "0.750kg" in flat
        assert "单品折扣-¥1.50" in flat
        assert "2026-11-2510:03" in flat


def test_refund_receipt(refund_receipt: ReceiptData) -> None:
    flat = _flat(_plumber_text(build_receipt_pdf(refund_receipt)))
    assert "退款单" in flat
    assert "原单号：20261124-0017" in flat
    assert "退款合计¥46.80" in flat
    assert "退款方式" in flat


def test_english_labels(receipt: ReceiptData) -> None:
    text = _plumber_text(build_receipt_pdf(receipt, 80, lang="en"))
    for word in ("WeChat Pay", "Cash", "Change", "Total", "Round off", "Tendered"):
        assert word in text
    assert "邻里站便利店" in text  # the shop's own name is not translated


@pytest.mark.parametrize("width_mm", [58, 80])
def test_page_width_is_the_paper_and_height_fits_content(receipt: ReceiptData,
                                                         width_mm: int) -> None:
    reader = PdfReader(io.BytesIO(build_receipt_pdf(receipt, width_mm)))
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(width_mm * MM, abs=0.01)
    short = replace(receipt, lines=receipt.lines[:1], subtotal_fen=400, discount_fen=0,
                    rounding_fen=0, total_fen=400, payments=[], note="")
    short_box = PdfReader(io.BytesIO(build_receipt_pdf(short, width_mm))).pages[0].mediabox
    # Fewer lines, shorter paper; a receipt is never a sheet of A4.
    assert 60 * MM < float(short_box.height) < float(box.height) < 250 * MM


@pytest.mark.parametrize("width_mm", [58, 80])
def test_everything_stays_inside_the_printable_width(receipt: ReceiptData, width_mm: int) -> None:
    many = replace(receipt, shop_name="邻里站便利店（幸福里社区团购自提点 A 区 3 号门）",
                   note="今天起会员积分可抵现金，详情请咨询店员。" * 3)
    with pdfplumber.open(io.BytesIO(build_receipt_pdf(many, width_mm))) as doc:
        page = doc.pages[0]
        margin = 3.9 * MM
        assert page.chars
        for ch in page.chars:
            assert ch["x0"] >= margin - 0.5 and ch["x1"] <= page.width - margin + 0.5, ch["text"]
        assert "幸福里社区团购自提点" in _flat(page.extract_text())
    # The long product name really wrapped: it spans more than one line.
    with pdfplumber.open(io.BytesIO(build_receipt_pdf(receipt, 58))) as doc:
        lines = doc.pages[0].extract_text().splitlines()
        long_name = receipt.lines[1].name
        assert len(long_name) > 30
        assert not any(_flat(long_name) in _flat(line) for line in lines)


@needs_pdftoppm
@pytest.mark.parametrize("width_mm", [58, 80])
def test_rendered_page_has_ink_top_to_bottom(receipt: ReceiptData, width_mm: int,
                                             tmp_path: Path) -> None:
    img = _render(build_receipt_pdf(receipt, width_mm), tmp_path, 100)
    assert img.width == pytest.approx(width_mm / 25.4 * 100, abs=2)
    pixels, w = img.tobytes(), img.width
    dark = [min(pixels[y * w:(y + 1) * w]) < 128 for y in range(img.height)]
    inked_rows = sum(1 for d in dark if d)
    assert inked_rows > img.height * 0.3
    assert any(dark[: img.height // 10])  # the shop name at the top
    assert any(dark[-img.height // 5:])  # QR and thanks at the bottom


@needs_pdftoppm
@pytest.mark.parametrize("width_mm", [58, 80])
def test_qr_at_the_bottom_decodes_to_the_sale_number(receipt: ReceiptData, width_mm: int,
                                                     tmp_path: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    img = _render(build_receipt_pdf(receipt, width_mm), tmp_path, 300)
    codes = zxingcpp.read_barcodes(img)
    assert [c.text for c in codes] == ["20261125-0042"]
    assert codes[0].format == zxingcpp.BarcodeFormat.QRCode
    assert codes[0].position.top_left.y > img.height * 0.6


def test_quantities_and_money_never_take_floats(receipt: ReceiptData) -> None:
    with pytest.raises(TypeError):
        ReceiptLine("苹果", 1.5, "kg", 1280, 0, 1920)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        build_receipt_pdf(replace(receipt, total_fen=46.8))  # type: ignore[arg-type]
    assert ReceiptLine("苹果", Decimal("1.5"), "kg", 1280, 0, 1920).qty_text() == "1.500kg"
    assert ReceiptLine("水", 3, "piece", 200, 0, 600).qty_text() == "3"


def test_unknown_paper_width_is_refused(receipt: ReceiptData) -> None:
    with pytest.raises(ValueError):
        build_receipt_pdf(receipt, 76)


def test_inconsistent_totals_still_print_but_are_logged(receipt: ReceiptData,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    odd = replace(receipt, total_fen=receipt.total_fen + 1)
    assert build_receipt_pdf(odd).startswith(b"%PDF")
    assert "does not add up" in caplog.text or "!= total" in caplog.text


def test_same_input_same_bytes(make_receipt: Callable[..., ReceiptData]) -> None:
    # invariant PDFs: a reprint is byte-identical, which makes support comparisons easy
    assert build_receipt_pdf(make_receipt()) == build_receipt_pdf(make_receipt())
