"""Domain models for encounters, seizures, custody and addenda, with their business rules.

Validate with ``Model.model_validate(data)`` to apply the business rules, or
with ``context=skip_rules_context()`` for records re-read from storage.
``RECORD_MODELS`` maps each record type name to its model.
"""

from __future__ import annotations

from fieldapp.models.addendum import (
    LOCKED_FIELDS,
    Addendum,
    AddendumRule,
    Correction,
    apply_corrections,
)
from fieldapp.models.common import (
    NOT_APPLICABLE,
    NOT_RECORDED,
    REFUSED,
    UNKNOWN,
    CommonRule,
    NoInformation,
    NotApplicable,
    Quantity,
    RecordModel,
    RuleViolation,
    rules_enabled,
    skip_rules_context,
)
from fieldapp.models.custody import (
    CustodyRule,
    CustodyTransfer,
    Party,
    PropertyReturn,
    ReturnOutcome,
    TransferPurpose,
)
from fieldapp.models.encounter import (
    Actions,
    AgeRange,
    ContactNotice,
    Detention,
    DetentionType,
    Encounter,
    EncounterResult,
    EncounterRule,
    ForceType,
    Handover,
    IdentityDocument,
    Location,
    PartnerAgency,
    Person,
    PersonRole,
    ProtectionFlag,
    ProtectionKind,
    ReceiptGiven,
    ReceiptMedium,
    Referral,
    Restraint,
    Search,
    StopType,
    UseOfForce,
    Vehicle,
)
from fieldapp.models.seizure import (
    Approval,
    ApprovalLevel,
    CurrencyCount,
    CustodyStart,
    DenominationLine,
    FieldTest,
    FieldTestResult,
    Item,
    ItemCategory,
    Package,
    PackageKind,
    SeizedFrom,
    Seizure,
    SeizureReason,
    SeizureRule,
)

RECORD_MODELS: dict[str, type[RecordModel]] = {
    "encounter": Encounter,
    "seizure": Seizure,
    "custody_transfer": CustodyTransfer,
    "property_return": PropertyReturn,
}

RULE_CODES: frozenset[str] = frozenset(
    code.value
    for enum in (CommonRule, EncounterRule, SeizureRule, CustodyRule, AddendumRule)
    for code in enum
)
"""Every business-rule error code, for the UI's translation table."""

__all__ = [
    "LOCKED_FIELDS",
    "NOT_APPLICABLE",
    "NOT_RECORDED",
    "RECORD_MODELS",
    "REFUSED",
    "RULE_CODES",
    "UNKNOWN",
    "Actions",
    "Addendum",
    "AddendumRule",
    "AgeRange",
    "Approval",
    "ApprovalLevel",
    "CommonRule",
    "ContactNotice",
    "Correction",
    "CurrencyCount",
    "CustodyRule",
    "CustodyStart",
    "CustodyTransfer",
    "DenominationLine",
    "Detention",
    "DetentionType",
    "Encounter",
    "EncounterResult",
    "EncounterRule",
    "FieldTest",
    "FieldTestResult",
    "ForceType",
    "Handover",
    "IdentityDocument",
    "Item",
    "ItemCategory",
    "Location",
    "NoInformation",
    "NotApplicable",
    "Package",
    "PackageKind",
    "PartnerAgency",
    "Party",
    "Person",
    "PersonRole",
    "PropertyReturn",
    "ProtectionFlag",
    "ProtectionKind",
    "Quantity",
    "ReceiptGiven",
    "ReceiptMedium",
    "RecordModel",
    "Referral",
    "Restraint",
    "ReturnOutcome",
    "RuleViolation",
    "Search",
    "SeizedFrom",
    "Seizure",
    "SeizureReason",
    "SeizureRule",
    "StopType",
    "TransferPurpose",
    "UseOfForce",
    "Vehicle",
    "apply_corrections",
    "rules_enabled",
    "skip_rules_context",
]
