"""Ingest orchestration: read → clean → language → dedup → analyse → store.

A bad input costs only itself: reader errors, cleaner errors and analysis
errors are collected as failures with their location, the rest of the batch
goes on, and each batch is stored in one transaction. Re-running an ingest
adds nothing (articles are keyed by the hash of their raw content).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable

from dossier.analyse import build_pipeline
from dossier.analyse.language import detect_language
from dossier.engines.local import LocalEngine
from dossier.errors import DossierError, EmptyInput, InputError
from dossier.model import Article, RawDocument
from dossier.model import content_hash as hash_of
from dossier.resolve.dedup import NearDuplicateIndex, signature, signature_bytes, signature_from_bytes
from dossier.store.base import Failure, Store

SYNDICATION_THRESHOLD = 0.5  # a translated/edited syndicated copy shares less text than a plain duplicate


@dataclass
class IngestSummary:
    new: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    not_german: list[str] = field(default_factory=list)
    analysis_failed: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.analysis_failed

    def line(self) -> str:
        return (f"{len(self.new)} new ({len(self.duplicates)} duplicates), "
                f"{len(self.unchanged)} already stored, "
                f"{len(self.failed) + len(self.analysis_failed)} failed"
                + (f", {len(self.not_german)} not German" if self.not_german else ""))


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def failure_from(error: DossierError | Exception, origin: str | None = None) -> Failure:
    if isinstance(error, DossierError):
        return Failure(error.location or origin or "?", error.reason, error.message, _now())
    return Failure(origin or "?", type(error).__name__, f"{error} (an internal error; please report it)", _now())


class Ingestor:
    """Holds the per-run state (dedup index, stage pipeline) over one store."""

    def __init__(self, store: Store, *, run_analysis: bool = True, batch_size: int = 100, workers: int = 1):
        self.store = store
        self.batch_size = batch_size
        self.engine = LocalEngine(build_pipeline() if run_analysis else [], workers)
        self.index = NearDuplicateIndex()
        sources = {row.id: row.source for row in store.list_articles() if row.duplicate_of is None}
        for article_id, data in store.signatures():
            self.index.add(article_id, signature_from_bytes(data), sources.get(article_id))
        self.summary = IngestSummary()
        self._batch: list[Article] = []
        self._signatures: dict[str, bytes] = {}
        self._hashes_in_batch: set[str] = set()

    # -- one document -----------------------------------------------------
    def add_document(self, doc: RawDocument) -> None:
        from dossier.clean import clean_document

        try:
            article = clean_document(doc)
        except DossierError as exc:
            exc.location = exc.location or doc.origin
            self.summary.failed.append(failure_from(exc, doc.origin))
            return
        except Exception as exc:  # a cleaner bug must not cost the batch
            self.summary.failed.append(failure_from(exc, doc.origin))
            return
        self.add_article(article)

    def add_article(self, article: Article) -> None:
        content_hash = article.extra.setdefault("content_hash", hash_of(article.raw_text))
        if content_hash in self._hashes_in_batch or self.store.find_by_hash(content_hash):
            self.summary.unchanged.append(article.id)
            return
        if not article.text.strip():
            self.summary.failed.append(failure_from(EmptyInput("no article text left after cleaning",
                                                               location=article.origin)))
            return
        article.language = article.language or detect_language(article.text)
        if article.language != "de":
            self.summary.not_german.append(article.id)
            article.flags.append({"type": "not_german", "language": article.language})
        self._link_duplicates(article)
        self._hashes_in_batch.add(content_hash)
        self._batch.append(article)
        if len(self._batch) >= self.batch_size:
            self.flush()

    def _link_duplicates(self, article: Article) -> None:
        minhash = signature(article.text)
        duplicate_of = self.index.find(minhash)
        if duplicate_of is None and article.syndicated_from:
            duplicate_of = self.index.find_from_source(minhash, article.syndicated_from, SYNDICATION_THRESHOLD)
        if duplicate_of:
            article.duplicate_of = duplicate_of
            self.summary.duplicates.append(article.id)
        else:
            self.index.add(article.id, minhash, article.source)
            self._signatures[article.id] = signature_bytes(minhash)

    # -- batches ------------------------------------------------------------
    def add_error(self, error: InputError) -> None:
        self.summary.failed.append(failure_from(error))

    def flush(self) -> None:
        if not self._batch:
            return
        analysed = self.engine.analyse_batch(self._batch)
        self._batch = [article for article, _ in analysed]
        for article, problem in analysed:
            if problem:  # the article is kept (without that layer); the failure is reported
                self.summary.analysis_failed.append(
                    Failure(article.origin, "AnalysisError", f"analysis failed: {problem}", _now()))
        result = self.store.add_articles(self._batch)
        for article_id in result.new:
            if article_id in self._signatures:
                self.store.put_signature(article_id, self._signatures[article_id])
        self.summary.new.extend(result.new)
        self.summary.unchanged.extend(result.unchanged)
        for article in self._batch:
            self.store.clear_failure(article.origin)
        self._batch.clear()
        self._signatures.clear()
        self._hashes_in_batch.clear()

    def finish(self) -> IngestSummary:
        self.flush()
        self.engine.close()
        failures = self.summary.failed + self.summary.analysis_failed
        if failures:
            self.store.record_failures(failures)
        return self.summary


def ingest_items(items: Iterable[RawDocument | InputError], store: Store, *, run_analysis: bool = True,
                 batch_size: int = 100, workers: int = 1,
                 on_item: Callable[[object], None] | None = None) -> IngestSummary:
    """Ingest documents (and reader errors) from ``items`` into ``store``."""
    ingestor = Ingestor(store, run_analysis=run_analysis, batch_size=batch_size, workers=workers)
    for item in items:
        if isinstance(item, InputError):
            ingestor.add_error(item)
        else:
            ingestor.add_document(item)
        if on_item:
            on_item(item)
    summary = ingestor.finish()
    if run_analysis and summary.new:
        resolve_entities(store)
    return summary


def resolve_entities(store: Store) -> None:
    """Cross-document entity resolution (a broken resolver is an error, never a skipped step)."""
    from dossier.resolve.entities import resolve_corpus

    resolve_corpus(store)
