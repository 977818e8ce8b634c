"""The Sync page: enrollment, "Sync now" with its progress, and the truth about what HQ has.

Everything shown is read from the profile (:func:`~fieldapp.store.syncstate.read_summary`
on a reader thread): the HQ this device is enrolled with, events waiting and
acknowledged, events HQ refused with HQ's reason, the last success and the last
failure's sentence, a revocation. The only counts not read from the profile
are those of the last sync run in this session (events sent, received, files
uploaded), which come from its report. Syncing and enrolling go through the
program's :class:`~ui.sync_run.SyncRunner`: off the UI thread, one at a time.
"""

from __future__ import annotations

import html
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from fieldapp.errors import KnownError
from fieldapp.store.syncstate import SyncSummary, WaitingByType, read_summary, read_waiting_by_type
from sync.report import HEALTH
from ui.context import UiContext
from ui.revoked import wipe_lines
from ui.status import FAILURE_STYLE, local_time
from ui.sync_enroll import EnrollForm
from ui.sync_run import progress_text

if TYPE_CHECKING:
    from sync.report import SyncReport

_DONE_STYLE = "color: #2e7d32;"
_MAX_TABLE_ROWS = 6
#: Refused events listed one by one; the rest are counted.
_MAX_REFUSED_SHOWN = 8


@dataclass(frozen=True)
class SyncPageState:
    """Everything the Sync page shows from the profile, read in one go off the UI thread."""

    summary: SyncSummary
    by_type: WaitingByType


def read_page_state(conn: sqlite3.Connection) -> SyncPageState:
    """The Sync page's numbers (indexed reads; run on a reader thread)."""
    return SyncPageState(read_summary(conn), read_waiting_by_type(conn))


def _table(parent: QWidget, name: str, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setWordWrap(True)
    table.hide()
    return table


def _fill(table: QTableWidget, rows: Sequence[tuple[str, ...]], right: tuple[int, ...]) -> None:
    """Put rows in a table sized to show up to a few of them (the rest scroll)."""
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)
    table.setVisible(bool(rows))
    shown = sum(table.rowHeight(r) for r in range(min(len(rows), _MAX_TABLE_ROWS)))
    table.setFixedHeight(table.horizontalHeader().height() + shown + 4)


