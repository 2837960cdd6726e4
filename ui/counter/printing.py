"""Receipts and reports to paper (or a file), as settings.printer_kind says. No Qt here:
these functions run on the "io" pool and return what happened, or raise UserFacingError
(a printer that is off). The sale or refund is already saved when they are called, and
stays saved whatever the printer does.

    escpos_usb / escpos_network / escpos_serial / dummy  straight to the thermal printer,
                                                         with the cash drawer kick
    system   the receipt as a PDF to the system printer (CUPS / Windows spooler)
    none     the PDF saved in the data folder (receipts/, reports/)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from app.bootstrap import AppContext
from app.devices.printers.escpos_printer import KINDS as ESCPOS_KINDS
from app.devices.printers.system_printer import media_option, print_or_save, save_pdf
from app.documents.receipt import ReceiptData, ReceiptLine, ReceiptPayment, build_receipt_pdf
from app.errors import UserFacingError
from app.refunds import RefundReceipt
from app.sales import SaleReceipt, SoldLine
from ui.counter.services import escpos_printer

RECEIPTS_FOLDER = "receipts"
REPORTS_FOLDER = "reports"
SPOOL_FOLDER = "printing"


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    """via: "escpos" (thermal printer), "cups"/"windows" (system spooler) or "file" (saved)."""

    via: str
    path: Path | None = None
    job_id: str | None = None
    drawer_opened: bool = False


def _line(line: SoldLine, qty: int, total_fen: int, discount_fen: int) -> ReceiptLine:
    if line.unit == "kg":
        return ReceiptLine.by_weight(line.name, qty, line.unit_price_fen, discount_fen, total_fen)
    return ReceiptLine(line.name, qty, "piece", line.unit_price_fen, discount_fen, total_fen)


def sale_receipt_data(sale: SaleReceipt) -> ReceiptData:
    """What the receipt of a saved sale shows."""
    return ReceiptData(
        shop_name=sale.shop_name,
        number=sale.number,
        local_time=sale.local_time.replace(tzinfo=None),
        clerk_name=sale.clerk_name,
        lines=[_line(x, x.qty, x.line_total_fen, x.discount_fen) for x in sale.lines],
        subtotal_fen=sale.subtotal_fen,
        discount_fen=sale.discount_fen,
        rounding_fen=sale.rounding_fen,
        total_fen=sale.total_fen,
        payments=[
            ReceiptPayment(p.method, p.amount_fen,
                           tendered_fen=p.tendered_fen if p.method == "cash" else None,
                           change_fen=p.change_fen if p.method == "cash" else None,
                           reference=p.reference)
            for p in sale.payments
        ],
        note=sale.note,
    )


def refund_receipt_data(refund: RefundReceipt, sale: SaleReceipt) -> ReceiptData:
    """The refund slip: what went back, against the sale it came from."""
    sold = {x.line_id: x for x in sale.lines}
    lines = [_line(sold[x.line_id], x.qty, x.amount_fen, 0) for x in refund.lines if x.line_id in sold]
    total = sum(x.line_total_fen for x in lines)
    return ReceiptData(
        shop_name=refund.shop_name,
        number=refund.number,
        local_time=refund.local_time.replace(tzinfo=None),
        clerk_name=refund.clerk_name,
        lines=lines,
        subtotal_fen=total,
        discount_fen=0,
        rounding_fen=0,
        total_fen=refund.amount_fen,
        payments=[ReceiptPayment(refund.method, refund.amount_fen)],
        is_refund=True,
        refund_of=refund.sale_number,
        note=refund.reason,
    )


def _safe_name(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z._-]+", "_", text) or "document"


def print_receipt(ctx: AppContext, data: ReceiptData, *, open_drawer: bool = False) -> PrintOutcome:
    """Print (or save) a receipt; with open_drawer the thermal printer kicks the cash drawer."""
    settings = ctx.settings
    kind = settings.printer_kind
    if kind in ESCPOS_KINDS:
        escpos_printer(ctx).print_receipt(data, open_drawer=open_drawer)
        return PrintOutcome("escpos", drawer_opened=open_drawer)
    pdf = build_receipt_pdf(data, settings.receipt_width_mm, lang=settings.language)
    name = f"{'refund' if data.is_refund else 'receipt'}-{_safe_name(data.number)}.pdf"
    return _pdf_out(ctx, pdf, name, RECEIPTS_FOLDER, title=data.number, paper_sized=True)


def print_document(ctx: AppContext, pdf: bytes, filename: str, *, title: str) -> PrintOutcome:
    """A report PDF to the system printer; saved in reports/ when the printer is a thermal
    one (it prints receipts only) or there is none."""
    return _pdf_out(ctx, pdf, _safe_name(filename), REPORTS_FOLDER, title=title, paper_sized=False)


def save_document(ctx: AppContext, pdf: bytes, filename: str) -> Path:
    return save_pdf(pdf, ctx.data_dir / REPORTS_FOLDER, _safe_name(filename))


def open_drawer(ctx: AppContext) -> None:
    """Open the cash drawer through the thermal printer (only ESC/POS printers can)."""
    if ctx.settings.printer_kind not in ESCPOS_KINDS:
        raise UserFacingError(
            "钱箱接在小票打印机上才能自动打开，请用钥匙打开钱箱",
            "The cash drawer opens by itself only through a thermal receipt printer; open it with its key",
            code="no_drawer",
        )
    escpos_printer(ctx).open_drawer()


def _pdf_out(ctx: AppContext, pdf: bytes, filename: str, folder: str, *, title: str,
             paper_sized: bool) -> PrintOutcome:
    settings = ctx.settings
    if settings.printer_kind != "system":
        return PrintOutcome("file", path=save_pdf(pdf, ctx.data_dir / folder, filename))
    spool = ctx.data_dir / SPOOL_FOLDER
    spool.mkdir(parents=True, exist_ok=True)
    path = spool / filename
    path.write_bytes(pdf)
    media = media_option(path) if paper_sized else None
    job = print_or_save(path, printer_kind="system", printer_target=settings.printer_target,
                        save_dir=ctx.data_dir / folder, title=title,
                        options={"media": media} if media else None)
    return PrintOutcome(job.via, path=job.path, job_id=job.job_id)
