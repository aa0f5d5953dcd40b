"""German numbers: parse one (``parse_german_number``) or find all in running text
(``find_numbers``).

Handles digit forms with German separators (``300.000``, ``1,5``, ``1.000,50``,
``1 234 567``), number words written as one compound (``dreiundzwanzig``,
``siebenhunderteinundzwanzigtausendundzwölf``) or spread over words
(``zwei und vierzig``, ``eine Milliarde``, ``dreiundfünfzig Milliarden …``),
scales after digits (``1,5 Mio.``, ``13 Mrd.``, ``300 Millionen``), fractions
(``zwei Drittel``, ``drei halbe``, ``zweieinhalb``, ``½``, ``1/2``), ``Komma``
decimals and ``Dutzend``. The vocabulary is data: ``resources/de/number_words.tsv``.

Digit strings glued to letters (``5G``, ``t0``), dates and clock times
(``30.11.2023``, ``12.30``) are not numbers here: the digit pattern refuses a
number that is followed by a separator and another digit it cannot absorb.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["NumberSpan", "find_number_spans", "find_numbers", "parse_german_number"]

_SPACE_GROUP = "[ \u00a0\u202f\u2009]"
# A digit number: Swiss thousands with apostrophes ("977'000", "1'015.64": the dot is the
# decimal point there); thousands with dots, thousands with (narrow) spaces, or plain, then
# decimals or the price dash ("5,-" is 5 even); or ",77". A point before a scale word is a
# decimal point (Swiss "CHF 2.5 Mrd."): German thousands groups have three digits.
_DIGITS = (
    r"(?<![\w,.])(?<![^\W\d_]-)(?:\d{1,3}(?:['’‘]\d{3})+(?:[.,]\d+)?"
    r"|\d+\.\d{1,2}(?=[ \u00a0]+(?:Mio|Mrd|Mill|Bio|Million|Milliard|Billion))"
    r"|(?:\d{1,3}(?:\.\d{3})+"
    rf"|\d{{1,3}}(?:{_SPACE_GROUP}\d{{3}})+"
    r"|\d+)(?:,\d+|,[-–](?![\w-]))?|,\d+)(?![^\W_]|[.,:]\d|\d)"
)
_TOKEN_RE = re.compile(
    r"(?P<slash>(?<![\w/.])\d{1,3}/\d{1,3}(?![\w/]))"
    rf"|(?P<num>{_DIGITS})"
    r"|(?P<vulgar>(?<![\w,.])\d*[\u00bc-\u00be\u2150-\u215e])"
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


@dataclass(frozen=True)
class NumberSpan:
    """A number found in text."""

    start: int
    end: int
    value: float
    words: bool = False  # written (at least partly) in words
    scale: float = 1.0   # the factor of a closing scale word ("300 Milliarden": 1e9)


@dataclass(frozen=True)
class _Word:
    value: float
    cls: str


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, _Word]:
    text = resources.files("dossier.resources.de").joinpath("number_words.tsv").read_text("utf-8")
    lexicon = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, value, cls = line.split("\t")
        lexicon[word] = _Word(float(value), cls)
    return lexicon


@lru_cache(maxsize=1)
def _ordinal_cues() -> frozenset[str]:
    text = resources.files("dossier.resources.de").joinpath("number_ordinal_cues.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


# Morphemes that may appear inside a compound number word.
_COMPOUND_CLASSES = {"unit", "teen", "ten", "hundred", "thousand", "scale", "joiner",
                     "and_half", "whole_half", "fraction"}


@lru_cache(maxsize=4096)
def _lex_word(word: str) -> tuple[tuple[str, float, bool], ...] | None:
    """Split one lower-case word into number morphemes ``(class, value, in_word)``.

    A whole word is tried first (so ``eine`` is the article, ``sechzehn`` a teen);
    otherwise the longest morpheme that lets the rest split too.
    """
    lexicon = _lexicon()
    whole = lexicon.get(word)
    if whole is not None:
        return ((whole.cls, whole.value, False),)
    parts = _split_compound(word.replace("ß", "ss") if "ss" in word else word, lexicon)
    if parts is None and "ß" in word:
        parts = _split_compound(word, lexicon)
    return tuple((cls, value, True) for cls, value in parts) if parts else None


def _split_compound(word: str, lexicon: dict[str, _Word]) -> list[tuple[str, float]] | None:
    if not word:
        return []
    candidates = [w for w in lexicon if word.startswith(w) and
                  (lexicon[w].cls in _COMPOUND_CLASSES or w == "ein")]
    for piece in sorted(candidates, key=len, reverse=True):
        rest = _split_compound(word[len(piece):], lexicon)
        if rest is not None:
            entry = lexicon[piece]
            cls = "unit" if piece == "ein" else entry.cls
            return [(cls, entry.value)] + rest
    return None


class _Invalid(Exception):
    """A morpheme sequence that is not one well-formed German number."""


def _evaluate(morphemes: list[tuple[str, float, bool]]) -> float:
    """Value of a well-formed morpheme sequence; raises _Invalid otherwise."""
    total = chunk = group = 0.0
    small = None          # the below-100 part of the current group, once set
    has_hundred = has_thousand = False
    last_scale = None
    prev = None
    for i, (cls, value, in_word) in enumerate(morphemes):
        nxt = morphemes[i + 1][0] if i + 1 < len(morphemes) else None
        if cls in ("unit", "article", "teen", "whole_half"):
            if small is not None or (cls == "unit" and value == 0 and len(morphemes) > 1):
                raise _Invalid
            small = value
            group += value
        elif cls == "ten":
            if small is not None and not (prev == "joiner" and small < 10):
                raise _Invalid
            small = (small or 0) + value
            group += value
        elif cls == "joiner":
            after_unit = prev in ("unit", "article") and nxt == "ten"
            after_round = in_word and prev in ("hundred", "thousand") and nxt in ("unit", "teen", "ten")
            if not (after_unit or after_round):
                raise _Invalid
        elif cls == "hundred":
            if has_hundred or (small is not None and small >= 20):
                raise _Invalid
            group = (small if small is not None else 1) * 100
            small, has_hundred = None, True
        elif cls == "thousand":
            if has_thousand:
                raise _Invalid
            chunk = (group or 1) * 1000
            group, small, has_hundred, has_thousand = 0.0, None, False, True
        elif cls == "scale":
            if last_scale is not None and value >= last_scale:
                raise _Invalid
            total += ((chunk + group) or 1) * value
            chunk = group = 0.0
            small, has_hundred, has_thousand, last_scale = None, False, False, value
        elif cls == "and_half":
            if group == 0 or group != int(group):
                raise _Invalid
            group += 0.5
            small = small if small is not None else 0
        else:
            raise _Invalid
        prev = cls
    if prev == "joiner":
        raise _Invalid
    return total + chunk + group


def _has_quantity(morphemes) -> bool:
    """A lone article or a lone plural scale ("Millionen Menschen") is not a number."""
    classes = {cls for cls, _, _ in morphemes}
    return bool(classes & {"unit", "teen", "ten", "hundred", "thousand", "whole_half"}) or \
        {"article", "scale"} <= classes


def _digits_value(text: str) -> float:
    if re.search("['’‘]", text) or re.fullmatch(r"\d+\.\d{1,2}", text):
        return float(re.sub("['’‘]", "", text).replace(",", "."))
    cleaned = re.sub(_SPACE_GROUP + "|\\.|,[-–]$", "", text).replace(",", ".")
    return float(cleaned)


@dataclass
class _Tok:
    kind: str
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()


def _tokens(text: str) -> list[_Tok]:
    masked = _MASK_RE.sub(lambda m: "\x00" * len(m.group()), text)
    return [_Tok(m.lastgroup, m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(masked)
            if m.lastgroup != "other" or m.group() != "\x00"]


def _word_class(tok: _Tok) -> str | None:
    entry = _lexicon().get(tok.low)
    return entry.cls if entry else None


def _abbr_after(text: str, tok: _Tok) -> tuple[float, int] | None:
    """A scale abbreviation in ``tok`` (``Mio.``, ``Mrd``): its factor and end offset."""
    lexicon = _lexicon()
    with_dot = tok.low + "."
    if tok.end < len(text) and text[tok.end] == "." and lexicon.get(with_dot, _Word(0, "")).cls == "abbr":
        return lexicon[with_dot].value, tok.end + 1
    entry = lexicon.get(tok.low)
    if entry and entry.cls in ("abbr", "scale") or tok.low in ("tausend", "hundert"):
        factor = entry.value if entry else 0
        return factor, tok.end
    return None


def _scan_words(toks: list[_Tok], i: int) -> tuple[float, int] | None:
    """Longest well-formed word number starting at token ``i``: (value, next index)."""
    morphemes: list[tuple[str, float, bool]] = []
    best = None
    j = i
    while j < len(toks) and toks[j].kind == "word":
        lexed = _lex_word(toks[j].low)
        if lexed is None or any(cls in ("abbr", "decimal", "sign", "multiplier") for cls, _, _ in lexed):
            break
        if lexed[-1][0] == "fraction" and (len(lexed) > 1 or morphemes):
            # "zwei Drittel", "dreiviertel": a numerator (word or part of the word) over a denominator.
            numerator = lexed[:-1] or ()
            try:
                base = _evaluate(list(morphemes) + list(numerator)) if (morphemes or numerator) else None
            except _Invalid:
                break
            if base is not None and base == int(base) and base < 1000:
                return base / lexed[-1][1], j + 1
            break
        candidate = morphemes + list(lexed)
        try:
            value = _evaluate(candidate)
        except _Invalid:
            if lexed == (("joiner", 0.0, False),) and j + 1 < len(toks):
                morphemes = candidate  # "zwei und vierzig": judge after the next word
                j += 1
                continue
            break
        morphemes = candidate
        if _has_quantity(morphemes):
            best = (value, j + 1)
        j += 1
    if best is None and [m[0] for m in morphemes] == ["article"] and j < len(toks) \
            and _word_class(toks[j]) == "multiplier":
        best = (1.0, j)  # "ein Dutzend"
    return best


def _decimal_words(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """Digits after ``Komma``: a run of single digit words, or one number word."""
    digits, j = "", i
    while j < len(toks) and toks[j].kind == "word":
        lexed = _lex_word(toks[j].low)
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


def _follow(text: str, toks: list[_Tok], j: int, value: float) -> tuple[float, int]:
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
            return value * _lexicon()[toks[j].low].value, j + 1
        if cls == "fraction" and value == int(value) and 0 < value < 1000:
            return value / _lexicon()[toks[j].low].value, j + 1
    return value, j


def _then_scale(toks: list[_Tok], value: float, j: int) -> tuple[float, int]:
    """``zwei Komma fünf Millionen``: a scale word after the decimals."""
    if j < len(toks) and toks[j].kind == "word" and _word_class(toks[j]) == "scale":
        return value * _lexicon()[toks[j].low].value, j + 1
    return value, j


def _is_ordinal(text: str, toks: list[_Tok], i: int) -> bool:
    """``am 3. Mai``: digits, a dot, and an article or preposition before them."""
    tok = toks[i]
    if tok.end >= len(text) or text[tok.end] != "." or not tok.text.isdigit() or len(tok.text) > 3:
        return False
    after = text[tok.end + 1:tok.end + 3]
    if after[:1] == " " and after[1:2].islower():
        return True
    return i > 0 and toks[i - 1].kind == "word" and toks[i - 1].low in _ordinal_cues()


def _sign_before(text: str, toks: list[_Tok], i: int) -> tuple[float, int]:
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


def _number_at(text: str, toks: list[_Tok], i: int) -> tuple[NumberSpan, int] | None:
    tok = toks[i]
    if tok.kind == "num":
        if _is_ordinal(text, toks, i):
            return None
        value, j, end, scale = _digits_value(tok.text), i + 1, tok.end, 1.0
        if j < len(toks) and toks[j].kind == "word":
            abbr = _abbr_after(text, toks[j])
            if abbr:
                value, end, j, scale = value * abbr[0], abbr[1], j + 1, abbr[0]
        value, j2 = _follow(text, toks, j, value)
        end = toks[j2 - 1].end if j2 != j else end
        words = j2 > j
        if j2 == i + 1 and j2 < len(toks) and toks[j2].kind == "slash" and text[end:toks[j2].start] == " ":
            num, den = (int(x) for x in toks[j2].text.split("/"))
            if 0 < num < den and value == int(value) and value < 100:  # "2 1/2"
                value, end, j2 = value + num / den, toks[j2].end, j2 + 1
    elif tok.kind == "slash":
        num, den = tok.text.split("/")
        if int(den) == 0:
            return None
        value, j2, words = int(num) / int(den), i + 1, False
        end, scale = tok.end, 1.0
    elif tok.kind == "vulgar":
        whole = int(tok.text[:-1]) if len(tok.text) > 1 else 0  # "1½"
        value = whole + float(unicodedata.numeric(tok.text[-1]))
        j2, end, words = i + 1, tok.end, False
        scale = 1.0
    elif tok.kind == "word":
        found = _scan_words(toks, i)
        if found is None:
            return None
        value, j = found
        last = _lexicon().get(toks[j - 1].low)
        scale = last.value if last and last.cls == "scale" and j - 1 > i else 1.0
        value, j2 = _follow(text, toks, j, value)
        end, words = toks[j2 - 1].end, True
    else:
        return None
    sign, start = _sign_before(text, toks, i)
    return NumberSpan(start, end, sign * value if value else value, words, scale), j2


def find_number_spans(text: str) -> list[NumberSpan]:
    """All numbers in ``text``, left to right, as :class:`NumberSpan`."""
    toks = _tokens(text)
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
        lexed = _lex_word(stripped.lower())  # a lone article: "eine" is 1 when asked directly
        if lexed and len(lexed) == 1 and lexed[0][0] == "article":
            return lexed[0][1]
    return None
