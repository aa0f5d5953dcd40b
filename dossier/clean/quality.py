"""Flags about damaged text: sentences cut off at the end of a paragraph."""
from __future__ import annotations

from dossier.clean.spans import SENTENCE_FINAL, paragraph_spans, sentence_spans
from dossier.model import Heading

# A paragraph this short without final punctuation is more likely a heading or
# a list item than a cut-off sentence.
MIN_TRUNCATED_WORDS = 8


def truncated_sentences(text: str, headings: list[Heading]) -> list[dict]:
    heading_spans = {(h.start, h.end) for h in headings}
    flags = []
    for start, end in paragraph_spans(text):
        if (start, end) in heading_spans or text[end - 1] in SENTENCE_FINAL:
            continue
        if len(text[start:end].split()) < MIN_TRUNCATED_WORDS:
            continue
        last_start, last_end = sentence_spans(text, start, end)[-1]
        flags.append({"type": "truncated_sentence", "start": last_start, "end": last_end})
    return flags
