"""The item table of a seizure: one line per exhibit, typed from the keyboard.

The table holds the columns every item has (exhibit number, category,
description, quantity and unit, condition) plus a read-only summary of the
category's own fields; those are edited in the panel under the table
(:class:`~ui.forms.item_detail.ItemDetail`) for the selected line. Insert or
Ctrl+Shift+N adds a line, Delete removes one (after asking), Tab walks the
cells. Problems from the core colour their cell and read out under the table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import Problem
from ui.context import UiContext
from ui.forms.item_detail import ItemDetail
from ui.forms.item_state import ItemState
from ui.forms.items_model import COLUMNS, ChoiceDelegate, ItemsModel, TextDelegate, column_of
from ui.forms.seizure_fields import problem_sentence, ref_name, relative
from ui.forms.widgets import ErrorLabel, JsonDict

__all__ = ["COLUMNS", "ItemsEditor", "ItemsModel"]


class ItemsEditor(QWidget):
    """The item table with its buttons, the problems of the current line, and the detail panel."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._homeless: list[Problem] = []
        self.model = ItemsModel(ctx, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        widths = {"exhibit_number": 48, "category": 210, "quantity": 80, "unit": 60}
        for column, name in enumerate(COLUMNS):
            if name in ("description", "details"):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.resizeSection(column, widths.get(name, 150))
        self.table.setItemDelegate(TextDelegate(self))
        self.table.setItemDelegateForColumn(
            COLUMNS.index("category"),
            ChoiceDelegate(self._category_choices, lambda: self.tr("Choose the category…"), self),
        )
        self.table.setItemDelegateForColumn(
            COLUMNS.index("unit"),
            ChoiceDelegate(self._unit_choices, lambda: self.tr("Choose…"), self),
        )
        self.add_button = QPushButton(self)
        self.add_button.setAutoDefault(False)
        self.remove_button = QPushButton(self)
        self.remove_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        #: Problems about the list as a whole ("list at least one seized item").
        self.error = ErrorLabel(self)
        #: Typing mistakes and problems in the current line's cells, beside the table.
        self.cell_error = ErrorLabel(self)
        self.detail = ItemDetail(ctx, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.error)
        layout.addWidget(self.table)
        layout.addWidget(self.cell_error)
        layout.addLayout(buttons)
        layout.addWidget(self.detail)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_current)
        for keys in (QKeySequence(Qt.Key.Key_Insert), QKeySequence("Ctrl+Shift+N")):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.add_item)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_current)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.edited.connect(self._cell_edited)
        self.detail.changed.connect(self._detail_changed)
        #: Asks before removing an item; tests may replace it.
        self.confirm_remove: Callable[[ItemState], bool] = self._ask_remove
        self._fit_height()
        self.retranslate()
        ctx.signals.language_changed.connect(self._language_changed)

    def _language_changed(self, _language: str) -> None:
        # Category names come from reference data in ctx.language, set after Qt's event.
        self.model.refresh_all()
        self.detail.retitle()

    # -- choices ----------------------------------------------------------------------------

    def _category_choices(self) -> list[tuple[str, str]]:
        return [(c.code, ref_name(self.ctx, c)) for c in self.ctx.reference.item_categories]

    def _unit_choices(self) -> list[tuple[str, str]]:
        return [(u.code, f"{u.code} · {ref_name(self.ctx, u)}") for u in self.ctx.reference.units]

    # -- data -------------------------------------------------------------------------------

    def data(self) -> list[JsonDict]:
        """Every item as the record stores it."""
        return [state.to_data() for state in self.model.items]

    def set_data(self, items: list[Any]) -> None:
        """Show stored items."""
        states = [ItemState.from_data(i) for i in items if isinstance(i, dict)]
        self.model.reset(states)
        self._fit_height()
        if states:
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.detail.bind(None)

    def exhibit_numbers(self) -> list[str]:
        """The exhibit numbers in use, in order."""
        return [s.exhibit_number for s in self.model.items if s.exhibit_number.strip()]

    def current_row(self) -> int:
        """The selected line (-1 if none)."""
        return self.table.currentIndex().row()

    def select(self, row: int, column: str = "description") -> None:
        """Make a line current (its fields show in the panel)."""
        self.table.setCurrentIndex(self.model.index(row, COLUMNS.index(column)))

    # -- adding and removing ------------------------------------------------------------------

    def add_item(self) -> None:
        """Add a line and start with its category, since that decides its fields."""
        row = self.model.append(ItemState(exhibit_number=self.model.next_exhibit_number()))
        self._fit_height()
        index = self.model.index(row, COLUMNS.index("category"))
        self.table.setCurrentIndex(index)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.table.edit(index)
        self.changed.emit()

    def remove_current(self) -> None:
        """Remove the selected line after asking."""
        row = self.current_row()
        if row < 0 or not self.confirm_remove(self.model.items[row]):
            return
        self.model.remove(row)
        self._fit_height()
        if self.model.items:
            self.select(min(row, len(self.model.items) - 1))
        else:
            self.detail.bind(None)
            self.add_button.setFocus()
        self._show_cell_errors()
        self.changed.emit()

    def _ask_remove(self, state: ItemState) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Remove item"),
            self.tr("Remove exhibit %1 and everything typed for it?").replace(
                "%1", state.exhibit_number or "?"
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _fit_height(self) -> None:
        # Show every line up to eight, so a short list leaves room for the panel.
        rows = min(max(len(self.model.items), 3), 8)
        height = self.table.horizontalHeader().sizeHint().height()
        height += rows * self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(height + 2 * self.table.frameWidth() + 2)

    # -- reacting ---------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.row() != previous.row() or not previous.isValid():
            self._bind_current()

    def _bind_current(self) -> None:
        row = self.current_row()
        if row < 0 or row >= len(self.model.items):
            self.detail.bind(None)
            self._show_cell_errors()
            return
        problems = [p for p in self.model.problems.get(row, []) if column_of(p.path) is None]
        self._homeless = self.detail.bind(self.model.items[row], problems)
        self._show_cell_errors()

    def _cell_edited(self, row: int, column: str) -> None:
        if row == self.current_row():
            if column == "category":
                self.detail.category_changed()
            elif column == "exhibit_number":
                self.detail.retitle()
            self._show_cell_errors()
        self.changed.emit()

    def _detail_changed(self) -> None:
        # A photo stored for another item, or the count of this one: repaint the summaries.
        self.model.refresh_all()
        self._show_cell_errors()
        self.changed.emit()

    def _show_cell_errors(self) -> None:
        row = self.current_row()
        lines = []
        if 0 <= row < len(self.model.items):
            for column in COLUMNS[:-1]:
                for error in self.model.cell_errors(row, column):
                    lines.append(f"{self.model.header(column)}: {error}")
            for problem in self._homeless:
                lines.append(problem_sentence(problem, self.ctx.language))
        self.cell_error.show_text("\n".join(lines))

    # -- problems ---------------------------------------------------------------------------

    def show_problems(self, problems: list[Problem]) -> None:
        """Place problems whose paths start at ``("items", ...)`` beside their cells and fields."""
        per_row: dict[int, list[Problem]] = {}
        general = []
        for problem in problems:
            path = problem.path
            if len(path) >= 2 and isinstance(path[1], int) and path[1] < len(self.model.items):
                per_row.setdefault(path[1], []).append(relative(problem, 2))
            else:
                general.append(problem_sentence(problem, self.ctx.language))
        self.error.show_text("\n".join(general))
        self.model.set_problems(per_row)
        row = self.current_row()
        if per_row and row not in per_row:
            self.select(min(per_row))
        else:
            self._bind_current()

    def clear_problems(self) -> None:
        """Hide every problem sentence (typing mistakes stay)."""
        self.error.clear_text()
        self._homeless = []
        self.model.set_problems({})
        self._bind_current()

    # -- settings from the seizure --------------------------------------------------------------

    def set_checkpoint(self, checkpoint: str | None) -> None:
        """Times and officers follow the checkpoint."""
        self.detail.set_checkpoint(checkpoint)

    def set_default_witness(self, witness: str | None) -> None:
        """Who witnesses a new currency count by default: the seizure's witness."""
        self.detail.set_default_witness(witness)

    # -- language ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add item"))
        self.add_button.setToolTip(self.tr("Insert or Ctrl+Shift+N"))
        self.remove_button.setText(self.tr("Remove item"))
        self.remove_button.setToolTip(self.tr("Delete, in the table"))
        self.model.retranslate()
        self._show_cell_errors()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
