"""Scoring of the quote taggers on small SpkAtt / Redewiedergabe files written for these tests."""
from __future__ import annotations

import json

import pytest

from dossier.eval.formats import redewiedergabe as rw
from dossier.analyse.quotes import spkatt
from dossier.errors import EvalError
from dossier.eval.quotes import prf, prf_proportional, score_redewiedergabe, score_spkatt_document

RW_HEADER = "tok\tnormtok\tlemma\tpos\trfpos\tsentstart\tstwr\tframe\tspeaker\tintexpr\tnote\n"


def _rw_line(tok, start, stwr):
    return f"{tok}\t{tok}\t{tok}\tX\tX\t{'yes' if start else 'no'}\t{stwr}\t-\t-\t-\t-\n"


def _write_rw(path):
    rows = [("Er", True, "-"), ("sagte", False, "-"), (",", False, "-"),
            ("er", False, "indirect.speech.1"), ("komme", False, "indirect.speech.1"),
            (".", False, "indirect.speech.1"), ("»", True, "direct.speech.2"),
            ("Gut", False, "direct.speech.2|reported.thought.3"), ("«", False, "direct.speech.2")]
    path.write_text(RW_HEADER + "".join(_rw_line(*r) for r in rows), encoding="utf-8")


def test_redewiedergabe_reader_reads_kinds(tmp_path):
    _write_rw(tmp_path / "rwk_test_1-1.tsv")
    (doc,) = rw.read_corpus(tmp_path)
    assert doc.tokens[:3] == ["Er", "sagte", ","]
    assert doc.kinds[4] == {"indirect"} and doc.kinds[7] == {"direct", "reported"}
    assert rw.stwr_kinds("indirect freeIndirect.speech writing.7") == {"indirect", "freeIndirect"}


def test_redewiedergabe_scores_per_kind(tmp_path):
    _write_rw(tmp_path / "rwk_test_1-1.tsv")
    docs = rw.read_corpus(tmp_path)

    def tagger(doc):  # direct right, indirect half right, reported missed
        n = len(doc.tokens)
        return {"direct": [i >= 6 for i in range(n)], "indirect": [i in (4, 5, 1) for i in range(n)],
                "reported": [False] * n}

    report = score_redewiedergabe(docs, tagger)
    kinds = report["per_kind"]
    assert kinds["direct"]["f1"] == 1.0
    assert (kinds["indirect"]["tp"], kinds["indirect"]["fp"], kinds["indirect"]["fn"]) == (2, 1, 1)
    assert kinds["reported"]["recall"] == 0.0
    assert set(report) >= {"precision", "recall", "f1", "per_kind"}


def test_redewiedergabe_bad_header_is_an_eval_error(tmp_path):
    (tmp_path / "x.tsv").write_text("a\tb\n", encoding="utf-8")
    with pytest.raises(EvalError):
        rw.read_corpus(tmp_path)


def _write_spkatt(path):
    data = {"Sentences": [{"SentenceId": 0, "Tokens": ["Die", "Ministerin", "sagte", ",", "das", "reiche", "."]},
                          {"SentenceId": 1, "Tokens": ["Ich", "stimme", "dem", "zu", "."]}],
            "Annotations": [{"Cue": ["0:2"], "Source": ["0:0", "0:1"], "Message": ["0:4", "0:5"]},
                            {"Cue": ["1:1", "1:3"], "Source": ["1:0"]}]}
    path.write_text(json.dumps(data), encoding="utf-8")


def test_spkatt_reader_and_scoring(tmp_path):
    _write_spkatt(tmp_path / "doc.json")
    (doc,) = spkatt.read_corpus(tmp_path)
    assert doc.annotations[1].get("Cue") == {(1, 1), (1, 3)}
    pred = [spkatt.Annotation({"Cue": {(0, 2)}, "Source": {(0, 1)}}),          # cue right, source partial
            spkatt.Annotation({"Cue": {(1, 1)}, "Source": {(1, 0)}}),          # cue partial, source right
            spkatt.Annotation({"Cue": {(0, 5)}, "Source": set()})]             # a false cue
    counts = {role: {"exact": [0, 0, 0], "token": [0, 0, 0]} for role in ("Cue", "Source")}
    score_spkatt_document(pred, doc.annotations, counts)
    assert counts["Cue"]["exact"] == [1, 2, 1]
    assert counts["Cue"]["token"] == [2, 1, 1]
    assert counts["Source"]["exact"] == [1, 1, 1]
    assert counts["Source"]["token"] == [2, 0, 1]


def test_spkatt_proportional_scoring_credits_partial_spans(tmp_path):
    _write_spkatt(tmp_path / "doc.json")
    (doc,) = spkatt.read_corpus(tmp_path)
    pred = [spkatt.Annotation({"Cue": {(0, 2)}, "Source": {(0, 1)}}),          # half of a two-token source
            spkatt.Annotation({"Cue": {(1, 1)}, "Source": {(1, 0), (1, 2)}}),  # one of two tokens right
            spkatt.Annotation({"Cue": {(0, 5)}, "Source": {(0, 6)}})]          # a false cue with a source
    counts = {role: {"exact": [0, 0, 0], "token": [0, 0, 0], "prop": [0.0, 0, 0.0, 0]} for role in ("Cue", "Source")}
    score_spkatt_document(pred, doc.annotations, counts)
    p_credit, n_pred, r_credit, n_gold = counts["Source"]["prop"]
    assert (n_pred, n_gold) == (3, 2)
    assert p_credit == pytest.approx(1.0 + 0.5 + 0.0)    # (0,1) fully inside gold; (1,0) of {(1,0),(1,2)}
    assert r_credit == pytest.approx(0.5 + 1.0)          # gold {(0,0),(0,1)} half found; {(1,0)} found
    report = prf_proportional(*counts["Source"]["prop"])
    assert report["precision"] == pytest.approx(0.5) and report["recall"] == pytest.approx(0.75)


def test_spkatt_bad_file_is_an_eval_error(tmp_path):
    (tmp_path / "bad.json").write_text("{\"Sentences\": 3}", encoding="utf-8")
    with pytest.raises(EvalError):
        spkatt.read_corpus(tmp_path)


def test_prf_handles_zero():
    assert prf(0, 0, 0)["f1"] == 0.0 and prf(1, 1, 0)["precision"] == 0.5


def test_spkatt_release_folder_is_accepted(tmp_path):
    (tmp_path / "task1").mkdir()
    _write_spkatt(tmp_path / "task1" / "doc.json")
    assert len(spkatt.read_corpus(tmp_path)) == 1


def test_spkatt_json_report_has_top_level_precision_recall_f1(tmp_path):
    from click.testing import CliRunner

    from dossier.cli.main import cli

    _write_spkatt(tmp_path / "doc.json")
    result = CliRunner().invoke(cli, ["eval", "quotes", "--format", "spkatt", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {"precision", "recall", "f1", "per_role"} <= set(report)
    assert 0.0 <= report["f1"] <= 1.0 and set(report["per_role"]) == {"cue", "source"}
