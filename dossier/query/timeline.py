"""The timeline of an entity: the events it takes part in, the quotes it gives (or that name
it), and the figures about it, in the order of the time they refer to, then of publication.

The time an entry refers to: an event's ``time`` (from the time layer), a quote's ``said_at``,
a figure's ``as_of``; where there is none (or it is no calendar date, like ``PRESENT_REF``),
the article's publication date, and ``when_from`` says so. Coarse times sort before finer ones
of the same year (``2018`` before ``2018-02``). A time equal to the publication date counts as
taken from it (the figure stage falls back to that date for ``as_of``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dossier.model import Article, Entity
from dossier.query.figure_keys import DATE_RE
from dossier.query.texts import ArticleTexts
from dossier.resolve.entity_query import find_entity
from dossier.store.base import Store
from dossier.store.ledger_rows import subject_entity_of

LAYERS = ("events", "quotes", "figures")
_PART_MONTH = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7, "WI": 1, "SP": 3, "SU": 6, "FA": 9}


@dataclass
class TimelineEntry:
    when: str | None  # the time value the entry refers to (TIMEX, or the publication date)
    when_from: str  # "time" (the layer's own time), or "published"
    layer: str  # events, quotes or figures
    article: str
    title: str | None
    published: str | None
    article_source: str | None
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    sentence: str
    detail: dict[str, Any] = field(default_factory=dict)
    also_in: list[str] = field(default_factory=list)  # copies of the article (duplicate_of it)


def calendar_key(value: str | None) -> tuple[int, int, int] | None:
    """(year, month, day) a TIMEX value starts at, 0 for an unknown part; None if no date."""
    match = DATE_RE.match(value or "")
    if not match:
        return None
    year, part, day = match.groups()
    if part and part.isdigit():
        month = int(part)
    elif part and part.startswith("W"):
        month = min(12, (int(part[1:]) - 1) * 7 // 31 + 1)
    else:
        month = _PART_MONTH.get(part or "", 0)
    return int(year), month, int(day) if day else 0


def _when(own: str | None, published: str | None) -> tuple[str | None, str]:
    if own and calendar_key(own) is not None and not (published and own == published[:10]):
        return own, "time"
    # A value with no calendar date (XXXX-WXX-7, FUTURE_REF) cannot place the entry: without a
    # publication date to stand in, its time is unknown.
    return (published[:10] if published else None), "published"


def _entries_of(article: Article, entity: Entity, texts: ArticleTexts) -> list[TimelineEntry]:
    spans = [(m.start, m.end) for m in article.mentions if m.entity == entity.id]
    found = []

    def add(layer: str, item: Any, own_time: str | None, detail: dict[str, Any]) -> None:
        when, when_from = _when(own_time, article.published)
        s_start, s_end, sentence = texts.sentence(article.id, item.start, item.end)
        text = item.text or article.text[item.start:item.end]
        found.append(TimelineEntry(when, when_from, layer, article.id, article.title, article.published,
                                   article.source, item.start, item.end, text, s_start, s_end, sentence, detail))

    for event in article.events:
        if any(p.entity == entity.id for p in event.participants) or getattr(event, "source_entity", None) == entity.id:
            add("events", event, None if getattr(event, "time_inferred", False) else event.time, {
                "type": event.type, "modality": event.modality,
                "participants": [{"role": p.role, "entity": p.entity, "name": p.name} for p in event.participants],
                "source": getattr(event, "source", None)})
    for quote in article.quotes:
        about = any(quote.start <= s and e <= quote.end for s, e in spans)
        if quote.speaker_entity == entity.id or about:
            add("quotes", quote, quote.said_at, {"speaker": quote.speaker, "kind": quote.kind, "cue": quote.cue,
                                                 "role": "speaker" if quote.speaker_entity == entity.id else "named"})
    for figure in article.figures:
        if subject_entity_of(figure, article) == entity.id:
            add("figures", figure, figure.as_of, {"kind": figure.kind, "value": figure.value, "unit": figure.unit,
                                                  "attribute": figure.attribute, "source": figure.source,
                                                  "approx": figure.approx})
    return found


def _articles_about(store: Store, entity: Entity) -> list[str]:
    """Ids of the articles that mention the entity or hold an event or figure about it (all
    three from indexed tables)."""
    ids = dict.fromkeys(s.id for s, _ in store.entity_articles(entity.id))
    ids.update(dict.fromkeys(s.id for s, _ in store.find_events(entity=entity.id)))
    ids.update(dict.fromkeys(s.id for s, _ in store.find_figures(subject_entity=entity.id)))
    return list(ids)


def _in_window(when: str | None, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    if not when or calendar_key(when) is None:
        return False
    return (since is None or when[:len(since)] >= since) and (until is None or when[:len(until)] <= until)


def timeline(store: Store, entity: str | Entity, *, layers: tuple[str, ...] = LAYERS,
             since: str | None = None, until: str | None = None) -> list[TimelineEntry]:
    """The entity's timeline (a name, alias or id, or an Entity), oldest first; ``since`` and
    ``until`` (ISO date prefixes such as ``2018`` or ``2018-06-30``) keep the entries whose time
    falls in between (inclusive)."""
    entity = find_entity(store, entity) if isinstance(entity, str) else entity
    texts = ArticleTexts(store)
    entries = []
    copies: dict[str, list[str]] = {}
    for article_id in _articles_about(store, entity):
        article = texts.article(article_id)
        if article is not None and article.duplicate_of:  # a copy of a story: a further source of it
            copies.setdefault(article.duplicate_of, []).append(article.id)
        if article is None or article.duplicate_of:
            continue
        entries += [e for e in _entries_of(article, entity, texts) if e.layer in layers]
    for entry in entries:
        entry.also_in = copies.get(entry.article, [])
    entries = [e for e in entries if _in_window(e.when, since, until)]
    entries.sort(key=lambda e: (calendar_key(e.when) or (9999, 99, 99), e.published or "", e.article, e.start))
    return entries
