"""Modality of an event: asserted, or proposed / planned / hypothetical / denied /
claimed_false / reported, from the cues of ``event_modality.tsv`` and the quote layer.

A cue counts by its scope: ``clause`` cues in the trigger's own clause (``nicht``,
``würde``), ``govern`` cues in the trigger's clause or a clause before it in the sentence
(``schlug vor, X mit Y zu fusionieren``, ``behauptete fälschlicherweise, …``), ``sentence``
cues anywhere in the sentence. A negation in the clause of a ``govern`` cue cancels it
(``bestritt nicht, dass …``). The strongest modality found wins (rank in
:data:`lexicon.MODALITY_RANK`). An event inside a quote is at least ``reported``, with the
quote's speaker as its source.
"""
from __future__ import annotations

from dossier.analyse.events import lexicon
from dossier.analyse.events.text import Sentence, Token
from dossier.model import Quote


def _matches(cue: lexicon.Cue, tok: Token) -> bool:
    if cue.match != "lemma":
        return tok.lower == cue.cue
    # lemma cues are verbs and nouns; a lemma is read only for those (it costs an analysis)
    return tok.pos[:1] in ("V", "N") and tok.lemma.casefold() == cue.cue


def modality_of(sentence: Sentence, trigger: int) -> str:
    """The strongest modality the cues of ``sentence`` give the trigger at token ``trigger``."""
    return modality_and_cue(sentence, trigger)[0]


def modality_and_cue(sentence: Sentence, trigger: int) -> tuple[str, int | None]:
    """The strongest modality and the clause of the cue that gave it (None: asserted)."""
    tokens = sentence.tokens
    clause = tokens[trigger].clause
    negations = lexicon.word_classes()["negation"]
    best, where = "asserted", None
    for cue in lexicon.modality_cues():
        for i, tok in enumerate(tokens):
            # scope first: it is cheap, and a lemma cue reads the token's lemma (an analysis)
            if i == trigger or not _in_scope(cue.scope, tok.clause, clause, i, trigger) or not _matches(cue, tok):
                continue
            if cue.scope == "govern" and tok.clause != clause and any(
                    t.lower in negations for t in sentence.clause_tokens(tok.clause)):
                continue
            if _rank(cue.modality) > _rank(best):
                best, where = cue.modality, tok.clause
    return best, where


def _in_scope(scope: str, cue_clause: int, clause: int, cue_index: int, trigger: int) -> bool:
    if scope == "clause":
        return cue_clause == clause
    if scope == "govern":
        return cue_clause == clause or (cue_clause < clause and cue_index < trigger)
    return True


def _rank(modality: str) -> int:
    return lexicon.MODALITY_RANK.index(modality)


def quote_around(quotes: list[Quote], start: int) -> Quote | None:
    """The quote whose span holds offset ``start`` (the innermost, if they nest)."""
    inside = [q for q in quotes if q.start <= start < q.end]
    return min(inside, key=lambda q: q.end - q.start) if inside else None


def with_quote(modality: str, quote: Quote | None) -> str:
    if quote is None or _rank(modality) >= _rank("reported"):
        return modality
    return "reported"
