"""Self-training: news sentences tagged by a first model, as extra training data.

GermEval 2014 is half Wikipedia; Dossier reads news.  A model trained on the
labeled data tags unlabeled 10kGNAD news and WikiWarsDE Wikipedia articles in
../shared/data, and
the sentences it is most sure about (CRF sequence probability >= MIN_PROB,
at least one name) are added to the training data of the final model.  The
second model then sees more news names in news contexts, and the training-data
lexicon learns them.  Only sentences the first model is confident about are
used, so most added labels are right; the gain is modest and measured in
docs/ner.md.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from dossier.analyse.segment.germeval import split_sentences, tokenize
from dossier.eval.formats.germeval import Sentence

from .corpus import gnad_articles

MIN_PROB = 0.9
MIN_TOKENS, MAX_TOKENS = 6, 60


def unlabeled_articles(shared: Path) -> Iterator[str]:
    """Unlabeled texts for self-training: 10kGNAD news articles and the WikiWarsDE
    Wikipedia articles (GermEval 2014 is half news, half Wikipedia)."""
    yield from gnad_articles(shared / "data" / "10kgnad" / "test.csv")
    for path in sorted((shared / "data" / "wikiwarsde" / "in").glob("*.sgm")):
        yield from _sgml_paragraphs(path.read_text(encoding="utf-8"))


def _sgml_paragraphs(document: str) -> Iterator[str]:
    """Paragraphs of the ``<TEXT>`` part of a WikiWarsDE ``.sgm`` file (tags removed)."""
    body = document.partition("<TEXT>")[2].partition("</TEXT>")[0]
    for paragraph in body.split("\n\n"):
        paragraph = " ".join(paragraph.split())
        if paragraph and "<" not in paragraph:
            yield paragraph


def pseudo_labelled(model, texts: Iterable[str], *, min_prob: float = MIN_PROB) -> list[Sentence]:
    """Sentences of ``texts`` with ``model``'s tags where it is confident and finds a name."""
    found: list[Sentence] = []
    seen: set[tuple[str, ...]] = set()
    for text in texts:
        spans = tokenize(text)
        for first, last in split_sentences(text, spans):
            if not MIN_TOKENS <= last - first <= MAX_TOKENS:
                continue
            words = [text[a:b] for a, b in spans[first:last]]
            key = tuple(words)
            if key in seen:
                continue
            seen.add(key)
            tags, prob = model.tag_with_probability(words)
            if prob >= min_prob and any(t != "O" for t in tags):
                found.append((words, tags))
    return found
