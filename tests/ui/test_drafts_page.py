"""The Drafts page lists the officer's unfinished drafts, opens them, and discards after asking."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.demo import DEMO_OFFICER
from fieldapp.services.actor import Actor
from fieldapp.services.drafts import Draft
from ui.context import UiContext
from ui.drafts.page import DraftsPage

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")

REFUSED = {"empty": "no_information", "reason": "refused"}


def _make_drafts(ctx: UiContext) -> tuple[Draft, Draft]:
    assert ctx.officer is not None
    actor = ctx.officer.actor

    def make(profile: Any) -> tuple[Draft, Draft]:
        drafts = profile.services.drafts
        stop = drafts.create(
            actor,
            "encounter",
            {
                "people": [{"name": "Ana López"}, {"name": REFUSED}],
                "vehicle": {"plate": "8ABC123"},
            },
        )
        drafts.create(actor, "seizure", {"items": [{}, {}]}, parent_id=stop.id)
        walk = drafts.create(actor, "encounter", {"reason": "Pedestrian lane"})
        # Another officer's draft is not listed.
        drafts.create(Actor("off-0001"), "encounter", {"reason": "not mine"})
        return stop, walk

    return ctx.writer.call(make)


def _rows(page: DraftsPage) -> list[list[str]]:
    table = page.table
    return [
        [table.topLevelItem(r).text(c) for c in range(3)] for r in range(table.topLevelItemCount())
    ]


def _show(ctx: UiContext, qtbot: QtBot) -> DraftsPage:
    page = DraftsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


def test_lists_the_officers_drafts_with_what_they_hold(ctx: UiContext, qtbot: QtBot) -> None:
    stop, walk = _make_drafts(ctx)
    page = _show(ctx, qtbot)
    qtbot.waitUntil(lambda: page.table.topLevelItemCount() == 2)
    rows = _rows(page)
    assert [r[0] for r in rows] == ["Encounter", "Encounter"]
    assert rows[0][2] == "2 people: Ana López, name refused · plate 8ABC123 · 1 seizure"
    assert rows[1][2] == "Pedestrian lane"
    assert all(len(r[1]) >= 8 for r in rows)  # last saved, e.g. 14:02:31
    assert page.table.topLevelItem(0).data(0, Qt.ItemDataRole.UserRole) == stop.id

    with qtbot.waitSignal(ctx.signals.open_draft) as opened:
        page.table.setFocus()
        page.table.setCurrentItem(page.table.topLevelItem(1))
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [walk.id]


def test_discarding_asks_first_and_escape_keeps_the_draft(ctx: UiContext, qtbot: QtBot) -> None:
    _stop, walk = _make_drafts(ctx)
    page = _show(ctx, qtbot)
    qtbot.waitUntil(lambda: page.table.topLevelItemCount() == 2)
    page.table.setFocus()
    page.table.setCurrentItem(page.table.topLevelItem(0))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.confirm.isVisible()
    assert "8ABC123" in page.confirm.question.text()
    assert QApplication.focusWidget() is page.confirm.keep_button  # a stray Enter keeps it
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not page.confirm.isVisible()
    assert len(_unfinished(ctx)) == 4

    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is page.confirm.discard_button
    with qtbot.waitSignal(ctx.signals.drafts_changed, timeout=5000):
        qtbot.keyClick(page.confirm.discard_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.topLevelItemCount() == 1)
    assert _rows(page)[0][2] == "Pedestrian lane"
    remaining = _unfinished(ctx)
    assert [d.id for d in remaining if d.officer_id == DEMO_OFFICER] == [walk.id]  # child too
    assert page.status.text() == "Draft discarded."


def test_an_empty_list_says_so(ctx: UiContext, qtbot: QtBot) -> None:
    page = _show(ctx, qtbot)
    qtbot.waitUntil(page.empty.isVisible)
    assert page.empty.text() == "No unfinished drafts."
    assert not page.open_button.isEnabled() and not page.discard_button.isEnabled()


def _unfinished(ctx: UiContext) -> list[Draft]:
    return ctx.writer.call(lambda p: p.services.drafts.unfinished())
