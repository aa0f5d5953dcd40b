"""The ``entities`` stage: NER mentions clustered into article-local entities.

``find_entities(article)`` runs the NER model and hands its mentions to
:func:`link_entities`, the pure, model-free core (tests call it with
hand-made mentions). Within one article it

* cleans the mentions and adds the ones the article implies
  (see :mod:`dossier.analyse.entity_mentions`),
* clusters them (rules in :mod:`dossier.analyse.entity_cluster`),
* reads roles from appositions (``X-CEO Linda Yaccarino``) and links role
  references (``der Tech-Milliardär``) to a person when the article makes
  that person unambiguous,
* numbers the entities ``<article.id>:e1``, ``:e2``… in order of first
  mention. Cross-document resolution (:mod:`dossier.resolve.entities`)
  later replaces these ids with canonical ones.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from dossier.analyse import stage
from dossier.analyse.entity_cluster import base_forms, build_entity, cluster_mentions
from dossier.analyse.entity_mentions import (
    compound_mentions,
    parenthetical_aliases,
    prepare_mentions,
    propagate_names,
)
from dossier.analyse.entity_names import compact_key, refers_back_roles
from dossier.analyse.entity_repair import repair_mentions
from dossier.analyse.entity_roles import RolePhrase, attach_following_org, find_role_phrases
from dossier.errors import ModelError
from dossier.model import Article, Entity, Mention

# How far back (in characters) a role reference looks for the person it stands for.
REFERENCE_WINDOW = 600
# Score given to a mention made from a role reference; resolution reads it to keep
# "der Tech-Milliardär" out of an entity's names.
REFERENCE_SCORE = 0.55
# "X-CEO Linda Yaccarino"; "des Chefredakteurs von Bugün TV, Tarik …" (the name after a comma)
APPOSITION_BEFORE_RE = re.compile(r"[ \t]+|,[ \t]+")
APPOSITION_AFTER_RE = re.compile(r",\s+(?:(?:der|die|des|dem|den)\s+)?(?:[a-zäöüß]+\s+){0,2}")


@stage("entities", requires=("text",), assigns=("mentions", "entities"))
def find_entities(article: Article) -> dict:
    """Mentions from the NER model, clustered into article-local entities."""
    return link_entities(article, _recognise(article.text))


def _recognise(text: str) -> list[Mention]:
    try:
        from dossier.analyse.ner import recognise
    except ImportError as exc:
        raise ModelError("the NER model module dossier.analyse.ner cannot be imported",
                         location="dossier.analyse.entities",
                         hint="train it with `dossier train ner` or reinstall dossier-news") from exc
    return recognise(text)


def link_entities(article: Article, ner_mentions: list[Mention]) -> dict:
    """Cluster ``ner_mentions`` of ``article`` into local entities; returns the two layers."""
    text = article.text
    boundaries = sorted({b for h in article.headings for b in (h.start, h.end)})
    mentions = prepare_mentions(text, repair_mentions(text, ner_mentions, boundaries))
    added, pairs = parenthetical_aliases(text, mentions)
    mentions = _merge(mentions, added)
    phrases = find_role_phrases(text)
    role_orgs = [(p.org_start, p.org_end, p.org) for p in phrases if p.org]
    mentions = _merge(mentions, compound_mentions(text, mentions, role_orgs))
    mentions = _merge(mentions, propagate_names(text, mentions))
    phrases = _without_name_overlap(phrases, mentions)
    org_spans = [(m.start, m.end) for m in mentions if m.label in ("ORG", "LOC")]
    phrases = [attach_following_org(text, p, org_spans) for p in phrases]

    clusters = cluster_mentions(mentions, pairs)
    owner = {i: c for c, cluster in enumerate(clusters) for i in cluster.members}
    roles_by_cluster, references = _link_roles(text, mentions, clusters, owner, phrases)

    reference_members: set[int] = set()
    for phrase, c in references:
        mentions.append(Mention(phrase.start, phrase.end, phrase.text, "PER", None, REFERENCE_SCORE))
        clusters[c].members.append(len(mentions) - 1)
        reference_members.add(len(mentions) - 1)
        roles_by_cluster.setdefault(c, []).append(phrase.as_role(article.id, "reference"))
    return _layers(article, mentions, clusters, roles_by_cluster, reference_members)


def _merge(mentions: list[Mention], added: list[Mention]) -> list[Mention]:
    return sorted([*mentions, *added], key=lambda m: (m.start, -m.end))


def _without_name_overlap(phrases: list[RolePhrase], mentions: list[Mention]) -> list[RolePhrase]:
    """A role token the model tagged as (part of) a name is kept only when it is a compound."""
    spans = [(m.start, m.end) for m in mentions if not m.inside]
    return [p for p in phrases if not any(s <= p.start and p.end <= e for s, e in spans)]


def _link_roles(text, mentions, clusters, owner, phrases):
    """Roles from appositions; role references resolved to a person cluster."""
    person_clusters = {c for c, cluster in enumerate(clusters) if _cluster_type(mentions, cluster) == "PER"}
    persons = [i for i, m in enumerate(mentions) if owner[i] in person_clusters and not m.inside]
    roles: dict[int, list[dict]] = {}
    holders: dict[str, set[int]] = {}  # role key -> clusters named with that role by apposition
    held_lemmas: dict[int, set[str]] = {}
    open_references = []
    for phrase in phrases:
        person = _apposition_person(text, mentions, persons, phrase)
        if person is not None:
            c = owner[person]
            roles.setdefault(c, []).append(phrase.as_role("", "apposition"))
            held_lemmas.setdefault(c, set()).add(phrase.lemma.casefold())
            for key in _role_keys(phrase):
                holders.setdefault(key, set()).add(c)
        elif phrase.reference:
            open_references.append(phrase)
    references = _resolve_references(text, mentions, persons, owner, open_references, holders, held_lemmas)
    return roles, references


def _role_keys(phrase: RolePhrase) -> set[str]:
    """"Bundeskanzler" is also a "Kanzler"; "Tesla-Chef" is a "Chef" and a "Chef|tesla"."""
    names = {phrase.role.casefold(), phrase.lemma.casefold()}
    keys = set(names)
    if phrase.org:
        keys |= {f"{name}|{compact_key(phrase.org)}" for name in names}
    return keys


def _cluster_type(mentions, cluster) -> str:
    labels = [mentions[i].label for i in cluster.members if not mentions[i].inside]
    return max(set(labels), key=labels.count) if labels else mentions[cluster.members[0]].label


def _apposition_person(text, mentions, persons, phrase) -> int | None:
    for i in persons:
        m = mentions[i]
        if m.inside:
            continue
        if m.start > phrase.end and APPOSITION_BEFORE_RE.fullmatch(text[phrase.end:m.start]):
            return i
        if m.end < phrase.start and APPOSITION_AFTER_RE.fullmatch(text[m.end:phrase.start]):
            return i
    return None


def _resolve_references(text, mentions, persons, owner, references, holders, held_lemmas):
    """A role reference names the one person who holds that role in the article
    (``Bundeskanzler Olaf Scholz … der Kanzler``). Failing that, for roles that
    describe who someone is (``der Tech-Milliardär``, ``der X-Chef``; not ``der
    Richter``), it names the person last named within ``REFERENCE_WINDOW``
    characters when that person is also the article's most named so far or the only
    one in the window — never someone introduced with a different role (``Präsident
    Macron`` is not ``der Kanzler``) or named by a different role reference in the
    same sentence (``Vom heutigen US-Präsidenten fühlt sich der Tech-Milliardär
    beleidigt``)."""
    resolved: list[tuple[RolePhrase, int]] = []
    earlier: dict[str, int] = {}
    for phrase in references:
        role = phrase.role.casefold()
        key = f"{role}|{compact_key(phrase.org)}" if phrase.org else role
        explicit = holders.get(key, set())
        if len(explicit) > 1:
            continue
        if explicit:
            c = next(iter(explicit))
        elif key in earlier:
            c = earlier[key]
        else:
            if phrase.lemma.casefold() not in refers_back_roles():
                continue  # "der Richter" in a court report is rarely someone the article named
            taken = {c for p, c in resolved if p.role.casefold() != role and _same_sentence(text, p, phrase)}
            taken |= {c for c, lemmas in held_lemmas.items() if phrase.lemma.casefold() not in lemmas}
            c = _last_named_person(mentions, persons, owner, phrase, taken)
            if c is None:
                continue
        earlier[key] = c
        resolved.append((phrase, c))
    return resolved


def _same_sentence(text: str, a: RolePhrase, b: RolePhrase) -> bool:
    return not re.search(r"[.!?]\s", text[min(a.end, b.end):max(a.start, b.start)])


def _last_named_person(mentions, persons, owner, phrase, taken) -> int | None:
    """The last person named before the reference, if that person is also the one the
    article has named most so far (its protagonist) or the only one within the window."""
    before = [i for i in persons if mentions[i].end <= phrase.start]
    recent = [i for i in before if phrase.start - mentions[i].end <= REFERENCE_WINDOW]
    if not recent:
        return None
    last = owner[max(recent, key=lambda i: mentions[i].start)]
    if last in taken:
        return None
    counts = Counter(owner[i] for i in before)
    if counts[last] == max(counts.values()) or {owner[i] for i in recent} == {last}:
        return last
    return None


def _layers(article: Article, mentions, clusters, roles_by_cluster, reference_members) -> dict:
    forms = base_forms(mentions)
    entities: list[Entity] = []
    linked: list[Mention] = []
    for n, (c, cluster) in enumerate(sorted(enumerate(clusters), key=lambda x: min(mentions[i].start for i in x[1].members)), 1):
        entity = build_entity(f"{article.id}:e{n}", mentions, forms, cluster, reference_members)
        entity.roles = [{**r, "article": article.id} for r in roles_by_cluster.get(c, [])]
        entities.append(entity)
        for i in cluster.members:
            linked.append(replace(mentions[i], entity=entity.id,
                                  label="PER" if i in reference_members else entity.type))
    linked.sort(key=lambda m: (m.start, -m.end))
    return {"mentions": linked, "entities": entities}
