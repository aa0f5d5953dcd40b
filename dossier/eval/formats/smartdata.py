"""The DFKI SmartData corpus (CC BY 4.0): its JSONL documents, gold entity mentions and
relation mentions, and its news as extra NER training sentences.

    read_documents(path) -> documents (dicts), a bad line an EvalError with its location
    gold_mentions(doc) -> [Mention] of person/organisation/location conceptMentions
    gold_relations(doc, names) -> [{type, trigger, args}] of the relationMentions named

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
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

from dossier.analyse.segment.germeval import split_sentences, tokenize
from dossier.errors import EvalError
from dossier.model import Mention

from .germeval import Sentence

TYPE_MAP = {
    "person": "PER",
    "organization": "ORG", "organization-company": "ORG",
    "location": "LOC", "location-city": "LOC", "location-street": "LOC",
    "location-stop": "LOC", "location-route": "LOC",
}
SOURCES = ("news", "rss")


def read_documents(path: str | Path) -> Iterator[dict]:
    """The documents of a SmartData JSONL file (gzipped or not), one per line."""
    opener = gzip.open if str(path).endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EvalError(f"{path} line {number}: not JSON ({exc.msg})", location=f"{path}:{number}") from exc
    except (OSError, EOFError) as exc:
        raise EvalError(f"cannot read {path}: {exc}", location=str(path)) from exc


def _label(concept_type: str | None) -> str | None:
    # v1 writes "organization-company", v3 "ORGANIZATION_COMPANY"
    return TYPE_MAP.get((concept_type or "").lower().replace("_", "-"))


def gold_mentions(doc: dict) -> list[Mention]:
    """The document's person, organisation and location mentions, in text order."""
    text = doc.get("text") or ""
    found = []
    for cm in doc.get("conceptMentions") or []:
        label = _label(cm.get("type"))
        span = cm.get("span") or {}
        if label and span.get("end", 0) > span.get("start", 0):
            found.append(Mention(span["start"], span["end"], text[span["start"]:span["end"]], label))
    return sorted(found, key=lambda m: m.start)


def gold_relations(doc: dict, names: Iterable[str]) -> list[dict]:
    """The relation mentions of the types ``names`` as ``{type, trigger: [(s, e)], args: {role: [(s, e)]}}``."""
    wanted = set(names)
    out = []
    for rel in doc.get("relationMentions") or []:
        if rel.get("name") not in wanted:
            continue
        args: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for arg in rel.get("args") or []:
            span = (arg.get("conceptMention") or {}).get("span") or {}
            args[arg.get("role")].append((span.get("start"), span.get("end")))
        out.append({"type": rel["name"], "trigger": args.pop("trigger", []), "args": dict(args)})
    return out


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
    for doc in read_documents(path):
        if (doc.get("refids") or {}).get("source") in SOURCES:
            yield doc


def _tagged_sentences(text: str, mentions: list[dict]) -> Iterator[Sentence]:
    spans = tokenize(text)
    tags = ["O"] * len(spans)
    starts = {s: i for i, (s, _) in enumerate(spans)}
    for mention in mentions:
        label = TYPE_MAP.get(mention.get("type"))  # v1 type names only (v3 dev is for scoring)
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
