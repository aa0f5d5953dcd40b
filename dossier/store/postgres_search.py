"""The PostgreSQL side of full-text search: tsvector columns with GIN indexes.

The terms come from :mod:`dossier.search.analysis` (see migration 0004 for why not
from ``to_tsvector('german', …)``); they are written as tsvector literals and the
query as tsquery literals, every lexeme quoted, so no tsquery syntax can come from
a user and the server's parser and locale never split a word. Ranking is
``ts_rank_cd`` with length normalisation (1: divided by 1 + log(length)).
"""
from __future__ import annotations

from typing import Callable, Iterable

from dossier.model import Article
from dossier.search import FacetCount, SearchFacets, SearchFilters, SearchPage, SearchRow, facets_in_order
from dossier.search.analysis import analyser_signature
from dossier.search.documents import (
    QUOTE, SearchDocument, mentioned_entities, positions, quote_documents, search_documents,
)
from dossier.search.syntax import PREFIX, Item, ParsedQuery
from dossier.store import search_sql

# PostgreSQL keeps at most 256 positions of one lexeme in a tsvector.
MAX_POSITIONS_PER_LEXEME = 256
INSERT_DOC = ('INSERT INTO search_docs (article_id, kind, start, "end", quote_index, speaker, speaker_entity, '
              "speaker_key, stems, words) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s::tsvector, %s::tsvector)")
RANK_NORMALISATION = 1


def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(terms: list[str]) -> str:
    """``'term':1,5 'other':2`` for ``terms`` in order (positions from 1)."""
    return " ".join(f"{_lexeme(term)}:{','.join(map(str, at[:MAX_POSITIONS_PER_LEXEME]))}"
                    for term, at in positions(terms).items())


def _tsquery(item: Item) -> str:
    if item.kind == PREFIX:
        return f"{_lexeme(item.terms[0])}:*"
    return " <-> ".join(_lexeme(term) for term in item.terms)


def _column(item: Item) -> str:
    return "d.words" if item.kind == PREFIX else "d.stems"


def _condition(item: Item, params: list) -> str:
    params.append(_tsquery(item))
    return f"{_column(item)} @@ %s::tsquery"


def match_condition(query: ParsedQuery, params: list) -> str:
    """SQL for ``query`` over the two tsvector columns (an item is a condition on one of them)."""
    groups = ["(" + " OR ".join(_condition(i, params) for i in group) + ")" for group in query.groups]
    excluded = [f"NOT {_condition(i, params)}" for i in query.excluded]
    return " AND ".join(groups + excluded)


def rank_expression(query: ParsedQuery, params: list) -> str:
    """ts_rank_cd over each column for the positive items that search it, summed."""
    parts = []
    for column, items in (("d.stems", [i for i in query.positive_items if i.kind != PREFIX]),
                          ("d.words", [i for i in query.positive_items if i.kind == PREFIX])):
        if items:
            params.append(" | ".join(f"({_tsquery(i)})" for i in items))
            parts.append(f"ts_rank_cd({column}, %s::tsquery, {RANK_NORMALISATION})")
    return " + ".join(parts)


# --- writing -----------------------------------------------------------------------------
def _text(value: str | None) -> str | None:
    return None if value is None else value.replace("\x00", "\ufffd")  # TEXT refuses NUL


def _insert_documents(conn, article_id: str, documents: Iterable[SearchDocument]) -> None:
    rows = [(article_id, d.kind, d.start, d.end, d.quote_index, _text(d.speaker), _text(d.speaker_entity),
             d.speaker_key, tsvector_literal(d.stems), tsvector_literal(d.words)) for d in documents]
    if rows:
        with conn.cursor() as cursor:
            cursor.executemany(INSERT_DOC, rows)


def _replace_entities(conn, article: Article) -> None:
    conn.execute("DELETE FROM search_entities WHERE article_id = %s", (article.id,))
    entity_ids = [_text(e) for e in mentioned_entities(article)]
    if entity_ids:
        conn.execute("INSERT INTO search_entities (entity_id, article_id) SELECT e, %s FROM unnest(%s::text[]) e "
                     "ON CONFLICT DO NOTHING", (article.id, entity_ids))


def index_new_article(conn, article: Article) -> None:
    """Index an article just inserted (inside add_articles' transaction)."""
    conn.execute("UPDATE search_state SET value = %s WHERE key = 'analyser' AND value = ''", (analyser_signature(),))
    _index_article(conn, article)


def reindex_layers(conn, article: Article) -> None:
    """Replace the quote documents and entity rows of a stored article (its text is immutable)."""
    conn.execute("DELETE FROM search_docs WHERE article_id = %s AND kind = %s", (article.id, QUOTE))
    _insert_documents(conn, article.id, quote_documents(article))
    _replace_entities(conn, article)


def clear(conn) -> None:
    conn.execute("DELETE FROM search_docs")
    conn.execute("DELETE FROM search_entities")
    conn.execute("DELETE FROM search_state WHERE key = 'analyser'")


