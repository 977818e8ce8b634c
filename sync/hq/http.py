"""The HTTP edge of HQ: the protocol-version gate, bounded body reading, error answers.

Every error answer is an :class:`~sync.protocol.ErrorBody`: a sentence a
person can read, a stable code a client can match, and for invalid input the
individual problems. Bad input is a 4xx; a 503 means only that the database
is unreachable or busy right now (nothing was saved, try again); anything else
is a defect and is left to crash loudly as a 500.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from sync.errors import BadRequest, HqRefusal, InvalidInput, TooLarge, UnsupportedEncoding
from sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION, ErrorBody

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

M = TypeVar("M", bound=BaseModel)

_MAX_DETAILS = 10
# SQLite says these when the file is locked, gone, full or unreadable; any other
# OperationalError text ("no such table", "syntax error") is a defect.
_SQLITE_UNAVAILABLE = (
    "database is locked",
    "unable to open database",
    "disk i/o error",
    "database or disk is full",
    "readonly database",
    "database is busy",
)


def error_response(
    status: int, detail: str, code: str, errors: Sequence[str] = (), **headers: str
) -> JSONResponse:
    """An error answer in HQ's one shape."""
    body = ErrorBody(detail=detail, code=code, errors=list(errors))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers or None)


def header_int(value: str | None) -> int | None:
    """A header's whole number: 1 to 18 ASCII digits (so ``int`` cannot fail), else None.

    ``str.isdigit`` alone also takes digits like "²", which ``int`` refuses, and a
    number thousands of digits long, which ``int`` refuses too (Python's limit).
    """
    text = "" if value is None else value.strip()
    if not (0 < len(text) <= 18 and text.isascii() and text.isdigit()):
        return None
    return int(text)


def _protocol_problem(value: str | None) -> str | None:
    update_app = "Update needed: install the current version of the field app on this device."
    version = header_int(value)
    if version is None:
        return (
            f"This program does not say which sync protocol it speaks ({PROTOCOL_HEADER} "
            f"header); HQ speaks version {PROTOCOL_VERSION}. {update_app}"
        )
    if version < PROTOCOL_VERSION:
        return (
            f"This program speaks sync protocol {version}, which HQ no longer accepts (HQ "
            f"speaks {PROTOCOL_VERSION}). {update_app}"
        )
    if version > PROTOCOL_VERSION:
        return (
            f"This program speaks sync protocol {version}, newer than HQ's ({PROTOCOL_VERSION}). "
            "Update needed at HQ: ask HQ to install the current fieldapp-hq."
        )
    return None


