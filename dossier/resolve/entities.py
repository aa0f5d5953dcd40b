"""Cross-document entity resolution: one canonical entity per real-world entity.

``resolve_corpus(store)`` reads every stored article's entities (article-local
ones from the ``entities`` stage, or canonical ones from an earlier run),
groups them **conservatively** and writes the result back:

1. KB link — an entity whose name or alias equals (by key) a name or alias of
   exactly one imported KB entity of the same type joins it.
2. Same name — entities of the same type that share a full name join:
   for persons only names of two or more tokens count (``Elon Musk``); for
   other types any name or alias (``OpenAI`` = ``Open AI``, ``X`` = ``Twitter``
   when one article said ``X (Twitter)``), with adjective and genitive endings of
   multi-word names folded (``Deutschen Bank`` = ``Deutsche Bank``).
3. Inflection — a place name ending in ``s`` (``Chinas``), a long organisation name
   (``Europaparlaments``), a full person name (``Angela Merkels``) or a dative plural
   (``Niederlanden``) joins the same type's bare name; short organisation names do
   not (``Times`` is no genitive of ``Time``). Endings: ``entity_inflection_suffixes.tsv``.
4. Surname — a person known in its article only by one name (``Musk``) joins
   the one full-name person in the corpus with that surname. When several
   full-name persons share it, it joins one only if exactly one of them shares
   context (a co-mentioned organisation or place, or a role's organisation);
   otherwise it stays a separate entity.

Canonical ids are ``E`` + a hash of type and canonical name, so a re-run on
the same data gives the same ids. Mentions are rewritten to the canonical ids
(``update_layers``) and the canonical entities are upserted with all aliases,
roles (each with its article) and the KB's ``external_id``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from dossier.analyse.entities import REFERENCE_SCORE
from dossier.analyse.entities.cluster import UnionFind, base_forms
from dossier.analyse.entities.names import (
    canonical_id,
    compact_key,
    equivalent_names,
    first_names,
    inflected_forms,
    inflection_keys,
    initials,
    is_acronym,
    is_equivalent_headword,
    is_full_name,
    name_tokens,
    split_role,
    surname_part,
    uninflected_keys,
)
from dossier.model import Article, Entity, Mention
from dossier.resolve.kb import kb_keys
from dossier.store.base import Store

CONTEXT_TYPES = ("ORG", "LOC")


@dataclass
class LocalEntity:
    """One entity as one article sees it."""

    article_id: str
    local_id: str
    type: str
    names: Counter  # base forms of its name mentions -> count
    preferred: str  # the name the article (or an earlier run) chose
    roles: list[dict] = field(default_factory=list)
    context: set[str] = field(default_factory=set)  # keys of co-mentioned organisations/places
    genitives: set[str] = field(default_factory=set)  # names the article uses only before a noun
    kb_id: str | None = None  # set on the nodes that stand for KB entries

    def expanded_acronyms(self) -> set[str]:
        """Acronyms this article spelt out (``EU`` beside ``Europäische Union``)."""
        if self.type == "PER":
            return set()
        expanded = {initials(n) for n in self.names} - {""}
        return {n for n in self.names if is_acronym(n) and n in expanded}

    @property
    def full_names(self) -> list[str]:
        return [n for n in self.names if is_full_name(n)]

    def strong_keys(self) -> frozenset[str]:
        """Keys that may link this entity to another article's. An acronym the article
        expanded (``GM`` for ``General Motors``) is left out: across articles ``BA`` is
        as likely British Airways as Bank Austria. Computed once: every rule asks for them."""
        if "_strong_keys" not in self.__dict__:
            self.__dict__["_strong_keys"] = frozenset(self._strong_keys())
        return self.__dict__["_strong_keys"]

    def _strong_keys(self) -> set[str]:
        if self.type == "PER":
            names = self.full_names
        else:
            expanded = self.expanded_acronyms()
            names = [n for n in self.names if n not in expanded]
            keys = {k for n in names for k in inflection_keys(n) if k}
            table = equivalent_names()
            return keys | {table[(self.type, k)] for k in keys if (self.type, k) in table}
        return {k for k in (compact_key(n) for n in names) if k}


@dataclass
class ResolutionReport:
    articles: int = 0
    local_entities: int = 0
    canonical_entities: int = 0
    merges: Counter = field(default_factory=Counter)  # rule -> number of unions made
    kb_links: int = 0
    ambiguous_surnames: list[str] = field(default_factory=list)

    def summary(self) -> str:
        rules = ", ".join(f"{rule} {n}" for rule, n in sorted(self.merges.items())) or "none"
        text = (f"{self.articles} articles, {self.local_entities} article entities -> "
                f"{self.canonical_entities} canonical entities (merges: {rules}; KB links: {self.kb_links})")
        if self.ambiguous_surnames:
            text += f"; left apart (ambiguous surname): {', '.join(sorted(set(self.ambiguous_surnames)))}"
        return text


def resolve_corpus(store: Store) -> ResolutionReport:
    """Resolve the entities of every stored article into canonical entities (from scratch;
    :func:`dossier.resolve.incremental.resolve_new` resolves only what an ingest added)."""
    from dossier.resolve.incremental import resolve_all

    return resolve_all(store)


def local_entities(article: Article) -> list[LocalEntity]:
    """The article's entities as resolution nodes, names read from its mentions."""
    records = {e.id: e for e in article.entities}
    by_entity: dict[str, list[Mention]] = {}
    for m in article.mentions:
        if m.entity:
            by_entity.setdefault(m.entity, []).append(m)
    context = {compact_key(e.name) for e in article.entities if e.type in CONTEXT_TYPES}
    nodes = []
    for entity_id, mentions in by_entity.items():
        record = records.get(entity_id)
        named = [m for m in mentions if not _is_role_reference(m)] or mentions
        forms = Counter(base_forms(named))
        entity_type = record.type if record else Counter(m.label for m in named).most_common(1)[0][0]
        preferred = record.name if record and record.name in forms else forms.most_common(1)[0][0]
        roles = [r for r in (record.roles if record else []) if r.get("article") == article.id]
        own = {compact_key(preferred)}
        role_orgs = {compact_key(r["org"]) for r in roles if r.get("org")}
        genitives = _prenominal_forms(article.text, named)
        nodes.append(LocalEntity(article.id, entity_id, entity_type, forms, preferred, roles,
                                 (context | role_orgs) - own, genitives))
    return nodes


