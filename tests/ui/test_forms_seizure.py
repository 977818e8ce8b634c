"""The seizure editor: items typed by keyboard, currency counted, autosaved, problems shown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from fieldapp.errors import Problem
from tests.ui.seizure_driver import (
    add_currency,
    add_drug,
    add_seizure,
    choose,
    choose_category,
    edit_cell,
    encounter_draft,
    fill_cells,
    finish_editing,
    focus,
    focused,
    new_item,
    press,
    show_section,
    stored,
    type_into,
    wait_saved,
)
from ui.context import UiContext
from ui.forms.item_state import ItemState
from ui.forms.items import COLUMNS, ItemsModel
from ui.forms.seizure import SeizureEditor, SeizureSection
from ui.i18n import Translator
from ui.messages import problem_text


def fill_seizure(qtbot: Any, editor: SeizureEditor) -> None:
    """The seizure's own fields, a drug and a currency item."""
    type_into(qtbot, editor.found_location, "rear quarter panel, driver side")
    choose(qtbot, editor.custody_start, "discovered_in_search")
    choose(qtbot, editor.reason, "evidence")
    choose(qtbot, editor.legal_power, "us_21_usc_881")
    choose(qtbot, editor.witness, "off-0001")
    type_into(qtbot, editor.seized_from.fields["name"], "Ana Lopez")
    add_drug(qtbot, editor.items)
    add_currency(qtbot, editor.items)


def test_a_seizure_with_drugs_and_currency_is_autosaved(ctx: UiContext, qtbot: Any) -> None:
    encounter_id = encounter_draft(ctx)
    section = show_section(ctx, qtbot, encounter_id)
    editor = add_seizure(qtbot, section)
    children = ctx.writer.call(lambda p: p.services.drafts.children(encounter_id))
    assert [c.id for c in children] == [editor.draft_id]
    assert children[0].record_type == "seizure"

    fill_seizure(qtbot, editor)
    counter = editor.items.detail.counter
    assert counter.total_label.text() == "Total: USD 1,250.00 · MXN 500.00"
    assert [line.subtotal.text() for line in counter.lines()] == [
        "= 1,000.00",
        "= 250.00",
        "= 500.00",
    ]
    assert editor.status.text() == "Not saved yet"

    wait_saved(qtbot, editor)
    assert editor.status.text().startswith("Saved ")
    data = stored(ctx, editor.draft_id or "")
    assert data["found_location"] == "rear quarter panel, driver side"
    assert data["custody_start"] == "discovered_in_search"
    assert data["reason"] == "evidence"
    assert data["legal_power"] == "us_21_usc_881"
    assert data["witness_id"] == "off-0001"
    assert data["seized_from"]["name"] == "Ana Lopez"
    assert "officer_id" not in data and "checkpoint" not in data
    drug, cash = data["items"]
    assert drug["exhibit_number"] == "1"
    assert drug["category"] == "drug"
    assert drug["category_code"] == "cocaine"
    assert drug["description"] == "12 bundles wrapped in tape"
    assert drug["quantity"] == {"amount": "12", "unit": "pkg"}
    assert drug["condition"] == "intact"
    assert drug["gross_weight"] == {"amount": "13.250", "unit": "kg"}
    assert drug["field_test"]["result"] == "positive"
    assert drug["field_test"]["kit"] == "NIK U"
    assert drug["field_test"]["tested_at"].endswith("-08:00") or drug["field_test"][
        "tested_at"
    ].endswith("-07:00")  # the checkpoint's zone (US-SYS, Pacific time)
    assert cash["exhibit_number"] == "2"
    assert cash["category"] == "currency"
    assert cash["description"] == "Bundled notes in a shoe box"
    assert cash["currency_count"] == {
        "lines": [
            {"currency": "USD", "denomination": "100", "count": 10},
            {"currency": "USD", "denomination": "50", "count": 5},
            {"currency": "MXN", "denomination": "500", "count": 1},
        ],
        "counted_by": "off-demo",
        "witnessed_by": "off-0002",
    }
    assert cash["quantity"] == {"amount": "16", "unit": "ea"}  # the number of notes
    assert "gross_weight" not in cash and "make" not in drug
    # The table summarises what the panel holds.
    summary = editor.items.model.index(1, COLUMNS.index("details")).data()
    assert summary == "USD 1,250.00 · MXN 500.00"


