"""What one sync did and what is left, with the one sentence the officer reads.

A :class:`SyncReport` is filled in as the steps run, so that when a step fails
the report still says what the earlier ones achieved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sync.protocol import QuarantinedEvent

HEALTH, PUSH, ATTACHMENTS, PULL = "health", "push", "attachments", "pull"
PHASES = (HEALTH, PUSH, ATTACHMENTS, PULL)
"""The steps of a sync, in order, as a progress hook names them."""
WIPE = "wipe"
"""A revoked device removing the records HQ holds (instead of the steps above)."""

Progress = Callable[[str, int, int], None]
"""A progress hook: ``(phase, done, total)``, called as each step starts and advances.

``done`` never exceeds ``total``; ``total`` is what the step knows of when it
starts (events waiting, files missing at HQ, HQ events after the cursor) and
may grow when HQ turns out to hold less than it said. Called on the thread
that runs the sync.
"""


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


@dataclass
class SyncReport:
    """The outcome of a sync (or of one of its steps)."""

    pushed: int = 0
    """Events sent to HQ, counting re-sends."""
    accepted: int = 0
    """Events HQ stored for the first time."""
    duplicates: int = 0
    """Events HQ already held (sent again after a lost answer: harmless)."""
    acked: int = 0
    """Events newly marked here as held by HQ."""
    acked_seq: int = 0
    """HQ holds every event of this device up to this seq."""
    quarantined: list[QuarantinedEvent] = field(default_factory=list)
    """Events HQ refused in this sync, with HQ's reasons."""
    pulled: int = 0
    """HQ events newly taken in (reference data, annotations, revocations)."""
    reference_version: int | None = None
    """The reference data version now in use, when this sync brought a new one."""
    attachments_sent: int = 0
    attachments_expected: int = 0
    attachments_present: int = 0
    attachments_missing_here: list[str] = field(default_factory=list)
    """Files HQ expects that are not (intact) on this device."""
    waiting: int = 0
    """This device's events HQ has still not acknowledged, after the sync."""
    revoked: bool = False
    """HQ revoked this device."""
    wipe_requested: bool = False
    """HQ asked this revoked device to remove the records HQ holds."""
    records_wiped: int | None = None
    """Records this sync removed at HQ's request (None: no wipe in this sync)."""
    records_kept: int = 0
    """Records a wipe kept because HQ does not hold them wholly (with their files)."""
    wipe_reported: bool = False
    """HQ has the report of this device's wipe (sent in this sync or earlier)."""
    wipe_problem: str | None = None
    """Why the revocation could not be settled with HQ in this sync (tried again next time)."""
    error: str | None = None
    """Why the sync stopped, as a sentence; None when every step ran."""

    @property
    def ok(self) -> bool:
        """True when every step ran, HQ holds everything, and nothing was refused."""
        return (
            self.error is None
            and self.waiting == 0
            and not self.quarantined
            and not self.attachments_missing_here
            and not self.revoked
        )

    def wipe_sentence(self) -> str:
        """What a revoked device did about HQ's revocation, in a sentence or two."""
        parts = ["This device is locked."]
        if self.records_wiped is not None:
            parts.append(
                f"At HQ's request {_count(self.records_wiped, 'record')} HQ holds "
                f"{'was' if self.records_wiped == 1 else 'were'} removed from it"
                + (
                    f"; {_count(self.records_kept, 'record')} HQ has not received wholly "
                    f"{'is' if self.records_kept == 1 else 'are'} kept."
                    if self.records_kept
                    else "."
                )
            )
        if self.wipe_problem is not None:
            parts.append(
                f"HQ could not be told yet ({self.wipe_problem.rstrip('.')}); the next sync "
                "tries again."
            )
        elif self.wipe_reported:
            parts.append("HQ has the signed report of the wipe.")
        return " ".join(parts)

    def sentence(self) -> str:
        """One sentence (or two) saying what happened and what still waits for HQ."""
        if self.ok:
            return (
                f"Sync complete: {_count(self.pushed, 'event')} sent "
                f"({self.accepted} new at HQ), {_count(self.pulled, 'event')} received from HQ, "
                f"{_count(self.attachments_sent, 'file')} uploaded; nothing waits for HQ."
            )
        parts = []
        if self.error is not None:
            parts.append(f"Sync failed: {self.error.rstrip('.')}.")
        elif self.revoked:
            parts.append("HQ has revoked this device; it can no longer sync.")
        if self.revoked:
            parts.append(self.wipe_sentence())
        if self.quarantined:
            first = self.quarantined[0]
            more = len(self.quarantined) - 1
            also = f" (and {more} more)" if more else ""
            parts.append(
                f"HQ refused {_count(len(self.quarantined), 'event')} of this device: "
                f"#{first.seq}: {first.reason.rstrip('.')}{also}."
            )
        if self.attachments_missing_here:
            n = len(self.attachments_missing_here)
            files = "photo or signature file" if n == 1 else "photo or signature files"
            parts.append(f"{n} {files} HQ expects cannot be read on this device.")
        if self.revoked:
            pass  # a revoked device sends nothing more: "waiting" says nothing useful
        elif self.waiting:
            verb = "waits" if self.waiting == 1 else "wait"
            parts.append(f"{_count(self.waiting, 'event')} still {verb} for HQ.")
        else:
            parts.append("No event waits for HQ.")
        return " ".join(parts)
