"""`dossier eval times`: the two gold formats, the scoring and the quality floors."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import shared_path

from dossier.cli.main import cli
from dossier.errors import EvalError
from dossier.eval.times import evaluate_recognizers, evaluate_timex2, normalise_value

CASES = [
    {"Input": "Ich komme am 2. Mai 2016 zurück", "Context": {"ReferenceDateTime": "2016-11-07T00:00:00"},
     "Results": [{"Text": "2. mai 2016", "Start": 13, "End": 23, "TypeName": "datetimeV2.date",
                  "Resolution": {"values": [{"timex": "2016-05-02", "type": "date"}]}}]},
    {"Input": "Das war letzte Woche", "Context": {"ReferenceDateTime": "2016-11-07T00:00:00"},
     "Results": [{"Text": "letzte Woche", "Start": 8, "Length": 12, "Type": "daterange",
                  "Value": {"Timex": "2016-W44"}}]},
    {"Input": "Kein Datum hier", "Results": []},
]


def test_recognizers_scores_spans_and_values(tmp_path):
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(CASES), encoding="utf-8")
    report = evaluate_recognizers(path)
    assert (report["precision"], report["recall"], report["f1"]) == (1.0, 1.0, 1.0)
    assert report["value_accuracy"] == 1.0


def test_recognizers_counts_a_wrong_value(tmp_path):
    cases = [dict(CASES[0], Results=[dict(CASES[0]["Results"][0], Resolution={"values": [{"timex": "2017-05-02"}]})])]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    report = evaluate_recognizers(path, with_errors=True)
    assert report["f1"] == 1.0 and report["value_accuracy"] == 0.0
    assert report["errors"][0]["kind"] == "value"


def test_recognizers_rejects_other_json(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"not": "a list"}', encoding="utf-8")
    with pytest.raises(EvalError):
        evaluate_recognizers(path)


def _write_apf(root, text, mentions):
    (root / "in").mkdir()
    (root / "key").mkdir()
    sgm = f"<DOC>\n<DOCID>d1</DOCID>\n<DATETIME> 2011-02-16T17:00:00 </DATETIME>\n<TEXT>\n{text}\n</TEXT>\n</DOC>\n"
    (root / "in" / "d1.sgm").write_text(sgm, encoding="utf-8")
    signal = "\nd1\n 2011-02-16T17:00:00 \n\n" + text
    body = []
    for n, (surface, val) in enumerate(mentions):
        start = len(signal[:signal.index(surface)].encode("utf-8"))
        end = start + len(surface.encode("utf-8")) - 1
        body.append(f'<timex2 ID="d1-T{n}" VAL="{val}"><timex2_mention ID="m{n}"><extent>'
                    f'<charseq START="{start}" END="{end}">{surface}</charseq></extent></timex2_mention></timex2>')
    (root / "key" / "d1.key.apf.xml").write_text("<document>" + "".join(body) + "</document>", encoding="utf-8")


def test_timex2_byte_offsets_and_relaxed_match(tmp_path):
    # "Größte" has multi-byte letters before the dates: APF offsets count bytes.
    _write_apf(tmp_path, "Die größte Schlacht begann am 7. Juli 1937 um 4:45 Uhr und endete im Herbst.",
               [("7. Juli 1937", "1937-07-07"), ("4:45 Uhr", "1937-07-07T04:45"), ("im Herbst", "1937-FA")])
    report = evaluate_timex2(tmp_path)
    assert report["gold"] == 3 and report["matched"] == 2
    assert report["relaxed_recall"] == 1.0  # "Herbst" overlaps the gold "im Herbst"
    assert report["value_accuracy"] == 1.0


def test_timex2_value_spelling_is_mapped():
    assert normalise_value("1945-05-05T07:00") == normalise_value("1945-05-05T07")
    assert normalise_value("1945-05-08T23:01+01") == "1945-05-08T23:01"


def test_cli_prints_json(tmp_path):
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(CASES), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "times", "--format", "recognizers", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {"precision", "recall", "f1", "value_accuracy"} <= set(report)


# Floors on the public data: lowered only on purpose (see docs/times.md for the current figures).
def test_wikiwarsde_floor():
    report = evaluate_timex2(shared_path("data", "wikiwarsde"))
    assert report["f1"] >= 0.91
    assert report["value_accuracy"] >= 0.88


def test_recognizers_floor():
    report = evaluate_recognizers(shared_path("data", "recognizers-text-de", "DateTime"))
    assert report["value_accuracy"] >= 0.95
    assert report["f1"] >= 0.80
