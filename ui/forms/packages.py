"""Packaging and seals: which exhibits went into which bag or box, sealed and witnessed by whom.

Two-person integrity: a package of drugs or currency that is sealed needs a
witness to the sealing other than the officer who sealed it. The core checks
that; this editor makes the usual case one keystroke away (the officer on
duty seals, the seizure's witness witnesses, the exhibits not yet packed go in).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from fieldapp.models.seizure import PackageKind
from ui.context import UiContext
from ui.forms.cards import Card, CardList
from ui.forms.seizure_fields import NOT_APPLICABLE, OfficerCombo, on_duty
from ui.forms.widgets import EnumCombo, JsonDict, Path, Slot

_SEAL_SPLIT = re.compile(r"[,;\n]+")
_EXHIBIT_SPLIT = re.compile(r"[,;\s]+")


def split_seals(text: str) -> list[str]:
    """Seal numbers typed one after another, separated by commas or semicolons."""
    return [part.strip() for part in _SEAL_SPLIT.split(text) if part.strip()]


def split_exhibits(text: str) -> list[str]:
    """Exhibit numbers separated by commas or spaces ("1, 2 3")."""
    return [part for part in _EXHIBIT_SPLIT.split(text.strip()) if part]


class PackageCard(Card):
    """One package (or a number of identical ones) with its seals and contents."""

    def __init__(
        self,
        ctx: UiContext,
        ref: str,
        checkpoint: str | None,
        witness: str | None,
        exhibits: Iterable[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ref = ref
        self.kind = EnumCombo([k.value for k in PackageKind], parent=self)
        self.count = QSpinBox(self)
        self.count.setRange(1, 9999)
        self.count.setMaximumWidth(90)
        self.seals = QLineEdit(self)
        self.sealed_by = OfficerCombo(ctx, parent=self)
        self.witnessed_by = OfficerCombo(ctx, parent=self)
        self.exhibits = QLineEdit(self)
        for combo in (self.sealed_by, self.witnessed_by):
            combo.set_checkpoint(checkpoint)
        self._slots: dict[Path, Slot] = {
            ("kind",): self.rows.add("kind", self.kind),
            ("count",): self.rows.add("count", self.count),
            ("exhibit_numbers",): self.rows.add("exhibit_numbers", self.exhibits),
            ("seal_numbers",): self.rows.add("seal_numbers", self.seals),
            ("sealed_by",): self.rows.add("sealed_by", self.sealed_by),
            ("witnessed_by",): self.rows.add("witnessed_by", self.witnessed_by),
        }
        self.sealed_by.set_value(on_duty(ctx))
        self.witnessed_by.set_value(witness)
        self.exhibits.setText(", ".join(exhibits))
        self.kind.currentIndexChanged.connect(self.changed)
        self.count.valueChanged.connect(self.changed)
        self.seals.textEdited.connect(self.changed)
        self.sealed_by.currentIndexChanged.connect(self.changed)
        self.witnessed_by.currentIndexChanged.connect(self.changed)
        self.exhibits.textEdited.connect(self.changed)
        self.setFocusProxy(self.kind)
        self.finish()

    def data(self) -> JsonDict:
        out: JsonDict = {
            "package_ref": self.ref,
            "count": self.count.value(),
            "seal_numbers": split_seals(self.seals.text()),
            "witnessed_by": self.witnessed_by.value() or NOT_APPLICABLE,
            "exhibit_numbers": split_exhibits(self.exhibits.text()),
        }
        if self.kind.value():
            out["kind"] = self.kind.value()
        if self.sealed_by.value():
            out["sealed_by"] = self.sealed_by.value()
        return out

    def set_data(self, data: JsonDict) -> None:
        self.ref = str(data.get("package_ref") or self.ref)
        for widget in (self.kind, self.count, self.sealed_by, self.witnessed_by):
            widget.blockSignals(True)
        self.kind.set_value(data.get("kind"))
        count = data.get("count")
        self.count.setValue(count if isinstance(count, int) and count >= 1 else 1)
        self.seals.setText(", ".join(str(s) for s in data.get("seal_numbers") or []))
        self.sealed_by.set_value(data.get("sealed_by"))
        witness = data.get("witnessed_by")
        self.witnessed_by.set_value(witness if isinstance(witness, str) else None)
        self.exhibits.setText(", ".join(str(n) for n in data.get("exhibit_numbers") or []))
        for widget in (self.kind, self.count, self.sealed_by, self.witnessed_by):
            widget.blockSignals(False)
        self.retranslate()

    def set_checkpoint(self, checkpoint: str | None) -> None:
        """Offer the officers of this checkpoint first."""
        for combo in (self.sealed_by, self.witnessed_by):
            combo.blockSignals(True)
            combo.set_checkpoint(checkpoint)
            combo.blockSignals(False)
        self.retranslate()

    def slots(self) -> dict[Path, Slot]:
        out = super().slots()
        out[("package_ref",)] = out[()]
        out.update(self._slots)
        return out

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Package %1").replace("%1", self.ref))
        label = self.rows.label
        label("kind").setText(self.tr("Packaging"))
        label("count").setText(self.tr("Number of packages"))
        label("exhibit_numbers").setText(self.tr("Exhibits inside"))
        label("seal_numbers").setText(self.tr("Seal numbers"))
        label("sealed_by").setText(self.tr("Sealed by"))
        label("witnessed_by").setText(self.tr("Sealing witnessed by"))
        self.kind.set_labels(
            {
                "bag": self.tr("Bag"),
                "box": self.tr("Box"),
                "container": self.tr("Container"),
                "envelope": self.tr("Envelope"),
                "other": self.tr("Other"),
            },
            self.tr("Choose…"),
        )
        self.exhibits.setPlaceholderText(self.tr("Exhibit numbers, e.g. 1, 2"))
        self.seals.setPlaceholderText(self.tr("Separate several with commas"))
        self.sealed_by.set_blank(self.tr("Choose an officer"))
        self.witnessed_by.set_blank(self.tr("No witness"))


class PackagesEditor(QWidget):
    """The seizure's packages, one card each."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._checkpoint: str | None = None
        self._witness: str | None = None
        self._exhibits: list[str] = []
        self.hint = QLabel(self)
        self.hint.setEnabled(False)
        self.hint.setWordWrap(True)
        self.cards = CardList(self._new_card, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.cards)
        self.cards.changed.connect(self._changed)
        self.retranslate()

    def _new_card(self) -> PackageCard:
        used = {c.ref for c in self.package_cards()}
        number = 1
        while f"P{number}" in used:
            number += 1
        packed = {n for card in self.package_cards() for n in split_exhibits(card.exhibits.text())}
        loose = [n for n in self._exhibits if n not in packed]
        return PackageCard(self.ctx, f"P{number}", self._checkpoint, self._witness, loose)

    def package_cards(self) -> list[PackageCard]:
        """The package cards, in order."""
        return [c for c in self.cards.cards() if isinstance(c, PackageCard)]

    def _changed(self) -> None:
        self._update_hint()
        self.changed.emit()

    def data(self) -> list[JsonDict]:
        """Every package as the record stores it."""
        return self.cards.data()

    def set_data(self, packages: list[Any]) -> None:
        """Show stored packages."""
        self.cards.set_data([p for p in packages if isinstance(p, dict)])
        self._update_hint()

    def set_exhibits(self, numbers: list[str]) -> None:
        """The exhibit numbers of the seizure's items (offered to new packages)."""
        self._exhibits = list(numbers)
        self._update_hint()

    def set_default_witness(self, witness: str | None) -> None:
        """The seizure's witness: the usual witness of the sealing too."""
        self._witness = witness

    def set_checkpoint(self, checkpoint: str | None) -> None:
        """Offer the officers of this checkpoint first."""
        self._checkpoint = checkpoint
        for card in self.package_cards():
            card.set_checkpoint(checkpoint)

    def slots(self) -> dict[Path, Slot]:
        """Where problems at ``("packages", ...)`` go."""
        return self.cards.slots(("packages",))

    def _update_hint(self) -> None:
        packed = {n for card in self.package_cards() for n in split_exhibits(card.exhibits.text())}
        loose = [n for n in self._exhibits if n not in packed]
        if loose and self.package_cards():
            text = self.tr("Not in a package yet: exhibits %1.").replace("%1", ", ".join(loose))
        elif not self.package_cards():
            text = self.tr("No packages recorded. Add one for each sealed bag, box or envelope.")
        else:
            text = ""
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def retranslate(self) -> None:
        self.cards.add_button.setText(self.tr("Add package"))
        self._update_hint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
