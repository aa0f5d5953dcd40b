"""`dossier figures`: listing and filtering the figures layer of a stored corpus."""
from __future__ import annotations

import json

from click.testing import CliRunner

from dossier.analyse.figures import extract_figures
from dossier.cli.main import cli
from dossier.model import Article, Mention
from dossier.store import open_store

TEXT = ("Der Dienst Bloomberg schätzt den Wert von Nordwind auf 2 Milliarden Dollar. "
        "Nordwind entließ 9 % der Mitarbeiter.")


def make_db(tmp_path):
    db = str(tmp_path / "figures.db")
    mentions = [Mention(TEXT.index("Bloomberg"), TEXT.index("Bloomberg") + 9, "Bloomberg", label="ORG")]
    for at in (TEXT.index("Nordwind"), TEXT.rindex("Nordwind")):
        mentions.append(Mention(at, at + 8, "Nordwind", label="ORG"))
    article = Article(id="a1", raw_text=TEXT, text=TEXT, published="2024-02-01")
    with open_store(db) as store:
        store.add_articles([article])
        article.mentions = sorted(mentions, key=lambda m: m.start)
        article.figures = extract_figures(TEXT, article.mentions, [], article.published)
        store.update_layers(article)
    return db


def test_lists_figures_with_subject_source_and_date(tmp_path):
    result = CliRunner().invoke(cli, ["--db", make_db(tmp_path), "figures"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    assert "2024-02-01" in lines[0] and "USD" in lines[0] and "laut Bloomberg" in lines[0]


def test_filters_by_subject_and_unit(tmp_path):
    db = make_db(tmp_path)
    result = CliRunner().invoke(cli, ["--db", db, "figures", "--subject", "nordwind", "--unit", "usd", "--json"])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["value"], r["subject"], r["attribute"]) for r in rows] == [(2e9, "Nordwind", "Wert")]
    result = CliRunner().invoke(cli, ["--db", db, "figures", "--kind", "percent", "--json"])
    assert [json.loads(line)["value"] for line in result.output.splitlines()] == [9]
