"""The records list: search as you type, filters, a sortable table; Enter opens the record.

Built for the keyboard: Ctrl+F goes to the search box, Down or Enter from it
goes to the list, Enter on a row opens that record, Escape clears the search.
The list refreshes itself when records change and keeps the selected record
(and the row at the top) where the officer left them.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.services import queries
from fieldapp.services.queries import RecordFilter
from ui.context import UiContext
from ui.records.filters import FilterBar
from ui.records.labels import ui_locale
from ui.records.model import SORT_KEYS, Column, RecordsTableModel

#: Quiet time after the last keystroke before the search runs.
SEARCH_DELAY_MS = 150
#: Bursts of record changes (a sync, a finalize with children) make one refresh.
REFRESH_DELAY_MS = 50


class RecordsPage(QWidget):
    """A searchable, filterable, sortable list of finalized records."""

    def __init__(
        self,
        ctx: UiContext,
        record_types: tuple[str, ...] | None = ("encounter", "seizure"),
        needs_review: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._base = RecordFilter(record_types=record_types, needs_review=needs_review)
        self._keep: tuple[int | None, int | None] = (None, None)
        self._error = ""

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.filters = FilterBar(ctx, record_types, needs_review, self)
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.model = RecordsTableModel(ctx, self._wanted_filter(), self, load=False)
        self.table = QTableView(self)
        self._setup_table()

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)

        self.search.textChanged.connect(self._search_timer.start)
        self.filters.changed.connect(self._apply)
        self.model.reloaded.connect(self._reloaded)
        self.model.failed.connect(self._failed)
        self.table.activated.connect(self._activated)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        ctx.signals.records_changed.connect(self._records_changed)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)

        self.setTabOrder(self.search, self.table)
        self.retranslate()
        self.model.refresh()

    def _setup_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSortIndicator(Column.WHEN, Qt.SortOrder.DescendingOrder)
        table.setSortingEnabled(True)
        metrics = table.fontMetrics()
        samples = {
            Column.WHEN: "10/29/2026 10:11 PM",
            Column.TYPE: "Custody transfer",
            Column.REFERENCE: "MX-TIJ-OTAY-7BN4H-S000023",
            Column.CHECKPOINT: "MX-SON-KM21",
            Column.CATEGORY: "Secondary inspection",
            Column.RESULT: "Arrest / detention",
            Column.ADDENDA: "Addenda",
            Column.FLAGS: "Flags",
        }
        for column, sample in samples.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(Column.SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(metrics.horizontalAdvance("Flags") + 16)

    # -- filtering and searching -----------------------------------------------------------

    def _wanted_filter(self) -> RecordFilter:
        return dataclasses.replace(self.filters.apply(self._base), text=self.search.text().strip())

    def _apply(self) -> None:
        self._search_timer.stop()
        self._remember()
        self.model.set_filter(self._wanted_filter())

    def refresh(self) -> None:
        """Read the list again, keeping the selected record and the scroll position."""
        self._refresh_timer.stop()
        self._remember()
        self.model.refresh()

    def _records_changed(self, record_ids: list[str]) -> None:
        self._refresh_timer.start()

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected to type over."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_search(self) -> None:
        """Empty the search box and show the list without it at once."""
        if self.search.text():
            self.search.clear()
            self._apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape clears the search; Down or Enter moves from the search to the list."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape and self.search.text():
                self.clear_search()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._search_timer.isActive():
                    self._apply()
                self._focus_list()
                return True
        return super().eventFilter(watched, event)

    def _focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.table.selectRow(0)

    # -- the list --------------------------------------------------------------------------

    def selected_record_id(self) -> str | None:
        """The id of the record on the selected row."""
        index = self.table.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    def open_selected(self) -> None:
        """Ask the main window to open the selected record."""
        record_id = self.selected_record_id()
        if record_id is not None:
            self.ctx.signals.open_record.emit(record_id)

    def _activated(self, index: QModelIndex) -> None:
        record_id = self.model.record_id(index.row())
        if record_id is not None:
            self.ctx.signals.open_record.emit(record_id)

    def _remember(self) -> None:
        current = self.table.currentIndex()
        selected = self.model.rowid_at(current.row()) if current.isValid() else None
        top_row = self.table.rowAt(0)
        top = self.model.rowid_at(top_row) if top_row >= 0 else None
        # A query already running keeps what was remembered before it.
        if not self.model.busy or self._keep == (None, None):
            self._keep = (selected, top)

    def _reloaded(self) -> None:
        selected, top = self._keep
        self._keep = (None, None)
        self._error = ""
        top_row = self.model.row_of(top) if top is not None else None
        if top_row is not None:
            self.table.scrollTo(
                self.model.index(top_row, 0), QAbstractItemView.ScrollHint.PositionAtTop
            )
        else:
            self.table.scrollToTop()
        row = self.model.row_of(selected) if selected is not None else None
        if row is not None:
            self.table.selectRow(row)
        self._show_count()

    def _failed(self, message: str) -> None:
        self._error = message
        self._show_count()
        self.ctx.signals.message.emit(message)

    def _show_count(self) -> None:
        if self._error:
            self.count_label.setText(self._error)
            return
        count = self.model.rowCount()
        if queries.is_capped(self.model.filter, count):
            text = self.tr("The newest {count} matches; type more to narrow").format(
                count=ui_locale(self.ctx).toString(count)
            )
            self.count_label.setText(text)
            return
        if count == 1:
            text = self.tr("1 record")
        else:
            text = self.tr("{count} records").format(count=ui_locale(self.ctx).toString(count))
        self.count_label.setText(text)

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column in SORT_KEYS:
            self._remember()
            return
        # Addenda and flags have no sort key: put the arrow back where the sort is.
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        try:
            header.setSortIndicator(
                self.model.sort_column,
                Qt.SortOrder.DescendingOrder
                if self.model.descending
                else Qt.SortOrder.AscendingOrder,
            )
        finally:
            header.blockSignals(False)

    # -- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every caption in the current language."""
        self.search.setPlaceholderText(self.tr("Search names, plates, items, narrative…  (Ctrl+F)"))
        self.search.setToolTip(
            self.tr("Type two letters or more; Enter or Down goes to the list, Escape clears")
        )
        self.model.retranslate()
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
