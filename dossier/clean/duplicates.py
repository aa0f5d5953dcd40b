"""Passages printed twice: whole paragraphs (the second copy is removed) and
runs of sentences repeated inside a later paragraph (only flagged, because
cutting inside a paragraph could break the sentence around it)."""
from __future__ import annotations

from dossier.clean.spans import paragraph_spans, sentence_spans

# Short lines ("Foto: dpa", "Update") repeat legitimately; only longer
# passages count as duplicates.
MIN_PARAGRAPH_CHARS = 40
MIN_SENTENCE_WORDS = 6


def _key(text: str) -> str:
    return " ".join(text.split())


def exact_duplicate_paragraphs(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, first_start, first_end) for each later copy of a paragraph."""
    seen: dict[str, tuple[int, int]] = {}
    duplicates = []
    for start, end in paragraph_spans(text):
        key = _key(text[start:end])
        if len(key) < MIN_PARAGRAPH_CHARS:
            continue
        if key in seen:
            duplicates.append((start, end, *seen[key]))
        else:
            seen[key] = (start, end)
    return duplicates


def repeated_sentence_runs(text: str) -> list[dict]:
    """Flags for runs of sentences that already appeared earlier in the text."""
    first_seen: dict[str, int] = {}
    flags: list[dict] = []
    for p_start, p_end in paragraph_spans(text):
        run: dict | None = None
        for start, end in sentence_spans(text, p_start, p_end):
            key = _key(text[start:end])
            earlier = first_seen.get(key)
            if earlier is None or len(key.split()) < MIN_SENTENCE_WORDS:
                first_seen.setdefault(key, start)
                run = None
                continue
            if run is None:
                run = {"type": "duplicate_paragraph", "start": start, "end": end,
                       "first_start": earlier}
                flags.append(run)
            else:
                run["end"] = end
    return flags
