"""Switching the language live: every screen of the shell in Spanish and back, remembered."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui import i18n
from ui.context import UiContext
from ui.i18n import Translator, saved_language
from ui.login import LoginWindow
from ui.main_window import MainWindow
from ui.settings_page import SettingsPage
from ui.shift import ShiftDialog

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


@pytest.fixture
def english_after(ctx: UiContext, qapp: QApplication) -> Iterator[Translator]:
    """A translator; whatever a test switches to, the application is English afterwards."""
    translator = Translator(ctx)
    yield translator
    translator.set_language(qapp, "en", remember=False)
    assert Translator.installed(qapp) == "en"


def test_spanish_changes_the_shell_live_and_back(
    ctx: UiContext, qtbot: QtBot, english_after: Translator
) -> None:
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    settings = main.select_page("settings")
    assert isinstance(settings, SettingsPage)
    login = LoginWindow(ctx)
    qtbot.addWidget(login)
    shift = ShiftDialog(ctx)
    qtbot.addWidget(shift)
    assert main.nav.item(0).text() == "Encounters"
    assert "San Ysidro Port of Entry" in main.status.officer_label.text()

    # The officer picks Español on the settings page with the keyboard.
    settings.language_combo.setFocus()
    with qtbot.waitSignal(ctx.signals.language_changed) as blocker:
        qtbot.keyClick(settings.language_combo, Qt.Key.Key_Down)
    assert blocker.args == ["es"]
    assert ctx.language == "es"
    qtbot.waitUntil(lambda: main.nav.item(0).text() == "Encuentros")
    assert [main.nav.item(i).text() for i in range(6)] == [
        "Encuentros",
        "Aseguramientos",
        "Borradores",
        "Revisión",
        "Sincronización",
        "Configuración",
    ]
    assert main.tabs.tabText(0) == "Configuración"
    assert main.new_button.text().startswith("Nuevo encuentro")
    assert main.file_menu.title() == "&Archivo"
    assert settings.language_label.text() == "&Idioma"
    assert main.status.saving_label.text() in ("Guardando…", "Todos los cambios guardados")
    qtbot.waitUntil(lambda: main.status.waiting_label.text().startswith("Eventos en espera"))
    # Reference data follows the language too.
    assert "Puerto de entrada de San Ysidro" in main.status.officer_label.text()
    assert login.sign_in_button.text() == "Iniciar sesión"
    assert login.password_label.text() == "&Contraseña"
    assert shift.open_button.text() == "&Abrir turno"
    assert any(
        "Puerto de entrada de San Ysidro" in shift.checkpoint_combo.itemText(i)
        for i in range(shift.checkpoint_combo.count())
    )
    # Remembered on the profile.
    qtbot.waitUntil(lambda: saved_language(ctx.ui_conn) == "es")

    with qtbot.waitSignal(ctx.signals.language_changed):
        qtbot.keyClick(settings.language_combo, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: main.nav.item(0).text() == "Encounters")
    assert settings.language_label.text() == "&Language"
    assert login.sign_in_button.text() == "Sign in"
    assert shift.open_button.text() == "&Open shift"
    assert "San Ysidro Port of Entry" in main.status.officer_label.text()
    qtbot.waitUntil(lambda: saved_language(ctx.ui_conn) == "en")


def test_the_remembered_language_is_restored(
    ctx: UiContext, qtbot: QtBot, qapp: QApplication, english_after: Translator
) -> None:
    english_after.set_language(qapp, "es")
    english_after.set_language(qapp, "en", remember=False)
    qtbot.waitUntil(lambda: saved_language(ctx.ui_conn) == "es")
    assert english_after.restore(qapp) == "es"
    assert Translator.installed(qapp) == "es"
    assert ctx.language == "es"


def test_a_missing_translation_file_leaves_english(
    ctx: UiContext,
    qtbot: QtBot,
    qapp: QApplication,
    english_after: Translator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(i18n, "qm_path", lambda lang: tmp_path / f"fieldapp_{lang}.qm")
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    with caplog.at_level(logging.WARNING, logger="ui.i18n"):
        assert page.set_language("es") == "en"
    assert "no translation file" in caplog.text
    assert ctx.language == "en"
    assert Translator.installed(qapp) == "en"
    assert page.language_combo.currentText() == "English"
    assert page.heading.text() == "Settings"


def test_the_compiled_translation_ships_with_the_program() -> None:
    path = i18n.qm_path("es")
    assert path is not None
    assert path.is_file()
    assert path.with_suffix(".ts").is_file()


#: The contexts (classes) of the program's shell: every string of theirs has a translation.
SHELL_CONTEXTS = {
    "DemoProgress",
    "LoginWindow",
    "MainWindow",
    "SettingsPage",
    "ShiftDialog",
    "StatusBar",
    "SyncPage",
    "WorkTabs",
    "_Unavailable",
}


def test_every_string_of_the_shell_is_translated_to_spanish() -> None:
    path = i18n.qm_path("es")
    assert path is not None
    root = ElementTree.parse(path.with_suffix(".ts")).getroot()
    seen = set()
    for context in root.iter("context"):
        name = context.findtext("name")
        if name not in SHELL_CONTEXTS:
            continue
        seen.add(name)
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            source = message.findtext("source")
            assert translation.get("type") is None, f"{name}: {source!r} is not translated"
            assert translation.text, f"{name}: {source!r} is empty"
    assert seen == SHELL_CONTEXTS
