"""Custody records: hand-overs in an item's chain of custody, and returns of a detainee's property.

A transfer between a US and a Mexican agency is one link in one chain, so
``Party`` carries its agency and country rather than being split by country.

Business-rule codes are the values of ``CustodyRule`` plus ``CommonRule``'s
``text_required`` and ``exhibit_number_duplicate``:

- ``exhibit_numbers_required``: a transfer or return names no exhibit.
- ``seal_broken_reason_required``: the seal was not intact and no reason is given.
- ``purpose_detail_required``: purpose ``other`` without saying what it is.
- ``released_to_self``: the same officer releases and receives.
- ``receiving_agency_required``: property handed to the next agency without naming it.
- ``signature_required``: a return, or a transfer's signature mark, with neither a
  signature nor "declined to sign".
- ``signature_conflict``: a return or a signature mark both signed and marked
  declined to sign.
- ``officer_note_required``: declined to sign without the officer's note.
- ``signature_role_duplicate``: a transfer carries two signature marks of one role.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from fieldapp.models.common import (
    CommonRule,
    CountryCode,
    Loc,
    Moment,
    NoInformation,
    RecordModel,
    RuleViolation,
    Sha256Hex,
    duplicate_positions,
    is_blank,
    require_text,
    violation,
)


class CustodyRule(StrEnum):
    """Business-rule error codes raised by ``CustodyTransfer`` and ``PropertyReturn``."""

    EXHIBIT_NUMBERS_REQUIRED = "exhibit_numbers_required"
    SEAL_BROKEN_REASON_REQUIRED = "seal_broken_reason_required"
    PURPOSE_DETAIL_REQUIRED = "purpose_detail_required"
    RELEASED_TO_SELF = "released_to_self"
    RECEIVING_AGENCY_REQUIRED = "receiving_agency_required"
    SIGNATURE_REQUIRED = "signature_required"
    SIGNATURE_CONFLICT = "signature_conflict"
    OFFICER_NOTE_REQUIRED = "officer_note_required"
    SIGNATURE_ROLE_DUPLICATE = "signature_role_duplicate"


class TransferPurpose(StrEnum):
    """Why custody changes hands."""

    STORAGE = "storage"
    LABORATORY_ANALYSIS = "laboratory_analysis"
    PROSECUTION = "prosecution"
    RETURN_TO_OWNER = "return_to_owner"
    TRANSFER_TO_AGENCY = "transfer_to_agency"
    DESTRUCTION = "destruction"
    OTHER = "other"


class ReturnOutcome(StrEnum):
    """What became of a detained person's own property."""

    RETURNED_TO_PERSON = "returned_to_person"
    HANDED_TO_NEXT_AGENCY = "handed_to_next_agency"


class SignatureRole(StrEnum):
    """Who signs a receipt or a hand-over."""

    OFFICER = "officer"
    WITNESS = "witness"
    PERSON = "person"
    RELEASED_BY = "released_by"
    RECEIVED_BY = "received_by"


class SignatureMark(RecordModel):
    """One signature on a record: the hash of the drawn PNG, or "declined to sign" with a note.

    The PNG itself is an attachment (``fieldapp.attachments``) named by ``sha256``.
    Its rules are checked by the record that holds it, at the mark's own
    locations (see :func:`signature_violations`).
    """

    role: SignatureRole
    sha256: Sha256Hex | None = None
    declined: bool = False
    note: str | None = None


def signature_violations(
    marks: Sequence[SignatureMark], loc: Loc = ("signatures",)
) -> Iterator[RuleViolation]:
    """Yield every rule broken by a list of signature marks held at ``loc``.

    Each mark is signed or declined, never both nor neither; declining needs the
    officer's note; a role signs at most once.
    """
    seen: set[SignatureRole] = set()
    for index, mark in enumerate(marks):
        at: Loc = (*loc, index)
        if mark.declined and mark.sha256 is not None:
            yield violation(
                CustodyRule.SIGNATURE_CONFLICT,
                (*at, "sha256"),
                "a signature marked declined to sign cannot also carry a signature.",
                mark.sha256,
            )
        elif not mark.declined and mark.sha256 is None:
            yield violation(
                CustodyRule.SIGNATURE_REQUIRED,
                (*at, "sha256"),
                "give the signature or mark that the signer declined to sign.",
                None,
            )
        if mark.declined and _blank_or_none(mark.note):
            yield violation(
                CustodyRule.OFFICER_NOTE_REQUIRED,
                (*at, "note"),
                "when the signer declines to sign, the officer must add a note.",
                mark.note,
            )
        if mark.role in seen:
            yield violation(
                CustodyRule.SIGNATURE_ROLE_DUPLICATE,
                (*at, "role"),
                f"the {mark.role.value.replace('_', ' ')} signature is given more than once.",
                mark.role.value,
            )
        seen.add(mark.role)


