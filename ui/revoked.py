"""The lock screen of a device HQ revoked: what happened to its records, and nothing more.

Once HQ revokes a device the core refuses every new event
(:func:`fieldapp.store.eventlog.refuse_if_revoked`), so the program shows only
this window: when HQ revoked it and why, what the remote wipe removed and
kept (:mod:`fieldapp.store.wipe`), whether HQ has the signed report of it, and
"Try again now" while something is left to settle with HQ (a sync of a
revoked device only settles the revocation). It retries by itself on a timer
too. There is no way from here to the records.

The sentences about the wipe (:func:`wipe_lines`) are shared with the Sync
page and the main window, so every screen says the same thing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from fieldapp.errors import KnownError
from fieldapp.store.syncstate import SyncSummary, read_summary
from ui.context import UiContext
from ui.status import FAILURE_STYLE, local_time

if TYPE_CHECKING:
    from sync.report import SyncReport

# How often the lock screen asks HQ again by itself while something is left to settle.
RETRY_MS = 120_000
# How often it asks while HQ has not asked for a wipe (HQ may still: a lost laptop found stolen).
CHECK_MS = 30 * 60_000

_BOX_STYLE = "background: #fdf3e7; border: 1px solid #e0b98a; border-radius: 4px; padding: 10px;"


def left_to_settle(summary: SyncSummary) -> bool:
    """True while HQ still has to say whether to wipe, or to receive the wipe's report."""
    if not summary.revoked:
        return False
    if summary.wipe_requested is None:
        return True
    if summary.wipe_requested:
        return summary.wipe is None or not summary.wipe.reported
    return False


def may_still_be_asked(summary: SyncSummary) -> bool:
    """True while HQ has not asked for a wipe (and none was made): it may still ask."""
    return summary.revoked and summary.wipe_requested is False and summary.wipe is None


def revoked_line(summary: SyncSummary) -> str:
    """When HQ revoked the device, and HQ's reason if it gave one."""
    at = local_time(summary.revoked_at) if summary.revoked_at else "…"
    line = QCoreApplication.translate("RevokedWindow", "HQ revoked this device on {0}.").format(at)
    if summary.revoked_reason:
        line += " " + QCoreApplication.translate("RevokedWindow", "HQ's reason: {0}").format(
            summary.revoked_reason.rstrip(".") + "."
        )
    return line


def wipe_lines(summary: SyncSummary) -> tuple[str, str]:
    """What happened to the records, and whether HQ has the wipe's signed report ("" if moot)."""
    wipe = summary.wipe
    if wipe is not None:
        if wipe.records_wiped == 1:
            records = QCoreApplication.translate(
                "RevokedWindow",
                "1 record HQ holds was removed from this laptop at HQ's request.",
            )
        elif wipe.records_wiped:
            records = QCoreApplication.translate(
                "RevokedWindow",
                "{0} records HQ holds were removed from this laptop at HQ's request.",
            ).format(wipe.records_wiped)
        else:
            records = QCoreApplication.translate(
                "RevokedWindow",
                "HQ asked for a wipe, but it held no record of this laptop wholly: none was "
                "removed.",
            )
        if wipe.records_kept == 1:
            records += " " + QCoreApplication.translate(
                "RevokedWindow",
                "1 record HQ has not received wholly is kept on this laptop, encrypted: "
                "hand the laptop to your supervisor so HQ can recover it.",
            )
        elif wipe.records_kept:
            records += " " + QCoreApplication.translate(
                "RevokedWindow",
                "{0} records HQ has not received wholly are kept on this laptop, encrypted: "
                "hand the laptop to your supervisor so HQ can recover them.",
            ).format(wipe.records_kept)
        else:
            records += " " + QCoreApplication.translate(
                "RevokedWindow", "No record was left that HQ does not have."
            )
        if wipe.reported_at:
            report = QCoreApplication.translate(
                "RevokedWindow", "HQ has the signed report of the wipe (received {0})."
            ).format(local_time(wipe.reported_at))
        else:
            report = QCoreApplication.translate(
                "RevokedWindow",
                "HQ does not have the signed report of the wipe yet; it is sent again "
                "automatically.",
            )
        return records, report
    if summary.wipe_requested is False:
        return (
            QCoreApplication.translate(
                "RevokedWindow",
                "HQ did not ask for a wipe: every record is kept on this laptop, encrypted. "
                "Hand the laptop to your supervisor.",
            ),
            "",
        )
    if summary.wipe_requested:
        return (
            QCoreApplication.translate(
                "RevokedWindow",
                "HQ asked to remove the records it holds; that is not done yet and is tried "
                "again automatically. Until then every record is kept, encrypted.",
            ),
            "",
        )
    return (
        QCoreApplication.translate(
            "RevokedWindow",
            "What happens to the records on this laptop is not known yet: HQ has to be asked. "
            "Until then every record is kept, encrypted.",
        ),
        "",
    )


def revoked_text(summary: SyncSummary) -> str:
    """The whole story of a revoked device in a few sentences (Sync page, messages)."""
    records, report = wipe_lines(summary)
    return " ".join(part for part in (revoked_line(summary), records, report) if part)


