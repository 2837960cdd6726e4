"""Shared by the durability tests: one demo template database and one warm child server."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from child_driver import Server, Template, build_template, copy_database, pull_pages


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    path = tmp_path_factory.mktemp("durability") / "template.db"
    return Template(path, build_template(path))


@pytest.fixture(scope="session")
def server(template: Template, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    scratch = tmp_path_factory.mktemp("warm") / "warm.db"
    copy_database(template.path, scratch)
    handable = template.facts["handable"]
    script: list[dict[str, Any]] = [
        {"op": "sale"},
        {"op": "pickup", "order_id": handable[-1]["order_id"]},
        {"op": "undo"},
        *({"op": "page", "page": page} for page in pull_pages(template.facts)),
    ]
    child = Server()
    try:
        child.run(cmd="warm", db=scratch, report=scratch.with_suffix(".report"), script=script)
        yield child
    finally:
        child.close()
