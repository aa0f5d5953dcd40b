"""The storage interface. SQLite (default), PostgreSQL (server) and an
in-memory double all implement it and pass the same contract tests.

Layers (mentions, quotes, times, figures, events) are stored per article;
entities are corpus-wide (canonical across articles).
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from dossier.model import Article, Entity
from dossier.search import SearchFacets, SearchFilters, SearchPage
from dossier.search.syntax import ParsedQuery


@dataclass
class ArticleSummary:
    id: str
    title: str | None
    published: str | None
    source: str | None
    language: str | None
    duplicate_of: str | None
    origin: str
    chars: int


@dataclass
class Failure:
    origin: str  # file, and line/record where known
    reason: str  # exception class name, e.g. "MalformedRecord"
    message: str
    at: str  # ISO timestamp


@dataclass
class BatchResult:
    new: list[str]
    unchanged: list[str]  # already stored (same content hash): re-ingest adds nothing


class Store(ABC):
    """One Dossier database. Every write method is one transaction."""

    # --- articles ---------------------------------------------------------
    @abstractmethod
    def add_articles(self, articles: list[Article], signatures: dict[str, bytes] | None = None) -> BatchResult:
        """Store a batch in one transaction; skip articles whose content hash is stored.

        The same transaction stores the near-duplicate signature ``signatures[id]`` of each new
        article and forgets the earlier failures of every article's origin: a crash leaves
        either all of an article (layers, search entries, signature) or none of it."""

    @abstractmethod
    def find_by_hash(self, content_hash: str) -> str | None:
        """Id of the stored article with this content hash, if any."""

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None:
        """The article with all its layers (prefix of an id is accepted if unique)."""

    @abstractmethod
    def list_articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]: ...

    @abstractmethod
    def iter_articles(self, batch_size: int = 200) -> Iterator[Article]: ...

    @abstractmethod
    def count_articles(self) -> int: ...

    @abstractmethod
    def update_layers(self, article: Article) -> None:
        """Replace the analysis layers (mentions, quotes, times, figures, events), the
        article-local ``entities`` and ``extra`` (which records the layers' versions) of a stored
        article, in one transaction."""

    @abstractmethod
    def set_article_entities(self, entities_of: dict[str, list[Entity]]) -> None:
        """Replace only the ``entities`` layer of stored articles (article id -> its entities),
        in one transaction; for a resolution that changed an entity's aliases but none of the
        article's other layers (nor the ledger rows derived from them)."""

    @abstractmethod
    def set_article_extra(self, extra_of: dict[str, dict]) -> None:
        """Replace only ``extra`` of stored articles (article id -> extra), in one transaction: for a
        re-analysis whose layers came out the same, which records only the new layer versions."""

    @abstractmethod
    def mark_duplicates(self, duplicate_of: dict[str, str], signatures: dict[str, bytes] | None = None,
                        stored_origins: list[str] | tuple[str, ...] = ()) -> None:
        """Set ``duplicate_of`` of stored articles (article id -> canonical id), store the
        ``signatures`` of stored canonical articles and forget the failures of ``stored_origins``,
        in one transaction; for engines whose workers stored the articles before the driver could
        compare them with the articles before them."""

    @abstractmethod
    def iter_layer(self, layer: str) -> Iterator[tuple[ArticleSummary, dict[str, Any]]]:
        """Every annotation of ``layer`` (mentions, quotes, times, figures or events) as its
        dataclass fields in a dict, with the article it belongs to; in ingest order."""

    # --- ledger look-ups (rows derived from the figures and events layers) -----------
    @abstractmethod
    def find_figures(self, *, subject_entity: str | None = None, attribute: str | None = None,
                     as_of_prefix: str | None = None, article_id: str | None = None,
                     ) -> list[tuple[ArticleSummary, dict[str, Any]]]:
        """Figures matching every filter given (``attribute`` as the layer wrote it,
        ``as_of_prefix`` a prefix of the TIMEX value such as ``2018`` or ``2018-06``), with their
        article, in ingest then layer order. Each dict holds the Figure's fields, its ``index``
        in the layer and the canonical ``subject_entity`` (see :mod:`dossier.store.ledger_rows`)."""

    @abstractmethod
    def find_events(self, *, entity: str | None = None, event_type: str | None = None,
                    article_id: str | None = None) -> list[tuple[ArticleSummary, dict[str, Any]]]:
        """Events with a participant ``entity`` and of ``event_type`` (each when given), with their
        article, in ingest then layer order; each dict holds the Event's fields and its ``index``."""

    # --- full-text search (index kept by add_articles and update_layers) ---
    @abstractmethod
    def search(self, query: ParsedQuery, filters: SearchFilters, limit: int, offset: int) -> SearchPage:
        """Documents (articles, quotes) matching ``query`` and ``filters``, best first."""

    @abstractmethod
    def search_facets(self, query: ParsedQuery, filters: SearchFilters, top_entities: int) -> SearchFacets:
        """Counts of the matching documents by source, publication month and (the
        ``top_entities`` most frequent) stored entity their article mentions."""

    @abstractmethod
    def search_index_analyser(self) -> str | None:
        """Signature of the text analysis that built the search index (see
        ``dossier.search.analysis.analyser_signature``); ``""`` for an empty database,
        None when the index was never built (a database from before search)."""

    @abstractmethod
    def rebuild_search_index(self, progress: Callable[[int], None] | None = None) -> int:
        """Index every stored article anew; ``progress(n)`` after each n articles. Returns the count."""

    # --- near-duplicate signatures ------------------------------------------
    @abstractmethod
    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """(article id, MinHash signature bytes) of every stored canonical article."""

    @abstractmethod
    def put_signature(self, article_id: str, signature: bytes) -> None: ...

    @abstractmethod
    def put_signatures(self, signatures: dict[str, bytes]) -> None:
        """Store (or replace) the signatures of stored articles, with their LSH bands, in one
        transaction."""

    @abstractmethod
    def similar_signatures(self, band_keys: list[int]) -> list[tuple[str, bytes]]:
        """(article id, signature) of the canonical articles with any of these LSH ``band_keys``
        (:func:`dossier.resolve.dedup.band_keys`), in ingest order."""

    @abstractmethod
    def signatures_from_source(self, source_key: str) -> list[tuple[str, bytes]]:
        """(article id, signature) of the canonical articles whose source has this
        :func:`dossier.resolve.dedup.source_key`, in ingest order."""

    # --- entities (corpus-wide) -------------------------------------------
    @abstractmethod
    def upsert_entities(self, entities: list[Entity]) -> None: ...

    @abstractmethod
    def get_entities(self) -> list[Entity]: ...

    @abstractmethod
    def delete_entities(self, ids: list[str]) -> None:
        """Forget canonical entities a new resolution run no longer produces."""

    # --- indexed entity look-ups (tables of migration 5) --------------------------------
    @abstractmethod
    def entity_counts(self, ids: list[str] | None = None) -> dict[str, tuple[int, int]]:
        """entity id -> (mentions, articles), for ``ids`` or every entity with a mention."""

    @abstractmethod
    def entity_articles(self, entity_id: str, limit: int | None = None) -> list[tuple[ArticleSummary, int]]:
        """The articles that mention the entity, with how often; in ingest order (with ``limit``:
        the ``limit`` most recently published ones)."""

    @abstractmethod
    def co_mentioned(self, entity_id: str, limit: int | None = None,
                     recent: int | None = None) -> list[tuple[str, int]]:
        """Other entities and the number of articles they share with it, most shared first
        (with ``recent``: within its ``recent`` most recently published articles)."""

    @abstractmethod
    def quotes_by_speaker(self, entity_id: str, limit: int | None = None
                          ) -> list[tuple[ArticleSummary, dict[str, Any]]]:
        """Quotes whose ``speaker_entity`` is the entity, in ingest order (``limit``: most recent)."""

    @abstractmethod
    def figures_about(self, entity_id: str, limit: int | None = None) -> list[tuple[ArticleSummary, dict[str, Any]]]:
        """``find_figures(subject_entity=entity_id)``, or with ``limit`` those of its most
        recently published articles (in ingest order)."""

    @abstractmethod
    def entity_ids_by_key(self, key: str) -> list[tuple[str, bool]]:
        """(entity id, is alias) of the entities with a name or alias of this ``compact_key``."""

    @abstractmethod
    def get_entities_by_id(self, ids: list[str]) -> list[Entity]: ...

    @abstractmethod
    def kb_entities(self) -> list[Entity]:
        """Entities imported from a knowledge base (with an ``external_id``), by id."""

    # --- the resolution index (dossier/resolve/incremental.py) ----------------------------
    @abstractmethod
    def put_resolution_nodes(self, article_id: str, refs: str, nodes: list) -> None:
        """Replace the article's resolution nodes (``ResolutionNode``), their keys and refs."""

    @abstractmethod
    def resolution_nodes(self, keys=None, entity_ids=None, article_ids=None) -> list:
        """Nodes with any of ``keys``, in any of ``entity_ids`` or of any of ``article_ids`` (these
        with their keys); every node (without keys) when all are None."""

    @abstractmethod
    def unresolve_articles(self, article_ids: list[str]) -> None:
        """Drop the articles' refs from the resolution index, so the next resolution indexes them
        anew (their nodes stay, with the entity each joined, until then): for articles whose layers
        were re-analysed."""

    @abstractmethod
    def set_resolution_entities(self, entity_of: dict[tuple[str, str], str]) -> None:
        """(article id, local id) -> the canonical entity id the node joined."""

    @abstractmethod
    def resolution_refs(self, article_ids: list[str]) -> dict[str, str]:
        """article id -> refs JSON, for the articles of ``article_ids`` in the index."""

    @abstractmethod
    def unresolved_articles(self) -> list[str]:
        """Stored articles not in the resolution index yet, in ingest order."""

    # --- failures ---------------------------------------------------------
    @abstractmethod
    def record_failures(self, failures: list[Failure]) -> None: ...

    @abstractmethod
    def list_failures(self) -> list[Failure]: ...

    @abstractmethod
    def clear_failure(self, origin: str) -> None:
        """Forget an earlier failure of ``origin`` once it has been ingested successfully."""

    # --- housekeeping -------------------------------------------------------
    @abstractmethod
    def schema_version(self) -> int: ...

    @contextmanager
    def resolution_lock(self) -> Iterator[None]:
        """Held while entity resolution reads the index and writes its result, so two processes
        resolving into one database take turns (each sees the other's result) instead of both
        resolving the same articles. A store only one process uses needs no lock."""
        yield

    def revision(self) -> object | None:
        """A value that changes whenever the stored content changes (caches compare it);
        None when this store cannot tell cheaply."""
        return None

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
