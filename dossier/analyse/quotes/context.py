"""The circumstances of a statement: medium, time, and whether the article disputes it.

They are read from the sentence that carries the cue (``In einer E-Mail vom
Dezember 2018 deutete er … an``). A quote without a cue of its own (a quoted
sentence continuing the last speaker) inherits them from the quote it continues.
"""
from __future__ import annotations

import re
from functools import lru_cache

from dossier.model import Quote, TimeExpr

from .lexicon import disputed_phrases, media, time_words


@lru_cache(maxsize=1)
def _media_re() -> re.Pattern:
    words = sorted(media(), key=len, reverse=True)
    # The medium word alone or as the head of a compound (Fernsehinterview, Telefonkonferenz).
    return re.compile(r"\b\w*?(" + "|".join(re.escape(w.lower()) for w in words) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _time_re() -> re.Pattern:
    names = "|".join(time_words())
    return re.compile(
        rf"\b(?:[Ii]m|[Vv]om|[Aa]m|[Ii]n diesem|[Ss]eit)\s+(?:Jahr\s+)?"
        # a weekday may carry its part of the day (am Montagabend)
        rf"(?:(?:{names})(?:abend|morgen|mittag|nachmittag|vormittag)?(?:\s+\d{{4}})?|\d{{4}})\b")


def _medium(sentence: str) -> str | None:
    table = {k.lower(): v for k, v in media().items()}
    for m in _media_re().finditer(sentence):
        word = m.group(0)
        if not word[:1].isupper():
            continue  # media words are nouns
        label = table[m.group(1).lower()]
        if label == "Post" and re.search(r"\bauf X\b", sentence):
            return "Post auf X"
        return label
    if re.search(r"\bauf (?:X|Twitter)\b", sentence):
        return "Post auf X"
    return None


def _said_at(sentence_start: int, sentence_end: int, sentence: str,
             times: list[TimeExpr]) -> tuple[str | None, str | None]:
    """(when, the id of the time expression it came from, if any)."""
    for t in times:
        if sentence_start <= t.start and t.end <= sentence_end:
            return t.value or t.text, t.id
    m = _time_re().search(sentence)
    return (m.group(0) if m else None), None


def _disputed(sentence: str) -> bool:
    low = sentence.lower()
    return any(re.search(r"\b" + re.escape(p) + r"\b", low) for p in disputed_phrases())


def occasion(q: Quote, text: str, sentence_start: int, sentence_end: int, times: list[TimeExpr],
             previous: Quote | None) -> None:
    """Fill ``q.medium``, ``q.said_at`` and ``q.disputed`` from the sentence around it."""
    lo = min(sentence_start, q.start)
    hi = max(sentence_end, q.end)
    # Only the part outside the quote describes the occasion; the quote's own words do not.
    outside = text[lo:q.start] + " " + text[q.end:hi]
    if q.kind == "reported":  # a reported act is the narrator's words: all of it describes the occasion
        outside = text[lo:hi]
    q.disputed = _disputed(outside)
    if previous is not None and q.cue is None:
        # A quote without its own cue continues the previous statement and its occasion.
        q.medium, q.said_at, q.said_at_ref = previous.medium, previous.said_at, previous.said_at_ref
        return
    q.medium = _medium(outside)
    own_words = (q.start, q.end) if q.kind != "reported" else (0, 0)
    q.said_at, q.said_at_ref = _said_at(lo, hi, outside,
                                        [t for t in times if not (own_words[0] <= t.start < own_words[1])])
