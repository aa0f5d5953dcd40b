"""Scoring of GermEval 2014 TSV files (conlleval-style exact chunks)."""
from __future__ import annotations

import json

import pytest

from dossier.errors import EvalError
from dossier.eval.ner import chunks, evaluate_file, score

TINY_TSV = """#\thttp://example.org/artikel\t[2024-01-01]
1\tGestern\tO\tO
2\tsprach\tO\tO
3\tAnna\tB-PER\tO
4\tBerger\tI-PER\tO
5\tin\tO\tO
6\tGraz\tB-LOC\tO
7\tmit\tO\tO
8\tder\tO\tO
9\tVoest-Belegschaft\tB-ORGpart\tO
10\t.\tO\tO

#\thttp://example.org/zwei\t[2024-01-02]
1\tDie\tO\tO
2\tösterreichische\tB-LOCderiv\tO
3\tPost\tB-ORG\tO
4\twächst\tO\tO
5\t.\tO\tO
"""


def test_chunks_follow_conlleval():
    assert chunks(["B-PER", "I-PER", "O", "B-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]
    # an I- after another type opens a new chunk
    assert chunks(["B-PER", "I-ORG", "I-ORG"]) == [(0, 1, "PER"), (1, 3, "ORG")]
    assert chunks(["I-LOC", "O"]) == [(0, 1, "LOC")]
    assert chunks(["B-PER", "B-PER"]) == [(0, 1, "PER"), (1, 2, "PER")]


def test_score_requires_exact_span_and_label():
    gold = ["B-PER", "I-PER", "O", "B-LOC", "B-LOCderiv"]
    pred = ["B-PER", "O", "O", "B-LOC", "B-LOC"]
    report = score([(gold, pred)])
    # LOC right; PER span too short; LOCderiv predicted as LOC (wrong label)
    assert report["precision"] == pytest.approx(1 / 3)
    assert report["recall"] == pytest.approx(1 / 3)
    assert report["per_label"]["LOC"]["precision"] == pytest.approx(0.5)
    assert report["per_label"]["LOCderiv"]["recall"] == 0.0


def test_evaluate_file_with_a_fixed_tagger(tmp_path):
    path = tmp_path / "tiny.tsv"
    path.write_text(TINY_TSV, encoding="utf-8")
    answers = {
        "Gestern": ["O", "O", "B-PER", "I-PER", "O", "B-LOC", "O", "O", "B-ORG", "O"],
        "Die": ["O", "B-LOCderiv", "B-ORG", "O", "O"],
    }
    report = evaluate_file(path, lambda tokens: answers[tokens[0]])
    assert report["per_label"]["PER"]["f1"] == 1.0
    assert report["per_label"]["ORGpart"]["recall"] == 0.0
    assert report["per_label"]["ORG"]["precision"] == 0.5
    assert report["recall"] == pytest.approx(4 / 5)
    assert report["precision"] == pytest.approx(4 / 5)


def test_cli_eval_ner_json(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import dossier.analyse.ner.model as model_module
    from dossier.cli.main import cli

    path = tmp_path / "tiny.tsv"
    path.write_text(TINY_TSV, encoding="utf-8")

    class AllOutside:
        def tag(self, tokens):
            return ["O"] * len(tokens)

    monkeypatch.setattr(model_module, "load_default", lambda: AllOutside())
    result = CliRunner().invoke(cli, ["eval", "ner", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) >= {"precision", "recall", "f1", "per_label"}
    assert report["recall"] == 0.0 and report["per_label"]["PER"]["gold"] == 1


def test_malformed_file_raises_eval_error(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("1\tnur\tdrei\n", encoding="utf-8")
    with pytest.raises(EvalError):
        evaluate_file(path, lambda tokens: ["O"] * len(tokens))
