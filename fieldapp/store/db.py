"""Opening the profile's SQLite database safely, and turning SQLite's errors into sentences.

One :class:`Database` per process writes (the writer); readers may open their
own connections with :func:`open_reader`. WAL journal with ``synchronous=FULL``
means a transaction that has returned from COMMIT survives a power cut.

Two processes may still write one profile (the program and the command line,
or two syncs). Every write transaction therefore starts with ``BEGIN
IMMEDIATE``: it takes SQLite's write lock before it reads anything, so a second
writer waits for the first (up to :data:`WRITE_BUSY_TIMEOUT_MS`) instead of
failing with "database is locked" when it tries to write on a snapshot that
another process has moved past (docs/decisions/015-two-processes-one-profile.md).

Given a key, the file is an SQLCipher database (:mod:`fieldapp.store.cipher`):
every page, and every frame of its WAL, is encrypted
(docs/decisions/017-encryption-at-rest.md). Without a key it is plain SQLite, as
tests and freshly made profiles use it until the first sign-in encrypts them.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from fieldapp.errors import (
    DiskFull,
    NewerDatabase,
    NotADatabase,
    ReadOnlyStore,
    StoreError,
)
from fieldapp.store import cipher, migrations

# Marks a file as ours, so that opening some other SQLite file by mistake is
# caught before anything is written to it ("FCAP" in ASCII).
APPLICATION_ID = 0x46434150
_SQLITE_HEADER = b"SQLite format 3\x00"

_FULL = {sqlite3.SQLITE_FULL}
_READONLY = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM}
_NOTADB = {sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT}
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}

#: How long a writer waits for another process's write transaction to end (milliseconds).
#: Long enough for a big sync page or a rebuild in another process; a wait this long
#: happens off the UI thread (the writer thread or the command line).
WRITE_BUSY_TIMEOUT_MS = 30_000
#: How long a reader waits (WAL readers wait only while a file is being recovered).
READ_BUSY_TIMEOUT_MS = 5_000


class OpenKeys:
    """The databases this process has open, by file, with the key of the encrypted ones.

    Readers (:func:`open_reader`) and the attachment store are made in many
    places from a path alone; while a :class:`Database` with a key is open they
    find its key here, and when the last one closes the key is forgotten.

    It also says whether a file is open here at all: then its first bytes must
    not be read through a handle of our own. POSIX drops every lock a process
    holds on a file when *any* of its handles on that file is closed, and
    SQLite relies on its shared lock on the database file to know that another
    process closing its connection is not the last one; without it, that
    process would checkpoint and delete the write-ahead log this one still
    writes to, and lose those writes.
    """

    def __init__(self) -> None:
        self._held: dict[Path, tuple[bytes | None, int]] = {}
        self._lock = threading.Lock()

    def hold(self, path: Path, key: bytes | None) -> None:
        """Remember that a database on ``path`` is open (with ``key`` if encrypted)."""
        with self._lock:
            _, count = self._held.get(path.resolve(), (key, 0))
            self._held[path.resolve()] = (key, count + 1)

    def release(self, path: Path) -> None:
        """One database on ``path`` closed; forget it (and its key) with the last one."""
        with self._lock:
            key, count = self._held.get(path.resolve(), (None, 0))
            if count <= 1:
                self._held.pop(path.resolve(), None)
            else:
                self._held[path.resolve()] = (key, count - 1)

    def get(self, path: Path) -> bytes | None:
        """The key of the open encrypted database on ``path``, if any."""
        with self._lock:
            held = self._held.get(path.resolve())
        return held[0] if held else None

    def is_open(self, path: Path) -> bool:
        """Whether a :class:`Database` on ``path`` is open in this process."""
        with self._lock:
            return path.resolve() in self._held


#: Keys of the encrypted databases open in this process.
open_keys = OpenKeys()


def translate(exc: sqlite3.Error, path: Path | str) -> StoreError:
    """Map an SQLite error onto a :class:`StoreError` with a sentence for the officer."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in _FULL or "disk is full" in text or "disk or database is full" in text:
        return DiskFull(
            "The disk is full, so nothing was saved. Free some space and try again; "
            "your draft is still here."
        )
    if primary in _READONLY or "readonly" in text or "unable to open" in text:
        return ReadOnlyStore(
            f"The data folder cannot be written ({path}). Check that the disk is not "
            "read-only and that you may write to the folder."
        )
    if primary in _NOTADB or "not a database" in text or "malformed" in text:
        return NotADatabase(
            f"{path} is damaged or is not a field-capture database; it was not changed."
        )
    if primary in _BUSY or "database is locked" in text:
        return StoreError(
            f"The local database ({path}) is busy: another copy of the program or a sync "
            "kept it for too long. Nothing was saved by this step; try again in a moment."
        )
    return StoreError(f"The local database could not be used ({path}): {exc}.")


