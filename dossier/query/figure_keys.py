"""How the figure ledger reads one figure: what it measures (attribute), for which period,
whether it is a level or a change, and which values it stands for once rounding is allowed.

The German knowledge is data (``dossier/resources/de/``):
- ``ledger_attributes.tsv``: nouns that name one attribute (``Jahresumsatz``, ``Erlöse`` ->
  ``Umsatz``) and how finely its period is told apart (year, quarter, month, day, none);
- ``ledger_value_roles.tsv``: the word before a figure that makes it a change (``um``) or the
  start of a change (``von … auf``) rather than a level;
- ``ledger_events.tsv``: the attribute of an amount an event links (an acquisition's price).

Values are compared in their own unit only (a figure's ``value`` is already scaled:
``2,4 Milliarden`` and ``2.400 Millionen`` are both 2.4e9); percent (``%``) and percentage
points (``pp``) are different units.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from dossier.analyse.figures.lexicon import approx_cues

GRANULARITIES = ("day", "month", "quarter", "year", "none")
NOT_AN_ATTRIBUTE = "-"  # ledger_attributes.tsv: a counted noun that names no attribute
ALL_TIME = "*"  # the period of an attribute compared across all time (granularity "none")
DATE_RE = re.compile(r"(\d{4})(?:-(\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI|W\d{2}))?(?:-(\d{2}))?")
_DIGITS_RE = re.compile(r"\d[\d.,]*\d|\d")
_WORDS_BEFORE_RE = re.compile(r"([^\W\d_][\w\-]*(?:\s+[^\W\d_][\w\-]*)?)\s*$")
_QUARTER_OF_SEASON = {"SP": "Q2", "SU": "Q3", "FA": "Q4", "WI": "Q1"}


@dataclass(frozen=True)
class AttributeRule:
    attribute: str
    period: str  # one of GRANULARITIES


def _rows(name: str) -> list[list[str]]:
    text = resources.files("dossier.resources.de").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def attribute_rules() -> list[tuple[str, AttributeRule]]:
    """(lower-case word, rule), longest word first so a compound's longest ending wins."""
    rules = [(word.lower(), AttributeRule(attribute, period)) for word, attribute, period in _rows("ledger_attributes.tsv")]
    for word, rule in rules:
        if rule.period not in GRANULARITIES and rule.attribute != NOT_AN_ATTRIBUTE:
            raise ValueError(f"ledger_attributes.tsv: {word}: period {rule.period!r} is not one of {GRANULARITIES}")
    return sorted(rules, key=lambda row: len(row[0]), reverse=True)


@lru_cache(maxsize=1)
def value_roles() -> list[tuple[str, str, str | None]]:
    """(lower-case words, role, word that must follow the figure or None), longest first."""
    rows = [(r[0].lower(), r[1], r[2] if len(r) > 2 else None) for r in _rows("ledger_value_roles.tsv")]
    return sorted(rows, key=lambda row: len(row[0]), reverse=True)


@lru_cache(maxsize=1)
def event_rules() -> dict[tuple[str, str], AttributeRule]:
    return {(etype.lower(), kind): AttributeRule(attribute, period)
            for etype, kind, attribute, period in _rows("ledger_events.tsv")}


def attribute_of(figure: dict[str, Any]) -> AttributeRule | None:
    """The ledger attribute of a figure: its attribute noun, or a count's counted noun, mapped by
    ``ledger_attributes.tsv`` (``pro Aktie`` added for a per-unit figure); None when it names none."""
    word = figure.get("attribute") or (figure.get("unit") if figure.get("kind") == "count" else None)
    if not word and figure.get("per") and figure.get("kind") == "money":
        word = "Preis"  # "420 Dollar pro Aktie": a price per unit
    if not word:
        return None
    lowered = word.lower()
    rule = next((r for w, r in attribute_rules() if lowered == w or lowered.endswith(w) and len(lowered) > len(w) + 2),
                AttributeRule(word, "day"))
    if rule.attribute == NOT_AN_ATTRIBUTE:
        return None
    if figure.get("per"):
        return AttributeRule(f"{rule.attribute} pro {figure['per']}", rule.period)
    return rule


def event_attribute(event_type: str, figure_kind: str | None) -> AttributeRule | None:
    return event_rules().get(((event_type or "").lower(), figure_kind or ""))


