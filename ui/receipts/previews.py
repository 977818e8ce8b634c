"""Keeping a receipt's preview in step with the dialog: debounced, one render at a time.

The core renders the preview on the writer thread. Drawing a signature
produces a change per stroke, so a render waits for a quiet moment; a change
that arrives while one is rendering asks for one more afterwards, so the
latest state is always the one shown and the writer never holds a queue of
stale renders.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from fieldapp.errors import KnownError
from fieldapp.profile import Profile
from ui.context import UiContext

#: Quiet time after the last change before the preview is made again.
PREVIEW_DELAY_MS = 350

#: What to render now (run on the writer thread), or None when no preview is wanted.
Job = Callable[[Profile], bytes]


class PreviewMaker(QObject):
    """Asks for the preview ``job()`` describes, and says what came back."""

    #: The preview's PDF bytes.
    made = Signal(bytes)
    #: Why the core refuses the receipt (a sentence naming the blank field, ...).
    refused = Signal(str)

    def __init__(
        self, ctx: UiContext, job: Callable[[], Job | None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job = job
        #: A render is on the writer thread now.
        self.running = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.now)

    def later(self) -> None:
        """Render after a quiet moment (restarted by every change)."""
        self._timer.start()

    def stop(self) -> None:
        """Forget a render that was waiting for a quiet moment."""
        self._timer.stop()

    def now(self) -> None:
        """Render at once, or right after the render under way."""
        self._timer.stop()
        if self.ctx.writer.closed:
            return  # the profile is closing: a preview has no one to show it to
        if self.running:
            self._again = True
            return
        job = self.job()
        if job is None:
            return
        self.running = True
        self.ctx.writer.submit(job, self._made, self._failed)

    def _made(self, pdf: bytes) -> None:
        if not shiboken6.isValid(self):
            return
        self.running = False
        self.made.emit(pdf)
        self._next()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, KnownError):
            raise error
        if not shiboken6.isValid(self):
            return
        self.running = False
        self.refused.emit(error.message)
        self._next()

    def _next(self) -> None:
        if self._again:
            self._again = False
            self.now()
