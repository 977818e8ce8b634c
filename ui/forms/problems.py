"""Putting the core's problems beside the fields they concern.

A :class:`fieldapp.errors.Problem` carries a path such as
``("people", 1, "name")`` or ``("protection_flags", 0, "referral")``. Each form
section registers a :class:`Slot` (error label and widget to focus) per path;
a problem goes to the slot of its longest registered prefix, so
``("people", 1, "document", "number")`` still lands on the second person's card
if the document number had no slot of its own.

:func:`check_draft` runs the core's checks on a saved draft without
finalizing it (the "Check" action).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtWidgets import QWidget

from fieldapp.errors import Problem
from fieldapp.profile import Profile
from fieldapp.services.actor import Actor
from ui.forms.section import Section
from ui.forms.widgets import Path, Slot
from ui.messages import problem_text

#: Stand-in for numbers the core assigns only when finalizing (never stored).


def locate(path: Path, slots: Mapping[Path, Slot]) -> Slot | None:
    """The slot of the longest registered prefix of ``path``."""
    for length in range(len(path), -1, -1):
        slot = slots.get(path[:length])
        if slot is not None:
            return slot
    return None


@dataclass
class Placement:
    """Problems grouped by the error label they are shown in."""

    #: (slot, problems) in the order the slots were first used.
    placed: list[tuple[Slot, list[Problem]]] = field(default_factory=list)
    #: Problems no slot takes (shown at the top of the form).
    unplaced: list[Problem] = field(default_factory=list)


def place(problems: Iterable[Problem], slots: Mapping[Path, Slot]) -> Placement:
    """Group problems by the error label of their field."""
    out = Placement()
    by_label: dict[int, list[Problem]] = {}
    for problem in problems:
        slot = locate(tuple(problem.path), slots) if problem.path else None
        if slot is None:
            out.unplaced.append(problem)
            continue
        key = id(slot.error)
        if key not in by_label:
            by_label[key] = []
            out.placed.append((slot, by_label[key]))
        by_label[key].append(problem)
    return out


def show(placement: Placement, language: str) -> None:
    """Write each group's sentences into its error label."""
    for slot, problems in placement.placed:
        texts = list(dict.fromkeys(problem_text(p, language) for p in problems))
        slot.error.show_text("\n".join(texts))


@dataclass
class Shown:
    """What a form shows after placing its problems."""

    #: Problems per section key (for the section index).
    counts: dict[str, int]
    #: Groups of problems and the slot each went to.
    placed: list[tuple[Slot, list[Problem]]]
    #: Problems no field takes (the form lists them at the top).
    unplaced: list[Problem]

    def first(self, order: Sequence[QWidget]) -> Slot | None:
        """The slot that comes first in ``order`` (the form's top-to-bottom fields)."""
        if not self.placed:
            return None
        rank = {id(widget): i for i, widget in enumerate(order)}
        return min(self.placed, key=lambda pair: rank.get(id(pair[0].focus), len(rank)))[0]


def show_in_sections(
    problems: Sequence[Problem],
    sections: Mapping[str, Section],
    language: str,
    seizures: Callable[[list[Problem]], bool] | None = None,
) -> Shown:
    """Clear every error label of ``sections``, then show ``problems`` beside their fields.

    Problems at ``("seizures", i, ...)`` go to ``seizures`` (the seizure
    editor); if it takes none, they are placed like any other.
    """
    slots: dict[Path, Slot] = {}
    for section in sections.values():
        section.error.clear_text()
        slots.update(section.slots())
    for slot in slots.values():
        slot.error.clear_text()
    of_seizures = [p for p in problems if p.path[:1] == ("seizures",)]
    others = [p for p in problems if p.path[:1] != ("seizures",)]
    if seizures is None or not seizures(of_seizures):
        others += of_seizures
    placement = place(others, slots)
    show(placement, language)
    counts = dict.fromkeys(sections, 0)
    for problem in problems:
        for key, section in sections.items():
            if locate(tuple(problem.path), section.slots()) is not None:
                counts[key] += 1
                break
    return Shown(counts, placement.placed, placement.unplaced)


def check_draft(profile: Profile, draft_id: str, actor: Actor) -> list[Problem]:
    """The problems finalizing this draft (and its child seizures) would report now.

    Runs on the writer thread; the core's dry run changes nothing.
    """
    return profile.services.finalizer.check(draft_id, actor)
