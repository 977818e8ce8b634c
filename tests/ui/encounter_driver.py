"""Driving the encounter form as an officer does: focus a field, type, Tab, choose with keys.

Shared by the encounter form tests and by ``crash_app.py`` (the process the
crash test kills), so both type the same way.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from ui.context import UiContext
from ui.forms.encounter import EncounterForm


def show_form(ctx: UiContext, qtbot: Any, draft_id: str | None = None) -> EncounterForm:
    """An encounter form, shown, active and (for a draft) loaded."""
    form = EncounterForm(ctx, draft_id)
    qtbot.addWidget(form)
    form.resize(1280, 800)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    qtbot.waitUntil(lambda: form.is_loaded)
    return form


def focus(qtbot: Any, widget: QWidget) -> QWidget:
    """Put the cursor in a field (as a click would) and return what has focus."""
    target = widget.focusProxy() or widget
    target.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(target.hasFocus)
    return target


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key, accents and ñ included.

    ``QTest.keyClicks`` only knows ASCII keys; other characters are sent as
    the key events a keyboard layout with them would produce.
    """
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def type_into(qtbot: Any, widget: QWidget, text: str) -> None:
    """Click into a field and type."""
    type_text(focus(qtbot, widget), text)


def choose(qtbot: Any, combo: QWidget, text: str) -> None:
    """Pick an entry of a combo box by typing the start of its text (Space would open it)."""
    assert " " not in text, "a space opens the combo's list; type a prefix without spaces"
    # Keys typed within the keyboard interval extend the previous search, as for a person
    # who types "Arrest" and at once "Handover"; a person pauses, so wait as long.
    last = _last_typed.get(id(combo))
    if last is not None:
        left = QApplication.keyboardInputInterval() / 1000 - (time.monotonic() - last)
        if left > 0:
            qtbot.wait(int(left * 1000) + 20)
    target = focus(qtbot, combo)
    type_text(target, text)
    _last_typed[id(combo)] = time.monotonic()
    if isinstance(combo, QComboBox) and not _shows(combo, text):
        # As a person who sees the wrong entry: pause, then type it again.
        qtbot.wait(QApplication.keyboardInputInterval() + 50)
        type_text(target, text)
        _last_typed[id(combo)] = time.monotonic()
    if isinstance(combo, QComboBox):
        assert _shows(combo, text), f"typing {text!r} chose {combo.currentText()!r}"


def _shows(combo: QComboBox, text: str) -> bool:
    return combo.currentText().casefold().startswith(text.casefold())


_last_typed: dict[int, float] = {}


def press(
    qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """Press a key where the cursor is."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    QTest.keyClick(widget, key, modifier)


def tab_type(qtbot: Any, text: str) -> QWidget:
    """Tab to the next field and type into it; returns the field."""
    press(qtbot, Qt.Key.Key_Tab)
    widget = QApplication.focusWidget()
    assert widget is not None
    type_text(widget, text)
    return widget
