"""The records list as an officer uses it: search as you type, filters, sort, Enter opens."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from pytestqt.qtbot import QtBot

from fieldapp.services import Actor, Role, queries
from fieldapp.services.queries import RecordFilter
from ui.context import UiContext
from ui.records.filters import Period
from ui.records.model import Column
from ui.records.page import RecordsPage

# Qt's offscreen platform warns when a shown window's layout sets its size limits.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def page(ctx: UiContext, qtbot: QtBot) -> Iterator[RecordsPage]:
    """The records page, shown at a laptop's size, its first list loaded."""
    widget = RecordsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitActive(widget)
    qtbot.waitUntil(lambda: not widget.model.busy)
    yield widget


def _ids(page: RecordsPage) -> list[str | None]:
    return [page.model.record_id(r) for r in range(page.model.rowCount())]


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def test_shows_every_record_and_the_count(page: RecordsPage, ctx: UiContext) -> None:
    total = queries.count_records(ctx.ui_conn)
    assert page.model.rowCount() == total
    assert page.count_label.text() == f"{total} records"
    assert _ids(page) == [r.id for r in queries.list_records(ctx.ui_conn, limit=1000)]


def test_clicking_a_header_sorts_by_that_column(
    page: RecordsPage, ctx: UiContext, qtbot: QtBot
) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.REFERENCE) + header.sectionSize(Column.REFERENCE) // 2
    with qtbot.waitSignal(page.model.reloaded):
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )
    by_reference = queries.list_ids(ctx.ui_conn, RecordFilter(), "reference", descending=False)
    assert [page.model.rowid_at(r) for r in range(page.model.rowCount())] == by_reference
    with qtbot.waitSignal(page.model.reloaded):
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )
    assert [page.model.rowid_at(r) for r in range(page.model.rowCount())] == by_reference[::-1]
    # A column without a sort key keeps the sort and its arrow.
    flags = header.sectionViewportPosition(Column.FLAGS) + 5
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(flags, header.height() // 2)
    )
    assert header.sortIndicatorSection() == Column.REFERENCE
    assert not page.model.busy


def _a_surname(ctx: UiContext) -> str:
    """An ASCII surname from the profile (QTest.keyClicks aborts on non-ASCII characters)."""
    rows = ctx.ui_conn.execute(
        "SELECT data FROM records WHERE record_type = 'encounter' ORDER BY rowid"
    ).fetchall()
    for (data,) in rows:
        for person in json.loads(data)["people"]:
            name = person["name"]
            if not isinstance(name, str) or len(name.split()) < 2:
                continue
            surname = name.split()[-1]
            if len(surname) > 4 and surname.isascii() and surname.isalpha():
                return surname
    raise AssertionError("no named person in the fixture")


def test_typing_in_search_narrows_and_escape_restores(
    page: RecordsPage, ctx: UiContext, qtbot: QtBot
) -> None:
    total = page.model.rowCount()
    surname = _a_surname(ctx)
    page.search.setFocus()
    with qtbot.waitSignal(page.model.reloaded, timeout=5000):
        qtbot.keyClicks(page.search, surname)
    qtbot.waitUntil(lambda: page.model.filter.text == surname and not page.model.busy)
    found = page.model.rowCount()
    assert 0 < found < total
    assert found == queries.count_records(ctx.ui_conn, RecordFilter(text=surname))
    assert page.count_label.text() in (f"{found} records", "1 record")
    for row in range(found):
        record = queries.get_record(ctx.ui_conn, str(page.model.record_id(row)))
        text = _plain(json.dumps(record.current, ensure_ascii=False))
        assert _plain(surname) in text
    with qtbot.waitSignal(page.model.reloaded):
        qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == ""
    assert page.model.rowCount() == total


def test_one_letter_is_not_a_search(page: RecordsPage, qtbot: QtBot) -> None:
    total = page.model.rowCount()
    qtbot.keyClicks(page.search, "a")
    qtbot.waitUntil(lambda: page.model.filter.text == "a" and not page.model.busy)
    assert page.model.rowCount() == total


def test_ctrl_f_focuses_the_search_and_down_goes_to_the_list(
    page: RecordsPage, qtbot: QtBot
) -> None:
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.search.hasFocus)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.waitUntil(page.table.hasFocus)
    assert page.table.currentIndex().row() == 0


