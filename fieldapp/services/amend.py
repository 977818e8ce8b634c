"""Addenda and conflict resolution: how a finalized record changes, with its original kept."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from fieldapp.canonical import to_plain
from fieldapp.errors import NotFound, PermissionDenied, Problem, RecordInvalid
from fieldapp.events import Event, Kind, now
from fieldapp.models import Addendum, Correction, apply_corrections
from fieldapp.services.actor import Actor, Role
from fieldapp.services.validation import problems_from, validate
from fieldapp.store.store import Store


class Amendments:
    """Add addenda to finalized records and settle concurrent changes."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _record(self, record_id: str) -> tuple[str, str, dict[str, Any], int]:
        row = self.store.conn.execute(
            "SELECT record_type, head_hash, data, needs_review FROM records WHERE id = ?",
            (record_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"There is no finalized record {record_id}.")
        return row[0], row[1], json.loads(row[2]), int(row[3])

    def add_addendum(
        self,
        record_id: str,
        actor: Actor,
        *,
        reason: str,
        text: str = "",
        corrections: list[dict[str, Any]] | None = None,
        base: str | None = None,
    ) -> Event:
        """Append a dated addendum; corrections must leave the record valid."""
        if actor.role == Role.AUDITOR:
            raise PermissionDenied("An auditor reads records but does not add addenda.")
        record_type, head, data, _ = self._record(record_id)
        try:
            addendum = Addendum(
                reason=reason,
                text=text,
                corrections=[Correction.model_validate(c) for c in corrections or []],
                written_at=now(),
            )
        except ValidationError as exc:
            raise RecordInvalid("addendum", problems_from(exc)) from exc
        if addendum.corrections:
            try:
                corrected = apply_corrections(data, addendum.corrections)
            except ValueError as exc:
                raise RecordInvalid(
                    "addendum", [Problem(("corrections",), "bad_path", str(exc))]
                ) from exc
            validate(record_type, corrected, what=f"{record_type} as corrected")
        with self.store.transaction() as db:
            return self.store.append(
                db,
                record_id=record_id,
                record_type=record_type,
                kind=Kind.ADDENDUM,
                author=actor.officer_id,
                payload=to_plain(addendum),
                base=base or head,
            )

    def heads(self, record_id: str) -> list[str]:
        """Ids of the concurrent changes of a record awaiting review (empty if none)."""
        rows = self.store.conn.execute(
            "SELECT event_id FROM record_heads WHERE record_id = ? ORDER BY event_id",
            (record_id,),
        ).fetchall()
        return [r[0] for r in rows]

    def resolve_conflict(
        self, record_id: str, actor: Actor, *, winner_event_id: str, note: str
    ) -> Event:
        """A supervisor settles concurrent changes by choosing the one that stands."""
        if actor.role != Role.SUPERVISOR:
            raise PermissionDenied("Only a supervisor can resolve conflicting changes.")
        record_type, _, _, needs_review = self._record(record_id)
        if not needs_review:
            raise RecordInvalid(
                "resolution", [Problem((), "no_conflict", "this record has no conflict to resolve")]
            )
        if not note.strip():
            raise RecordInvalid(
                "resolution", [Problem(("note",), "text_required", "say why this change stands")]
            )
        rows = self.store.conn.execute(
            "SELECT e.id, e.hash FROM events e JOIN record_heads h ON h.event_id = e.id "
            "WHERE h.record_id = ?",
            (record_id,),
        ).fetchall()
        heads = {r[0]: r[1] for r in rows}
        if not heads:
            heads = {
                r[0]: r[1]
                for r in self.store.conn.execute(
                    "SELECT id, hash FROM events WHERE record_id = ? ORDER BY pos DESC LIMIT 1",
                    (record_id,),
                )
            }
        if winner_event_id not in heads:
            raise RecordInvalid(
                "resolution",
                [
                    Problem(
                        ("winner_event_id",),
                        "not_a_head",
                        "choose one of the record's concurrent changes",
                    )
                ],
            )
        payload = {
            "resolves": sorted(heads.values()),
            "winner_event_id": winner_event_id,
            "note": note.strip(),
            "resolved_at": now().isoformat(),
        }
        with self.store.transaction() as db:
            return self.store.append(
                db,
                record_id=record_id,
                record_type=record_type,
                kind=Kind.CONFLICT_RESOLVED,
                author=actor.officer_id,
                payload=payload,
                base=heads[winner_event_id],
            )
