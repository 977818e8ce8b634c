"""The encounter form, driven by keyboard as an officer does: fill, finalize, see problems."""

from __future__ import annotations

import pytest
from encounter_driver import choose, focus, press, show_form, tab_type, type_into
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.demo import DEMO_OFFICER
from fieldapp.services import queries
from ui.context import UiContext
from ui.forms.encounter import EncounterForm
from ui.forms.protection import FlagCard

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")

REFUSED = {"empty": "no_information", "reason": "refused"}


def _count(ctx: UiContext) -> int:
    return queries.count_records(ctx.ui_conn)


def _add(qtbot: QtBot, button: QWidget) -> None:
    focus(qtbot, button)
    press(qtbot, Qt.Key.Key_Space)


def _add_minor_flag(qtbot: QtBot, form: EncounterForm) -> FlagCard:
    _add(qtbot, form.protection.list.add_button)
    flag = form.protection.cards()[-1]
    choose(qtbot, flag.picker, "P2")
    choose(qtbot, flag.kind, "Minor,")
    type_into(qtbot, flag.details, "Travelling with an aunt, no consent letter")
    return flag


def _fill_vehicle_stop(qtbot: QtBot, form: EncounterForm) -> None:
    """A vehicle stop with two people, the second refusing their name and a minor."""
    assert QApplication.focusWidget() is form.stop.stop_type  # the form starts here
    QApplication.focusWidget()
    choose(qtbot, form.stop.stop_type, "Vehicle")
    assert form.vehicle.involved.isChecked()  # a vehicle stop shows the vehicle section
    type_into(qtbot, form.stop.reason, "Plate alert at primary")
    assert tab_type(qtbot, "Occupants gave conflicting accounts") is form.stop.grounds
    choose(qtbot, form.stop.legal_power, "19")
    vehicle = form.vehicle.fields
    type_into(qtbot, vehicle["plate"], "8abc123")
    type_into(qtbot, vehicle["plate_issuer"], "us-ca")
    type_into(qtbot, vehicle["make"], "Toyota")
    type_into(qtbot, vehicle["model"], "Tacoma")
    type_into(qtbot, vehicle["colour"], "Grey")
    choose(qtbot, vehicle["vin"].choice, "Unknown")
    type_into(qtbot, vehicle["year"], "2019")
    driver = form.people.cards()[0]
    choose(qtbot, driver.role, "D")
    type_into(qtbot, driver.name, "Ana López Reyes")
    type_into(qtbot, driver.date_of_birth, "1988-03-14")
    type_into(qtbot, driver.nationality, "mx")
    _add(qtbot, form.people.list.add_button)
    passenger = form.people.cards()[1]
    assert QApplication.focusWidget() is passenger.role  # the new card takes the cursor
    choose(qtbot, passenger.role, "P")
    choose(qtbot, passenger.name.choice, "R")
    choose(qtbot, passenger.age_range, "12")


def test_officer_records_a_vehicle_stop_and_finalizes_it(ctx: UiContext, qtbot: QtBot) -> None:
    before = _count(ctx)
    form = show_form(ctx, qtbot)
    _fill_vehicle_stop(qtbot, form)
    flag = _add_minor_flag(qtbot, form)
    assert flag.referred_to.isVisibleTo(form)  # a minor flag asks for its referral
    type_into(qtbot, flag.referred_to, "County child protective services")
    type_into(qtbot, flag.reference, "CPS-2291")
    choose(qtbot, form.result.result, "W")
    focus(qtbot, form.result.receipt_given)
    press(qtbot, Qt.Key.Key_Space)
    type_into(qtbot, form.narrative.text, "Stopped the Tacoma on a plate alert; warned the driver.")

    with qtbot.waitSignal(form.finalized, timeout=10_000) as finalized:
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    ids = finalized.args[0]
    assert len(ids) == 1
    assert _count(ctx) == before + 1
    record = queries.get_record(ctx.ui_conn, ids[0]).current
    assert record["stop_type"] == "vehicle"
    assert record["vehicle"]["plate"] == "8ABC123"
    assert record["vehicle"]["plate_issuer"] == "US-CA"
    assert record["vehicle"]["vin"] == {"empty": "no_information", "reason": "unknown"}
    assert record["vehicle"]["year"] == 2019
    assert [p["name"] for p in record["people"]] == ["Ana López Reyes", REFUSED]
    assert record["people"][0]["nationality"] == "MX"
    assert record["people"][1]["age_range"] == "age_12_17"
    assert record["protection_flags"][0]["person_ref"] == "P2"
    assert record["protection_flags"][0]["referral"]["referred_to"] == (
        "County child protective services"
    )
    assert record["result"] == "warning"
    assert record["receipt"]["given"] is True and record["receipt"]["medium"] == "paper"
    assert record["officer_id"] == DEMO_OFFICER
    assert record["agency"] == "CBP-OFO"
    assert record["started_at"].endswith(("-07:00", "-08:00"))  # San Ysidro's offset
    assert ctx.writer.call(lambda p: p.services.drafts.unfinished(DEMO_OFFICER)) == []
    assert not form.finalize_button.isEnabled()  # locked: changes are addenda now


