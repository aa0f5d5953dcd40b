"""The two seed articles: clean -> entities -> cross-document resolution.

Two runs: one with the shipped NER model (a broken or missing model fails the test),
and one where a fixed name list plays the NER model, so the resolution part is
checked on its own.
"""
from __future__ import annotations

import re

from conftest import shared_path

from dossier.analyse.entities import find_entities, link_entities
from dossier.errors import DossierError
from dossier.model import Article, Mention
from dossier.resolve.entities import resolve_corpus
from dossier.store import MemoryStore

PERSONS = ["Elon Musk", "Linda Yaccarino", "Bob Iger", "Andrew Ross Sorkin", "Joe Biden", "Donald Trump",
           "Sam Altman", "Greg Brockman"]
ORGS = ["Tesla", "General Motors", "Disney", "Bloomberg", "Google", "DeepMind"]
PLACES = ["China", "Shanghai"]
NOT_ENTITIES = ["Werbekunden", "Produktionshölle"]

# Plays the NER model in the second test: surface forms and labels, no positions.
ORACLE = {**{n: "PER" for n in PERSONS + ["Musk", "Biden", "Trump", "Sorkin", "Altman", "Brockman"]},
          **{n: "ORG" for n in ORGS + ["Twitter", "OpenAI", "Open AI", "GM", "Facebook"]},
          **{n: "LOC" for n in PLACES}}


def _seed_articles() -> list[Article]:
    from dossier.clean import clean_document
    from dossier.ingest import read_paths

    docs = [d for d in read_paths([str(shared_path("seeds"))]) if not isinstance(d, DossierError)]
    assert len(docs) == 2
    return [clean_document(d) for d in docs]


def _oracle_mentions(text: str) -> list[Mention]:
    found: list[Mention] = []
    for name in sorted(ORACLE, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}s?(?![\w-])", text):
            if not any(m.start < match.end() and match.start() < m.end for m in found):
                found.append(Mention(match.start(), match.end(), match.group(), ORACLE[name]))
    return sorted(found, key=lambda m: m.start)


def _resolve(articles: list[Article], layers_of) -> MemoryStore:
    store = MemoryStore()
    store.add_articles(articles)
    for article in articles:
        layers = layers_of(article)
        for m in layers["mentions"]:
            assert article.text[m.start:m.end] == m.text
        article.mentions, article.entities = layers["mentions"], layers["entities"]
        store.update_layers(article)
    resolve_corpus(store)
    return store


def _by_surface(store: MemoryStore) -> dict[str, set]:
    """Surface text -> {(canonical id, type)} over both articles."""
    entities = {e.id: e for e in store.get_entities()}
    seen: dict[str, set] = {}
    for article in store.iter_articles():
        for m in article.mentions:
            seen.setdefault(m.text, set()).add((m.entity, entities[m.entity].type))
    return seen


def _check_must_show(store: MemoryStore) -> list[str]:
    """The must-show list; returns the failures (empty when all hold)."""
    seen = _by_surface(store)
    entities = {e.id: e for e in store.get_entities()}
    problems = []

    def one(surface):
        ids = {i for i, _ in seen.get(surface, set())}
        return next(iter(ids)) if len(ids) == 1 else None

    musk = one("Elon Musk")
    articles_with_musk = {a.id for a in store.iter_articles() for m in a.mentions if m.entity == musk}
    if not musk or len(articles_with_musk) != 2 or "Musk" not in entities[musk].aliases:
        problems.append(f"Elon Musk not one entity with alias Musk across both articles: {seen.get('Elon Musk')}")
    if one("X") is None or one("X") != one("Twitter"):
        problems.append(f"X {seen.get('X')} and Twitter {seen.get('Twitter')} are not one entity")
    if one("OpenAI") is None or one("OpenAI") != one("Open AI"):
        problems.append(f"OpenAI {seen.get('OpenAI')} and Open AI {seen.get('Open AI')} are not one entity")
    for names, label in ((PERSONS, "PER"), (ORGS, "ORG"), (PLACES, "LOC")):
        for name in names:
            types = {t for _, t in seen.get(name, set())}
            if types != {label}:
                problems.append(f"{name}: expected {label}, got {types or 'no mention'}")
    for word in NOT_ENTITIES:
        if any(word in text for text in seen):
            problems.append(f"{word} is tagged as an entity")
    return problems


def test_seeds_resolution_with_names_given():
    store = _resolve(_seed_articles(), lambda a: link_entities(a, _oracle_mentions(a.text)))
    assert _check_must_show(store) == []
    musk = next(e for e in store.get_entities() if e.name == "Elon Musk")
    assert {(r["role"], r["org"]) for r in musk.roles} >= {("Chef", "X"), ("Tech-Milliardär", None),
                                                            ("CEO", "Tesla")}
    yaccarino = next(e for e in store.get_entities() if e.name == "Linda Yaccarino")
    assert [(r["role"], r["org"]) for r in yaccarino.roles] == [("CEO", "X")]


def test_seeds_with_the_ner_model():
    # The NER model ships with the package: a missing or broken model is a failure, never a skip.
    store = _resolve(_seed_articles(), find_entities)
    problems = _check_must_show(store)
    assert problems == [], "\n".join(problems)
