"""Gate on the entity merge benchmark (benchmarks/entity_merge_precision.py): precision
on the annotated mini-articles may only go down on purpose."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "data" / "entities"
PRECISION_FLOOR = 0.97
RECALL_FLOOR = 0.75


def _benchmark():
    spec = importlib.util.spec_from_file_location("entity_merge_precision",
                                                  ROOT / "benchmarks" / "entity_merge_precision.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["gold.txt", "gold_heldout.txt"])
def test_gold_markup_keeps_offsets(name):
    bench = _benchmark()
    for _, text, mentions, gold in bench.parse_gold(GOLD_DIR / name):
        for m in mentions:
            assert text[m.start:m.end] == m.text
        assert "[" not in text and "{" not in text and gold


@pytest.mark.parametrize("name", ["gold.txt", "gold_heldout.txt"])
def test_merge_precision_floor(name):
    bench = _benchmark()
    docs = bench.parse_gold(GOLD_DIR / name)
    result = bench.score(docs, bench.run_system(docs, use_ner=False))
    assert result["all"]["precision"] >= PRECISION_FLOOR, result["errors"]
    assert result["across"]["precision"] >= PRECISION_FLOOR, result["errors"]
    assert result["all"]["recall"] >= RECALL_FLOOR


def test_score_counts_a_wrong_merge():
    bench = _benchmark()
    docs = [("a", "x", [], {(0, 1): "p", (2, 3): "q"})]
    result = bench.score(docs, {("a", 0, 1): "E1", ("a", 2, 3): "E1"})
    assert result["all"]["merges"] == 1 and result["all"]["precision"] == 0.0
