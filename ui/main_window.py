"""The main window: navigation on the left, the chosen page and open forms in tabs.

Keyboard first: Ctrl+1..6 jump to a page, Ctrl+N starts an encounter, Ctrl+W
closes the current form (which saves its draft as it closes). Pages come from
other modules and are imported only when first shown (see :func:`make_page`),
so the window opens fast and still opens when one of them is missing.

"Close shift and sync" closes the shift first (that never depends on HQ),
then syncs on the Sync page, where its progress shows, and says how it went
before the window gives way to the shift dialog.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from fieldapp.errors import KnownError
from fieldapp.services.permissions import Action, allowed
from fieldapp.store.syncstate import SyncSummary, read_summary
from ui.context import UiContext
from ui.idle import IdleWatch, idle_minutes
from ui.main_tabs import WorkTabs, focus_into
from ui.status import StatusBar

log = logging.getLogger(__name__)

#: The pages of the navigation, in order (Ctrl+1 is the first).
PAGES = ("encounters", "seizures", "drafts", "review", "sync", "settings")

#: Why the window was left (the ``left`` signal's argument); REVOKED: HQ revoked the device.
QUIT, SIGN_OUT, SHIFT_CLOSED, REVOKED = "quit", "sign_out", "shift_closed", "revoked"

_PAGE_ROLE = Qt.ItemDataRole.UserRole
_SHORTCUT_ROLE = Qt.ItemDataRole.UserRole + 1


class _NavDelegate(QStyledItemDelegate):
    """Draws each page's shortcut, muted, at the right of its row."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        hint = index.data(_SHORTCUT_ROLE)
        if not hint:
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        role = palette.ColorRole.HighlightedText if selected else palette.ColorRole.PlaceholderText
        painter.setPen(palette.color(role))
        rect = option.rect.adjusted(0, 0, -10, 0)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, hint)
        painter.restore()


