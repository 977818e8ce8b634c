"""The records filter offers checkpoints that arrive with new reference data, at once."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fieldapp.models.reference import ReferenceData
from ui.context import UiContext
from ui.records.filters import FilterBar


def _with_checkpoint(reference: ReferenceData, code: str) -> ReferenceData:
    data = reference.model_dump(mode="json")
    copy = reference.checkpoint("US-SYS").model_copy(
        update={"code": code, "name": "New Lane", "name_es": "Carril nuevo"}
    )
    data["version"] = reference.version + 1
    data["checkpoints"] = [*data["checkpoints"], copy.model_dump(mode="json")]
    return ReferenceData.model_validate(data)


def _codes(bar: FilterBar) -> list[object]:
    return [bar.checkpoint.itemData(i) for i in range(1, bar.checkpoint.count())]


def test_new_checkpoints_appear_and_the_choice_is_kept(ctx: UiContext, qtbot: QtBot) -> None:
    bar = FilterBar(ctx)
    qtbot.addWidget(bar)
    assert "US-NEW" not in _codes(bar)
    bar.checkpoint.setCurrentIndex(bar.checkpoint.findData("US-SYS"))
    changes: list[None] = []
    bar.changed.connect(lambda: changes.append(None))

    ctx.use_reference(_with_checkpoint(ctx.reference, "US-NEW"))

    assert "US-NEW" in _codes(bar)
    index = bar.checkpoint.findData("US-NEW")
    assert "New Lane" in bar.checkpoint.itemText(index)
    assert bar.checkpoint.currentData() == "US-SYS"  # the officer's choice stays
    assert changes == []  # nothing to search again
