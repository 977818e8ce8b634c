"""Finding one's way in a long form: the section index, Alt+letter jumps, problem counts.

The index on the left names each section with its shortcut and, after a
check, how many problems it holds; it follows the scrolling. It never takes
the keyboard focus: Alt+letter does the same from anywhere in the form.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QHeaderView,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ui.forms.cards import focus_chain
from ui.forms.section import Section

_PROBLEM = QColor("#b3261e")


class SectionIndex(QTreeWidget):
    """The list of a form's sections; choosing one scrolls there and puts the cursor in it."""

    def __init__(
        self,
        sections: Mapping[str, Section],
        letters: Mapping[str, str],
        scroll_area: QScrollArea,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.sections = dict(sections)
        self.letters = dict(letters)
        self.scroll_area = scroll_area
        self._counts: dict[str, int] = {}
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setFixedWidth(210)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setColumnCount(2)
        self.setStyleSheet("QTreeWidget::item { padding: 6px 2px; }")
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for _ in self.sections:
            item = QTreeWidgetItem(["", ""])
            item.setForeground(1, self.palette().placeholderText())
            self.addTopLevelItem(item)
        self.itemActivated.connect(lambda item, _column: self.jump_to(self._key_at(item)))
        self.itemClicked.connect(lambda item, _column: self.jump_to(self._key_at(item)))
        scroll_area.verticalScrollBar().valueChanged.connect(self._follow)

    def add_shortcuts(self, form: QWidget) -> None:
        """Alt+letter in ``form`` jumps to the section."""
        for key, letter in self.letters.items():
            shortcut = QShortcut(QKeySequence(f"Alt+{letter}"), form)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda key=key: self.jump_to(key))

    def _key_at(self, item: QTreeWidgetItem) -> str:
        return list(self.sections)[self.indexOfTopLevelItem(item)]

    def jump_to(self, key: str) -> None:
        """Scroll to a section and put the cursor in its first field (a button if none)."""
        section = self.sections[key]
        self.scroll_area.verticalScrollBar().setValue(section.y())
        usable = [w for w in focus_chain(section) if w.isVisibleTo(section) and w.isEnabled()]
        fields = [w for w in usable if not isinstance(w, QAbstractButton)]
        targets = fields or usable
        if targets:
            targets[0].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _follow(self, value: int) -> None:
        row = 0
        for index, section in enumerate(self.sections.values()):
            if section.isVisible() and section.y() <= value + 24:
                row = index
        item = self.topLevelItem(row)
        if item is not None:
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)

    def set_counts(self, counts: Mapping[str, int]) -> None:
        """How many problems each section holds (shown in red beside its name)."""
        self._counts = dict(counts)
        self.refresh()

    def refresh(self) -> None:
        """Write each section's name (in the current language), count and shortcut."""
        for row, (key, section) in enumerate(self.sections.items()):
            item = self.topLevelItem(row)
            if item is None:
                continue
            count = self._counts.get(key, 0)
            marker = f"  ({count})" if count else ""
            item.setText(0, f"{section.title_text()}{marker}")
            item.setText(1, f"Alt+{self.letters[key]}")
            item.setForeground(0, _PROBLEM if count else self.palette().text())
            item.setHidden(section.isHidden())  # e.g. no seizure editor in this build
