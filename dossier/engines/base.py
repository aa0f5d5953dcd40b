"""The engine interface: how raw documents become analysed articles.

An engine runs :func:`process_document` — cleaning, language id, the near-duplicate
signature and every analysis stage, all pure functions of one document — over a stream
of documents and hands the results back **in input order**, so the driver (the
:class:`~dossier.pipeline.Ingestor`) can link duplicates against earlier articles and
write to the store exactly as a serial run would. Engines differ only in where the work
runs:

    local   this process (``workers=1``) or a pool of worker processes (dossier/engines/local.py)
    spark   Spark executors, ``local[N]`` or a cluster (dossier/engines/spark.py)

An engine may also store the articles itself (:attr:`Engine.stores_articles`): the Spark
engine does so from the executors when the store is a PostgreSQL server, and sends only
the small per-article facts (:class:`Processed` without its layers) back to the driver.
"""
from __future__ import annotations

import datetime as dt
import traceback
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Iterable, Iterator

from dossier.analyse import Stage, analyse
from dossier.errors import DossierError, EmptyInput
from dossier.model import Article, RawDocument
from dossier.store.base import Failure


@dataclass
class Processed:
    """What an engine hands back for one raw document."""

    origin: str
    article: Article | None = None  # None when cleaning failed or left no text
    minhash: bytes | None = None  # near-duplicate signature of the clean text
    failure: Failure | None = None  # why there is no article (a Failure pickles; exceptions may not)
    analysis_problem: str | None = None  # the article is kept without its layers
    stored: bool | None = None  # set by an engine that stores articles itself: True new, False known


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def failure_from(error: DossierError | Exception, origin: str | None = None) -> Failure:
    if isinstance(error, DossierError):
        return Failure(error.location or origin or "?", error.reason, error.message, utc_now())
    return Failure(origin or "?", type(error).__name__, f"{error} (an internal error; please report it)",
                   utc_now())


def analyse_one(article: Article, pipeline: list[Stage]) -> tuple[Article, str | None]:
    """Analyse one article; a failure is returned as text instead of raised,
    so one bad article never costs the batch."""
    try:
        return analyse(article, pipeline), None
    except Exception as exc:  # noqa: BLE001 - reported per article by the caller
        detail = exc.message if isinstance(exc, DossierError) else f"{type(exc).__name__}: {exc}"
        article.flags.append({"type": "analysis_failed", "detail": detail,
                              "trace": traceback.format_exc(limit=3)})
        return article, detail


def process_document(doc: RawDocument, pipeline: list[Stage]) -> Processed:
    """Clean, identify the language, sign and analyse one document (a pure function of it)."""
    from dossier.analyse.language import detect_language
    from dossier.clean import clean_document
    from dossier.resolve.dedup import signature, signature_bytes

    try:
        article = clean_document(doc)
    except Exception as exc:  # noqa: BLE001 - a bad document (or a cleaner bug) costs only itself
        return Processed(doc.origin, failure=failure_from(exc, doc.origin))
    if not article.text.strip():
        return Processed(doc.origin, failure=failure_from(EmptyInput("no article text left after cleaning",
                                                                     location=article.origin)))
    article.language = article.language or detect_language(article.text)
    if article.language != "de":
        article.flags.append({"type": "not_german", "language": article.language})
    minhash = signature_bytes(signature(article.text))
    problem = None
    if pipeline:
        article, problem = analyse_one(article, pipeline)
    return Processed(doc.origin, article, minhash, analysis_problem=problem)


def process_documents(docs: Iterable[RawDocument], pipeline: list[Stage]) -> list[Processed]:
    return [process_document(doc, pipeline) for doc in docs]


class Engine(ABC):
    """Runs :func:`process_document` over a stream of documents."""

    name: str = ""
    #: True when :meth:`process` has already written each article to the store
    stores_articles: bool = False

    @abstractmethod
    def process(self, docs: Iterable[RawDocument]) -> Iterator[Processed]:
        """One :class:`Processed` per document, in input order. Consumes ``docs`` lazily:
        at most a bounded window of documents is in flight, so memory stays flat."""

    def close(self) -> None:
        """Release workers, pools or sessions."""

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


ENGINES = ("local", "spark")


def make_engine(name: str, pipeline: list[Stage], *, workers: int = 1, spark_master: str | None = None,
                store_url: str | None = None) -> Engine:
    """The engine called ``name``; ``store_url`` lets the Spark engine write to PostgreSQL itself."""
    from dossier.errors import ConfigError

    if name == "local":
        from dossier.engines.local import LocalEngine

        return LocalEngine(pipeline, workers)
    if name == "spark":
        from dossier.engines.spark import SparkEngine

        return SparkEngine(pipeline, master=spark_master or f"local[{max(1, workers)}]", store_url=store_url)
    raise ConfigError(f"unknown engine {name!r}", hint=f"choose from {', '.join(ENGINES)}")
