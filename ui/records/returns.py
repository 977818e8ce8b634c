"""The property-return dialog: a detained person's own property given back, or handed on.

People should leave with their belongings, documents and money. This records
which exhibits went back to the person (or to the next agency with the
person), to whom, when, and the receiver's signature or an explicit "declined
to sign" with the officer's note. Only exhibits the seizing agency still holds
are offered: one already returned, or handed to another agency, is not.
The return's id is made when the dialog opens, so a second OK records it once.
"""

from __future__ import annotations

import itertools
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import KnownError
from fieldapp.ids import uuid7
from fieldapp.models import ReturnOutcome
from fieldapp.profile import Profile
from fieldapp.services import queries
from ui.context import UiContext
from ui.forms.widgets import DateTimeField, Empty, OptionalText, empty_of
from ui.records.chain import held_exhibits, home_agency
from ui.records.dialog_frame import (
    WriterSubmission,
    confirm_discard,
    fit_to_screen,
    lay_out_with_signatures,
)
from ui.records.labels import Labels
from ui.records.problems import ProblemLabel, ProblemRouter
from ui.records.signing import store_signature
from ui.signatures import SignatureCapture

#: The dialog's size when the screen has room: two columns, nothing to scroll.
PREFERRED_SIZE = (1040, 480)


