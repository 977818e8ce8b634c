"""The encounter record: one stop of people and/or a vehicle at a checkpoint.

Fields follow the IPH, PACE Code A, RIPA stop data and the LNRD detention
register (see DOMAIN.md). Business-rule codes are the values of
``EncounterRule`` plus ``CommonRule.TEXT_REQUIRED``:

- ``people_required``: an encounter lists at least one person.
- ``person_ref_duplicate``: two people share a ``person_ref``.
- ``person_ref_unknown``: a flag, detention, search, use of force or restraint
  names a ``person_ref`` that is not in ``people``.
- ``primary_partner_duplicate``: more than one partner agency is primary.
- ``ended_before_started``: ``ended_at`` precedes ``started_at``.
- ``location_required``: neither a landmark nor coordinates.
- ``coordinates_incomplete``: only one of latitude and longitude.
- ``vehicle_required``: a vehicle stop, or a search of "vehicle", without a vehicle.
- ``referral_required``: a minor or fear-of-return flag without a referral.
- ``medical_care_required``: an injury/illness flag that does not say whether
  medical care was given.
- ``detention_required``: result ``arrest_detention`` without a detention.
- ``detention_authority_required``: a detention without the authority handed to.
- ``contact_without_consent``: a contact notified without the person's consent.
- ``handover_required``: result ``handover`` without a handover block.
- ``force_reason_required``: a use of force without a reason.
- ``search_basis_required``: a search without consent and without a stated basis.
- ``receipt_medium_mismatch``: receipt given but medium ``none``, or the reverse.
- ``narrative_required``: an empty narrative.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from fieldapp.models.common import (
    NOT_APPLICABLE,
    ExactDecimal,
    Loc,
    Moment,
    NationalityCode,
    NoInformation,
    NotApplicable,
    RecordModel,
    RuleViolation,
    duplicate_positions,
    is_blank,
    require_text,
    violation,
)


class EncounterRule(StrEnum):
    """Business-rule error codes raised by ``Encounter``."""

    PEOPLE_REQUIRED = "people_required"
    PERSON_REF_DUPLICATE = "person_ref_duplicate"
    PERSON_REF_UNKNOWN = "person_ref_unknown"
    PRIMARY_PARTNER_DUPLICATE = "primary_partner_duplicate"
    ENDED_BEFORE_STARTED = "ended_before_started"
    LOCATION_REQUIRED = "location_required"
    COORDINATES_INCOMPLETE = "coordinates_incomplete"
    VEHICLE_REQUIRED = "vehicle_required"
    REFERRAL_REQUIRED = "referral_required"
    MEDICAL_CARE_REQUIRED = "medical_care_required"
    DETENTION_REQUIRED = "detention_required"
    DETENTION_AUTHORITY_REQUIRED = "detention_authority_required"
    CONTACT_WITHOUT_CONSENT = "contact_without_consent"
    HANDOVER_REQUIRED = "handover_required"
    FORCE_REASON_REQUIRED = "force_reason_required"
    SEARCH_BASIS_REQUIRED = "search_basis_required"
    RECEIPT_MEDIUM_MISMATCH = "receipt_medium_mismatch"
    NARRATIVE_REQUIRED = "narrative_required"


class StopType(StrEnum):
    """Kind of stop, as the stop-data forms classify it."""

    PRIMARY_INSPECTION = "primary_inspection"
    SECONDARY_INSPECTION = "secondary_inspection"
    PEDESTRIAN = "pedestrian"
    VEHICLE = "vehicle"
    RESCUE_WELFARE = "rescue_welfare"
    OTHER = "other"


class PersonRole(StrEnum):
    """A person's part in the stop."""

    DRIVER = "driver"
    PASSENGER = "passenger"
    PEDESTRIAN = "pedestrian"
    OTHER = "other"


class AgeRange(StrEnum):
    """Apparent age band, for when no date of birth is known."""

    AGE_0_11 = "age_0_11"
    AGE_12_17 = "age_12_17"
    AGE_18_29 = "age_18_29"
    AGE_30_49 = "age_30_49"
    AGE_50_PLUS = "age_50_plus"


class ForceType(StrEnum):
    """Kind of force used, from least to most severe."""

    VERBAL_COMMAND = "verbal_command"
    PHYSICAL_CONTROL = "physical_control"
    RESTRAINTS = "restraints"
    LESS_LETHAL = "less_lethal"
    FIREARM_POINTED = "firearm_pointed"
    FIREARM_DISCHARGED = "firearm_discharged"
    OTHER = "other"


