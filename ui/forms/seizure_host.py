"""Where the encounter form holds the seizure editor, loaded lazily.

The seizure editor (``ui.forms.seizure.SeizureSection``) is written and
shipped separately; if it cannot be imported the encounter form still works,
without a seizure section. Seizures are child drafts of the encounter draft,
saved by the seizure editor itself, so the editor is made only once the
encounter draft exists.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from fieldapp.errors import Problem
from ui.context import UiContext
from ui.forms.section import Section
from ui.forms.widgets import JsonDict, Path, Slot

log = logging.getLogger(__name__)


#: Makes the seizure editor: ``SeizureSection(ctx, encounter_draft_id, parent)``.
EditorFactory = Callable[[UiContext, str, QWidget], QWidget]


def load_seizure_editor() -> EditorFactory | None:
    """The seizure editor class, or None (logged) when it cannot be loaded."""
    try:
        module = importlib.import_module("ui.forms.seizure")
        editor: EditorFactory = module.SeizureSection
    except Exception:
        log.exception("the seizure editor could not be loaded; the form shows no seizures")
        return None
    return editor


class SeizureHost(Section):
    """The "Seizures" section: an "Add seizure" button and the seizure editor."""

    def __init__(
        self,
        ctx: UiContext,
        ensure_draft: Callable[[Callable[[str], None]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        #: Calls back with the encounter draft's id once it exists (saving first if needed).
        self._ensure_draft = ensure_draft
        self.editor_class = load_seizure_editor()
        self.editor: Any = None
        self._checkpoint: str | None = None
        self._holder = QVBoxLayout()
        self._holder.setContentsMargins(0, 0, 0, 0)
        holder = QWidget()
        holder.setLayout(self._holder)
        self.form.addRow(holder)
        self.add_button = QPushButton()
        self.add_button.setAutoDefault(True)
        self.add_button.clicked.connect(self.add_seizure)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.form.addRow(row)
        self.setVisible(self.editor_class is not None)
        self.retranslate()

    @property
    def available(self) -> bool:
        """Whether the seizure editor could be loaded."""
        return self.editor_class is not None

    def attach(self, draft_id: str) -> None:
        """Make the seizure editor for this encounter draft (once)."""
        if self.editor is not None or self.editor_class is None:
            return
        try:
            self.editor = self.editor_class(self.ctx, draft_id, self)
        except Exception:
            log.exception("the seizure editor failed to start; the form shows no seizures")
            self.editor_class = None
            self.setVisible(False)
            return
        self._holder.addWidget(self.editor)
        self.editor.show()
        changed = getattr(self.editor, "changed", None)
        if changed is not None:
            changed.connect(self.changed)
        if self._checkpoint is not None:
            self.set_checkpoint(self._checkpoint)
        # The editor brings its own "Add seizure"; ours only stood in until the draft existed.
        if hasattr(self.editor, "add_seizure") and hasattr(self.editor, "add_button"):
            self.add_button.hide()

    def add_seizure(self) -> None:
        """Add a seizure: make sure the encounter draft exists, then ask the editor for one."""

        def ready(draft_id: str) -> None:
            self.attach(draft_id)
            add = getattr(self.editor, "add_seizure", None)
            if callable(add):
                add()

        self._ensure_draft(ready)

    def set_checkpoint(self, checkpoint: str) -> None:
        """The encounter's checkpoint (the seizures' time zone, powers and officers)."""
        self._checkpoint = checkpoint
        method = getattr(self.editor, "set_checkpoint", None)
        if callable(method):
            method(checkpoint)

    def save_all(self, then: Callable[[], None], failed: Callable[[str], None]) -> None:
        """Have the editor save every seizure now; ``then`` once all are durably saved."""
        save_now = getattr(self.editor, "save_now", None)
        if callable(save_now):
            save_now(then, failed)
            return
        flush = getattr(self.editor, "flush", None)
        if callable(flush):
            flush()  # saves go through the one writer, in order, before what follows
        then()

    def show_problems(self, problems: Sequence[Problem]) -> bool:
        """Hand the child seizures' problems to the editor; False if there is none."""
        method = getattr(self.editor, "show_problems", None)
        if not callable(method):
            return False
        method(list(problems))
        return True

    def data(self) -> JsonDict:
        return {}  # seizures are child drafts, saved by the editor itself

    def set_data(self, data: JsonDict) -> None:
        pass

    def slots(self) -> dict[Path, Slot]:
        return {("seizures",): Slot(self.error, self.add_button)}

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Seizures"))
        self.add_button.setText(self.tr("Add seizure"))
