"""SmartData (DFKI, CC BY 4.0) news as extra NER training sentences.

SmartData annotates people, organisations and (fine-grained) locations in
business and mobility news, but not GermEval's OTH class nor ``-deriv``
adjectives.  So we map its types to PER/ORG/LOC, keep only news/RSS
documents (no tweets), only sentences with at least one entity, and drop
sentences that contain a word GermEval training tags mostly as OTH or
``-deriv`` - there the SmartData "O" would teach the CRF the wrong thing.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Iterator

from dossier.analyse.segment.germeval import split_sentences, tokenize

from .germeval import Sentence

TYPE_MAP = {
    "person": "PER",
    "organization": "ORG", "organization-company": "ORG",
    "location": "LOC", "location-city": "LOC", "location-street": "LOC",
    "location-stop": "LOC", "location-route": "LOC",
}
SOURCES = ("news", "rss")


def smartdata_sentences(folder: Path, *, conflicting_words: set[str]) -> list[Sentence]:
    seen: set[str] = set()
    sentences: list[Sentence] = []
    for path in sorted(folder.glob("*.jsonl.gz")):
        for doc in _documents(path):
            text = doc.get("text") or ""
            if text in seen:  # v1 and v3 share documents
                continue
            seen.add(text)
            for words, tags in _tagged_sentences(text, doc.get("conceptMentions") or []):
                if any(t != "O" for t in tags) and not conflicting_words.intersection(words):
                    sentences.append((words, tags))
    return sentences


def _documents(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if (doc.get("refids") or {}).get("source") in SOURCES:
                yield doc


def _tagged_sentences(text: str, mentions: list[dict]) -> Iterator[Sentence]:
    spans = tokenize(text)
    tags = ["O"] * len(spans)
    starts = {s: i for i, (s, _) in enumerate(spans)}
    for mention in mentions:
        label = TYPE_MAP.get(mention.get("type"))
        span = mention.get("span") or {}
        start, end = span.get("start"), span.get("end")
        if label is None or start not in starts:
            continue
        first = starts[start]
        last = first
        while last < len(spans) and spans[last][1] < end:
            last += 1
        if last >= len(spans):
            continue
        if spans[last][1] != end:
            # The name is the front of a compound token: "Maserati-Chef".
            if last == first and text[end:end + 1] == "-":
                tags[first] = f"B-{label}part"
            continue
        tags[first] = f"B-{label}"
        for i in range(first + 1, last + 1):
            tags[i] = f"I-{label}"
    for first, last in split_sentences(text, spans):
        yield [text[a:b] for a, b in spans[first:last]], tags[first:last]


def conflicting_words(sentences: list[Sentence]) -> set[str]:
    """Words GermEval training tags mostly as OTH or ``-deriv`` (which SmartData leaves O)."""
    from collections import Counter, defaultdict

    counts: dict[str, Counter] = defaultdict(Counter)
    for words, tags in sentences:
        for word, tag in zip(words, tags):
            counts[word][tag[2:] if tag != "O" else "O"] += 1
    found = set()
    for word, c in counts.items():
        bad = sum(n for k, n in c.items() if k.startswith("OTH") or k.endswith("deriv"))
        if bad * 2 > sum(c.values()):
            found.add(word)
    return found
