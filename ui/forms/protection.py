"""Protection flags: vulnerabilities noticed in a person, and the referral made for each.

A minor or a fear-of-return flag needs a referral, so its referral fields are
always shown; for the other kinds they appear when the officer says one was
made. Medical care is asked only for an injury or illness.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QWidget

from fieldapp.models.encounter import ProtectionKind
from ui.context import UiContext
from ui.forms.cards import Card, CardList, PersonEntry, PersonPicker
from ui.forms.section import Section
from ui.forms.widgets import DateTimeField, Empty, EnumCombo, JsonDict, Path, Slot, line_edit

#: Kinds that need a referral (the core's ``referral_required`` rule).
REFERRAL_KINDS = frozenset(
    {
        ProtectionKind.MINOR_ACCOMPANIED.value,
        ProtectionKind.MINOR_UNACCOMPANIED.value,
        ProtectionKind.FEAR_OF_RETURN_ASYLUM.value,
    }
)
_YES, _NO = "yes", "no"
_REFERRAL_ROWS = ("referred_to", "referred_at", "reference")


class FlagCard(Card):
    """One protection flag: person, kind, details, medical care, referral."""

    def __init__(
        self, people: Sequence[PersonEntry], timezone: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.picker = PersonPicker()
        self.picker.set_people(people)
        self.kind = EnumCombo([k.value for k in ProtectionKind])
        self.details = line_edit()
        self.medical = EnumCombo([_YES, _NO])
        self.referral_made = QCheckBox()
        self.referred_to = line_edit()
        self.referred_at = DateTimeField(timezone)
        self.reference = line_edit()
        rows = self.rows
        self._slots: dict[Path, Slot] = {
            ("person_ref",): rows.add("person", self.picker),
            ("kind",): rows.add("kind", self.kind),
            ("details",): rows.add("details", self.details),
            ("medical_care_given",): rows.add("medical", self.medical),
        }
        rows.add("referral_made", self.referral_made)
        referral = rows.add("referred_to", self.referred_to)
        self._slots.update(
            {
                ("referral",): referral,
                ("referral", "referred_to"): referral,
                ("referral", "referred_at"): rows.add("referred_at", self.referred_at),
                ("referral", "reference"): rows.add("reference", self.reference),
            }
        )
        for signal in (
            self.picker.currentIndexChanged,
            self.details.textEdited,
            self.medical.currentIndexChanged,
            self.referred_to.textEdited,
            self.referred_at.changed,
            self.reference.textEdited,
        ):
            signal.connect(self.changed)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.referral_made.toggled.connect(self._kind_chosen)
        self._show_fields()
        self.finish()

    def _kind_chosen(self) -> None:
        self._show_fields()
        self.changed.emit()

    def needs_referral(self) -> bool:
        """Whether this kind of flag needs a referral."""
        return (self.kind.value() or "") in REFERRAL_KINDS

    def _referral_shown(self) -> bool:
        return self.needs_referral() or self.referral_made.isChecked()

    def _show_fields(self) -> None:
        self.rows.set_visible("medical", self.kind.value() == ProtectionKind.INJURY_ILLNESS)
        self.rows.set_visible("referral_made", not self.needs_referral())
        shown = self._referral_shown()
        for key in _REFERRAL_ROWS:
            self.rows.set_visible(key, shown)

    def set_timezone(self, timezone: str) -> None:
        """The checkpoint's zone changed."""
        self.referred_at.set_timezone(timezone)

    def set_people(self, people: Sequence[PersonEntry]) -> None:
        """Offer these people in the picker."""
        self.picker.set_people(people)

    def data(self) -> JsonDict:
        out: JsonDict = {
            "person_ref": self.picker.value() or "",
            "details": self.details.text().strip(),
            "medical_care_given": self._medical(),
            "referral": self._referral(),
        }
        if self.kind.value() is not None:
            out["kind"] = self.kind.value()
        return out

    def _medical(self) -> bool | JsonDict:
        if self.kind.value() != ProtectionKind.INJURY_ILLNESS or self.medical.value() is None:
            return Empty.NOT_APPLICABLE.marker
        return self.medical.value() == _YES

    def _referral(self) -> JsonDict | None:
        if not self._referral_shown():
            return None
        to, reference = self.referred_to.text().strip(), self.reference.text().strip()
        if self.needs_referral() and not (to or reference):
            return None  # nothing typed yet: the core says a referral is needed
        return {
            "referred_to": to,
            "referred_at": self.referred_at.value(),
            "reference": reference or None,
        }

    def set_data(self, data: JsonDict) -> None:
        self.picker.set_value(data.get("person_ref") or None)
        self.kind.set_value(data.get("kind"))
        self.details.setText(str(data.get("details") or ""))
        medical = data.get("medical_care_given")
        self.medical.set_value(
            {True: _YES, False: _NO}.get(medical) if isinstance(medical, bool) else None
        )
        referral = data.get("referral")
        if isinstance(referral, dict):
            self.referral_made.setChecked(not self.needs_referral())
            self.referred_to.setText(str(referral.get("referred_to") or ""))
            self.referred_at.set_value(referral.get("referred_at"))
            self.reference.setText(str(referral.get("reference") or ""))
        else:
            self.referral_made.setChecked(False)
        self._show_fields()

    def slots(self) -> dict[Path, Slot]:
        return {**super().slots(), **self._slots}

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Protection flag %1").replace("%1", str(self.number)))
        labels = {
            "person": self.tr("Person"),
            "kind": self.tr("Kind"),
            "details": self.tr("Details"),
            "medical": self.tr("Medical care"),
            "referral_made": self.tr("Referral"),
            "referred_to": self.tr("Referred to"),
            "referred_at": self.tr("Referred at"),
            "reference": self.tr("Referral reference"),
        }
        for key, text in labels.items():
            self.rows.label(key).setText(text)
        self.referral_made.setText(self.tr("A referral was made"))
        self.referred_to.setPlaceholderText(
            self.tr("e.g. child protection services, asylum office")
        )
        self.reference.setPlaceholderText(self.tr("their case or reference number, if any"))
        self.picker.set_labels({}, self.tr("Choose the person…"))
        self.medical.set_labels(
            {_YES: self.tr("Medical care was given"), _NO: self.tr("No medical care was given")},
            self.tr("Choose…"),
        )
        self.kind.set_labels(
            {
                ProtectionKind.MINOR_ACCOMPANIED: self.tr("Minor, accompanied"),
                ProtectionKind.MINOR_UNACCOMPANIED: self.tr("Minor, unaccompanied"),
                ProtectionKind.INJURY_ILLNESS: self.tr("Injury or illness"),
                ProtectionKind.DISABILITY: self.tr("Disability"),
                ProtectionKind.FEAR_OF_RETURN_ASYLUM: self.tr("Fear of return / asylum request"),
                ProtectionKind.TRAFFICKING_INDICATORS: self.tr("Signs of trafficking"),
            },
            self.tr("Choose the kind of flag…"),
        )


class ProtectionSection(Section):
    """The protection flags of the encounter, as repeatable cards."""

    def __init__(self, ctx: UiContext, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._people: list[PersonEntry] = []
        self._timezone = timezone
        self.list = CardList(lambda: FlagCard(self._people, self._timezone))
        self.form.addRow(self.list)
        self.list.changed.connect(self.changed)
        self.retranslate()

    def cards(self) -> list[FlagCard]:
        """The flag cards, in order."""
        return [card for card in self.list.cards() if isinstance(card, FlagCard)]

    def set_people(self, people: Sequence[PersonEntry]) -> None:
        self._people = list(people)
        for card in self.cards():
            card.set_people(people)

    def set_timezone(self, timezone: str) -> None:
        self._timezone = timezone
        for card in self.cards():
            card.set_timezone(timezone)

    def data(self) -> JsonDict:
        return {"protection_flags": self.list.data()}

    def set_data(self, data: JsonDict) -> None:
        flags = data.get("protection_flags")
        self.list.set_data(flags if isinstance(flags, list) else [])

    def slots(self) -> dict[Path, Slot]:
        return self.list.slots(("protection_flags",))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Protection"))
        self.list.add_button.setText(self.tr("Add protection flag"))
