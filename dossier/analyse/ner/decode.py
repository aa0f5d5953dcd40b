"""From token tags to :class:`~dossier.model.Mention` objects over the text.

GermEval tags carry two extra flavours besides PER/ORG/LOC/OTH:

* ``-part``: the entity is part of a larger token (``Tesla-Aktie``,
  ``US-Präsidenten``).  For the knowledge base we emit the entity inside it
  (``Tesla``, ``US``) as a mention with ``inside=True``.
* ``-deriv``: a word derived from a name (``deutschen``, ``Merkelsche``); it
  is an adjective, not a mention of the entity, so it is dropped.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Sequence

from dossier.eval.ner import chunks
from dossier.model import Mention

LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC", "MISC": "MISC"}


@lru_cache(maxsize=1)
def part_prefixes() -> frozenset[str]:
    """Compound heads that are never the entity (``Ex``-Tesla-Chef, ``Anti``-Trump-Kurs)."""
    path = resources.files("dossier.resources.de").joinpath("ner_part_prefixes.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def stop_mentions() -> frozenset[str]:
    """MISC mentions that are no knowledge-base entities (``Euro``, ``Dollar``)."""
    path = resources.files("dossier.resources.de").joinpath("ner_stop_mentions.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def mentions_from_tags(text: str, spans: Sequence[tuple[int, int]], tags: Sequence[str],
                       probs: Sequence[float]) -> list[Mention]:
    """Mentions for one tagged sentence; ``spans`` are the tokens' character spans."""
    found: list[Mention] = []
    for first, last, kind in _split_chunks(text, spans, chunks(tags)):
        base, flavour = kind[:3], kind[3:]
        label = LABELS.get(base)
        if label is None or flavour == "deriv":
            continue
        score = sum(probs[first:last]) / (last - first)
        start, end = spans[first][0], spans[last - 1][1]
        if flavour == "part":
            inner = inner_entity(text, start, end)
            if inner is not None:
                found.append(Mention(inner[0], inner[1], text[inner[0]:inner[1]], label,
                                     score=score, inside=True))
            continue
        if label == "MISC" and text[start:end] in stop_mentions():
            continue
        found.append(Mention(start, end, text[start:end], label, score=score))
    return found


SEPARATORS = frozenset({"/", "(", ")", "?", "!", ";", ":"})


def _split_chunks(text: str, spans: Sequence[tuple[int, int]],
                  found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Repair chunk shapes the CRF produces on news text.

    * ``DeepMind/Google`` or ``Google und Facebook (jetzt Meta`` as one chunk:
      a slash, bracket or sentence mark separates names; each piece keeps the
      label, trimmed of lower-case words at its edges (``jetzt``).
    * ``X-CEO Linda Yaccarino`` as one PER: a leading role compound
      (head in ``ner_part_heads.txt``) is not part of the name; it is dropped
      from the chunk (the consistency pass may add its inner name).
    """
    repaired = []
    for first, last, kind in found:
        words = [text[a:b] for a, b in spans[first:last]]
        if last - first > 1 and "-" in words[0] and words[0].rsplit("-", 1)[1] in part_heads():
            first, words = first + 1, words[1:]
        if SEPARATORS.isdisjoint(words):
            repaired.append((first, last, kind))
            continue
        begin = first
        for i, word in enumerate(words + ["/"]):
            if word in SEPARATORS:
                repaired.extend(_trimmed(words, first, begin, first + i, kind))
                begin = first + i + 1
    return repaired


def _trimmed(words: list[str], offset: int, begin: int, end: int, kind: str):
    while begin < end and not _starts_name(words[begin - offset]):
        begin += 1
    while end > begin and not _starts_name(words[end - 1 - offset]):
        end -= 1
    return [(begin, end, kind)] if end > begin else []


def _starts_name(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


@lru_cache(maxsize=1)
def part_heads() -> frozenset[str]:
    path = resources.files("dossier.resources.de").joinpath("ner_part_heads.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def inner_entity(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Character span of the name inside a compound such as ``Ex-Tesla-Chef``.

    German compounds put the modifier first, so the name is the first
    hyphen-separated piece that is not a generic prefix; a multi-word chunk
    (``New York-Reise``) keeps everything before the last hyphen.
    """
    pieces = _pieces(text, start, end)
    prefixes = part_prefixes()
    while len(pieces) > 1 and (pieces[0][2].lower() in prefixes or not pieces[0][2][:1].isupper()):
        pieces = pieces[1:]
    if len(pieces) < 2:
        return None
    if " " in text[pieces[0][0]:pieces[-1][1]]:
        # "New York-Reise": the name is everything up to the last hyphen.
        return pieces[0][0], pieces[-2][1]
    return pieces[0][0], pieces[0][1]


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    pieces = []
    begin = start
    for i in range(start, end + 1):
        if i == end or text[i] == "-":
            if i > begin:
                pieces.append((begin, i, text[begin:i]))
            begin = i + 1
    return pieces
