"""Name normalisation shared by article-local and cross-document entity resolution.

Names are compared by *keys*, never by raw strings: ``compact_key`` folds case,
spacing and punctuation so that ``Open AI``, ``OpenAI`` and ``openai`` meet;
``strip_genitive`` removes the German genitive ``-s``/``-’`` only when the bare
form is attested, because many names end in ``s`` (``Mercedes``, ``Paris``).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

WORD_RE = re.compile(r"[^\W_]+(?:[-.'’][^\W_]+)*", re.UNICODE)
APOSTROPHES = ("’", "'", "`", "´")


GERMAN_FOLDS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


# Names recur within and across articles (a 10kGNAD article asks for ~1,000 keys of ~100
# distinct names), and the key is a pure function of the string: remember the recent ones.
@lru_cache(maxsize=1 << 16)
def compact_key(name: str) -> str:
    """Case-, space-, punctuation- and accent-insensitive key: ``Open AI`` -> ``openai``,
    ``Erdoğan`` = ``Erdogan``, ``Müller`` = ``Mueller`` (German umlauts as their usual
    transliteration, other accents dropped)."""
    folded = unicodedata.normalize("NFKC", name).casefold().translate(GERMAN_FOLDS)
    stripped = "".join(ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch))
    return "".join(ch for ch in stripped if ch.isalnum())


ADJECTIVE_ENDING_RE = re.compile(r"^([A-ZÄÖÜ][a-zäöüß]+e)[nrsm]$")


def inflection_keys(name: str) -> set[str]:
    """Keys of a multi-word name with German adjective and genitive endings folded, so that
    ``Deutschen Bank`` meets ``Deutsche Bank``, ``Europäischer Zentralbank`` meets
    ``Europäische Zentralbank`` and ``Weißen Hauses`` meets ``Weißes Haus``: adjectives lose
    ``-n/-r/-s/-m`` after ``e``; the last word is tried as written and without a final
    ``-s``/``-es`` (which ``Haus`` also ends in, hence several keys); the name as written
    is always one of the keys (``Open AI`` must stay ``openai``). One-word names have just
    their ``compact_key``."""
    tokens = name_tokens(name)
    if len(tokens) < 2:
        return {compact_key(name)}
    head = " ".join(ADJECTIVE_ENDING_RE.sub(r"\1", t) for t in tokens[:-1])
    last = tokens[-1]
    variants = {last}
    if last.endswith("s") and len(last) > 3:
        variants.add(last[:-1])
    if last.endswith("es") and len(last) > 4:
        variants.add(last[:-2])
    return {compact_key(name)} | {compact_key(f"{head} {v}") for v in variants}


def name_tokens(name: str) -> list[str]:
    return name.split()  # the same white space as re's \s: str.isspace


def token_keys(name: str) -> list[str]:
    return [k for k in (compact_key(t) for t in name_tokens(name)) if k]


def strip_genitive(name: str, known_keys: set[str] | frozenset[str]) -> str:
    """``Musks`` -> ``Musk`` when ``musk`` is a known key; ``Hans’`` -> ``Hans`` always."""
    if name.endswith(APOSTROPHES):
        return name[:-1]
    for suffix in ("'s", "’s", "s"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            bare = name[: -len(suffix)]
            if compact_key(bare) in known_keys:
                return bare
    return name


def initials(name: str) -> str:
    """``General Motors`` -> ``GM``; one-word names have no initials."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isalpha()]
    if len(words) < 2:
        return ""
    return "".join(w[0].upper() for w in words if w[0].isupper())


def is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def canonical_id(entity_type: str, name: str) -> str:
    """Stable corpus-wide id: ``E`` + hash of type and normalised name."""
    digest = hashlib.sha1(f"{entity_type}|{compact_key(name)}".encode()).hexdigest()
    return "E" + digest[:12]


# --- German word lists (resources/de) -----------------------------------------


def _resource_lines(name: str) -> list[str]:
    text = resources.files("dossier.resources.de").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _casefolded_lines(name: str) -> frozenset[str]:
    """The words of a one-word-a-line resource file, case-folded for lookups."""
    return frozenset(w.casefold() for w in _resource_lines(name))


@cache
def role_forms() -> dict[str, str]:
    """Inflected role form (casefolded) -> role lemma (``präsidenten`` -> ``Präsident``)."""
    forms: dict[str, str] = {}
    for line in _resource_lines("roles.tsv"):
        lemma, rest = (line.split("\t") + [""])[:2]
        for form in [lemma, *(f.strip() for f in rest.split(",") if f.strip())]:
            forms[form.casefold()] = lemma
    return forms


@cache
def refers_back_roles() -> frozenset[str]:
    """Role lemmas whose definite reference may stand for the last named person."""
    lemmas = set()
    for line in _resource_lines("roles.tsv"):
        columns = line.split("\t")
        if len(columns) > 2 and columns[2].strip() == "refers-back":
            lemmas.add(columns[0].casefold())
    return frozenset(lemmas)


@cache
def inflection_suffixes() -> dict[str, list[tuple[str, int, str]]]:
    """Type -> [(ending, shortest inflected key, ending the bare key must have)] from
    ``entity_inflection_suffixes.tsv``."""
    table: dict[str, list[tuple[str, int, str]]] = {}
    for line in _resource_lines("entity_inflection_suffixes.tsv"):
        columns = [c.strip() for c in line.split("\t")] + ["", ""]
        table.setdefault(columns[0], []).append((columns[1], int(columns[2]), columns[3]))
    return table


