"""The layers stay apart (STYLE.md rule 1): the core never imports Qt, ui never reaches the
database or the network itself."""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE_PACKAGES = ("app", "local_db", "sync", "cloud")
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")
UI_FORBIDDEN = ("sqlalchemy", "httpx", "sqlite3", "local_db", "requests")


def python_files(package: str) -> list[Path]:
    folder = ROOT / package
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module path imported anywhere in the file (top level or inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module", "__import__"
        ) and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            found.append((node.lineno, node.args[0].value))
    return found


def offending(packages: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for package in packages:
        for path in python_files(package):
            for line, module in imported_modules(path):
                if module.split(".")[0] in forbidden:
                    bad.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return bad


def core_module_names() -> list[str]:
    names = []
    for package in CORE_PACKAGES:
        for path in python_files(package):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            # Alembic env and revision files run only inside Alembic; __main__ runs the program.
            if "migrations" in parts or parts[-1] == "__main__" or not all(p.isidentifier() for p in parts):
                continue
            names.append(".".join(parts))
    return names


def test_core_never_imports_qt():
    assert offending(CORE_PACKAGES, QT_MODULES) == []


def test_ui_never_imports_the_database_or_the_network():
    assert offending(("ui",), UI_FORBIDDEN) == []


def test_the_core_does_not_import_the_ui():
    """Dependencies point one way: ui -> app. Only the entry point may start the window,
    and it does so from inside a function, so importing it loads no Qt."""
    bad = [b for b in offending(CORE_PACKAGES, ("ui",)) if not b.startswith(os.path.join("app", "__main__.py"))]
    assert bad == []


CHILD = r"""
import importlib, json, sys
loaded, failed, pulled = [], {}, {}
for name in json.loads(sys.argv[1]):
    before = any(m.split(".")[0] in ("PySide6", "shiboken6") for m in sys.modules)
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed[name] = f"{type(exc).__name__}: {exc}"
        continue
    loaded.append(name)
    if not before and any(m.split(".")[0] in ("PySide6", "shiboken6") for m in sys.modules):
        pulled[name] = True
print(json.dumps({"loaded": loaded, "failed": failed, "qt": "PySide6" in sys.modules, "pulled": sorted(pulled)}))
"""


def test_importing_every_core_module_loads_no_qt():
    names = core_module_names()
    assert "app.bootstrap" in names and "app.money" in names
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(names)],
        capture_output=True, text=True, timeout=180, cwd=ROOT, env=env,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["pulled"] == [], f"these modules import Qt: {report['pulled']}"
    assert report["qt"] is False
    for must in ("app.bootstrap", "app.money", "app.settings", "local_db.engine", "local_db.models"):
        assert must in report["loaded"], report["failed"].get(must)


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_the_core_package_exists(package):
    assert (ROOT / package / "__init__.py").exists()
