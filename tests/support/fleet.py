"""Many devices syncing at once: the concurrency test and the ``concurrent_50x200`` benchmark.

:func:`build_fleet` makes N real profiles (each its own device id, Ed25519
key and, once :func:`enroll_fleet` ran, its own enrollment and token) with M
events each; :func:`sync_fleet` opens them all and syncs every one on its
own thread, all released at the same moment, and times each.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fieldapp.profile import Profile
from sync.client import RetryPolicy, SyncClient
from sync.hq.service import Headquarters
from sync.report import SyncReport
from tests.support.devices import append_synthetic, new_profile


def build_fleet(root: Path, devices: int, events: int) -> list[Path]:
    """``devices`` new profiles under ``root`` with ``events`` events each; their folders."""
    folders = []
    for number in range(devices):
        folder = root / f"device-{number:03d}"
        with new_profile(folder) as profile:
            append_synthetic(profile, events)
        folders.append(folder)
    return folders


def enroll_fleet(folders: Sequence[Path], hq: Headquarters, urls: Sequence[str]) -> None:
    """Enroll each profile with a code of its own, at the HQ addresses in turn."""
    for number, folder in enumerate(folders):
        code = hq.make_enroll_code(f"fleet {number:03d}").code
        with Profile.open(folder) as profile, SyncClient(profile) as client:
            client.enroll(urls[number % len(urls)], code)


@dataclass(frozen=True)
class FleetRun:
    """What a fleet sync did: every report and each device's time, and the whole wall time."""

    reports: list[SyncReport]
    seconds: list[float]
    wall: float


def sync_fleet(folders: Sequence[Path], *, timeout: float = 120.0) -> FleetRun:
    """Sync every profile at once, each on its own thread with its own client."""
    profiles = [Profile.open(folder) for folder in folders]
    clients = [
        SyncClient(
            p,
            timeout=timeout,
            retry=RetryPolicy(attempts=5, base_delay=0.2, max_delay=2.0),
            rng=random.Random(n),
        )
        for n, p in enumerate(profiles)
    ]
    reports: list[SyncReport | None] = [None] * len(clients)
    seconds = [0.0] * len(clients)
    errors: list[BaseException] = []
    gate = threading.Barrier(len(clients) + 1)

    def run(index: int) -> None:
        try:
            gate.wait(timeout=60)
            started = time.perf_counter()
            reports[index] = clients[index].sync()
            seconds[index] = time.perf_counter() - started
        except BaseException as exc:  # handed to the caller below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
    try:
        for thread in threads:
            thread.start()
        gate.wait(timeout=60)
        started = time.perf_counter()
        for thread in threads:
            thread.join(timeout=timeout * 5)
        wall = time.perf_counter() - started
    finally:
        for client in clients:
            client.close()
        for profile in profiles:
            profile.close()
    if errors:
        raise errors[0]
    done = [r for r in reports if r is not None]
    assert len(done) == len(clients), "a device's sync did not finish"
    return FleetRun(reports=done, seconds=seconds, wall=wall)
