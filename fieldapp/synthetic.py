"""Deterministic synthetic encounters and seizures for demos, tests and benchmarks.

:class:`Generator` makes realistic-looking records from the reference data: a
checkpoint, officers and witnesses of that checkpoint's country, legal powers of
that country, item categories and units from the reference lists, people with
Mexican, Central American and US names (accents and ñ included), vehicles with
plates in US and Mexican formats and VINs with a valid check digit, and
narratives in English (and, at Mexican checkpoints, often in Spanish).

Everything is drawn from ``random.Random`` instances seeded from the generator's
seed and the bundle index, never from the global ``random`` module, so
``encounter_bundle(i)`` returns the same data for the same seed whatever was
generated before it, and ``bundles()`` can start anywhere. Every record is built
as a pydantic model (business rules included) and returned as the JSON-ready
dict that :func:`fieldapp.canonical.to_plain` makes of it.

No record made here describes a real person: names, documents, plates, VINs,
phone numbers and addresses are random combinations from small pools.
"""

from __future__ import annotations

import hashlib
import random
import struct
import zlib
import zoneinfo
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from typing import Any, TypeVar

from fieldapp.models.encounter import Encounter
from fieldapp.models.reference import (
    Agency,
    Checkpoint,
    CheckpointKind,
    Country,
    ItemKind,
    LegalAction,
    LegalPower,
    Officer,
    ReferenceData,
    Role,
)
from fieldapp.models.seizure import Seizure

__all__ = ["DEFAULT_WHEN", "Generator"]

DEFAULT_WHEN = datetime(2026, 11, 1, tzinfo=UTC)
"""Default end of the generated period, fixed so that output depends only on the seed."""

_PERIOD_DAYS = 90

Data = dict[str, Any]
_T = TypeVar("_T")

# --- the two kinds of empty, as plain data -------------------------------------------------

_NA: Data = {"empty": "not_applicable"}


def _info(reason: str = "unknown") -> Data:
    return {"empty": "no_information", "reason": reason}


# --- weighted choice -------------------------------------------------------------------------


class _Weighted(Sequence[_T]):
    """A list of values with weights, for fast repeated weighted draws."""

    __slots__ = ("_cum", "_total", "_values")

    def __init__(self, pairs: Sequence[tuple[_T, float]]) -> None:
        if not pairs:
            raise ValueError("a weighted choice needs at least one value")
        self._values = [value for value, _ in pairs]
        self._cum = list(accumulate(weight for _, weight in pairs))
        self._total = self._cum[-1]

    def pick(self, rng: random.Random) -> _T:
        return self._values[bisect(self._cum, rng.random() * self._total)]

    def __getitem__(self, index: int) -> _T:  # type: ignore[override]
        return self._values[index]

    def __len__(self) -> int:
        return len(self._values)


def _below(rng: random.Random, n: int) -> int:
    """A whole number in ``[0, n)``; faster than ``randrange`` for the small ``n`` used here."""
    return int(rng.random() * n)


def _between(rng: random.Random, low: int, high: int) -> int:
    """A whole number in ``[low, high]``."""
    return low + int(rng.random() * (high - low + 1))


def _one(rng: random.Random, values: Sequence[_T]) -> _T:
    """One of ``values``, uniformly."""
    return values[int(rng.random() * len(values))]


def _w(*pairs: tuple[_T, float]) -> _Weighted[_T]:
    return _Weighted(pairs)


# --- pools of names --------------------------------------------------------------------------

_MX_MALE = (
    "José", "Juan Carlos", "Luis Ángel", "Jesús", "Miguel Ángel", "Héctor", "Raúl",
    "Alejandro", "Ramón", "Joaquín", "Martín", "Sebastián", "Andrés", "Germán", "Efraín",
    "Damián", "Rubén", "Adrián", "José Luis", "Óscar", "Francisco Javier", "Iván",
)  # fmt: skip
_MX_FEMALE = (
    "María Fernanda", "Guadalupe", "Ximena", "Sofía", "Mónica", "Verónica", "Itzel",
    "Yesenia", "Araceli", "Lucía", "Noemí", "Azucena", "Inés", "Rocío", "Maricela",
    "Dulce María", "Citlali", "Mariana", "Ana Belén", "Zoé",
)  # fmt: skip
_CA_MALE = (
    "Wilmer", "Kevin Josué", "Brayan", "Nelson", "Marvin", "Edwin Omar", "Yeferson",
    "Darwin", "Élmer", "Josué", "Cristian Noé", "Santos",
)  # fmt: skip
_CA_FEMALE = (
    "Heidy", "Yoselin", "Glenda", "Dayana", "Karla Yamileth", "Ingrid", "Sulmy",
    "Dalila", "Yésica", "Marleny", "Lesbia", "Sayra",
)  # fmt: skip
_US_MALE = (
    "Michael", "Tyler", "Brandon", "Christopher", "Tanner", "Jacob", "Ethan", "Dakota",
    "André", "Daniel", "Anthony", "Kevin", "Ryan", "Jordan",
)  # fmt: skip
_US_FEMALE = (
    "Ashley", "Jessica", "Megan", "Emily", "Kayla", "Brittany", "Zoë", "Chloé", "Renée",
    "Amanda", "Samantha", "Nicole", "Destiny", "Hannah",
)  # fmt: skip
_MX_SURNAMES = (
    "Hernández", "García", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez",
    "Ramírez", "Flores", "Gómez", "Díaz", "Cruz", "Morales", "Reyes", "Gutiérrez", "Ortiz",
    "Chávez", "Ruiz", "Jiménez", "Mendoza", "Vázquez", "Castañeda", "Peña", "Núñez",
    "Muñoz", "Ibáñez", "Zúñiga", "Montaño", "Treviño", "Saldaña", "Ordóñez", "Beltrán",
    "Domínguez", "Villaseñor", "Cárdenas", "Salazar", "Acuña", "Olvera", "Ochoa",
)  # fmt: skip
_CA_SURNAMES = (
    "Ajú", "Xicará", "Tzul", "Cux", "Chavarría", "Menjívar", "Argueta", "Alvarado",
    "Portillo", "Zelaya", "Fúnez", "Escobar", "Quiñónez", "Bonilla", "Mejía", "Orellana",
    "López", "Hernández", "Pérez", "Ramos",
)  # fmt: skip
_US_SURNAMES = (
    "Smith", "Johnson", "Miller", "Anderson", "Thompson", "O'Brien", "Nguyen", "Patel",
    "Kowalski", "Jackson", "Williams", "Baker", "Murphy", "Schmidt", "Lefèvre", "Brooks",
    "Garza", "Delgado", "Villarreal", "Navarro", "Castillo", "Robinson", "Kim", "Müller",
)  # fmt: skip
_OTHER_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "HT": (("Jean-Baptiste", "Wisly", "Nadège", "Fabienne", "Jéthro"),
           ("Pierre", "Exantus", "Désir", "Saint-Fleur", "Joseph")),
    "VE": (("Yorman", "Andreína", "Génesis", "José Gregorio", "Oriana"),
           ("Briceño", "Peñaloza", "Urdaneta", "Colmenares", "Guzmán")),
    "CO": (("Jhon Fredy", "Leidy", "Yurany", "Andrés Felipe", "Daniela"),
           ("Cardona", "Ospina", "Giraldo", "Muñoz", "Zapata")),
    "CU": (("Yoandri", "Yanelis", "Osmany", "Dayamí", "Yusnier"),
           ("Fonseca", "Betancourt", "Sariol", "Céspedes", "Rodríguez")),
    "IN": (("Harpreet", "Gurpreet", "Manpreet", "Rajesh", "Priya"),
           ("Singh", "Kaur", "Patel", "Sharma", "Gill")),
    "CN": (("Wei", "Xiaoling", "Jun", "Mei", "Hao"), ("Wang", "Li", "Zhang", "Liu", "Chen")),
    "CA": (("Étienne", "Gabrielle", "Liam", "Olivia", "Noah"),
           ("Tremblay", "Gagnon", "Roy", "Côté", "Wilson")),
}  # fmt: skip

_NATIONALITIES: dict[Country, _Weighted[str]] = {
    Country.US: _w(
        ("US", 46),
        ("MX", 42),
        ("GT", 3),
        ("HN", 2.5),
        ("SV", 2),
        ("VE", 1),
        ("CO", 0.8),
        ("CU", 0.8),
        ("HT", 0.7),
        ("IN", 0.5),
        ("CN", 0.4),
        ("CA", 0.3),
    ),
    Country.MX: _w(
        ("MX", 62),
        ("US", 22),
        ("GT", 5),
        ("HN", 4),
        ("SV", 2.5),
        ("VE", 1.5),
        ("CU", 1),
        ("CO", 0.8),
        ("HT", 0.7),
        ("CA", 0.3),
        ("IN", 0.1),
        ("CN", 0.1),
    ),
}
_LANGUAGES: dict[str, _Weighted[str]] = {
    "US": _w(("en", 70), ("es", 29), ("fr", 1)),
    "MX": _w(("es", 97), ("en", 2), ("mix", 0.5), ("nah", 0.5)),
    "GT": _w(("es", 75), ("quc", 12), ("mam", 8), ("kek", 5)),
    "HN": _w(("es", 98), ("gcf", 2)),
    "SV": _w(
        ("es", 100),
    ),
    "VE": _w(
        ("es", 100),
    ),
    "CO": _w(
        ("es", 100),
    ),
    "CU": _w(
        ("es", 100),
    ),
    "HT": _w(("ht", 80), ("fr", 15), ("es", 5)),
    "IN": _w(("pa", 60), ("hi", 30), ("en", 10)),
    "CN": _w(("zh", 90), ("en", 10)),
    "CA": _w(("en", 70), ("fr", 30)),
}

# --- documents -------------------------------------------------------------------------------

_UPPER = "ABCDEFGHJKLMNPRSTUVWXYZ"
_DIGITS = "0123456789"


def _chars(rng: random.Random, alphabet: str, n: int) -> str:
    rnd = rng.random
    size = len(alphabet)
    return "".join([alphabet[int(rnd() * size)] for _ in range(n)])


def _digits(rng: random.Random, n: int) -> str:
    # n is at most 12 here, well within the 53 bits of one random float.
    return f"{int(rng.random() * 10**n):0{n}d}"


def _document(rng: random.Random, nationality: str, state: str) -> Data:
    """An identity document of the kind people of this nationality show at the border."""
    roll = rng.random()
    if nationality == "US":
        if roll < 0.45:
            return _doc("passport", _digits(rng, 9), "US")
        if roll < 0.7:
            return _doc("passport_card", "C" + _digits(rng, 8), "US")
        if roll < 0.85:
            return _doc("trusted_traveler_card", _digits(rng, 9), "US")
        st = state if len(state) == 2 else "CA"
        return _doc("drivers_license", _chars(rng, _UPPER, 1) + _digits(rng, 7), f"US-{st}")
    if nationality == "MX":
        if roll < 0.35:
            return _doc("border_crossing_card", _chars(rng, _UPPER, 3) + _digits(rng, 9), "US")
        if roll < 0.6:
            return _doc("passport", _chars(rng, _UPPER, 1) + _digits(rng, 8), "MX")
        if roll < 0.75:
            return _doc("permanent_resident_card", _chars(rng, _UPPER, 3) + _digits(rng, 10), "US")
        if roll < 0.9:
            clave = _chars(rng, _UPPER, 6) + _digits(rng, 8) + _one(rng, "HM") + _digits(rng, 3)
            return _doc("ine_voter_card", clave, "MX")
        return _doc("matricula_consular", _digits(rng, 10), "MX")
    if nationality == "GT":
        number = f"{_digits(rng, 4)} {_digits(rng, 5)} {_digits(rng, 4)}"
        return _doc("dpi", number, "GT") if roll < 0.7 else _doc("passport", _digits(rng, 9), "GT")
    if nationality == "HN":
        number = f"0801-{_between(rng, 1960, 2007)}-{_digits(rng, 5)}"
        return (
            _doc("dni", number, "HN")
            if roll < 0.7
            else _doc("passport", "F" + _digits(rng, 6), "HN")
        )
    if nationality == "SV":
        return _doc("dui", f"{_digits(rng, 8)}-{_below(rng, 10)}", "SV")
    return _doc("passport", _chars(rng, _UPPER, 2) + _digits(rng, 7), nationality)


