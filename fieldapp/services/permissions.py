"""Who may do what: one table of actions, the roles allowed each, and their ownership rule.

Every service that writes (and the read side, which logs access) calls
:func:`check` before it changes anything, so no rule is enforced only by a
hidden button in the UI; the UI asks :func:`allowed` what to offer.

* An **officer** writes and finalizes their own drafts, records custody
  hand-overs, property returns and receipts, and adds addenda to the records
  they wrote.
* A **supervisor** does what an officer does, and also adds addenda to, and
  resolves conflicting changes of, any record made at a checkpoint their
  agency runs (reference data assigns officers to agencies, not to
  checkpoints, so "their checkpoint" is every checkpoint of their agency).
  A supervisor approves detentions and transfers to other agencies, never on
  a record of their own (see :mod:`fieldapp.services.approvals`).
* An **auditor** reads, searches and exports; every write is refused.

A record belongs to the officer who finalized it and to the officer it names
as its own (``officer_id``; for a custody transfer, the releasing officer).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from fieldapp.errors import NotFound, PermissionDenied
from fieldapp.services.actor import Actor, Role

__all__ = [
    "RULES",
    "Action",
    "Rule",
    "Scope",
    "Subject",
    "allowed",
    "check",
    "officer_entry",
    "record_subject",
]


class Action(StrEnum):
    """Everything the services let someone do, by name."""

    WRITE_DRAFT = "write_draft"
    FINALIZE = "finalize"
    ADD_ADDENDUM = "add_addendum"
    APPROVE = "approve"
    RESOLVE_CONFLICT = "resolve_conflict"
    TRANSFER_CUSTODY = "transfer_custody"
    RETURN_PROPERTY = "return_property"
    ISSUE_RECEIPT = "issue_receipt"
    READ = "read"
    EXPORT = "export"


class Scope(StrEnum):
    """Which subjects a role may act on."""

    ANY = "any"
    """Any record or draft."""
    OWN = "own"
    """Only what the actor wrote."""
    AGENCY = "agency"
    """What the actor wrote, and any record of a checkpoint the actor's agency runs."""
    NOT_OWN = "not_own"
    """Any record except the actor's own (nobody approves their own record)."""


@dataclass(frozen=True)
class Rule:
    """The roles allowed an action, each with its scope, and what a refused role reads."""

    roles: Mapping[Role, Scope]
    refused: str
    """The sentence for a role not allowed at all."""
    verb: str
    """The action done to a subject ("add addenda to"), for ownership refusals."""


def _read_only(what: str) -> str:
    return f"An auditor reads, searches and exports records but does not {what}."


_WRITERS = (Role.OFFICER, Role.SUPERVISOR)
_EVERYONE = (Role.OFFICER, Role.SUPERVISOR, Role.AUDITOR)

RULES: Mapping[Action, Rule] = {
    Action.WRITE_DRAFT: Rule(
        dict.fromkeys(_WRITERS, Scope.OWN), _read_only("write drafts"), "change"
    ),
    Action.FINALIZE: Rule(
        dict.fromkeys(_WRITERS, Scope.OWN), _read_only("finalize records"), "finalize"
    ),
    Action.ADD_ADDENDUM: Rule(
        {Role.OFFICER: Scope.OWN, Role.SUPERVISOR: Scope.AGENCY},
        _read_only("add addenda"),
        "add an addendum to",
    ),
    Action.APPROVE: Rule(
        {Role.SUPERVISOR: Scope.NOT_OWN},
        "Only a supervisor can approve a detention or a transfer to another agency.",
        "approve",
    ),
    Action.RESOLVE_CONFLICT: Rule(
        {Role.SUPERVISOR: Scope.AGENCY},
        "Only a supervisor can resolve conflicting changes.",
        "resolve the conflicting changes of",
    ),
    Action.TRANSFER_CUSTODY: Rule(
        dict.fromkeys(_WRITERS, Scope.ANY), _read_only("record custody hand-overs"), ""
    ),
    Action.RETURN_PROPERTY: Rule(
        dict.fromkeys(_WRITERS, Scope.ANY), _read_only("record property returns"), ""
    ),
    Action.ISSUE_RECEIPT: Rule(
        dict.fromkeys(_WRITERS, Scope.ANY), _read_only("issue receipts"), ""
    ),
    Action.READ: Rule(dict.fromkeys(_EVERYONE, Scope.ANY), "", ""),
    Action.EXPORT: Rule(dict.fromkeys(_EVERYONE, Scope.ANY), "", ""),
}


