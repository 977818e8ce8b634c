"""The one exception tree of the core.

Every error the core raises on purpose is a :class:`FieldappError`. They come in
two kinds, and callers treat them differently:

* :class:`KnownError` -- caused by the world or by the person (bad input, a full
  disk, a read-only folder, a tampered log). Each carries a sentence that can
  be shown as it is: in the UI beside the field, in the CLI on stderr.
* :class:`BugError` -- something that should be impossible; it is allowed to
  crash loudly so that tests catch it.

::

    FieldappError
    +-- KnownError
    |   +-- RecordInvalid          a record breaks structure or a business rule
    |   +-- NotFound               no such record or draft
    |   +-- RecordLocked           a finalized record cannot be changed in place
    |   +-- PermissionDenied       the officer's role does not allow the action
    |   +-- StoreError             the local database cannot be used
    |   |   +-- NotADatabase       the file is corrupt or not ours
    |   |   +-- NewerDatabase      written by a newer version of the program
    |   |   +-- DiskFull           nothing more can be written
    |   |   +-- ReadOnlyStore      the folder or file cannot be written
    |   +-- IntegrityFailure       the event log is not intact (verify)
    |   +-- EventRejected          a foreign event cannot be accepted
    |   +-- SyncMismatch           HQ's account of this device's log disagrees with it
    +-- BugError

Low-level errors are re-raised with ``raise ... from exc`` so the cause stays
visible in logs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class FieldappError(Exception):
    """Base of every error the core raises on purpose."""


class KnownError(FieldappError):
    """An expected error whose message is a sentence fit for the officer."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BugError(FieldappError):
    """An impossible state: a defect in the program, not in the input."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record, placed at the field it concerns.

    ``path`` is the field location (``("items", 2, "gross_weight")``),
    ``code`` a stable identifier the UI can translate, ``message`` an English
    sentence naming the field.
    """

    path: tuple[str | int, ...]
    code: str
    message: str

    @property
    def field(self) -> str:
        """The location as text, e.g. ``items[2].gross_weight``."""
        return format_path(self.path)

    def __str__(self) -> str:
        where = self.field
        return f"{where}: {self.message}" if where else self.message


def format_path(path: Sequence[str | int]) -> str:
    """Render a field location the way officers and developers read it."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class RecordInvalid(KnownError):
    """A record cannot be saved or finalized; ``problems`` says why, per field."""

    def __init__(self, what: str, problems: Sequence[Problem]) -> None:
        self.what = what
        self.problems = tuple(problems)
        lines = "; ".join(str(p).rstrip(".") for p in self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(f"The {what} is not valid: {lines}{more}.")


class NotFound(KnownError):
    """No record, draft or event with that id."""


class RecordLocked(KnownError):
    """The record is finalized; only an addendum can change it."""


class PermissionDenied(KnownError):
    """The acting officer's role does not allow this action."""


class DeviceLocked(PermissionDenied):
    """HQ revoked this device: it records nothing more (see :mod:`fieldapp.store.wipe`)."""


class StoreError(KnownError):
    """The local database cannot be opened or written."""


class ProfileInUse(StoreError):
    """Another program (or this one) has the profile open, so it cannot be replaced now."""


class NotADatabase(StoreError):
    """The file is damaged or is not a field-capture database."""


class NewerDatabase(StoreError):
    """The database was written by a newer version of the program."""


class DiskFull(StoreError):
    """The disk is full; nothing was saved by the failed action."""


class ReadOnlyStore(StoreError):
    """The database or its folder cannot be written."""


class IntegrityFailure(KnownError):
    """The event log is not intact; the message names the first bad event."""

    def __init__(self, message: str, event_id: str | None = None) -> None:
        super().__init__(message)
        self.event_id = event_id


class EventRejected(KnownError):
    """An event from another origin failed verification and was not stored."""


class SyncMismatch(KnownError):
    """HQ acknowledges events this device does not hold, or holds with other content."""
