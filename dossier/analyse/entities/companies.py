"""Company names in business news: one entity for ``der Chiphersteller Infineon Technologies AG``,
``Infineon Technologies``, ``Infineon`` and ``(IFX)``.

* a descriptor noun glued to the front of a name is cut off (``Chiphersteller Infineon`` ->
  ``Infineon``; heads in ``entity_company_descriptors.txt``);
* a legal form at the end (``AG``, ``GmbH``, ``SE``, ``Inc.``; ``entity_legal_forms.txt``) is
  left out of the name's key, so the forms with and without it meet;
* a one-word name joins the one organisation name of the article that starts with it
  (``Infineon`` -> ``Infineon Technologies AG``), when only one such name exists and the word is
  not a person's surname or a place in this article — also when the model tagged it PER. The
  longer name must read as the company's full name: a legal form at its end, or only words that
  continue company names after the first (``entity_company_name_words.txt``: ``Technologies``,
  ``Holding``); ``Apple TV``, ``ÖVP Wien`` or ``Google Fahrzeuge`` name something else.

The bracketed acronym (``Infineon Technologies AG (IFX)``) is paired by the parenthetical-alias
rule, and one name keeps one type within an article because a cluster's mentions all take the
cluster's voted type.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from dossier.analyse.entities.names import _casefolded_lines, compact_key, name_tokens
from dossier.model import Mention

COMPANY_LABELS = frozenset({"ORG", "MISC"})


@cache
def legal_forms() -> tuple[str, ...]:
    """Legal-form suffixes, longest first (``GmbH & Co. KG`` before ``KG``)."""
    return tuple(sorted(_casefolded_lines("entity_legal_forms.txt"), key=len, reverse=True))


@cache
def company_name_words() -> frozenset[str]:
    return _casefolded_lines("entity_company_name_words.txt")


@cache
def descriptor_heads() -> tuple[str, ...]:
    return tuple(sorted(_casefolded_lines("entity_company_descriptors.txt"), key=len, reverse=True))


@lru_cache(maxsize=1 << 16)  # a pure function of the name, asked for each mention several times
def strip_legal_form(name: str) -> str:
    """``Infineon Technologies AG`` -> ``Infineon Technologies``; a name that is only a legal
    form, or one word plus ``AG`` that would become a common word, stays whole."""
    low = name.casefold()
    for form in legal_forms():
        if low.endswith(" " + form) or low.endswith("," + form):
            core = name[: len(name) - len(form)].rstrip(" ,")
            if core and any(ch.isalpha() for ch in core):
                return core
    return name


def is_descriptor(word: str) -> bool:
    """``Chiphersteller``, ``Autobauer``, ``Konzern``: a common noun naming a kind of company."""
    low = word.casefold()
    return word[:1].isupper() and any(low == h or (len(h) >= 5 and low.endswith(h)) for h in descriptor_heads())


def trim_descriptors(text: str, mentions: list[Mention]) -> list[Mention]:
    """Cut a leading descriptor off organisation mentions: ``Chiphersteller Infineon``."""
    out = []
    for m in mentions:
        tokens = m.text.split(" ", 1)
        if m.label in COMPANY_LABELS and len(tokens) == 2 and is_descriptor(tokens[0]) \
                and tokens[1][:1].isupper():
            start = m.start + len(tokens[0]) + 1
            m = replace(m, start=start, text=text[start:m.end])
        out.append(m)
    return out


def companies_tagged_as_people(text: str, mentions: list[Mention]) -> list[Mention]:
    """A PER mention that names a company: one with a legal form (``Moovel Group GmbH``), or one
    right after a descriptor noun (``der Panzerhersteller Krauss-Maffei Wegmann``, ``RWE-Tochter
    Innogy``) that does not start with a first name and is not the surname of a person the
    article names in full (``Investor Carl Icahn … Investor Icahn`` stays a person)."""
    from dossier.analyse.entities.names import first_names

    surnames = {compact_key(name_tokens(m.text)[-1]) for m in mentions
                if m.label == "PER" and len(name_tokens(m.text)) > 1}
    out = []
    for m in mentions:
        if m.label == "PER" and (_has_legal_form(m.text) or (
                _after_descriptor(text, m.start) and compact_key(name_tokens(m.text)[0]) not in first_names()
                and not (len(name_tokens(m.text)) == 1 and compact_key(m.text) in surnames))):
            m = replace(m, label="ORG")
        out.append(m)
    return out


def _has_legal_form(name: str) -> bool:
    return strip_legal_form(name) != name


def _after_descriptor(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start]
    if not before.endswith(" "):
        return False
    words = before.split()
    return bool(words) and is_descriptor(words[-1].split("-")[-1] if "-" in words[-1] else words[-1])


def company_key(form: str) -> str:
    return compact_key(strip_legal_form(form))


def is_full_company_name(form: str) -> bool:
    """``Infineon Technologies AG``, ``Siemens Energy``: a legal form ends it, or every word after
    the first continues a company name."""
    core = strip_legal_form(form)
    if core != form:
        return True
    words = name_tokens(form)[1:]
    return bool(words) and all(w.casefold() in company_name_words() for w in words)


def short_form_targets(forms: list[str], labels: list[str], blocked: set[str]) -> dict[int, int]:
    """Mention index of a one-word name -> index of the one longer organisation name of the
    article that starts with it. The one word may be tagged PER by mistake (``Infineon`` once
    PER, then ORG): ``blocked`` holds the surnames of the article's people and its places."""
    longer: dict[str, set[str]] = {}
    first_index: dict[str, int] = {}
    for i, (form, label) in enumerate(zip(forms, labels)):
        tokens = name_tokens(strip_legal_form(form))
        if label in COMPANY_LABELS and len(tokens) > 1 and is_full_company_name(form):
            head = compact_key(tokens[0])
            longer.setdefault(head, set()).add(company_key(form))
            first_index.setdefault(company_key(form), i)
    targets = {}
    for i, (form, label) in enumerate(zip(forms, labels)):
        key = compact_key(form)
        if label == "LOC" or len(name_tokens(form)) != 1 or key in blocked or len(key) < 3:
            continue
        names = longer.get(key, set())
        if len(names) == 1:
            targets[i] = first_index[next(iter(names))]
    return targets
