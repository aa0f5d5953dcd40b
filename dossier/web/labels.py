"""German labels and number formats for the web UI (the UI speaks German; the data stays as stored)."""
from __future__ import annotations

from typing import Any

TYPE_LABELS = {"PER": "Person", "ORG": "Organisation", "LOC": "Ort", "MISC": "Sonstiges"}
TYPE_PLURALS = {"PER": "Personen", "ORG": "Organisationen", "LOC": "Orte", "MISC": "Sonstiges"}
QUOTE_KINDS = {"direct": "direktes Zitat", "indirect": "indirekte Rede", "mixed": "gemischtes Zitat",
               "reported": "berichtete Äußerung"}
TIMEX_TYPES = {"DATE": "Datum", "TIME": "Uhrzeit", "DURATION": "Dauer", "SET": "Wiederholung"}
FIGURE_KINDS = {"money": "Geldbetrag", "percent": "Prozentwert", "count": "Anzahl", "quantity": "Menge"}
REMOVED_REASONS = {"metadata": "Metadatenzeile", "teaser": "Teaser", "footer": "Fußzeile", "byline": "Autorenzeile",
                   "author_bio": "Autoren-Info", "duplicate_paragraph": "doppelter Absatz", "title": "Titel",
                   "embed": "eingebetteter Inhalt", "syndication": "Übernahme-Hinweis"}
SCALES = ((1e12, "Billionen"), (1e9, "Mrd."), (1e6, "Mio."))


def type_label(label: str | None) -> str:
    return TYPE_LABELS.get(label or "", label or "?")


def quote_kind_label(kind: str | None) -> str:
    return QUOTE_KINDS.get(kind or "", kind or "Zitat")


def reason_label(reason: str | None) -> str:
    return REMOVED_REASONS.get(reason or "", (reason or "").replace("_", " "))


def german_number(value: float | int | None, digits: int = 2) -> str:
    """1234567.5 -> '1.234.567,5' (German separators), scaled words for big amounts."""
    if value is None:
        return "?"
    for scale, word in SCALES:
        if abs(value) >= scale:
            return f"{german_number(value / scale, digits)} {word}"
    text = f"{value:,.{digits}f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def figure_value(figure: dict[str, Any]) -> str:
    """'Geldbetrag: 44 Mrd. USD (Vermögen, Stand 2022)'."""
    number = german_number(figure.get("value"))
    if figure.get("value_max") is not None:
        number += f"–{german_number(figure['value_max'])}"
    unit = "%" if figure.get("kind") == "percent" and not figure.get("unit") else (figure.get("unit") or "")
    details = [d for d in (figure.get("attribute"), figure.get("subject") and f"von {figure['subject']}",
                           figure.get("as_of") and f"Stand {figure['as_of']}") if d]
    text = f"{FIGURE_KINDS.get(figure.get('kind') or '', 'Zahl')}: {number} {unit}".rstrip()
    return text + (f" ({', '.join(details)})" if details else "")


def time_label(time: dict[str, Any]) -> str:
    """'Datum: 2018-02' – the TIMEX3 type and normalised value."""
    kind = TIMEX_TYPES.get(time.get("type") or "", time.get("type") or "Zeit")
    return f"{kind}: {time.get('value') or 'nicht normalisiert'}"


PERIOD_NAMES = {"SP": "Frühjahr", "SU": "Sommer", "FA": "Herbst", "WI": "Winter", "Q1": "1. Quartal",
                "Q2": "2. Quartal", "Q3": "3. Quartal", "Q4": "4. Quartal", "H1": "1. Halbjahr", "H2": "2. Halbjahr"}


def german_date(value: str | None) -> str:
    """'2023-11-30' -> '30.11.2023'; partial dates keep their precision ('11.2023'), seasons and
    quarters are named ('2019-SP' -> 'Frühjahr 2019'); other TIMEX values show as they are."""
    if not value:
        return "ohne Datum"
    parts = value[:10].split("-")
    if len(parts) == 2 and parts[1] in PERIOD_NAMES:
        return f"{PERIOD_NAMES[parts[1]]} {parts[0]}"
    if all(p.isdigit() for p in parts):
        return ".".join(reversed(parts))
    return value
