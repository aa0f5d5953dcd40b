"""Roles of the people in one article: appositions, and role references linked to a person.

``link_roles`` gets the article's mention clusters and role phrases and returns
(cluster -> role dicts from appositions, [(reference phrase, cluster)]).

A role reference names the one person who holds that role in the article by
apposition (``Bundeskanzler Olaf Scholz … der Kanzler``). Failing that, for
roles that describe who someone is (``der Tech-Milliardär``, ``der X-Chef``; not
``der Richter``: ``refers-back`` in ``roles.tsv``), it names the person last
named within ``REFERENCE_WINDOW`` characters when that person is also the
article's most named so far or the only one in the window. Never someone
introduced with a different role (``Präsident Macron`` is not ``der Kanzler``),
named by a different role reference in the same sentence (``Vom heutigen
US-Präsidenten fühlt sich der Tech-Milliardär beleidigt``), or of the other
gender by first name (``die AfD-Chefin`` is not ``Werner Faymann``); and no one
when a genitive specifies somebody else (``der Chef der konservativen Partei``)
or someone is named earlier in the same sentence (``Bischof Zsifkovics dankte dem
Polizeichef``: two people). Sentences are those of the shared segmentation
(:mod:`dossier.analyse.segment`), so ``Dr.`` or ``am 3. Mai`` does not end one.
"""
from __future__ import annotations

import re
from collections import Counter

from dossier.analyse.entities.names import (
    compact_key,
    first_name_genders,
    name_tokens,
    refers_back_roles,
)
from dossier.analyse.entities.roles import RolePhrase
from dossier.analyse.segment import segmentation

# How far back (in characters) a role reference looks for the person it stands for.
REFERENCE_WINDOW = 600
# "X-CEO Linda Yaccarino"; "des Chefredakteurs von Radio Nord, Tom Kurz"; "Der Bürgermeister – Anna Berg"
APPOSITION_BEFORE_RE = re.compile(r"[ \t]+|,[ \t]+|[ \t]+[–—-][ \t]+")
APPOSITION_AFTER_RE = re.compile(r",\s+(?:(?:der|die|des|dem|den)\s+)?(?:[a-zäöüß]+\s+){0,2}")


def link_roles(text, mentions, clusters, owner, phrases):
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
    genders = _cluster_genders(mentions, clusters, person_clusters)
    references = _resolve_references(text, mentions, persons, owner, open_references, holders, held_lemmas,
                                     genders)
    return roles, references


def _cluster_genders(mentions, clusters, person_clusters) -> dict[int, str]:
    """Cluster -> "m"/"f" from the first name of its full name, where the list knows it."""
    table = first_name_genders()
    genders = {}
    for c in person_clusters:
        for i in clusters[c].members:
            tokens = name_tokens(mentions[i].text)
            if len(tokens) > 1 and compact_key(tokens[0]) in table:
                genders[c] = table[compact_key(tokens[0])]
                break
    return genders


def _role_keys(phrase: RolePhrase) -> set[str]:
    """"Bundeskanzler" is also a "Kanzler"; "Tesla-Chef" is a "Chef" and a "Chef|tesla";
    the gender of the form is part of the key ("Sprecher" Tom is not "die Sprecherin")."""
    names = {f"{phrase.role.casefold()}#{phrase.gender}", f"{phrase.lemma.casefold()}#{phrase.gender}"}
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


def _resolve_references(text, mentions, persons, owner, references, holders, held_lemmas, genders):
    """The (reference, cluster) pairs the rules in the module docstring allow."""
    resolved: list[tuple[RolePhrase, int]] = []
    earlier: dict[str, int] = {}
    for phrase in references:
        if phrase.specified and phrase.org is None:
            continue  # "der Chef der konservativen Partei": someone else's role
        role = f"{phrase.role.casefold()}#{phrase.gender}"
        key = f"{role}|{compact_key(phrase.org)}" if phrase.org else role
        explicit = {c for c in holders.get(key, set()) if genders.get(c, phrase.gender) == phrase.gender}
        if len(explicit) > 1:
            continue
        if explicit:
            c = next(iter(explicit))
        elif key in earlier:
            c = earlier[key]
        else:
            if phrase.lemma.casefold() not in refers_back_roles():
                continue  # "der Richter" in a court report is rarely someone the article named
            taken = {c for p, c in resolved if p.role.casefold() != phrase.role.casefold()
                     and _same_sentence(text, p, phrase)}
            taken |= {c for c, lemmas in held_lemmas.items() if phrase.lemma.casefold() not in lemmas}
            taken |= {c for c, gender in genders.items() if gender != phrase.gender}
            if phrase.org:  # "ÖVP-Chef Mitterlehner" is not "dem SPÖ-Chef"
                own = f"{phrase.lemma.casefold()}|{compact_key(phrase.org)}"
                taken |= {c for key, cs in holders.items() if key.startswith(f"{phrase.lemma.casefold()}#")
                          and "|" in key and not key.endswith(own.split("|", 1)[1]) for c in cs}
            c = _last_named_person(text, mentions, persons, owner, phrase, taken)
            if c is None:
                continue
        earlier[key] = c
        resolved.append((phrase, c))
    return resolved


def _same_sentence(text: str, a: RolePhrase, b: RolePhrase) -> bool:
    seg = segmentation(text)
    return seg.sentence_index(a.start) == seg.sentence_index(b.start)


def _sentence_start(text: str, pos: int) -> int:
    seg = segmentation(text)
    return seg.sentence_spans[seg.sentence_index(pos)][0]


def _last_named_person(text, mentions, persons, owner, phrase, taken) -> int | None:
    """The last person named before the reference, if that person is also the one the
    article has named most so far (its protagonist) or the only one within the window."""
    before = [i for i in persons if mentions[i].end <= phrase.start]
    # A name earlier in the same sentence is someone else: "Bischof Zsifkovics dankte dem
    # Polizeichef", "Kurz sagte, der Bundeskanzler …".
    sentence_start = _sentence_start(text, phrase.start)
    if any(mentions[i].start >= sentence_start for i in before):
        return None
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
