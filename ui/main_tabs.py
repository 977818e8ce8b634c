"""The main window's tabs: the navigation page first, then open forms and records.

A form or record is one tab, found again (not opened twice) when asked for a
second time. Closing a tab closes its widget first, so a form saves its draft
as it goes and can refuse to go; a finalized form gives way to the record it
made, and its seizures' receipts are offered for printing at once. Forms and
record views are imported on first use, so the window opens fast and still
opens when one of them is missing from a build.
"""

from __future__ import annotations

import importlib
import logging
import sqlite3
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget
from shiboken6 import Shiboken

from fieldapp.errors import KnownError, NotFound
from fieldapp.profile import Profile
from fieldapp.services import queries
from fieldapp.services.drafts import Draft
from ui.context import UiContext

log = logging.getLogger(__name__)


class WorkTabs(QTabWidget):
    """Tab 0 holds the current page (never closed); the others hold forms and records."""

    #: A sentence for the status bar.
    message = Signal(str)

    def __init__(self, ctx: UiContext, page_area: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("tabs")
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.addTab(page_area, "")
        for side in (QTabBar.ButtonPosition.RightSide, QTabBar.ButtonPosition.LeftSide):
            self.tabBar().setTabButton(0, side, None)
        self.tabCloseRequested.connect(self.close_tab)
        #: The last "print the receipt now?" offer (None when nothing was offered).
        self.receipt_offer: QObject | None = None
        ctx.signals.open_record.connect(self.open_record)
        ctx.signals.open_draft.connect(self.open_draft)

    # -- finding and adding ----------------------------------------------------------------

    def index_of(self, kind: str, ident: str) -> int:
        """The index of the tab of a draft or record, -1 if none is open."""
        for index in range(1, self.count()):
            widget = self.widget(index)
            if widget is None:
                continue
            if widget.property("tab_key") == f"{kind}:{ident}":
                return index
            if kind == "draft" and getattr(widget, "draft_id", None) == ident:
                return index
        return -1

    def _add(self, widget: QWidget, key: str, title: str) -> None:
        widget.setProperty("tab_key", key)
        index = self.addTab(widget, widget.windowTitle() or title)
        widget.windowTitleChanged.connect(self._follow_title)
        self.setCurrentIndex(index)
        focus_into(widget)

    def _follow_title(self, title: str) -> None:
        sender = self.sender()
        index = self.indexOf(sender) if isinstance(sender, QWidget) else -1
        if index > 0 and title:
            self.setTabText(index, title)

    def _title(self, widget: QWidget, title: str) -> None:
        if not Shiboken.isValid(self) or not Shiboken.isValid(widget):
            return
        index = self.indexOf(widget)
        if index > 0 and title and not widget.windowTitle():
            self.setTabText(index, title)

    # -- forms -----------------------------------------------------------------------------

    def open_form(self, draft_id: str | None = None, title: str | None = None) -> None:
        """Open an encounter form: a new one, or a draft (focused if already open)."""
        if draft_id is not None:
            index = self.index_of("draft", draft_id)
            if index > 0:
                self.setCurrentIndex(index)
                return
        try:
            form_class = _lazy("ui.forms.encounter", "EncounterForm")
        except ImportError:
            log.warning("the encounter form cannot be imported", exc_info=True)
            self.message.emit(self.tr("The encounter form is not available in this build."))
            return
        form: QWidget = form_class(self.ctx, draft_id, parent=self)
        form.finalized.connect(lambda ids: self._finalized(form, ids))  # type: ignore[attr-defined]
        form.closed.connect(lambda: self.remove(form))  # type: ignore[attr-defined]
        key = f"draft:{draft_id}" if draft_id else f"new:{id(form)}"
        self._add(form, key, title or self.tr("New encounter"))

    def open_draft(self, draft_id: str) -> None:
        """Open a draft in its form; a seizure draft opens the encounter it belongs to."""
        index = self.index_of("draft", draft_id)
        if index > 0:
            self.setCurrentIndex(index)
            return

        def root_of(profile: Profile) -> Draft:
            drafts = profile.services.drafts
            draft = drafts.get(draft_id)
            seen = {draft.id}
            while draft.parent_id and draft.parent_id not in seen:
                try:
                    draft = drafts.get(draft.parent_id)
                except NotFound:
                    break
                seen.add(draft.id)
            return draft

        self.ctx.writer.submit(root_of, on_done=self._open_root, on_error=self._failed)

    def _open_root(self, draft: Draft) -> None:
        if not Shiboken.isValid(self):
            return
        if draft.record_type != "encounter":
            self.message.emit(
                self.tr("This draft ({0}) has no form in this version; it stays saved.").format(
                    draft.record_type
                )
            )
            return
        reference = draft.data.get("reference_number")
        self.open_form(draft.id, str(reference) if reference else self.tr("Encounter draft"))

    def _finalized(self, form: QWidget, record_ids: list[str]) -> None:
        self.remove(form)
        if record_ids:
            self.open_record(record_ids[0])
            self.offer_receipts(record_ids)

    def offer_receipts(self, record_ids: list[str]) -> None:
        """Offer to print the receipts of the seizures just finalized (if there are any)."""
        try:
            offer = _lazy("ui.receipts.offer", "offer_receipts")
        except ImportError:
            log.warning("the receipt offer cannot be imported", exc_info=True)
            return
        self.receipt_offer = offer(self.ctx, record_ids, self.window())

    # -- records ---------------------------------------------------------------------------

    def open_record(self, record_id: str) -> None:
        """Open a finalized record (focused if already open)."""
        index = self.index_of("record", record_id)
        if index > 0:
            self.setCurrentIndex(index)
            return
        try:
            view_class = _lazy("ui.records.view", "RecordView")
        except ImportError:
            log.warning("the record view cannot be imported", exc_info=True)
            self.message.emit(self.tr("The record view is not available in this build."))
            return
        try:
            view: QWidget = view_class(self.ctx, record_id, parent=self)
        except KnownError as exc:
            self.message.emit(exc.message)
            return
        self._add(view, f"record:{record_id}", self.tr("Record"))
        if not view.windowTitle():

            def titled(reference: str) -> None:
                self._title(view, reference)

            self.ctx.readers.submit(
                lambda conn: reference_of(conn, record_id), on_done=titled, on_error=_ignore
            )

    # -- closing ---------------------------------------------------------------------------

    def remove(self, widget: QWidget) -> None:
        """Take a tab away without asking its widget (it finished or closed itself)."""
        if not Shiboken.isValid(self) or not Shiboken.isValid(widget):
            return
        index = self.indexOf(widget)
        if index > 0:
            self.removeTab(index)
            widget.deleteLater()

    def close_tab(self, index: int) -> bool:
        """Close one form or record tab; False if its widget refused (it keeps its tab)."""
        if index <= 0:
            return True
        widget = self.widget(index)
        if widget is None:
            return True
        if not widget.close():
            return False
        self.remove(widget)
        return True

    def close_current(self) -> None:
        """Close the current form or record tab (a form saves as it closes)."""
        self.close_tab(self.currentIndex())

    def close_all(self) -> bool:
        """Close every form and record tab; False if one refused."""
        while self.count() > 1:
            if not self.close_tab(self.count() - 1):
                return False
        return True

    # -- drafts left from last time ---------------------------------------------------------

    def offer_recovery(self) -> None:
        """Offer the officer's unfinished drafts (after a crash, or left open last time)."""
        if self.ctx.officer is None:
            return
        officer_id = self.ctx.officer.id
        self.ctx.writer.submit(
            lambda profile: profile.services.drafts.unfinished(officer_id),
            on_done=self._recover,
        )

    def _recover(self, drafts: list[Draft]) -> None:
        if not drafts or not Shiboken.isValid(self):
            return
        try:
            dialog_class = _lazy("ui.drafts.recovery", "RecoveryDialog")
        except ImportError:
            log.warning("the draft recovery dialog cannot be imported", exc_info=True)
            self.message.emit(
                self.tr("You have unfinished drafts; they are listed under Drafts (Ctrl+3).")
            )
            return
        dialog = dialog_class(self.ctx, drafts, self.window())
        dialog.exec()
        chosen = list(dialog.chosen)
        dialog.deleteLater()
        for draft_id in chosen:
            self.open_draft(draft_id)

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, KnownError):
            raise error
        if Shiboken.isValid(self):
            self.message.emit(error.message)


def _lazy(module: str, name: str) -> Any:
    """A class from a module imported on first use (ImportError if the build lacks it)."""
    return getattr(importlib.import_module(module), name)


def _ignore(_error: BaseException) -> None:
    """A tab title is a nicety: if it cannot be read, the tab keeps its first title."""


def reference_of(conn: sqlite3.Connection, record_id: str) -> str:
    """A record's reference (encounter) or seizure number, for its tab."""
    current = queries.get_record(conn, record_id).current
    return str(current.get("reference_number") or current.get("seizure_number") or "")


def focus_into(widget: QWidget) -> None:
    """Give the keyboard to the widget, or to its first child that takes Tab focus."""
    if widget.focusProxy() is not None or widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return
    candidate = widget.nextInFocusChain()
    while candidate is not None and candidate is not widget:
        if (
            widget.isAncestorOf(candidate)
            and candidate.isVisibleTo(widget)
            and candidate.isEnabled()
            and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            candidate.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        candidate = candidate.nextInFocusChain()
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
