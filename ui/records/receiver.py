"""Who takes the items in a hand-over: an officer from the reference data, or anyone typed in.

A US-Mexico hand-over is one link of one chain, so the receiver may be of any
agency on either side: picked from the reference agencies (which also sets the
country) or typed as written on the other agency's paperwork.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.context import UiContext
from ui.records.labels import Labels
from ui.records.problems import ProblemLabel

NO_INFORMATION = {"empty": "no_information"}


def officer_party(ctx: UiContext, officer_id: Any) -> dict[str, Any]:
    """One side of a hand-over for an officer of the reference data."""
    officer = ctx.reference.officers_by_id.get(str(officer_id))
    if officer is None:
        return {"name": NO_INFORMATION, "agency": "", "id_number": NO_INFORMATION, "country": ""}
    agency = ctx.reference.agencies_by_code.get(officer.agency)
    return {
        "officer_id": officer.id,
        "name": officer.name,
        "agency": officer.agency,
        "id_number": officer.badge_number,
        "country": agency.country.value if agency is not None else "",
    }


def officer_combo(ctx: UiContext, parent: QWidget) -> QComboBox:
    """A list of the active officers by name, with badge number and agency."""
    combo = QComboBox(parent)
    for officer in sorted(
        (o for o in ctx.reference.officers if o.active), key=lambda o: o.name.casefold()
    ):
        combo.addItem(f"{officer.name} — {officer.badge_number} ({officer.agency})", officer.id)
    return combo


class ReceiverBox(QWidget):
    """The receiving side of a hand-over, with its problem line."""

    #: Who receives changed (another officer chosen, a name typed).
    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.labels = Labels(ctx, self)
        self.to_officer = QRadioButton(self)
        self.to_other = QRadioButton(self)
        self.to_officer.setChecked(True)
        self._kind = QButtonGroup(self)
        self._kind.addButton(self.to_officer)
        self._kind.addButton(self.to_other)
        self.officer = officer_combo(ctx, self)
        self.officer.setCurrentIndex(-1)
        self.name = QLineEdit(self)
        self.id_number = QLineEdit(self)
        self.agency = QComboBox(self)
        self.agency.setEditable(True)
        self.agency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.agency.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.agency.setMinimumContentsLength(20)
        for agency in sorted(ctx.reference.agencies, key=lambda a: (a.country.value, a.code)):
            self.agency.addItem("", agency.code)
        self.agency.setCurrentIndex(-1)
        self.country = QComboBox(self)
        self.country.setEditable(True)
        self.country.addItems(["US", "MX"])
        self.problem = ProblemLabel(self)

        other = QGridLayout()
        other.addWidget(self.name, 0, 0)
        other.addWidget(self.id_number, 0, 1)
        other.addWidget(self.agency, 1, 0)
        other.addWidget(self.country, 1, 1)
        other.setColumnStretch(0, 3)
        other.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.to_officer)
        layout.addWidget(self.officer)
        layout.addWidget(self.to_other)
        layout.addLayout(other)
        layout.addWidget(self.problem)

        self.to_officer.toggled.connect(self._kind_changed)
        self.agency.currentIndexChanged.connect(self._agency_chosen)
        self.to_officer.toggled.connect(self.changed)
        self.officer.currentIndexChanged.connect(self.changed)
        self.name.textChanged.connect(self.changed)
        self.retranslate()
        self._kind_changed()

    def focus_chain(self) -> tuple[QWidget, ...]:
        """The fields in the order Tab visits them."""
        return (
            self.to_officer,
            self.officer,
            self.to_other,
            self.name,
            self.id_number,
            self.agency,
            self.country,
        )

    def missing(self) -> bool:
        """Whether "an officer in the list" is chosen but no officer is."""
        return self.to_officer.isChecked() and self.officer.currentData() is None

    def typed(self) -> bool:
        """Whether a receiver was typed in (closing would lose it)."""
        return bool(self.name.text().strip() or self.id_number.text().strip())

    def party(self) -> dict[str, Any]:
        """The receiving side as the core takes it."""
        if self.to_officer.isChecked():
            chosen = self.officer.currentData()
            if chosen is None:
                return {
                    "name": NO_INFORMATION,
                    "agency": "",
                    "id_number": NO_INFORMATION,
                    "country": "US",
                }
            return officer_party(self.ctx, chosen)
        written = self.agency.currentText().strip()
        index = self.agency.findText(written)
        return {
            "name": self.name.text().strip() or NO_INFORMATION,
            "agency": self.agency.itemData(index) if index >= 0 else written,
            "id_number": self.id_number.text().strip() or NO_INFORMATION,
            "country": self.country.currentText().strip().upper(),
        }

    def _kind_changed(self) -> None:
        by_officer = self.to_officer.isChecked()
        self.officer.setEnabled(by_officer)
        for widget in (self.name, self.agency, self.id_number, self.country):
            widget.setEnabled(not by_officer)

    def _agency_chosen(self, index: int) -> None:
        agency = self.ctx.reference.agencies_by_code.get(str(self.agency.itemData(index)))
        if agency is not None:
            self.country.setCurrentText(agency.country.value)

    def retranslate(self) -> None:
        """Every caption in the current language."""
        self.labels.retranslate()
        self.to_officer.setText(self.tr("An &officer in the list"))
        self.to_other.setText(self.tr("Someone &else (another agency)"))
        self.officer.setPlaceholderText(self.tr("Choose the receiving officer"))
        self.name.setPlaceholderText(self.tr("Name"))
        editor = self.agency.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(self.tr("Agency"))
        for index in range(self.agency.count()):
            code = self.agency.itemData(index)
            self.agency.setItemText(index, f"{code} — {self.labels.agency(code)}")
        self.id_number.setPlaceholderText(self.tr("ID number (if shown)"))
        self.country.setToolTip(self.tr("Country of the receiving agency"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
