"""Opening HQ's database: a SQLite file by default, PostgreSQL by URL, one Core code path.

:class:`Storage` hands out connections inside a transaction: :meth:`~Storage.write`
for work that changes anything, :meth:`~Storage.read` for queries. On SQLite a
write transaction starts with ``BEGIN IMMEDIATE`` so that two writers queue
for the lock instead of one failing halfway; on PostgreSQL writers lock the
rows they depend on (``SELECT ... FOR UPDATE``) so HQ processes can run side
by side on one database.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from sync.errors import HqStorageError

ENV_DB = "FIELDAPP_HQ_DB"
APP_NAME = "checkpoint-fieldapp-hq"
DB_FILENAME = "hq.db"

# Seconds a SQLite writer waits for another one before giving up (then HQ answers 503).
_SQLITE_BUSY_TIMEOUT: float = 30


def default_db_path() -> Path:
    """Where HQ keeps its SQLite file unless told otherwise."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def resolve_db_url(explicit: str | None = None) -> str:
    """``--db`` if given, else ``$FIELDAPP_HQ_DB``, else the default SQLite file.

    A plain path means a SQLite file; ``postgresql://`` and ``postgres://``
    URLs are given the psycopg 3 driver, which is the one installed.
    """
    text = explicit or os.environ.get(ENV_DB) or ""
    if not text:
        return f"sqlite:///{default_db_path()}"
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix) :]
    return text


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    database = parsed.database or ""
    in_memory = database in ("", ":memory:")
    if not in_memory:
        folder = Path(database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HqStorageError(
                f"HQ's database folder {folder} cannot be created: {exc.strerror or exc}."
            ) from exc
    options: dict[str, Any] = {
        # Connections move between the server's worker threads, one at a time.
        "connect_args": {"check_same_thread": False, "timeout": _SQLITE_BUSY_TIMEOUT},
    }
    if in_memory:
        # Every connection to ":memory:" would otherwise be a separate, empty database.
        options["poolclass"] = StaticPool
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own implicit BEGIN is turned off: _on_begin says which BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
            # An answer to a push promises the events are on disk.
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA busy_timeout={int(_SQLITE_BUSY_TIMEOUT * 1000)}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        writing = conn.get_execution_options().get("hq_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (SQLite file or PostgreSQL), with HQ's settings."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise HqStorageError(f"{url!r} is not a database URL or file path.") from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(url)
        return create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise HqStorageError(
            f"HQ cannot use the database {parsed.render_as_string(hide_password=True)}: "
            f"{exc}. Use a SQLite file path or a postgresql:// URL."
        ) from exc


class Storage:
    """HQ's database: transactions for reading and for writing."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return str(self.engine.dialect.name)

    def display_url(self) -> str:
        """The database URL with any password hidden, for logs and messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def sqlite_path(self) -> Path | None:
        """The SQLite file, or None for another database (or an in-memory one)."""
        if self.dialect != "sqlite":
            return None
        database = self.engine.url.database
        if not database or database == ":memory:":
            return None
        return Path(database)

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction that may change data; committed when the block ends without error."""
        with self.engine.connect() as conn:
            conn.execution_options(hq_write=True)
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A transaction for queries only."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def check(self) -> None:
        """Raise :class:`DBAPIError` unless the database answers a trivial query."""
        with self.read() as conn:
            conn.exec_driver_sql("SELECT 1").scalar()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def opening_error(storage: Storage, exc: DBAPIError) -> HqStorageError:
    """The sentence for a database that cannot be opened at all."""
    return HqStorageError(
        f"HQ's database {storage.display_url()} cannot be opened: {database_cause(exc)}."
    )


def database_cause(exc: DBAPIError) -> str:
    """The driver's own words for a database error, on one line, for a sentence."""
    text = str(exc.orig) if exc.orig is not None else str(exc)
    return " ".join(text.split()).rstrip(".?! ")
