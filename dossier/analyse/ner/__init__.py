"""Dossier's own German named-entity recogniser.

    recognise(text, backend="crf") -> list[Mention]   PER/ORG/LOC/MISC, sorted
    tokenize(text) -> list[(start, end)]               token character spans

The default backend is a CRF trained on GermEval 2014 with word clusters and
gazetteers (``dossier train ner``); its model ships in ``dossier/models/ner``
and is loaded lazily, once per process.  ``backend="accurate"`` runs the
BiLSTM-CRF over word vectors (``dossier train ner-accurate``, numpy only;
slower, more accurate; ``dossier/models/ner-accurate``).  ``backend="spacy:NAME"``
runs a spaCy pipeline the user installed instead.  Without ``backend`` the
environment variable ``DOSSIER_NER`` chooses (``crf`` when unset), so that
``dossier ingest --ner accurate`` reaches the stage in every worker process.
"""
from __future__ import annotations

import os

from dossier.errors import ConfigError
from dossier.model import Mention

from .consistency import propagate
from .decode import mentions_from_tags
from dossier.analyse.segment import segmentation
from dossier.analyse.segment.germeval import tokenize

__all__ = ["recognise", "tokenize", "Mention", "default_backend"]

BACKEND_VARIABLE = "DOSSIER_NER"


def default_backend() -> str:
    """The backend named by ``DOSSIER_NER`` (``crf``, ``accurate`` or ``spacy:NAME``); ``crf`` when unset."""
    return os.environ.get(BACKEND_VARIABLE, "").strip() or "crf"


def recognise(text: str, *, backend: str | None = None) -> list[Mention]:
    """Named-entity mentions in ``text``, sorted by position.

    Every mention satisfies ``text[m.start:m.end] == m.text``; ``m.score`` is
    the model's confidence, ``m.inside`` marks a name inside a compound
    (``Tesla`` in ``Tesla-Chef``).
    """
    if backend is None:
        backend = default_backend()
    if backend == "crf":
        from .model import load_default

        return _recognise_with(load_default(), text)
    if backend == "accurate":
        from .neural import load_accurate

        return _recognise_with(load_accurate(), text)
    if backend.startswith("spacy:"):
        from .spacy_backend import recognise_spacy

        return recognise_spacy(text, backend.partition(":")[2])
    raise ConfigError(f"unknown NER backend {backend!r}",
                      hint='use backend="crf", "accurate" or "spacy:<pipeline name or path>" '
                           f'(or set {BACKEND_VARIABLE} to one of them)')


def _recognise_with(model, text: str) -> list[Mention]:
    """Mentions by a tagging model: the CRF (one sentence at a time) or the accurate one
    (``tag_sentences``: all sentences of the article in a few batches)."""
    seg = segmentation(text)  # shared with the other stages of this article
    spans = seg.token_spans
    sentences = [spans[first:last] for first, last in seg.sentence_ranges]
    words = [[text[a:b] for a, b in sentence] for sentence in sentences]
    if hasattr(model, "tag_sentences"):
        tagged = model.tag_sentences(words)
    else:
        tagged = [model.tag_with_scores(w) for w in words]
    mentions: list[Mention] = []
    for sentence, (tags, probs) in zip(sentences, tagged):
        mentions.extend(mentions_from_tags(text, sentence, tags, probs))
    return propagate(text, spans, mentions)
