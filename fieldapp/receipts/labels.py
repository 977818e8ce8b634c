"""The bilingual label table of the custody receipt (English / Spanish).

Every printed label comes from here so that the two languages stay side by side
and a reviewer can check the Spanish in one place. The receipt is handed to
people on both sides of the border, so neither language is a translation shown
"on request": both are always printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "HOW_TO_OBTAIN_RECORD",
    "LABELS",
    "NEXT_STEPS",
    "SEPARATOR",
    "bilingual",
    "category_label",
    "country_label",
    "field_test_label",
    "purpose_label",
    "reason_label",
]

SEPARATOR = " / "
"""Between the English and the Spanish text of one label."""

_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Custody receipt for seized property", "Recibo de custodia de bienes asegurados"),
    "title_transfer": ("Custody transfer receipt", "Recibo de transferencia de custodia"),
    "transfer_number": ("Transfer no.", "Transferencia núm."),
    "not_issued": ("not issued yet", "aún sin emitir"),
    "preview": ("PREVIEW — NOT A RECEIPT", "VISTA PREVIA — NO ES UN RECIBO"),
    "agency": ("Agency", "Dependencia"),
    "receipt_number": ("Receipt number", "Número de recibo"),
    "seizure_number": ("Seizure / case number", "Número de aseguramiento / caso"),
    "encounter_number": ("Encounter reference", "Referencia de la revisión"),
    "page": ("Page", "Página"),
    "of": ("of", "de"),
    "copy": ("COPY", "COPIA"),
    "date_time": ("Date and time", "Fecha y hora"),
    "issued": ("Receipt issued", "Recibo emitido"),
    "place": ("Checkpoint / place", "Punto de revisión / lugar"),
    "found_location": ("Where found", "Lugar del hallazgo"),
    "reason": ("Reason for seizure", "Motivo del aseguramiento"),
    "seized_from": ("Seized from", "Asegurado a"),
    "unknown_refused": ("unknown / refused", "desconocido / se negó"),
    "not_recorded": ("not recorded", "no registrado"),
    "owner": ("Owner, if different", "Propietario, si es otro"),
    "address": ("Mailing address", "Domicilio para notificaciones"),
    "contact": ("Contact for return of property", "Contacto para devolución de bienes"),
    "legal_power": ("Legal authority", "Fundamento legal"),
    "items": ("Items seized", "Bienes asegurados"),
    "exhibit": ("Exhibit", "Indicio"),
    "category": ("Category", "Categoría"),
    "description": ("Description", "Descripción"),
    "quantity": ("Quantity", "Cantidad"),
    "gross_weight": ("Gross weight", "Peso bruto"),
    "seals": ("Seals / packages", "Sellos / paquetes"),
    "condition": ("Condition", "Estado"),
    "field_test": ("Field test", "Prueba de campo"),
    "make": ("Make", "Marca"),
    "model": ("Model", "Modelo"),
    "serial_number": ("Serial", "Serie"),
    "calibre": ("Calibre", "Calibre"),
    "vin": ("VIN", "NIV"),
    "plate": ("Plate", "Placa"),
    "unknown": ("unknown", "desconocido"),
    "none": ("none", "ninguno"),
    "currency": ("Currency by denomination", "Efectivo por denominación"),
    "currency_code": ("Currency", "Moneda"),
    "denomination": ("Denomination", "Denominación"),
    "count": ("Count", "Número de piezas"),
    "amount": ("Amount", "Importe"),
    "total": ("Total", "Total"),
    "counted_by": ("Counted by", "Contado por"),
    "witnessed_by": ("Witnessed by", "Atestiguado por"),
    "count_deferred": ("Count deferred", "Conteo diferido"),
    "officer": ("Seizing officer", "Agente que asegura"),
    "witness": ("Witness", "Testigo"),
    "badge": ("Badge", "Placa / gafete"),
    "signature": ("Signature", "Firma"),
    "person_signature": ("Signature of the person", "Firma de la persona"),
    "declined": ("declined to sign", "se negó a firmar"),
    "officer_note": ("Officer's note", "Nota del agente"),
    "signatures": ("Signatures", "Firmas"),
    "copy_given": ("Copy handed to the person", "Copia entregada a la persona"),
    "yes": ("yes", "sí"),
    "no": ("no", "no"),
    "custody": ("Custody transfers", "Transferencias de custodia"),
    "no_transfers": ("No transfers recorded yet", "Aún no hay transferencias registradas"),
    "sequence": ("No.", "Núm."),
    "released_by": ("Released by", "Entregó"),
    "received_by": ("Received by", "Recibió"),
    "purpose": ("Purpose", "Propósito"),
    "seal_intact": ("Seal intact", "Sello íntegro"),
    "seal_broken_reason": ("Why the seal was not intact", "Por qué el sello no estaba íntegro"),
    "route": ("Route or means of transport", "Ruta o medio de transporte"),
    "transfer": ("Hand-over", "Entrega"),
    "seizure_place": ("Checkpoint of the seizure", "Punto de revisión del aseguramiento"),
    "exhibits": ("Exhibits handed over", "Indicios entregados"),
    "name": ("Name", "Nombre"),
    "id_number": ("ID number", "Número de identificación"),
    "country": ("Country", "País"),
    "next": ("What happens next", "Qué sigue"),
    "verification": ("Verification", "Verificación"),
    "record_hash": ("Record hash (SHA-256)", "Huella digital del registro (SHA-256)"),
    "scan": (
        "Scan the code or quote the receipt number to check this receipt.",
        "Escanee el código o cite el número de recibo para verificar este recibo.",
    ),
}

LABELS: Mapping[str, tuple[str, str]] = MappingProxyType(_LABELS)
"""Label key -> (English, Spanish). Read-only so a caller cannot change a printed label."""

_CATEGORIES: dict[str, tuple[str, str]] = {
    "drug": ("Drug", "Droga"),
    "currency": ("Currency", "Efectivo"),
    "firearm": ("Firearm", "Arma de fuego"),
    "ammunition": ("Ammunition", "Cartuchos"),
    "vehicle": ("Vehicle", "Vehículo"),
    "document": ("Document", "Documento"),
    "electronic_device": ("Electronic device", "Dispositivo electrónico"),
    "other": ("Other", "Otro"),
}

_COUNTRIES: dict[str, tuple[str, str]] = {
    "US": ("United States", "Estados Unidos"),
    "MX": ("Mexico", "México"),
}

_PURPOSES: dict[str, tuple[str, str]] = {
    "storage": ("Storage", "Resguardo"),
    "laboratory_analysis": ("Laboratory analysis", "Análisis de laboratorio"),
    "prosecution": ("Prosecution", "Procedimiento penal"),
    "return_to_owner": ("Return to owner", "Devolución al propietario"),
    "transfer_to_agency": ("Transfer to agency", "Entrega a otra dependencia"),
    "destruction": ("Destruction", "Destrucción"),
    "other": ("Other", "Otro"),
}

_REASONS: dict[str, tuple[str, str]] = {
    "evidence": ("Evidence", "Indicio / evidencia"),
    "forfeiture": ("Forfeiture", "Decomiso"),
    "safekeeping": ("Safekeeping", "Resguardo"),
    "detained_for_examination": ("Detained for examination", "Retenido para examen"),
}

_FIELD_TESTS: dict[str, tuple[str, str]] = {
    "positive": ("positive", "positiva"),
    "negative": ("negative", "negativa"),
    "inconclusive": ("inconclusive", "no concluyente"),
    "not_tested": ("not tested", "no se realizó"),
}

NEXT_STEPS: tuple[tuple[str, str], ...] = (
    (
        "Keep this receipt. It lists what was taken from you and is your proof for any claim.",
        "Conserve este recibo. Enumera lo que se le aseguró y es su comprobante para "
        "cualquier reclamación.",
    ),
    (
        "Whom to contact: the agency and checkpoint named above; quote the receipt number.",
        "A quién acudir: la dependencia y el punto de revisión indicados arriba; cite el "
        "número de recibo.",
    ),
    (
        "Notice deadlines: if the property may be forfeited, you will receive a written "
        "notice stating the deadline to file a claim. Claims after that deadline may be refused.",
        "Plazos: si los bienes pueden ser decomisados, recibirá una notificación por escrito "
        "con el plazo para presentar su reclamación. Fuera de ese plazo puede ser rechazada.",
    ),
    (
        "To reclaim property: present this receipt and an identity document at the contact "
        "point above. Property held as evidence is returned when no longer needed.",
        "Para recuperar sus bienes: presente este recibo y una identificación en el lugar "
        "indicado arriba. Los bienes retenidos como evidencia se devuelven cuando ya no se "
        "necesiten.",
    ),
)
"""The "what happens next" paragraphs, (English, Spanish), printed in this order."""

HOW_TO_OBTAIN_RECORD: tuple[str, str] = (
    "To obtain the full record: ask the agency in writing, quoting the receipt number.",
    "Para obtener el registro completo: solicítelo por escrito a la dependencia, citando "
    "el número de recibo.",
)
"""Used when the encounter does not say how to obtain the record."""


def bilingual(key: str) -> str:
    """Return the label ``key`` as ``"English / Español"``.

    Raises:
        KeyError: for an unknown key; a misspelt label is a defect, not a blank.
    """
    english, spanish = _LABELS[key]
    # "Total / Total" reads as a misprint; one word serves both languages.
    return english if english == spanish else f"{english}{SEPARATOR}{spanish}"


def _pair(table: Mapping[str, tuple[str, str]], code: str) -> str:
    # An unknown code is printed as it is rather than refused: a receipt must
    # still come out on the spot if a newer program version added an enum value.
    english, spanish = table.get(code, (code, code))
    return english if english == spanish else f"{english}{SEPARATOR}{spanish}"


def category_label(code: str) -> str:
    """Bilingual name of a broad item category (``ItemCategory`` value)."""
    return _pair(_CATEGORIES, code)


def country_label(code: str) -> str:
    """Bilingual name of a country (ISO 3166-1 alpha-2), or the code if it has none here."""
    return _pair(_COUNTRIES, code)


def purpose_label(code: str) -> str:
    """Bilingual name of a custody-transfer purpose (``TransferPurpose`` value)."""
    return _pair(_PURPOSES, code)


def reason_label(code: str) -> str:
    """Bilingual name of a seizure reason (``SeizureReason`` value)."""
    return _pair(_REASONS, code)


def field_test_label(code: str) -> str:
    """Bilingual name of a field-test result (``FieldTestResult`` value)."""
    return _pair(_FIELD_TESTS, code)
