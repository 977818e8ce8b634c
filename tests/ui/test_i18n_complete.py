"""The Spanish translation is complete, compiled, and what officers see after a live switch.

The file checks (every message translated, placeholders kept, the committed
.qm compiled from the committed .ts, the .ts holding every string of ui/)
catch a forgotten translation before a build; the live check catches what
the files cannot: a string lupdate never saw (no ``self.tr``, wrong context)
or a text set outside ``retranslate()``, which stays English after the switch.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ui.context import UiContext
from ui.forms.autosave import Autosaver
from ui.forms.encounter import EncounterForm
from ui.i18n import Translator
from ui.login import LoginWindow
from ui.main_window import PAGES, MainWindow
from ui.records.view import RecordView
from ui.shift import ShiftDialog

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "fieldapp_es.ts"
QM = TS.with_suffix(".qm")

#: Common English words of the program; Spanish text has (almost) none of them.
_WORDS = """
    the an and or of to for with in on at by from is are was not yet all any none this
    that it its you your record records save saved seizure seizures encounter encounters
    officer officers add added name date time type result search show waiting sign shift
    close open new draft drafts item items person people vehicle choose remove discard keep
    reason checkpoint agency kind plate details narrative review sync settings history event
    author when what where who how count counted sealed seal witness found there here later
    only needs needed give say type typed nothing something last never every each one use
    force stop started ended legal power received released handed over given file quit go
    events custody chain photo photos package packages seals witnessed exhibit exhibits
    addendum addenda transfer return property receipt people persons records changes
"""
ENGLISH = frozenset(_WORDS.split())


def _english_words(text: str) -> list[str]:
    """The common English words of ``text``; paths, codes and accented names are not words."""
    words = (w.strip(".,;:!?()[]\"'“”‘’…·—–-").lower() for w in text.split())
    return [w for w in words if w in ENGLISH]


def looks_english(text: str) -> bool:
    """Whether ``text`` reads as English: at least two common English words."""
    return len(_english_words(text)) >= 2


# -- the files ----------------------------------------------------------------------------


def _messages() -> Iterator[tuple[str, ElementTree.Element]]:
    root = ElementTree.parse(TS).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            yield name, message


def _translations(message: ElementTree.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def test_every_message_is_translated() -> None:
    unfinished = []
    count = 0
    for context, message in _messages():
        count += 1
        translation = message.find("translation")
        assert translation is not None
        texts = _translations(message)
        if translation.get("type") == "unfinished" or not all(t.strip() for t in texts):
            unfinished.append(f"{context}: {message.findtext('source')!r}")
    assert count > 500, "the .ts file lost its messages"
    assert not unfinished, "untranslated:\n" + "\n".join(unfinished)


def test_placeholders_and_mnemonics_survive() -> None:
    broken = []
    for context, message in _messages():
        source = message.findtext("source") or ""
        wanted = sorted(set(re.findall(r"%[1-9n]|\{\w*\}", source)))
        ampersands = len(re.findall(r"&(?!&)", source))
        for text in _translations(message):
            missing = [p for p in wanted if p not in text]
            if missing:
                broken.append(f"{context}: {source!r} -> {text!r} lacks {missing}")
            if len(re.findall(r"&(?!&)", text)) != ampersands:
                broken.append(f"{context}: {source!r} -> {text!r} changes the mnemonic")
    assert not broken, "\n".join(broken)


def _qt_tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else name


def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fieldapp_es.qm"
    subprocess.run(
        [_qt_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == QM.read_bytes(), (
        "fieldapp_es.qm is older than fieldapp_es.ts: run scripts/translations.py"
    )


def test_the_ts_holds_every_string_of_the_program() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, (
        "ui/ has strings the .ts lacks: run scripts/translations.py and translate them\n"
        + done.stderr
    )


# -- the live switch ----------------------------------------------------------------------


def _plain(text: str) -> str:
    """A widget text as read: without tags, entities or mnemonic markers."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"&(?!&)", "", text).strip()


