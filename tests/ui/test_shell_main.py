"""The main window: Ctrl+1..6 navigation, form and record tabs, recovery, closing the shift.

The pages, forms and dialogs that other modules provide are replaced by small
stand-ins here, so these tests check what the main window asks of them (which
records a page lists, which draft a form opens) without depending on them.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.errors import KnownError
from fieldapp.profile import Profile
from fieldapp.services import queries
from ui.context import UiContext
from ui.main_window import PAGES, MainWindow
from ui.settings_page import SettingsPage
from ui.sync_page import SyncPage

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")

KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6]


class _Page(QWidget):
    """Stands in for RecordsPage and DraftsPage; remembers what it was asked to list."""

    def __init__(
        self,
        ctx: UiContext,
        record_types: tuple[str, ...] | None = ("encounter", "seizure"),
        needs_review: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.record_types = record_types
        self.needs_review = needs_review
        self.search = QLineEdit(self)
        QVBoxLayout(self).addWidget(self.search)


class _Form(QWidget):
    """Stands in for EncounterForm: saves on close, may refuse to close."""

    finalized = Signal(list)
    closed = Signal()
    saved: ClassVar[list[str | None]] = []

    def __init__(self, ctx: UiContext, draft_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft_id = draft_id
        self.refuse = False
        self.field = QLineEdit(self)
        QVBoxLayout(self).addWidget(self.field)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.refuse:
            event.ignore()
            return
        _Form.saved.append(self.draft_id)
        event.accept()


class _RecordView(QWidget):
    def __init__(self, ctx: UiContext, record_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record_id = record_id


class _Recovery:
    """Stands in for RecoveryDialog: the officer picks the first draft."""

    offered: ClassVar[list[Any]] = []

    def __init__(self, ctx: UiContext, drafts: list[Any], parent: QWidget | None = None) -> None:
        _Recovery.offered = list(drafts)
        self.chosen = [drafts[0].id]

    def exec(self) -> int:
        return 1

    def deleteLater(self) -> None:
        pass


def _module(name: str, **attrs: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for key, value in attrs.items():
        setattr(module, key, value)
    return module


@pytest.fixture
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace the modules other people write with the stand-ins above."""
    _Form.saved = []
    for package in ("ui.records", "ui.drafts", "ui.forms"):
        if package not in sys.modules:
            monkeypatch.setitem(sys.modules, package, _module(package))
    monkeypatch.setitem(sys.modules, "ui.records.page", _module("p", RecordsPage=_Page))
    monkeypatch.setitem(sys.modules, "ui.drafts.page", _module("d", DraftsPage=_Page))
    monkeypatch.setitem(sys.modules, "ui.forms.encounter", _module("f", EncounterForm=_Form))
    monkeypatch.setitem(sys.modules, "ui.records.view", _module("v", RecordView=_RecordView))
    monkeypatch.setitem(sys.modules, "ui.drafts.recovery", _module("r", RecoveryDialog=_Recovery))


@pytest.fixture
def main(ctx: UiContext, qtbot: QtBot, stand_ins: None) -> Iterator[MainWindow]:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    yield window
    window.tabs.close_all()


def _ctrl(qtbot: QtBot, window: QWidget, key: Qt.Key) -> None:
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_1_to_6_show_the_right_page(main: MainWindow, qtbot: QtBot) -> None:
    for key, page in zip(KEYS, PAGES, strict=True):
        _ctrl(qtbot, main, key)
        assert main.current_page() == page
        widget = main.page_widgets[page]
        assert main.pages.currentWidget() is widget
        assert main.tabs.currentIndex() == 0
        assert main.tabs.tabText(0) == main.nav.currentItem().text()
    pages = main.page_widgets
    assert isinstance(pages["encounters"], _Page)
    assert pages["encounters"].record_types == ("encounter",)
    assert pages["seizures"].record_types == ("seizure",)  # type: ignore[attr-defined]
    assert pages["review"].record_types is None  # type: ignore[attr-defined]
    assert pages["review"].needs_review  # type: ignore[attr-defined]
    assert not pages["encounters"].needs_review
    assert isinstance(pages["drafts"], _Page)
    assert isinstance(pages["sync"], SyncPage)
    assert isinstance(pages["settings"], SettingsPage)
    assert [main.nav.item(i).text() for i in range(6)] == [
        "Encounters",
        "Seizures",
        "Drafts",
        "Review",
        "Sync",
        "Settings",
    ]
    # The keyboard lands in the page, ready to type.
    _ctrl(qtbot, main, Qt.Key.Key_2)
    assert QApplication.focusWidget() is pages["seizures"].search  # type: ignore[attr-defined]


