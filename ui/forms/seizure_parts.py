"""Parts of the seizure editor: its basic fields, whom the property was taken from, approvals.

"Seized from" follows the receipt: a name or "unknown / refused" (never a
guess), where to send the property back, and the owner when it is someone
else. Approvals are the supervisor's (for detentions) and the second-line
supervisor's (for a transfer to another agency).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from fieldapp.models.reference import LegalAction
from fieldapp.models.seizure import ApprovalLevel, CustodyStart, SeizureReason
from ui.context import UiContext
from ui.forms.cards import Card, CardList
from ui.forms.seizure_fields import NOT_APPLICABLE, OfficerCombo, checkpoint_timezone, rezone
from ui.forms.widgets import (
    DateTimeField,
    Empty,
    EnumCombo,
    JsonDict,
    OptionalText,
    Path,
    Rows,
    Slot,
)

_SEIZED_FROM = ("name", "address", "contact", "owner")


class SeizedFromFields(QWidget):
    """Name, address and contact for return of the person the property was taken from."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base: JsonDict = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.rows = Rows(form)
        self.fields = {
            "name": OptionalText((Empty.UNKNOWN, Empty.REFUSED), parent=self),
            "address": OptionalText((Empty.UNKNOWN, Empty.REFUSED), parent=self),
            "contact": OptionalText((Empty.UNKNOWN, Empty.REFUSED), parent=self),
            "owner": OptionalText(
                (Empty.NOT_APPLICABLE, Empty.UNKNOWN), blank=Empty.NOT_APPLICABLE, parent=self
            ),
        }
        self._slots: dict[Path, Slot] = {}
        for key, widget in self.fields.items():
            self._slots[(key,)] = self.rows.add(key, widget)
            widget.changed.connect(self.changed)
        self.retranslate()

    def data(self) -> JsonDict:
        """The ``seized_from`` block (a person reference read from the draft is kept)."""
        out = dict(self._base)
        for key, widget in self.fields.items():
            out[key] = widget.value()
        return out

    def set_data(self, data: Any) -> None:
        """Show a stored ``seized_from`` block."""
        self._base = dict(data) if isinstance(data, dict) else {}
        for key, widget in self.fields.items():
            widget.set_value(self._base.get(key))

    def slots(self) -> dict[Path, Slot]:
        """Where problems at ``("seized_from", ...)`` go, relative to the block."""
        return dict(self._slots)

    def retranslate(self) -> None:
        label = self.rows.label
        label("name").setText(self.tr("Seized from"))
        label("address").setText(self.tr("Mailing address"))
        label("contact").setText(self.tr("Contact for return"))
        label("owner").setText(self.tr("Owner, if someone else"))
        self.fields["name"].edit.setToolTip(self.tr("Never guess a name: choose Refused instead."))
        self.fields["contact"].edit.setToolTip(self.tr("Phone or e-mail to arrange the return."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ApprovalCard(Card):
    """One approval: its level, the approving supervisor, when, and an optional note."""

    def __init__(self, ctx: UiContext, checkpoint: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.level = EnumCombo([level.value for level in ApprovalLevel], parent=self)
        self.officer = OfficerCombo(ctx, exclude_on_duty=True, supervisors=True, parent=self)
        self.officer.set_checkpoint(checkpoint)
        self.approved_at = DateTimeField(checkpoint_timezone(ctx, checkpoint), parent=self)
        self.note = QLineEdit(self)
        self._slots: dict[Path, Slot] = {
            ("level",): self.rows.add("level", self.level),
            ("officer_id",): self.rows.add("officer_id", self.officer),
            ("approved_at",): self.rows.add("approved_at", self.approved_at),
            ("note",): self.rows.add("note", self.note),
        }
        self.level.currentIndexChanged.connect(self.changed)
        self.officer.currentIndexChanged.connect(self.changed)
        self.approved_at.changed.connect(self.changed)
        self.note.textEdited.connect(self.changed)
        self.setFocusProxy(self.level)
        self.finish()

    def data(self) -> JsonDict:
        out: JsonDict = {"approved_at": self.approved_at.value()}
        if self.level.value():
            out["level"] = self.level.value()
        if self.officer.value():
            out["officer_id"] = self.officer.value()
        if self.note.text().strip():
            out["note"] = self.note.text().strip()
        return out

    def set_data(self, data: JsonDict) -> None:
        for widget in (self.level, self.officer):
            widget.blockSignals(True)
        self.level.set_value(data.get("level"))
        self.officer.set_value(data.get("officer_id"))
        for widget in (self.level, self.officer):
            widget.blockSignals(False)
        self.approved_at.set_value(data.get("approved_at"))
        self.note.setText(str(data.get("note") or ""))
        self.retranslate()

    def set_checkpoint(self, checkpoint: str | None) -> None:
        """Times in this checkpoint's zone; its supervisors first."""
        self.officer.blockSignals(True)
        self.officer.set_checkpoint(checkpoint)
        self.officer.blockSignals(False)
        rezone(self.approved_at, checkpoint_timezone(self.ctx, checkpoint))
        self.retranslate()

    def slots(self) -> dict[Path, Slot]:
        out = super().slots()
        out.update(self._slots)
        return out

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Approval %1").replace("%1", str(self.number)))
        label = self.rows.label
        label("level").setText(self.tr("Level"))
        label("officer_id").setText(self.tr("Approved by"))
        label("approved_at").setText(self.tr("Approved at"))
        label("note").setText(self.tr("Note"))
        self.level.set_labels(
            {
                "supervisor": self.tr("Supervisor"),
                "second_line_supervisor": self.tr("Second-line supervisor (transfer)"),
            },
            self.tr("Choose…"),
        )
        self.officer.set_blank(self.tr("Choose a supervisor"))


class ApprovalsEditor(CardList):
    """The seizure's approvals, one card each."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        self.ctx = ctx
        self._checkpoint: str | None = None
        super().__init__(lambda: ApprovalCard(self.ctx, self._checkpoint), parent)
        self.retranslate()

    def set_checkpoint(self, checkpoint: str | None) -> None:
        """Times in this checkpoint's zone; its supervisors first."""
        self._checkpoint = checkpoint
        for card in self.cards():
            if isinstance(card, ApprovalCard):
                card.set_checkpoint(checkpoint)

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add approval"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class SeizureBasics(QWidget):
    """When, where, how and why the property was taken, under which power, before whom."""

    changed = Signal()
    #: The witness changed (counts and seals default to the same officer).
    witness_changed = Signal()

    def __init__(
        self, ctx: UiContext, checkpoint: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._checkpoint = checkpoint
        self.seized_at = DateTimeField(checkpoint_timezone(ctx, checkpoint), parent=self)
        self.custody_start = EnumCombo([c.value for c in CustodyStart], parent=self)
        self.reason = EnumCombo([r.value for r in SeizureReason], parent=self)
        self.legal_power = EnumCombo(parent=self)
        self.legal_power.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.legal_power.setMinimumContentsLength(36)
        self.found_location = QLineEdit(self)
        self.witness = OfficerCombo(ctx, exclude_on_duty=True, parent=self)
        self.witness.set_checkpoint(checkpoint)
        self.detained_property = QCheckBox(self)
        left_form, right_form = QFormLayout(), QFormLayout()
        self.left, self.right = Rows(left_form), Rows(right_form)
        self.slots: dict[Path, Slot] = {
            ("seized_at",): self.left.add("seized_at", self.seized_at),
            ("found_location",): self.right.add("found_location", self.found_location),
            ("custody_start",): self.left.add("custody_start", self.custody_start),
            ("witness_id",): self.right.add("witness_id", self.witness),
            ("reason",): self.left.add("reason", self.reason),
            ("detained_person_property",): self.right.add(
                "detained_person_property", self.detained_property
            ),
            ("legal_power",): self.left.add("legal_power", self.legal_power),
        }
        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left_form, 1)
        columns.addSpacing(16)
        columns.addLayout(right_form, 1)
        for combo in (self.custody_start, self.reason, self.legal_power, self.witness):
            combo.currentIndexChanged.connect(self.changed)
        self.witness.currentIndexChanged.connect(self.witness_changed)
        self.seized_at.changed.connect(self.changed)
        self.found_location.textEdited.connect(self.changed)
        self.detained_property.toggled.connect(self.changed)
        self.setFocusProxy(self.seized_at)
        self._fill_legal_powers()
        self.retranslate()
        ctx.signals.language_changed.connect(self._language_changed)

    def _language_changed(self, _language: str) -> None:
        self._fill_legal_powers()  # reference names follow ctx.language, set after Qt's event

    def _fill_legal_powers(self) -> None:
        found = self.ctx.reference.checkpoints_by_code.get(self._checkpoint or "")
        powers = [
            p
            for p in self.ctx.reference.legal_powers
            if found is None or p.country is found.country
        ]
        seizing = [p for p in powers if LegalAction.SEIZURE in p.applies_to] or powers
        spanish = self.ctx.language == "es"
        labels = {p.code: f"{p.citation} — {p.name_es if spanish else p.name_en}" for p in seizing}
        self.legal_power.blockSignals(True)
        self.legal_power.set_values([p.code for p in seizing], labels)
        self.legal_power.blockSignals(False)
        for code, label in labels.items():
            index = self.legal_power.findData(code)
            self.legal_power.setItemData(index, label, Qt.ItemDataRole.ToolTipRole)
        self.legal_power.setItemText(0, self.tr("Choose the legal power…"))

    def fill(self, out: JsonDict) -> None:
        """Put these fields into the seizure's data (a choice not made yet is left out)."""
        out["seized_at"] = self.seized_at.value()
        out["found_location"] = self.found_location.text()
        for key, combo in (
            ("custody_start", self.custody_start),
            ("reason", self.reason),
            ("legal_power", self.legal_power),
        ):
            value = combo.value()
            if value:
                out[key] = value
            else:
                out.pop(key, None)
        out["witness_id"] = self.witness.value() or NOT_APPLICABLE
        out["detained_person_property"] = self.detained_property.isChecked()

    def set_data(self, data: JsonDict) -> None:
        """Show these fields of a stored seizure."""
        self.blockSignals(True)
        if data.get("seized_at"):
            self.seized_at.set_value(data.get("seized_at"))
        self.found_location.setText(str(data.get("found_location") or ""))
        self.custody_start.set_value(data.get("custody_start"))
        self.reason.set_value(data.get("reason"))
        self.legal_power.set_value(data.get("legal_power"))
        witness = data.get("witness_id")
        self.witness.set_value(witness if isinstance(witness, str) else None)
        self.detained_property.setChecked(bool(data.get("detained_person_property")))
        self.blockSignals(False)

    def set_checkpoint(self, checkpoint: str | None) -> None:
        """Time zone, legal powers and officers of this checkpoint."""
        self._checkpoint = checkpoint
        rezone(self.seized_at, checkpoint_timezone(self.ctx, checkpoint))
        self.witness.set_checkpoint(checkpoint)
        self._fill_legal_powers()
        self.retranslate()

    def retranslate(self) -> None:
        left, right = self.left.label, self.right.label
        left("seized_at").setText(self.tr("Seized at"))
        left("custody_start").setText(self.tr("How custody started"))
        left("reason").setText(self.tr("Reason"))
        left("legal_power").setText(self.tr("Legal power"))
        right("found_location").setText(self.tr("Found where"))
        right("witness_id").setText(self.tr("Witness"))
        right("detained_person_property").setText("")
        self.detained_property.setText(self.tr("Detained person's own property"))
        self.found_location.setPlaceholderText(self.tr("e.g. rear quarter panel, driver side"))
        self.custody_start.set_labels(
            {
                "found": self.tr("Found"),
                "discovered_in_search": self.tr("Discovered in a search"),
                "handed_over": self.tr("Handed over"),
            },
            self.tr("Choose…"),
        )
        self.reason.set_labels(
            {
                "evidence": self.tr("Evidence"),
                "forfeiture": self.tr("Forfeiture"),
                "safekeeping": self.tr("Safekeeping"),
                "detained_for_examination": self.tr("Detained for examination"),
            },
            self.tr("Choose…"),
        )
        self.legal_power.setItemText(0, self.tr("Choose the legal power…"))
        self.witness.set_blank(self.tr("No witness"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
