"""Problems shown beside the field they concern, not in a box the officer must close.

The core reports each problem at a field location (``("received_by",
"officer_id")``); a dialog registers a label under each location it shows, and
:class:`ProblemRouter` puts every sentence (in the officer's language, from
:mod:`ui.messages`) under the closest one, or in the dialog's general line,
naming the field, when no field of the dialog matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from fieldapp.errors import Problem
from ui.messages import problem_text
from ui.records.field_names import FieldNames

Path = tuple[str | int, ...]


class ProblemLabel(QLabel):
    """A short red sentence under a field, hidden while there is nothing wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet("color: #b00020;")
        self.setVisible(False)

    def show_messages(self, messages: Sequence[str]) -> None:
        """Show these sentences (none hides the label)."""
        self.setText("\n".join(_sentence(m) for m in messages))
        self.setVisible(bool(messages))

    def clear_messages(self) -> None:
        """Nothing wrong here any more."""
        self.show_messages([])


def _sentence(message: str) -> str:
    message = message.strip()
    return message[:1].upper() + message[1:] if message else message


def related(path: Path, field: Path) -> bool:
    """Whether a problem at ``path`` concerns the field at ``field`` (one contains the other)."""
    shorter = min(len(path), len(field))
    return path[:shorter] == field[:shorter] and shorter > 0


class ProblemRouter:
    """Places each problem under the label of the field it concerns."""

    def __init__(self, general: ProblemLabel) -> None:
        self.general = general
        self._names = FieldNames()
        self._fields: list[tuple[Path, ProblemLabel]] = []

    def add(self, field: Path, label: ProblemLabel) -> None:
        """Show problems about ``field`` (or inside it) in ``label``."""
        self._fields.append((field, label))

    def clear(self) -> None:
        """Hide every sentence."""
        self.general.clear_messages()
        for _, label in self._fields:
            label.clear_messages()

    def show(self, problems: Iterable[Problem], language: str = "en") -> list[ProblemLabel]:
        """Show the problems in ``language``; returns the labels used, field labels first."""
        self.clear()
        placed: dict[int, tuple[ProblemLabel, list[str]]] = {}
        general: list[str] = []
        for problem in problems:
            label = self._label_for(problem.path)
            sentence = problem_text(problem, language)
            if label is None:
                # No field of this dialog shows it: say which field of the record it is.
                where = self._names.path(problem.path, language)
                general.append(f"{where}: {sentence}" if where else sentence)
            else:
                placed.setdefault(id(label), (label, []))[1].append(sentence)
        used = []
        for label, messages in placed.values():
            label.show_messages(messages)
            used.append(label)
        if general:
            self.general.show_messages(general)
            used.append(self.general)
        return used

    def _label_for(self, path: Path) -> ProblemLabel | None:
        best: tuple[int, ProblemLabel] | None = None
        for field, label in self._fields:
            if related(path, field):
                # The most specific field wins (a person's name over the person).
                score = min(len(field), len(path)) * 100 + len(field)
                if best is None or score > best[0]:
                    best = (score, label)
        return None if best is None else best[1]
