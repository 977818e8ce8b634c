"""Problems with a record, as sentences in the officer's language.

The core reports each problem with a stable ``code`` (its business-rule codes
in ``fieldapp.models.RULE_CODES``, pydantic's error types, and the reference
checks ``unknown_*``) and an English message. The form shows the problem
beside its field, so the sentence here need not name the field.

English sentences are marked with ``QT_TRANSLATE_NOOP("Problem", ...)`` so
``pyside6-lupdate`` extracts them into ``resources/i18n/*.ts``; at run time
``QCoreApplication.translate`` uses an installed translator. When none is
loaded, the Spanish sentences written here are used, so the messages are
bilingual even before the ``.qm`` files exist.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldapp.errors import Problem

_CHOOSE = QT_TRANSLATE_NOOP("Problem", "Choose one of the options.")
_CHOOSE_ES = "Elija una de las opciones."
_DATETIME = QT_TRANSLATE_NOOP("Problem", "Give a valid date and time.")
_DATETIME_ES = "Indique una fecha y hora válidas."
_DATE = QT_TRANSLATE_NOOP("Problem", "Give a valid date as YYYY-MM-DD.")
_DATE_ES = "Indique una fecha válida con el formato AAAA-MM-DD."

#: code -> (English sentence, Spanish sentence). The English ones are typed ``Any``
#: only because PySide's stubs say QT_TRANSLATE_NOOP returns ``object``; they are str.
MESSAGES: dict[str, tuple[Any, str]] = {
    # --- business rules (fieldapp.models.RULE_CODES) ---
    "addendum_empty": (
        QT_TRANSLATE_NOOP("Problem", "Write the addendum's text or make a correction."),
        "Escriba el texto de la adenda o haga una corrección.",
    ),
    "contact_without_consent": (
        QT_TRANSLATE_NOOP(
            "Problem", "A contact may be notified only with the detained person's consent."
        ),
        "Solo se puede avisar a un contacto con el consentimiento de la persona detenida.",
    ),
    "coordinates_incomplete": (
        QT_TRANSLATE_NOOP("Problem", "Give both latitude and longitude, or neither."),
        "Indique latitud y longitud, o ninguna de las dos.",
    ),
    "count_witness_is_counter": (
        QT_TRANSLATE_NOOP("Problem", "The count's witness must not be the officer who counted."),
        "El testigo del conteo no puede ser el oficial que contó.",
    ),
    "currency_count_required": (
        QT_TRANSLATE_NOOP(
            "Problem", "Count the currency by denomination, or say why the count was deferred."
        ),
        "Cuente el efectivo por denominación o indique por qué se aplazó el conteo.",
    ),
    "detention_authority_required": (
        QT_TRANSLATE_NOOP("Problem", "Name the authority the person was handed to."),
        "Indique la autoridad a la que se entregó a la persona.",
    ),
    "detention_required": (
        QT_TRANSLATE_NOOP("Problem", "An arrest or detention needs at least one detention entry."),
        "Un arresto o detención requiere al menos un registro de detención.",
    ),
    "drug_field_test_required": (
        QT_TRANSLATE_NOOP(
            "Problem", "A drug item needs its field test result (“not tested” if none was made)."
        ),
        "Un artículo de droga requiere el resultado de la prueba de campo "
        "(«no probado» si no se hizo).",
    ),
    "drug_gross_weight_required": (
        QT_TRANSLATE_NOOP("Problem", "A drug item needs its gross weight at seizure."),
        "Un artículo de droga requiere su peso bruto al momento del aseguramiento.",
    ),
    "ended_before_started": (
        QT_TRANSLATE_NOOP("Problem", "The end time must not be before the start time."),
        "La hora de término no puede ser anterior a la de inicio.",
    ),
    "exhibit_number_duplicate": (
        QT_TRANSLATE_NOOP("Problem", "This exhibit number is already used by another item."),
        "Este número de indicio ya lo usa otro artículo.",
    ),
    "exhibit_numbers_required": (
        QT_TRANSLATE_NOOP("Problem", "Name at least one exhibit."),
        "Indique al menos un indicio.",
    ),
    "field_locked": (
        QT_TRANSLATE_NOOP("Problem", "This field cannot be corrected after finalizing."),
        "Este campo no se puede corregir después de finalizar.",
    ),
    "field_test_kit_required": (
        QT_TRANSLATE_NOOP("Problem", "Name the field test kit used."),
        "Indique el reactivo de prueba de campo utilizado.",
    ),
    "firearm_detail_required": (
        QT_TRANSLATE_NOOP(
            "Problem",
            "Give the firearm's make, model, serial number and calibre, or say they are unknown.",
        ),
        "Indique marca, modelo, número de serie y calibre del arma, o que se desconocen.",
    ),
    "force_reason_required": (
        QT_TRANSLATE_NOOP("Problem", "Every use of force needs a reason."),
        "Todo uso de la fuerza requiere un motivo.",
    ),
    "handover_required": (
        QT_TRANSLATE_NOOP(
            "Problem", "A handover needs the agency, the time and who received the person."
        ),
        "Una entrega requiere la institución, la hora y quién recibió a la persona.",
    ),
    "items_required": (
        QT_TRANSLATE_NOOP("Problem", "List at least one item."),
        "Registre al menos un artículo.",
    ),
    "location_required": (
        QT_TRANSLATE_NOOP("Problem", "Give a landmark, or both latitude and longitude."),
        "Indique un punto de referencia, o latitud y longitud.",
    ),
    "medical_care_required": (
        QT_TRANSLATE_NOOP("Problem", "Say whether medical care was given."),
        "Indique si se brindó atención médica.",
    ),
    "narrative_locked": (
        QT_TRANSLATE_NOOP(
            "Problem", "The narrative is locked after finalizing; add text to an addendum instead."
        ),
        "La narrativa queda bloqueada al finalizar; agregue el texto en una adenda.",
    ),
    "narrative_required": (
        QT_TRANSLATE_NOOP("Problem", "Write the narrative: your account of the stop."),
        "Escriba la narrativa: su relato de la revisión.",
    ),
    "officer_note_required": (
        QT_TRANSLATE_NOOP("Problem", "The person declined to sign: add your note about it."),
        "La persona se negó a firmar: agregue su nota al respecto.",
    ),
    "package_exhibit_unknown": (
        QT_TRANSLATE_NOOP("Problem", "This package lists an exhibit number that is not an item."),
        "Este embalaje menciona un número de indicio que no corresponde a ningún artículo.",
    ),
    "people_required": (
        QT_TRANSLATE_NOOP("Problem", "List at least one person."),
        "Registre al menos una persona.",
    ),
    "person_ref_duplicate": (
        QT_TRANSLATE_NOOP("Problem", "Two people have the same reference."),
        "Dos personas tienen la misma referencia.",
    ),
    "person_ref_unknown": (
        QT_TRANSLATE_NOOP("Problem", "Choose one of the people in this encounter."),
        "Elija a una de las personas de esta revisión.",
    ),
    "primary_partner_duplicate": (
        QT_TRANSLATE_NOOP("Problem", "Only one partner agency may be primary."),
        "Solo una institución participante puede ser la principal.",
    ),
    "purpose_detail_required": (
        QT_TRANSLATE_NOOP("Problem", "Say what the purpose of the transfer is."),
        "Indique el propósito de la transferencia.",
    ),
    "quantity_required": (
        QT_TRANSLATE_NOOP(
            "Problem", "Give the quantity: a receipt with a blank quantity is refused."
        ),
        "Indique la cantidad: un recibo con la cantidad en blanco se rechaza.",
    ),
    "receipt_medium_mismatch": (
        QT_TRANSLATE_NOOP(
            "Problem",
            "Say paper or electronic when a receipt was given, and none when it was not.",
        ),
        "Indique papel o electrónico si se entregó un recibo, y ninguno si no se entregó.",
    ),
    "receiving_agency_required": (
        QT_TRANSLATE_NOOP("Problem", "Name the agency that receives the property."),
        "Indique la institución que recibe los bienes.",
    ),
    "referral_required": (
        QT_TRANSLATE_NOOP("Problem", "This flag needs the referral made: to whom and when."),
        "Esta alerta requiere la canalización realizada: a quién y cuándo.",
    ),
    "released_to_self": (
        QT_TRANSLATE_NOOP(
            "Problem", "The officer who releases cannot also be the one who receives."
        ),
        "El oficial que entrega no puede ser también quien recibe.",
    ),
    "seal_broken_reason_required": (
        QT_TRANSLATE_NOOP("Problem", "The seal was not intact: say why."),
        "El sello no estaba intacto: indique por qué.",
    ),
    "seal_witness_is_sealer": (
        QT_TRANSLATE_NOOP("Problem", "The sealing's witness must not be the officer who sealed."),
        "El testigo del sellado no puede ser el oficial que selló.",
    ),
    "seal_witness_required": (
        QT_TRANSLATE_NOOP(
            "Problem", "A sealed package of drugs or currency needs a witness to the sealing."
        ),
        "Un embalaje sellado con droga o efectivo requiere un testigo del sellado.",
    ),
    "search_basis_required": (
        QT_TRANSLATE_NOOP("Problem", "A search without consent needs its legal basis."),
        "Una revisión sin consentimiento requiere su fundamento legal.",
    ),
    "signature_conflict": (
        QT_TRANSLATE_NOOP(
            "Problem", "A return cannot be both signed and marked as declined to sign."
        ),
        "Una devolución no puede estar firmada y marcada como «se negó a firmar».",
    ),
    "signature_required": (
        QT_TRANSLATE_NOOP(
            "Problem", "Add the person's signature, or mark that they declined to sign."
        ),
        "Agregue la firma de la persona, o indique que se negó a firmar.",
    ),
    "signature_role_duplicate": (
        QT_TRANSLATE_NOOP("Problem", "Each signer signs once; this signature is already given."),
        "Cada firmante firma una sola vez; esta firma ya está dada.",
    ),
    "text_required": (
        QT_TRANSLATE_NOOP("Problem", "This must not be empty."),
        "Este campo no puede quedar vacío.",
    ),
    "vehicle_required": (
        QT_TRANSLATE_NOOP("Problem", "Give the vehicle's details."),
        "Indique los datos del vehículo.",
    ),
    "witness_is_seizing_officer": (
        QT_TRANSLATE_NOOP("Problem", "The witness must not be the seizing officer."),
        "El testigo no puede ser el oficial que realizó el aseguramiento.",
    ),
    "witness_required": (
        QT_TRANSLATE_NOOP("Problem", "Drugs and currency need a witnessing officer."),
        "La droga y el efectivo requieren un oficial testigo.",
    ),
    # --- structure (pydantic's error types) ---
    "missing": (
        QT_TRANSLATE_NOOP("Problem", "This is required."),
        "Este dato es obligatorio.",
    ),
    "string_type": (
        QT_TRANSLATE_NOOP("Problem", "Type text here."),
        "Escriba texto aquí.",
    ),
    "enum": (_CHOOSE, _CHOOSE_ES),
    "literal_error": (_CHOOSE, _CHOOSE_ES),
    "bool_type": (
        QT_TRANSLATE_NOOP("Problem", "Choose yes or no."),
        "Elija sí o no.",
    ),
    "datetime_parsing": (_DATETIME, _DATETIME_ES),
    "datetime_from_date_parsing": (_DATETIME, _DATETIME_ES),
    "datetime_type": (_DATETIME, _DATETIME_ES),
    "date_parsing": (_DATE, _DATE_ES),
    "date_from_datetime_parsing": (_DATE, _DATE_ES),
    "date_from_datetime_inexact": (_DATE, _DATE_ES),
    "date_type": (_DATE, _DATE_ES),
    "decimal_parsing": (
        QT_TRANSLATE_NOOP("Problem", "Give a number, e.g. 12.5."),
        "Indique un número, p. ej. 12.5.",
    ),
    "decimal_not_float": (
        QT_TRANSLATE_NOOP("Problem", "Give an exact number, e.g. 12.5."),
        "Indique un número exacto, p. ej. 12.5.",
    ),
    "int_parsing": (
        QT_TRANSLATE_NOOP("Problem", "Give a whole number."),
        "Indique un número entero.",
    ),
    "timezone_aware": (
        QT_TRANSLATE_NOOP("Problem", "The time must include its time zone."),
        "La hora debe incluir su zona horaria.",
    ),
    "extra_forbidden": (
        QT_TRANSLATE_NOOP("Problem", "This field is not part of the record."),
        "Este campo no forma parte del registro.",
    ),
    "greater_than_equal": (
        QT_TRANSLATE_NOOP("Problem", "This number is too small."),
        "Este número es demasiado pequeño.",
    ),
    "less_than_equal": (
        QT_TRANSLATE_NOOP("Problem", "This number is too large."),
        "Este número es demasiado grande.",
    ),
    "string_pattern_mismatch": (
        QT_TRANSLATE_NOOP("Problem", "This is not in the expected format."),
        "No tiene el formato esperado.",
    ),
    "model_type": (
        QT_TRANSLATE_NOOP("Problem", "Fill in this part of the record."),
        "Complete esta parte del registro.",
    ),
    # --- reference data (fieldapp.services.validation.reference_problems) ---
    "unknown_checkpoint": (
        QT_TRANSLATE_NOOP("Problem", "This checkpoint is not in the reference data."),
        "Este punto de revisión no está en los datos de referencia.",
    ),
    "unknown_legal_power": (
        QT_TRANSLATE_NOOP("Problem", "This legal power is not in the reference data."),
        "Este fundamento legal no está en los datos de referencia.",
    ),
    "unknown_officer": (
        QT_TRANSLATE_NOOP("Problem", "This officer is not in the reference data."),
        "Este oficial no está en los datos de referencia.",
    ),
    "unknown_unit": (
        QT_TRANSLATE_NOOP("Problem", "This unit is not in the reference data."),
        "Esta unidad no está en los datos de referencia.",
    ),
}


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def problem_text(problem: Problem, language: str) -> str:
    """The problem as a sentence in ``language`` ("en" or "es"), for beside its field."""
    pair = MESSAGES.get(problem.code)
    if pair is None:
        # A code this table does not know yet: the core's English sentence beats nothing.
        return _sentence(problem.message)
    english, spanish = str(pair[0]), pair[1]
    if language == "en":
        return english
    translated = QCoreApplication.translate("Problem", english)
    if translated and translated != english:
        return translated
    return spanish if language == "es" else english
