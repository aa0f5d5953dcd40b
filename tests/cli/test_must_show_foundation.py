"""The Foundation issue's 'must show' on the seed articles and on 10kGNAD."""
from __future__ import annotations

import json

import jsonschema
from click.testing import CliRunner

from conftest import shared_path
from dossier.cli.main import cli, main
from dossier.export import load_schema


def export_records(db) -> list[dict]:
    result = CliRunner().invoke(cli, ["--db", str(db), "export", "--format", "jsonl"], catch_exceptions=False)
    return [json.loads(line) for line in result.output.splitlines()]


def test_seeds_ingest_export_and_reingest(tmp_path):
    seeds = shared_path("seeds")
    db = tmp_path / "seeds.db"
    assert main(["--db", str(db), "ingest", "-q", str(seeds)]) == 0
    records = {r["origin"].rsplit("/", 1)[-1]: r for r in export_records(db)}
    first = next(r for name, r in records.items() if name.startswith("000_"))
    second = next(r for name, r in records.items() if name.startswith("004_"))
    assert first["published"] == "2023-11-30"
    assert second["source"] == "site-19"
    assert second["authors"] == ["Linette Lopez"]
    assert second["syndicated_from"] == "Business Insider"
    assert second["title"].startswith("Es ist ziemlich klar: Elon Musks Einsatz für OpenAI")
    for record in (first, second):
        text = record["text"]
        for leftover in ("date 2023-11", "source site-19", "Mehr lesen", "Originalartikel", "Lopezist",
                         "leitender Korrespondent"):
            assert leftover not in text, leftover
        jsonschema.validate(record, load_schema("article"))
    # every body paragraph kept: the first and last sentences of the bodies are there
    assert "Das Image von X (Twitter) leidet bekanntlich" in first["text"]
    assert "wo solche Rechte missachtet würden." in first["text"]
    assert "Wir wissen, dass Elon Musk im Jahr 2018 sehr verzweifelt war." in second["text"]
    assert "war er in dieser Hinsicht ebenso kriegerisch wie falsch." in second["text"]
    # a second ingest of the same folder adds nothing
    assert main(["--db", str(db), "ingest", "-q", str(seeds)]) == 0
    assert len(export_records(db)) == 2


def test_10kgnad_ingests_and_exports_completely(tmp_path):
    corpus = shared_path("data", "10kgnad", "test.csv")
    db = tmp_path / "gnad.db"
    assert main(["--db", str(db), "ingest", "-q", "--no-analyse", "--batch-size", "500", str(corpus)]) == 0
    records = export_records(db)
    assert len(records) == 1028
    schema = load_schema("article")
    for record in records[::50]:
        jsonschema.validate(record, schema)
    assert {r["extra"].get("label") for r in records} >= {"Wirtschaft", "Sport", "Web"}
