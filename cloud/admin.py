"""`python -m cloud admin ...`: the platform operator's commands (and the tests' way in).

Everything here is deliberately not on the HTTP API: the public API stays the four calls a
station needs. Each command is one transaction; output is plain text, or JSON with --json.
"""
from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from cloud.auth import DEFAULT_CODE_VALID_DAYS, new_enrol_code
from cloud.changes import bump_epoch
from cloud.db import Database, upgrade, utcnow
from cloud.keys import create_key, encode_key, retire_key
from cloud.models import Device, GroupOrder, SigningKey
from cloud.orders import cancel_order, refund_order
from cloud.platform import (
    ItemSpec,
    PlatformError,
    add_catalog_item,
    create_campaign,
    create_station,
    station_by_code,
    withdraw_campaign,
)
from cloud.reports import (
    list_claims,
    list_conflicts,
    list_devices,
    list_orders,
    list_stations,
    station_totals,
)
from cloud.simulate import DEMO_ITEMS, simulate_orders


def add_parser(sub: Any) -> None:
    admin = sub.add_parser("admin", help="platform operator commands")
    admin.add_argument("--json", action="store_true", help="print JSON")
    cmds = admin.add_subparsers(dest="admin_command", required=True)

    p = cmds.add_parser("keygen", help="make a platform signing key for pickup codes")
    p.add_argument("--key-file", type=Path, help="keep the private key in this file, not the DB")
    p.add_argument("--demo", action="store_true", help="install the public demo key (id 1)")
    p = cmds.add_parser("key-retire", help="retire a signing key")
    p.add_argument("key_id", type=int)

    p = cmds.add_parser("station-create", help="a new station and its one-time enrolment code")
    p.add_argument("--code", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--valid-days", type=int, default=DEFAULT_CODE_VALID_DAYS)
    p = cmds.add_parser("enrol-code", help="a new one-time code for an existing station (new PC)")
    p.add_argument("--station", required=True)
    p.add_argument("--valid-days", type=int, default=DEFAULT_CODE_VALID_DAYS)
    cmds.add_parser("stations", help="list stations")
    p = cmds.add_parser("devices", help="a station's enrolled devices")
    p.add_argument("--station", required=True)
    p = cmds.add_parser("device-revoke", help="revoke a device's token (a stolen or retired PC)")
    p.add_argument("device_id")

    p = cmds.add_parser("campaign-create", help="a group-buying campaign with its items")
    p.add_argument("--title", required=True)
    p.add_argument(
        "--item",
        action="append",
        default=[],
        help='"name=砂糖橘,price=19.90,storage=chilled,spec=5斤/箱,case_pack=6,barcode=690..."',
    )
    p.add_argument("--demo", action="store_true", help="add the demo items")
    p.add_argument("--deadline", type=datetime.fromisoformat, help="order deadline, ISO with zone")
    p.add_argument("--pickup-date", type=date.fromisoformat)
    p.add_argument("--commission-bp", type=int, default=1000)
    p.add_argument("--stations", help="codes, comma-separated (default: every station)")
    p = cmds.add_parser("campaign-withdraw", help="withdraw a campaign (stations get a tombstone)")
    p.add_argument("campaign_id", type=int)
    p = cmds.add_parser("catalog-add", help="a platform catalogue item")
    p.add_argument("--name", required=True)
    p.add_argument("--price", required=True, help="suggested price in yuan, e.g. 3.50")
    p.add_argument("--barcode")
    p.add_argument("--unit", default="piece", choices=("piece", "kg"))
    p.add_argument("--spec", default="")
    p.add_argument("--category", default="")

    p = cmds.add_parser("simulate", help="customers place orders for pickup at a station")
    p.add_argument("--station", required=True)
    p.add_argument("--orders", type=int, required=True)
    p.add_argument("--cancel-rate", type=float, default=0.0)
    p.add_argument("--refund-rate", type=float, default=0.0)
    p.add_argument("--seed", type=int)
    p.add_argument("--campaign", type=int)
    p = cmds.add_parser("orders", help="a station's orders (no personal data)")
    p.add_argument("--station", required=True)
    p = cmds.add_parser("order-qr", help="the customer's pickup QR text of orders")
    p.add_argument("order_ids", type=int, nargs="+", metavar="ORDER_ID")
    p.add_argument("--ascii", action="store_true", help="also draw the QR in the terminal")
    for name in ("cancel", "refund"):
        p = cmds.add_parser(name, help=f"the platform {name}s an order")
        p.add_argument("order_id", type=int)
        p.add_argument("--reason", default="")

    cmds.add_parser("new-epoch", help="after restoring the DB: every station re-pulls a snapshot")
    for name in ("claims", "conflicts"):
        p = cmds.add_parser(name, help=f"list {name} reported by stations")
        p.add_argument("--station")
    p = cmds.add_parser("report", help="a station's totals from its uploaded records")
    p.add_argument("--station", required=True)
    p.add_argument("--day", type=date.fromisoformat)


def run(args: argparse.Namespace) -> int:
    upgrade(args.db)
    db = Database(args.db)
    try:
        result, text = _dispatch(db, args)
    except PlatformError as exc:
        print(f"error: {exc}")
        return 2
    finally:
        db.dispose()
    print(json.dumps(result, ensure_ascii=False, default=str) if args.json else text)
    return 0


def _dispatch(db: Database, args: argparse.Namespace) -> tuple[Any, str]:
    cmd = args.admin_command
    with db.write() as s:
        if cmd == "keygen":
            key_id = create_key(s, key_file=args.key_file, demo=args.demo)
            public = encode_key(s.get_one(SigningKey, key_id).public_key)
            return {"key_id": key_id, "public_key": public}, f"key {key_id} {public}"
        if cmd == "key-retire":
            retire_key(s, args.key_id)
            return {"retired": args.key_id}, f"key {args.key_id} retired"
        if cmd == "station-create":
            station = create_station(s, code=args.code, name=args.name)
            code = new_enrol_code(s, station.id, valid_days=args.valid_days)
            out = {"station_id": station.id, "code": station.code, "enrol_code": code}
            return out, f"station {station.code} (id {station.id}) enrolment code: {code}"
        if cmd == "enrol-code":
            station = station_by_code(s, args.station)
            code = new_enrol_code(s, station.id, valid_days=args.valid_days)
            return {"station_id": station.id, "enrol_code": code}, f"enrolment code: {code}"
        if cmd == "stations":
            rows = list_stations(s)
            return rows, "\n".join(f"{r['id']}\t{r['code']}\t{r['name']}\t{r['devices']} device(s)" for r in rows)
        if cmd == "devices":
            rows = list_devices(s, station_by_code(s, args.station).id)
            return rows, "\n".join(f"{r['id']}\t{r['name']}\t{r['created_at']}\trevoked={r['revoked']}" for r in rows)
        if cmd == "device-revoke":
            device = s.get(Device, args.device_id)
            if device is None:
                raise PlatformError(f"no device {args.device_id}")
            device.revoked_at = device.revoked_at or utcnow()
            return {"revoked": device.id}, f"device {device.id} revoked: its token no longer works"
        if cmd == "campaign-create":
            items = [_parse_item(text) for text in args.item] + (list(DEMO_ITEMS) if args.demo else [])
            station_ids = (
                [station_by_code(s, code).id for code in args.stations.split(",") if code.strip()]
                if args.stations
                else None
            )
            campaign = create_campaign(
                s,
                title=args.title,
                items=items,
                order_deadline=_aware(args.deadline),
                pickup_date=args.pickup_date,
                commission_bp=args.commission_bp,
                station_ids=station_ids,
            )
            s.flush()
            item_ids = [item.id for item in campaign.items]
            return {"campaign_id": campaign.id, "item_ids": item_ids}, (
                f"campaign {campaign.id}: items {', '.join(map(str, item_ids))}"
            )
        if cmd == "campaign-withdraw":
            withdraw_campaign(s, args.campaign_id)
            return {"withdrawn": args.campaign_id}, f"campaign {args.campaign_id} withdrawn"
        if cmd == "catalog-add":
            item = add_catalog_item(
                s,
                name=args.name,
                suggested_price_fen=yuan_to_fen(args.price),
                barcode=args.barcode,
                unit=args.unit,
                spec=args.spec,
                category=args.category,
            )
            return {"catalog_item_id": item.id}, f"catalog item {item.id}"
        if cmd == "simulate":
            sim = simulate_orders(
                s,
                station_code=args.station,
                orders=args.orders,
                cancel_rate=args.cancel_rate,
                refund_rate=args.refund_rate,
                seed=args.seed,
                campaign_id=args.campaign,
            )
            out = {
                "station_id": sim.station_id,
                "order_ids": sim.order_ids,
                "cancelled": sim.cancelled,
                "refunded": sim.refunded,
            }
            return out, (
                f"{len(sim.order_ids)} orders placed at {args.station}, "
                f"{len(sim.cancelled)} cancelled, {len(sim.refunded)} refunded"
            )
        if cmd == "orders":
            rows = list_orders(s, station_by_code(s, args.station).id)
            return rows, "\n".join(
                f"{r['id']}\t{r['order_no']}\t{r['pickup_code']}\t{r['cloud_state']}\t{r['fulfilment']}"
                for r in rows
            )
        if cmd == "order-qr":
            found: list[dict[str, Any]] = []
            for order_id in args.order_ids:
                order = s.get(GroupOrder, order_id)
                if order is None or order.qr_text is None:
                    raise PlatformError(f"no order {order_id}")
                found.append({"order_id": order.id, "station_id": order.station_id, "qr_text": order.qr_text})
            text = "\n".join(
                f"{q['order_id']}\t{q['qr_text']}" + ("\n" + _ascii_qr(str(q["qr_text"])) if args.ascii else "")
                for q in found
            )
            return found, text
        if cmd in ("cancel", "refund"):
            change = cancel_order if cmd == "cancel" else refund_order
            order = change(s, args.order_id, args.reason)
            return {"order_id": order.id, "cloud_state": order.cloud_state}, (
                f"order {order.id} {order.cloud_state}"
            )
        if cmd == "new-epoch":
            epoch = bump_epoch(s)
            return {"epoch": epoch}, f"server epoch is now {epoch}: stations will re-pull"
        if cmd in ("claims", "conflicts"):
            station_id = station_by_code(s, args.station).id if args.station else None
            rows = (list_claims if cmd == "claims" else list_conflicts)(s, station_id)
            return rows, "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
        if cmd == "report":
            totals = station_totals(s, station_by_code(s, args.station).id, args.day)
            return totals, json.dumps(totals, ensure_ascii=False, indent=2)
    raise PlatformError(f"unknown command {cmd}")


def yuan_to_fen(text: str) -> int:
    """'19.9' -> 1990, exactly (Decimal, never float)."""
    try:
        value = Decimal(text.strip()) * 100
    except InvalidOperation:
        raise PlatformError(f"not a price: {text!r}") from None
    if not value.is_finite() or value != value.to_integral_value() or value < 0:
        raise PlatformError(f"a price has at most 2 decimals and is not negative: {text!r}")
    return int(value)


def _parse_item(text: str) -> ItemSpec:
    fields: dict[str, str] = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        if not sep:
            raise PlatformError(f"item field {part!r} is not key=value")
        fields[key.strip()] = value.strip()
    if "name" not in fields or "price" not in fields:
        raise PlatformError("an item needs at least name= and price=")
    try:
        case_pack = int(fields["case_pack"]) if fields.get("case_pack") else None
    except ValueError:
        raise PlatformError(f"case_pack is a whole number: {fields['case_pack']!r}") from None
    return ItemSpec(
        name=fields["name"],
        price_fen=yuan_to_fen(fields["price"]),
        storage=fields.get("storage", "ambient"),
        spec=fields.get("spec", ""),
        case_pack=case_pack,
        barcode=fields.get("barcode") or None,
    )


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        raise PlatformError("give the deadline with its zone, e.g. 2026-11-26T20:00+08:00")
    return value


def _ascii_qr(text: str) -> str:
    try:
        import io

        import qrcode  # the app's dependency; optional for the cloud
    except ImportError:
        return "(install qrcode to draw the QR here)"
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    qr.add_data(text.upper(), optimize=0)
    buf = io.StringIO()
    qr.print_ascii(out=buf, invert=True)
    return buf.getvalue()