def _doc(doc_type: str, number: str, issuer: str) -> Data:
    return {"doc_type": doc_type, "number": number, "issuer": issuer}


# --- vehicles --------------------------------------------------------------------------------

# make, model, WMI (first three VIN characters), weight
_VEHICLES = _w(
    (("Ford", "F-150", "1FT"), 9), (("Chevrolet", "Silverado 1500", "3GC"), 7),
    (("Toyota", "Tacoma", "3TM"), 6), (("Honda", "Civic", "2HG"), 6),
    (("Nissan", "Sentra", "3N1"), 7), (("Nissan", "Versa", "3N1"), 5),
    (("Ram", "1500", "1C6"), 5), (("Jeep", "Grand Cherokee", "1C4"), 4),
    (("Volkswagen", "Jetta", "3VW"), 5), (("Kia", "Forte", "3KP"), 3),
    (("Toyota", "Corolla", "5YF"), 5), (("Honda", "Odyssey", "5FN"), 3),
    (("Chrysler", "Pacifica", "2C4"), 2), (("GMC", "Sierra 1500", "1GT"), 3),
    (("Hyundai", "Elantra", "5NP"), 3), (("Mazda", "Mazda3", "3MZ"), 3),
    (("Chevrolet", "Aveo", "3G1"), 3), (("Dodge", "Durango", "1C4"), 2),
    (("Freightliner", "Cascadia", "3AK"), 3), (("Kenworth", "T680", "1XK"), 2),
    (("Tesla", "Model 3", "5YJ"), 1), (("Ford", "Transit", "1FT"), 2),
)  # fmt: skip
# English, Spanish
_COLOURS = _w(
    (("white", "blanco"), 24), (("black", "negro"), 18), (("silver", "gris plata"), 16),
    (("grey", "gris"), 14), (("red", "rojo"), 9), (("blue", "azul"), 9),
    (("dark green", "verde oscuro"), 3), (("maroon", "guinda"), 3), (("gold", "dorado"), 2),
    (("beige", "arena"), 2),
)  # fmt: skip
_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7, "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}  # fmt: skip
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VIN_YEARS = "ABCDEFGHJKLMNPRSTVWXY"  # 2010 onwards; 2001-2009 are digits


def _vin(rng: random.Random, wmi: str, year: int) -> str:
    """A 17-character VIN without I, O or Q, with a valid North American check digit."""
    year_code = _VIN_YEARS[year - 2010] if year >= 2010 else str(year - 2000)
    body = wmi + _chars(rng, _VIN_CHARS, 5) + "0" + year_code + _chars(rng, _UPPER, 1)
    body += _digits(rng, 6)
    total = sum(_VIN_VALUES[c] * w for c, w in zip(body, _VIN_WEIGHTS, strict=True))
    check = total % 11
    return body[:8] + ("X" if check == 10 else str(check)) + body[9:]


_US_PLATE_STATES: dict[str, tuple[str, ...]] = {
    "CA": ("CA", "CA", "CA", "CA", "AZ", "NV", "TX", "WA", "OR"),
    "AZ": ("AZ", "AZ", "AZ", "AZ", "CA", "NM", "TX", "UT", "NV"),
    "NM": ("NM", "NM", "NM", "TX", "TX", "AZ", "CO", "OK"),
    "TX": ("TX", "TX", "TX", "TX", "TX", "NM", "OK", "LA", "FL", "IL"),
}
_MX_PLATE_STATES: dict[str, tuple[str, ...]] = {
    "BCN": ("BCN", "BCN", "BCN", "BCN", "SON", "SIN", "JAL", "CMX"),
    "SON": ("SON", "SON", "SON", "SON", "BCN", "SIN", "CHH", "JAL"),
    "CHH": ("CHH", "CHH", "CHH", "CHH", "DUR", "COA", "SON", "ZAC"),
    "COA": ("COA", "COA", "COA", "NLE", "TAM", "CHH", "DUR"),
    "TAM": ("TAM", "TAM", "TAM", "TAM", "NLE", "NLE", "COA", "VER", "SLP"),
    "NLE": ("NLE", "NLE", "NLE", "TAM", "COA", "SLP"),
}


def _plate(rng: random.Random, country: str, state: str) -> str:
    """A plate in the issuing state's usual format."""
    if country == "MX":
        return f"{_chars(rng, _UPPER, 3)}-{_digits(rng, 3)}-{_chars(rng, _UPPER, 1)}"
    if state == "CA":
        return f"{_between(rng, 5, 9)}{_chars(rng, _UPPER, 3)}{_digits(rng, 3)}"
    if state in ("TX", "AZ", "FL", "IL"):
        return _chars(rng, _UPPER, 3) + _digits(rng, 4)
    if state == "NM":
        return _chars(rng, _UPPER, 3) + _digits(rng, 3)
    return _digits(rng, 3) + _chars(rng, _UPPER, 3)


# --- places, reasons and texts ---------------------------------------------------------------

# English, Spanish
_VEHICLE_SPOTS = (
    ("rear quarter panel, driver side", "panel trasero, lado del conductor"),
    ("rear quarter panel, passenger side", "panel trasero, lado del copiloto"),
    ("spare tire", "llanta de refacción"),
    ("gas tank", "tanque de gasolina"),
    ("dashboard, behind the glove box", "tablero, detrás de la guantera"),
    (
        "non-factory compartment under the rear seat",
        "compartimento no original bajo el asiento trasero",
    ),
    ("driver's door panel", "panel de la puerta del conductor"),
    ("battery box", "caja de la batería"),
    ("front bumper", "defensa delantera"),
    ("truck bed, under the bed liner", "caja de la pickup, bajo el protector"),
    ("center console", "consola central"),
    ("speaker box in the trunk", "bocina en la cajuela"),
    ("roof liner", "cielo del vehículo"),
    ("intake manifold", "múltiple de admisión"),
    ("trailer floor, false compartment", "piso del remolque, doble fondo"),
    ("trunk, inside a duffel bag", "cajuela, dentro de una maleta deportiva"),
    ("backpack on the rear seat", "mochila en el asiento trasero"),
)  # fmt: skip
_PERSON_SPOTS = (
    ("backpack", "mochila"),
    ("purse", "bolso"),
    ("wallet", "cartera"),
    ("taped to the body at the waist", "adherido al cuerpo a la altura de la cintura"),
    ("inside the shoes", "dentro del calzado"),
    ("jacket lining", "forro de la chamarra"),
    ("rolling suitcase", "maleta con ruedas"),
    ("groin area, during pat-down", "zona inguinal, durante la revisión corporal"),
)  # fmt: skip
_LANE_EN = ("Primary lane {n}", "Vehicle primary, booth {n}", "Ready Lane {n}", "SENTRI lane {n}")
_LANE_ES = ("Carril {n} de revisión", "Módulo {n}, revisión primaria", "Carril {n}")

_REASONS: dict[str, tuple[tuple[str, str], ...]] = {
    # stop type -> (reason, grounds) in English; Spanish in _REASONS_ES
    "primary_inspection": (
        ("Routine primary inspection of an arriving traveler",
         "All persons and conveyances arriving in the United States are subject to inspection"),
        ("Routine primary inspection", "Border search authority at the port of entry"),
    ),
    "secondary_inspection": (
        ("Referred to secondary inspection", "Canine alert on the vehicle in pre-primary"),
        ("Referred to secondary inspection", "Anomaly on the vehicle's X-ray (Z-portal) image"),
        ("Referred to secondary inspection", "Nervous behaviour and inconsistent travel story"),
        ("Random compliance examination", "Selected by the random compliance program"),
        ("Referred to secondary inspection", "Document presented did not match the bearer"),
        ("Referred to secondary inspection", "Lookout record (TECS) matched the vehicle"),
    ),
    "pedestrian": (
        ("Pedestrian primary inspection", "All arriving pedestrians are subject to inspection"),
        ("Pedestrian referred to secondary", "Bulge under clothing noticed at primary"),
    ),
    "vehicle": (
        ("Immigration checkpoint inspection", "Routine citizenship questions at the checkpoint"),
        ("Vehicle referred to secondary at the checkpoint", "Canine alert at primary"),
    ),
    "rescue_welfare": (
        ("Welfare check", "Person reported in distress near the checkpoint"),
        ("Rescue", "Call to 911 relayed to the checkpoint: group lost in the desert"),
    ),
    "other": (
        ("Assistance requested by traveler", "Traveler approached officers for help"),
        ("Outbound inspection", "Southbound operation targeting weapons and bulk cash"),
    ),
}  # fmt: skip
_REASONS_ES: dict[str, tuple[tuple[str, str], ...]] = {
    "primary_inspection": (
        ("Revisión de rutina en garita", "Reconocimiento aduanero de mercancías y pasajeros"),
        ("Semáforo fiscal en rojo", "Selección automatizada del mecanismo de selección"),
    ),
    "secondary_inspection": (
        ("Enviado a revisión secundaria", "Semáforo fiscal en rojo"),
        ("Enviado a revisión secundaria", "Alerta del binomio canino sobre el vehículo"),
        ("Enviado a revisión secundaria", "Imagen de rayos gamma con anomalías"),
        ("Enviado a revisión secundaria", "Nerviosismo y respuestas contradictorias"),
    ),
    "pedestrian": (
        ("Revisión de peatón en garita", "Ingreso peatonal sujeto a revisión aduanera"),
        ("Revisión de peatón", "Bulto visible bajo la ropa en el filtro"),
    ),
    "vehicle": (
        ("Revisión en punto de inspección", "Revisión de rutina en el punto de revisión"),
        ("Revisión de vehículo de carga", "Documentación de la carga incompleta"),
    ),
    "rescue_welfare": (
        ("Auxilio a persona", "Persona en situación de riesgo cerca del punto de revisión"),
        ("Rescate", "Reporte al 911 de grupo extraviado en el desierto"),
    ),
    "other": (
        ("Solicitud de apoyo", "La persona pidió ayuda a los agentes"),
        ("Revisión de salida", "Operativo para detectar armas y efectivo con destino al sur"),
    ),
}  # fmt: skip
_REASONS_MX_EN: dict[str, tuple[tuple[str, str], ...]] = {
    "primary_inspection": (
        ("Routine customs inspection at the garita", "Customs examination of goods and passengers"),
        ("Red light at the customs selector", "Automated selection mechanism (semáforo fiscal)"),
    ),
    "secondary_inspection": (
        ("Sent to secondary inspection", "Red light at the customs selector"),
        ("Sent to secondary inspection", "Canine team alerted on the vehicle"),
        ("Sent to secondary inspection", "Gamma-ray image showed anomalies"),
        ("Sent to secondary inspection", "Nervous behaviour and contradictory answers"),
    ),
    "pedestrian": (
        ("Pedestrian customs inspection", "Pedestrian entry subject to customs examination"),
        ("Pedestrian inspection", "Visible bulge under clothing at the filter"),
    ),
    "vehicle": (
        ("Inspection at the checkpoint", "Routine inspection at the checkpoint"),
        ("Cargo vehicle inspection", "Incomplete cargo paperwork"),
    ),
    "rescue_welfare": (
        ("Assistance to a person", "Person at risk near the checkpoint"),
        ("Rescue", "911 report of a group lost in the desert"),
    ),
    "other": (
        ("Request for help", "The person asked officers for help"),
        ("Southbound inspection", "Operation to detect weapons and cash heading south"),
    ),
}

_SEARCH_OBJECTS = (
    ("narcotics", "narcóticos"),
    ("undeclared currency", "efectivo no declarado"),
    ("weapons and ammunition", "armas y cartuchos"),
    ("concealed persons", "personas ocultas"),
    ("prohibited agricultural items", "productos agropecuarios prohibidos"),
    ("fraudulent documents", "documentos apócrifos"),
)


# --- items -----------------------------------------------------------------------------------

_FIELD_KITS = (
    "NIK test kit (Safariland)",
    "TruNarc handheld Raman analyzer",
    "Scott reagent (cobalt thiocyanate) test",
    "Marquis reagent test",
    "Duquenois-Levine reagent test",
    "Gemini handheld analyzer",
)

