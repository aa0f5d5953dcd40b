"""Clustering the mentions of one article into article-local entities.

Rules, in the order they apply (each is a union of mention groups):

1. a full person name (two or more tokens) joins every other mention of the same name;
2. a partial person name (``Musk``, ``Musks``, ``Ross Sorkin``, or a first name
   tagged PER) joins the one full name it ends with (or starts with); when two full
   names share it (``Joe Biden``/``Hunter Biden``), the nearest preceding one wins;
3. every other mention joins mentions with the same key: case, spacing and
   punctuation folded (``Open AI`` = ``OpenAI``), genitive stripped when the bare
   form occurs in the article (``Teslas`` = ``Tesla``), adjective and genitive
   endings of multi-word names folded (``Deutschen Bank`` = ``Deutsche Bank``);
   organisation names also without their legal form (``Infineon Technologies AG`` =
   ``Infineon Technologies``), and a one-word name with the one organisation name that
   starts with it (``Infineon``; :mod:`dossier.analyse.entities.companies`);
4. parenthetical aliases: ``X (Twitter)``, ``Facebook (jetzt Meta)``;
5. initials: ``GM`` joins ``General Motors`` when exactly one name has those initials.

Role references (``der Tech-Milliardär``) are linked afterwards by the stage.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from dossier.analyse.entities.companies import COMPANY_LABELS, company_key, short_form_targets
from dossier.analyse.entities.mentions import AliasPair
from dossier.analyse.entities.names import (
    compact_key,
    inflected_forms,
    inflection_keys,
    initials,
    is_acronym,
    name_tokens,
    strip_genitive,
    token_keys,
)
from dossier.model import Entity, Mention


class UnionFind:
    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return out


@dataclass
class Cluster:
    members: list[int]
    preferred: set[str] = field(default_factory=set)  # names marked current by "(jetzt …)"


def base_forms(mentions: list[Mention]) -> list[str]:
    """Each mention's name with a genitive ending removed when the bare form is attested."""
    known: set[str] = set()
    for m in mentions:
        known.add(compact_key(m.text))
        known.update(token_keys(m.text))
    forms = []
    for m in mentions:
        tokens = name_tokens(m.text)
        if len(tokens) > 1:
            last = strip_genitive(tokens[-1], known)
            forms.append(m.text[: m.text.rfind(tokens[-1])] + last)
        else:
            forms.append(strip_genitive(m.text, known))
    # "Heinz  Fischer" (two spaces, or a line break) is no alias of "Heinz Fischer".
    return [" ".join(form.split()) for form in forms]


def cluster_mentions(mentions: list[Mention], pairs: list[AliasPair]) -> list[Cluster]:
    """Group mention indices into clusters, ordered by their first mention."""
    forms = base_forms(mentions)
    uf = UnionFind(len(mentions))
    person_keys = _person_keys(mentions, forms)
    full_names = _link_full_names(mentions, forms, uf, person_keys)
    partial = _link_partial_names(mentions, forms, full_names, uf, person_keys)
    _link_same_key(mentions, forms, uf, skip=partial | set(full_names))
    _link_company_forms(mentions, forms, uf, person_keys)
    preferred = _link_aliases(mentions, forms, pairs, uf)
    _link_initials(mentions, forms, uf)
    clusters = []
    for members in sorted(uf.groups().values(), key=lambda ms: min(mentions[i].start for i in ms)):
        names = {forms[i] for i in members}
        clusters.append(Cluster(sorted(members, key=lambda i: mentions[i].start), preferred & names))
    return clusters


def _person_keys(mentions, forms) -> set[str]:
    """Name keys the model tagged PER at least as often as anything else in this article.
    One stray PER label (``Bank Austria`` once PER, twice ORG) must not make a name a person."""
    votes: dict[str, Counter] = {}
    for m, form in zip(mentions, forms):
        if not m.inside:
            votes.setdefault(compact_key(form), Counter())[m.label] += 1
    persons = {key for key, v in votes.items() if v["PER"] and v["PER"] == max(v.values())}
    # A full person name votes PER for its surname too: "Mark Zuckerberg … Zuckerbergs" (tagged LOC).
    for m, form in zip(mentions, forms):
        tokens = name_tokens(form)
        if len(tokens) > 1 and compact_key(form) in persons and not m.inside:
            votes.setdefault(compact_key(tokens[-1]), Counter())["PER"] += 1
    return {key for key, v in votes.items() if v["PER"] and v["PER"] == max(v.values())}


def _link_full_names(mentions, forms, uf, person_keys) -> dict[int, tuple[str, ...]]:
    """Rule 1. Returns mention index -> token keys of every full person name."""
    full: dict[int, tuple[str, ...]] = {}
    first_by_key: dict[tuple[str, ...], int] = {}
    for i, (m, form) in enumerate(zip(mentions, forms)):
        if len(name_tokens(form)) > 1 and compact_key(form) in person_keys:
            keys = tuple(token_keys(form))
            full[i] = keys
            if keys in first_by_key:
                uf.union(first_by_key[keys], i)
            else:
                first_by_key[keys] = i
    return full


