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

from dossier.model import Mention

Chunk = tuple[int, int, str]


def chunks(tags: Sequence[str]) -> list[Chunk]:
    """``(start, end, label)`` token ranges of the chunks in a BIO tag sequence."""
    found: list[Chunk] = []
    start, label = -1, ""
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, kind = tag.partition("-")
        opens = prefix == "B" or (prefix == "I" and kind != label)
        if label and (prefix == "O" or opens or tag == "O"):
            found.append((start, i, label))
            label = ""
        if opens:
            start, label = i, kind
    return found


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


@lru_cache(maxsize=1)
def adverb_suffixes() -> tuple[str, ...]:
    """Derivational endings of adjectives/adverbs that names rarely have (``-isch``, ``-los``)."""
    path = resources.files("dossier.resources.de").joinpath("ner_adverb_suffixes.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def drop_function_word_names(words: Sequence[str], tags: list[str]) -> list[str]:
    """Untag a one-token name at the start of a sentence that is an ordinary word.

    Capitalised only because it opens the sentence, ``Meiner`` (Meinung nach),
    ``Kürzlich`` or ``Grafisch`` looks like an unknown name to the CRF.  A
    one-token chunk at position 0 (or 1, after an opening quote or dash) becomes
    ``O`` when its lower-cased form is a function word (``ner_function_words.txt``)
    or, for a plain PER/ORG/LOC/OTH chunk, an adjective or adverb of HanTa's lexicon
    that HanTa never saw as a name and that has a derivational ending
    (``ner_adverb_suffixes.txt``: -isch, -los, -wegs ...; plain adjectives like
    ``Kurz`` are often surnames).  Longer chunks, and ``-part``/``-deriv`` chunks of
    the second kind (``Europaweit``), are left alone.
    """
    if not tags or (tags[0] == "O" and (len(tags) < 2 or tags[1] == "O")):
        return tags  # the common case, decided without a lookup
    from .features import function_words
    from .morph_lexicon import plain_words

    for first in (0, 1):
        if first >= len(tags) or not tags[first].startswith("B-"):
            continue
        if first == 1 and words[0][:1].isalnum():
            break
        single = first + 1 == len(tags) or not tags[first + 1].startswith("I-")
        lower = words[first].lower()
        if single and (lower in function_words()
                       or (len(tags[first]) == 5 and lower.endswith(adverb_suffixes())
                           and lower in plain_words())):
            tags = list(tags)
            tags[first] = "O"
        break
    return tags


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
