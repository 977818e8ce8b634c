"""Autosave: a moment after typing, on close, through a full disk, without overwriting others."""

from __future__ import annotations

from typing import Any

import pytest
from encounter_driver import press, show_form, type_into
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.demo import DEMO_OFFICER
from fieldapp.errors import DiskFull
from fieldapp.services.drafts import Draft
from ui.context import UiContext
from ui.forms.encounter import EncounterForm

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


def _drafts(ctx: UiContext) -> list[Draft]:
    return ctx.writer.call(lambda p: p.services.drafts.unfinished(DEMO_OFFICER))


def _stored_reason(ctx: UiContext) -> str | None:
    drafts = [d for d in _drafts(ctx) if d.record_type == "encounter"]
    return drafts[0].data.get("reason") if drafts else None


def _saved(form: EncounterForm) -> bool:
    return form.indicator.text().startswith("Saved ")


def test_typing_is_saved_a_moment_after_the_last_key(ctx: UiContext, qtbot: QtBot) -> None:
    form = show_form(ctx, qtbot)
    assert _drafts(ctx) == []  # an untouched form makes no draft
    saves: list[Draft] = []
    form.saver.saved.connect(saves.append)
    type_into(qtbot, form.stop.reason, "Nervous driver, ")
    assert form.indicator.text() == "Not saved yet"
    qtbot.waitUntil(lambda: _stored_reason(ctx) == "Nervous driver,", timeout=5000)
    qtbot.waitUntil(lambda: _saved(form))
    assert len(saves) == 1  # one save for the whole burst of typing
    type_into(qtbot, form.stop.reason, "avoided eye contact")
    qtbot.waitUntil(
        lambda: _stored_reason(ctx) == "Nervous driver, avoided eye contact", timeout=5000
    )
    qtbot.waitUntil(lambda: len(saves) == 2)
    assert saves[-1].revision == 2  # the revision returned is the one sent next time
    assert form.saver.revision == 2
    drafts = _drafts(ctx)
    assert [d.id for d in drafts] == [form.draft_id]


def test_closing_saves_what_was_not_saved_yet(ctx: UiContext, qtbot: QtBot) -> None:
    form = show_form(ctx, qtbot)
    type_into(qtbot, form.narrative.text, "Typed just before closing")
    with qtbot.waitSignal(form.closed):
        press(qtbot, Qt.Key.Key_Escape)  # well before the autosave delay
    qtbot.waitUntil(lambda: bool(_drafts(ctx)), timeout=5000)
    assert _drafts(ctx)[0].data["narrative"] == "Typed just before closing"


def test_a_full_disk_loses_nothing_and_the_next_change_retries(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = show_form(ctx, qtbot)
    type_into(qtbot, form.stop.reason, "First words")
    qtbot.waitUntil(lambda: _stored_reason(ctx) == "First words", timeout=5000)
    qtbot.waitUntil(lambda: _saved(form))
    drafts = ctx.writer.profile.services.drafts
    real_save = drafts.save
    failures: list[str] = []

    def full_disk(*args: Any, **kwargs: Any) -> Draft:
        if not failures:
            failures.append("once")
            raise DiskFull("The disk is full; nothing was saved. Free some space.")
        return real_save(*args, **kwargs)

    monkeypatch.setattr(drafts, "save", full_disk)
    type_into(qtbot, form.stop.reason, " and more")
    qtbot.waitUntil(lambda: "disk is full" in form.indicator.text(), timeout=5000)
    assert form.stop.reason.text() == "First words and more"  # still on screen
    assert _stored_reason(ctx) == "First words"
    type_into(qtbot, form.stop.reason, "!")
    qtbot.waitUntil(lambda: _stored_reason(ctx) == "First words and more!", timeout=5000)
    qtbot.waitUntil(lambda: _saved(form))


def test_a_draft_saved_elsewhere_is_not_overwritten(ctx: UiContext, qtbot: QtBot) -> None:
    form = show_form(ctx, qtbot)
    type_into(qtbot, form.stop.reason, "Mine")
    qtbot.waitUntil(lambda: _stored_reason(ctx) == "Mine", timeout=5000)
    qtbot.waitUntil(lambda: _saved(form))
    draft_id = form.draft_id
    assert draft_id is not None
    assert ctx.officer is not None
    actor = ctx.officer.actor
    ctx.writer.call(
        lambda p: p.services.drafts.save(draft_id, {"reason": "Other window"}, actor=actor)
    )
    type_into(qtbot, form.stop.reason, " and more")
    qtbot.waitUntil(lambda: "another window" in form.indicator.text(), timeout=5000)
    assert form.stop.reason.text() == "Mine and more"  # the local text is kept
    assert _stored_reason(ctx) == "Other window"  # and nothing was overwritten
    type_into(qtbot, form.stop.grounds, "still typing")
    qtbot.wait(1000)
    assert _stored_reason(ctx) == "Other window"
    assert "another window" in form.indicator.text()


def test_ctrl_s_saves_at_once(ctx: UiContext, qtbot: QtBot) -> None:
    form = show_form(ctx, qtbot)
    type_into(qtbot, form.stop.grounds, "Alert on the plate")
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.indicator.text() == "Saving…"
    qtbot.waitUntil(lambda: _saved(form), timeout=700)  # sooner than the autosave delay
    assert _drafts(ctx)[0].data["grounds"] == "Alert on the plate"
