"""`python -m cloud serve|admin|openapi` — run the reference cloud API and operate it.

    python -m cloud serve --db sqlite:///cloud.db --port 8765 [--host 127.0.0.1]
    python -m cloud admin --db sqlite:///cloud.db station-create --code ST1001 --name 幸福里店
    python -m cloud openapi > docs/openapi.json

--db defaults to $CORNER_CLOUD_DB, else sqlite:///corner-cloud.db in the current folder.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from cloud.db import DEFAULT_DB_URL


def main(argv: list[str] | None = None) -> int:
    from cloud import admin

    parser = argparse.ArgumentParser(prog="python -m cloud", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", default=os.environ.get("CORNER_CLOUD_DB", DEFAULT_DB_URL), help="database URL"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--db", dest="serve_db", help="database URL (same as the global --db)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--log-level", default="warning")
    sub.add_parser("openapi", help="print the OpenAPI document")
    admin.add_parser(sub)
    # `admin --db URL cmd` reads naturally too: accept --db after the subcommand name.
    for name in ("admin",):
        sub.choices[name].add_argument("--db", dest="sub_db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    db_url = getattr(args, "serve_db", None) or getattr(args, "sub_db", None) or args.db
    args.db = db_url

    if args.command == "serve":
        return _serve(db_url, args.host, args.port, args.log_level)
    if args.command == "openapi":
        from cloud.app import create_app

        app = create_app("sqlite:///:memory:", migrate=False)
        print(json.dumps(app.openapi(), ensure_ascii=False, indent=2, sort_keys=True))
        return 0
    return admin.run(args)


def _serve(db_url: str, host: str, port: int, log_level: str) -> int:
    import uvicorn

    from cloud.app import create_app

    if host not in ("127.0.0.1", "localhost", "::1"):
        print(
            "note: plain http beyond this machine; put TLS in front of it (a station refuses "
            "plain http to anything but 127.0.0.1)",
            file=sys.stderr,
        )
    app = create_app(db_url)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
