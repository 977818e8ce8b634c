"""The encounter form: every field of a stop, autosaved as a draft, checked and finalized.

One scrollable form with a section index on the left (Alt+letter jumps to a
section). Keyboard first: Tab goes top to bottom, Enter moves to the next
field, Ctrl+S saves now, F7 checks, Ctrl+Enter finalizes, Escape closes and
keeps the draft. The core's problems appear beside their fields, in the
officer's language; the core refuses to finalize until there are none.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import KnownError, Problem
from fieldapp.services.drafts import Draft
from fieldapp.services.finalize import Finalized
from ui.context import UiContext
from ui.forms.actions import ActionsSection
from ui.forms.autosave import Autosaver, SaveIndicator
from ui.forms.cards import focus_chain, step_focus
from ui.forms.narrative import NarrativeSection
from ui.forms.navigation import SectionIndex
from ui.forms.people import PeopleSection
from ui.forms.problems import show_in_sections
from ui.forms.protection import ProtectionSection
from ui.forms.result import ResultSection
from ui.forms.section import Section
from ui.forms.seizure_host import SeizureHost
from ui.forms.stop import StopSection
from ui.forms.submission import Submission
from ui.forms.vehicle import VehicleSection
from ui.forms.widgets import JsonDict, Path, Slot
from ui.messages import problem_text

#: Section key -> the letter that jumps to it with Alt.
SHORTCUTS = {
    "stop": "S",
    "vehicle": "V",
    "people": "P",
    "actions": "A",
    "protection": "F",
    "seizures": "Z",
    "result": "R",
    "narrative": "N",
}
_BANNER_PROBLEM = "background: #fdecea; color: #8c1d18; padding: 6px; border-radius: 4px;"
_BANNER_INFO = "background: #e8f0fe; color: #174ea6; padding: 6px; border-radius: 4px;"


class EncounterForm(QWidget):
    """A new or reopened encounter draft."""

    #: The encounter (and its seizures) were finalized: their record ids.
    finalized = Signal(list)
    #: The officer closed the form (the draft is kept).
    closed = Signal()
    #: A reopened draft has been read and shown.
    loaded = Signal()

    def __init__(
        self, ctx: UiContext, draft_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._quiet = True  # building or loading: changes are not the officer's
        self._loading = draft_id is not None
        self._reopened = draft_id is not None
        self._finalized_as = ""
        self._problems: list[Problem] = []
        self._extra: JsonDict = {}
        self._closing = False
        self.is_finalized = False
        self.stop = StopSection(ctx)
        timezone = self.stop.timezone
        self.vehicle = VehicleSection(ctx)
        self.people = PeopleSection(ctx)
        self.actions_taken = ActionsSection(ctx)
        self.protection = ProtectionSection(ctx, timezone)
        self.seizures = SeizureHost(ctx, self._ensure_draft)
        self.seizures.set_checkpoint(self.stop.checkpoint.value() or "")
        self.result = ResultSection(ctx, timezone)
        self.narrative = NarrativeSection(ctx)
        self.sections: dict[str, Section] = {
            "stop": self.stop,
            "vehicle": self.vehicle,
            "people": self.people,
            "actions": self.actions_taken,
            "protection": self.protection,
            "seizures": self.seizures,
            "result": self.result,
            "narrative": self.narrative,
        }
        self.saver = Autosaver(ctx, "encounter", self.data, draft_id=draft_id, parent=self)
        self.submission = Submission(ctx, self.saver, self.seizures, self)
        self._build(draft_id)
        self._wire()
        self.retranslate()
        if draft_id is None:
            self.people.list.add()
            self._quiet = False
            QTimer.singleShot(0, self, self._first_focus)
        else:
            self._load(draft_id)

    # --- building --------------------------------------------------------------------------

    def _build(self, draft_id: str | None) -> None:
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.indicator = SaveIndicator(self.saver)
        self.indicator.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.indicator)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setObjectName("formBanner")
        self.banner.hide()
        self.content = QWidget()
        column = QVBoxLayout(self.content)
        column.setContentsMargins(16, 0, 24, 24)
        for section in self.sections.values():
            column.addWidget(section)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.content)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.index = SectionIndex(self.sections, SHORTCUTS, self.scroll_area)
        body = QHBoxLayout()
        body.addWidget(self.index)
        body.addWidget(self.scroll_area, 1)
        self.keys_hint = QLabel()
        self.keys_hint.setEnabled(False)
        self.check_button = QPushButton()
        self.close_button = QPushButton()
        self.finalize_button = QPushButton()
        footer = QHBoxLayout()
        footer.addWidget(self.keys_hint)
        footer.addStretch(1)
        for button in (self.check_button, self.close_button, self.finalize_button):
            button.setAutoDefault(True)
            footer.addWidget(button)
        root = QVBoxLayout(self)
        root.addLayout(header)
        root.addWidget(self.banner)
        root.addLayout(body, 1)
        root.addLayout(footer)
        self.content.setEnabled(draft_id is None)
        self.resize(1280, 800)

    def _wire(self) -> None:
        for section in self.sections.values():
            section.changed.connect(self._changed)
        self.people.people_changed.connect(self._people_changed)
        self.stop.checkpoint_changed.connect(self._checkpoint_changed)
        self.stop.stop_type_changed.connect(self._stop_type_changed)
        self.saver.created.connect(self._draft_created)
        self.saver.saved.connect(self._after_save)
        self.submission.checked.connect(self._checked)
        self.submission.invalid.connect(lambda problems: self.show_problems(problems, True))
        self.submission.finalized.connect(self._finalized)
        self.submission.failed.connect(lambda sentence: self._banner(sentence, problem=True))
        self.check_button.clicked.connect(self.check)
        self.close_button.clicked.connect(self.close_form)
        self.finalize_button.clicked.connect(self.finalize)
        self.ctx.signals.language_changed.connect(lambda _lang: self._render_problems(False))
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        bindings: list[tuple[QKeySequence | QKeySequence.StandardKey | str, Any]] = [
            (QKeySequence.StandardKey.Save, self.save_now),
            ("Ctrl+Return", self.finalize),
            ("Ctrl+Enter", self.finalize),
            ("F7", self.check),
            ("Escape", self.close_form),
        ]
        for sequence, slot in bindings:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        self.index.add_shortcuts(self)

    def _first_focus(self) -> None:
        self.stop.stop_type.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- data ------------------------------------------------------------------------------

    def data(self) -> JsonDict:
        """The draft's data as the record stores it (without id and reference number)."""
        out: JsonDict = dict(self._extra)
        for section in self.sections.values():
            out.update(section.data())
        if self.ctx.officer is not None:
            out["officer_id"] = self.ctx.officer.id
        return out

    def set_data(self, data: JsonDict) -> None:
        """Show a draft's data in every section."""
        quiet, self._quiet = self._quiet, True
        known: set[str] = {"id", "officer_id"}
        for section in self.sections.values():
            section.set_data(data)
            known |= set(section.data())
        self._timezone_to_sections(self.stop.timezone)
        self.seizures.set_checkpoint(self.stop.checkpoint.value() or "")
        self._people_changed(self.people.entries())
        # Keys this form does not edit are kept as they were (nothing read is lost).
        self._extra = {k: v for k, v in data.items() if k not in known}
        self._quiet = quiet

    def _load(self, draft_id: str) -> None:
        self.ctx.writer.submit(
            lambda profile: profile.services.drafts.get(draft_id), self._loaded, self._load_failed
        )

    def _loaded(self, draft: Draft) -> None:
        if not shiboken6.isValid(self):
            return
        self.saver.revision = draft.revision
        self.set_data(draft.data)
        self._loading = False
        self._quiet = False
        self.content.setEnabled(True)
        self.seizures.attach(draft.id)
        self._first_focus()
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        if not isinstance(error, KnownError):
            raise error
        self._banner(error.message, problem=True)

    @property
    def is_loaded(self) -> bool:
        """False while a reopened draft is still being read."""
        return not self._loading

    @property
    def draft_id(self) -> str | None:
        """The draft's id, once it exists."""
        return self.saver.draft_id

    # --- reacting to changes ---------------------------------------------------------------

    def _changed(self) -> None:
        if self._quiet or self.is_finalized:
            return
        self.saver.changed()

    def _people_changed(self, people: list[Any]) -> None:
        for section in self.sections.values():
            if section is not self.people:
                section.set_people(people)

    def _checkpoint_changed(self, code: str) -> None:
        self._timezone_to_sections(self.ctx.reference.checkpoint(code).timezone)
        self.seizures.set_checkpoint(code)

    def _timezone_to_sections(self, timezone: str) -> None:
        for section in self.sections.values():
            if section is not self.stop:
                section.set_timezone(timezone)

    def _stop_type_changed(self, stop_type: str) -> None:
        if stop_type == "vehicle" and not self._quiet:
            self.vehicle.set_involved(True)

    def _draft_created(self, draft_id: str) -> None:
        if not self._closing:  # the seizure editor would start on a program shutting down
            self.seizures.attach(draft_id)

    def _after_save(self, _draft: Draft) -> None:
        if self._problems and not self.submission.finalizing:
            self.submission.recheck()  # keep the marks in step with what was fixed

    def _ensure_draft(self, ready: Any) -> None:
        if self.saver.draft_id is not None:
            ready(self.saver.draft_id)
            return
        self.saver.save_now(then=lambda: ready(self.saver.draft_id))

    # --- actions ---------------------------------------------------------------------------

    def save_now(self) -> None:
        """Save the draft at once (Ctrl+S)."""
        if not self._loading and not self.is_finalized:
            self.saver.save_now()

    def close_form(self) -> None:
        """Close, keeping the draft (anything unsaved is saved first)."""
        if not self._loading and not self.is_finalized:
            self.saver.flush()
        self.closed.emit()
        if self.isWindow():
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        if not self._loading and not self.is_finalized:
            self.saver.flush()
        super().closeEvent(event)

    def check(self) -> None:
        """Save, then show every problem the core would report on finalizing (F7)."""
        if not self._loading and not self.is_finalized:
            self.submission.check()

    def finalize(self) -> None:
        """Save, then finalize the encounter and its seizures (Ctrl+Enter)."""
        if self._loading or self.is_finalized or self.submission.finalizing:
            return
        self._banner(self.tr("Finalizing…"))
        self.submission.finalize()

    def _checked(self, problems: list[Problem], focus: bool) -> None:
        if self.is_finalized:
            return
        had_problems = bool(self._problems)
        self.show_problems(problems, focus=focus)
        if not problems and (focus or had_problems):
            self._banner(self.tr("No problems found. Finalize with Ctrl+Enter."))

    def _finalized(self, outcome: Finalized) -> None:
        ids = list(outcome.record_ids)
        self.is_finalized = True
        self.saver.stop()
        self.show_problems([], focus=False)
        number = ""
        if outcome.events:
            number = str(outcome.events[0].payload.get("reference_number") or "")
        self._finalized_as = number or (ids[0] if ids else "")
        self.retranslate()
        text = self.tr("Finalized as %1. It is locked; changes are now addenda.").replace(
            "%1", self._finalized_as
        )
        self._banner(text)
        self.ctx.signals.message.emit(text)
        for widget in (self.content, self.check_button, self.finalize_button):
            widget.setEnabled(False)
        self.finalized.emit(ids)

    # --- problems --------------------------------------------------------------------------

    def slots(self) -> dict[Path, Slot]:
        """Every field's slot, by record path."""
        out: dict[Path, Slot] = {}
        for section in self.sections.values():
            out.update(section.slots())
        return out

    def show_problems(self, problems: list[Problem] | tuple[Problem, ...], focus: bool) -> None:
        """Show each problem beside its field; with ``focus``, go to the first one."""
        self._problems = list(problems)
        self._render_problems(focus)

    def _render_problems(self, focus: bool) -> None:
        if not shiboken6.isValid(self):
            return
        language = self.ctx.language
        shown = show_in_sections(
            self._problems, self.sections, language, self.seizures.show_problems
        )
        self.index.set_counts(shown.counts)
        if not self._problems:
            self.banner.hide()
            return
        count = len(self._problems)
        if count == 1:
            head = self.tr("Not finalized: 1 problem to fix, marked beside its field.")
        else:
            head = self.tr("Not finalized: %1 problems to fix, marked beside the fields.")
        lines = [head.replace("%1", str(count))]
        lines += [f"• {p.field}: {problem_text(p, language)}" for p in shown.unplaced]
        self._banner("\n".join(lines), problem=True)
        first = shown.first(focus_chain(self))
        if focus and first is not None:
            self.scroll_area.ensureWidgetVisible(first.error, 40, 120)
            self.scroll_area.ensureWidgetVisible(first.focus, 40, 120)
            first.focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _banner(self, text: str, problem: bool = False) -> None:
        self.banner.setStyleSheet(_BANNER_PROBLEM if problem else _BANNER_INFO)
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def jump_to(self, key: str) -> None:
        """Scroll to a section (e.g. "people") and put the cursor in its first field."""
        self.index.jump_to(key)

    # --- keys and language -----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QLineEdit | QComboBox | QAbstractSpinBox | QCheckBox):
                self.focusNextChild()  # Enter moves on, as on the paper form's next box
                return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab follows the layout top to bottom, including cards added later.
        return step_focus(self, next) or super().focusNextPrevChild(next)

    def retranslate(self) -> None:
        """Set every text of the form's frame (sections translate themselves)."""
        if self._finalized_as:
            title = self.tr("Encounter %1").replace("%1", self._finalized_as)
        else:
            title = self.tr("Encounter draft") if self._reopened else self.tr("New encounter")
        self.title.setText(title)
        self.setWindowTitle(title)
        self.check_button.setText(self.tr("Check (F7)"))
        self.close_button.setText(self.tr("Close (Esc)"))
        self.finalize_button.setText(self.tr("Finalize (Ctrl+Enter)"))
        self.keys_hint.setText(self.tr("Tab: next field · Ctrl+S: save now · Alt+letter: section"))
        if self._problems:
            self._render_problems(False)
        else:
            self.index.refresh()
        self.indicator.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            # After the sections have retranslated (children get the event after us).
            QTimer.singleShot(0, self, self.retranslate)
        super().changeEvent(event)
