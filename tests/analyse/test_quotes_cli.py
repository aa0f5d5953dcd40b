"""`dossier quotes` lists stored quotes and filters them; `dossier eval quotes` refuses bad folders."""
from __future__ import annotations

import json

from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.model import Article, Quote


def _store_with_quotes(db_path):
    from dossier.store import open_store

    text = "„Wir bauen neu“, sagte Berger. Wendt sagte, es fehle Geld."
    quotes = [Quote(1, 14, text[1:14], kind="direct", speaker="Anna Berger", speaker_entity="p:berger", cue="sagte"),
              Quote(44, 57, text[44:57], kind="indirect", speaker="Karl Wendt", speaker_entity="p:wendt", cue="sagte")]
    article = Article(id="a1", raw_text=text, text=text, published="2024-03-01", quotes=quotes)
    with open_store(str(db_path)) as store:
        store.add_articles([article])


def test_quotes_lists_and_filters(tmp_path):
    db = tmp_path / "d.db"
    _store_with_quotes(db)
    runner = CliRunner()
    out = runner.invoke(cli, ["--db", str(db), "quotes", "--speaker", "wendt", "--json"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert [(r["speaker"], r["kind"], r["text"]) for r in rows] == [("Karl Wendt", "indirect", "es fehle Geld")]
    out = runner.invoke(cli, ["--db", str(db), "quotes", "--kind", "direct"])
    assert "Anna Berger: Wir bauen neu" in out.output and "Wendt" not in out.output
    out = runner.invoke(cli, ["--db", str(db), "quotes", "--since", "2025-01-01"])
    assert out.output == ""


def test_eval_quotes_on_empty_folder_fails_cleanly(tmp_path):
    from dossier.cli.main import main

    assert main(["eval", "quotes", "--format", "spkatt", str(tmp_path)]) == 2
