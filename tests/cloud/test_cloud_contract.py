"""The contract around the server: the OpenAPI document is current, the migrations build
exactly the models, and the shared request models refuse what they should."""
from __future__ import annotations

import ast
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pydantic import ValidationError

from cloud.app import create_app
from cloud.db import Database
from cloud.models import Base
from sync.protocol import EVENT_SCHEMA_VERSION, PROTOCOL_VERSION
from sync.protocol import messages as m

ROOT = Path(__file__).resolve().parents[2]


def test_openapi_document_is_current() -> None:
    app = create_app("sqlite:///:memory:", migrate=False)
    committed = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(app.openapi())), (
        "docs/openapi.json is stale: run `python -m cloud openapi > docs/openapi.json`"
    )
    assert set(committed["paths"]) == {"/v1/health", "/v1/enrol", "/v1/push", "/v1/pull"}


def test_migrations_build_exactly_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def envelope(seq: int, device: str = "dev-1", epoch: int = 1) -> dict:
    return {
        "event_id": str(uuid.uuid4()),
        "device_id": device,
        "device_epoch": epoch,
        "seq": seq,
        "kind": "till_open",
        "schema_version": EVENT_SCHEMA_VERSION,
        "created_at": datetime(2026, 11, 25, tzinfo=UTC).isoformat(),
        "payload": {
            "kind": "till_open",
            "created_at": "2026-11-25T00:00:00Z",
            "cash_session_uuid": str(uuid.uuid4()),
            "business_day": "2026-11-25",
            "staff_uuid": str(uuid.uuid4()),
            "float_fen": 20000,
        },
    }


def push(events: list[dict], **extra: object) -> dict:
    return {
        "protocol_version": PROTOCOL_VERSION,
        "schema_version": EVENT_SCHEMA_VERSION,
        "device_id": "dev-1",
        "device_epoch": 1,
        "events": events,
        **extra,
    }


def test_versions_are_this_one_and_the_one_before() -> None:
    assert {PROTOCOL_VERSION, PROTOCOL_VERSION - 1} == m.SUPPORTED_PROTOCOL_VERSIONS
    assert m.PROTOCOL_VERSION == PROTOCOL_VERSION


def test_push_request_bounds_and_order() -> None:
    m.PushRequest.model_validate(push([envelope(1), envelope(2), envelope(5)]))
    with pytest.raises(ValidationError, match="at most"):
        m.PushRequest.model_validate(push([envelope(i) for i in range(1, m.MAX_EVENTS_PER_PUSH + 2)]))
    with pytest.raises(ValidationError, match="rising seq"):
        m.PushRequest.model_validate(push([envelope(2), envelope(1)]))
    with pytest.raises(ValidationError, match="device_id and device_epoch"):
        m.PushRequest.model_validate(push([envelope(1, device="other")]))
    with pytest.raises(ValidationError, match="device_id and device_epoch"):
        m.PushRequest.model_validate(push([envelope(1, epoch=2)]))
    with pytest.raises(ValidationError):
        m.PushRequest.model_validate(push([envelope(1)], device_id="x" * 37))
    with pytest.raises(ValidationError):
        m.PushRequest.model_validate(push([envelope(1)], extra_field=1))


def test_an_old_push_body_is_upgraded() -> None:
    old = push([envelope(1)], protocol_version=PROTOCOL_VERSION - 1)
    del old["schema_version"]
    upgraded = m.upgrade_push_body(old, PROTOCOL_VERSION - 1)
    assert m.PushRequest.model_validate(upgraded).schema_version == 1
    assert m.upgrade_push_body(push([]), PROTOCOL_VERSION) == push([])


def test_changes_are_told_apart_by_type() -> None:
    page = m.PullResponse.model_validate(
        {
            "changes": [
                {"type": "campaign.delete", "id": 3},
                {"type": "platform_key.put", "key_id": 1, "public_key": "A" * 43 + "="},
                {"type": "order_state.put", "order_id": 9, "cloud_state": "refunded",
                 "changed_at": "2026-11-25T00:00:00Z"},
            ],
            "cursor": "c1.x",
            "has_more": False,
            "server_time": "2026-11-25T00:00:00Z",
        }
    )
    assert [type(c).__name__ for c in page.changes] == ["CampaignDelete", "PlatformKeyPut", "OrderStatePut"]
    with pytest.raises(ValidationError):
        m.GroupOrderPut.model_validate(
            {"id": 1, "campaign_id": 1, "order_no": "x", "customer_name": "王丽", "phone_tail": "13800138000",
             "pickup_code": "12345678", "placed_at": "2026-11-25T00:00:00Z",
             "lines": [{"id": 1, "campaign_item_id": 1, "qty_ordered": 1, "price_fen": 100}]}
        )


def test_cloud_imports_only_the_contract() -> None:
    """cloud/ shares sync/protocol and sync/pickup_code with the station, nothing else of
    it: no ui/, app/, local_db/, the sync client, or Qt."""
    allowed_sync = ("sync.protocol", "sync.pickup_code")
    files = [*sorted((ROOT / "cloud").rglob("*.py")), ROOT / "sync" / "protocol" / "messages.py"]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                top = name.split(".")[0]
                assert top not in ("ui", "app", "local_db", "PySide6"), f"{path}: imports {name}"
                if top == "sync":
                    assert name.startswith(allowed_sync), f"{path}: imports {name}"