def _texts(obj: QObject) -> Iterator[tuple[str, str]]:
    """(what, text) of every piece of interface text ``obj`` shows itself."""
    if isinstance(obj, QWidget):
        yield "tooltip", obj.toolTip()
        if obj.isWindow():
            yield "title", obj.windowTitle()
        for action in obj.actions():
            yield "action", action.text()
            yield "action tooltip", action.toolTip()
    if isinstance(obj, QAction):
        yield "action", obj.text()
    if isinstance(obj, QLabel):
        yield "label", obj.text()
    if isinstance(obj, QAbstractButton):
        yield "button", obj.text()
    if isinstance(obj, QGroupBox):
        yield "group", obj.title()
    if isinstance(obj, QMenu):
        yield "menu", obj.title()
    if isinstance(obj, QTabWidget):
        for i in range(obj.count()):
            yield f"tab {i}", obj.tabText(i)
    if isinstance(obj, (QLineEdit, QPlainTextEdit, QTextEdit)):
        yield "placeholder", obj.placeholderText()
    if isinstance(obj, QComboBox):
        for i in range(obj.count()):
            yield f"choice {i}", obj.itemText(i)
        if obj.lineEdit() is not None:
            yield "placeholder", obj.lineEdit().placeholderText()
        yield "placeholder", obj.placeholderText()
    if isinstance(obj, QListWidget):
        for i in range(obj.count()):
            yield f"entry {i}", obj.item(i).text()
    if isinstance(obj, QTreeWidget):
        for i in range(obj.topLevelItemCount()):
            yield f"entry {i}", obj.topLevelItem(i).text(0)
    if isinstance(obj, (QTableView, QTreeView)) and obj.model() is not None:
        model = obj.model()
        for column in range(model.columnCount(QModelIndex())):
            header = model.headerData(column, Qt.Orientation.Horizontal)
            if isinstance(header, str):
                yield f"column {column}", header


def _snapshot(roots: list[QWidget]) -> dict[tuple[int, str], tuple[QObject, str, str]]:
    """Every interface text under ``roots``, by object and place."""
    found: dict[tuple[int, str], tuple[QObject, str, str]] = {}
    for root in roots:
        objects: list[QObject] = [root, *root.findChildren(QObject)]
        for obj in objects:
            for what, text in _texts(obj):
                if text:
                    found[(id(obj), what)] = (obj, what, _plain(text))
    return found


def _describe(obj: QObject) -> str:
    parents = []
    walk: QObject | None = obj
    while walk is not None and len(parents) < 4:
        parents.append(walk.objectName() or type(walk).__name__)
        walk = walk.parent()
    return " < ".join(parents)


def _record_ids(ctx: UiContext) -> list[str]:
    """An encounter with a seizure, and the seizure, from the fixture's records."""
    row = ctx.ui_conn.execute(
        "SELECT parent_id, id FROM records WHERE record_type = 'seizure' ORDER BY rowid LIMIT 1"
    ).fetchone()
    return [str(row[0]), str(row[1])]


