"""Read-only questions about canonical entities, for the CLI, the API and the web UI.

    entity_table(store, entity_type=None, limit=None) -> list[EntityRow]
    find_entity(store, name) -> Entity              (name, alias or id; raises on no/ambiguous match)
    find_entities(store, name) -> list[Entity]      (that entity first, then others it outweighs)
    entity_profile(store, entity) -> EntityProfile  (roles, articles, co-mentions, quotes, figures)
"""
from __future__ import annotations

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
    article_count: int = 0  # all articles that mention it (``articles`` may be the latest only)
    co_window: int | None = None  # co-mentions counted in this many latest articles (None: all)


def entity_table(store: Store, entity_type: str | None = None, limit: int | None = None) -> list[EntityRow]:
    """Canonical entities with at least one mention (or a KB id), most mentioned first."""
    counts = store.entity_counts()
    rows = []
    for e in store.get_entities():
        if entity_type and e.type != entity_type:
            continue
        mentions, articles = counts.get(e.id, (0, 0))
        if mentions == 0 and not e.external_id:
            continue  # left over from an earlier resolution run
        rows.append(EntityRow(e.id, e.name, e.type, mentions, articles, list(e.aliases), e.external_id))
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
    (``DOMINANT_FACTOR``); raises when the name is unknown or names several entities alike.
    Reads only the rows of the entities of that name (indexed ``entity_names``)."""
    by_key = store.entity_ids_by_key(compact_key(name))
    wanted = {name} | {entity_id for entity_id, _ in by_key}
    entities = {e.id: e for e in store.get_entities_by_id(sorted(wanted))}
    counts = {i: n for i, (n, _) in store.entity_counts(sorted(entities)).items()}
    named = [entities[i] for i, alias in by_key if not alias and i in entities]
    aliased = [entities[i] for i, alias in by_key if alias and i in entities]
    for matches in ([entities[name]] if name in entities else [], named, aliased):
        matches = list({e.id: e for e in matches}.values())
        live = [e for e in matches if counts.get(e.id) or e.external_id] or matches
        if len(live) == 1:
            return live
        live.sort(key=lambda e: (-counts.get(e.id, 0), e.id))
        if len(live) > 1 and counts.get(live[0].id, 0) >= DOMINANT_FACTOR * max(
                1, sum(counts.get(e.id, 0) for e in live[1:])):
            return live
        if len(live) > 1:
            options = ", ".join(f"{e.name} ({e.type}, {e.id})" for e in live[:8])
            raise ConfigError(f"{name!r} names {len(live)} entities: {options}",
                              hint="give the entity id instead of the name")
    raise StoreError(f"no entity named {name!r}", hint="list them with `dossier entities`")


CO_MENTION_WINDOW = 10


def entity_profile(store: Store, entity: Entity, co_limit: int = 15, limit: int | None = None) -> EntityProfile:
    """Everything about one entity, read through the indexed tables (``entity_mentions``,
    ``quote_speakers``, ``figures``), so it costs the entity's rows, not the corpus. With
    ``limit``: the ``limit`` most recent articles, quotes and figures (the counts stay whole),
    so a look-up of a big entity stays fast as the archive grows."""
    own = store.entity_articles(entity.id, limit)
    mentions, article_count = store.entity_counts([entity.id]).get(entity.id, (0, 0))
    articles = [{"id": s.id, "title": s.title, "published": s.published, "mentions": n} for s, n in own]
    articles.sort(key=lambda a: (a["published"] or "", a["id"]))
    # Co-mentions in the latest CO_MENTION_WINDOW x limit articles: the count of all of a big
    # entity's articles grows with the archive, its recent company is what a reader asks for.
    window = CO_MENTION_WINDOW * limit if limit else None
    shared = store.co_mentioned(entity.id, co_limit, recent=window)
    names = {e.id: e for e in store.get_entities_by_id([i for i, _ in shared])}
    co = [{"id": i, "name": names[i].name if i in names else i, "type": names[i].type if i in names else "?",
           "articles": n} for i, n in shared]
    quotes = [{**item, "article": summary.id} for summary, item in store.quotes_by_speaker(entity.id, limit)]
    figures = [{**item, "article": summary.id} for summary, item in store.figures_about(entity.id, limit)]
    return EntityProfile(entity, mentions, articles, co, quotes, figures,
                         article_count, window if window and window < article_count else None)
