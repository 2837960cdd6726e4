"""pytest imports test modules by their file name (the folders are not packages), so two
test files with one name in different folders stop the whole run at collection."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_every_test_module_has_a_name_of_its_own() -> None:
    names = Counter(
        p.name for p in TESTS.rglob("*.py") if p.name not in {"conftest.py", "__init__.py"}
    )
    assert [n for n, k in names.items() if k > 1] == []
