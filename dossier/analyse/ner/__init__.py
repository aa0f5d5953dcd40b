"""Dossier's own German named-entity recogniser.

    recognise(text, backend="crf") -> list[Mention]   PER/ORG/LOC/MISC, sorted
    tokenize(text) -> list[(start, end)]               token character spans

The default backend is a CRF trained on GermEval 2014 with word clusters and
gazetteers (``dossier train ner``); its model ships in ``dossier/models/ner``
and is loaded lazily, once per process.  ``backend="spacy:NAME"`` runs a spaCy
pipeline the user installed instead.
"""
from __future__ import annotations

from dossier.errors import ConfigError
from dossier.model import Mention

from .consistency import propagate
from .decode import mentions_from_tags
from dossier.analyse.segment import segmentation
from dossier.analyse.segment.germeval import tokenize

__all__ = ["recognise", "tokenize", "Mention"]


def recognise(text: str, *, backend: str = "crf") -> list[Mention]:
    """Named-entity mentions in ``text``, sorted by position.

    Every mention satisfies ``text[m.start:m.end] == m.text``; ``m.score`` is
    the model's confidence, ``m.inside`` marks a name inside a compound
    (``Tesla`` in ``Tesla-Chef``).
    """
    if backend == "crf":
        return _recognise_crf(text)
    if backend.startswith("spacy:"):
        from .spacy_backend import recognise_spacy

        return recognise_spacy(text, backend.partition(":")[2])
    raise ConfigError(f"unknown NER backend {backend!r}",
                      hint='use backend="crf" or backend="spacy:<pipeline name or path>"')


def _recognise_crf(text: str) -> list[Mention]:
    from .model import load_default

    model = load_default()
    seg = segmentation(text)  # shared with the other stages of this article
    spans = seg.token_spans
    mentions: list[Mention] = []
    for first, last in seg.sentence_ranges:
        sentence = spans[first:last]
        words = [text[a:b] for a, b in sentence]
        tags, probs = model.tag_with_scores(words)
        mentions.extend(mentions_from_tags(text, sentence, tags, probs))
    return propagate(text, spans, mentions)
