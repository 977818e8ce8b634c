"""The reference data shipped with the program: it loads, and its content is plausible."""

from __future__ import annotations

import zoneinfo
from collections import Counter

import pytest

from fieldapp.models.reference import (
    CheckpointKind,
    Country,
    ItemKind,
    LegalAction,
    ReferenceData,
    Role,
)
from fieldapp.reference import load_reference


@pytest.fixture(scope="module")
def reference() -> ReferenceData:
    return load_reference()


def test_bundled_data_loads_and_validates(reference: ReferenceData) -> None:
    assert reference.version == 1
    for field in ("agencies", "checkpoints", "officers", "item_categories", "units"):
        assert getattr(reference, field), field
    assert reference.legal_powers


def test_every_checkpoint_timezone_is_a_real_zone(reference: ReferenceData) -> None:
    for checkpoint in reference.checkpoints:
        assert zoneinfo.ZoneInfo(checkpoint.timezone).key == checkpoint.timezone


@pytest.mark.parametrize(
    ("code", "timezone"),
    [
        ("US-SYS", "America/Los_Angeles"),
        ("US-NOG-DC", "America/Phoenix"),  # Arizona keeps standard time all year
        ("US-ELP-BOTA", "America/Denver"),  # El Paso is on Mountain time
        ("US-BP-SBL", "America/Denver"),  # so is Hudspeth County (Sierra Blanca)
        ("US-LRD-GTA", "America/Chicago"),
        ("MX-TIJ-CHAP", "America/Tijuana"),
        ("MX-NOG-1", "America/Hermosillo"),
        ("MX-CJS-CORD", "America/Ciudad_Juarez"),
        ("MX-MAT", "America/Matamoros"),
    ],
)
def test_known_timezones(reference: ReferenceData, code: str, timezone: str) -> None:
    assert reference.checkpoint(code).timezone == timezone


def test_checkpoints_cover_both_countries_and_all_kinds(reference: ReferenceData) -> None:
    countries = Counter(c.country for c in reference.checkpoints)
    assert countries[Country.US] >= 25
    assert countries[Country.MX] >= 15
    assert {c.kind for c in reference.checkpoints} == set(CheckpointKind)


def test_checkpoints_lie_near_the_border(reference: ReferenceData) -> None:
    # A swapped sign or latitude/longitude mix-up would put a checkpoint in another
    # hemisphere; all of ours lie in a box around the US-Mexico border.
    for c in reference.checkpoints:
        assert 25 <= c.latitude <= 34, c.code
        assert -118 <= c.longitude <= -97, c.code


def test_agencies_include_the_expected_ones(reference: ReferenceData) -> None:
    codes = set(reference.agencies_by_code)
    assert {"CBP-OFO", "USBP", "HSI", "DEA", "ATF", "FBI"} <= codes
    assert {"GN", "FGR", "ANAM", "INM", "SEDENA"} <= codes


def test_spanish_names_have_proper_accents(reference: ReferenceData) -> None:
    assert reference.agency("ANAM").name_es == "Agencia Nacional de Aduanas de México"
    assert reference.agency("INM").name_es == "Instituto Nacional de Migración"
    assert reference.item_category("cocaine").name_es == "Cocaína"
    assert reference.item_category("vehicle").name_es == "Vehículo"
    assert reference.checkpoint("MX-CJS-CORD").city == "Ciudad Juárez"
    # Common words that must never appear without their accent.
    unaccented = ("Mexico ", "Migracion", "Juarez", "Cocaina", "Vehiculo", "Telefono")
    texts = [a.name_es for a in reference.agencies]
    texts += [c.name_es for c in reference.checkpoints] + [c.city for c in reference.checkpoints]
    texts += [c.name_es for c in reference.item_categories]
    texts += [p.name_es for p in reference.legal_powers]
    for text in texts:
        for word in unaccented:
            assert word not in text + " ", text


def test_mexican_officers_have_accented_names(reference: ReferenceData) -> None:
    mexican = [o for o in reference.officers if reference.agency(o.agency).country is Country.MX]
    assert mexican
    assert any(set(o.name) & set("áéíóúñÁÉÍÓÚÑ") for o in mexican)


def test_officers_roles_and_demo_account(reference: ReferenceData) -> None:
    roles = Counter(o.role for o in reference.officers)
    assert roles[Role.SUPERVISOR] == 2
    assert roles[Role.AUDITOR] == 1
    assert roles[Role.OFFICER] > roles[Role.SUPERVISOR] + roles[Role.AUDITOR]
    demo = reference.officer("off-demo")
    assert demo.role is Role.OFFICER
    assert demo.active
    # Hashes are added by the enrollment / security part, never shipped in the seed.
    assert all(o.password_hash is None for o in reference.officers)


def test_every_item_kind_has_a_category(reference: ReferenceData) -> None:
    assert {c.kind for c in reference.item_categories} == set(ItemKind)
    drugs = {c.code for c in reference.item_categories if c.kind is ItemKind.DRUG}
    assert {"methamphetamine", "fentanyl_powder", "fentanyl_pills", "cocaine"} <= drugs
    assert {"heroin", "marijuana", "precursor_chemicals"} <= drugs
    assert {"currency_usd", "currency_mxn"} <= set(reference.item_categories_by_code)


def test_units(reference: ReferenceData) -> None:
    assert {"g", "kg", "lb", "oz", "ea", "ml", "l", "rd"} <= set(reference.units_by_code)


def test_legal_powers_for_both_countries_and_every_action(reference: ReferenceData) -> None:
    for country in Country:
        powers = [p for p in reference.legal_powers if p.country is country]
        actions = {a for p in powers for a in p.applies_to}
        assert actions == set(LegalAction), country
    citations = {p.citation for p in reference.legal_powers}
    assert {"19 U.S.C. § 1581", "19 U.S.C. § 1595a", "8 U.S.C. § 1357"} <= citations
    assert {"CNPP art. 227", "CNPP art. 228", "CNPP art. 251"} <= citations
    assert "Ley de Migración art. 97" in citations
