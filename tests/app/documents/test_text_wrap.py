"""Line breaking for receipts: Chinese anywhere, words whole, punctuation on the right side."""
from __future__ import annotations

from app.documents.text_wrap import is_wide, wrap_text


def cols(text: str) -> int:
    return sum(2 if is_wide(ch) else 1 for ch in text)


def test_chinese_breaks_anywhere_and_keeps_every_character() -> None:
    text = "农夫山泉饮用天然水整箱特价促销装"
    lines = wrap_text(text, cols, 10)
    assert "".join(lines) == text
    assert all(cols(line) <= 10 for line in lines)


def test_closing_punctuation_never_starts_a_line() -> None:
    lines = wrap_text("红烧牛肉面五连包（经典）。好吃", cols, 10)
    assert all(line[0] not in "）。，" for line in lines)
    assert all(line[-1] != "（" for line in lines)


def test_words_and_numbers_stay_whole() -> None:
    lines = wrap_text("Coca-Cola Zero 1.25L bottle", cols, 12)
    assert lines == ["Coca-Cola", "Zero 1.25L", "bottle"]


def test_overlong_word_is_cut_and_newlines_are_kept() -> None:
    assert wrap_text("x" * 25, cols, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert wrap_text("a\nb", cols, 10) == ["a", "b"]
    assert wrap_text("", cols, 10) == [""]
