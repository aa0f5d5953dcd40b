"""Conflicting figures: two articles that give different values for the same series of the
figure ledger (same subject, attribute, period and unit), and claims an article itself marks
as false.

Rules (docs/ledger.md):
1. Only levels are compared (not ``um 5 %`` or the ``von`` of ``von 9 auf 12 %``), only series
   with a known period (unless ``undated``), and only across articles; an amount of an event
   told as proposed, planned, hypothetical, denied or false is not compared.
2. A value stands for an interval (figure_keys.value_interval): a rounded value (``rund 2,4
   Milliarden``) covers its rounding precision, ``mehr als`` everything above, a range its
   bounds. Two values disagree when their intervals lie further apart than ``tolerance`` times
   the larger value.
3. The values of a series are grouped: the most precise value starts a group, each other value
   joins the group whose first value it agrees with (the nearest one, if several). Each pair of disagreeing groups is one
   conflict, cited by the first values of the two groups; a value that agrees (a rounding of the
   same number) adds to its group's ``agreeing`` count and is not reported on its own.
4. An article whose own values of a series fall into two groups says two things about it (the
   series key is ambiguous there, e.g. a period the figure stage could not tell); its values are
   left out of the comparison.
5. Values about a factor 1000 or 1000000 apart are still reported, marked as a likely scale
   mix-up (Mio./Mrd.).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from dossier.errors import ConfigError
from dossier.model import Entity
from dossier.query import figure_keys
from dossier.query.ledger import LedgerValue, Series, figure_ledger
from dossier.query.texts import ArticleTexts
from dossier.resolve.entity_query import find_entity
from dossier.store.base import Store

# An amount of an event told as proposed, planned, hypothetical, denied or false is no claim
# that the value holds: only asserted and reported events' amounts (and plain figures) compare.
COMPARED_MODALITIES = (None, "asserted", "reported")
# How loosely a value is written; the tightest starts a group.
_LOOSENESS = {None: 0, "about": 2, "almost": 2, "more_than": 3, "at_least": 3, "less_than": 3, "at_most": 3}


@dataclass
class ConflictSide:
    article: str
    title: str | None
    published: str | None
    article_source: str | None
    source: str | None
    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    unit: str | None
    approx: str | None
    as_of: str | None
    sentence_start: int
    sentence_end: int
    sentence: str
    agreeing: int  # other values of the series that agree with this one


@dataclass
class Conflict:
    subject: str
    subject_entity: str | None
    attribute: str
    period: str
    kind: str
    unit: str | None
    relative_difference: float
    scale_factor: int | None  # 1000 / 1000000: a likely Mio./Mrd. mix-up
    a: ConflictSide
    b: ConflictSide
    event: dict[str, Any] | None = None


@dataclass
class FalseClaim:
    """An event or quote the article itself marks as false (modality ``claimed_false``, or a
    quote the quote stage flagged ``disputed``)."""

    layer: str  # events or quotes
    article: str
    title: str | None
    published: str | None
    start: int
    end: int
    text: str
    who: str | None  # the quote's speaker, the event's participants
    modality: str
    sentence_start: int
    sentence_end: int
    sentence: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class ConflictReport:
    tolerance: float
    series_compared: int
    conflicts: list[Conflict]
    false_claims: list[FalseClaim]


def _interval(v: LedgerValue) -> tuple[float, float]:
    return figure_keys.value_interval(v.value, v.value_max, v.approx, v.text)


def _disagree(a: LedgerValue, b: LedgerValue, tolerance: float) -> bool:
    return figure_keys.disagree(_interval(a), _interval(b), a.value, b.value, tolerance)


def group_values(values: list[LedgerValue], tolerance: float) -> list[list[LedgerValue]]:
    """Rule 3: groups of agreeing values, each led by its most precise value."""
    def looseness(v: LedgerValue) -> tuple:
        low, high = _interval(v)
        width = high - low if math.isfinite(high - low) else math.inf
        return _LOOSENESS.get(v.approx, 2), width, v.published or "", v.article, v.start

    groups: list[list[LedgerValue]] = []
    for value in sorted(values, key=looseness):
        agreeing = [g for g in groups if not _disagree(g[0], value, tolerance)]
        home = min(agreeing, key=lambda g: abs(g[0].value - value.value), default=None)
        if home is None:
            groups.append([value])
        else:
            home.append(value)
    return groups


def _without_ambiguous_articles(values: list[LedgerValue], tolerance: float) -> list[LedgerValue]:
    """Rule 4: drop the values of an article that disagrees with itself."""
    groups = group_values(values, tolerance)
    home = {}
    ambiguous = set()
    for number, group in enumerate(groups):
        for v in group:
            if home.setdefault(v.article, number) != number:
                ambiguous.add(v.article)
    return [v for v in values if v.article not in ambiguous]


def _side(v: LedgerValue, agreeing: int, texts: ArticleTexts) -> ConflictSide:
    s_start, s_end, sentence = texts.sentence(v.article, v.start, v.end)
    return ConflictSide(v.article, v.title, v.published, v.article_source, v.source, v.start, v.end, v.text,
                        v.value, v.value_max, v.unit, v.approx, v.as_of, s_start, s_end, sentence, agreeing)


def _series_conflicts(series: Series, tolerance: float, texts: ArticleTexts, undated: bool) -> list[Conflict]:
    levels = [v for v in series.values if v.role == "level" and v.modality in COMPARED_MODALITIES]
    if (series.period is None and not undated) or len({v.article for v in levels}) < 2:
        return []
    groups = group_values(_without_ambiguous_articles(levels, tolerance), tolerance)
    found = []
    for i, first in enumerate(groups):
        for second in groups[i + 1:]:
            a, b = first[0], second[0]
            if a.article == b.article or not _disagree(a, b, tolerance):
                continue
            found.append(Conflict(series.subject, series.subject_entity, series.attribute, series.period or "?",
                                  series.kind, series.unit, round(figure_keys.relative_difference(a.value, b.value), 4),
                                  figure_keys.scale_factor(a.value, b.value), _side(a, len(first) - 1, texts),
                                  _side(b, len(second) - 1, texts), series.event))
    return found


def _false_claims(store: Store, entity: Entity | None, texts: ArticleTexts) -> list[FalseClaim]:
    claims = []
    for summary, event in store.find_events(entity=entity.id if entity else None):
        if event.get("modality") == "claimed_false" and not summary.duplicate_of:
            who = ", ".join(p.get("name") or p.get("entity") or "?" for p in event.get("participants", []))
            claims.append(_claim("events", summary, event, who, {"type": event.get("type"), "time": event.get("time")}, texts))
    for summary, quote in store.iter_layer("quotes"):
        false = quote.get("modality") == "claimed_false" or quote.get("disputed")
        if false and not summary.duplicate_of and (entity is None or quote.get("speaker_entity") == entity.id):
            claims.append(_claim("quotes", summary, quote, quote.get("speaker"), {"kind": quote.get("kind")}, texts))
    return claims


def _claim(layer: str, summary, item: dict, who: str | None, detail: dict, texts: ArticleTexts) -> FalseClaim:
    s_start, s_end, sentence = texts.sentence(summary.id, item["start"], item["end"])
    text = item.get("text") or texts.text(summary.id)[item["start"]:item["end"]]
    return FalseClaim(layer, summary.id, summary.title, summary.published, item["start"], item["end"], text, who,
                      item.get("modality") or "claimed_false", s_start, s_end, sentence, detail)


def find_conflicts(store: Store, tolerance: float = 0.05, subject: str | Entity | None = None, *,
                   undated: bool = False) -> ConflictReport:
    """Conflicting figures (of one ``subject`` when given) and the claims articles mark as false.
    ``undated`` also compares the values whose period is unknown, as if it were one period (for
    corpora without publication dates; expect values of different times to be reported)."""
    if tolerance < 0:
        raise ConfigError(f"tolerance {tolerance} is negative", hint="give a relative difference: 0.05 = 5 %")
    entity = find_entity(store, subject) if isinstance(subject, str) else subject
    texts = ArticleTexts(store)
    series = figure_ledger(store, entity, min_articles=2)
    conflicts = [c for one in series for c in _series_conflicts(one, tolerance, texts, undated)]
    return ConflictReport(tolerance, len(series), conflicts, _false_claims(store, entity, texts))
