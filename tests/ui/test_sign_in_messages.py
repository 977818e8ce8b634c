"""Why a sign-in or an unlock failed, said in the officer's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp import keys
from fieldapp.auth import MAX_FAILURES, SignInFailed
from fieldapp.demo import DEMO_OFFICER, create_demo_profile
from fieldapp.keys import UnlockFailed
from ui.context import UiContext
from ui.i18n import Translator
from ui.login import LoginWindow
from ui.sign_in_messages import SignInMessages
from ui.unlock import UnlockDialog

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


@pytest.fixture
def english_after(ctx: UiContext, qapp: QApplication) -> Iterator[Translator]:
    """A translator; whatever a test switches to, the application is English afterwards."""
    translator = Translator(ctx)
    yield translator
    translator.set_language(qapp, "en", remember=False)


@pytest.fixture
def spanish(qapp: QApplication, english_after: Translator) -> None:
    """The program in Spanish."""
    assert english_after.set_language(qapp, "es", remember=False) == "es"


@pytest.fixture
def encrypted_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An encrypted demo profile (cheap key derivation, for speed)."""
    monkeypatch.setattr(keys, "DEFAULT_PARAMS", keys.KdfParams(1, 1024, 1))
    data_dir = tmp_path / "encrypted"
    create_demo_profile(data_dir, records=2, encrypt=True).close()
    return data_dir


CASES = [
    (
        SignInFailed(
            "Unknown officer id or wrong password (3 attempt(s) left before a lockout).",
            attempts_left=3,
        ),
        "Identificador de agente desconocido o contraseña incorrecta "
        "(queda(n) 3 intento(s) antes del bloqueo).",
    ),
    (
        SignInFailed("Unknown officer id or wrong password."),
        "Identificador de agente desconocido o contraseña incorrecta.",
    ),
    (
        SignInFailed("off-0101 is not an active officer on this device any more.", inactive=True),
        "off-0101 ya no es un agente activo en este equipo.",
    ),
    (
        UnlockFailed(
            "off-0101 has not signed in on this device yet, so the encrypted "
            "profile cannot be opened with that account. An officer who has signed in "
            "here before must unlock it first; then sign in at the locked screen.",
            no_entry_for="off-0101",
        ),
        "off-0101 todavía no ha iniciado sesión en este equipo, así que el perfil cifrado no "
        "se puede abrir con esa cuenta. Un agente que ya haya iniciado sesión aquí debe "
        "desbloquearlo primero; después inicie sesión en la pantalla bloqueada.",
    ),
    (
        UnlockFailed("Unknown officer id or wrong password."),
        "Identificador de agente desconocido o contraseña incorrecta.",
    ),
]


@pytest.mark.parametrize(("error", "spanish_text"), CASES)
def test_english_sentences_are_the_cores(
    qapp: QApplication, error: SignInFailed | UnlockFailed, spanish_text: str
) -> None:
    assert SignInMessages().failure(error, "off-0101") == error.message


@pytest.mark.parametrize(("error", "spanish_text"), CASES)
def test_every_failure_has_a_spanish_sentence(
    spanish: None, error: SignInFailed | UnlockFailed, spanish_text: str
) -> None:
    assert SignInMessages().failure(error, "off-0101") == spanish_text


def test_a_lockout_in_spanish_says_until_when(spanish: None) -> None:
    until = dt.datetime(2026, 11, 28, 14, 5, tzinfo=dt.UTC)
    text = SignInMessages().failure(SignInFailed("locked", locked_until=until), "off-0101")
    assert text.startswith("Demasiadas contraseñas incorrectas: off-0101 queda bloqueado")
    assert until.astimezone().strftime("%H:%M") in text


def test_wrong_password_at_the_sign_in_window_in_spanish(
    ctx: UiContext, spanish: None, qtbot: QtBot
) -> None:
    login = LoginWindow(ctx)
    qtbot.addWidget(login)
    login.show()
    qtbot.waitExposed(login)
    qtbot.waitUntil(login.sign_in_button.isEnabled)
    qtbot.keyClicks(login.officer_edit, DEMO_OFFICER)
    qtbot.keyClicks(login.password_edit, "not-the-password")
    login.sign_in_button.click()
    qtbot.waitUntil(login.message.isVisible, timeout=5000)
    assert login.message.text() == (
        "Identificador de agente desconocido o contraseña incorrecta "
        f"(queda(n) {MAX_FAILURES - 1} intento(s) antes del bloqueo)."
    )


def test_wrong_password_at_the_unlock_window_in_spanish(
    spanish: None, encrypted_dir: Path, qtbot: QtBot
) -> None:
    dialog = UnlockDialog(encrypted_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.officer_edit, DEMO_OFFICER)
    qtbot.keyClicks(dialog.password_edit, "wrong")
    dialog.unlock_button.click()
    qtbot.waitUntil(dialog.message.isVisible, timeout=10_000)
    assert dialog.message.text() == (
        "Identificador de agente desconocido o contraseña incorrecta "
        "(queda(n) 4 intento(s) antes del bloqueo)."
    )
    assert dialog.result_pair is None


def test_the_sign_in_message_follows_a_language_switch(
    ctx: UiContext, qapp: QApplication, english_after: Translator, qtbot: QtBot
) -> None:
    login = LoginWindow(ctx)
    qtbot.addWidget(login)
    login.show()
    qtbot.waitExposed(login)
    qtbot.waitUntil(login.sign_in_button.isEnabled)
    qtbot.keyClicks(login.officer_edit, DEMO_OFFICER)
    qtbot.keyClicks(login.password_edit, "not-the-password")
    login.sign_in_button.click()
    qtbot.waitUntil(login.message.isVisible, timeout=5000)
    assert login.message.text().startswith("Unknown officer id or wrong password (")
    english_after.set_language(qapp, "es", remember=False)
    qtbot.waitUntil(lambda: login.message.text().startswith("Identificador de agente"))
