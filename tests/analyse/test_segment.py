"""The shared segmentation (dossier/analyse/segment): one object per text, offsets that hold,
part-of-speech tags on demand, and every stage of an article reading the same one."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analyse import analyse, build_pipeline
from dossier.analyse.segment import Sentence, pos_tags, segmentation
from dossier.model import Article

TEXT = ("Die Stadtwerke erhöhen am 3. Januar die Preise um 4,5 Prozent. „Wir hatten keine Wahl“, "
        "sagte die Geschäftsführerin Anna Berg z.B. im Stadtrat.\nNeue Tarife\nDer Rat plant eine "
        "Sondersitzung, heißt es.")


def test_tokens_and_sentences_point_into_the_text():
    seg = segmentation(TEXT)
    assert all(TEXT[t.start:t.end] == t.text for t in seg.tokens)
    assert [TEXT[s.start:s.end] for s in seg.sentences] == [
        "Die Stadtwerke erhöhen am 3. Januar die Preise um 4,5 Prozent.",
        "„Wir hatten keine Wahl“, sagte die Geschäftsführerin Anna Berg z.B. im Stadtrat.",
        "Neue Tarife",
        "Der Rat plant eine Sondersitzung, heißt es."]
    first = seg.sentences[0]
    assert [t.text for t in seg.sentence_tokens(first)][-3:] == ["4,5", "Prozent", "."]
    assert seg.sentence_at(TEXT.index("Anna")) == seg.sentences[1]
    assert seg.sentence_at(len(TEXT) + 5) is None


def test_tags_are_lemma_and_stts_per_token_of_a_sentence():
    seg = segmentation(TEXT)
    tags = seg.tags(3)
    words = [t.text for t in seg.sentence_tokens(seg.sentences[3])]
    assert len(tags) == len(words)
    plant = tags[words.index("plant")]
    assert plant.pos == "VV(FIN)" and plant.lemma == "planen"
    assert pos_tags(()) == ()


def test_the_quote_view_keeps_a_quotation_in_one_sentence():
    text = "„Das ist falsch. Wir prüfen das“, sagte Berg. Dann ging sie."
    view = segmentation(text).quoted
    first, last = view.sentences[0]
    assert text[view.tokens[first].start:view.tokens[last - 1].end] == "„Das ist falsch. Wir prüfen das“, sagte Berg."
    assert [(p.open, p.close) for p in view.pairs] == [(0, text.index("“"))] and view.nested == []


def test_every_stage_of_an_article_shares_one_segmentation():
    segmentation.cache_clear()
    article = Article(id="s1", raw_text=TEXT, text=TEXT, published="2024-01-02", language="de")
    analyse(article, build_pipeline())
    info = segmentation.cache_info()
    assert info.misses == 1 and info.hits >= 1  # NER computed it, the quote stage reused it
    assert "quoted" in vars(segmentation(TEXT)) and "token_spans" in vars(segmentation(TEXT))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcXYZäÖß .,!?„“\"-–\n0123456789", max_size=120))
def test_offsets_hold_for_any_text(text):
    seg = segmentation(text)
    assert all(text[t.start:t.end] == t.text and t.text.strip() for t in seg.tokens)
    covered = [i for s in seg.sentences for i in range(s.first, s.last)]
    assert covered == list(range(len(seg.tokens)))
    assert all(isinstance(s, Sentence) and s.start < s.end for s in seg.sentences)
    for a, b in seg.quoted.sentences:
        assert 0 <= a < b <= len(seg.quoted.tokens)


def test_tags_lemmatise_only_when_a_lemma_is_read():
    from dossier.analyse.hanta import hanta

    words = ("Die", "Ministerin", "sagte", ",", "der", "Bau", "beginne", "im", "Frühjahr", ".")
    pos_tags.cache_clear()
    tags = pos_tags(words)
    assert all(tag._lemma is None for tag in tags)  # tagging alone ran no lemmatiser
    assert [tag.pos for tag in tags] == hanta().tag_sent(list(words), taglevel=0)
    full = hanta().tag_sent(list(words), taglevel=1)
    assert [(tag.lemma, tag.pos) for tag in tags] == [(lemma, pos) for _, lemma, pos in full]
    lemma, pos = tags[6]
    assert (lemma, pos) == tags[6] and tags[6][1] == pos and lemma == "beginnen"