class ProtectionKind(StrEnum):
    """Vulnerability an officer must flag and act on."""

    MINOR_ACCOMPANIED = "minor_accompanied"
    MINOR_UNACCOMPANIED = "minor_unaccompanied"
    INJURY_ILLNESS = "injury_illness"
    DISABILITY = "disability"
    FEAR_OF_RETURN_ASYLUM = "fear_of_return_asylum"
    TRAFFICKING_INDICATORS = "trafficking_indicators"


class EncounterResult(StrEnum):
    """How the stop ended."""

    NO_ACTION = "no_action"
    WARNING = "warning"
    CITATION = "citation"
    ARREST_DETENTION = "arrest_detention"
    RELEASE = "release"
    HANDOVER = "handover"


class DetentionType(StrEnum):
    """Legal footing of a detention (LNRD / CNPP categories)."""

    IN_FLAGRANTE = "in_flagrante"
    WARRANT = "warrant"
    ADMINISTRATIVE = "administrative"
    IMMIGRATION = "immigration"
    OTHER = "other"


class ReceiptMedium(StrEnum):
    """How the person was given their copy of the record."""

    PAPER = "paper"
    ELECTRONIC = "electronic"
    NONE = "none"


class PartnerAgency(RecordModel):
    """Another agency taking part in the stop."""

    agency: str
    primary: bool = False


