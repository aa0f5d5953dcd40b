"""The figure ledger: the figures about one subject, grouped into series of the same
attribute and period across articles, each value with its article, source and as-of date.

A series is keyed by (subject, attribute, period, kind, unit):
- subject: the canonical entity of the figure (``subject_entity`` of the figures table); for an
  amount an event links (``Event.figures``), the event itself (type and participants), so the
  price of one acquisition is one series whoever the figure's grammatical subject is;
- attribute and period: :mod:`dossier.query.figure_keys` (``Jahresumsatz`` = ``Umsatz``, cut to
  the year; headcount to the month; a deal's price over all time);
- unit: money by currency, percent apart from percentage points, quantities by unit; counts by
  attribute alone (``Mitarbeiter`` and ``Beschäftigte`` are one count).
Figures without a subject or an attribute are in no series. Copies of an article
(``duplicate_of``) add nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dossier.model import Entity
from dossier.query import figure_keys
from dossier.resolve.entity_query import find_entity
from dossier.query.texts import ArticleTexts
from dossier.store.base import ArticleSummary, Store


@dataclass
class LedgerValue:
    article: str
    title: str | None
    published: str | None
    article_source: str | None  # the outlet (the article's ``source``)
    source: str | None  # who the article says gives the figure ("laut Bloomberg")
    index: int  # position in the article's figures layer
    start: int
    end: int
    text: str
    kind: str
    value: float
    value_max: float | None
    unit: str | None
    approx: str | None
    as_of: str | None
    role: str  # level, change or from (figure_keys.value_role)
    modality: str | None = None  # the event's modality, for an amount an event links


@dataclass
class Series:
    subject: str
    subject_entity: str | None
    attribute: str
    period: str | None  # figure_keys.cut_period; "*" = all time; None = no calendar date known
    kind: str
    unit: str | None
    event: dict[str, Any] | None = None  # {type, participants} for an event's amount
    values: list[LedgerValue] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return len({v.article for v in self.values})


@dataclass(frozen=True)
class _EventClaim:
    key: str
    label: str
    event: dict[str, Any]


def _event_claims(store: Store, entity: Entity | None, names: dict[str, str]) -> dict[tuple[str, Any], _EventClaim]:
    """(article id, figure index or id) -> the event that links that figure."""
    claims = {}
    for summary, event in store.find_events(entity=entity.id if entity else None):
        people = sorted({(p.get("role") or "", p["entity"]) for p in event.get("participants", []) if p.get("entity")})
        if not people:
            continue
        key = f"event:{(event.get('type') or '').lower()}:" + ";".join(f"{r}={e}" for r, e in people)
        label = f"{event.get('type')} (" + ", ".join(f"{r}: {names.get(e, e)}" for r, e in people) + ")"
        refs = list(event.get("figures") or []) + [p["figure"] for p in event.get("participants", [])
                                                     if p.get("figure") is not None]
        for ref in refs:
            claims[(summary.id, ref)] = _EventClaim(key, label, event)
    return claims


def _series_of(fig: dict[str, Any], claim: _EventClaim | None, names: dict[str, str]) -> Series | None:
    """The (empty) series a figure belongs to, or None when it has no subject or attribute."""
    kind = fig.get("kind") or "count"
    unit = None if kind == "count" else fig.get("unit")
    rule = figure_keys.event_attribute(claim.event.get("type"), kind) if claim else None
    if rule is not None:
        period = figure_keys.cut_period(claim.event.get("time") or fig.get("as_of"), rule.period)
        event = {"type": claim.event.get("type"), "participants": claim.event.get("participants", [])}
        return Series(claim.label, claim.key, rule.attribute, period, kind, unit, event)
    rule = figure_keys.attribute_of(fig)
    subject_entity = fig.get("subject_entity")
    subject = names.get(subject_entity or "") or fig.get("subject")
    if rule is None or not subject:
        return None
    period = figure_keys.cut_period(fig.get("as_of"), rule.period)
    return Series(subject, subject_entity, rule.attribute, period, kind, unit)


def _value(summary: ArticleSummary, fig: dict[str, Any], role: str, claim: _EventClaim | None) -> LedgerValue:
    return LedgerValue(summary.id, summary.title, summary.published, summary.source, fig.get("source"),
                       fig["index"], fig["start"], fig["end"], fig.get("text") or "", fig.get("kind") or "count",
                       float(fig["value"]), fig.get("value_max"), fig.get("unit"), fig.get("approx"),
                       fig.get("as_of"), role, claim.event.get("modality") if claim else None)


def _figure_rows(store: Store, entity: Entity | None, claims: dict) -> list[tuple[ArticleSummary, dict]]:
    if entity is None:
        return store.find_figures()
    rows = store.find_figures(subject_entity=entity.id)
    seen = {(s.id, f["index"]) for s, f in rows}
    for article_id in sorted({article for article, _ in claims}):
        # only the amounts the entity's events link, not every figure of those articles
        rows += [(s, f) for s, f in store.find_figures(article_id=article_id)
                 if (s.id, f["index"]) not in seen and ((s.id, f["index"]) in claims or (s.id, f.get("id")) in claims)]
    return rows


def figure_ledger(store: Store, subject: str | Entity | None = None, *, min_articles: int = 1) -> list[Series]:
    """Every series (of one ``subject`` when given: a name, alias or entity id, or an Entity),
    with at least ``min_articles`` articles; sorted by subject, attribute and period, values by
    as-of date and publication date."""
    entity = find_entity(store, subject) if isinstance(subject, str) else subject
    names = {e.id: e.name for e in store.get_entities()}
    claims = _event_claims(store, entity, names)
    texts = ArticleTexts(store)
    series: dict[tuple, Series] = {}
    for summary, fig in _figure_rows(store, entity, claims):
        if summary.duplicate_of or not isinstance(fig.get("value"), (int, float)) or fig["value"] != fig["value"]:
            continue
        claim = claims.get((summary.id, fig["index"])) or claims.get((summary.id, fig.get("id")))
        found = _series_of(fig, claim, names)
        if found is None:
            continue
        key = (found.subject_entity or found.subject, found.attribute, found.period, found.kind, found.unit)
        role = figure_keys.value_role(texts.text(summary.id), fig["start"], fig["end"])
        series.setdefault(key, found).values.append(_value(summary, fig, role, claim))
    kept = [s for s in series.values() if s.articles >= min_articles]
    for one in kept:
        one.values.sort(key=lambda v: (v.as_of or "", v.published or "", v.article, v.start))
    kept.sort(key=lambda s: (s.subject.casefold(), s.attribute.casefold(), s.period or "", s.kind, s.unit or ""))
    return kept
