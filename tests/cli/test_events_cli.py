"""`dossier events`: listing and filtering the stored events layer."""
from __future__ import annotations

import json

from click.testing import CliRunner

from dossier.analyse.events import extract_events
from dossier.analyse.figures import extract_figures
from dossier.analyse.times import normalise_times
from dossier.cli.main import cli
from dossier.eval.names import match_names
from dossier.model import Article
from dossier.store import open_store

TEXT = ("Im März 2024 übernahm Nordwind den Konkurrenten Südstern für 2 Milliarden Euro. "
        "Südstern streicht 300 Stellen. Karl Huber dementierte, dass Nordwind mit Kranich fusioniert.")
NAMES = {"Nordwind": ("nordwind", "Nordwind", "ORG"), "Südstern": ("suedstern", "Südstern", "ORG"),
         "Kranich": ("kranich", "Kranich", "ORG"), "Karl Huber": ("huber", "Karl Huber", "PER")}


def make_db(tmp_path):
    db = str(tmp_path / "events.db")
    article = Article(id="a1", raw_text=TEXT, text=TEXT, published="2024-04-02")
    mentions, entities = match_names(TEXT, NAMES)
    figures = extract_figures(TEXT, mentions, entities, article.published)
    times = normalise_times(TEXT, article.published)
    with open_store(db) as store:
        store.add_articles([article])
        article.mentions, article.entities, article.figures, article.times = mentions, entities, figures, times
        article.events = extract_events(TEXT, mentions, entities, figures, times, [], article.published)
        store.update_layers(article)
    return db


def test_lists_filters_and_prints_json(tmp_path):
    db = make_db(tmp_path)
    runner = CliRunner()
    everything = runner.invoke(cli, ["--db", db, "events"])
    assert everything.exit_code == 0, everything.output
    lines = everything.output.strip().splitlines()
    assert len(lines) == 3 and "2024-03" in lines[0] and "ACQUISITION" in lines[0]
    assert "2024-04-02*" in lines[1]  # no date in the sentence: the publication date, marked
    acquisitions = runner.invoke(cli, ["--db", db, "events", "--type", "ACQUISITION", "--json"])
    rows = [json.loads(line) for line in acquisitions.output.splitlines()]
    assert [r["type"] for r in rows] == ["ACQUISITION"] and rows[0]["article"] == "a1"
    assert {p["role"]: p["name"] for p in rows[0]["participants"]} == {
        "buyer": "Nordwind", "target": "Südstern", "price": "2 Milliarden Euro"}
    about = runner.invoke(cli, ["--db", db, "events", "--entity", "kranich"])
    assert "MERGER" in about.output and "[denied]" in about.output and len(about.output.splitlines()) == 1
    denied = runner.invoke(cli, ["--db", db, "events", "--modality", "denied", "--json"])
    assert [json.loads(line)["type"] for line in denied.output.splitlines()] == ["MERGER"]
