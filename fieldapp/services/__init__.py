"""Application services: the only way the UI and sync use the core.

Capture a draft, finalize it, add an addendum, approve, resolve a conflict,
transfer custody, return property, search, list, and read a record's history.
Each takes the acting officer, checks what their role allows
(:mod:`fieldapp.services.permissions`), validates, and writes through the
store's single writer; none of them asks the caller to write SQL. Reading a
whole record and exporting leave a signed trace (:mod:`fieldapp.services.access`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fieldapp.services.actor import Actor, Role

if TYPE_CHECKING:
    from fieldapp.services.facade import FieldServices

__all__ = ["Actor", "FieldServices", "Role"]


def __getattr__(name: str) -> Any:
    # FieldServices pulls in every record model; importing it lazily lets
    # light users (sign-in, the actor type) start without them.
    if name == "FieldServices":
        from fieldapp.services.facade import FieldServices

        return FieldServices
    raise AttributeError(name)
