"""The admin CLI's commands, run through `python -m cloud`'s own main() in-process (the
live tests run it as a real process)."""
from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cloud.__main__ import main
from cloud.admin import yuan_to_fen
from cloud.db import Database
from cloud.platform import PlatformError
from sync.pickup_code import verify_pickup_code
from tests.cloud.cloud_helpers import V, enrol


def cli(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    assert main(["admin", "--db", db.url, "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_operator_commands(client: TestClient, db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    key_file = tmp_path / "keys" / "platform.key"
    key = cli(db, capsys, "keygen", "--key-file", str(key_file))
    assert key_file.stat().st_mode & 0o777 == 0o600 and len(key_file.read_bytes()) == 32

    station = cli(db, capsys, "station-create", "--code", "st1001", "--name", "幸福里店")
    assert cli(db, capsys, "stations")[0]["code"] == "ST1001"
    campaign = cli(
        db, capsys, "campaign-create", "--title", "周末团", "--commission-bp", "800",
        "--deadline", "2026-11-26T20:00+08:00", "--pickup-date", "2026-11-27",
        "--item", "name=砂糖橘,price=19.9,storage=ambient,spec=5斤/箱,case_pack=6,barcode=6901234567890",
        "--item", "name=冻饺子,price=22,storage=frozen",
    )
    assert len(campaign["item_ids"]) == 2
    sim = cli(db, capsys, "simulate", "--station", "ST1001", "--orders", "6", "--cancel-rate", "0.5", "--seed", "4")
    active = [o for o in sim["order_ids"] if o not in sim["cancelled"]]

    device = enrol(client, station["enrol_code"])
    keys = {k["key_id"]: base64.b64decode(k["public_key"]) for k in device.info["platform_keys"]}
    [qr] = cli(db, capsys, "order-qr", str(active[0]))
    claim = verify_pickup_code(qr["qr_text"], keys)  # signed by the key kept in the file
    assert (claim.key_id, claim.order_id, claim.station_id) == (key["key_id"], active[0], station["station_id"])

    orders = cli(db, capsys, "orders", "--station", "ST1001")
    assert {o["id"] for o in orders} == set(sim["order_ids"])
    assert "customer_name" not in orders[0] and "phone_tail" not in orders[0]
    assert cli(db, capsys, "refund", str(active[0]))["cloud_state"] == "refunded"
    assert main(["admin", "--db", db.url, "cancel", str(active[0])]) == 2  # already refunded
    assert "already refunded" in capsys.readouterr().out

    _, cursor, _ = device.pull_all()
    cli(db, capsys, "campaign-withdraw", str(campaign["campaign_id"]))
    item = cli(db, capsys, "catalog-add", "--name", "农夫山泉 550ml", "--price", "2", "--barcode", "6921168509256")
    cli(db, capsys, "key-retire", str(key["key_id"]))
    types = [c["type"] for c in device.pull(cursor)["changes"]]
    assert types == ["campaign.delete", "catalog_item.put", "platform_key.delete"]
    assert item["catalog_item_id"] >= 1

    # A new PC for the station; the old one is revoked.
    code = cli(db, capsys, "enrol-code", "--station", "ST1001")["enrol_code"]
    new_device = enrol(client, code, "新电脑")
    devices = cli(db, capsys, "devices", "--station", "ST1001")
    assert {d["id"] for d in devices} == {device.device_id, new_device.device_id}
    cli(db, capsys, "device-revoke", device.device_id)
    assert client.get("/v1/pull", headers=device.headers).status_code == 401
    assert client.get("/v1/pull", headers=new_device.headers).status_code == 200

    assert cli(db, capsys, "new-epoch")["epoch"] == 2
    assert cli(db, capsys, "claims") == [] and cli(db, capsys, "conflicts") == []
    assert cli(db, capsys, "report", "--station", "ST1001")["pickups"] == 0


def test_bad_operator_input_changes_nothing(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["admin", "--db", db.url, "station-create", "--code", "no spaces!", "--name", "x"]) == 2
    assert main(["admin", "--db", db.url, "simulate", "--station", "NOPE", "--orders", "1"]) == 2
    assert main(["admin", "--db", db.url, "campaign-create", "--title", "x", "--item", "name=a,price=1.999"]) == 2
    assert main(["admin", "--db", db.url, "--json", "stations"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1]) == []
    assert main(["admin", "--db", db.url, "order-qr", "12345"]) == 2


def test_yuan_to_fen_is_exact() -> None:
    assert yuan_to_fen("19.9") == 1990
    assert yuan_to_fen("0.01") == 1
    assert yuan_to_fen("1234567.89") == 123456789
    for bad in ("1.001", "-1", "abc", "nan", "inf"):
        with pytest.raises(PlatformError):
            yuan_to_fen(bad)


def test_enrol_codes_expire(client: TestClient, db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli(db, capsys, "station-create", "--code", "ST1001", "--name", "x", "--valid-days", "0")["enrol_code"]
    response = client.post("/v1/enrol", json={"enrol_code": code, "device_name": "x"}, headers=V)
    assert response.status_code == 403
