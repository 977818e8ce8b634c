"""The custody-transfer dialog: which exhibits, from whom, to whom, why, how, in what state.

One hand-over is one link in each chosen item's chain. The receiver may be an
officer from the reference data or someone of another agency, US or Mexican,
typed in (a US-Mexico hand-over is one chain, not two). Both sides sign: the
releasing officer always, the receiver or a "declined to sign" with the
officer's note. The hand-over's id is made when the dialog opens, so a second
press of OK can never record it twice.
"""

from __future__ import annotations

import importlib
import importlib.util
import itertools
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from fieldapp.errors import KnownError
from fieldapp.events import now
from fieldapp.ids import uuid7
from fieldapp.models import TransferPurpose
from fieldapp.profile import Profile
from fieldapp.services import queries
from fieldapp.services.actor import Role
from ui.context import UiContext
from ui.records.dialog_frame import (
    WriterSubmission,
    confirm_discard,
    fit_to_screen,
    lay_out_with_signatures,
    stacked,
)
from ui.records.labels import Labels
from ui.records.problems import ProblemLabel, ProblemRouter
from ui.records.receiver import ReceiverBox, officer_combo, officer_party
from ui.records.signing import signature_mark
from ui.signatures import SignatureCapture

#: The receipt dialog's module, imported only when a receipt is printed.
RECEIPT_DIALOG = "ui.receipts.dialog"
#: The dialog's size when the screen has room: two columns, nothing to scroll.
PREFERRED_SIZE = (1180, 600)