def test_a_reopened_encounter_shows_its_seizures_whole(ctx: UiContext, qtbot: Any) -> None:
    encounter_id = encounter_draft(ctx)
    section = show_section(ctx, qtbot, encounter_id)
    editor = add_seizure(qtbot, section)
    fill_seizure(qtbot, editor)
    wait_saved(qtbot, editor)
    before = editor.data()

    again = show_section(ctx, qtbot, encounter_id)
    assert len(again.editors()) == 1
    reopened = again.editors()[0]
    assert reopened.draft_id == editor.draft_id
    assert reopened.data() == before
    reopened.items.select(1)
    assert "USD 1,250.00" in reopened.items.detail.counter.total_label.text()


def test_show_problems_places_each_beside_its_field(ctx: UiContext, qtbot: Any) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    add_drug(qtbot, editor.items)
    add_currency(qtbot, editor.items)
    assert editor.items.current_row() == 1
    gross = Problem(
        ("seizures", 0, "items", 0, "gross_weight"),
        "drug_gross_weight_required",
        "drugs need a gross weight at seizure.",
    )
    problems = [
        gross,
        Problem(("seizures", 0, "found_location"), "text_required", "must not be empty."),
        Problem(("seizures", 0, "items", 1, "quantity"), "quantity_required", "needs a quantity."),
        Problem(("seizures", 0, "witness_id"), "witness_required", "needs a witness."),
        Problem(("encounter_field",), "missing", "not ours"),
    ]
    section.show_problems(problems)

    # Item 1 has a problem and item 2 (selected) has one in the table only: item 2 stays.
    assert editor.items.current_row() == 1
    assert "Quantity: " in editor.items.cell_error.text()
    assert editor.items.model.index(1, COLUMNS.index("quantity")).data(
        Qt.ItemDataRole.BackgroundRole
    )
    # Item 1's details cell is marked in the table ...
    details = editor.items.model.index(0, COLUMNS.index("details"))
    assert details.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert problem_text(gross, "en") in details.data(Qt.ItemDataRole.ToolTipRole)
    # ... and selecting it shows the sentence beside its gross-weight field.
    editor.items.select(0)
    error = editor.items.detail.gross_slot.error
    assert error.isVisible()
    assert error.text() == problem_text(gross, "en")
    assert editor.basics.slots[("found_location",)].error.isVisible()
    assert editor.basics.slots[("witness_id",)].error.text() == problem_text(problems[3], "en")

    section.clear_problems()
    assert not error.isVisible()
    assert not editor.basics.slots[("found_location",)].error.isVisible()
    assert details.data(Qt.ItemDataRole.BackgroundRole) is None


def test_problems_of_an_unselected_item_select_it(ctx: UiContext, qtbot: Any) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    add_drug(qtbot, editor.items)
    add_currency(qtbot, editor.items)
    problem = Problem(
        ("seizures", 0, "items", 0, "field_test", "kit"), "field_test_kit_required", "kit."
    )
    section.show_problems([problem])
    assert editor.items.current_row() == 0
    assert editor.items.detail.kit_slot.error.text() == problem_text(problem, "en")


def test_switching_the_category_shows_that_categorys_fields(ctx: UiContext, qtbot: Any) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    items = editor.items
    row = new_item(qtbot, items, "Cocaine")
    finish_editing(qtbot, items)
    rows = items.detail.rows
    assert rows.boxes["gross_weight"].isVisible()
    assert not rows.boxes["make"].isVisible()

    choose_category(qtbot, items, row, "handgun")
    assert items.model.items[row].category == "firearm"
    for name in ("make", "model", "serial_number", "calibre"):
        assert rows.boxes[name].isVisible(), name
    assert not rows.boxes["gross_weight"].isVisible()
    assert not rows.boxes["currency"].isVisible()
    assert not rows.boxes["vin"].isVisible()

    type_into(qtbot, items.detail.details["make"], "Glock")
    type_into(qtbot, items.detail.details["serial_number"], "ABC123")
    choose(qtbot, items.detail.details["calibre"].choice, "unknown")
    wait_saved(qtbot, editor)
    item = stored(ctx, editor.draft_id or "")["items"][0]
    assert item["category"] == "firearm"
    assert item["category_code"] == "handgun"
    assert item["make"] == "Glock"
    assert item["serial_number"] == "ABC123"
    assert item["calibre"] == {"empty": "no_information", "reason": "unknown"}
    assert "model" not in item  # not applicable by default: the core asks for it
    assert item["quantity"] == {"empty": "no_information", "reason": "not_recorded"}

    choose_category(qtbot, items, row, "vehicle")
    assert rows.boxes["vin"].isVisible() and rows.boxes["plate"].isVisible()
    assert not rows.boxes["calibre"].isVisible()


