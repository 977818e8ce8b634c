"""A randomized soak: many rounds of recording, annotating and syncing through random faults.

Each round one of two devices records a few encounters through the services
(sometimes a few hundred events at once), HQ sometimes annotates one of its
records, the proxy is given a random fault (or a few in a row, or HQ is gone
for the round), and the device syncs -- now and then twice at once. After
every round the in-between invariants hold; at the end a clean sync brings
every device to exactly HQ's state.

Seeded and bounded in time: ``FIELDAPP_SOAK_SECONDS`` (default 45) and
``FIELDAPP_SOAK_SEED`` (default: a new one each run). A failure names the
seed, so that the same rounds can be run again.
"""

from __future__ import annotations

import os
import random
import secrets
import time
from collections.abc import Callable

from sqlalchemy import select

from sync.hq import schema
from sync.protocol import AnnotationKind
from tests.integration.faults.checks import assert_consistent, assert_safe
from tests.integration.faults.harness import Device, Site, sync_together
from tests.integration.faults.proxy import ATTACHMENTS, HEALTH, PULL, PUSH, Fault
from tests.support.devices import append_synthetic

SOAK_SECONDS = float(os.environ.get("FIELDAPP_SOAK_SECONDS", "45"))
ENV_SEED = "FIELDAPP_SOAK_SEED"
UPLOAD = b"PUT /api/v1/attachments/"
SLOW_TIMEOUT = 0.4
# What a sync that a fault defeated may say: the network or HQ, never the logs.
EXPECTED_FAILURES = (
    "cannot be reached",
    "could not answer",
    "did not answer",
    "database is locked",
)


def _random_fault(rng: random.Random) -> tuple[str, list[Fault] | None, float]:
    """A fault plan for one round: (what, faults for the next connections, client timeout).

    ``None`` for the faults means HQ cannot be reached at all this round.
    """
    match = rng.choice([PUSH, PUSH, PUSH, PULL, UPLOAD, ATTACHMENTS, HEALTH, None])
    reset = rng.random() < 0.3
    skip = rng.choice([0, 0, 0, 1])
    kind = rng.choice(
        [
            "pass",
            "cut_request",
            "cut_response",
            "cut_response",
            "slow",
            "lost_in_time",
            "late_request",
            "refused",
            "series",
            "down",
        ]
    )
    if kind == "pass":
        return kind, [], 10.0
    if kind == "cut_request":
        return (
            kind,
            [Fault.cut_request(rng.randint(0, 6000), match=match, reset=reset, skip=skip)],
            10.0,
        )
    if kind == "cut_response":
        return (
            kind,
            [Fault.cut_response(rng.randint(0, 400), match=match, reset=reset, skip=skip)],
            10.0,
        )
    if kind == "slow":
        return kind, [Fault.delay(request=0.05, response=0.1, match=match)], 10.0
    if kind == "lost_in_time":  # the answer comes after the client gave up
        return kind, [Fault.delay(response=SLOW_TIMEOUT * 2, match=match, skip=skip)], SLOW_TIMEOUT
    if kind == "late_request":  # the request reaches HQ after its own retry
        return kind, [Fault.delay(request=SLOW_TIMEOUT * 2, match=match)], SLOW_TIMEOUT
    if kind == "refused":
        return kind, [Fault.refused()] * rng.randint(1, 4), 10.0
    if kind == "series":
        faults = []
        for _ in range(rng.randint(2, 5)):
            faults.append(
                rng.choice(
                    [
                        Fault.cut_request(rng.randint(0, 3000), match=None, reset=reset),
                        Fault.cut_response(rng.randint(0, 300), match=None, reset=reset),
                        Fault.refused(),
                    ]
                )
            )
        return kind, faults, 10.0
    return kind, None, 10.0


def _annotate_something(rng: random.Random, site: Site, device: Device) -> bool:
    ev = schema.events
    with site.hq.storage.read() as conn:
        records = [
            str(r[0])
            for r in conn.execute(
                select(ev.c.record_id).where(ev.c.origin == device.device_id).distinct()
            )
        ]
    if not records:
        return False
    kind = rng.choice(list(AnnotationKind))
    site.hq.annotate(rng.choice(records), kind, f"{kind.value} {rng.randint(1, 99999)}")
    return True


def test_soak_random_faults_lose_and_double_nothing(
    site: Site, make_device: Callable[..., Device]
) -> None:
    seed = int(os.environ.get(ENV_SEED) or secrets.randbelow(2**32))
    print(f"soak seed {seed} ({ENV_SEED}={seed} repeats these rounds), {SOAK_SECONDS:g} s")
    try:
        rounds = _soak(random.Random(seed), site, make_device)
    except BaseException as exc:
        exc.add_note(f"soak seed {seed}: run again with {ENV_SEED}={seed}")
        raise
    print(f"soak seed {seed}: {rounds} rounds")
    assert rounds >= 5


def _soak(rng: random.Random, site: Site, make_device: Callable[..., Device]) -> int:
    devices = [make_device(site, bundles=2), make_device(site, bundles=2)]
    deadline = time.monotonic() + SOAK_SECONDS
    rounds = 0
    seen: dict[str, int] = {}
    while time.monotonic() < deadline:
        rounds += 1
        device = rng.choice(devices)
        device.record(rng.randint(0, 3))
        if rng.random() < 0.08:
            append_synthetic(device.profile, rng.randint(300, 700), seed=rng.randrange(2**31))
        if rng.random() < 0.3:
            _annotate_something(rng, site, device)
        kind, faults, timeout = _random_fault(rng)
        seen[kind] = seen.get(kind, 0) + 1
        attempts = rng.randint(1, 5)
        if faults is None:
            site.proxy.down()
        else:
            site.proxy.script(faults)
        try:
            if rng.random() < 0.15:
                reports = sync_together(
                    [device.client(timeout=timeout, attempts=attempts) for _ in range(2)]
                )
            else:
                reports = [device.client(timeout=timeout, attempts=attempts).sync()]
        finally:
            site.proxy.up()
        for report in reports:
            if not report.ok:
                error = report.error or ""
                assert any(words in error for words in EXPECTED_FAILURES), (
                    f"round {rounds} ({kind}): {report.sentence()}"
                )
        for each in devices:
            assert_safe(site.hq, each.store)
    print(f"faults: {sorted(seen.items())}")
    site.proxy.clear()
    for device in devices:
        report = device.client().sync()
        assert report.ok, report.sentence()
        # A sync also takes in what HQ wrote for the other device's records.
    for device in devices:
        report = device.client().sync()
        assert report.ok, report.sentence()
        assert_consistent(site.hq, device.store)
    return rounds
