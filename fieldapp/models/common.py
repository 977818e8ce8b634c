"""Building blocks shared by every record model.

Holds the base class ``RecordModel``, the two kinds of "empty" the paper forms
keep apart (not applicable, and no information / unknown / refused), exact
decimal quantities, code patterns, and the business-rule machinery.

Business rules
--------------
Pydantic checks structure (types, patterns, ranges). Business rules are checked
by ``RecordModel``'s after-validator, which calls ``rule_violations()`` and
raises one ``pydantic_core.ValidationError`` holding *every* violation, each at
the location of the field it concerns, with a stable ``type`` code (see the
``*Rule`` enums in each module) and an English sentence that names the field.

Records re-read from storage were checked when written; validate them with
``context=skip_rules_context()`` to check structure only.

Codes defined here (``CommonRule``):

- ``text_required``: a text field that must say something is blank.
- ``exhibit_number_duplicate``: the same exhibit number is listed twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

Loc = tuple[str | int, ...]


class CommonRule(StrEnum):
    """Rule codes shared by several record types."""

    TEXT_REQUIRED = "text_required"
    EXHIBIT_NUMBER_DUPLICATE = "exhibit_number_duplicate"


@dataclass(frozen=True)
class RuleViolation:
    """One broken business rule: its code, the field's location and a sentence."""

    code: str
    loc: Loc
    message: str
    input: Any = None


def format_loc(loc: Loc) -> str:
    """Render a location as officers and logs read it, e.g. ``items[2].gross_weight``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def violation(code: str, loc: Loc, sentence: str, value: Any = None) -> RuleViolation:
    """Make a violation whose message starts with the field it concerns."""
    return RuleViolation(
        code=str(code), loc=loc, message=f"{format_loc(loc)}: {sentence}", input=value
    )


def rules_enabled(info: ValidationInfo) -> bool:
    """Whether business rules apply in this validation (off for ``{"rules": False}``)."""
    context = info.context
    return not (isinstance(context, Mapping) and context.get("rules") is False)


def skip_rules_context() -> dict[str, Any]:
    """Validation context for records re-read from storage: structure only, no rules."""
    return {"rules": False}


def raise_violations(title: str, violations: Iterable[RuleViolation]) -> None:
    """Raise one ``ValidationError`` holding every violation; do nothing if there are none."""
    line_errors: list[InitErrorDetails] = [
        {"type": PydanticCustomError(v.code, v.message), "loc": v.loc, "input": v.input}
        for v in violations
    ]
    if line_errors:
        raise ValidationError.from_exception_data(title=title, line_errors=line_errors)


def is_blank(value: object) -> bool:
    """True for a string with nothing in it but whitespace."""
    return isinstance(value, str) and not value.strip()


def require_text(value: object, loc: Loc, what: str) -> Iterator[RuleViolation]:
    """Yield ``text_required`` when ``value`` is a blank string."""
    if is_blank(value):
        yield violation(CommonRule.TEXT_REQUIRED, loc, f"{what} must not be empty.", value)


def duplicate_positions(values: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Yield (position, value) for every value already seen earlier in ``values``."""
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            yield index, value
        seen.add(value)


class RecordModel(BaseModel):
    """Base of every model: strict, immutable, and checked against its business rules."""

    # hide_input_in_errors: a validation error that reaches a log (with its
    # traceback) names the field and the problem, never the value typed (a name,
    # a plate), since the log file is not encrypted.
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, hide_input_in_errors=True
    )

    # Tells fieldapp.canonical that model_dump(mode="json") already gives the
    # canonical plain form (decimals and datetimes serialize as canonical JSON
    # wants), so hashing needs no second walk over the record.
    __canonical_json__ = True

    def rule_violations(self) -> Iterator[RuleViolation]:
        """Yield every business-rule violation; models with rules override this."""
        return iter(())

    @model_validator(mode="after")
    def _check_business_rules(self, info: ValidationInfo) -> Self:
        # Most nested models have no rules of their own (records check them
        # at record level); skip the generator machinery for those.
        if type(self).rule_violations is RecordModel.rule_violations:
            return self
        if rules_enabled(info):
            raise_violations(type(self).__name__, self.rule_violations())
        return self


class NotApplicable(RecordModel):
    """The field does not apply to this record (e.g. no vehicle in a pedestrian stop)."""

    empty: Literal["not_applicable"] = "not_applicable"


class NoInformation(RecordModel):
    """The field applies but its value is unknown, was refused, or was not recorded."""

    empty: Literal["no_information"] = "no_information"
    reason: Literal["unknown", "refused", "not_recorded"] = "unknown"


NOT_APPLICABLE = NotApplicable()
UNKNOWN = NoInformation()
REFUSED = NoInformation(reason="refused")
NOT_RECORDED = NoInformation(reason="not_recorded")


def _reject_float(value: Any) -> Any:
    # A float has already lost digits before we see it; bool is an int subclass.
    if isinstance(value, float | bool):
        raise PydanticCustomError(
            "decimal_not_float",
            "Give an exact decimal as text or an integer, not a floating-point number.",
        )
    return value


def _plain_decimal(value: Decimal) -> str:
    # Plain notation, as canonical JSON writes it ("100", never "1E+2").
    return format(value, "f")


ExactDecimal = Annotated[
    Decimal,
    BeforeValidator(_reject_float),
    Field(allow_inf_nan=False),
    PlainSerializer(_plain_decimal, return_type=str, when_used="json"),
]
"""A finite decimal given as text, integer or ``Decimal``; floats, NaN and Infinity refused."""

Code = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
"""A lowercase reference-data code such as a unit (``kg``) or category (``drug_cocaine``)."""

Moment = Annotated[
    AwareDatetime,
    PlainSerializer(lambda value: value.isoformat(), return_type=str, when_used="json"),
]
"""A timezone-aware datetime, written as ISO 8601 with its offset (``+00:00``, not ``Z``)."""

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
"""An ISO 3166-1 alpha-2 country code, e.g. ``US`` or ``MX``."""

NationalityCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,3}$")]
"""An ISO 3166-1 alpha-2 or alpha-3 code."""

CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
"""An ISO 4217 currency code, e.g. ``USD`` or ``MXN``."""

Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
"""A SHA-256 digest as 64 lowercase hex digits (photos, signatures)."""


class Quantity(RecordModel):
    """An exact amount with its unit code from reference data (``g``, ``kg``, ``ea``, ...)."""

    amount: Annotated[ExactDecimal, Field(ge=0)]
    unit: Code
