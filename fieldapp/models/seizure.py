"""The seizure record: property taken into custody, itemized as on CBP 6051S and the RCC.

Business-rule codes are the values of ``SeizureRule`` plus ``CommonRule``'s
``text_required`` and ``exhibit_number_duplicate``:

- ``items_required``: a seizure lists at least one item.
- ``quantity_required``: an item's quantity is empty (a receipt with a blank
  quantity is refused).
- ``drug_gross_weight_required``: a drug item without a gross weight at seizure.
- ``drug_field_test_required``: a drug item whose field test is "not applicable"
  (use result ``not_tested`` when no test was made).
- ``field_test_kit_required``: a field test with a result but no kit named.
- ``witness_required``: drugs or currency seized without a witnessing officer.
- ``witness_is_seizing_officer``: the witness is the seizing officer.
- ``currency_count_required``: currency without a count by denomination and
  without a reason for deferring the count.
- ``count_witness_is_counter``: the currency count's witness is its counter.
- ``firearm_detail_required``: a firearm's make, model, serial number or
  calibre is "not applicable" (give it, or say it is unknown).
- ``package_exhibit_unknown``: a package lists an exhibit number that is not an item.
- ``seal_witness_required``: a sealed package of drugs or currency without a
  witness to the sealing.
- ``seal_witness_is_sealer``: the seal's witness is the officer who sealed it.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from fieldapp.models.common import (
    NOT_APPLICABLE,
    Code,
    CommonRule,
    CurrencyCode,
    ExactDecimal,
    Loc,
    Moment,
    NoInformation,
    NotApplicable,
    Quantity,
    RecordModel,
    RuleViolation,
    Sha256Hex,
    duplicate_positions,
    is_blank,
    require_text,
    violation,
)


class SeizureRule(StrEnum):
    """Business-rule error codes raised by ``Seizure``."""

    ITEMS_REQUIRED = "items_required"
    QUANTITY_REQUIRED = "quantity_required"
    DRUG_GROSS_WEIGHT_REQUIRED = "drug_gross_weight_required"
    DRUG_FIELD_TEST_REQUIRED = "drug_field_test_required"
    FIELD_TEST_KIT_REQUIRED = "field_test_kit_required"
    WITNESS_REQUIRED = "witness_required"
    WITNESS_IS_SEIZING_OFFICER = "witness_is_seizing_officer"
    CURRENCY_COUNT_REQUIRED = "currency_count_required"
    COUNT_WITNESS_IS_COUNTER = "count_witness_is_counter"
    FIREARM_DETAIL_REQUIRED = "firearm_detail_required"
    PACKAGE_EXHIBIT_UNKNOWN = "package_exhibit_unknown"
    SEAL_WITNESS_REQUIRED = "seal_witness_required"
    SEAL_WITNESS_IS_SEALER = "seal_witness_is_sealer"


class CustodyStart(StrEnum):
    """How the property came into custody."""

    FOUND = "found"
    DISCOVERED_IN_SEARCH = "discovered_in_search"
    HANDED_OVER = "handed_over"


class SeizureReason(StrEnum):
    """Why the property was taken."""

    EVIDENCE = "evidence"
    FORFEITURE = "forfeiture"
    SAFEKEEPING = "safekeeping"
    DETAINED_FOR_EXAMINATION = "detained_for_examination"


class ItemCategory(StrEnum):
    """Broad item category; ``Item.category_code`` refines it from reference data."""

    DRUG = "drug"
    CURRENCY = "currency"
    FIREARM = "firearm"
    AMMUNITION = "ammunition"
    VEHICLE = "vehicle"
    DOCUMENT = "document"
    ELECTRONIC_DEVICE = "electronic_device"
    OTHER = "other"


class FieldTestResult(StrEnum):
    """Outcome of a presumptive drug field test."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    INCONCLUSIVE = "inconclusive"
    NOT_TESTED = "not_tested"


class PackageKind(StrEnum):
    """Kind of evidence packaging."""

    BAG = "bag"
    BOX = "box"
    CONTAINER = "container"
    ENVELOPE = "envelope"
    OTHER = "other"


class ApprovalLevel(StrEnum):
    """Who approved: a supervisor, or a second-line supervisor for inter-agency transfers."""

    SUPERVISOR = "supervisor"
    SECOND_LINE_SUPERVISOR = "second_line_supervisor"


Detail = str | NotApplicable | NoInformation
"""An item descriptor that may not apply, or may be unknown."""


class SeizedFrom(RecordModel):
    """Whom the property was taken from, and how to reach them to return it."""

    name: str | NoInformation
    person_ref: str | None = None
    address: str | NoInformation
    contact: str | NoInformation
    owner: str | NotApplicable | NoInformation = NOT_APPLICABLE


