"""From tags to mentions: -part/-deriv handling and document consistency."""
from __future__ import annotations

from dossier.analyse.ner import tokenize
from dossier.analyse.ner.consistency import propagate
from dossier.analyse.ner.decode import inner_entity, mentions_from_tags
from dossier.model import Mention


def decode(text, tags):
    spans = tokenize(text)
    assert len(spans) == len(tags)
    return mentions_from_tags(text, spans, tags, [0.9] * len(tags))


def test_plain_chunks_become_mentions_with_mapped_labels():
    text = "Anna Berger las den Spiegel in Graz ."
    found = decode(text, ["B-PER", "I-PER", "O", "O", "B-OTH", "O", "B-LOC", "O"])
    assert [(m.text, m.label, m.inside) for m in found] == [
        ("Anna Berger", "PER", False), ("Spiegel", "MISC", False), ("Graz", "LOC", False)]
    assert all(text[m.start:m.end] == m.text for m in found)


def test_part_tokens_yield_the_inner_name_and_deriv_is_dropped():
    text = "Der Voest-Chef mag die steirische Ex-Siemens-Kultur ."
    found = decode(text, ["O", "B-ORGpart", "O", "O", "B-LOCderiv", "B-ORGpart", "O"])
    assert [(m.text, m.label, m.inside) for m in found] == [
        ("Voest", "ORG", True), ("Siemens", "ORG", True)]
    assert all(text[m.start:m.end] == m.text for m in found)


def test_inner_entity_of_a_multiword_part_chunk():
    text = "New York-Reise"
    start, end = inner_entity(text, 0, len(text))
    assert text[start:end] == "New York"
    assert inner_entity("Aktienkurs", 0, 10) is None


def test_propagation_adds_missed_occurrences_and_surnames():
    text = "Paula Kern aus Graz lacht. Kern schweigt. Kerns Hund bellt. Graz ist leer."
    spans = tokenize(text)
    first = [Mention(0, 10, "Paula Kern", "PER", score=0.95),
             Mention(15, 19, "Graz", "LOC", score=0.9)]
    found = propagate(text, spans, first)
    assert [(m.text, m.label) for m in found] == [
        ("Paula Kern", "PER"), ("Graz", "LOC"), ("Kern", "PER"), ("Kerns", "PER"), ("Graz", "LOC")]
    assert all(text[m.start:m.end] == m.text for m in found)
    assert found[2].score < 0.95


def test_unconfident_or_conflicting_names_are_not_propagated():
    text = "Bauer kam. Bauer ging. Linz wartet. Linz schlief."
    spans = tokenize(text)
    weak = [Mention(0, 5, "Bauer", "PER", score=0.5),
            Mention(23, 27, "Linz", "LOC", score=0.9), Mention(36, 40, "Linz", "ORG", score=0.9)]
    assert propagate(text, spans, weak) == weak


def test_compound_with_role_head_yields_gazetteer_or_document_name():
    text = "Die Voestalpine-Chefin sprach. Lisa Wagner lachte, Wagner-Fans jubelten. Ein Werbe-Chef nicht."
    spans = tokenize(text)
    found = propagate(text, spans, [Mention(31, 42, "Lisa Wagner", "PER", score=0.95)])
    assert [(m.text, m.label, m.inside) for m in found] == [
        ("Voestalpine", "ORG", True), ("Lisa Wagner", "PER", False), ("Wagner", "PER", True)]
    assert all(text[m.start:m.end] == m.text for m in found)


def test_doubtful_mention_takes_the_label_stated_confidently_elsewhere():
    text = "Lisa Wagner kam. Wagner ging."
    spans = tokenize(text)
    found = propagate(text, spans, [Mention(0, 11, "Lisa Wagner", "PER", score=0.95),
                                     Mention(17, 23, "Wagner", "ORG", score=0.4)])
    assert [(m.text, m.label) for m in found] == [("Lisa Wagner", "PER"), ("Wagner", "PER")]


def test_currency_misc_mentions_are_dropped():
    text = "Das kostet 5 Euro ."
    assert decode(text, ["O", "O", "O", "B-OTH", "O"]) == []


def test_slash_splits_names_and_leading_role_compound_is_trimmed():
    text = "Voest/Siemens und Voest-Chefin Eva Lang"
    found = decode(text, ["B-ORG", "I-ORG", "I-ORG", "O", "B-PER", "I-PER", "I-PER"])
    assert [(m.text, m.label) for m in found] == [("Voest", "ORG"), ("Siemens", "ORG"),
                                                  ("Eva Lang", "PER")]


def test_brackets_and_question_marks_split_chunks_and_lowercase_edges_are_trimmed():
    text = "Google und Facebook ( jetzt Meta ) kamen"
    found = decode(text, ["B-OTH", "I-OTH", "I-OTH", "I-OTH", "I-OTH", "I-OTH", "O", "O"])
    assert [(m.text, m.label) for m in found] == [("Google und Facebook", "MISC"), ("Meta", "MISC")]