# A prenominal genitive: "Frank Stronachs Vermögen", "Angela Merkels neue Politik".
PRENOMINAL_RE = re.compile(r"\s+(?:[a-zäöüß]+e[nmrs]?\s+)?[A-ZÄÖÜ]")


def _prenominal_forms(text: str, mentions: list[Mention]) -> set[str]:
    """Names ending in ``s`` that every mention of uses right before a noun (or adjective and
    noun), the position of a German prenominal genitive."""
    seen: dict[str, bool] = {}
    for m in mentions:
        if m.text.endswith("s"):
            before_noun = PRENOMINAL_RE.match(text, m.end) is not None
            seen[m.text] = seen.get(m.text, True) and before_noun
    return {name for name, ok in seen.items() if ok}


def _is_role_reference(m: Mention) -> bool:
    """Mentions the stage made from ``der Tech-Milliardär``: a role, not a name."""
    first = m.text.split()[0] if m.text.split() else m.text
    return m.label == "PER" and m.score == REFERENCE_SCORE and split_role(first) is not None


def resolve_entities(nodes: list[LocalEntity], kb: list[Entity], report: ResolutionReport):
    """Group the nodes; returns canonical entities by id and (article, local id) -> canonical id."""
    kb_nodes = [LocalEntity("", e.id, e.type, Counter({n: 1 for n in [e.name, *e.aliases]}), e.name,
                            kb_id=e.id) for e in kb]
    all_nodes = nodes + kb_nodes
    uf = UnionFind(len(all_nodes))
    _merge_kb(all_nodes, len(nodes), kb, uf, report)
    _merge_same_name(all_nodes, uf, report)
    _merge_spelt_out_acronyms(all_nodes, uf, report)
    _merge_inflected(all_nodes, uf, report)
    _merge_surnames(all_nodes, uf, report)
    return _canonicalise(all_nodes, uf, {e.id: e for e in kb}, report)


def _merge_kb(nodes, first_kb, kb, uf, report) -> None:
    index: dict[tuple[str, str], set[int]] = {}
    for offset, entity in enumerate(kb):
        for key in kb_keys(entity):
            index.setdefault((entity.type, key), set()).add(first_kb + offset)
    for i, node in enumerate(nodes[:first_kb]):
        hits = set()
        for key in {compact_key(n) for n in node.names}:
            hits |= index.get((node.type, key), set())
        if len(hits) == 1:
            uf.union(next(iter(hits)), i)
            report.kb_links += 1


