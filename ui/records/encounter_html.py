"""An encounter as a document: the stop, people, vehicle, actions, protection, result, narrative."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldapp.services.queries import ChainLink, RecordView
from ui.records.sections import RecordHtml, e, value_at


class EncounterHtml(RecordHtml):
    """Writes an encounter's sections in the order the paper forms use."""

    def body(self, view: RecordView, chains: Mapping[str, list[ChainLink]]) -> str:
        """Every section of the encounter."""
        return (
            self.stop()
            + self.people()
            + self.vehicle()
            + self.actions()
            + self.protection()
            + self.outcome()
            + self.narrative()
        )

    def _list(self, *path: str) -> list[Any]:
        found = value_at(self._current, path)
        return found if isinstance(found, list) else []

    def stop(self) -> str:
        """Who stopped whom, where, when, why and under which power."""
        current = self._current
        location = []
        if value_at(current, ("location", "landmark")):
            location.append(self.v("location", "landmark"))
        if value_at(current, ("location", "latitude")):
            location.append(self.v("location", "latitude") + ", " + self.v("location", "longitude"))
        partners = ", ".join(
            e(self.labels.agency(p.get("agency", "")))
            + (" " + e(self.tr("(primary)")) if p.get("primary") else "")
            for p in self._list("partner_agencies")
        )
        checkpoint = self.v("checkpoint", show=lambda c: e(f"{self.labels.checkpoint(c)} ({c})"))
        rows = [
            (self.tr("Reference"), self.v("reference_number")),
            (self.tr("Agency"), self.v("agency", show=lambda a: e(self.labels.agency(a)))),
            (self.tr("Officer"), self.officer("officer_id")),
            (self.tr("Partner agencies") if partners else "", partners),
            (self.tr("Started"), self.v("started_at")),
            (self.tr("Ended"), self.v("ended_at")),
            (self.tr("Checkpoint"), checkpoint),
            (self.tr("Location"), "; ".join(location) or self.fmt(None)),
            (self.tr("Type of stop"), self.code("stop_type", "stop_type")),
            (self.tr("Reason"), self.v("reason")),
            (self.tr("Grounds"), self.v("grounds")),
            (self.tr("Object of search"), self.v("search_object")),
            (self.tr("Legal power"), self.v("legal_power", show=self._power)),
            (
                self.tr("Body-camera clips") if self._list("body_camera_clips") else "",
                self.v("body_camera_clips"),
            ),
        ]
        return self.section(self.tr("The stop"), self.pairs(rows))

    def _power(self, code: Any) -> str:
        return e(self.labels.legal_power(code)) if isinstance(code, str) else self.fmt(code)

    def people(self) -> str:
        """One line per person; identifying details only as they were given."""
        rows = []
        for i, person in enumerate(self._list("people")):
            born = self.v("people", i, "date_of_birth")
            if not isinstance(person.get("date_of_birth"), str):
                born += " · " + self.code("age_range", "people", i, "age_range")
            document = person.get("document")
            if isinstance(document, dict) and "doc_type" in document:
                shown = " ".join(
                    (
                        self.code("document_type", "people", i, "document", "doc_type"),
                        self.v("people", i, "document", "number"),
                        "(" + self.v("people", i, "document", "issuer") + ")",
                    )
                )
            else:
                shown = self.v("people", i, "document")
            language = self.v("people", i, "language")
            if person.get("interpreter_used"):
                language += " · " + e(self.tr("interpreter used"))
            rows.append(
                (
                    e(person.get("person_ref", "")),
                    self.code("person_role", "people", i, "role"),
                    self.v("people", i, "name"),
                    born,
                    self.v("people", i, "nationality"),
                    shown,
                    language,
                )
            )
        headers = (
            self.tr("Ref."),
            self.tr("Role"),
            self.tr("Name"),
            self.tr("Born / age"),
            self.tr("Nationality"),
            self.tr("Document"),
            self.tr("Language"),
        )
        body = self.table(headers, rows) if rows else self.none(self.tr("No people listed."))
        return self.section(self.tr("People"), body)

    def vehicle(self) -> str:
        """The vehicle, when one was involved."""
        vehicle = self._current.get("vehicle")
        if not isinstance(vehicle, dict) or "plate" not in vehicle:
            return self.section(self.tr("Vehicle"), self.none(self.tr("No vehicle.")))
        rows = [
            (
                self.tr("Plate"),
                self.v("vehicle", "plate") + " (" + self.v("vehicle", "plate_issuer") + ")",
            ),
            (
                self.tr("Vehicle"),
                " ".join(self.v("vehicle", k) for k in ("make", "model", "year")),
            ),
            (self.tr("Colour"), self.v("vehicle", "colour")),
            (self.tr("VIN"), self.v("vehicle", "vin")),
        ]
        return self.section(self.tr("Vehicle"), self.pairs(rows))

    def actions(self) -> str:
        """Searches, force and restraints."""
        parts = []
        searches = [
            (
                e(self._target(s.get("target", ""))),
                self.tr("with consent") if s.get("with_consent") else self.tr("without consent"),
                self.v("actions", "searches", i, "basis"),
                self.v("actions", "searches", i, "result"),
            )
            for i, s in enumerate(self._list("actions", "searches"))
        ]
        if searches:
            headers = (
                self.tr("Search of"),
                self.tr("Consent"),
                self.tr("Basis"),
                self.tr("Result"),
            )
            parts.append(self.table(headers, [(a, e(b), c, d) for a, b, c, d in searches]))
        force = [
            (
                e(f.get("person_ref", "")),
                self.code("force_type", "actions", "use_of_force", i, "force_type"),
                self.v("actions", "use_of_force", i, "reason"),
                self.v("actions", "use_of_force", i, "injury_caused"),
            )
            for i, f in enumerate(self._list("actions", "use_of_force"))
        ]
        if force:
            headers = (
                self.tr("Use of force on"),
                self.tr("Type"),
                self.tr("Reason"),
                self.tr("Injury"),
            )
            parts.append(self.table(headers, force))
        restraints = [
            (
                e(r.get("person_ref", "")),
                self.v("actions", "restraints", i, "kind"),
                self.v("actions", "restraints", i, "reason"),
            )
            for i, r in enumerate(self._list("actions", "restraints"))
        ]
        if restraints:
            captions = (self.tr("Restraint of"), self.tr("Kind"), self.tr("Reason"))
            parts.append(self.table(captions, restraints))
        body = "".join(parts) or self.none(self.tr("No search, force or restraint recorded."))
        return self.section(self.tr("Actions"), body)

    def _target(self, target: str) -> str:
        return self.tr("the vehicle") if target == "vehicle" else target

    def protection(self) -> str:
        """Vulnerabilities noticed and the referrals made."""
        rows = []
        for i, flag in enumerate(self._list("protection_flags")):
            referral = flag.get("referral")
            if isinstance(referral, dict):
                sent = self.tr("{to} at {when}").format(
                    to=referral.get("referred_to", ""),
                    when=self.labels.when(referral.get("referred_at")),
                )
                if referral.get("reference"):
                    sent += f" ({referral['reference']})"
                referral_text = e(sent)
            else:
                referral_text = self.fmt(None)
            rows.append(
                (
                    e(flag.get("person_ref", "")),
                    self.code("protection", "protection_flags", i, "kind"),
                    self.v("protection_flags", i, "details"),
                    self.v("protection_flags", i, "medical_care_given"),
                    referral_text,
                )
            )
        headers = (
            self.tr("Person"),
            self.tr("Flag"),
            self.tr("Details"),
            self.tr("Medical care"),
            self.tr("Referral"),
        )
        body = self.table(headers, rows) if rows else self.none(self.tr("None noted."))
        return self.section(self.tr("Protection flags"), body)

    def outcome(self) -> str:
        """How the stop ended: result, handover, detentions and the receipt given."""
        rows = [(self.tr("Result"), self.code("result", "result"))]
        handover = self._current.get("handover")
        if isinstance(handover, dict) and "agency" in handover:
            rows.append(
                (
                    self.tr("Handed over to"),
                    self.v("handover", "agency", show=lambda a: e(self.labels.agency(a)))
                    + ", "
                    + self.v("handover", "handed_at")
                    + " — "
                    + self.v("handover", "received_by_name")
                    + " ("
                    + self.v("handover", "received_by_id")
                    + ")",
                )
            )
        receipt = (
            self.v("receipt", "given") + ", " + self.code("receipt_medium", "receipt", "medium")
        )
        rows.append((self.tr("Receipt given"), receipt))
        rows.append((self.tr("Full record"), self.v("receipt", "how_to_obtain_record")))
        body = self.pairs(rows)
        detentions = []
        for i, detention in enumerate(self._list("detentions")):
            contact = detention.get("contact_notified")
            if isinstance(contact, dict) and "contact_name" in contact:
                notified = e(
                    self.tr("{name} ({relationship}), {when}, consent: {consent}").format(
                        name=contact.get("contact_name", ""),
                        relationship=contact.get("relationship", ""),
                        when=self.labels.when(contact.get("notified_at")),
                        consent=self.tr("yes") if contact.get("consent_given") else self.tr("no"),
                    )
                )
            else:
                notified = self.v("detentions", i, "contact_notified")
            detentions.append(
                (
                    e(detention.get("person_ref", "")),
                    self.code("detention_type", "detentions", i, "detention_type"),
                    self.v("detentions", i, "authority_handed_to"),
                    self.v("detentions", i, "rights_read_at"),
                    notified,
                    self.v("detentions", i, "transfer_route"),
                )
            )
        if detentions:
            headers = (
                self.tr("Detained"),
                self.tr("Type"),
                self.tr("Handed to"),
                self.tr("Rights read"),
                self.tr("Contact notified"),
                self.tr("Transfer route"),
            )
            body += self.table(headers, detentions)
        return self.section(self.tr("Result"), body)

    def narrative(self) -> str:
        """The officer's first account, locked at finalization."""
        text = str(self._current.get("narrative", ""))
        paragraphs = "<br>".join(e(line) for line in text.splitlines()) or self.fmt(None)
        note = self.none(self.tr("Locked at finalization; later accounts are addenda."))
        return self.section(self.tr("Narrative"), f"<p>{paragraphs}</p>{note}")
