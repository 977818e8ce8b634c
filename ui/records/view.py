"""One finalized record, read as a document, with its addenda, history and custody chains.

The left side is the record as it stands now (corrected values show what was
finalized beside them), its addenda and related records as links; the right
side is its history: every event with its time, author, hash and whether HQ
has it, and who has read the record. A seizure or a custody transfer has its
receipt button: print it, or reprint it as a copy once issued. Reading is one
small indexed read on the UI thread's connection; the read is then logged
through the writer (``services.access``), as every read of a whole record is.
"""

from __future__ import annotations

import logging
import sqlite3

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QAction, QFontDatabase, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import KnownError
from fieldapp.events import Kind
from fieldapp.services import queries
from fieldapp.services.actor import Role
from fieldapp.services.queries import ChainLink, HistoryEntry
from fieldapp.services.queries import RecordView as RecordData
from ui.context import UiContext
from ui.records.addendum import AddendumDialog
from ui.records.custody import CustodyTransferDialog
from ui.records.encounter_html import EncounterHtml
from ui.records.labels import Labels
from ui.records.returns import PropertyReturnDialog
from ui.records.sections import STYLE, RecordHtml
from ui.records.seizure_html import SeizureHtml

log = logging.getLogger(__name__)

SHORT_HASH = 12
#: Records that have a receipt of their own.
RECEIPT_RECORD_TYPES = ("seizure", "custody_transfer")


class HistoryColumn:
    """The history table's columns."""

    TIME = 0
    EVENT = 1
    AUTHOR = 2
    HASH = 3
    HQ = 4


