"""German numbers: parse one (``parse_german_number``) or find all in running text
(``find_numbers``).

Digit forms with every German separator habit (``300.000``, ``1,5``, ``1.234.567,89``,
``1 234 567`` with plain, no-break, narrow or thin spaces, Swiss ``1'234`` and ``1'015.64``),
English grouping where it cannot be German (``1,234,567``, ``12,345.67``), exponents
(``1,5e6``, ``2^10``), the price dash (``5,-``, ``5.-``), scales after digits (``1,5 Mio.``,
``13 Mrd.``, ``2 Mia.``, ``300 Millionen``, ``500-Millionen``), and number words: the
grammar in :mod:`dossier.analyse.number_grammar` composes them from morphemes, so any
compound (``dreihundertvierundzwanzigtausend``), hyphenated (``zweihundert-fünfzig``) or
spread over words (``zwei und vierzig``, ``eine Million zweihunderttausend``), inflected
(``zu zweien``, ``einer der …``), with fractions (``drei Viertel``, ``zweieinhalb``,
``dreieinviertel``, ``eine halbe Million``, ``eine Viertelmillion``), ``Komma`` decimals
and ``Dutzend``. The vocabulary is data: ``resources/de/number_words.tsv``.

The text is read as the number view of the shared segmentation
(:mod:`dossier.analyse.segment.numbers`): digit strings glued to letters (``5G``, ``t0``),
dates and clock times (``30.11.2023``, ``12.30``), URLs, phone numbers and ISO dates are no
number tokens there, so they are not numbers here.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from dossier.analyse import number_grammar as grammar
from dossier.analyse.segment.data import resource_lines
from dossier.analyse.segment.numbers import ENGLISH, EXPONENT, SPACE_GROUP, NumberToken, number_tokens

__all__ = ["NumberSpan", "find_number_spans", "find_numbers", "parse_german_number"]


@dataclass(frozen=True)
class NumberSpan:
    """A number found in text."""

    start: int
    end: int
    value: float
    words: bool = False  # written (at least partly) in words
    scale: float = 1.0   # the factor of a closing scale word ("300 Milliarden": 1e9)


@lru_cache(maxsize=1)
def _ordinal_cues() -> frozenset[str]:
    return _word_set("number_ordinal_cues.txt")


@lru_cache(maxsize=1)
def _pronoun_words() -> dict[str, frozenset[str]]:
    rows = [line.split("\t") for line in resource_lines("number_pronouns.tsv")]
    return {role: frozenset(w for w, r in rows if r == role) for role in ("pronoun", "after")}


def _word_set(name: str) -> frozenset[str]:
    return frozenset(resource_lines(name))


def _digits_value(text: str) -> float:
    if "^" in text:
        base, power = text.split("^")
        return float(base.replace(",", ".")) ** int(power)
    if re.fullmatch(EXPONENT, text):
        return float(text.replace(",", "."))
    if re.fullmatch(ENGLISH, text):
        return float(text.replace(",", ""))
    if re.search("['’‘]", text) or re.fullmatch(r"\d+\.\d{1,2}", text):
        return float(re.sub("['’‘]", "", text).replace(",", "."))
    cleaned = re.sub(SPACE_GROUP + "|\\.(?![-–])|[,.][-–]$", "", text).replace(",", ".")
    return float(cleaned)


def _word_class(tok: NumberToken) -> str | None:
    return grammar.word_class(tok.low)


def _factor(tok: NumberToken) -> float:
    return grammar.lexicon()[tok.low].value


def _abbr_after(text: str, tok: NumberToken, words: bool = False) -> tuple[float, int] | None:
    """A scale (``Millionen``) or its abbreviation (``Mio.``, ``Mrd``) in ``tok``: its factor and
    end offset. After number words only abbreviations count (a scale word is in the grammar)."""
    entries = grammar.lexicon()
    with_dot = entries.get(tok.low + ".")
    if tok.end < len(text) and text[tok.end] == "." and with_dot is not None and with_dot.cls == "abbr":
        return with_dot.value, tok.end + 1
    entry = entries.get(tok.low)
    if entry is not None and (entry.cls == "abbr" or not words and entry.cls in ("scale", "hundred", "thousand")):
        return entry.value, tok.end
    return None


def _glued(toks: list[NumberToken], j: int) -> bool:
    """Whether token ``j`` is a hyphen joining the words before and after it (``zweihundert-fünfzig``)."""
    return (0 < j < len(toks) - 1 and toks[j].text in ("-", "\u2010", "\u2011")
            and toks[j - 1].end == toks[j].start and toks[j].end == toks[j + 1].start
            and toks[j + 1].kind == "word")


_NOT_INSIDE = frozenset({"abbr", "decimal", "sign", "multiplier"})


def _scan_words(toks: list[NumberToken], i: int) -> tuple[float, int, float] | None:
    """Longest well-formed word number from token ``i``: (value, next index, closing scale)."""
    morphemes: list[grammar.Morpheme] = []
    best = None
    j = i
    while j < len(toks) and toks[j].kind == "word":
        lexed = grammar.lex_word(toks[j].low)
        if lexed is None or any(cls in _NOT_INSIDE for cls, _, _ in lexed):
            break
        if any(cls == "fraction" for cls, _, _ in lexed):
            return _fraction_at(toks, j, morphemes, lexed) or best
        candidate = morphemes + list(lexed)
        try:
            value = grammar.evaluate(candidate)
        except grammar.Invalid:
            if lexed == (("joiner", 0.0, False),) and j + 1 < len(toks):
                morphemes = candidate  # "zwei und vierzig": judge after the next word
                j += 1
                continue
            break
        morphemes = candidate
        if grammar.has_quantity(morphemes):
            best = (value, j + 1, lexed[-1][1] if lexed[-1][0] == "scale" and j > i else 1.0)
        j += 2 if _glued(toks, j + 1) else 1
    if best is None and [m[0] for m in morphemes] == ["article"]:
        return _lone_article(toks, i)
    return best


def _fraction_at(toks: list[NumberToken], j: int, before: list[grammar.Morpheme],
                 lexed: tuple[grammar.Morpheme, ...]) -> tuple[float, int, float] | None:
    """``drei Viertel``, ``dreieinviertel``, ``eine Viertelmillion``; then a scale or ``Dutzend``
    (``eine halbe Million``, ``ein halbes Dutzend``)."""
    found = grammar.fraction_value(before, lexed)
    if found is None:
        return None
    value, scale = found
    nxt = j + 1
    if scale == 1 and nxt < len(toks) and toks[nxt].kind == "word" and \
            _word_class(toks[nxt]) in ("scale", "multiplier"):
        scale = _factor(toks[nxt]) if _word_class(toks[nxt]) == "scale" else 1.0
        value, nxt = value * _factor(toks[nxt]), nxt + 1
    return value, nxt, scale


def _lone_article(toks: list[NumberToken], i: int) -> tuple[float, int, float] | None:
    """``ein Dutzend``; ``einer der Gründe``, ``nur eines.``: an article form standing alone
    (before a partitive word or punctuation) is the numeral one."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.kind == "word" and _word_class(nxt) == "multiplier":
        return 1.0, i + 1, 1.0
    if toks[i].low not in _pronoun_words()["pronoun"]:
        return None
    if nxt is None or nxt.kind == "other" and nxt.text in ".,;:!?)" or nxt.low in _pronoun_words()["after"]:
        return 1.0, i + 1, 1.0
    return None


