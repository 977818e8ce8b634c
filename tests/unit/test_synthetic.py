"""Tests of the synthetic record generator: determinism, validity, links and realism."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from fieldapp.canonical import to_plain
from fieldapp.models import Encounter, Seizure
from fieldapp.models.reference import ReferenceData
from fieldapp.reference import load_reference
from fieldapp.synthetic import DEFAULT_WHEN, Generator

Bundle = tuple[dict[str, Any], list[dict[str, Any]]]
COUNT = 300


@pytest.fixture(scope="module")
def reference() -> ReferenceData:
    return load_reference()


@pytest.fixture(scope="module")
def bundles(reference: ReferenceData) -> list[Bundle]:
    return list(Generator(reference, seed=42).bundles(COUNT))


def _seizures(bundles: list[Bundle]) -> list[dict[str, Any]]:
    return [seizure for _, seizures in bundles for seizure in seizures]


def test_same_seed_gives_identical_output(reference: ReferenceData, bundles: list[Bundle]) -> None:
    again = list(Generator(reference, seed=42).bundles(COUNT))
    assert again == bundles


def test_bundle_does_not_depend_on_what_was_generated_before(
    reference: ReferenceData, bundles: list[Bundle]
) -> None:
    generator = Generator(reference, seed=42)
    assert generator.encounter_bundle(123) == bundles[123]
    assert list(generator.bundles(5, start=200)) == bundles[200:205]


def test_other_seed_gives_other_output(reference: ReferenceData, bundles: list[Bundle]) -> None:
    other = list(Generator(reference, seed=43).bundles(20))
    assert [e["id"] for e, _ in other] != [e["id"] for e, _ in bundles[:20]]
    assert [e["narrative"] for e, _ in other] != [e["narrative"] for e, _ in bundles[:20]]


def test_ids_and_numbers_are_unique(bundles: list[Bundle]) -> None:
    encounters = [e for e, _ in bundles]
    seizures = _seizures(bundles)
    ids = [e["id"] for e in encounters] + [s["id"] for s in seizures]
    assert len(set(ids)) == len(ids)
    references = [e["reference_number"] for e in encounters]
    assert len(set(references)) == len(references)
    numbers = [s["seizure_number"] for s in seizures]
    assert len(set(numbers)) == len(numbers)


def test_reference_numbers_carry_checkpoint_device_and_index(reference: ReferenceData) -> None:
    generator = Generator(reference, seed=5, device_code="LAPTOP7")
    for index in (0, 17, 999_999):
        encounter, seizures = generator.encounter_bundle(index)
        prefix = f"{encounter['checkpoint']}-LAPTOP7-"
        assert encounter["reference_number"] == f"{prefix}{index:06d}"
        for seizure in seizures:
            assert seizure["seizure_number"].startswith(f"{prefix}S{index:06d}")


def test_ids_differ_between_devices_with_the_same_seed(reference: ReferenceData) -> None:
    one = Generator(reference, seed=1, device_code="DEV1").encounter_bundle(0)[0]
    two = Generator(reference, seed=1, device_code="DEV2").encounter_bundle(0)[0]
    assert one["id"] != two["id"]


def test_every_record_validates_with_business_rules(bundles: list[Bundle]) -> None:
    for encounter, seizures in bundles:
        model = Encounter.model_validate(encounter)
        assert list(model.rule_violations()) == []
        # The output is the canonical plain form of the validated model.
        assert to_plain(model) == encounter
        for seizure in seizures:
            seizure_model = Seizure.model_validate(seizure)
            assert list(seizure_model.rule_violations()) == []
            assert to_plain(seizure_model) == seizure


def test_about_a_third_of_encounters_have_seizures(bundles: list[Bundle]) -> None:
    with_seizure = sum(1 for _, seizures in bundles if seizures)
    assert 0.25 * COUNT <= with_seizure <= 0.42 * COUNT


def test_links_between_encounter_and_seizures(bundles: list[Bundle]) -> None:
    for encounter, seizures in bundles:
        assert encounter["actions"]["seizure_ids"] == [s["id"] for s in seizures]
        for seizure in seizures:
            assert seizure["encounter_id"] == encounter["id"]
            assert seizure["checkpoint"] == encounter["checkpoint"]
            assert seizure["officer_id"] == encounter["officer_id"]
            refs = {p["person_ref"] for p in encounter["people"]}
            assert seizure["seized_from"]["person_ref"] in refs


def test_times_are_aware_in_the_checkpoint_zone(
    reference: ReferenceData, bundles: list[Bundle]
) -> None:
    zones = {c.code: ZoneInfo(c.timezone) for c in reference.checkpoints}
    period_start = datetime(2026, 8, 1, tzinfo=UTC)
    for encounter, seizures in bundles:
        zone = zones[encounter["checkpoint"]]
        started = datetime.fromisoformat(encounter["started_at"])
        assert started.utcoffset() == started.astimezone(zone).utcoffset()
        assert period_start <= started < DEFAULT_WHEN
        if isinstance(encounter["ended_at"], str):
            assert datetime.fromisoformat(encounter["ended_at"]) >= started
        for seizure in seizures:
            seized = datetime.fromisoformat(seizure["seized_at"])
            assert seized.utcoffset() == seized.astimezone(zone).utcoffset()
            assert seized >= started


def test_when_moves_the_period(reference: ReferenceData) -> None:
    when = datetime(2025, 3, 15, 12, tzinfo=UTC)
    generator = Generator(reference, seed=3)
    for index in range(30):
        encounter, _ = generator.encounter_bundle(index, when=when)
        started = datetime.fromisoformat(encounter["started_at"])
        assert datetime(2024, 12, 10, tzinfo=UTC) <= started < when


def test_naive_when_is_refused(reference: ReferenceData) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Generator(reference).encounter_bundle(0, when=datetime(2026, 1, 1))


def test_officers_witnesses_and_powers_come_from_the_checkpoint_country(
    reference: ReferenceData, bundles: list[Bundle]
) -> None:
    for encounter, seizures in bundles:
        checkpoint = reference.checkpoint(encounter["checkpoint"])
        officer = reference.officer(encounter["officer_id"])
        assert reference.agency(officer.agency).country is checkpoint.country
        assert encounter["agency"] == officer.agency
        power = reference.legal_power(encounter["legal_power"])
        assert power.country is checkpoint.country
        for seizure in seizures:
            assert reference.legal_power(seizure["legal_power"]).country is checkpoint.country
            witness = seizure["witness_id"]
            if isinstance(witness, str):
                assert witness != seizure["officer_id"]
                witness_agency = reference.agency(reference.officer(witness).agency)
                assert witness_agency.country is checkpoint.country
            for item in seizure["items"]:
                reference.unit(item["quantity"]["unit"])
                if item["category_code"] is not None:
                    reference.item_category(item["category_code"])


def test_drugs_carry_gross_weight_witness_and_field_test(bundles: list[Bundle]) -> None:
    drugs = 0
    for seizure in _seizures(bundles):
        for item in seizure["items"]:
            if item["category"] != "drug":
                continue
            drugs += 1
            assert "amount" in item["gross_weight"]
            assert item["field_test"]["result"] in {
                "positive",
                "negative",
                "inconclusive",
                "not_tested",
            }
            assert isinstance(seizure["witness_id"], str)
            assert seizure["witness_id"] != seizure["officer_id"]
    assert drugs > 0


def test_currency_is_counted_by_two_officers_or_deferred_with_reason(
    reference: ReferenceData,
) -> None:
    counted = deferred = 0
    for _, seizures in Generator(reference, seed=9).bundles(1500):
        for seizure in seizures:
            for item in seizure["items"]:
                if item["category"] != "currency":
                    continue
                count = item["currency_count"]
                if "lines" in count:
                    counted += 1
                    assert count["counted_by"] != count["witnessed_by"]
                    assert {line["currency"] for line in count["lines"]} <= {"USD", "MXN"}
                else:
                    deferred += 1
                    assert item["count_deferred_reason"]
    assert counted > 0
    assert deferred > 0


def test_variety_of_content(bundles: list[Bundle]) -> None:
    encounters = [e for e, _ in bundles]
    names = [p["name"] for e in encounters for p in e["people"] if isinstance(p["name"], str)]
    assert any(not name.isascii() for name in names)
    assert any("ñ" in name or "Ñ" in name for name in names)
    refused = [
        p
        for e in encounters
        for p in e["people"]
        if p["name"] == {"empty": "no_information", "reason": "refused"}
    ]
    assert refused
    results = {e["result"] for e in encounters}
    assert {"no_action", "warning", "arrest_detention", "handover"} <= results
    assert sum(e["result"] in ("no_action", "warning") for e in encounters) > COUNT / 2
    for encounter in encounters:
        if encounter["stop_type"] == "pedestrian":
            assert encounter["vehicle"] == {"empty": "not_applicable"}
        if encounter["result"] == "arrest_detention":
            assert encounter["detentions"]
    categories = {item["category"] for s in _seizures(bundles) for item in s["items"]}
    assert {"drug", "currency", "firearm", "electronic_device"} <= categories
    assert any(e["narrative"].startswith("Siendo") for e in encounters)  # some Spanish
    assert any(e["protection_flags"] for e in encounters)


def test_vins_are_well_formed(bundles: list[Bundle]) -> None:
    vins = [
        e["vehicle"]["vin"]
        for e, _ in bundles
        if "vin" in e["vehicle"] and isinstance(e["vehicle"]["vin"], str)
    ]
    assert vins
    for vin in vins:
        assert len(vin) == 17
        assert not set(vin) & set("IOQ")


def test_negative_index_is_refused(reference: ReferenceData) -> None:
    with pytest.raises(ValueError, match="index"):
        Generator(reference).encounter_bundle(-1)
