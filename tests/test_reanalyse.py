"""`dossier reanalyse`: after a model changes, re-running only the stale stages over the stored
articles (and resolving what changed) gives what a fresh ingest with the new model gives."""
from __future__ import annotations

import io
from dataclasses import replace

import pytest

from dossier import analyse
from dossier.analyse.entities import find_entities
from dossier.analyse.quotes import quotes_stage
from dossier.cli.main import main
from dossier.export import export_articles, export_entities
from dossier.model import RawDocument
from dossier.pipeline import ingest_items
from dossier.reanalyse import plan, reanalyse
from dossier.resolve.incremental import resolve_all
from dossier.store import MemoryStore, SQLiteStore

# Written for this test: quotes, places, people named by surname, figures and dates.
TEXTS = [
    "Elon Musk will den Kurznachrichtendienst Twitter kaufen. „Der Preis ist fair“, sagte Musk am Montag "
    "in Austin. Die Tesla-Aktie fiel um drei Prozent.",
    "Die Stadtwerke Neustadt erhöhen zum 1. Januar die Preise für Fernwärme um zwölf Prozent. Ein Sprecher "
    "sagte, die Kosten für Gas seien gestiegen. Bürgermeisterin Anna Berger kritisierte die Erhöhung in Neustadt.",
    "Angela Merkel traf Emmanuel Macron in Paris. „Wir haben gut gesprochen“, sagte Merkel nach dem Treffen. "
    "Frankreich und Deutschland wollen 2024 enger zusammenarbeiten.",
    "Berger sagte am Dienstag in Neustadt, die Stadt prüfe einen Sozialtarif. Die Stadtwerke wollen bis "
    "Ende März 40 Millionen Euro investieren.",
    "Musk hat sich erneut zu Wort gemeldet. Er sagte in Washington, Twitter werde besser. Kimbal Musk "
    "eröffnete ein Restaurant in Boulder.",
]


def _docs():
    return [RawDocument(text, f"korpus/{i}.txt") for i, text in enumerate(TEXTS)]


def _exports(store) -> tuple[str, str]:
    articles, entities = io.StringIO(), io.StringIO()
    export_articles(store, articles, "jsonl")
    export_entities(store, entities, "jsonl")
    return articles.getvalue(), entities.getvalue()


# "Old models": registered in place of the shipped stage while the corpus is ingested.
def old_quotes(article):
    return {"quotes": quotes_stage(article)["quotes"][:1]}  # found only the first quote


def old_entities(article):
    found = find_entities(article)  # knew no places
    return {"mentions": [m for m in found["mentions"] if m.label != "LOC"],
            "entities": [e for e in found["entities"] if e.type != "LOC"]}


@pytest.fixture(params=["memory", "sqlite"])
def make_store(request):
    return MemoryStore if request.param == "memory" else lambda: SQLiteStore(":memory:")


@pytest.fixture(scope="module")
def fresh():
    """The corpus ingested with the shipped models."""
    store = MemoryStore()
    ingest_items(_docs(), store)
    return _exports(store)


def _ingest_with(monkeypatch, store, name, fn, model):
    shipped = analyse.registered()[name]
    with monkeypatch.context() as patch:
        patch.setitem(analyse._REGISTRY, name, replace(shipped, fn=fn, model=model))
        ingest_items(_docs(), store)
    return store


def test_a_new_quote_model_reruns_quotes_and_events_only_and_equals_a_fresh_ingest(monkeypatch, make_store, fresh):
    store = _ingest_with(monkeypatch, make_store(), "quotes", old_quotes, "quotes-old")
    assert _exports(store) != fresh
    report = reanalyse(store)
    assert set(report.stages) == {"quotes", "events"}  # entities came back from the resolution index
    assert report.reanalysed >= 1 and not report.failed
    assert _exports(store) == fresh
    again = reanalyse(store)
    assert again.up_to_date == len(TEXTS) and not again.stages and _exports(store) == fresh


def test_a_new_entity_model_reruns_what_reads_entities_and_resolution_follows(monkeypatch, make_store, fresh):
    store = _ingest_with(monkeypatch, make_store(), "entities", old_entities, "ner-old")
    assert '"Neustadt"' not in _exports(store)[1]
    report = reanalyse(store)
    assert set(report.stages) == {"entities", "figures", "quotes", "events"}  # not times
    assert _exports(store) == fresh
    resolve_all(store)
    assert _exports(store) == fresh


def test_worker_processes_give_the_same(monkeypatch, fresh):
    store = _ingest_with(monkeypatch, MemoryStore(), "quotes", old_quotes, "quotes-old")
    report = reanalyse(store, workers=2)
    assert report.stages["quotes"] == len(TEXTS) and _exports(store) == fresh


def test_a_stopped_run_resumes_where_it_stopped(monkeypatch, fresh):
    store = _ingest_with(monkeypatch, SQLiteStore(":memory:"), "quotes", old_quotes, "quotes-old")
    writes = {"n": 0}
    update_layers = store.update_layers

    def failing_update(article):
        writes["n"] += 1
        if writes["n"] == 2:
            raise KeyboardInterrupt  # the user stops it (or the machine dies) mid-run
        update_layers(article)

    monkeypatch.setattr(store, "update_layers", failing_update)
    with pytest.raises(KeyboardInterrupt):
        reanalyse(store)
    monkeypatch.setattr(store, "update_layers", update_layers)
    report = reanalyse(store)
    # the article written before the stop is skipped, the other one with changed quotes is not
    assert report.up_to_date == 1 and report.reanalysed == 1 and report.checked == len(TEXTS)
    assert report.resolution.articles == 2  # and the one written before the stop is resolved too
    assert _exports(store) == fresh


def test_a_named_stage_whose_output_is_the_same_changes_nothing(make_store, fresh):
    store = make_store()
    ingest_items(_docs(), store)
    report = reanalyse(store, stages=["times"])
    assert report.stages["times"] == len(TEXTS) and report.reanalysed == 0
    assert report.unchanged == len(TEXTS)
    assert _exports(store) == fresh


def test_the_plan_takes_the_stale_stage_and_every_stage_that_reads_its_layers():
    store = MemoryStore()
    ingest_items(_docs()[:1], store)
    article = store.get_article(store.list_articles()[0].id)
    pipeline = analyse.build_pipeline()
    assert plan(article, pipeline) == []
    article.extra["versions"]["figures"]["hash"] = "sha256:alt"
    assert plan(article, pipeline) == ["figures", "events"]
    del article.extra["versions"]["times"]  # never ran (a stage added since, or a failed analysis)
    assert plan(article, pipeline) == ["times", "figures", "quotes", "events"]
    article.language = "en"
    assert plan(article, pipeline) == []


def test_reanalyse_command(tmp_path, capsys):
    db = str(tmp_path / "d.db")
    with SQLiteStore(db) as store:
        ingest_items(_docs()[:2], store)
    assert main(["--db", db, "reanalyse", "--dry-run", "--stage", "figures", "-q"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Dry run: 2 articles checked") and "figures 2, events 2" in out
    assert main(["--db", db, "reanalyse", "-q"]) == 0
    assert "2 up to date" in capsys.readouterr().out
    assert main(["--db", db, "reanalyse", "--stage", "nosuch"]) == 2
