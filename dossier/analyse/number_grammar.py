"""The grammar of German number words: morphemes from data, composed by rules.

A number word is split into morphemes listed in ``resources/de/number_words.tsv``
(``drei`` unit, ``hundert`` hundred, ``vier`` unit, ``und`` joiner, ``zwanzig`` ten,
``tausend`` thousand …) and the sequence is checked and valued by :func:`evaluate`,
so ``dreihundertvierundzwanzigtausend`` needs no entry of its own. Beside the
cardinal parts the data holds

- inflection endings (class ``ending``; the value is the largest cardinal that takes
  it): ``zweien``, ``dreien`` (dative), ``zweier``, ``dreier`` (genitive);
- fraction denominators (``halb``, ``Drittel`` … ``Zwölftel``) and the suffixes that
  build the others from a cardinal (class ``denominator``; the value is the smallest
  cardinal that takes it): ``dreizehn+tel``, ``zwanzig+stel``, ``tausend+stel``;
- ``-einhalb`` and ``anderthalb`` (a whole and a half).

:func:`fraction_value` values a word that holds a fraction: ``dreiviertel`` (3/4),
``dreieinviertel`` (3 1/4), ``zweidreiviertel`` (2 3/4), ``Viertelmillion`` (1/4 · 10⁶).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Morpheme", "Invalid", "lexicon", "word_starts", "word_class", "lex_word", "evaluate", "has_quantity",
           "fraction_value", "fraction_prefix"]

# (class, value, inside a longer word)
Morpheme = tuple[str, float, bool]


@dataclass(frozen=True)
class Entry:
    value: float
    cls: str


class Invalid(Exception):
    """A morpheme sequence that is not one well-formed German number."""


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Entry]:
    text = resources.files("dossier.resources.de").joinpath("number_words.tsv").read_text("utf-8")
    entries = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, value, cls = line.split("\t")
        entries[word] = Entry(float(value), cls)
    return entries


@lru_cache(maxsize=None)
def _affixes(cls: str) -> tuple[tuple[str, float], ...]:
    """Endings or denominator suffixes, longest first."""
    rows = [(word.lstrip("-"), e.value) for word, e in lexicon().items() if e.cls == cls]
    return tuple(sorted(rows, key=lambda row: len(row[0]), reverse=True))


@lru_cache(maxsize=1)
def word_starts() -> frozenset[str]:
    """The first three letters of every word that can begin a number (a quick no for the rest)."""
    return frozenset(word[:3] for word, entry in lexicon().items() if entry.cls not in ("ending", "denominator"))


def word_class(word: str) -> str | None:
    entry = lexicon().get(word.lower())
    return entry.cls if entry else None


# Morphemes that may appear inside a compound number word.
_COMPOUND_CLASSES = {"unit", "teen", "ten", "hundred", "thousand", "scale", "joiner",
                     "and_half", "whole_half", "fraction"}


@lru_cache(maxsize=8192)
def lex_word(word: str) -> tuple[Morpheme, ...] | None:
    """Split one lower-case word into number morphemes ``(class, value, in_word)``.

    A whole word is tried first (so ``eine`` is the article, ``sechzehn`` a teen); then a
    denominator built with a suffix from a whole cardinal (``dreizehntel`` is 1/13, not
    3/10; ``dreihundertstel`` 1/300); otherwise the longest morpheme that lets the rest
    split too; then a cardinal with an inflection ending (``zweien``).
    """
    entries = lexicon()
    whole = entries.get(word)
    if whole is not None and whole.cls not in ("ending", "denominator"):
        return ((whole.cls, whole.value, False),)
    built = _built_denominator(word)
    if built:
        return built
    parts = _split_any(word)
    if parts:
        return tuple((cls, value, True) for cls, value in parts)
    return _inflected(word)


def _split_any(word: str) -> list[tuple[str, float]] | None:
    entries = lexicon()
    parts = _split_compound(word.replace("ß", "ss") if "ss" in word else word, entries)
    if parts is None and "ß" in word:
        parts = _split_compound(word, entries)
    return parts


def _split_compound(word: str, entries: dict[str, Entry]) -> list[tuple[str, float]] | None:
    if not word:
        return []
    candidates = [w for w in _compound_morphemes().get(word[0], ()) if word.startswith(w)]
    for piece in candidates:  # longest first
        rest = _split_compound(word[len(piece):], entries)
        if rest is not None:
            entry = entries[piece]
            cls = "unit" if entry.cls == "article" else entry.cls
            return [(cls, entry.value)] + rest
    return None


@lru_cache(maxsize=1)
def _compound_morphemes() -> dict[str, tuple[str, ...]]:
    """The morphemes that may stand inside a word, by first letter, longest first."""
    entries = lexicon()
    # Article forms count as "one" inside a word: "einhundert", "tausendundeine Nacht".
    forms = sorted((w for w, e in entries.items() if e.cls in _COMPOUND_CLASSES or e.cls == "article"),
                   key=len, reverse=True)
    by_initial: dict[str, list[str]] = {}
    for form in forms:
        by_initial.setdefault(form[0], []).append(form)
    return {initial: tuple(group) for initial, group in by_initial.items()}


def _inflected(word: str) -> tuple[Morpheme, ...] | None:
    """``zweien``, ``dreier``: a cardinal of at most the ending's value, with that ending."""
    for ending, largest in _affixes("ending"):
        if not word.endswith(ending) or len(word) <= len(ending) + 2:
            continue
        stem = lexicon().get(word[:-len(ending)])
        if stem and stem.cls in ("unit", "teen") and 2 <= stem.value <= largest:
            return ((stem.cls, stem.value, False),)
    return None


