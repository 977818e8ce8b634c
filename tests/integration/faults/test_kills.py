"""Processes killed mid-sync: HQ (SIGKILL during a push, restarted on the same database) and
the device's ``fieldapp sync`` (SIGKILL while its push is on the way or answered).

A SIGKILL is a crash or a power cut for that process: no cleanup, no last
write. Whatever moment it hits, the next sync brings both sides to the same
state -- HQ holds each of the device's events once, every chain verifies, the
device's synced marks are HQ's acknowledged run -- and until then the state
in between is safe.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fieldapp.profile import Profile
from sync.client import SyncClient
from sync.hq.service import Headquarters
from sync.protocol import AnnotationKind
from sync.report import SyncReport
from tests.integration.faults.checks import assert_consistent, assert_safe, own_events
from tests.integration.faults.harness import BACKENDS, Device, Site, start_server
from tests.integration.faults.proxy import Fault, FaultProxy, Link
from tests.support.devices import append_synthetic
from tests.support.hqserver import script


@pytest.fixture(params=BACKENDS)
def own_site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    """An HQ server of this test's own (it is going to be killed), behind a fault proxy."""
    if request.param == "sqlite":
        db = str(tmp_path / "hq" / "hq.db")
    else:
        db = str(request.getfixturevalue("postgres_url"))
    server = start_server(db, tmp_path)
    hq = Headquarters.open(db)
    proxy = FaultProxy(("127.0.0.1", server.port))
    try:
        yield Site(str(request.param), db, server, hq, proxy)
    finally:
        proxy.close()
        hq.close()
        server.stop()


def _armed_and(flag: str) -> Callable[[list[Link]], Link | None]:
    def pick(links: list[Link]) -> Link | None:
        return next((x for x in links if x.armed and getattr(x, flag).is_set()), None)

    return pick


def _sync_into(client: SyncClient, outcome: list[SyncReport]) -> None:
    outcome.append(client.sync())


def test_hq_killed_mid_push_and_restarted_loses_and_doubles_nothing(
    own_site: Site, make_device: Callable[..., Device]
) -> None:
    site = own_site
    device = make_device(site, events=700)
    client = device.client(attempts=3)
    kills = [
        # While HQ reads, checks and stores a batch of 500 (no answer yet) ...
        ("request_whole", 0.1, Fault(name="watch")),
        # ... and once it has committed and answered: the answer is held back a moment
        # (so that the client's retry cannot reach HQ before it dies), then lost.
        ("response_started", 0.0, Fault(response_bytes=0, response_delay=1.0)),
    ]
    for number, (moment, after, fault) in enumerate(kills):
        if number:
            device.record(2)
            append_synthetic(device.profile, 600)
        site.proxy.script([fault])
        outcome: list[SyncReport] = []
        syncing = threading.Thread(target=_sync_into, args=(client, outcome))
        syncing.start()
        site.proxy.wait_for(_armed_and(moment), timeout=60)
        if after:
            time.sleep(after)
        site.server.kill()
        syncing.join(timeout=120)
        assert len(outcome) == 1  # failed with a sentence, or (HQ was quick) done
        assert_safe(site.hq, device.store)

        site.server.start()  # the same port and database
        site.proxy.clear()
        if number == 1:
            record = str(own_events(device.store)[0].record_id)
            site.hq.annotate(record, AnnotationKind.VAULT_RECEIVED, "Vault 3, shelf 2")
        report = client.sync()
        assert report.ok, report.sentence()
        assert_consistent(site.hq, device.store)
    assert site.server.starts == 3


def _fieldapp(data_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(script("fieldapp")), "sync", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def _sigkill(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)


def test_fieldapp_sync_killed_mid_sync_then_synced_again(
    site: Site, make_device: Callable[..., Device]
) -> None:
    device = make_device(site, events=600)
    data_dir = device.profile.data_dir
    rng = random.Random(11)

    # Killed once HQ committed the second batch and answered, before the answer arrived.
    site.proxy.script(lambda _n: Fault.delay(response=60, skip=1))
    process = _fieldapp(data_dir)
    site.proxy.wait_for(_armed_and("response_started"), timeout=60)
    _sigkill(process)
    view = assert_safe(site.hq, device.store)
    total = len(own_events(device.store))
    assert view.acked_seq == total and len(view.events) == total

    # Killed while its push is held on the way: HQ never gets it.
    device.record(2)
    site.proxy.script(lambda _n: Fault.delay(request=60))
    process = _fieldapp(data_dir)
    site.proxy.wait_for(lambda links: next((x for x in links if x.armed), None), timeout=60)
    _sigkill(process)
    assert_safe(site.hq, device.store)

    # Killed at random moments of syncs with more to send, their pushes slowed down.
    for _ in range(2):
        device.record(2)
        append_synthetic(device.profile, 400)
        site.proxy.script(lambda _n: Fault.delay(request=0.2, response=0.2))
        process = _fieldapp(data_dir)
        time.sleep(rng.uniform(1.0, 2.5))
        _sigkill(process)
        assert_safe(site.hq, device.store)
        assert device.store.verify().ok

    site.proxy.clear()
    record = str(own_events(device.store)[-1].record_id)
    site.hq.annotate(record, AnnotationKind.SUPERVISOR_REVIEW, "Reviewed after the crash")
    done = _fieldapp(data_dir)
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    assert out.startswith("Sync complete:"), out
    # The profile was changed by another process: read it afresh.
    with Profile.open(data_dir) as reopened:
        assert_consistent(site.hq, reopened.store)
