"""Incremental cross-document resolution over a persistent name-key index.

Every rule of :mod:`dossier.resolve.entities` relates two resolution nodes (an article's
local entities) only through a key they share: a full name, an inflected or bare form, an
equivalent name, a surname, an acronym, the canonical name two groups may both choose.
The store keeps every node with those keys (``resolution_nodes``/``resolution_keys``) and
the canonical entity it joined. An ingest then resolves only its new nodes:

1. index the new articles' nodes (and the local ids their layers use, ``refs``);
2. gather the *closure*: every stored node sharing a key with a node gathered so far,
   with the whole canonical entity it belongs to, until nothing new comes in;
3. run the resolution rules over the closure (plus the KB) only — a node outside it shares
   no key with any node inside, so no rule could have related them, and its entity stays;
4. rewrite only the articles whose nodes changed entity or whose entity's record (name,
   type, aliases, KB id) changed, and upsert/delete only the entities of the closure.

So the result equals :func:`resolve_all` (every node, every article) on the same data; the
tests compare the two on a corpus ingested in several batches.
"""
from __future__ import annotations

import json
from collections import ChainMap, Counter

from dossier.analyse.entities.names import compact_key, name_tokens, surname_part, uninflected_keys
from dossier.model import Article, Entity
from dossier.resolve.entities import (
    LocalEntity,
    ResolutionReport,
    is_acronym,
    local_entities,
    resolve_entities,
    rewrite_article,
)
from dossier.resolve.kb import kb_entities
from dossier.store import ledger_rows
from dossier.store.codec import entity_from_dict, entity_to_dict
from dossier.store.base import Store
from dossier.store.entity_index import ResolutionNode

# --- nodes and their keys ----------------------------------------------------------------


def node_keys(node: LocalEntity) -> frozenset[str]:
    """Every key through which a resolution rule may relate ``node`` to another node."""
    if "_index_keys" not in node.__dict__:
        node.__dict__["_index_keys"] = frozenset(_node_keys(node))
    return node.__dict__["_index_keys"]


def _node_keys(node: LocalEntity) -> set[str]:
    t = node.type
    keys = {f"{t}|k|{k}" for k in node.strong_keys()}
    keys |= {f"{t}|n|{compact_key(n)}" for n in node.names}  # two groups choosing one name
    for key in list(node.strong_keys()) + [compact_key(n) for n in node.names]:
        keys |= {f"{t}|k|{bare}" for bare in uninflected_keys(key, t)}  # rule 3 looks these up
    if t == "PER":
        for full in node.full_names:
            keys |= {f"PER|s|{compact_key(s)}" for s in (name_tokens(full)[-1], surname_part(full))}
        own = compact_key(node.preferred)
        keys |= {f"PER|s|{own}", f"PER|s|{own[:-1]}" if own.endswith("s") else f"PER|s|{own}"}
    else:
        keys |= {f"{t}|a|{compact_key(a)}" for a in node.expanded_acronyms()}
        keys |= {f"{t}|a|{compact_key(n)}" for n in node.names if is_acronym(n)}
    return {k for k in keys if not k.endswith("|")}


def node_json(node: LocalEntity) -> str:
    return json.dumps({"type": node.type, "names": dict(node.names), "preferred": node.preferred,
                       "roles": node.roles, "context": sorted(node.context),
                       "genitives": sorted(node.genitives)}, ensure_ascii=False)


def node_from_row(row: ResolutionNode) -> LocalEntity:
    data = json.loads(row.data)
    node = LocalEntity(row.article_id, row.local_id, data["type"], Counter(data["names"]), data["preferred"],
                       data["roles"], set(data["context"]), set(data["genitives"]))
    if row.keys:  # the keys it was indexed under (node_keys at the time), read with the row
        node.__dict__["_index_keys"] = frozenset(row.keys)
    return node


