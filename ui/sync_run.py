"""Enrolling and syncing from the desktop program: one at a time, off the UI thread.

:class:`SyncRunner` is the one door to HQ for every screen: the Sync page's
buttons, "Close shift and sync" and the connectivity watcher all ask it, and
a request while a sync or an enrollment runs is refused (``False``), so a
second click never starts a second sync. The :class:`~sync.client.SyncClient`
runs on a network thread (:class:`ui.tasks.Network`); its reads and writes of
the profile go to the writer thread through :class:`WriterSyncState`, so the
writer stays the profile's only writer and is never held up by the network.
Progress and outcomes come back to the UI thread by signal.

When a sync pulled new reference data from HQ (or an enrollment brought HQ's),
the network thread reads it back from the profile and the UI thread puts it in
use (:meth:`ui.context.UiContext.use_reference`) before saying the sync ended:
forms opened from then on offer HQ's new checkpoints and legal powers.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from fieldapp.errors import KnownError
from fieldapp.events import now
from fieldapp.store.syncstate import Clock, SyncState
from ui.tasks import Network, Writer

if TYPE_CHECKING:
    from fieldapp.models.reference import ReferenceData
    from fieldapp.profile import Profile
    from fieldapp.store.store import Store
    from sync.client import SyncClient
    from sync.protocol import EnrollResponse
    from sync.report import SyncReport
    from ui.context import UiContext

T = TypeVar("T")

log = logging.getLogger(__name__)

#: Makes the sync client for a profile, given the state to keep (``SyncClient`` itself by
#: default; tests pass ``functools.partial(SyncClient, transport=...)``).
ClientFactory = Callable[..., "SyncClient"]

#: Which field of the enrollment form an enrollment problem belongs beside.
URL_FIELD, CODE_FIELD, CA_FIELD = "url", "code", "ca"

_inside_writer = threading.local()


class WriterSyncState(SyncState):
    """A :class:`SyncState` whose every public method runs on the profile's writer thread.

    Called from a network thread, a method waits for the writer to run it (in
    turn with the program's other writes); called from the writer itself, it
    runs at once. Every public method of :class:`SyncState` is routed, including
    any added later (a test checks).
    """

    def __init__(self, store: Store, writer: Writer, clock: Clock = now) -> None:
        super().__init__(store, clock)
        self.writer = writer

    def on_writer(self, fn: Callable[[], T]) -> T:
        """``fn()`` run on the writer thread (at once when already there)."""
        if getattr(_inside_writer, "active", False):
            return fn()

        def task(_profile: Profile) -> T:
            _inside_writer.active = True
            try:
                return fn()
            finally:
                _inside_writer.active = False

        return self.writer.call(task)


def _routed(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    def on_writer(self: WriterSyncState, *args: Any, **kwargs: Any) -> Any:
        return self.on_writer(lambda: method(self, *args, **kwargs))

    on_writer.__name__ = name
    on_writer.__doc__ = method.__doc__
    return on_writer


#: The methods of SyncState that reach the database (everything public but properties).
ROUTED = tuple(
    name
    for name, member in vars(SyncState).items()
    if not name.startswith("_") and callable(member) and not isinstance(member, property)
)
for _name in ROUTED:
    setattr(WriterSyncState, _name, _routed(_name, getattr(SyncState, _name)))


@dataclass(frozen=True)
class EnrollOutcome:
    """How an enrollment from the screen ended."""

    answer: EnrollResponse | None = None
    error: str | None = None
    """The sentence to show, when it failed."""
    field: str | None = None
    """The form field the problem is about (URL_FIELD, CODE_FIELD, CA_FIELD), or None."""

    @property
    def ok(self) -> bool:
        """True when the device is enrolled now."""
        return self.error is None


def enroll_problem_field(error: KnownError) -> str | None:
    """Beside which field an enrollment error is shown (the address, the code, neither)."""
    from sync import errors

    if isinstance(error, errors.EnrollmentRefused):
        return CODE_FIELD
    if isinstance(error, errors.UntrustedCertificate):
        return CA_FIELD  # HQ's certificate is not from the authority chosen
    if type(error) is errors.SyncError or isinstance(
        error, errors.HqUnreachable | errors.BadAnswer | errors.NotFound
    ):
        return URL_FIELD  # not a web address, nobody there, or not HQ there
    return None


class SyncRunner(QObject):
    """Runs one enrollment or sync at a time for the program, and says how it goes."""

    #: A sync started (after the officer's click, the watcher, or closing a shift).
    started = Signal()
    #: ``(phase, done, total)`` of the sync running (phases of ``sync.report``).
    progress = Signal(str, int, int)
    #: A sync ended: the :class:`sync.report.SyncReport` (its ``error`` says why it stopped).
    finished = Signal(object)
    #: An enrollment ended: an :class:`EnrollOutcome`.
    enroll_finished = Signal(object)
    #: Progress emitted on the network thread, queued to the UI thread.
    _moved = Signal(str, int, int)

    def __init__(
        self, ctx: UiContext, client: ClientFactory | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client = client
        self.network = Network(self)
        self.busy: str | None = None
        """"sync" or "enroll" while one runs, else None."""
        self.last_report: SyncReport | None = None
        self.closed = False
        self._moved.connect(self._relay_progress)

    @property
    def running(self) -> bool:
        """True while a sync or an enrollment runs."""
        return self.busy is not None

    def _make_client(self) -> SyncClient:
        """The client, on the network thread, keeping its state through the writer."""
        # The context's factory, read now: a test may set it after the runner was made.
        factory = self.client if self.client is not None else self.ctx.sync_client
        if factory is None:
            from sync.client import SyncClient

            factory = SyncClient
        writer = self.ctx.writer
        state = WriterSyncState(writer.profile.store, writer)
        return factory(writer.profile, state=state)

    def _stored_reference(self) -> ReferenceData | None:
        """The reference data now in the profile, read on the calling (network) thread.

        None when it cannot be read: the sync still counts, and the program
        keeps the data it has until it is started again (the reason is logged).
        """
        from fieldapp.reference import read_stored_reference
        from fieldapp.store.db import open_reader

        try:
            with contextlib.closing(open_reader(self.ctx.writer.profile.store.path)) as conn:
                return read_stored_reference(conn)
        except (KnownError, ValueError, sqlite3.Error) as exc:
            log.warning("HQ's new reference data cannot be put in use now: %s", exc)
            return None

    # -- syncing ---------------------------------------------------------------------------

    def sync(self) -> bool:
        """Start a sync; False (and nothing started) while another sync or enrollment runs."""
        if self.running or self.closed:
            return False
        self.busy = "sync"
        self.started.emit()
        moved = self._moved
        not_enrolled = self.tr(
            "This device is not enrolled with HQ yet, so it cannot sync. Enroll it on the Sync "
            "page with the one-time code HQ gives you."
        )

        def work() -> tuple[SyncReport, ReferenceData | None]:
            from sync.report import SyncReport

            with self._make_client() as client:
                if client.state.enrollment() is None:
                    # Not a failed sync: nothing is remembered as one.
                    report = SyncReport(waiting=client.state.summary().waiting, error=not_enrolled)
                    return report, None
                report = client.sync(progress=moved.emit)
            pulled = report.reference_version is not None
            return report, self._stored_reference() if pulled else None

        self.network.submit(work, on_done=self._synced, on_error=self._sync_failed)
        return True

    def _relay_progress(self, phase: str, done: int, total: int) -> None:
        if self.busy == "sync" and not self.closed:
            self.progress.emit(phase, done, total)

    def _synced(self, done: tuple[SyncReport, ReferenceData | None]) -> None:
        report, reference = done
        self.busy = None
        self.last_report = report
        if reference is not None and not self.closed:
            self.ctx.use_reference(reference)
        if report.pulled:
            # HQ's annotations and reference data: lists and records read again.
            self.ctx.signals.records_changed.emit([])
        self.finished.emit(report)

    def _sync_failed(self, error: BaseException) -> None:
        self.busy = None
        if not isinstance(error, KnownError):
            raise error
        # The profile could not be read or written (a full disk): said like any failure.
        from sync.report import SyncReport

        report = SyncReport(error=error.message)
        self.last_report = report
        self.finished.emit(report)

    # -- enrolling -------------------------------------------------------------------------

    def enroll(self, url: str, code: str, ca_file: str | None = None) -> bool:
        """Start enrolling with HQ at ``url`` (HQ's certificate authority in ``ca_file`` for
        https, or its SHA-256 fingerprint typed there instead); False while a sync or
        enrollment runs."""
        if self.running or self.closed:
            return False
        self.busy = "enroll"

        def work() -> tuple[EnrollOutcome, ReferenceData | None]:
            from sync.client import normalize_hq_url

            try:
                normalize_hq_url(url)
            except KnownError as exc:
                return EnrollOutcome(error=exc.message, field=URL_FIELD), None
            try:
                ca_pem, ca_sha256 = _authority(ca_file)
            except KnownError as exc:
                return EnrollOutcome(error=exc.message, field=CA_FIELD), None
            with self._make_client() as client:
                try:
                    answer = client.enroll(url, code, ca_pem=ca_pem, ca_sha256=ca_sha256)
                except KnownError as exc:
                    outcome = EnrollOutcome(error=exc.message, field=enroll_problem_field(exc))
                    return outcome, None
            # HQ's reference data came with the enrollment (when it is newer than ours).
            brought = answer.reference is not None
            return EnrollOutcome(answer=answer), self._stored_reference() if brought else None

        self.network.submit(work, on_done=self._enrolled, on_error=self._enroll_failed)
        return True

    def _enrolled(self, done: tuple[EnrollOutcome, ReferenceData | None]) -> None:
        outcome, reference = done
        self.busy = None
        if reference is not None and not self.closed:
            self.ctx.use_reference(reference)
        self.enroll_finished.emit(outcome)

    def _enroll_failed(self, error: BaseException) -> None:
        self.busy = None
        if not isinstance(error, KnownError):
            raise error
        self.enroll_finished.emit(EnrollOutcome(error=error.message))

    # -- the end ---------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Deliver nothing more; a request under way ends on its own (its thread is a daemon).

        Call before the writer shuts down: a sync still running then finds the
        writer closed at its next step and stops there; what HQ acknowledged
        and was recorded stays recorded, the rest is sent again next time.
        """
        self.closed = True
        self.network.shutdown()


def _authority(typed: str | None) -> tuple[str | None, str | None]:
    """``(ca_pem, ca_sha256)`` from the form's authority field: a file, or a fingerprint."""
    from pathlib import Path

    from sync import errors
    from sync.trust import read_ca_file, read_fingerprint

    if not typed:
        return None, None
    if not Path(typed).exists():
        try:
            return None, read_fingerprint(typed)
        except errors.SyncError:
            pass  # not a fingerprint either: say the file cannot be read
    return read_ca_file(typed), None


def progress_text(phase: str, done: int, total: int) -> str:
    """What a sync is doing, as a short phrase in the current language."""
    from sync.report import ATTACHMENTS, HEALTH, PULL, PUSH, WIPE

    if phase == HEALTH:
        return QCoreApplication.translate("SyncProgress", "Checking HQ…")
    if phase == WIPE:
        return QCoreApplication.translate(
            "SyncProgress", "HQ revoked this device: removing the records HQ holds…"
        )
    if phase == PUSH:
        text = QCoreApplication.translate("SyncProgress", "Sending events: {0} of {1}")
    elif phase == ATTACHMENTS:
        text = QCoreApplication.translate(
            "SyncProgress", "Uploading photos and signatures: {0} of {1}"
        )
    elif phase == PULL:
        text = QCoreApplication.translate("SyncProgress", "Receiving from HQ: {0} of {1}")
    else:
        return QCoreApplication.translate("SyncProgress", "Syncing…")
    return text.format(done, total)
