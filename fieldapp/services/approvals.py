"""Approvals of detentions and transfers to other agencies: by a supervisor, never on their own.

A seizure carries its approvals (``approvals``: level, approving officer,
time, note). They reach a record two ways, and both are held to the rule of
:data:`~fieldapp.services.permissions.RULES` for ``approve``:

* **at finalization**, as the paper form has the supervisor sign on the spot:
  each named approver must be a supervisor in the reference data, and neither
  the record's officer nor the officer finalizing it (:func:`approval_problems`,
  reported beside the field like any other problem);
* **later**, by the supervisor themself, signed in: an approval added or
  changed by an addendum must be the acting supervisor's own, on a record not
  their own (:func:`check_approval_changes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldapp.errors import PermissionDenied, Problem
from fieldapp.services.actor import Actor
from fieldapp.services.permissions import RULES, Action, Subject, check, officer_entry

__all__ = [
    "APPROVAL_FIELD",
    "approval_problems",
    "check_approval_changes",
    "may_approve",
]

APPROVAL_FIELD = "approvals"


def may_approve(role: str | None) -> bool:
    """Whether officers of this role may be named as approvers."""
    return role in {r.value for r in RULES[Action.APPROVE].roles}


def approval_problems(
    data: Mapping[str, Any], actor: Actor, reference: Mapping[str, Any] | None
) -> list[Problem]:
    """What is wrong with the approvals a record is finalized with (empty if nothing)."""
    approvals = data.get(APPROVAL_FIELD)
    if not isinstance(approvals, list):
        return []
    own = {actor.officer_id, data.get("officer_id")}
    problems = []
    for index, approval in enumerate(approvals):
        approver = approval.get("officer_id") if isinstance(approval, dict) else None
        if not isinstance(approver, str) or not approver:
            continue  # a missing approver is the record model's to report
        path: tuple[str | int, ...] = (APPROVAL_FIELD, index, "officer_id")
        entry = officer_entry(approver, reference)
        if reference is not None and entry is None:
            problems.append(
                Problem(
                    path, "unknown_officer", f"officer {approver!r} is not in the reference data"
                )
            )
        elif entry is not None and not may_approve(entry.get("role")):
            problems.append(
                Problem(
                    path,
                    "approver_not_supervisor",
                    f"{approver} is not a supervisor; only a supervisor approves",
                )
            )
        elif approver in own:
            problems.append(
                Problem(
                    path,
                    "approver_is_own_officer",
                    "nobody approves their own record; another supervisor must",
                )
            )
    return problems


def _changed(before: Any, after: Any) -> list[dict[str, Any]]:
    old = [a for a in before if isinstance(a, dict)] if isinstance(before, list) else []
    new = [a for a in after if isinstance(a, dict)] if isinstance(after, list) else []
    return [a for a in new if a not in old] + [a for a in old if a not in new]


def check_approval_changes(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    actor: Actor,
    subject: Subject,
    reference: Mapping[str, Any] | None,
) -> None:
    """Refuse an addendum that adds, changes or removes approvals not the actor's own."""
    changed = _changed(before.get(APPROVAL_FIELD), after.get(APPROVAL_FIELD))
    if not changed:
        return
    check(actor, Action.APPROVE, subject, reference)
    others = sorted({str(a.get("officer_id")) for a in changed} - {actor.officer_id})
    if others:
        raise PermissionDenied(
            f"{actor.role.value.capitalize()} {actor.officer_id} can add, change or withdraw "
            f"only their own approval, not one by {', '.join(others)}; each supervisor "
            "approves in their own session."
        )