def test_problems_appear_beside_their_fields_and_finalize_is_refused(
    ctx: UiContext, qtbot: QtBot
) -> None:
    before = _count(ctx)
    form = show_form(ctx, qtbot)
    _fill_vehicle_stop(qtbot, form)
    flag = _add_minor_flag(qtbot, form)
    choose(qtbot, form.result.result, "W")
    # No referral for the minor and no narrative: both must be refused, each beside its field.
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    referral_box = flag.rows.boxes["referred_to"]
    narrative_box = form.narrative.rows.boxes["narrative"]
    qtbot.waitUntil(lambda: narrative_box.error.isVisible(), timeout=10_000)
    assert narrative_box.editor is form.narrative.text
    assert narrative_box.error.text() == "Write the narrative: your account of the stop."
    assert referral_box.editor is flag.referred_to
    assert referral_box.error.text() == "This flag needs the referral made: to whom and when."
    assert referral_box.error.isVisible()
    # The first problem, top to bottom, is scrolled into view and has the cursor.
    assert QApplication.focusWidget() is flag.referred_to
    viewport = form.scroll_area.viewport()
    top = flag.referred_to.mapTo(viewport, QPoint(0, 0)).y()
    assert 0 <= top < viewport.height()
    assert form.banner.text().startswith("Not finalized: 2 problems to fix")
    assert _count(ctx) == before
    assert form.protection.list.error.text() == ""

    # Fixing them clears the marks (re-checked after each autosave) and finalize goes through.
    type_into(qtbot, flag.referred_to, "Child protective services")
    qtbot.waitUntil(lambda: not referral_box.error.isVisible(), timeout=10_000)
    assert narrative_box.error.isVisible()
    type_into(qtbot, form.narrative.text, "Warned the driver.")
    with qtbot.waitSignal(form.finalized, timeout=10_000):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _count(ctx) == before + 1


def test_required_choice_left_empty_is_marked_on_its_combo(ctx: UiContext, qtbot: QtBot) -> None:
    form = show_form(ctx, qtbot)
    type_into(qtbot, form.stop.reason, "Welfare check")
    focus(qtbot, form.check_button)
    press(qtbot, Qt.Key.Key_F7)
    stop_box = form.stop.rows.boxes["stop_type"]
    qtbot.waitUntil(lambda: stop_box.error.isVisible(), timeout=10_000)
    assert stop_box.error.text() == "This is required."
    assert form.result.rows.boxes["result"].error.text() == "This is required."
    assert form.stop.rows.boxes["reason"].error.text() == ""
    assert QApplication.focusWidget() is form.stop.stop_type
    stop_entry = form.index.topLevelItem(0)
    assert stop_entry is not None
    assert stop_entry.text(0).startswith("Stop  (")  # the index counts problems per section
    assert stop_entry.text(1) == "Alt+S"


def test_detentions_only_for_an_arrest_and_handover_only_for_a_handover(
    ctx: UiContext, qtbot: QtBot
) -> None:
    form = show_form(ctx, qtbot)
    result = form.result
    assert not result.detentions.isVisibleTo(form)
    assert not result.handover_agency.isVisibleTo(form)
    choose(qtbot, result.result, "Arrest")
    assert result.detentions.isVisibleTo(form)
    assert not result.handover_agency.isVisibleTo(form)
    _add(qtbot, result.detentions.add_button)
    card = result.cards()[0]
    choose(qtbot, card.picker, "P1")
    type_into(qtbot, card.authority, "HSI duty agent")
    assert not card.contact_name.isVisibleTo(form)  # a contact only with consent
    focus(qtbot, card.contact)
    press(qtbot, Qt.Key.Key_Space)
    assert card.contact_name.isVisibleTo(form)
    type_into(qtbot, card.contact_name, "Rosa López")
    detention = form.data()["detentions"][0]
    assert detention["person_ref"] == "P1"
    assert detention["contact_notified"]["consent_given"] is True
    assert detention["contact_notified"]["contact_name"] == "Rosa López"

    choose(qtbot, result.result, "Handover")
    assert not result.detentions.isVisibleTo(form)
    assert result.handover_agency.isVisibleTo(form)
    assert form.data()["detentions"] == []
    assert form.data()["handover"]["agency"] == ""
    choose(qtbot, result.result, "Warning")
    assert not result.detentions.isVisibleTo(form)
    assert not result.handover_agency.isVisibleTo(form)
    assert form.data()["handover"] == {"empty": "not_applicable"}


def test_tab_goes_top_to_bottom_including_added_cards(ctx: UiContext, qtbot: QtBot) -> None:
    form = show_form(ctx, qtbot)
    _add(qtbot, form.people.list.add_button)
    _add(qtbot, form.protection.list.add_button)
    qtbot.wait(10)  # the tab order is rebuilt once the event loop turns
    first = focus(qtbot, form.stop.started_at)
    seen: list[QWidget] = [first]
    for _ in range(200):
        press(qtbot, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert widget is not None
        if widget is first:
            break  # Tab wrapped around: every field was visited once
        seen.append(widget)
    assert len(seen) == len(set(seen))
    content = form.content
    ys = [w.mapTo(content, QPoint(0, 0)).y() for w in seen if content.isAncestorOf(w)]
    assert ys == sorted(ys)
    second_person = form.people.cards()[1]
    assert second_person.role in seen
    assert form.protection.cards()[0].picker in seen
    assert seen.index(second_person.role) < seen.index(form.actions_taken.searches.add_button)