# category code: (English description, Spanish description)
_DRUG_TEXT: dict[str, tuple[str, str]] = {
    "methamphetamine": (
        "bundles of a white crystalline substance wrapped in black tape",
        "paquetes con sustancia cristalina blanca envueltos en cinta negra",
    ),
    "fentanyl_powder": (
        "vacuum-sealed bags of an off-white powder",
        "bolsas selladas al vacío con polvo blancuzco",
    ),
    "fentanyl_pills": (
        "blue round tablets stamped 'M' and '30'",
        "pastillas azules redondas con la marca 'M' y '30'",
    ),
    "cocaine": (
        "brick-shaped packages of a white powder",
        "paquetes en forma de ladrillo con polvo blanco",
    ),
    "heroin": (
        "packages of a black tar-like substance",
        "paquetes con sustancia negra tipo chapopote",
    ),
    "marijuana": ("bales of a green leafy substance", "pacas de hierba verde seca"),
    "precursor_chemicals": (
        "plastic drums of a clear liquid with a solvent odour",
        "bidones de plástico con líquido transparente y olor a solvente",
    ),
    "other_drug": (
        "loose tablets without a prescription label",
        "tabletas sueltas sin receta médica",
    ),
}  # fmt: skip

# make, model, calibre, category code, weight
_FIREARMS = _w(
    (("Glock", "19 Gen5", "9mm Luger", "handgun"), 8),
    (("Glock", "17", "9mm Luger", "handgun"), 4),
    (("Smith & Wesson", "M&P Shield", "9mm Luger", "handgun"), 4),
    (("Taurus", "G2C", "9mm Luger", "handgun"), 4),
    (("Colt", "Government 1911", ".38 Super", "handgun"), 4),
    (("Ruger", "LCP", ".380 ACP", "handgun"), 2),
    (("Sig Sauer", "P365", "9mm Luger", "handgun"), 2),
    (("Colt", "AR-15 A4", "5.56x45mm NATO", "rifle"), 4),
    (("Palmetto State Armory", "PA-15", "5.56x45mm NATO", "rifle"), 4),
    (("Century Arms", "WASR-10", "7.62x39mm", "rifle"), 4),
    (("FN Herstal", "PS90", "5.7x28mm", "rifle"), 1),
    (("Barrett", "M82A1", ".50 BMG", "rifle"), 1),
    (("Mossberg", "500", "12 gauge", "shotgun"), 2),
    (("Remington", "870", "12 gauge", "shotgun"), 1),
)  # fmt: skip
_AMMO = (
    ("Federal", "9mm Luger"), ("Winchester", "9mm Luger"), ("Águila", ".38 Super"),
    ("Hornady", "5.56x45mm NATO"), ("Tula", "7.62x39mm"), ("Remington", "12 gauge"),
    ("Lake City", ".50 BMG"), ("PMC", ".223 Remington"),
)  # fmt: skip
_PHONES = (
    ("Apple", "iPhone 13"), ("Apple", "iPhone 11"), ("Samsung", "Galaxy A14"),
    ("Samsung", "Galaxy S21"), ("Motorola", "Moto G Power"), ("Xiaomi", "Redmi Note 12"),
    ("Huawei", "Y9 2019"), ("Alcatel", "1X"),
)  # fmt: skip
_DEVICES = (
    ("Garmin", "eTrex 22x", "handheld GPS receiver"),
    ("Motorola", "Talkabout T800", "two-way radio"),
    ("Iridium", "9555", "satellite phone"),
    ("Dell", "Latitude 5420", "laptop computer"),
)
_OTHER_ITEMS = (
    ("Digital pocket scale with white residue", "Báscula digital con residuos blancos"),
    ("Roll of vacuum-sealer bags", "Rollo de bolsas para sellar al vacío"),
    ("Ledger with handwritten amounts", "Libreta con anotaciones de cantidades"),
    ("Cooler with a false bottom", "Hielera con doble fondo"),
    ("Set of duplicate vehicle keys", "Juego de llaves duplicadas del vehículo"),
)
_DOCUMENTS = (
    ("fraudulent_document", "Counterfeit permanent resident card (Form I-551)",
     "Tarjeta de residente permanente (I-551) falsificada"),
    ("fraudulent_document", "Altered passport, photo substituted",
     "Pasaporte alterado con fotografía sustituida"),
    ("fraudulent_document", "Counterfeit border crossing card",
     "Tarjeta de cruce fronterizo falsificada"),
    ("identity_document", "U.S. passport card presented by an impostor",
     "Pasaporte-tarjeta estadounidense presentado por un impostor"),
    ("identity_document", "Birth certificate belonging to another person",
     "Acta de nacimiento de otra persona"),
)  # fmt: skip
_USD = (100, 50, 20, 10, 5, 1)
_MXN = (1000, 500, 200, 100, 50, 20)
_DEFER_REASONS = (
    ("Bulk currency in vacuum-sealed bundles; count deferred to the port's count room "
     "with two officers and a supervisor present",
     "Efectivo en paquetes sellados al vacío; conteo diferido a la sala de conteo con dos "
     "oficiales y un supervisor presentes"),
    ("Currency wet and stuck together after removal from the gas tank; counted after drying",
     "Billetes mojados y adheridos tras extraerse del tanque; se contarán una vez secos"),
)  # fmt: skip

_CONDITIONS = (
    ("intact, original packaging", "íntegro, empaque original"),
    ("packaging torn at one corner", "empaque roto en una esquina"),
    ("good", "bueno"),
    ("used, scratches on the surface", "usado, con rayones"),
)
_PHONE_CONDITIONS = (
    ("powered off, placed in a Faraday bag", "apagado, en bolsa Faraday"),
    ("screen cracked, powered off", "pantalla estrellada, apagado"),
    ("locked, powered off", "bloqueado, apagado"),
)

# --- referrals and hand-overs -----------------------------------------------------------------

_REFERRALS: dict[Country, dict[str, tuple[str, ...]]] = {
    Country.US: {
        "minor": (
            "Office of Refugee Resettlement (ORR) placement desk",
            "CBP juvenile coordinator at the port",
            "Child Protective Services, county duty caseworker",
        ),
        "asylum": (
            "USCIS Asylum Office - credible fear referral",
            "CBP secondary: Form I-870 fear screening",
        ),
        "medical": ("EMS (county fire department paramedics)", "CBP contract medical provider"),
        "trafficking": ("HSI Victim Assistance Program", "National Human Trafficking Hotline"),
    },
    Country.MX: {
        "minor": (
            "Procuraduría de Protección de Niñas, Niños y Adolescentes (DIF municipal)",
            "DIF estatal - Centro de Asistencia Social",
        ),
        "asylum": (
            "Comisión Mexicana de Ayuda a Refugiados (COMAR)",
            "ACNUR - oficina de campo",
        ),
        "medical": ("Cruz Roja Mexicana, ambulancia", "Grupo Beta (INM), primeros auxilios"),
        "trafficking": (
            "FEVIMTRA (Fiscalía Especial en Trata de Personas, FGR)",
            "Fiscalía estatal, unidad contra la trata de personas",
        ),
    },
}
_INJURIES = (
    ("Heat exhaustion and dehydration after walking in the desert",
     "Golpe de calor y deshidratación tras caminar en el desierto"),
    ("Laceration to the left hand from a border fence", "Herida en la mano izquierda por el muro"),
    ("Sprained ankle", "Esguince de tobillo"),
    ("Diabetic, reports missing insulin doses", "Diabético, refiere no haberse aplicado insulina"),
    ("Pregnant, reports abdominal pain", "Embarazada, refiere dolor abdominal"),
)  # fmt: skip
_DISABILITIES = (
    ("Wheelchair user", "Usuario de silla de ruedas"),
    ("Deaf; communicated in writing", "Persona sorda; comunicación por escrito"),
    ("Visually impaired", "Persona con discapacidad visual"),
)


# --- site context --------------------------------------------------------------------------


@dataclass
class _Site:
    """What the generator needs to know about one checkpoint, computed once."""

    checkpoint: Checkpoint
    zone: zoneinfo.ZoneInfo
    officers: list[Officer]
    witnesses: list[Officer]
    supervisors: list[Officer]
    inspection_powers: list[str]
    search_powers: list[str]
    seizure_powers: list[str]
    detention_powers: list[str]
    agencies: dict[str, Agency] = field(default_factory=dict)
    witnesses_for: dict[str, list[Officer]] = field(default_factory=dict)
    """For each field officer, the officers who may witness for them (never themselves)."""

    all_powers: frozenset[str] = frozenset()
    mexican: bool = False
    """Whether the checkpoint is on the Mexican side."""
    inland: bool = False
    """Whether it is an inland checkpoint or filter point rather than a crossing."""

    def __post_init__(self) -> None:
        for officer in self.officers:
            others = [o for o in self.witnesses if o.id != officer.id]
            self.witnesses_for[officer.id] = others
        self.mexican = self.checkpoint.country is Country.MX
        inland_kinds = (CheckpointKind.INLAND_CHECKPOINT, CheckpointKind.FILTER_POINT)
        self.inland = self.checkpoint.kind in inland_kinds


# Seizure powers that fit what was seized, by scenario; used when the reference has them.
_SEIZURE_POWERS: dict[str, tuple[str, ...]] = {
    "trafficking": ("us_21_usc_881", "us_19_usc_1595a", "mx_cnpp_229", "mx_cnpp_227"),
    "personal_use": ("us_21_usc_881", "mx_cnpp_229"),
    "currency": ("us_31_usc_5317", "us_18_usc_981", "mx_la_151", "mx_cnpp_229"),
    "weapons": ("us_18_usc_924_d", "us_22_usc_401", "mx_cnpp_229", "mx_cnpp_227"),
    "documents": ("us_19_usc_1595a", "mx_cnpp_229"),
    # Safekeeping of a detainee's own effects: the power the person was held under.
    "property": ("us_19_usc_1582", "us_8_usc_1357", "mx_cnpp_227"),
    "misc": ("us_19_usc_1595a", "us_18_usc_981", "mx_la_151", "mx_cnpp_229"),
}

_PREFERRED_POWERS: dict[str, tuple[str, ...]] = {
    "CBP-OFO": ("us_19_usc_1581", "us_19_usc_1461", "us_8_usc_1225", "us_19_usc_1582"),
    "USBP": ("us_8_usc_1357", "us_19_usc_1581"),
    "ANAM": ("mx_la_144", "mx_cnpp_251", "mx_cnpp_268"),
    "INM": ("mx_lm_97",),
    "SEDENA": ("mx_cnpp_132", "mx_cnpp_251", "mx_cnpp_268"),
    "GN": ("mx_cnpp_132", "mx_cnpp_251", "mx_cnpp_268"),
}


def _powers(
    powers: Sequence[LegalPower], action: LegalAction, preferred: tuple[str, ...]
) -> list[str]:
    fitting = [p.code for p in powers if action in p.applies_to]
    liked = [code for code in preferred if code in fitting]
    return liked or fitting or [p.code for p in powers]


# --- the generator ---------------------------------------------------------------------------


