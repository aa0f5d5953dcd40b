"""The indexed entity look-ups and the resolution index answer alike on every store."""
from __future__ import annotations

import json

import pytest

from dossier.errors import StoreError
from dossier.model import Article, Entity, Mention, Quote, article_id, content_hash
from dossier.store.entity_index import ResolutionNode

TEXT = "Anna Berg sagte in Wien, die Stadt wachse. „Wir bauen“, sagte Anna Berg."


def _article(day: str | None, n: int) -> Article:
    raw = f"{TEXT} ({n})"
    article = Article(id=article_id(raw), raw_text=raw, text=TEXT, published=day, language="de",
                      origin=f"t{n}.txt")
    article.extra["content_hash"] = content_hash(raw)
    article.mentions = [Mention(0, 9, "Anna Berg", "PER", "Eberg"), Mention(19, 23, "Wien", "LOC", "Ewien"),
                        Mention(62, 71, "Anna Berg", "PER", "Eberg")]
    article.quotes = [Quote(42, 53, "„Wir bauen“", "direct", "Anna Berg", "Eberg", "sagte")]
    article.entities = [Entity("Eberg", "Anna Berg", "PER", ["Berg"]), Entity("Ewien", "Wien", "LOC")]
    return article


def test_entity_look_ups(store):
    days = ["2023-05-01", None, "2024-01-02", "2023-12-31"]
    articles = [_article(day, i) for i, day in enumerate(days)]
    store.add_articles(articles)
    store.upsert_entities([Entity("Eberg", "Anna Berg", "PER", ["Berg"]), Entity("Ewien", "Wien", "LOC")])
    assert store.entity_counts() == {"Eberg": (8, 4), "Ewien": (4, 4)}
    assert store.entity_counts(["Ewien"]) == {"Ewien": (4, 4)}
    assert [s.id for s, n in store.entity_articles("Eberg")] == [a.id for a in articles]
    # the two most recently published, in ingest order
    assert [s.id for s, _ in store.entity_articles("Eberg", 2)] == [articles[2].id, articles[3].id]
    assert [s.id for s, _ in store.quotes_by_speaker("Eberg", 3)] == [articles[0].id, articles[2].id, articles[3].id]
    assert store.quotes_by_speaker("Eberg")[0][1]["text"] == "„Wir bauen“"
    assert store.co_mentioned("Eberg") == [("Ewien", 4)]
    assert store.entity_ids_by_key("berg") == [("Eberg", True)]
    assert store.entity_ids_by_key("annaberg") == [("Eberg", False)]
    assert [e.name for e in store.get_entities_by_id(["Ewien", "nope"])] == ["Wien"]


def test_resolution_index(store):
    articles = [_article(None, i) for i in range(2)]
    store.add_articles(articles)
    assert store.unresolved_articles() == [a.id for a in articles]
    node = ResolutionNode(articles[0].id, "l1", None, json.dumps({"x": 1}), ("PER|k|annaberg", "PER|s|berg"))
    store.put_resolution_nodes(articles[0].id, '{"mentions": []}', [node])
    assert store.unresolved_articles() == [articles[1].id]
    assert [n.local_id for n in store.resolution_nodes(keys=["PER|s|berg"])] == ["l1"]
    assert store.resolution_nodes(keys=["PER|s|other"]) == []
    store.set_resolution_entities({(articles[0].id, "l1"): "Eberg"})
    assert [n.entity_id for n in store.resolution_nodes(entity_ids=["Eberg"])] == ["Eberg"]
    assert store.resolution_refs([a.id for a in articles]) == {articles[0].id: '{"mentions": []}'}
    # a look-up brings each node's keys (resolution expands its closure by them)
    assert sorted(store.resolution_nodes(keys=["PER|s|berg"])[0].keys) == ["PER|k|annaberg", "PER|s|berg"]
    assert [n.local_id for n in store.resolution_nodes(article_ids=[articles[0].id])] == ["l1"]
    # a re-analysed article leaves the index until the next resolution; its nodes stay until then
    store.unresolve_articles([articles[0].id])
    assert store.unresolved_articles() == [a.id for a in articles]
    assert store.resolution_refs([articles[0].id]) == {}
    assert [n.entity_id for n in store.resolution_nodes(article_ids=[articles[0].id])] == ["Eberg"]


def test_entities_layer_replaced_alone_and_versions_written_with_the_layers(store):
    articles = [_article(None, i) for i in range(2)]
    store.add_articles(articles)
    grown = [Entity("Eberg", "Anna Berg", "PER", ["A. Berg", "Berg"]), Entity("Ewien", "Wien", "LOC", ["Wiens"])]
    store.set_article_entities({articles[0].id: grown})
    loaded = store.get_article(articles[0].id)
    assert loaded.entities == grown and loaded.mentions == articles[0].mentions
    assert store.get_article(articles[1].id).entities == articles[1].entities
    assert store.entity_counts() == {"Eberg": (4, 2), "Ewien": (2, 2)}
    loaded.extra["versions"] = {"quotes": {"stage": "quotes", "model": "quotes-rules", "hash": "sha256:ab",
                                           "version": "0.1.0"}}
    store.update_layers(loaded)
    assert store.get_article(articles[0].id).extra == loaded.extra
    loaded.extra["versions"]["quotes"]["hash"] = "sha256:cd"
    store.set_article_extra({articles[0].id: loaded.extra})
    assert store.get_article(articles[0].id) == loaded
    with pytest.raises(StoreError, match="not stored"):
        store.set_article_entities({"nichtda": grown})
    with pytest.raises(StoreError, match="not stored"):
        store.set_article_extra({"nichtda": {}})
