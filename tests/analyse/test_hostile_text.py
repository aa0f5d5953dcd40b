"""Hostile text through the cleaner, the offset map and every analysis stage: combining marks,
emoji (with skin tones and joiners), right-to-left text and marks, zero-width characters, nested
and unbalanced quotes, very long lines. Only documented errors, never a stage crash, and every
offset of every layer inside the clean text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.analyse import build_pipeline
from dossier.engines.base import process_document
from dossier.errors import InputError
from dossier.model import RawDocument

GERMAN_WORDS = ["Die", "Stadt", "Bremen", "plant", "„einen", "neuen“", "Hafen", "sagte", "Anna", "Berger",
                "am", "Montag.", "Der", "Umsatz", "stieg", "um", "12", "Prozent", "auf", "3,5", "Millionen",
                "Euro.", "»Wir", "warten", "nicht«,", "erklärte", "die", "Nordwerk", "AG", "2024."]
HOSTILE = ["\u0301", "\u0308\u0323", "👍🏽", "👩\u200d👩\u200d👧", "🇩🇪", "\u200b", "\u200c", "\u200d", "\u2060",
           "\ufeff", "\u202e", "\u202c", "\u200f", "שלום", "مرحبا", "„", "“", "”", "«", "»", "‚", "‘", "\"", "'",
           "„„", "““", "\u00ad", "\u2028", "\u2029", "\x85", "\t", "\r", "\n", "\n\n", "\U0001d400", "\ufffd"]


@st.composite
def hostile_texts(draw) -> str:
    tokens = draw(st.lists(st.one_of(st.sampled_from(GERMAN_WORDS), st.sampled_from(HOSTILE)),
                           min_size=8, max_size=120))
    text = " ".join(tokens)
    if draw(st.booleans()):  # one very long line: a sentence repeated without a break
        text += " " + " ".join(draw(st.lists(st.sampled_from(GERMAN_WORDS), min_size=5, max_size=10))) * 60
    return text


def _spans(value):
    """(start, end, text or None) of every dict/object with integer start/end inside a layer."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
            yield value["start"], value["end"], value.get("text") if isinstance(value.get("text"), str) else None
        for inner in value.values():
            yield from _spans(inner)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            yield from _spans(inner)


PIPELINE = build_pipeline()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_texts())
def test_hostile_text_is_analysed_without_crash_and_with_valid_offsets(raw):
    processed = process_document(RawDocument(raw, "prop"), PIPELINE)
    if processed.failure is not None:
        assert processed.failure.reason in {cls.__name__ for cls in _input_errors()}, processed.failure
        return
    assert processed.analysis_problem is None, processed.analysis_problem
    article = processed.article
    text = article.text
    assert article.offset_map.clean_length == len(text)
    export = article.to_dict() if hasattr(article, "to_dict") else None
    layers = export or {}
    for name, layer in layers.items():
        if name in {"text", "raw_text", "offset_map", "removed"}:
            continue
        for start, end, quoted in _spans(layer):
            assert 0 <= start <= end <= len(text), (name, start, end, len(text))
            if quoted is not None and name in {"mentions", "quotes", "times", "figures"}:
                assert text[start:end] == quoted or quoted in text, (name, start, end, quoted)


def _input_errors():
    seen, todo = set(), [InputError]
    while todo:
        cls = todo.pop()
        seen.add(cls)
        todo.extend(cls.__subclasses__())
    return seen
