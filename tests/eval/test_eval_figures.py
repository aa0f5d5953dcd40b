"""`dossier eval figures`: scoring on Recognizers-Text JSON, on cases written for the test
and (when ../shared is there) on the public German files."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.errors import EvalError
from dossier.eval.figures import evaluate_path, gold_currency
from tests.conftest import shared_path

CURRENCY_CASES = [
    {"Input": "Das kostet 12 Euro.", "Results": [
        {"Text": "12 euro", "TypeName": "currency", "Resolution": {"value": "12", "unit": "Euro"},
         "Start": 11, "End": 17}]},
    {"Input": "Er zahlte 3,5 Mio. Dollar", "Results": [
        {"Text": "3,5 mio. dollar", "TypeName": "currency", "Resolution": {"value": "3500000", "unit": "Dollar"}}]},
    {"Input": "Nur 40 Cent", "Results": [
        {"Text": "40 cent", "TypeName": "currency", "Resolution": {"value": "40", "unit": "Cent"}, "Start": 4, "End": 10}]},
    {"Input": "Kein Betrag hier", "Results": [
        {"Text": "betrag", "TypeName": "currency", "Resolution": {"value": "7", "unit": "Euro"}, "Start": 5, "End": 10}]},
]


def write(tmp_path, name, cases):
    path = tmp_path / name
    path.write_text(json.dumps(cases), "utf-8")
    return path


def test_currency_scores_spans_values_and_units(tmp_path):
    report = evaluate_path(write(tmp_path, "CurrencyModel.json", CURRENCY_CASES))
    assert (report["gold"], report["predicted"]) == (4, 3)
    assert report["precision"] == 1.0 and report["recall"] == 0.75
    assert report["value_accuracy"] == 0.75


def test_a_wrong_unit_is_a_wrong_value(tmp_path):
    cases = [{"Input": "Das kostet 12 Euro.", "Results": [
        {"Text": "12 euro", "TypeName": "currency", "Resolution": {"value": "12", "unit": "Japanese yen"},
         "Start": 11, "End": 17}]}]
    report = evaluate_path(write(tmp_path, "CurrencyModel.json", cases))
    assert report["f1"] == 1.0 and report["value_accuracy"] == 0.0


def test_gold_currency_names_map_to_iso():
    assert gold_currency({"unit": "United States dollar"}) == ("USD", 1.0)
    assert gold_currency({"unit": "Cent"}) == ("EUR", 0.01)
    assert gold_currency({"unit": "Mexican peso", "isoCurrency": "MXN"}) == ("MXN", 1.0)
    assert gold_currency({"unit": "Icelandic krona"}) == ("ISK", 1.0)  # pycountry: "Iceland Krona"
    assert gold_currency({"unit": "Kopek"}) == ("RUB", 0.01)


def test_folder_skips_other_models(tmp_path):
    write(tmp_path, "NumberModel.json", [{"Input": "zwölf Äpfel", "Results": [
        {"Text": "zwölf", "TypeName": "number", "Resolution": {"value": "12"}, "Start": 0, "End": 4}]}])
    write(tmp_path, "OrdinalModel.json", [])
    report = evaluate_path(tmp_path)
    assert report["per_type"]["number"]["value_accuracy"] == 1.0
    assert len(report["skipped"]) == 1


def test_hash_split_halves_are_disjoint_and_stable(tmp_path):
    cases = [{"Input": f"Es waren {n} Leute.", "Results": [
        {"Text": str(n), "TypeName": "number", "Resolution": {"value": str(n)}}]} for n in range(40)]
    path = write(tmp_path, "NumberModel.json", cases)
    dev, held = evaluate_path(path, split="dev")["gold"], evaluate_path(path, split="held")["gold"]
    assert dev + held == 40 and 10 <= dev <= 30
    write(tmp_path, "NumberModel.json", cases[::-1])  # order does not move a case to the other side
    assert evaluate_path(path, split="dev")["gold"] == dev
    with pytest.raises(EvalError):
        evaluate_path(path, split="train")


def test_bad_file_raises_eval_error(tmp_path):
    path = tmp_path / "PercentModel.json"
    path.write_text("{not json", "utf-8")
    with pytest.raises(EvalError):
        evaluate_path(path)


def test_cli_prints_json(tmp_path):
    path = write(tmp_path, "CurrencyModel.json", CURRENCY_CASES[:1])
    result = CliRunner().invoke(cli, ["eval", "figures", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["value_accuracy"] == 1.0


def test_public_recognizers_sets_reach_the_target():
    root = shared_path("data", "recognizers-text-de")
    report = evaluate_path(root)
    for model in ("number", "percentage", "currency"):
        assert report["per_type"][model]["value_accuracy"] >= 0.95, report["per_type"]


def test_own_cases_written_for_the_project(test_data):
    """Recognizers-style cases written for Dossier (tests/data/figures/own), not from the public set."""
    report = evaluate_path(test_data / "figures" / "own")
    assert report["gold"] >= 100
    assert report["value_accuracy"] >= 0.95 and report["precision"] >= 0.95


def test_own_cases_scored_once_before_any_change(test_data):
    """tests/data/figures/own-unseen: written after the grammar and scored once, never tuned on."""
    report = evaluate_path(test_data / "figures" / "own-unseen")
    assert report["gold"] >= 40
    assert report["value_accuracy"] >= 0.95
