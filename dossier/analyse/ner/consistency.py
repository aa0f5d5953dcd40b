"""Document-level consistency: a name found confidently once is found everywhere.

A CRF decides each sentence on its own, so ``Musk`` may be tagged PER in one
sentence and missed in the next.  After tagging a whole text we collect the
confidently recognised names (and, for people, the surname alone: news text
says ``Elon Musk`` once and ``Musk`` after that) and add a mention at every
other occurrence of the same token sequence that no mention covers yet.
"""
from __future__ import annotations

from typing import Sequence

from dossier.model import Mention

from .decode import inner_entity, part_heads
from .gazetteers import gazetteer_tokens

CONFIDENT = 0.8
PROPAGATED_SCORE_FACTOR = 0.9


def propagate(text: str, spans: Sequence[tuple[int, int]], mentions: list[Mention]) -> list[Mention]:
    """``mentions`` plus the occurrences of confident names it missed, sorted."""
    names = _confident_names(mentions)
    if not names:
        return sorted(mentions + compound_names(text, spans, mentions, names), key=_order)
    mentions = [_relabel(m, names) for m in mentions]
    words = [text[a:b] for a, b in spans]
    covered = bytearray(len(text) + 1)
    for m in mentions:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    added: list[Mention] = []
    longest = max(len(k) for k in names)
    first_words = {k[0] for k in names}
    i = 0
    while i < len(words):
        if words[i] not in first_words:  # the cheap test for almost every token
            i += 1
            continue
        hit = None
        for size in range(min(longest, len(words) - i), 0, -1):
            key = tuple(words[i:i + size])
            if key in names:
                hit = size, names[key]
                break
        if hit is None:
            i += 1
            continue
        size, (label, score) = hit
        start, end = spans[i][0], spans[i + size - 1][1]
        if not any(covered[start:end]) and not _glued(text, start, end):
            added.append(Mention(start, end, text[start:end], label,
                                 score=score * PROPAGATED_SCORE_FACTOR))
        i += size
    added += compound_names(text, spans, mentions + added, names)
    return sorted(mentions + added, key=_order)


def compound_names(text: str, spans: Sequence[tuple[int, int]], mentions: list[Mention],
                   names: dict[tuple[str, ...], tuple[str, float]]) -> list[Mention]:
    """Inner names of compounds the tagger missed: ``Disney-Chef``, ``Musk-Fans``.

    Only for a compound whose head is a known role/finance noun
    (``ner_part_heads.txt``) and whose first piece is a name found elsewhere
    in the text or in the ORG/LOC gazetteers.
    """
    heads = part_heads()
    gazetteer = gazetteer_tokens()["full"]
    covered = {(m.start, m.end) for m in mentions}
    starts = {m.start for m in mentions}
    found = []
    for start, end in spans:
        if start in starts or "-" not in text[start:end]:
            continue
        if text[start:end].rsplit("-", 1)[1] not in heads:
            continue
        inner = inner_entity(text, start, end)
        if inner is None or inner in covered:
            continue
        name = text[inner[0]:inner[1]]
        if (name,) in names:
            label, score = names[(name,)][0], names[(name,)][1] * PROPAGATED_SCORE_FACTOR
        elif name in gazetteer["org"]:
            label, score = "ORG", 0.5
        elif name in gazetteer["loc"]:
            label, score = "LOC", 0.5
        else:
            continue
        found.append(Mention(inner[0], inner[1], name, label, score=score, inside=True))
    return found


def _confident_names(mentions: list[Mention]) -> dict[tuple[str, ...], tuple[str, float]]:
    names: dict[tuple[str, ...], tuple[str, float]] = {}
    conflicting: set[tuple[str, ...]] = set()
    for m in mentions:
        if m.inside or m.score < CONFIDENT:
            continue
        keys = [tuple(m.text.split())]
        if m.label == "PER" and len(keys[0]) > 1:
            surname = keys[0][-1]
            keys += [(surname,), (surname + "s",)]  # "Musk", genitive "Musks"
        for key in keys:
            if key in names and names[key][0] != m.label:
                conflicting.add(key)
            names[key] = (m.label, max(m.score, names.get(key, ("", 0.0))[1]))
    for key in conflicting:
        names.pop(key, None)
    return {k: v for k, v in names.items() if k and k[0][:1].isupper()}


def _relabel(m: Mention, names: dict[tuple[str, ...], tuple[str, float]]) -> Mention:
    """A doubtful mention of a name the text states confidently elsewhere takes that label."""
    known = names.get(tuple(m.text.split()))
    if known is None or known[0] == m.label or m.score >= CONFIDENT:
        return m
    return Mention(m.start, m.end, m.text, known[0], score=known[1] * PROPAGATED_SCORE_FACTOR,
                   inside=m.inside)


def _glued(text: str, start: int, end: int) -> bool:
    # Inside a larger word ("Musk" in "Musk-Fans" is a compound the tagger already judged).
    return (start > 0 and text[start - 1] == "-") or (end < len(text) and text[end] == "-")


def _order(m: Mention) -> tuple[int, int]:
    return m.start, m.end
