"""The records table model: Qt's model contract, order, stale answers dropped, 5,000 records."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fieldapp.errors import StoreError
from fieldapp.profile import Profile
from fieldapp.seeding import seed_records
from fieldapp.services import queries
from fieldapp.services.queries import RecordFilter, RecordRow
from ui.context import UiContext
from ui.records.model import NEEDS_REVIEW_MARK, WAITING_MARK, Column, RecordsTableModel


def _loaded(qtbot: QtBot, model: RecordsTableModel) -> RecordsTableModel:
    qtbot.waitUntil(lambda: not model.busy, timeout=10_000)
    return model


@pytest.fixture
def model(ctx: UiContext, qtbot: QtBot) -> Iterator[RecordsTableModel]:
    """A model over the fixture profile's encounters and seizures, loaded."""
    made = RecordsTableModel(ctx)
    yield _loaded(qtbot, made)


def _cells(model: RecordsTableModel, column: Column) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_model_passes_qt_model_checks(
    ctx: UiContext, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    model = RecordsTableModel(ctx, load=False)
    qtmodeltester.check(model)
    model.refresh()
    _loaded(qtbot, model)
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    model.set_filter(RecordFilter(record_types=("seizure",)))
    _loaded(qtbot, model)
    qtmodeltester.check(model)


def test_lists_every_record_of_the_profile_newest_first(
    model: RecordsTableModel, ctx: UiContext
) -> None:
    expected = queries.list_records(ctx.ui_conn, RecordFilter(), limit=1000)
    assert model.rowCount() == len(expected) == queries.count_records(ctx.ui_conn)
    assert _cells(model, Column.REFERENCE) == [r.reference for r in expected]
    assert [model.record_id(r) for r in range(model.rowCount())] == [r.id for r in expected]
    assert model.rowCount(model.index(0, 0)) == 0
    kinds = set(_cells(model, Column.TYPE))
    assert kinds == {"Encounter", "Seizure"}
    # Every record of the fixture is still waiting for HQ.
    assert set(_cells(model, Column.FLAGS)) == {WAITING_MARK}


def test_cells_are_translated_words_and_local_times(
    model: RecordsTableModel, ctx: UiContext
) -> None:
    rows = queries.list_records(ctx.ui_conn, RecordFilter(), limit=1000)
    seizure = next(i for i, r in enumerate(rows) if r.record_type == "seizure")
    summary = model.data(model.index(seizure, Column.SUMMARY))
    assert "item" in summary and "_" not in summary
    stops = {model.data(model.index(i, Column.CATEGORY)) for i, r in enumerate(rows)}
    assert not any("_" in s for s in stops)
    tip = model.data(model.index(0, Column.WHEN), Qt.ItemDataRole.ToolTipRole)
    assert "UTC" in tip
    assert model.data(model.index(0, Column.WHEN)) != ""


def test_sorting_by_a_column_reorders(
    model: RecordsTableModel, ctx: UiContext, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(model.reloaded):
        model.sort(Column.REFERENCE, Qt.SortOrder.AscendingOrder)
    references = _cells(model, Column.REFERENCE)
    assert references == sorted(references)
    with qtbot.waitSignal(model.reloaded):
        model.sort(Column.REFERENCE, Qt.SortOrder.DescendingOrder)
    assert _cells(model, Column.REFERENCE) == sorted(references, reverse=True)
    # Columns without a sort key leave the order alone.
    model.sort(Column.FLAGS, Qt.SortOrder.AscendingOrder)
    assert not model.busy
    assert model.sort_column == Column.REFERENCE


def test_an_older_answer_arriving_last_is_dropped(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _loaded(qtbot, RecordsTableModel(ctx))
    release = threading.Event()
    real = queries.list_ids

    def slow_for_seizures(conn: Any, flt: RecordFilter, *args: Any) -> list[int]:
        if flt.record_types == ("seizure",):
            release.wait(10)
        return real(conn, flt, *args)

    monkeypatch.setattr(queries, "list_ids", slow_for_seizures)
    model.set_filter(RecordFilter(record_types=("seizure",)))
    with qtbot.waitSignal(model.reloaded):
        model.set_filter(RecordFilter(record_types=("encounter",)))
    encounters = model.rowCount()
    release.set()
    qtbot.waitUntil(lambda: ctx.readers.pending == 0)
    assert model.rowCount() == encounters
    assert set(_cells(model, Column.TYPE)) == {"Encounter"}
    assert model.filter.record_types == ("encounter",)


def test_a_row_that_vanished_shows_empty(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = queries.list_ids
    monkeypatch.setattr(queries, "list_ids", lambda *a: [987_654_321, *real(*a)])
    model = _loaded(qtbot, RecordsTableModel(ctx))
    assert model.data(model.index(0, Column.REFERENCE)) == ""
    assert model.data(model.index(0, Column.WHEN), Qt.ItemDataRole.ToolTipRole) is None
    assert model.record_id(0) is None
    assert model.record_id(1) is not None
    assert model.data(QModelIndex()) is None


def test_a_failed_query_is_a_sentence_not_a_crash(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _loaded(qtbot, RecordsTableModel(ctx))
    before = model.rowCount()

    def fail(*args: Any) -> list[int]:
        raise StoreError("The records cannot be read: the disk is not answering.")

    monkeypatch.setattr(queries, "list_ids", fail)
    with qtbot.waitSignal(model.failed) as failed:
        model.set_filter(RecordFilter(record_types=("seizure",)))
    assert failed.args == ["The records cannot be read: the disk is not answering."]
    assert model.rowCount() == before
    assert not model.busy


def test_review_flag_shown(ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    real = queries.rows_for

    def flagged(conn: Any, rowids: list[int]) -> dict[int, RecordRow]:
        return {k: dataclasses.replace(r, needs_review=True) for k, r in real(conn, rowids).items()}

    monkeypatch.setattr(queries, "rows_for", flagged)
    model = _loaded(qtbot, RecordsTableModel(ctx))
    assert model.data(model.index(0, Column.FLAGS)) == NEEDS_REVIEW_MARK + WAITING_MARK
    tip = model.data(model.index(0, Column.FLAGS), Qt.ItemDataRole.ToolTipRole)
    assert "review" in tip and "HQ" in tip


@pytest.fixture
def big_profile(ui_profile: Profile) -> Profile:
    """The fixture profile grown past 5,000 records."""
    conn = ui_profile.store.conn
    while (have := queries.count_records(conn)) < 5_000:
        # About 1.4 records per encounter (a third have seizures).
        seed_records(ui_profile, max(100, int((5_000 - have) / 1.4)))
    return ui_profile


def test_the_last_of_5000_rows_after_a_scroll(
    big_profile: Profile, ctx: UiContext, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QTableView

    model = _loaded(qtbot, RecordsTableModel(ctx))
    total = queries.count_records(ctx.ui_conn)
    assert model.rowCount() == total >= 5_000
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToBottom()
    last = total - 1
    qtbot.waitUntil(lambda: view.rowAt(view.viewport().height() - 2) == last)
    oldest = queries.list_records(ctx.ui_conn, limit=1, offset=last)[0]
    assert model.data(model.index(last, Column.REFERENCE)) == oldest.reference
    assert model.record_id(last) == oldest.id
    # Only pages around what was shown were read, not all 5,000 rows.
    assert len(model._lines) < 1_000
