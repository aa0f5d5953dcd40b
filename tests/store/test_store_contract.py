"""The store contract: every backend (in-memory double, SQLite file, PostgreSQL) passes these."""
from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.errors import ConfigError, StoreError
from dossier.model import Article, Entity, Mention, Quote, content_hash
from dossier.store.base import Failure
from dossier.store.migrate import latest_version

from .samples import bare_article, every_span, rich_article


def test_round_trip_of_an_article_with_every_layer_is_exact(store):
    article = rich_article()
    assert store.add_articles([article]).new == [article.id]
    loaded = store.get_article(article.id)
    assert loaded == article
    assert type(loaded.events[0].participants[0]).__name__ == "Participant"
    for span in every_span(loaded):
        assert loaded.text[span.start:span.end] == span.text


def test_the_store_keeps_its_own_copy(store):
    article = rich_article()
    store.add_articles([article])
    article.mentions.clear()
    article.extra["feed"]["title"] = "verändert"
    loaded = store.get_article(article.id)
    assert len(loaded.mentions) == 5 and loaded.extra["feed"]["title"] == "Wirtschaft"


def test_bare_article_round_trip(store):
    article = bare_article()
    store.add_articles([article])
    assert store.get_article(article.id) == article


def test_second_add_of_the_same_content_adds_nothing(store):
    article = rich_article()
    store.add_articles([article])
    again = store.add_articles([copy.deepcopy(article)])
    assert again.new == [] and again.unchanged == [article.id]
    assert store.count_articles() == 1
    assert store.find_by_hash(article.extra["content_hash"]) == article.id


def test_same_content_twice_in_one_batch_is_stored_once(store):
    first, second = bare_article(), bare_article()
    second.id = "0000ffff"  # another id, same content hash
    result = store.add_articles([first, second])
    assert result.new == [first.id] and result.unchanged == [first.id]


def test_content_hash_is_computed_when_the_reader_did_not_set_it(store):
    article = bare_article("Ohne Hash im Extra-Feld.")
    article.extra.clear()
    store.add_articles([article])
    assert store.find_by_hash(content_hash(article.text)) == article.id
    assert store.get_article(article.id).extra == {}


def test_a_failing_batch_leaves_nothing_and_keeps_what_was_stored(store):
    kept = bare_article("Schon gespeichert.")
    store.add_articles([kept])
    good = bare_article("Gut und neu.")
    bad = bare_article("Kaputt im Extra-Feld.")
    bad.extra["handle"] = object()  # not JSON: fails after ``good`` was written
    with pytest.raises(StoreError, match="cannot be stored"):
        store.add_articles([good, bad])
    assert store.count_articles() == 1
    assert store.get_article(good.id) is None and store.find_by_hash(good.extra["content_hash"]) is None
    assert store.get_article(kept.id) == kept
    assert store.add_articles([good]).new == [good.id]


def test_an_id_stored_with_other_content_fails_the_batch(store):
    store.add_articles([bare_article("Erster Text.")])
    clash = bare_article("Zweiter Text.")
    clash.id = bare_article("Erster Text.").id
    newcomer = bare_article("Dritter Text.")
    with pytest.raises(StoreError, match="different content"):
        store.add_articles([newcomer, clash])
    assert store.count_articles() == 1


def test_get_article_accepts_a_unique_id_prefix(store):
    a, b = bare_article("Text eins."), bare_article("Text zwei.")
    a.id, b.id = "ab12cd34", "ab98ef76"
    store.add_articles([a, b])
    assert store.get_article("ab1").id == "ab12cd34"
    assert store.get_article("ab98ef76").id == "ab98ef76"
    assert store.get_article("ffff") is None
    with pytest.raises(StoreError, match="several articles"):
        store.get_article("ab")


def test_listing_iterating_and_counting_follow_ingest_order(store):
    articles = [bare_article(f"Meldung Nummer {i}.") for i in range(5)]
    store.add_articles(articles[:3])
    store.add_articles(articles[3:])
    summaries = store.list_articles()
    assert [s.id for s in summaries] == [a.id for a in articles]
    assert summaries[0].chars == len(articles[0].text) and summaries[0].origin == "tests/kurz.txt"
    assert [s.id for s in store.list_articles(limit=2, offset=1)] == [a.id for a in articles[1:3]]
    assert [a.id for a in store.iter_articles(batch_size=2)] == [a.id for a in articles]
    assert store.count_articles() == 5


def test_update_layers_replaces_the_layers(store):
    article = rich_article()
    store.add_articles([article])
    article.mentions = article.mentions[:1]
    article.entities = article.entities[:1]
    article.quotes.append(Quote(0, 6, "Berlin", kind="reported", speaker=None))
    article.figures = []
    store.update_layers(article)
    loaded = store.get_article(article.id)
    assert loaded == article
    assert len(loaded.mentions) == 1 and len(loaded.quotes) == 2 and loaded.figures == []


