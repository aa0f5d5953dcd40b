"""The Spark engine stores exactly what the local engine stores.

One SparkSession (local[2]) serves the whole module: starting the JVM costs seconds.
Skips with a reason when pyspark or Java is absent; CI installs both (.ci/run, the test extra).
"""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from dossier.engines import spark as spark_engine
from dossier.export import export_articles, export_entities
from dossier.ingest import read_paths
from dossier.pipeline import ingest_items
from dossier.store import open_store

from store.pg_server import pg_server, pg_url  # noqa: F401  (fixtures: a throw-away PostgreSQL cluster)

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]')")
if not spark_engine.java_available():
    pytest.skip("no Java runtime (java on PATH or JAVA_HOME): the Spark engine needs Java 17; "
                "install default-jre-headless", allow_module_level=True)

REPO = Path(__file__).resolve().parents[2]
# Articles written for the project: plain text, JSONL, CSV, HTML, feeds, a duplicate,
# an English article and a Latin-1 file; plus a broken record made here.
CORPUS = [REPO / "examples", REPO / "tests" / "data" / "ingest"]


@pytest.fixture(scope="module")
def spark():
    session = spark_engine.spark_session("local[2]", app_name="dossier-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    broken = tmp_path_factory.mktemp("corpus") / "kaputt.jsonl"
    broken.write_text('{"text": "Ein gültiger Satz über die Bahn in Berlin, sagte Anna Schmidt."}\n{"text": \n',
                      encoding="utf-8")
    return [str(p) for p in CORPUS] + [str(broken)]


@pytest.fixture(autouse=True, scope="module")
def small_partitions():
    # Several partitions and several Spark jobs (chunks) even for this small corpus.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spark_engine, "DOCS_PER_PARTITION", 2)
        patch.setattr(spark_engine, "PARTITIONS_PER_CORE", 1)
        yield


@pytest.fixture(scope="module")
def local(corpus, tmp_path_factory):
    """The local engine's result, the reference for both Spark runs."""
    return _ingest(corpus, str(tmp_path_factory.mktemp("local") / "local.db"), "local")


def _ingest(paths, url, engine):
    store = open_store(url)
    try:
        summary = ingest_items(read_paths(paths), store, engine=engine, store_url=url, batch_size=3)
        articles, entities = io.StringIO(), io.StringIO()
        export_articles(store, articles, "jsonl")
        export_entities(store, entities, "jsonl")
        failures = sorted((f.origin, f.reason) for f in store.list_failures())
    finally:
        store.close()
    return summary, articles.getvalue(), entities.getvalue(), failures


def _by_id(jsonl: str) -> list[dict]:
    return sorted((json.loads(line) for line in jsonl.splitlines()), key=lambda r: r["id"])


def test_spark_local2_exports_what_the_local_engine_exports(spark, corpus, local, tmp_path):
    on_spark = _ingest(corpus, str(tmp_path / "spark.db"), "spark")
    summary = local[0]
    assert len(summary.new) >= 8 and summary.duplicates and summary.not_german and summary.failed
    assert on_spark[0].line() == summary.line()
    assert on_spark[1] == local[1]  # the articles, byte for byte, in the same order
    assert on_spark[2] == local[2]  # the canonical entities
    assert on_spark[3] == local[3]  # the same failures, with their locations


def test_spark_executors_write_to_postgresql(spark, corpus, local, pg_url):
    on_spark = _ingest(corpus, pg_url, "spark")
    assert on_spark[0].line() == local[0].line()
    # Executors write partitions in parallel, so the stored order may differ; the records may not.
    assert _by_id(on_spark[1]) == _by_id(local[1])
    assert _by_id(on_spark[2]) == _by_id(local[2])
    again = _ingest(corpus, pg_url, "spark")[0]
    assert not again.new and len(again.unchanged) == len(local[0].new) + len(local[0].unchanged)


def test_missing_java_is_a_clear_error(monkeypatch):
    from dossier.errors import ConfigError

    monkeypatch.setattr(spark_engine, "spark_running", lambda: False)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ConfigError, match="needs Java"):
        spark_engine.spark_session("local[1]")
