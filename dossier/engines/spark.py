"""The Spark engine: the same pure per-document work on Spark executors.

``dossier ingest --engine spark`` runs on ``local[N]`` (N worker threads, each
with its Python worker process) by default, or on a cluster with
``--spark-master spark://host:7077`` (every node needs Java, this Python and
``pip install 'dossier-news[spark]'``). The driver reads the inputs and sends
them out in chunks; each chunk is one Spark job of ``mapPartitions`` over
:func:`~dossier.engines.base.process_documents`, and its results come back in
input order while the next chunk is already running. Memory on the driver
stays at two chunks whatever the corpus size.

With a SQLite store the analysed articles travel back and the driver writes
them (SQLite has one writer). With a PostgreSQL store the executors write each
partition in one transaction themselves and send back only what the driver
needs to link duplicates in input order (id, source, signature).

Notes for one machine: the driver binds to 127.0.0.1, the workers run the
interpreter that runs Dossier (``PYSPARK_PYTHON``), and nothing is fetched
(no ``spark.jars.packages``).
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from dossier.analyse import Stage
from dossier.engines.base import Engine, Processed, process_documents
from dossier.errors import ConfigError, MissingDependency
from dossier.model import Article, RawDocument

# Documents per Spark job and per partition: a job costs ~0.1 s to schedule, a partition
# of 16 articles ~0.3-1 s of analysis, so scheduling stays a few per cent of the work.
DOCS_PER_PARTITION = 16
PARTITIONS_PER_CORE = 4
LAYERS = ("mentions", "entities", "quotes", "times", "figures", "events")


def _pyspark():
    try:
        import pyspark
    except ImportError as exc:
        raise MissingDependency("dossier-news[spark]", "the Spark engine (pyspark)") from exc
    return pyspark


def java_available() -> bool:
    return bool(os.environ.get("JAVA_HOME") or shutil.which("java"))


def spark_running() -> bool:
    """Whether this process already has a SparkContext (a notebook's, a test module's)."""
    return _pyspark().SparkContext._active_spark_context is not None


def spark_session(master: str = "local[2]", app_name: str = "dossier"):
    """A SparkSession for Dossier: the active one if there is one, else a new one bound to
    127.0.0.1 whose Python workers run this interpreter."""
    if spark_running():
        return _pyspark().sql.SparkSession.builder.getOrCreate()
    if not java_available():
        raise ConfigError("the Spark engine needs Java (17 or newer), and none was found",
                          hint="install it (apt-get install default-jre-headless) or set JAVA_HOME")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.ui.enabled", "false")
               .config("spark.python.worker.reuse", "true")  # models load once per worker
               .config("spark.ui.showConsoleProgress", "false")
               # the NER tagger `dossier ingest --ner` chose, for executors on other machines too
               .config("spark.executorEnv.DOSSIER_NER", os.environ.get("DOSSIER_NER", "crf")))
    if master.startswith("local"):
        builder = (builder.config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1"))
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _light(article: Article) -> Article:
    """The article without its text and layers: what the driver needs once the executor stored it."""
    return dataclasses.replace(article, raw_text="", text="", **{layer: [] for layer in LAYERS})


def process_partition(docs: Iterable[RawDocument], pipeline: list[Stage],
                      store_url: str | None) -> Iterator[Processed]:
    """Run on an executor: process a partition; with ``store_url``, store it in one transaction."""
    results = process_documents(list(docs), pipeline)
    if store_url is None:
        return iter(results)
    from dossier.store import open_store

    articles = [p.article for p in results if p.article is not None]
    with open_store(store_url) as store:
        new = set(store.add_articles(articles).new) if articles else set()
    for p in results:
        if p.article is not None:
            p.stored = p.article.id in new
            p.article = _light(p.article)
    return iter(results)


class SparkEngine(Engine):
    name = "spark"

    def __init__(self, pipeline: list[Stage], master: str = "local[2]", store_url: str | None = None):
        self.pipeline = pipeline
        self.master = master
        # Executors write only to a server database; a SQLite file is written by the driver.
        self.store_url = store_url if store_url and store_url.startswith(("postgresql://", "postgres://")) else None
        self.stores_articles = self.store_url is not None
        self._session = None
        self._owns_session = False
        self._prefetch = ThreadPoolExecutor(1, thread_name_prefix="dossier-spark")

    def _context(self):
        if self._session is None:
            self._owns_session = not spark_running()
            self._session = spark_session(self.master)
        return self._session.sparkContext

    def _run_chunk(self, chunk: list[RawDocument]) -> list[Processed]:
        context = self._context()
        partitions = max(1, -(-len(chunk) // DOCS_PER_PARTITION))
        pipeline, store_url = self.pipeline, self.store_url
        return (context.parallelize(chunk, partitions)
                .mapPartitions(lambda docs: process_partition(docs, pipeline, store_url))
                .collect())

    def process(self, docs: Iterable[RawDocument]) -> Iterator[Processed]:
        context = self._context()
        chunk_size = DOCS_PER_PARTITION * PARTITIONS_PER_CORE * max(1, context.defaultParallelism)
        stream = iter(docs)
        running: Future | None = None
        while True:
            chunk = list(islice(stream, chunk_size))
            following = self._prefetch.submit(self._run_chunk, chunk) if chunk else None
            if running is not None:
                yield from running.result()
            if following is None:
                return
            running = following

    def close(self) -> None:
        self._prefetch.shutdown(wait=True)
        if self._session is not None and self._owns_session:
            self._session.stop()
        self._session = None
