"""End to end through the CLI: ingest, re-ingest, bad input, show, export."""
from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner

from dossier.cli.main import cli, main

ARTICLE = """Datum: 3. Mai 2024

Stadtrat beschließt neues Radwegenetz

Der Stadtrat von Neustadt hat am Donnerstag ein neues Radwegenetz beschlossen. Bis 2027 sollen 40 Kilometer neue Radwege entstehen, die Kosten liegen bei rund 18 Millionen Euro.

„Wir machen die Stadt sicherer für alle“, sagte Bürgermeisterin Petra Lindner. Die Opposition kritisierte, der Plan sei zu teuer.

Lesen Sie auch: Wo in Neustadt gebaut wird
"""

OTHER = """Datum: 4. Mai 2024

Hallenbad bleibt bis zum Herbst geschlossen

Das Hallenbad in Neustadt bleibt wegen eines Wasserschadens bis zum Herbst geschlossen. Die Reparatur koste nach ersten Schätzungen etwa 1,2 Millionen Euro, teilten die Stadtwerke mit. Schwimmvereine müssen auf die Nachbarstadt ausweichen.
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "rad.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "bad.jsonl").write_text(
        json.dumps({"text": OTHER, "title": "Hallenbad"}, ensure_ascii=False) + "\n{kaputt\n", encoding="utf-8")
    (folder / "leer.txt").write_text("", encoding="utf-8")
    (folder / "bild.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with gzip.open(folder / "kaputt.txt.gz", "wb") as handle:
        handle.write(ARTICLE.replace("Radwegenetz", "Busnetz").encode("utf-8") * 20)
    data = (folder / "kaputt.txt.gz").read_bytes()
    (folder / "kaputt.txt.gz").write_bytes(data[: len(data) // 2])
    return folder


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def test_ingest_reports_bad_inputs_and_keeps_the_good_ones(tmp_path, corpus):
    db = tmp_path / "d.db"
    code = main(["--db", str(db), "ingest", "-q", "--no-analyse", str(corpus)])
    assert code == 3  # something failed
    listing = run(db, "articles", "--json").output.splitlines()
    titles = {json.loads(line)["title"] for line in listing}
    assert titles == {"Stadtrat beschließt neues Radwegenetz", "Hallenbad"}
    failures = run(db, "failures").output
    assert "bad.jsonl" in failures and "line 2" in failures
    assert "leer.txt" in failures and "bild.pdf" in failures and "kaputt.txt.gz" in failures


def test_second_ingest_adds_nothing(tmp_path, corpus):
    db = tmp_path / "d.db"
    main(["--db", str(db), "ingest", "-q", "--no-analyse", str(corpus)])
    result = run(db, "ingest", "-q", "--no-analyse", str(corpus))
    assert "0 new" in result.output
    assert len(run(db, "articles", "--json").output.splitlines()) == 2


def test_show_and_export_carry_clean_text_and_removed_spans(tmp_path, corpus):
    db = tmp_path / "d.db"
    main(["--db", str(db), "ingest", "-q", "--no-analyse", str(corpus / "rad.txt")])
    lines = run(db, "export", "--format", "jsonl").output.splitlines()
    record = json.loads(lines[0])
    assert record["published"] == "2024-05-03"
    assert "Lesen Sie auch" not in record["text"] and "Datum:" not in record["text"]
    assert "„Wir machen die Stadt sicherer für alle“" in record["text"]
    reasons = {r["reason"] for r in record["removed"]}
    assert any(reason.startswith("metadata") for reason in reasons)
    shown = run(db, "show", record["id"][:6]).output
    assert "Radwegenetz" in shown and "removed" in shown


def test_unknown_article_is_a_clear_error(tmp_path, capsys):
    code = main(["--db", str(tmp_path / "d.db"), "show", "ffffffff"])
    assert code == 2
    assert "Error: no article with id" in capsys.readouterr().err


def test_bad_field_mapping_is_a_clear_error(tmp_path, capsys):
    code = main(["--db", str(tmp_path / "d.db"), "ingest", "x.csv", "--field", "text"])
    assert code == 2
    assert "NAME=COLUMN" in capsys.readouterr().err


def test_file_over_max_bytes_is_refused_and_reported(tmp_path, capsys):
    big = tmp_path / "gross.txt"
    big.write_text(ARTICLE * 50, encoding="utf-8")
    small = tmp_path / "klein.txt"
    small.write_text(OTHER, encoding="utf-8")
    db = tmp_path / "d.db"
    code = main(["--db", str(db), "ingest", "-q", "--no-analyse", "--max-bytes", "5000", str(big), str(small)])
    assert code == 3
    assert "gross.txt" in capsys.readouterr().err
    assert len(run(db, "articles", "--json").output.splitlines()) == 1
    assert "gross.txt" in run(db, "failures").output


def test_failure_is_cleared_once_the_file_is_fixed(tmp_path):
    broken = tmp_path / "artikel.txt"
    broken.write_bytes(b"")
    db = tmp_path / "d.db"
    assert main(["--db", str(db), "ingest", "-q", "--no-analyse", str(broken)]) == 3
    broken.write_text(OTHER, encoding="utf-8")
    assert main(["--db", str(db), "ingest", "-q", "--no-analyse", str(broken)]) == 0
    assert "No failures recorded." in run(db, "failures").output
