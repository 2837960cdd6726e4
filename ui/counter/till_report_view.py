"""An X or Z report on screen, with the same words and figures as its printed PDF
(app/documents/z_report.py keeps both languages)."""
from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from app.documents.z_report import denomination_name, label, method_name, method_rows
from app.money import fmt_fen
from app.till import TillReport
from app.till_figures import MethodAmount
from ui.i18n import current_language


def _amount(items: tuple[MethodAmount, ...], method: str) -> int:
    return sum(x.amount_fen for x in items if x.method == method)


def _row(cells: list[str], *, head: bool = False, strong: bool = False) -> str:
    tag = "th" if head else "td"
    out = []
    for i, cell in enumerate(cells):
        align = "left" if i == 0 else "right"
        text = f"<b>{escape(cell)}</b>" if strong else escape(cell)
        out.append(f'<{tag} align="{align}" style="padding:1px 18px 1px 0">{text}</{tag}>')
    return "<tr>" + "".join(out) + "</tr>"


def report_html(report: TillReport, lang: str) -> str:
    f = report.figures
    kv = [
        (label("business_day", lang), report.business_day.isoformat()),
        (label("opened", lang), label("by", lang, when=f"{report.opened_at_local:%H:%M}", who=report.opened_by)),
    ]
    if report.kind == "Z":
        kv.append((label("closed", lang), label("by", lang, when=f"{report.local_time:%H:%M}",
                                                 who=report.closed_by or "")))
    kv += [
        (label("sales_count", lang), str(f.sales_count)),
        (label("sales_total", lang), fmt_fen(f.sales_fen)),
        (label("refunds_count", lang), str(f.refunds_count)),
        (label("refunds_total", lang), fmt_fen(f.refunds_fen)),
        (label("discounts", lang), fmt_fen(f.discounts_fen)),
        (label("rounding", lang), fmt_fen(f.rounding_fen)),
    ]
    left = "<table>" + "".join(_row([k, v]) for k, v in kv) + "</table>"
    rows = method_rows(report)
    methods = "<table>" + _row([label("method", lang), label("sold", lang), label("refunded", lang),
                                label("net", lang)], head=True)
    methods += "".join(_row([method_name(m, lang), fmt_fen(s), fmt_fen(r), fmt_fen(n)]) for m, s, r, n in rows)
    methods += _row([label("total", lang), fmt_fen(sum(x[1] for x in rows)), fmt_fen(sum(x[2] for x in rows)),
                     fmt_fen(sum(x[3] for x in rows))], strong=True) + "</table>"
    drawer = [
        (label("float", lang), fmt_fen(report.float_fen)),
        (label("cash_sales", lang), fmt_fen(_amount(f.sales_by_method, "cash"))),
        (label("cash_refunds", lang), fmt_fen(-_amount(f.refunds_by_method, "cash"))),
        (label("cash_in", lang), fmt_fen(f.cash_in_fen)),
        (label("cash_out", lang), fmt_fen(-f.cash_out_fen)),
    ]
    strong = [(label("expected", lang), fmt_fen(report.expected_cash_fen))]
    if report.counted_cash_fen is not None:
        strong += [(label("counted", lang), fmt_fen(report.counted_cash_fen)),
                   (label("variance", lang), fmt_fen(report.variance_fen or 0))]
    cash = "<table>" + "".join(_row([k, v]) for k, v in drawer)
    cash += "".join(_row([k, v], strong=True) for k, v in strong) + "</table>"
    if report.variance_reason:
        cash += f"<p>{escape(label('variance_reason', lang))}：{escape(report.variance_reason)}</p>"
    counted = [d for d in report.counted if d.count]
    if counted:
        cash += "<table>" + "".join(
            _row([denomination_name(d.denomination_fen, lang), f"× {d.count}", fmt_fen(d.amount_fen)])
            for d in counted) + "</table>"
    clerks = ""
    if f.by_clerk:
        clerks = f"<h3>{escape(label('by_clerk', lang))}</h3><table>" + _row(
            [label("clerk", lang), label("n_sales", lang), label("sold", lang), label("refunded", lang)],
            head=True)
        clerks += "".join(_row([c.staff_name, str(c.sales_count), fmt_fen(c.sales_fen), fmt_fen(c.refunds_fen)])
                          for c in f.by_clerk) + "</table>"
    return (
        '<table width="100%"><tr>'
        f'<td valign="top" width="50%">{left}<h3>{escape(label("by_method", lang))}</h3>{methods}{clerks}</td>'
        f'<td valign="top"><h3 style="margin-top:0">{escape(label("drawer", lang))}</h3>{cash}</td>'
        "</tr></table>"
    )


class TillReportView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tillReportView")
        self.report: TillReport | None = None

    def show_report(self, report: TillReport) -> None:
        self.report = report
        self.retranslate()

    def retranslate(self) -> None:
        if self.report is not None:
            self.setHtml(report_html(self.report, current_language()))