class PropertyReturnDialog(WriterSubmission, QDialog):
    """Record the return (or hand-over onward) of some of a detained person's property."""

    def __init__(self, ctx: UiContext, seizure_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.seizure_id = seizure_id
        self.return_id = uuid7()
        self.labels = Labels(ctx, self)
        self._submitting = False
        self.seizure, chains, self.person_name, self.person_ref = self._read(seizure_id)
        agency = home_agency(self.seizure, ctx.reference.officers_by_id)
        if not agency and ctx.officer is not None:
            agency = ctx.officer.agency
        self.held = held_exhibits(self.seizure, chains, agency)

        self.seizure_label = QLabel(str(self.seizure.get("seizure_number", "")), self)
        self.seizure_label.setTextFormat(Qt.TextFormat.PlainText)
        self.items = QListWidget(self)
        descriptions = {
            str(i.get("exhibit_number", "")): str(i.get("description", ""))
            for i in self.seizure.get("items") or []
        }
        for number in self.held:
            entry = QListWidgetItem(f"{number} — {descriptions.get(number, '')}", self.items)
            entry.setData(Qt.ItemDataRole.UserRole, number)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked)
        rows = min(max(self.items.count(), 2), 6)
        self.items.setFixedHeight((self.items.fontMetrics().height() + 6) * rows + 6)
        self.nothing_left = QLabel(self)
        self.nothing_left.setWordWrap(True)
        self.nothing_left.setVisible(not self.held)
        self.items.setVisible(bool(self.held))
        self.items_problem = ProblemLabel(self)

        self.to_person = QRadioButton(self)
        self.to_agency = QRadioButton(self)
        self.to_person.setChecked(True)
        self._outcome = QButtonGroup(self)
        self._outcome.addButton(self.to_person)
        self._outcome.addButton(self.to_agency)
        self.outcome_problem = ProblemLabel(self)
        self.agency = QComboBox(self)
        self.agency.setEditable(True)
        self.agency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.agency.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.agency.setMinimumContentsLength(20)
        for known in sorted(ctx.reference.agencies, key=lambda a: (a.country.value, a.code)):
            self.agency.addItem("", known.code)
        self.agency.setCurrentIndex(-1)
        self.agency_problem = ProblemLabel(self)
        self.returned_to = OptionalText((Empty.UNKNOWN, Empty.REFUSED), parent=self)
        self.returned_to.set_value(self.person_name)
        self.returned_to_problem = ProblemLabel(self)
        self.returned_at = DateTimeField(self._timezone(), parent=self)
        self.returned_at_problem = ProblemLabel(self)
        self.signature = SignatureCapture("person", parent=self)
        self.general_problem = ProblemLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._layout()

        self.router = ProblemRouter(self.general_problem)
        for path, label in (
            (("exhibit_numbers",), self.items_problem),
            (("outcome",), self.outcome_problem),
            (("receiving_agency",), self.agency_problem),
            (("returned_to",), self.returned_to_problem),
            (("person_ref",), self.returned_to_problem),
            (("returned_at",), self.returned_at_problem),
            (("signature_hash",), self.signature.problem),
            (("declined_to_sign",), self.signature.problem),
            (("officer_note",), self.signature.problem),
        ):
            self.router.add(path, label)

        self.to_person.toggled.connect(self._outcome_changed)
        self.returned_to.changed.connect(self._signer_changed)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        submit = QShortcut(QKeySequence("Ctrl+Return"), self)
        submit.activated.connect(self.submit)
        chain = (
            self.items,
            self.to_person,
            self.to_agency,
            self.agency,
            self.returned_to.edit,
            self.returned_to.choice,
            self.returned_at.edit,
            self.signature.pad,
            self.signature.declined,
            self.signature.note,
            self.signature.clear_button,
            self.buttons,
        )
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.retranslate()
        self._outcome_changed()
        self._refuse_when_nothing_to_return()
        fit_to_screen(self, PREFERRED_SIZE)
        (self.items if self.held else self.buttons).setFocus()

    # -- reading -------------------------------------------------------------------------

    def _read(self, seizure_id: str) -> tuple[dict[str, Any], dict[str, Any], Any, str | None]:
        """The seizure, its chains, and whose property it is (name or empty marker, ref)."""
        conn = self.ctx.ui_conn
        try:
            seizure = queries.get_record(conn, seizure_id).current
            chains: dict[str, Any] = dict(queries.custody_chains(conn, seizure_id))
        except KnownError as exc:
            return {"seizure_number": exc.message}, {}, None, None
        owner = seizure.get("seized_from")
        owner = owner if isinstance(owner, dict) else {}
        name, ref = owner.get("name"), owner.get("person_ref")
        encounter_id = seizure.get("encounter_id")
        if not isinstance(name, str) and isinstance(ref, str) and isinstance(encounter_id, str):
            # The seizure may not have the name the encounter's people list has.
            try:
                people = queries.get_record(conn, encounter_id).current.get("people") or []
            except KnownError:
                people = []
            for person in people:
                if person.get("person_ref") == ref and isinstance(person.get("name"), str):
                    name = person["name"]
        return seizure, chains, name, ref if isinstance(ref, str) else None

    def _timezone(self) -> str:
        for code in (
            self.seizure.get("checkpoint"),
            self.ctx.shift.checkpoint if self.ctx.shift is not None else None,
        ):
            found = self.ctx.reference.checkpoints_by_code.get(str(code))
            if found is not None:
                return found.timezone
        return "UTC"

    # -- layout --------------------------------------------------------------------------

    def _layout(self) -> None:
        self.captions = [QLabel(self) for _ in range(6)]
        self.returned_to_caption = self.captions[4]
        for label, buddy in zip(
            self.captions,
            (None, self.items, None, self.agency, self.returned_to, self.returned_at),
            strict=True,
        ):
            if buddy is not None:
                label.setBuddy(buddy)
        outcome = QHBoxLayout()
        outcome.setContentsMargins(0, 0, 0, 0)
        outcome.addWidget(self.to_person)
        outcome.addWidget(self.to_agency)
        outcome.addStretch(1)
        fields = (
            self.seizure_label,
            _stacked(self.items, self.nothing_left, self.items_problem),
            _stacked(outcome, self.outcome_problem),
            _stacked(self.agency, self.agency_problem),
            _stacked(self.returned_to, self.returned_to_problem),
            _stacked(self.returned_at, self.returned_at_problem),
        )
        self.form, self.scroll_area = lay_out_with_signatures(
            self, self.captions, fields, (self.signature,), (self.general_problem, self.buttons)
        )

    # -- reacting to choices ---------------------------------------------------------------

    def handed_on(self) -> bool:
        """Whether the property goes to the next agency rather than back to the person."""
        return self.to_agency.isChecked()

    def _outcome_changed(self) -> None:
        handed_on = self.handed_on()
        self.agency.setEnabled(handed_on)
        self.form.setRowVisible(3, handed_on)
        # The person's name is for giving it back; someone of the next agency signs
        # for a hand-over, so the prefilled name goes (and comes back with the choice).
        if handed_on and self.returned_to.value() == self.person_name:
            self.returned_to.set_value(None)
        elif not handed_on and empty_of(self.returned_to.value()) is Empty.NOT_RECORDED:
            self.returned_to.set_value(self.person_name)
        self.signature.role = "received_by" if handed_on else "person"
        self.signature.retranslate()
        self._caption_returned_to()
        self._signer_changed()

    def _caption_returned_to(self) -> None:
        self.returned_to_caption.setText(
            self.tr("Received &by") if self.handed_on() else self.tr("Returned &to")
        )

    def _signer_changed(self) -> None:
        name = self.returned_to.value()
        self.signature.set_name(name if isinstance(name, str) else "")

    def _refuse_when_nothing_to_return(self) -> None:
        personal = bool(self.seizure.get("detained_person_property"))
        self.ok_button.setEnabled(personal and bool(self.held))
        if not personal:
            self.general_problem.show_messages(
                [
                    self.tr(
                        "This seizure is not a detained person's own property; "
                        "record its hand-over with Transfer custody."
                    )
                ]
            )

    def choose_exhibits(self, numbers: list[str]) -> None:
        """Tick exactly these exhibits."""
        for row in range(self.items.count()):
            entry = self.items.item(row)
            wanted = entry.data(Qt.ItemDataRole.UserRole) in numbers
            entry.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def offered_exhibits(self) -> list[str]:
        """The exhibit numbers the dialog offers (those still held)."""
        return [
            str(self.items.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.items.count())
        ]

    # -- the return ----------------------------------------------------------------------

    def return_data(self) -> dict[str, Any]:
        """The return as the core takes it, without the signature's hash (stored on submit)."""
        exhibits = [
            self.items.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.items.count())
            if self.items.item(row).checkState() == Qt.CheckState.Checked
        ]
        handed_on = self.handed_on()
        outcome = (
            ReturnOutcome.HANDED_TO_NEXT_AGENCY if handed_on else ReturnOutcome.RETURNED_TO_PERSON
        )
        written = self.agency.currentText().strip()
        index = self.agency.findText(written)
        agency = self.agency.itemData(index) if index >= 0 else written
        signed = self.signature.value()
        return {
            "id": self.return_id,
            "seizure_id": self.seizure_id,
            "exhibit_numbers": exhibits,
            "returned_at": self.returned_at.value(),
            "returned_to": self.returned_to.value(),
            "person_ref": self.person_ref,
            "officer_id": self.ctx.officer.id if self.ctx.officer is not None else "",
            "outcome": outcome.value,
            "receiving_agency": (agency or None) if handed_on else None,
            "signature_hash": None,
            "declined_to_sign": bool(signed and signed.declined),
            "officer_note": signed.note if signed is not None and signed.declined else None,
        }

    def submit(self) -> None:
        """Store the signature and record the return on the writer thread."""
        if self._submitting or not self.ok_button.isEnabled():
            return
        self.router.clear()
        if self.ctx.officer is None:
            self.general_problem.show_messages([self.tr("Sign in to record a return.")])
            return
        if not self.signature.check():
            self.scroll_area.ensureWidgetVisible(self.signature.problem)
            return
        signed = self.signature.value()
        data, actor = self.return_data(), self.ctx.officer.actor

        def record(profile: Profile) -> object:
            if signed is not None:
                data["signature_hash"] = store_signature(
                    profile.data_dir, signed, f"{data['id']}-{signed.role}.png"
                )
            return profile.services.custody.return_property(data, actor)

        self._set_submitting(True)
        self.ctx.writer.submit(record, on_done=self._recorded, on_error=self._refused)

    def _recorded(self, _event: object) -> None:
        # The seizure changed even if the dialog's window is gone by now.
        self.ctx.signals.records_changed.emit([self.return_id, self.seizure_id])
        if not shiboken6.isValid(self):
            return
        self._set_submitting(False)
        self.ctx.signals.message.emit(self.tr("Property return recorded."))
        self.done(QDialog.DialogCode.Accepted)

    def reject(self) -> None:
        """Close, after asking when a signature or a note would be thrown away."""
        if self._submitting:
            return  # the writer answers in a moment; its answer decides
        started = self.signature.is_signed() or self.signature.is_declined()
        if started and not confirm_discard(
            self,
            self.tr("Discard the return?"),
            self.tr("The signature and what you typed for this return will not be kept."),
        ):
            return
        super().reject()

    # -- language ------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every caption in the current language."""
        self.setWindowTitle(self.tr("Return property"))
        captions = (
            self.tr("Seizure"),
            self.tr("&Items"),
            self.tr("Outcome"),
            self.tr("Receiving &agency"),
            "",
            self.tr("&When"),
        )
        for label, caption in zip(self.captions, captions, strict=True):
            if caption:
                label.setText(caption)
        self._caption_returned_to()
        self.nothing_left.setText(
            self.tr(
                "Nothing is left to return: every item of this seizure has been returned "
                "or handed to another agency."
            )
        )
        self.to_person.setText(self.tr("Returned to the &person"))
        self.to_agency.setText(self.tr("Handed to the &next agency"))
        editor = self.agency.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(self.tr("Agency the property goes to"))
        for index in range(self.agency.count()):
            code = self.agency.itemData(index)
            self.agency.setItemText(index, f"{code} — {self.labels.agency(code)}")
        self.returned_to.edit.setToolTip(self.tr("Name of whoever takes the property"))
        self.ok_button.setText(self.tr("Record return"))
        self.ok_button.setToolTip(self.tr("Record the return (Ctrl+Enter)"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.labels.retranslate()
            self.retranslate()
        super().changeEvent(event)


def _stacked(*parts: QWidget | QHBoxLayout) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    for part in parts:
        if isinstance(part, QWidget):
            column.addWidget(part)
        else:
            column.addLayout(part)
    return box
