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


def test_the_number_view_keeps_german_numbers_whole_and_skips_identifiers():
    text = ("Der Konzern zahlte 1.234.567,89 Euro für 1 234 Aktien zu je 5,- Euro und 977'000 Franken; "
            "am 30.11.2023 um 12.30 Uhr kamen 10Mio Masten für 5G dazu, ½ davon billiger, "
            "siehe www.beispiel.de/2023 oder +49 30 1234567.")
    tokens = segmentation(text).number_tokens
    assert tokens is segmentation(text).number_tokens  # computed once per text
    assert all(text[t.start:t.end] == t.text for t in tokens)
    numbers = [t.text for t in tokens if t.kind == "num"]
    assert numbers == ["1.234.567,89", "1 234", "5,-", "977'000", "10"]  # a date, a time, 5G: no numbers
    assert [t.text for t in tokens if t.kind == "vulgar"] == ["½"]
    assert "dreiviertel" not in numbers and "Franken" in [t.text for t in tokens if t.kind == "word"]
    tail = [t.text for t in tokens if t.start >= text.index("www")]
    assert tail == ["oder", "."]  # the URL and the phone number are masked


SPANS_TEXT = ("Der Umsatz stieg um 5 Prozent. Im 18. Bezirk gab es ca. 100 Stimmen. (APA, 1.12.2015)\n\n"
              "Neue Zahlen kamen von Dr. Berg.")


def test_sentence_spans_tile_the_text_and_find_the_sentence_of_any_offset():
    seg = segmentation(SPANS_TEXT)
    spans = seg.sentence_spans
    assert [SPANS_TEXT[a:b] for a, b in spans] == [
        "Der Umsatz stieg um 5 Prozent. ", "Im 18. Bezirk gab es ca. 100 Stimmen. ", "(APA, 1.12.2015)\n\n",
        "Neue Zahlen kamen von Dr. Berg."]
    assert spans[0][0] == 0 and spans[-1][1] == len(SPANS_TEXT)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert seg.sentence_index(SPANS_TEXT.index("Bezirk")) == 1
    assert seg.sentence_index(SPANS_TEXT.index("Berg")) == 3  # "Dr." ends no sentence
    assert seg.sentence_index(SPANS_TEXT.index("Prozent.") + 8) == 0  # the space after a sentence
    assert segmentation("").sentence_spans == [(0, 0)] and segmentation("").sentence_index(0) == 0


def test_tokens_and_words_between_take_only_what_lies_wholly_inside():
    seg = segmentation(SPANS_TEXT)
    start, end = SPANS_TEXT.index("Im"), SPANS_TEXT.index("gab") + 2
    assert [t.text for t in seg.tokens_between(start, end)] == ["Im", "18", ".", "Bezirk"]
    words = seg.word_spans_between(start - 1, end + 1)
    assert [SPANS_TEXT[a:b] for a, b in words] == ["Im", "18.", "Bezirk", "gab"]
    assert [SPANS_TEXT[a:b] for a, b in seg.word_spans][-2:] == ["Dr.", "Berg."]


def test_punctuation_sentences_split_as_the_figure_rules_expect():
    spans = segmentation(SPANS_TEXT).punctuation_sentences
    assert [SPANS_TEXT[a:b] for a, b in spans] == [
        "Der Umsatz stieg um 5 Prozent.", " Im 18.", " Bezirk gab es ca. 100 Stimmen. (APA, 1.12.2015)\n\n",
        "Neue Zahlen kamen von Dr. Berg."]
    one_line = "Erster Satz\nzweite Zeile. Dritter Satz"  # a single line break ends none here
    assert len(segmentation(one_line).punctuation_sentences) == 2


def test_the_cleaner_heading_rules_read_the_words_view_of_the_clean_text():
    from dossier.clean.headings import find_headings

    text = ("Der Stadtrat tagte am Montag.\n\nNeue Fragen um das „Hallenbad“ Mit knapper Mehrheit "
            "stimmte der Rat am 3. Mai dem Bau zu.")
    segmentation.cache_clear()
    assert [h.text for h in find_headings(text)] == ["Neue Fragen um das „Hallenbad“"]
    seg = segmentation(text)
    assert "word_spans" in vars(seg)  # the analysis stages of this text get the same object
    assert "„Hallenbad“" in [text[a:b] for a, b in seg.word_spans]


def test_the_tag_cache_can_be_asked_without_tagging():
    words = ("Der", "Vorstand", "tagte", "am", "Montag", "in", "Graz", ".")
    pos_tags.cache_clear()
    assert pos_tags.peek(words) is None
    assert pos_tags.cache_info().misses == 0  # asking tagged nothing and counted nothing
    tags = pos_tags(words)
    assert pos_tags.peek(words) is tags and pos_tags(words) is tags
    info = pos_tags.cache_info()
    assert (info.hits, info.misses, info.currsize) == (1, 1, 1)
    pos_tags.cache_clear()
    assert pos_tags.peek(words) is None and pos_tags.cache_info().currsize == 0