class SyncPage(QWidget):
    """Enrollment or its form, "Sync now" and progress, the outcome, what HQ has and has not."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = ctx.sync
        self.state: SyncPageState | None = None
        self._reading = False
        self._phase: tuple[str, int, int] | None = None

        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.enrollment = QLabel(self)
        self.enrollment.setObjectName("enrollment")
        self.enrollment.setWordWrap(True)
        self.enrollment.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.revoked = QLabel(self)
        self.revoked.setObjectName("revoked")
        self.revoked.setWordWrap(True)
        self.revoked.setStyleSheet(FAILURE_STYLE)
        self.revoked.setTextFormat(Qt.TextFormat.RichText)
        self.revoked.hide()
        self.enroll_form = EnrollForm(ctx, self)
        self.enroll_form.hide()
        self.enroll_form.enrolled.connect(self._enrolled)

        self.sync_button = QPushButton(self)
        self.sync_button.setObjectName("sync_now")
        self.sync_button.setMinimumHeight(36)
        self.sync_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("sync_progress")
        self.progress.setMinimumWidth(240)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.phase = QLabel(self)
        self.phase.setObjectName("sync_phase")
        self.phase.hide()
        sync_row = QHBoxLayout()
        sync_row.setSpacing(12)
        sync_row.addWidget(self.sync_button)
        sync_row.addWidget(self.progress)
        sync_row.addWidget(self.phase)
        sync_row.addStretch(1)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("sync_outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()

        self.waiting_label, self.waiting_value = QLabel(self), QLabel(self)
        self.acknowledged_label, self.acknowledged_value = QLabel(self), QLabel(self)
        self.sent_label, self.sent_value = QLabel(self), QLabel(self)
        self.quarantined_label, self.quarantined_value = QLabel(self), QLabel(self)
        self.last_sync_label, self.last_sync_value = QLabel(self), QLabel(self)
        self.never_label, self.never_value = QLabel(self), QLabel(self)
        self.counts = QFormLayout()
        self.counts.setHorizontalSpacing(24)
        for name, label, value in (
            ("waiting", self.waiting_label, self.waiting_value),
            ("acknowledged", self.acknowledged_label, self.acknowledged_value),
            ("sent", self.sent_label, self.sent_value),
            ("quarantined", self.quarantined_label, self.quarantined_value),
            ("last_success", self.last_sync_label, self.last_sync_value),
            ("never_synced", self.never_label, self.never_value),
        ):
            value.setObjectName(name)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.counts.addRow(label, value)

        self.quarantine_title = QLabel(self)
        self.quarantine_title.setWordWrap(True)
        self.quarantine_title.hide()
        self.quarantine = QLabel(self)
        self.quarantine.setObjectName("quarantine")
        self.quarantine.setWordWrap(True)
        self.quarantine.setTextFormat(Qt.TextFormat.RichText)
        self.quarantine.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quarantine.hide()
        self.table = _table(self, "by_type", 3)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMaximumWidth(560)
        for label in (
            self.enrollment,
            self.revoked,
            self.outcome,
            self.quarantine_title,
            self.quarantine,
        ):
            label.setMaximumWidth(900)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.enrollment)
        layout.addWidget(self.revoked)
        layout.addWidget(self.enroll_form)
        layout.addLayout(sync_row)
        layout.addWidget(self.outcome)
        layout.addLayout(self.counts)
        layout.addWidget(self.quarantine_title)
        layout.addWidget(self.quarantine)
        layout.addWidget(self.table)
        layout.addStretch(1)

        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(200)
        self._soon.timeout.connect(self.refresh)
        self.sync_button.clicked.connect(self.sync_now)
        self.runner.started.connect(self._sync_started)
        self.runner.progress.connect(self._sync_progress)
        self.runner.finished.connect(self._sync_finished)
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
        self.sync_button.setText(self.tr("&Sync now"))
        self.sync_button.setToolTip(
            self.tr("Send what waits for HQ and take in what HQ has for this device.")
        )
        self.waiting_label.setText(self.tr("Events waiting for HQ:"))
        self.acknowledged_label.setText(self.tr("Events HQ has acknowledged:"))
        self.sent_label.setText(self.tr("Sent in the last sync:"))
        self.quarantined_label.setText(self.tr("Events HQ refused:"))
        self.last_sync_label.setText(self.tr("Last successful sync:"))
        self.never_label.setText(self.tr("Records HQ has not confirmed yet:"))
        self.quarantine_title.setText(
            self.tr(
                "HQ refused these events and keeps them aside. They stay on this device and "
                "are sent again at each sync; HQ confirms the events after a refused one only "
                "once it is settled. Tell HQ about them."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Kind of record"), self.tr("Events waiting"), self.tr("Records not confirmed")]
        )
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- showing ---------------------------------------------------------------------------

    def _show(self) -> None:
        self._show_progress()
        state = self.state
        if state is None:
            for value in (
                self.waiting_value,
                self.acknowledged_value,
                self.quarantined_value,
                self.last_sync_value,
                self.never_value,
            ):
                value.setText("…")
            self.sent_value.setText("…")
            self.enrollment.setText("")
            return
        summary = state.summary
        self._show_enrollment(summary)
        self._show_outcome(summary)
        self.waiting_value.setText(str(summary.waiting))
        self.acknowledged_value.setText(str(summary.acknowledged))
        report = self.runner.last_report
        sent = report is not None and (report.error is None or report.pushed > 0)
        self.counts.setRowVisible(self.sent_value, sent)
        if report is not None:
            self.sent_value.setText(
                self.tr("{0} events ({1} new at HQ), {2} received from HQ").format(
                    report.pushed, report.accepted, report.pulled
                )
            )
        self.quarantined_value.setText(str(len(summary.quarantined)))
        last = summary.last_success_at
        self.last_sync_value.setText(local_time(last) if last else self.tr("never"))
        self.never_value.setText(str(sum(state.by_type.never_synced.values())))
        self._show_refused(summary)
        events, never = state.by_type.events, state.by_type.never_synced
        kinds = sorted(
            set(events) | set(never), key=lambda k: (k not in ("encounter", "seizure"), k)
        )
        _fill(
            self.table,
            [(self.kind_name(k), str(events.get(k, 0)), str(never.get(k, 0))) for k in kinds],
            right=(1, 2),
        )

    def _show_refused(self, summary: SyncSummary) -> None:
        """Each event HQ refused: its number, since when, and HQ's sentence."""
        refused = summary.quarantined
        lines = [
            self.tr("<b>Event #{0}</b>, refused since {1}: {2}").format(
                q.seq, local_time(q.first_seen_at), html.escape(q.reason)
            )
            for q in refused[:_MAX_REFUSED_SHOWN]
        ]
        if len(refused) > _MAX_REFUSED_SHOWN:
            lines.append(self.tr("… and {0} more.").format(len(refused) - _MAX_REFUSED_SHOWN))
        self.quarantine.setText("<br>".join(lines))
        self.quarantine.setVisible(bool(refused))
        self.quarantine_title.setVisible(bool(refused))

    def _show_enrollment(self, summary: SyncSummary) -> None:
        if not summary.enrolled:
            self.enrollment.setText(
                self.tr(
                    "This device is not enrolled with HQ yet, so nothing has been sent. "
                    "Everything is kept safely on this device until it is."
                )
            )
        else:
            since = local_time(summary.enrolled_at) if summary.enrolled_at else "…"
            self.enrollment.setText(
                self.tr('Enrolled with HQ at {0} as "{1}" since {2}.').format(
                    summary.hq_url, summary.device_name, since
                )
            )
        self.enroll_form.setVisible(not summary.enrolled)
        if summary.revoked:
            at = local_time(summary.revoked_at) if summary.revoked_at else "…"
            said = summary.revoked_reason or self.tr("Its records stay on it. Ask your supervisor.")
            headline = self.tr(
                "HQ has revoked this device (since {0}): it can no longer sync."
            ).format(at)
            lines = [f"<b>{html.escape(headline)}</b>", html.escape(said)]
            lines += [html.escape(line) for line in wipe_lines(summary) if line]
            self.revoked.setText("<br>".join(lines))
        self.revoked.setVisible(summary.revoked)
        self.sync_button.setVisible(summary.enrolled)
        self.sync_button.setEnabled(
            summary.enrolled and not summary.revoked and not self.runner.running
        )

    def _show_outcome(self, summary: SyncSummary) -> None:
        """The last failure's sentence, else what the last sync of this session did."""
        report = self.runner.last_report
        if self.runner.busy == "sync" or summary.revoked:  # a revocation is said above
            text, style = "", ""
        elif summary.last_failure:
            at = local_time(summary.last_failure_at) if summary.last_failure_at else "…"
            text = self.tr(
                "The last sync failed ({0}): {1} Nothing is lost: what waits stays on this "
                "device and is sent at the next sync."
            ).format(at, summary.last_failure.rstrip(".") + ".")
            style = FAILURE_STYLE
        elif report is not None and report.error is None:
            done = self.tr(
                "{0} events sent, {1} received from HQ, {2} photos and signatures uploaded."
            ).format(report.pushed, report.pulled, report.attachments_sent)
            if report.ok:
                text = self.tr("Sync complete: {0} HQ has every event of this device.").format(done)
                style = _DONE_STYLE
            else:
                text = self.tr("The last sync ran to the end: {0}").format(done)
                if summary.waiting:
                    text += " " + self.tr("{0} events still wait for HQ.").format(summary.waiting)
                if report.attachments_missing_here:
                    text += " " + self.tr(
                        "{0} photos or signatures HQ expects cannot be read on this device."
                    ).format(len(report.attachments_missing_here))
                style = ""
        else:
            text, style = "", ""
        self.outcome.setText(text)
        self.outcome.setStyleSheet(style)
        self.outcome.setVisible(bool(text))

    def _show_progress(self) -> None:
        running = self.runner.busy == "sync"
        self.progress.setVisible(running)
        self.phase.setVisible(running)
        if not running:
            return
        phase, done, total = self._phase or ("", 0, 0)
        if total <= 0 or phase == HEALTH:
            self.progress.setRange(0, 0)  # busy, amount unknown
        else:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.phase.setText(progress_text(phase, done, total))

    # -- syncing ---------------------------------------------------------------------------

    def sync_now(self) -> None:
        """Start a sync (nothing happens while one runs: the button is off then)."""
        self.runner.sync()

    def _sync_started(self) -> None:
        if not Shiboken.isValid(self):
            return
        self._phase = None
        self.sync_button.setEnabled(False)
        self.outcome.hide()
        self._show_progress()

    def _sync_progress(self, phase: str, done: int, total: int) -> None:
        if not Shiboken.isValid(self):
            return
        self._phase = (phase, done, total)
        self._show_progress()

    def _sync_finished(self, _report: SyncReport) -> None:
        if not Shiboken.isValid(self):
            return
        self._phase = None
        self._show_progress()
        self.refresh(force=True)

    def _enrolled(self, _answer: object) -> None:
        self.ctx.signals.message.emit(self.tr("This device is enrolled with HQ now."))
        self.refresh(force=True)

    # -- reading ---------------------------------------------------------------------------

    def refresh(self, force: bool = False) -> None:
        """Re-read the numbers off the UI thread (when shown; showing reads them again)."""
        if not self.isVisible() and not force:
            return
        if self._reading:
            self._soon.start()
            return
        self._reading = True
        self.ctx.readers.submit(read_page_state, on_done=self._got, on_error=self._failed)

    def _got(self, state: SyncPageState) -> None:
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
