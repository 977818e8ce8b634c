"""The item table's model and cell editors: a thin view over the items being edited.

Rows are :class:`~ui.forms.item_state.ItemState` objects; the table shows the
columns every item has plus a read-only summary of its category's own fields.
Text cells hand every keystroke to the model, so what is being typed is
autosaved and never put back by a repaint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from fieldapp.errors import Problem
from ui.context import UiContext
from ui.forms.currency import totals_text
from ui.forms.item_state import DETAILS, ItemState
from ui.forms.seizure_fields import amount_error, problem_sentence, ref_name

COLUMNS = ("exhibit_number", "category", "description", "quantity", "unit", "condition", "details")
_ERROR_BACKGROUND = QColor("#fde7e9")
AnyIndex = QModelIndex | QPersistentModelIndex


def column_of(path: tuple[str | int, ...]) -> str | None:
    """The table column a problem (path relative to the item) belongs to, if any."""
    if not path:
        return "exhibit_number"
    head = path[0]
    if head == "quantity" and len(path) > 1 and path[1] == "unit":
        return "unit"
    if head == "category_code":
        return "category"
    if head in COLUMNS and head != "details":
        return str(head)
    return None


class ItemsModel(QAbstractTableModel):
    """The items being edited, as table rows (a thin view over :class:`ItemState` objects)."""

    #: A cell was edited by the officer: (row, column name).
    edited = Signal(int, str)

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.items: list[ItemState] = []
        #: Problems from the core per row, paths relative to the item.
        self.problems: dict[int, list[Problem]] = {}
        self._headers: list[str] = list(COLUMNS)
        self.retranslate()

    # -- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()] != "details":
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        state = self.items[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(state, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._raw(state, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            errors = self.cell_errors(index.row(), column)
            return "\n".join(errors) if errors else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return _ERROR_BACKGROUND if self.cell_errors(index.row(), column) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "quantity":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        state = self.items[index.row()]
        column = COLUMNS[index.column()]
        text = "" if value is None else str(value)
        if column == "category":
            ref = self.ctx.reference.item_categories_by_code.get(text)
            if ref is None or ref.code == state.category_code:
                return False
            state.set_category(ref, self.ctx.reference)
        elif column == "unit":
            if not text or text == state.unit:
                return False
            state.unit = text
        elif column == "quantity":
            if text == state.quantity:
                return False
            state.quantity = text
            state.quantity_follows_count = False
        elif column in ("exhibit_number", "description", "condition"):
            if text == getattr(state, column):
                return False
            setattr(state, column, text)
        else:
            return False
        row_problems = self.problems.get(index.row(), [])
        self.problems[index.row()] = [p for p in row_problems if column_of(p.path) != column]
        self.refresh(index.row())
        self.edited.emit(index.row(), column)
        return True

    # -- content ----------------------------------------------------------------------------

    def _display(self, state: ItemState, column: str) -> str:
        if column == "category":
            ref = self.ctx.reference.item_categories_by_code.get(state.category_code or "")
            return ref_name(self.ctx, ref) if ref is not None else (state.category or "")
        if column == "unit":
            return state.unit or ""
        if column == "details":
            return self.summary(state)
        return str(self._raw(state, column) or "")

    @staticmethod
    def _raw(state: ItemState, column: str) -> Any:
        if column == "category":
            return state.category_code
        if column == "details":
            return None
        return getattr(state, column)

    def summary(self, state: ItemState) -> str:
        """The category's own fields in a few words (edited in the panel under the table)."""
        parts: list[str] = []
        if state.category == "drug":
            if state.gross_weight.strip():
                parts.append(f"{state.gross_weight.strip()} {state.gross_unit or ''}".strip())
            if state.test_result:
                parts.append(self._test_labels().get(state.test_result, state.test_result))
        elif state.category == "currency":
            if state.currency.get("deferred"):
                parts.append(self.tr("count deferred"))
            else:
                parts.append(totals_text(state.currency))
        for name in DETAILS.get(state.category or "", ()):
            value = state.details.get(name)
            if isinstance(value, str) and value.strip():
                parts.append(value.strip())
        if state.photo_hashes:
            n = len(state.photo_hashes)
            parts.append(
                self.tr("1 photo") if n == 1 else self.tr("%1 photos").replace("%1", str(n))
            )
        return " · ".join(p for p in parts if p)

    def _test_labels(self) -> dict[str, str]:
        return {
            "positive": self.tr("test positive"),
            "negative": self.tr("test negative"),
            "inconclusive": self.tr("test inconclusive"),
            "not_tested": self.tr("not tested"),
        }

    def cell_errors(self, row: int, column: str) -> list[str]:
        """What is wrong with one cell: typing mistakes first, then the core's problems."""
        if row >= len(self.items):
            return []
        out = []
        if column == "quantity":
            local = amount_error(self.items[row].quantity)
            if local:
                out.append(local)
        for problem in self.problems.get(row, []):
            if column_of(problem.path) == column or (
                column == "details" and column_of(problem.path) is None
            ):
                out.append(problem_sentence(problem, self.ctx.language))
        return out

    def header(self, column: str) -> str:
        """The translated title of a column."""
        return self._headers[COLUMNS.index(column)]

    # -- changes ----------------------------------------------------------------------------

    def reset(self, items: list[ItemState]) -> None:
        """Show these items (a draft was loaded)."""
        self.beginResetModel()
        self.items = items
        self.problems = {}
        self.endResetModel()

    def append(self, state: ItemState) -> int:
        """Add an item at the end; returns its row."""
        row = len(self.items)
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.append(state)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        """Take an item out; problems are dropped because every row after it moved."""
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.items[row]
        self.endRemoveRows()
        self.set_problems({})

    def refresh(self, row: int) -> None:
        """Repaint one row after its item changed."""
        if 0 <= row < len(self.items):
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def set_problems(self, problems: dict[int, list[Problem]]) -> None:
        """Show the core's problems (per row, paths relative to the item)."""
        self.problems = problems
        if self.items:
            last = self.index(len(self.items) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def next_exhibit_number(self) -> str:
        """1, 2, 3…: one more than the highest number used (numbers are never reused)."""
        numbers = [int(s.exhibit_number) for s in self.items if s.exhibit_number.isdigit()]
        return str(max(numbers, default=0) + 1)

    def retranslate(self) -> None:
        self._headers = [
            self.tr("No."),
            self.tr("Category"),
            self.tr("Description"),
            self.tr("Quantity"),
            self.tr("Unit"),
            self.tr("Condition"),
            self.tr("Details"),
        ]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.refresh_all()

    def refresh_all(self) -> None:
        """Repaint every row (language or reference names changed)."""
        if self.items:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.items) - 1, len(COLUMNS) - 1)
            )