def _merge_same_name(nodes, uf, report) -> None:
    first: dict[tuple[str, str], int] = {}
    for i, node in enumerate(nodes):
        if node.kb_id:
            continue  # KB entries are linked only by rule 1, which refuses ambiguous keys
        for key in sorted(node.strong_keys()):
            j = first.setdefault((node.type, key), i)
            if j != i and uf.find(i) != uf.find(j):
                uf.union(i, j)
                report.merges["same name"] += 1


# An acronym joins its expansion across articles only when at least this many articles spelt
# it out, all to the same entity: one article's "BA (Bank Austria)" says little about "BA".
ACRONYM_MIN_EXPANSIONS = 2


def _merge_spelt_out_acronyms(nodes, uf, report) -> None:
    """Rule 2b: an acronym used bare (``EU``) joins the entity that other articles spell it
    out as (``Europäische Union (EU)``) when every article that spells it out means the same
    entity and at least ``ACRONYM_MIN_EXPANSIONS`` do; two expansions (``BA``: Bank Austria,
    British Airways) keep it apart."""
    spelt: dict[tuple[str, str], list[int]] = {}
    bare: dict[tuple[str, str], list[int]] = {}
    for i, node in enumerate(nodes):
        if node.kb_id or node.type == "PER":
            continue
        expanded = node.expanded_acronyms()
        for acronym in expanded:
            spelt.setdefault((node.type, compact_key(acronym)), []).append(i)
        if all(is_acronym(name) for name in node.names) and len(node.names) == 1:
            # known in its article only by the acronym ("Slowenischen Staatsbahnen (SZ)" is not "SZ")
            bare.setdefault((node.type, compact_key(next(iter(node.names)))), []).append(i)
    for key, users in bare.items():
        expansions = spelt.get(key, [])
        roots = {uf.find(j) for j in expansions}
        if len(expansions) < ACRONYM_MIN_EXPANSIONS or len(roots) != 1:
            continue
        root = next(iter(roots))
        for i in users:
            if uf.find(i) != uf.find(root):
                uf.union(root, i)
                report.merges["acronym spelt out elsewhere"] += 1


def _merge_inflected(nodes, uf, report) -> None:
    """Rule 3: an inflected name joins the same type's bare name (``Chinas`` -> ``China``,
    ``Angela Merkels`` -> ``Angela Merkel``, ``Niederlanden`` -> ``Niederlande``); the
    endings, and the shortest names they apply to, are in ``entity_inflection_suffixes.tsv``."""
    keys = {(n.type, k): i for i, n in enumerate(nodes) for k in n.strong_keys()}
    for i, node in enumerate(nodes):
        if node.kb_id:
            continue
        own_keys = node.strong_keys()
        if node.type == "PER":  # "Hans Peters" may be a name of its own: only "Hans Peters Buch"
            own_keys = {compact_key(n) for n in node.full_names if n in node.genitives}
        for key in own_keys:
            for bare in uninflected_keys(key, node.type):
                j = keys.get((node.type, bare))
                if j is not None and uf.find(i) != uf.find(j):
                    uf.union(i, j)
                    report.merges["inflection"] += 1


def _merge_surnames(nodes, uf, report) -> None:
    surname_groups: dict[str, set[int]] = {}  # surname key -> roots of full-name person groups
    for i, node in enumerate(nodes):
        if node.type == "PER":
            for full in node.full_names:
                for surname in {name_tokens(full)[-1], surname_part(full)}:
                    surname_groups.setdefault(compact_key(surname), set()).add(uf.find(i))
    group_context: dict[int, set[str]] = {}
    for i, node in enumerate(nodes):
        group_context.setdefault(uf.find(i), set()).update(node.context)
    for i, node in enumerate(nodes):
        if node.type != "PER" or node.full_names or node.kb_id:
            continue
        key = _surname_key(node, surname_groups)
        if key in first_names():
            continue  # "Maria" alone is no surname of "Angel di Maria"
        roots = surname_groups.get(key, set()) if key else set()
        if len(roots) == 1:
            uf.union(next(iter(roots)), i)
            report.merges["surname (unique)"] += 1
        elif len(roots) > 1:
            agreeing = [r for r in roots if group_context.get(r, set()) & node.context]
            if len(agreeing) == 1:
                uf.union(agreeing[0], i)
                report.merges["surname (shared context)"] += 1
            else:
                report.ambiguous_surnames.append(node.preferred)


