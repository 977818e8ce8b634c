"""The sync page: the truthful state of what HQ has and has not received.

Sync with HQ arrives with enrollment (a later feature). Until then this page
says so plainly and shows real numbers from the database: events waiting for
HQ by kind of record, records HQ has never seen, the last successful sync.
There is no button that would pretend to do something.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from fieldapp.errors import KnownError
from ui.context import UiContext
from ui.status import SyncFacts, local_time, read_sync_facts


@dataclass(frozen=True)
class SyncState:
    """Everything the sync page shows, read in one go off the UI thread."""

    facts: SyncFacts
    #: record type -> events of that type not yet confirmed by HQ
    waiting_by_type: dict[str, int]
    #: record type -> records none of whose events HQ has confirmed
    never_synced_by_type: dict[str, int]


def read_sync_state(conn: sqlite3.Connection) -> SyncState:
    """The sync page's numbers (indexed reads; run on a reader thread)."""
    waiting = dict(
        conn.execute(
            "SELECT record_type, count(*) FROM events WHERE synced_at IS NULL GROUP BY record_type"
        ).fetchall()
    )
    never = dict(
        conn.execute(
            "SELECT record_type, count(*) FROM records "
            "WHERE pending_sync > 0 AND pending_sync = event_count GROUP BY record_type"
        ).fetchall()
    )
    return SyncState(read_sync_facts(conn), waiting, never)


class SyncPage(QWidget):
    """Enrollment, last sync, and what waits for HQ, by kind of record."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state: SyncState | None = None
        self._reading = False

        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.enrollment = QLabel(self)
        self.enrollment.setObjectName("enrollment")
        self.enrollment.setWordWrap(True)
        self.last_sync_label, self.last_sync_value = QLabel(self), QLabel(self)
        self.waiting_label, self.waiting_value = QLabel(self), QLabel(self)
        self.never_label, self.never_value = QLabel(self), QLabel(self)
        for value in (self.last_sync_value, self.waiting_value, self.never_value):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.waiting_value.setObjectName("waiting")
        self.never_value.setObjectName("never_synced")
        summary = QFormLayout()
        summary.setHorizontalSpacing(24)
        summary.addRow(self.last_sync_label, self.last_sync_value)
        summary.addRow(self.waiting_label, self.waiting_value)
        summary.addRow(self.never_label, self.never_value)

        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("by_type")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMaximumWidth(560)
        self.enrollment.setMaximumWidth(720)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.enrollment)
        layout.addLayout(summary)
        layout.addWidget(self.table)
        layout.addStretch(1)

        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(200)
        self._soon.timeout.connect(self.refresh)
        ctx.signals.records_changed.connect(self._changed)
        self.retranslate()

    # -- texts -----------------------------------------------------------------------------

    def kind_name(self, record_type: str) -> str:
        """A kind of record in the current language."""
        names = {
            "encounter": self.tr("Encounters"),
            "seizure": self.tr("Seizures"),
            "custody_transfer": self.tr("Custody transfers"),
            "property_return": self.tr("Property returns"),
            "receipt": self.tr("Receipts"),
        }
        return names.get(record_type, record_type)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.heading.setText(self.tr("Sync with HQ"))
        self.last_sync_label.setText(self.tr("Last successful sync:"))
        self.waiting_label.setText(self.tr("Events waiting for HQ:"))
        self.never_label.setText(self.tr("Records HQ has never received:"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Kind of record"), self.tr("Events waiting"), self.tr("Never at HQ")]
        )
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show(self) -> None:
        state = self.state
        if state is None:
            for value in (self.last_sync_value, self.waiting_value, self.never_value):
                value.setText("…")
            self.enrollment.setText("")
            return
        facts = state.facts
        if facts.hq_url is None:
            self.enrollment.setText(
                self.tr(
                    "This device is not enrolled with HQ yet, so nothing has been sent. "
                    "Everything is kept safely on this device; enrollment and sync arrive "
                    "with the sync feature."
                )
            )
        else:
            self.enrollment.setText(
                self.tr("This device is enrolled with HQ at {0}.").format(facts.hq_url)
            )
        last = local_time(facts.last_sync_at) if facts.last_sync_at else self.tr("never")
        self.last_sync_value.setText(last)
        self.waiting_value.setText(str(facts.waiting))
        self.never_value.setText(str(sum(state.never_synced_by_type.values())))
        kinds = sorted(
            set(state.waiting_by_type) | set(state.never_synced_by_type),
            key=lambda k: (k not in ("encounter", "seizure"), k),
        )
        self.table.setRowCount(len(kinds))
        for row, kind in enumerate(kinds):
            cells = (
                self.kind_name(kind),
                str(state.waiting_by_type.get(kind, 0)),
                str(state.never_synced_by_type.get(kind, 0)),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(kinds))
        rows_height = sum(self.table.rowHeight(r) for r in range(len(kinds)))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + rows_height + 4)

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the numbers off the UI thread (when shown; showing reads them again)."""
        if not self.isVisible():
            return
        if self._reading:
            self._soon.start()
            return
        self._reading = True
        self.ctx.readers.submit(read_sync_state, on_done=self._got, on_error=self._failed)

    def _got(self, state: SyncState) -> None:
        if not Shiboken.isValid(self):
            return
        self._reading = False
        self.state = state
        self._show()

    def _failed(self, error: BaseException) -> None:
        if not Shiboken.isValid(self):
            return
        self._reading = False
        if not isinstance(error, KnownError):
            raise error
        self.ctx.signals.message.emit(error.message)

    def _changed(self, *_: object) -> None:
        self._soon.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
