"""The connectivity watcher: while events wait for HQ, look for HQ, and sync when it answers.

When the device is enrolled (and not revoked) and events wait, or the last
good sync is older than the check-in time (so that an idle laptop too hears
of new reference data and of its own revocation), the watcher asks HQ's
``/api/v1/health`` on a network thread; when HQ answers, it starts a sync
through the program's :class:`~ui.sync_run.SyncRunner`. When HQ does not
answer, it tries again later, waiting longer each time (exponential, with
jitter, so laptops that lost HQ together do not return together), up to a
ceiling. Every wait is a single-shot QTimer: the UI thread never blocks.

After a sync that ran to the end but left events waiting (HQ refused some),
it does not sync again on its own until something new waits: sending the same
refused events over and over helps nobody; the officer can still press "Sync
now". The probe, the timings, the clock and the random source are injectable,
so tests drive it without sleeping.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import Shiboken

from fieldapp.errors import KnownError
from fieldapp.events import now
from fieldapp.store.syncstate import SyncSummary, read_summary
from ui.tasks import Network

if TYPE_CHECKING:
    from sync.report import SyncReport
    from ui.context import UiContext

#: Says whether HQ at an address answers its health check (run on a network thread).
Probe = Callable[[str], bool]

#: What the watcher is doing (its ``state``): nothing to do, asking HQ, HQ did not answer,
#: a sync runs, the last sync failed (both of the last two wait until ``next_try_at``).
IDLE, PROBING, UNREACHABLE, SYNCING, RETRY = "idle", "probing", "unreachable", "syncing", "retry"


def probe_health(url: str, timeout: float = 5.0) -> bool:
    """True when HQ at ``url`` answers its health check with 200, in one try.

    The certificate is not checked here: the probe sends nothing but the
    question, and the sync it starts checks HQ's certificate against the
    pinned authority before sending anything, and says so when it fails
    (a failed probe would only look like "HQ unreachable").
    """
    import httpx2

    from sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION

    try:
        with httpx2.Client(
            timeout=timeout, headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)}, verify=False
        ) as client:
            return client.get(f"{url}{API_PREFIX}/health").status_code == 200
    except httpx2.HTTPError:
        return False


@dataclass(frozen=True)
class WatchPolicy:
    """How often the watcher looks, and how it backs off while HQ does not answer."""

    idle_seconds: float = 30.0
    """Between looks at what waits, while nothing does (or after a sync)."""
    first_retry_seconds: float = 15.0
    """Before the second probe when HQ did not answer; doubled for each later one."""
    max_retry_seconds: float = 600.0
    """The longest wait between probes."""
    check_in_seconds: float = 1800.0
    """With nothing waiting, a sync after this long since the last good one anyway: HQ's
    news (reference data, annotations, a revocation) reaches an idle laptop too."""

    def backoff(self, failures: int, rng: random.Random) -> float:
        """Seconds to wait after ``failures`` failed probes (1, 2, ...): half fixed, half random."""
        ceiling = min(self.max_retry_seconds, self.first_retry_seconds * 2.0 ** (failures - 1))
        return ceiling / 2 + rng.uniform(0, ceiling / 2)


class SyncWatcher(QObject):
    """Probes HQ while events wait and syncs when it answers; the status bar shows its state."""

    #: The state or the time of the next try changed.
    changed = Signal()

    def __init__(
        self,
        ctx: UiContext,
        probe: Probe | None = None,
        *,
        policy: WatchPolicy | None = None,
        clock: Callable[[], dt.datetime] = now,
        rng: random.Random | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.probe = probe or probe_health
        self.policy = policy or WatchPolicy()
        self.clock = clock
        self.rng = rng or random.Random()
        self.state = IDLE
        self.failures = 0
        """Probes (or syncs) in a row that did not reach HQ."""
        self.next_try_at: dt.datetime | None = None
        """When HQ is asked again, while it does not answer."""
        self.probes = 0
        self.stopped = True
        self._settled: int | None = None
        self._looking = False
        self.network = Network(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._look)
        runner = ctx.sync
        runner.started.connect(self._sync_started)
        runner.finished.connect(self._sync_finished)
        runner.enroll_finished.connect(self._something_new)
        ctx.signals.records_changed.connect(self._something_new)

    # -- running ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start watching (a first look at once)."""
        self.stopped = False
        self.check_soon()

    def stop(self) -> None:
        """Stop for good: no more timers, probes or syncs started; results still on the way
        are dropped."""
        self.stopped = True
        self._timer.stop()
        self.network.shutdown()

    def check_soon(self) -> None:
        """Look at what waits now, unless HQ is being waited for (its next try stays)."""
        if self.stopped or self.state in (PROBING, SYNCING) or self.failures:
            return
        self._schedule(0)

    def _something_new(self, *_: object) -> None:
        self.check_soon()

    def _schedule(self, seconds: float) -> None:
        if self.stopped:
            return
        self._timer.start(max(0, round(seconds * 1000)))

    def _set(self, state: str, next_try_at: dt.datetime | None = None) -> None:
        self.state = state
        self.next_try_at = next_try_at
        self.changed.emit()
        self.ctx.signals.sync_activity.emit()

    # -- one look --------------------------------------------------------------------------

    def _look(self) -> None:
        if self.stopped or self._looking:
            return
        if self.ctx.sync.running:
            return  # its end comes back through _sync_finished
        self._looking = True
        self.ctx.readers.submit(read_summary, on_done=self._read, on_error=self._read_failed)

    def _read_failed(self, error: BaseException) -> None:
        self._looking = False
        if not isinstance(error, KnownError):
            raise error
        self._schedule(self.policy.idle_seconds)

    def _read(self, summary: SyncSummary) -> None:
        self._looking = False
        if self.stopped or not Shiboken.isValid(self):
            return
        if self.ctx.sync.running:
            return
        if not self._worth_syncing(summary):
            self.failures = 0
            self._set(IDLE)
            self._schedule(self.policy.idle_seconds)
            return
        assert summary.hq_url is not None
        url = summary.hq_url
        probe = self.probe
        self.probes += 1
        self._set(PROBING, self.next_try_at)
        self.network.submit(lambda: probe(url), on_done=self._probed, on_error=self._probe_failed)

    def _worth_syncing(self, summary: SyncSummary) -> bool:
        if not summary.enrolled or summary.revoked:
            self._settled = None
            return False
        if summary.waiting == 0:
            self._settled = None
            return self._check_in_due(summary)
        # The last sync ran to the end and left these waiting (refused by HQ): nothing new.
        return self._settled is None or summary.waiting > self._settled

    def _check_in_due(self, summary: SyncSummary) -> bool:
        """Whether the last good sync (or the enrollment) is older than the check-in time."""
        last = summary.last_success_at or summary.enrolled_at
        if last is None:
            return True
        try:
            since = self.clock() - dt.datetime.fromisoformat(last)
        except (TypeError, ValueError):
            return True
        return since.total_seconds() >= self.policy.check_in_seconds

    def _probed(self, answered: bool) -> None:
        if self.stopped or self.state != PROBING:
            return  # stopped, or a sync the officer started came first
        if not answered:
            self._retry_later(UNREACHABLE)
            return
        self.failures = 0
        # The sync's start and end come back by the runner's signals.
        if not self.ctx.sync.sync():  # an enrollment runs: look again after it
            self._set(IDLE)
            self._schedule(self.policy.idle_seconds)

    def _probe_failed(self, error: BaseException) -> None:
        if self.stopped:
            return
        if not isinstance(error, KnownError):
            raise error
        self._retry_later(UNREACHABLE)

    def _retry_later(self, state: str) -> None:
        self.failures += 1
        wait = self.policy.backoff(self.failures, self.rng)
        self._set(state, self.clock() + dt.timedelta(seconds=wait))
        self._schedule(wait)

    # -- syncs, whoever started them -------------------------------------------------------

    def _sync_started(self) -> None:
        if self.stopped:
            return
        self._timer.stop()
        self._set(SYNCING)

    def _sync_finished(self, report: SyncReport) -> None:
        if self.stopped:
            return
        if report.error is not None:
            self._settled = None
            self._retry_later(RETRY)
            return
        self.failures = 0
        self._settled = report.waiting if report.waiting else None
        self._set(IDLE)
        self._schedule(self.policy.idle_seconds)