class RecordView(QWidget):
    """A finalized record: what it says, how it changed, who holds its items."""

    def __init__(self, ctx: UiContext, record_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = record_id
        self.labels = Labels(ctx, self)
        self.record: RecordData | None = None
        self.chains: dict[str, list[ChainLink]] = {}
        self.concurrent: list[HistoryEntry] = []
        self._error = ""

        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel(self)
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        self.addendum_button = QPushButton(self)
        self.addendum_button.setAutoDefault(False)
        self.custody_button = QPushButton(self)
        self.custody_button.setAutoDefault(False)
        self.return_button = QPushButton(self)
        self.return_button.setAutoDefault(False)
        self.receipt_button = QPushButton(self)
        self.receipt_button.setAutoDefault(False)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setStyleSheet(
            "background: #fff4e5; border: 1px solid #f0b45b; border-radius: 4px; padding: 8px;"
        )
        self.banner.setVisible(False)
        self.document = QTextBrowser(self)
        self.document.setOpenLinks(False)
        # Text wraps to the width; a one-pixel rounding must not add a scroll bar.
        self.document.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document.document().setDefaultStyleSheet(STYLE)
        self.history_title = QLabel(self)
        self.history = QTableWidget(0, 5, self)
        self.viewed_by = QLabel(self)
        self.viewed_by.setWordWrap(True)
        self.viewed_by.setTextFormat(Qt.TextFormat.PlainText)
        self._setup_history()
        self.copy_hash_action = QAction(self)
        self.copy_hash_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        self.copy_hash_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_hash_action.triggered.connect(self.copy_selected_hash)
        self.history.addAction(self.copy_hash_action)
        # The table copies the current cell on Ctrl+C itself; here it copies the hash.
        self.history.installEventFilter(self)
        self.history.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addWidget(self.addendum_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.custody_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.return_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.receipt_button, 0, Qt.AlignmentFlag.AlignTop)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.history_title)
        side_layout.addWidget(self.history, 1)
        side_layout.addWidget(self.viewed_by)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.document)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        self.addendum_button.clicked.connect(self.add_addendum)
        self.custody_button.clicked.connect(self.transfer_custody)
        self.return_button.clicked.connect(self.return_property)
        self.receipt_button.clicked.connect(self.open_receipt)
        self.document.anchorClicked.connect(self._link)
        ctx.signals.records_changed.connect(self._records_changed)
        self.setTabOrder(self.addendum_button, self.custody_button)
        self.setTabOrder(self.custody_button, self.return_button)
        self.setTabOrder(self.return_button, self.receipt_button)
        self.setTabOrder(self.receipt_button, self.document)
        self.setTabOrder(self.document, self.history)
        self._read()
        self.retranslate()

    def _setup_history(self) -> None:
        table = self.history
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryColumn.AUTHOR, QHeaderView.ResizeMode.Stretch)

    # -- reading -------------------------------------------------------------------------

    def load(self) -> None:
        """Read the record again and show it (keeping the reading position)."""
        self._read()
        self._show()

    def _read(self) -> None:
        conn = self.ctx.ui_conn
        try:
            record = queries.get_record(conn, self.record_id)
            chains = (
                queries.custody_chains(conn, self.record_id)
                if record.record_type == "seizure"
                else {}
            )
            concurrent = (
                queries.concurrent_changes(conn, self.record_id) if record.needs_review else []
            )
        except KnownError as exc:
            self._error = exc.message
        except sqlite3.Error:
            log.warning("could not read record %s", self.record_id, exc_info=True)
            self._error = self.tr("The record cannot be read right now; try again in a moment.")
        else:
            self._error = ""
            self.record, self.chains, self.concurrent = record, chains, concurrent
            self._log_view()

    def _log_view(self) -> None:
        """Log the read (once per officer and record in a while: the service decides)."""
        officer = self.ctx.officer
        if officer is None:
            return
        actor, record_id = officer.actor, self.record_id
        self.ctx.writer.submit(
            lambda profile: profile.services.access.record_viewed(record_id, actor),
            lambda event: self._show_viewed_by() if event is not None else None,
        )

    def _show_viewed_by(self) -> None:
        if not shiboken6.isValid(self):
            return
        try:
            entries = queries.record_access(self.ctx.ui_conn, self.record_id, limit=50)
        except sqlite3.Error:
            log.warning("could not read who viewed %s", self.record_id, exc_info=True)
            entries = []
        latest: dict[str, str] = {}
        for entry in entries:
            latest.setdefault(entry.officer_id, entry.accessed_at)
        names = [
            f"{self.labels.officer_name(officer)} ({self.labels.when(moment)})"
            for officer, moment in list(latest.items())[:5]
        ]
        self.viewed_by.setText(self.tr("Viewed by: %1").replace("%1", "; ".join(names)))
        self.viewed_by.setVisible(bool(names))

    def _records_changed(self, record_ids: list[str]) -> None:
        related = {self.record_id}
        if self.record is not None:
            related.update(child.id for child in self.record.children)
        if related.intersection(record_ids):
            self.load()

    def _show(self) -> None:
        record = self.record
        can_write = self.ctx.officer is not None and self.ctx.officer.role != Role.AUDITOR
        if record is None:
            self.title.setText(self.tr("Record not available"))
            self.subtitle.setText(self._error)
            self.document.clear()
            self.history.setRowCount(0)
            self.addendum_button.setEnabled(False)
            self.custody_button.setVisible(False)
            self.return_button.setVisible(False)
            self.receipt_button.setVisible(False)
            return
        self.title.setText(self._title(record))
        self.subtitle.setText(self._subtitle(record))
        self._show_addendum_button(record, can_write)
        self.custody_button.setVisible(record.record_type == "seizure")
        self.custody_button.setEnabled(can_write)
        self.return_button.setVisible(
            record.record_type == "seizure" and bool(record.current.get("detained_person_property"))
        )
        self.return_button.setEnabled(can_write)
        self._show_receipt_button(record, can_write)
        self._show_banner(record)
        self._show_viewed_by()
        bar = self.document.verticalScrollBar()
        position = bar.value()
        self.document.setHtml(self._html_maker(record.record_type).document(record, self.chains))
        bar.setValue(position)
        self._show_history(record)

    def _show_addendum_button(self, record: RecordData, can_write: bool) -> None:
        # The services decide (permissions.py); this only spares a refusal. An officer
        # amends their own records; a supervisor, those of their agency's checkpoints.
        officer = self.ctx.officer
        owners = {record.current.get("officer_id")}
        owners.update(entry.author for entry in record.history[:1])
        own = officer is not None and officer.id in owners
        may = can_write and (own or (officer is not None and officer.role != Role.OFFICER))
        self.addendum_button.setEnabled(may)
        if not can_write:
            tip = self.tr("Auditors read records but do not change them.")
        elif not may:
            tip = self.tr(
                "Only the officer who wrote this record, or a supervisor of its checkpoint, "
                "can add an addendum."
            )
        else:
            tip = self.tr("Add a dated addendum; the record as finalized is kept")
        self.addendum_button.setToolTip(tip)

    def _show_receipt_button(self, record: RecordData, can_write: bool) -> None:
        self.receipt_button.setVisible(record.record_type in RECEIPT_RECORD_TYPES)
        if not can_write:
            # An auditor sees the receipt as it would print; the dialog issues nothing.
            self.receipt_button.setText(self.tr("&View receipt…"))
            self.receipt_button.setToolTip(self.tr("Auditors read receipts but do not issue them."))
        elif any(entry.kind == Kind.RECEIPT_ISSUED for entry in record.history):
            self.receipt_button.setText(self.tr("&Reprint receipt…"))
            self.receipt_button.setToolTip(
                self.tr("Print the receipt again; the paper is marked as a copy")
            )
        else:
            self.receipt_button.setText(self.tr("&Print receipt…"))
            self.receipt_button.setToolTip(
                self.tr("Preview the custody receipt, take the signatures and print it")
            )

    def _html_maker(self, record_type: str) -> RecordHtml:
        kinds: dict[str, type[RecordHtml]] = {"encounter": EncounterHtml, "seizure": SeizureHtml}
        return kinds.get(record_type, RecordHtml)(self.labels, self)

    def _title(self, record: RecordData) -> str:
        current = record.current
        reference = current.get("reference_number") or current.get("seizure_number") or ""
        kind = self.labels.record_type(record.record_type)
        return f"{kind} {reference}".strip()

    def _subtitle(self, record: RecordData) -> str:
        current = record.current
        when = (
            current.get("started_at")
            or current.get("seized_at")
            or current.get("transferred_at")
            or current.get("returned_at")
        )
        parts = [self.labels.when(when)] if when else []
        if current.get("checkpoint"):
            parts.append(self.labels.checkpoint(current["checkpoint"]))
        if current.get("officer_id"):
            parts.append(self.labels.officer(current["officer_id"]))
        waiting = sum(1 for entry in record.history if not entry.synced)
        if waiting:
            parts.append(self.tr("{count} change(s) waiting for HQ").format(count=waiting))
        else:
            parts.append(self.tr("At HQ"))
        return " · ".join(parts)

    def _show_banner(self, record: RecordData) -> None:
        if not record.needs_review:
            self.banner.setVisible(False)
            return
        lines = []
        for entry in self.concurrent:
            payload = entry.payload
            what = self.labels.code("event_kind", entry.kind)
            if payload.get("reason"):
                what += f": {payload['reason']}"
            changes = ", ".join(
                f"{c.get('path')} → {c.get('value')}" for c in payload.get("corrections") or []
            )
            if changes:
                what += f" ({changes})"
            winner = self.tr("shown")
            shown = f" <b>{winner}</b>" if entry.event_id == record.winner_event_id else ""
            lines.append(
                "<li>"
                + _escape(
                    f"{self.labels.when(entry.recorded_at)} — {self.labels.officer(entry.author)}"
                    f" — {what}"
                )
                + shown
                + "</li>"
            )
        intro = _escape(
            self.tr(
                "Needs review: changes were made to this record without seeing each other. "
                "All are kept; a supervisor decides which one stands."
            )
        )
        self.banner.setText(f"<b>⚑</b> {intro}<ul>{''.join(lines)}</ul>")
        self.banner.setVisible(True)

    def _show_history(self, record: RecordData) -> None:
        table = self.history
        table.setRowCount(len(record.history))
        for row, entry in enumerate(record.history):
            cells = (
                self.labels.when(entry.recorded_at, seconds=True),
                self.labels.code("event_kind", entry.kind),
                self.labels.officer_name(entry.author),
                entry.hash[:SHORT_HASH] + "…",
                self.tr("✓ at HQ") if entry.synced else self.tr("● waiting"),
            )
            items = [QTableWidgetItem(text) for text in cells]
            for column, item in enumerate(items):
                table.setItem(row, column, item)
            hash_item = items[HistoryColumn.HASH]
            hash_item.setData(Qt.ItemDataRole.UserRole, entry.hash)
            hash_item.setToolTip(self.tr("{hash}\nCtrl+C copies it").format(hash=entry.hash))
            hash_item.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            received = (
                "\n" + self.tr("Received at HQ: {when}").format(when=entry.received_at)
                if entry.received_at
                else ""
            )
            items[HistoryColumn.TIME].setToolTip(entry.recorded_at + received)
            items[HistoryColumn.AUTHOR].setToolTip(self.labels.officer(entry.author))
            items[HistoryColumn.HQ].setToolTip(
                self.tr("HQ has this event") if entry.synced else self.tr("Not yet synced to HQ")
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+C in the history copies the selected event's full hash."""
        if (
            watched is self.history
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            self.copy_selected_hash()
            return True
        return super().eventFilter(watched, event)

    # -- actions -------------------------------------------------------------------------

    def copy_selected_hash(self) -> str | None:
        """Copy the full hash of the selected history event to the clipboard."""
        row = self.history.currentRow()
        item = self.history.item(row, HistoryColumn.HASH) if row >= 0 else None
        if item is None:
            return None
        digest = str(item.data(Qt.ItemDataRole.UserRole))
        QGuiApplication.clipboard().setText(digest)
        self.ctx.signals.message.emit(self.tr("Hash copied."))
        return digest

    def add_addendum(self) -> AddendumDialog:
        """Open the addendum dialog for this record."""
        dialog = AddendumDialog(self.ctx, self.record_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def transfer_custody(self) -> CustodyTransferDialog:
        """Open the custody-transfer dialog for this seizure."""
        dialog = CustodyTransferDialog(self.ctx, self.record_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_receipt(self) -> QDialog:
        """Open the receipt dialog of this seizure or custody transfer."""
        # Imported here: QtPdf is loaded only when a receipt is opened (decision 009).
        from ui.receipts.dialog import ReceiptDialog

        dialog = ReceiptDialog(self.ctx, self.record_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def return_property(self) -> PropertyReturnDialog:
        """Open the property-return dialog for this seizure (a detained person's own property)."""
        dialog = PropertyReturnDialog(self.ctx, self.record_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "record" and url.path():
            self.ctx.signals.open_record.emit(url.path())

    # -- language ------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every caption in the current language (the record is written again)."""
        self.labels.retranslate()
        self.addendum_button.setText(self.tr("&Add addendum…"))
        self.custody_button.setText(self.tr("&Transfer custody…"))
        self.custody_button.setToolTip(self.tr("Record a hand-over of items of this seizure"))
        self.return_button.setText(self.tr("R&eturn property…"))
        self.return_button.setToolTip(
            self.tr("Record the person's property given back, or handed to the next agency")
        )
        self.history_title.setText(self.tr("History"))
        self.history.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Event"), self.tr("Author"), self.tr("Hash"), self.tr("HQ")]
        )
        self.copy_hash_action.setText(self.tr("Copy full hash"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
