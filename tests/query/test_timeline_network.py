"""Timeline and co-occurrence network on hand-made layers (events as the events stage will
fill them), on the in-memory double and a SQLite file."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from dossier.model import Event
from dossier.query.network import cooccurrence_network, to_graphml
from dossier.query.timeline import calendar_key, timeline

from .builders import ENTITIES, Builder


def _corpus(store):
    older = (Builder("Im Februar 2018 schlug Musk vor, OpenAI mit Tesla zu fusionieren. "
                     "Im Juni 2018 strich Tesla 9 % der Stellen.", "2023-12-01", "site-19")
             .mention("Musk", "E_musk").mention("OpenAI", "E_openai").mention("Tesla", "E_tesla")
             .mention("Tesla", "E_tesla", 1)
             .event("fusionieren", "MERGER", [("party", "E_openai"), ("party", "E_tesla"), ("proposer", "E_musk")],
                    time="2018-02", modality="proposed")
             .event("strich", "LAYOFFS", [("company", "E_tesla")], time="2018-06")
             .figure("9 %", kind="percent", value=9.0, unit="%", subject="Tesla", subject_entity="E_tesla",
                     attribute="Stellen", as_of="2018-06")
             .build())
    newer = (Builder("Musk übernahm Twitter 2022. „Wir bauen X um“, sagte Musk.", "2023-11-30")
             .mention("Musk", "E_musk").mention("Twitter", "E_twitter").mention("Musk", "E_musk", 1)
             .event("übernahm", "ACQUISITION", [("buyer", "E_musk"), ("target", "E_twitter")], time="2022")
             .quote("„Wir bauen X um“", "E_musk", kind="direct")
             .build())
    undated = (Builder("Musk klagt gegen OpenAI.", "2024-03-01")
               .mention("Musk", "E_musk").mention("OpenAI", "E_openai")
               .event("klagt", "LAWSUIT", [("plaintiff", "E_musk"), ("defendant", "E_openai")])
               .build())
    store.add_articles([newer, undated, older])
    store.upsert_entities(list(ENTITIES.values()))
    return older, newer, undated


def test_calendar_keys_order_coarse_before_fine():
    assert calendar_key("2018") < calendar_key("2018-02") < calendar_key("2018-02-14") < calendar_key("2018-Q2")
    assert calendar_key("2019-SP") == (2019, 3, 0) and calendar_key("PRESENT_REF") is None


def test_timeline_lists_events_quotes_and_figures_in_time_order(store):
    older, newer, undated = _corpus(store)
    entries = timeline(store, "Elon Musk")
    assert [(e.when, e.layer, e.detail.get("type")) for e in entries] == [
        ("2018-02", "events", "MERGER"), ("2022", "events", "ACQUISITION"), ("2023-11-30", "quotes", None),
        ("2024-03-01", "events", "LAWSUIT")]
    assert [e.when_from for e in entries] == ["time", "time", "published", "published"]
    merger = entries[0]
    assert merger.detail["modality"] == "proposed" and merger.article == older.id
    assert older.text[merger.start:merger.end] == merger.text == "fusionieren"
    assert merger.sentence == "Im Februar 2018 schlug Musk vor, OpenAI mit Tesla zu fusionieren."
    assert older.text[merger.sentence_start:merger.sentence_end] == merger.sentence
    tesla = timeline(store, "Tesla")
    assert [(e.when, e.layer) for e in tesla] == [("2018-02", "events"), ("2018-06", "events"), ("2018-06", "figures")]
    assert [e.layer for e in timeline(store, "Tesla", layers=("figures",))] == ["figures"]
    assert [e.when for e in timeline(store, "Musk", since="2020", until="2023")] == ["2022", "2023-11-30"]


def test_network_weights_shared_articles_and_sentences(store):
    _corpus(store)
    network = cooccurrence_network(store)
    edges = {(e.source, e.target): (e.articles, e.sentences) for e in network.edges}
    assert edges[("E_musk", "E_openai")] == (2, 2)
    assert edges[("E_musk", "E_tesla")] == (1, 1)  # the layoff sentence names Tesla alone
    assert edges[("E_openai", "E_tesla")] == (1, 1)
    assert ("E_musk", "E_twitter") in edges and network.articles == 3
    nodes = {n.id: n for n in network.nodes}
    assert (nodes["E_musk"].mentions, nodes["E_musk"].articles, nodes["E_tesla"].mentions) == (4, 3, 2)
    recent = cooccurrence_network(store, since="2024")
    assert [(e.source, e.target) for e in recent.edges] == [("E_musk", "E_openai")] and recent.articles == 1
    assert cooccurrence_network(store, until="2023-11").articles == 1  # the whole month, inclusive
    assert cooccurrence_network(store, until="2023-10").articles == 0
    strong = cooccurrence_network(store, min_articles=2)
    assert [(e.source, e.target) for e in strong.edges] == [("E_musk", "E_openai")]
    assert {n.id for n in strong.nodes} == {"E_musk", "E_openai"}
    people = cooccurrence_network(store, entity_type="PER")
    assert [n.id for n in people.nodes] == ["E_musk"] and people.edges == []


def test_graphml_is_well_formed_and_complete(store):
    _corpus(store)
    network = cooccurrence_network(store)
    root = ET.fromstring(to_graphml(network))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    graph = root.find("g:graph", ns)
    assert graph.get("edgedefault") == "undirected"
    assert len(graph.findall("g:node", ns)) == len(network.nodes)
    edge = next(e for e in graph.findall("g:edge", ns) if (e.get("source"), e.get("target")) == ("E_musk", "E_openai"))
    assert {d.get("key"): d.text for d in edge.findall("g:data", ns)} == {"shared_articles": "2", "shared_sentences": "2"}
    names = {n.get("id"): n.find("g:data[@key='name']", ns).text for n in graph.findall("g:node", ns)}
    assert names["E_musk"] == "Elon Musk"


@pytest.mark.skipif("time_inferred" not in Event.__dataclass_fields__,
                    reason="Event.time_inferred comes with the events stage (issue 9, first half)")
def test_an_inferred_event_time_is_the_publication_date(store):
    article = (Builder("Musk übernahm Twitter.", "2023-11-30").mention("Musk", "E_musk")
               .event("übernahm", "ACQUISITION", [("buyer", "E_musk")], time="2023-11-30").build())
    article.events[0].time_inferred = True
    store.add_articles([article])
    store.upsert_entities(list(ENTITIES.values()))
    (entry,) = timeline(store, "Elon Musk")
    assert (entry.when, entry.when_from) == ("2023-11-30", "published")


def test_a_time_without_calendar_date_in_an_undated_article_is_unknown(store):
    article = (Builder("Am Sonntag sagte Musk, er baue um.", None).mention("Musk", "E_musk")
               .event("sagte", "LAWSUIT", [("plaintiff", "E_musk")], time="XXXX-WXX-7").build())
    store.add_articles([article])
    store.upsert_entities(list(ENTITIES.values()))
    (entry,) = timeline(store, "Elon Musk")
    assert (entry.when, entry.when_from) == (None, "published")
