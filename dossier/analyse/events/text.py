"""Sentences, tokens, lemmas and clauses for the events stage.

Tokens and sentences come from the shared segmentation (:mod:`dossier.analyse.segment`, one
per article for all stages). Tags are asked for only for the sentences a trigger word form
was seen in (:func:`analyse_sentence`), and through the same calls the quote stage makes:
``pos_tags`` of the quote view's sentence that holds the words, so a sentence both stages
read is tagged once per article (the cache of ``pos_tags``). A lemma is read from its tag
only when a rule asks for it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dossier.analyse.segment import pos_tags, segmentation

# A clause ends at these marks; "und"/"oder" stay inside (coordinated parties: "X und Y fusionieren").
CLAUSE_MARKS = frozenset({",", ";", ":", "–", "—", "(", ")", "-", "\"", "„", "“", "”", "»", "«"})


def sentence_spans(text: str) -> list[list[tuple[int, int]]]:
    """The sentences of ``text``, each a list of token ``(start, end)`` spans."""
    seg = segmentation(text)  # the spans themselves: Token objects would only be taken apart again
    spans = seg.token_spans
    return [spans[first:last] for first, last in seg.sentence_ranges]


def _stts(pos: str) -> str:
    pos = pos.replace("(", "").replace(")", "")
    return "NN" if pos == "NNA" else pos


@dataclass
class Token:
    start: int
    end: int
    text: str
    tag: Any  # the segment's Tag: .lemma is read only when asked for
    pos: str  # STTS
    clause: int
    joined: str | None = None  # the lemma of a particle verb: "baut ... ab" -> "abbauen"

    @property
    def lemma(self) -> str:
        return self.joined or self.tag.lemma or self.text

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass
class Sentence:
    start: int
    end: int
    tokens: list[Token]
    clauses: list[tuple[int, int]] = field(default_factory=list)  # token index ranges

    def clause_tokens(self, clause: int) -> list[Token]:
        first, last = self.clauses[clause]
        return [t for t in self.tokens[first:last] if t.clause == clause]

    def clause_of(self, offset: int) -> int:
        """The clause holding ``offset``; -1 past the words that were read."""
        for tok in self.tokens:
            if tok.start <= offset < tok.end or tok.start > offset:
                return tok.clause
        return -1


def analyse_sentence(text: str, spans: list[tuple[int, int]], upto: int | None = None) -> Sentence:
    """Tag one sentence and cut it into clauses. With ``upto`` only the words up to the end of
    the clause after the one holding that offset are read (the roles and cues of a trigger
    stand in its clause, the clauses before it and an apposition after it)."""
    end = spans[-1][1]
    if upto is not None:
        spans = _through_clause_of(text, spans, upto)
    words = tuple(text[a:b] for a, b in spans)
    segments = _clause_ranges(words)
    numbers = _clause_numbers(words, segments)
    tags = _quote_view_tags(text, spans)
    tokens: list[Token] = []
    for number, (first, last) in zip(numbers, segments):
        for (a, b), word, tag in zip(spans[first:last], words[first:last], tags[first:last]):
            tokens.append(Token(a, b, word, tag, _stts(tag.pos), number))
    clauses = [(min(f for n, (f, _) in zip(numbers, segments) if n == k),
                max(b for n, (_, b) in zip(numbers, segments) if n == k)) for k in range(max(numbers, default=-1) + 1)]
    sentence = Sentence(spans[0][0], end, tokens, clauses)
    _join_particles(sentence)
    return sentence


def _quote_view_tags(text: str, spans: list[tuple[int, int]]) -> list:
    """The Tag of each token of ``spans``: the quote view's sentences over them are tagged as
    the quote stage tags them (one ``pos_tags`` call each, cached; a sentence the quote stage
    did not tag only as far as ``spans`` reach), and each token takes the
    tag of the quote-view token it overlaps most (the two tokenisations differ in a few
    places: ``3,4``, ``i.I.``)."""
    view = segmentation(text).quoted
    start, end = spans[0][0], spans[-1][1]
    tagged = []
    for a, b in view.sentences:
        if view.tokens[b - 1].end <= start or view.tokens[a].start >= end:
            continue
        tokens = view.tokens[a:b]
        tags = pos_tags.peek(tuple(t.text for t in tokens))
        if tags is None:
            # Not tagged by the quote stage: tag only the words that are read (the sentence up to
            # the end of the clause after the trigger's). HanTa's cost is its analysis of words
            # it does not know, and the rest of a long sentence is full of them.
            tokens = [t for t in tokens if t.start < end]
            tags = pos_tags(tuple(t.text for t in tokens))
        tagged += [(t.start, t.end, tag) for t, tag in zip(tokens, tags)]
    out = []
    for s, e in spans:
        overlap = max(((min(e, te) - max(s, ts), i) for i, (ts, te, _) in enumerate(tagged) if ts < e and s < te),
                      default=None)
        out.append(tagged[overlap[1]][2] if overlap else _UNTAGGED)
    return out


class _Untagged:
    """The tag of a token no quote-view token overlaps (never seen in practice: both views
    cover every word character)."""

    lemma = ""
    pos = "XY"


_UNTAGGED = _Untagged()


def _clause_ranges(words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Token index ranges of the clauses: a clause mark starts a new one."""
    clauses = []
    first = 0
    for i, word in enumerate(words):
        if word in CLAUSE_MARKS and i > first:
            clauses.append((first, i))
            first = i
    if first < len(words):
        clauses.append((first, len(words)))
    return clauses


def _clause_numbers(words: tuple[str, ...], segments: list[tuple[int, int]]) -> list[int]:
    """The clause number of each segment: a bracketed insertion is a clause of its own, and
    the words after it go on with the clause it interrupted (``Johnson Controls (WKN: 857069)
    übernimmt Tyco``: one clause with subject and verb)."""
    numbers: list[int] = []
    open_at: list[int] = []  # clause numbers interrupted by an open bracket
    fresh = 0
    for first, _ in segments:
        word = words[first]
        if word == ")" and open_at:
            numbers.append(open_at.pop())
            continue
        if word == "(" and numbers:
            open_at.append(numbers[-1])
        numbers.append(fresh)
        fresh += 1
    return numbers


def _through_clause_of(text: str, spans: list[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    """The words up to the end of the clause after the one holding ``offset`` (an apposition
    after a comma names the person of ``Vorstandschef der Ethikbank, Klaus Euler``)."""
    marks = 0
    for i, (a, b) in enumerate(spans):
        if a >= offset and text[a:b] in CLAUSE_MARKS:
            marks += 1
            if marks == 2:
                return spans[:i + 1]
    return spans


def _join_particles(sentence: Sentence) -> None:
    """``baut ... ab`` / ``schlug ... vor``: give the finite verb the particle verb's lemma."""
    for tok in sentence.tokens:
        if tok.pos != "PTKVZ":
            continue
        for verb in reversed(sentence.clause_tokens(tok.clause)):
            if verb.start < tok.start and verb.pos.startswith("VV"):
                verb.joined = tok.lower + verb.lemma
                break