def finish_rebuild(conn) -> None:
    conn.execute("INSERT INTO search_state (key, value) VALUES ('analyser', %s) ON CONFLICT (key) "
                 "DO UPDATE SET value = excluded.value", (analyser_signature(),))


def _index_article(conn, article: Article) -> None:
    _insert_documents(conn, article.id, search_documents(article))
    _replace_entities(conn, article)


def rebuild(tx: Callable, articles: Iterable[Article], progress: Callable[[int], None] | None) -> int:
    """Index every article anew, 200 to a transaction; ``tx()`` opens one."""
    return search_sql.rebuild(tx, articles, progress, clear=clear, index=_index_article, finish=finish_rebuild)


# --- reading -------------------------------------------------------------------------------
def _filter_sql(filters: SearchFilters, params: list) -> str:
    first = len(params)
    sql = search_sql.filter_sql(filters, search_sql.POSTGRES, params)
    # TEXT cannot hold NUL: a filter value with one is compared as its stored close copy (U+FFFD).
    params[first:] = [v.replace("\x00", "\ufffd") if isinstance(v, str) else v for v in params[first:]]
    return sql


def search(conn, query: ParsedQuery, filters: SearchFilters, limit: int, offset: int) -> SearchPage:
    where_params: list = []
    where = f"{match_condition(query, where_params)} AND {_filter_sql(filters, where_params)}"
    base = f"FROM search_docs d JOIN articles a ON a.id = d.article_id WHERE {where}"
    rank_params: list = []
    rank = rank_expression(query, rank_params)
    # COUNT(*) OVER () gives the total in the same pass over the matches as the ranking.
    rows = conn.execute(
        f'SELECT d.kind, d.article_id, d.start, d."end", d.quote_index, d.speaker, d.speaker_entity, '
        f"{rank} AS score, COUNT(*) OVER () AS total {base} ORDER BY score DESC, a.seq, d.kind, d.start "
        "LIMIT %s OFFSET %s", [*rank_params, *where_params, limit, offset]).fetchall()
    if not rows:  # no match, or a page past the end
        return SearchPage(conn.execute(f"SELECT COUNT(*) AS n {base}", where_params).fetchone()["n"] if offset else 0)
    total = rows[0]["total"]
    # The texts only of this page's articles (not carried through the sort of every match).
    articles = {a["id"]: a for a in conn.execute("SELECT id, title, source, published, text FROM articles "
                                                 "WHERE id = ANY(%s)", (list({r["article_id"] for r in rows}),))}
    return SearchPage(total, [SearchRow(r["kind"], r["article_id"], r["start"], r["end"], r["quote_index"],
                                        r["speaker"], r["speaker_entity"], float(r["score"]),
                                        *(articles[r["article_id"]][c] for c in ("title", "source", "published",
                                                                                 "text"))) for r in rows])


def facets(conn, query: ParsedQuery, filters: SearchFilters, top_entities: int) -> SearchFacets:
    params: list = []
    where = f"{match_condition(query, params)} AND {_filter_sql(filters, params)}"
    hits = ("SELECT d.article_id, a.source, left(a.published, 7) AS month FROM search_docs d "
            f"JOIN articles a ON a.id = d.article_id WHERE {where}")
    sources = [FacetCount(r["source"], r["n"]) for r in conn.execute(
        f"SELECT source, COUNT(*) AS n FROM ({hits}) h GROUP BY source", params)]
    months = [FacetCount(r["month"], r["n"]) for r in conn.execute(
        f"SELECT month, COUNT(*) AS n FROM ({hits}) h GROUP BY month", params)]
    entities = [FacetCount(r["entity_id"], r["n"], r["name"], r["type"]) for r in conn.execute(
        f"SELECT e.entity_id, COUNT(*) AS n, ent.name, ent.type FROM ({hits}) h JOIN search_entities e "
        "ON e.article_id = h.article_id JOIN entities ent ON ent.id = e.entity_id "
        'GROUP BY e.entity_id, ent.name, ent.type ORDER BY n DESC, e.entity_id COLLATE "C" LIMIT %s',
        [*params, top_entities])]
    return facets_in_order(sources, months, entities)


def analyser(conn) -> str | None:
    row = conn.execute("SELECT value FROM search_state WHERE key = 'analyser'").fetchone()
    return None if row is None else row["value"]


class SearchMethods:
    """The Store's search methods for PostgresStore (which provides _live, _failed, _errors,
    location, _tx and iter_articles); kept here so postgres.py stays about storage."""

    def search(self, query: ParsedQuery, filters: SearchFilters, limit: int, offset: int) -> SearchPage:
        try:
            return search(self._live(), query, filters, limit, offset)
        except self._errors as exc:
            raise self._failed("search failed", exc) from exc

    def search_facets(self, query: ParsedQuery, filters: SearchFilters, top_entities: int) -> SearchFacets:
        try:
            return facets(self._live(), query, filters, top_entities)
        except self._errors as exc:
            raise self._failed("search failed", exc) from exc

    def search_index_analyser(self) -> str | None:
        return analyser(self._conn)

    def rebuild_search_index(self, progress: Callable[[int], None] | None = None) -> int:
        return rebuild(self._tx, self.iter_articles(), progress)
