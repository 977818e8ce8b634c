"""Words for what records store as codes: translated names, reference names, local times.

Records keep stable codes (``secondary_inspection``, ``off-0101``, ``US-SYS``);
officers read names in their language. Every translated string is a literal
inside ``self.tr`` so lupdate extracts it; tables are rebuilt after a language
change (:meth:`Labels.retranslate`).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale, QObject, QTime

from ui.context import UiContext
from ui.records.field_names import FieldNames


def ui_locale(ctx: UiContext) -> QLocale:
    """The locale numbers and dates are written in: the system's, or Mexican Spanish in Spanish."""
    locale = QLocale()
    if ctx.language == "es" and locale.language() != QLocale.Language.Spanish:
        return QLocale(QLocale.Language.Spanish, QLocale.Country.Mexico)
    if locale.language() == QLocale.Language.C:
        # No locale set (a service account, a bare terminal): US English, not
        # the C locale's "30 10 2026".
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale


def parse_moment(text: Any) -> dt.datetime | None:
    """An ISO 8601 time with its offset (``Z`` accepted), or None if it is not one."""
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def format_moment(moment: dt.datetime, locale: QLocale, seconds: bool = False) -> str:
    """The wall time of ``moment`` (in its own offset) in the locale's short form."""
    date = QDate(moment.year, moment.month, moment.day)
    time = QTime(moment.hour, moment.minute, moment.second)
    if seconds:
        return (
            f"{locale.toString(date, QLocale.FormatType.ShortFormat)} {time.toString('HH:mm:ss')}"
        )
    return locale.toString(QDateTime(date, time), QLocale.FormatType.ShortFormat)


