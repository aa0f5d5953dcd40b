"""The local engine: this process, or a pool of worker processes over the cores.

Stage functions are pure and picklable, so a worker simply runs
:func:`~dossier.engines.base.process_document` (clean, language, signature,
analysis) on each document it is sent and sends the article back with its layers.
Each worker loads the shipped models once. Documents go out in small chunks and at
most ``WINDOW_CHUNKS_PER_WORKER`` chunks per worker are in flight, so a stream of any
length is processed in constant memory, and results come back in input order.
"""
from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from dossier.analyse import Stage
from dossier.engines.base import Engine, Processed, analyse_one, process_document, process_documents
from dossier.model import Article, RawDocument

# Documents per task sent to a worker: big enough that pickling and queueing cost little
# next to the analysis (~20 ms an article), small enough to keep both cores busy at the end.
CHUNK_SIZE = 8
WINDOW_CHUNKS_PER_WORKER = 4

_worker_pipeline: list[Stage] | None = None


def _init_worker(pipeline: list[Stage]) -> None:
    # Stages travel by reference (module + function name), so this is cheap.
    global _worker_pipeline
    _worker_pipeline = pipeline


def _analyse_in_worker(article: Article) -> tuple[Article, str | None]:
    return analyse_one(article, _worker_pipeline or [])


def _process_in_worker(docs: list[RawDocument]) -> list[Processed]:
    return process_documents(docs, _worker_pipeline or [])


class LocalEngine(Engine):
    """Runs the pipeline serially (workers=1) or in a pool of worker processes."""

    name = "local"

    def __init__(self, pipeline: list[Stage], workers: int = 1):
        self.pipeline = pipeline
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(self.pipeline,))
        return self._pool

    def process(self, docs: Iterable[RawDocument]) -> Iterator[Processed]:
        if self.workers == 1:
            for doc in docs:
                yield process_document(doc, self.pipeline)
            return
        pool, stream = self._executor(), iter(docs)
        in_flight: deque[Future] = deque()
        window = self.workers * WINDOW_CHUNKS_PER_WORKER
        while True:
            while len(in_flight) < window:
                chunk = list(islice(stream, CHUNK_SIZE))
                if not chunk:
                    break
                in_flight.append(pool.submit(_process_in_worker, chunk))
            if not in_flight:
                return
            yield from in_flight.popleft().result()

    def analyse_batch(self, articles: list[Article]) -> list[tuple[Article, str | None]]:
        """Analyse already cleaned articles (re-analysis of stored ones)."""
        if not self.pipeline:
            return [(article, None) for article in articles]
        if self.workers == 1 or len(articles) < 2:
            return [analyse_one(article, self.pipeline) for article in articles]
        chunk = max(1, len(articles) // (self.workers * 4))
        return list(self._executor().map(_analyse_in_worker, articles, chunksize=chunk))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
