"""`dossier eval quotes --format news`: the gold set is well-formed and the scoring counts what it says."""
from __future__ import annotations

import json
from collections import Counter

from click.testing import CliRunner

from dossier.cli.main import cli
from dossier.eval.quotes import align_news, evaluate_news, news_article, read_news_gold, score_news_paragraph, \
    _new_news_counts, _news_report
from dossier.model import Quote
from tests.conftest import TEST_DATA

GOLD = TEST_DATA / "quotes" / "news_gold.jsonl"


def test_gold_set_is_well_formed():
    rows = read_news_gold(GOLD)
    assert len(rows) >= 80 and len({r["id"] for r in rows}) == len(rows)
    assert Counter(r["split"] for r in rows) == {"dev": len(rows) // 2, "test": len(rows) - len(rows) // 2}
    kinds = Counter(q["kind"] for r in rows for q in r["quotes"])
    assert set(kinds) == {"direct", "indirect", "mixed", "reported"}
    assert sum(1 for r in rows if not r["quotes"]) >= 20  # hard negatives
    for r in rows:
        names = {e["name"] for e in r["entities"]}
        for q in r["quotes"]:
            assert r["text"].count(q["text"]) == 1, (r["id"], q["text"])
            assert q["speaker"] is None or q["speaker"] in names, (r["id"], q["speaker"])


def _row(text, quotes, entities=()):
    row = {"id": "r", "split": "dev", "text": text, "entities": list(entities), "quotes": quotes}
    for q in quotes:
        q["start"] = text.find(q["text"])
        q["end"] = q["start"] + len(q["text"])
    return row


def test_match_needs_half_of_the_longer_span():
    text = "Berger sagte, die Brücke werde im Mai fertig und koste viel."
    gold = [{"kind": "indirect", "text": "die Brücke werde im Mai fertig und koste viel", "speaker": None}]
    row = _row(text, gold)
    short = Quote(14, 24, text[14:24], kind="indirect")           # "die Brücke": a fifth of the gold span
    half = Quote(14, 37, text[14:37], kind="indirect")            # just over half
    assert align_news([short], row["quotes"]) == []
    assert align_news([half], row["quotes"]) == [(0, 0)]


def test_scores_detection_kind_and_speaker_separately():
    text = "„Wir bauen“, sagte Berger. Wendt sagte, es fehle Geld."
    ents = [{"name": "Anna Berger", "label": "PER", "aliases": ["Berger"]},
            {"name": "Karl Wendt", "label": "PER", "aliases": ["Wendt"]}]
    row = _row(text, [{"kind": "direct", "text": "Wir bauen", "speaker": "Anna Berger"},
                      {"kind": "indirect", "text": "es fehle Geld", "speaker": "Karl Wendt"}], ents)
    article = news_article(row)
    berger = next(m.entity for m in article.mentions if m.text == "Berger")
    pred = [Quote(1, 10, "Wir bauen", kind="direct", speaker="Anna Berger", speaker_entity=berger),
            Quote(40, 53, "es fehle Geld", kind="mixed", speaker="Anna Berger", speaker_entity=berger),
            Quote(27, 32, "Wendt", kind="reported")]
    counts = _new_news_counts()
    score_news_paragraph(row, article, pred, counts)
    report = _news_report(counts)
    assert (report["tp"], report["fp"], report["fn"]) == (2, 1, 0)
    assert report["kind_accuracy"] == 0.5 and report["speaker_accuracy"] == 0.5
    assert report["per_kind"]["indirect"]["recall"] == 0.0 and report["per_kind"]["direct"]["f1"] == 1.0
    assert report["confusion"] == {"direct->direct": 1, "indirect->mixed": 1}


def test_evaluate_reports_both_halves_and_the_cli_prints_them():
    report = evaluate_news(GOLD)
    assert set(report["splits"]) == {"dev", "test", "all"}
    assert report["splits"]["all"]["tp"] + report["splits"]["all"]["fn"] == sum(
        len(r["quotes"]) for r in read_news_gold(GOLD))
    out = CliRunner().invoke(cli, ["eval", "quotes", "--format", "news", str(GOLD), "--split", "dev", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert list(data["splits"]) == ["dev"] and 0.0 <= data["splits"]["dev"]["f1"] <= 1.0


def test_cli_refuses_a_folder_for_news_and_a_file_for_spkatt(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["eval", "quotes", "--format", "news", str(tmp_path)]).exit_code != 0
    assert runner.invoke(cli, ["eval", "quotes", "--format", "spkatt", str(GOLD)]).exit_code != 0


def test_ner_flag_takes_names_from_the_entities_stage(tmp_path):
    path = tmp_path / "one.jsonl"
    row = {"id": "n1", "split": "dev", "entities": [],
           "text": "„Wir bauen die Brücke neu“, sagte Bürgermeisterin Anna Berger am Montag in Lindau.",
           "quotes": [{"kind": "direct", "text": "Wir bauen die Brücke neu", "speaker": "Anna Berger"}]}
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    gold_names = evaluate_news(path)["splits"]["dev"]
    assert gold_names["speaker_accuracy"] == 0.0  # no gold entities: the speaker stays unresolved
    with_ner = evaluate_news(path, ner=True)["splits"]["dev"]
    assert with_ner["tp"] == 1 and with_ner["speaker_accuracy"] == 1.0
