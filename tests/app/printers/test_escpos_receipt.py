"""The ESC/POS receipt, rendered with python-escpos's Dummy printer and read back byte by byte."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace

import pytest

from app.devices.printers.escpos_text import (
    CHINESE_MODE_OFF,
    CHINESE_MODE_ON,
    display_width,
    drawer_kick,
    printable,
    render_receipt,
)
from app.documents.receipt import ReceiptData

ESC, GS, FS, LF = 0x1B, 0x1D, 0x1C, 0x0A


@dataclass
class Parsed:
    lines: list[str] = field(default_factory=list)
    commands: list[bytes] = field(default_factory=list)
    qr_payloads: list[bytes] = field(default_factory=list)


def parse(data: bytes) -> Parsed:
    """Split an ESC/POS stream into printed text lines and commands; unknown commands fail."""
    out = Parsed()
    text = bytearray()
    i = 0
    while i < len(data):
        b = data[i]
        if b == LF:
            out.lines.append(text.decode("gb18030"))
            text.clear()
            i += 1
            continue
        if b in (ESC, GS, FS):
            cmd = data[i + 1:i + 2]
            if b == ESC and cmd in (b"@",):
                n = 2
            elif b == ESC and cmd in (b"!", b"E", b"a", b"d", b"M", b"-"):
                n = 3
            elif b == ESC and cmd == b"p":
                n = 5
            elif b == GS and cmd == b"!":
                n = 3
            elif b == GS and cmd == b"V":
                n = 3 if data[i + 2] in (0, 1, 48, 49) else 4
            elif b == GS and cmd == b"(":
                length = data[i + 3] + 256 * data[i + 4]
                n = 5 + length
                if data[i + 2:i + 3] == b"k" and data[i + 6] == 80:  # fn 80: store QR data
                    out.qr_payloads.append(data[i + 8:i + n])
            elif b == FS and cmd in (b"&", b"."):
                n = 2
            else:
                raise AssertionError(f"unexpected command {data[i:i + 4]!r} at {i}")
            out.commands.append(data[i:i + n])
            i += n
            continue
        text.append(b)
        i += 1
    if text:
        out.lines.append(text.decode("gb18030"))
    return out


def east_asian_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


@pytest.mark.parametrize(("width_mm", "columns"), [(58, 32), (80, 48)])
def test_every_line_fits_the_paper(receipt: ReceiptData, width_mm: int, columns: int) -> None:
    data = replace(receipt, note="今天起会员积分可抵现金，详情请咨询店员 Members save more!" * 2)
    parsed = parse(render_receipt(data, width_mm=width_mm))
    assert len(parsed.lines) > 20
    for line in parsed.lines:
        assert east_asian_width(line) <= columns, line
        assert display_width(line) <= columns, line
    # the long product name wrapped, and nothing of it was lost
    joined = "".join(parsed.lines).replace(" ", "")
    assert receipt.lines[1].name.replace(" ", "") in joined


def test_gb18030_text_yuan_sign_and_chinese_mode(receipt: ReceiptData) -> None:
    out = render_receipt(receipt)
    assert "邻里站便利店".encode("gb18030") in out
    for line in receipt.lines[:1] + receipt.lines[2:]:  # the long one wraps
        assert line.name.encode("gb18030") in out, line.name
    assert "￥".encode("gb18030") == b"\xa3\xa4"
    assert b"\xa3\xa446.80" in out  # the total
    assert b"\xa3\xa423.20" in out  # change
    assert "¥".encode() not in out  # U+00A5 would print as garbage
    for word in ("微信", "现金", "找零", "实收", "抹零", "合计", "谢谢惠顾"):
        assert word.encode("gb18030") in out, word
    on, off = out.index(CHINESE_MODE_ON), out.rindex(CHINESE_MODE_OFF)
    assert on < out.index("邻里站".encode("gb18030")) < off
    assert out.startswith(b"\x1b@")  # initialise first


def test_qr_is_native_and_optional(receipt: ReceiptData) -> None:
    parsed = parse(render_receipt(receipt))
    assert parsed.qr_payloads == [b"20261125-0042"]
    assert any(c.startswith(b"\x1d(k") and c[6] == 81 for c in parsed.commands)  # print it
    assert parse(render_receipt(receipt, qr=False)).qr_payloads == []


def test_cut_at_the_end(receipt: ReceiptData) -> None:
    parsed = parse(render_receipt(receipt))
    assert parsed.commands[-1].startswith(b"\x1dV")
    assert b"\x1dV" not in render_receipt(receipt, cut=False)


def test_refund_receipt(refund_receipt: ReceiptData) -> None:
    text = "\n".join(parse(render_receipt(refund_receipt, width_mm=80)).lines)
    assert "退款单" in text and "原单号：20261124-0017" in text and "退款合计" in text


def test_drawer_kick_is_esc_p() -> None:
    assert drawer_kick(2) == b"\x1bp\x00\x32\x32"
    assert drawer_kick(5).startswith(b"\x1bp\x01")


def test_characters_outside_gbk_become_question_marks() -> None:
    assert printable("苹果🍎¥5") == "苹果?￥5"
    assert display_width("苹果 x2") == 7
