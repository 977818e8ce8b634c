"""Counting seized currency by denomination, with a running total per currency.

The count is two-person work (one officer counts, another witnesses), so the
counter names both; when counting on the spot is impossible (vacuum-sealed
bundles, a crowd) the officer records why it was deferred instead. Amounts
are exact decimals typed as text; a line that is not a number says so beside
it and never reaches the total.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.context import UiContext
from ui.forms.seizure_fields import (
    NOT_APPLICABLE,
    OfficerCombo,
    count_error,
    money,
    parse_amount,
    parse_count,
)
from ui.forms.widgets import EnumCombo, ErrorLabel, JsonDict, Path, Rows, Slot

#: Currencies offered first; any other ISO code read from a draft is kept and shown.
CURRENCIES = ("USD", "MXN", "CAD", "EUR", "GTQ", "HNL")


def blank_count() -> JsonDict:
    """The counter's state for a currency item nothing was counted for yet."""
    return {"deferred": False, "reason": "", "lines": [], "counted_by": None, "witnessed_by": None}


def count_from_item(item: JsonDict) -> JsonDict:
    """The counter's state from a stored item (``currency_count``, ``count_deferred_reason``)."""
    state = blank_count()
    count = item.get("currency_count")
    if isinstance(count, dict) and "empty" not in count:
        state["lines"] = [
            {
                "currency": str(line.get("currency", "USD")),
                "denomination": str(line.get("denomination", "")),
                "count": str(line.get("count", "")),
            }
            for line in count.get("lines") or []
            if isinstance(line, dict)
        ]
        state["counted_by"] = count.get("counted_by")
        state["witnessed_by"] = count.get("witnessed_by")
    reason = item.get("count_deferred_reason")
    if isinstance(reason, str) and reason.strip():
        state["deferred"] = True
        state["reason"] = reason
    return state


def item_fields(state: JsonDict) -> JsonDict:
    """The item's ``currency_count`` and ``count_deferred_reason`` as the record stores them."""
    if state.get("deferred"):
        return {"currency_count": NOT_APPLICABLE, "count_deferred_reason": state.get("reason", "")}
    lines = []
    for line in state.get("lines", []):
        denomination = str(line.get("denomination", "")).strip()
        count_text = str(line.get("count", "")).strip()
        if not denomination and not count_text:
            continue  # a line added but not filled in yet
        count = parse_count(count_text)
        lines.append(
            {
                "currency": line.get("currency", "USD"),
                "denomination": denomination,
                "count": count if count is not None else count_text,
            }
        )
    if not lines:
        return {"currency_count": NOT_APPLICABLE}
    count_data: JsonDict = {"lines": lines}
    for key in ("counted_by", "witnessed_by"):
        if state.get(key):
            count_data[key] = state[key]
    return {"currency_count": count_data}


def totals(state: JsonDict) -> dict[str, Decimal]:
    """Total per currency of the lines that are complete and numeric, in order of appearance."""
    out: dict[str, Decimal] = {}
    for line in state.get("lines", []):
        denomination = parse_amount(str(line.get("denomination", "")))
        count = parse_count(str(line.get("count", "")))
        if denomination is None or count is None:
            continue
        currency = str(line.get("currency", "USD"))
        out[currency] = out.get(currency, Decimal(0)) + denomination * count
    return out


def notes(state: JsonDict) -> int:
    """How many notes or coins the complete lines count."""
    return sum(parse_count(str(line.get("count", ""))) or 0 for line in state.get("lines", []))


def totals_text(state: JsonDict) -> str:
    """The totals as receipts print them: ``USD 1,250.00 · MXN 500.00``."""
    return " · ".join(f"{cur} {money(amount)}" for cur, amount in totals(state).items())


