"""Validation rules of the reference models: duplicates, cross references, field checks."""

from __future__ import annotations

import copy
import json
import pickle
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from fieldapp.models.reference import (
    Agency,
    Checkpoint,
    Country,
    LegalPower,
    Officer,
    ReferenceData,
    Role,
    UnknownReferenceError,
)
from fieldapp.reference import default_reference_path


def _data() -> dict[str, Any]:
    """A fresh, mutable copy of the bundled reference data as plain JSON values."""
    result: dict[str, Any] = json.loads(default_reference_path().read_text(encoding="utf-8"))
    return result


def _errors(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as info:
        ReferenceData.model_validate(data)
    return str(info.value)


def _checkpoint(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "code": "US-SYS",
        "name": "San Ysidro Port of Entry",
        "name_es": "Puerto de entrada de San Ysidro",
        "country": "US",
        "kind": "port_of_entry",
        "state": "CA",
        "city": "San Diego",
        "timezone": "America/Los_Angeles",
        "agency": "CBP-OFO",
        "latitude": "32.5422",
        "longitude": "-117.0292",
    }
    base.update(changes)
    return base


# --- uniqueness and cross references ---------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "key"),
    [
        ("agencies", "code"),
        ("checkpoints", "code"),
        ("officers", "id"),
        ("item_categories", "code"),
        ("units", "code"),
        ("legal_powers", "code"),
    ],
)
def test_duplicate_key_is_named(field: str, key: str) -> None:
    data = _data()
    first = data[field][0]
    clone = dict(data[field][1])
    clone[key] = first[key]
    if field == "officers":
        clone["badge_number"] = "UNIQUE-1"  # only the id should clash
    data[field].append(clone)
    message = _errors(data)
    assert f"{field}: duplicate {key} {first[key]!r}" in message
    assert f"(entries 0, {len(data[field]) - 1})" in message


def test_checkpoint_with_unknown_agency_is_named() -> None:
    data = _data()
    data["checkpoints"][0]["agency"] = "NOPE"
    assert f"checkpoint {data['checkpoints'][0]['code']!r}: unknown agency 'NOPE'" in _errors(data)


def test_officer_with_unknown_agency_is_named() -> None:
    data = _data()
    data["officers"][0]["agency"] = "NOPE"
    assert f"officer {data['officers'][0]['id']!r}: unknown agency 'NOPE'" in _errors(data)


def test_category_with_unknown_unit_is_named() -> None:
    data = _data()
    data["item_categories"][0]["default_unit"] = "furlong"
    code = data["item_categories"][0]["code"]
    assert f"item category {code!r}: unknown default_unit 'furlong'" in _errors(data)


def test_checkpoint_agency_must_be_from_the_same_country() -> None:
    data = _data()
    us = next(c for c in data["checkpoints"] if c["country"] == "US")
    us["agency"] = "ANAM"
    message = _errors(data)
    assert f"checkpoint {us['code']!r} is in US but its agency 'ANAM' is in MX" in message


def test_badge_numbers_are_unique_within_an_agency() -> None:
    data = _data()
    ofo = [o for o in data["officers"] if o["agency"] == "CBP-OFO"]
    ofo[1]["badge_number"] = ofo[0]["badge_number"]
    assert f"badge number {ofo[0]['badge_number']!r} is used twice in agency 'CBP-OFO'" in (
        _errors(data)
    )


def test_all_problems_are_reported_at_once() -> None:
    data = _data()
    data["checkpoints"][0]["agency"] = "NOPE"
    data["officers"][0]["agency"] = "NOPE"
    message = _errors(data)
    assert "checkpoint" in message
    assert "officer" in message


def test_empty_lists_are_allowed() -> None:
    empty = ReferenceData(
        version=1,
        agencies=(),
        checkpoints=(),
        officers=(),
        item_categories=(),
        units=(),
        legal_powers=(),
    )
    assert empty.checkpoints_by_code == {}


# --- field rules -------------------------------------------------------------------------------


def test_unknown_timezone_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown IANA timezone 'America/Atlantis'"):
        Checkpoint.model_validate(_checkpoint(timezone="America/Atlantis"))


def test_path_like_timezone_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown IANA timezone"):
        Checkpoint.model_validate(_checkpoint(timezone="../../etc/passwd"))


def test_state_must_belong_to_the_country() -> None:
    with pytest.raises(ValidationError, match="state 'BCN' is not a USPS state code"):
        Checkpoint.model_validate(_checkpoint(state="BCN"))
    with pytest.raises(ValidationError, match="state 'CA' is not an ISO 3166-2:MX code"):
        Checkpoint.model_validate(_checkpoint(code="MX-X", country="MX", state="CA", agency="ANAM"))


def test_checkpoint_code_starts_with_its_country() -> None:
    with pytest.raises(ValidationError, match="code must start with US-"):
        Checkpoint.model_validate(_checkpoint(code="MX-SYS"))


@pytest.mark.parametrize(
    ("field", "value"),
    [("latitude", "91"), ("longitude", "-180.5"), ("latitude", "NaN"), ("longitude", "Infinity")],
)
def test_coordinates_out_of_range_are_refused(field: str, value: str) -> None:
    with pytest.raises(ValidationError, match=field):
        Checkpoint.model_validate(_checkpoint(**{field: value}))


def test_coordinates_are_exact_decimals() -> None:
    checkpoint = Checkpoint.model_validate(_checkpoint())
    assert checkpoint.latitude == Decimal("32.5422")
    assert checkpoint.model_dump(mode="json")["latitude"] == "32.5422"


