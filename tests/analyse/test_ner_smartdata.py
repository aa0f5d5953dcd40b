"""SmartData documents -> extra NER training sentences (type mapping, compounds, filters)."""
from __future__ import annotations

import gzip
import json

from dossier.eval.formats.smartdata import conflicting_words, smartdata_sentences


def mention(start, end, kind):
    return {"span": {"start": start, "end": end}, "type": kind}


def write_docs(folder, docs):
    with gzip.open(folder / "smartdata-test.jsonl.gz", "wt", encoding="utf-8") as handle:
        for source, text, mentions in docs:
            handle.write(json.dumps({"text": text, "refids": {"source": source},
                                     "conceptMentions": mentions}) + "\n")


def test_types_compounds_sources_and_filters(tmp_path):
    text = "Die Voest-Chefin traf Eva Lang in Linz. Das Wetter war gut. Sie las den Falter."
    write_docs(tmp_path, [
        ("news", text, [mention(4, 9, "organization-company"), mention(22, 30, "person"),
                        mention(34, 38, "location-city"), mention(73, 79, "date")]),
        ("tweet", "Eva Lang twittert.", [mention(0, 8, "person")]),
    ])
    found = smartdata_sentences(tmp_path, conflicting_words=set())
    assert found == [(["Die", "Voest-Chefin", "traf", "Eva", "Lang", "in", "Linz", "."],
                      ["O", "B-ORGpart", "O", "B-PER", "I-PER", "O", "B-LOC", "O"])]
    assert smartdata_sentences(tmp_path, conflicting_words={"Linz"}) == []


def test_conflicting_words_are_mostly_oth_or_deriv_in_germeval():
    sentences = [(["die", "deutsche", "Bahn", "Tatort"], ["O", "B-LOCderiv", "B-ORG", "B-OTH"]),
                 (["deutsche", "Bahn"], ["B-LOCderiv", "O"])]
    assert conflicting_words(sentences) == {"deutsche", "Tatort"}
