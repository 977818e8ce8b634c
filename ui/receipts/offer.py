"""Right after a seizure is finalized: "Print the receipt now?", then its receipt dialog.

The person is usually still at the counter, so the receipt is offered at once;
"Later" leaves it to the record's "Print receipt…" button. With several
seizures their receipt dialogs open one after the other. The dialog (and QtPdf
with it) is imported only when the officer says yes.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from fieldapp.services.actor import Role
from ui.context import UiContext
from ui.receipts.subject import seizure_numbers


def offer_receipts(
    ctx: UiContext, record_ids: list[str], parent: QWidget | None
) -> ReceiptOffer | None:
    """Offer to print the receipts of the seizures among ``record_ids`` (None if there is none)."""
    officer = ctx.officer
    if officer is None or officer.role == Role.AUDITOR:
        return None
    seizures = seizure_numbers(ctx.ui_conn, record_ids)
    if not seizures:
        return None
    offer = ReceiptOffer(ctx, seizures, parent)
    offer.box.open()
    return offer


class ReceiptOffer(QObject):
    """The question, then each seizure's receipt dialog in turn; gone when the last closes."""

    def __init__(
        self, ctx: UiContext, seizures: list[tuple[str, str]], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.host = parent
        self.seizures = list(seizures)
        self._queue = list(seizures)
        self.dialog: QDialog | None = None
        self.box = QMessageBox(parent)
        self.box.setIcon(QMessageBox.Icon.Question)
        self.box.setWindowModality(Qt.WindowModality.WindowModal)
        self.print_button = self.box.addButton("", QMessageBox.ButtonRole.AcceptRole)
        self.later_button = self.box.addButton("", QMessageBox.ButtonRole.RejectRole)
        self.box.setDefaultButton(self.print_button)
        self.box.setEscapeButton(self.later_button)
        self.box.finished.connect(self._answered)
        ctx.signals.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, *_args: object) -> None:
        """The question in the current language."""
        if not shiboken6.isValid(self.box):
            return
        numbers = [number for _id, number in self.seizures]
        self.box.setWindowTitle(self.tr("Custody receipt"))
        self.box.setText(self.tr("Print the receipt now?"))
        if len(numbers) == 1:
            detail = self.tr(
                "Seizure {number} is finalized. Its custody receipt is printed and handed to "
                "the person the property was taken from."
            ).format(number=numbers[0])
        else:
            detail = self.tr(
                "Seizures {numbers} are finalized. Their receipts open one after the other."
            ).format(numbers=", ".join(numbers))
        self.box.setInformativeText(
            detail + "\n" + self.tr("Later, print it from the seizure's record.")
        )
        self.print_button.setText(self.tr("&Print receipt…"))
        self.later_button.setText(self.tr("&Later"))

    def _answered(self, _result: int) -> None:
        accepted = self.box.clickedButton() is self.print_button
        self.box.deleteLater()
        if accepted:
            self.open_next()
        else:
            self.deleteLater()

    def open_next(self) -> QDialog | None:
        """Open the next seizure's receipt dialog (None, and this offer ends, when none is left)."""
        if not self._queue:
            self.dialog = None
            self.deleteLater()
            return None
        from ui.receipts.dialog import ReceiptDialog

        seizure_id, _number = self._queue.pop(0)
        dialog = ReceiptDialog(self.ctx, seizure_id, self.host)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, _result: int) -> None:
        if shiboken6.isValid(self):
            self.open_next()
