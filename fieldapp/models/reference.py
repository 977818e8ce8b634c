"""Reference data that headquarters (HQ) sends down to devices.

Checkpoints, officers, agencies, item categories, units and legal powers are
read-only on the device: they arrive at enrollment and on later pulls, and the
capture forms pick values from them. Every model here is frozen so a snapshot
can be shared between threads and cached without anyone editing it in place.

Codes are the stable identifiers that events and receipts store; names are
only for display (English and Spanish). ``ReferenceData`` checks that codes are
unique and that every cross reference resolves, so the rest of the program can
look things up without defensive checks.
"""

from __future__ import annotations

import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Self, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

__all__ = [
    "MEXICAN_STATE_CODES",
    "US_STATE_CODES",
    "Agency",
    "AgencyKind",
    "Checkpoint",
    "CheckpointKind",
    "Country",
    "Dimension",
    "ItemCategoryRef",
    "ItemKind",
    "LegalAction",
    "LegalPower",
    "Officer",
    "ReferenceData",
    "Role",
    "Unit",
    "UnknownReferenceError",
]


class _ReferenceModel(BaseModel):
    """Base for every reference model: strict about keys, immutable, trimmed strings."""

    # extra="forbid": a typo in a hand-edited HQ file must fail loudly, not vanish.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


_T = TypeVar("_T")
_K = TypeVar("_K")

# --- small constrained string types ---------------------------------------------------------

NonEmptyStr = Annotated[str, StringConstraints(min_length=1, max_length=200)]
# Agency and checkpoint codes are printed on receipts and go into receipt numbers, so they are
# short, upper case and free of spaces.
UpperCode = Annotated[
    str, StringConstraints(min_length=2, max_length=32, pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
]
# Category, unit and legal-power codes are internal keys: lower_snake like the enum values.
LowerCode = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
]
OfficerId = Annotated[
    str, StringConstraints(min_length=2, max_length=64, pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
]
# ISO 639-1 language code, e.g. "en", "es".
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]


# --- enums -------------------------------------------------------------------------------


class Country(StrEnum):
    """Country that an agency, checkpoint or legal power belongs to.

    Values are ISO 3166-1 alpha-2 codes (upper case, unlike the other enums) because
    that is how HQ, documents and vehicle plates spell them.
    """

    US = "US"
    MX = "MX"


class AgencyKind(StrEnum):
    """What an agency mainly does; used to group and filter agencies in the forms."""

    CUSTOMS = "customs"
    BORDER_PATROL = "border_patrol"
    IMMIGRATION = "immigration"
    INVESTIGATIVE = "investigative"
    DRUG_ENFORCEMENT = "drug_enforcement"
    FIREARMS_ENFORCEMENT = "firearms_enforcement"
    POLICE = "police"
    PROSECUTOR = "prosecutor"
    MILITARY = "military"


class CheckpointKind(StrEnum):
    """Kind of place where officers work.

    - ``port_of_entry``: a US land port of entry on the border line.
    - ``inland_checkpoint``: a fixed US Border Patrol checkpoint away from the line.
    - ``garita``: a Mexican customs post, on the line (e.g. El Chaparral) or inland
      (e.g. Km 21 in Sonora); the word is used for both in Mexico.
    - ``filter_point``: a "punto de revisión" or "filtro", often run by the military, the
      Guardia Nacional or migration authorities, sometimes temporary.
    """

    PORT_OF_ENTRY = "port_of_entry"
    INLAND_CHECKPOINT = "inland_checkpoint"
    GARITA = "garita"
    FILTER_POINT = "filter_point"


class Role(StrEnum):
    """Officer role; the core services (not only the UI) enforce what each may do."""

    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    AUDITOR = "auditor"


class ItemKind(StrEnum):
    """Broad kind of seized property; decides which extra fields and checks apply."""

    DRUG = "drug"
    CURRENCY = "currency"
    FIREARM = "firearm"
    AMMUNITION = "ammunition"
    VEHICLE = "vehicle"
    DOCUMENT = "document"
    ELECTRONIC_DEVICE = "electronic_device"
    OTHER = "other"


class Dimension(StrEnum):
    """Physical dimension of a unit, so quantities are only converted within one dimension."""

    MASS = "mass"
    VOLUME = "volume"
    COUNT = "count"
    LENGTH = "length"


