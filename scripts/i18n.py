"""Keep the Qt translations of ui/: one .ts per ui module, its compiled .qm beside it.

    python scripts/i18n.py update   # pyside6-lupdate each ui module -> resources/i18n/<name>_zh_CN.ts
    python scripts/i18n.py build    # pyside6-lrelease each .ts -> .qm (commit both)
    python scripts/i18n.py check    # list translations still unfinished (exit 1 if any)

<name> is the module's path under ui/ with "/" as "_": ui/screens/pickup_screen.py ->
screens_pickup_screen_zh_CN.ts. One file per module, so people working on different
screens never edit the same .ts. Fill the <translation> elements (Qt Linguist, or any
editor; words from docs GLOSSARY.md), then run build.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "ui"
I18N_DIR = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)
TR_MARKERS = ("tr(", "translate(")


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from this Python's environment, else from PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install PySide6 in this environment")
    return found


def catalogue_name(module: Path) -> str:
    return "_".join(module.relative_to(UI_DIR).with_suffix("").parts)


def ui_modules() -> list[Path]:
    """ui modules that have translatable strings."""
    return sorted(
        p for p in UI_DIR.rglob("*.py")
        if "__pycache__" not in p.parts and any(m in p.read_text(encoding="utf-8") for m in TR_MARKERS)
    )


def ts_files(folder: Path = I18N_DIR) -> list[Path]:
    return sorted(folder.glob("*.ts"))


def message_count(ts: Path) -> int:
    return sum(1 for _ in ET.parse(ts).getroot().iter("message"))


def unfinished(ts: Path) -> list[str]:
    """Source texts in ts whose translation is missing or marked unfinished."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source", "")
        kind = translation.get("type") if translation is not None else None
        if kind in ("obsolete", "vanished"):
            continue
        if translation is None or kind == "unfinished" or not (translation.text or "").strip():
            missing.append(source)
    return missing


def update() -> list[Path]:
    """Refresh every module's .ts from its source (new strings appear as unfinished)."""
    I18N_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    wanted = set()
    for module in ui_modules():
        for lang in LANGUAGES:
            ts = I18N_DIR / f"{catalogue_name(module)}_{lang}.ts"
            wanted.add(ts)
            subprocess.run(
                [tool("pyside6-lupdate"), "-silent", "-locations", "none", "-no-obsolete",
                 "-target-language", lang, str(module), "-ts", str(ts)],
                check=True,
            )
            if message_count(ts) == 0:
                ts.unlink()
                continue
            written.append(ts)
    for stale in set(ts_files()) - wanted:
        print(f"no ui module any more for {stale.name}; removing it and its .qm")
        stale.unlink()
        stale.with_suffix(".qm").unlink(missing_ok=True)
    return written


def build(out_dir: Path | None = None, folder: Path = I18N_DIR) -> list[Path]:
    """Compile every .ts to .qm (beside it, or into out_dir)."""
    outputs = []
    for ts in ts_files(folder):
        qm = (out_dir or ts.parent) / ts.with_suffix(".qm").name
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        outputs.append(qm)
    return outputs


def check() -> int:
    bad = 0
    for ts in ts_files():
        for source in unfinished(ts):
            print(f"{ts.name}: unfinished: {source!r}")
            bad += 1
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["update", "build", "check"])
    args = parser.parse_args(argv)
    if args.command == "update":
        for ts in update():
            print(f"{ts.relative_to(ROOT)}: {len(unfinished(ts))} unfinished")
        return 0
    if args.command == "build":
        for qm in build():
            print(qm.relative_to(ROOT))
        return 0
    return check()


if __name__ == "__main__":
    sys.exit(main())