def _decimal_words(toks: list[NumberToken], i: int) -> tuple[str, int] | None:
    """Digits after ``Komma``: a run of single digit words, or one number word."""
    digits, j = "", i
    while j < len(toks) and toks[j].kind == "word":
        lexed = grammar.lex_word(toks[j].low)
        if not lexed or len(lexed) != 1 or lexed[0][0] != "unit":
            break
        digits += str(int(lexed[0][1]))
        j += 1
    if digits:
        return digits, j
    if i < len(toks) and toks[i].kind == "word":
        found = _scan_words(toks, i)
        if found and found[0] == int(found[0]):
            return str(int(found[0])), found[1]
    return None


def _follow(text: str, toks: list[NumberToken], j: int, value: float) -> tuple[float, int]:
    """Extend a number with a scale, fraction, ``Dutzend`` or ``Komma`` that follows it."""
    if j < len(toks) and toks[j].kind == "word":
        cls = _word_class(toks[j])
        if cls == "decimal" and value == int(value):
            if j + 1 < len(toks) and toks[j + 1].kind == "num" and toks[j + 1].text.isdigit():
                return _then_scale(toks, value + float("0." + toks[j + 1].text), j + 2)
            dec = _decimal_words(toks, j + 1)
            if dec:
                return _then_scale(toks, value + float("0." + dec[0]), dec[1])
        if cls == "multiplier":
            return value * _factor(toks[j]), j + 1
        if cls == "fraction" and value == int(value) and 0 < value < 1000:
            return value / _factor(toks[j]), j + 1
    return value, j


def _then_scale(toks: list[NumberToken], value: float, j: int) -> tuple[float, int]:
    """``zwei Komma fünf Millionen``: a scale word after the decimals."""
    if j < len(toks) and toks[j].kind == "word" and _word_class(toks[j]) == "scale":
        return value * _factor(toks[j]), j + 1
    return value, j


def _is_ordinal(text: str, toks: list[NumberToken], i: int) -> bool:
    """``am 3. Mai``: digits, a dot, and an article or preposition before them."""
    tok = toks[i]
    if tok.end >= len(text) or text[tok.end] != "." or not tok.text.isdigit() or len(tok.text) > 3:
        return False
    after = text[tok.end + 1:tok.end + 3]
    if after[:1] == " " and after[1:2].islower():
        return True
    return i > 0 and toks[i - 1].kind == "word" and toks[i - 1].low in _ordinal_cues()