def article_refs(article: Article) -> dict:
    """The entity ids the article's layers refer to, by position (before resolution rewrites them),
    and under ``local`` what else resolution overwrites (the article's own entity records, the
    names copied into quotes and events), so :func:`unresolve` can give the layers back as the
    analysis made them."""
    return {"mentions": [[m.start, m.end, m.entity] for m in article.mentions],
            "quotes": [q.speaker_entity for q in article.quotes],
            "events": [[p.entity for p in e.participants] for e in article.events],
            "figures": [f.subject_entity for f in article.figures],
            "local": {"entities": [entity_to_dict(e) for e in article.entities],
                      "speakers": [q.speaker for q in article.quotes],
                      "events": [[e.source_entity, e.source, [p.name for p in e.participants]]
                                 for e in article.events]}}


def unresolve(article: Article, refs: dict) -> Article | None:
    """The article's layers as its analysis made them (article-local entity ids and records), from
    the refs it was indexed with; None when the refs cannot tell (taken from other layers, or by a
    version that did not keep the ``local`` part)."""
    if "local" not in refs or not refs_match(article, refs):
        return None
    local = refs["local"]
    for m, (_, _, local_id) in zip(article.mentions, refs["mentions"]):
        m.entity = local_id
    for q, local_id, speaker in zip(article.quotes, refs["quotes"], local["speakers"]):
        q.speaker_entity, q.speaker = local_id, speaker
    for e, local_ids, (source_entity, source, names) in zip(article.events, refs["events"], local["events"]):
        e.source_entity, e.source = source_entity, source
        for p, local_id, name in zip(e.participants, local_ids, names):
            p.entity, p.name = local_id, name
    for f, local_id in zip(article.figures, refs["figures"]):
        f.subject_entity = local_id
    article.entities = [entity_from_dict(e) for e in local["entities"]]
    return article


def refs_match(article: Article, refs: dict) -> bool:
    """Whether the article's layers are still those the refs were taken from."""
    return ([[m.start, m.end] for m in article.mentions] == [r[:2] for r in refs["mentions"]]
            and len(article.quotes) == len(refs["quotes"])
            and [len(e.participants) for e in article.events] == [len(p) for p in refs["events"]]
            and len(article.figures) == len(refs["figures"]))


def index_article(store: Store, article: Article) -> list[LocalEntity]:
    """Store the article's nodes, keys and refs in the index; return the nodes."""
    nodes = local_entities(article)
    rows = [ResolutionNode(article.id, n.local_id, None, node_json(n), tuple(sorted(node_keys(n))))
            for n in nodes]
    store.put_resolution_nodes(article.id, json.dumps(article_refs(article), ensure_ascii=False), rows)
    return nodes


# --- rewriting articles ----------------------------------------------------------------------


def relink(article: Article, refs: dict, mapping: dict[tuple[str, str], str],
           canonical: dict[str, Entity]) -> Article:
    """Point the article's layers at the canonical entities of ``mapping`` (local ids from
    ``refs``); references outside ``mapping`` keep their entity, and its record."""
    def canon(current, local):
        return mapping.get((article.id, local), current) if local else current

    for m, (_, _, local) in zip(article.mentions, refs["mentions"]):
        m.entity = canon(m.entity, local)
    for q, local in zip(article.quotes, refs["quotes"]):
        q.speaker_entity = canon(q.speaker_entity, local)
    # whose claim an event is (a quote speaker's local id, kept with the refs' local part);
    # refs without that part: the source is still the local id the analysis gave it
    sources = [source for source, _, _ in refs["local"]["events"]] if "local" in refs \
        else [e.source_entity for e in article.events]
    for e, locals_, source_local in zip(article.events, refs["events"], sources):
        for p, local in zip(e.participants, locals_):
            p.entity = canon(p.entity, local)
        e.source_entity = canon(e.source_entity, source_local)
    for f, local in zip(article.figures, refs["figures"]):
        f.subject_entity = canon(f.subject_entity, local)
    known = {e.id: e for e in article.entities}
    return rewrite_article(article, {}, ChainMap(canonical, known))


