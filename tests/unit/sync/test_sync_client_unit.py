"""The sync client's edges, against httpx2's MockTransport: addresses, waits, refusals, answers."""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from fieldapp.crypto import SigningKey
from fieldapp.services.actor import Actor
from fieldapp.services.facade import FieldServices
from fieldapp.store import syncstate, wipe
from fieldapp.store.store import Store
from fieldapp.store.syncstate import SyncState
from sync import errors, protocol
from sync.cli import COMMANDS
from sync.cli import build_parser as sync_parser
from sync.client import RetryPolicy, SyncClient, _retry_after, normalize_hq_url
from sync.report import PHASES, SyncReport

ROOT = Path(__file__).resolve().parents[3]
NOW = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
HQ_KEY = SigningKey.generate().public_hex()

Handler = Callable[[httpx2.Request], httpx2.Response]


@pytest.fixture
def waits() -> list[float]:
    """The waits asked for."""
    return []


@pytest.fixture
def client_for(tmp_store: Store, waits: list[float]) -> Iterator[Callable[[Handler], SyncClient]]:
    """An enrolled client whose every request is answered by a handler."""
    SyncState(tmp_store).save_enrollment(
        hq_url="https://hq.example.org",
        device_name="lane 4",
        token="t0ken",
        hq_public_key=HQ_KEY,
    )
    made: list[SyncClient] = []

    def make(handler: Handler) -> SyncClient:
        client = SyncClient(
            tmp_store,
            transport=httpx2.MockTransport(handler),
            clock=lambda: NOW,
            sleep=waits.append,
            rng=random.Random(1),
            retry=RetryPolicy(attempts=3, max_retry_after=20),
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


def _health(version: int = protocol.PROTOCOL_VERSION, key: str = HQ_KEY) -> httpx2.Response:
    return httpx2.Response(
        200,
        json={
            "status": "ok",
            "protocol_version": version,
            "server_time": NOW.isoformat(),
            "hq_public_key": key,
        },
    )


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("https://hq.example.org", "https://hq.example.org"),
        (" https://hq.example.org/ ", "https://hq.example.org"),
        ("https://hq.example.org/api/v1/", "https://hq.example.org"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("https://example.org/hq", "https://example.org/hq"),
    ],
)
def test_hq_addresses_are_kept_in_one_form(given: str, kept: str) -> None:
    assert normalize_hq_url(given) == kept


@pytest.mark.parametrize("given", ["hq.example.org", "ftp://hq.example.org", "https://", ""])
def test_what_is_not_a_web_address_is_refused_with_a_sentence(given: str) -> None:
    with pytest.raises(errors.SyncError, match="web address"):
        normalize_hq_url(given)


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert _retry_after("30", NOW) == 30.0
    assert _retry_after("Sat, 01 Mar 2025 12:00:45 GMT", NOW) == 45.0
    assert _retry_after("Sat, 01 Mar 2025 11:00:00 GMT", NOW) == 0.0
    assert _retry_after("soon", NOW) is None
    assert _retry_after(None, NOW) is None


def test_backoff_doubles_with_jitter_up_to_a_ceiling() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=8.0)
    rng = random.Random(3)
    for failed, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)]:
        wait = policy.backoff(failed, rng)
        assert ceiling / 2 <= wait <= ceiling


@pytest.mark.parametrize(
    ("status", "kind", "words"),
    [
        (401, errors.Unauthorized, "enroll the device again"),
        (404, errors.NotFound, "no HQ sync service"),
        (426, errors.ProtocolMismatch, "Update needed"),
        (418, errors.HqRefusal, "HTTP 418"),
    ],
)
def test_refusals_without_hqs_body_still_get_a_sentence(
    client_for: Callable[[Handler], SyncClient],
    waits: list[float],
    status: int,
    kind: type[errors.HqRefusal],
    words: str,
) -> None:
    client = client_for(lambda _r: httpx2.Response(status, text="<html>proxy</html>"))
    with pytest.raises(kind, match=words) as caught:
        client.pull_all()
    assert caught.value.status == status
    assert waits == []


def test_hqs_own_sentence_and_code_are_kept(client_for: Callable[[Handler], SyncClient]) -> None:
    body = {"detail": "This code expired.", "code": "enroll_code_expired", "errors": []}
    client = client_for(lambda _r: httpx2.Response(403, json=body))
    with pytest.raises(errors.EnrollmentRefused, match=r"This code expired\.") as caught:
        client.enroll("https://hq.example.org", "AAAA-BBBB")
    assert caught.value.code == "enroll_code_expired"


