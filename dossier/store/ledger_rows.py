"""Rows of the ``figures``, ``events`` and ``event_participants`` tables, derived from an
article's layers. Every store writes exactly these rows (with the article's layers, in the
same transaction), so the look-ups ``find_figures``/``find_events`` answer alike everywhere.

A figure's ``subject_entity`` column is the canonical entity the figure is about: the
layer's own ``subject_entity`` when it is one of the article's entities, else the article's
entity whose name or alias is the figure's ``subject`` (earlier figure layers kept an
article-local id there, and resolution rewrites the article's entities, not that id).
"""
from __future__ import annotations

import json
from typing import Any

from dossier.model import Article, Figure
from dossier.store import codec

FIGURE_COLUMNS = ("article_id", "idx", "figure_id", "start", "end", "kind", "value", "value_max", "unit",
                  "approx", "subject", "subject_entity", "attribute", "as_of", "source", "data",
                  "published")  # the article's, for an entity's latest figures (migration 8)
EVENT_COLUMNS = ("article_id", "idx", "event_id", "start", "end", "type", "time", "modality", "data")
PARTICIPANT_COLUMNS = ("article_id", "event_idx", "role", "entity", "name")


def _text(value: Any) -> str | None:
    """A column value as text: strings as they are, other JSON values as JSON text."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def subject_entity_of(figure: Figure, article: Article) -> str | None:
    """The canonical entity id a figure is about (see the module docstring)."""
    own = getattr(figure, "subject_entity", None)
    entity_ids = {e.id for e in article.entities}
    if own in entity_ids:
        return own
    if figure.subject:
        key = _name_key(figure.subject)
        for entity in article.entities:
            if key in {_name_key(n) for n in (entity.name, *entity.aliases)}:
                return entity.id
    return own


def figure_rows(article: Article) -> list[tuple]:
    rows = []
    for idx, fig in enumerate(article.figures):
        data = codec.dumps(codec.plain(fig), what=f"article {article.id}: figures")
        rows.append((article.id, idx, _text(getattr(fig, "id", None)), fig.start, fig.end, fig.kind,
                     _number(fig.value), _number(fig.value_max), _text(fig.unit), fig.approx,
                     _text(fig.subject), subject_entity_of(fig, article), _text(fig.attribute),
                     _text(fig.as_of), _text(fig.source), data, article.published))
    return rows


def event_rows(article: Article) -> list[tuple]:
    rows = []
    for idx, event in enumerate(article.events):
        data = codec.dumps(codec.layer_item_to_dict(event), what=f"article {article.id}: events")
        rows.append((article.id, idx, _text(getattr(event, "id", None)), event.start, event.end,
                     event.type or "", _text(event.time), _text(event.modality), data))
    return rows


def participant_rows(article: Article) -> list[tuple]:
    return [(article.id, idx, _text(p.role), _text(p.entity), _text(p.name))
            for idx, event in enumerate(article.events) for p in event.participants]


def entity_mention_rows(article: Article) -> list[tuple]:
    """(article, entity, mentions): the index behind `dossier entity NAME` (migration 5)."""
    counts: dict[str, int] = {}
    for m in article.mentions:
        if m.entity:
            counts[m.entity] = counts.get(m.entity, 0) + 1
    return [(article.id, entity, n, article.published) for entity, n in counts.items()]


def quote_speaker_rows(article: Article) -> list[tuple]:
    return [(article.id, idx, q.speaker_entity,
             codec.dumps(codec.layer_item_to_dict(q), what=f"article {article.id}: quotes"))
            for idx, q in enumerate(article.quotes) if q.speaker_entity]


def all_rows(article: Article) -> dict[str, list[tuple]]:
    """table name -> rows, for one article (encoded first: a bad value changes nothing)."""
    return {"figures": figure_rows(article), "events": event_rows(article),
            "event_participants": participant_rows(article),
            "entity_mentions": entity_mention_rows(article), "quote_speakers": quote_speaker_rows(article)}


def figure_result(row: dict[str, Any]) -> dict[str, Any]:
    """What ``find_figures`` returns for a row: the figure's fields, its ``index`` in the
    layer, and the canonical ``subject_entity`` of the table."""
    return {**json.loads(row["data"]), "index": row["idx"], "subject_entity": row["subject_entity"]}


def event_result(row: dict[str, Any]) -> dict[str, Any]:
    return {**json.loads(row["data"]), "index": row["idx"]}


def matches_figure(row: dict[str, Any], subject_entity: str | None, attribute: str | None,
                   as_of_prefix: str | None, article_id: str | None) -> bool:
    """The filter of ``find_figures``, for stores that filter rows in Python."""
    return ((subject_entity is None or row["subject_entity"] == subject_entity)
            and (attribute is None or row["attribute"] == attribute)
            and (as_of_prefix is None or row["as_of"] is not None and row["as_of"].startswith(as_of_prefix))
            and (article_id is None or row["article_id"] == article_id))


def as_dicts(columns: tuple[str, ...], rows: list[tuple]) -> list[dict[str, Any]]:
    return [dict(zip(columns, row)) for row in rows]



TABLE_COLUMNS = {"figures": FIGURE_COLUMNS, "events": EVENT_COLUMNS, "event_participants": PARTICIPANT_COLUMNS,
                 "entity_mentions": ("article_id", "entity", "mentions", "published"),
                 "quote_speakers": ("article_id", "idx", "speaker_entity", "data")}
# Parents before children when inserting (the reverse when deleting), for the foreign keys.
INSERT_ORDER = ("figures", "events", "event_participants", "entity_mentions", "quote_speakers")


def insert_sql(table: str, marker: str) -> str:
    """The INSERT statement of ``table`` with ``marker`` (``?`` or ``%s``) as placeholder."""
    columns = TABLE_COLUMNS[table]
    names = ", ".join('"end"' if c == "end" else c for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join([marker] * len(columns))})"


def figure_query(summary_columns: str, order: str, marker: str, prefix_sql: str, *, subject_entity: str | None,
                 attribute: str | None, as_of_prefix: str | None, article_id: str | None) -> tuple[str, list]:
    """The SELECT of ``find_figures`` and its parameters, for a SQL dialect: ``marker`` is its
    placeholder, ``prefix_sql`` its "first N characters of as_of equal" test with two placeholders
    (length, prefix), ``order`` the article column that keeps ingest order."""
    where, params = ["1 = 1"], []
    for column, value in (("f.subject_entity", subject_entity), ("f.attribute", attribute),
                          ("f.article_id", article_id)):
        if value is not None:
            where.append(f"{column} = {marker}")
            params.append(value)
    if as_of_prefix is not None:
        where.append(prefix_sql)
        params += [len(as_of_prefix), as_of_prefix]
    return (f"SELECT {summary_columns}, f.idx, f.subject_entity, f.data FROM figures f JOIN articles a "
            f"ON a.id = f.article_id WHERE {' AND '.join(where)} ORDER BY a.{order}, f.idx", params)


def event_query(summary_columns: str, order: str, marker: str, *, entity: str | None, event_type: str | None,
                article_id: str | None) -> tuple[str, list]:
    """The SELECT of ``find_events`` and its parameters (see :func:`figure_query`)."""
    where, params = ["1 = 1"], []
    if entity is not None:
        where.append("EXISTS (SELECT 1 FROM event_participants p WHERE p.article_id = e.article_id "
                     f"AND p.event_idx = e.idx AND p.entity = {marker})")
        params.append(entity)
    for column, value in (("e.type", event_type), ("e.article_id", article_id)):
        if value is not None:
            where.append(f"{column} = {marker}")
            params.append(value)
    return (f"SELECT {summary_columns}, e.idx, e.data FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE {' AND '.join(where)} ORDER BY a.{order}, e.idx", params)