def test_checkpoint_filter(page: RecordsPage, ctx: UiContext, qtbot: QtBot) -> None:
    checkpoint, count = ctx.ui_conn.execute(
        "SELECT checkpoint, count(*) FROM records GROUP BY checkpoint ORDER BY 2 DESC LIMIT 1"
    ).fetchone()
    with qtbot.waitSignal(page.model.reloaded):
        page.filters.checkpoint.setCurrentIndex(page.filters.checkpoint.findData(checkpoint))
    assert page.model.rowCount() == count
    assert {page.model.data(page.model.index(r, Column.CHECKPOINT)) for r in range(count)} == {
        checkpoint
    }
    with qtbot.waitSignal(page.model.reloaded):
        qtbot.mouseClick(page.filters.clear_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == queries.count_records(ctx.ui_conn)


def test_has_seizure_filter(page: RecordsPage, ctx: UiContext, qtbot: QtBot) -> None:
    for index, wanted in ((1, True), (2, False)):
        with qtbot.waitSignal(page.model.reloaded):
            page.filters.seizure.setCurrentIndex(index)
        rows = [page.model.record_row(r) for r in range(page.model.rowCount())]
        assert rows
        assert all(r is not None and r.has_seizure is wanted for r in rows)
        expected = queries.count_records(ctx.ui_conn, RecordFilter(has_seizure=wanted))
        assert len(rows) == expected


def test_date_range_filter(page: RecordsPage, ctx: UiContext, qtbot: QtBot) -> None:
    rows = queries.list_records(ctx.ui_conn, limit=1000)
    middle = dt.datetime.fromisoformat(rows[len(rows) // 2].occurred_at).astimezone()
    first = middle.date() - dt.timedelta(days=10)
    last = middle.date()
    with qtbot.waitSignal(page.model.reloaded):
        page.filters.period.setCurrentIndex(Period.BETWEEN)
    assert page.filters.since.isVisible()
    page.filters.since.setDate(QDate(first.year, first.month, first.day))
    page.filters.until.setDate(QDate(last.year, last.month, last.day))
    wanted = page.filters.date_range()
    qtbot.waitUntil(
        lambda: (page.model.filter.since, page.model.filter.until) == wanted and not page.model.busy
    )
    start = dt.datetime.combine(first, dt.time()).astimezone()
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time()).astimezone()
    inside = [r.id for r in rows if start <= dt.datetime.fromisoformat(r.occurred_at) < end]
    assert inside and len(inside) < len(rows)
    assert _ids(page) == inside


def test_type_and_result_filters(page: RecordsPage, ctx: UiContext, qtbot: QtBot) -> None:
    kinds = [page.filters.kind.itemData(i) for i in range(page.filters.kind.count())]
    with qtbot.waitSignal(page.model.reloaded):
        page.filters.kind.setCurrentIndex(kinds.index((("seizure",), None)))
    assert {
        page.model.data(page.model.index(r, Column.TYPE)) for r in range(page.model.rowCount())
    } == {"Seizure"}
    with qtbot.waitSignal(page.model.reloaded):
        page.filters.kind.setCurrentIndex(0)
    results = [page.filters.result.itemData(i) for i in range(page.filters.result.count())]
    with qtbot.waitSignal(page.model.reloaded):
        page.filters.result.setCurrentIndex(results.index(("encounter", "no_action")))
    assert page.model.rowCount() == queries.count_records(
        ctx.ui_conn, RecordFilter(result="no_action")
    )


def test_enter_on_a_row_opens_that_record(page: RecordsPage, ctx: UiContext, qtbot: QtBot) -> None:
    page.table.setFocus()
    page.table.selectRow(3)
    with qtbot.waitSignal(ctx.signals.open_record) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [page.model.record_id(3)]


def test_refresh_on_change_keeps_the_selection(
    page: RecordsPage, ctx: UiContext, qtbot: QtBot
) -> None:
    page.table.selectRow(5)
    chosen = page.selected_record_id()
    assert chosen is not None
    # Officers amend their own records: act as the one who wrote it.
    author = ctx.ui_conn.execute("SELECT officer_id FROM records WHERE id = ?", (chosen,))
    actor = Actor(str(author.fetchone()[0]), Role.OFFICER)
    ctx.writer.call(
        lambda p: p.services.amendments.add_addendum(
            chosen, actor, reason="Late information", text="Second witness statement."
        )
    )
    with qtbot.waitSignal(page.model.reloaded):
        ctx.signals.records_changed.emit([chosen])
    assert page.selected_record_id() == chosen
    row = page.table.currentIndex().row()
    assert page.model.data(page.model.index(row, Column.ADDENDA)) == "1"


def test_closing_the_page_while_a_search_runs(ctx: UiContext, qtbot: QtBot) -> None:
    widget = RecordsPage(ctx)
    widget.model.set_filter(RecordFilter(text="lane"))
    widget.deleteLater()
    qtbot.waitUntil(lambda: ctx.readers.pending == 0)
    assert ctx.readers.pending == 0


def test_spanish_names_in_the_filters(page: RecordsPage, ctx: UiContext) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    checkpoint = ctx.reference.checkpoints[0]
    combo = page.filters.checkpoint
    index = combo.findData(checkpoint.code)
    assert checkpoint.name in combo.itemText(index)
    ctx.language = "es"
    QCoreApplication.sendEvent(page.filters, QEvent(QEvent.Type.LanguageChange))
    assert checkpoint.name_es in combo.itemText(index)