class LegalAction(StrEnum):
    """What a legal power authorizes; the forms offer only powers that fit the action."""

    SEARCH = "search"
    SEIZURE = "seizure"
    DETENTION = "detention"
    INSPECTION = "inspection"


# --- administrative divisions ------------------------------------------------------------

# USPS codes of the 50 states and DC.
# fmt: off
US_STATE_CODES: frozenset[str] = frozenset((
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY",
))
# ISO 3166-2:MX subdivision codes (without the "MX-" prefix) of the 32 federal entities.
MEXICAN_STATE_CODES: frozenset[str] = frozenset((
    "AGU", "BCN", "BCS", "CAM", "CHP", "CHH", "CMX", "COA", "COL", "DUR", "GUA", "GRO", "HID",
    "JAL", "MEX", "MIC", "MOR", "NAY", "NLE", "OAX", "PUE", "QUE", "ROO", "SLP", "SIN", "SON",
    "TAB", "TAM", "TLA", "VER", "YUC", "ZAC",
))
# fmt: on
_STATE_CODES: Mapping[Country, frozenset[str]] = {
    Country.US: US_STATE_CODES,
    Country.MX: MEXICAN_STATE_CODES,
}


# --- the models ----------------------------------------------------------------------------


class Agency(_ReferenceModel):
    """A US or Mexican agency whose officers use the program or receive custody."""

    code: UpperCode
    name_en: NonEmptyStr
    name_es: NonEmptyStr
    country: Country
    kind: AgencyKind


class Checkpoint(_ReferenceModel):
    """A port of entry, checkpoint, garita or filter point where a shift can be opened."""

    code: UpperCode
    name: NonEmptyStr
    name_es: NonEmptyStr
    country: Country
    kind: CheckpointKind
    state: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,3}$")]
    city: NonEmptyStr
    timezone: NonEmptyStr
    agency: UpperCode
    # Decimal, not float: coordinates end up in hashed canonical JSON, where a float's
    # binary rounding would make the same place hash differently on different machines.
    latitude: Annotated[Decimal, Field(ge=-90, le=90, allow_inf_nan=False)]
    longitude: Annotated[Decimal, Field(ge=-180, le=180, allow_inf_nan=False)]

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            # On Windows there is no system tz database; without the tzdata package every
            # name is "unknown", which would blame the data for a packaging problem.
            if not zoneinfo.available_timezones():
                raise ValueError(
                    f"cannot check timezone {value!r}: no IANA timezone database is installed "
                    "(install the 'tzdata' package)"
                ) from None
            raise ValueError(f"unknown IANA timezone {value!r}") from None
        return value

    @model_validator(mode="after")
    def _consistent_location(self) -> Self:
        if self.state not in _STATE_CODES[self.country]:
            hint = "a USPS state code" if self.country is Country.US else "an ISO 3166-2:MX code"
            raise ValueError(
                f"checkpoint {self.code!r}: state {self.state!r} is not {hint} "
                f"for country {self.country.value}"
            )
        # The code prefix is the country so that receipt numbers (which start with the
        # checkpoint code) say at a glance on which side of the border they were issued.
        if not self.code.startswith(f"{self.country.value}-"):
            raise ValueError(
                f"checkpoint {self.code!r}: code must start with {self.country.value}- "
                "(its country)"
            )
        return self


class Officer(_ReferenceModel):
    """An officer who may log in on a device.

    ``id`` is the internal identifier stored in events; the badge number is only for
    display because badge numbers are reissued and differ in format between agencies.
    """

    id: OfficerId
    badge_number: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    name: NonEmptyStr
    agency: UpperCode
    role: Role
    languages: Annotated[tuple[LanguageCode, ...], Field(min_length=1)]
    # repr=False: keep the hash out of logs and tracebacks even though it is not the password.
    password_hash: Annotated[str | None, Field(repr=False)] = None
    active: bool = True

    @field_validator("password_hash")
    @classmethod
    def _argon2id_only(cls, value: str | None) -> str | None:
        # Only argon2id is accepted so that a weak or plain-text value sent by mistake is
        # refused at the door instead of silently becoming a login credential.
        if value is not None and not value.startswith("$argon2id$"):
            raise ValueError("password_hash must be an argon2id hash string ('$argon2id$...')")
        return value

    @field_validator("languages")
    @classmethod
    def _distinct_languages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        dupes = _duplicates(value)
        if dupes:
            raise ValueError(f"language listed more than once: {', '.join(dupes)}")
        return value