def test_a_quantity_that_is_not_a_number_is_flagged_and_kept(ctx: UiContext, qtbot: Any) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    items = editor.items
    new_item(qtbot, items, "Identity")
    fill_cells(qtbot, items, ["Passport", "1,5"])
    assert "“1,5” is not a number" in items.cell_error.text()
    assert items.cell_error.text().startswith("Quantity: ")
    cell = items.model.index(0, COLUMNS.index("quantity"))
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    wait_saved(qtbot, editor)
    assert stored(ctx, editor.draft_id or "")["items"][0]["quantity"]["amount"] == "1,5"

    edit_cell(qtbot, items, 0, "quantity", "1.5")
    assert items.cell_error.text() == ""
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is None

    type_into(qtbot, items.detail.details["make"], "x")  # not shown for documents: ignored
    wait_saved(qtbot, editor)
    item = stored(ctx, editor.draft_id or "")["items"][0]
    assert item["quantity"] == {"amount": "1.5", "unit": "ea"}
    assert "make" not in item


def test_a_bad_denomination_says_so_and_stays_out_of_the_total(ctx: UiContext, qtbot: Any) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    new_item(qtbot, editor.items, "Currency")
    finish_editing(qtbot, editor.items)
    counter = editor.items.detail.counter
    line = counter.lines()[0]
    type_into(qtbot, line.denomination, "2O")
    type_into(qtbot, line.count, "3")
    assert "“2O” is not a denomination" in line.error.text()
    assert counter.total_label.text() == "Total: nothing yet"
    line.denomination.clear()
    type_into(qtbot, line.denomination, "20")
    assert line.error.text() == ""
    assert counter.total_label.text() == "Total: USD 60.00"


def test_deferring_the_count_records_the_reason(ctx: UiContext, qtbot: Any) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    new_item(qtbot, editor.items, "Currency")
    press(Qt.Key.Key_Down)  # U.S. dollars -> Mexican pesos
    finish_editing(qtbot, editor.items)
    counter = editor.items.detail.counter
    assert counter.lines()[0].currency.value() == "MXN"
    focus(qtbot, counter.deferred)
    QTest.keyClick(counter.deferred, Qt.Key.Key_Space)
    assert counter.reason.hasFocus()
    QTest.keyClicks(counter.reason, "Vacuum-sealed bundles; counted at the vault")
    wait_saved(qtbot, editor)
    item = stored(ctx, editor.draft_id or "")["items"][0]
    assert item["category_code"] == "currency_mxn"
    assert item["count_deferred_reason"] == "Vacuum-sealed bundles; counted at the vault"
    assert item["currency_count"] == {"empty": "not_applicable"}
    assert editor.items.model.index(0, COLUMNS.index("details")).data() == "count deferred"


def test_delete_removes_an_item_only_when_confirmed(ctx: UiContext, qtbot: Any) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    items = editor.items
    for name in ("Other", "Other", "Other"):
        new_item(qtbot, items, name)
        finish_editing(qtbot, items)
    assert [s.exhibit_number for s in items.model.items] == ["1", "2", "3"]
    asked: list[str] = []

    def refuse(state: Any) -> bool:
        asked.append(state.exhibit_number)
        return False

    items.confirm_remove = refuse
    items.select(1)
    focus(qtbot, items.table)
    QTest.keyClick(items.table, Qt.Key.Key_Delete)
    assert asked == ["2"] and len(items.model.items) == 3

    items.confirm_remove = lambda state: True
    QTest.keyClick(items.table, Qt.Key.Key_Delete)
    assert [s.exhibit_number for s in items.model.items] == ["1", "3"]
    new_item(qtbot, items, "Other")
    assert items.model.items[-1].exhibit_number == "4"  # numbers are never reused
    wait_saved(qtbot, editor)
    numbers = [i["exhibit_number"] for i in stored(ctx, editor.draft_id or "")["items"]]
    assert numbers == ["1", "3", "4"]


