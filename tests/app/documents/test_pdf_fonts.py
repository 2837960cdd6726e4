"""The one CJK font helper: bundled font first, system fallback, a clear error without any."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from app.documents import pdf_fonts
from app.errors import UserFacingError
from resources import CJK_FONT_FILE


def test_registers_the_bundled_font_once_from_many_threads() -> None:
    names: list[str] = []
    threads = [threading.Thread(target=lambda: names.append(pdf_fonts.register_cjk_font()))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(names) == {pdf_fonts.CJK_FONT_NAME}
    assert pdf_fonts.register_cjk_font() == pdf_fonts.CJK_FONT_NAME
    assert pdf_fonts.registered_font_file() == Path(CJK_FONT_FILE)


def test_text_width() -> None:
    # A Chinese character is one em wide; Latin digits about half of it.
    assert pdf_fonts.text_width("邻里站", 10) == pytest.approx(30, abs=0.5)
    assert 3 < pdf_fonts.text_width("8", 10) < 7
    assert pdf_fonts.text_width("", 10) == 0


@pytest.fixture
def fresh_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_fonts, "_registered", None)
    monkeypatch.setattr(pdf_fonts, "_source", None)


def test_falls_back_to_a_system_font(fresh_registry: None, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    system_font = tmp_path / "wqy-microhei.ttc"
    shutil.copyfile(CJK_FONT_FILE, system_font)
    not_a_font = tmp_path / "broken.ttc"
    not_a_font.write_bytes(b"not a font at all")
    monkeypatch.setattr(pdf_fonts, "font_candidates",
                        lambda: [tmp_path / "missing.ttc", not_a_font, system_font])
    assert pdf_fonts.register_cjk_font() == pdf_fonts.CJK_FONT_NAME
    assert pdf_fonts.registered_font_file() == system_font


def test_no_font_at_all_is_a_clear_error(fresh_registry: None, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_fonts, "font_candidates", lambda: [tmp_path / "missing.ttc"])
    with pytest.raises(UserFacingError) as err:
        pdf_fonts.register_cjk_font()
    assert err.value.code == "font_missing"
    assert "中文字体" in err.value.message.zh and "font" in err.value.message.en


def test_candidates_start_with_the_bundled_font() -> None:
    assert pdf_fonts.font_candidates()[0] == Path(CJK_FONT_FILE)
