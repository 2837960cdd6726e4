"""Exports read back (csv module, openpyxl) with the same numbers the test rang up, under
Chinese headings; the day summary PDF reads back with the day's figures."""
from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from report_world import C72, DAY, CounterDay, GroupDay, Shop

from app.errors import UserFacingError
from app.money import Money
from app.reports import default_file_name, write_csv


def yuan_to_fen(value: object) -> int:
    """A spreadsheet's yuan number (or a CSV's 12.50) back to fen, exactly."""
    return Money.yuan(Decimal(str(value))).fen


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_sales_by_method_as_csv(shop: Shop, day: CounterDay, tmp_path: Path) -> None:
    report = shop.reports.sales(shop.reports.period("today"))
    table = next(t for t in report.tables() if t.name == "sales_by_method")
    path = shop.reports.export([table], tmp_path / default_file_name(table, "csv"), "csv")
    assert path.name == "按支付方式.csv"
    rows = read_csv(path)
    assert rows[0] == ["支付方式", "销售", "退款", "净收入"]
    got = {r[0]: (yuan_to_fen(r[1]), yuan_to_fen(r[2])) for r in rows[1:-1]}
    names = {"cash": "现金", "wechat": "微信", "alipay": "支付宝", "card": "银行卡"}
    assert got == {names[m]: v for m, v in DAY["methods"].items()}
    assert rows[-1][0] == "合计"
    assert (yuan_to_fen(rows[-1][1]), yuan_to_fen(rows[-1][2]), yuan_to_fen(rows[-1][3])) == (
        DAY["sales"], DAY["refunds"], DAY["net"])


def test_every_sales_table_to_one_workbook(shop: Shop, day: CounterDay, tmp_path: Path) -> None:
    report = shop.reports.sales(shop.reports.period("today"))
    path = shop.reports.export(report.tables(), tmp_path / "sales.xlsx", "xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["销售概况", "按支付方式", "按时段", "按营业日", "畅销商品（按件数）",
                               "畅销商品（按销售额）"]
    summary = book["销售概况"]
    head = [c.value for c in summary[1]]
    values = dict(zip(head, [c.value for c in summary[2]], strict=True))
    assert yuan_to_fen(values["销售额"]) == DAY["sales"]
    assert values["笔数"] == DAY["count"]
    assert yuan_to_fen(values["客单价"]) == DAY["average"]
    assert yuan_to_fen(values["退款"]) == DAY["refunds"]
    assert yuan_to_fen(values["净收入"]) == DAY["net"]
    assert yuan_to_fen(values["折扣/改价"]) == DAY["discounts"]
    assert yuan_to_fen(values["毛利"]) == DAY["margin_takings"] - DAY["margin_cost"]
    assert summary.cell(row=2, column=head.index("销售额") + 1).number_format.startswith('"¥"')
    products = book["畅销商品（按销售额）"]
    rows = list(products.iter_rows(min_row=2, values_only=True))
    got = {r[0]: (r[2], yuan_to_fen(r[3])) for r in rows if r[0] in DAY["products"]}
    want = {name: (Decimal(qty) / 1000 if name == "红富士苹果" else qty, fen)
            for name, (qty, fen) in DAY["products"].items()}
    assert {k: (Decimal(str(q)), f) for k, (q, f) in got.items()} == {
        k: (Decimal(q), f) for k, (q, f) in want.items()}
    hours = {r[0]: (r[1], yuan_to_fen(r[2])) for r in
             book["按时段"].iter_rows(min_row=2, values_only=True) if r[1]}
    assert hours["23:00-00:00"] == DAY["hours"][23]
    assert hours["01:00-02:00"] == DAY["hours"][1]


def test_group_buy_and_shopping_list_workbooks(shop: Shop, day: CounterDay, group: GroupDay,
                                               tmp_path: Path) -> None:
    gb = shop.reports.group_buy(shop.reports.period("today"))
    book = load_workbook(shop.reports.export(gb.tables(), tmp_path / "g.xlsx", "xlsx"))
    sheet = book["团购活动汇总"]
    head = [c.value for c in sheet[1]]
    row = dict(zip(head, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert row["团购活动"] == "11月25日 早餐团"
    assert (row["订单"], row["件数"], row["已提"], row["待提"], row["缺货"]) == (
        C72["orders"], C72["items"], C72["picked"], C72["waiting"], C72["short"])
    assert yuan_to_fen(row["佣金（预估）"]) == C72["commission"]
    assert Decimal(str(row["提货率"])) == Decimal("0.4")
    stock = shop.reports.stock()
    path = shop.reports.export([stock.shopping_list()], tmp_path / "list.csv", "csv")
    rows = read_csv(path)
    assert rows[0][:3] == ["商品", "条码", "分类"] and "建议进货" in rows[0]
    wanted = rows[0].index("建议进货")
    assert {r[0]: r[wanted] for r in rows[1:-1]} == {"维达抽纸 3层100抽": "1", "可口可乐 330ml": "1"}


def test_a_file_that_cannot_be_written_says_so_and_leaves_nothing(shop: Shop, day: CounterDay,
                                                                  tmp_path: Path) -> None:
    table = shop.reports.sales(shop.reports.period("today")).tables()[1]
    folder = tmp_path / "exports"
    folder.mkdir()
    blocker = folder / "file"
    blocker.write_text("x")
    with pytest.raises(UserFacingError) as err:
        write_csv(table, blocker / "sub" / "a.csv")
    assert err.value.code == "export_failed"
    assert list(folder.iterdir()) == [blocker]


def test_the_day_summary_pdf_reads_back(shop: Shop, day: CounterDay, group: GroupDay,
                                        tmp_path: Path) -> None:
    pdf = shop.reports.day_summary_pdf()
    path = tmp_path / "day.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for expected in ("幸福里便利店", "营业日报", "2026-11-25", "¥62.00", "¥12.40", "¥4.00", "¥58.00",
                     "¥18.19", "红富士苹果", "佣金（预估）", "库存不足（2 种）"):
        assert expected in text, expected
    fonts = reader.pages[0]["/Resources"]["/Font"].get_object()
    cjk = [f.get_object() for f in fonts.values() if f.get_object()["/Subtype"] == "/TrueType"]
    assert cjk, "the CJK font is used"
    assert "/FontFile2" in cjk[0]["/FontDescriptor"].get_object(), "and embedded"
