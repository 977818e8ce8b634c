"""One correction in an addendum: a field of the record, its value now, and the new value.

The fields offered are the record's own single values (a dotted path such as
``people.0.name``), without the identifying numbers and the narrative, which an
addendum never changes. The new value is typed, or is one of the two kinds of
empty the forms keep apart (unknown / refused / not recorded, not applicable).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.models import LOCKED_FIELDS
from ui.records.problems import ProblemLabel
from ui.records.sections import RecordHtml

#: Fields an addendum cannot correct: the identifying ones and the locked narrative.
UNCORRECTABLE = frozenset(LOCKED_FIELDS | {"narrative"})

#: How a correction's new value is given: a value, or one of the two kinds of empty.
VALUE, UNKNOWN, REFUSED, NOT_RECORDED, NOT_APPLICABLE = range(5)


def correctable_fields(data: dict[str, Any]) -> list[tuple[str, Any]]:
    """Every single value of a record an addendum may correct, as (dotted path, value)."""
    out: list[tuple[str, Any]] = []

    def walk(node: Any, path: list[str]) -> None:
        if isinstance(node, dict) and "empty" not in node:
            for key, child in node.items():
                if key.endswith("_hashes"):
                    continue
                walk(child, [*path, key])
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, [*path, str(index)])
        elif path:
            out.append((".".join(path), node))

    for key, value in data.items():
        if key not in UNCORRECTABLE:
            walk(value, [key])
    return out


class CorrectionRow(QWidget):
    """One correction: which field, its value now, and the new value."""

    def __init__(self, fields: list[tuple[str, Any]], doc: RecordHtml, parent: QWidget) -> None:
        super().__init__(parent)
        self._values = dict(fields)
        self._doc = doc
        self.field = QComboBox(self)
        self.field.setEditable(True)
        self.field.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Sized by the layout's stretch, not by the longest path (a long Spanish
        # caption would squeeze the new value to nothing); the list shows paths whole.
        self.field.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.field.setMinimumContentsLength(16)
        for path, _ in fields:
            self.field.addItem(doc.labels.path(path), path)
        completer = self.field.completer()
        assert completer is not None
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.field.setCurrentIndex(-1)
        self.current = QLabel(self)
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = QComboBox(self)
        for _ in range(5):
            self.kind.addItem("")
        self.value = QLineEdit(self)
        self.remove = QPushButton(self)
        self.remove.setAutoDefault(False)
        self.problem = ProblemLabel(self)

        line = QHBoxLayout()
        line.addWidget(self.field, 4)
        line.addWidget(self.kind, 1)
        line.addWidget(self.value, 3)
        line.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(line)
        layout.addWidget(self.current)
        layout.addWidget(self.problem)
        self.field.currentIndexChanged.connect(self._show_current)
        self.kind.currentIndexChanged.connect(lambda index: self.value.setEnabled(index == VALUE))
        self.retranslate()

    def _fit_lists(self) -> None:
        """Make the drop-down list and the completions wide enough for the longest path."""
        view = self.field.view()
        width = view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 8
        view.setMinimumWidth(width)
        completer = self.field.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None:
            popup.setMinimumWidth(width)

    def path(self) -> str | None:
        """The dotted path of the chosen field (None until one from the list is chosen)."""
        text = self.field.currentText()
        index = self.field.findText(text)
        return self.field.itemData(index) if index >= 0 else None

    def choose(self, path: str) -> None:
        """Pick the field at ``path``."""
        self.field.setCurrentIndex(self.field.findData(path))

    def correction(self) -> dict[str, Any]:
        """The correction as the core takes it; ValueError with a sentence if it is not one."""
        path = self.path()
        if path is None:
            raise ValueError(self.tr("Choose a field from the list."))
        kind = self.kind.currentIndex()
        if kind == NOT_APPLICABLE:
            return {"path": path, "value": {"empty": "not_applicable"}}
        if kind != VALUE:
            reason = {UNKNOWN: "unknown", REFUSED: "refused", NOT_RECORDED: "not_recorded"}[kind]
            return {"path": path, "value": {"empty": "no_information", "reason": reason}}
        return {"path": path, "value": self._parse(self._values.get(path), self.value.text())}

    def _parse(self, now: Any, text: str) -> Any:
        text = text.strip()
        if isinstance(now, bool):
            answer = text.casefold()
            if answer in ("yes", "y", "true", "1", "sí", "si", "s"):
                return True
            if answer in ("no", "n", "false", "0"):
                return False
            raise ValueError(self.tr("Type yes or no."))
        if isinstance(now, int):
            try:
                return int(text)
            except ValueError:
                raise ValueError(self.tr("Type a whole number.")) from None
        return text

    def _show_current(self) -> None:
        path = self.path()
        if path is None:
            self.current.setText("")
            return
        shown = self._doc.plain(self._values.get(path))
        self.current.setText(self.tr("Now: {value}").format(value=shown))

    def retranslate(self) -> None:
        """Captions in the current language."""
        editor = self.field.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(self.tr("Field to correct (type to find)"))
        for index, text in enumerate(
            (
                self.tr("New value"),
                self.tr("Unknown"),
                self.tr("Refused"),
                self.tr("Not recorded"),
                self.tr("Not applicable"),
            )
        ):
            self.kind.setItemText(index, text)
        self.value.setPlaceholderText(self.tr("New value"))
        self.remove.setText(self.tr("Remove"))
        for index in range(self.field.count()):
            self.field.setItemText(index, self._doc.labels.path(self.field.itemData(index)))
        self._fit_lists()
        self._show_current()