def _data_strings(value: Any) -> Iterator[str]:
    """Every string typed into a record (data, not interface: it stays as typed)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _data_strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _data_strings(inner)


@pytest.fixture
def translator(ctx: UiContext, qapp: QApplication) -> Iterator[Translator]:
    """A translator; the application is English again after the test, whatever happens."""
    translator = Translator(ctx)
    yield translator
    translator.set_language(qapp, "en", remember=False)
    assert Translator.installed(qapp) == "en"


def _click_add_buttons(root: QWidget, qtbot: QtBot, done: set[int]) -> None:
    for button in root.findChildren(QAbstractButton):
        text = button.text().replace("&", "")
        if text.startswith("Add ") and button.isEnabled() and id(button) not in done:
            done.add(id(button))
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _fill_form(form: EncounterForm, qtbot: QtBot) -> None:
    """Open every kind of entry the form has (a seizure too), so that their cards are checked."""
    done: set[int] = {id(form.seizures.add_button)}
    _click_add_buttons(form, qtbot, done)
    for box in form.findChildren(QAbstractButton):
        if box.isCheckable() and not box.isChecked() and box.text():
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.seizures.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.seizures.editor is not None, timeout=5000)
    editor = form.seizures.editor
    qtbot.waitUntil(lambda: len(editor.editors()) == 1, timeout=5000)
    done.update(id(b) for b in form.findChildren(QAbstractButton) if "seizure" in b.text())
    _click_add_buttons(form, qtbot, done)
    _settle(form, qtbot)


def _settle(form: QWidget, qtbot: QtBot) -> None:
    """Wait for the form's drafts to be saved, then stop saving (the writer ends with the test)."""
    savers = form.findChildren(Autosaver)
    qtbot.waitUntil(lambda: all(not s.saving and not s.dirty for s in savers), timeout=5000)
    for saver in savers:
        saver.stop()


def test_spanish_shows_no_english_after_a_live_switch(
    ctx: UiContext, qtbot: QtBot, qapp: QApplication, translator: Translator
) -> None:
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    for key in PAGES:
        main.select_page(key)
    main.select_page("encounters")
    form = EncounterForm(ctx)
    qtbot.addWidget(form)
    form.resize(1280, 800)
    form.show()
    _fill_form(form, qtbot)
    views = []
    data: set[str] = set()
    for record_id in _record_ids(ctx):
        view = RecordView(ctx, record_id)
        qtbot.addWidget(view)
        view.resize(1280, 800)
        view.show()
        views.append(view)
        assert view.record is not None
        data.update(_data_strings(view.record.current))
    login = LoginWindow(ctx)
    qtbot.addWidget(login)
    shift = ShiftDialog(ctx)
    qtbot.addWidget(shift)
    roots: list[QWidget] = [main, form, *views, login, shift]
    qtbot.waitUntil(lambda: main.status.waiting_label.text().startswith("Events waiting for HQ"))
    english = _snapshot(roots)
    documents = {id(view): view.document.toPlainText() for view in views}
    assert any(looks_english(text) for _obj, _what, text in english.values())

    translator.set_language(qapp, "es", remember=False)
    # Qt posts LanguageChange to every widget; deliver them all, then let the
    # retranslations some widgets defer to a 0 ms timer run.
    QCoreApplication.sendPostedEvents()
    qtbot.wait(10)
    qtbot.waitUntil(lambda: main.nav.item(0).text() == "Encuentros")
    qtbot.waitUntil(lambda: main.status.waiting_label.text().startswith("Eventos en espera"))
    spanish = _snapshot(roots)

    unchanged = sorted(
        f"{_describe(obj)} [{what}]: {text!r}"
        for key, (obj, what, text) in spanish.items()
        if key in english and english[key][2] == text and looks_english(text)
    )
    for view in views:
        before = set(documents[id(view)].splitlines())
        for line in view.document.toPlainText().splitlines():
            typed = any(value and value in line for value in data if len(value) > 3)
            if line in before and looks_english(line) and not typed:
                unchanged.append(f"{_describe(view)} [document]: {line!r}")
    print("\n".join(unchanged))
    assert not unchanged, "still English after switching to Spanish:\n" + "\n".join(unchanged)
    # The files are Spanish, not just different: a few words officers will look for.
    shown = " ".join(text for _obj, _what, text in spanish.values())
    for word in ("Encuentros", "Aseguramientos", "Borradores", "Narrativa", "Iniciar sesión"):
        assert word in shown

    translator.set_language(qapp, "en", remember=False)
    qtbot.waitUntil(lambda: main.nav.item(0).text() == "Encounters")
    assert login.sign_in_button.text() == "Sign in"
