"""The Drafts page: the officer's unfinished drafts, to reopen or throw away.

Drafts are working copies saved on this device, not evidence, so they can be
discarded; discarding asks first (in the page, not in a modal box: Escape or
"Keep" cancels, and "Keep" has the focus so a stray Enter discards nothing).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import KnownError
from fieldapp.services.drafts import Draft
from ui.context import UiContext
from ui.drafts.summary import describe

_ID = Qt.ItemDataRole.UserRole


class _ConfirmBar(QFrame):
    """ "Discard this draft?" with Discard and Keep, shown in the page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("_ConfirmBar { background: #fdecea; }")
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.discard_button = QPushButton(self)
        self.keep_button = QPushButton(self)
        for button in (self.discard_button, self.keep_button):
            button.setAutoDefault(True)
        row = QHBoxLayout(self)
        row.addWidget(self.question, 1)
        row.addWidget(self.discard_button)
        row.addWidget(self.keep_button)
        self.draft_id: str | None = None
        self.hide()


class DraftsPage(QWidget):
    """Unfinished drafts of the officer on duty: open (Enter) or discard (Delete)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._drafts: list[Draft] = []
        self._stale = True
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setStyleSheet("QTreeWidget::item { padding: 4px 2px; }")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setColumnCount(3)
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        self.confirm = _ConfirmBar()
        self.open_button = QPushButton()
        self.discard_button = QPushButton()
        for button in (self.open_button, self.discard_button):
            button.setAutoDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.confirm)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(250)
        self._reload_timer.timeout.connect(self._reload_if_shown)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.open_button.clicked.connect(self.open_selected)
        self.discard_button.clicked.connect(self.ask_discard)
        self.confirm.discard_button.clicked.connect(self._discard_confirmed)
        self.confirm.keep_button.clicked.connect(self._cancel_discard)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.ask_discard)
        ctx.signals.drafts_changed.connect(self._drafts_changed)
        self.retranslate()
        self._selection_changed()
        self.reload()

    # --- loading ---------------------------------------------------------------------------

    def _drafts_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self._reload_timer.start()

    def _reload_if_shown(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True  # read again when shown

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Read the officer's unfinished drafts again (off the UI thread)."""
        self._stale = False
        officer = self.ctx.officer.id if self.ctx.officer is not None else None
        self.ctx.writer.submit(
            lambda profile: profile.services.drafts.unfinished(officer),
            self._loaded,
            self._failed,
        )

    def _loaded(self, drafts: list[Draft]) -> None:
        if not shiboken6.isValid(self):
            return
        self._drafts = drafts
        selected = self.selected_id()
        self.table.clear()
        for draft, kind, saved, text in describe(drafts):
            item = QTreeWidgetItem([kind, saved, text])
            item.setData(0, _ID, draft.id)
            item.setToolTip(2, text)
            self.table.addTopLevelItem(item)
            if draft.id == selected:
                self.table.setCurrentItem(item)
        first = self.table.topLevelItem(0)
        if self.table.currentItem() is None and first is not None:
            self.table.setCurrentItem(first)
        empty = self.table.topLevelItemCount() == 0
        self.table.setVisible(not empty)
        self.empty.setVisible(empty)
        self._selection_changed()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, KnownError):
            raise error
        if shiboken6.isValid(self):
            self.status.setText(error.message)

    # --- actions ---------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        """The id of the draft under the cursor."""
        item = self.table.currentItem()
        value = item.data(0, _ID) if item is not None else None
        return str(value) if value else None

    def _selection_changed(self) -> None:
        has = self.selected_id() is not None
        self.open_button.setEnabled(has)
        self.discard_button.setEnabled(has)

    def open_selected(self) -> None:
        """Ask the main window to open the draft under the cursor."""
        draft_id = self.selected_id()
        if draft_id is not None:
            self.ctx.signals.open_draft.emit(draft_id)

    def ask_discard(self) -> None:
        """Ask, in the page, whether to throw the selected draft away."""
        item = self.table.currentItem()
        draft_id = self.selected_id()
        if item is None or draft_id is None:
            return
        self.confirm.draft_id = draft_id
        self.confirm.question.setText(
            self.tr(
                "Discard the draft “%1”? It was never finalized and cannot be recovered."
            ).replace("%1", f"{item.text(0)} · {item.text(2)}")
        )
        self.confirm.show()
        self.confirm.keep_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _cancel_discard(self) -> None:
        self.confirm.hide()
        self.confirm.draft_id = None
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _discard_confirmed(self) -> None:
        draft_id = self.confirm.draft_id
        self._cancel_discard()
        if draft_id is None or self.ctx.officer is None:
            return
        actor = self.ctx.officer.actor
        self.ctx.writer.submit(
            lambda profile: profile.services.drafts.discard(draft_id, actor=actor),
            lambda _none: self._discarded(),
            self._failed,
        )

    def _discarded(self) -> None:
        if shiboken6.isValid(self):
            self.status.setText(self.tr("Draft discarded."))
        self.ctx.signals.drafts_changed.emit()  # this page too reads the list again

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.confirm.isVisible():
            self._cancel_discard()
            return
        super().keyPressEvent(event)

    # --- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text (again after a language switch)."""
        self.heading.setText(self.tr("Drafts"))
        self.explanation.setText(
            self.tr(
                "Unfinished records, saved on this device as you typed. They are not "
                "evidence until you finalize them."
            )
        )
        self.table.setHeaderLabels(
            [self.tr("Type"), self.tr("Last saved"), self.tr("What it holds")]
        )
        self.empty.setText(self.tr("No unfinished drafts."))
        self.open_button.setText(self.tr("Open (Enter)"))
        self.discard_button.setText(self.tr("Discard… (Del)"))
        self.confirm.discard_button.setText(self.tr("Discard draft"))
        self.confirm.keep_button.setText(self.tr("Keep (Esc)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if not self._stale:
                self._loaded(self._drafts)  # kinds and summaries are translated too
        super().changeEvent(event)
