"""Small field widgets shared by the capture forms (import them from :mod:`ui.forms.widgets`).

The paper forms keep two kinds of "empty" apart (not applicable, and no
information: unknown / refused / not recorded); :class:`OptionalText` and the
date widgets carry that choice next to the value, so a blank field is never
mistaken for a guess. Every field sits in a :class:`FieldBox` with an
:class:`ErrorLabel` under it, where the core's problems for that field appear.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QValidator, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

Path = tuple[str | int, ...]
JsonDict = dict[str, Any]


class Empty(Enum):
    """The kinds of "empty" a field may hold instead of a value."""

    UNKNOWN = "unknown"
    REFUSED = "refused"
    NOT_RECORDED = "not_recorded"
    NOT_APPLICABLE = "not_applicable"

    @property
    def marker(self) -> JsonDict:
        """The value as the record stores it."""
        if self is Empty.NOT_APPLICABLE:
            return {"empty": "not_applicable"}
        return {"empty": "no_information", "reason": self.value}


def empty_of(value: object) -> Empty | None:
    """The kind of empty a stored value is, or None for a real value."""
    if not isinstance(value, dict) or "empty" not in value:
        return None
    if value.get("empty") == "not_applicable":
        return Empty.NOT_APPLICABLE
    try:
        return Empty(value.get("reason", "unknown"))
    except ValueError:
        return Empty.UNKNOWN


def empty_labels() -> dict[Empty, str]:
    """The officer-facing names of the kinds of empty, in the current language."""
    return {
        Empty.UNKNOWN: QCoreApplication.translate("Empty", "Unknown"),
        Empty.REFUSED: QCoreApplication.translate("Empty", "Refused"),
        Empty.NOT_RECORDED: QCoreApplication.translate("Empty", "Not recorded"),
        Empty.NOT_APPLICABLE: QCoreApplication.translate("Empty", "Not applicable"),
    }


class ErrorLabel(QLabel):
    """The sentence under a field saying what is wrong with it; hidden when nothing is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("fieldError")
        self.setStyleSheet("color: #b3261e;")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.hide()

    def show_text(self, text: str) -> None:
        """Show one or more sentences under the field."""
        self.setText(text)
        self.setVisible(bool(text))

    def clear_text(self) -> None:
        """Remove the message."""
        self.setText("")
        self.hide()


@dataclass(frozen=True)
class Slot:
    """Where the problems of one field go, and what gets focus to fix them."""

    error: ErrorLabel
    focus: QWidget


class FieldBox(QWidget):
    """An editor with its error label under it."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        self.editor = editor
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self.setFocusProxy(editor)

    def slot(self) -> Slot:
        """This field's slot for problems."""
        return Slot(self.error, focus_target(self.editor))


def focus_target(widget: QWidget) -> QWidget:
    """The widget that should take the keyboard focus for ``widget``."""
    proxy = widget.focusProxy()
    while proxy is not None and proxy is not widget:
        widget = proxy
        proxy = widget.focusProxy()
    return widget


class Rows:
    """The labelled rows of a form section, kept by key for retranslation and visibility."""

    def __init__(self, layout: QFormLayout) -> None:
        self.layout = layout
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout.setVerticalSpacing(8)
        self.labels: dict[str, QLabel] = {}
        self.boxes: dict[str, FieldBox] = {}

    def add(self, key: str, editor: QWidget) -> Slot:
        """Add a labelled field; its label text is set later by ``label(key).setText``."""
        label = QLabel()
        label.setMinimumWidth(150)
        box = FieldBox(editor)
        label.setBuddy(focus_target(editor))
        self.layout.addRow(label, box)
        self.labels[key] = label
        self.boxes[key] = box
        return box.slot()

    def label(self, key: str) -> QLabel:
        """The label of a row."""
        return self.labels[key]

    def set_visible(self, key: str, visible: bool) -> None:
        """Show or hide a whole row (label, field and its error)."""
        self.layout.setRowVisible(self.boxes[key], visible)


def quiet_wheel(widget: QWidget, event: QWheelEvent) -> bool:
    """Whether a wheel event must not change this widget: only a focused field changes.

    Scrolling a long form over a combo box would otherwise silently change a
    value the officer never looked at.
    """
    if widget.hasFocus():
        return False
    event.ignore()
    return True


#: The item data of "no choice". Never ``None``: PySide6 6.12 loses a reference to
#: ``None`` each time item data holding it is read (``currentData``, ``itemData``),
#: until the interpreter aborts ("deallocating None").
_NO_CHOICE = ""


