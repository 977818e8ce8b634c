"""End to end: a seizure typed in the editor is valid when its encounter is finalized."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldapp.errors import RecordInvalid
from fieldapp.models.common import Quantity
from fieldapp.models.seizure import CurrencyCount, FieldTest, Seizure
from fieldapp.services import queries
from fieldapp.synthetic import Generator
from tests.ui.seizure_driver import (
    add_currency,
    add_drug,
    add_seizure,
    choose,
    encounter_draft,
    focus,
    make_png,
    show_section,
    type_into,
    wait_saved,
)
from ui.context import UiContext
from ui.forms.seizure import SeizureSection


def valid_encounter(ctx: UiContext) -> dict[str, Any]:
    """A complete, valid encounter without seizures (from the synthetic generator)."""
    encounter, _ = Generator(ctx.reference, seed=1).encounter_bundle(0)
    encounter = dict(encounter)
    del encounter["id"], encounter["reference_number"]
    encounter["actions"] = {k: v for k, v in encounter["actions"].items() if k != "seizure_ids"}
    return encounter


def finalize(ctx: UiContext, draft_id: str) -> Any:
    assert ctx.officer is not None
    actor = ctx.officer.actor
    return ctx.writer.call(lambda p: p.services.finalizer.finalize(draft_id, actor))


def test_a_seizure_made_in_the_editor_finalizes_with_its_encounter(
    ctx: UiContext, qtbot: Any, tmp_path: Path
) -> None:
    encounter = valid_encounter(ctx)
    encounter_id = encounter_draft(ctx, encounter)
    section: SeizureSection = show_section(ctx, qtbot, encounter_id)
    section.set_checkpoint(encounter["checkpoint"])  # MX-TIJ-CHAP: Mexican powers, Tijuana time
    editor = add_seizure(qtbot, section)

    type_into(qtbot, editor.found_location, "intake manifold")
    choose(qtbot, editor.custody_start, "discovered_in_search")
    choose(qtbot, editor.reason, "evidence")
    assert editor.legal_power.findData("us_21_usc_881") < 0  # only the checkpoint's country
    choose(qtbot, editor.legal_power, "mx_cnpp_229")
    choose(qtbot, editor.witness, "off-0102")
    type_into(qtbot, editor.seized_from.fields["name"], "Jethro Exantus")
    choose(qtbot, editor.seized_from.fields["contact"].choice, "refused")
    add_drug(qtbot, editor.items)
    editor.items.detail.photos.attach([make_png(tmp_path / "bundles.png")])
    add_currency(qtbot, editor.items)
    qtbot.mouseClick(editor.packages.cards.add_button, Qt.MouseButton.LeftButton)
    package = editor.packages.package_cards()[0]
    choose(qtbot, package.kind, "box")
    type_into(qtbot, package.seals, "MX-77120")
    qtbot.waitUntil(lambda: not editor.items.detail.photos.busy)
    wait_saved(qtbot, editor)

    done = finalize(ctx, encounter_id)
    assert done.record_ids == (encounter_id, editor.draft_id)
    record = queries.get_record(ctx.ui_conn, editor.draft_id or "")
    seizure = Seizure.model_validate(record.current)
    assert seizure.encounter_id == encounter_id
    assert seizure.checkpoint == "MX-TIJ-CHAP"
    assert seizure.officer_id == "off-demo"
    assert seizure.witness_id == "off-0102"
    assert seizure.legal_power == "mx_cnpp_229"
    # Tijuana's clock (Pacific time), not the machine's.
    assert seizure.seized_at.utcoffset() in (timedelta(hours=-8), timedelta(hours=-7))
    drug, cash = seizure.items
    assert isinstance(drug.gross_weight, Quantity)
    assert drug.gross_weight.amount == Decimal("13.250")
    assert isinstance(drug.field_test, FieldTest) and drug.field_test.kit == "NIK U"
    assert len(drug.photo_hashes) == 1
    assert isinstance(cash.currency_count, CurrencyCount)
    assert cash.currency_count.totals() == {"USD": Decimal("1250"), "MXN": Decimal("500")}
    assert seizure.packages[0].exhibit_numbers == ["1", "2"]
    assert seizure.packages[0].witnessed_by == "off-0102"
    assert ctx.writer.call(lambda p: p.services.drafts.children(encounter_id)) == []


def test_an_incomplete_seizure_is_refused_and_its_problems_land_in_the_editor(
    ctx: UiContext, qtbot: Any
) -> None:
    encounter_id = encounter_draft(ctx, valid_encounter(ctx))
    section = show_section(ctx, qtbot, encounter_id)
    editor = add_seizure(qtbot, section)
    choose(qtbot, editor.custody_start, "found")
    choose(qtbot, editor.reason, "safekeeping")
    choose(qtbot, editor.legal_power, "us_21_usc_881")
    add_drug(qtbot, editor.items)
    gross = editor.items.detail.gross_amount
    focus(qtbot, gross)
    QTest.keyClick(gross, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(gross, Qt.Key.Key_Backspace)
    wait_saved(qtbot, editor)

    with pytest.raises(RecordInvalid) as refused:
        finalize(ctx, encounter_id)
    problems = [p for p in refused.value.problems if p.path[:1] == ("seizures",)]
    codes = {(p.path, p.code) for p in problems}
    assert (("seizures", 0, "items", 0, "gross_weight"), "drug_gross_weight_required") in codes
    assert (("seizures", 0, "witness_id"), "witness_required") in codes
    assert (("seizures", 0, "found_location"), "text_required") in codes

    section.show_problems(list(refused.value.problems))
    assert editor.items.detail.gross_slot.error.isVisible()
    assert editor.basics.slots[("witness_id",)].error.isVisible()
    assert editor.basics.slots[("found_location",)].error.isVisible()
    assert not editor.basics.slots[("legal_power",)].error.isVisible()
    # Nothing was lost: the draft is still there, whole.
    children = ctx.writer.call(lambda p: p.services.drafts.children(encounter_id))
    assert [c.id for c in children] == [editor.draft_id]