def _entity_references(article: Article) -> tuple:
    """What of the layers other than ``entities`` resolution may change: entity ids, the names
    copied from an entity, and the ledger's figure rows (whose subject may be found by alias)."""
    return ([m.entity for m in article.mentions], [(q.speaker_entity, q.speaker) for q in article.quotes],
            [(e.source_entity, e.source, [(p.entity, p.name) for p in e.participants]) for e in article.events],
            [ledger_rows.subject_entity_of(f, article) for f in article.figures])


def _same_record(a: Entity, b: Entity) -> bool:
    return (a.name, a.type, sorted(a.aliases), a.external_id) == (b.name, b.type, sorted(b.aliases), b.external_id)


# --- the two entry points ---------------------------------------------------------------------


def resolve_new(store: Store, article_ids: list[str] | None = None) -> ResolutionReport:
    """Resolve the articles not yet in the index (or ``article_ids``) against it. An article that
    was in the index before (re-analysed since: :meth:`Store.unresolve_articles`) is indexed anew,
    and the entities its old nodes had joined are resolved again without them."""
    report = ResolutionReport()
    pending = store.unresolved_articles() if article_ids is None else article_ids
    indexed = store.resolution_refs(pending)
    pending = [a for a in pending if a not in indexed]
    report.articles = len(pending)
    left = {n.entity_id for n in store.resolution_nodes(article_ids=pending) if n.entity_id} if pending else set()
    new_nodes = []
    for article_id in pending:
        article = store.get_article(article_id)
        if article is not None:
            new_nodes += index_article(store, article)
    report.local_entities = len(new_nodes)
    if not new_nodes and not left:
        return report
    canonical, mapping, old_entity_of = _resolve_closure(store, new_nodes, report, left)
    _apply(store, canonical, mapping, old_entity_of, set(pending), left)
    report.canonical_entities = len(canonical)
    return report


class _Closure:
    """The nodes one resolution must see: the new ones, every stored node sharing a key with a
    node gathered so far, and the whole entity each stored node belongs to (and the rest of each
    entity in ``entity_ids``: those a re-indexed article's old nodes had joined)."""

    def __init__(self, store: Store, new_nodes: list[LocalEntity], entity_ids: set[str] = frozenset()):
        self.store = store
        self.nodes: dict[tuple[str, str], LocalEntity] = {(n.article_id, n.local_id): n for n in new_nodes}
        self.old_entity_of: dict[tuple[str, str], str | None] = {}
        self.keys_seen: set[str] = set()
        self.entities_seen: set[str] = set()
        self.gather(new_nodes, set(entity_ids))

    def gather(self, frontier: list[LocalEntity], entity_ids: set[str] = frozenset()) -> int:
        """Gather until nothing new comes in; returns how many stored nodes were added."""
        added = 0
        while frontier or entity_ids:
            keys = {k for n in frontier for k in node_keys(n)} - self.keys_seen
            self.keys_seen |= keys
            rows = self.store.resolution_nodes(keys=keys) if keys else []
            entities = ({r.entity_id for r in rows if r.entity_id} | set(entity_ids)) - self.entities_seen
            self.entities_seen |= entities
            rows += self.store.resolution_nodes(entity_ids=entities) if entities else []
            frontier, entity_ids = [], set()
            for row in rows:
                pair = (row.article_id, row.local_id)
                if pair not in self.nodes:
                    self.nodes[pair] = node_from_row(row)
                    self.old_entity_of[pair] = row.entity_id
                    frontier.append(self.nodes[pair])
                    added += 1
        return added