@dataclass(frozen=True)
class Subject:
    """What an action is taken on: how to name it, whom it belongs to, where it was made."""

    what: str
    """How a sentence names it ("encounter US-SYS-AB12-000001", "draft 0190...")."""
    owners: frozenset[str]
    """Officer ids it belongs to."""
    checkpoint: str | None = None
    """The checkpoint code of the record (a hand-over's is its seizure's)."""


def allowed(actor: Actor, action: Action) -> bool:
    """Whether the actor's role may take the action at all (on some subject)."""
    return actor.role in RULES[action].roles


def check(
    actor: Actor,
    action: Action,
    subject: Subject | None = None,
    reference: Mapping[str, Any] | None = None,
) -> None:
    """Raise :class:`PermissionDenied` unless ``actor`` may take ``action`` on ``subject``.

    Without a subject only the role is checked. ``reference`` is the device's
    reference data as JSON: which agency an officer belongs to, and which
    agency runs a checkpoint.
    """
    rule = RULES[action]
    scope = rule.roles.get(actor.role)
    if scope is None:
        raise PermissionDenied(rule.refused)
    if subject is None or scope is Scope.ANY:
        return
    own = actor.officer_id in subject.owners
    who = f"{actor.role.value.capitalize()} {actor.officer_id}"
    if scope is Scope.OWN and not own:
        who_may = (
            "its officer or a supervisor of its checkpoint"
            if action is Action.ADD_ADDENDUM
            else "that officer"
        )
        raise PermissionDenied(
            f"{who} cannot {rule.verb} {subject.what}: it belongs to "
            f"{_names(subject.owners)}, and only {who_may} can."
        )
    if scope is Scope.NOT_OWN and own:
        raise PermissionDenied(
            f"{who} cannot {rule.verb} {subject.what}: it is their own record; "
            "another supervisor must."
        )
    if scope is Scope.AGENCY and not own:
        agency = (officer_entry(actor.officer_id, reference) or {}).get("agency")
        runs = _checkpoint_agency(subject.checkpoint, reference)
        if not agency or agency != runs:
            where = f"checkpoint {subject.checkpoint}" if subject.checkpoint else "no checkpoint"
            raise PermissionDenied(
                f"{who} cannot {rule.verb} {subject.what}: it was made at {where}, "
                f"which is not run by {agency or 'their agency'}. A supervisor of its "
                "checkpoint can."
            )


def _names(owners: frozenset[str]) -> str:
    return " and ".join(sorted(owners)) or "another officer"


def officer_entry(officer_id: str, reference: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The reference-data entry of an officer (role, agency, ...), or None if not listed."""
    for entry in (reference or {}).get("officers", []):
        if entry.get("id") == officer_id:
            return dict(entry)
    return None


def _checkpoint_agency(code: str | None, reference: Mapping[str, Any] | None) -> str | None:
    for entry in (reference or {}).get("checkpoints", []) if code else []:
        if entry.get("code") == code:
            agency = entry.get("agency")
            return agency if isinstance(agency, str) and agency else None
    return None


_CREATING_KINDS = ("finalized", "custody_transferred", "property_returned")


def record_subject(conn: sqlite3.Connection, record_id: str) -> Subject:
    """A finalized record as a subject: its owners and its checkpoint (raises NotFound)."""
    row = conn.execute(
        "SELECT record_type, reference, officer_id, checkpoint, parent_id FROM records "
        "WHERE id = ?",
        (record_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"There is no finalized record {record_id}.")
    record_type, reference, officer_id, checkpoint, parent_id = row
    owners = {str(officer_id)} if officer_id else set()
    creator = conn.execute(
        "SELECT author FROM events WHERE record_id = ? AND kind IN (?, ?, ?) ORDER BY pos LIMIT 1",
        (record_id, *_CREATING_KINDS),
    ).fetchone()
    if creator is not None:
        owners.add(str(creator[0]))
    if not checkpoint and parent_id:
        # A hand-over or a return is made where its seizure was.
        parent = conn.execute("SELECT checkpoint FROM records WHERE id = ?", (parent_id,))
        found = parent.fetchone()
        checkpoint = found[0] if found is not None else None
    name = str(record_type).replace("_", " ")
    return Subject(
        what=f"{name} {reference or record_id}",
        owners=frozenset(owners),
        checkpoint=str(checkpoint) if checkpoint else None,
    )
