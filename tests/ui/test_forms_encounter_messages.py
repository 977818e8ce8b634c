"""Problems in the officer's language: every code has an English and a Spanish sentence."""

from __future__ import annotations

import pytest
from encounter_driver import choose, press, show_form, type_into
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from pytestqt.qtbot import QtBot

from fieldapp.errors import Problem
from fieldapp.models import RULE_CODES
from ui.context import UiContext
from ui.messages import MESSAGES, problem_text

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")

STRUCTURE_CODES = {
    "missing",
    "string_type",
    "enum",
    "literal_error",
    "datetime_parsing",
    "decimal_parsing",
    "int_parsing",
    "timezone_aware",
    "extra_forbidden",
    "greater_than_equal",
    "string_pattern_mismatch",
    "unknown_checkpoint",
    "unknown_legal_power",
    "unknown_officer",
    "unknown_unit",
}


@pytest.mark.parametrize("code", sorted(RULE_CODES | STRUCTURE_CODES))
def test_every_code_has_a_sentence_in_both_languages(code: str) -> None:
    problem = Problem(("narrative",), code, "the core's English message")
    english, spanish = problem_text(problem, "en"), problem_text(problem, "es")
    assert english == MESSAGES[code][0] and spanish == MESSAGES[code][1]
    assert english.endswith(".") and spanish.endswith(".")
    assert english != spanish
    assert english[0].isupper() and spanish[0].isupper()


def test_a_code_without_a_sentence_falls_back_to_the_cores_message() -> None:
    problem = Problem(("x",), "brand_new_rule", "something is off with x")
    assert problem_text(problem, "es") == "Something is off with x."


class _Spanish(QTranslator):
    """A translator as a loaded .qm file would be, for one sentence."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if context == "Problem" and source == MESSAGES["narrative_required"][0]:
            return "Redacte la narrativa (traducción del archivo .qm)."
        return None


def test_an_installed_translation_wins_over_the_built_in_spanish(qapp: object) -> None:
    translator = _Spanish()
    QCoreApplication.installTranslator(translator)
    try:
        problem = Problem(("narrative",), "narrative_required", "")
        assert problem_text(problem, "es") == "Redacte la narrativa (traducción del archivo .qm)."
        assert problem_text(problem, "en") == MESSAGES["narrative_required"][0]
        other = Problem(("reason",), "text_required", "")
        assert problem_text(other, "es") == "Este campo no puede quedar vacío."
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_form_speaks_the_officers_language(ctx: UiContext, qtbot: QtBot) -> None:
    ctx.language = "es"
    form = show_form(ctx, qtbot)
    choose(qtbot, form.stop.stop_type, "Pedestrian")
    type_into(qtbot, form.stop.reason, "Revisión de rutina")
    type_into(qtbot, form.stop.grounds, "Selección aleatoria")
    choose(qtbot, form.stop.legal_power, "19")
    choose(qtbot, form.people.cards()[0].role, "ped")
    choose(qtbot, form.result.result, "No")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    error = form.narrative.rows.boxes["narrative"].error
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert error.text() == "Escriba la narrativa: su relato de la revisión."
    ctx.language = "en"
    ctx.signals.language_changed.emit("en")
    assert error.text() == "Write the narrative: your account of the stop."


_WORDS = {
    ("StopSection", "Stop"): "Revisión",
    ("StopSection", "Reason for the stop"): "Motivo de la revisión",
    ("PersonCard", "Name"): "Nombre",
    ("Empty", "Refused"): "Se negó",
    ("EncounterForm", "Finalize (Ctrl+Enter)"): "Finalizar (Ctrl+Intro)",
    ("Card", "Remove"): "Quitar",  # said in the base class, shown by every card
}


class _FewWords(QTranslator):
    """Translates a few of the form's words, as the Spanish .qm file would."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return _WORDS.get((context, source))  # None: not translated, as a .qm says it

    def isEmpty(self) -> bool:
        return False  # Qt announces a language change only for a non-empty translator


def test_switching_language_retranslates_the_open_form(ctx: UiContext, qtbot: QtBot) -> None:
    form = show_form(ctx, qtbot)
    type_into(qtbot, form.stop.reason, "Kept as typed")
    translator = _FewWords()
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: form.stop.heading.text() == "Revisión")
        # The form's own frame follows once its sections are done (next turn of the loop).
        qtbot.waitUntil(lambda: form.finalize_button.text() == "Finalizar (Ctrl+Intro)")
        assert form.stop.rows.label("reason").text() == "Motivo de la revisión"
        assert form.people.cards()[0].rows.label("name").text() == "Nombre"
        assert form.people.cards()[0].name.choice.itemText(2) == "Se negó"
        assert form.people.cards()[0].remove_button.text() == "Quitar"
        first = form.index.topLevelItem(0)
        qtbot.waitUntil(lambda: first is not None and first.text(0) == "Revisión")
        assert form.stop.reason.text() == "Kept as typed"  # nothing typed is touched
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: form.stop.heading.text() == "Stop")