def test_packages_take_the_loose_exhibits_and_the_witness(ctx: UiContext, qtbot: Any) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    choose(qtbot, editor.witness, "off-0001")
    add_drug(qtbot, editor.items)
    qtbot.mouseClick(editor.packages.cards.add_button, Qt.MouseButton.LeftButton)
    card = editor.packages.package_cards()[0]
    choose(qtbot, card.kind, "bag")
    type_into(qtbot, card.seals, "S-0012, S-0013")
    wait_saved(qtbot, editor)
    assert stored(ctx, editor.draft_id or "")["packages"] == [
        {
            "package_ref": "P1",
            "kind": "bag",
            "count": 1,
            "seal_numbers": ["S-0012", "S-0013"],
            "sealed_by": "off-demo",
            "witnessed_by": "off-0001",
            "exhibit_numbers": ["1"],
        }
    ]


def test_removing_a_seizure_discards_its_draft_after_asking(ctx: UiContext, qtbot: Any) -> None:
    encounter_id = encounter_draft(ctx)
    section = show_section(ctx, qtbot, encounter_id)
    first = add_seizure(qtbot, section)
    second = add_seizure(qtbot, section)
    assert [e.number for e in section.editors()] == [1, 2]
    with qtbot.waitSignal(section.changed):
        type_into(qtbot, second.found_location, "glove box")

    section.confirm_remove = lambda editor: False
    qtbot.mouseClick(first.remove_button, Qt.MouseButton.LeftButton)
    assert section.editors() == [first, second]

    section.confirm_remove = lambda editor: True
    with qtbot.waitSignal(ctx.signals.drafts_changed, timeout=5000):
        qtbot.mouseClick(first.remove_button, Qt.MouseButton.LeftButton)
    assert section.editors() == [second]
    assert second.number == 1
    wait_saved(qtbot, second)
    children = ctx.writer.call(lambda p: p.services.drafts.children(encounter_id))
    assert [c.id for c in children] == [second.draft_id]
    assert children[0].data["found_location"] == "glove box"


def test_flush_saves_at_once(ctx: UiContext, qtbot: Any) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    type_into(qtbot, editor.found_location, "trunk")
    assert section.pending
    section.flush()
    qtbot.waitUntil(lambda: not section.pending, timeout=2000)
    assert stored(ctx, editor.draft_id or "")["found_location"] == "trunk"


def test_problems_for_a_seizure_that_is_not_there_show_on_the_section(
    ctx: UiContext, qtbot: Any
) -> None:
    section: SeizureSection = show_section(ctx, qtbot, encounter_draft(ctx))
    add_seizure(qtbot, section)
    section.show_problems([Problem(("seizures", 3, "items"), "items_required", "no items.")])
    assert section.error.isVisible()
    assert section.error.text() == problem_text(
        Problem(("seizures", 3, "items"), "items_required", "no items."), "en"
    )


def test_the_editor_fits_a_laptop_screen(ctx: UiContext, qtbot: Any, tmp_path: Any) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    add_drug(qtbot, editor.items)
    assert section.width() <= 1280
    assert editor.items.table.columnWidth(COLUMNS.index("description")) >= 150
    assert not editor.grab().isNull()


def test_a_cell_being_typed_is_autosaved_before_enter(ctx: UiContext, qtbot: Any) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    items = editor.items
    new_item(qtbot, items, "Mobile")
    press(Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "Black phone, cracked screen")
    wait_saved(qtbot, editor)  # still typing: no Enter, no Tab
    assert items.table.state() == items.table.State.EditingState
    assert stored(ctx, editor.draft_id or "")["items"][0]["description"] == (
        "Black phone, cracked screen"
    )
    QTest.keyClick(focused(), Qt.Key.Key_Left)
    QTest.keyClicks(focused(), "!")  # the cursor stays where the officer put it
    assert items.model.items[0].description == "Black phone, cracked scree!n"


def test_the_item_model_passes_qt_model_checks(
    ctx: UiContext, qtbot: Any, qtmodeltester: Any
) -> None:
    model = ItemsModel(ctx)
    model.reset(
        [
            ItemState.from_data({"exhibit_number": "1", "category": "drug", "quantity": "x"}),
            ItemState.from_data(
                {
                    "exhibit_number": "2",
                    "category": "currency",
                    "category_code": "currency_usd",
                    "currency_count": {
                        "lines": [{"currency": "USD", "denomination": "20", "count": 3}],
                        "counted_by": "off-demo",
                        "witnessed_by": "off-0001",
                    },
                }
            ),
        ]
    )
    qtmodeltester.check(model, force_py=True)
    assert model.index(1, COLUMNS.index("details")).data() == "USD 60.00"
    assert model.index(1, COLUMNS.index("quantity")).data() == "3"


