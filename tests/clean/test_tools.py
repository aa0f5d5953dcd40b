"""The lexicon builder, the synthetic benchmark and the CLI shell, on tiny inputs."""
from __future__ import annotations

import random

import click
from click.testing import CliRunner

from dossier.clean.cli import register
from dossier.clean.evaluate import evaluate_synthetic
from dossier.clean.lexicon import build_lowercase_words
from dossier.clean.synthetic import make_case

ARTICLE = ("Die Gemeinde Seedorf eröffnet im Mai ein neues Hallenbad. Die Bauarbeiten dauerten drei Jahre. "
           "Der Eintritt kostet für Erwachsene sechs Euro. Kinder zahlen die Hälfte. "
           "Die Opposition hält den Bau für zu teuer. Der Kämmerer rechnet mit neuen Schulden. "
           "Im Sommer soll zusätzlich ein Freibad öffnen. Die Planung dafür läuft bereits.")


def test_lowercase_words_skip_nouns_and_sentence_starts(tmp_path):
    rows = []
    for _ in range(4):
        rows += ["Er", "kam", "seither", "nie", "zur", "Arbeit", ".", ""]
        rows += ["Seither", "kam", "er", "nie", "zur", "Arbeit", ".", ""]
    tsv = tmp_path / "train.tsv"
    tsv.write_text("\n".join(f"{token}\tO" if token else "" for token in rows), encoding="utf-8")
    words = build_lowercase_words(tsv)
    assert "seither" in words and "nie" in words
    assert "arbeit" not in words  # a noun is never lower case


def test_synthetic_cases_are_reproducible_and_scored(tmp_path):
    first = make_case(ARTICLE, random.Random(3))
    second = make_case(ARTICLE, random.Random(3))
    assert first.raw == second.raw
    csv_path = tmp_path / "gnad.csv"
    csv_path.write_text("".join(f"Inland;'{ARTICLE}'\n" for _ in range(12)), encoding="utf-8")
    counts = evaluate_synthetic(csv_path)
    assert counts["documents"] == 12
    assert counts["body_kept"] == counts["body_total"] > 0
    assert counts["junk_removed"] == counts["junk_total"]


def _cli():
    @click.group()
    def cli():
        pass

    @cli.group("eval")
    def eval_group():
        pass

    @cli.group("train")
    def train_group():
        pass

    register(cli, eval_group=eval_group, train_group=train_group)
    return cli


def test_clean_command_shows_removed_lines_and_text(tmp_path):
    path = tmp_path / "artikel.txt"
    path.write_text(f"Datum: 30. November 2023\n\n{ARTICLE}\n\nQuelle: dpa", encoding="utf-8")
    result = CliRunner().invoke(_cli(), ["clean", str(path)])
    assert result.exit_code == 0, result.output
    assert "published: 2023-11-30" in result.output
    assert "metadata:source: Quelle: dpa" in result.output
    assert result.output.rstrip().endswith("Die Planung dafür läuft bereits.")
