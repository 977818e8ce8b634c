"""The actions section: searches (with or without consent), use of force, restraints."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from fieldapp.models.encounter import ForceType
from ui.context import UiContext
from ui.forms.cards import Card, CardList, PersonEntry, PersonPicker
from ui.forms.section import Section
from ui.forms.widgets import EnumCombo, JsonDict, Path, Slot, line_edit

VEHICLE = "vehicle"


class _PersonCard(Card):
    """A card that names one of the people; keeps its picker's list current."""

    picker: PersonPicker

    def set_people(self, people: Sequence[PersonEntry]) -> None:
        self.picker.set_people(people)


class SearchCard(_PersonCard):
    """A search of a person or of the vehicle."""

    def __init__(self, people: Sequence[PersonEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = PersonPicker([(VEHICLE, VEHICLE)])
        self.picker.set_people(people)
        self.consent = QCheckBox()
        self.basis = line_edit()
        self.result = line_edit()
        self._slots: dict[Path, Slot] = {
            ("target",): self.rows.add("target", self.picker),
            ("with_consent",): self.rows.add("consent", self.consent),
            ("basis",): self.rows.add("basis", self.basis),
            ("result",): self.rows.add("result", self.result),
        }
        self.picker.currentIndexChanged.connect(self.changed)
        self.consent.toggled.connect(self.changed)
        self.basis.textEdited.connect(self.changed)
        self.result.textEdited.connect(self.changed)
        self.finish()

    def data(self) -> JsonDict:
        return {
            "target": self.picker.value() or "",
            "with_consent": self.consent.isChecked(),
            "basis": self.basis.text().strip(),
            "result": self.result.text().strip(),
        }

    def set_data(self, data: JsonDict) -> None:
        self.picker.set_value(data.get("target") or None)
        self.consent.setChecked(bool(data.get("with_consent")))
        self.basis.setText(str(data.get("basis") or ""))
        self.result.setText(str(data.get("result") or ""))

    def slots(self) -> dict[Path, Slot]:
        return {**super().slots(), **self._slots}

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Search %1").replace("%1", str(self.number)))
        self.rows.label("target").setText(self.tr("Searched"))
        self.rows.label("consent").setText(self.tr("Consent"))
        self.rows.label("basis").setText(self.tr("Basis"))
        self.rows.label("result").setText(self.tr("Result"))
        self.consent.setText(self.tr("The person consented to the search"))
        self.basis.setPlaceholderText(self.tr("required when there was no consent"))
        self.result.setPlaceholderText(self.tr("what was found, or nothing found"))
        self.picker.set_extra([(VEHICLE, self.tr("The vehicle"))])
        self.picker.set_labels({}, self.tr("Choose what was searched…"))


class ForceCard(_PersonCard):
    """Force used on a person, with its type and reason."""

    def __init__(self, people: Sequence[PersonEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = PersonPicker()
        self.picker.set_people(people)
        self.force_type = EnumCombo([f.value for f in ForceType])
        self.reason = line_edit()
        self.injury = QCheckBox()
        self._slots: dict[Path, Slot] = {
            ("person_ref",): self.rows.add("person", self.picker),
            ("force_type",): self.rows.add("force_type", self.force_type),
            ("reason",): self.rows.add("reason", self.reason),
            ("injury_caused",): self.rows.add("injury", self.injury),
        }
        self.picker.currentIndexChanged.connect(self.changed)
        self.force_type.currentIndexChanged.connect(self.changed)
        self.reason.textEdited.connect(self.changed)
        self.injury.toggled.connect(self.changed)
        self.finish()

    def data(self) -> JsonDict:
        out: JsonDict = {
            "person_ref": self.picker.value() or "",
            "reason": self.reason.text().strip(),
            "injury_caused": self.injury.isChecked(),
        }
        if self.force_type.value() is not None:
            out["force_type"] = self.force_type.value()
        return out

    def set_data(self, data: JsonDict) -> None:
        self.picker.set_value(data.get("person_ref") or None)
        self.force_type.set_value(data.get("force_type"))
        self.reason.setText(str(data.get("reason") or ""))
        self.injury.setChecked(bool(data.get("injury_caused")))

    def slots(self) -> dict[Path, Slot]:
        return {**super().slots(), **self._slots}

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Use of force %1").replace("%1", str(self.number)))
        self.rows.label("person").setText(self.tr("Person"))
        self.rows.label("force_type").setText(self.tr("Type of force"))
        self.rows.label("reason").setText(self.tr("Reason"))
        self.rows.label("injury").setText(self.tr("Injury"))
        self.injury.setText(self.tr("The force caused an injury"))
        self.picker.set_labels({}, self.tr("Choose the person…"))
        self.force_type.set_labels(
            {
                ForceType.VERBAL_COMMAND: self.tr("Verbal command"),
                ForceType.PHYSICAL_CONTROL: self.tr("Physical control"),
                ForceType.RESTRAINTS: self.tr("Restraints"),
                ForceType.LESS_LETHAL: self.tr("Less-lethal device"),
                ForceType.FIREARM_POINTED: self.tr("Firearm pointed"),
                ForceType.FIREARM_DISCHARGED: self.tr("Firearm discharged"),
                ForceType.OTHER: self.tr("Other"),
            },
            self.tr("Choose the type of force…"),
        )


class RestraintCard(_PersonCard):
    """A restraint applied to a person."""

    def __init__(self, people: Sequence[PersonEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = PersonPicker()
        self.picker.set_people(people)
        self.kind = line_edit()
        self.reason = line_edit()
        self._slots: dict[Path, Slot] = {
            ("person_ref",): self.rows.add("person", self.picker),
            ("kind",): self.rows.add("kind", self.kind),
            ("reason",): self.rows.add("reason", self.reason),
        }
        self.picker.currentIndexChanged.connect(self.changed)
        self.kind.textEdited.connect(self.changed)
        self.reason.textEdited.connect(self.changed)
        self.finish()

    def data(self) -> JsonDict:
        return {
            "person_ref": self.picker.value() or "",
            "kind": self.kind.text().strip(),
            "reason": self.reason.text().strip(),
        }

    def set_data(self, data: JsonDict) -> None:
        self.picker.set_value(data.get("person_ref") or None)
        self.kind.setText(str(data.get("kind") or ""))
        self.reason.setText(str(data.get("reason") or ""))

    def slots(self) -> dict[Path, Slot]:
        return {**super().slots(), **self._slots}

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Restraint %1").replace("%1", str(self.number)))
        self.rows.label("person").setText(self.tr("Person"))
        self.rows.label("kind").setText(self.tr("Restraint"))
        self.rows.label("reason").setText(self.tr("Reason"))
        self.kind.setPlaceholderText(self.tr("e.g. handcuffs, double-locked"))
        self.picker.set_labels({}, self.tr("Choose the person…"))


class ActionsSection(Section):
    """What the officer did: searches, use of force, restraints."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._people: list[PersonEntry] = []
        #: Seizure record ids already listed in the draft (the core adds the child seizures).
        self._seizure_ids: list[str] = []
        self.searches = CardList(lambda: SearchCard(self._people))
        self.force = CardList(lambda: ForceCard(self._people))
        self.restraints = CardList(lambda: RestraintCard(self._people))
        self.captions = {key: QLabel() for key in ("searches", "force", "restraints")}
        for key, cards in (
            ("searches", self.searches),
            ("force", self.force),
            ("restraints", self.restraints),
        ):
            self.form.addRow(self.captions[key])
            self.form.addRow(cards)
            cards.changed.connect(self.changed)
        self.retranslate()

    def lists(self) -> tuple[CardList, ...]:
        """The three repeatable lists."""
        return (self.searches, self.force, self.restraints)

    def set_people(self, people: Sequence[PersonEntry]) -> None:
        self._people = list(people)
        for cards in self.lists():
            for card in cards.cards():
                if isinstance(card, _PersonCard):
                    card.set_people(people)

    def data(self) -> JsonDict:
        return {
            "actions": {
                "searches": self.searches.data(),
                "use_of_force": self.force.data(),
                "restraints": self.restraints.data(),
                "seizure_ids": list(self._seizure_ids),
            }
        }

    def set_data(self, data: JsonDict) -> None:
        actions = data.get("actions")
        actions = actions if isinstance(actions, dict) else {}
        for key, cards in (
            ("searches", self.searches),
            ("use_of_force", self.force),
            ("restraints", self.restraints),
        ):
            entries = actions.get(key)
            cards.set_data(entries if isinstance(entries, list) else [])
        ids = actions.get("seizure_ids")
        self._seizure_ids = [str(i) for i in ids] if isinstance(ids, list) else []

    def slots(self) -> dict[Path, Slot]:
        return {
            **self.searches.slots(("actions", "searches")),
            **self.force.slots(("actions", "use_of_force")),
            **self.restraints.slots(("actions", "restraints")),
        }

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Actions"))
        self.captions["searches"].setText(self.tr("Searches"))
        self.captions["force"].setText(self.tr("Use of force"))
        self.captions["restraints"].setText(self.tr("Restraints"))
        self.searches.add_button.setText(self.tr("Add search"))
        self.force.add_button.setText(self.tr("Add use of force"))
        self.restraints.add_button.setText(self.tr("Add restraint"))