class ProtocolGate:
    """ASGI middleware: API requests must speak HQ's protocol version; 426 otherwise.

    It runs before routing and body parsing, so an old client gets the "update
    needed" sentence whatever else is wrong with its request. The health check
    is exempt, for monitoring tools. Every answer names HQ's version.
    """

    def __init__(self, app: ASGIApp, exempt: Sequence[str] = ()) -> None:
        self.app = app
        self.exempt = frozenset(exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        if path.startswith(API_PREFIX + "/") and path not in self.exempt:
            wanted = PROTOCOL_HEADER.lower().encode("latin-1")
            value = next(
                (v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == wanted),
                None,
            )
            problem = _protocol_problem(value)
            if problem is not None:
                response = error_response(
                    426,
                    problem,
                    "protocol_mismatch",
                    **{PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Upgrade": "fieldapp-sync/1"},
                )
                await response(scope, receive, send)
                return

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((PROTOCOL_HEADER.lower().encode(), str(PROTOCOL_VERSION).encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_version)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


async def read_body(request: Request, limit: int, *, allow_gzip: bool = True) -> bytes:
    """The request body, gunzipped if so marked, refusing more than ``limit`` bytes either way."""
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity") and not (allow_gzip and encoding == "gzip"):
        accepted = "gzip or none" if allow_gzip else "none"
        raise UnsupportedEncoding(
            f"HQ does not read bodies encoded as {encoding!r} here (Content-Encoding: {accepted})."
        )
    too_large = TooLarge(f"The request body is larger than HQ accepts ({_megabytes(limit)}).")
    declared = header_int(request.headers.get("content-length"))
    if declared is not None and declared > limit:
        raise too_large
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise too_large
        chunks.append(chunk)
    raw = b"".join(chunks)
    if encoding != "gzip":
        return raw
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        plain = inflater.decompress(raw, limit + 1)
    except zlib.error as exc:
        raise BadRequest(f"The request body is not valid gzip: {exc}.") from exc
    if len(plain) > limit or inflater.unconsumed_tail:
        raise TooLarge(
            f"The request body is larger than HQ accepts once decompressed ({_megabytes(limit)})."
        )
    if not inflater.eof:
        raise BadRequest("The gzip request body is cut short.")
    return plain


def _where(loc: Sequence[Any]) -> str:
    out = ""
    for part in loc:
        if part in ("body", "query", "path", "header"):
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def describe_errors(errors: Sequence[Any]) -> list[str]:
    """Pydantic / FastAPI validation errors as one line each, naming the field."""
    lines = []
    for error in errors:
        where = _where(error.get("loc", ()))
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        lines.append(f"{where}: {message}" if where else message)
    return lines


def invalid_sentence(lines: Sequence[str]) -> str:
    """One sentence summing up validation problems."""
    shown = "; ".join(lines[:3])
    more = f" (and {len(lines) - 3} more)" if len(lines) > 3 else ""
    return f"The request is not valid: {shown}{more}."


def parse_json(model: type[M], body: bytes) -> M:
    """``body`` validated as ``model``; 400 for something that is not JSON, 422 otherwise."""
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        if all(e.get("type") == "json_invalid" for e in errors):
            raise BadRequest(
                "The request body is not JSON.", details=tuple(describe_errors(errors))
            ) from exc
        lines = describe_errors(errors)
        raise InvalidInput(invalid_sentence(lines), details=tuple(lines[:_MAX_DETAILS])) from exc


class _NotPlain(Exception):
    """A JSON body holds a float, NaN or Infinity (internal to :func:`parse_plain_json`)."""


def _refuse_number(text: str) -> Any:
    raise _NotPlain(text)


def parse_plain_json(model: type[M], body: bytes) -> tuple[M, bool]:
    """``body`` validated as ``model``, and whether it held no float, NaN or Infinity.

    The usual body (UTF-8 JSON without such numbers) is parsed by the
    standard library, which refuses those numbers as it reads, so the caller
    knows every value is plain and can take the fast canonical writer
    (:func:`fieldapp.canonical.canonical_text_of_json`). Anything else goes
    through :func:`parse_json`, with its answers for bad input, unchanged.
    """
    try:
        data = json.loads(
            body.decode("utf-8"), parse_float=_refuse_number, parse_constant=_refuse_number
        )
        return model.model_validate(data), True
    except (ValueError, RecursionError, _NotPlain, ValidationError):
        # Not JSON, not UTF-8, too deep, a float, or invalid: the general path says
        # which, with the same sentences as every other endpoint.
        return parse_json(model, body), False


def _is_unavailable(exc: DBAPIError) -> bool:
    if exc.connection_invalidated:
        return True
    orig = exc.orig
    module = type(orig).__module__ if orig is not None else ""
    if module.startswith("sqlite3"):
        text = str(orig).lower()
        return type(orig).__name__ == "OperationalError" and any(
            marker in text for marker in _SQLITE_UNAVAILABLE
        )
    if module.startswith("psycopg"):
        # Connection failures, shutdowns, serialization failures and lock timeouts.
        return type(orig).__name__ in {
            "OperationalError",
            "InterfaceError",
            "SerializationFailure",
            "DeadlockDetected",
            "LockNotAvailable",
            "AdminShutdown",
            "CannotConnectNow",
            "QueryCanceled",
        }
    return False


_UNAVAILABLE = (
    "HQ's database is unavailable right now; nothing from this request was saved. "
    "Try again in a minute."
)


def install_error_handlers(app: FastAPI) -> None:
    """Answer every expected failure with an :class:`ErrorBody` and the right status."""

    @app.exception_handler(HqRefusal)
    async def _refused(_request: Request, exc: HqRefusal) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.code, exc.details)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        lines = describe_errors(exc.errors())
        return error_response(422, invalid_sentence(lines), "invalid", lines[:_MAX_DETAILS])

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            detail = f"There is nothing at {request.url.path} on HQ."
        elif exc.status_code == 405:
            detail = f"{request.method} is not allowed at {request.url.path}."
        else:
            detail = str(exc.detail)
        return error_response(
            exc.status_code, detail, f"http_{exc.status_code}", **(exc.headers or {})
        )

    @app.exception_handler(DBAPIError)
    async def _database(_request: Request, exc: DBAPIError) -> JSONResponse:
        if not _is_unavailable(exc):
            raise exc
        return error_response(503, _UNAVAILABLE, "unavailable", **{"Retry-After": "30"})

    @app.exception_handler(ClientDisconnect)
    async def _gone(request: Request, _exc: ClientDisconnect) -> JSONResponse:
        # The device went away mid-body (a cut link): nothing was read, so nothing was
        # saved. The answer reaches nobody; it is a 400 in HQ's log, not a 500.
        return error_response(
            400, "The connection closed before the request body arrived.", "client_disconnected"
        )

    @app.exception_handler(PoolTimeout)
    async def _pool(_request: Request, _exc: PoolTimeout) -> JSONResponse:
        return error_response(503, _UNAVAILABLE, "unavailable", **{"Retry-After": "30"})
