"""Driving the seizure editor as an officer does: keys in the item table, typing, choosing.

Shared by the seizure editor's tests (``test_forms_seizure*.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QScrollArea, QWidget

from ui.context import UiContext
from ui.forms.items import COLUMNS, ItemsEditor
from ui.forms.seizure import SeizureEditor, SeizureSection


def encounter_draft(ctx: UiContext, data: dict[str, Any] | None = None) -> str:
    """A new encounter draft (made through the services, on the writer thread); its id."""
    assert ctx.officer is not None
    actor = ctx.officer.actor
    draft = ctx.writer.call(lambda p: p.services.drafts.create(actor, "encounter", data or {}))
    return draft.id


def show_section(ctx: UiContext, qtbot: Any, encounter_id: str) -> SeizureSection:
    """The seizure section of an encounter, in a scrolling window, shown, active and loaded."""
    section = SeizureSection(ctx, encounter_id)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(section)
    qtbot.addWidget(area, before_close_func=lambda _w: settle(qtbot, section))
    # qtbot holds widgets weakly: keep the window alive for the test's length.
    kept = getattr(qtbot, "seizure_windows", [])
    kept.append(area)
    qtbot.seizure_windows = kept
    area.resize(1280, 800)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    qtbot.waitUntil(lambda: section.loaded)
    return section


def settle(qtbot: Any, section: SeizureSection) -> None:
    """At a test's end, before its window closes: save what is pending, stop autosaving.

    A closed window is deleted only later; an autosave timer left running
    would fire in the next test, on a writer already shut down.
    """
    if not shiboken6.isValid(section):
        return
    editors = section.editors()
    for editor in editors:
        editor.flush()
    qtbot.waitUntil(lambda: not any(e.pending for e in editors), timeout=5000)
    for editor in editors:
        editor.saver.stop()


def add_seizure(qtbot: Any, section: SeizureSection) -> SeizureEditor:
    """Press "Add seizure" and wait until its draft exists."""
    before = len(section.editors())
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    assert len(section.editors()) == before + 1
    editor = section.editors()[-1]
    qtbot.waitUntil(lambda: editor.draft_id is not None and not editor.pending)
    return editor


def stored(ctx: UiContext, draft_id: str) -> dict[str, Any]:
    """A draft's data as the store holds it now."""
    return ctx.writer.call(lambda p: p.services.drafts.get(draft_id)).data


def wait_saved(qtbot: Any, editor: SeizureEditor) -> None:
    """Wait for the autosave after the last change."""
    qtbot.waitUntil(lambda: not editor.pending, timeout=5000)


def focus(qtbot: Any, widget: QWidget) -> QWidget:
    """Put the cursor in a field (as a click would) and return what has focus."""
    target = widget.focusProxy() or widget
    target.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(target.hasFocus)
    return target


def type_into(qtbot: Any, widget: QWidget, text: str) -> None:
    """Click into a field and type."""
    QTest.keyClicks(focus(qtbot, widget), text)


def choose(qtbot: Any, combo: QComboBox, value: str | None) -> None:
    """Pick the entry whose code is ``value`` with the arrow keys, as a person would."""
    focus(qtbot, combo)
    wanted = combo.findData(value)
    assert wanted >= 0, f"{value!r} is not offered"
    while combo.currentIndex() != wanted:
        key = Qt.Key.Key_Down if combo.currentIndex() < wanted else Qt.Key.Key_Up
        QTest.keyClick(combo, key)


def focused() -> QWidget:
    """The widget with the keyboard focus."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key where the cursor is."""
    QTest.keyClick(focused(), key, modifier)


def new_item(qtbot: Any, items: ItemsEditor, category: str, keys: str = "Insert") -> int:
    """Add a line with the keyboard and pick its category by typing its name; returns the row."""
    focus(qtbot, items.table)
    if keys == "Insert":
        QTest.keyClick(items.table, Qt.Key.Key_Insert)
    else:
        QTest.keyClick(
            items.table,
            Qt.Key.Key_N,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    row = len(items.model.items) - 1
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    QTest.keyClicks(focused(), category)
    return row


def fill_cells(qtbot: Any, items: ItemsEditor, values: list[str]) -> None:
    """Tab from the category cell through the next cells, typing each value; Enter at the end."""
    for value in values:
        press(Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not items.table)
        QTest.keyClicks(focused(), value)
    finish_editing(qtbot, items)


def finish_editing(qtbot: Any, items: ItemsEditor) -> None:
    """Press Enter in a cell editor and let the table close it (Qt does that a moment later)."""
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: items.table.state() != QAbstractItemView.State.EditingState)


def edit_cell(qtbot: Any, items: ItemsEditor, row: int, column: str, text: str) -> None:
    """Select a cell, press F2, replace its text and press Enter."""
    index = items.model.index(row, COLUMNS.index(column))
    focus(qtbot, items.table)
    items.table.setCurrentIndex(index)
    QTest.keyClick(items.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not items.table)
    editor = focused()
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, text)
    finish_editing(qtbot, items)


def choose_category(qtbot: Any, items: ItemsEditor, row: int, code: str) -> None:
    """Open the category cell's editor with F2 and pick a category with the arrow keys."""
    index = items.model.index(row, COLUMNS.index("category"))
    focus(qtbot, items.table)
    items.table.setCurrentIndex(index)
    QTest.keyClick(items.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    combo = focused()
    assert isinstance(combo, QComboBox)
    choose(qtbot, combo, code)
    finish_editing(qtbot, items)


def make_png(path: Path, colour: str = "#c0392b") -> Path:
    """A real PNG, 400x300, as a phone's photo stands in for here."""
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return path


def add_drug(qtbot: Any, items: ItemsEditor) -> None:
    """Item 1: cocaine, typed cell by cell, then its gross weight and field test below."""
    row = new_item(qtbot, items, "Cocaine")
    # category -> description -> quantity -> unit ("pkg · package") -> condition
    fill_cells(qtbot, items, ["12 bundles wrapped in tape", "12", "pkg", "intact"])
    assert items.current_row() == row
    detail = items.detail
    type_into(qtbot, detail.gross_amount, "13.250")
    choose(qtbot, detail.gross_unit, "kg")
    choose(qtbot, detail.test_result, "positive")
    type_into(qtbot, detail.test_kit, "NIK U")


def add_currency(qtbot: Any, items: ItemsEditor) -> None:
    """Item 2: U.S. dollars counted by denomination (two USD lines, one MXN line)."""
    new_item(qtbot, items, "Currency", keys="Ctrl+Shift+N")
    fill_cells(qtbot, items, ["Bundled notes in a shoe box"])
    counter = items.detail.counter
    first = counter.lines()[0]
    type_into(qtbot, first.denomination, "100")
    press(Qt.Key.Key_Return)  # on to "how many"
    QTest.keyClicks(first.count, "10")
    press(Qt.Key.Key_Return)  # a new line
    second = counter.lines()[1]
    assert second.denomination.hasFocus()
    QTest.keyClicks(second.denomination, "50")
    press(Qt.Key.Key_Return)
    QTest.keyClicks(second.count, "5")
    press(Qt.Key.Key_Return)
    third = counter.lines()[2]
    choose(qtbot, third.currency, "MXN")
    type_into(qtbot, third.denomination, "500")
    type_into(qtbot, third.count, "1")
    choose(qtbot, counter.witnessed_by, "off-0002")
