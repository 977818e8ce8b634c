"""Repeatable entries (people, flags, detentions, ...) and the form's tab order.

A :class:`CardList` holds :class:`Card` widgets in the order the record lists
them, so a problem at ``("people", 1, "name")`` lands on the second card. Cards
added later would come last in Qt's default focus chain; :func:`fix_tab_order`
puts the chain back in top-to-bottom layout order after every change.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.forms.widgets import EnumCombo, ErrorLabel, JsonDict, Path, Rows, Slot

PersonEntry = tuple[str, str]
"""A person as the pickers show them: (person_ref, label)."""


class Card(QFrame):
    """One repeatable entry; subclasses add their rows to ``self.rows``."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = 1
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 10)
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        outer.addWidget(self.title)
        #: Problems about the entry as a whole (e.g. a duplicate person).
        self.error = ErrorLabel(self)
        outer.addWidget(self.error)
        form = QFormLayout()
        outer.addLayout(form)
        self.rows = Rows(form)
        # Remove comes last, so Tab goes through the fields first and a jump to the
        # card lands on its first field, not on "Remove".
        self.remove_button = QPushButton(self)
        self.remove_button.setAutoDefault(True)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.remove_button)
        outer.addLayout(footer)
        self._initial: JsonDict | None = None

    def finish(self) -> None:
        """Subclasses call this at the end of ``__init__``: remembers the untouched state."""
        self.retranslate()
        self._initial = self.data()

    def has_content(self) -> bool:
        """Whether the officer typed or chose anything in this entry."""
        return self._initial is not None and self.data() != self._initial

    def data(self) -> JsonDict:
        """The entry as the record stores it."""
        raise NotImplementedError

    def set_data(self, data: JsonDict) -> None:
        """Show a stored entry."""
        raise NotImplementedError

    def slots(self) -> dict[Path, Slot]:
        """Slots of this entry's fields, by path relative to the entry."""
        return {(): Slot(self.error, self.remove_button)}

    def set_number(self, number: int) -> None:
        """The entry's position (1-based), shown in its title."""
        self.number = number
        self.retranslate()

    def retranslate(self) -> None:
        self.remove_button.setText(self.tr("Remove"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class CardList(QWidget):
    """A list of cards with an "Add" button under them."""

    changed = Signal()
    #: Cards were added or removed: the tab order must be rebuilt.
    structure_changed = Signal()

    def __init__(self, factory: Callable[[], Card], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._cards: list[Card] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        #: Problems about the list as a whole (e.g. "list at least one person").
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self._box = QVBoxLayout()
        layout.addLayout(self._box)
        self.add_button = QPushButton(self)
        self.add_button.setAutoDefault(True)
        self.add_button.clicked.connect(self._add_clicked)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        #: Asks before removing an entry with content; tests may replace it.
        self.confirm_remove: Callable[[Card], bool] = self._ask_remove

    def cards(self) -> list[Card]:
        """The cards in record order."""
        return list(self._cards)

    def _add_clicked(self) -> None:
        card = self.add()
        first = card.rows.boxes[next(iter(card.rows.boxes))] if card.rows.boxes else card
        first.setFocus(Qt.FocusReason.TabFocusReason)
        self.changed.emit()

    def add(self, data: JsonDict | None = None) -> Card:
        """Append a card (filled with ``data`` if given)."""
        card = self._factory()
        card.setParent(self)
        if data is not None:
            card.set_data(data)
        card.changed.connect(self.changed)
        card.remove_requested.connect(self._remove_requested)
        self._box.addWidget(card)
        card.show()  # a child added to a shown parent would appear only a moment later
        self._cards.append(card)
        self._renumber()
        self.structure_changed.emit()
        return card

    def _remove_requested(self, card: Card) -> None:
        if card.has_content() and not self.confirm_remove(card):
            return
        self.remove(card)
        if self._cards:
            self._cards[min(card.number - 1, len(self._cards) - 1)].setFocus()
        else:
            self.add_button.setFocus()
        self.changed.emit()

    def _ask_remove(self, card: Card) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Remove entry"),
            self.tr("Remove “%1” and everything typed in it?").replace("%1", card.title.text()),
        )
        return answer == QMessageBox.StandardButton.Yes

    def remove(self, card: Card) -> None:
        """Take a card out of the list."""
        self._cards.remove(card)
        self._box.removeWidget(card)
        card.hide()
        card.deleteLater()
        self._renumber()
        self.structure_changed.emit()

    def clear(self) -> None:
        """Remove every card."""
        for card in list(self._cards):
            self.remove(card)

    def _renumber(self) -> None:
        for index, card in enumerate(self._cards):
            card.set_number(index + 1)

    def data(self) -> list[JsonDict]:
        """Every entry, in order."""
        return [card.data() for card in self._cards]

    def set_data(self, entries: Sequence[JsonDict]) -> None:
        """Replace the cards with stored entries."""
        self.clear()
        for entry in entries:
            if isinstance(entry, dict):
                self.add(entry)

    def slots(self, prefix: Path) -> dict[Path, Slot]:
        """Slots of every card's fields under ``prefix`` (e.g. ``("people",)``)."""
        out: dict[Path, Slot] = {prefix: Slot(self.error, self.add_button)}
        for index, card in enumerate(self._cards):
            for path, slot in card.slots().items():
                out[(*prefix, index, *path)] = slot
        return out


class PersonPicker(EnumCombo):
    """Chooses one of the people of the encounter by their reference (P1, P2, ...)."""

    def __init__(self, extra: Sequence[PersonEntry] = (), parent: QWidget | None = None) -> None:
        super().__init__(placeholder=True, parent=parent)
        #: Choices offered before the people (e.g. the vehicle as a search target).
        self.extra = list(extra)
        self._people: list[PersonEntry] = []

    def set_people(self, people: Sequence[PersonEntry]) -> None:
        """Offer these people; a chosen person who was removed stays chosen, shown raw."""
        self._people = list(people)
        entries = [*self.extra, *self._people]
        self.set_values([ref for ref, _ in entries], dict(entries))

    def set_extra(self, extra: Sequence[PersonEntry]) -> None:
        """Change the choices offered before the people (their labels after a language switch)."""
        self.extra = list(extra)
        self.set_people(self._people)


def person_label(ref: str, name: Any, role_label: str) -> str:
    """How a person is named in pickers: ``P1 · Ana López (driver)``."""
    shown = name if isinstance(name, str) and name.strip() else ""
    return f"{ref} · {shown} ({role_label})" if shown else f"{ref} ({role_label})"


_LEAVES = (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
)


def focus_chain(root: QWidget) -> list[QWidget]:
    """The widgets that take focus by Tab under ``root``, in layout order (top to bottom)."""
    out: list[QWidget] = []

    def walk_layout(layout: QLayout) -> None:
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item is None:
                continue
            widget, inner = item.widget(), item.layout()
            if widget is not None:
                walk_widget(widget)
            elif inner is not None:
                walk_layout(inner)

    def walk_widget(widget: QWidget) -> None:
        if isinstance(widget, QScrollArea):
            inside = widget.widget()
            if inside is not None:
                walk_widget(inside)
            return
        if isinstance(widget, _LEAVES):
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                out.append(widget)
            return
        layout = widget.layout()
        if layout is not None:
            walk_layout(layout)

    walk_widget(root)
    return out


def fix_tab_order(root: QWidget) -> None:
    """Make Tab go through ``root``'s fields top to bottom, as laid out.

    Note: ``QWidget.setTabOrder`` moves only the fields, not containers that
    have a focus proxy; Qt 6 treats such a container as a Tab stop where it was
    left, which can make Tab loop. A form that holds such containers should
    override ``focusNextPrevChild`` with :func:`step_focus` instead.
    """
    chain = focus_chain(root)
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)


def step_focus(root: QWidget, forward: bool) -> bool:
    """Move the keyboard focus to the next (or previous) field of ``root`` in layout order.

    For ``focusNextPrevChild``: fields added later (new cards) take their place
    by layout, not by creation, and hidden or disabled fields are skipped.
    Returns False when ``root`` has no field to go to.
    """
    chain = [w for w in focus_chain(root) if w.isVisibleTo(root) and w.isEnabled()]
    if not chain:
        return False
    current = QApplication.focusWidget()
    position = next(
        (
            i
            for i, w in enumerate(chain)
            if current is not None and (w is current or w.isAncestorOf(current))
        ),
        None,
    )
    if position is None:
        target = chain[0] if forward else chain[-1]
    else:
        target = chain[(position + (1 if forward else -1)) % len(chain)]
    reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
    target.setFocus(reason)
    return True
