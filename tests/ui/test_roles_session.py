"""What a role's session offers: an auditor sees no write action; an officer amends their own."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.auth import Authenticator
from fieldapp.demo import DEMO_PASSWORD
from fieldapp.services import queries
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.records.view import RecordView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _sign_in(ctx: UiContext, officer_id: str) -> None:
    ctx.officer = ctx.writer.call(
        lambda p: Authenticator(p.store).sign_in(officer_id, DEMO_PASSWORD)
    )


def _seizure_of(ctx: UiContext, officer_id: str | None = None, *, not_of: str | None = None) -> str:
    sql = "SELECT id FROM records WHERE record_type = 'seizure'"
    params: tuple[str, ...] = ()
    if officer_id is not None:
        sql += " AND officer_id = ?"
        params = (officer_id,)
    if not_of is not None:
        sql += " AND officer_id != ?"
        params = (*params, not_of)
    return str(ctx.ui_conn.execute(sql + " ORDER BY rowid LIMIT 1", params).fetchone()[0])


def _view(ctx: UiContext, qtbot: QtBot, record_id: str) -> RecordView:
    view = RecordView(ctx, record_id)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: ctx.writer.pending == 0)
    return view


def test_an_auditors_session_shows_no_write_action(ctx: UiContext, qtbot: QtBot) -> None:
    _sign_in(ctx, "off-0005")
    assert ctx.officer is not None and ctx.officer.role.value == "auditor"
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert not window.new_button.isVisible()
    assert not window.new_action.isEnabled()
    window.new_action.trigger()  # a shortcut that slipped through opens nothing
    assert window.tabs.count() == 1

    view = _view(ctx, qtbot, _seizure_of(ctx))
    assert not view.addendum_button.isEnabled()
    assert "Auditors" in view.addendum_button.toolTip()
    assert not view.custody_button.isEnabled()
    assert not view.return_button.isEnabled()
    assert view.receipt_button.text() == "&View receipt…"
    # The auditor's read is logged, and shown as such.
    assert [e.officer_id for e in queries.record_access(ctx.ui_conn, view.record_id)] == [
        "off-0005"
    ]
    qtbot.waitUntil(lambda: "Viewed by" in view.viewed_by.text())
    window.close()
    QApplication.processEvents()


def test_an_officer_amends_only_their_own_records(ctx: UiContext, qtbot: QtBot) -> None:
    assert ctx.officer is not None
    # Another officer's seizure (the synthetic data may give the demo officer some too).
    seizure_id = _seizure_of(ctx, not_of=ctx.officer.id)
    author = str(
        ctx.ui_conn.execute(
            "SELECT officer_id FROM records WHERE id = ?", (seizure_id,)
        ).fetchone()[0]
    )
    assert ctx.officer is not None and ctx.officer.id != author
    others = _view(ctx, qtbot, seizure_id)
    assert not others.addendum_button.isEnabled()
    assert "supervisor of its checkpoint" in others.addendum_button.toolTip()
    assert others.custody_button.isEnabled()  # whoever holds the items hands them over

    _sign_in(ctx, author)
    own = _view(ctx, qtbot, seizure_id)
    assert own.addendum_button.isEnabled()
    viewers = {e.officer_id for e in queries.record_access(ctx.ui_conn, seizure_id)}
    assert viewers == {"off-demo", author}
