"""The search filters as SQL, written once for both database stores (see SearchFilters)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from dossier.model import Article
from dossier.search import SearchFilters

REBUILD_BATCH = 200  # articles indexed per transaction by a rebuild


@dataclass(frozen=True)
class Dialect:
    mark: str  # the driver's parameter placeholder
    prefix: str  # SQL for the first {length} characters of {column}
    text_order: str  # after a text comparison: byte order on both stores
    list_parameter: bool  # a list is one parameter (= ANY(%s)) rather than one mark per value

    def member(self, column: str, values, params: list) -> str:
        if self.list_parameter:
            params.append(list(values))
            return f"{column} = ANY({self.mark})"
        params.extend(values)
        return f"{column} IN ({', '.join([self.mark] * len(values)) or 'NULL'})"


SQLITE = Dialect("?", "substr({column}, 1, {length})", "", list_parameter=False)
POSTGRES = Dialect("%s", "left({column}, {length})", ' COLLATE "C"', list_parameter=True)


def filter_sql(filters: SearchFilters, dialect: Dialect, params: list) -> str:
    """The WHERE conditions of ``filters`` over search_docs ``d`` joined to articles ``a``;
    their parameters are appended to ``params`` in order."""
    mark, order = dialect.mark, dialect.text_order
    clauses = [dialect.member("d.kind", filters.kinds, params)]
    if filters.source is not None:
        clauses.append(f"a.source = {mark}")
        params.append(filters.source)
    if filters.since:
        clauses.append(f"a.published >= {mark}{order}")
        params.append(filters.since)
    if filters.until:
        clauses.append(f"{dialect.prefix.format(column='a.published', length=mark)} <= {mark}{order}")
        params += [len(filters.until), filters.until]
    if filters.entity_ids is not None:
        among = dialect.member("entity_id", filters.entity_ids, params)
        clauses.append(f"d.article_id IN (SELECT article_id FROM search_entities WHERE {among})")
    if filters.speaker_filter:
        by_entity = dialect.member("d.speaker_entity", filters.speaker_ids, params)
        clauses.append(f"({by_entity} OR d.speaker_key = {mark} OR d.speaker_key LIKE {mark})")
        params += [filters.speaker_key, f"% {filters.speaker_key}"]
    return " AND ".join(clauses)


def rebuild(tx: Callable, articles: Iterable[Article], progress: Callable[[int], None] | None, *,
            clear: Callable, index: Callable, finish: Callable) -> int:
    """Index every article anew, REBUILD_BATCH to a transaction, for either database store:
    ``tx()`` opens a transaction; ``clear(conn)`` empties the index, ``index(conn, article)``
    indexes one article and ``finish(conn)`` records the analyser that built it."""
    with tx() as conn:
        clear(conn)
    count, batch = 0, []

    def write(batch: list[Article]) -> int:
        if batch:
            with tx() as conn:
                for article in batch:
                    index(conn, article)
            if progress:
                progress(len(batch))
        return len(batch)

    for article in articles:  # streamed: the store is not read whole into memory
        batch.append(article)
        if len(batch) == REBUILD_BATCH:
            count += write(batch)
            batch = []
    count += write(batch)
    with tx() as conn:
        finish(conn)
    return count
