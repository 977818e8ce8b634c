"""Drafts: mutable, autosaved working copies that survive a crash until finalized.

A draft is saved whole on every autosave (a few hundred bytes to a few
kilobytes), durably, with a revision number so that two windows saving the
same draft cannot silently overwrite each other. A draft belongs to the officer
who started it: only they save, finalize or discard it, and auditors write none
(:mod:`fieldapp.services.permissions`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fieldapp.errors import KnownError, NotFound, RecordLocked
from fieldapp.events import now
from fieldapp.ids import uuid7
from fieldapp.services.actor import Actor
from fieldapp.services.permissions import Action, Subject, check
from fieldapp.store.store import Store

DRAFT_TYPES = ("encounter", "seizure", "custody_transfer", "property_return")


class DraftConflict(KnownError):
    """The draft was saved elsewhere since it was opened here."""


@dataclass(frozen=True)
class Draft:
    """A draft as stored."""

    id: str
    record_type: str
    parent_id: str | None
    officer_id: str
    data: dict[str, Any]
    created_at: str
    updated_at: str
    revision: int


def _row_to_draft(row: Any) -> Draft:
    return Draft(
        id=row[0],
        record_type=row[1],
        parent_id=row[2],
        officer_id=row[3],
        data=json.loads(row[4]),
        created_at=row[5],
        updated_at=row[6],
        revision=row[7],
    )


def draft_subject(draft_id: str, officer_id: str) -> Subject:
    """A draft as the subject of a permission check: it belongs to the officer who started it."""
    return Subject(what=f"draft {draft_id}", owners=frozenset({officer_id}))


_COLUMNS = "id, record_type, parent_id, officer_id, data, created_at, updated_at, revision"


class Drafts:
    """Create, autosave, read and discard drafts."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def create(
        self,
        actor: Actor,
        record_type: str,
        data: dict[str, Any] | None = None,
        parent_id: str | None = None,
    ) -> Draft:
        """A new draft; its id becomes the record's id when finalized."""
        check(actor, Action.WRITE_DRAFT)
        if record_type not in DRAFT_TYPES:
            raise KnownError(f"There is no such kind of record as {record_type!r}.")
        draft_id = uuid7()
        stamp = now().isoformat()
        body = dict(data or {})
        body["id"] = draft_id
        with self.store.transaction() as db:
            db.execute(
                f"INSERT INTO drafts ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                (
                    draft_id,
                    record_type,
                    parent_id,
                    actor.officer_id,
                    json.dumps(body, ensure_ascii=False),
                    stamp,
                    stamp,
                ),
            )
        return self.get(draft_id)

    def save(
        self,
        draft_id: str,
        data: dict[str, Any],
        expected_revision: int | None = None,
        *,
        actor: Actor,
    ) -> Draft:
        """Autosave the whole draft; refuses if someone saved a newer revision meanwhile."""
        check(actor, Action.WRITE_DRAFT)
        body = dict(data)
        body["id"] = draft_id
        text = json.dumps(body, ensure_ascii=False)
        with self.store.transaction() as db:
            row = db.execute(
                "SELECT revision, officer_id FROM drafts WHERE id = ?", (draft_id,)
            ).fetchone()
            if row is None:
                self._missing(draft_id)
            check(actor, Action.WRITE_DRAFT, draft_subject(draft_id, row[1]))
            if expected_revision is not None and row[0] != expected_revision:
                raise DraftConflict(
                    "This draft was changed in another window since you opened it; "
                    "reopen it to see those changes. Nothing was overwritten."
                )
            db.execute(
                "UPDATE drafts SET data = ?, updated_at = ?, revision = revision + 1 WHERE id = ?",
                (text, now().isoformat(), draft_id),
            )
        return self.get(draft_id)

    def _missing(self, draft_id: str) -> None:
        held = self.store.conn.execute("SELECT 1 FROM records WHERE id = ?", (draft_id,))
        if held.fetchone() is not None:
            raise RecordLocked("This record is already finalized; add an addendum to change it.")
        raise NotFound(f"There is no draft {draft_id}.")

    def get(self, draft_id: str) -> Draft:
        """One draft."""
        row = self.store.conn.execute(
            f"SELECT {_COLUMNS} FROM drafts WHERE id = ?", (draft_id,)
        ).fetchone()
        if row is None:
            self._missing(draft_id)
        return _row_to_draft(row)

    def unfinished(self, officer_id: str | None = None) -> list[Draft]:
        """Every unfinished draft (of one officer), oldest first: offered after a crash."""
        sql = f"SELECT {_COLUMNS} FROM drafts"
        params: tuple[str, ...] = ()
        if officer_id is not None:
            sql += " WHERE officer_id = ?"
            params = (officer_id,)
        rows = self.store.conn.execute(sql + " ORDER BY created_at, id", params).fetchall()
        return [_row_to_draft(r) for r in rows]

    def children(self, parent_id: str) -> list[Draft]:
        """Drafts linked to a parent draft (seizures of an encounter)."""
        rows = self.store.conn.execute(
            f"SELECT {_COLUMNS} FROM drafts WHERE parent_id = ? ORDER BY created_at, id",
            (parent_id,),
        ).fetchall()
        return [_row_to_draft(r) for r in rows]

    def discard(self, draft_id: str, *, actor: Actor) -> None:
        """Throw a draft away (it was never evidence); its children go with it."""
        check(actor, Action.WRITE_DRAFT)
        with self.store.transaction() as db:
            row = db.execute("SELECT officer_id FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            if row is not None:
                check(actor, Action.WRITE_DRAFT, draft_subject(draft_id, row[0]))
            db.execute("DELETE FROM drafts WHERE parent_id = ?", (draft_id,))
            db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