class DenominationLine(QWidget):
    """One line of the count: currency, denomination, how many, and the line's subtotal."""

    changed = Signal()
    remove_requested = Signal(object)
    #: Enter in the count field: go on to the next line (or a new one).
    next_requested = Signal(object)

    def __init__(self, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = EnumCombo(CURRENCIES, placeholder=False, parent=self)
        self.currency.set_value(currency)
        self.denomination = QLineEdit(self)
        self.denomination.setMaximumWidth(110)
        self.times = QLabel("×", self)
        self.count = QLineEdit(self)
        self.count.setMaximumWidth(90)
        self.subtotal = QLabel(self)
        self.subtotal.setMinimumWidth(120)
        self.subtotal.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.error = ErrorLabel(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.currency, self.denomination, self.times, self.count, self.subtotal):
            row.addWidget(widget)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.currency.currentIndexChanged.connect(self._edited)
        self.denomination.textEdited.connect(self._edited)
        self.count.textEdited.connect(self._edited)
        self.denomination.installEventFilter(self)
        self.count.installEventFilter(self)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.setFocusProxy(self.denomination)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter walks the count: denomination -> how many -> next line. Consumed here, so a
        # form that moves to its next field on Enter does not move a second time.
        enter = (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        )
        if enter and watched is self.denomination:
            self.count.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        if enter and watched is self.count:
            self.next_requested.emit(self)
            return True
        return super().eventFilter(watched, event)

    def value(self) -> JsonDict:
        """The line as typed."""
        return {
            "currency": self.currency.value() or "USD",
            "denomination": self.denomination.text().strip(),
            "count": self.count.text().strip(),
        }

    def set_value(self, line: JsonDict) -> None:
        """Show a stored line."""
        self.currency.blockSignals(True)
        self.currency.set_value(str(line.get("currency") or "USD"))
        self.currency.blockSignals(False)
        self.denomination.setText(str(line.get("denomination", "")))
        self.count.setText(str(line.get("count", "")))
        self._check()

    def _edited(self) -> None:
        self._check()
        self.changed.emit()

    def _check(self) -> None:
        denomination = self.denomination.text().strip()
        amount = parse_amount(denomination)
        problems = []
        if denomination and (amount is None or amount <= 0):
            problems.append(
                self.tr("“%1” is not a denomination; type e.g. 20 or 0.25.").replace(
                    "%1", denomination
                )
            )
        problems.append(count_error(self.count.text()))
        self.error.show_text("\n".join(p for p in problems if p))
        count = parse_count(self.count.text())
        if amount is not None and amount > 0 and count is not None:
            self.subtotal.setText(f"= {money(amount * count)}")
        else:
            self.subtotal.setText("")

    def retranslate(self) -> None:
        self.denomination.setPlaceholderText(self.tr("Denomination"))
        self.count.setPlaceholderText(self.tr("How many"))
        self.remove_button.setToolTip(self.tr("Remove this line"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class DenominationCounter(QWidget):
    """The count of one currency item: lines by denomination, totals, counter and witness."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loading = False
        #: Currency of the first line of a new count (follows the item's category).
        self.default_currency = "USD"
        #: Who witnesses a new count unless the officer picks someone else.
        self.default_witness: str | None = None
        self.deferred = QCheckBox(self)
        self.reason = QLineEdit(self)
        self.reason_error = ErrorLabel(self)
        deferred_row = QHBoxLayout()
        deferred_row.addWidget(self.deferred)
        deferred_row.addWidget(self.reason, 1)
        self.lines_box = QVBoxLayout()
        self.lines_box.setSpacing(4)
        self.lines_error = ErrorLabel(self)
        self.add_button = QPushButton(self)
        self.add_button.setAutoDefault(False)
        self.total_label = QLabel(self)
        font = self.total_label.font()
        font.setBold(True)
        self.total_label.setFont(font)
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        total_row = QHBoxLayout()
        total_row.addWidget(self.add_button)
        total_row.addStretch(1)
        total_row.addWidget(self.total_label)
        self.counted_by = OfficerCombo(ctx, parent=self)
        self.witnessed_by = OfficerCombo(ctx, parent=self)
        people = QFormLayout()
        self.people = Rows(people)
        self.counted_slot = self.people.add("counted_by", self.counted_by)
        self.witness_slot = self.people.add("witnessed_by", self.witnessed_by)
        self.count_widgets = QWidget(self)
        count_layout = QVBoxLayout(self.count_widgets)
        count_layout.setContentsMargins(0, 0, 0, 0)
        count_layout.addLayout(self.lines_box)
        count_layout.addWidget(self.lines_error)
        count_layout.addLayout(total_row)
        count_layout.addLayout(people)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count_widgets)
        layout.addLayout(deferred_row)
        layout.addWidget(self.reason_error)
        self._lines: list[DenominationLine] = []
        self.add_button.clicked.connect(lambda: self.add_line(focus=True))
        self.deferred.toggled.connect(self._deferred_toggled)
        self.reason.textEdited.connect(self._edited)
        self.counted_by.currentIndexChanged.connect(self._edited)
        self.witnessed_by.currentIndexChanged.connect(self._edited)
        #: Called when the structure changes (lines added or removed), e.g. to fix the tab order.
        self.on_structure: Callable[[], None] = lambda: None
        self.set_value(blank_count())
        self.retranslate()

    # -- lines ----------------------------------------------------------------------------

    def lines(self) -> list[DenominationLine]:
        """The lines, in order."""
        return list(self._lines)

    def add_line(self, line: JsonDict | None = None, *, focus: bool = False) -> DenominationLine:
        """Append a line (same currency as the last one unless given)."""
        currency = self._lines[-1].value()["currency"] if self._lines else self.default_currency
        widget = DenominationLine(currency, self)
        if line is not None:
            widget.set_value(line)
        widget.changed.connect(self._edited)
        widget.remove_requested.connect(self._remove_line)
        widget.next_requested.connect(self._next_line)
        self.lines_box.addWidget(widget)
        self._lines.append(widget)
        self.on_structure()
        if focus:
            widget.denomination.setFocus(Qt.FocusReason.TabFocusReason)
        if not self._loading:
            self._edited()
        return widget

    def _remove_line(self, widget: DenominationLine) -> None:
        index = self._lines.index(widget)
        self._lines.remove(widget)
        self.lines_box.removeWidget(widget)
        widget.hide()
        widget.deleteLater()
        if self._lines:
            self._lines[min(index, len(self._lines) - 1)].denomination.setFocus()
        else:
            self.add_button.setFocus()
        self.on_structure()
        self._edited()

    def _next_line(self, widget: DenominationLine) -> None:
        index = self._lines.index(widget)
        if index + 1 < len(self._lines):
            self._lines[index + 1].denomination.setFocus()
        else:
            self.add_line(focus=True)

    # -- state ----------------------------------------------------------------------------

    def value(self) -> JsonDict:
        """The count as typed (see :func:`item_fields` for the stored form)."""
        return {
            "deferred": self.deferred.isChecked(),
            "reason": self.reason.text(),
            "lines": [line.value() for line in self._lines],
            "counted_by": self.counted_by.value(),
            "witnessed_by": self.witnessed_by.value(),
        }

    def set_value(self, state: JsonDict) -> None:
        """Show a count (a fresh one: counted by the officer on duty, the seizure's witness)."""
        self._loading = True
        for widget in self._lines:
            self.lines_box.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._lines = []
        for line in state.get("lines", []):
            self.add_line(line)
        if not self._lines:
            self.add_line()
        for combo, key, default in (
            (self.counted_by, "counted_by", self.ctx.officer.id if self.ctx.officer else None),
            (self.witnessed_by, "witnessed_by", self.default_witness),
        ):
            combo.blockSignals(True)
            combo.set_value(state.get(key) or default)
            combo.blockSignals(False)
        self.deferred.blockSignals(True)
        self.deferred.setChecked(bool(state.get("deferred")))
        self.deferred.blockSignals(False)
        self.reason.setText(str(state.get("reason") or ""))
        self._show_mode()
        self._update_total()
        self._loading = False

    def set_checkpoint(self, checkpoint: str | None) -> None:
        """Order the officer pickers for this checkpoint."""
        for combo in (self.counted_by, self.witnessed_by):
            combo.blockSignals(True)
            combo.set_checkpoint(checkpoint)
            combo.blockSignals(False)
        self._retranslate_blanks()

    def totals(self) -> dict[str, Decimal]:
        """Total per currency of the complete lines."""
        return totals(self.value())

    def _deferred_toggled(self) -> None:
        self._show_mode()
        if self.deferred.isChecked():
            self.reason.setFocus()
        self._edited()

    def _show_mode(self) -> None:
        deferred = self.deferred.isChecked()
        self.reason.setVisible(deferred)
        self.count_widgets.setVisible(not deferred)

    def _edited(self, *args: Any) -> None:
        if self._loading:
            return
        self._update_total()
        self.changed.emit()

    def _update_total(self) -> None:
        text = totals_text(self.value())
        label = self.tr("Total: %1").replace("%1", text) if text else self.tr("Total: nothing yet")
        self.total_label.setText(label)

    # -- problems -------------------------------------------------------------------------

    def slots(self) -> dict[Path, Slot]:
        """Where problems about the count go, by path relative to the item."""
        out: dict[Path, Slot] = {
            ("currency_count",): Slot(self.lines_error, self.add_button),
            ("currency_count", "counted_by"): self.counted_slot,
            ("currency_count", "witnessed_by"): self.witness_slot,
            ("count_deferred_reason",): Slot(self.reason_error, self.reason),
        }
        for index, line in enumerate(self._lines):
            out[("currency_count", "lines", index)] = Slot(line.error, line.denomination)
        return out

    # -- language -------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.deferred.setText(self.tr("Count deferred"))
        self.reason.setPlaceholderText(self.tr("Why the count could not be made now"))
        self.add_button.setText(self.tr("Add line"))
        self.add_button.setToolTip(self.tr("Enter in the last count field adds a line too."))
        self.people.label("counted_by").setText(self.tr("Counted by"))
        self.people.label("witnessed_by").setText(self.tr("Count witnessed by"))
        self._retranslate_blanks()
        self._update_total()

    def _retranslate_blanks(self) -> None:
        self.counted_by.set_blank(self.tr("Choose an officer"))
        self.witnessed_by.set_blank(self.tr("Choose an officer"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
