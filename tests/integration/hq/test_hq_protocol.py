"""The HTTP edge: protocol versions, garbage input on every endpoint, an unavailable database.

Bad input is always a 4xx with a reason, never a 5xx; a 503 means only that
the database cannot be reached right now.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from sync.hq import schema
from sync.hq.app import create_app
from sync.hq.service import Headquarters
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION


@pytest.mark.parametrize(
    ("version", "words"),
    [
        (None, "does not say which sync protocol"),
        ("0", "no longer accepts"),
        ("abc", "does not say which sync protocol"),
        ("2", "Update needed at HQ"),
    ],
)
def test_another_protocol_version_gets_426_and_update_needed(
    hq: Headquarters, device: Any, version: str | None, words: str
) -> None:
    headers = {**device.auth} | ({PROTOCOL_HEADER: version} if version is not None else {})
    with TestClient(create_app(hq)) as bare:
        for answer in (
            bare.get("/api/v1/pull", headers=headers),
            bare.post("/api/v1/push", content=b"garbage", headers=headers),
            bare.post("/api/v1/enroll", json={}, headers=headers),
        ):
            assert answer.status_code == 426, answer.text
            body = answer.json()
            assert body["code"] == "protocol_mismatch"
            assert "Update needed" in body["detail"] and words in body["detail"]
            assert answer.headers[PROTOCOL_HEADER] == "1"


def test_health_and_the_verify_page_need_no_protocol_header(hq: Headquarters) -> None:
    with TestClient(create_app(hq)) as bare:
        health = bare.get("/api/v1/health")
        assert health.status_code == 200
        assert health.json()["status"] == "ok"
        assert health.json()["protocol_version"] == 1
        assert health.headers[PROTOCOL_HEADER] == "1"
        assert bare.get("/verify/X?hash=" + "a" * 64).status_code == 200


def test_openapi_is_served_and_every_reference_resolves(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    paths = document["paths"]
    for path in (
        "/api/v1/enroll",
        "/api/v1/push",
        "/api/v1/pull",
        "/api/v1/attachments/{sha256}",
        "/api/v1/attachments",
        "/api/v1/health",
        "/verify/{receipt_number}",
    ):
        assert path in paths
    schemas = document["components"]["schemas"]
    for name in ("PushRequest", "EnrollRequest", "WireEvent", "PushResponse", "ErrorBody"):
        assert name in schemas

    def refs(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from refs(item)

    for ref in refs(document):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in schemas, ref
    assert client.get("/docs").status_code == 200


GARBAGE_BODIES = [
    b"",
    b"\x00\xff\xfe garbage",
    b"null",
    b"[]",
    b"{}",
    b"1e999999",
    b'{"events": "x"}',
    b'{"events": [null]}',
    b'{"events": [{"id": 1}]}',
    b'{"code": null, "device_id": []}',
    b"[" * 5000,
    b'{"events": [{"payload": ' + b'{"a":' * 3000 + b"1" + b"}" * 3000 + b"}]}",
    b'{"code": "\\ud800"}',
]
GARBAGE_PATHS = ["x", "0" * 200, "%00", "..%2F..", "é", "A" * 64]
GARBAGE_QUERIES = [
    {},
    {"after": "-5", "limit": "zz"},
    {"after": "99999999999999999999999"},
    {"hash": "\u00e9" * 64, "h": "0" * 64, "record": "x" * 500},
]


def _calls(app: Any) -> Iterator[tuple[str, str]]:
    for route in app.routes:
        if not isinstance(route, APIRoute):
            continue
        for method in sorted(route.methods):
            path = route.path_format
            if "{" not in path:
                yield method, path
            else:
                for value in GARBAGE_PATHS:
                    yield method, path.split("{", 1)[0] + value


def test_garbage_on_every_endpoint_is_answered_4xx_never_5xx(
    hq: Headquarters, client: TestClient, device: Any
) -> None:
    app = client.app
    calls = list(_calls(app))
    assert len({m for m, _ in calls}) >= 4  # GET, POST, PUT, HEAD at least
    answered = 0
    for method, path in calls:
        for auth in ({}, device.auth, {"Authorization": "Bearer garbage"}):
            sends: list[dict[str, Any]]
            if method in ("POST", "PUT"):
                sends = [
                    {"content": body, "headers": {**auth, **extra}}
                    for body in GARBAGE_BODIES
                    for extra in ({}, {"Content-Encoding": "gzip"}, {"Content-Type": "text/plain"})
                ]
            else:
                sends = [{"params": query, "headers": auth} for query in GARBAGE_QUERIES]
            for send in sends:
                answer = client.request(method, path, **send)
                answered += 1
                what = (method, path, send)
                assert answer.status_code < 500, (*what, answer.text)
                if method in ("POST", "PUT"):
                    assert 400 <= answer.status_code < 500, what
                if answer.status_code >= 400 and method != "HEAD":
                    if answer.headers["content-type"].startswith("text/html"):
                        assert "Cannot check" in answer.text, what
                    else:
                        assert answer.json()["detail"], what
    assert answered > 1000


def test_a_locked_database_is_503_and_a_defect_is_not(
    hq_db: Path, clock: Any, monkeypatch: pytest.MonkeyPatch, hq_helpers: Any, tmp_store: Any
) -> None:
    monkeypatch.setattr("sync.hq.db._SQLITE_BUSY_TIMEOUT", 0.2)
    with (
        Headquarters.open(str(hq_db), clock=clock) as hq,
        TestClient(create_app(hq), headers={PROTOCOL_HEADER: "1"}) as client,
    ):
        device = hq_helpers.enroll(client, hq, tmp_store)
        blocker = sqlite3.connect(hq_db, isolation_level=None)
        try:
            blocker.execute("BEGIN EXCLUSIVE")
            answer = client.post("/api/v1/push", json={"events": []}, headers=device.auth)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert answer.status_code == 503, answer.text
        assert answer.json()["code"] == "unavailable"
        assert "nothing from this request was saved" in answer.json()["detail"]
        assert answer.headers["Retry-After"] == "30"
        assert (
            client.post("/api/v1/push", json={"events": []}, headers=device.auth).status_code == 200
        )

        def broken(*_args: Any) -> Any:
            raise OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: x"))

        monkeypatch.setattr(hq, "health", broken)
        with pytest.raises(OperationalError):
            client.get("/api/v1/health")


def test_a_body_cut_by_the_device_is_a_4xx_and_nothing_is_saved(
    hq: Headquarters, device: Any
) -> None:
    """A link cut mid-body (Starlette's ClientDisconnect) is answered 400, not a 500 defect."""
    app = create_app(hq)
    chunks = iter(
        [
            {"type": "http.request", "body": b'{"events":[', "more_body": True},
            {"type": "http.disconnect"},
        ]
    )
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return next(chunks)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/v1/push",
        "raw_path": b"/api/v1/push",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (PROTOCOL_HEADER.lower().encode(), str(PROTOCOL_VERSION).encode()),
            (b"content-type", b"application/json"),
            *[(k.lower().encode(), v.encode()) for k, v in device.auth.items()],
        ],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 80),
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    assert start["status"] == 400
    with hq.storage.read() as conn:
        held = conn.execute(select(func.count()).select_from(schema.events)).scalar()
    assert held == 0
