"""`dossier eval events` on a SmartData-shaped sample written for the tests, and on v3 dev."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.eval.events import evaluate
from tests.conftest import shared_path

SAMPLE = Path(__file__).parent.parent / "data" / "events" / "smartdata_sample.jsonl"


def test_scores_per_type_with_gold_mentions():
    report = evaluate(SAMPLE, mentions="gold")
    per_type = report["per_type"]
    assert report["mentions"] == "gold" and report["documents"] == 2
    assert per_type["Acquisition"]["tp"] == 1 and per_type["Strike"]["tp"] == 1
    assert per_type["OrganizationLeadership"]["tp"] == 1  # matched by its arguments (no trigger)
    assert per_type["Insolvency"]["tp"] == 1
    # The Layoffs relation in the sample has no layoff trigger: a miss, never matched by Insolvency.
    assert per_type["Layoffs"] == {"tp": 0, "fp": 0, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert "TrafficJam" not in per_type
    micro = report["micro"]
    assert (micro["tp"], micro["fn"]) == (4, 1)
    assert report["arguments"]["per_type"]["Acquisition"]["tp"] == 2


def test_cli_json_and_table():
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "events", str(SAMPLE), "--gold-mentions", "--json", "--errors"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output[result.output.index("{"):])
    assert set(report) >= {"per_type", "micro", "arguments", "errors"}
    assert [e["type"] for e in report["errors"]] == ["Layoffs"]
    table = runner.invoke(cli, ["eval", "events", str(SAMPLE)])
    assert table.exit_code == 0 and "micro" in table.output and "shipped NER" in table.output


def test_bad_line_is_reported_with_its_location(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n{not json\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "events", str(bad)])
    assert result.exit_code != 0 and "bad.jsonl line 2" in str(result.exception or result.output)


def test_v3_dev_business_types_floor():
    path = shared_path("data", "smartdata", "smartdata-v3-dev.jsonl.gz")
    report = evaluate(path, mentions="ner")
    assert report["micro"]["f1"] >= 0.45  # a floor lowered only on purpose; figures in docs/events.md