def test_update_layers_while_iterating(store):
    store.add_articles([rich_article(), bare_article()])
    for article in store.iter_articles(batch_size=1):
        article.times = []
        store.update_layers(article)
    assert all(a.times == [] for a in store.iter_articles())


def test_update_layers_of_an_unknown_article_is_an_error(store):
    with pytest.raises(StoreError, match="not stored"):
        store.update_layers(bare_article())


def test_iter_layer_yields_each_annotation_with_its_article(store):
    article = rich_article()
    store.add_articles([bare_article(), article])
    quotes = list(store.iter_layer("quotes"))
    assert len(quotes) == 1
    summary, data = quotes[0]
    assert summary.id == article.id and summary.title == article.title
    assert data["speaker_entity"] == "per:richard-lutz"
    assert article.text[data["start"]:data["end"]] == data["text"]
    mentions = [data["entity"] for _, data in store.iter_layer("mentions")]
    assert mentions == [m.entity for m in article.mentions]
    events = [data for _, data in store.iter_layer("events")]
    participant = {k: events[0]["participants"][0][k] for k in ("role", "entity", "name")}
    assert participant == {"role": "agent", "entity": "org:deutsche-bahn", "name": "Deutsche Bahn"}
    with pytest.raises(ConfigError):
        list(store.iter_layer("gossip"))


def test_failures_are_recorded_listed_replaced_and_cleared(store):
    store.record_failures([
        Failure("b.txt", "EmptyInput", "leer", "2023-11-28T10:00:01+00:00"),
        Failure("a.csv:line 3", "MalformedRecord", "zu wenige Spalten", "2023-11-28T10:00:00+00:00"),
    ])
    assert [f.origin for f in store.list_failures()] == ["a.csv:line 3", "b.txt"]
    store.record_failures([Failure("b.txt", "BinaryInput", "PDF", "2023-11-28T10:00:02+00:00")])
    assert [(f.origin, f.reason) for f in store.list_failures()] == [
        ("a.csv:line 3", "MalformedRecord"), ("b.txt", "BinaryInput")]
    store.clear_failure("a.csv:line 3")
    store.clear_failure("nie-gesehen.txt")
    assert [f.origin for f in store.list_failures()] == ["b.txt"]


def test_entities_are_upserted_by_id(store):
    store.upsert_entities([
        Entity("per:lutz", "Richard Lutz", "PER", ["Lutz"]),
        Entity("org:db", "Deutsche Bahn", "ORG", ["DB"], "Q9322"),
    ])
    store.upsert_entities([Entity("per:lutz", "Richard Lutz", "PER", ["Lutz", "Bahnchef Lutz"],
                                  roles=[{"role": "Bahnchef"}])])
    entities = store.get_entities()
    assert [e.id for e in entities] == ["org:db", "per:lutz"]
    assert entities[0] == Entity("org:db", "Deutsche Bahn", "ORG", ["DB"], "Q9322")
    assert entities[1].aliases == ["Lutz", "Bahnchef Lutz"] and entities[1].roles == [{"role": "Bahnchef"}]


def test_deleted_entities_are_gone_and_others_stay(store):
    store.upsert_entities([Entity("per:lutz", "Richard Lutz", "PER"), Entity("org:db", "Deutsche Bahn", "ORG")])
    store.delete_entities(["per:lutz", "nie-gesehen"])
    assert [e.id for e in store.get_entities()] == ["org:db"]


def test_signatures_of_canonical_articles(store):
    canonical = bare_article("Das Original.")
    copy_ = bare_article("Die Kopie.")
    copy_.duplicate_of = canonical.id
    store.add_articles([canonical, copy_])
    store.put_signature(canonical.id, b"\x00\x01\xff")
    store.put_signature(copy_.id, b"\x02")
    assert list(store.signatures()) == [(canonical.id, b"\x00\x01\xff")]
    store.put_signature(canonical.id, b"\x07")
    assert list(store.signatures()) == [(canonical.id, b"\x07")]
    with pytest.raises(StoreError, match="add the article first"):
        store.put_signature("nichtda", b"\x00")