class Generator:
    """Makes deterministic, realistic encounter and seizure records from reference data.

    ``Generator(reference, seed=0, device_code="DEMO0").encounter_bundle(i)`` returns the
    plain data of encounter ``i`` and of its seizures (a third of encounters have one);
    the result depends only on the reference data, the seed, the device code and ``i``.
    Every record is validated by its pydantic model, business rules included, before it
    is returned.

    Args:
        reference: checkpoints, officers, legal powers, categories and units to draw from;
            it needs at least one checkpoint whose country has two active officers.
        seed: the seed of every random draw.
        device_code: the device part of reference and seizure numbers.

    Raises:
        ValueError: the reference data has no usable checkpoint.
    """

    def __init__(
        self,
        reference: ReferenceData,
        seed: int = 0,
        device_code: str = "DEMO0",
        photo_sink: Callable[[bytes], str] | None = None,
    ) -> None:
        self.reference = reference
        # Where photos go: without a sink, items name random hashes (fast, for load tests);
        # with one (the demo), each photo is a small real image whose hash the sink returns,
        # so a demo profile shows thumbnails and syncs with nothing missing.
        self.photo_sink = photo_sink
        self.seed = seed
        self.device_code = device_code
        digest = hashlib.sha256(f"fieldapp-synthetic:{seed}".encode()).digest()
        self._seed_key = int.from_bytes(digest[:16], "big")
        id_digest = hashlib.sha256(f"fieldapp-synthetic-id:{seed}:{device_code}".encode()).digest()
        self._id_mask = int.from_bytes(id_digest[:8], "big") & ((1 << 56) - 1)
        self._sites = self._make_sites(reference)
        if not self._sites:
            raise ValueError(
                "reference data has no checkpoint with two active officers of its country"
            )
        # Border ports see far more traffic than inland checkpoints.
        self._site_choice = _Weighted(
            [(site, 3.0 if not site.inland else 1.0) for site in self._sites]
        )
        self._categories: dict[ItemKind, list[str]] = {}
        for category in reference.item_categories:
            self._categories.setdefault(category.kind, []).append(category.code)
        self._default_units = {c.code: c.default_unit for c in reference.item_categories}
        self._units = frozenset(u.code for u in reference.units)

    # -- public API ----------------------------------------------------------------------

    def encounter_bundle(self, index: int, when: datetime | None = None) -> tuple[Data, list[Data]]:
        """The plain data of encounter ``index`` and of the seizures linked to it.

        Args:
            index: the bundle number (0 or more); it appears in the reference numbers.
            when: end of the ~90-day period the encounter falls in (timezone-aware);
                by default :data:`DEFAULT_WHEN`, so output depends only on the seed.
        """
        if index < 0:
            raise ValueError(f"index must be 0 or more, not {index}")
        if when is None:
            when = DEFAULT_WHEN
        elif when.tzinfo is None or when.utcoffset() is None:
            raise ValueError("when must be timezone-aware")
        rng = random.Random((self._seed_key << 64) | index)
        draft = _Draft(self, rng, index, when)
        encounter, seizures = draft.build()
        # model_dump(mode="json") gives exactly what canonical.to_plain gives for these
        # records (text decimals in plain notation, ISO times with a non-UTC offset, enum
        # values), at a fifth of the cost; the tests check the two agree.
        seizure_out = [Seizure.model_validate(s).model_dump(mode="json") for s in seizures]
        encounter_out = Encounter.model_validate(encounter).model_dump(mode="json")
        return encounter_out, seizure_out

    def bundles(self, count: int, start: int = 0) -> Iterator[tuple[Data, list[Data]]]:
        """Yield ``count`` bundles, numbered from ``start``; see :meth:`encounter_bundle`."""
        for index in range(start, start + count):
            yield self.encounter_bundle(index)

    # -- internals -----------------------------------------------------------------------

    def photo(self, bits: int) -> str:
        """The hash of one photo made from ``bits``: stored through the sink when there is one."""
        if self.photo_sink is None:
            return f"{bits:064x}"
        return self.photo_sink(photo_png(bits))

    def record_id(self, index: int, kind: int, when: datetime) -> str:
        """A UUIDv7-shaped id: time-ordered like the device's ids, and unique per (kind, index).

        The 62 low bits hold ``kind`` (0 = encounter, 1+ = its seizures) and a bijective
        scramble of ``index`` (odd multiplier, then a seed-derived mask), so two indexes or
        two kinds never give the same id.
        """
        mixed = ((index * 0x9E3779B97F4A7C15) ^ self._id_mask) & ((1 << 56) - 1)
        ms = int(when.timestamp() * 1000) & ((1 << 48) - 1)
        value = (ms << 80) | (0x7 << 76) | ((index >> 56) & 0xFFF) << 64
        value |= (0b10 << 62) | ((kind & 0x3F) << 56) | mixed
        return _uuid_text(value)

    def _make_sites(self, reference: ReferenceData) -> list[_Site]:
        by_country: dict[Country, list[Officer]] = {}
        for officer in reference.officers:
            agency = reference.agencies_by_code.get(officer.agency)
            if officer.active and officer.role is not Role.AUDITOR and agency is not None:
                by_country.setdefault(agency.country, []).append(officer)
        sites = []
        for checkpoint in reference.checkpoints:
            pool = by_country.get(checkpoint.country, [])
            if len(pool) < 2:
                continue
            own = [o for o in pool if o.agency == checkpoint.agency]
            field_officers = [o for o in own if o.role is Role.OFFICER] or own or pool
            witnesses = own if len(own) >= 2 else pool
            powers = [p for p in reference.legal_powers if p.country is checkpoint.country]
            if not powers:
                continue
            preferred = _PREFERRED_POWERS.get(checkpoint.agency, ())
            sites.append(
                _Site(
                    checkpoint=checkpoint,
                    zone=zoneinfo.ZoneInfo(checkpoint.timezone),
                    officers=field_officers,
                    witnesses=witnesses,
                    supervisors=[o for o in pool if o.role is Role.SUPERVISOR],
                    inspection_powers=_powers(powers, LegalAction.INSPECTION, preferred),
                    search_powers=_powers(powers, LegalAction.SEARCH, preferred),
                    seizure_powers=_powers(powers, LegalAction.SEIZURE, ()),
                    detention_powers=_powers(powers, LegalAction.DETENTION, ()),
                    agencies={
                        a.code: a for a in reference.agencies if a.country is checkpoint.country
                    },
                    all_powers=frozenset(p.code for p in powers),
                )
            )
        return sites

    def category(self, kind: ItemKind, preferred: str | None = None) -> str | None:
        """A category code of this kind: ``preferred`` if the reference has it."""
        codes = self._categories.get(kind)
        if not codes:
            return None
        if preferred is not None and preferred in codes:
            return preferred
        return codes[0]

    def unit(self, preferred: str, category: str | None) -> str:
        """``preferred`` if the reference has that unit, else the category's default unit."""
        if preferred in self._units or category is None:
            return preferred
        return self._default_units.get(category, preferred)


def _uuid_text(value: int) -> str:
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


# --- one bundle ------------------------------------------------------------------------------


_STOPS_PORT = _w(
    ("primary_inspection", 55), ("secondary_inspection", 20), ("pedestrian", 20),
    ("rescue_welfare", 1), ("other", 4),
)  # fmt: skip
_STOPS_PORT_SEIZURE = _w(
    ("secondary_inspection", 75), ("pedestrian", 20), ("primary_inspection", 5)
)
_STOPS_INLAND = _w(
    ("vehicle", 55), ("primary_inspection", 28), ("secondary_inspection", 12),
    ("rescue_welfare", 3), ("other", 2),
)  # fmt: skip
_STOPS_INLAND_SEIZURE = _w(("secondary_inspection", 60), ("vehicle", 40))

_SCENARIOS = _w(
    ("trafficking", 40), ("currency", 18), ("weapons", 10), ("documents", 12),
    ("personal_use", 12), ("misc", 8),
)  # fmt: skip
_RESULTS_NO_SEIZURE = _w(
    ("no_action", 68), ("warning", 22), ("citation", 3), ("release", 2), ("handover", 4),
    ("arrest_detention", 1),
)  # fmt: skip
_RESULTS_BY_SCENARIO: dict[str, _Weighted[str]] = {
    "trafficking": _w(("arrest_detention", 75), ("handover", 25)),
    "weapons": _w(("arrest_detention", 70), ("handover", 30)),
    "currency": _w(("release", 45), ("citation", 20), ("arrest_detention", 15), ("handover", 10),
                   ("warning", 10)),
    "documents": _w(("handover", 40), ("arrest_detention", 35), ("release", 25)),
    "personal_use": _w(
        ("citation", 40), ("warning", 30), ("release", 20), ("arrest_detention", 10)
    ),
    "misc": _w(("release", 40), ("warning", 30), ("no_action", 30)),
}  # fmt: skip


