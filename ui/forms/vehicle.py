"""The vehicle section: shown when a vehicle is involved; each detail may be unknown."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QWidget

from ui.context import UiContext
from ui.forms.section import Section
from ui.forms.widgets import Empty, JsonDict, OptionalText, Path, Slot

_FIELDS = ("plate", "plate_issuer", "make", "model", "colour", "vin", "year")


class VehicleSection(Section):
    """Plate and issuer, make, model, colour, VIN and year, or "no vehicle"."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.involved = QCheckBox()
        known = (Empty.UNKNOWN, Empty.REFUSED)
        year = QRegularExpressionValidator(QRegularExpression(r"^\d{0,4}$"))
        self.fields: dict[str, OptionalText] = {
            "plate": OptionalText(known, upper=True),
            "plate_issuer": OptionalText(known, upper=True),
            "make": OptionalText(known),
            "model": OptionalText(known),
            "colour": OptionalText(known),
            "vin": OptionalText((*known, Empty.NOT_APPLICABLE), upper=True),
            "year": OptionalText(known, validator=year, integer=True),
        }
        self._slots: dict[Path, Slot] = {("vehicle",): self.rows.add("involved", self.involved)}
        for name, field in self.fields.items():
            self._slots[("vehicle", name)] = self.rows.add(name, field)
            field.changed.connect(self.changed)
        self.involved.toggled.connect(self._toggled)
        self._show_fields(False)
        self.retranslate()

    def _toggled(self, checked: bool) -> None:
        self._show_fields(checked)
        self.changed.emit()

    def _show_fields(self, visible: bool) -> None:
        for name in _FIELDS:
            self.rows.set_visible(name, visible)

    def set_involved(self, involved: bool) -> None:
        """Say whether a vehicle is involved (a vehicle stop always has one)."""
        self.involved.setChecked(involved)

    def data(self) -> JsonDict:
        if not self.involved.isChecked():
            return {"vehicle": Empty.NOT_APPLICABLE.marker}
        return {"vehicle": {name: field.value() for name, field in self.fields.items()}}

    def set_data(self, data: JsonDict) -> None:
        vehicle = data.get("vehicle")
        involved = isinstance(vehicle, dict) and "empty" not in vehicle
        if isinstance(vehicle, dict) and involved:
            for name, field in self.fields.items():
                field.set_value(vehicle.get(name))
        self.involved.setChecked(involved)
        self._show_fields(involved)

    def slots(self) -> dict[Path, Slot]:
        return dict(self._slots)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Vehicle"))
        self.involved.setText(self.tr("A vehicle is involved in this stop"))
        labels = {
            "involved": self.tr("Vehicle"),
            "plate": self.tr("Plate"),
            "plate_issuer": self.tr("Plate issued by"),
            "make": self.tr("Make"),
            "model": self.tr("Model"),
            "colour": self.tr("Colour"),
            "vin": self.tr("VIN"),
            "year": self.tr("Year"),
        }
        for key, text in labels.items():
            self.rows.label(key).setText(text)
        self.fields["plate_issuer"].set_hint(self.tr("e.g. US-CA, MX-BCN"))
        self.fields["year"].set_hint(self.tr("e.g. 2019"))
