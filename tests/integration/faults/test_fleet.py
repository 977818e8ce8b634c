"""Fifty devices push 200 events each at the same moment to two HQ processes on one PostgreSQL.

HQ's processes are stateless: two ``fieldapp-hq serve`` on different ports
share the database (as behind a load balancer), the devices split between
them. Every device ends with exactly its events at HQ, every chain verified,
its synced marks HQ's acknowledged run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.profile import Profile
from sync.hq.service import Headquarters
from tests.integration.faults.checks import assert_consistent
from tests.integration.faults.harness import start_server
from tests.support.fleet import build_fleet, enroll_fleet, sync_fleet
from tests.support.hqserver import HqProcess
from tests.support.postgres import PostgresServer

DEVICES = 50
EVENTS = 200


@pytest.fixture(scope="session")
def fleet_template(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Fifty profiles of 200 events each, each with its own device id and key (not enrolled)."""
    return build_fleet(tmp_path_factory.mktemp("fleet"), DEVICES, EVENTS)


@pytest.fixture
def two_hq_processes(
    postgres: PostgresServer, postgres_url: str, tmp_path: Path
) -> Iterator[tuple[Headquarters, list[HqProcess]]]:
    """Two HQ server processes on one new PostgreSQL database, and the database opened here."""
    hq = Headquarters.open(postgres_url)  # migrated once, before both servers start
    servers: list[HqProcess] = []
    try:
        servers = [start_server(postgres_url, tmp_path) for _ in range(2)]
        yield hq, servers
    finally:
        for server in servers:
            server.stop()
        hq.close()


def test_fifty_devices_push_at_once_to_two_hq_processes_sharing_postgresql(
    fleet_template: list[Path], two_hq_processes: tuple[Headquarters, list[HqProcess]]
) -> None:
    hq, servers = two_hq_processes
    enroll_fleet(fleet_template, hq, [s.base_url for s in servers])
    run = sync_fleet(fleet_template)
    for report in run.reports:
        assert report.ok, report.sentence()
        assert (report.pushed, report.accepted, report.duplicates) == (EVENTS, EVENTS, 0)
    assert all(s.process is not None and s.process.poll() is None for s in servers)
    for folder in fleet_template:
        with Profile.open(folder) as profile:
            view = assert_consistent(hq, profile.store)
            assert len(view.events) == EVENTS
    print(f"{DEVICES} x {EVENTS} events: {run.wall:.1f} s, slowest device {max(run.seconds):.1f} s")