class ItemCategoryRef(_ReferenceModel):
    """A category of seized property, e.g. fentanyl pills or a handgun."""

    code: LowerCode
    kind: ItemKind
    name_en: NonEmptyStr
    name_es: NonEmptyStr
    default_unit: LowerCode


class Unit(_ReferenceModel):
    """A unit of measure for item quantities."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z]{1,8}$")]
    name_en: NonEmptyStr
    name_es: NonEmptyStr
    dimension: Dimension


class LegalPower(_ReferenceModel):
    """A statute or article that authorizes a search, seizure, detention or inspection."""

    code: LowerCode
    country: Country
    citation: NonEmptyStr
    name_en: NonEmptyStr
    name_es: NonEmptyStr
    applies_to: Annotated[tuple[LegalAction, ...], Field(min_length=1)]

    @field_validator("applies_to")
    @classmethod
    def _distinct_actions(cls, value: tuple[LegalAction, ...]) -> tuple[LegalAction, ...]:
        dupes = _duplicates(a.value for a in value)
        if dupes:
            raise ValueError(f"action listed more than once: {', '.join(dupes)}")
        return value


class UnknownReferenceError(KeyError):
    """Raised by the ``ReferenceData`` lookups for a code that is not in the data."""

    def __str__(self) -> str:
        # KeyError's own __str__ shows the repr of its argument (quotes and escapes);
        # these messages are meant for people, so show them as written.
        return str(self.args[0]) if self.args else ""


class ReferenceData(_ReferenceModel):
    """One complete, self-consistent set of reference data, as sent by HQ.

    Lists are stored as tuples so that the frozen model is immutable all the way down.
    Lookups by code use indexes built on first use and cached on the instance.
    """

    version: Annotated[int, Field(ge=1)]
    agencies: tuple[Agency, ...]
    checkpoints: tuple[Checkpoint, ...]
    officers: tuple[Officer, ...]
    item_categories: tuple[ItemCategoryRef, ...]
    units: tuple[Unit, ...]
    legal_powers: tuple[LegalPower, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        # Collect every problem before raising: HQ staff fixing a file want the full list,
        # not one error per attempt.
        problems: list[str] = []
        for field, entries, key in (
            ("agencies", self.agencies, "code"),
            ("checkpoints", self.checkpoints, "code"),
            ("officers", self.officers, "id"),
            ("item_categories", self.item_categories, "code"),
            ("units", self.units, "code"),
            ("legal_powers", self.legal_powers, "code"),
        ):
            keys = [getattr(entry, key) for entry in entries]
            problems.extend(
                f"{field}: duplicate {key} {dup!r} (entries {_positions(keys, dup)})"
                for dup in _duplicates(keys)
            )

        agencies = {a.code: a for a in self.agencies}
        unit_codes = {u.code for u in self.units}
        for cp in self.checkpoints:
            agency = agencies.get(cp.agency)
            if agency is None:
                problems.append(f"checkpoint {cp.code!r}: unknown agency {cp.agency!r}")
            elif agency.country is not cp.country:
                problems.append(
                    f"checkpoint {cp.code!r} is in {cp.country.value} but its agency "
                    f"{agency.code!r} is in {agency.country.value}"
                )
        for officer in self.officers:
            if officer.agency not in agencies:
                problems.append(f"officer {officer.id!r}: unknown agency {officer.agency!r}")
        badges = [(o.agency, o.badge_number) for o in self.officers]
        problems.extend(
            f"officers: badge number {badge!r} is used twice in agency {agency!r}"
            for agency, badge in _duplicates(badges)
        )
        for category in self.item_categories:
            if category.default_unit not in unit_codes:
                problems.append(
                    f"item category {category.code!r}: unknown default_unit "
                    f"{category.default_unit!r}"
                )
        if problems:
            raise ValueError("inconsistent reference data: " + "; ".join(problems))
        return self

    # -- copies ----------------------------------------------------------------------------

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """Copy the data; with ``update`` the cached indexes are dropped so they are rebuilt.

        The indexes live in the instance ``__dict__`` (``functools.cached_property``), which
        pydantic copies along; after an update they would describe the old lists.
        Note that pydantic does not validate ``update``: prefer building a new instance.
        """
        copied = super().model_copy(update=update, deep=deep)
        if update:
            for name in _INDEX_NAMES:
                copied.__dict__.pop(name, None)
        return copied

    # -- indexes ---------------------------------------------------------------------------
    # cached_property writes into the instance __dict__ directly, bypassing the frozen
    # __setattr__; pydantic ignores such keys in equality, dumps and validation.
    # The read-only _Index keeps callers from editing the shared index (and, unlike
    # MappingProxyType, survives pickling and deep copies of the model).

    @cached_property
    def agencies_by_code(self) -> Mapping[str, Agency]:
        """Agencies indexed by code."""
        return _index(self.agencies, lambda a: a.code)

    @cached_property
    def checkpoints_by_code(self) -> Mapping[str, Checkpoint]:
        """Checkpoints indexed by code."""
        return _index(self.checkpoints, lambda c: c.code)

    @cached_property
    def officers_by_id(self) -> Mapping[str, Officer]:
        """Officers indexed by internal id."""
        return _index(self.officers, lambda o: o.id)

    @cached_property
    def item_categories_by_code(self) -> Mapping[str, ItemCategoryRef]:
        """Item categories indexed by code."""
        return _index(self.item_categories, lambda c: c.code)

    @cached_property
    def units_by_code(self) -> Mapping[str, Unit]:
        """Units indexed by code."""
        return _index(self.units, lambda u: u.code)

    @cached_property
    def legal_powers_by_code(self) -> Mapping[str, LegalPower]:
        """Legal powers indexed by code."""
        return _index(self.legal_powers, lambda p: p.code)

    # -- lookups ---------------------------------------------------------------------------

    def agency(self, code: str) -> Agency:
        """Return the agency with this code, or raise ``UnknownReferenceError``."""
        return self._lookup(self.agencies_by_code, code, "agency code")

    def checkpoint(self, code: str) -> Checkpoint:
        """Return the checkpoint with this code, or raise ``UnknownReferenceError``."""
        return self._lookup(self.checkpoints_by_code, code, "checkpoint code")

    def officer(self, officer_id: str) -> Officer:
        """Return the officer with this internal id, or raise ``UnknownReferenceError``."""
        return self._lookup(self.officers_by_id, officer_id, "officer id")

    def item_category(self, code: str) -> ItemCategoryRef:
        """Return the item category with this code, or raise ``UnknownReferenceError``."""
        return self._lookup(self.item_categories_by_code, code, "item category code")

    def unit(self, code: str) -> Unit:
        """Return the unit with this code, or raise ``UnknownReferenceError``."""
        return self._lookup(self.units_by_code, code, "unit code")

    def legal_power(self, code: str) -> LegalPower:
        """Return the legal power with this code, or raise ``UnknownReferenceError``."""
        return self._lookup(self.legal_powers_by_code, code, "legal power code")

    def _lookup(self, index: Mapping[str, _T], key: str, what: str) -> _T:
        try:
            return index[key]
        except KeyError:
            raise UnknownReferenceError(
                f"unknown {what} {key!r} in reference data version {self.version}"
            ) from None


_INDEX_NAMES = (
    "agencies_by_code",
    "checkpoints_by_code",
    "officers_by_id",
    "item_categories_by_code",
    "units_by_code",
    "legal_powers_by_code",
)


class _Index(Mapping[str, _T]):
    """A read-only dict wrapper."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, _T]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> _T:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"


def _index(entries: Iterable[_T], key: Callable[[_T], str]) -> Mapping[str, _T]:
    return _Index({key(entry): entry for entry in entries})


def _duplicates(keys: Iterable[_K]) -> list[_K]:
    """Keys that occur more than once, in order of first occurrence."""
    return [key for key, count in Counter(keys).items() if count > 1]


def _positions(keys: list[Any], key: Any) -> str:
    return ", ".join(str(i) for i, k in enumerate(keys) if k == key)
