"""Articles for the API and the web UI: filtered lists, one article with every layer, corpus counts.
All read through the store's interface (indexed look-ups where the store has them).

    list_articles(store, source=, since=, until=, entity=, language=) -> list[dict]
    with_display_titles(store, rows, id_key="id")   untitled rows get the first words of their text
    article_detail(store, article_id) -> dict | None
    corpus_counts(store) -> dict
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from dossier.errors import ConfigError, StoreError
from dossier.export import article_record
from dossier.query.pages import in_date_range
from dossier.store.base import ArticleSummary, Store

TITLE_FALLBACK_CHARS = 90
COUNTED_LAYERS = ("quotes", "times", "figures", "events")


def display_title(title: str | None, text_start: str = "") -> str:
    """The title, or the first words of the text for articles that came without one."""
    if title and title.strip():
        return " ".join(title.split())
    words = " ".join(text_start[:400].split())
    return words if len(words) <= TITLE_FALLBACK_CHARS else words[:TITLE_FALLBACK_CHARS].rsplit(" ", 1)[0] + " …"


def summary_record(summary: ArticleSummary) -> dict[str, Any]:
    return {"id": summary.id, "title": summary.title, "published": summary.published, "source": summary.source,
            "language": summary.language, "duplicate_of": summary.duplicate_of, "chars": summary.chars}


def list_articles(store: Store, *, source: str | None = None, since: str | None = None,
                  until: str | None = None, entity: str | None = None,
                  language: str | None = None) -> list[dict[str, Any]]:
    """Stored articles in ingest order; ``entity`` is an entity id the article mentions."""
    summaries = [s for s, _ in store.entity_articles(entity)] if entity else store.list_articles()
    return [summary_record(s) for s in summaries
            if (not source or s.source == source) and (not language or s.language == language)
            and in_date_range(s.published, since, until)]


def with_display_titles(store: Store, rows: list[dict[str, Any]], id_key: str = "id",
                        title_key: str = "title", openings: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Set ``display_title`` on each row (meant for one page of rows: an untitled article's text is
    read, once per article; pass ``openings`` to share those reads between calls)."""
    openings = {} if openings is None else openings
    for row in rows:
        article_id = row[id_key]
        if not (row.get(title_key) or "").strip() and article_id not in openings:
            article = store.get_article(article_id)
            openings[article_id] = article.text[:400] if article else ""
        row["display_title"] = display_title(row.get(title_key), openings.get(article_id, ""))
    return rows


def article_detail(store: Store, article_id: str) -> dict[str, Any] | None:
    """The export record of one article (every layer, the removed spans with their text), with
    the names of the entities its mentions and quotes point to."""
    article = store.get_article(article_id)
    if article is None:
        return None
    ids = {m.entity for m in article.mentions if m.entity} | {q.speaker_entity for q in article.quotes
                                                               if q.speaker_entity}
    canonical = {e.id: e for e in store.get_entities_by_id(sorted(ids))}
    record = article_record(article, canonical=canonical)
    names = {e["id"]: e["name"] for e in record["entities"]}
    record["display_title"] = display_title(article.title, article.text)
    for mention in record["mentions"]:
        mention["entity_name"] = names.get(mention.get("entity"))
    for quote in record["quotes"]:
        quote["speaker_name"] = names.get(quote.get("speaker_entity")) or quote.get("speaker")
    return record


def corpus_counts(store: Store) -> dict[str, Any]:
    """What the database holds: articles, entities by type, annotations per layer, sources, dates."""
    summaries = store.list_articles()
    counts = store.entity_counts()
    live = store.get_entities_by_id(sorted(counts))
    dates = sorted(s.published[:10] for s in summaries if s.published)
    layers = {"mentions": sum(mentions for mentions, _ in counts.values())}
    for layer in COUNTED_LAYERS:
        try:
            layers[layer] = sum(1 for _ in store.iter_layer(layer))
        except (ConfigError, StoreError):
            layers[layer] = 0  # a layer this store does not hold yet
    return {
        "articles": len(summaries),
        "duplicates": sum(1 for s in summaries if s.duplicate_of),
        "entities": len(live),
        "entities_by_type": dict(sorted(Counter(e.type for e in live).items())),
        "layers": layers,
        "sources": dict(Counter(s.source or "" for s in summaries).most_common()),
        "languages": dict(Counter(s.language or "" for s in summaries).most_common()),
        "first_published": dates[0] if dates else None,
        "last_published": dates[-1] if dates else None,
    }