def test_unknown_keys_are_refused() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Checkpoint.model_validate(_checkpoint(elevation="10"))


def test_strings_are_stripped() -> None:
    assert Checkpoint.model_validate(_checkpoint(city="  San Diego ")).city == "San Diego"


def test_models_are_frozen() -> None:
    checkpoint = Checkpoint.model_validate(_checkpoint())
    with pytest.raises(ValidationError, match="frozen"):
        checkpoint.city = "Tijuana"  # type: ignore[misc]


def _officer(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "off-0001",
        "badge_number": "OFO-1",
        "name": "Test Officer",
        "agency": "CBP-OFO",
        "role": "officer",
        "languages": ["en"],
        "password_hash": None,
        "active": True,
    }
    base.update(changes)
    return base


def test_password_hash_must_be_argon2id() -> None:
    good = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"
    assert Officer.model_validate(_officer(password_hash=good)).password_hash == good
    with pytest.raises(ValidationError, match="argon2id"):
        Officer.model_validate(_officer(password_hash="hunter2"))
    with pytest.raises(ValidationError, match="argon2id"):
        Officer.model_validate(_officer(password_hash="$argon2i$v=19$m=65536,t=3,p=4$x$y"))


def test_password_hash_is_kept_out_of_repr() -> None:
    officer = Officer.model_validate(_officer(password_hash="$argon2id$v=19$secret"))
    assert "argon2id" not in repr(officer)


@pytest.mark.parametrize(
    "changes",
    [
        {"languages": []},
        {"languages": ["en", "en"]},
        {"languages": ["english"]},
        {"role": "admin"},
        {"id": "Off 1"},
        {"badge_number": ""},
    ],
)
def test_invalid_officer_fields_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Officer.model_validate(_officer(**changes))


def test_legal_power_needs_distinct_actions() -> None:
    base = {
        "code": "us_19_usc_1581",
        "country": "US",
        "citation": "19 U.S.C. § 1581",
        "name_en": "Border search",
        "name_es": "Registro fronterizo",
    }
    with pytest.raises(ValidationError):
        LegalPower.model_validate({**base, "applies_to": []})
    with pytest.raises(ValidationError, match="more than once: search"):
        LegalPower.model_validate({**base, "applies_to": ["search", "search"]})
    with pytest.raises(ValidationError):
        LegalPower.model_validate({**base, "applies_to": ["arrest"]})


def test_agency_codes_are_upper_case() -> None:
    with pytest.raises(ValidationError, match="code"):
        Agency.model_validate(
            {"code": "cbp", "name_en": "x", "name_es": "x", "country": "US", "kind": "customs"}
        )


# --- lookups and indexes -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> ReferenceData:
    return ReferenceData.model_validate(_data())


def test_lookups_find_entries(reference: ReferenceData) -> None:
    assert reference.checkpoint("US-SYS").city == "San Diego"
    assert reference.officer("off-demo").role is Role.OFFICER
    assert reference.agency("ANAM").country is Country.MX
    assert reference.item_category("fentanyl_pills").default_unit == "ea"
    assert reference.unit("kg").name_es == "kilogramo"
    assert reference.legal_power("mx_cnpp_227").name_es == "Cadena de custodia"


@pytest.mark.parametrize(
    ("method", "what"),
    [
        ("checkpoint", "checkpoint code"),
        ("officer", "officer id"),
        ("agency", "agency code"),
        ("item_category", "item category code"),
        ("unit", "unit code"),
        ("legal_power", "legal power code"),
    ],
)
def test_unknown_lookup_raises_clear_key_error(
    reference: ReferenceData, method: str, what: str
) -> None:
    with pytest.raises(KeyError) as info:
        getattr(reference, method)("XX-NOPE")
    assert isinstance(info.value, UnknownReferenceError)
    assert str(info.value) == f"unknown {what} 'XX-NOPE' in reference data version 1"


def test_indexes_are_read_only_and_cached(reference: ReferenceData) -> None:
    index = reference.checkpoints_by_code
    assert index is reference.checkpoints_by_code
    assert len(index) == len(reference.checkpoints)
    with pytest.raises(TypeError):
        index["US-NEW"] = reference.checkpoints[0]  # type: ignore[index]


def test_cached_indexes_do_not_leak_into_equality_or_dumps() -> None:
    a = ReferenceData.model_validate(_data())
    b = ReferenceData.model_validate(_data())
    a.checkpoint("US-SYS")  # builds a's index only
    assert a == b
    assert "checkpoints_by_code" not in a.model_dump()
    assert ReferenceData.model_validate_json(a.model_dump_json()) == a


def test_model_copy_with_update_rebuilds_indexes(reference: ReferenceData) -> None:
    reference.checkpoint("US-SYS")
    fewer = reference.model_copy(update={"checkpoints": reference.checkpoints[1:]})
    with pytest.raises(KeyError):
        fewer.checkpoint(reference.checkpoints[0].code)
    assert reference.checkpoint(reference.checkpoints[0].code) == reference.checkpoints[0]


def test_copies_and_pickles_keep_working(reference: ReferenceData) -> None:
    reference.officer("off-demo")
    pickled = pickle.loads(pickle.dumps(reference))
    for other in (copy.copy(reference), copy.deepcopy(reference), pickled):
        assert other == reference
        assert other.officer("off-demo") == reference.officer("off-demo")
