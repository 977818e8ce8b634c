"""Field names in the officer's language: the corrections picker, problems, the history."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.auth import Authenticator
from fieldapp.demo import DEMO_PASSWORD
from fieldapp.errors import Problem
from fieldapp.models import RECORD_MODELS, Addendum
from ui.context import UiContext
from ui.i18n import Translator
from ui.records.addendum import AddendumDialog
from ui.records.field_names import FieldNames, readable
from ui.records.view import RecordView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _models_in(annotation: object) -> Iterator[type[BaseModel]]:
    """The pydantic models inside a field's type (``list[Person] | NotApplicable``...)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for argument in typing.get_args(annotation):
            yield from _models_in(argument)


def record_field_names() -> set[str]:
    """Every field name of the record models and of the models nested in them."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()
    pending: list[type[BaseModel]] = [*RECORD_MODELS.values(), Addendum]
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            names.add(name)
            pending.extend(_models_in(field.annotation))
    return names


@pytest.fixture
def english_after(ctx: UiContext, qapp: QApplication) -> Iterator[Translator]:
    """A translator; whatever a test switches to, the application is English afterwards."""
    translator = Translator(ctx)
    yield translator
    translator.set_language(qapp, "en", remember=False)


@pytest.fixture
def spanish(ctx: UiContext, qapp: QApplication, english_after: Translator) -> None:
    """The program in Spanish, as an officer who chose Español."""
    assert english_after.set_language(qapp, "es", remember=False) == "es"


def test_the_walk_finds_nested_fields() -> None:
    names = record_field_names()
    # Top level, a list's model, a model inside a union, a model two levels down.
    assert {"people", "date_of_birth", "plate_issuer", "exhibit_number", "denomination"} <= names


def test_every_field_of_the_record_models_has_a_caption() -> None:
    table = FieldNames().table("en")
    missing = sorted(record_field_names() - table.keys())
    assert missing == [], f"add a caption to ui/records/field_names.py for {missing}"


def test_paths_read_as_words_in_english(qapp: QApplication) -> None:
    names = FieldNames()
    assert names.path("people.0.name", "en") == "People #1 › Name"
    assert names.path(("vehicle", "plate_issuer"), "en") == "Vehicle › Plate issued by"
    # A field a newer device added is still readable.
    assert names.path("people.1.favourite_colour", "en") == "People #2 › favourite colour"


def test_paths_read_in_spanish(spanish: None) -> None:
    names = FieldNames()
    assert names.path("people.0.name", "es") == "Personas #1 › Nombre"
    assert names.path("items.2.exhibit_number", "es") == "Objetos #3 › Número de indicio"
    assert names.path("seized_from", "es") == "Asegurado a"


def _finalized_encounter(ctx: UiContext) -> str:
    """A finalized encounter with a vehicle, signed in as its author (who may amend it)."""
    record_id, author = ctx.ui_conn.execute(
        "SELECT id, officer_id FROM records WHERE record_type = 'encounter' "
        "ORDER BY data LIKE '%\"plate_issuer\"%' DESC, rowid LIMIT 1"
    ).fetchone()
    ctx.officer = ctx.writer.call(
        lambda p: Authenticator(p.store).sign_in(str(author), DEMO_PASSWORD)
    )
    return str(record_id)


@pytest.fixture
def addendum_dialog(ctx: UiContext, qtbot: QtBot) -> Callable[[], AddendumDialog]:
    """Open a finalized encounter and press "Add addendum", as the officer would."""
    views: list[RecordView] = []  # qtbot keeps only weak references

    def open_dialog() -> AddendumDialog:
        view = RecordView(ctx, _finalized_encounter(ctx))
        qtbot.addWidget(view)
        views.append(view)
        view.resize(1280, 800)
        view.show()
        qtbot.waitExposed(view)
        qtbot.waitUntil(lambda: view.record is not None and view.addendum_button.isEnabled())
        qtbot.mouseClick(view.addendum_button, Qt.MouseButton.LeftButton)
        dialog = view.findChild(AddendumDialog)
        assert dialog is not None and dialog.isVisible()
        return dialog

    return open_dialog


def test_the_corrections_picker_speaks_spanish(
    spanish: None,
    addendum_dialog: Callable[[], AddendumDialog],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    dialog = addendum_dialog()
    qtbot.mouseClick(dialog.add_correction_button, Qt.MouseButton.LeftButton)
    assert len(dialog.rows) == 1
    picker = dialog.rows[0].field
    shown = [picker.itemText(i) for i in range(picker.count())]
    assert shown
    raw = {readable(name) for name in record_field_names()}
    for text in shown:
        words = [part.split(" #")[0] for part in text.split(" › ")]
        assert not raw.intersection(words), text
    assert "Personas #1 › Nombre" in shown
    assert "Vehículo › Placa" in shown
    # Typing part of a Spanish caption offers the field; Down and Enter choose it.
    editor = picker.lineEdit()
    completer = picker.completer()
    assert editor is not None and completer is not None
    qtbot.keyClicks(editor, "Fecha de nacimiento")
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert completer.currentCompletion() == "Personas #1 › Fecha de nacimiento"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.rows[0].path() == "people.0.date_of_birth"
    assert dialog.rows[0].current.text().startswith("Ahora: ")
    dialog.grab().save(str(tmp_path / "corrections_es.png"))


def test_problems_elsewhere_in_the_record_name_the_field_in_spanish(
    spanish: None, addendum_dialog: Callable[[], AddendumDialog]
) -> None:
    dialog = addendum_dialog()
    problem = Problem(("people", 0, "name"), "text_required", "people[0].name: must not be empty.")
    dialog.show_problems((problem,), about_addendum=False)
    text = dialog.general_problem.text()
    assert text.startswith("Personas #1 › Nombre: ")
    assert "people" not in text
