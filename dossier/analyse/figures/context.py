"""What a figure is about: approximation, ranges, attribute, subject and source.

The heuristics read the sentence around the figure (the sentences and word tokens of the shared
segmentation, :mod:`dossier.analyse.segment`) and the entity mentions:
- ``approx``: a cue right before the number (``rund``, ``mehr als``) → a label.
- ``attribute``: the nearest noun from ``figure_attributes.txt`` in the figure's clause
  (``schätzt sein Vermögen auf …``, ``einen Wert von …``).
- ``source``: the mention before a reporting verb (``Bloomberg schätzt``), after
  ``laut``/``nach Angaben von``, or before ``zufolge``.
- ``subject``: a possessive before the attribute (``sein Vermögen``) points to the most
  recent person; a relative clause (``…, das … einen Wert von … hat``) to the last
  mention before it; otherwise the nearest person or organisation in the clause,
  then in the sentence.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from dossier.analyse.figures import lexicon
from dossier.analyse.segment import Token, segmentation
from dossier.model import Entity, Mention

_CLAUSE_BOUNDARY_RE = re.compile(r"[,;:](?=\s)|\s[–—-]\s|\(|\)")
_POSSESSIVE_MASC = re.compile(r"sein(?:e|en|em|er|es)?$", re.IGNORECASE)
_POSSESSIVE_FEM = re.compile(r"ihr(?:e|en|em|er|es)?$", re.IGNORECASE)
# MISC too: taggers often label products and start-ups ("OpenAI") MISC; currency words
# tagged MISC ("US-Dollar") are dropped when the context is built.
_SUBJECT_LABELS = ("PER", "ORG", "MISC")
_ATTRIBUTE_LOOKBACK = 9  # words before the number searched for an attribute noun
_POSSESSIVE_LOOKBACK = 1500  # characters back to the person a possessive points to


@dataclass(frozen=True)
class Context:
    """The article-level material a figure is resolved against."""

    text: str
    mentions: list[Mention]
    entity_names: dict[str, str]

    @classmethod
    def build(cls, text: str, mentions: list[Mention], entities: list[Entity]) -> Context:
        ordered = sorted((m for m in mentions if not m.inside and not _is_currency(text, m)),
                         key=lambda m: m.start)
        return cls(text, ordered, {e.id: e.name for e in entities})

    def name(self, mention: Mention) -> str:
        return self.entity_names.get(mention.entity or "", mention.text)


def _is_currency(text: str, mention: Mention) -> bool:
    found = lexicon.currency_at(text, mention.start)
    return found is not None and found.end >= mention.end


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ranges that tile it: the segmentation's punctuation view
    (see :mod:`dossier.analyse.segment.punctuation` for why not the default sentences)."""
    return segmentation(text).punctuation_sentences


