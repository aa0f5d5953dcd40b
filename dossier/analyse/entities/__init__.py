"""The ``entities`` stage: NER mentions clustered into article-local entities.

``find_entities(article)`` runs the NER model and hands its mentions to
:func:`link_entities`, the pure, model-free core (tests call it with
hand-made mentions). Within one article it

* cleans the mentions and adds the ones the article implies
  (see :mod:`dossier.analyse.entities.mentions`),
* clusters them (rules in :mod:`dossier.analyse.entities.cluster`),
* reads roles from appositions (``X-CEO Linda Yaccarino``) and links role
  references (``der Tech-Milliardär``) to a person when the article makes
  that person unambiguous,
* numbers the entities ``<article.id>:e1``, ``:e2``… in order of first
  mention. Cross-document resolution (:mod:`dossier.resolve.entities`)
  later replaces these ids with canonical ones.
"""
from __future__ import annotations

from dataclasses import replace

from dossier.analyse import stage
from dossier.analyse.entities.companies import companies_tagged_as_people, trim_descriptors
from dossier.analyse.entities.cluster import base_forms, build_entity, cluster_mentions
from dossier.analyse.entities.mentions import (
    compound_mentions,
    cue_mentions,
    parenthetical_aliases,
    prepare_mentions,
    propagate_names,
)
from dossier.analyse.entities.references import link_roles
from dossier.analyse.entities.repair import repair_mentions
from dossier.analyse.entities.roles import (
    RolePhrase,
    attach_following_org,
    find_role_phrases,
)
from dossier.errors import ModelError
from dossier.model import Article, Entity, Mention

# Score given to a mention made from a role reference; resolution reads it to keep
# "der Tech-Milliardär" out of an entity's names.
REFERENCE_SCORE = 0.55


def _ner_model_name() -> str:
    """``ner-crf``, ``ner-accurate`` or ``ner-spacy:NAME``: the backend ``DOSSIER_NER`` chooses."""
    from dossier.analyse.ner import default_backend

    return "ner-" + default_backend()


@stage("entities", requires=("text", "headings"), assigns=("mentions", "entities"),
       model=_ner_model_name,
       model_files=("models/ner", "models/ner-accurate", "analyse/ner", "analyse/segment"))
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
    mentions = companies_tagged_as_people(text, trim_descriptors(text, mentions))
    added, pairs = parenthetical_aliases(text, mentions)
    mentions = _merge(mentions, added)
    phrases = find_role_phrases(text)
    role_orgs = [(p.org_start, p.org_end, p.org) for p in phrases if p.org]
    mentions = _merge(mentions, compound_mentions(text, mentions, role_orgs))
    mentions = _merge(mentions, cue_mentions(text, mentions))
    mentions = _merge(mentions, propagate_names(text, mentions))
    phrases = _without_name_overlap(phrases, mentions)
    org_spans = [(m.start, m.end) for m in mentions if m.label in ("ORG", "LOC")]
    phrases = [attach_following_org(text, p, org_spans) for p in phrases]

    clusters = cluster_mentions(mentions, pairs)
    owner = {i: c for c, cluster in enumerate(clusters) for i in cluster.members}
    roles_by_cluster, references = link_roles(text, mentions, clusters, owner, phrases)

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
