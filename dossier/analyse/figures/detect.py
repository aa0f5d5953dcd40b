"""Which numbers in a text are figures, and of what kind: money, percent, quantity, count.

Works on the text alone (no entities): the subject, attribute and source are added
afterwards by :mod:`dossier.analyse.figures.context`.

Conventions (also in docs/figures.md):
- money: ``unit`` is the ISO 4217 code; ``per`` the noun after ``pro``/``je``.
- percent: ``unit`` is ``%`` (or ``pp`` for Prozentpunkte, ``bp``, ``‰``); ``value`` is the
  number as written (9 for 9 %).
- count: ``unit`` is the counted noun as written (``Elektroautos``).
- quantity: ``unit`` is the normalised unit symbol (``km``, ``t``, ``MW``).
The span covers the number and its unit (or counted noun); qualifying words
(``rund``, ``mehr als``) stay outside it and go to ``approx``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.analyse.figures import lexicon
from dossier.analyse import number_grammar as grammar
from dossier.analyse.numbers import NumberSpan, find_number_spans
from dossier.analyse.segment import segmentation
from dossier.model import Figure

_GAP_RE = re.compile(r"[ \u00a0\u202f\u2009]*")
_WORD_RE = re.compile(r"[^\W\d_][\w\-]*\.?|[^\W\d_]")
_NOUN_RE = re.compile(r"[A-ZÄÖÜ][\w\-]*[^\W\d_]|[A-ZÄÖÜ]")
# Lower-case words that may stand between a number and its noun ("300.000 neue Autos").
_ADJECTIVE_RE = re.compile(r"[a-zäöüß]{3,}(?:e|en|er|es)(?![\w-])")
_PER_RE = re.compile(r"[ \u00a0]+(?:pro|je)[ \u00a0]+(?:(?:das|die|den|einer|einen|ein|eine)[ \u00a0]+)?"
                     r"([A-ZÄÖÜ][\w\-]*)")
_CENTS_RE = re.compile(r"\s+(?:und\s+)?")
_YEAR_RE = re.compile(r"\d{4}")
_SCALE_FOR_INFERENCE = 1e6  # "13 Milliarden" alone after dollar amounts is money; "13" alone is not
_INFERENCE_WINDOW = 800     # characters back to the amount whose currency is carried over


@dataclass
class Candidate:
    """A number with what follows it, before it becomes a Figure."""

    number: NumberSpan
    figure: Figure | None = None


def _skip_gap(text: str, pos: int) -> int:
    return _GAP_RE.match(text, pos).end()


def _unit_gap(text: str, pos: int) -> int:
    """Where a unit after a number may start: after spaces, or after a hyphen that glues
    them (``siebenhundert-Euro``, ``500-Millionen-Euro-Kredit``, ``5-Prozent-Hürde``)."""
    if text.startswith("-", pos) and pos + 1 < len(text) and not text[pos + 1].isdigit() \
            and not text[pos + 1].isspace():
        return pos + 1
    return _skip_gap(text, pos)


def _word_at(text: str, pos: int) -> re.Match | None:
    return _WORD_RE.match(text, pos)


def _word_before(text: str, pos: int) -> str:
    words = re.findall(r"[\w\-§]+\.?", text[max(0, pos - 40):pos])
    return words[-1] if words else ""


def _is_date_like(text: str, num: NumberSpan) -> bool:
    """Years (a bare 1900–2100 number), numbers after a month or a year cue, labels (``Model 3``)."""
    surface = text[num.start:num.end]
    before = _word_before(text, num.start)
    classes = lexicon.time_class(before.rstrip("."))
    if "label" in classes or "label" in lexicon.time_class(before):
        return True
    if "month" in classes and num.value == int(num.value) and num.scale == 1:
        return True
    return bool(_YEAR_RE.fullmatch(surface) and 1900 <= num.value <= 2100)


def _followed_by_time_unit(text: str, pos: int) -> bool:
    word = _word_at(text, _skip_gap(text, pos))
    return bool(word) and "time_unit" in lexicon.time_class(word.group().rstrip("."))


def _money(text: str, num: NumberSpan) -> Figure | None:
    pos = _unit_gap(text, num.end)
    cur = lexicon.currency_at(text, pos)
    start, end, value = num.start, None, num.value
    if cur and cur.start == pos and cur.divisor == 1.0:
        end = cur.end
        value, end = _add_cents(text, end, value)
    elif cur and cur.divisor != 1.0 and cur.start == pos:
        end, value = cur.end, num.value / cur.divisor
    else:
        before_end = len(text[:num.start].rstrip(" \u00a0"))
        cur = lexicon.currency_ending_at(text, before_end, names=_has_magnitude(text, num))
        if cur is None:
            return None
        start, end = cur.start, num.end
    figure = Figure(start, end, text[start:end], kind="money", value=value, unit=cur.unit)
    per = _PER_RE.match(text, end)
    if per:
        figure.per = per.group(1)
    else:
        after = _NOUN_RE.match(text, _skip_gap(text, end)) if end < len(text) and text[end] == " " else None
        figure.attribute = lexicon.attribute_of(after.group()) if after else None  # "300 Euro Geldstrafe"
    return figure


def _has_magnitude(text: str, num: NumberSpan) -> bool:
    """``Euro 1,5 Millionen``, ``Franken 12.500``: a currency name may stand before an amount
    with a scale or a separator; not before a bare small number or year (``Euro 6``, ``Euro 2024``)."""
    if num.words:
        return num.scale > 1
    return num.scale > 1 or any(sep in text[num.start:num.end] for sep in ",.'’ \u00a0\u202f\u2009")


def _add_cents(text: str, end: int, value: float) -> tuple[float, int]:
    """``15 Dollar und 15 Cent``, ``2 Pfund 50 Pence``, ``zwei Euro fünfzig``: one amount."""
    joint = _CENTS_RE.match(text, end)
    cents = [n for n in find_number_spans(text[joint.end():joint.end() + 20]) if n.start == 0] if joint else []
    if cents and cents[0].value < 100:
        after = joint.end() + cents[0].end
        cur = lexicon.currency_at(text, _skip_gap(text, after))
        if cur and cur.divisor == 100.0:
            return value + cents[0].value / cur.divisor, cur.end
    return _spoken_cents(text, end, value)


def _spoken_cents(text: str, end: int, value: float) -> tuple[float, int]:
    """``zwei Euro fünfzig``: a whole amount followed by 1–99 and nothing that names a unit."""
    gap = _skip_gap(text, end)
    if gap == end or value != int(value):
        return value, end
    cents = [n for n in find_number_spans(text[gap:gap + 40]) if n.start == 0]
    if not cents or cents[0].value != int(cents[0].value) or not 1 <= cents[0].value <= 99:
        return value, end
    after = gap + cents[0].end
    rest = text[after:after + 30]
    if re.match(r"[ \u00a0]*(?:[A-ZÄÖÜ%€$£]|\w+\s*(?:Prozent|Euro|Dollar|Cent))", rest) or \
            re.match(r"[.,]\d", rest):
        return value, end  # "20 Euro 30 Leute": the number has its own noun
    return value + cents[0].value / 100, after


def _unit(text: str, num: NumberSpan) -> Figure | None:
    pos = _unit_gap(text, num.end)
    unit = lexicon.unit_at(text, pos)
    if unit is None:
        return None
    figure = Figure(num.start, unit.end, text[num.start:unit.end], kind=unit.kind,
                    value=num.value, unit=unit.unit)
    if unit.kind == "percent":
        figure.attribute = _genitive_noun(text, unit.end)
    return figure


def _genitive_noun(text: str, pos: int) -> str | None:
    """``9 % seiner Mitarbeiter``: the whole the share is taken of."""
    det = _word_at(text, _skip_gap(text, pos))
    if not det or det.group().lower() not in lexicon.function_words("genitive"):
        return None
    noun = _noun_after(text, det.end())
    return noun.group() if noun else None


def _noun_after(text: str, pos: int, adjectives: int = 2) -> re.Match | None:
    """A capitalised noun at ``pos``, allowing a few inflected adjectives before it."""
    for _ in range(adjectives + 1):
        pos = _skip_gap(text, pos)
        noun = _NOUN_RE.match(text, pos)
        if noun:
            return noun
        word = _ADJECTIVE_RE.match(text, pos)
        if not word or word.group() in lexicon.function_words("not_adjective"):
            return None
        pos = word.end()
    return None


def _count(text: str, num: NumberSpan) -> Figure | None:
    if num.words and num.value < 100 and num.scale == 1:
        return None  # "zwei Wünsche", "drei Jahre": small word numbers are not ledger figures
    if num.end < len(text) and text[num.end] not in " \u00a0":
        return None
    noun = _noun_after(text, num.end)
    if noun is None:
        return _count_of_whole(text, num)
    if not _countable(noun.group()):
        return None
    return Figure(num.start, noun.end(), text[num.start:noun.end()], kind="count",
                  value=num.value, unit=noun.group())


def _countable(noun: str) -> bool:
    if lexicon.time_class(noun) & {"time_unit", "month"}:
        return False
    # "G 9 X", "3,5 IS", "Phantom 3 ProMax": model names, not counted nouns
    return len(noun) >= 3 and not noun.isupper() and (noun[1:].islower() or "-" in noun)


def _count_of_whole(text: str, num: NumberSpan) -> Figure | None:
    """``250 der 900 Beschäftigten``: a count of the noun in the genitive after it (span: the number)."""
    det = _word_at(text, _skip_gap(text, num.end))
    if not det or det.group().lower() not in lexicon.function_words("genitive"):
        return None
    pos = det.end()
    inner = [n for n in find_number_spans(text[pos:pos + 40]) if not text[pos:pos + n.start].strip()]
    if inner:
        pos += inner[0].end  # "60 der 100 Stimmen"
    noun = _noun_after(text, pos)
    if noun is None or not _countable(noun.group()):
        return None
    return Figure(num.start, num.end, text[num.start:num.end], kind="count", value=num.value, unit=noun.group())


_SCORE_LEFT_RE = re.compile(r"\d[ \u00a0]?:[ \u00a0]?$")
_SCORE_RIGHT_RE = re.compile(r"[ \u00a0]?:[ \u00a0]?\d")


def _is_score_or_clock(text: str, num: NumberSpan) -> bool:
    """``3:0 gegen Montpellier``, ``2:1 (1:0)``, ``10:30 Uhr``: a result, ratio or clock time,
    whose sides are no amounts of anything on their own."""
    if num.words:
        return False
    return bool(_SCORE_LEFT_RE.search(text, max(0, num.start - 3), num.start)
                or _SCORE_RIGHT_RE.match(text, num.end))


def classify(text: str, num: NumberSpan) -> Figure | None:
    """The figure a number makes with the words around it, or None when it is no figure."""
    if _is_score_or_clock(text, num):
        return None
    figure = _money(text, num) or _unit(text, num)
    if figure is not None:
        return figure
    if _is_date_like(text, num) or _followed_by_time_unit(text, num.end):
        return None
    return _count(text, num)


_ARTICLE_ONE_RE = re.compile(r"(?<![\w-])(?:ein|eine|einen|einem|einer|eines)(?=[ \u00a0]+\S)", re.IGNORECASE)


def _article_amounts(text: str) -> list[NumberSpan]:
    """``ein Prozent``, ``einen Dollar``: the article is the number 1 right before a unit."""
    found = []
    for match in _ARTICLE_ONE_RE.finditer(text):
        pos = _skip_gap(text, match.end())
        if _money_or_percent_at(text, pos):
            found.append(NumberSpan(match.start(), match.end(), 1.0, words=True))
            continue
        word = _word_at(text, pos)
        fraction = grammar.fraction_prefix(word.group()) if word else None
        if fraction and _money_or_percent_at(text, pos + fraction[0]):  # "einen Viertelprozentpunkt"
            found.append(NumberSpan(match.start(), pos + fraction[0], 1 / fraction[1], words=True))
    return found


def _money_or_percent_at(text: str, pos: int) -> bool:
    # Only money and percentages: "Ein Liter Benzin kostet …" names a unit, not an amount.
    unit = lexicon.currency_at(text, pos) or lexicon.unit_at(text, pos)
    return unit is not None and unit.start == pos and unit.kind != "quantity"


def detect(text: str) -> list[Candidate]:
    """Every number in ``text`` with its figure (None for numbers that are not figures)."""
    candidates = []
    numbers = find_number_spans(text, segmentation(text).number_tokens)  # the article's number view
    numbers = sorted(numbers + _article_amounts(text), key=lambda n: n.start)
    for num in numbers:
        if candidates and candidates[-1].figure and num.start < candidates[-1].figure.end:
            continue  # the cents of "15 Dollar und 15 Cent", already in the amount
        candidates.append(Candidate(num, classify(text, num)))
    return candidates


def is_bare(text: str, cand: Candidate) -> bool:
    """A number with nothing after it that names a unit (it may still get one from context)."""
    num = cand.number
    return cand.figure is None and not _is_date_like(text, num) and not _followed_by_time_unit(text, num.end)


def infer_currency(text: str, candidates: list[Candidate]) -> None:
    """``Etwa 13 Milliarden stammten …`` after dollar amounts: the same currency, marked inferred."""
    last_money: Figure | None = None
    for cand in candidates:
        if cand.figure is not None and cand.figure.kind == "money":
            last_money = cand.figure
            continue
        num = cand.number
        if not is_bare(text, cand) or num.scale < _SCALE_FOR_INFERENCE:
            continue
        if last_money is not None and num.start - last_money.end <= _INFERENCE_WINDOW:
            cand.figure = Figure(num.start, num.end, text[num.start:num.end], kind="money",
                                 value=num.value, unit=last_money.unit, unit_inferred=True)
        else:
            cand.figure = Figure(num.start, num.end, text[num.start:num.end], kind="count", value=num.value)
