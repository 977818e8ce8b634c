"""The records list's table model: every matching row id in memory, rows read a page at a time.

Like Anki's browser table, the model keeps only the ordered row ids of the
records that match (a list of ints even for 100,000 records) and reads the
rows themselves lazily, about a hundred around the one the view asks for, on
the UI thread's small read-only connection. Sorting and filtering re-run the
id query on a reader thread; an answer that arrives after a newer question was
asked is dropped, so fast typing never shows an older result last.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from fieldapp.errors import KnownError
from fieldapp.services import queries
from fieldapp.services.queries import RecordFilter, RecordRow
from ui.context import UiContext
from ui.records.labels import Labels

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

#: Rows read from the database at once around the one the view asks for.
PAGE = 60
#: Past this many cached rows the cache starts afresh (a long scroll through 100,000).
CACHE_LIMIT = 5_000

NEEDS_REVIEW_MARK = "⚑"
WAITING_MARK = "●"

_ITEM_COUNT = re.compile(r"^(\d+) item")


class Column(IntEnum):
    """The list's columns, in display order."""

    WHEN = 0
    TYPE = 1
    REFERENCE = 2
    CHECKPOINT = 3
    CATEGORY = 4
    RESULT = 5
    SUMMARY = 6
    ADDENDA = 7
    FLAGS = 8


#: The core's sort key of each sortable column.
SORT_KEYS: dict[Column, str] = {
    Column.WHEN: "occurred_at",
    Column.TYPE: "record_type",
    Column.REFERENCE: "reference",
    Column.CHECKPOINT: "checkpoint",
    Column.CATEGORY: "category",
    Column.RESULT: "result",
    Column.SUMMARY: "summary",
}


@dataclass(frozen=True)
class _Line:
    """One row as shown: the record's list row and its cells' text."""

    row: RecordRow
    cells: tuple[str, ...]


# Roles as plain ints, compared many thousand times per repaint.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_USER = int(Qt.ItemDataRole.UserRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ANSWERED_ROLES = frozenset({_DISPLAY, _ALIGNMENT, _FOREGROUND, _USER, _TOOLTIP})
_HEADER_ROLES = frozenset({_DISPLAY, _TOOLTIP, int(Qt.ItemDataRole.InitialSortOrderRole.value)})
_CENTER = int(Qt.AlignmentFlag.AlignCenter.value)
_CENTERED = frozenset({int(Column.ADDENDA), int(Column.FLAGS)})


