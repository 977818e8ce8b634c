"""Names of record fields in the officer's language, for paths such as ``people.0.name``.

Records and the core name a field by its model attribute (``plate_issuer``);
officers read the caption the form showed ("Plate issued by"). The table holds
every field name of the record models and of addenda (a test keeps it complete); a name it
lacks, such as a field a newer device added, is shown readably in English.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

Path = str | tuple[str | int, ...]


def readable(name: str) -> str:
    """A field name as plain words, the fallback for names without a caption."""
    return name.replace("_", " ")


def path_text(path: Path, name: Callable[[str], str] = readable) -> str:
    """A field location joined with ``›``, list positions counted from 1: ``people #1 › name``."""
    parts = path.split(".") if isinstance(path, str) else [str(p) for p in path]
    words = (f"#{int(p) + 1}" if p.isdigit() else name(p) for p in parts if p != "")
    return " › ".join(words).replace(" › #", " #")


class FieldNames(QObject):
    """Translated captions of record field names, rebuilt when the language changes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: tuple[str, dict[str, str]] | None = None

    def retranslate(self) -> None:
        """Forget the captions; they are rebuilt in the current language."""
        self._table = None

    def table(self, language: str) -> dict[str, str]:
        """Every known field name and its caption in ``language`` (the installed one)."""
        if self._table is None or self._table[0] != language:
            self._table = (language, self._build())
        return self._table[1]

    def name(self, field: str, language: str) -> str:
        """The caption of one field name; unknown names as plain words."""
        return self.table(language).get(field) or readable(field)

    def path(self, path: Path, language: str) -> str:
        """A field location as officers read it: ``Personas #1 › Nombre``."""
        table = self.table(language)
        return path_text(path, lambda field: table.get(field) or readable(field))

    def _build(self) -> dict[str, str]:
        # Captions follow the forms' labels for the same fields, so the
        # corrections picker and the problems list say what the form said.
        return {
            "actions": self.tr("Actions"),
            "address": self.tr("Mailing address"),
            "age_range": self.tr("Age range"),
            "agency": self.tr("Agency"),
            "amount": self.tr("Amount"),
            "approvals": self.tr("Approvals"),
            "approved_at": self.tr("Approved at"),
            "authority_handed_to": self.tr("Handed over to"),
            "basis": self.tr("Basis"),
            "body_camera_clips": self.tr("Body-camera clips"),
            "calibre": self.tr("Calibre"),
            "category": self.tr("Category"),
            "category_code": self.tr("Category code"),
            "checkpoint": self.tr("Checkpoint"),
            "colour": self.tr("Colour"),
            "condition": self.tr("Condition"),
            "consent_given": self.tr("Consent to notify"),
            "contact": self.tr("Contact for return"),
            "contact_name": self.tr("Contact's name"),
            "contact_notified": self.tr("Contact notified"),
            "corrections": self.tr("Corrections"),
            "count": self.tr("How many"),
            "count_deferred_reason": self.tr("Why the count was deferred"),
            "counted_by": self.tr("Counted by"),
            "country": self.tr("Country"),
            "currency": self.tr("Currency"),
            "currency_count": self.tr("Currency count"),
            "custody_start": self.tr("How custody started"),
            "date_of_birth": self.tr("Date of birth"),
            "declined": self.tr("Declined to sign"),
            "declined_to_sign": self.tr("Declined to sign"),
            "denomination": self.tr("Denomination"),
            "description": self.tr("Description"),
            "details": self.tr("Details"),
            "detained_person_property": self.tr("Detained person's own property"),
            "detention_type": self.tr("Type of detention"),
            "detentions": self.tr("Detentions"),
            "doc_type": self.tr("Document type"),
            "document": self.tr("Identity document"),
            "empty": self.tr("Empty"),
            "encounter_id": self.tr("Encounter"),
            "ended_at": self.tr("Ended"),
            "exhibit_number": self.tr("Exhibit number"),
            "exhibit_numbers": self.tr("Exhibit numbers"),
            "field_test": self.tr("Field test"),
            "force_type": self.tr("Type of force"),
            "found_location": self.tr("Found where"),
            "given": self.tr("Given"),
            "gross_weight": self.tr("Gross weight at seizure"),
            "grounds": self.tr("Grounds"),
            "handed_at": self.tr("Handed over at"),
            "handover": self.tr("Handover"),
            "how_to_obtain_record": self.tr("How to obtain the record"),
            "id": self.tr("Record id"),
            "id_number": self.tr("ID number"),
            "injury_caused": self.tr("Injury"),
            "interpreter_used": self.tr("Interpreter"),
            "issuer": self.tr("Issued by"),
            "items": self.tr("Items"),
            "kind": self.tr("Kind"),
            "kit": self.tr("Test kit"),
            "landmark": self.tr("Landmark"),
            "language": self.tr("Language spoken"),
            "latitude": self.tr("Latitude"),
            "legal_power": self.tr("Legal power"),
            "level": self.tr("Level"),
            "lines": self.tr("Denominations"),
            "location": self.tr("Location"),
            "longitude": self.tr("Longitude"),
            "make": self.tr("Make"),
            "medical_care_given": self.tr("Medical care"),
            "medium": self.tr("Medium"),
            "model": self.tr("Model"),
            "name": self.tr("Name"),
            "narrative": self.tr("Narrative"),
            "nationality": self.tr("Nationality"),
            "note": self.tr("Note"),
            "notified_at": self.tr("Notified at"),
            "number": self.tr("Document number"),
            "officer_id": self.tr("Officer"),
            "officer_note": self.tr("Officer's note"),
            "outcome": self.tr("Outcome"),
            "owner": self.tr("Owner"),
            "package_ref": self.tr("Package reference"),
            "packages": self.tr("Packages"),
            "partner_agencies": self.tr("Partner agencies"),
            "path": self.tr("Field to correct"),
            "people": self.tr("People"),
            "person_ref": self.tr("Person"),
            "photo_hashes": self.tr("Photos"),
            "plate": self.tr("Plate"),
            "plate_issuer": self.tr("Plate issued by"),
            "primary": self.tr("Primary agency"),
            "protection_flags": self.tr("Protection flags"),
            "purpose": self.tr("Purpose"),
            "purpose_detail": self.tr("Purpose, in detail"),
            "quantity": self.tr("Quantity"),
            "reason": self.tr("Reason"),
            "receipt": self.tr("Receipt"),
            "received_by": self.tr("Received by"),
            "received_by_id": self.tr("Received by (id)"),
            "received_by_name": self.tr("Received by (name)"),
            "receiving_agency": self.tr("Receiving agency"),
            "reference": self.tr("Referral reference"),
            "reference_number": self.tr("Reference number"),
            "referral": self.tr("Referral"),
            "referred_at": self.tr("Referred at"),
            "referred_to": self.tr("Referred to"),
            "relationship": self.tr("Relationship"),
            "released_by": self.tr("Released by"),
            "restraints": self.tr("Restraints"),
            "result": self.tr("Result"),
            "returned_at": self.tr("Returned at"),
            "returned_to": self.tr("Returned to"),
            "rights_read_at": self.tr("Rights read at"),
            "role": self.tr("Role"),
            "route": self.tr("Route or transport"),
            "seal_broken_reason": self.tr("Why the seal is not intact"),
            "seal_intact": self.tr("Seal intact"),
            "seal_numbers": self.tr("Seal numbers"),
            "sealed_by": self.tr("Sealed by"),
            "search_object": self.tr("Object of the search"),
            "searches": self.tr("Searches"),
            "seized_at": self.tr("Seized at"),
            "seized_from": self.tr("Seized from"),
            "seizure_id": self.tr("Seizure"),
            "seizure_ids": self.tr("Seizures"),
            "seizure_number": self.tr("Seizure number"),
            "sequence": self.tr("Sequence"),
            "serial_number": self.tr("Serial number"),
            "sha256": self.tr("Signature fingerprint"),
            "signature_hash": self.tr("Signature"),
            "signatures": self.tr("Signatures"),
            "started_at": self.tr("Started"),
            "stop_type": self.tr("Type of stop"),
            "target": self.tr("Searched"),
            "tested_at": self.tr("Tested at"),
            "text": self.tr("Text"),
            "transfer_route": self.tr("Transfer route"),
            "transferred_at": self.tr("Transferred at"),
            "unit": self.tr("Unit"),
            "use_of_force": self.tr("Use of force"),
            "value": self.tr("New value"),
            "vehicle": self.tr("Vehicle"),
            "vin": self.tr("VIN"),
            "with_consent": self.tr("Consent"),
            "witness_id": self.tr("Witness"),
            "witnessed_by": self.tr("Witnessed by"),
            "written_at": self.tr("Written at"),
            "year": self.tr("Year"),
        }
