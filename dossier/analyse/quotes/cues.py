"""Cue verbs and Konjunktiv forms in a token sequence.

A finite cue form with a separable particle (``deutete``) counts as that
particle verb only when the particle follows later in the same clause
(``deutete … an``); otherwise it is read as the plain verb, or not as a cue.
"""
from __future__ import annotations

from dataclasses import dataclass

from dossier.analyse.segment.quoted import QUOTE_CHARS, Token

from .lexicon import CueForm, act_phrases, konjunktiv_forms, news_cue_forms

CLAUSE_END = {",", ";", ":", ".", "!", "?", "(", ")", "–", "—"}
# Cue forms that are far more often something else (possessives, nouns at clause start).
AMBIGUOUS = {"meine", "meinen", "sage", "rede", "reden", "antworten", "fragen", "bitte", "danke", "halt",
             "schreiben", "beitrag", "wissen", "gesagt", "erwartet", "erwarten", "glauben", "hoffen",
             "äußerst", "geschweige", "gelobt"}
# Words ending in -e that are never verbs, for the Konjunktiv-I rule.
NOT_VERBS_E = {"die", "eine", "keine", "diese", "jene", "meine", "deine", "seine", "ihre", "unsere", "euere",
               "welche", "solche", "alle", "viele", "einige", "andere", "beide", "ohne", "gerne", "gerade",
               "heute", "ganze", "große", "alte", "neue", "erste", "letzte", "nahe", "ende", "sie"}
SUBJECT_PRONOUNS = {"er", "sie", "es", "man", "das", "dies", "dieser", "diese", "jeder", "niemand", "wer"}


@dataclass(frozen=True)
class Cue:
    index: int            # token index of the (finite) verb
    particle: int | None  # token index of a split particle
    form: CueForm


def clause_end(tokens: list[Token], i: int, stop: int) -> int:
    """Index of the first clause-ending token after ``i`` (or ``stop``)."""
    j = i + 1
    while j < stop and tokens[j].text not in CLAUSE_END and tokens[j].text not in QUOTE_CHARS:
        j += 1
    return j


def cue_at(tokens: list[Token], i: int, stop: int, sentence_start: int) -> Cue | None:
    tok = tokens[i]
    readings = news_cue_forms().get(tok.lower)
    if not readings or tok.lower in AMBIGUOUS:
        return None
    prev = tokens[i - 1].text if i > 0 else ""
    if tok.text[0].isupper() and i != sentence_start and prev not in QUOTE_CHARS and prev not in ":":
        return None  # a capitalised word inside a sentence is a noun (die Frage, das Schreiben)
    end = clause_end(tokens, i, stop)
    plain = None
    for reading in readings:
        if not reading.particle:
            plain = plain or reading
            continue
        for j in range(i + 1, end):
            if tokens[j].lower == reading.particle and _ends_clause(tokens, j + 1, stop):
                return Cue(i, j, reading)
    if plain and plain.kind == "speech" and plain.lemma in act_phrases() and not (end < stop and tokens[end].text in QUOTE_CHARS):
        # sprach von einem fairen Ergebnis: a speech act reported without its content (with its
        # content quoted, sprach von einem „Durchbruch“, the quote is the statement).
        if any(tokens[j].lower == act_phrases()[plain.lemma] for j in range(i + 1, end)):
            plain = CueForm(plain.lemma, "act", plain.particle, plain.finite)
    return Cue(i, None, plain) if plain else None


# News idioms read as cues: "hieß es" / "heißt es" (a source speaks, often unnamed) and
# "wollte … wissen" (asked). Neither verb is a cue on its own (der Film heißt, sie weiß).
IMPERSONAL = "es|heißen"
HEISSEN = {"heißt", "hieß", "heiße", "hiess", "heisst"}
WOLLEN = {"will", "wollte", "wollten", "wollen", "wolle"}
IMPERSONAL_FORM = CueForm(IMPERSONAL, "speech", "", True)
ASK_FORM = CueForm("wissen|wollen", "speech", "", True)


