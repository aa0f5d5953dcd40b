"""Full-text search gives the same results on every store (memory, SQLite file, PostgreSQL)."""
from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.errors import QueryError, StoreError
from dossier.model import Entity, Mention, Quote
from dossier.query.search import search

from .search_samples import ENTITIES, search_corpus


@pytest.fixture
def corpus_store(store):
    store.add_articles(search_corpus())
    store.upsert_entities(ENTITIES)
    return store


def titles(result) -> set[str]:
    return {hit.title for hit in result.hits}


@pytest.mark.parametrize("query, expected", [
    ("Werbekunden", {"Plattform verliert Kunden"}),
    ("Werbekunde", {"Plattform verliert Kunden"}),  # the stem, not the word
    ("Aerzte", {"Ärzte fordern mehr Personal", "Streik an der Charité"}),  # folding both ways
    ("Ärzte", {"Ärzte fordern mehr Personal", "Streik an der Charité"}),
    ("Strasse", {"Ärzte fordern mehr Personal", "Besuch in Grünheide"}),
    ("Straße", {"Ärzte fordern mehr Personal", "Besuch in Grünheide"}),
    ('"Elon Musk"', {"Plattform verliert Kunden", "Besuch in Grünheide"}),
    ("„Elon Musk“", {"Plattform verliert Kunden", "Besuch in Grünheide"}),
    ('"Musk Elon"', set()),
    ("Werbe*", {"Plattform verliert Kunden"}),
    ("Werb*", {"Plattform verliert Kunden", "Besuch in Grünheide"}),
    ("werbeein*", {"Plattform verliert Kunden"}),
    ("Musk -Werbung", {"Plattform verliert Kunden"}),
    ("Musk NOT Werbung", {"Plattform verliert Kunden"}),
    ("Grünheide OR Charité", {"Besuch in Grünheide", "Streik an der Charité"}),
    ("Gruenheide Fabrik", {"Besuch in Grünheide"}),
    ("Musk AND Fabrik", {"Besuch in Grünheide"}),
    ("Sonne", {"Sonne"}),  # the title is searched too
    ("Quantencomputer", set()),
])
def test_query_language_matches_alike_on_every_store(corpus_store, query, expected):
    assert titles(search(corpus_store, query)) == expected


def test_ranking_puts_the_denser_article_first(corpus_store):
    result = search(corpus_store, "Solarstrom")
    assert [h.title for h in result.hits] == ["Sonne", "Gemeinderat"]
    assert result.hits[0].score > result.hits[1].score


@pytest.mark.parametrize("options, expected", [
    ({"source": "nord"}, {"Besuch in Grünheide"}),
    ({"since": "2023-06"}, {"Plattform verliert Kunden", "Besuch in Grünheide"}),
    ({"until": "2023-06"}, {"Plattform verliert Kunden"}),
    ({"until": "2023-06-01"}, set()),
    ({"since": "2023-06-02", "until": "2023-06-02"}, {"Plattform verliert Kunden"}),
    ({"entity": "loc:gruenheide"}, {"Besuch in Grünheide"}),
    ({"entity": "Grünheide"}, {"Besuch in Grünheide"}),
    ({"entity": "Charité"}, set()),
])
def test_filters(corpus_store, options, expected):
    assert titles(search(corpus_store, "Musk", **options)) == expected


def test_quote_layer_and_speaker(corpus_store):
    limit = search(corpus_store, "Limit", layer="quotes")
    assert [(h.kind, h.speaker, h.speaker_entity, h.quote_index) for h in limit.hits] == [
        ("quote", "Petra Lang", "per:petra-lang", 0)]
    assert limit.hits[0].snippet.text == "„Wir arbeiten am Limit“"
    assert titles(search(corpus_store, "verärgert", speaker="Musk")) == {"Plattform verliert Kunden"}
    assert titles(search(corpus_store, "verärgert", speaker="per:elon-musk")) == {"Plattform verliert Kunden"}
    assert titles(search(corpus_store, "verärgert", speaker="Petra Lang")) == set()
    assert search(corpus_store, "Werbekunden", layer="quotes").total == 0  # not inside the quote
    both = search(corpus_store, "verärgert", layer="all")
    assert sorted(h.kind for h in both.hits) == ["article", "quote"]


def test_snippets_mark_the_matched_words_in_the_clean_text(corpus_store):
    hit = search(corpus_store, "Aerzte", source="nord").hits[0]
    article = corpus_store.get_article(hit.article_id)
    snippet = hit.snippet
    assert article.text[snippet.start:snippet.end] == snippet.text
    assert [article.text[s:e] for s, e in snippet.highlights] == ["Ärzte"]
    phrase = search(corpus_store, '"Elon Musk" Fabrik').hits[0].snippet
    assert [phrase.text[s - phrase.start:e - phrase.start] for s, e in phrase.highlights] == ["Elon Musk", "Fabrik"]


