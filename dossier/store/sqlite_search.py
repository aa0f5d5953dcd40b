"""The SQLite side of full-text search: FTS5 over terms computed in Python.

Tables (migration 0003): ``search_docs`` (one row per article or quote),
``search_fts`` (same rowid; columns ``stems`` and ``words``), ``search_entities``
(article -> mentioned entity ids) and ``search_state`` (the analyser that built
the index). Ranking is FTS5's ``bm25()``. The MATCH expression is written here
from a ParsedQuery whose terms hold only letters and digits, each one quoted, so
no FTS5 syntax can come from a user.
"""
from __future__ import annotations

import sqlite3
from typing import Callable, Iterable

from dossier.model import Article
from dossier.search import FacetCount, SearchFacets, SearchFilters, SearchPage, SearchRow, facets_in_order
from dossier.search.analysis import analyser_signature
from dossier.search.documents import (
    QUOTE, SearchDocument, mentioned_entities, quote_documents, search_documents,
)
from dossier.search.syntax import PREFIX, Item, ParsedQuery
from dossier.store import search_sql

INSERT_DOC = ('INSERT INTO search_docs (article_id, kind, start, "end", quote_index, speaker, speaker_entity, '
              "speaker_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
INSERT_FTS = "INSERT INTO search_fts (rowid, stems, words) VALUES (?, ?, ?)"
DOC_COLUMNS = ('d.kind, d.article_id, d.start, d."end", d.quote_index, d.speaker, d.speaker_entity, '
               "-bm25(search_fts) AS score")


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _fts_item(item: Item) -> str:
    if item.kind == PREFIX:
        return f"words : {_quoted(item.terms[0])} *"
    return f"stems : {_quoted(' '.join(item.terms))}"  # a quoted string of several terms is a phrase


def fts5_match(query: ParsedQuery) -> str:
    """The FTS5 MATCH expression of ``query``."""
    groups = ["(" + " OR ".join(_fts_item(i) for i in group) + ")" for group in query.groups]
    expression = " AND ".join(groups)
    for item in query.excluded:
        expression = f"({expression}) NOT ({_fts_item(item)})"
    return expression


# --- writing -----------------------------------------------------------------------------
def _insert_documents(conn: sqlite3.Connection, article_id: str, documents: Iterable[SearchDocument]) -> None:
    for d in documents:
        cursor = conn.execute(INSERT_DOC, (article_id, d.kind, d.start, d.end, d.quote_index, d.speaker,
                                           d.speaker_entity, d.speaker_key))
        conn.execute(INSERT_FTS, (cursor.lastrowid, d.stems_text, d.words_text))


def _replace_entities(conn: sqlite3.Connection, article: Article) -> None:
    conn.execute("DELETE FROM search_entities WHERE article_id = ?", (article.id,))
    conn.executemany("INSERT INTO search_entities (entity_id, article_id) VALUES (?, ?)",
                     [(entity_id, article.id) for entity_id in mentioned_entities(article)])


def index_new_article(conn: sqlite3.Connection, article: Article) -> None:
    """Index an article just inserted (inside add_articles' transaction)."""
    # An empty database's index is complete: it is from now on built by this analyser.
    conn.execute("UPDATE search_state SET value = ? WHERE key = 'analyser' AND value = ''",
                 (analyser_signature(),))
    _index_article(conn, article)


def reindex_layers(conn: sqlite3.Connection, article: Article) -> None:
    """Replace the quote documents and entity rows of a stored article (its text is immutable)."""
    stale = [r[0] for r in conn.execute("SELECT id FROM search_docs WHERE article_id = ? AND kind = ?",
                                        (article.id, QUOTE))]
    conn.executemany("DELETE FROM search_fts WHERE rowid = ?", [(i,) for i in stale])
    conn.executemany("DELETE FROM search_docs WHERE id = ?", [(i,) for i in stale])
    _insert_documents(conn, article.id, quote_documents(article))
    _replace_entities(conn, article)


def clear(conn: sqlite3.Connection) -> None:
    for table in ("search_fts", "search_docs", "search_entities"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM search_state WHERE key = 'analyser'")


def finish_rebuild(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT OR REPLACE INTO search_state (key, value) VALUES ('analyser', ?)", (analyser_signature(),))


def _index_article(conn: sqlite3.Connection, article: Article) -> None:
    _insert_documents(conn, article.id, search_documents(article))
    _replace_entities(conn, article)


def rebuild(tx: Callable, articles: Iterable[Article], progress: Callable[[int], None] | None) -> int:
    """Index every article anew, in batches of one transaction each; ``tx()`` opens one."""
    return search_sql.rebuild(tx, articles, progress, clear=clear, index=_index_article, finish=finish_rebuild)


# --- reading -------------------------------------------------------------------------------
def _where(filters: SearchFilters) -> tuple[str, list]:
    params: list = []
    return search_sql.filter_sql(filters, search_sql.SQLITE, params), params


def search(conn: sqlite3.Connection, query: ParsedQuery, filters: SearchFilters, limit: int,
           offset: int) -> SearchPage:
    where, params = _where(filters)
    base = ("FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid JOIN articles a ON a.id = d.article_id "
            f"WHERE search_fts MATCH ? AND {where}")
    match = fts5_match(query)
    # COUNT(*) OVER () gives the total in the same pass over the matches as the ranking
    # (outside the subquery: FTS5 refuses bm25() in a window query).
    rows = conn.execute(f"SELECT *, COUNT(*) OVER () AS total FROM (SELECT {DOC_COLUMNS}, a.rowid AS article_order "
                        f"{base}) ORDER BY score DESC, article_order, kind, start LIMIT ? OFFSET ?",
                        (match, *params, limit, offset)).fetchall()
    if not rows:  # no match, or a page past the end
        return SearchPage(conn.execute(f"SELECT COUNT(*) {base}", (match, *params)).fetchone()[0] if offset else 0)
    total = rows[0]["total"]
    ids = sorted({r["article_id"] for r in rows})
    articles = {r["id"]: r for r in conn.execute(
        f"SELECT id, title, source, published, text FROM articles WHERE id IN ({', '.join('?' * len(ids))})", ids)}
    page = SearchPage(total)
    for r in rows:
        a = articles[r["article_id"]]
        page.rows.append(SearchRow(r["kind"], r["article_id"], r["start"], r["end"], r["quote_index"], r["speaker"],
                                   r["speaker_entity"], r["score"], a["title"], a["source"], a["published"],
                                   a["text"]))
    return page


def facets(conn: sqlite3.Connection, query: ParsedQuery, filters: SearchFilters, top_entities: int) -> SearchFacets:
    where, params = _where(filters)
    hits = ("SELECT d.article_id, a.source, substr(a.published, 1, 7) AS month FROM search_fts "
            "JOIN search_docs d ON d.id = search_fts.rowid JOIN articles a ON a.id = d.article_id "
            f"WHERE search_fts MATCH ? AND {where}")
    bound = (fts5_match(query), *params)
    sources = [FacetCount(r[0], r[1]) for r in conn.execute(f"SELECT source, COUNT(*) FROM ({hits}) GROUP BY source",
                                                             bound)]
    months = [FacetCount(r[0], r[1]) for r in conn.execute(f"SELECT month, COUNT(*) FROM ({hits}) GROUP BY month",
                                                           bound)]
    entities = [FacetCount(*r) for r in conn.execute(
        f"SELECT e.entity_id, COUNT(*) AS n, ent.name, ent.type FROM ({hits}) h JOIN search_entities e "
        "ON e.article_id = h.article_id JOIN entities ent ON ent.id = e.entity_id "
        "GROUP BY e.entity_id ORDER BY n DESC, e.entity_id LIMIT ?", (*bound, top_entities))]
    return facets_in_order(sources, months, entities)


def analyser(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM search_state WHERE key = 'analyser'").fetchone()
    return None if row is None else row[0]
