"""The German word lists behind figure extraction, loaded once from ``resources/de``.

Everything a linguist might want to change lives in those files: currency words
(``currency_de.tsv``), units (``unit_words.tsv``), approximation cues
(``figure_approx.tsv``), attribute nouns (``figure_attributes.txt``), source cues
(``figure_source_cues.tsv``), the words that mark a number as a date or a
label (``figure_time_words.tsv``) and function words (``figure_function_words.tsv``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from dossier.errors import ModelError

_ADJ_ENDING = r"(?:e|en|er|es|em)?"


def _lines(name: str) -> list[list[str]]:
    try:
        text = resources.files("dossier.resources.de").joinpath(name).read_text("utf-8")
    except FileNotFoundError as exc:
        raise ModelError(f"resource file {name} is missing", location=f"dossier/resources/de/{name}") from exc
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.rstrip("\n").split("\t"))
    return rows


def _form_pattern(form: str) -> str:
    """Regex for one surface form: ``~`` marks an adjective ending, spaces any whitespace."""
    parts = []
    for word in form.split(" "):
        if word.endswith("~"):
            parts.append(re.escape(word[:-1]) + _ADJ_ENDING)
        else:
            parts.append(re.escape(word))
    return r"\s+".join(parts)


def _boundary(form: str) -> str:
    """Words need a word boundary after them; symbols (``$``, ``%``) do not."""
    return r"(?![^\W_])" if form.rstrip("~")[-1].isalnum() else ""


@dataclass(frozen=True)
class UnitMatch:
    start: int
    end: int
    unit: str
    kind: str  # money | percent | quantity
    divisor: float = 1.0  # "Cent" is a hundredth of a Euro; "TEUR" a thousandth (divisor 0.001)


@lru_cache(maxsize=1)
def _currency_regex() -> tuple[re.Pattern, list[str]]:
    """One regex over all currency forms, longest first; group ``c<i>`` names row i's code."""
    rows = _lines("currency_de.tsv")
    known = {form for form, _ in rows}
    rows += [row for row in _pycountry_forms() if row[0] not in known]
    rows.sort(key=lambda row: len(row[0]), reverse=True)
    alternatives = "|".join(f"(?P<c{i}>{_form_pattern(form.lower())}{_boundary(form)})"
                            for i, (form, _) in enumerate(rows))
    return re.compile(alternatives, re.IGNORECASE), [code for _, code in rows]


_ADJECTIVE_NAME_RE = re.compile(r"([A-ZÄÖÜ][a-zäöüß]+isch|Schweizer)(?:er|es|e)? ([A-ZÄÖÜ][a-zäöüß]+)")
_HYPHEN_NAME_RE = re.compile(r"[A-ZÄÖÜ][\w.]*(?:-[\w.]+)*-[A-ZÄÖÜ][a-zäöüß]+")


def _pycountry_forms() -> list[tuple[str, str]]:
    """More currencies from pycountry's German names: adjective + noun ("Ägyptisches Pfund"
    → "ägyptisch~ pfund") and hyphenated names ("Kuwait-Dinar"), with a plural in -n
    ("Krone" → "Kronen"). One-word names are left to currency_de.tsv: many are common
    words ("Gold", "Rand", "Sol")."""
    import gettext

    import pycountry

    german = gettext.translation("iso4217", pycountry.LOCALES_DIR, languages=["de"], fallback=True)
    forms = []
    for currency in pycountry.currencies:
        if currency.alpha_3.startswith("X"):
            continue  # gold, silver, units of account
        name = german.gettext(currency.name)
        adjective = _ADJECTIVE_NAME_RE.fullmatch(name)
        if adjective:
            base = f"{adjective.group(1).lower()}~ {adjective.group(2).lower()}"
        elif _HYPHEN_NAME_RE.fullmatch(name):
            base = name.lower()
        else:
            continue
        forms.append((base, currency.alpha_3))
        if base.endswith("e"):
            forms.append((base + "n", currency.alpha_3))
    return forms


@lru_cache(maxsize=1)
def _iso_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


_ISO_CODE_RE = re.compile(r"[A-Z]{3}(?![^\W_])")


def _unit_from_code(code: str, start: int, end: int) -> UnitMatch:
    """``EUR``, ``EUR/100`` (a hundredth: Cent) or ``EUR*1000`` (a thousand: TEUR)."""
    if "/" in code:
        iso, divisor = code.split("/")
        return UnitMatch(start, end, iso, "money", float(divisor))
    if "*" in code:
        iso, factor = code.split("*")
        return UnitMatch(start, end, iso, "money", 1 / float(factor))
    return UnitMatch(start, end, code, "money")


def currency_at(text: str, pos: int) -> UnitMatch | None:
    """A currency word, symbol or ISO code starting at ``pos``."""
    pattern, codes = _currency_regex()
    match = pattern.match(text, pos)
    iso = _ISO_CODE_RE.match(text, pos)
    if iso and iso.group() in _iso_codes() and (not match or iso.end() >= match.end()):
        return UnitMatch(pos, iso.end(), iso.group(), "money")
    if match and not (_is_code(match.group()) and match.group().istitle()):  # "12,5 Sek.": seconds
        return _unit_from_code(codes[int(match.lastgroup[1:])], match.start(), match.end())
    return None


