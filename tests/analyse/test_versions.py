"""The export says which model produced each layer and which schema version it follows."""
from __future__ import annotations

import json

import dossier.analyse as analyse_pkg
from dossier.analyse import analyse, build_pipeline, registered
from dossier.analyse.versions import stage_version
from dossier.export import SCHEMA_VERSION, article_record, load_schema
from dossier.model import Article

TEXT = "Die Stadtwerke Neustadt erhöhen im Januar 2024 die Preise um zwölf Prozent, sagte Anna Berg."


def test_every_layer_records_the_model_that_produced_it():
    article = analyse(Article(id="v1", raw_text=TEXT, text=TEXT, published="2023-11-30", language="de"),
                      build_pipeline())
    record = article_record(article)
    versions = record["versions"]
    assert set(versions) == {"mentions", "entities", "times", "figures", "quotes", "events"}
    assert versions["mentions"]["model"] == "ner-crf" and versions["times"]["model"] == "times-rules"
    assert all(v["hash"].startswith("sha256:") and len(v["hash"]) == 23 for v in versions.values())
    assert "versions" not in record["extra"]  # lifted to the top level, not repeated
    assert record["schema_version"] == SCHEMA_VERSION
    assert SCHEMA_VERSION in load_schema()["properties"]["schema_version"]["description"]
    json.dumps(record)


def test_an_unanalysed_article_has_no_versions():
    record = article_record(Article(id="v2", raw_text="Hello", text="Hello", language="en"))
    assert record["versions"] == {} and record["schema_version"] == SCHEMA_VERSION


def test_the_hash_follows_the_files_the_stage_reads(tmp_path, monkeypatch):
    module = tmp_path / "dossier_versioned_stage.py"
    module.write_text("from dossier.analyse import stage\n\n"
                      "@stage('versioned', requires=('text',), assigns=('events',))\n"
                      "def versioned(article):\n    return {'events': []}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(analyse_pkg, "_REGISTRY", dict(registered()))
    import dossier_versioned_stage  # noqa: F401 - registers the stage

    first = stage_version(analyse_pkg._REGISTRY["versioned"])
    module.write_text(module.read_text() + "# a changed rule\n")
    stage_version.cache_clear()
    second = stage_version(analyse_pkg._REGISTRY["versioned"])
    assert first["model"] == second["model"] == "versioned-rules"
    assert first["hash"] != second["hash"]
