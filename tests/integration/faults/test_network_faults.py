"""Sync through a hostile network: cut requests, lost answers, delays, resets, no HQ at all,
and the same device syncing twice at once.

Each test drives the real sync client through the fault proxy to the real HQ
server, and ends with the invariants of :mod:`tests.integration.faults.checks`:
HQ holds exactly the device's events, every chain verifies on both sides, the
device's synced marks are HQ's acknowledged run, HQ's annotations arrived.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from fieldapp.profile import Profile
from sync.protocol import AnnotationKind
from tests.integration.faults.checks import assert_consistent, assert_safe, synced_seqs
from tests.integration.faults.harness import BACKENDS, Device, Site, sync_together
from tests.integration.faults.proxy import PULL, Fault

# More than one batch: pushes of 500, then the rest.
MANY = 600


def _annotate(site: Site, record_id: str, text: str) -> None:
    site.hq.annotate(record_id, AnnotationKind.CASE_NUMBER, text)


def _synced_record(device: Device) -> str:
    row = device.store.conn.execute(
        "SELECT record_id FROM events WHERE origin = ? AND synced_at IS NOT NULL "
        "ORDER BY seq DESC LIMIT 1",
        (device.device_id,),
    ).fetchone()
    assert row is not None, "nothing synced yet"
    return str(row[0])


@pytest.mark.parametrize("site", BACKENDS, indirect=True)
def test_a_request_cut_midway_never_reaches_hq_and_is_sent_again(
    site: Site, make_device: Callable[..., Device]
) -> None:
    device = make_device(site, events=MANY)
    client = device.client()
    # The second push of the first sync is cut 700 bytes in: HQ never gets it whole.
    site.proxy.script([Fault.cut_request(700, skip=1)])
    report = client.sync()
    assert report.ok, report.sentence()
    [cut] = site.proxy.fired()
    assert cut.outcome == "cut" and cut.request_bytes == 700
    assert not cut.request_whole.is_set() and not cut.response_started.is_set()
    assert (report.accepted, report.duplicates) == (report.pushed, 0)
    assert_consistent(site.hq, device.store)

    _annotate(site, _synced_record(device), "C-cut")
    # Then at every depth: the request line, the headers, the body, one byte short.
    for depth in (0, 20, 180, 10**9):
        device.record(1)
        site.proxy.script([Fault.cut_request(depth)])
        report = client.sync()
        assert report.ok, report.sentence()
        [cut] = site.proxy.fired()[-1:]
        assert cut.fault.request_bytes == depth and not cut.request_whole.is_set()
        assert (report.duplicates, report.pulled) == (0, 1 if depth == 0 else 0)
        assert_consistent(site.hq, device.store)


@pytest.mark.parametrize("site", BACKENDS, indirect=True)
def test_an_answer_lost_after_hq_committed_is_counted_as_duplicates_not_twice(
    site: Site, make_device: Callable[..., Device]
) -> None:
    device = make_device(site, events=MANY)
    client = device.client()
    # HQ takes the second batch, commits, answers; the answer is cut after 40 bytes.
    site.proxy.script([Fault.cut_response(40, skip=1)])
    report = client.sync()
    assert report.ok, report.sentence()
    [cut] = site.proxy.fired()
    assert cut.request_whole.is_set() and cut.response_started.is_set()
    # The batch is sent again as it was: HQ counts its events as duplicates, nothing new.
    total = len(synced_seqs(device.store))
    assert (report.pushed, report.accepted, report.duplicates) == (total, 500, total - 500)
    assert_consistent(site.hq, device.store)

    record = _synced_record(device)
    for depth, reset in ((0, False), (1, True), (10**9, False)):
        device.record(1)
        _annotate(site, record, f"C-{depth}")
        # The push's answer and then the pull's answer are lost, each once.
        site.proxy.script(
            [Fault.cut_response(depth, reset=reset), Fault.cut_response(depth, match=PULL)]
        )
        report = client.sync()
        assert report.ok, report.sentence()
        assert len(site.proxy.fired()) >= 2
        assert report.duplicates >= 1
        assert_consistent(site.hq, device.store)


def test_delays_slow_answers_and_a_request_that_arrives_after_its_retry(
    site: Site, make_device: Callable[..., Device]
) -> None:
    device = make_device(site, events=MANY)
    # A slow network below the client's patience: nothing is sent twice.
    patient = device.client(timeout=10.0)
    site.proxy.script(lambda _n: Fault.delay(request=0.2, response=0.2))
    report = patient.sync()
    assert report.ok and report.duplicates == 0, report.sentence()
    assert_consistent(site.hq, device.store)

    # An answer slower than the client's timeout: HQ committed, the client gave up and
    # sent the batch again on a new connection.
    device.record(2)
    hasty = device.client(timeout=0.5)
    site.proxy.script([Fault.delay(response=1.5)])
    report = hasty.sync()
    assert report.ok and report.duplicates >= 1, report.sentence()
    assert_consistent(site.hq, device.store)

    # A request held back longer than the timeout reaches HQ after its own retry did:
    # the late copy is all duplicates, and its answer goes nowhere.
    device.record(2)
    site.proxy.script([Fault.delay(request=1.5)])
    report = hasty.sync()
    assert report.ok and report.duplicates == 0, report.sentence()
    late = site.proxy.wait_for(
        lambda links: next((x for x in links if x.fault.request_delay and x.done.is_set()), None),
        timeout=20,
    )
    assert late.request_whole.is_set()
    assert_consistent(site.hq, device.store)


def test_resets_refusals_and_no_hq_at_all(site: Site, make_device: Callable[..., Device]) -> None:
    device = make_device(site, events=MANY)
    client = device.client(attempts=6)
    # Connections reset as soon as they are made, five times: the sixth try gets through.
    site.proxy.script([Fault.refused()] * 5)
    report = client.sync()
    assert report.ok, report.sentence()
    outcomes = [x.outcome for x in site.proxy.scripted()]
    assert outcomes[:5] == ["refused"] * 5 and "refused" not in outcomes[5:]
    assert_consistent(site.hq, device.store)

    # A reset in the middle of the request, then in the middle of the answer.
    device.record(2)
    site.proxy.script(
        [Fault.cut_request(300, reset=True), Fault.cut_response(30, reset=True, match=None)]
    )
    report = client.sync()
    assert report.ok, report.sentence()
    assert [x.outcome for x in site.proxy.fired()][-2:] == ["reset", "reset"]
    assert_consistent(site.hq, device.store)

    # Every try refused: the sync fails with a sentence, and nothing is marked.
    device.record(2)
    waiting = client.state.summary().waiting
    site.proxy.script(lambda _n: Fault.refused())
    report = client.sync()
    assert not report.ok and report.error is not None and "cannot be reached" in report.error
    assert client.state.summary().waiting == waiting
    assert_safe(site.hq, device.store)

    # No HQ at all (nothing listens): refused by the kernel, then HQ is back.
    site.proxy.clear()
    site.proxy.down()
    try:
        report = client.sync()
        assert not report.ok and "no connection could be made" in (report.error or "")
        assert_safe(site.hq, device.store)
    finally:
        site.proxy.up()
    report = client.sync()
    assert report.ok and report.waiting == 0, report.sentence()
    assert_consistent(site.hq, device.store)


@pytest.mark.parametrize("site", BACKENDS, indirect=True)
@pytest.mark.parametrize("shared", [True, False], ids=["one-store", "two-connections"])
def test_two_syncs_of_one_device_at_the_same_time_double_nothing(
    site: Site, make_device: Callable[..., Device], shared: bool
) -> None:
    """Two threads sync the same device at once (a "Sync now" during an automatic sync):
    over the program's one store, or over two connections to the profile (a second
    program on it). The profile's sync lock runs them one after the other; neither
    doubles anything."""
    device = make_device(site, events=MANY)
    # Every push answer is held back a little, so that the two syncs interleave.
    site.proxy.script(lambda _n: Fault.delay(response=0.03))
    other = None if shared else Profile.open(device.profile.data_dir)
    try:
        clients = [device.client(), device.client(store=None if other is None else other.store)]
        for round_ in range(2):
            reports = sync_together(clients)
            # One sync per profile at a time (sync.lock): the second waits for the first,
            # then finds little or nothing left; both end well, over one store or two.
            for report in reports:
                assert report.ok, report.sentence()
            assert_safe(site.hq, device.store)
            assert_consistent(site.hq, device.store)
            if round_ == 0:
                device.record(3)
                _annotate(site, _synced_record(device), "C-twice")
    finally:
        if other is not None:
            other.close()
