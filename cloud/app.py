"""The HTTP face of the cloud: four endpoints under /v1, every body checked by the shared
pydantic models in sync/protocol/messages.py.

    GET  /v1/health   no auth, no version header
    POST /v1/enrol    one-time code -> station, device id, bearer token, platform keys
    POST /v1/push     a device's outbox events -> one answer per event
    GET  /v1/pull     changes after a cursor -> a page, a new cursor

Every /v1 call but health carries X-Protocol-Version (400 without it, 409 for a version
the server does not take). Errors are always an ErrorResponse body.
"""
from __future__ import annotations

import json
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cloud.auth import Caller, EnrolRefused, authenticate, enrol
from cloud.db import Database, upgrade, utcnow
from cloud.pull import pull
from cloud.push import process_push
from sync.protocol import messages as m

API_TITLE = "Corner Station cloud (邻里站 platform API)"
_M = TypeVar("_M", bound=BaseModel)


class ApiError(Exception):
    """An answer other than 2xx, with a stable error code and a message for the log."""

    def __init__(
        self,
        status: int,
        error: str,
        message: str,
        *,
        detail: Any = None,
        supported: bool = False,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = m.ErrorResponse(
            error=error,
            message=message,
            detail=detail,
            supported_versions=sorted(m.SUPPORTED_PROTOCOL_VERSIONS) if supported else None,
        )
        self.headers = headers


# --- dependencies ----------------------------------------------------------------------------


def protocol_version(
    x_protocol_version: Annotated[str | None, Header(alias=m.PROTOCOL_HEADER)] = None,
) -> int:
    if x_protocol_version is None:
        raise ApiError(
            400,
            m.ERROR_MISSING_VERSION,
            f"send the protocol version in the {m.PROTOCOL_HEADER} header",
            supported=True,
        )
    try:
        version = int(x_protocol_version.strip())
    except ValueError:
        raise ApiError(
            400, m.ERROR_MISSING_VERSION, f"{m.PROTOCOL_HEADER} must be an integer", supported=True
        ) from None
    if version not in m.SUPPORTED_PROTOCOL_VERSIONS:
        newer = version > m.PROTOCOL_VERSION
        raise ApiError(
            409,
            m.ERROR_UNSUPPORTED_VERSION,
            f"protocol version {version} is not supported by this server "
            f"(it takes {sorted(m.SUPPORTED_PROTOCOL_VERSIONS)}); "
            + ("the server must be upgraded first" if newer else "update the station's program"),
            supported=True,
        )
    return version


def _database(request: Request) -> Database:
    return request.app.state.db


def caller(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
) -> Caller:
    scheme, _, token = (authorization or "").partition(" ")
    found = None
    if scheme.lower() == "bearer" and token.strip():
        with _database(request).read() as session:
            found = authenticate(session, token.strip())
    if found is None:
        raise ApiError(
            401,
            m.ERROR_UNAUTHORIZED,
            "missing, unknown or revoked device token: enrol this device again",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return found


Version = Annotated[int, Depends(protocol_version)]
CallerDep = Annotated[Caller, Depends(caller)]


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(422, m.ERROR_INVALID, f"the body is not JSON: {exc}") from None


def _validate(model: type[_M], data: Any) -> _M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = json.loads(exc.json(include_url=False))
        raise ApiError(422, m.ERROR_INVALID, f"the body is not a valid {model.__name__}", detail=errors) from None


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": m.ErrorResponse} for code in (400, 401, 403, 409, 413, 422)
}


def _body_doc(model: type[BaseModel]) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": ref}}}}


# --- the app ---------------------------------------------------------------------------------


def create_app(db_url: str, *, migrate: bool = True) -> FastAPI:
    """The API over the database at `db_url` (migrated to the current schema first)."""
    if migrate:
        upgrade(db_url)
    app = FastAPI(title=API_TITLE, version=str(m.PROTOCOL_VERSION))
    app.state.db = Database(db_url)
    app.add_middleware(BodyLimit)
    app.add_middleware(VersionHeaders)
    _install_error_handlers(app)

    @app.get("/v1/health", response_model=m.HealthResponse, tags=["sync"])
    def health() -> m.HealthResponse:
        return m.HealthResponse(
            protocol_version=m.PROTOCOL_VERSION,
            supported_protocol_versions=sorted(m.SUPPORTED_PROTOCOL_VERSIONS),
            schema_version=max(m.SUPPORTED_SCHEMA_VERSIONS),
            server_time=utcnow(),
        )

    @app.post(
        "/v1/enrol",
        response_model=m.EnrolResponse,
        tags=["sync"],
        openapi_extra=_body_doc(m.EnrolRequest),
        responses=_ERRORS,
    )
    async def enrol_device(request: Request, version: Version) -> m.EnrolResponse:
        body = _validate(m.EnrolRequest, await _json_body(request))

        def work() -> m.EnrolResponse:
            with _database(request).write() as session:
                return enrol(session, body)

        try:
            return await run_in_threadpool(work)
        except EnrolRefused:
            raise ApiError(
                403, m.ERROR_BAD_ENROL_CODE, "the enrolment code is unknown, expired or already used"
            ) from None

    @app.post(
        "/v1/push",
        response_model=m.PushResponse,
        tags=["sync"],
        openapi_extra=_body_doc(m.PushRequest),
        responses=_ERRORS,
    )
    async def push(request: Request, version: Version, who: CallerDep) -> m.PushResponse:
        raw = m.upgrade_push_body(await _json_body(request), version)
        body = _validate(m.PushRequest, raw)
        _check_push(body, version, who)

        def work() -> m.PushResponse:
            with _database(request).write() as session:
                return process_push(session, who, body)

        return await run_in_threadpool(work)

    @app.get(
        "/v1/pull",
        response_model=m.PullResponse,
        tags=["sync"],
        responses=_ERRORS,
    )
    def pull_changes(
        request: Request,
        version: Version,
        who: CallerDep,
        cursor: Annotated[str | None, Query(max_length=m.MAX_CURSOR_LENGTH)] = None,
        limit: Annotated[int, Query(ge=1, le=m.MAX_PULL_LIMIT)] = m.DEFAULT_PULL_LIMIT,
    ) -> m.PullResponse:
        with _database(request).read() as session:
            return pull(session, who.station_id, cursor, limit)

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _check_push(body: m.PushRequest, version: int, who: Caller) -> None:
    if body.protocol_version != version:
        raise ApiError(
            400,
            m.ERROR_VERSION_MISMATCH,
            f"the body says protocol_version {body.protocol_version}, "
            f"the {m.PROTOCOL_HEADER} header says {version}",
            supported=True,
        )
    schemas = {body.schema_version} | {env.schema_version for env in body.events}
    unknown = sorted(schemas - m.SUPPORTED_SCHEMA_VERSIONS)
    if unknown:
        raise ApiError(
            409,
            m.ERROR_UNSUPPORTED_SCHEMA,
            f"event schema version(s) {unknown} are not supported "
            f"(this server takes {sorted(m.SUPPORTED_SCHEMA_VERSIONS)})",
        )
    if body.device_id != who.device_id:
        raise ApiError(
            403, m.ERROR_DEVICE_MISMATCH, "device_id is not the device this token was issued to"
        )


def _install_error_handlers(app: FastAPI) -> None:
    def error_response(exc: ApiError) -> JSONResponse:
        return JSONResponse(
            exc.body.model_dump(mode="json", exclude_none=True),
            status_code=exc.status,
            headers=exc.headers,
        )

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = json.loads(json.dumps(exc.errors(), default=str))
        return error_response(ApiError(422, m.ERROR_INVALID, "the request is not valid", detail=detail))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(ApiError(exc.status_code, code, str(exc.detail)))


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (m.EnrolRequest, m.PushRequest):
        model_schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, definition in model_schema.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components[model.__name__] = model_schema
    app.openapi_schema = schema
    return schema


class BodyLimit:
    """Refuse a request body over the limit (413) before anything parses it.

    The body is read here, at most limit + 1 bytes of it, and handed on from memory.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        limit = m.MAX_PUSH_BYTES if scope["path"] == "/v1/push" else m.MAX_REQUEST_BYTES
        declared = dict(scope["headers"]).get(b"content-length")
        too_big = declared is not None and declared.isdigit() and int(declared) > limit
        chunks: list[bytes] = []
        size = 0
        more = not too_big
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            chunks.append(chunk)
            more = message.get("more_body", False)
            if size > limit:
                too_big = True
                break
        if too_big:
            body = m.ErrorResponse(
                error=m.ERROR_TOO_LARGE,
                message=f"the request body is over {limit} bytes; send fewer events per push",
                detail={"limit_bytes": limit, "max_events": m.MAX_EVENTS_PER_PUSH},
            )
            response = JSONResponse(body.model_dump(mode="json", exclude_none=True), status_code=413)
            await response(scope, receive, send)
            return
        body_bytes = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body_bytes, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class VersionHeaders:
    """Every answer names the protocol and schema versions the server speaks."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_versions(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((m.PROTOCOL_HEADER.lower().encode(), str(m.PROTOCOL_VERSION).encode()))
                schema = str(max(m.SUPPORTED_SCHEMA_VERSIONS)).encode()
                headers.append((m.SCHEMA_HEADER.lower().encode(), schema))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_versions)
