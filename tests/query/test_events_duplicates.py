"""A story stored twice (a near-identical or syndicated copy, ``duplicate_of`` set at ingest) is
one event in ``dossier events``, the API's event list and the timeline, with the copy named as a
further source; an event only the copy tells stays. German sentences written for these tests."""
from __future__ import annotations

import json

from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.query.events import find_events
from dossier.query.layers import list_events
from dossier.query.timeline import timeline
from tests.query.builders import ENTITIES, Builder

STORY = "Elon Musk kauft Twitter für 44 Milliarden Dollar. Tesla bleibt außen vor."


def _story(text: str, published: str, duplicate_of: str | None = None):
    builder = (Builder(text, published, source="Agentur" if duplicate_of is None else "Zeitung")
               .mention("Elon Musk", "E_musk").mention("Twitter", "E_twitter")
               .event("kauft", "ACQUISITION", [("buyer", "E_musk"), ("target", "E_twitter")], time="2022"))
    builder.article.duplicate_of = duplicate_of
    return builder


def test_a_copy_repeats_no_event_and_is_listed_as_a_further_source(store):
    original = _story(STORY, "2022-10-28").build()
    copy = _story(STORY + " (Quelle: Agentur)", "2022-10-29", duplicate_of=original.id)
    copy.mention("Tesla", "E_tesla").event("bleibt", "LAWSUIT", [("defendant", "E_tesla")])
    store.add_articles([original, copy.build()])
    store.upsert_entities(list(ENTITIES.values()))

    rows = find_events(store)
    assert [(r.article.id, r.event["type"], [c.id for c in r.copies]) for r in rows] == [
        (original.id, "ACQUISITION", [copy.article.id]), (copy.article.id, "LAWSUIT", [])]
    assert rows[0].to_dict()["also_in"] == [{"article": copy.article.id, "published": "2022-10-29",
                                             "source": "Zeitung"}]
    api_rows = list_events(store)
    assert [(r["article"], r["type"], [c["article"] for c in r["also_in"]]) for r in api_rows] == [
        (original.id, "ACQUISITION", [copy.article.id]), (copy.article.id, "LAWSUIT", [])]
    entries = timeline(store, "Elon Musk")
    assert [(e.article, e.layer, e.also_in) for e in entries] == [(original.id, "events", [copy.article.id])]


def test_an_ingested_near_identical_copy_gives_one_event(tmp_path):
    lines = [{"id": "a", "title": "Siemens übernimmt Osram", "source": "Agentur", "published": "2024-03-01",
              "text": "Der Technologiekonzern Siemens übernimmt den Lichtkonzern Osram für 3,4 Milliarden Euro. "
                      "Das teilte Siemens am Freitag in München mit. Die Kartellbehörden müssen noch zustimmen."},
             {"id": "b", "title": "Siemens kauft Osram", "source": "Zeitung", "published": "2024-03-02",
              "text": "Der Technologiekonzern Siemens übernimmt den Lichtkonzern Osram für 3,4 Milliarden Euro. "
                      "Das teilte Siemens am Freitag in München mit. Die Kartellbehörden müssen noch zustimmen. "
                      "(Quelle: Agentur)"}]
    feed = tmp_path / "copies.jsonl"
    feed.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "news.db")
    runner = CliRunner()
    ingested = runner.invoke(cli, ["--db", db, "ingest", str(feed)])
    assert ingested.exit_code == 0 and "1 duplicates" in ingested.output, ingested.output
    listed = runner.invoke(cli, ["--db", db, "events", "--type", "ACQUISITION", "--json"])
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert len(rows) == 1 and len(rows[0]["also_in"]) == 1 and rows[0]["also_in"][0]["source"] == "Zeitung"
    assert "also in" in runner.invoke(cli, ["--db", db, "events"]).output
