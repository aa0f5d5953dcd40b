"""Export contract: JSONL lines per DESIGN.md and the JSON Schema, CSV, Parquet, entities."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, fields

import pytest
from jsonschema import Draft202012Validator

from conftest import shared_path
from dossier import model
from dossier.errors import ConfigError
from dossier.export import (
    CONTRACT_FIELDS, ENTITY_SCHEMA_VERSION, article_record, entity_records, export_articles, export_entities,
    load_schema,
)
from dossier.model import Entity, Mention
from dossier.store import MemoryStore, SQLiteStore
from store.samples import bare_article, every_span, rich_article

# The contract table of DESIGN.md, kept here too so the test runs without ../shared:
# top-level field -> the keys of its items (nested lists as "field.sub").
CONTRACT = {
    "id": [], "source": [], "url": [], "title": [], "authors": [], "published": [],
    "syndicated_from": [], "language": [], "text": [], "duplicate_of": [],
    "removed": ["start", "end", "reason"],
    "mentions": ["start", "end", "text", "label", "entity"],
    "entities": ["id", "name", "type", "aliases"],
    "quotes": ["start", "end", "text", "kind", "speaker", "speaker_entity", "cue"],
    "times": ["start", "end", "text", "type", "value"],
    "figures": ["start", "end", "text", "kind", "value", "unit", "subject", "attribute"],
    "events": ["start", "end", "type", "participants", "time", "figures", "modality"],
    "events.participants": ["role", "entity", "name"],
}


@pytest.fixture(params=["memory", "sqlite"])
def filled(request, tmp_path):
    store = MemoryStore() if request.param == "memory" else SQLiteStore(str(tmp_path / "export.db"))
    store.add_articles([rich_article(), bare_article()])
    store.upsert_entities([Entity("org:deutsche-bahn", "Deutsche Bahn AG", "ORG", ["DB", "Bahn"], "Q9322")])
    yield store
    store.close()


def jsonl_lines(store) -> list[dict]:
    out = io.StringIO()
    assert export_articles(store, out, "jsonl") == store.count_articles()
    return [json.loads(line) for line in out.getvalue().splitlines()]


def _properties(schema: dict, field: str) -> dict:
    top, *rest = field.split(".")
    node = schema["properties"][top]
    for part in rest:
        node = node["items"]["properties"][part]
    items = node.get("items", {})
    if "$ref" in items:
        items = schema["$defs"][items["$ref"].rsplit("/", 1)[1]]
    return items.get("properties", {})


# --- JSONL ---------------------------------------------------------------------------
def test_jsonl_lines_of_a_rich_and_a_bare_article_validate(filled):
    validator = Draft202012Validator(load_schema())
    lines = jsonl_lines(filled)
    assert len(lines) == 2
    for line in lines:
        errors = [e.message for e in validator.iter_errors(line)]
        assert errors == []
    rich, bare = lines
    assert all(rich[layer] for layer in ("removed", "mentions", "entities", "quotes", "times", "figures",
                                         "events"))
    assert bare["mentions"] == [] and bare["published"] is None


def test_the_schema_rejects_a_line_that_breaks_the_contract(filled):
    validator = Draft202012Validator(load_schema())
    line = jsonl_lines(filled)[0]
    broken = {**line, "quotes": [{**line["quotes"][0], "kind": "gerüchteweise"}]}
    assert not validator.is_valid(broken)
    assert not validator.is_valid({k: v for k, v in line.items() if k != "speaker"} | {"mentions": None})
    assert validator.is_valid({**line, "a_new_field": 1})  # adding fields is allowed


def test_contract_fields_come_first_and_in_order(filled):
    line = jsonl_lines(filled)[0]
    assert tuple(line)[:len(CONTRACT_FIELDS)] == CONTRACT_FIELDS
    assert {"headings", "flags", "origin", "encoding", "content_hash"} <= set(line)


def test_jsonl_carries_every_layer_exactly(filled):
    article = rich_article()
    line = jsonl_lines(filled)[0]
    assert line["text"] == article.text and line["id"] == article.id
    assert line["quotes"] == [asdict(q) for q in article.quotes]
    contract = [{k: p[k] for k in ("role", "entity", "name")} for p in line["events"][0]["participants"]]
    assert contract == [{"role": "agent", "entity": "org:deutsche-bahn", "name": "Deutsche Bahn"}]
    assert line["figures"][0]["value"] == 3_500_000_000 and line["figures"][0]["unit"] == "EUR"
    assert line["removed"][0] == {"start": 0, "end": 24, "reason": "metadata line",
                                  "text": "date 2023-11 28.11.2023\n"}
    for layer in ("mentions", "quotes", "times", "figures", "headings"):
        for span in line[layer]:
            assert line["text"][span["start"]:span["end"]] == span["text"]


def test_article_entities_are_the_canonical_ones_its_layers_point_to(filled):
    line = jsonl_lines(filled)[0]
    by_id = {e["id"]: e for e in line["entities"]}
    # from the store's entity table (canonical), overriding the article's own entry
    assert by_id["org:deutsche-bahn"] == {"id": "org:deutsche-bahn", "name": "Deutsche Bahn AG", "type": "ORG",
                                          "aliases": ["DB", "Bahn"], "roles": [], "external_id": "Q9322"}
    # not in the table: the article's own entity list
    assert by_id["per:richard-lutz"]["roles"] == [{"role": "Bahnchef", "org": "org:deutsche-bahn"}]
    assert "external_id" not in by_id["per:richard-lutz"]
    referenced = {m["entity"] for m in line["mentions"] if m["entity"]}
    assert set(by_id) == referenced and len(line["entities"]) == len(by_id)


def test_an_id_known_nowhere_still_resolves_from_its_mention():
    article = bare_article("Die Stadtwerke Ulm melden Gewinn.")
    article.mentions = [Mention(4, 20, "Stadtwerke Ulm", label="ORG", entity="org:swu")]
    assert article_record(article)["entities"] == [
        {"id": "org:swu", "name": "Stadtwerke Ulm", "type": "ORG", "aliases": [], "roles": []}]


def test_include_raw_adds_the_raw_text_and_offset_map():
    store = MemoryStore()
    store.add_articles([rich_article()])
    out = io.StringIO()
    export_articles(store, out, "jsonl", include_raw=True)
    line = json.loads(out.getvalue())
    assert Draft202012Validator(load_schema()).is_valid(line)
    runs = line["offset_map"]
    clean_start, raw_start, length = runs[0]
    assert line["raw_text"][raw_start:raw_start + length] == line["text"][clean_start:clean_start + length]
    removed = line["removed"][0]
    assert line["raw_text"][removed["start"]:removed["end"]] == removed["text"]


# --- targets and formats ------------------------------------------------------------------
def test_writes_to_a_path_a_text_stream_and_a_binary_stream(filled, tmp_path):
    path = tmp_path / "out.jsonl"
    export_articles(filled, str(path), "jsonl")
    binary = io.BytesIO()
    export_articles(filled, binary, "jsonl")
    assert path.read_text(encoding="utf-8") == binary.getvalue().decode("utf-8")
    assert "„Wir bauen so viel wie nie“" in path.read_text(encoding="utf-8")  # UTF-8, not \\u escapes


def test_unknown_format_and_parquet_to_a_plain_text_stream_are_config_errors(filled):
    with pytest.raises(ConfigError, match="unknown export format"):
        export_articles(filled, io.StringIO(), "xml")
    with pytest.raises(ConfigError, match="binary"):
        export_articles(filled, io.StringIO(), "parquet")


def test_csv_has_one_row_per_article_with_json_lists(filled):
    out = io.StringIO()
    assert export_articles(filled, out, "csv") == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    lines = jsonl_lines(filled)
    assert len(rows) == 2 and list(rows[0])[:len(CONTRACT_FIELDS)] == list(CONTRACT_FIELDS)
    assert json.loads(rows[0]["quotes"]) == lines[0]["quotes"]
    assert json.loads(rows[0]["authors"]) == ["Anna Beispiel", "Jens Muster"]
    assert rows[0]["text"] == lines[0]["text"] and rows[1]["published"] == ""


def test_parquet_has_nested_columns_equal_to_the_jsonl(filled, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "out.parquet"
    assert export_articles(filled, path, "parquet") == 2
    table = pq.read_table(path)
    rows = table.to_pylist()
    lines = jsonl_lines(filled)
    for layer in ("mentions", "quotes", "times", "figures", "events", "removed", "headings"):
        assert rows[0][layer] == lines[0][layer], layer
    assert json.loads(rows[0]["extra"]) == lines[0]["extra"]
    assert rows[1]["mentions"] == [] and rows[1]["published"] is None
    assert str(table.schema.field("figures").type.value_type.field("value").type) == "double"


# --- entities -----------------------------------------------------------------------------
def _entity_store():
    store = MemoryStore()
    first = rich_article()
    later = bare_article("Richard Lutz sprach erneut.")
    later.published = "2024-02-01T09:00:00+01:00"
    later.mentions = [Mention(0, 12, "Richard Lutz", label="PER", entity="per:richard-lutz")]
    copy_ = bare_article("Lutz, kopiert.")
    copy_.published, copy_.duplicate_of = "2025-01-01", first.id
    copy_.mentions = [Mention(0, 4, "Lutz", label="PER", entity="per:richard-lutz")]
    store.add_articles([first, later, copy_])
    store.upsert_entities([Entity("per:richard-lutz", "Richard Lutz", "PER", ["Lutz"]),
                           Entity("per:niemand", "Nie Erwähnt", "PER")])
    return store


def test_entity_export_counts_mentions_and_dates():
    records = {r["id"]: r for r in entity_records(_entity_store())}
    lutz = records["per:richard-lutz"]
    assert (lutz["mentions"], lutz["articles"]) == (2, 2)  # the duplicate is not counted
    assert (lutz["first_seen"], lutz["last_seen"]) == ("2023-11-28", "2024-02-01")
    assert records["per:niemand"]["mentions"] == 0 and records["per:niemand"]["first_seen"] is None
    # not in the entity table: taken from the article's own list
    assert records["org:deutsche-bahn"]["aliases"] == ["Bahn", "DB"]
    assert records["org:deutsche-bahn"]["mentions"] == 2
    assert records["loc:berlin"]["type"] == "LOC"


def test_entity_export_formats_validate(tmp_path):
    store = _entity_store()
    out = io.StringIO()
    count = export_entities(store, out, "jsonl")
    validator = Draft202012Validator(load_schema("entity"))
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(lines) == 4 and all(validator.is_valid(line) for line in lines)
    assert {line["schema_version"] for line in lines} == {ENTITY_SCHEMA_VERSION}
    assert ENTITY_SCHEMA_VERSION in load_schema("entity")["properties"]["schema_version"]["description"]
    assert not validator.is_valid({k: v for k, v in lines[0].items() if k != "schema_version"})
    csv_out = io.StringIO()
    export_entities(store, csv_out, "csv")
    rows = list(csv.DictReader(io.StringIO(csv_out.getvalue())))
    assert [json.loads(r["aliases"]) for r in rows] == [line["aliases"] for line in lines]
    assert {r["schema_version"] for r in rows} == {ENTITY_SCHEMA_VERSION}
    pq = pytest.importorskip("pyarrow.parquet")
    export_entities(store, tmp_path / "e.parquet", "parquet")
    assert pq.read_table(tmp_path / "e.parquet").column("mentions").to_pylist() == [l["mentions"] for l in lines]


# --- the schema documents the contract ------------------------------------------------------
def test_schema_lists_every_contract_field_of_the_test_list():
    schema = load_schema()
    assert set(schema["required"]) == set(CONTRACT_FIELDS) == {k for k in CONTRACT if "." not in k}
    for field, keys in CONTRACT.items():
        properties = _properties(schema, field) if keys else {}
        assert set(keys) <= set(properties), field


def _design_table_fields(design: str) -> dict[str, set[str]]:
    """Top-level field -> every key named in its ``{…}`` description, from the DESIGN.md table."""
    section = design.split("JSONL export contract", 1)[1]
    table: dict[str, set[str]] = {}
    for row in re.findall(r"^\|(.+?)\|(.+?)\|\s*$", section, flags=re.M):
        names = [n.replace("[]", "").strip() for n in re.findall(r"`([^`]+)`", row[0])]
        shapes = re.findall(r"`(\{[^`]+\})`", row[1])
        keys = set(re.findall(r"[a-z_]+", " ".join(shapes)))
        for name in names:
            if re.fullmatch(r"[a-z_]+", name):
                table[name] = keys
    return table


def test_schema_lists_every_field_of_the_design_table():
    design = shared_path("DESIGN.md").read_text(encoding="utf-8")
    table = _design_table_fields(design)
    assert {"id", "mentions", "events", "removed"} <= set(table)
    schema = load_schema()
    for field, keys in table.items():
        assert field in schema["properties"], field
        nested = set(_properties(schema, field))
        if field == "events":
            nested |= set(_properties(schema, "events.participants"))
        assert keys <= nested, (field, keys - nested)


def test_schema_enums_match_the_model():
    schema = load_schema()
    assert _properties(schema, "mentions")["label"]["enum"] == list(model.LABELS)
    assert _properties(schema, "quotes")["kind"]["enum"] == list(model.QUOTE_KINDS)
    assert _properties(schema, "times")["type"]["enum"] == list(model.TIMEX_TYPES)
    assert _properties(schema, "figures")["kind"]["enum"] == list(model.FIGURE_KINDS)
    assert _properties(schema, "events")["modality"]["enum"] == list(model.MODALITIES)


def test_schema_documents_every_model_field_and_every_property_has_a_description():
    schema = load_schema()
    layer_classes = {"mentions": model.Mention, "quotes": model.Quote, "times": model.TimeExpr,
                     "figures": model.Figure, "events": model.Event, "removed": model.Removed,
                     "headings": model.Heading, "events.participants": model.Participant}
    for field, cls in layer_classes.items():
        missing = {f.name for f in fields(cls)} - set(_properties(schema, field))
        assert not missing, (field, missing)

    def walk(node, where):
        for name, prop in node.get("properties", {}).items():
            # a $ref inherits the description of its $defs entry (checked below)
            assert prop.get("description") or "$ref" in prop, f"{where}.{name} has no description"
            walk(prop, f"{where}.{name}")
            walk(prop.get("items", {}), f"{where}.{name}[]")
    walk(schema, "article")
    for name, definition in schema["$defs"].items():
        assert definition.get("description"), name
        walk(definition, name)
    walk(load_schema("entity"), "entity")


def test_every_span_of_the_sample_is_exact():
    article = rich_article()
    for span in every_span(article):
        assert article.text[span.start:span.end] == span.text


def test_jsonl_is_strict_json_even_with_a_nan_figure():
    store = MemoryStore()
    article = rich_article()
    article.figures[1].value = float("nan")
    store.add_articles([article])
    out = io.StringIO()
    export_articles(store, out, "jsonl")
    line = json.loads(out.getvalue(), parse_constant=lambda name: pytest.fail(f"{name} in JSONL"))
    assert line["figures"][1]["value"] is None and line["figures"][0]["value"] == 3_500_000_000
