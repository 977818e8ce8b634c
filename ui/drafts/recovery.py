"""At start: the drafts left unfinished (a crash, a power cut, a closed window), offered whole.

Every draft is listed with what it holds and when it was last saved, all
checked; Enter reopens the checked ones, Escape leaves them for later (they
stay on the Drafts page). After ``exec()``, ``chosen`` holds the ids to reopen.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.services.drafts import Draft
from ui.context import UiContext
from ui.drafts.summary import describe

_ID = Qt.ItemDataRole.UserRole


class RecoveryDialog(QDialog):
    """Offers the officer's unfinished drafts for reopening."""

    def __init__(
        self, ctx: UiContext, drafts: Sequence[Draft], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.drafts = list(drafts)
        #: Ids of the drafts to reopen, set when the dialog closes.
        self.chosen: list[str] = []
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.buttons = QDialogButtonBox()
        self.reopen_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.reopen_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self._fill()
        self.retranslate()
        self.resize(720, 420)
        if self.list.count():
            self.list.setCurrentRow(0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)  # Space toggles, Enter reopens

    def _fill(self) -> None:
        checked = {self.item_id(i) for i in range(self.list.count()) if self._is_checked(i)}
        first = self.list.count() == 0
        self.list.clear()
        for draft, kind, saved, text in describe(self.drafts):
            item = QListWidgetItem(self._line(kind, saved, text))
            item.setData(_ID, draft.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = first or draft.id in checked
            item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)
            self.list.addItem(item)

    def _line(self, kind: str, saved: str, text: str) -> str:
        when = self.tr("saved %1").replace("%1", saved)
        return f"{kind} · {when} · {text}"

    def item_id(self, row: int) -> str:
        """The draft id of a row."""
        return str(self.list.item(row).data(_ID))

    def _is_checked(self, row: int) -> bool:
        return self.list.item(row).checkState() == Qt.CheckState.Checked

    def accept(self) -> None:
        """Reopen the checked drafts."""
        self.chosen = [self.item_id(i) for i in range(self.list.count()) if self._is_checked(i)]
        super().accept()

    def reject(self) -> None:
        """Leave every draft for later."""
        self.chosen = []
        super().reject()

    def retranslate(self) -> None:
        """Set every text (again after a language switch)."""
        self.setWindowTitle(self.tr("Unfinished drafts"))
        self.heading.setText(self.tr("You have unfinished drafts"))
        self.explanation.setText(
            self.tr(
                "They were saved on this device as you typed and are complete up to the "
                "last save. Checked drafts are reopened now (Space checks or unchecks); "
                "the others stay on the Drafts page."
            )
        )
        self.reopen_button.setText(self.tr("Reopen checked (Enter)"))
        self.later_button.setText(self.tr("Later (Esc)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._fill()
        super().changeEvent(event)
