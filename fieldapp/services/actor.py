"""Who is acting: the officer on duty and their role."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """Roles from reference data; what each may do is enforced by the services."""

    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    AUDITOR = "auditor"


@dataclass(frozen=True)
class Actor:
    """The officer performing an action (internal id, never the badge number)."""

    officer_id: str
    role: Role = Role.OFFICER