def _surname_key(node: LocalEntity, surname_groups: dict) -> str | None:
    key = compact_key(node.preferred)
    if key in surname_groups:
        return key
    if key.endswith("s") and key[:-1] in surname_groups:  # "Musks" seen without "Musk"
        return key[:-1]
    return key


def _canonicalise(nodes, uf, kb_by_id, report):
    groups = uf.groups()
    canonical: dict[str, Entity] = {}
    mapping: dict[tuple[str, str], str] = {}
    for root in sorted(groups, key=lambda r: _group_sort_key(nodes, groups[r])):
        members = [nodes[i] for i in groups[root]]
        entity = _canonical_entity(members, kb_by_id)
        if entity.id in canonical:
            # Two groups that stayed apart but share type and name (an ambiguous surname):
            # tell them apart by the first article that mentions each.
            first_article = min(m.article_id for m in members if m.article_id)
            entity.id = canonical_id(entity.type, f"{entity.name}@{first_article}")
        canonical[entity.id] = entity
        for m in members:
            if not m.kb_id:
                mapping[(m.article_id, m.local_id)] = entity.id
    return canonical, mapping


def _group_sort_key(nodes, members) -> tuple:
    return min((nodes[i].article_id, nodes[i].local_id) for i in members)


def _canonical_entity(members: list[LocalEntity], kb_by_id: dict[str, Entity]) -> Entity:
    kb = next((kb_by_id[m.kb_id] for m in members if m.kb_id), None)
    types = Counter(m.type for m in members)
    entity_type = kb.type if kb else types.most_common(1)[0][0]
    forms: Counter = Counter()
    votes: Counter = Counter()
    for m in members:
        if not m.kb_id:
            forms.update(m.names)
            votes[m.preferred] += 1
    inflected = inflected_forms(votes, entity_type)
    if kb:
        name = kb.name
    elif entity_type == "PER":
        name = max(votes, key=lambda n: (len(name_tokens(n)), n not in inflected, votes[n], forms[n], n))
    else:
        name = max(votes, key=lambda n: (n not in inflected, is_equivalent_headword(n, entity_type),
                                         votes[n], forms[n], len(n), n))
    aliases = sorted((set(forms) | set(kb.aliases if kb else [])) - {name})
    roles = _dedupe_roles([r for m in members for r in m.roles])
    return Entity(kb.id if kb else canonical_id(entity_type, name), name, entity_type, aliases,
                  kb.external_id if kb else None, roles)


def _dedupe_roles(roles: list[dict]) -> list[dict]:
    seen, out = set(), []
    for role in sorted(roles, key=lambda r: (r.get("article", ""), r.get("start", 0))):
        key = (role.get("article"), role.get("start"), role.get("end"), role.get("role"))
        if key not in seen:
            seen.add(key)
            out.append(role)
    return out


def rewrite_article(article: Article, mapping: dict[tuple[str, str], str],
                    canonical: dict[str, Entity]) -> Article:
    """The article with mentions pointing at canonical ids and its entities layer canonical.

    Later stages refer to the article-local ids too (a quote's ``speaker_entity``, an event
    participant's ``entity``, a figure's ``subject_entity``); they are rewritten the same way, and a
    speaker's or participant's name becomes the canonical name."""
    def canon(entity_id):
        return mapping.get((article.id, entity_id), entity_id) if entity_id else entity_id

    for m in article.mentions:
        m.entity = canon(m.entity)
    for quote in article.quotes:
        quote.speaker_entity = canon(quote.speaker_entity)
        if quote.speaker_entity in canonical:
            quote.speaker = canonical[quote.speaker_entity].name
    for event in article.events:
        event.source_entity = canon(getattr(event, "source_entity", None))
        if event.source_entity in canonical:
            event.source = canonical[event.source_entity].name
        for participant in event.participants:
            participant.entity = canon(participant.entity)
            if participant.entity in canonical:
                participant.name = canonical[participant.entity].name
    for figure in article.figures:
        figure.subject_entity = canon(figure.subject_entity)
    used = []
    for entity_id in dict.fromkeys(m.entity for m in article.mentions if m.entity):
        entity = canonical.get(entity_id)
        if entity is not None:
            roles = [r for r in entity.roles if r.get("article") == article.id]
            used.append(Entity(entity.id, entity.name, entity.type, list(entity.aliases),
                               entity.external_id, roles))
    article.entities = used
    return article