class _Draft:
    """Builds one encounter and its seizures as dicts ready for ``model_validate``."""

    def __init__(self, gen: Generator, rng: random.Random, index: int, when: datetime) -> None:
        self.gen = gen
        self.rng = rng
        self.index = index
        self.site = gen._site_choice.pick(rng)
        self.cp = self.site.checkpoint
        self.spanish = self.site.mexican and rng.random() < 0.6
        self.start = self._start_time(when)
        officers = self.site.officers
        self.officer = officers[_below(rng, len(officers))]
        others = self.site.witnesses_for[self.officer.id]
        self.witness = others[_below(rng, len(others))]
        self.people: list[Data] = []
        self.person_names: dict[str, str | None] = {}
        self.nationalities: dict[str, str] = {}
        self.vehicle: Data | None = None
        self.detention_type: str | None = None

    def t(self, pair: tuple[str, str]) -> str:
        """The English or Spanish text of a pair, in the narrative's language."""
        return pair[1] if self.spanish else pair[0]

    def later(self, minutes_low: int, minutes_high: int, base: datetime | None = None) -> datetime:
        base = self.start if base is None else base
        return base + timedelta(minutes=_between(self.rng, minutes_low, minutes_high))

    # -- time --------------------------------------------------------------------------

    def _start_time(self, when: datetime) -> datetime:
        rng = self.rng
        zone = self.site.zone
        local_end = when.astimezone(zone)
        day = local_end.date() - timedelta(days=_below(rng, _PERIOD_DAYS) + 1)
        # Busier by day: weight hours 6-22 three times as much as the night.
        hour = _below(rng, 24) if rng.random() < 0.25 else _between(rng, 6, 22)
        start = datetime(
            day.year, day.month, day.day, hour, _below(rng, 60), _below(rng, 60), tzinfo=zone
        )
        # Round trip through UTC to normalize times that fall in a DST gap.
        return start.astimezone(UTC).astimezone(zone)

    # -- the whole bundle --------------------------------------------------------------

    def build(self) -> tuple[Data, list[Data]]:
        rng = self.rng
        site = self.site
        has_seizure = rng.random() < 1 / 3
        scenario = _SCENARIOS.pick(rng) if has_seizure else None
        if has_seizure:
            stops = _STOPS_INLAND_SEIZURE if site.inland else _STOPS_PORT_SEIZURE
        else:
            stops = _STOPS_INLAND if site.inland else _STOPS_PORT
        stop_type = stops.pick(rng)
        if stop_type == "pedestrian" and scenario in ("trafficking",) and rng.random() < 0.5:
            stop_type = "secondary_inspection"
        with_vehicle = stop_type != "pedestrian" and not (
            stop_type in ("rescue_welfare", "other") and rng.random() < 0.5
        )
        if with_vehicle:
            self.vehicle = self._vehicle()
        self._people(stop_type, with_vehicle)

        result = (
            _RESULTS_BY_SCENARIO[scenario] if scenario is not None else _RESULTS_NO_SEIZURE
        ).pick(rng)
        if stop_type == "rescue_welfare":
            result = "handover" if rng.random() < 0.5 else "release"

        encounter_id = self.gen.record_id(self.index, 0, self.start)
        ref_base = f"{self.cp.code}-{self.gen.device_code}"
        searches = self._searches(stop_type, scenario)
        seizures: list[Data] = []
        if scenario is not None:
            seizures.append(self._seizure(encounter_id, 1, ref_base, scenario, result))
            # A detained person's own effects, itemized for return (DOMAIN: detainee property).
            if result == "arrest_detention" and rng.random() < 0.15:
                seizures.append(self._seizure(encounter_id, 2, ref_base, "property", result))

        flags = self._protection_flags(stop_type)
        detentions = self._detentions(result, scenario) if result == "arrest_detention" else []
        handover: Data = _NA
        if result == "handover" or (result == "arrest_detention" and rng.random() < 0.4):
            handover = self._handover(scenario, stop_type)
        restraints: list[Data] = []
        force: list[Data] = []
        for detention in detentions:
            ref = detention["person_ref"]
            if rng.random() < 0.85:
                restraints.append(
                    {
                        "person_ref": ref,
                        "kind": self.t(("handcuffs, double-locked", "esposas, doble seguro")),
                        "reason": self.t(
                            (
                                "Arrest; officer and detainee safety during transport",
                                "Detención; seguridad del detenido y de los agentes en el traslado",
                            )
                        ),
                    }
                )
            if rng.random() < 0.03:
                force.append(self._force(ref))
        if not detentions and rng.random() < 0.002:
            force.append(self._force(self.people[0]["person_ref"]))

        duration = self._duration(stop_type, result, bool(seizures))
        ended_at: Any = _info("not_recorded") if rng.random() < 0.01 else self.start + duration
        partners = self._partners(handover, stop_type)
        receipt_given = bool(seizures) or result != "no_action" or rng.random() < 0.3
        if result == "warning" and rng.random() < 0.5:
            receipt_given = False
        medium = ("paper" if rng.random() < 0.7 else "electronic") if receipt_given else "none"
        table = _REASONS_ES if self.spanish else _REASONS_MX_EN if self.site.mexican else _REASONS
        reason, grounds = _one(rng, table[stop_type])
        search_object: Any = _NA
        if searches:
            search_object = self.t(self._search_object(scenario))
        encounter: Data = {
            "id": encounter_id,
            "reference_number": f"{ref_base}-{self.index:06d}",
            "agency": self.officer.agency,
            "officer_id": self.officer.id,
            "partner_agencies": partners,
            "started_at": self.start,
            "ended_at": ended_at,
            "checkpoint": self.cp.code,
            "location": self._location(stop_type),
            "stop_type": stop_type,
            "vehicle": self.vehicle if self.vehicle is not None else _NA,
            "reason": reason,
            "grounds": grounds,
            "search_object": search_object,
            "legal_power": self._encounter_power(searches, result),
            "people": self.people,
            "actions": {
                "searches": searches,
                "use_of_force": force,
                "restraints": restraints,
                "seizure_ids": [s["id"] for s in seizures],
            },
            "protection_flags": flags,
            "result": result,
            "handover": handover,
            "detentions": detentions,
            "body_camera_clips": self._clips(),
            "receipt": {
                "given": receipt_given,
                "medium": medium,
                "how_to_obtain_record": self._how_to_obtain(),
            },
            "narrative": self._narrative(stop_type, searches, seizures, result, flags),
        }
        return encounter, seizures

    # -- encounter parts -----------------------------------------------------------------

    def _vehicle(self) -> Data:
        rng = self.rng
        make, model, wmi = _VEHICLES.pick(rng)
        year = _between(rng, 2004, 2026)
        if wmi in ("3AK", "1XK"):
            year = max(year, 2012)
        foreign = rng.random() < (0.45 if self.site.mexican else 0.4)
        plate_country = ("US" if self.site.mexican else "MX") if foreign else self.cp.country.value
        states = _MX_PLATE_STATES if plate_country == "MX" else _US_PLATE_STATES
        home = self.cp.state if plate_country == self.cp.country.value else None
        table = states.get(home or "", None) or states[_one(rng, tuple(states))]
        state = _one(rng, table)
        vin: Any = _vin(rng, wmi, year) if rng.random() < 0.97 else _info("not_recorded")
        plate: Any = _plate(rng, plate_country, state)
        if rng.random() < 0.005:
            plate = _info("unknown")  # no plates, or a paper dealer tag
        return {
            "plate": plate,
            "plate_issuer": f"{plate_country}-{state}" if not isinstance(plate, dict) else _info(),
            "make": make,
            "model": model,
            "colour": self.t(_COLOURS.pick(rng)),
            "vin": vin,
            "year": year,
        }

    def _people(self, stop_type: str, with_vehicle: bool) -> None:
        rng = self.rng
        if with_vehicle:
            count = min(1 + int(rng.expovariate(0.9)), 7)
        elif stop_type == "pedestrian":
            count = 1 if rng.random() < 0.8 else _between(rng, 2, 3)
        else:
            count = _between(rng, 1, 6)
        # Families travel together: nationality of the first person is shared by most.
        first_nat = _NATIONALITIES[self.cp.country].pick(rng)
        # Now and then children cross or are found without any adult.
        children_only = not with_vehicle and rng.random() < 0.02
        for n in range(count):
            ref = f"P{n + 1}"
            if n == 0:
                role = (
                    "driver"
                    if with_vehicle
                    else ("pedestrian" if stop_type == "pedestrian" else "other")
                )
                age = _between(rng, 18, 72) if not children_only else _between(rng, 9, 17)
            elif children_only:
                role = "pedestrian" if stop_type == "pedestrian" else "other"
                age = _between(rng, 3, 17)
            else:
                role = (
                    "passenger"
                    if with_vehicle
                    else ("pedestrian" if stop_type == "pedestrian" else "other")
                )
                age = _between(rng, 0, 17) if rng.random() < 0.3 else _between(rng, 18, 80)
            nationality = (
                first_nat if rng.random() < 0.85 else _NATIONALITIES[self.cp.country].pick(rng)
            )
            self.people.append(self._person(ref, role, age, nationality))

    def _person(self, ref: str, role: str, age: int, nationality: str) -> Data:
        rng = self.rng
        refused = age >= 18 and rng.random() < 0.04
        name: Any
        if refused:
            name = _info("refused")
            self.person_names[ref] = None
        else:
            text = _full_name(rng, nationality)
            name = text
            self.person_names[ref] = text
        self.nationalities[ref] = nationality
        today = self.start.date()
        born = today - timedelta(days=age * 365 + age // 4 + _below(rng, 365))
        dob: Any = born
        if refused:
            dob = _info("refused")
        elif rng.random() < 0.12:
            dob = _info("unknown")
        nat: Any = nationality if not (refused and rng.random() < 0.5) else _info("refused")
        if refused:
            document: Any = _info("refused")
        elif age < 12 and rng.random() < 0.5:
            document = _NA
        elif rng.random() < 0.06:
            document = _info("unknown")
        else:
            document = _document(rng, nationality, self.cp.state)
        language = _LANGUAGES.get(nationality, _LANGUAGES["MX"]).pick(rng)
        speaks = language in self.officer.languages
        return {
            "person_ref": ref,
            "role": role,
            "name": name,
            "date_of_birth": dob,
            "age_range": _age_range(age),
            "nationality": nat,
            "document": document,
            "language": language,
            "interpreter_used": not speaks and rng.random() < 0.8,
        }

    def _location(self, stop_type: str) -> Data:
        rng = self.rng
        n = _between(rng, 1, 24)
        if stop_type == "pedestrian":
            landmark = self.t(
                ("Pedestrian processing hall, booth {n}", "Edificio peatonal, módulo {n}")
            )
        elif stop_type == "secondary_inspection":
            landmark = self.t(
                ("Secondary inspection area, bay {n}", "Área de revisión secundaria, andén {n}")
            )
        elif stop_type in ("rescue_welfare", "other"):
            landmark = self.t(
                (
                    "{n} miles from the checkpoint, near the highway",
                    "A {n} km del punto de revisión, junto a la carretera",
                )
            )
        else:
            lanes = _LANE_ES if self.spanish else _LANE_EN
            landmark = lanes[_below(rng, len(lanes))]
        data: Data = {"landmark": landmark.format(n=n)}
        if rng.random() < 0.7:
            data["latitude"] = self.cp.latitude
            data["longitude"] = self.cp.longitude
        return data

    def _searches(self, stop_type: str, scenario: str | None) -> list[Data]:
        rng = self.rng
        chance = {"secondary_inspection": 0.7, "vehicle": 0.2}.get(stop_type, 0.04)
        if scenario is None and rng.random() >= chance:
            return []
        searches: list[Data] = []
        found_text = self.t(
            (
                "Items seized; see the seizure record",
                "Objetos asegurados; ver el registro de aseguramiento",
            )
        )
        nothing = self.t(("Nothing found", "Sin hallazgos"))
        consent = rng.random() < 0.35
        basis = "" if consent and rng.random() < 0.5 else self.t(self._search_basis())
        if self.vehicle is not None:
            searches.append(
                {
                    "target": "vehicle",
                    "with_consent": consent,
                    "basis": basis or self.t(("Consent given verbally", "Consentimiento verbal")),
                    "result": found_text if scenario is not None else nothing,
                }
            )
        if self.vehicle is None or rng.random() < 0.3:
            searches.append(
                {
                    "target": self.people[0]["person_ref"],
                    "with_consent": consent,
                    "basis": basis,
                    "result": found_text
                    if scenario is not None and self.vehicle is None
                    else nothing,
                }
            )
        return searches

    def _search_basis(self) -> tuple[str, str]:
        if self.site.mexican:
            return (
                "Customs inspection of goods and persons (Ley Aduanera art. 144)",
                "Revisión aduanera de mercancías y personas (Ley Aduanera art. 144)",
            )
        return (
            "Border search; no suspicion required at the port (19 U.S.C. 1581)",
            "Registro fronterizo; no requiere sospecha en el puerto (19 U.S.C. 1581)",
        )

    def _search_object(self, scenario: str | None) -> tuple[str, str]:
        table = {
            "trafficking": 0, "personal_use": 0, "currency": 1, "weapons": 2, "documents": 5,
        }  # fmt: skip
        if scenario in table:
            return _SEARCH_OBJECTS[table[scenario]]
        return _SEARCH_OBJECTS[_below(self.rng, len(_SEARCH_OBJECTS))]

    def _encounter_power(self, searches: list[Data], result: str) -> str:
        site = self.site
        if result == "arrest_detention" and self.rng.random() < 0.3:
            pool = site.detention_powers
        elif searches:
            pool = site.search_powers
        else:
            pool = site.inspection_powers
        return pool[_below(self.rng, len(pool))]

    def _protection_flags(self, stop_type: str) -> list[Data]:
        rng = self.rng
        flags: list[Data] = []
        country = self.cp.country
        referrals = _REFERRALS[country]
        minors = [p for p in self.people if p["age_range"] in ("age_0_11", "age_12_17")]
        adults = [p for p in self.people if p not in minors]
        if minors and (not adults or rng.random() < 0.08):
            kind = "minor_unaccompanied" if not adults else "minor_accompanied"
            person = minors[0]
            flags.append(
                {
                    "person_ref": person["person_ref"],
                    "kind": kind,
                    "details": self.t(
                        (
                            "Minor travelling with an adult who is not the parent; no consent "
                            "letter",
                            "Menor viaja con un adulto que no es su madre o padre; sin carta "
                            "de consentimiento",
                        )
                        if kind == "minor_accompanied"
                        else ("Minor travelling alone", "Menor de edad viaja solo")
                    ),
                    "referral": self._referral(referrals["minor"]),
                }
            )
        foreigners = [
            p for p in self.people if self.nationalities[p["person_ref"]] != country.value
        ]
        asylum_rate = 0.02 if country is Country.US else 0.01
        if foreigners and rng.random() < asylum_rate:
            person = foreigners[_below(rng, len(foreigners))]
            flags.append(
                {
                    "person_ref": person["person_ref"],
                    "kind": "fear_of_return_asylum",
                    "details": self.t(
                        (
                            "States fear of returning to the home country; threatened by a gang",
                            "Manifiesta temor de regresar a su país; amenazado por una pandilla",
                        )
                    ),
                    "referral": self._referral(referrals["asylum"]),
                }
            )
        injury_rate = 0.6 if stop_type == "rescue_welfare" else 0.008
        if rng.random() < injury_rate:
            person = self.people[_below(rng, len(self.people))]
            care = rng.random() < 0.85
            flag: Data = {
                "person_ref": person["person_ref"],
                "kind": "injury_illness",
                "details": self.t(
                    _INJURIES[0] if stop_type == "rescue_welfare" else _one(rng, _INJURIES)
                ),
                "medical_care_given": care,
            }
            if care and rng.random() < 0.7:
                flag["referral"] = self._referral(referrals["medical"])
            flags.append(flag)
        if rng.random() < 0.004:
            person = self.people[_below(rng, len(self.people))]
            flags.append(
                {
                    "person_ref": person["person_ref"],
                    "kind": "disability",
                    "details": self.t(_one(rng, _DISABILITIES)),
                }
            )
        if len(self.people) >= 3 and rng.random() < 0.01:
            person = self.people[-1]
            flag = {
                "person_ref": person["person_ref"],
                "kind": "trafficking_indicators",
                "details": self.t(
                    (
                        "Passenger does not hold own documents and appears coached; driver "
                        "answers for all",
                        "La persona no porta sus documentos y parece aleccionada; el conductor "
                        "responde por todos",
                    )
                ),
            }
            if rng.random() < 0.8:
                flag["referral"] = self._referral(referrals["trafficking"])
            flags.append(flag)
        return flags

    def _referral(self, places: tuple[str, ...]) -> Data:
        rng = self.rng
        data: Data = {
            "referred_to": places[_below(rng, len(places))],
            "referred_at": self.later(10, 180),
        }
        if rng.random() < 0.5:
            data["reference"] = f"REF-{_between(rng, 2026, 2026)}-{_digits(rng, 6)}"
        return data

    def _detentions(self, result: str, scenario: str | None) -> list[Data]:
        rng = self.rng
        adults = [p for p in self.people if p["age_range"] not in ("age_0_11", "age_12_17")]
        if not adults:
            adults = self.people[:1]
        chosen = adults[:1] + [p for p in adults[1:] if rng.random() < 0.3]
        if scenario in ("trafficking", "weapons", "personal_use", "currency"):
            dtype = "in_flagrante"
        elif scenario == "documents":
            # A foreigner using false papers goes to migration; a national, to the prosecutor.
            foreign = self.nationalities[chosen[0]["person_ref"]] != self.cp.country.value
            dtype = "immigration" if foreign else "in_flagrante"
        else:
            dtype = "warrant" if rng.random() < 0.6 else "immigration"
        self.detention_type = dtype
        authority = self._authority(scenario, dtype)
        detentions = []
        for person in chosen:
            notice: Any = _NA
            if rng.random() < (0.5 if self.site.mexican else 0.2):
                notice = {
                    "consent_given": True,
                    "contact_name": _full_name(rng, self.nationalities[person["person_ref"]]),
                    "relationship": self.t(_one(rng, _RELATIONS)),
                    "notified_at": self.later(30, 240),
                }
            rights: Any = self.later(5, 60) if rng.random() < 0.97 else _info("not_recorded")
            route: Any = self.t(
                (
                    f"Official vehicle from {self.cp.name} to the {authority} office, "
                    f"{self.cp.city}",
                    f"Traslado en unidad oficial de {self.cp.name_es} a las oficinas de "
                    f"{authority}, {self.cp.city}",
                )
            )
            if rng.random() < 0.03:
                route = _info("not_recorded")
            detentions.append(
                {
                    "person_ref": person["person_ref"],
                    "detention_type": dtype,
                    "authority_handed_to": authority,
                    "rights_read_at": rights,
                    "contact_notified": notice,
                    "transfer_route": route,
                }
            )
        return detentions

    def _agency_for(self, scenario: str | None, dtype: str | None) -> Agency | None:
        agencies = self.site.agencies
        order: tuple[str, ...]
        if self.site.mexican:
            immigration = dtype == "immigration" or (scenario is None and dtype is None)
            order = ("INM", "FGR") if immigration else ("FGR", "GN")
        elif scenario == "weapons":
            order = ("ATF", "HSI")
        elif scenario in ("trafficking", "currency", "personal_use") or dtype == "in_flagrante":
            order = ("HSI", "DEA")
        elif dtype == "warrant":
            order = ("HCSO-TX", "FBI", "HSI") if self.cp.state == "TX" else ("FBI", "HSI")
        else:
            order = ("USBP", "HSI") if self.cp.agency != "USBP" else ("HSI", "CBP-OFO")
        for code in order:
            if code in agencies and code != self.officer.agency:
                return agencies[code]
        others = [a for code, a in agencies.items() if code != self.officer.agency]
        return others[0] if others else None

    def _authority(self, scenario: str | None, dtype: str | None) -> str:
        agency = self._agency_for(scenario, dtype)
        if agency is None:
            return self.t(("Duty supervisor", "Supervisor de guardia"))
        if self.site.mexican and agency.code == "FGR":
            return "Ministerio Público de la Federación (FGR)"
        return agency.name_es if self.spanish else agency.name_en

    def _handover(self, scenario: str | None, stop_type: str) -> Data:
        rng = self.rng
        dtype = "immigration" if stop_type == "rescue_welfare" else self.detention_type
        agency = self._agency_for(scenario, dtype)
        code = agency.code if agency is not None else self.officer.agency
        name: Any = _full_name(rng, self.cp.country.value) if rng.random() < 0.85 else _info()
        badge: Any = f"{code.split('-')[0]}-{_digits(rng, 5)}" if rng.random() < 0.8 else _info()
        return {
            "agency": code,
            "handed_at": self.later(45, 300),
            "received_by_name": name,
            "received_by_id": badge,
        }

    def _force(self, ref: str) -> Data:
        rng = self.rng
        force_type = _FORCE.pick(rng)
        return {
            "person_ref": ref,
            "force_type": force_type,
            "reason": self.t(
                _one(
                    rng,
                    (
                        (
                            "Actively resisted handcuffing",
                            "Se resistió activamente al esposamiento",
                        ),
                        (
                            "Attempted to flee on foot toward the border",
                            "Intentó huir a pie hacia la línea",
                        ),
                        (
                            "Refused to exit the vehicle after repeated commands",
                            "Se negó a bajar del vehículo tras varias órdenes",
                        ),
                    ),
                )
            ),
            "injury_caused": rng.random() < 0.1,
        }

    def _partners(self, handover: Data, stop_type: str) -> list[Data]:
        rng = self.rng
        partners: list[Data] = []
        if handover is not _NA and rng.random() < 0.4:
            partners.append({"agency": handover["agency"], "primary": False})
        if self.site.inland and self.site.mexican and rng.random() < 0.5:
            code = next(
                (
                    c
                    for c in ("GN", "INM", "SEDENA")
                    if c in self.site.agencies
                    and c != self.officer.agency
                    and all(p["agency"] != c for p in partners)
                ),
                None,
            )
            if code is not None:
                partners.append({"agency": code, "primary": rng.random() < 0.3})
        return partners

    def _duration(self, stop_type: str, result: str, seized: bool) -> timedelta:
        rng = self.rng
        if seized or result in ("arrest_detention", "handover"):
            minutes = _between(rng, 60, 360)
        elif stop_type in ("primary_inspection", "vehicle", "pedestrian"):
            return timedelta(seconds=_between(rng, 20, 240))
        elif stop_type == "secondary_inspection":
            minutes = _between(rng, 12, 120)
        else:
            minutes = _between(rng, 15, 180)
        return timedelta(minutes=minutes, seconds=_below(rng, 60))

    def _clips(self) -> list[str]:
        rng = self.rng
        if rng.random() >= (0.35 if not self.site.mexican else 0.05):
            return []
        s = self.start
        stamp = f"{s.year}{s.month:02d}{s.day:02d}_{s.hour:02d}{s.minute:02d}{s.second:02d}"
        return [f"AXON-X{_digits(rng, 8)}-{stamp}-{n}" for n in range(1, _between(rng, 1, 3) + 1)]

    def _how_to_obtain(self) -> str:
        if self.site.mexican:
            if self.spanish:
                return (
                    "Solicite copia del registro completo a la autoridad que actuó, mediante la "
                    "Plataforma Nacional de Transparencia, citando el número de referencia."
                )
            return (
                "Request a copy of the full record from the acting authority through Mexico's "
                "National Transparency Platform, quoting the reference number."
            )
        return (
            "Request the full record through a FOIA request to U.S. Customs and Border "
            "Protection (www.cbp.gov/foia), quoting the reference number."
        )

    # -- seizures -----------------------------------------------------------------------

    def _seizure(
        self, encounter_id: str, k: int, ref_base: str, scenario: str, result: str
    ) -> Data:
        rng = self.rng
        seized_at = self.later(5, 50)
        items = _Items(self, seized_at)
        if scenario == "trafficking":
            for _ in range(1 if rng.random() < 0.75 else 2):
                items.drug(large=True)
            if self.vehicle is not None and rng.random() < 0.4:
                items.vehicle()
            if rng.random() < 0.4:
                items.phone()
            if rng.random() < 0.15:
                items.other()
            if rng.random() < 0.1:
                items.currency()
        elif scenario == "personal_use":
            items.drug(large=False)
        elif scenario == "currency":
            items.currency()
            if rng.random() < 0.2:
                items.currency()
            if rng.random() < 0.3:
                items.phone()
        elif scenario == "weapons":
            for _ in range(1 + int(rng.expovariate(0.8))):
                items.firearm()
            if rng.random() < 0.7:
                items.ammunition()
            if rng.random() < 0.4:
                items.magazines()
            if rng.random() < 0.2:
                items.currency()
        elif scenario == "documents":
            items.document()
            if rng.random() < 0.2:
                items.document()
            if rng.random() < 0.3:
                items.phone()
        elif scenario == "property":
            items.phone()
            if rng.random() < 0.7:
                items.currency(small=True)
            if rng.random() < 0.5:
                items.device()
        else:
            for _ in range(_between(rng, 1, 3)):
                _one(rng, (items.phone, items.device, items.other))()
        if rng.random() < 0.08:
            # Occasionally a long list: a truck full of phones, or a stash of devices.
            for _ in range(_between(rng, 3, 8)):
                _one(rng, (items.phone, items.other))()

        person_ref = self.people[0]["person_ref"]
        name = self.person_names.get(person_ref)
        on_vehicle = self.vehicle is not None and scenario not in ("documents", "property")
        spots = _VEHICLE_SPOTS if on_vehicle else _PERSON_SPOTS
        found = self.t(spots[_below(rng, len(spots))])
        two_person = items.two_person
        witness: Any = self.witness.id if two_person or rng.random() < 0.7 else _NA
        if scenario == "property":
            reason = "safekeeping"
        elif scenario in ("trafficking", "weapons", "documents", "personal_use"):
            reason = "evidence" if self.site.mexican or rng.random() < 0.6 else "forfeiture"
        elif scenario == "currency":
            reason = "forfeiture" if rng.random() < 0.7 else "detained_for_examination"
        else:
            reason = "detained_for_examination"
        custody_start = "discovered_in_search"
        if scenario in ("property", "documents") or rng.random() < 0.05:
            custody_start = "handed_over"
        elif rng.random() < 0.03:
            custody_start = "found"
        liked = _SEIZURE_POWERS.get(scenario, ())
        powers = [c for c in liked if c in self.site.all_powers] or self.site.seizure_powers
        approvals: list[Data] = []
        supervisors = [s for s in self.site.supervisors if s.id != self.officer.id]
        if supervisors and result in ("arrest_detention", "handover"):
            sup = supervisors[_below(rng, len(supervisors))]
            approvals.append(
                {
                    "level": "supervisor",
                    "officer_id": sup.id,
                    "approved_at": self.later(30, 90, seized_at),
                }
            )
            if result == "handover" and len(supervisors) > 1:
                second = next(s for s in supervisors if s.id != sup.id)
                approvals.append(
                    {
                        "level": "second_line_supervisor",
                        "officer_id": second.id,
                        "approved_at": self.later(91, 240, seized_at),
                        "note": self.t(
                            (
                                "Transfer to receiving agency approved",
                                "Se autoriza la entrega a la autoridad receptora",
                            )
                        ),
                    }
                )
        suffix = "" if k == 1 else f"-{k}"
        return {
            "id": self.gen.record_id(self.index, k, seized_at),
            "seizure_number": f"{ref_base}-S{self.index:06d}{suffix}",
            "encounter_id": encounter_id,
            "seized_at": seized_at,
            "checkpoint": self.cp.code,
            "found_location": found,
            "custody_start": custody_start,
            "reason": reason,
            "seized_from": self._seized_from(person_ref, name),
            "legal_power": powers[_below(rng, len(powers))],
            "officer_id": self.officer.id,
            "witness_id": witness,
            "items": items.items,
            "packages": items.packages(witness),
            "approvals": approvals,
            "detained_person_property": scenario == "property",
        }

    def _seized_from(self, person_ref: str, name: str | None) -> Data:
        rng = self.rng
        nationality = self.nationalities.get(person_ref, "US")
        address: Any
        contact: Any
        if name is None:
            address, contact = _info("refused"), _info("refused")
        else:
            address = _address(rng, nationality) if rng.random() < 0.85 else _info("unknown")
            contact = _phone(rng, nationality) if rng.random() < 0.8 else _info("unknown")
        owner: Any = _NA
        if self.vehicle is not None and rng.random() < 0.2:
            owner = _full_name(rng, nationality) if rng.random() < 0.7 else _info()
        return {
            "name": name if name is not None else _info("refused"),
            "person_ref": person_ref,
            "address": address,
            "contact": contact,
            "owner": owner,
        }

    # -- narrative ------------------------------------------------------------------------

    def _narrative(
        self,
        stop_type: str,
        searches: list[Data],
        seizures: list[Data],
        result: str,
        flags: list[Data],
    ) -> str:
        return (
            _narrative_es(self, stop_type, searches, seizures, result, flags)
            if self.spanish
            else _narrative_en(self, stop_type, searches, seizures, result, flags)
        )


_RELATIONS = (
    ("spouse", "cónyuge"), ("mother", "madre"), ("brother", "hermano"), ("daughter", "hija"),
    ("friend", "amistad"), ("attorney", "abogado"),
)  # fmt: skip
_FORCE = _w(
    ("verbal_command", 30), ("physical_control", 45), ("restraints", 15), ("less_lethal", 7),
    ("firearm_pointed", 2.5), ("other", 0.5),
)  # fmt: skip


class _Items:
    """The item lines and packages of one seizure."""

    def __init__(self, draft: _Draft, seized_at: datetime) -> None:
        self.d = draft
        self.rng = draft.rng
        self.seized_at = seized_at
        self.items: list[Data] = []
        self.two_person = False
        self._sealed: list[tuple[str, str]] = []  # (exhibit number, package kind)

    def _add(
        self, category: str, code: str | None, description: str, quantity: Data, **extra: Any
    ) -> str:
        number = f"{len(self.items) + 1:03d}"
        rng = self.rng
        item: Data = {
            "exhibit_number": number,
            "category": category,
            "category_code": code,
            "description": description,
            "quantity": quantity,
            "condition": extra.pop("condition", None)
            or self.d.t(_CONDITIONS[_below(rng, len(_CONDITIONS))]),
            "photo_hashes": [
                self.d.gen.photo(rng.getrandbits(256)) for _ in range(_between(rng, 0, 3))
            ],
        }
        item.update(extra)
        self.items.append(item)
        return number

    def _q(self, amount: str, unit: str, code: str | None) -> Data:
        return {"amount": amount, "unit": self.d.gen.unit(unit, code)}

    def drug(self, *, large: bool) -> None:
        rng = self.rng
        gen = self.d.gen
        codes = gen._categories.get(ItemKind.DRUG) or ["other_drug"]
        code = codes[_below(rng, len(codes))]
        text = self.d.t(_DRUG_TEXT.get(code, _DRUG_TEXT["other_drug"]))
        if code == "fentanyl_pills":
            pills = _between(rng, 1000, 60000) if large else _between(rng, 5, 80)
            quantity = self._q(str(pills), "ea", code)
            grams = pills * 11 // 100 + _between(rng, 5, 400)
            gross = self._q(f"{grams // 1000}.{grams % 1000:03d}", "kg", code)
            description = f"{pills} {text}"
        elif code == "precursor_chemicals":
            drums = _between(rng, 2, 40)
            quantity = self._q(str(drums * 200), "l", code)
            gross = self._q(str(drums * 205 + _between(rng, 0, 60)), "kg", code)
            description = f"{drums} {text}"
        elif large:
            bundles = _between(rng, 1, 60)
            per = {"marijuana": 9000, "cocaine": 1100, "methamphetamine": 1000}.get(code, 500)
            grams = bundles * per + _between(rng, -bundles * 40, bundles * 60)
            quantity = self._q(str(bundles), "pkg", code)
            unit = "lb" if not self.d.site.mexican and rng.random() < 0.3 else "kg"
            if unit == "lb":
                grams = grams * 100 // 45  # pounds in hundredths of a pound, near enough
                gross = self._q(f"{grams // 1000}.{grams % 1000 // 10:02d}", "lb", code)
            else:
                gross = self._q(f"{grams // 1000}.{grams % 1000:03d}", "kg", code)
            description = f"{bundles} {text}"
        else:
            grams = _between(rng, 1, 90)
            quantity = self._q("1", "pkg", code)
            gross = self._q(f"{grams}.{_below(rng, 10)}", "g", code)
            description = self.d.t(("Small bag: ", "Bolsa pequeña: ")) + text
        test = _W_TEST.pick(rng)
        field_test: Data = {"result": test}
        if test != "not_tested":
            field_test["kit"] = _FIELD_KITS[_below(rng, len(_FIELD_KITS))]
            field_test["tested_at"] = self.d.later(5, 40, self.seized_at)
        number = self._add(
            "drug", code, description, quantity, gross_weight=gross, field_test=field_test
        )
        self.two_person = True
        self._sealed.append((number, "bag" if not large else "box"))

    def currency(self, *, small: bool = False) -> None:
        rng = self.rng
        d = self.d
        mexican = d.site.mexican
        currency = (
            "MXN"
            if (mexican and rng.random() < 0.6) or (not mexican and rng.random() < 0.15)
            else "USD"
        )
        code = d.gen.category(ItemKind.CURRENCY, f"currency_{currency.lower()}")
        denominations = _USD if currency == "USD" else _MXN
        deferred = not small and rng.random() < 0.1
        extra: Data = {}
        if deferred:
            bundles = _between(rng, 2, 40)
            quantity = self._q(str(bundles), "pkg", code)
            extra["count_deferred_reason"] = d.t(_DEFER_REASONS[_below(rng, len(_DEFER_REASONS))])
            description = d.t(
                (
                    f"{bundles} vacuum-sealed bundles of {currency} currency, uncounted",
                    f"{bundles} paquetes sellados al vacío con efectivo en {currency}, sin contar",
                )
            )
        else:
            lines: list[dict[str, Any]] = []
            counts: dict[str, int] = {}
            notes = 0
            picked = sorted(rng.sample(range(len(denominations)), _between(rng, 1, 4)))
            for i in picked:
                denomination = denominations[i]
                count = (
                    _between(rng, 1, 12)
                    if small
                    else _between(rng, 5, 400 if denomination >= 20 else 60)
                )
                lines.append(
                    {"currency": currency, "denomination": str(denomination), "count": count}
                )
                counts[currency] = counts.get(currency, 0) + denomination * count
                notes += count
            if not small and rng.random() < 0.25:
                other = "USD" if currency == "MXN" else "MXN"
                other_denoms = _USD if other == "USD" else _MXN
                denomination = other_denoms[_below(rng, 4)]
                count = _between(rng, 1, 50)
                lines.append({"currency": other, "denomination": str(denomination), "count": count})
                counts[other] = denomination * count
                notes += count
            total_text = " + ".join(f"{cur} {amount:,}.00" for cur, amount in counts.items())
            quantity = self._q(str(notes), "ea", code)
            description = d.t(
                (
                    f"Currency: {total_text} in {notes} notes",
                    f"Efectivo: {total_text} en {notes} billetes",
                )
            )
            extra["currency_count"] = {
                "lines": lines,
                "counted_by": d.officer.id,
                "witnessed_by": d.witness.id,
            }
        number = self._add("currency", code, description, quantity, **extra)
        self.two_person = True
        self._sealed.append((number, "envelope" if small else "bag"))

    def firearm(self) -> None:
        rng = self.rng
        make, model, calibre, preferred = _FIREARMS.pick(rng)
        code = self.d.gen.category(ItemKind.FIREARM, preferred)
        serial: Any = _chars(rng, _UPPER, 3) + _digits(rng, _between(rng, 3, 6))
        description = self.d.t((f"{make} {model} {calibre}", f"{make} {model} calibre {calibre}"))
        if rng.random() < 0.08:
            serial = _info("unknown")
            description += self.d.t((", serial number obliterated", ", número de serie borrado"))
        self._add(
            "firearm", code, description, self._q("1", "ea", code),
            make=make, model=model, serial_number=serial, calibre=calibre,
        )  # fmt: skip

    def magazines(self) -> None:
        rng = self.rng
        count = _between(rng, 2, 30)
        code = self.d.gen.category(ItemKind.FIREARM, "firearm_parts")
        self._add(
            "firearm", code,
            self.d.t(
                (f"{count} AR-15 30-round magazines", f"{count} cargadores AR-15 de 30 cartuchos")
            ),
            self._q(str(count), "ea", code),
            make="Magpul", model="PMAG 30 AR/M4 GEN M2", serial_number=_info("not_recorded"),
            calibre="5.56x45mm NATO",
        )  # fmt: skip

    def ammunition(self) -> None:
        rng = self.rng
        make, calibre = _AMMO[_below(rng, len(_AMMO))]
        rounds = _one(rng, (20, 50, 50, 100, 250, 500, 1000, 2000)) * _between(rng, 1, 4)
        code = self.d.gen.category(ItemKind.AMMUNITION, "ammunition")
        self._add(
            "ammunition", code,
            self.d.t((f"{rounds} rounds of {calibre}", f"{rounds} cartuchos calibre {calibre}")),
            self._q(str(rounds), "rd", code), make=make, calibre=calibre,
        )  # fmt: skip

    def document(self) -> None:
        rng = self.rng
        code, english, spanish = _DOCUMENTS[_below(rng, len(_DOCUMENTS))]
        code_used = self.d.gen.category(ItemKind.DOCUMENT, code)
        self._add(
            "document", code_used, self.d.t((english, spanish)), self._q("1", "ea", code_used),
            serial_number=_chars(rng, _UPPER, 1) + _digits(rng, 8),
            condition=self.d.t(("good, laminate intact", "bueno, mica íntegra")),
        )  # fmt: skip

    def phone(self) -> None:
        rng = self.rng
        make, model = _PHONES[_below(rng, len(_PHONES))]
        code = self.d.gen.category(ItemKind.ELECTRONIC_DEVICE, "mobile_phone")
        self._add(
            "electronic_device", code,
            self.d.t((f"Mobile phone, {make} {model}", f"Teléfono celular {make} {model}")),
            self._q("1", "ea", code), make=make, model=model, serial_number=_imei(rng),
            condition=self.d.t(_PHONE_CONDITIONS[_below(rng, len(_PHONE_CONDITIONS))]),
        )  # fmt: skip

    def device(self) -> None:
        rng = self.rng
        make, model, kind = _DEVICES[_below(rng, len(_DEVICES))]
        code = self.d.gen.category(ItemKind.ELECTRONIC_DEVICE, "electronic_device")
        self._add(
            "electronic_device", code, f"{kind.capitalize()}, {make} {model}",
            self._q("1", "ea", code), make=make, model=model,
            serial_number=_chars(rng, _UPPER, 2) + _digits(rng, 8),
        )  # fmt: skip

    def other(self) -> None:
        rng = self.rng
        code = self.d.gen.category(ItemKind.OTHER, "other")
        self._add(
            "other", code, self.d.t(_OTHER_ITEMS[_below(rng, len(_OTHER_ITEMS))]),
            self._q("1", "ea", code),
        )  # fmt: skip

    def vehicle(self) -> None:
        vehicle = self.d.vehicle
        assert vehicle is not None
        code = self.d.gen.category(ItemKind.VEHICLE, "vehicle")
        colour = vehicle["colour"]
        description = self.d.t(
            (
                f"{vehicle['year']} {vehicle['make']} {vehicle['model']}, {colour}, used to "
                f"conceal contraband",
                f"{vehicle['make']} {vehicle['model']} {vehicle['year']}, color {colour}, "
                f"usado para ocultar mercancía ilícita",
            )
        )
        self._add(
            "vehicle", code, description, self._q("1", "ea", code),
            make=vehicle["make"], model=vehicle["model"],
            vin=vehicle["vin"], plate=vehicle["plate"],
            condition=self.d.t(
                ("Panels removed during the search", "Paneles desmontados durante la revisión")
            ),
        )  # fmt: skip

    def packages(self, witness: Any) -> list[Data]:
        """One sealed package per drug or currency exhibit, sealed by the officer, witnessed."""
        rng = self.rng
        d = self.d
        packages = []
        for n, (number, kind) in enumerate(self._sealed, start=1):
            packages.append(
                {
                    "package_ref": f"PKG-{n}",
                    "kind": kind,
                    "count": 1 if rng.random() < 0.8 else _between(rng, 2, 6),
                    "seal_numbers": [f"{'TE' if not d.site.mexican else 'SC'}{_digits(rng, 7)}"],
                    "sealed_by": d.officer.id,
                    "witnessed_by": witness if isinstance(witness, str) else d.witness.id,
                    "exhibit_numbers": [number],
                }
            )
        return packages


_W_TEST = _w(("positive", 80), ("inconclusive", 4), ("negative", 2), ("not_tested", 14))


def _imei(rng: random.Random) -> str:
    """A 15-digit IMEI with a valid Luhn check digit."""
    body = "35" + _digits(rng, 12)
    total = 0
    for i, ch in enumerate(body):
        value = int(ch)
        if i % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return body + str((10 - total % 10) % 10)


def _age_range(age: int) -> str:
    if age < 12:
        return "age_0_11"
    if age < 18:
        return "age_12_17"
    if age < 30:
        return "age_18_29"
    if age < 50:
        return "age_30_49"
    return "age_50_plus"


def _full_name(rng: random.Random, nationality: str) -> str:
    """A name in the naming custom of the nationality (two surnames in Latin America)."""
    female = rng.random() < 0.5
    if nationality == "US":
        if rng.random() < 0.45:
            first = _one(rng, _MX_FEMALE if female else _MX_MALE)
            return f"{first} {_one(rng, _MX_SURNAMES)}"
        first = _one(rng, _US_FEMALE if female else _US_MALE)
        middle = f" {_one(rng, _UPPER)}." if rng.random() < 0.4 else ""
        return f"{first}{middle} {_one(rng, _US_SURNAMES)}"
    if nationality in ("GT", "HN", "SV"):
        first = _one(rng, _CA_FEMALE if female else _CA_MALE)
        return f"{first} {_one(rng, _CA_SURNAMES)} {_one(rng, _CA_SURNAMES)}"
    if nationality in _OTHER_NAMES:
        firsts, lasts = _OTHER_NAMES[nationality]
        return f"{_one(rng, firsts)} {_one(rng, lasts)}"
    first = _one(rng, _MX_FEMALE if female else _MX_MALE)
    return f"{first} {_one(rng, _MX_SURNAMES)} {_one(rng, _MX_SURNAMES)}"


_US_STREETS = (
    "W Main St",
    "E Palm Ave",
    "N Mesa St",
    "S Congress Ave",
    "Calle Primavera",
    "Otay Lakes Rd",
)
_US_CITIES = (
    ("Chula Vista", "CA", "919"), ("El Centro", "CA", "922"), ("Yuma", "AZ", "853"),
    ("Tucson", "AZ", "857"), ("El Paso", "TX", "799"), ("Laredo", "TX", "780"),
    ("McAllen", "TX", "785"), ("Los Angeles", "CA", "900"),
)  # fmt: skip
_MX_STREETS = (
    "Calle Benito Juárez",
    "Av. Revolución",
    "Calle Niños Héroes",
    "Blvd. Agua Caliente",
    "Calle Ignacio Zaragoza",
)
_MX_CITIES = (
    ("Tijuana", "B.C.", "22"), ("Mexicali", "B.C.", "21"), ("Nogales", "Son.", "84"),
    ("Hermosillo", "Son.", "83"), ("Ciudad Juárez", "Chih.", "32"),
    ("Nuevo Laredo", "Tamps.", "88"),
    ("Reynosa", "Tamps.", "88"), ("Monterrey", "N.L.", "64"),
)  # fmt: skip


def _address(rng: random.Random, nationality: str) -> str:
    """A mailing address for the return of property (never shown as where the stop was)."""
    if nationality == "US":
        city, state, zip3 = _one(rng, _US_CITIES)
        number = _between(rng, 100, 9999)
        return f"{number} {_one(rng, _US_STREETS)}, {city}, {state} {zip3}{_digits(rng, 2)}"
    city, state, cp = _one(rng, _MX_CITIES)
    return (
        f"{_one(rng, _MX_STREETS)} {_between(rng, 1, 2999)}, Col. Centro, {city}, {state}, "
        f"C.P. {cp}{_digits(rng, 3)}"
    )


def _phone(rng: random.Random, nationality: str) -> str:
    if nationality == "US":
        # 555-01XX numbers are reserved for fiction.
        return f"+1 {_one(rng, ('619', '520', '915', '956'))} 555 01{_digits(rng, 2)}"
    area = _one(rng, ("664", "686", "631", "656", "867", "899"))
    return f"+52 {area} {_digits(rng, 3)} {_digits(rng, 4)}"


# --- narratives ------------------------------------------------------------------------------


def _vehicle_text_en(v: Data | None) -> str:
    if v is None:
        return ""
    plate = v["plate"] if isinstance(v["plate"], str) else "no plates"
    issuer = v["plate_issuer"] if isinstance(v["plate_issuer"], str) else ""
    return f"a {v['colour']} {v['year']} {v['make']} {v['model']} ({issuer} {plate})".replace(
        "( ", "("
    )


def _vehicle_text_es(v: Data | None) -> str:
    if v is None:
        return ""
    plate = v["plate"] if isinstance(v["plate"], str) else "sin placas"
    issuer = v["plate_issuer"] if isinstance(v["plate_issuer"], str) else ""
    text = f"un {v['make']} {v['model']} {v['year']} color {v['colour']}"
    return f"{text} (placas {plate} {issuer})".replace(" )", ")")


_STOP_EN = {
    "primary_inspection": "conducted a primary inspection of",
    "secondary_inspection": "conducted a secondary inspection of",
    "pedestrian": "inspected",
    "vehicle": "stopped at the checkpoint",
    "rescue_welfare": "responded to a welfare call and located",
    "other": "was approached by",
}
_STOP_ES = {
    "primary_inspection": "realicé la revisión primaria de",
    "secondary_inspection": "realicé la revisión secundaria de",
    "pedestrian": "revisé a",
    "vehicle": "detuve en el punto de revisión a",
    "rescue_welfare": "atendí un reporte de auxilio y localicé a",
    "other": "fui abordado por",
}
_RESULT_EN = {
    "no_action": "No further action was taken and the travelers were allowed to proceed.",
    "warning": "I gave a verbal warning and the travelers were allowed to proceed.",
    "citation": "A penalty notice was issued.",
    "arrest_detention": "The subject was placed under arrest and advised of their rights.",
    "release": "After the examination the subject was released.",
    "handover": "The subject was handed over to the receiving agency.",
}
_RESULT_ES = {
    "no_action": "No se tomó ninguna otra medida y se permitió continuar.",
    "warning": "Se hizo una amonestación verbal y se permitió continuar.",
    "citation": "Se levantó acta de infracción.",
    "arrest_detention": "Se realizó la detención y se le informaron sus derechos.",
    "release": "Concluida la revisión, la persona quedó en libertad.",
    "handover": "La persona fue puesta a disposición de la autoridad receptora.",
}


def _people_en(people: list[Data]) -> str:
    n = len(people)
    return "one occupant" if n == 1 else f"{n} occupants"


def _items_en(seizures: list[Data]) -> str:
    parts = [item["description"] for s in seizures for item in s["items"][:3]]
    return "; ".join(parts)


_DOC_NAMES_EN = {
    "passport": "a passport",
    "passport_card": "a passport card",
    "trusted_traveler_card": "a trusted traveler (SENTRI) card",
    "drivers_license": "a driver's license",
    "border_crossing_card": "a border crossing card",
    "permanent_resident_card": "a permanent resident card",
    "ine_voter_card": "an INE voter card",
    "matricula_consular": "a matrícula consular",
    "dpi": "a Guatemalan DPI",
    "dni": "a Honduran DNI",
    "dui": "a Salvadoran DUI",
}


def _narrative_en(
    d: _Draft,
    stop_type: str,
    searches: list[Data],
    seizures: list[Data],
    result: str,
    flags: list[Data],
) -> str:
    clock = f"{d.start.hour:02d}:{d.start.minute:02d}"
    who = _vehicle_text_en(d.vehicle)
    if who:
        who += f" with {_people_en(d.people)}"
    else:
        who = "a pedestrian" if len(d.people) == 1 else f"a group of {len(d.people)} people"
    sentences = [f"At approximately {clock} I {_STOP_EN[stop_type]} {who} at {d.cp.name}."]
    first = d.people[0]
    doc = first["document"]
    if isinstance(doc, dict) and "doc_type" in doc:
        sentences.append(
            f"The {first['role']} presented {_DOC_NAMES_EN.get(doc['doc_type'], 'a document')} "
            "and made a negative declaration."
        )
    elif isinstance(first["name"], dict):
        sentences.append(f"The {first['role']} declined to give a name, as is their right.")
    for search in searches:
        target = "the vehicle" if search["target"] == "vehicle" else "the person"
        how = "with consent" if search["with_consent"] else "under border search authority"
        sentences.append(f"I searched {target} {how}.")
    for seizure in seizures:
        sentences.append(
            f"In the {seizure['found_location']} I found: {_items_en([seizure])}. "
            f"The items were seized under seizure {seizure['seizure_number']} in the presence "
            f"of a witnessing officer."
        )
        if any(i["category"] == "drug" for i in seizure["items"]):
            sentences.append(
                "The substance was weighed and field-tested; results are recorded on the seizure."
            )
    for flag in flags:
        sentences.append(
            f"Protection concern noted ({flag['kind'].replace('_', ' ')}): {flag['details']}."
        )
    sentences.append(_RESULT_EN[result])
    return " ".join(sentences)


def _narrative_es(
    d: _Draft,
    stop_type: str,
    searches: list[Data],
    seizures: list[Data],
    result: str,
    flags: list[Data],
) -> str:
    clock = f"{d.start.hour:02d}:{d.start.minute:02d}"
    who = _vehicle_text_es(d.vehicle)
    n = len(d.people)
    if who:
        who += " con un ocupante" if n == 1 else f" con {n} ocupantes"
    else:
        who = "una persona peatón" if n == 1 else f"un grupo de {n} personas"
    sentences = [
        f"Siendo aproximadamente las {clock} horas, {_STOP_ES[stop_type]} {who} en {d.cp.name_es}."
    ]
    first = d.people[0]
    if isinstance(first["name"], dict):
        sentences.append("La persona se negó a proporcionar su nombre, en ejercicio de su derecho.")
    else:
        sentences.append("La persona se identificó y manifestó no traer mercancía por declarar.")
    for search in searches:
        target = "el vehículo" if search["target"] == "vehicle" else "a la persona"
        how = (
            "con su consentimiento"
            if search["with_consent"]
            else "con fundamento en las facultades de revisión"
        )
        sentences.append(f"Se revisó {target} {how}.")
    for seizure in seizures:
        sentences.append(
            f"En {seizure['found_location']} se localizó: {_items_en([seizure])}. "
            f"Se aseguró bajo el número {seizure['seizure_number']} ante un testigo de asistencia."
        )
        if any(i["category"] == "drug" for i in seizure["items"]):
            sentences.append(
                "Se pesó la sustancia y se le practicó prueba de campo; resultados en el registro."
            )
    for flag in flags:
        sentences.append(
            f"Situación de vulnerabilidad ({flag['kind'].replace('_', ' ')}): {flag['details']}."
        )
    sentences.append(_RESULT_ES[result])
    return " ".join(sentences)


def photo_png(bits: int) -> bytes:
    """A small PNG standing in for an evidence photo: a colour band unique to ``bits``.

    Written by hand (zlib and the PNG chunk layout) so that the core needs no
    imaging library to make demo data.
    """
    width, height = 96, 72
    red, green, blue = (bits >> 16) & 0xFF, (bits >> 8) & 0xFF, bits & 0xFF
    rows = []
    for y in range(height):
        shade = 40 + (y * 160) // height
        row = bytes((red * shade // 255, green * shade // 255, blue * shade // 255)) * width
        rows.append(b"\x00" + row)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    # The full 256 bits go into a text chunk: two photos never share a hash.
    text = b"Comment\x00synthetic " + f"{bits:064x}".encode()
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", text)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 6))
        + chunk(b"IEND", b"")
    )
