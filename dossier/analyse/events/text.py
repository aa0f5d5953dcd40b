"""Sentences, tokens, lemmas and clauses for the events stage.

Tokens, sentences and HanTa tags come from the shared segmentation
(:mod:`dossier.analyse.segment`, one per article for all stages). Tags are asked for only
for the sentences a trigger word form was seen in (:func:`analyse_sentence`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from dossier.analyse.segment import pos_tags, segmentation

# A clause ends at these marks; "und"/"oder" stay inside (coordinated parties: "X und Y fusionieren").
CLAUSE_MARKS = frozenset({",", ";", ":", "–", "—", "(", ")", "-", "\"", "„", "“", "”", "»", "«"})


def sentence_spans(text: str) -> list[list[tuple[int, int]]]:
    """The sentences of ``text``, each a list of token ``(start, end)`` spans."""
    seg = segmentation(text)
    return [[(t.start, t.end) for t in seg.sentence_tokens(s)] for s in seg.sentences]


def _tag(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(lemma, STTS tag) per word; HanTa writes ``VV(FIN)``, the STTS name is ``VVFIN``, and
    its ``NNA`` (a nominalised adjective: ``Vorsitzende``) is read as the noun it is."""
    return tuple((tag.lemma, _stts(tag.pos)) for tag in pos_tags(words))


def _stts(pos: str) -> str:
    pos = pos.replace("(", "").replace(")", "")
    return "NN" if pos == "NNA" else pos


@dataclass
class Token:
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    clause: int

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
    """Tag one sentence with HanTa and cut it into clauses. With ``upto`` only the words up to
    the end of the clause after the one holding that offset are read (the roles and cues of a
    trigger stand in its clause, the clauses before it and an apposition after it). Each clause is tagged on its own: HanTa's time
    grows faster than the length of what it tags, and a comma is a border for its context too."""
    end = spans[-1][1]
    if upto is not None:
        spans = _through_clause_of(text, spans, upto)
    words = tuple(text[a:b] for a, b in spans)
    segments = _clause_ranges(words)
    numbers = _clause_numbers(words, segments)
    tokens: list[Token] = []
    for number, (first, last) in zip(numbers, segments):
        tags = _tag(words[first:last])
        for (a, b), word, (lemma, pos) in zip(spans[first:last], words[first:last], tags):
            tokens.append(Token(a, b, word, _particle_lemma(lemma, word), pos, number))
    clauses = [(min(f for n, (f, _) in zip(numbers, segments) if n == k),
                max(b for n, (_, b) in zip(numbers, segments) if n == k)) for k in range(max(numbers, default=-1) + 1)]
    sentence = Sentence(spans[0][0], end, tokens, clauses)
    _join_particles(sentence)
    return sentence


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


def _particle_lemma(lemma: str, word: str) -> str:
    # HanTa writes "schnappt sich" as "schnappen", nouns keep their case: good as they are.
    return lemma or word


def _join_particles(sentence: Sentence) -> None:
    """``baut ... ab`` / ``schlug ... vor``: give the finite verb the particle verb's lemma."""
    for tok in sentence.tokens:
        if tok.pos != "PTKVZ":
            continue
        for verb in reversed(sentence.clause_tokens(tok.clause)):
            if verb.start < tok.start and verb.pos.startswith("VV"):
                verb.lemma = tok.lower + verb.lemma
                break