class EnumCombo(QComboBox):
    """A choice among codes with translated labels; an optional "Choose…" entry means none."""

    def __init__(
        self,
        values: Sequence[str] = (),
        placeholder: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContentsOnFirstShow)
        self._placeholder = placeholder
        if placeholder:
            self.addItem("", _NO_CHOICE)
        for value in values:
            self.addItem(value, value)

    def set_values(self, values: Sequence[str], labels: Mapping[str, str]) -> None:
        """Replace the codes offered, keeping the current one (added raw if not offered)."""
        current = self.value()
        self.blockSignals(True)
        self.clear()
        if self._placeholder:
            self.addItem("", _NO_CHOICE)
        for value in values:
            self.addItem(labels.get(value, value), value)
        self.blockSignals(False)
        self.set_value(current)

    def set_labels(self, labels: Mapping[str, str], placeholder: str = "") -> None:
        """Set the text shown for the placeholder and for each code given (others keep theirs)."""
        for index in range(self.count()):
            value = self.itemData(index)
            if value == _NO_CHOICE:
                self.setItemText(index, placeholder)
            elif value in labels:
                self.setItemText(index, labels[value])

    def value(self) -> str | None:
        """The chosen code, or None."""
        data = self.currentData()
        return None if data is None or data == _NO_CHOICE else str(data)

    def set_value(self, value: str | None) -> None:
        """Choose a code; an unknown code is added as is so nothing read back is lost."""
        index = self.findData(value) if value else (0 if self._placeholder else -1)
        if index < 0 and value:
            self.addItem(str(value), value)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0) if self.count() else -1)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not quiet_wheel(self, event):
            super().wheelEvent(event)


class EmptyChoice(EnumCombo):
    """The combo beside a value: "as typed", or one of the kinds of empty."""

    def __init__(self, empties: Sequence[Empty], parent: QWidget | None = None) -> None:
        super().__init__([e.value for e in empties], placeholder=True, parent=parent)
        self.empties = tuple(empties)

    def empty(self) -> Empty | None:
        """The chosen kind of empty, or None when the typed value counts."""
        value = self.value()
        return None if value is None else Empty(value)

    def set_empty(self, empty: Empty | None) -> None:
        """Choose a kind of empty (None: the typed value)."""
        self.set_value(None if empty is None else empty.value)

    def retranslate(self) -> None:
        labels = empty_labels()
        self.set_labels({e.value: labels[e] for e in self.empties}, "—")


class OptionalText(QWidget):
    """A text field that may instead be unknown, refused or not applicable.

    Typing a value chooses "as typed"; choosing a kind of empty clears the text
    (its name shows as the placeholder). A blank field with no choice stores
    ``blank`` (by default "not recorded"), never an empty string.
    """

    changed = Signal()

    def __init__(
        self,
        empties: Sequence[Empty] = (Empty.UNKNOWN, Empty.REFUSED),
        blank: Empty = Empty.NOT_RECORDED,
        *,
        validator: QValidator | None = None,
        upper: bool = False,
        integer: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.blank = blank
        #: A short format hint shown before the empty's name, e.g. "YYYY-MM-DD".
        self.hint = ""
        self.upper = upper
        self.integer = integer
        self.edit = QLineEdit(self)
        if validator is not None:
            validator.setParent(self.edit)
            self.edit.setValidator(validator)
        self.choice = EmptyChoice(empties, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.choice)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._typed)
        self.choice.currentIndexChanged.connect(self._chosen)
        self.retranslate()

    def _typed(self, text: str) -> None:
        if self.upper and text != text.upper():
            position = self.edit.cursorPosition()
            self.edit.setText(text.upper())
            self.edit.setCursorPosition(position)
        if text and self.choice.empty() is not None:
            self.choice.blockSignals(True)
            self.choice.set_empty(None)
            self.choice.blockSignals(False)
            self._placeholder()
        self.changed.emit()

    def _chosen(self) -> None:
        if self.choice.empty() is not None:
            self.edit.clear()
        self._placeholder()
        self.changed.emit()

    def _placeholder(self) -> None:
        labels = empty_labels()
        chosen = self.choice.empty()
        name = labels[chosen if chosen is not None else self.blank].lower()
        self.edit.setPlaceholderText(f"{self.hint} · {name}" if self.hint else name)

    def value(self) -> str | int | JsonDict:
        """The stored form: the text (an int for years), or an empty marker."""
        chosen = self.choice.empty()
        if chosen is not None:
            return chosen.marker
        text = self.edit.text().strip()
        if not text:
            return self.blank.marker
        if self.integer and text.isdigit():
            return int(text)
        return text

    def set_value(self, value: object) -> None:
        """Show a stored value (text, number or empty marker)."""
        self.blockSignals(True)
        self.choice.blockSignals(True)
        empty = empty_of(value)
        if empty is None:
            self.edit.setText("" if value is None else str(value))
            self.choice.set_empty(None)
        elif empty is self.blank and empty not in self.choice.empties:
            self.edit.clear()
            self.choice.set_empty(None)
        else:
            self.edit.clear()
            self.choice.set_empty(empty)
        self.choice.blockSignals(False)
        self.blockSignals(False)
        self._placeholder()

    def set_hint(self, hint: str) -> None:
        """A format hint shown in the empty field (translated by the owner)."""
        self.hint = hint
        self._placeholder()

    def retranslate(self) -> None:
        self.choice.retranslate()
        self._placeholder()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def line_edit(parent: QWidget | None = None, validator: QValidator | None = None) -> QLineEdit:
    """A plain one-line text field."""
    edit = QLineEdit(parent)
    if validator is not None:
        validator.setParent(edit)
        edit.setValidator(validator)
    return edit
