"""Entities for the API and the web UI: a filtered list, name look-up, and one entity's dossier.

    entity_list(index, type=, name=) -> list[dict]      most mentioned first
    find_entity_id(index, name) -> str | None           canonical name, alias or id
    entity_dossier(index, entity_id) -> dict | None     aliases, roles, quotes by and about,
                                                        figures, mentions over time, co-mentions, sources
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from dossier.query.articles import summary_record
from dossier.query.index import CorpusIndex
from dossier.query.layers import list_quotes, located, with_speaker_names
from dossier.resolve.entity_query import compact_key

CO_MENTION_LIMIT = 25


def _entity_row(index: CorpusIndex, entity_id: str) -> dict[str, Any]:
    entity = index.entities[entity_id]
    articles = index.entity_articles.get(entity_id, Counter())
    return {"id": entity.id, "name": entity.name, "type": entity.type, "aliases": list(entity.aliases),
            "external_id": entity.external_id, "mentions": sum(articles.values()), "articles": len(articles)}


def entity_list(index: CorpusIndex, *, type: str | None = None, name: str | None = None) -> list[dict[str, Any]]:
    """Entities with at least one mention (or a knowledge-base id), most mentioned first; ``name``
    matches part of the name or of an alias, case- and umlaut-insensitively."""
    wanted = compact_key(name) if name else ""
    return [row for row, keys in _ranked_entities(index)
            if (not type or row["type"] == type) and (not wanted or any(wanted in key for key in keys))]


def _ranked_entities(index: CorpusIndex) -> list[tuple[dict[str, Any], list[str]]]:
    """(row, name keys) of every live entity, most mentioned first; computed once per index."""
    if "ranked_entities" not in index.memo:
        live = [e for e in index.entities.values() if e.id in index.entity_articles or e.external_id]
        rows = [(_entity_row(index, e.id), [compact_key(n) for n in [e.name, *e.aliases]]) for e in live]
        rows.sort(key=lambda pair: (-pair[0]["mentions"], -pair[0]["articles"], pair[0]["name"]))
        index.memo["ranked_entities"] = rows
    return index.memo["ranked_entities"]


def find_entity_id(index: CorpusIndex, name: str) -> str | None:
    """The id of the entity called ``name`` (id, canonical name, then alias); the most mentioned wins."""
    if name in index.entities:
        return name
    if "name_keys" not in index.memo:
        by_name: dict[str, list[str]] = {}
        by_alias: dict[str, list[str]] = {}
        for entity in index.entities.values():
            by_name.setdefault(compact_key(entity.name), []).append(entity.id)
            for alias in entity.aliases:
                by_alias.setdefault(compact_key(alias), []).append(entity.id)
        index.memo["name_keys"] = (by_name, by_alias)
    key = compact_key(name)
    for table in index.memo["name_keys"]:
        if table.get(key):
            return max(table[key], key=lambda i: (index.mention_count(i), i))
    return None


def entity_dossier(index: CorpusIndex, entity_id: str) -> dict[str, Any] | None:
    if entity_id not in index.entities:
        return None
    own = index.entity_articles.get(entity_id, Counter())
    articles = [{**summary_record(index.summaries[a], index), "mentions": n}
                for a, n in own.items() if a in index.summaries]
    articles.sort(key=lambda a: (a["published"] or "", a["id"]))
    return {
        **_entity_row(index, entity_id),
        "roles": _grouped_roles(index.entities[entity_id].roles),
        "quotes_by": list_quotes(index, speaker_entity=entity_id),
        "quotes_about": _quotes_about(index, entity_id, own),
        "figures": _figures_about(index, entity_id, own),
        "mentions_over_time": _mentions_over_time(articles),
        "co_mentioned": _co_mentioned(index, entity_id, own),
        "sources": dict(Counter(a["source"] or "" for a in articles).most_common()),
        "articles_list": articles,
    }


def _grouped_roles(roles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each (role, organisation) once, with how often and where it was said."""
    grouped: dict[tuple, dict[str, Any]] = {}
    for role in roles:
        key = (role.get("role") or role.get("text"), role.get("org"))
        slot = grouped.setdefault(key, {"role": key[0], "org": key[1], "count": 0, "seen": []})
        slot["count"] += 1
        slot["seen"].append({k: role.get(k) for k in ("article", "start", "end", "text")})
    return sorted(grouped.values(), key=lambda r: -r["count"])


def _quotes_about(index: CorpusIndex, entity_id: str, own: Counter) -> list[dict[str, Any]]:
    """Quotes by others whose text holds a mention of the entity (only its own articles are read)."""
    pairs = []
    for article_id in own:
        spans = [(m["start"], m["end"]) for m in index.in_article("mentions", article_id)
                 if m.get("entity") == entity_id]
        pairs += [(article_id, q) for q in index.in_article("quotes", article_id)
                  if q.get("speaker_entity") != entity_id
                  and any(q["start"] <= s and e <= q["end"] for s, e in spans)]
    return with_speaker_names(index, located(index, pairs))


def _figures_about(index: CorpusIndex, entity_id: str, own: Counter) -> list[dict[str, Any]]:
    """Figures whose subject is the entity: by its id, or by its name, in the articles that mention it."""
    entity = index.entities[entity_id]
    keys = {compact_key(n) for n in [entity.name, *entity.aliases]}
    pairs = [(article_id, f) for article_id in own for f in index.in_article("figures", article_id)
             if f.get("subject_entity") == entity_id or compact_key(f.get("subject") or "") in keys]
    return located(index, pairs)


def _mentions_over_time(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mentions per publication day, from the articles that carry a date."""
    per_day: Counter = Counter()
    for article in articles:
        if article["published"]:
            per_day[article["published"][:10]] += article["mentions"]
    return [{"date": day, "mentions": n} for day, n in sorted(per_day.items())]


def _co_mentioned(index: CorpusIndex, entity_id: str, own: Counter) -> list[dict[str, Any]]:
    shared: Counter = Counter()
    for article_id in own:
        shared.update(other for other in index.article_entities.get(article_id, {}) if other != entity_id)
    rows = []
    for other, n in shared.most_common(CO_MENTION_LIMIT):
        entity = index.entities.get(other)
        if entity is not None:
            rows.append({"id": other, "name": entity.name, "type": entity.type, "articles": n})
    return rows
