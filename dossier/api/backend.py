"""The one store an app serves.

Requests run on a thread pool and a SQLite connection is not safe to share mid-query, so every
store access goes through one lock. The answers come from dossier.query (the store's indexed
look-ups); only the corpus-wide reports (conflicts, network), which read every article, are kept
until the store reports a change (``Store.revision``; stores that cannot tell: ``FALLBACK_TTL_S``).
"""
from __future__ import annotations

import threading
import time
from typing import Any, Callable, TypeVar

from dossier.errors import ConfigError
from dossier.store import Store, open_store

T = TypeVar("T")
FALLBACK_TTL_S = 10.0


class Backend:
    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.RLock()
        self._reports: dict[Any, Any] = {}
        self._revision: Any = None
        self._reports_at = 0.0

    @classmethod
    def open(cls, db: str) -> "Backend":
        return cls(open_store(db))

    def with_store(self, question: Callable[[Store], T]) -> T:
        """Run ``question(store)`` while holding the store."""
        with self._lock:
            return question(self.store)

    def report(self, key: Any, question: Callable[[Store], T]) -> T:
        """A corpus-wide report, computed once per store revision."""
        with self._lock:
            revision = self.store.revision()
            if revision != self._revision or (revision is None
                                              and time.monotonic() - self._reports_at > FALLBACK_TTL_S):
                self._reports, self._revision, self._reports_at = {}, revision, time.monotonic()
            if key not in self._reports:
                self._reports[key] = question(self.store)
            return self._reports[key]

    def write(self, change: Callable[[Store], T]) -> T:
        with self._lock:
            try:
                return change(self.store)
            finally:
                self._reports = {}

    def write_if(self, needed: Callable[[Store], bool], change: Callable[[Store], Any]) -> None:
        """``change(store)`` when ``needed(store)``, checked and done under one hold of the store."""
        with self._lock:
            if needed(self.store):
                self.write(change)

    def close(self) -> None:
        with self._lock:
            self.store.close()


def settings_from_env(environ: dict[str, str]) -> dict[str, Any]:
    """DOSSIER_TOKEN enables POST /api/ingest; DOSSIER_CORS_ORIGINS (comma-separated) enables CORS;
    DOSSIER_MAX_REQUEST_BYTES sets the largest request body (default 8 MiB)."""
    origins = [o.strip() for o in environ.get("DOSSIER_CORS_ORIGINS", "").split(",") if o.strip()]
    settings = {"token": environ.get("DOSSIER_TOKEN") or None, "cors_origins": origins}
    limit = environ.get("DOSSIER_MAX_REQUEST_BYTES", "").strip()
    if limit:
        if not limit.isdigit() or int(limit) < 1:
            raise ConfigError(f"DOSSIER_MAX_REQUEST_BYTES must be a positive number of bytes, not {limit!r}",
                              hint="e.g. DOSSIER_MAX_REQUEST_BYTES=8388608 (8 MiB)")
        settings["max_request_bytes"] = int(limit)
    return settings
