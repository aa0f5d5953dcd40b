"""`dossier times`: lists the stored articles' time expressions."""
from __future__ import annotations

import json

from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.model import Article
from dossier.store import open_store


def _db(tmp_path):
    path = tmp_path / "t.db"
    with open_store(path) as store:
        text = "Im Februar 2018 begann es. Vor gut einem Jahr endete es."
        store.add_articles([Article(id="a1", raw_text=text, text=text, published="2023-11-30")])
    return str(path)


def test_times_json_for_one_article(tmp_path):
    result = CliRunner().invoke(cli, ["--db", _db(tmp_path), "times", "--article", "a1", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["text"], r["value"], r["anchor"]) for r in rows] == [
        ("Februar 2018", "2018-02", "absolute"), ("Vor gut einem Jahr", "2022", "publication")]


def test_times_unknown_article_is_an_error(tmp_path):
    result = CliRunner().invoke(cli, ["--db", _db(tmp_path), "times", "--article", "nope"])
    assert result.exit_code != 0
