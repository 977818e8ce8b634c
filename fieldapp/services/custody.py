"""Custody: every hand-over of seized items, and the return of a detained person's property."""

from __future__ import annotations

import json
from typing import Any

from fieldapp.canonical import to_plain
from fieldapp.errors import NotFound, Problem, RecordInvalid, RecordLocked
from fieldapp.events import Event, Kind
from fieldapp.ids import uuid7
from fieldapp.services.actor import Actor
from fieldapp.services.permissions import Action, check
from fieldapp.services.validation import validate
from fieldapp.store.eventlog import record_events
from fieldapp.store.store import Store


class Custody:
    """Record custody transfers and property returns against finalized seizures."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _seizure(self, seizure_id: Any) -> dict[str, Any]:
        row = self.store.conn.execute(
            "SELECT data FROM records WHERE id = ? AND record_type = 'seizure'", (seizure_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"There is no finalized seizure {seizure_id}.")
        return dict(json.loads(row[0]))

    def _record(self, record_type: str, kind: str, data: dict[str, Any], actor: Actor) -> Event:
        check(
            actor,
            Action.RETURN_PROPERTY if record_type == "property_return" else Action.TRANSFER_CUSTODY,
        )
        body = dict(data)
        body.setdefault("id", uuid7())
        seizure = self._seizure(body.get("seizure_id"))
        held = {str(i.get("exhibit_number")) for i in seizure.get("items") or []}
        missing = [
            Problem(
                ("exhibit_numbers", i), "unknown_exhibit", f"exhibit {e!r} is not in the seizure"
            )
            for i, e in enumerate(body.get("exhibit_numbers") or [])
            if str(e) not in held
        ]
        if missing:
            raise RecordInvalid(record_type.replace("_", " "), missing)
        if record_type == "property_return" and not seizure.get("detained_person_property"):
            raise RecordInvalid(
                "property return",
                [
                    Problem(
                        ("seizure_id",),
                        "not_personal_property",
                        "only a detained person's own property is returned this way; "
                        "use a custody transfer",
                    )
                ],
            )
        model = validate(record_type, body)
        payload = to_plain(model)
        with self.store.transaction() as db:
            held = db.execute(
                "SELECT payload FROM events WHERE record_id = ? AND kind = ? ORDER BY pos LIMIT 1",
                (payload["id"], kind),
            ).fetchone()
            if held is not None:
                # A retry or double tap: the hand-over is recorded once.
                if json.loads(held[0]) != payload:
                    raise RecordLocked(
                        f"Hand-over {payload['id']} is already recorded with other details; "
                        "add an addendum to correct it."
                    )
                return record_events(db, payload["id"])[0]
            return self.store.append(
                db,
                record_id=payload["id"],
                record_type=record_type,
                kind=kind,
                author=actor.officer_id,
                payload=payload,
            )

    def transfer(self, data: dict[str, Any], actor: Actor) -> Event:
        """Record one hand-over of one or more items of a seizure."""
        return self._record("custody_transfer", Kind.CUSTODY_TRANSFERRED, data, actor)

    def return_property(self, data: dict[str, Any], actor: Actor) -> Event:
        """Record a detained person's property given back (or handed to the next agency)."""
        return self._record("property_return", Kind.PROPERTY_RETURNED, data, actor)

    def chain(self, seizure_id: str, exhibit_number: str) -> list[dict[str, Any]]:
        """Every hand-over of one item, oldest first, as stored records."""
        rows = self.store.conn.execute(
            "SELECT r.data FROM custody_links c JOIN records r ON r.id = c.transfer_id "
            "WHERE c.seizure_id = ? AND c.exhibit_number = ? ORDER BY c.transferred_at, r.rowid",
            (seizure_id, exhibit_number),
        ).fetchall()
        return [json.loads(r[0]) for r in rows]