def _link_partial_names(mentions, forms, full_names, uf, person_keys) -> set[int]:
    """Rule 2 (for names the article tags mostly as PER). Returns the indices it linked."""
    linked = set()
    for i, (m, form) in enumerate(zip(mentions, forms)):
        if i in full_names or compact_key(form) not in person_keys:
            continue
        keys = tuple(token_keys(form))
        if not keys:
            continue
        candidates = [j for j, full in full_names.items()
                      if len(full) > len(keys) and full[-len(keys):] == keys]
        if not candidates and len(keys) == 1:
            candidates = [j for j, full in full_names.items() if full[0] == keys[0]]
        if not candidates:
            continue
        distinct = {full_names[j] for j in candidates}
        if len(distinct) == 1:
            uf.union(candidates[0], i)
        else:
            uf.union(_nearest(mentions, candidates, m.start), i)
        linked.add(i)
    return linked


def _nearest(mentions: list[Mention], candidates: list[int], pos: int) -> int:
    before = [j for j in candidates if mentions[j].start < pos]
    if before:
        return max(before, key=lambda j: mentions[j].start)
    return min(candidates, key=lambda j: mentions[j].start)


def _link_same_key(mentions, forms, uf, skip: set[int]) -> None:
    """Rule 3 (partial and full person names were placed by rules 1 and 2). Multi-word
    names also meet across adjective and genitive endings (``Deutschen Bank``)."""
    first_by_key: dict[str, int] = {}
    for i, form in enumerate(forms):
        if i in skip:
            continue
        for key in sorted(inflection_keys(form)):
            if key in first_by_key:
                uf.union(first_by_key[key], i)
            else:
                first_by_key[key] = i


def _link_company_forms(mentions, forms, uf, person_keys) -> None:
    """Rule 3b. ``Infineon Technologies AG`` = ``Infineon Technologies`` (legal form left out),
    and ``Infineon`` joins the one organisation name of the article that starts with it."""
    first_by_key: dict[str, int] = {}
    labels = [m.label for m in mentions]
    for i, (label, form) in enumerate(zip(labels, forms)):
        if label in COMPANY_LABELS and not mentions[i].inside:
            key = company_key(form)
            if key in first_by_key:
                uf.union(first_by_key[key], i)
            else:
                first_by_key[key] = i
    places = {compact_key(f) for m, f in zip(mentions, forms) if m.label == "LOC"}
    surnames = {compact_key(name_tokens(f)[-1]) for f in forms
                if len(name_tokens(f)) > 1 and compact_key(f) in person_keys}
    for short, full in short_form_targets(forms, labels, surnames | places).items():
        if not mentions[short].inside:
            uf.union(full, short)


def _link_aliases(mentions, forms, pairs, uf) -> set[str]:
    """Rule 4. Returns the names marked as current (``Meta`` in ``Facebook (jetzt Meta)``)."""
    index = {(m.start, m.end): i for i, m in enumerate(mentions)}
    preferred = set()
    for pair in pairs:
        a, b = index.get(pair.outer), index.get(pair.inner)
        if a is None or b is None:
            continue
        uf.union(a, b)
        preferred.add(forms[b] if pair.preferred == "inner" else forms[a])
    return preferred


def _link_initials(mentions, forms, uf) -> None:
    """Rule 5."""
    by_initials: dict[str, set[int]] = {}
    for i, (m, form) in enumerate(zip(mentions, forms)):
        if m.label != "PER" and initials(form):
            by_initials.setdefault(initials(form), set()).add(uf.find(i))
    for i, form in enumerate(forms):
        roots = by_initials.get(form) if is_acronym(form) else None
        if roots and len(roots) == 1:
            uf.union(next(iter(roots)), i)


def build_entity(entity_id: str, mentions: list[Mention], forms: list[str], cluster: Cluster,
                 reference_members: set[int]) -> Entity:
    """Name, type and aliases of one cluster (roles are added by the stage)."""
    named = [i for i in cluster.members if i not in reference_members] or cluster.members
    entity_type = _vote_type(mentions, forms, named)
    counts = Counter(forms[i] for i in named)
    first_seen = {}
    for i in sorted(named, key=lambda i: mentions[i].start):
        first_seen.setdefault(forms[i], mentions[i].start)
    inflected = inflected_forms(counts, entity_type)
    name = max(counts, key=lambda f: _name_rank(f, entity_type, counts, cluster.preferred, first_seen, inflected))
    aliases = sorted({f for f in counts if f != name})
    return Entity(entity_id, name, entity_type, aliases)


def _vote_type(mentions, forms, members) -> str:
    votes = Counter()
    for i in members:
        votes[mentions[i].label] += 0.5 if mentions[i].inside else 1.0
    best = max(votes.values())
    for i in members:  # ties go to the earliest mention's label
        if votes[mentions[i].label] == best:
            return mentions[i].label
    return "MISC"


def _name_rank(form: str, entity_type: str, counts: Counter, preferred: set[str], first_seen: dict,
               inflected: set[str]) -> tuple:
    tokens = len(name_tokens(form))
    expands_acronym = any(is_acronym(other) and initials(form) == other for other in counts)
    return (form in preferred, tokens if entity_type == "PER" else 0, form not in inflected, expands_acronym,
            counts[form], not is_acronym(form), -first_seen[form])
