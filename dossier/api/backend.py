"""The one store an app serves, with the corpus index the queries read.

Requests run on a thread pool and SQLite connections are not safe to share mid-query, so every
store access goes through one lock; the answers themselves come from the in-memory index.
"""
from __future__ import annotations

import threading
from typing import Any, Callable, TypeVar

from dossier.query.index import CorpusIndex, IndexCache
from dossier.store import Store, open_store

T = TypeVar("T")


class Backend:
    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.RLock()
        self._cache = IndexCache(store)

    @classmethod
    def open(cls, db: str) -> "Backend":
        return cls(open_store(db))

    def index(self) -> CorpusIndex:
        with self._lock:
            return self._cache.get()

    def with_store(self, question: Callable[[Store, CorpusIndex], T]) -> T:
        """Run ``question(store, index)`` while holding the store."""
        with self._lock:
            return question(self.store, self._cache.get())

    def remembered(self, key: Any, question: Callable[[Store, CorpusIndex], T]) -> T:
        """``question(store, index)``, computed once per index (per store revision)."""
        with self._lock:
            index = self._cache.get()
            if key not in index.memo:
                index.memo[key] = question(self.store, index)
            return index.memo[key]

    def write(self, change: Callable[[Store], T]) -> T:
        """Run ``change(store)`` while holding the store, then rebuild the index on next use."""
        with self._lock:
            try:
                return change(self.store)
            finally:
                self._cache.invalidate()

    def write_if(self, needed: Callable[[Store], bool], change: Callable[[Store], Any]) -> None:
        """``change(store)`` when ``needed(store)``, checked and done under one hold of the store."""
        with self._lock:
            if needed(self.store):
                self.write(change)

    def close(self) -> None:
        with self._lock:
            self.store.close()


def settings_from_env(environ: dict[str, str]) -> dict[str, Any]:
    """DOSSIER_TOKEN enables POST /api/ingest; DOSSIER_CORS_ORIGINS (comma-separated) enables CORS."""
    origins = [o.strip() for o in environ.get("DOSSIER_CORS_ORIGINS", "").split(",") if o.strip()]
    return {"token": environ.get("DOSSIER_TOKEN") or None, "cors_origins": origins}
