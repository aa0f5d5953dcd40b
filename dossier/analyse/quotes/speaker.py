"""Who said it: find the speaker phrase next to a cue and resolve it to an entity.

A speaker phrase is an entity mention (PER or ORG, from ``article.mentions``),
a third-person pronoun (``er``, ``sie``) or a role noun (``der X-Chef``). Pronouns
and bare role nouns are resolved to the most salient compatible entity before
them: the nearest earlier sentence that has one, and in it the first candidate,
because German news puts the subject, usually the topic, first.

Compatible means type, gender and number. A person's gender comes from their
first name (person_first_name_gender.tsv) or a role noun in front of the name
(Stadträtin Petra Lang); an organisation's from the articles in front of its
mentions in this article (die SPD: feminine, der Konzern Arnolt: masculine);
a role noun's own from its ending or its article (die Ministerin, der Sprecher,
die Vorsitzende). ``sie`` next to a plural verb (sagten sie) is plural: it fits
no single person, only an organisation named as a plural (die Grünen). Whatever
shows no gender fits either, except that ``er`` needs a masculine organisation.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dossier.analyse.segment.quoted import Token
from dossier.model import Entity, Mention

from .lexicon import (addressee_nouns, first_name_genders, gender_cues, news_cue_forms, org_role_nouns,
                      pronoun_genders, pronouns, role_nouns)

PREPOSITIONS = {"von", "mit", "bei", "an", "über", "für", "gegen", "zu", "aus", "nach", "vor", "auf", "um", "durch", "ohne"}
ARTICLES = {"der", "die", "den", "dem", "des", "ein", "eine", "einen", "dieser", "diese", "dessen"}
INDEFINITE = {"ein", "eine", "einem", "einen", "einer", "eines"}
DEFINITE = {"der", "die", "das"}
POSSESSIVES = {"sein", "seine", "ihr", "ihre", "unser", "unsere"}
FIRST_SECOND = {"ich", "wir", "du", "ihr", "man", "mir", "uns", "mich"}
LOOKBACK_SENTENCES = 4
MASC, FEM, PLURAL = "m", "f", "pl"
CLAUSE_OPENERS = {",", ";", ":", "(", "–", "—", "„", "“", "\"", "»", "«"}
PERFECT = {"hat", "haben", "hatte", "hatten"}
SENTENCE_OPENERS = {":", "(", "„", "“", "\"", "»", "«"}


@dataclass(frozen=True)
class Speaker:
    start: int
    end: int
    name: str | None
    entity: str | None
    type: str | None
    anonymous: bool = False   # a source the article does not name (hieß es aus Regierungskreisen)


# The three word tests are pure functions of the word, asked for every token: cached.
@lru_cache(maxsize=65536)
def is_role_noun(word: str) -> bool:
    return _matches_role(word, role_nouns())


@lru_cache(maxsize=65536)
def is_org_role_noun(word: str) -> bool:
    """A noun that stands for an organisation speaking (das Unternehmen, der Konzern, die Behörde)."""
    return _matches_role(word, org_role_nouns())


@lru_cache(maxsize=65536)
def is_addressee(word: str) -> bool:
    """A noun for whom a statement was made (der Zeitung, dem Sender), not who made it."""
    return _matches_role(word, addressee_nouns())


def _matches_role(word: str, roles: tuple[str, ...]) -> bool:
    """``word`` or its last hyphen part is one of ``roles``, or that part ends in one (lower-cased)
    after at least three more letters (Pressesprecher ends in Sprecher)."""
    exact, shortest = _role_index(roles)
    tail = word.split("-")[-1]
    if word in exact or tail in exact:
        return True
    n = len(tail)
    return any(n > shortest.get(tail[n - k:], n) + 2 for k in range(1, n + 1))


@lru_cache(maxsize=8)
def _role_index(roles: tuple[str, ...]) -> tuple[frozenset[str], dict[str, int]]:
    """The roles as they are, and lower-cased role -> length of the shortest role written so."""
    shortest: dict[str, int] = {}
    for role in roles:
        low = role.lower()
        shortest[low] = min(len(role), shortest.get(low, len(role)))
    return frozenset(roles), shortest


class SpeakerFinder:
    """Speaker candidates of one article, indexed by token."""

    def __init__(self, tokens: list[Token], sents: list[tuple[int, int]], mentions: list[Mention],
                 entities: list[Entity]):
        self.tokens = tokens
        self.sents = sents
        self.sent_of = [0] * len(tokens)
        for s, (a, b) in enumerate(sents):
            for i in range(a, b):
                self.sent_of[i] = s
        self.by_id = {e.id: e for e in entities}
        self.mention_at: dict[int, Mention] = {}
        self.mention_end: dict[int, int] = {}
        starts = {t.start: i for i, t in enumerate(tokens)}
        for m in mentions:
            if m.label not in ("PER", "ORG") or m.inside or m.start not in starts:
                continue
            i = starts[m.start]
            j = i
            while j + 1 < len(tokens) and tokens[j + 1].end <= m.end:
                j += 1
            if tokens[j].end != m.end:
                continue  # "Tesla" in "Tesla-Mitarbeiter": part of a word, not a speaker
            self.mention_at[i] = m
            self.mention_end[i] = j
        self.resolved: dict[int, Speaker] = {}  # pronoun / role-noun token -> what it was resolved to
        self.gender = self._article_genders(entities)

    # -- candidates --------------------------------------------------------
    def candidate_at(self, i: int) -> Speaker | None:
        """A speaker phrase starting at token ``i``, resolved, or None."""
        if i in self.mention_at:
            m, nxt = self.mention_at[i], self.mention_end[i] + 1
            if m.text.endswith("s") and nxt < len(self.tokens) and self.tokens[nxt].text[:1].isupper():
                return None  # genitive attribute (Doskozils Sprecher): the owner, not the speaker
            return self._from_mention(m)
        word = self.tokens[i].text
        table = pronouns()
        if word.lower() in table and table[word.lower()][1] == "nom" and word.lower() != "es":
            return self.resolve_pronoun(i)
        if is_role_noun(word) and i > 0 and self.tokens[i - 1].lower in INDEFINITE:
            return self.unnamed_role(i)
        if is_role_noun(word) and i > 0 and self.tokens[i - 1].lower in ARTICLES:
            return self.resolve_role(i)
        if word[:1].isupper() and i > 0 and self.tokens[i - 1].lower in ARTICLES | {"umstrittene"} and is_role_noun(word):
            return self.resolve_role(i)
        if is_org_role_noun(word) and i > 0 and self.tokens[i - 1].lower in DEFINITE | POSSESSIVES:
            return self.resolve_role(i, ("ORG",))
        return None

    def is_first_or_second_person(self, i: int) -> bool:
        word = self.tokens[i].lower
        if word == "ihr" and i + 1 < len(self.tokens) and self.tokens[i + 1].text[:1].isupper():
            return False  # a possessive (Ihr Verein bestätigte …), not "you"
        return word in FIRST_SECOND

    def _from_mention(self, m: Mention) -> Speaker:
        ent = self.by_id.get(m.entity) if m.entity else None
        name = ent.name if ent else m.text
        etype = ent.type if ent else m.label
        return Speaker(m.start, m.end, name, m.entity, etype)

    # -- resolution --------------------------------------------------------
    def resolve_pronoun(self, i: int) -> Speaker:
        tok = self.tokens[i]
        if i in self.resolved:
            return self.resolved[i]
        types = pronouns()[tok.lower][0]
        want = pronoun_genders().get(tok.lower, frozenset())
        # A capital 'Sie' inside a sentence (not after a colon or a quotation mark) is the polite 'you'.
        formal = tok.text == "Sie" and i > 0 and self.sent_of[i - 1] == self.sent_of[i] \
            and self.tokens[i - 1].text not in SENTENCE_OPENERS
        if formal:
            want = frozenset()  # Herr Urmson, Sie betonen …: the addressed person, of any gender
        elif tok.lower == "sie" and self._finite_verb_next_to(i, plural=True):
            want = frozenset({PLURAL})  # sagten sie / Sie forderten: several people or a group
        found = self._salient_before(i, types, want)
        # Unresolved next to its verb (Er kündigte … an; sagten sie), the pronoun still speaks: someone
        # the article does not name here.
        sp = Speaker(tok.start, tok.end, found.name if found else None, found.entity if found else None,
                     found.type if found else None, anonymous=found is None and self._finite_verb_next_to(i, cue=True))
        self.resolved[i] = sp
        return sp

    def resolve_role(self, i: int, types: tuple[str, ...] = ("PER",)) -> Speaker:
        tok = self.tokens[i]
        # "X-CEO Linda Yaccarino": the name right after the role noun is the speaker.
        if i + 1 in self.mention_at and self.mention_at[i + 1].label == "PER":
            return self._from_mention(self.mention_at[i + 1])
        named = self._apposition_name(i)
        if named is not None:
            return named
        start = i
        while start > 0 and self.tokens[start - 1].lower in ARTICLES | POSSESSIVES | {"umstrittene", "neue", "frühere", "ehemalige"}:
            start -= 1
        want = self.role_gender(i) if types == ("PER",) else frozenset()
        found = self._salient_before(i, types, want)
        # Unresolved, the role still speaks (sagte der Richter): its own words name it, no entity.
        sp = Speaker(self.tokens[start].start, tok.end, found.name if found else self._text_between(self.tokens[start].start, tok.end),
                     found.entity if found else None, found.type if found else None)
        self.resolved[i] = sp
        return sp

    def _apposition_name(self, i: int) -> Speaker | None:
        """'die Vorsitzende des Mietervereins, Eva Thiele': the name set off by a comma after the role
        noun (and its genitive attribute) is the speaker."""
        j = i + 1
        if j < len(self.tokens) and self.tokens[j].lower in ("des", "der", "von"):
            j += 1
            while j < min(len(self.tokens), i + 6) and self.tokens[j].text[:1].isalpha():
                j += 1
        if j + 1 < len(self.tokens) and self.tokens[j].text == "," and j + 1 in self.mention_at:
            m = self.mention_at[j + 1]
            if m.label == "PER":
                return self._from_mention(m)
        return None

    def unnamed_role(self, i: int) -> Speaker:
        """'ein Sprecher des Konzerns': a person not named; the organisation in the genitive speaks through them."""
        start, end = self.tokens[i - 1].start, self.tokens[i].end
        entity = etype = None
        j = i + 1
        if j + 1 < len(self.tokens) and self.tokens[j].lower in ("des", "der", "von") and j + 1 in self.mention_at:
            m = self.mention_at[j + 1]
            if m.label == "ORG":
                org = self._from_mention(m)
                entity, etype, end = org.entity, org.type, m.end
        text = self._text_between(start, end)
        return Speaker(start, end, text, entity, etype)

    def _text_between(self, start: int, end: int) -> str:
        parts, prev_end = [], None
        for tok in self.tokens:
            if tok.start >= start and tok.end <= end:
                parts.append(("" if prev_end == tok.start else " ") + tok.text if parts else tok.text)
                prev_end = tok.end
        return "".join(parts)

    def _salient_before(self, i: int, types: tuple[str, ...], want: frozenset[str] = frozenset()) -> Speaker | None:
        s = self.sent_of[i]
        for back in range(0, LOOKBACK_SENTENCES + 1):
            if s - back < 0:
                break
            a, b = self.sents[s - back]
            hi = i if back == 0 else b
            for j in range(a, hi):
                sp = self._known_at(j)
                if sp and sp.type in types and sp.name and not self.after_preposition(j) and self.fits(sp, want):
                    return sp
        return None

    def _known_at(self, j: int) -> Speaker | None:
        if j in self.resolved:
            return self.resolved[j]
        if j in self.mention_at:
            return self._from_mention(self.mention_at[j])
        return None

    def after_preposition(self, j: int) -> bool:
        return j > 0 and self.tokens[j - 1].lower in PREPOSITIONS

    def span_end(self, i: int, sp: Speaker | None = None) -> int:
        """Last token index of the speaker phrase starting at ``i`` (through ``sp.end`` when given)."""
        j = self.mention_end.get(i, i)
        if sp is not None:
            while j + 1 < len(self.tokens) and self.tokens[j + 1].end <= sp.end:
                j += 1
        return j


    # -- gender and number ---------------------------------------------------
    def fits(self, sp: Speaker, want: frozenset[str]) -> bool:
        """Whether a candidate can be referred to by a word of the genders ``want`` (empty: anything)."""
        if not want:
            return True
        known = self.gender.get(sp.entity or sp.name or "")
        if sp.type == "ORG":
            if PLURAL in want:  # sagten sie: an organisation named as a plural (die Grünen, die Republikaner)
                words = (sp.name or "").split()
                return (known is not None and PLURAL in known and bool(words) and words[-1].endswith(("en", "er"))
                        and not {"der", "des"} & {w.lower() for w in words})  # not Akademie der Wissenschaften
            if known is None:
                return FEM in want  # an organisation the article shows no article for: sie, as before
            # 'er' only for one the article shows masculine in the nominative (Der Konzern Arnolt …):
            # des/dem (m or n) is too weak next to the far likelier person.
            return bool(known & want) and (MASC not in want or known == {MASC})
        if PLURAL in want:
            return False
        return known is None or bool(known & want)

    def role_gender(self, i: int) -> frozenset[str]:
        """Gender of the role noun at ``i``: its ending (Ministerin), else its article (die Vorsitzende)."""
        word, cues = self.tokens[i].text, gender_cues()
        if word in cues.role_neutral:
            return frozenset()
        for suffix, genders in cues.role_suffixes:
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                if genders:
                    return genders - {PLURAL} or genders
                return self._determiner_gender(i) - {PLURAL}
        return frozenset({MASC})

    def _determiner_gender(self, i: int) -> frozenset[str]:
        """Genders the article in front of the phrase ending at ``i`` allows (empty: no article found).
        Walks back over up to two adjectives or nouns (der französische Autobauer Renault)."""
        cues = gender_cues().determiners
        k = i - 1
        while k >= 0 and i - k <= 3 and self.tokens[k].lower not in cues and self._inside_noun_phrase(k):
            k -= 1
        if k < 0 or self.tokens[k].lower not in cues:
            return frozenset()
        word = self.tokens[k].lower
        if word == "der" and (k == 0 or self.tokens[k - 1].text in CLAUSE_OPENERS or self.sent_of[k - 1] != self.sent_of[k]):
            return frozenset({MASC})  # Der Chemiekonzern Arnolt …: nominative, masculine
        return cues[word]

    def _inside_noun_phrase(self, k: int) -> bool:
        """A noun or an inflected adjective between an article and its head (not a preposition or a name)."""
        tok = self.tokens[k]
        if not tok.text.isalpha() or k in self.mention_at:
            return False
        return tok.text[:1].isupper() or tok.lower.endswith(("e", "en", "er", "es", "em"))

    def _article_genders(self, entities: list[Entity]) -> dict[str, frozenset[str]]:
        """Entity (id, or mention text) -> the genders its mentions in this article show."""
        names = {e.id: e.name for e in entities}
        out: dict[str, frozenset[str]] = {}
        conflict: set[str] = set()
        for i, m in self.mention_at.items():
            key = m.entity or m.text
            if m.label == "PER":
                seen = self._person_gender(i, names.get(m.entity, m.text) if m.entity else m.text)
            else:
                seen = self._determiner_gender(i)
            if not seen or key in conflict:
                continue
            merged = out.get(key, seen) & seen
            if merged:
                out[key] = merged
            else:
                conflict.add(key)  # the article contradicts itself: leave it open
                out.pop(key, None)
        return out

    def _person_gender(self, i: int, name: str) -> frozenset[str]:
        words = [w for w in name.split() if not w.endswith(".")]  # Dr. Prof.
        first = words[0] if len(words) > 1 else ""
        gender = first_name_genders().get(first) or first_name_genders().get(first.split("-")[0])
        seen = frozenset({gender}) if gender else frozenset()
        if i > 0 and is_role_noun(self.tokens[i - 1].text):  # Stadträtin Petra Lang, Bürgermeister Stein
            role = self.role_gender(i - 1)
            if seen and role and not seen & role:
                return frozenset()  # the name and the role disagree (Stadträtin Toni …): leave it open
            seen = seen or role
        return seen

    def _finite_verb_next_to(self, i: int, plural: bool = False, cue: bool = False) -> bool:
        """A finite verb right before or after the pronoun; ``plural``: one in -n (sagten sie, Sie
        forderten; not kann, begann); ``cue``: a cue verb or perfect auxiliary (not würden sie …)."""
        a, b = self.sents[self.sent_of[i]]
        near = [j for j in (i - 1, i + 1) if a <= j < b and self.tokens[j].text.islower() and (not plural or (
                self.tokens[j].text.endswith("n") and not self.tokens[j].text.endswith("nn")))
                and (not cue or self.tokens[j].lower in news_cue_forms() or self.tokens[j].lower in PERFECT)]
        if not near:
            return False
        from .morph import tag_sentence

        tags = tag_sentence(tuple(t.text for t in self.tokens[a:b]))
        return any("FIN" in tags[j - a].pos for j in near)
