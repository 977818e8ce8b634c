"""One sync of a profile at a time: a lock file in the profile folder, across threads and processes.

The program syncs by itself (the connectivity watcher), the officer may press
"Sync now" in a second window, or run ``fieldapp sync`` beside the program:
two syncs of one profile would send the same events twice and race on the
pull cursor. :class:`SyncLock` takes an exclusive lock on ``sync.lock`` in
the profile folder: ``fcntl.flock`` on Linux and macOS, ``msvcrt.locking`` on
Windows. Both lock per open file, so two clients in one process exclude each
other as two processes do, and the operating system drops the lock when a
process dies, so a crashed sync never leaves the profile locked.

The file itself stays (it is empty): removing it while another process waits
on it would let two syncs in.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from types import TracebackType

from sync.errors import SyncError

__all__ = ["DEFAULT_LOCK_WAIT", "SYNC_LOCK_FILENAME", "SyncAlreadyRunning", "SyncLock"]

SYNC_LOCK_FILENAME = "sync.lock"
#: Seconds a sync waits for another sync of the same profile to end before giving up:
#: long enough for a usual sync to finish (the second one then finds little to do),
#: short enough that a sync stuck on a bad network is reported, not waited for.
DEFAULT_LOCK_WAIT = 30.0
_POLL = 0.05


class SyncAlreadyRunning(SyncError):
    """Another sync of the same profile holds the lock."""


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class SyncLock:
    """The exclusive right to sync the profile in ``data_dir``; use with ``with`` or acquire."""

    def __init__(self, data_dir: Path | str, wait: float = DEFAULT_LOCK_WAIT) -> None:
        self.path = Path(data_dir) / SYNC_LOCK_FILENAME
        self.wait = wait
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, waiting up to ``wait`` seconds for another sync to end.

        Raises :class:`SyncAlreadyRunning` when it is still held after that,
        and :class:`SyncError` when the lock file cannot be made.
        """
        if self._fd is not None:
            raise RuntimeError("this SyncLock is already held")
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise SyncError(
                f"A sync cannot start: the profile folder {self.path.parent} cannot be "
                f"written ({exc.strerror or exc})."
            ) from exc
        deadline = time.monotonic() + max(0.0, self.wait)
        try:
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    raise SyncAlreadyRunning(
                        "A sync of this profile is already running (in another window or "
                        "program on this computer), so this one did not start. Nothing is "
                        "lost: try again when that sync has finished."
                    )
                time.sleep(_POLL)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        """Let the next sync in (nothing happens when the lock is not held)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> SyncLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
