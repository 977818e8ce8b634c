"""Fixtures for every integration test: a throwaway PostgreSQL server, started once if needed.

The server (``tests/support/postgres.py``) starts the first time a test asks
for it and stops when the session ends; each test gets a database of its own.
A test that needs PostgreSQL fails, with the reason, when it cannot be started:
nothing is skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.postgres import PostgresServer, PostgresUnavailable, start_postgres


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The session's throwaway PostgreSQL server (fsync off: it is thrown away)."""
    try:
        server = start_postgres()
    except PostgresUnavailable as exc:
        pytest.fail(f"this test needs PostgreSQL, which cannot be started: {exc}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres: PostgresServer) -> Iterator[str]:
    """A new, empty database on the session's server; dropped afterwards."""
    url = postgres.fresh_database()
    yield url
    postgres.drop_database(url)