def _resolve_closure(store: Store, new_nodes: list[LocalEntity], report: ResolutionReport,
                     left: set[str] = frozenset()):
    """Resolve the closure of ``new_nodes``. A group may still end in an entity whose other
    nodes share no key with it (a KB entry they all link to): gather those and resolve again."""
    closure = _Closure(store, new_nodes, left)
    kb = kb_entities(store)
    while True:
        attempt = ResolutionReport()
        canonical, mapping = resolve_entities(list(closure.nodes.values()), kb, attempt)
        if not closure.gather([], set(mapping.values())):
            break
    report.merges, report.kb_links = attempt.merges, attempt.kb_links
    report.ambiguous_surnames = attempt.ambiguous_surnames
    # Only the entities of the gathered nodes: a KB entry none of them joined keeps its record.
    live = set(mapping.values())
    return {i: e for i, e in canonical.items() if i in live}, mapping, closure.old_entity_of


def _apply(store: Store, canonical: dict[str, Entity], mapping: dict, old_entity_of: dict,
           new_articles: set[str], left: set[str] = frozenset()) -> None:
    old_ids = {e for e in old_entity_of.values() if e} | set(left)
    stored = {e.id: e for e in store.get_entities_by_id(sorted(old_ids | set(canonical)))}
    changed = {i for i, e in canonical.items() if i not in stored or not _same_record(e, stored[i])}
    moved = {pair: e for pair, e in mapping.items() if old_entity_of.get(pair) != e}
    relinked = set(new_articles) | {a for a, _ in moved}
    # An entity that kept its id kept its name and type (the id is made of them, or is a KB id
    # with the KB's name): only its aliases or KB id changed, which only the articles' entities
    # layer copies. Those articles get that layer replaced, not all their layers rewritten.
    refreshed = {a for (a, _), e in mapping.items() if e in changed} - relinked
    refs = store.resolution_refs(sorted(relinked | refreshed))
    entities_only: dict[str, list[Entity]] = {}
    for article_id in sorted(relinked | refreshed):
        article = store.get_article(article_id)
        if article is None or article_id not in refs:
            continue
        before = _entity_references(article) if article_id in refreshed else None
        article = relink(article, json.loads(refs[article_id]), mapping, canonical)
        if before is not None and _entity_references(article) == before:
            entities_only[article_id] = article.entities
        else:  # moved, or e.g. a figure that finds its subject by an alias (ledger_rows.subject_entity_of)
            store.update_layers(article)
    if entities_only:
        store.set_article_entities(entities_only)
    store.set_resolution_entities(moved)
    upsert = [e for i, e in canonical.items() if i not in stored or i in changed or e.roles != stored[i].roles]
    store.upsert_entities(upsert)
    stale = [i for i in old_ids - set(canonical) if i in stored and not stored[i].external_id]
    if stale:
        store.delete_entities(stale)


def resolve_all(store: Store) -> ResolutionReport:
    """Resolve every stored article from scratch: every node of the index (articles not in it,
    or whose layers changed since, are indexed anew), every article rewritten."""
    report = ResolutionReport()
    nodes: list[LocalEntity] = []
    refs_of: dict[str, dict] = {}
    stored_rows: dict[str, list[ResolutionNode]] = {}
    for row in store.resolution_nodes():
        stored_rows.setdefault(row.article_id, []).append(row)
    article_ids = [s.id for s in store.list_articles()]
    known_refs = store.resolution_refs(article_ids)
    for article in store.iter_articles():
        refs = json.loads(known_refs[article.id]) if article.id in known_refs else None
        if refs is not None and refs_match(article, refs):
            nodes += [node_from_row(r) for r in stored_rows.get(article.id, [])]
        else:
            nodes += index_article(store, article)
            refs = article_refs(article)
        refs_of[article.id] = refs
    report.articles, report.local_entities = len(refs_of), len(nodes)
    canonical, mapping = resolve_entities(nodes, kb_entities(store), report)
    for article_id, refs in refs_of.items():
        article = store.get_article(article_id)
        if article is not None and article.mentions:
            store.update_layers(relink(article, refs, mapping, canonical))
    store.set_resolution_entities(mapping)
    store.upsert_entities(list(canonical.values()))
    stale = [e.id for e in store.get_entities() if e.id not in canonical and not e.external_id]
    if stale:
        store.delete_entities(stale)
    report.canonical_entities = len(canonical)
    return report