def test_a_redirect_names_the_address_to_use(client_for: Callable[[Handler], SyncClient]) -> None:
    moved = {"Location": "https://new.example.org/api/v1/pull"}
    client = client_for(lambda _r: httpx2.Response(301, headers=moved))
    with pytest.raises(errors.HqRefusal, match=r"https://new\.example\.org"):
        client.pull_all()


def test_server_errors_are_retried_with_capped_retry_after_then_reported(
    client_for: Callable[[Handler], SyncClient], waits: list[float]
) -> None:
    client = client_for(lambda _r: httpx2.Response(502, headers={"Retry-After": "3600"}))
    with pytest.raises(errors.HqUnavailable, match="HTTP 502"):
        client.pull_all()
    assert waits == [20.0, 20.0]


def test_a_long_rate_limit_is_reported_at_once_and_a_short_one_waited_out(
    client_for: Callable[[Handler], SyncClient], waits: list[float]
) -> None:
    locked = {"detail": "Too many wrong enrollment codes; wait 20 minutes.", "code": "rate_limited"}
    client = client_for(
        lambda _r: httpx2.Response(429, json=locked, headers={"Retry-After": "1200"})
    )
    with pytest.raises(errors.HqRefusal, match="wait 20 minutes") as caught:
        client.enroll("https://hq.example.org", "AAAA-BBBB")
    assert caught.value.status == 429
    assert waits == []  # no retry in vain

    answers = iter([httpx2.Response(429, json=locked, headers={"Retry-After": "5"}), _health()])
    client = client_for(lambda _r: next(answers))
    client.check_health()
    assert waits == [5.0]


def test_an_answer_that_is_not_hqs_is_a_bad_answer(
    client_for: Callable[[Handler], SyncClient],
) -> None:
    client = client_for(lambda _r: httpx2.Response(200, text="<html>captive portal</html>"))
    with pytest.raises(errors.BadAnswer, match="cannot be read"):
        client.check_health()


def test_every_request_names_the_protocol_and_authenticated_ones_carry_the_token(
    client_for: Callable[[Handler], SyncClient],
) -> None:
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        if request.url.path.endswith("/health"):
            return _health()
        if request.url.path.endswith("/attachments"):
            return httpx2.Response(200, json={"expected": 0, "present": 0, "missing": []})
        return httpx2.Response(
            200, json={"events": [], "next_cursor": 0, "has_more": False, "hq_head_seq": 0}
        )

    report = client_for(handler).sync()
    assert report.ok, report.sentence()
    assert [r.url.path for r in seen] == ["/api/v1/health", "/api/v1/attachments", "/api/v1/pull"]
    assert all(r.headers[protocol.PROTOCOL_HEADER] == "1" for r in seen)
    assert "authorization" not in seen[0].headers
    assert all(r.headers["Authorization"] == "Bearer t0ken" for r in seen[1:])
    assert seen[2].url.params["after"] == "0"


@pytest.mark.parametrize(
    ("version", "side"), [(protocol.PROTOCOL_VERSION + 1, "on this device"), (0, "at HQ")]
)
def test_a_health_check_in_another_protocol_says_which_side_to_update(
    client_for: Callable[[Handler], SyncClient], version: int, side: str
) -> None:
    client = client_for(lambda _r: _health(version))
    with pytest.raises(errors.ProtocolMismatch, match=f"Update needed {side}"):
        client.check_health()


def test_a_pull_cursor_beyond_hqs_log_means_hq_was_restored(
    client_for: Callable[[Handler], SyncClient], tmp_store: Store
) -> None:
    tmp_store.conn.execute("UPDATE sync_status SET pull_cursor = 9")
    page = {"events": [], "next_cursor": 9, "has_more": False, "hq_head_seq": 4}
    client = client_for(lambda _r: httpx2.Response(200, json=page))
    with pytest.raises(errors.HqDisagrees, match="restored from an older backup"):
        client.pull_all()
    assert SyncState(tmp_store).pull_cursor() == 9