def currency_ending_at(text: str, end: int, names: bool = False) -> UnitMatch | None:
    """A currency that ends at ``end``, before an amount (``$ 100``, ``EUR 12``, ``usd 15``,
    ``mxn$ 15``; with ``names`` also ``Euro``, ``Schweizer Franken``).

    Names are taken before a number only when the caller allows it (an amount with a scale
    or separators: ``Euro 1,5 Millionen``); ``Euro 6`` is an emission standard and
    ``Dollar 5`` usually a list. Symbols, forms with a symbol and codes always count.
    """
    last = _LAST_WORD_RE.search(text, max(0, end - 24), end)
    if last is None or (last.group().isalpha() and not last.group().isupper()
                        and last.group().lower() not in _last_words()):
        return None  # a quick no for the usual word before a number ("rund", "von")
    for start in range(max(0, end - 24), end):
        if start > 0 and text[start - 1].isalnum():
            continue
        found = currency_at(text, start)
        if not found or found.end != end:
            continue
        surface = text[start:end]
        if not surface.isalpha() or surface.isupper() or names or _is_code(surface):
            return found
    return None


_LAST_WORD_RE = re.compile(r"[\w$€£¥.\-]+$")


@lru_cache(maxsize=1)
def _last_words() -> frozenset[str]:
    """The last words of all currency forms, lower case (``dollar`` of ``kanadisch~ dollar``)."""
    rows = _lines("currency_de.tsv") + _pycountry_forms()
    return frozenset(form.lower().split(" ")[-1].rstrip("~") for form, _ in rows)


def _is_code(surface: str) -> bool:
    """``usd``, ``chf``: an ISO 4217 code written in lower case (listed in currency_de.tsv)."""
    return len(surface) == 3 and surface.upper() in _iso_codes()


@lru_cache(maxsize=1)
def _unit_regex() -> tuple[re.Pattern, list[tuple[str, str]]]:
    """One regex over all unit forms, longest first; group ``u<i>`` names row i's unit and kind."""
    rows = sorted({(form, unit, kind) for form, unit, kind in _lines("unit_words.tsv")},
                  key=lambda row: len(row[0]), reverse=True)
    alternatives = "|".join(f"(?P<u{i}>{_form_pattern(form)}{_boundary(form)})" for i, (form, _, _) in enumerate(rows))
    return re.compile(alternatives, re.IGNORECASE), [(unit, kind) for _, unit, kind in rows]


def unit_at(text: str, pos: int) -> UnitMatch | None:
    """A percent sign, ``Prozent(punkte)`` or a unit of measure starting at ``pos``."""
    pattern, units = _unit_regex()
    match = pattern.match(text, pos)
    if not match:
        return None
    surface = match.group()
    if surface == "%" and match.end() < len(text) and text[match.end()].isalnum():
        return None  # URL escapes like "%2D", not a percentage
    unit, kind = units[int(match.lastgroup[1:])]
    if kind == "quantity" and len(surface) == 1 and surface.isupper():
        return None  # "M", "T", "G" capitalised are initials, not metres or tonnes
    return UnitMatch(match.start(), match.end(), unit, kind)


@lru_cache(maxsize=1)
def approx_cues() -> list[tuple[str, str]]:
    """(cue, label), longest cue first so "knapp unter" wins over "unter"."""
    return sorted(((c.lower(), label) for c, label in _lines("figure_approx.tsv")),
                  key=lambda row: len(row[0]), reverse=True)


@lru_cache(maxsize=1)
def attribute_nouns() -> list[str]:
    return sorted((row[0] for row in _lines("figure_attributes.txt")), key=len, reverse=True)


def attribute_of(word: str) -> str | None:
    """The attribute a noun names: itself, or the attribute its compound ends in."""
    for noun in attribute_nouns():
        if word == noun or (word.lower().endswith(noun.lower()) and len(word) > len(noun) + 2):
            return word
    return None


@lru_cache(maxsize=1)
def source_cues() -> list[tuple[str, str]]:
    return sorted(((c, pos) for c, pos in _lines("figure_source_cues.tsv")),
                  key=lambda row: len(row[0]), reverse=True)


@lru_cache(maxsize=1)
def time_words() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for word, cls in _lines("figure_time_words.tsv"):
        classes.setdefault(word.lower(), set()).add(cls)
    return {word: frozenset(c) for word, c in classes.items()}


def time_class(word: str) -> frozenset[str]:
    return time_words().get(word.lower(), frozenset())


@cache
def function_words(cls: str) -> frozenset[str]:
    """Words of one class in ``figure_function_words.tsv`` (not_adjective, genitive, relative)."""
    return frozenset(word for word, word_cls in _lines("figure_function_words.tsv") if word_cls == cls)
