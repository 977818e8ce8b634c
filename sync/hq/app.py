"""HQ's web application: the device API under ``/api/v1`` and the receipt verification page.

Endpoints (request and answer schemas in :mod:`sync.protocol`; errors are
:class:`~sync.protocol.ErrorBody`; the OpenAPI document is at ``/openapi.json``,
browsable at ``/docs``):

- ``POST /api/v1/enroll``                 one-time code -> token, HQ key, reference data
- ``POST /api/v1/push``                   the device's events -> ``acked_seq``, quarantined
- ``GET  /api/v1/pull?after=&limit=``     HQ's events after a cursor
- ``PUT  /api/v1/attachments/{sha256}``   upload a small file whole (hash checked, idempotent)
- ``PATCH /api/v1/attachments/{sha256}``  add a chunk at ``Upload-Offset`` (resumable upload)
- ``GET  /api/v1/attachments/{sha256}/upload``  how many bytes of the file HQ holds
- ``HEAD /api/v1/attachments/{sha256}``   200 if HQ has it, 404 if not
- ``GET  /api/v1/attachments``            expected / present counts, missing hashes
- ``GET  /api/v1/health``                 database reachable, protocol version
- ``GET  /api/v1/revocation``             whether HQ revoked this device and asks a wipe
- ``POST /api/v1/revocation/wipe-report`` a revoked device's signed ``device_wiped`` event
- ``GET  /verify/{receipt_number}?hash=`` HTML page or JSON (by ``Accept``)

Enrollment and ``/verify`` answer without a token, so they are rate limited
per client address (:mod:`sync.hq.ratelimit`): 429 with ``Retry-After``.
The two revocation routes are the only ones a revoked device's token still
opens (:mod:`sync.hq.wipe`).
"""

# No ``from __future__ import annotations`` here: FastAPI reads the endpoints'
# annotations at run time, and they name dependencies local to create_app().
import hashlib
import re
import time
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic.json_schema import models_json_schema

from sync.errors import EnrollmentRefused, InvalidInput, NotFound, TooLarge, TooManyRequests
from sync.hq import receipts
from sync.hq.enrollment import Device
from sync.hq.http import (
    ProtocolGate,
    error_response,
    header_int,
    install_error_handlers,
    parse_json,
    parse_plain_json,
    read_body,
)
from sync.hq.ratelimit import (
    DEFAULT_LIMITS,
    Clock,
    Limiter,
    RateLimits,
    client_address,
    install_rate_limit_handler,
)
from sync.hq.service import Headquarters
from sync.hq.uploads import OffsetMismatch
from sync.protocol import (
    API_PREFIX,
    DEFAULT_PULL_LIMIT,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENT_CHUNK_BYTES,
    MAX_PULL_LIMIT,
    MAX_PUSH_BYTES,
    MAX_PUSH_EVENTS,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    AttachmentStatus,
    AttachmentStored,
    AttachmentUpload,
    CaAnswer,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    Health,
    PullResponse,
    PushRequest,
    PushResponse,
    ReceiptVerdict,
    Revocation,
    WipeReport,
    WipeReportReceived,
)
from sync.protocol import UPLOAD_LENGTH_HEADER as _LENGTH
from sync.protocol import UPLOAD_OFFSET_HEADER as _OFFSET

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_MAX_ENROLL_BYTES = 64 * 1024
# A wipe report lists the ids of the records removed and kept: room for some 50,000.
_MAX_WIPE_REPORT_BYTES = 4 * 2**20
# Documented, not enforced by FastAPI: /verify answers a person a page, not FastAPI's 422.
_HEX64_TEXT: dict[str, Any] = {"pattern": "^[0-9a-fA-F]{64}$"}
# Checked by _checked_sha256 (422 in HQ's words); the pattern is for the document.
_Sha256 = Annotated[
    str,
    Path(
        description="The file's SHA-256 (64 lowercase hex digits).",
        json_schema_extra={"pattern": _HEX64.pattern},
    ),
]


_PROTOCOL_PARAMETER = {
    "name": PROTOCOL_HEADER,
    "in": "header",
    "required": True,
    "description": f"The sync protocol version this program speaks ({PROTOCOL_VERSION}); "
    "another version, or none, is answered 426.",
    "schema": {"type": "integer", "enum": [PROTOCOL_VERSION]},
}


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody} for status in statuses}


def _json_body(name: str) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
        }
    }


def _checked_sha256(sha256: str) -> str:
    if not _HEX64.match(sha256):
        raise InvalidInput(f"{sha256[:80]!r} is not a SHA-256 hash (64 lowercase hex digits).")
    return sha256


