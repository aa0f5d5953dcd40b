"""Cleaning: raw reader output → :class:`~dossier.model.Article`.

The cleaner only ever *deletes* raw characters (boilerplate lines, metadata
lines, surplus whitespace); it never inserts or changes one. So the clean text
is a concatenation of verbatim runs of the raw text, described exactly by the
article's :class:`~dossier.model.OffsetMap`, and every fact found later can be
shown in the original file.

    clean_document(doc: RawDocument) -> Article

What is dropped lands in ``article.removed`` (raw offsets and a reason such as
``metadata:published``, ``title``, ``teaser``, ``syndication``, ``author_bio``,
``byline``, ``duplicate_paragraph``, ``embed`` for an embedded tweet or
Instagram/Facebook post); what it carried becomes metadata.
Sub-headings glued to the next sentence are recovered as ``article.headings``;
cut-off sentences and repeated passages are reported in ``article.flags``.
All German patterns live in ``dossier/resources/de/boilerplate*.json``.
"""
from __future__ import annotations

from typing import Any

from dossier.clean.duplicates import exact_duplicate_paragraphs, repeated_sentence_runs
from dossier.clean.headings import find_headings
from dossier.clean.quality import truncated_sentences
from dossier.clean.scan import scan_boilerplate
from dossier.clean.text_build import CleanText, build_clean_text, clean_position
from dossier.model import Article, RawDocument, Removed, article_id, content_hash

__all__ = ["clean_document"]

# Container fields that map onto Article attributes; everything else goes to extra.
_ARTICLE_FIELDS = ("title", "published", "source", "url", "authors", "syndicated_from", "language")


def _as_authors(value: Any) -> list[str]:
    if isinstance(value, str):
        return [name.strip() for name in value.replace(";", ",").split(",") if name.strip()]
    return [str(name).strip() for name in value or [] if str(name).strip()]


def _merge_metadata(article: Article, container: dict[str, Any], recovered: dict[str, Any]) -> None:
    """Container metadata (feed item, CSV column, <meta>) wins over what the
    text itself says, because readers take it from explicit fields."""
    for name in _ARTICLE_FIELDS:
        given = container.get(name)
        value = given if given not in (None, "", []) else recovered.get(name)
        if name == "authors":
            value = _as_authors(value)
        if value not in (None, ""):
            setattr(article, name, value)
    if article.published is None and recovered.get("updated"):
        article.published = recovered["updated"]
    for name, value in recovered.items():
        if name not in _ARTICLE_FIELDS:
            article.extra[name] = value  # "updated", "signature" (an editor's code)
    for name, value in container.items():
        if name not in _ARTICLE_FIELDS:
            article.extra[name] = value


def _drop_exact_duplicates(raw: str, removed: list[Removed]) -> tuple[CleanText, list[dict]]:
    """Build the clean text; remove second copies of whole paragraphs (adding
    them to ``removed``) and flag each at the clean position where it was."""
    built = build_clean_text(raw, [(r.start, r.end) for r in removed])
    duplicates = exact_duplicate_paragraphs(built.text)
    if not duplicates:
        return built, []
    for start, end, _first_start, _first_end in duplicates:
        raw_start, raw_end = built.offset_map.raw_span(start, end)
        removed.append(Removed(raw_start, raw_end, "duplicate_paragraph", raw[raw_start:raw_end]))
    removed.sort(key=lambda r: r.start)
    rebuilt = build_clean_text(raw, [(r.start, r.end) for r in removed])
    flags = []
    for start, end, first_start, first_end in duplicates:
        raw_start = built.offset_map.to_raw(start)
        position = clean_position(rebuilt.offset_map, raw_start)
        first = clean_position(rebuilt.offset_map, built.offset_map.to_raw(first_start))
        flags.append({"type": "duplicate_paragraph", "start": position, "end": position,
                      "first_start": first, "first_end": first + first_end - first_start,
                      "removed": True})
    return rebuilt, flags


def clean_document(doc: RawDocument) -> Article:
    """Turn a reader's raw text into an Article with clean text and offset map."""
    raw = doc.raw_text
    recovered = scan_boilerplate(raw, structured=doc.structured, known=doc.metadata)
    removed = list(recovered.removed)
    built, flags = _drop_exact_duplicates(raw, removed)
    article = Article(id=article_id(raw), raw_text=raw, text=built.text,
                      offset_map=built.offset_map, origin=doc.origin, encoding=doc.encoding,
                      removed=removed)
    article.extra["content_hash"] = content_hash(raw)
    _merge_metadata(article, doc.metadata, recovered.fields)
    article.headings = find_headings(article.text)
    signed_ends = frozenset(clean_position(article.offset_map, r.start)
                            for r in removed if r.reason == "metadata:signature")
    flags.extend(truncated_sentences(article.text, article.headings, signed_ends))
    flags.extend(repeated_sentence_runs(article.text))
    article.flags = sorted(flags, key=lambda flag: (flag["start"], flag["type"]))
    return article