class CustodyTransferDialog(WriterSubmission, QDialog):
    """Record one hand-over of some exhibits of a finalized seizure."""

    def __init__(self, ctx: UiContext, seizure_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.seizure_id = seizure_id
        self.transfer_id = uuid7()
        self.labels = Labels(ctx, self)
        self._submitting = False
        try:
            seizure = queries.get_record(ctx.ui_conn, seizure_id).current
        except KnownError as exc:
            seizure = {"seizure_number": exc.message}
        self.seizure_label = QLabel(str(seizure.get("seizure_number", "")), self)
        self.seizure_label.setTextFormat(Qt.TextFormat.PlainText)

        self.items = QListWidget(self)
        for item in seizure.get("items") or []:
            number = str(item.get("exhibit_number", ""))
            entry = QListWidgetItem(f"{number} — {item.get('description', '')}", self.items)
            entry.setData(Qt.ItemDataRole.UserRole, number)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked)
        rows = min(max(self.items.count(), 2), 6)
        self.items.setFixedHeight((self.items.fontMetrics().height() + 6) * rows + 6)
        self.items_problem = ProblemLabel(self)

        self.released_by = officer_combo(ctx, self)
        on_duty = ctx.officer.id if ctx.officer is not None else None
        self.released_by.setCurrentIndex(max(0, self.released_by.findData(on_duty)))
        self.released_problem = ProblemLabel(self)
        self.receiver = ReceiverBox(ctx, self)

        self.purpose = QComboBox(self)
        for purpose in TransferPurpose:
            self.purpose.addItem("", purpose.value)
        self.purpose_detail = QLineEdit(self)
        self.purpose_problem = ProblemLabel(self)
        self.route = QLineEdit(self)
        self.route_problem = ProblemLabel(self)
        self.seal_intact = QCheckBox(self)
        self.seal_intact.setChecked(True)
        self.seal_reason = QLineEdit(self)
        self.seal_problem = ProblemLabel(self)
        self.condition = QLineEdit(self)
        self.condition_problem = ProblemLabel(self)
        # The releasing officer signs, always; the receiver signs or declines, with a note.
        self.released_signature = SignatureCapture("released_by", can_decline=False, parent=self)
        self.received_signature = SignatureCapture("received_by", parent=self)
        self.signatures = (self.released_signature, self.received_signature)
        self.general_problem = ProblemLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._layout()

        self.router = ProblemRouter(self.general_problem)
        for path, label in (
            (("exhibit_numbers",), self.items_problem),
            (("released_by",), self.released_problem),
            (("received_by",), self.receiver.problem),
            (("purpose",), self.purpose_problem),
            (("purpose_detail",), self.purpose_problem),
            (("route",), self.route_problem),
            (("seal_intact",), self.seal_problem),
            (("seal_broken_reason",), self.seal_problem),
            (("condition",), self.condition_problem),
        ):
            self.router.add(path, label)
        # The marks are sent in this order, so the core's ("signatures", i) is this box.
        for index, capture in enumerate(self.signatures):
            self.router.add(("signatures", index), capture.problem)

        self.purpose.currentIndexChanged.connect(self._purpose_changed)
        self.seal_intact.toggled.connect(self._seal_changed)
        self.released_by.currentIndexChanged.connect(self._signers_changed)
        self.receiver.changed.connect(self._signers_changed)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        submit = QShortcut(QKeySequence("Ctrl+Return"), self)
        submit.activated.connect(self.submit)
        chain = (
            self.items,
            self.released_by,
            *self.receiver.focus_chain(),
            self.purpose,
            self.purpose_detail,
            self.route,
            self.seal_intact,
            self.seal_reason,
            self.condition,
            *_signature_chain(self.released_signature),
            *_signature_chain(self.received_signature),
            self.buttons,
        )
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.retranslate()
        self._purpose_changed()
        self._seal_changed()
        self._signers_changed()
        fit_to_screen(self, PREFERRED_SIZE)
        self.items.setFocus()

    def _layout(self) -> None:
        self.captions = [QLabel(self) for _ in range(8)]
        for label, buddy in zip(
            self.captions,
            (
                None,
                self.items,
                self.released_by,
                None,
                self.purpose,
                self.route,
                None,
                self.condition,
            ),
            strict=True,
        ):
            if buddy is not None:
                label.setBuddy(buddy)
        fields = (
            self.seizure_label,
            stacked(self.items, self.items_problem),
            stacked(self.released_by, self.released_problem),
            self.receiver,
            stacked(self.purpose, self.purpose_detail, self.purpose_problem),
            stacked(self.route, self.route_problem),
            stacked(self.seal_intact, self.seal_reason, self.seal_problem),
            stacked(self.condition, self.condition_problem),
        )
        # Two columns (the hand-over, then both signatures) fit a 1366x768 laptop;
        # on a smaller screen or with large fonts, the columns scroll, the buttons stay.
        self.form, self.scroll_area = lay_out_with_signatures(
            self, self.captions, fields, self.signatures, (self.general_problem, self.buttons)
        )

    # -- reacting to choices ---------------------------------------------------------------

    def _purpose_changed(self) -> None:
        self.purpose_detail.setVisible(self.purpose.currentData() == TransferPurpose.OTHER.value)

    def _seal_changed(self) -> None:
        self.seal_reason.setVisible(not self.seal_intact.isChecked())

    def _signers_changed(self) -> None:
        """Show under each pad who is to sign it."""
        released = officer_party(self.ctx, self.released_by.currentData())
        self.released_signature.set_name(_name(released.get("name")))
        self.received_signature.set_name(_name(self.receiver.party().get("name")))

    def choose_exhibits(self, numbers: list[str]) -> None:
        """Tick exactly these exhibits."""
        for row in range(self.items.count()):
            entry = self.items.item(row)
            wanted = entry.data(Qt.ItemDataRole.UserRole) in numbers
            entry.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    # -- the hand-over -------------------------------------------------------------------

    def transfer_data(self) -> dict[str, Any]:
        """The hand-over as the core takes it (its sequence is set on the writer thread)."""
        exhibits = [
            self.items.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.items.count())
            if self.items.item(row).checkState() == Qt.CheckState.Checked
        ]
        seal_intact = self.seal_intact.isChecked()
        purpose = self.purpose.currentData()
        return {
            "id": self.transfer_id,
            "seizure_id": self.seizure_id,
            "exhibit_numbers": exhibits,
            "transferred_at": now().isoformat(),
            "released_by": officer_party(self.ctx, self.released_by.currentData()),
            "received_by": self.receiver.party(),
            "purpose": purpose,
            "purpose_detail": (self.purpose_detail.text().strip() or None)
            if purpose == TransferPurpose.OTHER.value
            else None,
            "route": self.route.text().strip(),
            "seal_intact": seal_intact,
            "seal_broken_reason": None
            if seal_intact
            else (self.seal_reason.text().strip() or None),
            "condition": self.condition.text().strip(),
        }

    def submit(self) -> None:
        """Hand the transfer to the writer; the core numbers it and checks it."""
        if self._submitting:
            return
        self.router.clear()
        if self.ctx.officer is None:
            self.general_problem.show_messages([self.tr("Sign in to record a hand-over.")])
            return
        complete = not self.receiver.missing()
        if not complete:
            self.receiver.problem.show_messages([self.tr("Choose who receives the items.")])
        # Every box says what it lacks at once, not one per press of OK.
        checked = [capture.check() for capture in self.signatures]
        if not checked[0] and not self.released_signature.is_signed():
            # The releasing officer may not decline: say so, not just "sign".
            self.released_signature.problem.show_messages(
                [self.tr("The officer releasing custody signs before the hand-over is recorded.")]
            )
        complete = all(checked) and complete
        if not complete:
            self._show_first_problem()
            return
        data, actor, seizure_id = self.transfer_data(), self.ctx.officer.actor, self.seizure_id
        signed = [capture.value() for capture in self.signatures]

        def transfer(profile: Profile) -> object:
            conn = profile.store.conn
            data["signatures"] = [
                signature_mark(profile.data_dir, value, data["id"])
                for value in signed
                if value is not None
            ]
            data["sequence"] = queries.next_custody_sequence(conn, seizure_id, data["id"])
            return profile.services.custody.transfer(data, actor)

        self._set_submitting(True)
        self.ctx.writer.submit(transfer, on_done=self._recorded, on_error=self._refused)

    def _show_first_problem(self) -> None:
        """Scroll the first sentence shown into view (it may be below the fold)."""
        for label in (
            self.items_problem,
            self.released_problem,
            self.receiver.problem,
            self.purpose_problem,
            self.route_problem,
            self.seal_problem,
            self.condition_problem,
            *(capture.problem for capture in self.signatures),
        ):
            if not label.isHidden():
                self.scroll_area.ensureWidgetVisible(label)
                return

    def _recorded(self, _event: object) -> None:
        # The seizure changed even if the dialog's window is gone by now.
        self.ctx.signals.records_changed.emit([self.transfer_id, self.seizure_id])
        if not shiboken6.isValid(self):
            return
        self._set_submitting(False)
        self.ctx.signals.message.emit(self.tr("Custody transfer recorded."))
        self.done(QDialog.DialogCode.Accepted)
        self.offer_receipt(self.transfer_id)

    def offer_receipt(self, transfer_id: str) -> QMessageBox | None:
        """Ask whether to print the hand-over's receipt; its receipt dialog opens if so.

        Nothing is asked (None) of an auditor, or where the receipt dialog is
        not installed. The dialog's module is imported only on "Print" (QtPdf
        is loaded only when a receipt is opened, decision 009). The question
        belongs to this dialog's parent: this dialog is closing.
        """
        officer = self.ctx.officer
        if officer is None or officer.role == Role.AUDITOR or not _can_print_receipts():
            return None
        ctx, parent = self.ctx, self.parentWidget()
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowTitle(self.tr("Transfer receipt"))
        box.setText(self.tr("Print the transfer receipt?"))
        box.setInformativeText(
            self.tr("The receiver keeps a copy. Later, print it from the transfer's record.")
        )
        print_button = box.addButton(self.tr("&Print receipt…"), QMessageBox.ButtonRole.AcceptRole)
        later_button = box.addButton(self.tr("&Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(print_button)
        box.setEscapeButton(later_button)

        def answered(button: QAbstractButton) -> None:
            if button is not print_button:
                return
            module = importlib.import_module(RECEIPT_DIALOG)
            receipt = module.ReceiptDialog(ctx, transfer_id, parent)
            receipt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            receipt.open()

        box.buttonClicked.connect(answered)
        box.open()
        return box

    def reject(self) -> None:
        """Close, after asking when something typed would be thrown away."""
        if self._submitting:
            return  # the writer answers in a moment; its answer decides
        typed = (
            self.receiver.typed()
            or any(w.text().strip() for w in (self.route, self.condition, self.seal_reason))
            or any(c.is_signed() or c.is_declined() for c in self.signatures)
        )
        if typed and not confirm_discard(
            self,
            self.tr("Discard the hand-over?"),
            self.tr("What you typed for this custody transfer will not be kept."),
        ):
            return
        super().reject()

    # -- language ------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every caption in the current language."""
        self.setWindowTitle(self.tr("Transfer custody"))
        captions = (
            self.tr("Seizure"),
            self.tr("&Items"),
            self.tr("Released &by"),
            self.tr("Received by"),
            self.tr("&Purpose"),
            self.tr("&Route or transport"),
            self.tr("Seal"),
            self.tr("&Condition"),
        )
        for label, caption in zip(self.captions, captions, strict=True):
            label.setText(caption)
        for index in range(self.purpose.count()):
            self.purpose.setItemText(
                index, self.labels.code("purpose", self.purpose.itemData(index))
            )
        self.purpose_detail.setPlaceholderText(self.tr("Say what the purpose is"))
        self.route.setPlaceholderText(self.tr("e.g. official vehicle, port to evidence vault"))
        self.seal_intact.setText(self.tr("Seal &intact"))
        self.seal_reason.setPlaceholderText(self.tr("Why the seal is not intact"))
        self.condition.setPlaceholderText(self.tr("e.g. sealed, undamaged"))
        self.ok_button.setText(self.tr("Record transfer"))
        self.ok_button.setToolTip(self.tr("Record the hand-over (Ctrl+Enter)"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.labels.retranslate()
            self.retranslate()
            self._signers_changed()
        super().changeEvent(event)


def _can_print_receipts() -> bool:
    """Whether the receipt dialog is installed (found, not imported)."""
    try:
        return importlib.util.find_spec(RECEIPT_DIALOG) is not None
    except (ImportError, ValueError):
        return False


def _name(value: Any) -> str:
    """A party's name as shown by a pad ("" when unknown or refused)."""
    return value if isinstance(value, str) else ""


def _signature_chain(capture: SignatureCapture) -> tuple[QWidget, ...]:
    return (capture.pad, capture.declined, capture.note, capture.clear_button)
