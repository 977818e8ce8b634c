"""How the stop ended: result, handover, detentions, body-camera clips and the receipt given.

The handover block appears only for a handover, detentions only for an arrest
or detention; a relative or trusted contact can be recorded only as notified
with the person's consent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QWidget

from fieldapp.models.encounter import DetentionType, EncounterResult, ReceiptMedium
from ui.context import UiContext
from ui.forms.cards import Card, CardList, PersonEntry, PersonPicker
from ui.forms.section import Section, ref_name
from ui.forms.widgets import (
    DateTimeField,
    Empty,
    EnumCombo,
    JsonDict,
    OptionalText,
    Path,
    Slot,
    line_edit,
)

_CONTACT_ROWS = ("contact_name", "relationship", "notified_at")


class DetentionCard(Card):
    """A person detained: type, authority, rights read, contact (with consent), transfer route."""

    def __init__(
        self, people: Sequence[PersonEntry], timezone: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.picker = PersonPicker()
        self.picker.set_people(people)
        self.detention_type = EnumCombo([d.value for d in DetentionType])
        self.authority = line_edit()
        self.rights_read_at = DateTimeField(timezone, empties=(Empty.UNKNOWN,))
        self.contact = QCheckBox()
        self.contact_name = line_edit()
        self.relationship = line_edit()
        self.notified_at = DateTimeField(timezone)
        self.route = OptionalText((Empty.UNKNOWN,))
        rows = self.rows
        contact = ("contact_notified",)
        self._slots: dict[Path, Slot] = {
            ("person_ref",): rows.add("person", self.picker),
            ("detention_type",): rows.add("detention_type", self.detention_type),
            ("authority_handed_to",): rows.add("authority", self.authority),
            ("rights_read_at",): rows.add("rights_read_at", self.rights_read_at),
            contact: rows.add("contact", self.contact),
            (*contact, "contact_name"): rows.add("contact_name", self.contact_name),
            (*contact, "relationship"): rows.add("relationship", self.relationship),
            (*contact, "notified_at"): rows.add("notified_at", self.notified_at),
            ("transfer_route",): rows.add("route", self.route),
        }
        self._slots[(*contact, "consent_given")] = self._slots[contact]
        for signal in (
            self.picker.currentIndexChanged,
            self.detention_type.currentIndexChanged,
            self.authority.textEdited,
            self.rights_read_at.changed,
            self.contact_name.textEdited,
            self.relationship.textEdited,
            self.notified_at.changed,
            self.route.changed,
        ):
            signal.connect(self.changed)
        self.contact.toggled.connect(self._contact_toggled)
        self._show_contact()
        self.finish()

    def _contact_toggled(self) -> None:
        self._show_contact()
        self.changed.emit()

    def _show_contact(self) -> None:
        for key in _CONTACT_ROWS:
            self.rows.set_visible(key, self.contact.isChecked())

    def set_people(self, people: Sequence[PersonEntry]) -> None:
        """Offer these people in the picker."""
        self.picker.set_people(people)

    def set_timezone(self, timezone: str) -> None:
        """The checkpoint's zone changed."""
        self.rights_read_at.set_timezone(timezone)
        self.notified_at.set_timezone(timezone)

    def data(self) -> JsonDict:
        out: JsonDict = {
            "person_ref": self.picker.value() or "",
            "authority_handed_to": self.authority.text().strip(),
            "rights_read_at": self.rights_read_at.value(),
            "contact_notified": Empty.NOT_APPLICABLE.marker,
            "transfer_route": self.route.value(),
        }
        if self.detention_type.value() is not None:
            out["detention_type"] = self.detention_type.value()
        if self.contact.isChecked():
            out["contact_notified"] = {
                "consent_given": True,
                "contact_name": self.contact_name.text().strip(),
                "relationship": self.relationship.text().strip(),
                "notified_at": self.notified_at.value(),
            }
        return out

    def set_data(self, data: JsonDict) -> None:
        self.picker.set_value(data.get("person_ref") or None)
        self.detention_type.set_value(data.get("detention_type"))
        self.authority.setText(str(data.get("authority_handed_to") or ""))
        self.rights_read_at.set_value(data.get("rights_read_at"))
        contact = data.get("contact_notified")
        notified = isinstance(contact, dict) and "empty" not in contact
        if isinstance(contact, dict) and notified:
            self.contact_name.setText(str(contact.get("contact_name") or ""))
            self.relationship.setText(str(contact.get("relationship") or ""))
            self.notified_at.set_value(contact.get("notified_at"))
        self.contact.setChecked(notified)
        self.route.set_value(data.get("transfer_route"))
        self._show_contact()

    def slots(self) -> dict[Path, Slot]:
        return {**super().slots(), **self._slots}

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Detention %1").replace("%1", str(self.number)))
        labels = {
            "person": self.tr("Person"),
            "detention_type": self.tr("Type of detention"),
            "authority": self.tr("Handed to"),
            "rights_read_at": self.tr("Rights read at"),
            "contact": self.tr("Contact"),
            "contact_name": self.tr("Contact's name"),
            "relationship": self.tr("Relationship"),
            "notified_at": self.tr("Notified at"),
            "route": self.tr("Transfer route"),
        }
        for key, text in labels.items():
            self.rows.label(key).setText(text)
        self.authority.setPlaceholderText(self.tr("the authority the person was handed to"))
        self.contact.setText(
            self.tr("With the person's consent, a relative or trusted contact was notified")
        )
        self.picker.set_labels({}, self.tr("Choose the person…"))
        self.route.set_hint(self.tr("from where to where, and how"))
        self.detention_type.set_labels(
            {
                DetentionType.IN_FLAGRANTE: self.tr("In flagrante"),
                DetentionType.WARRANT: self.tr("Warrant"),
                DetentionType.ADMINISTRATIVE: self.tr("Administrative"),
                DetentionType.IMMIGRATION: self.tr("Immigration"),
                DetentionType.OTHER: self.tr("Other"),
            },
            self.tr("Choose the type of detention…"),
        )


