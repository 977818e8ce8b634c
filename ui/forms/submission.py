"""Checking and finalizing a draft: save everything first, then ask the core, in order.

Both run on the one writer thread after the last saves (the seizures' child
drafts, then the encounter's), so the core always judges what is on screen.
Outcomes come back as signals; an error the world caused is a sentence, a
bug is raised (loud in tests) and the draft stays as it was.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal

from fieldapp.errors import KnownError, Problem, RecordInvalid
from fieldapp.services.finalize import Finalized
from ui.context import UiContext
from ui.forms.autosave import Autosaver
from ui.forms.problems import check_draft
from ui.forms.seizure_host import SeizureHost


class Submission(QObject):
    """Runs "Check" and "Finalize" for one form's draft."""

    #: The core's problems now (list of Problem) and whether to go to the first one.
    checked = Signal(list, bool)
    #: Finalizing was refused: the problems (list of Problem).
    invalid = Signal(list)
    #: The draft became records.
    finalized = Signal(object)
    #: A sentence saying why nothing happened (disk full, draft changed elsewhere, ...).
    failed = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        saver: Autosaver,
        seizures: SeizureHost,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saver = saver
        self.seizures = seizures
        #: True from Finalize until its outcome arrives (a second Ctrl+Enter does nothing).
        self.finalizing = False

    def check(self, focus: bool = True) -> None:
        """Save, then report every problem finalizing would report."""
        self.saver.save_now(then=lambda: self.recheck(focus), failed=self.failed.emit)

    def recheck(self, focus: bool = False) -> None:
        """Report the problems of the draft as last saved (after an autosave)."""
        draft_id = self.saver.draft_id
        if draft_id is None or self.ctx.officer is None:
            return
        actor = self.ctx.officer.actor

        def report(problems: list[Problem]) -> None:
            if self._alive():
                self.checked.emit(problems, focus)

        self.ctx.writer.submit(
            lambda profile: check_draft(profile, draft_id, actor), report, self._failed
        )

    def finalize(self) -> None:
        """Save the seizures, then the encounter, then finalize them together."""
        if self.finalizing or self.ctx.officer is None:
            return
        self.finalizing = True
        self.seizures.save_all(
            then=lambda: self.saver.save_now(then=self._submit, failed=self._save_failed),
            failed=self._save_failed,
        )

    def _submit(self) -> None:
        draft_id = self.saver.draft_id
        assert draft_id is not None and self.ctx.officer is not None
        actor = self.ctx.officer.actor
        self.ctx.writer.submit(
            lambda profile: profile.services.finalizer.finalize(draft_id, actor),
            self._finalized,
            self._failed,
        )

    def _finalized(self, outcome: Finalized) -> None:
        ids = list(outcome.record_ids)
        self.ctx.signals.drafts_changed.emit()
        self.ctx.signals.records_changed.emit(ids)
        if self._alive():
            self.finalizing = False
            self.finalized.emit(outcome)

    def _save_failed(self, sentence: str) -> None:
        self.finalizing = False
        self.failed.emit(sentence)

    def _failed(self, error: BaseException) -> None:
        if not self._alive():
            return
        self.finalizing = False
        if isinstance(error, RecordInvalid):
            self.invalid.emit(list(error.problems))
        elif isinstance(error, KnownError):
            self.failed.emit(error.message)
        else:
            self.failed.emit(self.tr("Something went wrong; your draft is kept."))
            raise error

    def _alive(self) -> bool:
        return shiboken6.isValid(self)
