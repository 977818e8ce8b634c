"""HQ publishes new reference data; after a sync the running program offers it, no restart.

HQ is the real application in this process (``tests/ui/hq_driver.py``). The
sync runs through the program's own runner (``ctx.sync``), as "Sync now", the
watcher and "Close shift and sync" run it; a form opened afterwards offers
HQ's new checkpoint and legal power.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.models.reference import ReferenceData
from tests.ui.hq_driver import InProcessHq
from ui.context import UiContext
from ui.forms.encounter import EncounterForm
from ui.forms.fields import EnumCombo

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")

NEW_CHECKPOINT = "US-NEW"
NEW_POWER = "us_new_power"


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[InProcessHq]:
    made = InProcessHq(tmp_path / "hq")
    yield made
    made.close()


@pytest.fixture
def enrolled_ctx(ctx: UiContext, hq: InProcessHq) -> UiContext:
    """The test profile's context, enrolled at the in-process HQ."""
    ctx.sync_client = hq.client
    ctx.writer.call(hq.enroll)
    return ctx


def _with_new_entries(reference: ReferenceData) -> ReferenceData:
    """The reference data, one version on, with a new US checkpoint and legal power."""
    model = reference.checkpoint("US-SYS")
    checkpoint = model.model_copy(
        update={"code": NEW_CHECKPOINT, "name": "New Lane", "name_es": "Carril nuevo"}
    )
    base = next(p for p in reference.legal_powers if p.country == model.country)
    power = base.model_copy(
        update={"code": NEW_POWER, "citation": "Test § 1", "name_en": "New power"}
    )
    return ReferenceData.model_validate(
        {
            **reference.model_dump(mode="json"),
            "version": reference.version + 1,
            "checkpoints": [
                *reference.model_dump(mode="json")["checkpoints"],
                checkpoint.model_dump(mode="json"),
            ],
            "legal_powers": [
                *reference.model_dump(mode="json")["legal_powers"],
                power.model_dump(mode="json"),
            ],
        }
    )


def _codes(combo: EnumCombo) -> list[str]:
    return [str(combo.itemData(i)) for i in range(combo.count())]


def _sync(ctx: UiContext, qtbot: QtBot) -> None:
    with qtbot.waitSignal(ctx.sync.finished, timeout=15_000) as finished:
        assert ctx.sync.sync()
    report = finished.args[0]
    assert report.error is None, report.error


def test_new_reference_data_from_hq_is_offered_after_a_sync(
    enrolled_ctx: UiContext, hq: InProcessHq, qtbot: QtBot
) -> None:
    ctx = enrolled_ctx
    before = ctx.reference
    assert NEW_CHECKPOINT not in before.checkpoints_by_code
    newer = _with_new_entries(before)
    hq.hq.publish_reference(newer)

    with qtbot.waitSignal(ctx.signals.reference_changed, timeout=15_000):
        _sync(ctx, qtbot)

    assert ctx.reference.version == newer.version
    assert NEW_CHECKPOINT in ctx.reference.checkpoints_by_code
    assert NEW_POWER in ctx.reference.legal_powers_by_code
    form = EncounterForm(ctx)
    qtbot.addWidget(form)
    assert NEW_CHECKPOINT in _codes(form.stop.checkpoint)
    form.stop.checkpoint.set_value(NEW_CHECKPOINT)
    assert NEW_POWER in _codes(form.stop.legal_power)


def test_a_sync_that_brings_no_new_reference_data_keeps_what_is_in_use(
    enrolled_ctx: UiContext, qtbot: QtBot
) -> None:
    ctx = enrolled_ctx
    before = ctx.reference
    with qtbot.assertNotEmitted(ctx.signals.reference_changed):
        _sync(ctx, qtbot)
    assert ctx.reference is before


def test_reference_data_that_comes_with_enrollment_is_put_in_use(
    ctx: UiContext, hq: InProcessHq, qtbot: QtBot
) -> None:
    ctx.sync_client = hq.client
    newer = _with_new_entries(ctx.reference)
    hq.hq.publish_reference(newer)
    with (
        qtbot.waitSignal(ctx.signals.reference_changed, timeout=15_000),
        qtbot.waitSignal(ctx.sync.enroll_finished, timeout=15_000) as finished,
    ):
        assert ctx.sync.enroll(hq.url, hq.code())
    assert finished.args[0].ok, finished.args[0].error
    assert NEW_CHECKPOINT in ctx.reference.checkpoints_by_code