def test_a_page_whose_module_is_missing_is_a_note(
    ctx: UiContext, qtbot: QtBot, stand_ins: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ui.drafts.page", None)  # import fails
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    page = window.select_page("drafts")
    assert page.text() == "The Drafts page is not available in this build."  # type: ignore[attr-defined]


def test_new_encounter_opens_a_form_and_finalizing_opens_the_record(
    main: MainWindow, ctx: UiContext, qtbot: QtBot
) -> None:
    _ctrl(qtbot, main, Qt.Key.Key_N)
    assert main.tabs.count() == 2
    assert main.tabs.currentIndex() == 1
    assert main.tabs.tabText(1) == "New encounter"
    form = main.tabs.widget(1)
    assert isinstance(form, _Form)
    assert QApplication.focusWidget() is form.field

    record = queries.list_records(ctx.ui_conn, queries.RecordFilter(("encounter",)), limit=1)[0]
    form.finalized.emit([record.id])
    assert main.tabs.count() == 2
    view = main.tabs.widget(1)
    assert isinstance(view, _RecordView)
    assert view.record_id == record.id
    qtbot.waitUntil(lambda: main.tabs.tabText(1) == record.reference)

    # Ctrl+1 goes back to the list without closing the record.
    _ctrl(qtbot, main, Qt.Key.Key_1)
    assert main.tabs.currentIndex() == 0
    assert main.tabs.count() == 2


def test_a_record_is_opened_once(main: MainWindow, ctx: UiContext) -> None:
    rows = queries.list_records(ctx.ui_conn, queries.RecordFilter(("encounter",)), limit=2)
    ctx.signals.open_record.emit(rows[0].id)
    ctx.signals.open_record.emit(rows[1].id)
    ctx.signals.open_record.emit(rows[0].id)
    assert main.tabs.count() == 3
    assert main.tabs.currentWidget().record_id == rows[0].id  # type: ignore[attr-defined]


def test_ctrl_w_closes_a_form_which_saves_or_refuses(main: MainWindow, qtbot: QtBot) -> None:
    _ctrl(qtbot, main, Qt.Key.Key_N)
    form = main.tabs.widget(1)
    assert isinstance(form, _Form)
    form.refuse = True
    _ctrl(qtbot, main, Qt.Key.Key_W)
    assert main.tabs.count() == 2  # the form said no: its tab stays
    form.refuse = False
    _ctrl(qtbot, main, Qt.Key.Key_W)
    assert main.tabs.count() == 1
    assert _Form.saved == [None]


def test_a_form_that_closes_itself_leaves(main: MainWindow, qtbot: QtBot) -> None:
    main.new_button.click()
    form = main.tabs.widget(1)
    assert isinstance(form, _Form)
    form.closed.emit()
    assert main.tabs.count() == 1


def _drafts(ctx: UiContext) -> tuple[str, str]:
    assert ctx.officer is not None
    actor = ctx.officer.actor

    def make(profile: Profile) -> tuple[str, str]:
        drafts = profile.services.drafts
        encounter = drafts.create(actor, "encounter", {"reference_number": "DRAFT-1"})
        seizure = drafts.create(actor, "seizure", parent_id=encounter.id)
        return encounter.id, seizure.id

    return ctx.writer.call(make)


def test_a_seizure_draft_opens_the_encounter_it_belongs_to(
    main: MainWindow, ctx: UiContext, qtbot: QtBot
) -> None:
    encounter_id, seizure_id = _drafts(ctx)
    ctx.signals.open_draft.emit(seizure_id)
    qtbot.waitUntil(lambda: main.tabs.count() == 2)
    form = main.tabs.widget(1)
    assert isinstance(form, _Form)
    assert form.draft_id == encounter_id
    assert main.tabs.tabText(1) == "DRAFT-1"
    ctx.signals.open_draft.emit(encounter_id)
    assert main.tabs.count() == 2


def test_unfinished_drafts_are_offered_and_the_chosen_open(
    main: MainWindow, ctx: UiContext, qtbot: QtBot
) -> None:
    encounter_id, seizure_id = _drafts(ctx)
    main.tabs.offer_recovery()
    qtbot.waitUntil(lambda: main.tabs.count() == 2)
    assert [d.id for d in _Recovery.offered] == [encounter_id, seizure_id]
    form = main.tabs.widget(1)
    assert isinstance(form, _Form)
    assert form.draft_id == encounter_id


def test_closing_the_shift_asks_then_leaves(main: MainWindow, ctx: UiContext, qtbot: QtBot) -> None:
    assert ctx.shift is not None
    shift_id = ctx.shift.id
    main.close_shift()
    box = main.confirm_box
    assert isinstance(box, QMessageBox)
    qtbot.waitExposed(box)
    assert "San Ysidro" in box.text()
    box.reject()  # Escape: nothing happens
    assert ctx.shift is not None
    assert main.isVisible()

    main.tabs.open_form(None)
    main.close_shift()
    box = main.confirm_box
    assert box is not None
    qtbot.waitExposed(box)
    with qtbot.waitSignal(main.left) as blocker:
        qtbot.keyClick(box, Qt.Key.Key_Return)  # the default button closes the shift
    assert blocker.args == ["shift_closed"]
    assert ctx.shift is None
    assert _Form.saved == [None]  # the open form was closed (and saved) first
    closed_at = ctx.ui_conn.execute(
        "SELECT closed_at FROM shifts WHERE id = ?", (shift_id,)
    ).fetchone()[0]
    assert closed_at is not None


def test_sign_out_leaves_with_the_shift_open(
    main: MainWindow, ctx: UiContext, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(main.left) as blocker:
        main.sign_out_action.trigger()
    assert blocker.args == ["sign_out"]
    assert ctx.shift is not None


def test_failed_background_work_is_a_sentence_in_the_status_bar(
    main: MainWindow, ctx: UiContext, qtbot: QtBot
) -> None:
    def disk_full(profile: Profile) -> None:
        raise KnownError("The disk is full; nothing more can be saved.")

    ctx.writer.submit(disk_full)
    qtbot.waitUntil(lambda: bool(main.status.currentMessage()))
    assert main.status.currentMessage() == "The disk is full; nothing more can be saved."

    def bug(profile: Profile) -> None:
        raise RuntimeError("boom")

    ctx.writer.submit(bug)
    qtbot.waitUntil(lambda: "RuntimeError" in main.status.currentMessage())
    assert "What was saved before stays saved" in main.status.currentMessage()
