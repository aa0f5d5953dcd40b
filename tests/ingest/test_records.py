"""JSONL and CSV/TSV readers: field mapping, defaults, per-record errors."""
from __future__ import annotations

from dossier.errors import InputError, MalformedRecord
from tests.conftest import TEST_DATA, shared_path
from tests.ingest.helpers import read_all

DATA = TEST_DATA / "ingest"


def test_jsonl_defaults_and_bad_line_costs_only_itself():
    docs, errors = read_all([DATA / "artikel.jsonl"])
    assert [d.origin.rsplit(":", 1)[1] for d in docs] == ["line 1", "line 2", "line 4"]
    first, second, fourth = docs
    assert first.raw_text.startswith("Der Hafen von Nordstadt")
    assert first.metadata == {
        "title": "Hafen erweitert Containerterminal", "published": "2024-05-02",
        "url": "https://example.de/hafen", "source": "Nordstadt Kurier",
        "authors": ["Jonas Weber"], "id": "a1"}
    assert second.metadata["authors"] == ["Lea Kurz", "Tim Roth"]
    assert second.metadata["published"] == "2024-05-03T08:15:00+02:00"
    assert fourth.metadata["label"] == "Inland" and fourth.structured is False
    [error] = errors
    assert isinstance(error, MalformedRecord)
    assert error.location == f"{DATA / 'artikel.jsonl'}:line 3"
    assert "not valid JSON" in error.message


def test_jsonl_field_map_with_nested_path(tmp_path):
    path = tmp_path / "dump.ndjson"
    path.write_text(
        '{"meta": {"headline": "Wahl in Hessen"}, "fliesstext": "Die Wahl endete knapp.", "ressort": "Politik"}\n'
        '\n'
        '[1, 2]\n'
        '{"meta": {}, "fliesstext": ""}\n', encoding="utf-8")
    docs, errors = read_all([path], field_map={"text": "fliesstext", "title": "meta.headline",
                                               "label": "ressort"})
    [doc] = docs
    assert doc.raw_text == "Die Wahl endete knapp."
    assert doc.metadata == {"title": "Wahl in Hessen", "label": "Politik"}
    assert [e.location.rsplit(":", 1)[1] for e in errors] == ["line 3", "line 4"]
    assert "expected a JSON object" in errors[0].message
    assert "empty" in errors[1].message


def test_jsonl_missing_text_field_names_what_was_looked_for(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"titel": "Nur ein Titel"}\n', encoding="utf-8")
    _, [error] = read_all([path])
    assert isinstance(error, MalformedRecord) and "no text field" in error.message


def test_csv_with_header_and_multiline_cell():
    docs, errors = read_all([DATA / "artikel.csv"])
    assert errors == []
    assert [d.origin.rsplit(":", 1)[1] for d in docs] == ["row 2", "row 3"]
    assert docs[0].metadata == {"title": "Neue Brücke eröffnet", "published": "2024-04-10",
                                "authors": ["Eva Lang"]}
    assert docs[1].raw_text == "Die Grundschule am Markt wird ab Juli saniert.\nDer Unterricht findet in Containern statt."


def test_headerless_semicolon_single_quoted_label_and_text(tmp_path):
    path = tmp_path / "gnad.csv"
    path.write_text(
        "Sport;'Der Verein gewann am Samstag mit 3:1; die Fans feierten \"bis spät\".'\n"
        "Kultur;'Das Theater zeigt ein neues Stück. Die Premiere ist im März.'\n"
        "Inland;'Der Nationalrat beschließt das Budget; die Opposition spricht von ''Chaos''.'\n",
        encoding="utf-8")
    docs, errors = read_all([path])
    assert errors == []
    assert [d.metadata["label"] for d in docs] == ["Sport", "Kultur", "Inland"]
    assert docs[0].raw_text == 'Der Verein gewann am Samstag mit 3:1; die Fans feierten "bis spät".'
    assert docs[2].raw_text.endswith("von 'Chaos'.")
    assert docs[0].origin.endswith(":row 1")


def test_headerless_field_map_by_column_index(tmp_path):
    path = tmp_path / "daten.tsv"
    path.write_text("x1\t2024-01-02\tDie Stadt eröffnet ein Museum.\n"
                    "x2\t2024-01-03\tDer Bahnhof wird umgebaut.\n"
                    "x3\n", encoding="utf-8")
    docs, errors = read_all([path], field_map={"id": "0", "published": "1", "text": "2"})
    assert [d.metadata for d in docs] == [{"id": "x1", "published": "2024-01-02"},
                                          {"id": "x2", "published": "2024-01-03"}]
    [error] = errors
    assert isinstance(error, MalformedRecord) and error.location.endswith(":row 3")


def test_csv_field_map_naming_a_missing_column(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("titel,inhalt\nA,Der Text eines Artikels.\n", encoding="utf-8")
    _, [error] = read_all([path], field_map={"text": "body"})
    assert isinstance(error, InputError) and "no column named 'body'" in error.message


def test_10kgnad_reads_as_1028_articles_with_labels():
    path = shared_path("data", "10kgnad", "test.csv")
    docs, errors = read_all([path])
    assert errors == []
    assert len(docs) == 1028
    labels = {d.metadata["label"] for d in docs}
    assert labels == {"Web", "Panorama", "International", "Wirtschaft", "Sport", "Inland",
                      "Etat", "Wissenschaft", "Kultur"}
    assert docs[0].raw_text.startswith("Die Gewerkschaft GPA-djp lanciert den \"All-in-Rechner\"")
    assert all(len(d.raw_text) > 50 for d in docs)  # two real articles are one-line teasers
    assert all(d.origin.endswith(f":row {n}") for n, d in enumerate(docs, start=1))


def test_json_array_export(tmp_path):
    path = tmp_path / "export.json"
    path.write_text('[\n  {"headline": "Neue Linie", "body": "Die Buslinie 7 fährt ab Juni öfter."},\n'
                    '  {"headline": "Ohne Text"},\n  "kein Objekt"\n]\n', encoding="utf-8")
    docs, errors = read_all([path])
    [doc] = docs
    assert doc.origin == f"{path}#item 1" and doc.metadata == {"title": "Neue Linie"}
    assert [e.location for e in errors] == [f"{path}#item 2", f"{path}#item 3"]


def test_pretty_printed_single_object_and_broken_json(tmp_path):
    (tmp_path / "a.json").write_text('{\n  "text": "Der Kreistag tagt am Montag.",\n  "date": "2024-02-01"\n}\n')
    (tmp_path / "b.json").write_text('[{"text": "abgebrochen"')
    docs, [error] = read_all([tmp_path])
    assert docs[0].raw_text == "Der Kreistag tagt am Montag." and docs[0].origin.endswith("a.json")
    assert isinstance(error, MalformedRecord) and error.location.endswith("b.json")


def test_jsonl_with_broken_first_line_keeps_the_rest(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "kaputt\n{"text": "Die Messe beginnt am Dienstag."}\n', encoding="utf-8")
    docs, [error] = read_all([path])
    assert docs[0].origin.endswith(":line 2") and error.location.endswith(":line 1")
