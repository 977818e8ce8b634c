"""Fixtures for HQ tests: an HQ on SQLite and on PostgreSQL, its web app, an enrolled device.

The device is a real field store (its own id and Ed25519 key) with records
captured and finalized through the application services, so what is pushed
is exactly what a laptop would push.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fieldapp.events import Event
from fieldapp.store.store import Store
from sync.hq.app import create_app
from sync.hq.service import Headquarters
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION


class FakeClock:
    """HQ's clock, moved by hand (enrollment codes expire)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@dataclass
class Enrolled:
    """A device store enrolled at HQ, with the headers its requests carry."""

    store: Store
    token: str
    answer: dict[str, Any]

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def device_id(self) -> str:
        return self.store.device.device_id

    def own_events(self) -> list[Event]:
        """The device's own events, in seq order."""
        return sorted(
            (e for e in self.store.events() if e.origin == self.device_id), key=lambda e: e.seq
        )


def enroll_request(store: Store, code: str) -> dict[str, Any]:
    """The enrollment body a device sends."""
    return {
        "code": code,
        "device_id": store.device.device_id,
        "public_key": store.device.public_hex,
        "device_code": store.device.device_code,
    }


def enroll(client: TestClient, hq: Headquarters, store: Store, name: str = "lane 4") -> Enrolled:
    """Enroll ``store``'s device with a fresh code."""
    code = hq.make_enroll_code(name).code
    answer = client.post("/api/v1/enroll", json=enroll_request(store, code))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return Enrolled(store=store, token=body["token"], answer=body)


def wire(events: list[Event]) -> list[dict[str, Any]]:
    """Events as the device sends them."""
    return [e.to_dict() for e in events]


@pytest.fixture
def clock() -> FakeClock:
    """HQ's clock."""
    return FakeClock()


@pytest.fixture
def hq_db(tmp_path: Path) -> Path:
    """Where HQ's SQLite file goes."""
    return tmp_path / "hq" / "hq.db"


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_url(request: pytest.FixtureRequest, hq_db: Path) -> str:
    """HQ's database: each test runs on a SQLite file and on a new PostgreSQL database
    (the session's throwaway server, or the one ``FIELDAPP_HQ_TEST_POSTGRES`` names)."""
    if request.param == "sqlite":
        return str(hq_db)
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def hq(hq_url: str, clock: FakeClock) -> Iterator[Headquarters]:
    """HQ on a temporary SQLite file or a new PostgreSQL database."""
    opened = Headquarters.open(hq_url, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def client(hq: Headquarters) -> Iterator[TestClient]:
    """HQ's web app, every request speaking the current protocol."""
    with TestClient(create_app(hq), headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)}) as c:
        yield c


@pytest.fixture
def device(client: TestClient, hq: Headquarters, tmp_store: Store) -> Enrolled:
    """The ``tmp_store`` device, enrolled."""
    return enroll(client, hq, tmp_store)


@pytest.fixture
def hq_helpers() -> type[HqHelpers]:
    """Helpers for HQ tests (see :class:`HqHelpers`)."""
    return HqHelpers


class HqHelpers:
    """Helper functions handed to tests (a conftest is not imported)."""

    enroll = staticmethod(enroll)
    enroll_request = staticmethod(enroll_request)
    wire = staticmethod(wire)
