"""How customers appear on screens, lists and reminders: family name + stars, never in full.

GLOSSARY: "show customers as family name + ** (张**) and the phone ending; never the whole
number". Platform display names are real names (张伟), nicknames (快乐小猪, Lily) or a
surname with a title (王阿姨); keeping the first character (or a compound surname) is what
a leader needs to ask "张**?" and tells a stranger almost nothing.
"""

from __future__ import annotations

import unicodedata

# The common two-character family names; anything else keeps one character. A name that
# merely starts with these two characters (rare) loses a little more than it might.
# fmt: off
COMPOUND_SURNAMES = frozenset((
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "令狐", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "钟离", "澹台", "太史",
    "申屠", "闻人", "万俟", "赫连", "司空", "濮阳", "淳于", "单于", "拓跋", "完颜", "第五", "东郭",
    "公冶", "羊舌", "微生", "梁丘", "左丘", "谷梁", "段干", "巫马", "乐正", "壤驷", "漆雕", "子车",
    "颛孙", "仲孙", "太叔",
))
# fmt: on

MASK = "*"


def mask_name(name: str | None) -> str:
    """张伟 → 张*, 张小明 → 张**, 欧阳娜娜 → 欧阳**, Lily → L**, "" → **.

    Two-character names keep one star so the mask does not claim a longer name; everything
    longer becomes surname + ** whatever its length, so the length leaks nothing either.
    """
    chars = _characters(name or "")
    if not chars:
        return MASK * 2
    if len(chars) >= 3 and "".join(chars[:2]) in COMPOUND_SURNAMES:
        return "".join(chars[:2]) + MASK * 2
    if len(chars) <= 2:
        return chars[0] + MASK
    return chars[0] + MASK * 2


def _characters(name: str) -> list[str]:
    """The visible characters of a display name: no spaces, no control or format marks.

    A combining mark stays with the character before it, so a masked name never starts
    with a lone accent; an emoji sequence may still be cut, which is harmless here.
    """
    text = unicodedata.normalize("NFKC", name)
    out: list[str] = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch.isspace() or category in ("Cc", "Cf", "Zs", "Zl", "Zp"):
            continue
        if category.startswith("M") and out:
            out[-1] += ch
            continue
        out.append(ch)
    return out