def uninflected_keys(key: str, entity_type: str) -> list[str]:
    """Keys ``key`` may be an inflected form of (``chinas`` -> ``china`` for a place;
    ``niederlanden`` -> ``niederlande``); model numbers (``iphone5s``) are never inflected."""
    out = []
    for ending, shortest, bare_ending in inflection_suffixes().get(entity_type, []):
        if len(key) < shortest or not key.endswith(ending) or not key[-len(ending) - 1].isalpha():
            continue
        bare = key[: -len(ending)]
        if bare.endswith(bare_ending):
            out.append(bare)
    return out


def inflected_forms(forms, entity_type: str) -> set[str]:
    """The forms that are inflected variants of another form in ``forms``, so that an entity
    is called ``Europäische Union`` rather than ``Europäischen Union``, ``Niederlande`` rather
    than ``Niederlanden``, ``Frank Stronach`` rather than ``Frank Stronachs``."""
    keys = {compact_key(f) for f in forms}
    out = set()
    for form in forms:
        own = compact_key(form)
        variants = inflection_keys(form) | set(uninflected_keys(own, entity_type))
        if entity_type == "PER" and len(name_tokens(form)) > 1 and own.endswith("s"):
            variants.add(own[:-1])
        if (variants - {own}) & keys:
            out.add(form)
    return out


@cache
def _equivalents() -> tuple[dict[tuple[str, str], str], frozenset[tuple[str, str]]]:
    table: dict[tuple[str, str], str] = {}
    headwords = set()
    for line in _resource_lines("entity_equivalents.tsv"):
        entity_type, _, names = line.partition("\t")
        entity_type = entity_type.strip()
        names = [n.strip() for n in names.split("|") if n.strip()]
        shared = "=" + compact_key(names[0])
        headwords.add((entity_type, compact_key(names[0])))
        for name in names:
            for key in inflection_keys(name):
                table[(entity_type, key)] = shared
    return table, frozenset(headwords)


def equivalent_names() -> dict[tuple[str, str], str]:
    """(type, name key) -> a key shared by every name on its line of ``entity_equivalents.tsv``
    (``US`` and ``Vereinigte Staaten`` meet)."""
    return _equivalents()[0]


def is_equivalent_headword(name: str, entity_type: str) -> bool:
    """The first name of its ``entity_equivalents.tsv`` line (``USA``, not ``US``): the name
    the entity is shown by."""
    return (entity_type, compact_key(name)) in _equivalents()[1]


@cache
def generic_role_prefixes() -> frozenset[str]:
    return _casefolded_lines("roles_generic_prefixes.txt")


@cache
def gazetteer() -> dict[str, str]:
    table = {}
    for line in _resource_lines("entity_gazetteer.tsv"):
        name, _, label = line.partition("\t")
        table[name] = label.strip()
    return table


@cache
def determiners() -> frozenset[str]:
    return _casefolded_lines("entity_determiners.txt")


@cache
def name_particles() -> frozenset[str]:
    return _casefolded_lines("entity_name_particles.txt")


def surname_part(name: str) -> str:
    """``Ursula von der Leyen`` -> ``von der Leyen``; ``Elon Musk`` -> ``Musk``;
    a name that starts with a particle is all surname."""
    tokens = name_tokens(name)
    for i, token in enumerate(tokens[:-1]):
        if token.casefold() in name_particles():
            return " ".join(tokens[i:])
    return tokens[-1] if tokens else name


def is_full_name(name: str) -> bool:
    """Given name(s) and surname: two or more words, the first not a particle."""
    tokens = name_tokens(name)
    return len(tokens) > 1 and tokens[0].casefold() not in name_particles()


@cache
def titles() -> frozenset[str]:
    return _casefolded_lines("entity_titles.txt")


@cache
def office_nouns() -> frozenset[str]:
    return _casefolded_lines("entity_office_nouns.txt")


@cache
def copulas() -> frozenset[str]:
    return _casefolded_lines("entity_copulas.txt")


@cache
def first_name_genders() -> dict[str, str]:
    """First name key -> "m" or "f"."""
    table = {}
    for line in _resource_lines("entity_first_names.txt"):
        name, _, gender = line.partition("\t")
        table[compact_key(name)] = gender.strip() or "?"
    return table


@cache  # asked for in loops over name parts: one set, not a copy per call
def first_names() -> frozenset[str]:
    return frozenset(first_name_genders())


def form_gender(form: str, lemma: str) -> str:
    """"f" for a feminine role form (``Chefin``, ``Präsidentin``), else "m"."""
    folded = form.casefold()
    return "f" if folded.endswith(("in", "innen")) and not lemma.casefold().endswith("in") else "m"


def split_role(token: str) -> tuple[str, str, str] | None:
    """Split a token into (prefix, role form, lemma) if it is a role noun.

    ``X-CEO`` -> (``X``, ``CEO``, ``CEO``); ``Finanzjournalist`` -> (``Finanz``,
    ``journalist``, ``Journalist``); ``Werbekunden`` -> None.
    """
    forms = role_forms()
    folded = token.casefold()
    if folded in forms:
        return "", token, forms[folded]
    if "-" in token:
        head, _, last = token.rpartition("-")
        if last.casefold() in forms:
            return head, last, forms[last.casefold()]
    # Closed compounds: only long forms, so that "Fachef" style accidents stay rare.
    for cut in range(1, len(token) - 3):
        tail = folded[cut:]
        if tail in forms and len(tail) >= 4 and token[cut - 1].isalpha():
            return token[:cut], token[cut:], forms[tail]
    return None
