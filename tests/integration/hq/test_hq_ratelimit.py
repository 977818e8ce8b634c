"""Rate limits on enrollment and receipt checks: 429 with a reason and Retry-After, per address.

The limiter's clock is a hand-moved number of seconds, so "after a while" is
exact and instant. Limits do not depend on the database, so HQ here is on
SQLite only; one test runs ``fieldapp-hq serve`` to show the options reach it.
"""

from __future__ import annotations

import hashlib
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from fastapi.testclient import TestClient

from fieldapp.crypto import SigningKey
from fieldapp.ids import uuid7
from fieldapp.store.identity import device_code_for
from sync.hq.app import create_app
from sync.hq.cli import build_parser
from sync.hq.ratelimit import DEFAULT_LIMITS, Rate, RateLimits, TokenBuckets
from sync.hq.service import Headquarters
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.support.hqserver import script
from tests.support.postgres import free_port

RECEIPT = "/verify/SYS-ABCDE-000001"
DIGEST = hashlib.sha256(b"a receipt").hexdigest()


class Seconds:
    """The limiter's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def hq_url(hq_db: Path) -> str:
    """HQ on a SQLite file only (overrides the SQLite + PostgreSQL parameters)."""
    return str(hq_db)


@pytest.fixture
def seconds() -> Seconds:
    """The limiter's clock."""
    return Seconds()


@pytest.fixture
def limited(
    hq: Headquarters, seconds: Seconds
) -> Iterator[Callable[..., Callable[[str], TestClient]]]:
    """``limited(limits)(address)``: a client of one app with those limits, from ``address``."""
    stack: list[TestClient] = []

    def app_with(limits: RateLimits) -> Callable[[str], TestClient]:
        app = create_app(hq, limits=limits, limit_clock=seconds)

        def from_address(address: str) -> TestClient:
            client = TestClient(
                app,
                headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
                client=(address, 40000),
            )
            stack.append(client)
            return client

        return from_address

    yield app_with
    for client in stack:
        client.close()


def _device(code: str) -> dict[str, Any]:
    """An enrollment body for a new device identity."""
    device_id = uuid7()
    return {
        "code": code,
        "device_id": device_id,
        "public_key": SigningKey.generate().public_hex(),
        "device_code": device_code_for(device_id),
    }


def _wrong_code() -> dict[str, Any]:
    return _device("0000-0000-0000-0000")


def _assert_limited(answer: Any, retry_after: int, *words: str) -> None:
    assert answer.status_code == 429, answer.text
    assert answer.headers["Retry-After"] == str(retry_after)
    body = answer.json()
    assert body["code"] == "rate_limited"
    for word in words:
        assert word in body["detail"], body["detail"]


def test_rates_are_read_as_written() -> None:
    assert Rate.parse("60/minute") == Rate(60, 60.0)
    assert Rate.parse(" 10 / hours ") == Rate(10, 3600.0)
    assert Rate.parse("5/s") == Rate(5, 1.0)
    assert Rate.parse("2/min") == Rate(2, 60.0)
    assert Rate.parse("OFF") is None
    assert str(Rate(60, 60.0)) == "60/minute"
    for bad in ("0/minute", "ten/minute", "5/fortnight", "5", "-1/s", ""):
        with pytest.raises(ValueError, match="is not a rate"):
            Rate.parse(bad)


def test_a_bucket_empties_refills_with_time_and_forgets_the_oldest_addresses() -> None:
    clock = Seconds()
    buckets = TokenBuckets(Rate(2, 60.0), clock, max_keys=2)
    assert [buckets.take("a"), buckets.take("a")] == [0.0, 0.0]
    assert buckets.take("a") == pytest.approx(30.0)
    assert buckets.wait("a") == pytest.approx(30.0)
    clock.now += 29.0
    assert buckets.take("a") == pytest.approx(1.0)
    clock.now += 1.0
    assert buckets.take("a") == 0.0
    assert buckets.take("b") == 0.0
    buckets.take("c")  # over max_keys: "a", least recently used, is forgotten
    assert buckets.wait("a") == 0.0


def test_enrollment_over_the_limit_is_answered_429_until_time_passes(
    limited: Callable[..., Callable[[str], TestClient]], hq: Headquarters, seconds: Seconds
) -> None:
    clients = limited(RateLimits(enroll=Rate(3, 60.0), enroll_failures=None, verify=None))
    here, elsewhere = clients("203.0.113.7"), clients("198.51.100.2")
    for _ in range(3):
        assert here.post("/api/v1/enroll", json=_wrong_code()).status_code == 403
    answer = here.post("/api/v1/enroll", json=_device(hq.make_enroll_code("lane 1").code))
    _assert_limited(answer, 20, "Too many enrollment requests", "try again in 20 seconds")
    # Another address has its own bucket.
    assert elsewhere.post(
        "/api/v1/enroll", json=_device(hq.make_enroll_code("lane 2").code)
    ).is_success
    seconds.now += 19
    assert here.post("/api/v1/enroll", json=_wrong_code()).status_code == 429
    seconds.now += 1
    answer = here.post("/api/v1/enroll", json=_device(hq.make_enroll_code("lane 3").code))
    assert answer.status_code == 200, answer.text


