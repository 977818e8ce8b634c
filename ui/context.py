"""What every screen is given: the background runners, the officer on duty, app-wide signals.

Passed to constructors (never a global), so each widget can be built alone in a
test with a temporary profile.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from fieldapp.auth import Officer

if TYPE_CHECKING:
    from fieldapp.models.reference import ReferenceData
    from fieldapp.services.shifts import Shift
    from ui.sync_run import ClientFactory, SyncRunner
    from ui.sync_watch import SyncWatcher
from ui.tasks import Readers, Writer


class AppSignals(QObject):
    """Signals any screen may emit or listen to."""

    #: Record ids that were finalized, amended or otherwise changed.
    records_changed = Signal(list)
    #: Drafts were created, saved, finalized or discarded.
    drafts_changed = Signal()
    #: The UI language changed ("en" or "es"); widgets retranslate themselves.
    language_changed = Signal(str)
    #: A sentence for the status bar (errors the world caused, confirmations).
    message = Signal(str)
    #: Ask the main window to open a record (by id) or a draft (by id).
    open_record = Signal(str)
    open_draft = Signal(str)
    #: The connectivity watcher's state changed (looking for HQ, HQ not reachable, ...).
    sync_activity = Signal()
    #: New reference data is in use (from HQ, by a sync or an enrollment): lists of
    #: checkpoints, officers, categories and legal powers should be filled again.
    reference_changed = Signal()


@dataclass
class UiContext:
    """The running program, as the screens see it."""

    data_dir: Path
    writer: Writer
    readers: Readers
    #: A read-only connection for small, indexed reads on the UI thread
    #: (a page of rows by id, one record); anything larger goes to ``readers``.
    ui_conn: sqlite3.Connection
    #: The reference data, or a function that loads it on first use (so the
    #: sign-in window can appear before the record models are imported).
    reference_source: ReferenceData | Callable[[], ReferenceData]
    signals: AppSignals = field(default_factory=AppSignals)
    officer: Officer | None = None
    shift: Shift | None = None
    language: str = "en"
    demo: bool = False
    #: Makes the sync client (None: ``sync.client.SyncClient``); tests reach HQ in-process
    #: with ``functools.partial(SyncClient, transport=...)``.
    sync_client: ClientFactory | None = None
    #: The connectivity watcher, once the program started one (the status bar shows it).
    watcher: SyncWatcher | None = None
    _sync: SyncRunner | None = field(default=None, init=False, repr=False)

    @property
    def sync(self) -> SyncRunner:
        """The program's one door to HQ (made on first use, so sync is imported only then)."""
        if self._sync is None:
            from ui.sync_run import SyncRunner

            self._sync = SyncRunner(self, self.sync_client)
        return self._sync

    def stop_sync(self) -> None:
        """Stop the watcher and the sync runner (before the writer shuts down)."""
        if self.watcher is not None:
            self.watcher.stop()
        if self._sync is not None:
            self._sync.shutdown()

    @property
    def reference(self) -> ReferenceData:
        """The device's reference data (checkpoints, officers, categories, ...)."""
        source = self.reference_source
        if callable(source):
            source = self.reference_source = source()
        return source

    def use_reference(self, reference: ReferenceData) -> None:
        """Put new reference data in use from now on and tell the screens (UI thread).

        Forms and lists made after this offer the new checkpoints, legal powers,
        ...; screens already open may listen to ``signals.reference_changed``.
        """
        self.reference_source = reference
        self.signals.reference_changed.emit()
