"""Every ui string has its Chinese, and every committed .qm is the build of its .ts."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from resources import I18N_DIR
from ui.i18n import apply_language, current_language, normalize_language, qm_files

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def i18n_script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _messages(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name"), message.findtext("source"))
        for context in root.iter("context")
        for message in context.iter("message")
        if (message.find("translation").get("type") or "") not in ("obsolete", "vanished")
    }


def test_there_are_catalogues(i18n_script):
    assert len(i18n_script.ts_files()) >= 5


def test_no_translation_is_unfinished(i18n_script):
    missing = {ts.name: i18n_script.unfinished(ts) for ts in i18n_script.ts_files()}
    assert {name: texts for name, texts in missing.items() if texts} == {}


def test_every_catalogue_is_up_to_date_with_its_module(i18n_script, tmp_path):
    """A tr() string added without `scripts/i18n.py update` shows up here."""
    for module in i18n_script.ui_modules():
        name = f"{i18n_script.catalogue_name(module)}_zh_CN.ts"
        fresh = tmp_path / name
        subprocess.run(
            [i18n_script.tool("pyside6-lupdate"), "-silent", "-locations", "none", "-no-obsolete",
             str(module), "-ts", str(fresh)],
            check=True,
        )
        committed = I18N_DIR / name
        fresh_messages = _messages(fresh)
        if not fresh_messages:
            continue
        assert committed.exists(), f"{name} is missing: run scripts/i18n.py update"
        assert _messages(committed) == fresh_messages, f"{name} is stale: run scripts/i18n.py update"


def _translations(ts: Path) -> dict[tuple[str, str], str]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message.findtext("translation")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_qm_is_a_fresh_build_of_its_ts(i18n_script, tmp_path, gui_app):
    built = i18n_script.build(out_dir=tmp_path)
    assert {p.name for p in built} == {p.name for p in I18N_DIR.glob("*.qm")}, "run scripts/i18n.py build"
    for qm in built:
        committed = I18N_DIR / qm.name
        if committed.read_bytes() == qm.read_bytes():
            continue
        # Another lrelease version may lay the bytes out differently: then every message
        # must still come out of the committed .qm as its .ts says.
        translator = QTranslator()
        assert translator.load(str(committed))
        for (context, source), text in _translations(I18N_DIR / qm.with_suffix(".ts").name).items():
            assert translator.translate(context, source) == text, (
                f"{committed.name} is stale for {source!r}: run scripts/i18n.py build"
            )


def test_chinese_loads_every_catalogue_and_english_none(gui_app):
    try:
        loaded = apply_language("zh_CN")
        assert loaded >= len(qm_files("zh_CN")) > 0
        assert current_language() == "zh_CN"
        assert apply_language("en") == 0
        assert current_language() == "en"
    finally:
        apply_language("zh_CN")


@pytest.mark.parametrize(("given", "expected"), [
    (None, "zh_CN"), ("zh_CN", "zh_CN"), ("en", "en"), ("en_US", "en"), ("zh", "zh_CN"), ("fr", "zh_CN"),
])
def test_language_names_are_normalised(given, expected):
    assert normalize_language(given) == expected


def test_i18n_script_check_passes():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
