"""Core messages in both languages. The core has no Qt, so it carries both texts."""
from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


@dataclass(frozen=True, slots=True)
class Text:
    zh: str
    en: str

    def for_lang(self, lang: str) -> str:
        return self.en if lang.startswith("en") else self.zh

    def both(self) -> str:
        return f"{self.zh} / {self.en}"

    def __str__(self) -> str:
        return self.both()
