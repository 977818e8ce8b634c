"""SQLCipher connections that behave like the standard library's ``sqlite3`` ones.

``sqlcipher3`` is a copy of the ``sqlite3`` module built against SQLCipher, but
its exceptions and its ``Row`` are its own classes. The rest of the core (and
sqlite-utils) catches ``sqlite3.Error`` and sets ``cursor.row_factory =
sqlite3.Row``, so the connection is wrapped: errors come out as the matching
``sqlite3`` exception (with ``sqlite_errorcode``), and ``sqlite3.Row`` is
swapped for SQLCipher's own. Everything else is passed through unchanged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from sqlcipher3 import dbapi2

from fieldapp.errors import ProfileInUse


def _as_sqlite3(exc: Exception) -> sqlite3.Error:
    kind = getattr(sqlite3, type(exc).__name__, sqlite3.Error)
    if not (isinstance(kind, type) and issubclass(kind, sqlite3.Error)):
        kind = sqlite3.Error
    new = kind(*exc.args)
    new.sqlite_errorcode = getattr(exc, "sqlite_errorcode", 0)
    new.sqlite_errorname = getattr(exc, "sqlite_errorname", "")
    return new


def _factory(factory: Any) -> Any:
    return dbapi2.Row if factory is sqlite3.Row else factory


class _Wrapped:
    """What the cursor and connection wrappers share: the wrapped object, its row factory
    (``sqlite3.Row`` stands for SQLCipher's own), and everything else passed through."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    @property
    def row_factory(self) -> Any:
        """The row factory in use (for a connection: that of its new cursors)."""
        return self._raw.row_factory

    @row_factory.setter
    def row_factory(self, factory: Any) -> None:
        self._raw.row_factory = _factory(factory)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


class CipherCursor(_Wrapped):
    """A SQLCipher cursor that raises ``sqlite3`` errors and accepts ``sqlite3.Row``."""

    def execute(self, sql: str, params: Any = ()) -> CipherCursor:
        """Run one statement."""
        try:
            self._raw.execute(sql, params)
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc
        return self

    def executemany(self, sql: str, seq: Any) -> CipherCursor:
        """Run one statement for every parameter set."""
        try:
            self._raw.executemany(sql, seq)
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc
        return self

    def executescript(self, script: str) -> CipherCursor:
        """Run several statements."""
        try:
            self._raw.executescript(script)
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc
        return self

    def fetchone(self) -> Any:
        """The next row or None."""
        try:
            return self._raw.fetchone()
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc

    def fetchmany(self, size: int | None = None) -> list[Any]:
        """Up to ``size`` rows."""
        try:
            return list(self._raw.fetchmany() if size is None else self._raw.fetchmany(size))
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc

    def fetchall(self) -> list[Any]:
        """Every remaining row."""
        try:
            return list(self._raw.fetchall())
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        try:
            return next(self._raw)
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc


class CipherConnection(_Wrapped):
    """A SQLCipher connection with the standard library's error classes."""

    def cursor(self) -> CipherCursor:
        """A new cursor."""
        try:
            return CipherCursor(self._raw.cursor())
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc

    def execute(self, sql: str, params: Any = ()) -> CipherCursor:
        """Run one statement on a new cursor."""
        try:
            return CipherCursor(self._raw.execute(sql, params))
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc

    def executemany(self, sql: str, seq: Any) -> CipherCursor:
        """Run one statement for every parameter set."""
        try:
            return CipherCursor(self._raw.executemany(sql, seq))
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc

    def executescript(self, script: str) -> CipherCursor:
        """Run several statements."""
        try:
            return CipherCursor(self._raw.executescript(script))
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc

    def commit(self) -> None:
        """Commit (the program manages transactions itself, but sqlite-utils may call it)."""
        try:
            self._raw.commit()
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc

    def rollback(self) -> None:
        """Roll back."""
        try:
            self._raw.rollback()
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc

    def close(self) -> None:
        """Close the connection."""
        try:
            self._raw.close()
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc

    def __enter__(self) -> CipherConnection:
        self._raw.__enter__()
        return self

    def __exit__(self, *info: Any) -> Any:
        try:
            return self._raw.__exit__(*info)
        except dbapi2.Error as exc:
            raise _as_sqlite3(exc) from exc


def key_pragma(key: bytes) -> str:
    """The ``PRAGMA key`` statement for a raw 256-bit key (no passphrase derivation)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: Path, key: bytes, *, readonly: bool) -> sqlite3.Connection:
    """An SQLCipher connection keyed with ``key``, typed as the ``sqlite3`` one it mimics."""
    try:
        if readonly:
            uri = path.resolve().as_uri() + "?mode=ro"
            raw = dbapi2.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            raw = dbapi2.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            # SQLCipher logs a wrong key to stderr as well as raising; the error is enough.
            raw.execute("PRAGMA cipher_log_level = NONE")
            raw.execute(key_pragma(key))
        except BaseException:
            raw.close()
            raise
    except dbapi2.Error as exc:
        raise _as_sqlite3(exc) from exc
    return cast(sqlite3.Connection, CipherConnection(raw))


_BUSY = 5  # SQLITE_BUSY


def _in_use(plain: Path) -> ProfileInUse:
    return ProfileInUse(
        f"The profile in {plain.parent} is open in another program (the desktop program or "
        "a command); close it, then sign in again. Nothing was changed."
    )


def _hold_alone(raw: Any, plain: Path) -> None:
    """Take the database for this connection alone, until it closes; ProfileInUse if open.

    In exclusive locking mode SQLite keeps the lock after the transaction, and
    cannot get it while any other connection, even an idle one in another
    process, has the database open.
    """
    raw.execute("PRAGMA locking_mode = EXCLUSIVE")
    try:
        raw.execute("BEGIN EXCLUSIVE")
        raw.execute("COMMIT")
    except dbapi2.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF == _BUSY or "locked" in str(exc):
            raise _in_use(plain) from exc
        raise


def check_alone(plain: Path, wait: float = 1.0) -> None:
    """Raise :class:`ProfileInUse` when any other connection has the plain database open."""
    try:
        raw = dbapi2.connect(str(plain), isolation_level=None, timeout=wait)
        try:
            raw.execute("PRAGMA cipher_log_level = NONE")
            _hold_alone(raw, plain)
        finally:
            raw.close()
    except dbapi2.Error as exc:
        raise _as_sqlite3(exc) from exc


def export_plain(plain: Path, target: Path, key: bytes, wait: float = 1.0) -> None:
    """Copy a plain SQLite database into a new file encrypted with ``key`` (sqlcipher_export).

    The database is held alone while it is copied (:func:`check_alone`): a
    program writing to it meanwhile would write to a file about to be replaced.
    """
    try:
        raw = dbapi2.connect(str(plain), isolation_level=None, timeout=wait)
        try:
            raw.execute("PRAGMA cipher_log_level = NONE")
            _hold_alone(raw, plain)
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            version = int(raw.execute("PRAGMA user_version").fetchone()[0])
            app_id = int(raw.execute("PRAGMA application_id").fetchone()[0])
            raw.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(target),))
            raw.execute("SELECT sqlcipher_export('encrypted')")
            raw.execute(f"PRAGMA encrypted.user_version = {version}")
            raw.execute(f"PRAGMA encrypted.application_id = {app_id}")
            raw.execute("DETACH DATABASE encrypted")
        finally:
            raw.close()
    except dbapi2.Error as exc:
        raise _as_sqlite3(exc) from exc
