"""`dossier entities`, `dossier entity NAME`, `dossier kb import|resolve` on a tmp SQLite DB."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from dossier.analyse.entities import link_entities
from dossier.cli.main import cli
from dossier.model import Article, Figure, Mention, Quote
from dossier.resolve.entities import resolve_corpus
from dossier.store import open_store

DOCS = [
    ("a1", ("X-CEO Linda Yaccarino dankt den Kunden. Elon Musk schimpfte. Musk kaufte X (Twitter) "
            "für 44 Milliarden Dollar."),
     {"Linda Yaccarino": "PER", "Elon Musk": "PER", "Musk": "PER", "Twitter": "ORG"}),
    ("a2", "Elon Musk gründete Tesla. Tesla verkaufte 300.000 Autos, sagte Musk.",
     {"Elon Musk": "PER", "Musk": "PER", "Tesla": "ORG"}),
]


def tag(text: str, names: dict[str, str]) -> list[Mention]:
    found: list[Mention] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if not any(m.start < match.end() and match.start() < m.end for m in found):
                found.append(Mention(match.start(), match.end(), match.group(), names[name]))
    return sorted(found, key=lambda m: m.start)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "d.db"
    with open_store(path) as store:
        articles = [Article(id=aid, raw_text=text, text=text, title=f"Titel {aid}") for aid, text, _ in DOCS]
        store.add_articles(articles)
        for article, (_, text, names) in zip(articles, DOCS):
            layers = link_entities(article, tag(text, names))
            article.mentions, article.entities = layers["mentions"], layers["entities"]
            if article.id == "a2":
                start = text.index("Tesla verkaufte")
                article.quotes = [Quote(start, start + 37, text[start:start + 37], "indirect", "Musk", None)]
                fig = text.index("300.000 Autos")
                article.figures = [Figure(fig, fig + 13, "300.000 Autos", "count", 300000, None, "Tesla")]
            store.update_layers(article)
        resolve_corpus(store)
        for article in store.iter_articles():  # the quotes stage would set speaker_entity
            musk = next(e.id for e in article.entities if e.name == "Elon Musk")
            for quote in article.quotes:
                quote.speaker_entity = musk
            store.update_layers(article)
    return path


def run(db, *args):
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    return result


def test_entities_table(db):
    result = run(db, "entities")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:5] == ["name", "type", "mentions", "articles", "aliases"]
    musk = next(line for line in lines if line.startswith("Elon Musk"))
    assert musk.split()[2:5] == ["PER", "4", "2"] and musk.rstrip().endswith("Musk")
    assert any(line.startswith("X ") and "Twitter" in line for line in lines)


def test_entities_filter_limit_and_json(db):
    rows = [json.loads(line) for line in run(db, "entities", "--type", "PER", "--json").output.splitlines()]
    assert {r["name"] for r in rows} == {"Elon Musk", "Linda Yaccarino"}
    assert all(r["type"] == "PER" for r in rows)
    assert len(run(db, "entities", "--limit", "1", "--json").output.splitlines()) == 1


def test_entity_profile(db):
    result = run(db, "entity", "Musk")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Elon Musk  (PER, E")
    assert "aliases:  Musk" in out and "a1" in out and "a2" in out
    assert "X (ORG) 1" in out and "Tesla (ORG) 1" in out
    assert "quotes:" in out and "Tesla verkaufte" in out


def test_entity_profile_roles_and_figures(db):
    profile = json.loads(run(db, "entity", "Linda Yaccarino", "--json").output)
    (role,) = profile["entity"]["roles"]
    assert (role["role"], role["org"], role["article"], role["text"]) == ("CEO", "X", "a1", "X-CEO")
    tesla = json.loads(run(db, "entity", "Tesla", "--json").output)
    assert [f["text"] for f in tesla["figures"]] == ["300.000 Autos"]


def test_unknown_entity_is_an_error(db):
    result = run(db, "entity", "Niemand")
    assert result.exit_code != 0
    assert "no entity named 'Niemand'" in str(result.exception) + result.output


def test_kb_import_then_entity_carries_external_id(db, tmp_path):
    kb = tmp_path / "kb.csv"
    kb.write_text("name,type,aliases,external_id\nElon Musk,PER,Musk,Q317521\n", encoding="utf-8")
    result = run(db, "kb", "import", str(kb))
    assert result.exit_code == 0, result.output
    assert "Imported 1 entities" in result.output and "KB links: 2" in result.output
    profile = json.loads(run(db, "entity", "Elon Musk", "--json").output)
    assert profile["entity"]["external_id"] == "Q317521" and profile["mentions"] == 4


def test_kb_resolve_reports(db):
    result = run(db, "kb", "resolve")
    assert result.exit_code == 0 and "2 articles" in result.output


@pytest.mark.parametrize("command", [["entities"], ["entity"], ["kb", "import"], ["kb", "resolve"]])
def test_help_has_an_example(command):
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output
