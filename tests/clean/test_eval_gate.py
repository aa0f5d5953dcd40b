"""Quality floors on public data (skip when ../shared is absent). Floors are only
lowered on purpose; the figures and the command behind them are in docs/clean.md."""
from __future__ import annotations

import re

from dossier.clean import clean_document
from dossier.clean.evaluate import _gnad_texts, evaluate_synthetic
from dossier.model import RawDocument
from tests.conftest import shared_path

SIGNATURE_AT_END = re.compile(r"\s*\([^()]{2,60}[,;]\s*\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\)$")


def test_real_articles_lose_nothing_but_closing_signatures():
    csv_path = shared_path("data", "10kgnad", "test.csv")
    for index, raw in enumerate(_gnad_texts(csv_path)):
        article = clean_document(RawDocument(raw, f"10kgnad#{index}"))
        expected = SIGNATURE_AT_END.sub("", raw.strip())
        assert article.text == expected, f"article {index} changed"


def test_synthetic_benchmark_floors():
    counts = evaluate_synthetic(shared_path("data", "10kgnad", "test.csv"))
    assert counts["body_kept"] == counts["body_total"]
    assert counts["junk_removed"] / counts["junk_total"] >= 0.99
    for name in ("published", "title", "authors", "source", "syndicated_from"):
        assert counts[f"{name}_correct"] / counts[f"{name}_total"] >= 0.98, name
        assert counts.get(f"{name}_spurious", 0) <= 3, name
    assert counts["headings_recovered"] / counts["headings_injected"] >= 0.70
