"""Finalizing: a draft (with its child seizure drafts) becomes events, in one transaction.

Either every record of the draft is validated, logged, projected and the
drafts removed, or nothing changes and the draft stays as it was. Finalizing a
draft that was already finalized (a double tap, a retry after a crash) returns
the records it made instead of making them twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldapp.errors import Problem, RecordInvalid, RecordLocked
from fieldapp.events import Event, Kind
from fieldapp.services.actor import Actor
from fieldapp.services.approvals import approval_problems
from fieldapp.services.drafts import Draft, Drafts, draft_subject
from fieldapp.services.permissions import Action, check
from fieldapp.services.validation import reference_problems, validate
from fieldapp.store.store import Store


@dataclass(frozen=True)
class Finalized:
    """What a finalize produced: the record ids and their events (empty if already done)."""

    record_ids: tuple[str, ...]
    events: tuple[Event, ...]
    already_finalized: bool = False


#: Stands in for numbers assigned at finalization when a draft is only checked.
PENDING_NUMBER = "PENDING"


def reference_number(store: Store, db: Any, prefix: str, checkpoint: Any) -> str:
    """``CHECKPOINT-DEVICE-NNNNNN``: unique without a network (per-device counter)."""
    code = checkpoint if isinstance(checkpoint, str) and checkpoint else "NOCHK"
    n = store.next_counter(db, f"{prefix}_number")
    letter = "" if prefix == "encounter" else prefix[0].upper()
    return f"{code}-{store.device.device_code}-{letter}{n:06d}"


class Finalizer:
    """Turns drafts into finalized records."""

    def __init__(self, store: Store, drafts: Drafts) -> None:
        self.store = store
        self.drafts = drafts

    def finalize(self, draft_id: str, actor: Actor) -> Finalized:
        """Validate and log a draft and its children; raises RecordInvalid, losing nothing.

        Only the officer (or supervisor) who started the draft finalizes it.
        """
        check(actor, Action.FINALIZE)
        try:
            draft = self.drafts.get(draft_id)
        except RecordLocked:
            # The record exists already: a repeated finalize returns what it made.
            children = self.store.conn.execute(
                "SELECT id FROM records WHERE id = ? OR (parent_id = ? AND record_type = "
                "'seizure') ORDER BY rowid",
                (draft_id, draft_id),
            ).fetchall()
            return Finalized(tuple(r[0] for r in children), (), already_finalized=True)
        check(actor, Action.FINALIZE, draft_subject(draft.id, draft.officer_id))
        children = self.drafts.children(draft.id) if draft.record_type == "encounter" else []
        with self.store.transaction() as db:
            records = self._prepare(draft, children, actor, db)
            problems, models = self._validate(records, actor)
            if problems:
                raise RecordInvalid(draft.record_type.replace("_", " "), problems)
            events = []
            for record_type, record_id, model in models:
                kind = {
                    "custody_transfer": Kind.CUSTODY_TRANSFERRED,
                    "property_return": Kind.PROPERTY_RETURNED,
                }.get(record_type, Kind.FINALIZED)
                events.append(
                    self.store.append(
                        db,
                        record_id=record_id,
                        record_type=record_type,
                        kind=kind,
                        author=actor.officer_id,
                        payload=model,
                    )
                )
            db.execute("DELETE FROM drafts WHERE parent_id = ?", (draft.id,))
            db.execute("DELETE FROM drafts WHERE id = ?", (draft.id,))
        return Finalized(tuple(e.record_id for e in events), tuple(events))

    def check(self, draft_id: str, actor: Actor) -> list[Problem]:
        """What finalizing the draft would report now, changing nothing (the UI's "Check").

        Numbers assigned at finalization (reference and seizure numbers) are
        stood in for, so they never count as missing and no counter is used.
        """
        draft = self.drafts.get(draft_id)
        children = self.drafts.children(draft.id) if draft.record_type == "encounter" else []
        problems, _ = self._validate(self._prepare(draft, children, actor, db=None), actor)
        return problems

    def _validate(
        self, records: list[tuple[str, dict[str, Any]]], actor: Actor
    ) -> tuple[list[Problem], list[tuple[str, str, Any]]]:
        """Problems of every record (children located under ``seizures[i]``), and the models."""
        reference = self.store.reference_data()
        problems: list[Problem] = []
        models = []
        prefixes = [(), *[("seizures", i) for i in range(len(records) - 1)]]
        for (record_type, data), prefix in zip(records, prefixes, strict=True):
            found = list(reference_problems(record_type, data, reference))
            found += approval_problems(data, actor, reference)
            try:
                models.append((record_type, str(data["id"]), validate(record_type, data)))
            except RecordInvalid as exc:
                found += exc.problems
            problems += [Problem(prefix + p.path, p.code, p.message) for p in found]
        return problems, models

    def _number(self, db: Any, prefix: str, checkpoint: Any) -> str:
        # Without a transaction (a check), a stand-in: no counter is used up.
        if db is None:
            return PENDING_NUMBER
        return reference_number(self.store, db, prefix, checkpoint)

    def _prepare(
        self, draft: Draft, children: list[Draft], actor: Actor, db: Any
    ) -> list[tuple[str, dict[str, Any]]]:
        data = dict(draft.data)  # a fresh parse of the stored draft; ours to fill in
        data["id"] = draft.id
        if draft.record_type in ("encounter", "seizure"):
            data.setdefault("officer_id", actor.officer_id)
        if draft.record_type == "encounter":
            if not data.get("reference_number"):
                data["reference_number"] = self._number(db, "encounter", data.get("checkpoint"))
            actions = data.setdefault("actions", {})
            if isinstance(actions, dict):
                ids = list(actions.get("seizure_ids") or [])
                actions["seizure_ids"] = ids + [c.id for c in children if c.id not in ids]
        if draft.record_type == "seizure" and not data.get("seizure_number"):
            data["seizure_number"] = self._number(db, "seizure", data.get("checkpoint"))
        out = [(draft.record_type, data)]
        for child in children:
            child_data = dict(child.data)
            child_data["id"] = child.id
            child_data["encounter_id"] = draft.id
            child_data.setdefault("officer_id", actor.officer_id)
            child_data.setdefault("checkpoint", data.get("checkpoint"))
            if not child_data.get("seizure_number"):
                child_data["seizure_number"] = self._number(
                    db, "seizure", child_data.get("checkpoint")
                )
            out.append((child.record_type, child_data))
        return out