class Labels(QObject):
    """Translated names of codes and reference data, for one UI context."""

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._tables: dict[str, dict[str, str]] | None = None
        self._zones: dict[str, zoneinfo.ZoneInfo | None] = {}
        self._locale: tuple[str, QLocale] | None = None
        self._fields = FieldNames(self)

    def retranslate(self) -> None:
        """Forget the translated tables; they are rebuilt in the current language."""
        self._tables = None
        self._fields.retranslate()

    @property
    def spanish(self) -> bool:
        """Whether reference names are shown in Spanish."""
        return self.ctx.language == "es"

    # -- codes ---------------------------------------------------------------------------

    def code(self, group: str, value: Any) -> str:
        """The name of ``value`` in a group of codes; unknown codes are shown readably."""
        if self._tables is None:
            self._tables = self._build()
        text = str(value)
        return self._tables.get(group, {}).get(text) or text.replace("_", " ")

    def record_type(self, code: str) -> str:
        """Encounter, seizure, custody transfer..."""
        return self.code("record_type", code)

    def category(self, record_type: str, value: str) -> str:
        """A stop type, or a seizure's item categories (comma-separated codes)."""
        if record_type == "seizure":
            return ", ".join(self.code("item_category", c) for c in value.split(",") if c)
        if record_type == "custody_transfer":
            return self.code("purpose", value)
        if record_type == "property_return":
            return self.code("return_outcome", value)
        return self.code("stop_type", value)

    def result(self, record_type: str, value: str) -> str:
        """How an encounter ended, or why a seizure was made."""
        if record_type == "seizure":
            return self.code("seizure_reason", value)
        return self.code("result", value) if value else ""

    def empty(self, value: Mapping[str, Any]) -> str:
        """The sentence for a "not applicable" or "no information" value."""
        if value.get("empty") == "not_applicable":
            return self.tr("not applicable")
        return self.code("no_information", value.get("reason", "unknown"))

    def path(self, path: str | tuple[str | int, ...]) -> str:
        """A field location in the officer's language: ``people.0.name`` is ``People #1 › Name``."""
        return self._fields.path(path, self.ctx.language)

    # -- reference data --------------------------------------------------------------------

    def officer(self, officer_id: Any) -> str:
        """An officer's name (badge number), or the id when the officer is not in the data."""
        found = self.ctx.reference.officers_by_id.get(str(officer_id))
        if found is None:
            return str(officer_id)
        return self.tr("{name} (badge {badge})").format(name=found.name, badge=found.badge_number)

    def checkpoint(self, code: Any) -> str:
        """A checkpoint's name in the UI language, or its code when unknown."""
        found = self.ctx.reference.checkpoints_by_code.get(str(code))
        if found is None:
            return str(code)
        return found.name_es if self.spanish else found.name

    def agency(self, code: Any) -> str:
        """An agency's name in the UI language (looked up case-insensitively), or as written."""
        text = str(code)
        found = self.ctx.reference.agencies_by_code.get(text.upper())
        if found is None:
            return text
        return found.name_es if self.spanish else found.name_en

    def legal_power(self, code: Any) -> str:
        """A legal power's citation and name."""
        found = self.ctx.reference.legal_powers_by_code.get(str(code))
        if found is None:
            return str(code)
        return f"{found.citation} — {found.name_es if self.spanish else found.name_en}"

    def item_category(self, item: Mapping[str, Any]) -> str:
        """An item's category from reference data when it has a code, else its broad kind."""
        found = self.ctx.reference.item_categories_by_code.get(str(item.get("category_code")))
        if found is not None:
            return found.name_es if self.spanish else found.name_en
        return self.code("item_category", item.get("category", ""))

    def zone(self, checkpoint: str) -> zoneinfo.ZoneInfo | None:
        """The time zone of a checkpoint (None when unknown)."""
        if checkpoint not in self._zones:
            found = self.ctx.reference.checkpoints_by_code.get(checkpoint)
            zone = None
            if found is not None:
                try:
                    zone = zoneinfo.ZoneInfo(found.timezone)
                except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                    zone = None
            self._zones[checkpoint] = zone
        return self._zones[checkpoint]

    def locale(self) -> QLocale:
        """The locale of the current language, made once per language (lists ask per cell)."""
        if self._locale is None or self._locale[0] != self.ctx.language:
            self._locale = (self.ctx.language, ui_locale(self.ctx))
        return self._locale[1]

    def officer_name(self, officer_id: Any) -> str:
        """Only an officer's name (for narrow columns), or the id when unknown."""
        found = self.ctx.reference.officers_by_id.get(str(officer_id))
        return str(officer_id) if found is None else found.name

    def local_when(self, utc: Any, checkpoint: str, seconds: bool = False) -> str:
        """A list's UTC time as the wall time at the checkpoint (the device's zone if unknown)."""
        moment = parse_moment(utc)
        if moment is None:
            return str(utc or "")
        zone = self.zone(checkpoint)
        local = moment.astimezone(zone) if zone is not None else moment.astimezone()
        return format_moment(local, self.locale(), seconds)

    def when(self, value: Any, seconds: bool = False) -> str:
        """A stored time as the wall time it was recorded in, in the officer's locale."""
        moment = parse_moment(value)
        if moment is None:
            return str(value or "")
        return format_moment(moment, self.locale(), seconds)

    # -- the tables ------------------------------------------------------------------------

    def _build(self) -> dict[str, dict[str, str]]:
        return {
            "record_type": {
                "encounter": self.tr("Encounter"),
                "seizure": self.tr("Seizure"),
                "custody_transfer": self.tr("Custody transfer"),
                "property_return": self.tr("Property return"),
                "receipt": self.tr("Receipt"),
            },
            "stop_type": {
                "primary_inspection": self.tr("Primary inspection"),
                "secondary_inspection": self.tr("Secondary inspection"),
                "pedestrian": self.tr("Pedestrian"),
                "vehicle": self.tr("Vehicle stop"),
                "rescue_welfare": self.tr("Rescue / welfare"),
                "other": self.tr("Other stop"),
            },
            "result": {
                "no_action": self.tr("No action"),
                "warning": self.tr("Warning"),
                "citation": self.tr("Citation"),
                "arrest_detention": self.tr("Arrest / detention"),
                "release": self.tr("Release"),
                "handover": self.tr("Handover to agency"),
            },
            "seizure_reason": {
                "evidence": self.tr("Evidence"),
                "forfeiture": self.tr("Forfeiture"),
                "safekeeping": self.tr("Safekeeping"),
                "detained_for_examination": self.tr("Detained for examination"),
            },
            "item_category": {
                "drug": self.tr("Drugs"),
                "currency": self.tr("Currency"),
                "firearm": self.tr("Firearm"),
                "ammunition": self.tr("Ammunition"),
                "vehicle": self.tr("Vehicle"),
                "document": self.tr("Document"),
                "electronic_device": self.tr("Electronic device"),
                "other": self.tr("Other"),
            },
            "person_role": {
                "driver": self.tr("Driver"),
                "passenger": self.tr("Passenger"),
                "pedestrian": self.tr("Pedestrian"),
                "other": self.tr("Other"),
            },
            "document_type": {
                "passport": self.tr("Passport"),
                "passport_card": self.tr("Passport card"),
                "border_crossing_card": self.tr("Border crossing card"),
                "permanent_resident_card": self.tr("Permanent resident card"),
                "trusted_traveler_card": self.tr("Trusted traveler card"),
                "drivers_license": self.tr("Driver's licence"),
                "ine_voter_card": self.tr("INE voter card"),
                "matricula_consular": self.tr("Matrícula consular"),
                "dpi": self.tr("DPI (Guatemala)"),
                "dni": self.tr("DNI (Honduras)"),
                "dui": self.tr("DUI (El Salvador)"),
                "national_id": self.tr("Other national identity card"),
                "other": self.tr("Other document"),
            },
            "age_range": {
                "age_0_11": self.tr("0–11 years"),
                "age_12_17": self.tr("12–17 years"),
                "age_18_29": self.tr("18–29 years"),
                "age_30_49": self.tr("30–49 years"),
                "age_50_plus": self.tr("50 years or more"),
            },
            "force_type": {
                "verbal_command": self.tr("Verbal command"),
                "physical_control": self.tr("Physical control"),
                "restraints": self.tr("Restraints"),
                "less_lethal": self.tr("Less-lethal weapon"),
                "firearm_pointed": self.tr("Firearm pointed"),
                "firearm_discharged": self.tr("Firearm discharged"),
                "other": self.tr("Other"),
            },
            "protection": {
                "minor_accompanied": self.tr("Minor, accompanied"),
                "minor_unaccompanied": self.tr("Minor, unaccompanied"),
                "injury_illness": self.tr("Injury or illness"),
                "disability": self.tr("Disability"),
                "fear_of_return_asylum": self.tr("Fear of return / asylum request"),
                "trafficking_indicators": self.tr("Signs of trafficking"),
            },
            "detention_type": {
                "in_flagrante": self.tr("In flagrante"),
                "warrant": self.tr("Warrant"),
                "administrative": self.tr("Administrative"),
                "immigration": self.tr("Immigration"),
                "other": self.tr("Other"),
            },
            "receipt_medium": {
                "paper": self.tr("on paper"),
                "electronic": self.tr("electronically"),
                "none": self.tr("not given"),
            },
            "custody_start": {
                "found": self.tr("Found"),
                "discovered_in_search": self.tr("Discovered in a search"),
                "handed_over": self.tr("Handed over"),
            },
            "field_test": {
                "positive": self.tr("Positive"),
                "negative": self.tr("Negative"),
                "inconclusive": self.tr("Inconclusive"),
                "not_tested": self.tr("Not tested"),
            },
            "package_kind": {
                "bag": self.tr("Bag"),
                "box": self.tr("Box"),
                "container": self.tr("Container"),
                "envelope": self.tr("Envelope"),
                "other": self.tr("Other"),
            },
            "approval_level": {
                "supervisor": self.tr("Supervisor"),
                "second_line_supervisor": self.tr("Second-line supervisor"),
            },
            "purpose": {
                "storage": self.tr("Storage"),
                "laboratory_analysis": self.tr("Laboratory analysis"),
                "prosecution": self.tr("Prosecution"),
                "return_to_owner": self.tr("Return to owner"),
                "transfer_to_agency": self.tr("Transfer to another agency"),
                "destruction": self.tr("Destruction"),
                "other": self.tr("Other purpose"),
            },
            "return_outcome": {
                "returned_to_person": self.tr("Returned to the person"),
                "handed_to_next_agency": self.tr("Handed to the next agency"),
            },
            "event_kind": {
                "finalized": self.tr("Finalized"),
                "addendum": self.tr("Addendum"),
                "custody_transferred": self.tr("Custody transferred"),
                "property_returned": self.tr("Property returned"),
                "receipt_issued": self.tr("Receipt issued"),
                "annotated": self.tr("HQ annotation"),
                "conflict_resolved": self.tr("Conflict resolved"),
            },
            "no_information": {
                "unknown": self.tr("unknown"),
                "refused": self.tr("refused"),
                "not_recorded": self.tr("not recorded"),
            },
        }