@pytest.fixture
def english_after(ctx: UiContext, qapp: QApplication) -> Iterator[Translator]:
    """A translator; whatever the test switches to, the application is English afterwards."""
    translator = Translator(ctx)
    yield translator
    translator.set_language(qapp, "en", remember=False)


def test_reference_names_and_problems_follow_the_language(
    ctx: UiContext, qtbot: Any, qapp: QApplication, english_after: Translator
) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    add_drug(qtbot, editor.items)
    choose(qtbot, editor.legal_power, "us_21_usc_881")
    category = editor.items.model.index(0, COLUMNS.index("category"))
    assert category.data() == "Cocaine"

    english_after.set_language(qapp, "es", remember=False)
    qtbot.waitUntil(lambda: category.data() == "Cocaína")
    spanish = ctx.reference.legal_power("us_21_usc_881").name_es
    assert editor.legal_power.currentText() == f"21 U.S.C. § 881 — {spanish}"
    assert editor.legal_power.value() == "us_21_usc_881"  # the choice survives the switch
    assert editor.items.detail.title.text().endswith("Cocaína")
    gross = Problem(
        ("seizures", 0, "items", 0, "gross_weight"), "drug_gross_weight_required", "gross."
    )
    section.show_problems([gross])
    assert editor.items.detail.gross_slot.error.text() == problem_text(gross, "es")
    assert editor.items.detail.gross_slot.error.text() != problem_text(gross, "en")


def test_escape_undoes_the_cell_being_typed_and_enter_stays_in_the_table(
    ctx: UiContext, qtbot: Any
) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    items = editor.items
    new_item(qtbot, items, "Mobile")
    fill_cells(qtbot, items, ["Black phone"])
    assert items.table.hasFocus()  # Enter closed the cell and stayed in the table
    index = items.model.index(0, COLUMNS.index("description"))
    items.table.setCurrentIndex(index)
    QTest.keyClick(items.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not items.table)
    press(Qt.Key.Key_End)  # F2 selects the text; go to its end
    QTest.keyClicks(focused(), " with a cracked case")
    assert items.model.items[0].description == "Black phone with a cracked case"
    press(Qt.Key.Key_Escape)
    assert items.model.items[0].description == "Black phone"
    assert items.table.state() != items.table.State.EditingState
    wait_saved(qtbot, editor)
    assert stored(ctx, editor.draft_id or "")["items"][0]["description"] == "Black phone"


def test_leaving_a_new_category_cell_picks_nothing(ctx: UiContext, qtbot: Any) -> None:
    section = show_section(ctx, qtbot, encounter_draft(ctx))
    editor = add_seizure(qtbot, section)
    items = editor.items
    focus(qtbot, items.table)
    QTest.keyClick(items.table, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not items.table)
    press(Qt.Key.Key_Tab)  # on to the description without choosing
    assert items.model.items[0].category is None
    assert items.model.items[0].category_code is None


def test_the_encounters_checkpoint_sets_the_zone_and_keeps_recorded_moments(
    ctx: UiContext, qtbot: Any
) -> None:
    encounter_id = encounter_draft(ctx)
    section = show_section(ctx, qtbot, encounter_id)
    section.set_checkpoint("US-LRD-GTA")  # Laredo: Central time, two hours after San Ysidro
    editor = add_seizure(qtbot, section)
    assert editor.seized_at.timezone == "America/Chicago"
    assert editor.legal_power.findData("us_21_usc_881") > 0
    wait_saved(qtbot, editor)
    first = datetime.fromisoformat(stored(ctx, editor.draft_id or "")["seized_at"])

    # Reopened later on a shift at San Ysidro, then told the encounter's checkpoint again.
    again = show_section(ctx, qtbot, encounter_id)
    reopened = again.editors()[0]
    assert datetime.fromisoformat(str(reopened.seized_at.value())) == first
    again.set_checkpoint("US-LRD-GTA")
    moment = datetime.fromisoformat(str(reopened.seized_at.value()))
    assert moment == first and moment.utcoffset() == first.utcoffset()