def _binary_body(*types: str) -> dict[str, Any]:
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {"requestBody": {"required": True, "content": dict.fromkeys(types, binary)}}


def _too_large(size: int | None) -> TooLarge:
    what = "larger" if size is None else f"{size / 2**20:.1f} MB"
    return TooLarge(
        f"This file is {what}; HQ accepts attachments up to {MAX_ATTACHMENT_BYTES // 2**20} MB.",
        code="attachment_too_large",
    )


def _declared_length(request: Request) -> int | None:
    return header_int(request.headers.get("content-length"))


def create_app(
    hq: Headquarters,
    *,
    limits: RateLimits = DEFAULT_LIMITS,
    limit_clock: Clock = time.monotonic,
    ca_pem: str | None = None,
) -> FastAPI:
    """The web application over ``hq``.

    ``limits`` are the per-address rate limits of enrollment and receipt checks
    (:mod:`sync.hq.ratelimit`), timed by ``limit_clock``. ``ca_pem`` is the
    authority HQ's TLS certificate comes from, offered at ``/api/v1/ca`` to
    devices enrolling with its fingerprint (None: not offered).
    """
    app = FastAPI(
        title="Checkpoint field capture HQ",
        version="1",
        description="Sync API for field devices (send the header X-Fieldapp-Protocol: 1) "
        "and the public receipt verification page.",
    )
    install_error_handlers(app)
    install_rate_limit_handler(app)
    limiter = Limiter(limits, limit_clock)
    app.add_middleware(ProtocolGate, exempt=(f"{API_PREFIX}/health",))
    bearer = HTTPBearer(auto_error=False, description="The token from enrollment.")

    def current_device(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Device:
        header = None if credentials is None else f"Bearer {credentials.credentials}"
        return hq.authenticate(header)

    def any_device(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Device:
        header = None if credentials is None else f"Bearer {credentials.credentials}"
        return hq.authenticate(header, allow_revoked=True)

    async def enroll_body(request: Request) -> EnrollRequest:
        limiter.check_enroll(client_address(request))  # before reading anything
        return parse_json(EnrollRequest, await read_body(request, _MAX_ENROLL_BYTES))

    async def push_body(request: Request) -> tuple[PushRequest, bool]:
        batch, plain = parse_plain_json(PushRequest, await read_body(request, MAX_PUSH_BYTES))
        if len(batch.events) > MAX_PUSH_EVENTS:
            raise TooLarge(
                f"A push may carry at most {MAX_PUSH_EVENTS} events; this one has "
                f"{len(batch.events)}. Send them in smaller batches.",
                code="too_many_events",
            )
        return batch, plain

    @app.post(
        f"{API_PREFIX}/enroll",
        response_model=EnrollResponse,
        responses=_errors(400, 403, 409, 413, 422, 426, 429, 503),
        openapi_extra=_json_body("EnrollRequest"),
        summary="Exchange a one-time enrollment code for a device token",
    )
    def enroll(
        request: Request, body: Annotated[EnrollRequest, Depends(enroll_body)]
    ) -> EnrollResponse:
        try:
            return hq.enroll(body)
        except EnrollmentRefused:
            limiter.enroll_failed(client_address(request))
            raise

    @app.post(
        f"{API_PREFIX}/push",
        response_model=PushResponse,
        responses=_errors(400, 401, 403, 413, 415, 422, 426, 503),
        openapi_extra=_json_body("PushRequest"),
        summary="Send a batch of this device's events (gzip accepted)",
    )
    def push(
        device: Annotated[Device, Depends(current_device)],
        body: Annotated[tuple[PushRequest, bool], Depends(push_body)],
    ) -> PushResponse:
        batch, plain = body
        return hq.push(device, batch.events, plain_json=plain)

    @app.get(
        f"{API_PREFIX}/pull",
        response_model=PullResponse,
        responses=_errors(401, 403, 422, 426, 503),
        summary="HQ's own events after a cursor",
    )
    def pull(
        _device: Annotated[Device, Depends(current_device)],
        after: Annotated[int, Query(ge=0, le=2**62, description="The last cursor (0 first).")] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT,
    ) -> PullResponse:
        return hq.pull(after, limit)

    @app.put(
        f"{API_PREFIX}/attachments/{{sha256}}",
        response_model=AttachmentStored,
        status_code=201,
        responses={200: {"model": AttachmentStored}, **_errors(401, 403, 413, 415, 422, 426, 503)},
        openapi_extra=_binary_body("application/octet-stream"),
        summary="Upload a file under its SHA-256 (201 stored, 200 already held)",
    )
    async def put_attachment(
        sha256: _Sha256,
        request: Request,
        device: Annotated[Device, Depends(current_device)],
    ) -> Response:
        _checked_sha256(sha256)
        try:
            data = await read_body(request, MAX_ATTACHMENT_BYTES, allow_gzip=False)
        except TooLarge:
            raise _too_large(_declared_length(request)) from None
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha256:
            raise InvalidInput(
                f"The uploaded bytes hash to {actual}, not {sha256}: the file was damaged on "
                "the way or is another file. Nothing was stored; upload it again.",
                code="hash_mismatch",
            )
        answer = await run_in_threadpool(hq.store_attachment, device, sha256, data)
        return JSONResponse(answer.model_dump(), status_code=201 if answer.stored else 200)

    @app.patch(
        f"{API_PREFIX}/attachments/{{sha256}}",
        response_model=AttachmentUpload,
        responses={
            201: {"model": AttachmentUpload, "description": "This chunk completed the file."},
            **_errors(401, 403, 409, 413, 415, 422, 426, 503),
        },
        openapi_extra=_binary_body("application/offset+octet-stream", "application/octet-stream"),
        summary="Add a chunk to a resumable upload (409 names the right Upload-Offset)",
    )
    async def patch_attachment(
        sha256: _Sha256,
        request: Request,
        device: Annotated[Device, Depends(current_device)],
        offset: Annotated[
            int, Header(alias=_OFFSET, ge=0, le=2**62, description="Where this chunk starts.")
        ],
        size: Annotated[
            int, Header(alias=_LENGTH, ge=0, le=2**62, description="The whole file's size.")
        ],
    ) -> Response:
        _checked_sha256(sha256)
        if size > MAX_ATTACHMENT_BYTES:
            raise _too_large(size)
        if offset > size:
            raise InvalidInput(f"{_OFFSET} {offset} is past the file's end ({size} bytes).")
        data = await read_body(request, MAX_ATTACHMENT_CHUNK_BYTES, allow_gzip=False)
        if offset + len(data) > size:
            raise InvalidInput(
                f"This chunk of {len(data)} bytes at byte {offset} runs past the file's end "
                f"({_LENGTH} {size}).",
                code="chunk_past_end",
            )
        try:
            answer = await run_in_threadpool(
                hq.append_attachment_chunk, device, sha256, offset, size, data
            )
        except OffsetMismatch as exc:
            return error_response(409, exc.message, exc.code, **{_OFFSET: str(exc.offset)})
        return JSONResponse(
            answer.model_dump(),
            status_code=201 if answer.stored else 200,
            headers={_OFFSET: str(answer.offset)},
        )

    @app.get(
        f"{API_PREFIX}/attachments/{{sha256}}/upload",
        response_model=AttachmentUpload,
        responses=_errors(401, 403, 422, 426, 503),
        summary="How many bytes of a file HQ holds: resume a chunked upload from there",
    )
    def upload_state(
        sha256: _Sha256, device: Annotated[Device, Depends(current_device)]
    ) -> Response:
        answer = hq.upload_state(device, _checked_sha256(sha256))
        return JSONResponse(answer.model_dump(), headers={_OFFSET: str(answer.offset)})

    @app.head(
        f"{API_PREFIX}/attachments/{{sha256}}",
        responses={
            404: {"description": "HQ does not hold this file."},
            **_errors(401, 403, 422, 426, 503),
        },
        summary="Whether HQ holds a file (size in X-Attachment-Size)",
    )
    def head_attachment(
        sha256: _Sha256, _device: Annotated[Device, Depends(current_device)]
    ) -> Response:
        size = hq.attachment_size(_checked_sha256(sha256))
        if size is None:
            return Response(status_code=404)
        return Response(status_code=200, headers={"X-Attachment-Size": str(size)})

    @app.get(
        f"{API_PREFIX}/attachments",
        response_model=AttachmentStatus,
        responses=_errors(401, 403, 426, 503),
        summary="Attachments this device's events name: expected, present, missing",
    )
    def attachment_status(device: Annotated[Device, Depends(current_device)]) -> AttachmentStatus:
        return hq.attachment_status(device)

    @app.get(
        f"{API_PREFIX}/revocation",
        response_model=Revocation,
        responses=_errors(401, 426, 503),
        summary="Whether HQ revoked this device and asks it to remove the records HQ holds "
        "(answered to a revoked device too)",
    )
    def revocation(device: Annotated[Device, Depends(any_device)]) -> Revocation:
        return hq.revocation(device)

    async def wipe_report_body(request: Request) -> WipeReport:
        return parse_json(WipeReport, await read_body(request, _MAX_WIPE_REPORT_BYTES))

    @app.post(
        f"{API_PREFIX}/revocation/wipe-report",
        response_model=WipeReportReceived,
        status_code=201,
        responses={
            200: {"model": WipeReportReceived, "description": "HQ already held this report."},
            **_errors(400, 401, 403, 409, 413, 415, 422, 426, 503),
        },
        openapi_extra=_json_body("WipeReport"),
        summary="A revoked device reports its signed device_wiped event (201 stored, 200 "
        "already held)",
    )
    def wipe_report(
        device: Annotated[Device, Depends(any_device)],
        body: Annotated[WipeReport, Depends(wipe_report_body)],
    ) -> Response:
        answer = hq.receive_wipe_report(device, body.event)
        return JSONResponse(answer.model_dump(), status_code=200 if answer.duplicate else 201)

    @app.get(
        f"{API_PREFIX}/ca",
        response_model=CaAnswer,
        responses=_errors(404, 426),
        summary="HQ's certificate authority (PEM), for a device that holds its fingerprint",
    )
    def certificate_authority() -> CaAnswer:
        if ca_pem is None:
            raise NotFound(
                "This HQ does not offer its certificate authority (it was started without "
                "--tls-ca); give devices its ca.crt file instead.",
                code="no_ca",
            )
        return CaAnswer(ca_pem=ca_pem)

    @app.get(
        f"{API_PREFIX}/health",
        response_model=Health,
        responses=_errors(503),
        summary="HQ and its database answer",
    )
    def health() -> Health:
        return hq.health()

    @app.get(
        "/verify/{receipt_number}",
        response_model=ReceiptVerdict,
        responses={
            200: {"content": {"text/html": {}}},
            **_errors(503),
            # A person (a browser) gets a page; a program asking for JSON gets an ErrorBody.
            **{status: {"model": ErrorBody, "content": {"text/html": {}}} for status in (422, 429)},
        },
        summary="Check a receipt's number and hash (HTML, or JSON with Accept: application/json)",
    )
    def verify(
        receipt_number: str,
        request: Request,
        full: Annotated[
            str | None,
            Query(
                alias="hash",
                description="The record hash (or PDF SHA-256) on the receipt.",
                json_schema_extra=_HEX64_TEXT,
            ),
        ] = None,
        short: Annotated[
            str | None,
            Query(
                alias="h",
                description="The same, as receipts' QR codes send it.",
                json_schema_extra=_HEX64_TEXT,
            ),
        ] = None,
        record: Annotated[str | None, Query(description="The record id, if known.")] = None,
    ) -> Response:
        wants_json = "application/json" in request.headers.get("accept", "") and (
            "text/html" not in request.headers.get("accept", "")
        )
        try:
            limiter.check_verify(client_address(request))
        except TooManyRequests as exc:
            if wants_json:
                raise
            return HTMLResponse(
                receipts.error_page(exc.message),
                status_code=exc.status,
                headers={"Retry-After": str(exc.retry_after)},
            )
        digest = (full or short or "").strip().lower()
        problem = None
        if not digest:
            problem = "Give the hash printed on the receipt (?hash=...)."
        elif not _HEX64.match(digest):
            problem = "The hash must be the 64 hex digits printed on the receipt."
        elif not (0 < len(receipt_number) <= 128 and receipt_number.isprintable()):
            problem = "That is not a receipt number."
        elif record is not None and not (0 < len(record) <= 128 and record.isprintable()):
            problem = "That is not a record id."
        if problem is not None:
            if wants_json:
                return error_response(422, problem, "invalid")
            return HTMLResponse(receipts.error_page(problem), status_code=422)
        verdict = hq.verify_receipt(receipt_number, digest, record)
        if wants_json:
            return JSONResponse(verdict.model_dump())
        return HTMLResponse(receipts.page(verdict, digest))

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            # Bodies read by hand (gzip, size limits) still get their schemas documented.
            _, extra = models_json_schema(
                [
                    (PushRequest, "validation"),
                    (EnrollRequest, "validation"),
                    (WipeReport, "validation"),
                ],
                ref_template="#/components/schemas/{model}",
            )
            known = schema.setdefault("components", {}).setdefault("schemas", {})
            for name, definition in extra.get("$defs", {}).items():
                known.setdefault(name, definition)
            # ProtocolGate answers 426 to an API request without the protocol header.
            for path, operations in schema.get("paths", {}).items():
                if path.startswith(f"{API_PREFIX}/") and path != f"{API_PREFIX}/health":
                    for operation in operations.values():
                        operation.setdefault("parameters", []).insert(0, dict(_PROTOCOL_PARAMETER))
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
