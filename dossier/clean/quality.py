"""Flags about damaged text: sentences cut off at the end of a paragraph."""
from __future__ import annotations

from dossier.clean.spans import SENTENCE_FINAL, paragraph_spans, sentence_spans
from dossier.model import Heading

# A sentence this short without final punctuation is more likely a caption,
# a score line or a list item than a cut-off sentence.
MIN_TRUNCATED_WORDS = 5


def _looks_cut_off(sentence: str) -> bool:
    """Ends mid-clause: on a comma or a lower-case word (``… für den Geldsauger von``).
    Tables, scores and captions end on numbers or names and are left alone."""
    if sentence[-1] in SENTENCE_FINAL or len(sentence.split()) < MIN_TRUNCATED_WORDS:
        return False
    last_word = sentence.split()[-1]
    return sentence[-1] == "," or (last_word.isalpha() and last_word.islower())


def truncated_sentences(text: str, headings: list[Heading], signed_ends: frozenset[int] = frozenset()
                        ) -> list[dict]:
    """``signed_ends``: clean offsets where a closing signature was removed —
    ``… zu erwarten (APA, 24.9.2015)`` often has no period before the signature."""
    heading_spans = {(h.start, h.end) for h in headings}
    flags = []
    for start, end in paragraph_spans(text):
        if (start, end) in heading_spans or end in signed_ends:
            continue
        last_start, last_end = sentence_spans(text, start, end)[-1]
        if _looks_cut_off(text[last_start:last_end]):
            flags.append({"type": "truncated_sentence", "start": last_start, "end": last_end})
    return flags
