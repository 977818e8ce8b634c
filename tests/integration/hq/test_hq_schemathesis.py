"""Schemathesis against HQ's OpenAPI document, in-process: no 5xx, and HQ works afterwards.

Schemathesis loads the document HQ serves (``/openapi.json``) from the app
itself (its ASGI loader) and generates requests for every operation in it,
both schema-valid ones (positive) and schema-violating ones (negative). Each
request carries the enrolled device's bearer token and the protocol header
(``X-Fieldapp-Protocol``), so the generated data reaches past ProtocolGate and
the token check. A positive enrollment gets a fresh one-time code and the
device code that matches its device id, so enrollments succeed too.

Checked on every answer: not a server error; and, since the document is what
devices and integrators read, the status code, content type and JSON body are
the ones the document gives for that operation. Bounded and derandomized, so
it runs the same requests in a few seconds per database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from fieldapp.store.identity import device_code_for
from sync.hq.app import create_app
from sync.hq.ratelimit import UNLIMITED
from sync.hq.service import Headquarters
from sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION

EXAMPLES = 25  # per operation and mode
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ST_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)


def _with_fresh_code(case: Case, hq: Headquarters) -> None:
    """A positive enrollment body made to work: a new valid code, the matching device code."""
    body = case.body
    if isinstance(body, dict) and isinstance(body.get("device_id"), str):
        body["code"] = hq.make_enroll_code("schemathesis").code
        body["device_code"] = device_code_for(body["device_id"])


def test_schemathesis_finds_no_server_error_and_the_document_holds(
    hq: Headquarters, device: Any, make_finalized: Callable[..., Any]
) -> None:
    app = create_app(hq, limits=UNLIMITED)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {op.label for op in operations}
    for needed in (
        f"POST {API_PREFIX}/enroll",
        f"POST {API_PREFIX}/push",
        f"GET {API_PREFIX}/pull",
        f"PUT {API_PREFIX}/attachments/{{sha256}}",
        f"PATCH {API_PREFIX}/attachments/{{sha256}}",
        f"GET {API_PREFIX}/revocation",
        f"POST {API_PREFIX}/revocation/wipe-report",
        "GET /verify/{receipt_number}",
    ):
        assert needed in labels, labels
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), **device.auth}
    sent = 0
    succeeded: set[str] = set()  # operations that answered 2xx at least once

    def fuzz(operation: APIOperation, mode: GenerationMode) -> None:
        @ST_SETTINGS
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case: Case) -> None:
            nonlocal sent
            if mode is GenerationMode.POSITIVE and operation.label == f"POST {API_PREFIX}/enroll":
                _with_fresh_code(case, hq)
            response = case.call(headers=headers)
            sent += 1
            if response.status_code < 300:
                succeeded.add(operation.label)
            case.validate_response(response, checks=CHECKS, headers=headers)

        run()

    for operation in operations:
        fuzz(operation, GenerationMode.POSITIVE)
        try:
            fuzz(operation, GenerationMode.NEGATIVE)
        except Unsatisfiable:
            # Nothing of it can be made invalid (the health check takes no parameters).
            assert not list(operation.iter_parameters()), operation.label
            assert not operation.get_request_payload_content_types(), operation.label
    assert sent >= len(operations) * EXAMPLES
    # The token and protocol header got the generated requests past the gate and the token
    # check: the authenticated operations answered 2xx (enrollment with its fresh codes).
    for label in ("POST enroll", "POST push", "GET pull", "GET attachments/{sha256}/upload"):
        method, path = label.split(" ")
        assert f"{method} {API_PREFIX}/{path}" in succeeded, sorted(succeeded)

    # HQ still answers, and the enrolled device's real push is taken whole.
    with TestClient(app) as client:
        health = client.get("/api/v1/health")
        assert health.status_code == 200, health.text
        for _ in range(2):
            make_finalized()
        own = device.own_events()
        answer = client.post(
            f"{API_PREFIX}/push", json={"events": [e.to_dict() for e in own]}, headers=headers
        )
    assert answer.status_code == 200, answer.text
    pushed = answer.json()
    assert pushed["accepted"] == len(own) and pushed["quarantined"] == []
    assert pushed["acked_seq"] == own[-1].seq