class RecordsTableModel(QAbstractTableModel):
    """Records matching a filter, in the chosen order, for a QTableView."""

    #: A new list of records is in place (after a filter, a sort or a refresh).
    reloaded = Signal()
    #: True while a query for the list is running.
    busy_changed = Signal(bool)
    #: A query failed for a reason the world caused; the sentence to show.
    failed = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        flt: RecordFilter | None = None,
        parent: QObject | None = None,
        *,
        load: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.labels = Labels(ctx, self)
        self._filter = flt if flt is not None else RecordFilter()
        self._sort_column = Column.WHEN
        self._descending = True
        self._ids: list[int] = []
        self._lines: dict[int, _Line | None] = {}
        self._positions: dict[int, int] | None = None
        self._generation = 0
        self._answered = 0
        self._headers: tuple[str, ...] = ()
        self.retranslate()
        if load:
            self.refresh()

    # -- what the list shows -------------------------------------------------------------

    @property
    def filter(self) -> RecordFilter:
        """The filter of the list (its latest value, even while its query runs)."""
        return self._filter

    def set_filter(self, flt: RecordFilter) -> None:
        """Show the records matching ``flt`` (queried off the UI thread)."""
        if flt != self._filter:
            self._filter = flt
            self.refresh()

    @property
    def sort_column(self) -> Column:
        """The column the list is sorted by."""
        return self._sort_column

    @property
    def descending(self) -> bool:
        """Whether the list is sorted in descending order."""
        return self._descending

    @property
    def busy(self) -> bool:
        """Whether the newest query has not answered yet."""
        return self._answered != self._generation

    def refresh(self) -> None:
        """Query the ids again (records were added or changed); rows are re-read as shown."""
        self._generation += 1
        generation = self._generation
        flt, key, descending = self._filter, SORT_KEYS[self._sort_column], self._descending
        self.busy_changed.emit(True)
        self.ctx.readers.submit(
            lambda conn: queries.list_ids(conn, flt, key, descending),
            on_done=lambda ids: self._arrived(generation, ids),
            on_error=lambda error: self._query_failed(generation, error),
        )

    def _arrived(self, generation: int, ids: list[int]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # an older question: a newer answer is on its way
        self._answered = generation
        self.beginResetModel()
        self._ids = ids
        self._lines.clear()
        self._positions = None
        self.endResetModel()
        self.busy_changed.emit(False)
        self.reloaded.emit()

    def _query_failed(self, generation: int, error: BaseException) -> None:
        if not isinstance(error, KnownError):
            raise error
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._answered = generation
        self.busy_changed.emit(False)
        self.failed.emit(error.message)

    # -- rows ----------------------------------------------------------------------------

    def rowid_at(self, row: int) -> int | None:
        """The database row id shown at ``row``."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, rowid: int) -> int | None:
        """Where the record with ``rowid`` is in the list, if it is."""
        if self._positions is None:
            self._positions = {r: i for i, r in enumerate(self._ids)}
        return self._positions.get(rowid)

    def record_row(self, row: int) -> RecordRow | None:
        """The list row of the record at ``row`` (None if it vanished)."""
        line = self._line(row)
        return None if line is None else line.row

    def record_id(self, row: int) -> str | None:
        """The id of the record at ``row``."""
        record = self.record_row(row)
        return None if record is None else record.id

    def _line(self, row: int) -> _Line | None:
        rowid = self.rowid_at(row)
        if rowid is None:
            return None
        if rowid not in self._lines:
            self._fill(row)
        return self._lines.get(rowid)

    def _fill(self, row: int) -> None:
        if len(self._lines) > CACHE_LIMIT:
            self._lines.clear()
        start = max(0, row - PAGE // 2)
        wanted = [r for r in self._ids[start : start + PAGE] if r not in self._lines]
        try:
            rows = queries.rows_for(self.ctx.ui_conn, wanted)
        except (sqlite3.Error, KnownError):
            # Shown empty this time and asked again at the next refresh.
            log.warning("could not read %d list rows", len(wanted), exc_info=True)
            rows = {}
        for rowid in wanted:
            record = rows.get(rowid)
            self._lines[rowid] = None if record is None else self._make_line(record)

    def _make_line(self, row: RecordRow) -> _Line:
        labels = self.labels
        when = labels.local_when(row.occurred_at, row.checkpoint)
        flags = (NEEDS_REVIEW_MARK if row.needs_review else "") + (
            WAITING_MARK if row.pending_sync > 0 else ""
        )
        cells = (
            when,
            labels.record_type(row.record_type),
            row.reference,
            row.checkpoint,
            labels.category(row.record_type, row.category),
            labels.result(row.record_type, row.result),
            self._summary(row),
            str(row.addenda_count) if row.addenda_count else "",
            flags,
        )
        return _Line(row=row, cells=cells)

    def _summary(self, row: RecordRow) -> str:
        if row.record_type == "seizure":
            found = _ITEM_COUNT.match(row.summary)
            kinds = self.labels.category("seizure", row.category)
            if found is None:
                return kinds
            count = int(found.group(1))
            if count == 1:
                return self.tr("1 item: {kinds}").format(kinds=kinds)
            return self.tr("{count} items: {kinds}").format(count=count, kinds=kinds)
        text = row.summary
        for reason in ("refused", "unknown", "not_recorded"):
            token = f"({reason})"
            if token in text:
                text = text.replace(token, f"({self.labels.code('no_information', reason)})")
        return text

    # -- Qt's model interface ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Rows: every matching record (none under a row: this is a flat table)."""
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Columns: see :class:`Column`."""
        return 0 if parent.isValid() else len(Column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell's text, tooltip, alignment or the record id (``UserRole``)."""
        # Qt asks about seven roles per visible cell on every paint; the roles
        # this model never answers leave first, before any other work.
        if role not in _ANSWERED_ROLES:
            return None
        row = index.row()
        if row < 0 or row >= len(self._ids):
            return None
        column = index.column()  # an int: Column(...) per cell costs the repaint
        if role == _DISPLAY:
            line = self._line(row)
            return "" if line is None else line.cells[column]
        if role == _ALIGNMENT:
            return _CENTER if column in _CENTERED else None
        if role == _FOREGROUND:
            if column != Column.FLAGS:
                return None
            line = self._line(row)
            if line is not None and line.row.needs_review:
                return QBrush(QColor("#b45309"))
            return None
        if role == _USER:
            return self.record_id(row)
        return self._tooltip(row, Column(column))

    def _tooltip(self, row: int, column: Column) -> str | None:
        line = self._line(row)
        if line is None:
            return None
        record = line.row
        if column == Column.WHEN:
            # Made when asked: formatting three times per row costs a fast list.
            if not line.cells[Column.WHEN]:
                return None
            return self.tr("{local} at the checkpoint ({utc} UTC)").format(
                local=self.labels.local_when(record.occurred_at, record.checkpoint, seconds=True),
                utc=self.labels.when(record.occurred_at, seconds=True),
            )
        if column == Column.CHECKPOINT:
            return self.labels.checkpoint(record.checkpoint) or None
        if column == Column.FLAGS:
            tips = []
            if record.needs_review:
                tips.append(self.tr("Needs review: concurrent changes wait for a supervisor."))
            if record.pending_sync > 0:
                tips.append(self.tr("Waiting for HQ: not yet synced."))
            else:
                tips.append(self.tr("At HQ."))
            return "\n".join(tips)
        if column == Column.SUMMARY:
            return line.cells[Column.SUMMARY] or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles (and what the flags column means)."""
        if role not in _HEADER_ROLES or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self._headers):
            return None
        if role == _DISPLAY:
            return self._headers[section]
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            # Newest first for times; A to Z for the rest (same on every platform style).
            first = (
                Qt.SortOrder.DescendingOrder
                if section == Column.WHEN
                else Qt.SortOrder.AscendingOrder
            )
            return first.value
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.FLAGS:
            return self.tr("{review} needs review · {waiting} waiting for HQ").format(
                review=NEEDS_REVIEW_MARK, waiting=WAITING_MARK
            )
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (columns without a sort key are left as they are)."""
        if column not in SORT_KEYS:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (Column(column), descending) == (self._sort_column, self._descending):
            return
        self._sort_column = Column(column)
        self._descending = descending
        self.refresh()

    # -- language ------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Column titles and cell words in the current language (the page calls this)."""
        self._headers = (
            self.tr("When"),
            self.tr("Type"),
            self.tr("Reference"),
            self.tr("Checkpoint"),
            self.tr("Category"),
            self.tr("Result"),
            self.tr("Summary"),
            self.tr("Addenda"),
            self.tr("Flags"),
        )
        self.labels.retranslate()
        self._lines.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(Column) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
