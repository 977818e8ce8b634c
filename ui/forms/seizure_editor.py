"""One seizure's form: when, where, why, from whom, the items, packaging and approvals.

The seizure is its own draft (``record_type="seizure"``, ``parent_id`` = the
encounter's draft) saved by the shared :class:`~ui.forms.autosave.Autosaver`
a moment after each change. The core fills in the encounter, officer,
checkpoint, seizure number and id when the encounter is finalized, so they
are not asked for here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import Problem
from fieldapp.services.drafts import Draft
from ui.context import UiContext
from ui.forms.autosave import Autosaver, SaveIndicator
from ui.forms.cards import fix_tab_order
from ui.forms.items import ItemsEditor
from ui.forms.packages import PackagesEditor
from ui.forms.seizure_fields import (
    checkpoint_code,
    clear_slots,
    show_in_slots,
)
from ui.forms.seizure_parts import ApprovalsEditor, SeizedFromFields, SeizureBasics
from ui.forms.widgets import ErrorLabel, JsonDict, Path, Slot


def _heading(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.05)
    label.setFont(font)
    label.setContentsMargins(0, 10, 0, 2)
    return label


class SeizureEditor(QFrame):
    """Every field of one seizure; saves itself to its child draft shortly after each change."""

    #: Something was typed or chosen.
    changed = Signal()
    #: The draft was saved (its id).
    saved = Signal(str)
    #: The officer asked to remove this seizure (the section asks and discards).
    remove_requested = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        draft_id: str | None,
        parent: QWidget | None = None,
        *,
        encounter_draft_id: str | None = None,
        draft: Draft | None = None,
        checkpoint: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.ctx = ctx
        self.number = 1
        self._base: JsonDict = {}
        self._loading = False
        self._checkpoint = checkpoint_code(ctx, checkpoint)
        self.saver = Autosaver(
            ctx,
            "seizure",
            self.data,
            draft_id=draft.id if draft is not None else draft_id,
            parent_id=draft.parent_id if draft is not None else encounter_draft_id,
            parent=self,
        )
        self.saver.saved.connect(lambda d: self.saved.emit(d.id))
        self._build()
        self.retranslate()
        fix_tab_order(self)
        if draft is not None:
            self.load(draft)
        elif draft_id is not None:
            self.setEnabled(False)
            ctx.writer.submit(lambda p: p.services.drafts.get(draft_id), on_done=self._fetched)

    @property
    def draft_id(self) -> str | None:
        """The seizure's draft (and future record) id; None until its first save returns."""
        return self.saver.draft_id

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        ctx = self.ctx
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setEnabled(False)
        self.status = SaveIndicator(self.saver, self)
        self.collapse_button = QToolButton(self)
        self.collapse_button.setCheckable(True)
        self.collapse_button.setAutoRaise(True)
        self.collapse_button.setArrowType(Qt.ArrowType.DownArrow)
        self.collapse_button.toggled.connect(self._collapse)
        self.remove_button = QPushButton(self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        header = QHBoxLayout()
        header.addWidget(self.collapse_button)
        header.addWidget(self.title)
        header.addWidget(self.summary)
        header.addStretch(1)
        header.addWidget(self.status)
        header.addWidget(self.remove_button)

        self.body = QWidget(self)
        self.basics = SeizureBasics(ctx, self._checkpoint, self.body)
        # The fields officers (and tests) reach for most, by their short names.
        self.seized_at = self.basics.seized_at
        self.found_location = self.basics.found_location
        self.custody_start = self.basics.custody_start
        self.reason = self.basics.reason
        self.legal_power = self.basics.legal_power
        self.witness = self.basics.witness
        self.error = ErrorLabel(self.body)
        self.seized_from = SeizedFromFields(self.body)
        self.items = ItemsEditor(ctx, self.body)
        self.packages = PackagesEditor(ctx, self.body)
        self.approvals = ApprovalsEditor(ctx, self.body)
        self.items.set_checkpoint(self._checkpoint)
        self.packages.set_checkpoint(self._checkpoint)
        self.approvals.set_checkpoint(self._checkpoint)
        self.headings = {
            key: _heading(self.body) for key in ("from", "items", "packages", "approvals")
        }
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.error)
        body.addWidget(self.basics)
        body.addWidget(self.headings["from"])
        body.addWidget(self.seized_from)
        body.addWidget(self.headings["items"])
        body.addWidget(self.items)
        body.addWidget(self.headings["packages"])
        body.addWidget(self.packages)
        body.addWidget(self.headings["approvals"])
        body.addWidget(self.approvals)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.addLayout(header)
        layout.addWidget(self.body)

        self.basics.changed.connect(self._edited)
        self.seized_from.changed.connect(self._edited)
        self.items.changed.connect(self._items_edited)
        self.packages.changed.connect(self._edited)
        self.approvals.changed.connect(self._edited)
        self.basics.witness_changed.connect(self._witness_changed)
        self.packages.cards.structure_changed.connect(lambda: fix_tab_order(self))
        self.approvals.structure_changed.connect(lambda: fix_tab_order(self))
        self.items.detail.counter.on_structure = lambda: fix_tab_order(self)
        self.setFocusProxy(self.basics)

    # -- data -----------------------------------------------------------------------------------

    def data(self) -> JsonDict:
        """The seizure as its draft stores it (what the core fills in at finalize is left out)."""
        out = dict(self._base)
        out.pop("id", None)
        self.basics.fill(out)
        out["seized_from"] = self.seized_from.data()
        out["items"] = self.items.data()
        out["packages"] = self.packages.data()
        out["approvals"] = self.approvals.data()
        return out

    def load(self, draft: Draft) -> None:
        """Show a stored draft."""
        self.saver.draft_id = draft.id
        self.saver.revision = draft.revision
        self.saver.parent_id = draft.parent_id
        data = dict(draft.data)
        self._base = data
        self._loading = True
        if isinstance(data.get("checkpoint"), str):
            self.set_checkpoint(data["checkpoint"])
        self.basics.set_data(data)
        self.seized_from.set_data(data.get("seized_from"))
        self.items.set_data(list(data.get("items") or []))
        self.approvals.set_data([a for a in data.get("approvals") or [] if isinstance(a, dict)])
        self.packages.set_data(list(data.get("packages") or []))
        self._loading = False
        self._witness_changed()
        self._items_changed_quietly()
        fix_tab_order(self)

    def _fetched(self, draft: Draft) -> None:
        if not shiboken6.isValid(self):
            return  # closed while loading
        self.setEnabled(True)
        self.load(draft)

    def set_number(self, number: int) -> None:
        """The seizure's position in the encounter (1-based)."""
        self.number = number
        self.retranslate()

    def set_checkpoint(self, checkpoint: str | None) -> None:
        """The encounter's checkpoint: its time zone, legal powers and officers apply."""
        if not checkpoint or checkpoint == self._checkpoint:
            return
        self._checkpoint = checkpoint
        self.basics.set_checkpoint(checkpoint)
        self.items.set_checkpoint(checkpoint)
        self.packages.set_checkpoint(checkpoint)
        self.approvals.set_checkpoint(checkpoint)
        self.retranslate()

    # -- reacting to edits ----------------------------------------------------------------------

    def _edited(self, *args: Any) -> None:
        if self._loading:
            return
        self.saver.changed()
        self.changed.emit()

    def _items_edited(self) -> None:
        self._items_changed_quietly()
        self._edited()

    def _items_changed_quietly(self) -> None:
        self.packages.set_exhibits(self.items.exhibit_numbers())
        self._retitle()

    def _witness_changed(self, *args: Any) -> None:
        self.items.set_default_witness(self.witness.value())
        self.packages.set_default_witness(self.witness.value())

    def _collapse(self, collapsed: bool) -> None:
        self.body.setVisible(not collapsed)
        arrow = Qt.ArrowType.RightArrow if collapsed else Qt.ArrowType.DownArrow
        self.collapse_button.setArrowType(arrow)

    # -- saving ---------------------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        """Whether something typed is not yet durably saved."""
        return self.saver.dirty or self.saver.saving

    def flush(self) -> None:
        """Save now if anything is waiting (the form is closing)."""
        self.saver.flush()

    def save_now(
        self, then: Callable[[], None] | None = None, failed: Callable[[str], None] | None = None
    ) -> None:
        """Save at once (create the draft the first time); ``then`` runs once it is saved."""
        self.saver.save_now(then, failed)

    def discard(self) -> None:
        """Throw the draft away and close (the section asked the officer first)."""
        self.saver.stop()
        self.hide()
        if self.saver.draft_id is not None:
            self._discard_stored()
        elif self.saver.saving:
            # The draft is being created right now: discard it once it exists.
            self.saver.created.connect(lambda _id: self._discard_stored())
        else:
            self.deleteLater()

    def _discard_stored(self) -> None:
        draft_id = self.saver.draft_id
        assert draft_id is not None
        signals = self.ctx.signals
        officer = self.ctx.officer
        if officer is None:
            self.deleteLater()
            return
        actor = officer.actor
        self.ctx.writer.submit(
            lambda p: p.services.drafts.discard(draft_id, actor=actor),
            on_done=lambda _r: signals.drafts_changed.emit(),
        )
        self.deleteLater()

    # -- problems -------------------------------------------------------------------------------

    def slots(self) -> dict[Path, Slot]:
        """Where the problems of this seizure's own fields go (paths relative to the seizure)."""
        out: dict[Path, Slot] = {(): Slot(self.error, self.seized_at)}
        out.update(self.basics.slots)
        for path, slot in self.seized_from.slots().items():
            out[("seized_from", *path)] = slot
        out.update(self.packages.slots())
        out.update(self.approvals.slots(("approvals",)))
        return out

    def show_problems(self, problems: list[Problem]) -> None:
        """Show problems (paths relative to this seizure) beside their fields."""
        self.clear_problems()
        items = [p for p in problems if p.path[:1] == ("items",)]
        others = [p for p in problems if p.path[:1] != ("items",)]
        self.items.show_problems(items)
        show_in_slots(self.slots(), others, self.ctx.language)
        if problems:
            self.collapse_button.setChecked(False)

    def clear_problems(self) -> None:
        """Hide every problem sentence."""
        clear_slots(self.slots())
        self.items.clear_problems()

    # -- language -------------------------------------------------------------------------------

    def _retitle(self) -> None:
        self.title.setText(self.tr("Seizure %1").replace("%1", str(self.number)))
        count = len(self.items.model.items)
        if count == 0:
            summary = self.tr("no items yet")
        elif count == 1:
            summary = self.tr("1 item")
        else:
            summary = self.tr("%1 items").replace("%1", str(count))
        self.summary.setText(summary)

    def retranslate(self) -> None:
        self._retitle()
        self.remove_button.setText(self.tr("Remove seizure…"))
        self.collapse_button.setToolTip(self.tr("Show or hide this seizure"))
        self.headings["from"].setText(self.tr("Seized from"))
        self.headings["items"].setText(self.tr("Items"))
        self.headings["packages"].setText(self.tr("Packaging and seals"))
        self.headings["approvals"].setText(self.tr("Approvals"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