class FieldTest(RecordModel):
    """A presumptive field test of a suspected drug."""

    result: FieldTestResult
    kit: str | None = None
    tested_at: Moment | None = None


class DenominationLine(RecordModel):
    """How many notes or coins of one denomination in one currency."""

    currency: CurrencyCode
    denomination: Annotated[ExactDecimal, Field(gt=0)]
    count: Annotated[int, Field(ge=1)]


class CurrencyCount(RecordModel):
    """A count of seized currency by denomination, made by one officer and witnessed by another."""

    lines: list[DenominationLine] = Field(default_factory=list)
    counted_by: str
    witnessed_by: str

    def totals(self) -> dict[str, Decimal]:
        """Total amount per currency code."""
        totals: dict[str, Decimal] = {}
        for line in self.lines:
            totals[line.currency] = totals.get(line.currency, Decimal(0)) + (
                line.denomination * line.count
            )
        return totals


class Item(RecordModel):
    """One line of the seizure: an exhibit with its description, quantity and photos."""

    exhibit_number: str
    category: ItemCategory
    category_code: Code | None = None
    description: str
    make: Detail = NOT_APPLICABLE
    model: Detail = NOT_APPLICABLE
    serial_number: Detail = NOT_APPLICABLE
    calibre: Detail = NOT_APPLICABLE
    vin: Detail = NOT_APPLICABLE
    plate: Detail = NOT_APPLICABLE
    quantity: Quantity | NoInformation
    gross_weight: Quantity | NotApplicable | NoInformation = NOT_APPLICABLE
    condition: str
    field_test: FieldTest | NotApplicable = NOT_APPLICABLE
    photo_hashes: list[Sha256Hex] = Field(default_factory=list)
    currency_count: CurrencyCount | NotApplicable = NOT_APPLICABLE
    count_deferred_reason: str | None = None


class Package(RecordModel):
    """Packaging and seals around one or more exhibits (two-person integrity)."""

    package_ref: str
    kind: PackageKind
    count: Annotated[int, Field(ge=1)] = 1
    seal_numbers: list[str] = Field(default_factory=list)
    sealed_by: str
    witnessed_by: str | NotApplicable = NOT_APPLICABLE
    exhibit_numbers: list[str] = Field(default_factory=list)


class Approval(RecordModel):
    """A supervisor's approval of the seizure."""

    level: ApprovalLevel
    officer_id: str
    approved_at: Moment
    note: str | None = None


_FIREARM_DETAILS = ("make", "model", "serial_number", "calibre")
_TWO_PERSON = frozenset({ItemCategory.DRUG, ItemCategory.CURRENCY})


class Seizure(RecordModel):
    """Property taken into custody at a checkpoint, one line per exhibit."""

    id: str
    seizure_number: str
    encounter_id: str | NotApplicable
    seized_at: Moment
    checkpoint: str
    found_location: str
    custody_start: CustodyStart
    reason: SeizureReason
    seized_from: SeizedFrom
    legal_power: str
    officer_id: str
    witness_id: str | NotApplicable
    items: list[Item]
    packages: list[Package] = Field(default_factory=list)
    approvals: list[Approval] = Field(default_factory=list)
    detained_person_property: bool = False

    @property
    def has_drugs(self) -> bool:
        """Whether any item is a drug."""
        return any(item.category is ItemCategory.DRUG for item in self.items)

    @property
    def has_currency(self) -> bool:
        """Whether any item is currency."""
        return any(item.category is ItemCategory.CURRENCY for item in self.items)

    @property
    def has_firearms(self) -> bool:
        """Whether any item is a firearm."""
        return any(item.category is ItemCategory.FIREARM for item in self.items)

    def item(self, exhibit_number: str) -> Item | None:
        """The item with this exhibit number, if any."""
        return next((i for i in self.items if i.exhibit_number == exhibit_number), None)

    def rule_violations(self) -> Iterator[RuleViolation]:
        """Yield every business-rule violation of this seizure."""
        for name in ("seizure_number", "checkpoint", "found_location", "legal_power", "officer_id"):
            yield from require_text(getattr(self, name), (name,), name.replace("_", " "))
        yield from self._witness_rules()
        if not self.items:
            yield violation(
                SeizureRule.ITEMS_REQUIRED, ("items",), "list at least one seized item.", []
            )
        for index, number in duplicate_positions(i.exhibit_number for i in self.items):
            yield violation(
                CommonRule.EXHIBIT_NUMBER_DUPLICATE,
                ("items", index, "exhibit_number"),
                f"exhibit number {number!r} is used for more than one item.",
                number,
            )
        for index, item in enumerate(self.items):
            yield from _item_rules(item, ("items", index))
        for index, package in enumerate(self.packages):
            yield from self._package_rules(package, ("packages", index))

    def _witness_rules(self) -> Iterator[RuleViolation]:
        if isinstance(self.witness_id, NotApplicable):
            if self.has_drugs or self.has_currency:
                yield violation(
                    SeizureRule.WITNESS_REQUIRED,
                    ("witness_id",),
                    "drugs and currency need a witnessing officer.",
                    self.witness_id,
                )
        elif self.witness_id == self.officer_id:
            yield violation(
                SeizureRule.WITNESS_IS_SEIZING_OFFICER,
                ("witness_id",),
                "the witness must be another officer than the seizing officer.",
                self.witness_id,
            )

    def _package_rules(self, package: Package, loc: Loc) -> Iterator[RuleViolation]:
        known = {item.exhibit_number: item for item in self.items}
        for index, number in enumerate(package.exhibit_numbers):
            if number not in known:
                yield violation(
                    SeizureRule.PACKAGE_EXHIBIT_UNKNOWN,
                    (*loc, "exhibit_numbers", index),
                    f"exhibit number {number!r} is not an item of this seizure.",
                    number,
                )
        if not package.seal_numbers:
            return
        yield from require_text(package.sealed_by, (*loc, "sealed_by"), "who sealed the package")
        two_person = any(
            known[n].category in _TWO_PERSON for n in package.exhibit_numbers if n in known
        )
        if isinstance(package.witnessed_by, NotApplicable):
            if two_person:
                yield violation(
                    SeizureRule.SEAL_WITNESS_REQUIRED,
                    (*loc, "witnessed_by"),
                    "sealing a package of drugs or currency needs a witnessing officer.",
                    package.witnessed_by,
                )
        elif package.witnessed_by == package.sealed_by:
            yield violation(
                SeizureRule.SEAL_WITNESS_IS_SEALER,
                (*loc, "witnessed_by"),
                "the seal's witness must be another officer than the one who sealed it.",
                package.witnessed_by,
            )


