"""Addenda, approvals and conflict resolution: how a finalized record changes, original kept.

Who may do each is :mod:`fieldapp.services.permissions`'s to say: an officer
adds addenda to their own records, a supervisor to any record of their
agency's checkpoints; only a supervisor approves or resolves conflicts.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from fieldapp.canonical import to_plain
from fieldapp.errors import NotFound, Problem, RecordInvalid
from fieldapp.events import Event, Kind, now
from fieldapp.models import Addendum, Approval, Correction, apply_corrections
from fieldapp.services.actor import Actor
from fieldapp.services.approvals import APPROVAL_FIELD, check_approval_changes
from fieldapp.services.permissions import Action, check, record_subject
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
        """Append a dated addendum; corrections must leave the record valid.

        Raises:
            PermissionDenied: an auditor; an officer on a record not their own;
                a supervisor on a record of another agency's checkpoint; an
                approval added, changed or withdrawn that is not the actor's own.
        """
        check(actor, Action.ADD_ADDENDUM)
        record_type, head, data, _ = self._record(record_id)
        reference = self.store.reference_data()
        subject = record_subject(self.store.conn, record_id)
        check(actor, Action.ADD_ADDENDUM, subject, reference)
        addendum, corrected = self._addendum(record_type, data, reason, text, corrections)
        if any(c.path.split(".", 1)[0] == APPROVAL_FIELD for c in addendum.corrections):
            check_approval_changes(data, corrected, actor, subject, reference)
        return self._append(record_id, record_type, actor, addendum, base or head)

    def approve(self, record_id: str, actor: Actor, *, level: str, note: str = "") -> Event:
        """A supervisor approves a seizure (a detention, or a transfer to another agency).

        The approval is added to the seizure's approvals by a dated addendum
        written by the approving supervisor, who may not approve their own record.
        """
        check(actor, Action.APPROVE)
        record_type, head, data, _ = self._record(record_id)
        if record_type != "seizure" or not isinstance(data.get(APPROVAL_FIELD), list):
            raise RecordInvalid(
                "approval",
                [Problem((), "not_approvable", "only a seizure carries approvals")],
            )
        check(actor, Action.APPROVE, record_subject(self.store.conn, record_id))
        try:
            approval = Approval.model_validate(
                {
                    "level": level,
                    "officer_id": actor.officer_id,
                    "approved_at": now(),
                    "note": note.strip() or None,
                }
            )
        except ValidationError as exc:
            raise RecordInvalid("approval", problems_from(exc)) from exc
        held = data[APPROVAL_FIELD]
        if any(
            a.get("level") == approval.level.value and a.get("officer_id") == actor.officer_id
            for a in held
            if isinstance(a, dict)
        ):
            raise RecordInvalid(
                "approval",
                [Problem(("level",), "already_approved", "you have already given this approval")],
            )
        value = [*held, to_plain(approval)]
        addendum, _ = self._addendum(
            record_type,
            data,
            f"Approval ({approval.level.value.replace('_', ' ')})",
            note.strip(),
            [{"path": APPROVAL_FIELD, "value": value}],
        )
        return self._append(record_id, record_type, actor, addendum, head)

    def _addendum(
        self,
        record_type: str,
        data: dict[str, Any],
        reason: str,
        text: str,
        corrections: list[dict[str, Any]] | None,
    ) -> tuple[Addendum, dict[str, Any]]:
        """The addendum, validated, and the record as it would read with its corrections."""
        try:
            addendum = Addendum(
                reason=reason,
                text=text,
                corrections=[Correction.model_validate(c) for c in corrections or []],
                written_at=now(),
            )
        except ValidationError as exc:
            raise RecordInvalid("addendum", problems_from(exc)) from exc
        if not addendum.corrections:
            return addendum, data
        try:
            corrected = apply_corrections(data, addendum.corrections)
        except ValueError as exc:
            raise RecordInvalid(
                "addendum", [Problem(("corrections",), "bad_path", str(exc))]
            ) from exc
        validate(record_type, corrected, what=f"{record_type} as corrected")
        return addendum, corrected

    def _append(
        self, record_id: str, record_type: str, actor: Actor, addendum: Addendum, base: str
    ) -> Event:
        with self.store.transaction() as db:
            return self.store.append(
                db,
                record_id=record_id,
                record_type=record_type,
                kind=Kind.ADDENDUM,
                author=actor.officer_id,
                payload=to_plain(addendum),
                base=base,
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
        """A supervisor of the record's checkpoint settles concurrent changes: one stands."""
        check(actor, Action.RESOLVE_CONFLICT)
        record_type, _, _, needs_review = self._record(record_id)
        check(
            actor,
            Action.RESOLVE_CONFLICT,
            record_subject(self.store.conn, record_id),
            self.store.reference_data(),
        )
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