def sentence_of(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return bounds[max(0, bisect.bisect_right(bounds, (pos, math.inf)) - 1)]


def _words(text: str, start: int, end: int) -> list[Token]:
    """The word tokens (those starting with a letter) of the shared segmentation in ``[start, end)``."""
    return [t for t in segmentation(text).tokens_between(start, end) if t.text[0].isalpha()]


def approx_before(text: str, start: int, floor: int = 0) -> tuple[str | None, int]:
    """The approximation label of a cue ending right before ``start``, and the cue's start."""
    head = text[max(floor, start - 30):start].rstrip()
    lowered = head.lower()
    for cue, label in lexicon.approx_cues():
        if lowered.endswith(cue):
            cue_start = len(head) - len(cue)
            if cue_start == 0 or not head[cue_start - 1].isalnum():
                return label, max(floor, start - 30) + cue_start
    return None, start


def clause_start(text: str, sentence_start: int, pos: int) -> int:
    starts = [m.end() for m in _CLAUSE_BOUNDARY_RE.finditer(text, sentence_start, pos)]
    return starts[-1] if starts else sentence_start


def attribute_near(text: str, clause_from: int, pos: int) -> tuple[str | None, int | None]:
    """The nearest attribute noun before ``pos`` in the clause, and its offset."""
    for word in reversed(_words(text, clause_from, pos)[-_ATTRIBUTE_LOOKBACK:]):
        if word.text[0].isupper():
            attribute = lexicon.attribute_of(word.text)
            if attribute:
                return attribute, word.start
    return None, None


def _mentions_between(ctx: Context, start: int, end: int, exclude: Mention | None,
                      labels: tuple[str, ...] = _SUBJECT_LABELS) -> list[Mention]:
    return [m for m in ctx.mentions if start <= m.start and m.end <= end
            and m.label in labels and m is not exclude]


def source_of(ctx: Context, sent: tuple[int, int], pos: int,
              end: int | None = None) -> tuple[Mention | str | None, str | None]:
    """Who the figure is attributed to, in the sentence up to the figure, and the cue's position
    (``verb``, ``before``, ``after``)."""
    text = ctx.text
    head = text[sent[0]:pos]
    for cue, where in lexicon.source_cues():
        for match in re.finditer(rf"(?<![\w-]){re.escape(cue)}(?![\w-])", head, re.IGNORECASE):
            cue_start, cue_end = sent[0] + match.start(), sent[0] + match.end()
            if where == "verb":
                # "Bloomberg schätzt …", "Wie Eurostat am Mittwoch mitteilte, …", or inverted:
                # "Dann errechnete das Institut Alco 57 Prozent"
                in_clause = _mentions_between(ctx, clause_start(text, sent[0], cue_start), cue_start, None)
                found = (_mention_ending_before(ctx, cue_start) or (in_clause[-1] if in_clause else None)
                         or _mention_after_article(ctx, cue_end) or _name_before(text, cue_start))
            elif where == "after":
                found = _mention_ending_before(ctx, cue_start) or _name_before(text, cue_start)
            else:
                found = _mention_starting_after(ctx, cue_end) or _name_after(text, cue_end)
            if found:
                return found, where
    return _inverted_source(ctx, end) if end is not None else (None, None)


def _inverted_source(ctx: Context, end: int) -> tuple[Mention | None, str | None]:
    """``57 Prozent errechnete das Institut Alco``: a reporting verb right after the figure."""
    for cue, where in lexicon.source_cues():
        if where != "verb":
            continue
        match = re.match(rf"\s+{re.escape(cue)}(?![\w-])", ctx.text[end:end + 40], re.IGNORECASE)
        if match:
            found = _mention_after_article(ctx, end + match.end())
            if found:
                return found, where
    return None, None


def _mention_ending_before(ctx: Context, pos: int) -> Mention | None:
    for m in ctx.mentions:
        if m.end <= pos and not ctx.text[m.end:pos].strip():
            return m
    return None


def _mention_starting_after(ctx: Context, pos: int) -> Mention | None:
    for m in ctx.mentions:
        if m.start >= pos and not ctx.text[pos:m.start].strip():
            return m
    return None


def _mention_after_article(ctx: Context, pos: int) -> Mention | None:
    """The mention after a verb, past an article and one noun (``errechnete das Institut Alco``)."""
    article = re.match(r"\s*(?:(?:der|die|das|den|dem)\s+)?", ctx.text[pos:pos + 80])
    noun = re.match(r"[A-ZÄÖÜ][\w\-]*\s+", ctx.text[pos + article.end():pos + 80])
    for start in (pos + article.end(), pos + article.end() + (noun.end() if noun else 0)):
        found = next((m for m in ctx.mentions if m.start == start), None)
        if found is not None:
            return found
    return None


def _name_after(text: str, pos: int) -> str | None:
    """Without a mention: up to three capitalised words after ``laut`` (``laut Statistik Austria``)."""
    match = re.match(r"\s+((?:[A-ZÄÖÜ][\w\-&]*)(?:\s+[A-ZÄÖÜ][\w\-&]*){0,2})", text[pos:pos + 80])
    return match.group(1) if match else None


def _name_before(text: str, pos: int) -> str | None:
    """Without a mention: a capitalised word after a word (not a number), as in
    ``Finanzdienst Bloomberg``; a sentence-initial word is no name."""
    match = re.search(r"(?<=[^\W\d_] |, )([A-Z][\w\-]+)\s*$", text[max(0, pos - 60):pos])
    if not match or lexicon.time_class(match.group(1)):
        return None  # "am Mittwoch mitteilte": a day, not a source
    return match.group(1)


def subject_of(ctx: Context, sent: tuple[int, int], fig_start: int, attribute_at: int | None,
               source: Mention | str | None) -> Mention | None:
    text = ctx.text
    exclude = source if isinstance(source, Mention) else None
    if attribute_at is not None:
        before = _words(text, max(sent[0], attribute_at - 40), attribute_at)
        owner = _possessive_owner(ctx, before[-1].text if before else "", attribute_at, exclude,
                                  clause_start(text, sent[0], attribute_at))
        if owner:
            return owner
        genitive = _mention_ending_before(ctx, attribute_at)
        if genitive and genitive.label in _SUBJECT_LABELS and genitive is not exclude:
            return genitive
    bracketed = _before_brackets(ctx, fig_start)
    if bracketed is not None and bracketed is not exclude:
        return bracketed
    clause = clause_start(text, sent[0], fig_start)
    first = segmentation(text).tokens_between(clause, fig_start)[:1]
    opens_relative = bool(first) and first[0].text.lower() in lexicon.function_words("relative")
    if clause > sent[0] and opens_relative:
        # "OpenAI, dem Startup …, das … einen Wert von … hat": the antecedent before the comma.
        before = _mentions_between(ctx, sent[0], clause, exclude)
        if before:
            return before[-1]
    # Nearest name in the clause, a place only when no person or organisation is there
    # ("Wie Eurostat mitteilte, betrug die Quote in Österreich 5,8 Prozent").
    for start, labels in ((clause, _SUBJECT_LABELS), (clause, ("LOC",)), (sent[0], _SUBJECT_LABELS)):
        found = _mentions_between(ctx, start, fig_start, exclude, labels)
        if found:
            return found[-1]
    return None


def _before_brackets(ctx: Context, fig_start: int) -> Mention | None:
    """``hinter Deutschland (4,7 Prozent)``: the name right before the bracket."""
    head = ctx.text[max(0, fig_start - 4):fig_start]
    if not head.rstrip().endswith("("):
        return None
    bracket = ctx.text.rindex("(", 0, fig_start)
    return _mention_ending_before(ctx, bracket)


def _possessive_owner(ctx: Context, word: str, pos: int, exclude: Mention | None,
                      clause_from: int) -> Mention | None:
    """Whom ``sein``/``ihr`` before an attribute points to.

    A name earlier in the same clause is the owner ("Tesla steigerte seinen Umsatz");
    otherwise the most recent person before (``sein Vermögen`` after sentences about Musk),
    then the most recent organisation. ``ihr`` takes a person or an organisation alike.
    """
    if _POSSESSIVE_MASC.match(word):
        preferences = (("PER",), ("ORG", "MISC"))
    elif _POSSESSIVE_FEM.match(word):
        preferences = (("PER", "ORG", "MISC"),)
    else:
        return None
    in_clause = _mentions_between(ctx, clause_from, pos, exclude)
    if in_clause:
        return in_clause[-1]
    for labels in preferences:
        for m in reversed(ctx.mentions):
            if m.end <= pos and pos - m.end <= _POSSESSIVE_LOOKBACK and m.label in labels and m is not exclude:
                return m
    return None