def _item_rules(item: Item, loc: Loc) -> Iterator[RuleViolation]:
    yield from require_text(item.exhibit_number, (*loc, "exhibit_number"), "the exhibit number")
    yield from require_text(item.description, (*loc, "description"), "the description")
    if isinstance(item.quantity, NoInformation):
        yield violation(
            SeizureRule.QUANTITY_REQUIRED,
            (*loc, "quantity"),
            "every item needs a quantity and unit; a receipt with a blank quantity is refused.",
            item.quantity,
        )
    if item.category is ItemCategory.DRUG:
        yield from _drug_rules(item, loc)
    if item.category is ItemCategory.CURRENCY:
        yield from _currency_rules(item, loc)
    if item.category is ItemCategory.FIREARM:
        for name in _FIREARM_DETAILS:
            if isinstance(getattr(item, name), NotApplicable):
                yield violation(
                    SeizureRule.FIREARM_DETAIL_REQUIRED,
                    (*loc, name),
                    f"a firearm needs its {name.replace('_', ' ')}, or say it is unknown.",
                    getattr(item, name),
                )


def _drug_rules(item: Item, loc: Loc) -> Iterator[RuleViolation]:
    if not isinstance(item.gross_weight, Quantity):
        yield violation(
            SeizureRule.DRUG_GROSS_WEIGHT_REQUIRED,
            (*loc, "gross_weight"),
            "drugs need a gross weight at seizure.",
            item.gross_weight,
        )
    test = item.field_test
    if isinstance(test, NotApplicable):
        yield violation(
            SeizureRule.DRUG_FIELD_TEST_REQUIRED,
            (*loc, "field_test"),
            "drugs need a field-test result (use not_tested when no test was made).",
            test,
        )
    elif test.result is not FieldTestResult.NOT_TESTED and (test.kit is None or is_blank(test.kit)):
        yield violation(
            SeizureRule.FIELD_TEST_KIT_REQUIRED,
            (*loc, "field_test", "kit"),
            "a field-test result needs the test kit used.",
            test.kit,
        )


def _currency_rules(item: Item, loc: Loc) -> Iterator[RuleViolation]:
    count = item.currency_count
    deferred = item.count_deferred_reason is not None and not is_blank(item.count_deferred_reason)
    if (isinstance(count, NotApplicable) or not count.lines) and not deferred:
        yield violation(
            SeizureRule.CURRENCY_COUNT_REQUIRED,
            (*loc, "currency_count"),
            "currency needs a count by denomination, or a reason why the count was deferred.",
            count,
        )
    if isinstance(count, CurrencyCount) and count.witnessed_by == count.counted_by:
        yield violation(
            SeizureRule.COUNT_WITNESS_IS_COUNTER,
            (*loc, "currency_count", "witnessed_by"),
            "the count's witness must be another officer than the one who counted.",
            count.witnessed_by,
        )