def cut_period(value: str | None, granularity: str) -> str | None:
    """The period key of a TIMEX value at ``granularity``: ``2018-06-14`` -> ``2018-06`` (month),
    ``2018`` (year), ``2018-Q2`` (quarter); None when the value is no calendar date (or coarser
    than the granularity asks for, which only the same coarse value matches)."""
    if granularity == "none":
        return ALL_TIME
    match = DATE_RE.match(value or "")
    if not match:
        return None
    year, part, day = match.groups()
    if granularity == "year":
        return year
    if granularity == "quarter":
        if part and part.isdigit():
            return f"{year}-Q{(int(part) - 1) // 3 + 1}"
        return f"{year}-{_QUARTER_OF_SEASON.get(part, part)}" if part else year
    if granularity == "month":
        return f"{year}-{part}" if part else year
    return match.group(0)


def value_role(text: str, start: int, end: int) -> str:
    """``level``, ``change`` or ``from``, read from the words before the figure (a qualifier such
    as ``rund`` skipped) and, for ``von … auf``, the word after it."""
    head = text[max(0, start - 40):start].rstrip()
    lowered = head.lower()
    for cue, _label in approx_cues():
        if lowered.endswith(cue) and (len(lowered) == len(cue) or not lowered[-len(cue) - 1].isalnum()):
            head = head[:len(head) - len(cue)].rstrip()
            break
    found = _WORDS_BEFORE_RE.search(head)
    if not found:
        return "level"
    words = found.group(1).lower()
    after = text[end:end + 20].split()
    for cue, role, must_follow in value_roles():
        if words == cue or words.endswith(" " + cue):
            if must_follow is None or (after and after[0].lower() == must_follow):
                return role
    return "level"


def precision_step(text: str, value: float) -> float:
    """The rounding step of a number as written: ``2,4 Milliarden`` -> 1e8, ``300.000`` -> 1e5,
    ``2,38 Mrd.`` -> 1e7; a number in words steps by its leading digit (``zwei Millionen`` -> 1e6)."""
    if not value:
        return 1.0
    digits = _DIGITS_RE.search(text or "")
    if digits:
        written = digits.group()
        if "," in written:
            whole, decimals = written.replace(".", "").rsplit(",", 1)
            base, step = float(f"{whole}.{decimals}" or 0), 10.0 ** -len(decimals)
        else:
            plain = written.replace(".", "").replace(",", "")
            base, step = float(plain), 10.0 ** (len(plain) - len(plain.rstrip("0"))) if plain.strip("0") else 1.0
        if base:
            return step * abs(value) / base
    return 10.0 ** math.floor(math.log10(abs(value)))


def value_interval(value: float, value_max: float | None = None, approx: str | None = None,
                   text: str = "") -> tuple[float, float]:
    """The values a figure stands for: its value; a range's bounds; a rounded value (``rund``)
    its rounding precision either way; ``knapp`` up to a step below; ``mehr als`` upwards."""
    if value_max is not None:
        return float(value), float(value_max)
    if not approx:
        return float(value), float(value)
    step = precision_step(text, value)
    return {
        "about": (value - step / 2, value + step / 2),
        "almost": (value - step, value),
        "more_than": (value, math.inf), "at_least": (value, math.inf),
        "less_than": (-math.inf, value), "at_most": (-math.inf, value),
    }.get(approx, (value - step / 2, value + step / 2))


def disagree(a: tuple[float, float], b: tuple[float, float], a_value: float, b_value: float,
             tolerance: float) -> bool:
    """Whether two value intervals lie further apart than ``tolerance`` (relative to the larger
    of the two values) allows."""
    gap = max(0.0, b[0] - a[1], a[0] - b[1])
    return gap > tolerance * max(abs(a_value), abs(b_value))


def relative_difference(a: float, b: float) -> float:
    larger = max(abs(a), abs(b))
    return abs(a - b) / larger if larger else 0.0


def scale_factor(a: float, b: float) -> int | None:
    """1000 or 1000000 when two values differ by about that factor: a Mio./Mrd. (or thousands)
    mix-up in one of the articles rather than two different numbers."""
    if not a or not b:
        return None
    ratio = max(abs(a), abs(b)) / min(abs(a), abs(b))
    for factor in (1000, 1000000):
        if abs(ratio / factor - 1) <= 0.05:
            return factor
    return None
