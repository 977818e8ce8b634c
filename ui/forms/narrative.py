"""The narrative: the officer's own account of the stop, locked once finalized."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ui.context import UiContext
from ui.forms.section import Section
from ui.forms.widgets import JsonDict, Path, Slot


class NarrativeSection(Section):
    """The officer's own account; locked once finalized."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(180)
        self._slot = self.rows.add("narrative", self.text)
        self.text.textChanged.connect(self.changed)
        self.retranslate()

    def data(self) -> JsonDict:
        return {"narrative": self.text.toPlainText()}

    def set_data(self, data: JsonDict) -> None:
        narrative = data.get("narrative")
        self.text.setPlainText(narrative if isinstance(narrative, str) else "")

    def slots(self) -> dict[Path, Slot]:
        return {("narrative",): self._slot}

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Narrative"))
        self.rows.label("narrative").setText(self.tr("Your account"))
        self.text.setPlaceholderText(
            self.tr(
                "What happened, in order. It is locked when you finalize; later changes "
                "are dated addenda."
            )
        )
