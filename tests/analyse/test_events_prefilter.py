"""The events prefilter's word look-up (which trigger stems a word holds) against a plain
reading of its table: every start stem at every prefix length, every end stem at every
suffix length. The fast path only skips words whose first or last letters no stem has."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analyse.events import lexicon
from dossier.analyse.events.prefilter import _table, may_hold_event, may_trigger, word_stems


def _plain_stems(word: str) -> list[str]:
    shapes = _table()[0]
    starts, ends = shapes.get("start", frozenset()), shapes.get("end", frozenset())
    found = [word] if word in shapes.get("word", ()) else []
    rests = [word[len(p):] for p in ("", "ge", "zu") if word.startswith(p)]
    rests += [p + word[len(p) + 2:] for p in lexicon.verb_forms()[1]
              if word.startswith(p) and word[len(p):len(p) + 2] in ("ge", "zu")]
    for rest in rests:
        found += [rest[:k] for k in range(3, len(rest) + 1) if rest[:k] in starts]
    for ending in range(4):
        core = word[:len(word) - ending] if ending else word
        found += [core[-k:] for k in range(3, len(core) + 1) if core[-k:] in ends]
    return found


WORDS = ["übernimmt", "übernahm", "übernommen", "Übernahmen", "Milliarden-Übernahme", "warnstreiks",
         "abzubauen", "zurückgetreten", "insolvent", "klagt", "verklagte", "präsidentschaftswahl",
         "konzernchefin", "ceo", "der", "und", "jahresbilanz", "a", "", "ab", "geht"]


def test_known_words_hold_the_stems_a_plain_reading_finds():
    for word in WORDS:
        assert list(word_stems(word.lower())) == _plain_stems(word.lower()), word
    assert may_trigger("übernimmt") and may_trigger("warnstreiks") and not may_trigger("jahresbilanz")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghiklmnoprstuvwzäöüß-", max_size=24))
def test_any_word_holds_the_stems_a_plain_reading_finds(word):
    assert list(word_stems(word)) == _plain_stems(word)


def test_a_sentence_is_read_only_up_to_its_last_trigger_with_a_name_near():
    text = "Nordwind übernimmt Südstern, sagte die Chefin am Montag."
    spans = [(0, 8), (9, 18), (19, 27), (27, 28), (29, 34), (35, 38), (39, 45), (46, 48), (49, 55), (55, 56)]
    assert may_hold_event(text, spans, [(0, 8, "ORG"), (19, 27, "ORG")]) == 18
    assert may_hold_event(text, spans, []) is None  # nobody named near it


def _spans(text):
    from dossier.analyse.events.text import sentence_spans

    return sentence_spans(text)[0]


def test_a_role_only_a_figure_fills_needs_a_figure_of_its_kind_in_the_sentence():
    text = "Der Anteil von Nordwind an Südstern ist zuletzt gestiegen."
    names = [(15, 23, "ORG"), (27, 35, "ORG")]
    assert may_hold_event(text, _spans(text), names, figure_kinds=set()) is None
    assert may_hold_event(text, _spans(text), names, figure_kinds={"money"}) is None
    assert may_hold_event(text, _spans(text), names, figure_kinds={"percent"}) == text.index(" von")
    assert may_hold_event(text, _spans(text), names) == text.index(" von")  # figures unknown: kept


def test_becoming_a_leader_needs_the_leadership_noun_right_after_the_verb():
    text = "Nordwind-Chef Karl Huber wird im Herbst wohl nicht mehr gebraucht."
    names = [(0, 8, "ORG"), (14, 24, "PER")]
    # the leadership noun counts for itself; "wird" does not, as no such noun follows it
    assert may_hold_event(text, _spans(text), names) == len("Nordwind-Chef")
    text = "Karl Huber wird neuer Chef von Nordwind."
    assert may_hold_event(text, _spans(text), [(0, 10, "PER"), (31, 39, "ORG")]) == text.index(" von")
