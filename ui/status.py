"""The status bar: what is saved, what is not yet at HQ, who is on duty where.

An officer glancing down at 3 a.m. must see, without asking, whether the last
change is saved on this device, how many events still wait for HQ, when the
last sync succeeded, whether the last one failed, whether a sync runs or HQ
is being waited for, and whether this device is enrolled at all. The numbers
(:func:`fieldapp.store.syncstate.read_summary`) are read off the UI thread
after every write, every sync and every ten seconds.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget
from shiboken6 import Shiboken

from fieldapp.errors import KnownError
from fieldapp.store.syncstate import SyncSummary, read_summary
from ui.context import UiContext
from ui.sync_run import progress_text
from ui.sync_watch import PROBING, RETRY, UNREACHABLE

#: How often the waiting count is refreshed even without a write (ms).
REFRESH_MS = 10_000
#: How long a message stays in the status bar (ms).
MESSAGE_MS = 15_000
#: The widest the officer-and-checkpoint text may be (px), so the other facts stay in view.
OFFICER_WIDTH = 460
#: The failure colour, readable on light and dark palettes.
FAILURE_STYLE = "color: #c62828;"


def local_time(iso: str) -> str:
    """An ISO timestamp as the officer's local date and time, minutes precision."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class StatusBar(QStatusBar):
    """Connectivity, waiting events, last sync, officer on duty, saving indicator, messages."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._facts: SyncSummary | None = None
        self._progress: tuple[str, int, int] | None = None
        self._busy = 0
        self._reading = False
        self._again = False

        self.saving_label = QLabel(self)
        self.waiting_label = QLabel(self)
        self.last_sync_label = QLabel(self)
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("sync_activity")
        self.hq_label = QLabel(self)
        self.officer_label = QLabel(self)
        for label in (
            self.officer_label,
            self.hq_label,
            self.sync_label,
            self.waiting_label,
            self.last_sync_label,
        ):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self.saving_label.setContentsMargins(8, 0, 4, 0)
        self.saving_label.setMinimumWidth(150)
        self.addPermanentWidget(self.saving_label)

        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(150)
        self._soon.timeout.connect(self.refresh)
        self._every = QTimer(self)
        self._every.setInterval(REFRESH_MS)
        self._every.timeout.connect(self.refresh)
        self._every.start()

        signals = ctx.signals
        signals.records_changed.connect(self.schedule_refresh)
        signals.drafts_changed.connect(self.schedule_refresh)
        signals.message.connect(self.show_sentence)
        signals.language_changed.connect(self._show_identity)
        ctx.writer.busy_changed.connect(self._writer_busy)
        runner = ctx.sync
        runner.started.connect(self._sync_started)
        runner.progress.connect(self._sync_progress)
        runner.finished.connect(self._sync_finished)
        runner.enroll_finished.connect(self.schedule_refresh)
        signals.sync_activity.connect(self._show_activity)
        self.retranslate()

    # -- what is shown -------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self._show_identity()
        self._show_facts()
        self._show_saving()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_sentence(self, text: str) -> None:
        """Show a message (an error the world caused, a confirmation) for a while."""
        self.showMessage(text, MESSAGE_MS)

    def show_error(self, error: BaseException) -> None:
        """Show a failed background task as a sentence (core sentences as they are)."""
        if isinstance(error, KnownError):
            self.show_sentence(error.message)
            return
        self.show_sentence(
            self.tr(
                "Something went wrong in the background ({0}). What was saved before stays "
                "saved; the details are in fieldapp.log in the profile folder."
            ).format(type(error).__name__)
        )

    def _show_identity(self, *_: object) -> None:
        officer, shift = self.ctx.officer, self.ctx.shift
        if officer is None:
            text = self.tr("Nobody signed in")
        else:
            who = f"{officer.name} ({officer.id})"
            if shift is None:
                text = self.tr("On duty: {0} · no shift open").format(who)
            else:
                checkpoint = self.ctx.reference.checkpoints_by_code.get(shift.checkpoint)
                place = shift.checkpoint
                if checkpoint is not None:
                    place = checkpoint.name_es if self.ctx.language == "es" else checkpoint.name
                text = self.tr("On duty: {0} · {1}").format(who, place)
        # Long names are cut with "…" rather than pushing the other facts off the bar.
        metrics = self.officer_label.fontMetrics()
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, OFFICER_WIDTH)
        self.officer_label.setText(shown)
        self.officer_label.setToolTip(text if shown != text else "")

    def _show_facts(self) -> None:
        facts = self._facts
        self._show_activity()
        if facts is None:
            self.hq_label.setText(self.tr("HQ: …"))
            self.waiting_label.setText(self.tr("Events waiting for HQ: …"))
            self.last_sync_label.setText(self.tr("Last sync: …"))
            return
        if facts.hq_url is None:
            self.hq_label.setText(self.tr("Not enrolled with HQ"))
            self.hq_label.setToolTip(self.tr("Enroll this device on the Sync page (Ctrl+5)."))
            self.hq_label.setStyleSheet("")
        elif facts.revoked:
            self.hq_label.setText(self.tr("HQ: this device is revoked"))
            self.hq_label.setToolTip(facts.revoked_reason or "")
            self.hq_label.setStyleSheet(FAILURE_STYLE)
        else:
            self.hq_label.setText(self.tr("HQ: enrolled ({0})").format(facts.hq_url))
            self.hq_label.setToolTip(
                self.tr("This device is enrolled as {0}.").format(facts.device_name)
            )
            self.hq_label.setStyleSheet("")
        self.waiting_label.setText(self.tr("Events waiting for HQ: {0}").format(facts.waiting))
        self.waiting_label.setToolTip(
            self.tr("Changes saved on this device that HQ has not confirmed yet.")
        )
        last = local_time(facts.last_success_at) if facts.last_success_at else self.tr("never")
        self.last_sync_label.setText(self.tr("Last sync: {0}").format(last))

    def _show_activity(self) -> None:
        """A sync under way, HQ waited for, or the last sync's failure; nothing otherwise."""
        facts, watcher, label = self._facts, self.ctx.watcher, self.sync_label
        failure = facts.last_failure if facts is not None else None
        text, tip, failed = "", "", False
        if self._progress is not None and not self._progress[0]:
            text = self.tr("Syncing…")
        elif self._progress is not None:
            text = self.tr("Syncing: {0}").format(progress_text(*self._progress))
        elif watcher is not None and watcher.state == PROBING:
            text = self.tr("Looking for HQ…")
        elif watcher is not None and watcher.state in (UNREACHABLE, RETRY):
            when = watcher.next_try_at
            at = when.astimezone().strftime("%H:%M") if when is not None else "…"
            if watcher.state == UNREACHABLE:
                text = self.tr("HQ not reachable; next try at {0}").format(at)
            else:
                text = self.tr("Sync failed; next try at {0}").format(at)
            tip, failed = failure or "", True
        elif failure:
            text, tip, failed = self.tr("Last sync failed"), failure, True
        label.setText(text)
        label.setToolTip(tip)
        label.setStyleSheet(FAILURE_STYLE if failed else "")
        label.setVisible(bool(text))

    def _show_saving(self) -> None:
        if self._busy > 0:
            self.saving_label.setText(self.tr("Saving…"))
        else:
            self.saving_label.setText(self.tr("All changes saved"))

    # -- keeping it current ----------------------------------------------------------------

    def identity_changed(self) -> None:
        """The officer or the shift changed."""
        self._show_identity()

    def schedule_refresh(self, *_: object) -> None:
        """Re-read the numbers shortly (several writes in a row cost one read)."""
        self._soon.start()

    def refresh(self) -> None:
        """Re-read the numbers off the UI thread (when shown; showing reads them again)."""
        if not self.isVisible():
            return
        if self._reading:
            self._again = True
            return
        self._reading = True
        self.ctx.readers.submit(read_summary, on_done=self._got_facts, on_error=self._failed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def _got_facts(self, facts: SyncSummary) -> None:
        if not Shiboken.isValid(self):
            return
        self._reading = False
        self._facts = facts
        self._show_facts()
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, error: BaseException) -> None:
        if not Shiboken.isValid(self):
            return
        self._reading = False
        self.show_error(error)

    def _writer_busy(self, pending: int) -> None:
        self._busy = pending
        self._show_saving()
        if pending == 0:
            self.schedule_refresh()

    # -- syncs -----------------------------------------------------------------------------

    def _sync_started(self) -> None:
        self._progress = ("", 0, 0)
        self._show_activity()

    def _sync_progress(self, phase: str, done: int, total: int) -> None:
        self._progress = (phase, done, total)
        self._show_activity()

    def _sync_finished(self, _report: object) -> None:
        self._progress = None
        self._show_activity()
        self.schedule_refresh()
