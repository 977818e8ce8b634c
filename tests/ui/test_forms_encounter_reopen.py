"""Reopening a draft shows every field as it was saved, and saves it back unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from encounter_driver import choose, focus, press, show_form, type_into
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp.synthetic import Generator
from ui.context import UiContext
from ui.forms.encounter import EncounterForm

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")


def _press_button(qtbot: QtBot, button: Any) -> None:
    focus(qtbot, button)
    press(qtbot, Qt.Key.Key_Space)


def _fill(qtbot: QtBot, form: EncounterForm) -> None:
    choose(qtbot, form.stop.stop_type, "Vehicle")
    type_into(qtbot, form.stop.reason, "K-9 alert")
    type_into(qtbot, form.stop.grounds, "Dog alerted on the trunk")
    choose(qtbot, form.stop.legal_power, "19")
    assert form.stop.ended_at.choice is not None
    choose(qtbot, form.stop.ended_at.choice, "—")  # the end time is given, not unknown
    type_into(qtbot, form.stop.landmark, "Secondary, bay 4")
    _press_button(qtbot, form.stop.partners.add_button)
    partner = form.stop.partners.cards()[0]
    choose(qtbot, partner.agency, "HSI")  # type: ignore[attr-defined]
    type_into(qtbot, form.vehicle.fields["plate"], "7xyz001")
    choose(qtbot, form.vehicle.fields["colour"].choice, "U")
    person = form.people.cards()[0]
    choose(qtbot, person.role, "D")
    type_into(qtbot, person.name, "Jesús Ortiz")
    choose(qtbot, person.document, "Shown")
    choose(qtbot, person.doc_type, "Passport")
    type_into(qtbot, person.doc_number, "G1234567")
    choose(qtbot, person.doc_issuer.choice, "U")
    type_into(qtbot, person.language, "es")
    _press_button(qtbot, person.interpreter)
    _press_button(qtbot, form.people.list.add_button)
    second = form.people.cards()[1]
    choose(qtbot, second.role, "P")
    choose(qtbot, second.name.choice, "R")
    type_into(qtbot, second.date_of_birth, "2011-02-03")
    _press_button(qtbot, form.actions_taken.searches.add_button)
    search = form.actions_taken.searches.cards()[0]
    choose(qtbot, search.picker, "The")  # type: ignore[attr-defined]
    type_into(qtbot, search.basis, "Border search authority")  # type: ignore[attr-defined]
    _press_button(qtbot, form.actions_taken.force.add_button)
    force = form.actions_taken.force.cards()[0]
    choose(qtbot, force.picker, "P1")  # type: ignore[attr-defined]
    choose(qtbot, force.force_type, "Physical")  # type: ignore[attr-defined]
    type_into(qtbot, force.reason, "Pulled away during the search")  # type: ignore[attr-defined]
    _press_button(qtbot, form.protection.list.add_button)
    flag = form.protection.cards()[0]
    choose(qtbot, flag.picker, "P2")
    choose(qtbot, flag.kind, "Injury")
    choose(qtbot, flag.medical, "Medical")
    type_into(qtbot, flag.details, "Cut on the hand")
    choose(qtbot, form.result.result, "Arrest")
    _press_button(qtbot, form.result.detentions.add_button)
    detention = form.result.cards()[0]
    choose(qtbot, detention.picker, "P1")
    choose(qtbot, detention.detention_type, "In")
    type_into(qtbot, detention.authority, "HSI")
    choose(qtbot, detention.route.choice, "U")
    _press_button(qtbot, form.result.also_handed_over)
    choose(qtbot, form.result.handover_agency, "HSI")
    type_into(qtbot, form.result.received_by_name, "SA Brooks")
    type_into(qtbot, form.result.clips, "AXON-1, AXON-2")
    type_into(qtbot, form.narrative.text, "Dog alert; bundles in the trunk.")


def test_reopening_a_draft_restores_every_field(ctx: UiContext, qtbot: QtBot) -> None:
    form = show_form(ctx, qtbot)
    _fill(qtbot, form)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.indicator.text().startswith("Saved "), timeout=5000)
    typed = form.data()
    draft_id = form.draft_id
    assert draft_id is not None
    with qtbot.waitSignal(form.closed):
        press(qtbot, Qt.Key.Key_Escape)

    again = show_form(ctx, qtbot, draft_id)
    assert again.data() == typed
    assert again.windowTitle() == "Encounter draft"
    assert again.vehicle.involved.isChecked()
    assert again.vehicle.fields["plate"].edit.text() == "7XYZ001"
    assert again.vehicle.fields["colour"].choice.currentText() == "Unknown"
    second = again.people.cards()[1]
    assert second.name.choice.currentText() == "Refused"
    assert second.age_range.currentText() == "12 to 17"  # worked out from the date of birth
    assert again.people.cards()[0].doc_number.text() == "G1234567"
    assert again.protection.cards()[0].medical.isVisibleTo(again)
    assert again.result.cards()[0].authority.text() == "HSI"
    assert again.result.handover_agency.isVisibleTo(again)
    assert again.narrative.text.toPlainText() == "Dog alert; bundles in the trunk."
    assert again.stop.landmark.text() == "Secondary, bay 4"
    # Nothing changed: opening a draft does not save it again.
    qtbot.wait(1000)
    assert (
        again.saver.revision == ctx.writer.call(lambda p: p.services.drafts.get(draft_id)).revision
    )


def _varied_encounters(ctx: UiContext) -> list[dict[str, Any]]:
    """A few generated encounters that between them use every part of the form."""
    generator = Generator(ctx.reference, seed=11)
    wanted = {
        "vehicle": lambda e: "plate" in e["vehicle"],
        "handover": lambda e: "agency" in e["handover"],
        "arrest_with_handover": lambda e: e["detentions"] and "agency" in e["handover"],
        "contact": lambda e: any("consent_given" in d["contact_notified"] for d in e["detentions"]),
        "force": lambda e: e["actions"]["use_of_force"],
        "restraint": lambda e: e["actions"]["restraints"],
        "flag": lambda e: e["protection_flags"],
        "partners": lambda e: e["partner_agencies"],
        "mexican": lambda e: e["checkpoint"].startswith("MX-"),
    }
    found: dict[str, dict[str, Any]] = {}
    for index in range(400):
        encounter, _ = generator.encounter_bundle(index)
        for name, test in wanted.items():
            if name not in found and test(encounter):
                found[name] = encounter
        if len(found) == len(wanted):
            break
    assert len(found) == len(wanted)
    unique = {e["id"]: e for e in found.values()}
    return [
        {k: v for k, v in e.items() if k not in ("id", "reference_number", "officer_id")}
        for e in unique.values()
    ]


def test_drafts_of_every_shape_come_back_unchanged(ctx: UiContext, qtbot: QtBot) -> None:
    assert ctx.officer is not None
    actor = ctx.officer.actor
    for data in _varied_encounters(ctx):
        draft = ctx.writer.call(
            lambda p, data=data: p.services.drafts.create(actor, "encounter", data)
        )
        form = EncounterForm(ctx, draft.id)
        qtbot.addWidget(form)
        qtbot.waitUntil(lambda form=form: form.is_loaded, timeout=5000)
        shown = form.data()
        assert shown.pop("officer_id") == ctx.officer.id
        assert shown == data
        form.close()
