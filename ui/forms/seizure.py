"""The seizures of an encounter: one card per seizure, each autosaved as a child draft.

The encounter form shows this section, asks it to place the core's problems
(paths ``("seizures", i, ...)``, ``i`` in the order the drafts were created)
and listens to ``changed``. Each seizure is a
:class:`~ui.forms.seizure_editor.SeizureEditor` that saves itself a moment
after each change, so a crash loses at most the last keystrokes.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from fieldapp.errors import Problem
from fieldapp.services.drafts import Draft
from ui.context import UiContext
from ui.forms.seizure_editor import SeizureEditor
from ui.forms.seizure_fields import problem_sentence, relative
from ui.forms.widgets import ErrorLabel

__all__ = ["SeizureEditor", "SeizureSection"]


class SeizureSection(QWidget):
    """The encounter's seizures (its child drafts), with "Add seizure"."""

    #: A seizure was added, removed or edited.
    changed = Signal()

    def __init__(
        self, ctx: UiContext, encounter_draft_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.encounter_draft_id = encounter_draft_id
        self.loaded = False
        self._checkpoint: str | None = None
        self._editors: list[SeizureEditor] = []
        self.hint = QLabel(self)
        self.hint.setEnabled(False)
        self.error = ErrorLabel(self)
        self._box = QVBoxLayout()
        self._box.setSpacing(12)
        self.add_button = QPushButton(self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_seizure)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.error)
        layout.addLayout(self._box)
        layout.addLayout(buttons)
        #: Asks before discarding a seizure; tests may replace it.
        self.confirm_remove: Callable[[SeizureEditor], bool] = self._ask_remove
        self.retranslate()
        ctx.writer.submit(
            lambda p: p.services.drafts.children(encounter_draft_id), on_done=self._loaded
        )

    def _loaded(self, drafts: list[Draft]) -> None:
        if not shiboken6.isValid(self):
            return
        # Seizures added meanwhile were created after these (one writer, in order): they go last.
        seizures = [d for d in drafts if d.record_type == "seizure"]
        for position, draft in enumerate(seizures):
            self._append(SeizureEditor(self.ctx, None, self, draft=draft), position)
        self.loaded = True
        self._renumber()

    def editors(self) -> list[SeizureEditor]:
        """The seizure editors, in the order their drafts were created."""
        return list(self._editors)

    def add_seizure(self) -> SeizureEditor:
        """Add a seizure and create its draft at once (so the drafts keep the on-screen order)."""
        editor = SeizureEditor(
            self.ctx,
            None,
            self,
            encounter_draft_id=self.encounter_draft_id,
            checkpoint=self._checkpoint,
        )
        self._append(editor)
        self._renumber()
        editor.save_now()
        editor.seized_at.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()
        return editor

    def _append(self, editor: SeizureEditor, position: int | None = None) -> None:
        editor.changed.connect(self.changed)
        editor.remove_requested.connect(self._remove_requested)
        if self._checkpoint:
            editor.set_checkpoint(self._checkpoint)
        position = len(self._editors) if position is None else position
        self._box.insertWidget(position, editor)
        self._editors.insert(position, editor)

    def _remove_requested(self, editor: SeizureEditor) -> None:
        if not self.confirm_remove(editor):
            return
        self._editors.remove(editor)
        self._box.removeWidget(editor)
        editor.discard()
        self._renumber()
        self.add_button.setFocus()
        self.changed.emit()

    def _ask_remove(self, editor: SeizureEditor) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Remove seizure"),
            self.tr("Remove seizure %1 and all its items? Its draft is thrown away.").replace(
                "%1", str(editor.number)
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _renumber(self) -> None:
        for index, editor in enumerate(self._editors):
            editor.set_number(index + 1)
        self.retranslate()

    # -- for the encounter form -----------------------------------------------------------------

    def show_problems(self, problems: list[Problem]) -> None:
        """Show the problems at ``("seizures", i, ...)`` in seizure ``i``'s editor."""
        self.clear_problems()
        per_editor: dict[int, list[Problem]] = {}
        general = []
        for problem in problems:
            path = problem.path
            if path[:1] != ("seizures",):
                continue
            if len(path) >= 2 and isinstance(path[1], int) and path[1] < len(self._editors):
                per_editor.setdefault(path[1], []).append(relative(problem, 2))
            else:
                general.append(problem_sentence(problem, self.ctx.language))
        for index, found in per_editor.items():
            self._editors[index].show_problems(found)
        self.error.show_text("\n".join(general))

    def clear_problems(self) -> None:
        """Hide every problem sentence."""
        self.error.clear_text()
        for editor in self._editors:
            editor.clear_problems()

    def set_checkpoint(self, checkpoint: str | None) -> None:
        """The encounter's checkpoint (time zone, legal powers, officers of the seizures)."""
        self._checkpoint = checkpoint
        for editor in self._editors:
            editor.set_checkpoint(checkpoint)

    def flush(self) -> None:
        """Save every seizure with changes waiting."""
        for editor in self._editors:
            editor.flush()

    def save_now(
        self, then: Callable[[], None] | None = None, failed: Callable[[str], None] | None = None
    ) -> None:
        """Save every seizure at once; ``then`` runs when all are durably saved (before finalize).

        ``failed`` gets the first failure's sentence instead.
        """
        waiting = list(self._editors)
        outcome: list[str] = []

        def one_done() -> None:
            waiting.pop()
            if not waiting and not outcome and then is not None:
                then()

        def one_failed(message: str) -> None:
            if not outcome:
                outcome.append(message)
                if failed is not None:
                    failed(message)

        if not waiting:
            if then is not None:
                then()
            return
        for editor in list(waiting):
            editor.save_now(one_done, one_failed)

    @property
    def pending(self) -> bool:
        """Whether any seizure has changes not yet durably saved."""
        return any(editor.pending for editor in self._editors)

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add seizure"))
        if not self.loaded:
            self.hint.setText(self.tr("Loading seizures…"))
        elif not self._editors:
            self.hint.setText(self.tr("No property seized. Add a seizure if property was taken."))
        else:
            self.hint.setText("")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