class RevokedWindow(QWidget):
    """The only window of a revoked device: what happened, "Try again now" and "Quit"."""

    #: The officer asked to quit (the button, or closing the window).
    quit_requested = Signal()

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        retry_ms: int = RETRY_MS,
        check_ms: int = CHECK_MS,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.retry_ms = retry_ms
        self.check_ms = check_ms
        self.runner = ctx.sync
        self.summary: SyncSummary | None = None
        #: The sentence about the last try this window saw end (None: none yet).
        self._tried: str | None = None
        self._tried_failed = False
        self._reading = False
        self._again = False

        self.title = QLabel(self)
        self.title.setObjectName("title")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.revoked = self._label("revoked")
        self.records = self._label("records")
        self.records.setStyleSheet(_BOX_STYLE)
        self.drafts = self._label("drafts")
        self.report = self._label("report")

        self.retry_button = QPushButton(self)
        self.retry_button.setObjectName("retry")
        self.retry_button.setMinimumHeight(36)
        self.retry_button.setMinimumWidth(160)
        self.retry_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.busy = QProgressBar(self)
        self.busy.setObjectName("busy")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedWidth(120)
        self.busy.hide()
        self.outcome = self._label("outcome")
        retry_row = QHBoxLayout()
        retry_row.setSpacing(12)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        retry_row.addWidget(self.retry_button, 0, left)
        retry_row.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignVCenter)
        retry_row.addWidget(self.outcome, 1)
        retry_row.addStretch(0)

        self.quit_button = QPushButton(self)
        self.quit_button.setObjectName("quit")
        self.quit_button.setMinimumHeight(36)
        self.quit_button.setMinimumWidth(120)
        quit_row = QHBoxLayout()
        quit_row.addStretch(1)
        quit_row.addWidget(self.quit_button)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        column = QWidget(self)
        column.setMaximumWidth(680)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(14)
        inner.addWidget(self.title)
        inner.addWidget(self.revoked)
        inner.addWidget(self.records)
        inner.addWidget(self.drafts)
        inner.addWidget(self.report)
        inner.addLayout(retry_row)
        inner.addSpacing(8)
        inner.addWidget(line)
        inner.addLayout(quit_row)
        # Centred, as wide as a comfortable line: stretches beside it, not an alignment,
        # so the wrapped sentences get the height they need at that width.
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(column, 20)
        middle.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)

        self.timer = QTimer(self)
        self.timer.setInterval(retry_ms)
        self.timer.timeout.connect(self._retry_by_itself)
        self.retry_button.clicked.connect(self.try_again)
        self.quit_button.clicked.connect(self.quit_requested)
        self.runner.started.connect(self._sync_started)
        self.runner.finished.connect(self._sync_finished)
        self.setMinimumSize(560, 420)
        self.retranslate()

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Checkpoint field capture"))
        self.title.setText(self.tr("This device is locked"))
        self.drafts.setText(self.tr("Drafts are kept on this laptop: nothing you typed was lost."))
        self.retry_button.setText(self.tr("&Try again now"))
        self.retry_button.setToolTip(
            self.tr("Ask HQ now what is left to settle (it is also tried every 2 minutes).")
        )
        self.quit_button.setText(self.tr("&Quit"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show(self) -> None:
        summary = self.summary
        running = self.runner.busy == "sync"
        self.busy.setVisible(running)
        if summary is None:
            self.revoked.setText(self.tr("HQ revoked this device."))
            self.records.setText("…")
            self.report.hide()
            self.retry_button.hide()
            self.outcome.hide()
            return
        self.revoked.setText(revoked_line(summary))
        records, report = wipe_lines(summary)
        self.records.setText(records)
        self.report.setText(report)
        self.report.setVisible(bool(report))
        pending = left_to_settle(summary)
        self.retry_button.setVisible(pending or running)
        self.retry_button.setEnabled(pending and not running)
        if running:
            self.outcome.setText(self.tr("Asking HQ…"))
            self.outcome.setStyleSheet("")
        elif self._tried is not None:
            self.outcome.setText(self._tried)
            self.outcome.setStyleSheet(FAILURE_STYLE if self._tried_failed else "")
        self.outcome.setVisible(running or self._tried is not None)
        interval = self.retry_ms if pending else self.check_ms if may_still_be_asked(summary) else 0
        if not interval:
            self.timer.stop()
        elif not self.timer.isActive() or self.timer.interval() != interval:
            self.timer.start(interval)

    # -- trying again ----------------------------------------------------------------------

    def try_again(self) -> None:
        """Settle with HQ now (a sync of a revoked device does only that)."""
        if not self.runner.sync():
            return  # one already runs: its end refreshes this window

    def _retry_by_itself(self) -> None:
        summary = self.summary
        if summary is not None and (left_to_settle(summary) or may_still_be_asked(summary)):
            self.runner.sync()

    def _sync_started(self) -> None:
        if Shiboken.isValid(self):
            self._show()

    def _sync_finished(self, report: SyncReport) -> None:
        if not Shiboken.isValid(self):
            return
        if report.wipe_problem is not None:
            self._tried = self.tr(
                "Not settled with HQ yet: {0} It is tried again automatically."
            ).format(report.wipe_problem.rstrip(".") + ".")
            self._tried_failed = True
        elif not report.revoked and report.error is not None:
            self._tried = self.tr("The try failed: {0} It is tried again automatically.").format(
                report.error.rstrip(".") + "."
            )
            self._tried_failed = True
        else:
            self._tried = self.tr("HQ answered at {0}.").format(
                dt.datetime.now().astimezone().strftime("%H:%M")
            )
            self._tried_failed = False
        self.refresh()

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the revocation and the wipe again, off the UI thread."""
        if self._reading:
            self._again = True
            return
        self._reading = True
        self.ctx.readers.submit(read_summary, on_done=self._got, on_error=self._failed)

    def _got(self, summary: SyncSummary) -> None:
        if not Shiboken.isValid(self):
            return
        self._reading = False
        self.summary = summary
        self._show()
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, error: BaseException) -> None:
        if not Shiboken.isValid(self):
            return
        self._reading = False
        if not isinstance(error, KnownError):
            raise error
        self._tried, self._tried_failed = error.message, True
        self._show()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        self.quit_requested.emit()
        super().closeEvent(event)