def _built_denominator(word: str) -> tuple[Morpheme, ...] | None:
    """``dreizehntel``, ``einundzwanzigstel``, ``tausendstel``: a cardinal + suffix."""
    for suffix, smallest in _affixes("denominator"):
        if not word.endswith(suffix) or len(word) <= len(suffix) + 2:
            continue
        parts = _split_any(word[:-len(suffix)])
        if not parts or any(cls not in ("unit", "teen", "ten", "hundred", "thousand", "joiner", "scale")
                            for cls, _ in parts):
            continue
        try:
            denominator = evaluate([(cls, value, True) for cls, value in parts])
        except Invalid:
            continue
        if denominator >= smallest:
            return (("fraction", denominator, False),)
    return None


def _check_unit(cls, value, small, count) -> None:
    if small is not None or (cls == "unit" and value == 0 and count > 1):
        raise Invalid


def evaluate(morphemes: list[Morpheme]) -> float:
    """Value of a well-formed cardinal morpheme sequence; raises Invalid otherwise."""
    total = chunk = group = 0.0
    small = None          # the below-100 part of the current group, once set
    has_hundred = has_thousand = False
    last_scale = None
    prev = None
    for i, (cls, value, in_word) in enumerate(morphemes):
        nxt = morphemes[i + 1][0] if i + 1 < len(morphemes) else None
        if cls in ("unit", "article", "teen", "whole_half"):
            _check_unit(cls, value, small, len(morphemes))
            small = value
            group += value
        elif cls == "ten":
            if small is not None and not (prev == "joiner" and small < 10):
                raise Invalid
            small = (small or 0) + value
            group += value
        elif cls == "joiner":
            after_unit = prev in ("unit", "article") and nxt == "ten"
            after_round = in_word and prev in ("hundred", "thousand") and nxt in ("unit", "teen", "ten")
            if not (after_unit or after_round):
                raise Invalid
        elif cls == "hundred":
            if has_hundred or (small is not None and small >= 20):
                raise Invalid
            group = (small if small is not None else 1) * 100
            small, has_hundred = None, True
        elif cls == "thousand":
            if has_thousand:
                raise Invalid
            chunk = (group or 1) * 1000
            group, small, has_hundred, has_thousand = 0.0, None, False, True
        elif cls == "scale":
            if last_scale is not None and value >= last_scale:
                raise Invalid
            total += ((chunk + group) or 1) * value
            chunk = group = 0.0
            small, has_hundred, has_thousand, last_scale = None, False, False, value
        elif cls == "and_half":
            if group == 0 or group != int(group):
                raise Invalid
            group += 0.5
            small = small if small is not None else 0
        else:
            raise Invalid
        prev = cls
    if prev == "joiner":
        raise Invalid
    return total + chunk + group


def has_quantity(morphemes) -> bool:
    """A lone article or a lone plural scale ("Millionen Menschen") is not a number."""
    classes = {cls for cls, _, _ in morphemes}
    return bool(classes & {"unit", "teen", "ten", "hundred", "thousand", "whole_half"}) or \
        {"article", "scale"} <= classes


def fraction_value(before: list[Morpheme], lexed: tuple[Morpheme, ...]) -> tuple[float, float] | None:
    """``(value, scale)`` of a word ``lexed`` holding a fraction, after the words ``before``.

    ``before`` are the morphemes of the number words in front (``drei`` in ``drei Viertel``,
    the article in ``eine halbe``); inside the word, a numerator may stand before the
    denominator and a whole number before that (``zweidreiviertel``, ``dreieinviertel``),
    and a scale after it (``Viertelmillion``). ``scale`` is that inner scale (1 without).
    None when the parts do not make a fraction.
    """
    at = next(k for k, (cls, _, _) in enumerate(lexed) if cls == "fraction")
    head, tail = list(lexed[:at]), lexed[at + 1:]
    if len(tail) > 1 or (tail and tail[0][0] != "scale"):
        return None
    scale = tail[0][1] if tail else 1.0
    denominator = lexed[at][1]
    whole = 0.0
    if head and [cls for cls, _, _ in before] == ["article"]:
        before = []  # "eine Dreiviertelmillion": the article goes with the noun
    if before and head:
        return None  # "zwei dreiviertel": two numbers, not one
    if len(head) >= 2 and head[-1][0] == "unit" and head[-1][1] < denominator:
        try:
            whole = evaluate(head[:-1])
        except Invalid:
            return None
        head = head[-1:]
    parts = before or head
    if not parts:
        return None if not tail else (scale / denominator, scale)  # "Viertelmillion"
    try:
        numerator = evaluate(parts)
    except Invalid:
        return None
    if numerator != int(numerator) or not 0 < numerator < 1000 or (whole and numerator >= denominator):
        return None
    return (whole + numerator / denominator) * scale, scale


def fraction_prefix(word: str) -> tuple[int, float] | None:
    """``Viertelprozentpunkt``: the length and denominator of a fraction that begins a longer
    word (the caller checks what follows it)."""
    low = word.lower()
    for form in _compound_morphemes().get(low[:1], ()):
        entry = lexicon()[form]
        if entry.cls == "fraction" and low.startswith(form) and len(low) > len(form):
            return len(form), entry.value
    return None