PARTICLE_FOLLOWERS = {"und", "oder", "aber", "sowie", "sich"}


def _ends_clause(tokens: list[Token], j: int, stop: int) -> bool:
    """A split particle stands last in its clause (warf ihm Betrug vor.); one followed by a noun
    phrase is a preposition (droht ihre Kinder an den Ehemann zu verlieren)."""
    return j >= stop or tokens[j].text in CLAUSE_END or tokens[j].text in QUOTE_CHARS or tokens[j].lower in PARTICLE_FOLLOWERS


def find_cues(tokens: list[Token], a: int, b: int, skip: set[int]) -> list[Cue]:
    out = []
    for i in range(a, b):
        if i in skip:
            continue
        cue = cue_at(tokens, i, b, a) or _idiom_at(tokens, i, b)
        if cue:
            out.append(cue)
    return out


def _idiom_at(tokens: list[Token], i: int, b: int) -> Cue | None:
    word = tokens[i].lower
    if word in HEISSEN:
        # hieß es / es hieß, and the clause-final verb of "wie es in einer Erklärung hieß".
        clause = i
        while clause > 0 and tokens[clause - 1].text not in CLAUSE_END:
            clause -= 1
        wie_es = tokens[clause].lower == "wie" and clause + 1 < i and tokens[clause + 1].lower == "es"
        if wie_es or any(0 <= j < b and tokens[j].lower == "es" for j in (i - 1, i + 1)):
            return Cue(i, None, IMPERSONAL_FORM)
    if word in WOLLEN:
        end = clause_end(tokens, i, b)
        for j in range(i + 1, end):
            if tokens[j].lower == "wissen":
                return Cue(i, j, ASK_FORM)
    return None


def konjunktiv_mood(tokens: list[Token], i: int) -> int:
    """1 or 2 when token ``i`` is a Konjunktiv form, else 0."""
    word = tokens[i].lower
    mood = konjunktiv_forms().get(word, 0)
    if mood:
        return mood
    # Regular Konjunktiv I: "er plane", "das gelte" — a lower-case -e form right after a subject pronoun.
    if (word.endswith("e") and not word.endswith("te") and len(word) > 3 and word not in NOT_VERBS_E and tokens[i].text.islower()
            and i > 0 and tokens[i - 1].lower in SUBJECT_PRONOUNS):
        return 1
    return 0


def has_konjunktiv(tokens: list[Token], a: int, b: int, sentence=None) -> bool:
    """A Konjunktiv form in tokens[a:b]. ``sentence``: a function giving ``(first token, tags)`` of the
    sentence holding the span, so the tagger reads whole sentences, once each, and only when needed."""
    if any(konjunktiv_mood(tokens, i) for i in range(a, b)):
        return True
    return regular_konjunktiv_one(tokens, a, b, sentence)


def regular_konjunktiv_one(tokens: list[Token], a: int, b: int, sentence=None) -> bool:
    """A regular Konjunktiv I after any subject (ihr Körper mache, er halte, Sonst drohe …), read off
    the part-of-speech tagger: a finite verb spelled as its lemma's stem + -e. The tagger runs only
    when the span holds a lower-case word in -e that could be one."""
    if not any(t.text.islower() and t.text.endswith("e") and len(t.text) > 3 and t.lower not in NOT_VERBS_E
               for t in tokens[a:b]):
        return False
    from .morph import tag_sentence, tagged_konjunktiv_one

    start, tags = sentence() if sentence else (a, tag_sentence(tuple(t.text for t in tokens[a:b])))
    words = [t.text for t in tokens[start:start + len(tags)]]
    return any(tagged_konjunktiv_one(words[k], tags[k], words[k - 1].lower() if k else "")
               for k in range(a - start, b - start) if words[k].islower())
