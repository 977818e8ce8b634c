"""The first section of the encounter form: when, where, why and under which power."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from fieldapp.models.encounter import StopType
from ui.context import UiContext
from ui.forms.cards import Card, CardList
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

_COORDINATE = QRegularExpression(r"^-?\d{0,3}(\.\d{0,8})?$")


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _or_none(text: str) -> str | None:
    text = text.strip()
    return text or None


class PartnerCard(Card):
    """Another agency taking part in the stop."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agency = EnumCombo([a.code for a in ctx.reference.agencies], placeholder=True)
        self.primary = QCheckBox()
        self._slots: dict[Path, Slot] = {
            ("agency",): self.rows.add("agency", self.agency),
            ("primary",): self.rows.add("primary", self.primary),
        }
        self.agency.currentIndexChanged.connect(self.changed)
        self.primary.toggled.connect(self.changed)
        self.finish()

    def data(self) -> JsonDict:
        return {"agency": self.agency.value() or "", "primary": self.primary.isChecked()}

    def set_data(self, data: JsonDict) -> None:
        self.agency.set_value(data.get("agency") or None)
        self.primary.setChecked(bool(data.get("primary")))

    def slots(self) -> dict[Path, Slot]:
        return {**super().slots(), **self._slots}

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Partner agency %1").replace("%1", str(self.number)))
        self.rows.label("agency").setText(self.tr("Agency"))
        self.rows.label("primary").setText(self.tr("Primary agency"))
        self.primary.setText(self.tr("This agency leads the stop"))
        names = {a.code: f"{a.code} · {ref_name(self.ctx, a)}" for a in self.ctx.reference.agencies}
        self.agency.set_labels(names, self.tr("Choose an agency…"))


