"""The common shape of the encounter form's sections.

Each section edits some top-level keys of the record: ``data()`` returns them
as plain JSON-ready values, ``set_data()`` shows them, and ``slots()`` says
where the problems of each field path go.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from ui.context import UiContext
from ui.forms.cards import PersonEntry
from ui.forms.widgets import ErrorLabel, JsonDict, Path, Rows, Slot


def ref_name(ctx: UiContext, entry: Any) -> str:
    """A reference-data entry's name in the officer's language."""
    if ctx.language == "es":
        return str(getattr(entry, "name_es", None) or getattr(entry, "name_en", None) or "")
    return str(getattr(entry, "name_en", None) or getattr(entry, "name", None) or "")


class Section(QFrame):
    """A titled part of a capture form."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 16)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        outer.addWidget(self.heading)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        outer.addWidget(line)
        #: Problems about the section as a whole.
        self.error = ErrorLabel(self)
        outer.addWidget(self.error)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        self.rows = Rows(self.form)

    def title_text(self) -> str:
        """The section's name, as its heading and the form's index show it."""
        return self.heading.text()

    def data(self) -> JsonDict:
        """The record keys this section edits."""
        raise NotImplementedError

    def set_data(self, data: JsonDict) -> None:
        """Show the record keys this section edits."""
        raise NotImplementedError

    def slots(self) -> dict[Path, Slot]:
        """Where each field path's problems go."""
        return {}

    def set_timezone(self, timezone: str) -> None:
        """The checkpoint (and so its time zone) changed."""

    def set_people(self, people: Sequence[PersonEntry]) -> None:
        """The people of the encounter changed (for person pickers)."""

    def retranslate(self) -> None:
        """Set every text (called again when the language changes)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
