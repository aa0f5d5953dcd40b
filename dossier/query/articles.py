"""Articles: filtered lists, one article with every layer, corpus counts.

    list_articles(index, source=, since=, until=, entity=, language=) -> list[dict]
    article_detail(store, index, article_id) -> dict | None
    corpus_counts(index) -> dict
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from dossier.export import article_record
from dossier.query.index import LAYERS, CorpusIndex
from dossier.query.pages import in_date_range
from dossier.store.base import ArticleSummary, Store

TITLE_FALLBACK_CHARS = 90


def display_title(title: str | None, text_start: str = "") -> str:
    """The title, or the first words of the text for articles that came without one."""
    if title and title.strip():
        return " ".join(title.split())
    words = " ".join(text_start.split())
    return words if len(words) <= TITLE_FALLBACK_CHARS else words[:TITLE_FALLBACK_CHARS].rsplit(" ", 1)[0] + " …"


def summary_record(summary: ArticleSummary, index: CorpusIndex | None = None) -> dict[str, Any]:
    record = {"id": summary.id, "title": summary.title, "published": summary.published,
              "source": summary.source, "language": summary.language, "duplicate_of": summary.duplicate_of,
              "chars": summary.chars}
    if index is not None:
        record["display_title"] = display_title(summary.title, index.openings.get(summary.id, ""))
    return record


def list_articles(index: CorpusIndex, *, source: str | None = None, since: str | None = None,
                  until: str | None = None, entity: str | None = None,
                  language: str | None = None) -> list[dict[str, Any]]:
    """Stored articles in ingest order; ``entity`` is an entity id the article mentions."""
    wanted = set(index.entity_articles.get(entity, {})) if entity else None
    rows = []
    for summary in index.summaries.values():
        if source and summary.source != source:
            continue
        if language and summary.language != language:
            continue
        if wanted is not None and summary.id not in wanted:
            continue
        if in_date_range(summary.published, since, until):
            rows.append(summary_record(summary, index))
    return rows


def article_detail(store: Store, index: CorpusIndex, article_id: str) -> dict[str, Any] | None:
    """The export record of one article (every layer, the removed spans with their text),
    with the names of the entities its mentions and quotes point to."""
    article = store.get_article(article_id)
    if article is None:
        return None
    record = article_record(article, canonical=index.entities)
    record["display_title"] = display_title(article.title, article.text[:200])
    for mention in record["mentions"]:
        mention["entity_name"] = index.entity_name(mention.get("entity"))
    for quote in record["quotes"]:
        quote["speaker_name"] = index.entity_name(quote.get("speaker_entity")) or quote.get("speaker")
    return record


def corpus_counts(index: CorpusIndex) -> dict[str, Any]:
    """What the database holds: articles, entities by type, annotations per layer, sources, dates."""
    dates = sorted(s.published[:10] for s in index.summaries.values() if s.published)
    live = [e for e in index.entities.values() if e.id in index.entity_articles]
    return {
        "articles": len(index.summaries),
        "duplicates": sum(1 for s in index.summaries.values() if s.duplicate_of),
        "entities": len(live),
        "entities_by_type": dict(sorted(Counter(e.type for e in live).items())),
        "layers": {name: len(index.layer(name)) for name in LAYERS},
        "sources": dict(Counter(s.source or "" for s in index.summaries.values()).most_common()),
        "languages": dict(Counter(s.language or "" for s in index.summaries.values()).most_common()),
        "first_published": dates[0] if dates else None,
        "last_published": dates[-1] if dates else None,
    }