@contextlib.contextmanager
def sqlite_errors(path: Path | str) -> Iterator[None]:
    """Re-raise SQLite errors inside the block as :class:`StoreError` sentences."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc


def is_plain(path: Path) -> bool:
    """Whether ``path`` is an unencrypted SQLite file (an encrypted one has no readable header)."""
    if open_keys.is_open(path):
        # Open here: known, and reading it through another handle would drop our locks.
        return open_keys.get(path) is None
    try:
        with path.open("rb") as fh:
            return fh.read(16) == _SQLITE_HEADER
    except OSError:
        return False


def _check_header(path: Path, key: bytes | None = None) -> None:
    if path.is_dir():
        raise NotADatabase(f"{path} is a folder, not a field-capture database; it was not changed.")
    if not path.exists() or path.stat().st_size == 0:
        return
    if open_keys.is_open(path):
        return  # checked when it was opened; see OpenKeys for why it is not read again
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise ReadOnlyStore(f"{path} cannot be read: {exc.strerror}.") from exc
    if key is not None:
        return  # an SQLCipher file's first page is ciphertext; a wrong key is caught on open
    if head != _SQLITE_HEADER:
        raise NotADatabase(
            f"{path} is not a field-capture database (it is not an SQLite file); it was "
            "not changed."
        )


def _connect(path: Path, readonly: bool, key: bytes | None = None) -> sqlite3.Connection:
    # isolation_level=None: the program decides where transactions start and end
    # (write_transaction issues BEGIN IMMEDIATE/COMMIT itself).
    if key is not None:
        conn = cipher.connect(path, key, readonly=readonly)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise NotADatabase(
                f"{path} cannot be opened with this key: it is damaged, not encrypted, or "
                "encrypted with another key. It was not changed."
            ) from exc
    elif readonly:
        uri = path.resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    timeout = READ_BUSY_TIMEOUT_MS if readonly else WRITE_BUSY_TIMEOUT_MS
    conn.execute(f"PRAGMA busy_timeout = {timeout}")
    return conn


def _use_wal(conn: sqlite3.Connection) -> str:
    """Switch the file to write-ahead logging (kept in the file); returns the mode in use.

    Switching needs the file to itself and SQLite does not wait for that, so
    when another process opens a new profile at the same moment, the switch is
    tried again for up to the write busy timeout.
    """
    deadline = time.monotonic() + WRITE_BUSY_TIMEOUT_MS / 1000
    while True:
        mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
        if mode == "wal":
            return mode
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        except sqlite3.OperationalError as exc:
            busy = (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in _BUSY
            if not busy or time.monotonic() > deadline:
                raise
        time.sleep(0.02)


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A write transaction begun with ``BEGIN IMMEDIATE``; a savepoint when one is open.

    Taking the write lock first means the transaction never has to upgrade a
    read snapshot to a write (which fails at once, whatever the busy timeout,
    when another process committed in between): it waits for its turn instead.
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():  # a savepoint inside the open transaction
            yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:  # an error may already have rolled it back
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


class Database:
    """The profile's database, opened for writing, migrated and configured."""

    def __init__(self, path: Path | str, *, create: bool = True, key: bytes | None = None) -> None:
        self.path = Path(path)
        #: The SQLCipher key, or None for a plain database.
        self.key = key
        if not create and not self.path.exists():
            raise StoreError(f"There is no field-capture database at {self.path}.")
        _check_header(self.path, key)
        if create:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ReadOnlyStore(
                    f"The data folder {self.path.parent} cannot be created: {exc.strerror}."
                ) from exc
        self.lock = threading.RLock()
        with sqlite_errors(self.path):
            conn = _connect(self.path, readonly=False, key=key)
            try:
                self._configure(conn)
            except BaseException:
                conn.close()
                raise
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self._closed = False
        open_keys.hold(self.path, key)

    def _configure(self, conn: sqlite3.Connection) -> None:
        # One read transaction: another process creating the profile at this moment
        # is seen either before or after its first migration, never half-way.
        conn.execute("BEGIN")
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        finally:
            if conn.in_transaction:  # only read: ending it so changes nothing
                conn.execute("ROLLBACK")
        if app_id not in (0, APPLICATION_ID) or (has_tables and app_id != APPLICATION_ID):
            raise NotADatabase(
                f"{self.path} is an SQLite file of another program, not a field-capture "
                "database; it was not changed."
            )
        if version > migrations.LATEST:
            raise NewerDatabase(
                f"{self.path} was written by a newer version of this program "
                f"(schema {version}, this one knows up to {migrations.LATEST}). "
                "Update the program; the data was not changed."
            )
        mode = _use_wal(conn)
        if mode != "wal":
            raise StoreError(f"{self.path} cannot use write-ahead logging (mode {mode}).")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version == migrations.LATEST:
            return
        # Another process may be creating or migrating the same profile right now:
        # under the write lock, migrations.apply reads the version again and skips
        # what that process already did.
        with write_transaction(sqlite_utils.Database(conn)) as db:
            if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            migrations.apply(db)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One atomic, durable unit of work; nested blocks become savepoints.

        The outermost block begins with ``BEGIN IMMEDIATE`` (see the module's
        docstring): another process's write makes it wait, not fail.
        """
        with self.lock, sqlite_errors(self.path), write_transaction(self.db) as db:
            yield db

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        """Run one statement on the writer connection, errors translated."""
        with self.lock, sqlite_errors(self.path):
            return self.conn.execute(sql, params)

    def close(self) -> None:
        """Close the connection (checkpointing the WAL when possible)."""
        with self.lock:
            self.conn.close()
            if not self._closed:
                open_keys.release(self.path)
            self._closed = True

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_reader(path: Path | str, key: bytes | None = None) -> sqlite3.Connection:
    """A read-only connection for queries run off the writer's thread.

    Without ``key``, the key of the profile if a store of this process has it open.
    """
    p = Path(path)
    if not p.exists():
        raise StoreError(f"There is no field-capture database at {p}.")
    if key is None:
        key = open_keys.get(p)
    _check_header(p, key)
    with sqlite_errors(p):
        conn = _connect(p, readonly=True, key=key)
        conn.execute("PRAGMA query_only = ON")
    return conn