def test_progress_names_each_step_with_done_and_total(
    client_for: Callable[[Handler], SyncClient],
    tmp_store: Store,
    services: FieldServices,
    actor: Actor,
    samples: Any,
) -> None:
    samples.bundle(services, actor, with_seizure=False)
    own = tmp_store.device.device_id
    waiting = tmp_store.conn.execute(
        "SELECT count(*) FROM events WHERE origin = ?", (own,)
    ).fetchone()[0]
    assert waiting > 0
    pages = iter(
        [
            {"events": [], "next_cursor": 2, "has_more": True, "hq_head_seq": 3},
            {"events": [], "next_cursor": 3, "has_more": False, "hq_head_seq": 3},
        ]
    )
    missing = iter([["a" * 64], []])

    def handler(request: httpx2.Request) -> httpx2.Response:
        path = request.url.path
        if path.endswith("/health"):
            return _health()
        if path.endswith("/push"):
            events = json.loads(gzip.decompress(request.content))["events"]
            last = events[-1]
            return httpx2.Response(
                200,
                json={
                    "acked_seq": last["seq"],
                    "acked_hash": last["hash"],
                    "accepted": len(events),
                    "duplicates": 0,
                    "quarantined": [],
                },
            )
        if path.endswith("/attachments"):
            hashes = next(missing)
            return httpx2.Response(
                200, json={"expected": 1, "present": 1 - len(hashes), "missing": hashes}
            )
        return httpx2.Response(200, json=next(pages))

    seen: list[tuple[str, int, int]] = []
    report = client_for(handler).sync(progress=lambda *step: seen.append(step))
    assert report.error is None, report.sentence()
    assert seen[:2] == [("health", 0, 1), ("health", 1, 1)]
    assert seen[2] == ("push", 0, waiting)
    assert seen[3:4] == [("push", waiting, waiting)]  # one batch holds them all
    # The file HQ expects is not on this device: counted as handled, not uploaded.
    assert [s for s in seen if s[0] == "attachments"] == [
        ("attachments", 0, 1),
        ("attachments", 1, 1),
        ("attachments", 1, 1),
    ]
    assert [s for s in seen if s[0] == "pull"] == [("pull", 2, 3), ("pull", 3, 3)]
    phases = [phase for phase, _done, _total in seen]
    assert phases == sorted(phases, key=PHASES.index)
    assert all(0 <= done <= total for _phase, done, total in seen)


def test_a_report_reads_as_one_sentence() -> None:
    assert SyncReport().sentence().startswith("Sync complete: 0 events sent")
    one = SyncReport(error="HQ cannot be reached.", waiting=1)
    assert one.sentence() == "Sync failed: HQ cannot be reached. 1 event still waits for HQ."
    assert SyncReport(revoked=True).sentence() == (
        "HQ has revoked this device; it can no longer sync. This device is locked."
    )
    wiped = SyncReport(revoked=True, records_wiped=12, records_kept=1, wipe_reported=True)
    assert wiped.sentence() == (
        "HQ has revoked this device; it can no longer sync. This device is locked. At HQ's "
        "request 12 records HQ holds were removed from it; 1 record HQ has not received wholly "
        "is kept. HQ has the signed report of the wipe."
    )
    unsent = SyncReport(revoked=True, records_wiped=1, wipe_problem="HQ cannot be reached.")
    assert unsent.wipe_sentence() == (
        "This device is locked. At HQ's request 1 record HQ holds was removed from it. HQ could "
        "not be told yet (HQ cannot be reached); the next sync tries again."
    )


def test_the_core_names_hqs_kinds_as_the_protocol_does() -> None:
    assert syncstate.HQ_ORIGIN == protocol.HQ_ORIGIN
    assert syncstate.REFERENCE_PUBLISHED == protocol.HqKind.REFERENCE_PUBLISHED
    assert syncstate.DEVICE_REVOKED == protocol.HqKind.DEVICE_REVOKED
    assert syncstate.REFERENCE_RECORD_ID == protocol.REFERENCE_RECORD_ID
    assert wipe.DEVICE_RECORD_TYPE == protocol.DEVICE_RECORD_TYPE


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_the_sync_commands_are_documented_and_routed_by_the_launcher() -> None:
    from ui.launcher import _parser

    assert _commands(sync_parser()) == sorted(COMMANDS)
    guide = (ROOT / "docs" / "user-guide.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"`fieldapp {command}" in guide, f"fieldapp {command} is not documented"
        assert command in _commands(_parser())