class ResultSection(Section):
    """Result, handover, detentions, body-camera clips and the receipt."""

    #: The result changed: its code, or "" when none is chosen.
    result_changed = Signal(str)

    def __init__(self, ctx: UiContext, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._people: list[PersonEntry] = []
        self._timezone = timezone
        agencies = [a.code for a in ctx.reference.agencies]
        known = (Empty.UNKNOWN, Empty.REFUSED)
        self.result = EnumCombo([r.value for r in EncounterResult])
        self.also_handed_over = QCheckBox()
        self.handover_agency = EnumCombo(agencies)
        self.handed_at = DateTimeField(timezone)
        self.received_by_name = OptionalText(known)
        self.received_by_id = OptionalText(known)
        self.detentions = CardList(lambda: DetentionCard(self._people, self._timezone))
        self.clips = line_edit()
        self.receipt_given = QCheckBox()
        self.medium = EnumCombo([m.value for m in ReceiptMedium], placeholder=False)
        self.medium.set_value(ReceiptMedium.NONE)
        self.how_to_obtain = line_edit()
        rows = self.rows
        self._slots: dict[Path, Slot] = {
            ("result",): rows.add("result", self.result),
        }
        rows.add("also_handed_over", self.also_handed_over)
        self._slots |= {
            ("handover",): rows.add("handover_agency", self.handover_agency),
            ("handover", "handed_at"): rows.add("handed_at", self.handed_at),
            ("handover", "received_by_name"): rows.add("received_by_name", self.received_by_name),
            ("handover", "received_by_id"): rows.add("received_by_id", self.received_by_id),
        }
        self._slots[("handover", "agency")] = self._slots[("handover",)]
        rows.add("detentions", self.detentions)
        self._slots.update(
            {
                ("body_camera_clips",): rows.add("clips", self.clips),
                ("receipt", "given"): rows.add("receipt_given", self.receipt_given),
                ("receipt", "medium"): rows.add("medium", self.medium),
                ("receipt", "how_to_obtain_record"): rows.add("how_to_obtain", self.how_to_obtain),
            }
        )
        self._slots[("receipt",)] = self._slots[("receipt", "given")]
        for signal in (
            self.handover_agency.currentIndexChanged,
            self.handed_at.changed,
            self.received_by_name.changed,
            self.received_by_id.changed,
            self.detentions.changed,
            self.clips.textEdited,
            self.medium.currentIndexChanged,
            self.how_to_obtain.textEdited,
        ):
            signal.connect(self.changed)
        self.result.currentIndexChanged.connect(self._result_chosen)
        self.receipt_given.toggled.connect(self._receipt_toggled)
        self.also_handed_over.toggled.connect(self._result_chosen)
        self._show_fields()
        self.retranslate()
        self.how_to_obtain.setText(
            self.tr("Ask the agency named on this record for a copy, quoting its reference number.")
        )

    def cards(self) -> list[DetentionCard]:
        """The detention cards, in order."""
        return [c for c in self.detentions.cards() if isinstance(c, DetentionCard)]

    def _result_chosen(self) -> None:
        self._show_fields()
        self.result_changed.emit(self.result.value() or "")
        self.changed.emit()

    def _receipt_toggled(self, given: bool) -> None:
        if given and self.medium.value() == ReceiptMedium.NONE:
            self.medium.set_value(ReceiptMedium.PAPER)
        elif not given:
            self.medium.set_value(ReceiptMedium.NONE)
        self._show_fields()
        self.changed.emit()

    def _handed_over(self) -> bool:
        """Whether the handover block applies: a handover, or an arrest handed to another agency."""
        result = self.result.value()
        if result == EncounterResult.HANDOVER:
            return True
        return result is not None and self.also_handed_over.isChecked()

    def _show_fields(self) -> None:
        result = self.result.value()
        # An arrest is often handed to another agency too; any other result keeps the
        # option only if a handover was already recorded (nothing read is dropped).
        offer = result == EncounterResult.ARREST_DETENTION or (
            result not in (None, EncounterResult.HANDOVER) and self.also_handed_over.isChecked()
        )
        self.rows.set_visible("also_handed_over", offer)
        for key in ("handover_agency", "handed_at", "received_by_name", "received_by_id"):
            self.rows.set_visible(key, self._handed_over())
        self.rows.set_visible("detentions", result == EncounterResult.ARREST_DETENTION)
        self.rows.set_visible("medium", self.receipt_given.isChecked())

    def set_people(self, people: Sequence[PersonEntry]) -> None:
        self._people = list(people)
        for card in self.cards():
            card.set_people(people)

    def set_timezone(self, timezone: str) -> None:
        self._timezone = timezone
        self.handed_at.set_timezone(timezone)
        for card in self.cards():
            card.set_timezone(timezone)

    def data(self) -> JsonDict:
        result = self.result.value()
        out: JsonDict = {
            "handover": Empty.NOT_APPLICABLE.marker,
            "detentions": [],
            "body_camera_clips": [c for c in re.split(r"[\s,;]+", self.clips.text()) if c],
            "receipt": {
                "given": self.receipt_given.isChecked(),
                "medium": self.medium.value() or ReceiptMedium.NONE.value,
                "how_to_obtain_record": self.how_to_obtain.text().strip(),
            },
        }
        if result is not None:
            out["result"] = result
        if self._handed_over():
            out["handover"] = {
                "agency": self.handover_agency.value() or "",
                "handed_at": self.handed_at.value(),
                "received_by_name": self.received_by_name.value(),
                "received_by_id": self.received_by_id.value(),
            }
        if result == EncounterResult.ARREST_DETENTION:
            out["detentions"] = self.detentions.data()
        return out

    def set_data(self, data: JsonDict) -> None:
        self.result.set_value(data.get("result"))
        handover = data.get("handover")
        handed = isinstance(handover, dict) and "empty" not in handover
        self.also_handed_over.setChecked(handed and data.get("result") != EncounterResult.HANDOVER)
        if isinstance(handover, dict) and handed:
            self.handover_agency.set_value(handover.get("agency") or None)
            self.handed_at.set_value(handover.get("handed_at"))
            self.received_by_name.set_value(handover.get("received_by_name"))
            self.received_by_id.set_value(handover.get("received_by_id"))
        detentions = data.get("detentions")
        self.detentions.set_data(detentions if isinstance(detentions, list) else [])
        clips = data.get("body_camera_clips")
        self.clips.setText(", ".join(str(c) for c in clips) if isinstance(clips, list) else "")
        receipt = data.get("receipt")
        if isinstance(receipt, dict):
            self.receipt_given.blockSignals(True)
            self.receipt_given.setChecked(bool(receipt.get("given")))
            self.receipt_given.blockSignals(False)
            self.medium.set_value(receipt.get("medium") or ReceiptMedium.NONE.value)
            self.how_to_obtain.setText(str(receipt.get("how_to_obtain_record") or ""))
        self._show_fields()

    def slots(self) -> dict[Path, Slot]:
        return {
            **self._slots,
            **self.detentions.slots(("detentions",)),
        }

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Result"))
        labels = {
            "result": self.tr("Result"),
            "also_handed_over": self.tr("Handover"),
            "handover_agency": self.tr("Handed over to"),
            "handed_at": self.tr("Handed over at"),
            "received_by_name": self.tr("Received by (name)"),
            "received_by_id": self.tr("Received by (id)"),
            "detentions": self.tr("Detentions"),
            "clips": self.tr("Body-camera clips"),
            "receipt_given": self.tr("Receipt"),
            "medium": self.tr("Given on"),
            "how_to_obtain": self.tr("How to obtain the record"),
        }
        for key, text in labels.items():
            self.rows.label(key).setText(text)
        self.detentions.add_button.setText(self.tr("Add detention"))
        self.clips.setPlaceholderText(self.tr("clip ids, separated by commas"))
        self.receipt_given.setText(self.tr("A receipt or copy of the record was given"))
        self.also_handed_over.setText(self.tr("Also handed over to another agency"))
        self.result.set_labels(
            {
                EncounterResult.NO_ACTION: self.tr("No action"),
                EncounterResult.WARNING: self.tr("Warning"),
                EncounterResult.CITATION: self.tr("Citation"),
                EncounterResult.ARREST_DETENTION: self.tr("Arrest / detention"),
                EncounterResult.RELEASE: self.tr("Release"),
                EncounterResult.HANDOVER: self.tr("Handover to another agency"),
            },
            self.tr("Choose the result…"),
        )
        self.medium.set_labels(
            {
                ReceiptMedium.PAPER: self.tr("Paper"),
                ReceiptMedium.ELECTRONIC: self.tr("Electronic"),
                ReceiptMedium.NONE: self.tr("None"),
            }
        )
        agencies = {
            a.code: f"{a.code} · {ref_name(self.ctx, a)}" for a in self.ctx.reference.agencies
        }
        self.handover_agency.set_labels(agencies, self.tr("Choose the agency…"))
