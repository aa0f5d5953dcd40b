"""The number view of the shared segmentation: the tokens :mod:`dossier.analyse.numbers` parses.

A token is a digit number with every German (and Swiss, and unambiguous English) separator habit
(``300.000``, ``1,5``, ``1 234 567``, ``977'000``, ``12,345.67``, ``1,5e6``, ``5,-``), a fraction
(``3/4``, ``½``), digits glued to a unit or scale (``5EUR``, ``10Mio``), a run of letters (the number
words are read from these by :mod:`dossier.analyse.number_grammar`), or any other mark. The other
views split ``1.000`` or ``1 234`` differently, and a German number spreads over several of their
tokens, hence this view of its own; it is computed once per text like the others
(:attr:`dossier.analyse.segment.Segmentation.number_tokens`).

Stretches where digits are identifiers, not amounts (URLs, e-mail addresses, phone numbers, ISO
dates) yield no tokens. Digit strings glued to letters (``5G``, ``t0``), dates and clock times
(``30.11.2023``, ``12.30``) are no number tokens: the digit pattern refuses a number that is
followed by a separator and another digit it cannot absorb.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from dossier.analyse import number_grammar as grammar

from .data import resource_lines

__all__ = ["ENGLISH", "EXPONENT", "SPACE_GROUP", "NumberToken", "number_tokens"]

SPACE_GROUP = "[ \u00a0\u202f\u2009\u2007\u200a]"
# Exponents ("1,5e6", "2^10") and English grouping that German cannot mean: two or more
# comma groups ("1,234,567") or comma groups and a decimal point ("12,345.67"). Never before
# a scale word: "2,345,678 Millionen Dollar" is a German decimal gone wrong, of unknown value.
EXPONENT = r"\d+(?:,\d+)?(?:[eE][+-]?\d+|\^[+-]?\d+)"
ENGLISH = (r"(?:\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3}(?:,\d{3})+\.\d+)"
           r"(?![ \u00a0]*(?:Mio|Mrd|Mia|Mill|Bio|Billion|Tsd|Tausend))")
# A digit number: Swiss thousands with apostrophes ("977'000", "1'015.64": the dot is the
# decimal point there); thousands with dots, thousands with (narrow) spaces, or plain, then
# decimals or the price dash ("5,-" is 5 even, Swiss "5.-"); or ",77". A point before a
# scale word is a decimal point (Swiss "CHF 2.5 Mrd."): German thousands groups have three digits.
_DIGITS = (
    rf"(?<![\w,.])(?<![^\W\d_]-)(?:{EXPONENT}|{ENGLISH}"
    r"|\d{1,3}(?:['’‘]\d{3})+(?:[.,]\d+)?"
    r"|\d+\.\d{1,2}(?=[ \u00a0]+(?:Mio|Mrd|Mia|Mill|Bio|Million|Milliard|Billion))"
    r"|(?:\d{1,3}(?:\.\d{3})+"
    rf"|\d{{1,3}}(?:{SPACE_GROUP}\d{{3}})+"
    r"|\d+)(?:,\d+|[,.][-–](?![\w-]))?|,\d+)(?![^\W_]|[.,:]\d|\d)"
)
_TOKEN_RE = re.compile(
    r"(?P<slash>(?<![\w/.])\d{1,3}/\d{1,3}(?![\w/]))"
    rf"|(?P<num>{_DIGITS})"
    r"|(?P<vulgar>(?<![\w,.])\d*[\u00bc-\u00be\u2150-\u215e])"
    r"|(?P<glued>(?<![\w,.])(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?=[^\W\d_]))"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<other>\S)"
)
# Stretches where digits are identifiers, not amounts.
_MASK_RE = re.compile(
    r"\S*(?:://|www\.)\S*"             # URLs
    r"|\S+@\S+\.\w+"                   # e-mail addresses
    r"|\+\d[\d\-/ ]{6,}\d"             # phone numbers
    r"|\b\d{4}-\d{2}(?:-\d{2})?\b"     # ISO dates
)
_LETTERS_RE = re.compile(r"[^\W\d_]+")


@dataclass
class NumberToken:
    kind: str  # num (digits), slash (3/4), vulgar (½), word (letters) or other (one mark)
    start: int
    end: int
    text: str

    @cached_property
    def low(self) -> str:
        return self.text.lower()


def number_tokens(text: str) -> list[NumberToken]:
    """The number view's tokens of ``text``, left to right (offsets into ``text``)."""
    masked = _MASK_RE.sub(lambda m: "\x00" * len(m.group()), text)
    return [NumberToken(kind if kind != "glued" else _glued_kind(m, masked), m.start(), m.end(), m.group())
            for m in _TOKEN_RE.finditer(masked)
            if (kind := m.lastgroup) != "other" or m.group() != "\x00"]


def _glued_kind(match: re.Match, text: str) -> str:
    """Digits glued to letters are a number only before a unit, currency or scale
    (``5EUR``, ``10Mio``, ``3kg``), never before anything else (``5G``, ``3D``)."""
    letters = _LETTERS_RE.match(text, match.end()).group()
    return "num" if letters.lower() in _glued_words() else "other"


@lru_cache(maxsize=1)
def _glued_words() -> frozenset[str]:
    """Words that may follow digits without a space: the one-word currencies and units of the
    figure lexicon and the scale abbreviations, two letters or more (``5g`` could be ``5G``)."""
    rows = [line.split("\t")[0].lower() for name in ("currency_de.tsv", "unit_words.tsv")
            for line in resource_lines(name)]
    rows += [word.rstrip(".") for word, entry in grammar.lexicon().items() if entry.cls in ("abbr", "scale")]
    return frozenset(word for word in rows if word.isalpha() and len(word) >= 2)