class Party(RecordModel):
    """One side of a hand-over: an officer of any agency, US or Mexican."""

    officer_id: str | None = None
    name: str | NoInformation
    agency: str
    id_number: str | NoInformation
    country: CountryCode


class CustodyTransfer(RecordModel):
    """One hand-over of exhibits from one custodian to the next."""

    id: str
    seizure_id: str
    sequence: Annotated[int, Field(ge=1)]
    exhibit_numbers: list[str]
    transferred_at: Moment
    released_by: Party
    received_by: Party
    purpose: TransferPurpose
    purpose_detail: str | None = None
    route: str
    seal_intact: bool
    seal_broken_reason: str | None = None
    condition: str
    signatures: list[SignatureMark] = Field(default_factory=list)

    def rule_violations(self) -> Iterator[RuleViolation]:
        """Yield every business-rule violation of this transfer."""
        yield from _exhibit_rules(self.exhibit_numbers)
        for side in ("released_by", "received_by"):
            party: Party = getattr(self, side)
            yield from require_text(party.agency, (side, "agency"), "the agency")
        released, received = self.released_by.officer_id, self.received_by.officer_id
        if released is not None and released == received:
            yield violation(
                CustodyRule.RELEASED_TO_SELF,
                ("received_by", "officer_id"),
                "the receiving officer must differ from the releasing officer.",
                received,
            )
        if self.purpose is TransferPurpose.OTHER and _blank_or_none(self.purpose_detail):
            yield violation(
                CustodyRule.PURPOSE_DETAIL_REQUIRED,
                ("purpose_detail",),
                "say what the purpose is when it is other.",
                self.purpose_detail,
            )
        yield from require_text(self.route, ("route",), "the route or means of transport")
        if not self.seal_intact and _blank_or_none(self.seal_broken_reason):
            yield violation(
                CustodyRule.SEAL_BROKEN_REASON_REQUIRED,
                ("seal_broken_reason",),
                "say why the seal was not intact.",
                self.seal_broken_reason,
            )
        yield from require_text(self.condition, ("condition",), "the condition")
        yield from signature_violations(self.signatures)


class PropertyReturn(RecordModel):
    """Return of a detained or repatriated person's own property, or its handover onward."""

    id: str
    seizure_id: str
    exhibit_numbers: list[str]
    returned_at: Moment
    returned_to: str | NoInformation
    person_ref: str | None = None
    officer_id: str
    outcome: ReturnOutcome
    receiving_agency: str | None = None
    signature_hash: Sha256Hex | None = None
    declined_to_sign: bool = False
    officer_note: str | None = None

    def rule_violations(self) -> Iterator[RuleViolation]:
        """Yield every business-rule violation of this return."""
        yield from _exhibit_rules(self.exhibit_numbers)
        if self.outcome is ReturnOutcome.HANDED_TO_NEXT_AGENCY and _blank_or_none(
            self.receiving_agency
        ):
            yield violation(
                CustodyRule.RECEIVING_AGENCY_REQUIRED,
                ("receiving_agency",),
                "name the agency the property was handed to.",
                self.receiving_agency,
            )
        if self.declined_to_sign:
            if self.signature_hash is not None:
                yield violation(
                    CustodyRule.SIGNATURE_CONFLICT,
                    ("signature_hash",),
                    "a return marked declined to sign cannot also carry a signature.",
                    self.signature_hash,
                )
            if _blank_or_none(self.officer_note):
                yield violation(
                    CustodyRule.OFFICER_NOTE_REQUIRED,
                    ("officer_note",),
                    "when the person declines to sign, the officer must add a note.",
                    self.officer_note,
                )
        elif self.signature_hash is None:
            yield violation(
                CustodyRule.SIGNATURE_REQUIRED,
                ("signature_hash",),
                "give the receiver's signature or mark that they declined to sign.",
                None,
            )


def _blank_or_none(value: str | None) -> bool:
    return value is None or is_blank(value)


def _exhibit_rules(numbers: list[str]) -> Iterator[RuleViolation]:
    loc: Loc = ("exhibit_numbers",)
    if not numbers:
        yield violation(
            CustodyRule.EXHIBIT_NUMBERS_REQUIRED, loc, "name at least one exhibit number.", []
        )
    for index, number in duplicate_positions(numbers):
        yield violation(
            CommonRule.EXHIBIT_NUMBER_DUPLICATE,
            (*loc, index),
            f"exhibit number {number!r} is listed more than once.",
            number,
        )
    for index, number in enumerate(numbers):
        yield from require_text(number, (*loc, index), "the exhibit number")
