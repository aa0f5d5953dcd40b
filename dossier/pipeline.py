"""Ingest orchestration: read → clean → language → dedup → analyse → store.

A bad input costs only itself: reader errors, cleaner errors and analysis
errors are collected as failures with their location, the rest of the batch
goes on, and each batch is stored in one transaction. Re-running an ingest
adds nothing (articles are keyed by the hash of their raw content).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from dossier.analyse import build_pipeline
from dossier.engines.base import Processed, failure_from, make_engine, utc_now
from dossier.errors import InputError
from dossier.model import Article, RawDocument
from dossier.model import content_hash as hash_of
from dossier.resolve.dedup import StoredNearDuplicates, signature_from_bytes
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
    return utc_now()


class Ingestor:
    """Holds the per-run state (dedup index, engine) over one store.

    The engine does the per-document work (clean, language, signature, analysis) and hands
    the results back in input order; this driver links near duplicates against everything
    before them and writes each batch in one transaction, so every engine stores the same."""

    def __init__(self, store: Store, *, run_analysis: bool = True, batch_size: int = 100, workers: int = 1,
                 engine: str = "local", spark_master: str | None = None, store_url: str | None = None):
        self.store = store
        self.batch_size = batch_size
        self.engine = make_engine(engine, build_pipeline() if run_analysis else [], workers=workers,
                                  spark_master=spark_master, store_url=store_url)
        # stored canonical articles are looked up by LSH band in the store, not read up front
        self.index = StoredNearDuplicates(store)
        self.summary = IngestSummary()
        self._batch: list[Processed] = []
        self._pending_hashes: set[str] = set()  # sent to the engine, not stored yet

    def run(self, items: Iterable[RawDocument | InputError],
            on_item: Callable[[object], None] | None = None) -> IngestSummary:
        for processed in self.engine.process(self._new_documents(items, on_item)):
            self.add_processed(processed)
        return self.finish()

    def _new_documents(self, items, on_item) -> Iterator[RawDocument]:
        """The documents whose content is not stored yet; reader errors are recorded."""
        for item in items:
            if isinstance(item, InputError):
                self.add_error(item)
            else:
                digest = hash_of(item.raw_text)
                if digest in self._pending_hashes or self.store.find_by_hash(digest):
                    self.summary.unchanged.append(digest[:16])
                else:
                    self._pending_hashes.add(digest)
                    yield item
            if on_item:
                on_item(item)

    # -- one processed document ----------------------------------------------
    def add_processed(self, processed: Processed) -> None:
        if processed.failure is not None:
            self.summary.failed.append(processed.failure)
            return
        article = processed.article
        if article.language != "de":
            self.summary.not_german.append(article.id)
        if processed.analysis_problem:  # the article is kept (without that layer); the failure is reported
            self.summary.analysis_failed.append(Failure(
                article.origin, "AnalysisError", f"analysis failed: {processed.analysis_problem}", _now()))
        self._link_duplicates(article, processed)
        self._batch.append(processed)
        if len(self._batch) >= self.batch_size:
            self.flush()

    def _link_duplicates(self, article: Article, processed: Processed) -> None:
        minhash = signature_from_bytes(processed.minhash)
        duplicate_of = self.index.find(minhash)
        if duplicate_of is None and article.syndicated_from:
            duplicate_of = self.index.find_from_source(minhash, article.syndicated_from, SYNDICATION_THRESHOLD)
        if duplicate_of:
            article.duplicate_of = duplicate_of
            self.summary.duplicates.append(article.id)
            processed.minhash = None  # only canonical articles keep a signature
        else:
            self.index.add(article.id, minhash, article.source)

    # -- batches ------------------------------------------------------------
    def add_error(self, error: InputError) -> None:
        self.summary.failed.append(failure_from(error))

    def flush(self) -> None:
        if not self._batch:
            return
        articles = [p.article for p in self._batch]
        signatures = {p.article.id: p.minhash for p in self._batch if p.minhash}
        # Articles, their signatures and the clearing of their earlier failures: one transaction,
        # so a crash cannot leave an article without its signature (or a stale failure).
        if self.engine.stores_articles:  # written by the executors; the driver adds what needs the order
            new = [p.article.id for p in self._batch if p.stored]
            unchanged = [p.article.id for p in self._batch if not p.stored]
            self.store.mark_duplicates({a.id: a.duplicate_of for a in articles if a.duplicate_of and a.id in new},
                                       signatures={i: signatures[i] for i in new if i in signatures},
                                       stored_origins=[a.origin for a in articles])
        else:
            result = self.store.add_articles(articles, signatures)
            new, unchanged = result.new, result.unchanged
        self.index.stored()  # the batch's signatures are written, with their LSH bands
        self.summary.new.extend(new)
        self.summary.unchanged.extend(unchanged)
        for article in articles:
            self._pending_hashes.discard(article.extra.get("content_hash"))
        self._batch.clear()

    def finish(self) -> IngestSummary:
        self.flush()
        self.engine.close()
        failures = self.summary.failed + self.summary.analysis_failed
        if failures:
            self.store.record_failures(failures)
        return self.summary


def ingest_items(items: Iterable[RawDocument | InputError], store: Store, *, run_analysis: bool = True,
                 batch_size: int = 100, workers: int = 1, engine: str = "local",
                 spark_master: str | None = None, store_url: str | None = None,
                 on_item: Callable[[object], None] | None = None) -> IngestSummary:
    """Ingest documents (and reader errors) from ``items`` into ``store``."""
    ingestor = Ingestor(store, run_analysis=run_analysis, batch_size=batch_size, workers=workers,
                        engine=engine, spark_master=spark_master, store_url=store_url)
    try:
        summary = ingestor.run(items, on_item)
    finally:
        ingestor.engine.close()
    if run_analysis and summary.new:
        resolve_entities(store)
    return summary


def resolve_entities(store: Store) -> None:
    """Cross-document entity resolution of the articles this ingest added, against the
    store's resolution index (the result equals a full ``dossier resolve --all``)."""
    from dossier.resolve.incremental import resolve_new

    with store.resolution_lock():  # another process resolving into this database finishes first
        resolve_new(store)
