"""Addenda: the only way a finalized record changes, as dated additions with a reason.

Business-rule codes are the values of ``AddendumRule`` plus ``CommonRule.TEXT_REQUIRED``:

- ``addendum_empty``: neither text nor a correction.
- ``narrative_locked``: a correction touches the narrative (the officer's first
  account is locked at finalization; add text instead).
- ``field_locked``: a correction touches an identifying field (``id``,
  ``reference_number``, ``seizure_number``, ``officer_id``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, JsonValue, StringConstraints, field_validator

from fieldapp.models.common import (
    Moment,
    RecordModel,
    RuleViolation,
    is_blank,
    require_text,
    violation,
)


class AddendumRule(StrEnum):
    """Business-rule error codes raised by ``Addendum``."""

    ADDENDUM_EMPTY = "addendum_empty"
    NARRATIVE_LOCKED = "narrative_locked"
    FIELD_LOCKED = "field_locked"


_SEGMENT = r"(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)"
CorrectionPath = Annotated[
    str, StringConstraints(pattern=rf"^[A-Za-z_][A-Za-z0-9_]*(?:\.{_SEGMENT})*$")
]
"""A dotted path into a record's JSON, list indices as numbers: ``people.0.name``."""

LOCKED_FIELDS = frozenset({"id", "reference_number", "seizure_number", "officer_id"})
"""Top-level fields that identify a record and never change."""


class Correction(RecordModel):
    """One corrected value at a path in the record."""

    path: CorrectionPath
    value: JsonValue

    @field_validator("value")
    @classmethod
    def _no_floats(cls, value: JsonValue) -> JsonValue:
        # Corrections are hashed as canonical JSON, which has no floats:
        # amounts are written as decimal text ("12.5").
        stack: list[Any] = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, float):
                raise ValueError('numbers with a fraction must be given as text, e.g. "12.5"')
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
        return value


class Addendum(RecordModel):
    """A dated addition to a finalized record: a reason, text and/or corrections."""

    reason: str
    text: str = ""
    corrections: list[Correction] = Field(default_factory=list)
    written_at: Moment

    def rule_violations(self) -> Iterator[RuleViolation]:
        """Yield every business-rule violation of this addendum."""
        yield from require_text(self.reason, ("reason",), "the reason for the addendum")
        if is_blank(self.text) and not self.corrections:
            yield violation(
                AddendumRule.ADDENDUM_EMPTY,
                ("text",),
                "an addendum needs text or at least one correction.",
                self.text,
            )
        for index, correction in enumerate(self.corrections):
            head = correction.path.split(".", 1)[0]
            loc = ("corrections", index, "path")
            if head == "narrative":
                yield violation(
                    AddendumRule.NARRATIVE_LOCKED,
                    loc,
                    "the narrative is locked at finalization; add the account as addendum text.",
                    correction.path,
                )
            elif head in LOCKED_FIELDS:
                yield violation(
                    AddendumRule.FIELD_LOCKED,
                    loc,
                    f"the field {head!r} identifies the record and cannot be corrected.",
                    correction.path,
                )


def apply_corrections(data: dict[str, Any], corrections: Sequence[Correction]) -> dict[str, Any]:
    """Return a copy of ``data`` with each correction's value set at its path, in order.

    Raises ``ValueError`` naming the path when it does not exist in ``data``.
    """
    result = copy.deepcopy(data)
    for correction in corrections:
        *parents, last = correction.path.split(".")
        container: Any = result
        for depth, segment in enumerate(parents):
            container = _step(container, segment, correction.path, parents[: depth + 1])
        _step(container, last, correction.path, [*parents, last])
        if isinstance(container, list):
            container[int(last)] = copy.deepcopy(correction.value)
        else:
            container[last] = copy.deepcopy(correction.value)
    return result


def _step(container: Any, segment: str, path: str, walked: list[str]) -> Any:
    where = ".".join(walked)
    if isinstance(container, dict):
        if segment not in container:
            raise ValueError(f"Correction path {path!r} does not exist: no field at {where!r}.")
        return container[segment]
    if isinstance(container, list):
        if not segment.isdigit() or int(segment) >= len(container):
            raise ValueError(
                f"Correction path {path!r} does not exist: {where!r} is not an index "
                f"of a list of {len(container)}."
            )
        return container[int(segment)]
    raise ValueError(f"Correction path {path!r} does not exist: {where!r} is inside a plain value.")
