"""One object that bundles the application services over one store."""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldapp.services.access import AccessLog
from fieldapp.services.amend import Amendments
from fieldapp.services.custody import Custody
from fieldapp.services.drafts import Drafts
from fieldapp.services.finalize import Finalizer
from fieldapp.services.shifts import Shifts
from fieldapp.store.store import Store


@dataclass
class FieldServices:
    """The services the UI and sync are given (constructed, never global)."""

    store: Store
    drafts: Drafts = field(init=False)
    finalizer: Finalizer = field(init=False)
    amendments: Amendments = field(init=False)
    custody: Custody = field(init=False)
    shifts: Shifts = field(init=False)
    access: AccessLog = field(init=False)

    def __post_init__(self) -> None:
        self.drafts = Drafts(self.store)
        self.finalizer = Finalizer(self.store, self.drafts)
        self.amendments = Amendments(self.store)
        self.custody = Custody(self.store)
        self.shifts = Shifts(self.store)
        self.access = AccessLog(self.store)
