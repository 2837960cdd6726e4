"""Line breaking shared by the PDF documents (points) and the ESC/POS receipt (columns).

Chinese breaks between any two characters; Latin words and numbers stay whole unless one
alone is wider than the line; closing punctuation never starts a line and opening
punctuation never ends one (the simple form of 禁则).
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable

_NO_LINE_START = frozenset("，。、；：！？）》」』】〕…—～,.;:!?)]}%")
_NO_LINE_END = frozenset("（《「『【〔([{￥¥$")


def is_wide(ch: str) -> bool:
    """A full-width or wide character (Chinese, ￥, full-width digits): two columns."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    word = ""
    for ch in text:
        # ASCII punctuation stays inside its word ("1.5kg", "(大)" breaks as Chinese does).
        if ch.isspace() or is_wide(ch) or (not ch.isascii() and (ch in _NO_LINE_START
                                                                  or ch in _NO_LINE_END)):
            if word:
                tokens.append(word)
                word = ""
            tokens.append("\n" if ch == "\n" else " " if ch.isspace() else ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    # Glue punctuation to its neighbour so a break never lands on the wrong side of it.
    glued: list[str] = []
    for tok in tokens:
        if (glued and glued[-1] not in (" ", "\n") and tok not in (" ", "\n")
                and (tok[0] in _NO_LINE_START or glued[-1][-1] in _NO_LINE_END)):
            glued[-1] += tok
        else:
            glued.append(tok)
    return glued


def wrap_text(text: str, measure: Callable[[str], float], max_width: float) -> list[str]:
    """Break `text` into lines no wider than `max_width` as measured by `measure`.

    Always returns at least one line (possibly empty). Explicit newlines are kept.
    """
    lines: list[str] = []
    cur = ""
    for tok in _tokens(text):
        if tok == "\n":
            lines.append(cur.rstrip())
            cur = ""
            continue
        if tok == " ":
            if cur:
                cur += " "
            continue
        if measure((cur + tok).rstrip()) <= max_width:
            cur += tok
            continue
        if cur.strip():
            lines.append(cur.rstrip())
        cur = ""
        if measure(tok) <= max_width:
            cur = tok
            continue
        for ch in tok:  # a word wider than the line: break it anywhere
            if cur and measure(cur + ch) > max_width:
                lines.append(cur)
                cur = ""
            cur += ch
    if cur.strip() or not lines:
        lines.append(cur.rstrip())
    return lines