def test_wrong_codes_use_up_a_stricter_bucket_that_blocks_even_a_right_code(
    limited: Callable[..., Callable[[str], TestClient]], hq: Headquarters, seconds: Seconds
) -> None:
    clients = limited(RateLimits(enroll=Rate(100, 60.0), enroll_failures=Rate(3, 3600.0)))
    guesser, site = clients("203.0.113.66"), clients("198.51.100.9")
    # Successful enrollments are not failures.
    for number in range(5):
        code = hq.make_enroll_code(f"site {number}").code
        assert guesser.post("/api/v1/enroll", json=_device(code)).status_code == 200
    for _ in range(3):
        answer = guesser.post("/api/v1/enroll", json=_wrong_code())
        assert answer.json()["code"] == "enroll_code_unknown"
    right = _device(hq.make_enroll_code("lane 4").code)
    _assert_limited(
        guesser.post("/api/v1/enroll", json=right),
        1200,
        "code HQ does not accept",
        "try again in 20 minutes",
    )
    assert site.post("/api/v1/enroll", json=_wrong_code()).status_code == 403
    assert site.post("/api/v1/enroll", json=_device(hq.make_enroll_code("x").code)).is_success
    seconds.now += 1200
    assert guesser.post("/api/v1/enroll", json=right).status_code == 200
    # One token back is one more guess, no more.
    assert guesser.post("/api/v1/enroll", json=_wrong_code()).status_code == 403
    assert guesser.post("/api/v1/enroll", json=_wrong_code()).status_code == 429


def test_receipt_checks_over_the_limit_get_429_as_json_or_as_a_page(
    limited: Callable[..., Callable[[str], TestClient]], seconds: Seconds
) -> None:
    clients = limited(RateLimits(enroll=None, enroll_failures=None, verify=Rate(2, 60.0)))
    phone, other = clients("192.0.2.10"), clients("192.0.2.11")
    as_json = {"Accept": "application/json"}
    for _ in range(2):
        answer = phone.get(RECEIPT, params={"hash": DIGEST}, headers=as_json)
        assert answer.status_code == 200 and answer.json()["status"] == "unknown", answer.text
    _assert_limited(
        phone.get(RECEIPT, params={"hash": DIGEST}, headers=as_json),
        30,
        "Too many receipt checks",
    )
    page = phone.get(RECEIPT, params={"h": DIGEST}, headers={"Accept": "text/html"})
    assert page.status_code == 429 and page.headers["Retry-After"] == "30"
    assert page.headers["content-type"].startswith("text/html")
    assert "Too many receipt checks" in page.text
    assert other.get(RECEIPT, params={"hash": DIGEST}, headers=as_json).status_code == 200
    seconds.now += 30
    assert phone.get(RECEIPT, params={"hash": DIGEST}, headers=as_json).status_code == 200


def test_off_turns_limits_off_and_429_is_documented(
    limited: Callable[..., Callable[[str], TestClient]],
) -> None:
    client = limited(RateLimits(enroll=None, enroll_failures=None, verify=None))("192.0.2.1")
    for _ in range(200):
        assert client.get(RECEIPT, params={"hash": DIGEST}).status_code == 200
    for _ in range(30):
        assert client.post("/api/v1/enroll", json=_wrong_code()).status_code == 403
    paths = client.get("/openapi.json").json()["paths"]
    assert "429" in paths["/api/v1/enroll"]["post"]["responses"]
    assert "429" in paths["/verify/{receipt_number}"]["get"]["responses"]


def test_the_defaults_let_a_fleet_of_fifty_enroll_from_one_address_in_a_burst(
    limited: Callable[..., Callable[[str], TestClient]], hq: Headquarters
) -> None:
    """As the fleet test does (50 devices from 127.0.0.1, split over two processes; here all
    at one), with a few typing mistakes among them."""
    client = limited(DEFAULT_LIMITS)("127.0.0.1")
    for _ in range(5):
        assert client.post("/api/v1/enroll", json=_wrong_code()).status_code == 403
    for number in range(50):
        code = hq.make_enroll_code(f"fleet {number:03d}").code
        answer = client.post("/api/v1/enroll", json=_device(code))
        assert answer.status_code == 200, answer.text
    for _ in range(100):
        assert client.get(RECEIPT, params={"hash": DIGEST}).status_code == 200


def test_serve_takes_rate_options() -> None:
    args = build_parser().parse_args(["serve", "--enroll-rate", "5/h", "--verify-rate", "off"])
    assert (args.enroll_rate, args.enroll_failure_rate, args.verify_rate) == (
        Rate(5, 3600.0),
        DEFAULT_LIMITS.enroll_failures,
        None,
    )
    with pytest.raises(SystemExit) as refused:
        build_parser().parse_args(["serve", "--verify-rate", "5/fortnight"])
    assert refused.value.code == 2


def test_fieldapp_hq_serve_applies_its_verify_rate(tmp_path: Path) -> None:
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [
            str(script("fieldapp-hq")),
            *("serve", "--db", str(tmp_path / "hq.db"), "--port", str(port)),
            *("--log-level", "warning", "--verify-rate", "2/minute"),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if httpx2.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx2.TransportError:
                pass
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.05)
        answers = [
            httpx2.get(f"{url}{RECEIPT}", params={"hash": DIGEST}, timeout=10) for _ in range(3)
        ]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert int(answers[2].headers["Retry-After"]) > 0
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
