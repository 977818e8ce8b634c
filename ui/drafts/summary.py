"""One line that says what a draft holds: its people, its plate, its seizures.

The drafts page and the recovery dialog show these so the officer recognizes
a stop ("Ana López, refused · plate 8ABC123 · 1 seizure") without opening it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from fieldapp.services.drafts import Draft


def _count(n: int, one: str, many: str) -> str:
    """``one`` or ``many`` (with %1 for the number): both translated whole, no plural rules."""
    return one if n == 1 else many.replace("%1", str(n))


def top_level(drafts: Iterable[Draft]) -> list[Draft]:
    """Drafts that are not part of another draft in the list (seizures of an encounter)."""
    drafts = list(drafts)
    ids = {d.id for d in drafts}
    return [d for d in drafts if d.parent_id is None or d.parent_id not in ids]


def child_counts(drafts: Iterable[Draft]) -> dict[str, int]:
    """How many child drafts (seizures) each draft has."""
    counts: dict[str, int] = {}
    for draft in drafts:
        if draft.parent_id is not None:
            counts[draft.parent_id] = counts.get(draft.parent_id, 0) + 1
    return counts


def kind_label(record_type: str) -> str:
    """The kind of record a draft will become."""
    labels = {
        "encounter": QCoreApplication.translate("DraftSummary", "Encounter"),
        "seizure": QCoreApplication.translate("DraftSummary", "Seizure"),
        "custody_transfer": QCoreApplication.translate("DraftSummary", "Custody transfer"),
        "property_return": QCoreApplication.translate("DraftSummary", "Property return"),
    }
    return labels.get(record_type, record_type)


def saved_label(updated_at: str, now: dt.datetime | None = None) -> str:
    """When the draft was last saved, in the device's local time (time only if today)."""
    try:
        moment = dt.datetime.fromisoformat(updated_at).astimezone()
    except ValueError:
        return updated_at
    today = (now or dt.datetime.now().astimezone()).date()
    if moment.date() == today:
        return moment.strftime("%H:%M:%S")
    return moment.strftime("%Y-%m-%d %H:%M")


def _name(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    reason = value.get("reason") if isinstance(value, dict) else None
    if reason == "refused":
        return QCoreApplication.translate("DraftSummary", "name refused")
    if reason == "unknown":
        return QCoreApplication.translate("DraftSummary", "name unknown")
    return QCoreApplication.translate("DraftSummary", "no name yet")


def summary(draft: Draft, seizures: int = 0) -> str:
    """What the draft holds, in one line."""
    data = draft.data
    parts: list[str] = []
    people = data.get("people")
    if isinstance(people, list) and people:
        names = ", ".join(_name(p.get("name")) for p in people if isinstance(p, dict))
        parts.append(
            _count(
                len(people),
                QCoreApplication.translate("DraftSummary", "1 person: "),
                QCoreApplication.translate("DraftSummary", "%1 people: "),
            )
            + names
        )
    vehicle = data.get("vehicle")
    if isinstance(vehicle, dict) and isinstance(vehicle.get("plate"), str):
        parts.append(
            QCoreApplication.translate("DraftSummary", "plate %1").replace("%1", vehicle["plate"])
        )
    items = data.get("items")
    if isinstance(items, list) and items:
        parts.append(
            _count(
                len(items),
                QCoreApplication.translate("DraftSummary", "1 item"),
                QCoreApplication.translate("DraftSummary", "%1 items"),
            )
        )
    if seizures:
        parts.append(
            _count(
                seizures,
                QCoreApplication.translate("DraftSummary", "1 seizure"),
                QCoreApplication.translate("DraftSummary", "%1 seizures"),
            )
        )
    reason = data.get("reason")
    if not parts and isinstance(reason, str) and reason.strip():
        parts.append(reason.strip())
    return (
        " · ".join(parts)
        if parts
        else QCoreApplication.translate("DraftSummary", "nothing typed yet")
    )


def describe(drafts: Sequence[Draft]) -> list[tuple[Draft, str, str, str]]:
    """Each top-level draft with its kind, last-saved time and summary."""
    counts = child_counts(drafts)
    return [
        (d, kind_label(d.record_type), saved_label(d.updated_at), summary(d, counts.get(d.id, 0)))
        for d in top_level(drafts)
    ]
