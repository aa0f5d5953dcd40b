"""Role nouns in an article: appositions that give a person a role, and role
nouns that stand for a person.

* Apposition: ``X-CEO Linda Yaccarino``, ``Disney-Chef Bob Iger``,
  ``Finanzjournalist Andrew Ross Sorkin`` — the role token directly precedes a
  person mention; ``Linda Yaccarino, die X-Chefin,`` — it follows after a comma.
* Reference: ``der X-Chef``, ``vom heutigen US-Präsidenten``, ``der CEO von
  Tesla`` — a determiner (optionally with adjectives) and a role noun with no
  name after it. The entities stage links such a reference to a person only
  when the article makes the person unambiguous.

The word lists live in ``resources/de/roles.tsv``, ``roles_generic_prefixes.txt``
and ``entity_determiners.txt``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.analyse.entities.names import (
    WORD_RE,
    copulas,
    determiners,
    form_gender,
    generic_role_prefixes,
    office_nouns,
    split_role,
)

# "der CEO von Tesla", "Chef bei Siemens": the organisation follows the role.
ORG_LINK_RE = re.compile(r"\s+(?:von|bei|des|der)\s+")
GENERIC_RE = re.compile(r"\s+(?:oder|und|bzw\.)\s+[a-zäöü]*\s*[A-ZÄÖÜ]")
SPECIFIER_RE = re.compile(r"\s+(?:von|vom|des|der|bei|beim)\s")
MAX_ADJECTIVES = 2


@dataclass
class RolePhrase:
    start: int  # of the role token (or of "CEO von Tesla" when an organisation follows)
    end: int
    text: str
    role: str  # "CEO", "Chef", "Präsident", "Finanzjournalist", "Tech-Milliardär"
    org: str | None  # organisation or place the role belongs to, as written
    org_start: int | None = None
    org_end: int | None = None
    reference: bool = False  # a determiner precedes: the phrase may stand for a person
    lemma: str = ""  # the role noun's base form: "Kanzler" for "Bundeskanzler"
    gender: str = "m"  # "f" for feminine forms ("Chefin")
    specified: bool = False  # "der Chef der konservativen Partei": a genitive names whose role

    def as_role(self, article_id: str, source: str) -> dict:
        return {"role": self.role, "org": self.org, "article": article_id,
                "start": self.start, "end": self.end, "text": self.text, "source": source}


def find_role_phrases(text: str) -> list[RolePhrase]:
    """Every role-noun token in ``text``, with the organisation named in its compound prefix."""
    tokens = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
    phrases = []
    for i, (start, end, token) in enumerate(tokens):
        if not token[:1].isupper():
            continue
        split = split_role(token)
        if split is None:
            continue
        prefix, _form, lemma = split
        reference = _is_reference(tokens, i)
        if reference and _plural_reading(reference, _form, lemma):
            reference = None  # "die Gründer", "der Journalisten": a group rather than one person
        phrase = _phrase(start, end, token, prefix, lemma, reference is not None)
        phrase.gender = form_gender(_form, lemma)
        phrase.specified = bool(SPECIFIER_RE.match(text, end))
        if GENERIC_RE.match(text, end):
            phrase.reference = False  # "der Trainer oder Lehrer": anyone in that role
        phrases.append(phrase)
    return phrases


def _phrase(start: int, end: int, token: str, prefix: str, lemma: str, reference: bool) -> RolePhrase:
    if prefix and token.startswith(prefix + "-"):
        if prefix.casefold() not in generic_role_prefixes() and prefix[:1].isupper():
            # "Tesla-Chef": the prefix names whose chef it is.
            return RolePhrase(start, end, token, lemma, prefix, start, start + len(prefix), reference, lemma)
        role = f"{prefix}-{lemma}"  # "Tech-Milliardär": the prefix only describes the role
    elif prefix:
        role = prefix + lemma.lower()  # "Finanz" + "journalist"
    else:
        role = lemma
    return RolePhrase(start, end, token, role, None, None, None, reference, lemma)


def _plural_reading(determiner: str, form: str, lemma: str) -> bool:
    """``die``/``der`` with a masculine form other than the nominative singular reads as a
    plural (``die Gründer``, ``der Journalisten``); feminine forms (``die Chefin``) do not."""
    if form.casefold().endswith("in"):
        return False
    if determiner == "die":
        return True
    return determiner == "der" and form.casefold() != lemma.casefold()


def _is_reference(tokens: list[tuple[int, int, str]], i: int) -> str | None:
    """The determiner, when one precedes the role token (at most two lower-case adjectives between)."""
    j = i - 1
    adjectives = 0
    while j >= 0 and tokens[j][2][:1].islower() and tokens[j][2].casefold() not in determiners():
        adjectives += 1
        if adjectives > MAX_ADJECTIVES:
            return None
        j -= 1
    if j >= 0 and tokens[j][2].casefold() in determiners():
        if j > 0 and tokens[j - 1][2].casefold() in copulas():
            return None  # "Ich bin der Trainer": a predicate, not a reference
        if j > 0 and tokens[j - 1][2].casefold() in office_nouns():
            return None  # "das Amt des Bundespräsidenten": the office, not its holder
        return tokens[j][2].casefold()
    return None


def attach_following_org(text: str, phrase: RolePhrase, org_spans: list[tuple[int, int]]) -> RolePhrase:
    """``der CEO von Tesla``: take the organisation mention right after ``von``/``bei``/``der``."""
    if phrase.org is not None:
        return phrase
    for start, end in org_spans:
        if start > phrase.end and ORG_LINK_RE.fullmatch(text[phrase.end:start]):
            return RolePhrase(phrase.start, end, text[phrase.start:end], phrase.role,
                              text[start:end], start, end, phrase.reference, phrase.lemma, phrase.gender)
    return phrase