class StopSection(Section):
    """Times, checkpoint, agency, location, stop type, reason, grounds, legal power, partners."""

    #: The checkpoint changed: its code (times are read in its zone).
    checkpoint_changed = Signal(str)
    #: The stop type changed: its code, or "" when none is chosen.
    stop_type_changed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        reference = ctx.reference
        start = ctx.shift.checkpoint if ctx.shift is not None else reference.checkpoints[0].code
        self.timezone = reference.checkpoint(start).timezone
        self.officer = QLabel()
        self.started_at = DateTimeField(self.timezone)
        self.ended_at = DateTimeField(self.timezone, empties=(Empty.UNKNOWN,))
        self.ended_at.choice.set_empty(Empty.UNKNOWN)  # type: ignore[union-attr]
        self.checkpoint = EnumCombo([c.code for c in reference.checkpoints], placeholder=False)
        self.checkpoint.set_value(start)
        self.agency = EnumCombo([a.code for a in reference.agencies], placeholder=False)
        officer_agency = ctx.officer.agency if ctx.officer is not None else ""
        self.agency.set_value(officer_agency or reference.checkpoint(start).agency)
        self.landmark = line_edit()
        self.latitude = line_edit(validator=QRegularExpressionValidator(_COORDINATE))
        self.longitude = line_edit(validator=QRegularExpressionValidator(_COORDINATE))
        coordinates = QWidget()
        row = QHBoxLayout(coordinates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.latitude)
        row.addWidget(self.longitude)
        self.stop_type = EnumCombo([s.value for s in StopType])
        self.reason = line_edit()
        self.grounds = line_edit()
        self.search_object = OptionalText((Empty.NOT_APPLICABLE,), blank=Empty.NOT_APPLICABLE)
        self.legal_power = EnumCombo()
        self.partners = CardList(lambda: PartnerCard(ctx))
        rows = self.rows
        rows.add("officer", self.officer)
        self._slots: dict[Path, Slot] = {
            ("started_at",): rows.add("started_at", self.started_at),
            ("ended_at",): rows.add("ended_at", self.ended_at),
            ("checkpoint",): rows.add("checkpoint", self.checkpoint),
            ("agency",): rows.add("agency", self.agency),
            ("location", "landmark"): rows.add("landmark", self.landmark),
        }
        coordinates_error = rows.add("coordinates", coordinates).error
        self._slots |= {
            ("location", "latitude"): Slot(coordinates_error, self.latitude),
            ("location", "longitude"): Slot(coordinates_error, self.longitude),
            ("stop_type",): rows.add("stop_type", self.stop_type),
            ("reason",): rows.add("reason", self.reason),
            ("grounds",): rows.add("grounds", self.grounds),
            ("search_object",): rows.add("search_object", self.search_object),
            ("legal_power",): rows.add("legal_power", self.legal_power),
        }
        self._slots[("location",)] = self._slots[("location", "landmark")]
        rows.add("partners", self.partners)
        self._use_checkpoint_position()
        self._fill_legal_powers()
        for signal in (
            self.started_at.changed,
            self.ended_at.changed,
            self.agency.currentIndexChanged,
            self.landmark.textEdited,
            self.latitude.textEdited,
            self.longitude.textEdited,
            self.reason.textEdited,
            self.grounds.textEdited,
            self.search_object.changed,
            self.legal_power.currentIndexChanged,
            self.partners.changed,
        ):
            signal.connect(self.changed)
        self.checkpoint.currentIndexChanged.connect(self._checkpoint_chosen)
        self.stop_type.currentIndexChanged.connect(self._stop_type_chosen)
        self.retranslate()

    def _use_checkpoint_position(self) -> None:
        checkpoint = self.ctx.reference.checkpoint(self.checkpoint.value() or "")
        self.latitude.setText(str(checkpoint.latitude))
        self.longitude.setText(str(checkpoint.longitude))

    def _fill_legal_powers(self) -> None:
        code = self.checkpoint.value()
        country = self.ctx.reference.checkpoints_by_code[code].country if code else None
        powers = [p for p in self.ctx.reference.legal_powers if p.country == country]
        labels = {p.code: f"{p.citation} · {ref_name(self.ctx, p)}" for p in powers}
        self.legal_power.set_values([p.code for p in powers], labels)

    def _checkpoint_chosen(self) -> None:
        code = self.checkpoint.value()
        checkpoint = self.ctx.reference.checkpoints_by_code.get(code or "")
        if checkpoint is None:
            return
        self.timezone = checkpoint.timezone
        for field in (self.started_at, self.ended_at):
            field.set_timezone(self.timezone)
        self._fill_legal_powers()
        self.checkpoint_changed.emit(checkpoint.code)
        self.changed.emit()

    def _stop_type_chosen(self) -> None:
        self.stop_type_changed.emit(self.stop_type.value() or "")
        self.changed.emit()

    def data(self) -> JsonDict:
        out: JsonDict = {
            "started_at": self.started_at.value(),
            "ended_at": self.ended_at.value(),
            "checkpoint": self.checkpoint.value() or "",
            "agency": self.agency.value() or "",
            "location": {
                "landmark": _or_none(self.landmark.text()),
                "latitude": _or_none(self.latitude.text()),
                "longitude": _or_none(self.longitude.text()),
            },
            "reason": self.reason.text().strip(),
            "grounds": self.grounds.text().strip(),
            "search_object": self.search_object.value(),
            "partner_agencies": self.partners.data(),
        }
        if self.stop_type.value() is not None:
            out["stop_type"] = self.stop_type.value()
        if self.legal_power.value() is not None:
            out["legal_power"] = self.legal_power.value()
        return out

    def set_data(self, data: JsonDict) -> None:
        if isinstance(data.get("checkpoint"), str) and data["checkpoint"]:
            self.checkpoint.set_value(data["checkpoint"])
            self._checkpoint_chosen()
        if isinstance(data.get("agency"), str) and data["agency"]:
            self.agency.set_value(data["agency"])
        if "started_at" in data:
            self.started_at.set_value(data["started_at"])
        if "ended_at" in data:
            self.ended_at.set_value(data["ended_at"])
        location = data.get("location")
        if isinstance(location, dict):
            self.landmark.setText(_text(location.get("landmark")))
            for name, edit in (("latitude", self.latitude), ("longitude", self.longitude)):
                value = location.get(name)
                edit.setText(str(value) if isinstance(value, str | int) else "")
        self.stop_type.set_value(data.get("stop_type"))
        self._stop_type_chosen()
        self.reason.setText(_text(data.get("reason")))
        self.grounds.setText(_text(data.get("grounds")))
        if "search_object" in data:
            self.search_object.set_value(data["search_object"])
        self.legal_power.set_value(data.get("legal_power"))
        partners = data.get("partner_agencies")
        self.partners.set_data(partners if isinstance(partners, list) else [])

    def slots(self) -> dict[Path, Slot]:
        return {
            **self._slots,
            **self.partners.slots(("partner_agencies",)),
        }

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Stop"))
        officer = self.ctx.officer
        badge = self.tr("badge")
        self.officer.setText(f"{officer.name} · {badge} {officer.badge_number}" if officer else "—")
        labels = {
            "officer": self.tr("Officer"),
            "started_at": self.tr("Started"),
            "ended_at": self.tr("Ended"),
            "checkpoint": self.tr("Checkpoint"),
            "agency": self.tr("Agency"),
            "landmark": self.tr("Landmark"),
            "coordinates": self.tr("Latitude, longitude"),
            "stop_type": self.tr("Type of stop"),
            "reason": self.tr("Reason for the stop"),
            "grounds": self.tr("Grounds"),
            "search_object": self.tr("Object of the search"),
            "legal_power": self.tr("Legal power"),
            "partners": self.tr("Partner agencies"),
        }
        for key, text in labels.items():
            self.rows.label(key).setText(text)
        self.landmark.setPlaceholderText(
            self.tr("e.g. secondary inspection, bay 4 (never a home address)")
        )
        self.latitude.setPlaceholderText(self.tr("latitude"))
        self.longitude.setPlaceholderText(self.tr("longitude"))
        self.search_object.set_hint(self.tr("what was searched for"))
        self.partners.add_button.setText(self.tr("Add partner agency"))
        checkpoints = {
            c.code: f"{c.code} · {c.name_es if self.ctx.language == 'es' else c.name}"
            for c in self.ctx.reference.checkpoints
        }
        self.checkpoint.set_labels(checkpoints)
        agencies = {
            a.code: f"{a.code} · {ref_name(self.ctx, a)}" for a in self.ctx.reference.agencies
        }
        self.agency.set_labels(agencies)
        self.stop_type.set_labels(
            {
                StopType.PRIMARY_INSPECTION: self.tr("Primary inspection"),
                StopType.SECONDARY_INSPECTION: self.tr("Secondary inspection"),
                StopType.PEDESTRIAN: self.tr("Pedestrian"),
                StopType.VEHICLE: self.tr("Vehicle stop"),
                StopType.RESCUE_WELFARE: self.tr("Rescue / welfare"),
                StopType.OTHER: self.tr("Other"),
            },
            self.tr("Choose the type of stop…"),
        )
        self._fill_legal_powers()
        self.legal_power.set_labels(
            {
                p.code: f"{p.citation} · {ref_name(self.ctx, p)}"
                for p in self.ctx.reference.legal_powers
            },
            self.tr("Choose the legal power used…"),
        )
