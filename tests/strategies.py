"""Hypothesis strategies that build valid record models (every business rule respected).

Used by model, canonical-JSON and storage round-trip tests. Content varies on
purpose: non-ASCII text, both kinds of empty, long decimals, several UTC offsets.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from fieldapp.models import (
    NOT_APPLICABLE,
    NOT_RECORDED,
    REFUSED,
    UNKNOWN,
    Actions,
    AgeRange,
    Approval,
    ApprovalLevel,
    ContactNotice,
    CurrencyCount,
    CustodyStart,
    CustodyTransfer,
    DenominationLine,
    Detention,
    DetentionType,
    Encounter,
    EncounterResult,
    FieldTest,
    FieldTestResult,
    ForceType,
    Handover,
    IdentityDocument,
    Item,
    ItemCategory,
    Location,
    NotApplicable,
    Package,
    PackageKind,
    PartnerAgency,
    Party,
    Person,
    PersonRole,
    PropertyReturn,
    ProtectionFlag,
    ProtectionKind,
    Quantity,
    ReceiptGiven,
    ReceiptMedium,
    Referral,
    Restraint,
    ReturnOutcome,
    Search,
    SeizedFrom,
    Seizure,
    SeizureReason,
    SignatureMark,
    SignatureRole,
    StopType,
    TransferPurpose,
    UseOfForce,
    Vehicle,
)

Draw = Any  # hypothesis's draw callable; its precise type is private

SAMPLE_WORDS = [
    "Garita de Otay Mesa",
    "José Ñúñez Peña",
    "Ciudad Juárez",
    "Nogales–Sonora",
    "puerta trasera, lado del conductor",
    "rear quarter panel, driver side",
    "Señora Müller-Łukasik",
    "São Paulo",
    "niño acompañado",
    "O'Brien {copy}",
]

OFFSETS = [
    UTC,
    timezone(timedelta(hours=-8)),
    timezone(timedelta(hours=-7)),
    timezone(timedelta(hours=-6)),
    timezone(timedelta(hours=-3, minutes=-30)),
    timezone(timedelta(hours=5, minutes=45)),
    timezone(timedelta(hours=14)),
]

_chars = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"), max_codepoint=0x2FFF)

texts = st.one_of(
    st.sampled_from(SAMPLE_WORDS),
    st.text(_chars, min_size=1, max_size=24).map(str.strip).filter(bool),
)
"""Non-blank text, often with accents or other non-ASCII letters."""

ids = st.uuids().map(str)
codes = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
sha256s = st.binary(min_size=32, max_size=32).map(bytes.hex)
no_information = st.sampled_from([UNKNOWN, REFUSED, NOT_RECORDED])
moments = st.datetimes(
    min_value=datetime(2020, 1, 1),
    max_value=datetime(2035, 12, 31),
    timezones=st.sampled_from(OFFSETS),
)
"""Timezone-aware datetimes at several fixed UTC offsets."""


def _long_decimal(parts: tuple[int, int]) -> Decimal:
    digits, places = parts
    return Decimal(f"{digits}E-{places}")


amounts = st.one_of(
    st.tuples(st.integers(0, 10**24), st.integers(0, 18)).map(_long_decimal),
    st.decimals(min_value=0, max_value=10**6, places=3),
)
"""Non-negative finite decimals, some with many significant digits."""

quantities = st.builds(
    Quantity, amount=amounts, unit=st.sampled_from(["g", "kg", "lb", "oz", "ea", "ml", "l"])
)


def _or_info(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(values, no_information)


def _details() -> st.SearchStrategy[Any]:
    return st.one_of(texts, no_information, st.just(NOT_APPLICABLE))


@st.composite
def _officer_pair(draw: Draw) -> tuple[str, str]:
    first, second = draw(st.lists(ids, min_size=2, max_size=2, unique=True))
    return first, second


@st.composite
def locations(draw: Draw) -> Location:
    """A landmark, coordinates, or both."""
    shape = draw(st.sampled_from(["landmark", "coordinates", "both"]))
    coords = shape != "landmark"
    return Location(
        landmark=draw(texts) if shape != "coordinates" else None,
        latitude=draw(st.decimals(-90, 90, places=7)) if coords else None,
        longitude=draw(st.decimals(-180, 180, places=7)) if coords else None,
    )


vehicles = st.builds(
    Vehicle,
    plate=_or_info(st.from_regex(r"[A-Z0-9]{5,8}", fullmatch=True)),
    plate_issuer=_or_info(st.sampled_from(["CA", "AZ", "TX", "BC", "SON", "CHIH", "MX", "US"])),
    make=_or_info(texts),
    model=_or_info(texts),
    colour=_or_info(texts),
    vin=st.one_of(st.from_regex(r"[A-HJ-NPR-Z0-9]{17}", fullmatch=True), _details()),
    year=_or_info(st.integers(1950, 2030)),
)


def _person(ref: str) -> st.SearchStrategy[Person]:
    document = st.one_of(
        st.builds(IdentityDocument, doc_type=texts, number=texts, issuer=_or_info(texts)),
        st.just(NOT_APPLICABLE),
        no_information,
    )
    return st.builds(
        Person,
        person_ref=st.just(ref),
        role=st.sampled_from(PersonRole),
        name=_or_info(texts),
        date_of_birth=_or_info(st.dates(date(1920, 1, 1), date(2025, 1, 1))),
        age_range=_or_info(st.sampled_from(AgeRange)),
        nationality=_or_info(st.sampled_from(["US", "MX", "GT", "HND", "SLV", "VEN", "BR"])),
        document=document,
        language=_or_info(st.sampled_from(["es", "en", "Mixteco", "K'iche'", "português"])),
        interpreter_used=st.booleans(),
    )


@st.composite
def _flag(draw: Draw, refs: list[str], after: datetime) -> ProtectionFlag:
    kind = draw(st.sampled_from(ProtectionKind))
    needs_referral = kind in {
        ProtectionKind.MINOR_ACCOMPANIED,
        ProtectionKind.MINOR_UNACCOMPANIED,
        ProtectionKind.FEAR_OF_RETURN_ASYLUM,
    }
    referral = st.builds(
        Referral,
        referred_to=texts,
        referred_at=st.just(after + timedelta(minutes=draw(st.integers(0, 600)))),
        reference=st.none() | texts,
    )
    care: st.SearchStrategy[bool | NotApplicable] = st.booleans()
    if kind is not ProtectionKind.INJURY_ILLNESS:
        care = care | st.just(NOT_APPLICABLE)
    return ProtectionFlag(
        person_ref=draw(st.sampled_from(refs)),
        kind=kind,
        details=draw(texts),
        medical_care_given=draw(care),
        referral=draw(referral if needs_referral else st.none() | referral),
    )


@st.composite
def _detention(draw: Draw, refs: list[str]) -> Detention:
    notice = st.builds(
        ContactNotice,
        consent_given=st.just(True),
        contact_name=texts,
        relationship=texts,
        notified_at=moments,
    )
    return Detention(
        person_ref=draw(st.sampled_from(refs)),
        detention_type=draw(st.sampled_from(DetentionType)),
        authority_handed_to=draw(texts),
        rights_read_at=draw(_or_info(moments)),
        contact_notified=draw(st.one_of(st.just(NOT_APPLICABLE), notice)),
        transfer_route=draw(_or_info(texts)),
    )


@st.composite
def _actions(draw: Draw, refs: list[str], has_vehicle: bool) -> Actions:
    targets = [*refs, "vehicle"] if has_vehicle else refs
    searches = st.builds(
        Search,
        target=st.sampled_from(targets),
        with_consent=st.booleans(),
        basis=texts,
        result=texts,
    )
    force = st.builds(
        UseOfForce,
        person_ref=st.sampled_from(refs),
        force_type=st.sampled_from(ForceType),
        reason=texts,
        injury_caused=st.booleans(),
    )
    restraint = st.builds(Restraint, person_ref=st.sampled_from(refs), kind=texts, reason=texts)
    return Actions(
        searches=draw(st.lists(searches, max_size=2)),
        use_of_force=draw(st.lists(force, max_size=2)),
        restraints=draw(st.lists(restraint, max_size=1)),
        seizure_ids=draw(st.lists(ids, max_size=2)),
    )


@st.composite
def _partners(draw: Draw) -> list[PartnerAgency]:
    agencies = draw(st.lists(codes, max_size=3, unique=True))
    primary = draw(st.none() | st.integers(0, max(len(agencies) - 1, 0)))
    return [PartnerAgency(agency=a, primary=i == primary) for i, a in enumerate(agencies)]


@st.composite
def encounters(draw: Draw) -> Encounter:
    """A valid encounter."""
    refs = [f"P{n}" for n in range(1, draw(st.integers(1, 3)) + 1)]
    started = draw(moments)
    stop_type = draw(st.sampled_from(StopType))
    vehicle = draw(
        vehicles if stop_type is StopType.VEHICLE else vehicles | st.just(NOT_APPLICABLE)
    )
    result = draw(st.sampled_from(EncounterResult))
    min_detentions = 1 if result is EncounterResult.ARREST_DETENTION else 0
    handover = st.builds(
        Handover,
        agency=codes,
        handed_at=st.just(started + timedelta(hours=1)),
        received_by_name=_or_info(texts),
        received_by_id=_or_info(ids),
    )
    given = draw(st.booleans())
    medium = st.sampled_from([ReceiptMedium.PAPER, ReceiptMedium.ELECTRONIC])
    ended = started + timedelta(seconds=draw(st.integers(0, 86_400)))
    return Encounter(
        id=draw(ids),
        reference_number=draw(st.from_regex(r"[A-Z]{3}-[0-9]{4}-[0-9]{6}", fullmatch=True)),
        agency=draw(st.sampled_from(["cbp", "usbp", "gn", "inm", "fgr"])),
        officer_id=draw(ids),
        partner_agencies=draw(_partners()),
        started_at=started,
        ended_at=draw(st.just(ended) | no_information),
        checkpoint=draw(codes),
        location=draw(locations()),
        stop_type=stop_type,
        vehicle=vehicle,
        reason=draw(texts),
        grounds=draw(texts),
        search_object=draw(texts | st.just(NOT_APPLICABLE)),
        legal_power=draw(codes),
        people=[draw(_person(ref)) for ref in refs],
        actions=draw(_actions(refs, not isinstance(vehicle, NotApplicable))),
        protection_flags=draw(st.lists(_flag(refs, started), max_size=2)),
        result=result,
        handover=draw(
            handover if result is EncounterResult.HANDOVER else handover | st.just(NOT_APPLICABLE)
        ),
        detentions=draw(st.lists(_detention(refs), min_size=min_detentions, max_size=2)),
        body_camera_clips=draw(st.lists(ids, max_size=2)),
        receipt=ReceiptGiven(
            given=given,
            medium=draw(medium) if given else ReceiptMedium.NONE,
            how_to_obtain_record=draw(texts),
        ),
        narrative=draw(texts),
    )


@st.composite
def _field_test(draw: Draw) -> FieldTest:
    result = draw(st.sampled_from(FieldTestResult))
    tested = result is not FieldTestResult.NOT_TESTED
    return FieldTest(
        result=result,
        kit=draw(texts) if tested else None,
        tested_at=draw(moments) if tested else None,
    )


@st.composite
def _currency_count(draw: Draw) -> CurrencyCount:
    counter, witness = draw(_officer_pair())
    line = st.builds(
        DenominationLine,
        currency=st.sampled_from(["USD", "MXN", "CAD", "EUR"]),
        denomination=st.sampled_from(
            [Decimal("0.05"), Decimal("0.5"), Decimal(1), Decimal(20), Decimal(500)]
        ),
        count=st.integers(1, 10_000),
    )
    return CurrencyCount(
        lines=draw(st.lists(line, min_size=1, max_size=4)), counted_by=counter, witnessed_by=witness
    )


@st.composite
def _item(draw: Draw, exhibit_number: str) -> Item:
    category = draw(st.sampled_from(ItemCategory))
    fields: dict[str, Any] = {
        "make": draw(_details()),
        "model": draw(_details()),
        "serial_number": draw(_details()),
        "calibre": draw(_details()),
        "gross_weight": draw(quantities | no_information | st.just(NOT_APPLICABLE)),
        "field_test": draw(_field_test() | st.just(NOT_APPLICABLE)),
    }
    if category is ItemCategory.FIREARM:
        for name in ("make", "model", "serial_number", "calibre"):
            fields[name] = draw(_or_info(texts))
    if category is ItemCategory.DRUG:
        fields["gross_weight"] = draw(quantities)
        fields["field_test"] = draw(_field_test())
    if category is ItemCategory.CURRENCY:
        if draw(st.booleans()):
            fields["currency_count"] = draw(_currency_count())
        else:
            fields["count_deferred_reason"] = draw(texts)
    return Item(
        exhibit_number=exhibit_number,
        category=category,
        category_code=draw(st.none() | codes),
        description=draw(texts),
        vin=draw(_details()),
        plate=draw(_details()),
        quantity=draw(quantities),
        condition=draw(texts),
        photo_hashes=draw(st.lists(sha256s, max_size=2)),
        **fields,
    )


@st.composite
def _package(draw: Draw, exhibits: list[str]) -> Package:
    sealer, witness = draw(_officer_pair())
    sealed = draw(st.booleans())
    return Package(
        package_ref=draw(st.from_regex(r"PK[0-9]{1,3}", fullmatch=True)),
        kind=draw(st.sampled_from(PackageKind)),
        count=draw(st.integers(1, 5)),
        seal_numbers=draw(st.lists(texts, min_size=1, max_size=2)) if sealed else [],
        sealed_by=sealer,
        witnessed_by=witness if sealed else draw(st.just(witness) | st.just(NOT_APPLICABLE)),
        exhibit_numbers=draw(st.lists(st.sampled_from(exhibits), max_size=3, unique=True)),
    )


@st.composite
def seizures(draw: Draw) -> Seizure:
    """A valid seizure."""
    count = draw(st.integers(1, 4))
    prefix = draw(st.sampled_from(["E", "EX-", "EVID-Ñ"]))
    exhibits = [f"{prefix}{n}" for n in range(1, count + 1)]
    items = [draw(_item(number)) for number in exhibits]
    officer, witness = draw(_officer_pair())
    two_person = any(i.category in {ItemCategory.DRUG, ItemCategory.CURRENCY} for i in items)
    approval = st.builds(
        Approval,
        level=st.sampled_from(ApprovalLevel),
        officer_id=ids,
        approved_at=moments,
        note=st.none() | texts,
    )
    seized_from = st.builds(
        SeizedFrom,
        name=_or_info(texts),
        person_ref=st.none() | st.sampled_from(["P1", "P2"]),
        address=_or_info(texts),
        contact=_or_info(texts),
        owner=_details(),
    )
    return Seizure(
        id=draw(ids),
        seizure_number=draw(st.from_regex(r"[0-9]{4}-[0-9]{4}-[0-9]{6}-01", fullmatch=True)),
        encounter_id=draw(ids | st.just(NOT_APPLICABLE)),
        seized_at=draw(moments),
        checkpoint=draw(codes),
        found_location=draw(texts),
        custody_start=draw(st.sampled_from(CustodyStart)),
        reason=draw(st.sampled_from(SeizureReason)),
        seized_from=draw(seized_from),
        legal_power=draw(codes),
        officer_id=officer,
        witness_id=witness if two_person else draw(st.just(witness) | st.just(NOT_APPLICABLE)),
        items=items,
        packages=draw(st.lists(_package(exhibits), max_size=2)),
        approvals=draw(st.lists(approval, max_size=2)),
        detained_person_property=draw(st.booleans()),
    )


def _party(officer_id: str | None) -> st.SearchStrategy[Party]:
    return st.builds(
        Party,
        officer_id=st.just(officer_id),
        name=_or_info(texts),
        agency=st.sampled_from(["cbp", "dea", "hsi", "fgr", "gn", "sat_aduanas"]),
        id_number=_or_info(texts),
        country=st.sampled_from(["US", "MX"]),
    )


@st.composite
def _signature_marks(draw: Draw) -> list[SignatureMark]:
    """Valid marks of a hand-over: each role at most once, signed or declined with a note."""
    roles = draw(
        st.lists(
            st.sampled_from([SignatureRole.RELEASED_BY, SignatureRole.RECEIVED_BY]),
            unique=True,
            max_size=2,
        )
    )
    marks = []
    for role in roles:
        if draw(st.booleans()):
            marks.append(SignatureMark(role=role, sha256=draw(sha256s)))
        else:
            marks.append(SignatureMark(role=role, declined=True, note=draw(texts)))
    return marks


@st.composite
def custody_transfers(draw: Draw) -> CustodyTransfer:
    """A valid custody transfer, sometimes across the US-Mexico line."""
    releaser, receiver = draw(_officer_pair())
    purpose = draw(st.sampled_from(TransferPurpose))
    intact = draw(st.booleans())
    return CustodyTransfer(
        id=draw(ids),
        seizure_id=draw(ids),
        sequence=draw(st.integers(1, 50)),
        exhibit_numbers=draw(
            st.lists(st.from_regex(r"E[0-9]{1,3}", fullmatch=True), min_size=1, unique=True)
        ),
        transferred_at=draw(moments),
        released_by=draw(_party(draw(st.none() | st.just(releaser)))),
        received_by=draw(_party(draw(st.none() | st.just(receiver)))),
        purpose=purpose,
        purpose_detail=draw(texts) if purpose is TransferPurpose.OTHER else draw(st.none() | texts),
        route=draw(texts),
        seal_intact=intact,
        seal_broken_reason=None if intact else draw(texts),
        condition=draw(texts),
        signatures=draw(_signature_marks()),
    )


@st.composite
def property_returns(draw: Draw) -> PropertyReturn:
    """A valid return (or onward handover) of a detained person's property."""
    outcome = draw(st.sampled_from(ReturnOutcome))
    declined = draw(st.booleans())
    return PropertyReturn(
        id=draw(ids),
        seizure_id=draw(ids),
        exhibit_numbers=draw(
            st.lists(st.from_regex(r"E[0-9]{1,3}", fullmatch=True), min_size=1, unique=True)
        ),
        returned_at=draw(moments),
        returned_to=draw(_or_info(texts)),
        person_ref=draw(st.none() | st.just("P1")),
        officer_id=draw(ids),
        outcome=outcome,
        receiving_agency=(
            draw(codes) if outcome is ReturnOutcome.HANDED_TO_NEXT_AGENCY else draw(st.none())
        ),
        signature_hash=None if declined else draw(sha256s),
        declined_to_sign=declined,
        officer_note=draw(texts) if declined else draw(st.none() | texts),
    )
