"""Read-only questions about canonical entities, for the CLI, the API and the web UI.

    entity_table(store, entity_type=None, limit=None) -> list[EntityRow]
    find_entity(store, name) -> Entity              (name, alias or id; raises on no/ambiguous match)
    find_entities(store, name) -> list[Entity]      (that entity first, then others it outweighs)
    entity_profile(store, entity) -> EntityProfile  (roles, articles, co-mentions, quotes, figures)
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dossier.analyse.entities.names import compact_key
from dossier.errors import ConfigError, StoreError
from dossier.model import Entity
from dossier.store.base import Store


@dataclass
class EntityRow:
    id: str
    name: str
    type: str
    mentions: int
    articles: int
    aliases: list[str]
    external_id: str | None = None


@dataclass
class EntityProfile:
    entity: Entity
    mentions: int
    articles: list[dict[str, Any]]  # {id, title, published, mentions}
    co_mentioned: list[dict[str, Any]]  # {id, name, type, articles}
    quotes: list[dict[str, Any]] = field(default_factory=list)  # quotes with speaker_entity == id
    figures: list[dict[str, Any]] = field(default_factory=list)  # figures whose subject is the entity


def _mention_index(store: Store):
    """entity id -> mention count, and entity id -> {article id: (summary, count)}."""
    counts: Counter = Counter()
    by_article: dict[str, dict[str, list]] = {}
    for summary, mention in _iter_layer(store, "mentions"):
        entity_id = mention.get("entity")
        if entity_id:
            counts[entity_id] += 1
            slot = by_article.setdefault(entity_id, {}).setdefault(summary.id, [summary, 0])
            slot[1] += 1
    return counts, by_article


def _iter_layer(store: Store, layer: str):
    iter_layer = getattr(store, "iter_layer", None)
    if iter_layer is not None:
        yield from iter_layer(layer)
        return
    from dossier.store.base import (
        ArticleSummary,  # stores without iter_layer: read whole articles
    )

    for article in store.iter_articles():
        summary = ArticleSummary(article.id, article.title, article.published, article.source,
                                 article.language, article.duplicate_of, article.origin, len(article.text))
        for item in getattr(article, layer):
            yield summary, item.__dict__


def entity_table(store: Store, entity_type: str | None = None, limit: int | None = None) -> list[EntityRow]:
    """Canonical entities with at least one mention (or a KB id), most mentioned first."""
    counts, by_article = _mention_index(store)
    rows = []
    for e in store.get_entities():
        if entity_type and e.type != entity_type:
            continue
        if counts[e.id] == 0 and not e.external_id:
            continue  # left over from an earlier resolution run
        rows.append(EntityRow(e.id, e.name, e.type, counts[e.id], len(by_article.get(e.id, {})),
                              list(e.aliases), e.external_id))
    rows.sort(key=lambda r: (-r.mentions, -r.articles, r.name))
    return rows[:limit] if limit else rows


# A name shared by several entities picks the one with this many times the mentions of all the
# others together: `EU` (ORG, 487 mentions) over `EU` (LOC, 1 mention, a tagger's slip).
DOMINANT_FACTOR = 10


def find_entity(store: Store, name: str) -> Entity:
    """The entity called ``name`` (its canonical name first, then an alias, then an id)."""
    return find_entities(store, name)[0]


def find_entities(store: Store, name: str) -> list[Entity]:
    """The entity called ``name`` first, then any others of that name it outweighs
    (``DOMINANT_FACTOR``); raises when the name is unknown or names several entities alike."""
    key = compact_key(name)
    entities = store.get_entities()
    counts, _ = _mention_index(store)
    for matches in ([e for e in entities if e.id == name],
                    [e for e in entities if compact_key(e.name) == key],
                    [e for e in entities if key in {compact_key(a) for a in e.aliases}]):
        live = [e for e in matches if counts[e.id] or e.external_id] or matches
        if len(live) == 1:
            return live
        live.sort(key=lambda e: (-counts[e.id], e.id))
        if len(live) > 1 and counts[live[0].id] >= DOMINANT_FACTOR * max(1, sum(counts[e.id] for e in live[1:])):
            return live
        if len(live) > 1:
            options = ", ".join(f"{e.name} ({e.type}, {e.id})" for e in live[:8])
            raise ConfigError(f"{name!r} names {len(live)} entities: {options}",
                              hint="give the entity id instead of the name")
    raise StoreError(f"no entity named {name!r}", hint="list them with `dossier entities`")


def entity_profile(store: Store, entity: Entity, co_limit: int = 15) -> EntityProfile:
    counts, by_article = _mention_index(store)
    own_articles = by_article.get(entity.id, {})
    articles = [{"id": s.id, "title": s.title, "published": s.published, "mentions": n}
                for s, n in own_articles.values()]
    articles.sort(key=lambda a: (a["published"] or "", a["id"]))
    names = {e.id: e for e in store.get_entities()}
    shared: Counter = Counter()
    for other, seen in by_article.items():
        if other != entity.id:
            shared[other] = len(own_articles.keys() & seen.keys())
    co = [{"id": i, "name": names[i].name if i in names else i, "type": names[i].type if i in names else "?",
           "articles": n} for i, n in shared.most_common() if n][:co_limit]
    return EntityProfile(entity, counts[entity.id], articles, co,
                         _layer_about(store, "quotes", entity, own_articles),
                         _layer_about(store, "figures", entity, own_articles))


def _layer_about(store: Store, layer: str, entity: Entity, own_articles: dict) -> list[dict]:
    """Quotes whose ``speaker_entity`` is the entity; figures whose ``subject`` names it."""
    keys = {compact_key(n) for n in [entity.name, *entity.aliases]}
    found = []
    try:
        items = list(_iter_layer(store, layer))
    except (ConfigError, StoreError):
        return []  # the layer does not exist in this store yet
    for summary, item in items:
        if layer == "quotes" and item.get("speaker_entity") == entity.id or layer == "figures" and summary.id in own_articles and (
                item.get("subject") == entity.id or compact_key(item.get("subject") or "") in keys):
            found.append({**item, "article": summary.id})
    return found