class Location(RecordModel):
    """Where the stop happened: a landmark and/or coordinates, never a residence address."""

    landmark: str | None = None
    latitude: Annotated[ExactDecimal, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[ExactDecimal, Field(ge=-180, le=180)] | None = None


class Vehicle(RecordModel):
    """The vehicle involved in the stop."""

    plate: str | NoInformation
    plate_issuer: str | NoInformation
    make: str | NoInformation
    model: str | NoInformation
    colour: str | NoInformation
    vin: str | NoInformation | NotApplicable
    year: Annotated[int, Field(ge=1886, le=2200)] | NoInformation


class IdentityDocument(RecordModel):
    """An identity document the person showed."""

    doc_type: str
    number: str
    issuer: str | NoInformation


class Person(RecordModel):
    """One person in the stop; identifying details are never required (Code A)."""

    person_ref: str
    role: PersonRole
    name: str | NoInformation
    date_of_birth: date | NoInformation
    age_range: AgeRange | NoInformation
    nationality: NationalityCode | NoInformation
    document: IdentityDocument | NotApplicable | NoInformation
    language: str | NoInformation
    interpreter_used: bool = False


class Search(RecordModel):
    """A search of a person (by ``person_ref``) or of the vehicle (target ``"vehicle"``)."""

    target: str
    with_consent: bool
    basis: str
    result: str


class UseOfForce(RecordModel):
    """Force used on a person, with the reason for it."""

    person_ref: str
    force_type: ForceType
    reason: str
    injury_caused: bool


class Restraint(RecordModel):
    """A restraint applied to a person."""

    person_ref: str
    kind: str
    reason: str


class Actions(RecordModel):
    """What the officer did during the stop."""

    searches: list[Search] = Field(default_factory=list)
    use_of_force: list[UseOfForce] = Field(default_factory=list)
    restraints: list[Restraint] = Field(default_factory=list)
    seizure_ids: list[str] = Field(default_factory=list)


class Referral(RecordModel):
    """Where a flagged person was referred (child protection, medical, asylum office...)."""

    referred_to: str
    referred_at: Moment
    reference: str | None = None


class ProtectionFlag(RecordModel):
    """A vulnerability noticed in a person, and what was done about it."""

    person_ref: str
    kind: ProtectionKind
    details: str
    medical_care_given: bool | NotApplicable = NOT_APPLICABLE
    referral: Referral | None = None


class Handover(RecordModel):
    """Hand-over of the stop's people to another agency."""

    agency: str
    handed_at: Moment
    received_by_name: str | NoInformation
    received_by_id: str | NoInformation


class ContactNotice(RecordModel):
    """Notice of detention given to a relative or trusted contact."""

    consent_given: bool
    contact_name: str
    relationship: str
    notified_at: Moment


class Detention(RecordModel):
    """A person detained in the stop (LNRD register entry)."""

    person_ref: str
    detention_type: DetentionType
    authority_handed_to: str
    rights_read_at: Moment | NoInformation
    contact_notified: ContactNotice | NotApplicable = NOT_APPLICABLE
    transfer_route: str | NoInformation


class ReceiptGiven(RecordModel):
    """Whether the person got a receipt or record, and how to get the full record."""

    given: bool
    medium: ReceiptMedium
    how_to_obtain_record: str


_REFERRAL_KINDS = frozenset(
    {
        ProtectionKind.MINOR_ACCOMPANIED,
        ProtectionKind.MINOR_UNACCOMPANIED,
        ProtectionKind.FEAR_OF_RETURN_ASYLUM,
    }
)


class Encounter(RecordModel):
    """A stop: who, where, why, what was done, and how it ended."""

    id: str
    reference_number: str
    agency: str
    officer_id: str
    partner_agencies: list[PartnerAgency] = Field(default_factory=list)
    started_at: Moment
    ended_at: Moment | NoInformation
    checkpoint: str
    location: Location
    stop_type: StopType
    vehicle: Vehicle | NotApplicable
    reason: str
    grounds: str
    search_object: str | NotApplicable
    legal_power: str
    people: list[Person]
    actions: Actions = Field(default_factory=Actions)
    protection_flags: list[ProtectionFlag] = Field(default_factory=list)
    result: EncounterResult
    handover: Handover | NotApplicable = NOT_APPLICABLE
    detentions: list[Detention] = Field(default_factory=list)
    body_camera_clips: list[str] = Field(default_factory=list)
    receipt: ReceiptGiven
    narrative: str

    @property
    def duration(self) -> timedelta | None:
        """Length of the stop, or None when the end time is not known."""
        if isinstance(self.ended_at, NoInformation):
            return None
        return self.ended_at - self.started_at

    @property
    def person_refs(self) -> frozenset[str]:
        """The ``person_ref`` of every person in the stop."""
        return frozenset(person.person_ref for person in self.people)

    def rule_violations(self) -> Iterator[RuleViolation]:
        """Yield every business-rule violation of this encounter."""
        yield from self._header_rules()
        yield from self._people_rules()
        yield from self._action_rules()
        yield from self._protection_rules()
        yield from self._outcome_rules()

    def _header_rules(self) -> Iterator[RuleViolation]:
        for name in ("reference_number", "agency", "officer_id", "checkpoint", "legal_power"):
            yield from require_text(getattr(self, name), (name,), name.replace("_", " "))
        yield from require_text(self.reason, ("reason",), "the reason for the stop")
        yield from require_text(self.grounds, ("grounds",), "the grounds for the stop")
        primaries = [i for i, partner in enumerate(self.partner_agencies) if partner.primary]
        for index in primaries[1:]:
            yield violation(
                EncounterRule.PRIMARY_PARTNER_DUPLICATE,
                ("partner_agencies", index, "primary"),
                "only one partner agency may be primary.",
                True,
            )
        if not isinstance(self.ended_at, NoInformation) and self.ended_at < self.started_at:
            yield violation(
                EncounterRule.ENDED_BEFORE_STARTED,
                ("ended_at",),
                "the end time must not be before the start time.",
                self.ended_at,
            )
        yield from self._location_rules()
        if self.stop_type is StopType.VEHICLE and isinstance(self.vehicle, NotApplicable):
            yield violation(
                EncounterRule.VEHICLE_REQUIRED,
                ("vehicle",),
                "a vehicle stop needs the vehicle's details.",
                self.vehicle,
            )

    def _location_rules(self) -> Iterator[RuleViolation]:
        place = self.location
        has_landmark = place.landmark is not None and not is_blank(place.landmark)
        given = [c for c in (place.latitude, place.longitude) if c is not None]
        if len(given) == 1:
            missing = "longitude" if place.longitude is None else "latitude"
            yield violation(
                EncounterRule.COORDINATES_INCOMPLETE,
                ("location", missing),
                "give both latitude and longitude, or neither.",
                None,
            )
        elif not has_landmark and not given:
            yield violation(
                EncounterRule.LOCATION_REQUIRED,
                ("location",),
                "give a landmark or both latitude and longitude.",
                place,
            )

    def _people_rules(self) -> Iterator[RuleViolation]:
        if not self.people:
            yield violation(
                EncounterRule.PEOPLE_REQUIRED, ("people",), "list at least one person.", []
            )
        refs = [person.person_ref for person in self.people]
        for index, ref in duplicate_positions(refs):
            yield violation(
                EncounterRule.PERSON_REF_DUPLICATE,
                ("people", index, "person_ref"),
                f"person reference {ref!r} is used for more than one person.",
                ref,
            )
        for index, ref in enumerate(refs):
            yield from require_text(ref, ("people", index, "person_ref"), "the person reference")

    def _unknown_ref(self, ref: str, loc: Loc) -> Iterator[RuleViolation]:
        if ref not in self.person_refs:
            yield violation(
                EncounterRule.PERSON_REF_UNKNOWN,
                loc,
                f"person reference {ref!r} is not one of the people in this encounter.",
                ref,
            )

    def _action_rules(self) -> Iterator[RuleViolation]:
        for index, search in enumerate(self.actions.searches):
            loc: Loc = ("actions", "searches", index)
            if search.target == "vehicle":
                if isinstance(self.vehicle, NotApplicable):
                    yield violation(
                        EncounterRule.VEHICLE_REQUIRED,
                        (*loc, "target"),
                        "a vehicle search needs the vehicle's details in the encounter.",
                        search.target,
                    )
            else:
                yield from self._unknown_ref(search.target, (*loc, "target"))
            if not search.with_consent and is_blank(search.basis):
                yield violation(
                    EncounterRule.SEARCH_BASIS_REQUIRED,
                    (*loc, "basis"),
                    "a search without consent needs its legal basis.",
                    search.basis,
                )
        for index, force in enumerate(self.actions.use_of_force):
            loc = ("actions", "use_of_force", index)
            yield from self._unknown_ref(force.person_ref, (*loc, "person_ref"))
            if is_blank(force.reason):
                yield violation(
                    EncounterRule.FORCE_REASON_REQUIRED,
                    (*loc, "reason"),
                    "every use of force needs a reason.",
                    force.reason,
                )
        for index, restraint in enumerate(self.actions.restraints):
            loc = ("actions", "restraints", index)
            yield from self._unknown_ref(restraint.person_ref, (*loc, "person_ref"))
            yield from require_text(restraint.reason, (*loc, "reason"), "the restraint's reason")

    def _protection_rules(self) -> Iterator[RuleViolation]:
        for index, flag in enumerate(self.protection_flags):
            loc: Loc = ("protection_flags", index)
            yield from self._unknown_ref(flag.person_ref, (*loc, "person_ref"))
            if flag.kind in _REFERRAL_KINDS and flag.referral is None:
                yield violation(
                    EncounterRule.REFERRAL_REQUIRED,
                    (*loc, "referral"),
                    f"a {flag.kind.value.replace('_', ' ')} flag needs the referral made.",
                    None,
                )
            if flag.kind is ProtectionKind.INJURY_ILLNESS and isinstance(
                flag.medical_care_given, NotApplicable
            ):
                yield violation(
                    EncounterRule.MEDICAL_CARE_REQUIRED,
                    (*loc, "medical_care_given"),
                    "an injury or illness flag must say whether medical care was given.",
                    flag.medical_care_given,
                )
            if flag.referral is not None:
                yield from require_text(
                    flag.referral.referred_to, (*loc, "referral", "referred_to"), "referred to"
                )

    def _outcome_rules(self) -> Iterator[RuleViolation]:
        if self.result is EncounterResult.ARREST_DETENTION and not self.detentions:
            yield violation(
                EncounterRule.DETENTION_REQUIRED,
                ("detentions",),
                "an arrest or detention result needs at least one detention entry.",
                [],
            )
        if self.result is EncounterResult.HANDOVER and isinstance(self.handover, NotApplicable):
            yield violation(
                EncounterRule.HANDOVER_REQUIRED,
                ("handover",),
                "a handover result needs the handover details (agency, time, receiver).",
                self.handover,
            )
        if not isinstance(self.handover, NotApplicable):
            yield from require_text(self.handover.agency, ("handover", "agency"), "the agency")
        for index, detention in enumerate(self.detentions):
            loc: Loc = ("detentions", index)
            yield from self._unknown_ref(detention.person_ref, (*loc, "person_ref"))
            if is_blank(detention.authority_handed_to):
                yield violation(
                    EncounterRule.DETENTION_AUTHORITY_REQUIRED,
                    (*loc, "authority_handed_to"),
                    "a detention must name the authority the person was handed to.",
                    detention.authority_handed_to,
                )
            notice = detention.contact_notified
            if isinstance(notice, NotApplicable) or notice.consent_given:
                continue
            yield violation(
                EncounterRule.CONTACT_WITHOUT_CONSENT,
                (*loc, "contact_notified", "consent_given"),
                "a contact may be notified only with the detained person's consent.",
                False,
            )
        yield from self._receipt_rules()
        if is_blank(self.narrative):
            yield violation(
                EncounterRule.NARRATIVE_REQUIRED,
                ("narrative",),
                "the narrative (the officer's account) must not be empty.",
                self.narrative,
            )

    def _receipt_rules(self) -> Iterator[RuleViolation]:
        receipt = self.receipt
        if receipt.given == (receipt.medium is ReceiptMedium.NONE):
            yield violation(
                EncounterRule.RECEIPT_MEDIUM_MISMATCH,
                ("receipt", "medium"),
                "say paper or electronic when a receipt was given, and none when it was not.",
                receipt.medium,
            )
        yield from require_text(
            receipt.how_to_obtain_record,
            ("receipt", "how_to_obtain_record"),
            "how the person can obtain the full record",
        )