def test_paging_and_total(corpus_store):
    everything = search(corpus_store, "die", limit=50)
    assert everything.total == len(everything.hits) >= 4
    pages = [search(corpus_store, "die", limit=2, offset=o) for o in range(0, everything.total, 2)]
    assert [h.article_id for p in pages for h in p.hits] == [h.article_id for h in everything.hits]
    assert search(corpus_store, "die", offset=100).hits == []


def test_reingest_adds_no_duplicate_hits(corpus_store):
    before = search(corpus_store, "Musk", layer="all")
    corpus_store.add_articles(copy.deepcopy(search_corpus()))
    after = search(corpus_store, "Musk", layer="all")
    assert after.total == before.total == 2
    assert [h.to_dict() for h in after.hits] == [h.to_dict() for h in before.hits]


def test_update_layers_replaces_quotes_and_entities_in_the_index(corpus_store):
    article = next(a for a in search_corpus() if a.title == "Ärzte fordern mehr Personal")
    changed = copy.deepcopy(article)
    start = changed.text.index("Die Straße")
    end = changed.text.index("gesperrt") + len("gesperrt")
    changed.quotes = [Quote(start, end, changed.text[start:end], kind="reported")]
    hamburg = changed.text.index("Hamburg")
    changed.mentions = [Mention(hamburg, hamburg + 7, "Hamburg", "LOC", "loc:hansestadt")]
    corpus_store.upsert_entities([Entity("loc:hansestadt", "Hansestadt", "LOC")])
    corpus_store.update_layers(changed)
    assert search(corpus_store, "Limit", layer="quotes").total == 0
    assert titles(search(corpus_store, "gesperrt", layer="quotes")) == {article.title}
    assert titles(search(corpus_store, "Limit")) == {article.title}  # the article text is unchanged
    assert search(corpus_store, "Personal", entity="loc:hamburg").total == 0
    assert search(corpus_store, "Personal", entity="loc:hansestadt").total == 1


@pytest.mark.parametrize("query", ['"', "*", "AND", "OR", "NOT", "(", ")", "-", "Musk OR", "OR Musk", "Musk AND",
                                   "a*b", "M*", 'x"y', "„Musk", "", "   ", "Musk OR -Fabrik", "-Musk"])
def test_bad_queries_give_a_clear_error(corpus_store, query):
    with pytest.raises(QueryError) as raised:
        search(corpus_store, query)
    assert raised.value.message and raised.value.hint


@pytest.mark.parametrize("query, expected", [
    ("stems : Fabrik", set()),  # an FTS5 column filter is just two words here
    ("NEAR(Musk Fabrik)", set()),  # "NEAR(Musk" is one piece: the phrase "near musk"
    ("(Musk Fabrik)", {"Besuch in Grünheide"}),
    ("^Musk {Fabrik}", {"Besuch in Grünheide"}),
    ("Fabrik'; DROP TABLE articles; --", set()),
    ("Fabrik & !Musk | xy:*", set()),  # tsquery operators are punctuation
])
def test_store_query_syntax_in_user_input_is_plain_words(corpus_store, query, expected):
    assert titles(search(corpus_store, query)) == expected
    assert corpus_store.count_articles() == 6


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('ab "*-():^{}\'+NOTRAD„“ÄßéZ0_.,;')), max_size=25))
def test_any_input_is_a_result_or_a_query_error(corpus_store, text):
    try:
        result = search(corpus_store, text)
    except QueryError:
        return
    assert result.total >= len(result.hits)


def test_unknown_entity_and_bad_options_are_errors(corpus_store):
    with pytest.raises(StoreError, match="no entity"):
        search(corpus_store, "Musk", entity="Niemand Bekanntes")
    for options in ({"since": "gestern"}, {"layer": "figures"}, {"limit": 0}, {"limit": 10_000}, {"offset": -1}):
        with pytest.raises(QueryError):
            search(corpus_store, "Musk", **options)


def test_facets_count_every_match_by_source_month_and_entity(corpus_store):
    result = search(corpus_store, "die", limit=1, facets=True)
    facets = result.facets.to_dict()
    assert sum(c["count"] for c in facets["sources"]) == result.total == 5  # "Sonne" has no "die"
    assert facets["sources"] == [{"value": "nord", "count": 2}, {"value": "west", "count": 2},
                                 {"value": "sued", "count": 1}]
    assert [c["value"] for c in facets["months"]] == ["2023-03", "2023-06", "2023-11", "2024-01", None]
    assert facets["entities"][0] == {"value": "per:elon-musk", "count": 2, "name": "Elon Musk", "type": "PER"}
    assert {c["value"] for c in facets["entities"]} == {"per:elon-musk", "per:petra-lang", "loc:hamburg",
                                                         "loc:gruenheide", "org:charite"}
    narrowed = search(corpus_store, "Musk", source="nord", facets=True, top_entities=1).facets
    assert [(c.value, c.count) for c in narrowed.entities] == [("loc:gruenheide", 1)]  # ties: by id
    assert search(corpus_store, "Quantencomputer", facets=True).facets.to_dict() == {
        "sources": [], "months": [], "entities": []}