class MainWindow(QMainWindow):
    """Navigation, pages, form and record tabs, status bar; closing it ends the session."""

    #: The window closed: QUIT (the program should end), SIGN_OUT, SHIFT_CLOSED or REVOKED.
    left = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._reason = QUIT
        self._left = False
        self._revoking = False
        self.confirm_box: QMessageBox | None = None
        #: The box saying how "Close shift and sync" went (while it is shown).
        self.outcome_box: QMessageBox | None = None
        self._closing_place: str | None = None
        self.page_widgets: dict[str, QWidget] = {}

        self.new_button = QPushButton(self)
        self.new_button.setObjectName("new_encounter")
        self.new_button.setMinimumHeight(48)
        font = QFont(self.new_button.font())
        font.setBold(True)  # bold, not larger: "Nuevo encuentro" must fit the panel too
        self.new_button.setFont(font)
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setItemDelegate(_NavDelegate(self.nav))
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 7px 4px; }")
        for number, key in enumerate(PAGES, start=1):
            item = QListWidgetItem()
            item.setData(_PAGE_ROLE, key)
            item.setData(_SHORTCUT_ROLE, f"Ctrl+{number}")
            self.nav.addItem(item)
        nav_panel = QWidget(self)
        nav_panel.setFixedWidth(230)
        side = QVBoxLayout(nav_panel)
        side.setContentsMargins(8, 8, 4, 8)
        side.addWidget(self.new_button)
        side.addSpacing(6)
        side.addWidget(self.nav, 1)

        self.pages = QStackedWidget(self)
        self.tabs = WorkTabs(ctx, self.pages, self)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(nav_panel)
        row.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.status = StatusBar(ctx, self)
        self.setStatusBar(self.status)

        self._make_actions()
        self.new_button.clicked.connect(self.new_action.trigger)
        # An auditor reads and exports only: no way to start a record (the services refuse too).
        writes = ctx.officer is None or allowed(ctx.officer.actor, Action.WRITE_DRAFT)
        self.new_button.setVisible(writes)
        self.new_action.setEnabled(writes)
        self.nav.currentRowChanged.connect(self._nav_row_changed)
        self.tabs.message.connect(self.status.show_sentence)
        ctx.signals.language_changed.connect(self._language_changed)
        ctx.writer.unhandled.connect(self.status.show_error)
        ctx.readers.unhandled.connect(self.status.show_error)

        self.resize(1280, 800)
        self.retranslate()
        self.select_page("encounters")
        # Left alone for a while, the program locks to the sign-in window (drafts kept).
        self.idle = IdleWatch(int(idle_minutes(ctx.ui_conn) * 60_000), self)
        self.idle.idle.connect(self.lock)

    # -- actions and menus -----------------------------------------------------------------

    def _action(self, shortcut: str | None, slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.new_action = self._action("Ctrl+N", lambda: self.tabs.open_form(None))
        self.close_tab_action = self._action("Ctrl+W", self.tabs.close_current)
        self.close_shift_action = self._action(None, self.close_shift)
        self.close_shift_sync_action = self._action(None, self.close_shift_and_sync)
        self.sign_out_action = self._action(None, self.sign_out)
        self.quit_action = self._action("Ctrl+Q", self.close)
        self.page_actions: dict[str, QAction] = {}
        for number, key in enumerate(PAGES, start=1):
            self.page_actions[key] = self._action(f"Ctrl+{number}", self._go_to(key))
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.new_action, self.close_tab_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.shift_menu = bar.addMenu("")
        self.shift_menu.addActions(
            [self.close_shift_sync_action, self.close_shift_action, self.sign_out_action]
        )
        self.go_menu = bar.addMenu("")
        self.go_menu.addActions(list(self.page_actions.values()))

    def _go_to(self, key: str) -> Callable[[], object]:
        def go(_checked: bool = False) -> None:
            self.select_page(key)

        return go

    # -- texts -----------------------------------------------------------------------------

    def page_title(self, key: str) -> str:
        """The name of a page in the current language."""
        return {
            "encounters": self.tr("Encounters"),
            "seizures": self.tr("Seizures"),
            "drafts": self.tr("Drafts"),
            "review": self.tr("Review"),
            "sync": self.tr("Sync"),
            "settings": self.tr("Settings"),
        }[key]

    def retranslate(self) -> None:
        """Set every text in the current language."""
        ctx = self.ctx
        title = self.tr("Checkpoint field capture")
        if ctx.officer is not None:
            title = f"{title} · {ctx.officer.name}"
        if ctx.demo:
            demo = self.tr("DEMO")
            title = f"{title} · {demo}"
        self.setWindowTitle(title)
        self.new_button.setText(self.tr("New encounter   Ctrl+N"))
        self.new_button.setToolTip(self.tr("Start a new encounter (Ctrl+N)"))
        self.new_action.setText(self.tr("&New encounter"))
        self.close_tab_action.setText(self.tr("&Close tab"))
        self.close_shift_action.setText(self.tr("&Close shift…"))
        self.close_shift_sync_action.setText(self.tr("Close shift and s&ync…"))
        self.sign_out_action.setText(self.tr("&Sign out"))
        self.quit_action.setText(self.tr("&Quit"))
        self.file_menu.setTitle(self.tr("&File"))
        self.shift_menu.setTitle(self.tr("&Shift"))
        self.go_menu.setTitle(self.tr("&Go"))
        for row, key in enumerate(PAGES):
            name = self.page_title(key)
            self.nav.item(row).setText(name)
            self.page_actions[key].setText(name)
            page = self.page_widgets.get(key)
            if isinstance(page, _Unavailable):
                page.page = name
        self.tabs.setTabText(0, self.page_title(self.current_page()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _language_changed(self, _language: str) -> None:
        self.status.identity_changed()

    # -- pages -----------------------------------------------------------------------------

    def current_page(self) -> str:
        """The key of the page shown in the first tab."""
        item = self.nav.currentItem()
        return str(item.data(_PAGE_ROLE)) if item is not None else PAGES[0]

    def select_page(self, key: str) -> QWidget:
        """Show a page (made on first use) in the first tab and put the focus in it."""
        row = PAGES.index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # shows the page through _nav_row_changed
        else:
            self._show_page(key)
        page = self.page_widgets[key]
        focus_into(page)
        return page

    def _nav_row_changed(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self._show_page(PAGES[row])

    def _show_page(self, key: str) -> None:
        page = self.page_widgets.get(key)
        if page is None:
            page = make_page(self.ctx, key, self.pages, self.page_title(key))
            self.page_widgets[key] = page
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        self.tabs.setCurrentIndex(0)
        self.tabs.setTabText(0, self.page_title(key))

    # -- leaving ---------------------------------------------------------------------------

    def _place(self) -> str:
        shift = self.ctx.shift
        assert shift is not None
        checkpoint = self.ctx.reference.checkpoints_by_code.get(shift.checkpoint)
        if checkpoint is None:
            return shift.checkpoint
        return checkpoint.name_es if self.ctx.language == "es" else checkpoint.name

    def close_shift(self) -> None:
        """Ask, then close the shift and go back to the shift dialog."""
        self._ask_to_close(sync=False)

    def close_shift_and_sync(self) -> None:
        """Ask, then close the shift, sync with HQ (progress on the Sync page), say how it went."""
        self._ask_to_close(sync=True)

    def _ask_to_close(self, sync: bool) -> None:
        shift = self.ctx.shift
        if shift is None or self.confirm_box is not None:
            return
        place = self._place()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Close shift"))
        box.setText(self.tr("Close your shift at {0}?").format(place))
        if sync:
            box.setInformativeText(
                self.tr(
                    "Open forms are saved as drafts. The shift closes first; then what is not "
                    "at HQ yet is sent. If HQ cannot be reached, the shift is closed all the "
                    "same and everything waits safely on this device for the next sync."
                )
            )
            label = self.tr("Close shift and sync")
        else:
            box.setInformativeText(
                self.tr(
                    "Open forms are saved as drafts. Records and drafts stay on this device; "
                    "what is not at HQ yet is sent at the next sync."
                )
            )
            label = self.tr("Close shift")
        confirm = box.addButton(label, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(confirm)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.confirm_box = box

        def answered(_result: int) -> None:
            self.confirm_box = None
            box.deleteLater()
            if box.clickedButton() is confirm:
                self._close_shift_now(shift.id, place if sync else None)

        box.finished.connect(answered)
        box.open()

    def _close_shift_now(self, shift_id: str, sync_after: str | None = None) -> None:
        """Close the shift; then leave, or (``sync_after``: the place) sync first."""
        if not self.tabs.close_all():
            return

        def done(_result: object) -> None:
            self.ctx.shift = None
            if sync_after is None:
                self._leave(SHIFT_CLOSED)
            else:
                self._sync_after_shift(sync_after)

        self.ctx.writer.submit(
            lambda profile: profile.services.shifts.close(shift_id),
            on_done=done,
            on_error=self._failed,
        )

    # -- closing the shift and syncing -----------------------------------------------------

    def _sync_after_shift(self, place: str) -> None:
        """The shift is closed: no new work here; sync on the Sync page, then say how it went."""
        if not Shiboken.isValid(self):
            return
        self._closing_place = place
        for action in (
            self.new_action,
            self.close_shift_action,
            self.close_shift_sync_action,
            self.sign_out_action,
        ):
            action.setEnabled(False)
        self.new_button.setEnabled(False)
        self.select_page("sync")
        self.status.show_sentence(self.tr("Shift closed. Syncing with HQ…"))
        runner = self.ctx.sync
        runner.finished.connect(self._shift_sync_finished)
        if runner.busy == "sync":
            return  # a sync already under way carries what this shift made
        self.ctx.readers.submit(read_summary, on_done=self._start_shift_sync)

    def _start_shift_sync(self, summary: SyncSummary) -> None:
        if not Shiboken.isValid(self):
            return
        # Not enrolled, revoked, or an enrollment runs: nothing is sent now.
        if not summary.enrolled or summary.revoked or not self.ctx.sync.sync():
            self._shift_sync_finished(None, summary)

    def _shift_sync_finished(self, report: object, summary: SyncSummary | None = None) -> None:
        if not Shiboken.isValid(self) or self._closing_place is None:
            return
        self.ctx.sync.finished.disconnect(self._shift_sync_finished)
        if summary is not None:
            self._say_shift_closed(summary, report)
            return
        self.ctx.readers.submit(
            read_summary, on_done=lambda fresh: self._say_shift_closed(fresh, report)
        )

    def _say_shift_closed(self, summary: SyncSummary, report: object) -> None:
        from sync.report import SyncReport

        if not Shiboken.isValid(self) or self._closing_place is None:
            return
        place, self._closing_place = self._closing_place, None
        if isinstance(report, SyncReport):
            error = report.error
        else:
            error = self.tr("the sync could not start; try Sync now on the Sync page.")
        if not summary.enrolled:
            detail = self.tr(
                "This device is not enrolled with HQ, so nothing was sent: {0} events wait "
                "safely on this device. Enroll it on the Sync page."
            ).format(summary.waiting)
        elif summary.revoked:
            from ui.revoked import revoked_text

            detail = self.tr("HQ has revoked this device, so nothing was sent.")
            detail += " " + revoked_text(summary)
        elif error is not None:
            detail = self.tr(
                "The sync failed: {0} Nothing is lost: {1} events wait safely on this device "
                "and are sent at the next sync."
            ).format(error.rstrip(".") + ".", summary.waiting)
        elif summary.waiting:
            detail = self.tr(
                "Synced with HQ, but {0} events still wait for HQ (see the Sync page)."
            ).format(summary.waiting)
        else:
            detail = self.tr("Synced with HQ: HQ has every event of this device.")
        self.status.show_sentence(
            self.tr("Shift closed. Events waiting for HQ: {0}").format(summary.waiting)
        )
        box = QMessageBox(self)
        failed = error is not None or not summary.enrolled or summary.revoked
        box.setIcon(QMessageBox.Icon.Warning if failed else QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Shift closed"))
        box.setText(self.tr("Your shift at {0} is closed.").format(place))
        box.setInformativeText(detail)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.outcome_box = box

        def seen(_result: int) -> None:
            self.outcome_box = None
            box.deleteLater()
            self._leave(SHIFT_CLOSED)

        box.finished.connect(seen)
        box.open()

    def sign_out(self) -> None:
        """Back to the sign-in window; the shift stays open for the next sign-in."""
        if self.tabs.close_all():
            self._leave(SIGN_OUT)

    def lock(self) -> None:
        """The idle lock: back to the sign-in window; open forms save their drafts first."""
        if self.tabs.close_all():
            self.idle.stop()
            self._leave(SIGN_OUT)
        else:
            self.idle.timer.start()  # a form refused (a question is open): try again later

    def leave_revoked(self) -> None:
        """HQ revoked the device: close every question, dialog and tab (forms save), then go."""
        self._revoking = True
        self.idle.stop()
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()  # a question asked, a receipt or a hand-over being made
        self.confirm_box = self.outcome_box = None
        self._closing_place = None
        self._leave(REVOKED)

    def _leave(self, reason: str) -> None:
        if not Shiboken.isValid(self):
            return
        # Once revoked, a dialog closing on the way out does not lead anywhere else.
        self._reason = REVOKED if self._revoking else reason
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.tabs.close_all():
            event.ignore()
            return
        super().closeEvent(event)
        self.idle.stop()
        if not self._left:
            self._left = True
            self.left.emit(self._reason)

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, KnownError):
            raise error
        if Shiboken.isValid(self):
            self.status.show_sentence(error.message)


def make_page(ctx: UiContext, key: str, parent: QWidget, title: str) -> QWidget:
    """The page of a navigation entry; a note in its place if its module is missing."""
    module, name, kwargs = _PAGE_SOURCES[key]
    try:
        page_class = getattr(importlib.import_module(module), name)
    except ImportError:
        log.warning("the %s page cannot be imported", key, exc_info=True)
        return _Unavailable(title, parent)
    page: QWidget = page_class(ctx, parent=parent, **kwargs)
    return page


#: Where each page comes from, and what it is asked to show; imported on first use.
_PAGE_SOURCES: dict[str, tuple[str, str, dict[str, object]]] = {
    "encounters": ("ui.records.page", "RecordsPage", {"record_types": ("encounter",)}),
    "seizures": ("ui.records.page", "RecordsPage", {"record_types": ("seizure",)}),
    "drafts": ("ui.drafts.page", "DraftsPage", {}),
    "review": ("ui.records.page", "RecordsPage", {"record_types": None, "needs_review": True}),
    "sync": ("ui.sync_page", "SyncPage", {}),
    "settings": ("ui.settings_page", "SettingsPage", {}),
}


class _Unavailable(QLabel):
    """Stands in for a page whose module is not part of this build."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.page = title
        self.retranslate()

    def retranslate(self) -> None:
        """Set the text in the current language."""
        self.setText(self.tr("The {0} page is not available in this build.").format(self.page))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
