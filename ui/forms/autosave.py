"""Autosaving a draft a moment after the officer stops typing, so nothing typed is lost.

Each change restarts a single-shot timer (~800 ms); when it fires the whole
draft is saved through the writer thread with the revision last seen, and the
revision the core returns is kept. One save is in flight at a time; changes
made meanwhile are saved right after it. When a save fails (disk full, a
read-only folder) the typed data stays in the form, the sentence is shown and
the next change tries again. A :class:`~fieldapp.services.drafts.DraftConflict`
(the draft was saved in another window) stops autosaving: the local text stays
on screen and nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from fieldapp.errors import KnownError
from fieldapp.profile import Profile
from fieldapp.services.drafts import Draft, DraftConflict
from ui.context import UiContext

log = logging.getLogger(__name__)

DELAY_MS = 800

Collect = Callable[[], dict[str, Any]]
Then = Callable[[], None]
Failed = Callable[[str], None]


class Autosaver(QObject):
    """Saves one draft in the background, debounced, keeping its revision."""

    #: The state shown by the indicator changed (saving, saved, failed).
    state_changed = Signal()
    #: A save completed: the draft as stored.
    saved = Signal(object)
    #: The draft was created by the first save: its id.
    created = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        record_type: str,
        collect: Collect,
        draft_id: str | None = None,
        revision: int | None = None,
        parent_id: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_type = record_type
        self.parent_id = parent_id
        self.draft_id = draft_id
        self.revision = revision
        self._collect = collect
        self.dirty = False
        self.saving = False
        self.saved_at: dt.datetime | None = None
        #: The last failure's sentence, or None.
        self.error: str | None = None
        self.conflict = False
        self.stopped = False
        self._waiters: list[tuple[Then, Failed | None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._save)

    def changed(self) -> None:
        """The officer changed something: save a moment after the last change."""
        if self.stopped:
            return
        self.dirty = True
        if not self.conflict:
            self._timer.start()
        self.state_changed.emit()

    def save_now(self, then: Then | None = None, failed: Failed | None = None) -> None:
        """Save at once (Ctrl+S, closing, before finalizing); ``then`` runs once all is saved."""
        if then is not None:
            self._waiters.append((then, failed))
        if self.conflict:
            self._release(self.error or "")
            return
        self._timer.stop()
        if self.saving:
            self.dirty = True  # save again after the one in flight, with the latest data
            return
        if self.dirty or self.draft_id is None:
            self._save()
        else:
            self._release(None)

    def flush(self) -> None:
        """Save now if anything is unsaved (closing the form)."""
        if self.dirty and not self.stopped and not self.conflict:
            self.save_now()

    def stop(self) -> None:
        """No more saves (the draft was finalized or discarded)."""
        self.stopped = True
        self._timer.stop()

    def _save(self) -> None:
        if self.stopped or self.conflict:
            return
        if self.saving:
            self.dirty = True
            return
        data = self._collect()
        self.dirty = False
        self.saving = True
        self.state_changed.emit()
        draft_id, revision = self.draft_id, self.revision
        actor = self.ctx.officer.actor if self.ctx.officer is not None else None
        record_type, parent_id = self.record_type, self.parent_id

        def write(profile: Profile) -> Draft:
            drafts = profile.services.drafts
            if actor is None:
                raise KnownError("Sign in before recording: drafts belong to an officer.")
            if draft_id is None:
                return drafts.create(actor, record_type, data, parent_id=parent_id)
            return drafts.save(draft_id, data, expected_revision=revision, actor=actor)

        self.ctx.writer.submit(write, self._done, self._failed)

    def _done(self, draft: Draft) -> None:
        if not shiboken6.isValid(self):
            return  # the form closed; the save itself is durable
        created = self.draft_id is None
        self.draft_id = draft.id
        self.revision = draft.revision
        self.saving = False
        self.error = None
        self.saved_at = dt.datetime.now()
        if created:
            self.created.emit(draft.id)
        self.saved.emit(draft)
        self.ctx.signals.drafts_changed.emit()
        if self.dirty and not self._timer.isActive():
            self._save()
        elif not self.dirty:
            self._release(None)
        self.state_changed.emit()

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            log.error("a draft save failed after its form closed", exc_info=error)
            return
        self.saving = False
        self.dirty = True  # the data on screen is still not saved: retry on the next change
        if isinstance(error, DraftConflict):
            self.conflict = True
        if isinstance(error, KnownError):
            self.error = error.message
        else:
            log.error("saving a draft failed", exc_info=error)
            self.error = self.tr("Could not save the draft: %1").replace("%1", str(error))
        self._release(self.error)
        self.state_changed.emit()
        if not isinstance(error, KnownError):
            raise error  # a bug: loud in tests, the typed data stays on screen

    def _release(self, error: str | None) -> None:
        waiters, self._waiters = self._waiters, []
        for then, failed in waiters:
            if error is None:
                then()
            elif failed is not None:
                failed(error)


class SaveIndicator(QLabel):
    """ "Saved 14:02:31" / "Saving…" / the failure's sentence, for one autosaver."""

    def __init__(self, saver: Autosaver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saver = saver
        self.setObjectName("saveIndicator")
        self.setWordWrap(True)
        saver.state_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the saver's state."""
        saver = self.saver
        if saver.error is not None:
            self.setStyleSheet("color: #b3261e;")
            self.setText(saver.error)
            return
        self.setStyleSheet("color: palette(mid);" if not saver.dirty else "")
        if saver.saving:
            self.setText(self.tr("Saving…"))
        elif saver.dirty:
            self.setText(self.tr("Not saved yet"))
        elif saver.saved_at is not None:
            self.setText(self.tr("Saved %1").replace("%1", saver.saved_at.strftime("%H:%M:%S")))
        elif saver.draft_id is None:
            self.setText(self.tr("Nothing typed yet"))
        else:
            self.setText(self.tr("Draft saved on this device"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)
