"""The fields of the selected item that only some categories have, under the item table.

Drugs get their gross weight and field test, currency its denomination count,
firearms make / model / serial number / calibre, vehicles VIN and plate; every
item gets its photos. Only the rows of the item's category are shown, so the
officer never scrolls past fields that do not apply.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from fieldapp.errors import Problem
from fieldapp.models.reference import Dimension
from fieldapp.models.seizure import FieldTestResult
from ui.context import UiContext
from ui.forms.currency import DenominationCounter
from ui.forms.item_state import ALL_DETAILS, DETAILS, ItemState
from ui.forms.photos import PhotoStrip
from ui.forms.seizure_fields import (
    amount_error,
    checkpoint_code,
    checkpoint_timezone,
    clear_slots,
    ref_name,
    rezone,
    show_in_slots,
)
from ui.forms.widgets import (
    DateTimeField,
    Empty,
    EnumCombo,
    OptionalText,
    Path,
    Rows,
    Slot,
    now_in,
)

_TESTED = ("positive", "negative", "inconclusive")


class ItemDetail(QWidget):
    """Category-specific fields and photos of one item (the one selected in the table)."""

    #: The bound item changed (or an item got a photo): save, and refresh its table row.
    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state: ItemState | None = None
        self._loading = False
        self._checkpoint = checkpoint_code(ctx)
        timezone = checkpoint_timezone(ctx, self._checkpoint)
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel(self)
        self.hint.setEnabled(False)
        form = QFormLayout()
        self.rows = Rows(form)

        self.gross_amount = QLineEdit(self)
        self.gross_amount.setMaximumWidth(140)
        mass = [u.code for u in ctx.reference.units if u.dimension is Dimension.MASS]
        self.gross_unit = EnumCombo(mass, placeholder=False, parent=self)
        gross = QWidget(self)
        gross_row = QHBoxLayout(gross)
        gross_row.setContentsMargins(0, 0, 0, 0)
        gross_row.addWidget(self.gross_amount)
        gross_row.addWidget(self.gross_unit)
        gross_row.addStretch(1)
        gross.setFocusProxy(self.gross_amount)
        self.gross_slot = self.rows.add("gross_weight", gross)
        self.test_result = EnumCombo([r.value for r in FieldTestResult], parent=self)
        self.test_slot = self.rows.add("field_test", self.test_result)
        self.test_kit = QLineEdit(self)
        self.kit_slot = self.rows.add("field_test_kit", self.test_kit)
        self.tested_at = DateTimeField(timezone, empties=(Empty.NOT_RECORDED,), parent=self)
        self.tested_slot = self.rows.add("tested_at", self.tested_at)
        self.counter = DenominationCounter(ctx, self)
        self.rows.add("currency", self.counter)
        self.details: dict[str, OptionalText] = {}
        self.detail_slots: dict[str, Slot] = {}
        for name in ALL_DETAILS:
            text = OptionalText((Empty.UNKNOWN,), blank=Empty.NOT_APPLICABLE, parent=self)
            text.changed.connect(lambda name=name: self._detail_edited(name))
            self.details[name] = text
            self.detail_slots[name] = self.rows.add(name, text)
        self.photos = PhotoStrip(ctx, self)
        self.photos_slot = self.rows.add("photos", self.photos)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        self.gross_amount.textEdited.connect(self._gross_edited)
        self.gross_unit.currentIndexChanged.connect(self._gross_edited)
        self.test_result.currentIndexChanged.connect(self._test_edited)
        self.test_kit.textEdited.connect(self._test_edited)
        self.tested_at.changed.connect(self._test_edited)
        self.counter.changed.connect(self._count_edited)
        self.photos.changed.connect(self.changed)
        self.bind(None)

    # -- binding ------------------------------------------------------------------------------

    def bind(self, state: ItemState | None, problems: list[Problem] | None = None) -> list[Problem]:
        """Show one item's fields (None: nothing selected) and its problems beside them.

        Returns the problems that have no field here (the table shows those).
        """
        self.state = state
        homeless: list[Problem] = list(problems or [])
        self._loading = True
        clear_slots(self.slots())
        if state is not None:
            self.gross_amount.setText(state.gross_weight)
            self.gross_unit.set_value(state.gross_unit or "kg")
            self.test_result.set_value(state.test_result)
            self.test_kit.setText(state.test_kit)
            if state.tested_at is None:
                self.tested_at.set_value(None)
                self.tested_at.set_time(now_in(self.tested_at.timezone))
            else:
                self.tested_at.set_value(state.tested_at)
            ref = self.ctx.reference.item_categories_by_code.get(state.category_code or "")
            self.counter.default_currency = (
                ref.code.rsplit("_", 1)[-1].upper()
                if ref and ref.code != "currency_other"
                else "USD"
            )
            self.counter.set_value(state.currency)
            for name, widget in self.details.items():
                widget.set_value(state.details.get(name))
            self.photos.bind(state.photo_hashes)
            self._show_local_errors()
            homeless = show_in_slots(self.slots(), homeless, self.ctx.language)
        self._loading = False
        self._show_rows()
        self.retranslate()
        return homeless

    def set_default_witness(self, witness: str | None) -> None:
        """Who witnesses a new currency count unless the officer picks someone else."""
        self.counter.default_witness = witness

    def set_checkpoint(self, checkpoint: str | None) -> None:
        """Times are shown in this checkpoint's zone; its officers are offered first."""
        self._checkpoint = checkpoint
        self._loading = True  # the recorded moment stays; only its display changes
        rezone(self.tested_at, checkpoint_timezone(self.ctx, checkpoint))
        self._loading = False
        self.counter.set_checkpoint(checkpoint)

    def _show_rows(self) -> None:
        state = self.state
        kind = state.category if state is not None else None
        tested = state is not None and state.test_result in _TESTED
        visible = {
            "gross_weight": kind == "drug",
            "field_test": kind == "drug",
            "field_test_kit": kind == "drug" and tested,
            "tested_at": kind == "drug" and tested,
            "currency": kind == "currency",
            "photos": state is not None,
        }
        shown = DETAILS.get(kind or "", ())
        for name in ALL_DETAILS:
            visible[name] = name in shown
        for key, on in visible.items():
            self.rows.set_visible(key, on)
        self.hint.setVisible(state is None or kind is None)

    # -- edits ----------------------------------------------------------------------------------

    def _gross_edited(self) -> None:
        if self._loading or self.state is None:
            return
        self.state.gross_weight = self.gross_amount.text()
        self.state.gross_unit = self.gross_unit.value()
        self._show_local_errors()
        self.changed.emit()

    def _test_edited(self) -> None:
        if self._loading or self.state is None:
            return
        state = self.state
        state.test_result = self.test_result.value()
        state.test_kit = self.test_kit.text()
        if state.test_result in _TESTED and state.tested_at is None:
            # The first result chosen: the test happened just now, most likely.
            self._loading = True
            self.tested_at.set_time(now_in(self.tested_at.timezone))
            self._loading = False
        state.tested_at = self.tested_at.value()
        self._show_rows()
        self.changed.emit()

    def _count_edited(self) -> None:
        if self._loading or self.state is None:
            return
        self.state.currency = self.counter.value()
        self.state.sync_quantity()
        self.changed.emit()

    def _detail_edited(self, name: str) -> None:
        if self._loading or self.state is None:
            return
        self.state.details[name] = self.details[name].value()
        self.changed.emit()

    def _show_local_errors(self) -> None:
        message = amount_error(self.gross_amount.text())
        if message:
            self.gross_slot.error.show_text(message)
        elif self.gross_slot.error.text().startswith("“"):
            self.gross_slot.error.clear_text()

    # -- problems -------------------------------------------------------------------------------

    def slots(self) -> dict[Path, Slot]:
        """Where problems about the item's own fields go, by path relative to the item."""
        out: dict[Path, Slot] = {
            ("gross_weight",): self.gross_slot,
            ("field_test",): self.test_slot,
            ("field_test", "kit"): self.kit_slot,
            ("field_test", "tested_at"): self.tested_slot,
            ("photo_hashes",): self.photos_slot,
        }
        out.update(self.counter.slots())
        for name, slot in self.detail_slots.items():
            out[(name,)] = slot
        return out

    # -- language -------------------------------------------------------------------------------

    def retitle(self) -> None:
        """Show the bound item's number and category in the panel's title."""
        self._retitle()

    def _retitle(self) -> None:
        state = self.state
        if state is None:
            self.title.setText(self.tr("No item selected"))
            self.hint.setText(self.tr("Add an item (Insert or Ctrl+Shift+N) or select one above."))
            return
        ref = self.ctx.reference.item_categories_by_code.get(state.category_code or "")
        name = ref_name(self.ctx, ref) if ref is not None else (state.category or "")
        number = state.exhibit_number or "?"
        title = self.tr("Exhibit %1").replace("%1", number)
        self.title.setText(f"{title} · {name}" if name else title)
        self.hint.setText(self.tr("Choose the category first: its own fields appear here."))

    def retranslate(self) -> None:
        label = self.rows.label
        label("gross_weight").setText(self.tr("Gross weight at seizure"))
        label("field_test").setText(self.tr("Field test"))
        label("field_test_kit").setText(self.tr("Test kit"))
        label("tested_at").setText(self.tr("Tested at"))
        label("currency").setText(self.tr("Currency count"))
        label("photos").setText(self.tr("Photos"))
        kind = self.state.category if self.state is not None else None
        serial = {
            "document": self.tr("Document number"),
            "electronic_device": self.tr("Serial number or IMEI"),
        }.get(kind or "", self.tr("Serial number"))
        names = {
            "make": self.tr("Make"),
            "model": self.tr("Model"),
            "serial_number": serial,
            "calibre": self.tr("Calibre"),
            "vin": self.tr("VIN"),
            "plate": self.tr("Plate"),
        }
        for name, text in names.items():
            label(name).setText(text)
        self.gross_amount.setPlaceholderText(self.tr("e.g. 1.250"))
        self.test_kit.setPlaceholderText(self.tr("e.g. NIK test U (cocaine)"))
        self.test_result.set_labels(
            {
                "positive": self.tr("Positive"),
                "negative": self.tr("Negative"),
                "inconclusive": self.tr("Inconclusive"),
                "not_tested": self.tr("Not tested"),
            },
            self.tr("Choose the result…"),
        )
        self._retitle()

    def category_changed(self) -> None:
        """The bound item's category or number changed in the table: show its own fields."""
        if self.state is not None:
            self.bind(self.state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
