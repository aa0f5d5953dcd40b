"""Sentence spans by punctuation alone: the sentences the figure rules were built and measured on.

A sentence ends at ``.``/``!``/``?`` when whitespace (and closing quotes) and then a capital, an
opening quote or a digit follow, or at a blank line. A period after a listed abbreviation
(``abbreviation`` rows of ``resources/de/figure_function_words.tsv``: ``ca.``, ``Mrd.``, ``Dr.``)
or after a one-letter word does not end one.

It differs from the default sentences (:mod:`.germeval`) in four ways: a single line break does not
end a sentence; a period after a two-digit number does (``im 18. Bezirk``: no ordinal check); a
bracket after a period stays in the sentence (``… auf dem Konto. (APA, 1.12.2015)``); a period
with no space after it ends none (``f1.8``, ``treten.Ein``). Read with the default sentences, the
figure rules change 26 of 3,059 figures of 10kGNAD, 8 for the better and 12 for the worse
(docs/pipeline.md), so the figures stage keeps this split; it is computed once per text like the
other views (:attr:`dossier.analyse.segment.Segmentation.punctuation_sentences`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .data import resource_lines

_SENTENCE_END_RE = re.compile(r"[.!?](?=[\s\"“”«»]+[A-ZÄÖÜ„\"\d])|\n\s*\n")
_WORD_BEFORE_RE = re.compile(r"[\w.]*$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """The words whose period ends no sentence here, as written (``Mrd``, ``z.B``)."""
    rows = (line.split("\t") for line in resource_lines("figure_function_words.tsv"))
    return frozenset(row[0] for row in rows if row[1:2] == ["abbreviation"])


def punctuation_sentences(text: str) -> list[tuple[int, int]]:
    """Character ranges ``(start, end)`` that tile ``text``, one per sentence."""
    listed = abbreviations()
    bounds, start = [], 0
    for match in _SENTENCE_END_RE.finditer(text):
        word = _WORD_BEFORE_RE.search(text[max(0, match.start() - 8):match.start()]).group()
        if match.group() == "." and (word in listed or len(word) == 1):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds
