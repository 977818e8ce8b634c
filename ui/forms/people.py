"""The people section: one card per person; identifying details are never required (Code A).

Each card keeps a stable ``person_ref`` (P1, P2, ...) that flags, searches,
detentions and uses of force point to; removing a person never renumbers the
others, so those links stay right.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QWidget

from fieldapp.models.encounter import AgeRange, PersonRole
from ui.context import UiContext
from ui.forms.cards import Card, CardList, PersonEntry, person_label
from ui.forms.section import Section
from ui.forms.widgets import (
    Empty,
    EnumCombo,
    JsonDict,
    OptionalText,
    Path,
    Slot,
    empty_of,
    line_edit,
)

DOCUMENT_TYPES = (
    "passport",
    "passport_card",
    "border_crossing_card",
    "permanent_resident_card",
    "trusted_traveler_card",
    "drivers_license",
    "ine_voter_card",
    "matricula_consular",
    "dpi",
    "dni",
    "dui",
    "national_id",
    "other",
)

_SHOWN = "shown"
_NO_DOCUMENT = (Empty.NOT_APPLICABLE, Empty.REFUSED, Empty.UNKNOWN)
_AGE_EMPTIES = (Empty.NOT_RECORDED, Empty.UNKNOWN, Empty.REFUSED)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_AGE_BANDS = (
    (12, AgeRange.AGE_0_11),
    (18, AgeRange.AGE_12_17),
    (30, AgeRange.AGE_18_29),
    (50, AgeRange.AGE_30_49),
)


def age_range_for(born: dt.date, today: dt.date) -> AgeRange:
    """The age band of someone born on ``born``."""
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    for limit, band in _AGE_BANDS:
        if age < limit:
            return band
    return AgeRange.AGE_50_PLUS


class PersonCard(Card):
    """Role, name (or refused), date of birth or age range, nationality, document, language."""

    def __init__(self, ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person_ref = ref
        known = (Empty.UNKNOWN, Empty.REFUSED)
        self.role = EnumCombo([r.value for r in PersonRole])
        self.name = OptionalText(known)
        date = QRegularExpressionValidator(QRegularExpression(r"^\d{0,4}(-\d{0,2}(-\d{0,2})?)?$"))
        self.date_of_birth = OptionalText(known, validator=date)
        self.age_range = EnumCombo(
            [e.value for e in _AGE_EMPTIES[:1]]
            + [a.value for a in AgeRange]
            + [e.value for e in _AGE_EMPTIES[1:]],
            placeholder=False,
        )
        nationality = QRegularExpressionValidator(QRegularExpression(r"^[A-Za-z]{0,3}$"))
        self.nationality = OptionalText(known, validator=nationality, upper=True)
        self.document = EnumCombo([_SHOWN, *(e.value for e in _NO_DOCUMENT)], placeholder=False)
        self.document.set_value(Empty.NOT_APPLICABLE.value)
        self.doc_type = EnumCombo(DOCUMENT_TYPES)
        self.doc_number = line_edit()
        self.doc_issuer = OptionalText((Empty.UNKNOWN,), upper=True)
        self.language = OptionalText(known)
        self.interpreter = QCheckBox()
        rows = self.rows
        self._slots: dict[Path, Slot] = {
            ("role",): rows.add("role", self.role),
            ("name",): rows.add("name", self.name),
            ("date_of_birth",): rows.add("date_of_birth", self.date_of_birth),
            ("age_range",): rows.add("age_range", self.age_range),
            ("nationality",): rows.add("nationality", self.nationality),
            ("document",): rows.add("document", self.document),
            ("document", "doc_type"): rows.add("doc_type", self.doc_type),
            ("document", "number"): rows.add("doc_number", self.doc_number),
            ("document", "issuer"): rows.add("doc_issuer", self.doc_issuer),
            ("language",): rows.add("language", self.language),
            ("interpreter_used",): rows.add("interpreter", self.interpreter),
        }
        for signal in (
            self.role.currentIndexChanged,
            self.name.changed,
            self.age_range.currentIndexChanged,
            self.nationality.changed,
            self.doc_type.currentIndexChanged,
            self.doc_number.textEdited,
            self.doc_issuer.changed,
            self.language.changed,
            self.interpreter.toggled,
        ):
            signal.connect(self.changed)
        self.date_of_birth.changed.connect(self._born)
        self.document.currentIndexChanged.connect(self._document_chosen)
        self._show_document()
        self.finish()

    def _born(self) -> None:
        text = self.date_of_birth.edit.text()
        if _DATE.match(text) and self.age_range.value() in {e.value for e in _AGE_EMPTIES}:
            try:
                born = dt.date.fromisoformat(text)
            except ValueError:
                born = None
            if born is not None:
                self.age_range.set_value(age_range_for(born, dt.date.today()).value)
        self.changed.emit()

    def _document_chosen(self) -> None:
        self._show_document()
        self.changed.emit()

    def _show_document(self) -> None:
        shown = self.document.value() == _SHOWN
        for key in ("doc_type", "doc_number", "doc_issuer"):
            self.rows.set_visible(key, shown)

    def data(self) -> JsonDict:
        out: JsonDict = {
            "person_ref": self.person_ref,
            "name": self.name.value(),
            "date_of_birth": self.date_of_birth.value(),
            "age_range": self._age_range(),
            "nationality": self.nationality.value(),
            "document": self._document(),
            "language": self.language.value(),
            "interpreter_used": self.interpreter.isChecked(),
        }
        if self.role.value() is not None:
            out["role"] = self.role.value()
        return out

    def _age_range(self) -> str | JsonDict:
        value = self.age_range.value() or Empty.NOT_RECORDED.value
        empties = {e.value: e for e in _AGE_EMPTIES}
        return empties[value].marker if value in empties else value

    def _document(self) -> JsonDict:
        choice = self.document.value()
        if choice != _SHOWN:
            return Empty(choice or Empty.NOT_APPLICABLE.value).marker
        return {
            "doc_type": self.doc_type.value() or "",
            "number": self.doc_number.text().strip(),
            "issuer": self.doc_issuer.value(),
        }

    def set_data(self, data: JsonDict) -> None:
        self.person_ref = str(data.get("person_ref") or self.person_ref)
        self.role.set_value(data.get("role"))
        for key, field in (
            ("name", self.name),
            ("date_of_birth", self.date_of_birth),
            ("nationality", self.nationality),
            ("language", self.language),
        ):
            field.set_value(data.get(key))
        age = data.get("age_range")
        age_empty = empty_of(age)
        self.age_range.set_value(age_empty.value if age_empty else (age or None))
        document = data.get("document")
        empty = empty_of(document)
        if isinstance(document, dict) and empty is None:
            self.document.set_value(_SHOWN)
            self.doc_type.set_value(document.get("doc_type") or None)
            number = document.get("number")
            self.doc_number.setText(number if isinstance(number, str) else "")
            self.doc_issuer.set_value(document.get("issuer"))
        else:
            self.document.set_value((empty or Empty.NOT_APPLICABLE).value)
        self._show_document()
        self.interpreter.setChecked(bool(data.get("interpreter_used")))
        self.retranslate()

    def slots(self) -> dict[Path, Slot]:
        return {**super().slots(), ("person_ref",): Slot(self.error, self.role), **self._slots}

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Person %1").replace("%1", self.person_ref))
        labels = {
            "role": self.tr("Role"),
            "name": self.tr("Name"),
            "date_of_birth": self.tr("Date of birth"),
            "age_range": self.tr("Age range"),
            "nationality": self.tr("Nationality"),
            "document": self.tr("Identity document"),
            "doc_type": self.tr("Document type"),
            "doc_number": self.tr("Document number"),
            "doc_issuer": self.tr("Issued by"),
            "language": self.tr("Language spoken"),
            "interpreter": self.tr("Interpreter"),
        }
        for key, text in labels.items():
            self.rows.label(key).setText(text)
        roles = {code: label[:1].upper() + label[1:] for code, label in role_labels().items()}
        self.role.set_labels(roles, self.tr("Choose a role…"))
        self.date_of_birth.set_hint(self.tr("YYYY-MM-DD"))
        self.nationality.set_hint(self.tr("country code, e.g. MX, US, GTM"))
        self.language.set_hint(self.tr("e.g. es, en, mam"))
        self.doc_issuer.set_hint(self.tr("e.g. US, MX, US-CA"))
        self.interpreter.setText(self.tr("An interpreter was used"))
        self.age_range.set_labels(
            {
                Empty.NOT_RECORDED.value: self.tr("Not recorded"),
                AgeRange.AGE_0_11: self.tr("0 to 11"),
                AgeRange.AGE_12_17: self.tr("12 to 17"),
                AgeRange.AGE_18_29: self.tr("18 to 29"),
                AgeRange.AGE_30_49: self.tr("30 to 49"),
                AgeRange.AGE_50_PLUS: self.tr("50 or older"),
                Empty.UNKNOWN.value: self.tr("Unknown"),
                Empty.REFUSED.value: self.tr("Refused"),
            }
        )
        self.document.set_labels(
            {
                _SHOWN: self.tr("Shown"),
                Empty.NOT_APPLICABLE.value: self.tr("None shown"),
                Empty.REFUSED.value: self.tr("Refused to show"),
                Empty.UNKNOWN.value: self.tr("Unknown"),
            }
        )
        self.doc_type.set_labels(
            {
                "passport": self.tr("Passport"),
                "passport_card": self.tr("Passport card"),
                "border_crossing_card": self.tr("Border crossing card"),
                "permanent_resident_card": self.tr("Permanent resident card"),
                "trusted_traveler_card": self.tr("Trusted traveler card"),
                "drivers_license": self.tr("Driver's licence"),
                "ine_voter_card": self.tr("INE voter card"),
                "matricula_consular": self.tr("Matrícula consular"),
                "dpi": self.tr("DPI (Guatemala)"),
                "dni": self.tr("DNI (Honduras)"),
                "dui": self.tr("DUI (El Salvador)"),
                "national_id": self.tr("Other national identity card"),
                "other": self.tr("Other document"),
            },
            self.tr("Choose the document type…"),
        )

    def entry(self) -> PersonEntry:
        """How pickers elsewhere in the form name this person."""
        role = self.role.value()
        role_text = role_labels().get(role or "", self.tr("role not chosen"))
        name = self.name.value()
        return self.person_ref, person_label(self.person_ref, name, role_text)


def role_labels() -> dict[str, str]:
    """Translated names of the roles."""
    return {
        PersonRole.DRIVER: QCoreApplication.translate("PersonRole", "driver"),
        PersonRole.PASSENGER: QCoreApplication.translate("PersonRole", "passenger"),
        PersonRole.PEDESTRIAN: QCoreApplication.translate("PersonRole", "pedestrian"),
        PersonRole.OTHER: QCoreApplication.translate("PersonRole", "other"),
    }


class PeopleSection(Section):
    """The people in the stop, as repeatable cards."""

    #: The people changed (added, removed, renamed): list of (person_ref, label).
    people_changed = Signal(list)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.list = CardList(self._new_card)
        self.form.addRow(self.list)
        self.list.changed.connect(self._people_edited)
        self.list.structure_changed.connect(self._people_edited)
        self.retranslate()

    def _new_card(self) -> PersonCard:
        used = [int(c.person_ref[1:]) for c in self.cards() if c.person_ref[1:].isdigit()]
        return PersonCard(f"P{max(used, default=0) + 1}")

    def cards(self) -> list[PersonCard]:
        """The person cards, in order."""
        return [card for card in self.list.cards() if isinstance(card, PersonCard)]

    def entries(self) -> list[PersonEntry]:
        """Every person as pickers show them."""
        return [card.entry() for card in self.cards()]

    def _people_edited(self) -> None:
        self.people_changed.emit(self.entries())
        self.changed.emit()

    def data(self) -> JsonDict:
        return {"people": self.list.data()}

    def set_data(self, data: JsonDict) -> None:
        people = data.get("people")
        self.list.set_data(people if isinstance(people, list) else [])

    def slots(self) -> dict[Path, Slot]:
        return self.list.slots(("people",))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("People"))
        self.list.add_button.setText(self.tr("Add person"))
        self.people_changed.emit(self.entries())
