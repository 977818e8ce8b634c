"""Pieces the parts of the seizure editor share: officer pickers, amounts, problem placement.

Kept apart from ``ui/forms/widgets.py`` (the encounter form's shared field
widgets, which these build on) because only the seizure editor needs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from fieldapp.errors import Problem
from fieldapp.models.reference import Officer, Role
from ui.context import UiContext
from ui.forms.widgets import DateTimeField, EnumCombo, Path, Slot
from ui.messages import problem_text

NOT_APPLICABLE = {"empty": "not_applicable"}

_AMOUNT = re.compile(r"^(\d+(\.\d*)?|\.\d+)$")
_INTEGER = re.compile(r"^\d+$")


def parse_amount(text: str) -> Decimal | None:
    """An exact amount typed by the officer ("12", "0.5", "1250.00"), or None if it is not one.

    Thousands separators and decimal commas are refused rather than guessed:
    "1,250" means 1250 in Texas and 1.25 in much of the world.
    """
    text = text.strip()
    if not _AMOUNT.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


def parse_count(text: str) -> int | None:
    """A whole count typed by the officer, or None if it is not one."""
    text = text.strip()
    return int(text) if _INTEGER.match(text) else None


def amount_error(text: str) -> str:
    """The sentence shown beside a field whose text is not an amount (empty if it is)."""
    if not text.strip() or parse_amount(text) is not None:
        return ""
    return QCoreApplication.translate(
        "SeizureFields", "“%1” is not a number; type digits with a point for decimals, e.g. 12.5."
    ).replace("%1", text.strip())


def count_error(text: str) -> str:
    """The sentence shown beside a count that is not a whole number (empty if it is)."""
    if not text.strip() or parse_count(text) is not None:
        return ""
    return QCoreApplication.translate(
        "SeizureFields", "“%1” is not a whole number of notes or coins."
    ).replace("%1", text.strip())


def money(amount: Decimal) -> str:
    """An amount as receipts print it: thousands separated, two decimals (1,250.00)."""
    return f"{amount:,.2f}"


def ref_name(ctx: UiContext, entry: object) -> str:
    """A reference entry's name in the officer's language."""
    if ctx.language == "es":
        return str(getattr(entry, "name_es", None) or getattr(entry, "name_en", ""))
    return str(getattr(entry, "name_en", None) or getattr(entry, "name", ""))


def checkpoint_code(ctx: UiContext, code: str | None = None) -> str | None:
    """The checkpoint the seizure happens at: the one given, else the shift's."""
    if code:
        return code
    return ctx.shift.checkpoint if ctx.shift is not None else None


def checkpoint_timezone(ctx: UiContext, code: str | None) -> str:
    """The IANA time zone of a checkpoint (UTC when it is unknown)."""
    found = ctx.reference.checkpoints_by_code.get(code or "")
    return found.timezone if found is not None else "UTC"


def rezone(field: DateTimeField, timezone: str) -> None:
    """Show the same moment in another checkpoint's zone (the encounter's checkpoint is known).

    ``DateTimeField.set_timezone`` keeps the wall-clock time, which is right when
    the officer corrects the zone of a time they typed; when the program learns
    the checkpoint, the moment already recorded (a stored time, or "now") must stay.
    """
    value = field.value()
    field.set_timezone(timezone)
    if isinstance(value, str):
        field.set_value(value)


def on_duty(ctx: UiContext) -> str | None:
    """The internal id of the officer signed in."""
    return ctx.officer.id if ctx.officer is not None else None


def officer_label(officer: Officer) -> str:
    """How officers are named in pickers: name and badge number."""
    return f"{officer.name} · {officer.badge_number}"


def officers_for(
    ctx: UiContext,
    checkpoint: str | None,
    *,
    exclude: Iterable[str] = (),
    supervisors: bool = False,
) -> list[Officer]:
    """Officers who may witness, count, seal or approve: active, no auditors.

    Officers of the checkpoint's country come first (they are the ones on the
    spot), then the others, each group by name.
    """
    skip = set(exclude)
    found = ctx.reference.checkpoints_by_code.get(checkpoint or "")
    country = found.country if found is not None else None
    agencies = ctx.reference.agencies_by_code
    chosen = [
        o
        for o in ctx.reference.officers
        if o.active and o.role is not Role.AUDITOR and o.id not in skip
        if not supervisors or o.role is Role.SUPERVISOR
    ]

    def key(officer: Officer) -> tuple[int, str]:
        agency = agencies.get(officer.agency)
        same = agency is not None and agency.country == country
        return (0 if same else 1, officer.name)

    return sorted(chosen, key=key)


class OfficerCombo(EnumCombo):
    """Picks an officer from reference data; the blank entry means nobody (yet)."""

    def __init__(
        self,
        ctx: UiContext,
        *,
        exclude_on_duty: bool = False,
        supervisors: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(placeholder=True, parent=parent)
        self.ctx = ctx
        self.exclude_on_duty = exclude_on_duty
        self.supervisors = supervisors
        self._blank = ""
        self.set_checkpoint(checkpoint_code(ctx))

    def set_checkpoint(self, checkpoint: str | None) -> None:
        """Offer the officers for this checkpoint, keeping the current choice."""
        skip = [on_duty(self.ctx) or ""] if self.exclude_on_duty else []
        officers = officers_for(self.ctx, checkpoint, exclude=skip, supervisors=self.supervisors)
        if self.supervisors and not officers:
            officers = officers_for(self.ctx, checkpoint, exclude=skip)
        self.set_values([o.id for o in officers], {o.id: officer_label(o) for o in officers})
        self.set_blank(self._blank)

    def set_blank(self, text: str) -> None:
        """The text of the "nobody" entry (translated by the owner)."""
        self._blank = text
        self.setItemText(0, text)


def problem_sentence(problem: Problem, language: str) -> str:
    """The sentence shown for a problem, in the officer's language."""
    return problem_text(problem, language)


def relative(problem: Problem, depth: int) -> Problem:
    """The problem with the first ``depth`` parts of its path taken off."""
    return Problem(problem.path[depth:], problem.code, problem.message)


def best_slot(slots: Mapping[Path, Slot], path: Path) -> Path | None:
    """The longest path in ``slots`` that ``path`` starts with."""
    for cut in range(len(path), -1, -1):
        if path[:cut] in slots:
            return path[:cut]
    return None


def show_in_slots(
    slots: Mapping[Path, Slot], problems: Sequence[Problem], language: str
) -> list[Problem]:
    """Put each problem's sentence beside its field; return those with no place here."""
    texts: dict[Path, list[str]] = {}
    homeless = []
    for problem in problems:
        where = best_slot(slots, problem.path)
        if where is None:
            homeless.append(problem)
            continue
        sentence = problem_sentence(problem, language)
        if sentence not in texts.setdefault(where, []):
            texts[where].append(sentence)
    for where, lines in texts.items():
        slots[where].error.show_text("\n".join(lines))
    return homeless


def clear_slots(slots: Mapping[Path, Slot]) -> None:
    """Hide every problem sentence."""
    for slot in slots.values():
        slot.error.clear_text()