def _sign_before(text: str, toks: list[NumberToken], i: int) -> tuple[float, int]:
    """-1 and the start offset when a minus sign (``-``, ``minus``) precedes token ``i``."""
    if i == 0:
        return 1.0, toks[i].start
    prev = toks[i - 1]
    gap = text[prev.end:toks[i].start]
    if gap.strip():
        return 1.0, toks[i].start
    if prev.text in ("-", "\u2212") and (i < 2 or toks[i - 2].end < prev.start or toks[i - 2].kind == "other") \
            and len(gap) <= 1 and (prev.start == 0 or text[prev.start - 1].isspace()):
        return -1.0, prev.start
    if prev.kind == "word" and _word_class(prev) == "sign":
        return -1.0, prev.start
    return 1.0, toks[i].start


def _digits_at(text: str, toks: list[NumberToken], i: int) -> tuple[float, int, int, float, bool]:
    """Digits and what extends them: a scale (``1,5 Mio.``, ``500-Millionen``), ``Komma``,
    ``Dutzend``, a fraction or ``1/2`` after them. (value, next index, end, scale, words)."""
    tok = toks[i]
    value, j, end, scale = _digits_value(tok.text), i + 1, tok.end, 1.0
    k = j + 1 if _glued(toks, j) else j
    if k < len(toks) and toks[k].kind == "word" and (k == j or _word_class(toks[k]) in ("scale", "abbr")):
        abbr = _abbr_after(text, toks[k])
        if abbr:
            value, end, j, scale = value * abbr[0], abbr[1], k + 1, abbr[0]
    value, j2 = _follow(text, toks, j, value)
    end = toks[j2 - 1].end if j2 != j else end
    words = j2 > j
    if j2 == i + 1 and j2 < len(toks) and toks[j2].kind == "slash" and text[end:toks[j2].start] == " ":
        num, den = (int(x) for x in toks[j2].text.split("/"))
        if 0 < num < den and value == int(value) and value < 100:  # "2 1/2"
            value, end, j2 = value + num / den, toks[j2].end, j2 + 1
    return value, j2, end, scale, words


def _words_at(text: str, toks: list[NumberToken], i: int) -> tuple[float, int, int, float] | None:
    found = _scan_words(toks, i)
    if found is None:
        return None
    value, j, scale = found
    if scale == 1 and j < len(toks) and toks[j].kind == "word" and value < 1000:
        abbr = _abbr_after(text, toks[j], words=True)  # "zwei Mio. Euro"
        if abbr:
            return value * abbr[0], j + 1, abbr[1], abbr[0]
    value, j2 = _follow(text, toks, j, value)
    return value, j2, toks[j2 - 1].end, scale


def _number_at(text: str, toks: list[NumberToken], i: int) -> tuple[NumberSpan, int] | None:
    tok = toks[i]
    words, scale = False, 1.0
    if tok.kind == "num":
        if _is_ordinal(text, toks, i):
            return None
        value, j2, end, scale, words = _digits_at(text, toks, i)
    elif tok.kind == "slash":
        num, den = tok.text.split("/")
        if int(den) == 0:
            return None
        value, j2, end = int(num) / int(den), i + 1, tok.end
    elif tok.kind == "vulgar":
        whole = int(tok.text[:-1]) if len(tok.text) > 1 else 0  # "1½"
        value, j2, end = whole + float(unicodedata.numeric(tok.text[-1])), i + 1, tok.end
    elif tok.kind == "word":
        if tok.low[:3] not in grammar.word_starts():
            return None  # most words: no number word begins like them
        found = _words_at(text, toks, i)
        if found is None:
            return None
        (value, j2, end, scale), words = found, True
    else:
        return None
    sign, start = _sign_before(text, toks, i)
    return NumberSpan(start, end, sign * value if value else value, words, scale), j2


def find_number_spans(text: str, tokens: list[NumberToken] | None = None) -> list[NumberSpan]:
    """All numbers in ``text``, left to right, as :class:`NumberSpan`. ``tokens``: the number view
    of ``text`` when the caller has it (``segmentation(text).number_tokens`` for an article's text);
    a snippet is tokenised here (its own lexing: a URL or number cut at its edge reads differently)."""
    toks = number_tokens(text) if tokens is None else tokens
    found: list[NumberSpan] = []
    i = 0
    while i < len(toks):
        hit = _number_at(text, toks, i)
        if hit is None:
            i += 1
            continue
        span, i = hit
        found.append(span)
    return found


def find_numbers(text: str) -> list[tuple[int, int, float]]:
    """Spans ``(start, end, value)`` of the numbers in running German text."""
    return [(s.start, s.end, s.value) for s in find_number_spans(text)]


def parse_german_number(text: str) -> float | None:
    """The value of ``text`` when all of it is one German number, else None.

    >>> parse_german_number("1.000,50"), parse_german_number("eine Milliarde")
    (1000.5, 1000000000.0)
    """
    stripped = text.strip()
    if not stripped:
        return None
    spans = find_number_spans(stripped)
    if len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(stripped):
        return spans[0].value
    if len(spans) == 0:
        # "eine", "halb": a number when asked directly ("Viertel" is also a part of town)
        lexed = grammar.lex_word(stripped.lower())
        if lexed and len(lexed) == 1 and lexed[0][0] == "article":
            return lexed[0][1]
        if lexed and len(lexed) == 1 and lexed[0][0] == "fraction" and stripped.islower():
            return 1 / lexed[0][1]
    return None
