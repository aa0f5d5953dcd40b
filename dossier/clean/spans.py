"""Paragraph and sentence spans over the clean text (offsets into it)."""
from __future__ import annotations

import re

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets)
# when whitespace and an upper-case letter, digit or opening quote follow.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"“”»«)]*(?=\s+[\"„“»«(A-ZÄÖÜ0-9])")
# Abbreviations whose period does not end a sentence.
_NO_END_BEFORE = re.compile(r"(?:\b(?:Dr|Prof|Nr|St|bzw|ca|z\.\s?B|u\.\s?a|etc|vgl|Mio|Mrd|Jan|Feb|Okt|Nov|Dez)|\b[A-Z])\.$")

SENTENCE_FINAL = ".!?…\"“”»«)'’:"


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > pos:
            spans.append((pos, match.start()))
        pos = match.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences inside ``text[start:end]`` (a paragraph), as clean offsets."""
    spans = []
    pos = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _NO_END_BEFORE.search(text, max(pos, match.start() - 6), match.start()):
            continue
        spans.append((pos, match.end()))
        pos = match.end()
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end:
        spans.append((pos, end))
    return spans
