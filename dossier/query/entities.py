"""Entities for the API and the web UI, through the entity queries of dossier.resolve.entity_query
(and so the store's indexed look-ups): a filtered list, name look-up, and one entity's dossier.

    entity_list(store, type=, name=) -> list[dict]        most mentioned first
    find_entity_id(store, name) -> str | None             id, canonical name or alias
    entity_dossier(store, entity_id) -> dict | None       aliases, roles, the latest quotes by and
                                                          about it, figures and articles, mentions over
                                                          time, co-mentions, sources
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from dossier.errors import StoreError
from dossier.query.articles import summary_record
from dossier.query.layers import located, with_speaker_names
from dossier.analyse.entities.names import compact_key
from dossier.resolve.entity_query import entity_table, find_entities
from dossier.store.base import Store

CO_MENTION_LIMIT = 25
# A page shows an entity's latest articles, quotes and figures (the counts stay whole), so its cost
# stays that of a page as the entity's archive grows. Quotes *about* it are found by reading its
# latest articles (the same LATEST_ARTICLES the page lists).
LATEST_ARTICLES = 15
LATEST_ITEMS = 60


def entity_list(store: Store, *, type: str | None = None, name: str | None = None) -> list[dict[str, Any]]:
    """Entities with at least one mention (or a knowledge-base id); ``name`` matches part of the
    name or of an alias, case- and umlaut-insensitively."""
    wanted = compact_key(name) if name else ""
    if name and not wanted:  # only punctuation ("%", "' --"): it names no entity, so it matches none
        return []
    return [vars(row) for row in entity_table(store, type)
            if not wanted or any(wanted in compact_key(n) for n in [row.name, *row.aliases])]


def find_entity_id(store: Store, name: str) -> str | None:
    """The id of the entity called ``name`` (id, canonical name, then alias); None when unknown.
    A name several entities share alike raises ConfigError (the caller answers 400)."""
    try:
        return find_entities(store, name)[0].id
    except StoreError:
        return None


def entity_dossier(store: Store, entity_id: str) -> dict[str, Any] | None:
    found = store.get_entities_by_id([entity_id])
    if not found:
        return None
    entity = found[0]
    # Each indexed look-up once: the counts, co-mentions, all its articles (for the per-day counts
    # and sources), the latest ones (listed, and read for quotes about it), the latest quotes and
    # figures. (entity_profile without a limit would read all its articles, quotes and figures again.)
    mentions, article_count = store.entity_counts([entity_id]).get(entity_id, (0, 0))
    every = [{**summary_record(s), "mentions": n} for s, n in store.entity_articles(entity_id)]
    recent = store.entity_articles(entity_id, LATEST_ARTICLES)
    latest = [{**summary_record(s), "mentions": n} for s, n in recent]
    latest.sort(key=lambda a: (a["published"] or "", a["id"]))
    return {
        "id": entity.id, "name": entity.name, "type": entity.type, "aliases": list(entity.aliases),
        "external_id": entity.external_id, "mentions": mentions, "articles": article_count,
        "roles": _grouped_roles(entity.roles),
        "quotes_by": with_speaker_names(store, located(store.quotes_by_speaker(entity_id, LATEST_ITEMS))),
        "quotes_about": _quotes_about(store, entity_id, [s for s, _ in recent]),
        "figures": located(store.figures_about(entity_id, LATEST_ITEMS)),
        "mentions_over_time": _mentions_over_time(every),
        "co_mentioned": _co_mentioned(store, entity_id),
        "sources": dict(Counter(a["source"] or "" for a in every).most_common()),
        "articles_list": latest,  # the latest LATEST_ARTICLES; "articles" counts them all
    }


def _co_mentioned(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """The CO_MENTION_LIMIT entities sharing most of its articles: {id, name, type, articles}."""
    shared = store.co_mentioned(entity_id, CO_MENTION_LIMIT)
    names = {e.id: e for e in store.get_entities_by_id([i for i, _ in shared])}
    return [{"id": i, "name": names[i].name if i in names else i, "type": names[i].type if i in names else "?",
             "articles": n} for i, n in shared]


def _grouped_roles(roles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each (role, organisation) once, with how often and where it was said."""
    grouped: dict[tuple, dict[str, Any]] = {}
    for role in roles:
        key = (role.get("role") or role.get("text"), role.get("org"))
        slot = grouped.setdefault(key, {"role": key[0], "org": key[1], "count": 0, "seen": []})
        slot["count"] += 1
        slot["seen"].append({k: role.get(k) for k in ("article", "start", "end", "text")})
    return sorted(grouped.values(), key=lambda r: -r["count"])


def _quotes_about(store: Store, entity_id: str, summaries: list) -> list[dict[str, Any]]:
    """Quotes by others whose text holds a mention of the entity, in the given articles."""
    pairs = []
    for summary in summaries:
        article = store.get_article(summary.id)
        if article is None:
            continue
        spans = [(m.start, m.end) for m in article.mentions if m.entity == entity_id]
        pairs += [(summary, vars(q).copy()) for q in article.quotes if q.speaker_entity != entity_id
                  and any(q.start <= s and e <= q.end for s, e in spans)]
    return with_speaker_names(store, located(pairs))


def _mentions_over_time(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mentions per publication day, from the articles that carry a date."""
    per_day: Counter = Counter()
    for article in articles:
        if article["published"]:
            per_day[article["published"][:10]] += article["mentions"]
    return [{"date": day, "mentions": n} for day, n in sorted(per_day.items())]
