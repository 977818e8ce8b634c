"""The demo's own HQ, started once the sign-in window is up, so Sync works in the demo.

HQ (:class:`sync.demo.DemoHq`) starts on a background thread, never on the
UI thread's way to the first window; the demo profile is then enrolled with
it through the program's sync runner, like an officer enrolling from the Sync
page. At exit HQ stops and its folder is removed, even when it was still
starting.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import Shiboken

from ui.context import UiContext
from ui.sync_run import EnrollOutcome

log = logging.getLogger(__name__)

#: Wait after the first window appears before starting HQ (ms): the first paint comes first.
START_DELAY_MS = 600


class DemoHqService(QObject):
    """Starts the demo HQ in the background, enrolls the demo profile, stops HQ at exit."""

    #: HQ answers at this address, and the demo profile is enrolled with it.
    enrolled = Signal(str)
    #: HQ could not be started or the profile not enrolled: the sentence why.
    failed = Signal(str)
    _started = Signal(str, str)
    _start_failed = Signal(str)

    def __init__(self, ctx: UiContext, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from sync.demo import DemoHq

        self.ctx = ctx
        self.hq = DemoHq(folder)
        self.url: str | None = None
        self._enrolling = False
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._started.connect(self._enroll)
        self._start_failed.connect(self._failed)
        ctx.sync.enroll_finished.connect(self._enroll_finished)

    def start(self, delay_ms: int = START_DELAY_MS) -> None:
        """Start HQ on a background thread after ``delay_ms``."""
        QTimer.singleShot(delay_ms, self._start_now)

    def _start_now(self) -> None:
        if self._stopping.is_set() or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="demo-hq-start", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from fieldapp.errors import KnownError

        try:
            url = self.hq.start()
            code = self.hq.enroll_code()
        except KnownError as exc:
            self._start_failed.emit(exc.message)
            return
        except Exception as exc:  # an HQ that cannot start leaves the demo without Sync
            log.exception("the demo HQ did not start")
            self._start_failed.emit(f"{type(exc).__name__}: {exc}")
            return
        if not self._stopping.is_set():
            self._started.emit(url, code)

    def _enroll(self, url: str, code: str) -> None:
        if self._stopping.is_set() or not Shiboken.isValid(self):
            return
        self.url = url
        self._enrolling = self.ctx.sync.enroll(url, code)
        if not self._enrolling:  # a sync or enrollment runs: a moment later
            QTimer.singleShot(1000, lambda: self._enroll(url, code))

    def _enroll_finished(self, outcome: EnrollOutcome) -> None:
        if not self._enrolling or self._stopping.is_set():
            return  # an enrollment from the Sync page, or the end
        self._enrolling = False
        if outcome.ok:
            log.info("the demo profile is enrolled with the demo HQ at %s", self.url)
            self.enrolled.emit(self.url)
        else:
            self._failed(outcome.error or "")

    def _failed(self, reason: str) -> None:
        if self._stopping.is_set():
            return
        sentence = self.tr("The demo HQ is not available, so Sync cannot be tried: {0}").format(
            reason
        )
        log.warning("%s", sentence)
        self.ctx.signals.message.emit(sentence)
        self.failed.emit(sentence)

    def stop(self) -> None:
        """Stop HQ (waiting for it to finish starting, if it was) and remove its folder."""
        self._stopping.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=30)
        self.hq.stop()
