"""Analyse a batch of articles in this process or in a local process pool.

Stage functions are pure and picklable, so a worker process simply runs
:func:`dossier.analyse.analyse` on each article it is sent and sends the
article back with its layers. Each worker loads the shipped models once.
"""
from __future__ import annotations

import traceback
from concurrent.futures import ProcessPoolExecutor

from dossier.analyse import Stage, analyse
from dossier.errors import DossierError
from dossier.model import Article

_worker_pipeline: list[Stage] | None = None


def _init_worker(pipeline: list[Stage]) -> None:
    # Stages travel by reference (module + function name), so this is cheap.
    global _worker_pipeline
    _worker_pipeline = pipeline


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


def _analyse_in_worker(article: Article) -> tuple[Article, str | None]:
    return analyse_one(article, _worker_pipeline or [])


class LocalEngine:
    """Runs the pipeline serially (workers=1) or in a pool of worker processes."""

    def __init__(self, pipeline: list[Stage], workers: int = 1):
        self.pipeline = pipeline
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None

    def analyse_batch(self, articles: list[Article]) -> list[tuple[Article, str | None]]:
        if not self.pipeline:
            return [(article, None) for article in articles]
        if self.workers == 1 or len(articles) < 2:
            return [analyse_one(article, self.pipeline) for article in articles]
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(self.pipeline,))
        chunk = max(1, len(articles) // (self.workers * 4))
        return list(self._pool.map(_analyse_in_worker, articles, chunksize=chunk))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