def test_a_batch_stores_its_signatures_and_clears_its_failures_with_the_articles(store):
    first, second = bare_article("Erste Meldung."), bare_article("Zweite Meldung.")
    first.origin, second.origin = "a.jsonl:record 1", "a.jsonl:record 2"
    store.record_failures([Failure(first.origin, "AnalysisError", "zuvor gescheitert", "2023-11-28T10:00:00+00:00"),
                           Failure("b.txt", "EmptyInput", "leer", "2023-11-28T10:00:01+00:00")])
    result = store.add_articles([first, second], {first.id: b"\x01\x02", second.id: b"\x03",
                                                  "not-in-the-batch": b"\x09"})
    assert result.new == [first.id, second.id]
    assert list(store.signatures()) == [(first.id, b"\x01\x02"), (second.id, b"\x03")]
    assert [f.origin for f in store.list_failures()] == ["b.txt"]  # only the stored origin is forgotten
    # Stored again (unchanged): the signature stays as it was, a new failure of the origin is cleared.
    store.record_failures([Failure(second.origin, "AnalysisError", "wieder", "2023-11-28T10:00:02+00:00")])
    assert store.add_articles([second], {second.id: b"\x07"}).unchanged == [second.id]
    assert dict(store.signatures())[second.id] == b"\x03"
    assert [f.origin for f in store.list_failures()] == ["b.txt"]


def test_a_failing_batch_stores_no_signature_and_clears_no_failure(store):
    good, bad = bare_article("Gut und neu."), bare_article("Kaputt im Extra-Feld.")
    good.origin = "a.jsonl:record 1"
    bad.extra["handle"] = object()  # not JSON: fails after ``good`` and its signature were written
    store.record_failures([Failure(good.origin, "AnalysisError", "zuvor gescheitert", "2023-11-28T10:00:00+00:00")])
    with pytest.raises(StoreError, match="cannot be stored"):
        store.add_articles([good, bad], {good.id: b"\x01", bad.id: b"\x02"})
    assert list(store.signatures()) == [] and store.count_articles() == 0
    assert [f.origin for f in store.list_failures()] == [good.origin]


def test_duplicates_marked_after_the_workers_stored_with_signatures_and_failures(store):
    canonical, copy_ = bare_article("Das Original."), bare_article("Die Kopie.")
    canonical.origin = "a.jsonl:record 1"
    store.add_articles([canonical, copy_])
    store.record_failures([Failure(canonical.origin, "AnalysisError", "alt", "2023-11-28T10:00:00+00:00")])
    store.mark_duplicates({copy_.id: canonical.id}, signatures={canonical.id: b"\x05"},
                          stored_origins=[canonical.origin, copy_.origin])
    assert list(store.signatures()) == [(canonical.id, b"\x05")]
    assert store.get_article(copy_.id).duplicate_of == canonical.id
    assert store.list_failures() == []


def test_signatures_are_found_by_lsh_band_and_by_source(store):
    from dossier.resolve.dedup import band_keys, signature, signature_bytes, source_key

    story = " ".join(f"Wort{i} steht hier im Satz Nummer {i}." for i in range(60))
    original, other, copy_ = bare_article(story), bare_article("Etwas ganz anderes."), bare_article("Kopie.")
    original.source, other.source = "  Agentur  NORD ", "Südblatt"
    copy_.duplicate_of = original.id
    store.add_articles([original, other, copy_])
    signatures = {original.id: signature_bytes(signature(story)),
                  other.id: signature_bytes(signature("Etwas ganz anderes, heute und morgen.")),
                  copy_.id: signature_bytes(signature(story))}
    store.put_signatures(signatures)
    edited = signature(story.replace("Nummer 3.", "Nummer drei."))
    assert store.similar_signatures(band_keys(edited)) == [(original.id, signatures[original.id])]
    assert store.similar_signatures([]) == []
    assert store.signatures_from_source(source_key("agentur nord")) == [(original.id, signatures[original.id])]
    assert store.signatures_from_source(source_key("Nordblatt")) == []
    with pytest.raises(StoreError, match="add the article first"):
        store.put_signatures({"nichtda": signatures[other.id]})


def test_schema_version_is_the_latest(store):
    assert store.schema_version() == latest_version() >= 2


def test_store_is_a_context_manager(store):
    with store as same:
        assert same.count_articles() == 0


def test_article_defaults_survive(store):
    article = Article(id="leer01", raw_text="", text="", extra={"content_hash": "h-leer"})
    store.add_articles([article])
    assert store.get_article("leer01") == article


def test_undecodable_text_is_a_store_error_not_a_crash(store):
    article = bare_article("Bytes aus surrogateescape.")
    article.text = "Bytes \udcc3 aus surrogateescape."
    with pytest.raises(StoreError, match="undecodable"):
        store.add_articles([article])
    assert store.count_articles() == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=60), title=st.none() | st.text(max_size=20),
       flags=st.lists(st.dictionaries(st.text(max_size=5), st.integers() | st.floats(allow_nan=False)),
                      max_size=3))
def test_any_text_round_trips(store, text, title, flags):
    article = bare_article(text)
    article.title, article.flags = title, flags
    article.mentions = [Mention(0, 1, text[:1], label="MISC")]
    # The fixture store lives across examples, so an earlier example may hold the same content.
    result = store.add_articles([article])
    if result.new:
        assert store.get_article(article.id) == article
    else:
        assert result.unchanged == [store.find_by_hash(article.extra["content_hash"])]