class _LiveDelegate(QStyledItemDelegate):
    """A cell editor whose edits reach the model at once; Enter keeps them, Escape undoes them.

    Committing every keystroke means the autosave has what is being typed
    before Enter is pressed, and a repaint of the row (a photo stored
    meanwhile) never puts the old text back. Enter is consumed here so that a
    form which moves on with Enter does not also move the focus out of the table.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._originals: dict[int, tuple[QPersistentModelIndex, Any]] = {}

    def _opened(self, editor: QWidget, index: AnyIndex) -> None:
        key = id(editor)
        original = index.data(Qt.ItemDataRole.EditRole)
        self._originals[key] = (QPersistentModelIndex(index), original)
        editor.destroyed.connect(lambda *_: self._originals.pop(key, None))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget):
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                return True
            if key == Qt.Key.Key_Escape:
                index, original = self._originals.get(id(watched), (None, None))
                if index is not None and index.isValid():
                    model = index.model()
                    model.setData(model.index(index.row(), index.column()), original)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                return True
        return super().eventFilter(watched, event)


class TextDelegate(_LiveDelegate):
    """Edits a text cell, handing every keystroke to the model."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        edit = QLineEdit(parent)
        edit.setFrame(False)
        edit.textEdited.connect(lambda _t: self.commitData.emit(edit))
        self._opened(edit, index)
        return edit

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QLineEdit)
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if editor.text() != text:  # the same text: keep the cursor where it is
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class ChoiceDelegate(_LiveDelegate):
    """Edits a cell with a combo box of (code, label) choices; typing picks by label.

    A cell with no value yet shows "Choose…": leaving it does not pick the
    first entry for the officer.
    """

    def __init__(
        self,
        choices: Callable[[], list[tuple[str, str]]],
        placeholder: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.choices = choices
        self.placeholder = placeholder

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        if index.data(Qt.ItemDataRole.EditRole) is None:
            combo.addItem(self.placeholder(), None)
        for code, label in self.choices():
            combo.addItem(label, code)
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        self._opened(combo, index)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        code = editor.currentData()
        if code is not None:
            model.setData(index, code, Qt.ItemDataRole.EditRole)
