"""The German cue lexicon and the other quote word lists, loaded from
``dossier/resources/de/`` (cue_verbs.tsv, quote_*.tsv/txt, person_first_name_gender.tsv).

Cue verbs are listed once by lemma; their inflected forms are generated here
by rule (weak verbs) or from three listed principal forms (strong verbs), so a
linguist edits one line per verb. A separable particle (``an|deuten``) yields
both the split finite forms (``deutete … an``: the particle is looked for later
in the clause) and the joined forms (``andeutete``, ``angedeutet``, ``anzudeuten``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dossier.errors import ModelError

INSEPARABLE = ("be", "ge", "er", "ver", "zer", "ent", "emp", "miss", "hinter", "über", "unter", "wider")


@dataclass(frozen=True)
class CueForm:
    lemma: str         # as listed, e.g. "an|deuten"
    kind: str          # speech | thought | writing | act
    particle: str      # separable particle that must follow in the clause, "" if none/joined
    finite: bool       # a finite verb form (can take a subject)


def _resource_lines(name: str) -> list[str]:
    try:
        text = resources.files("dossier.resources.de").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ModelError(f"resource file {name} is missing", location=f"dossier/resources/de/{name}") from exc
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _weak_forms(stem: str, infinitive: str) -> tuple[list[str], list[str]]:
    """(finite forms, non-finite forms) of a weak verb with this stem."""
    e = "e" if stem.endswith(("t", "d", "chn", "ffn", "gn", "dm", "tm")) else ""
    if infinitive.endswith(("eln", "ern")):
        finite = [stem + "e", stem + "st", stem + "t", infinitive, stem + "te", stem + "ten", stem + "test"]
    else:
        finite = [stem + "e", stem + e + "st", stem + e + "t", infinitive,
                  stem + e + "te", stem + e + "ten", stem + e + "test", stem + e + "tet"]
    return finite, [infinitive]


def _participle(stem: str, infinitive: str) -> str:
    e = "e" if stem.endswith(("t", "d", "chn", "ffn", "gn")) else ""
    if infinitive.endswith("ieren") or infinitive.startswith(INSEPARABLE):
        return stem + e + "t"
    return "ge" + stem + e + "t"


def _strong_forms(infinitive: str, principal: str) -> tuple[list[str], list[str], str]:
    present3, past3, participle = principal.split("|")
    stem = infinitive[:-2] if infinitive.endswith("en") else infinitive[:-1]
    past_pl = past3 + ("n" if past3.endswith("e") else "en")
    finite = [stem + "e", present3, infinitive, stem + "t", past3, past_pl, past3 + "st",
              past3 + ("t" if past3.endswith("e") else "et")]
    if present3.endswith("t") and not present3.endswith("tet"):
        finite.append(present3[:-1] + "st")
    return finite, [infinitive], participle


def _expand(line: str) -> list[tuple[str, CueForm]]:
    cols = line.split("\t")
    lemma, kind = cols[0], cols[1]
    principal = cols[2] if len(cols) > 2 and cols[2] else ""
    parts = [p for p in lemma.split("|") if p != "sich"]
    verb, particle = parts[-1], "".join(parts[:-1])
    stem = verb[:-2] if verb.endswith("en") else verb[:-1]
    if principal:
        finite, nonfinite, participle = _strong_forms(verb, principal)
    else:
        finite, nonfinite = _weak_forms(stem, verb)
        participle = _participle(stem, verb)
    out: list[tuple[str, CueForm]] = []
    for form in finite:
        # A main-clause finite verb stands alone; its particle comes later in the clause.
        out.append((form, CueForm(lemma, kind, particle, True)))
        if particle:  # subordinate clause: particle glued on (…, als er andeutete)
            out.append((particle + form, CueForm(lemma, kind, "", True)))
    for form in nonfinite + [participle]:
        out.append((particle + form, CueForm(lemma, kind, "", False)))
    if particle:
        out.append((particle + "zu" + verb, CueForm(lemma, kind, "", False)))
    return out


@lru_cache(maxsize=1)
def cue_forms() -> dict[str, tuple[CueForm, ...]]:
    """Lower-cased surface form -> the cue readings it can have."""
    return _forms_table(_resource_lines("cue_verbs.tsv"))


@lru_cache(maxsize=1)
def news_cue_forms() -> dict[str, tuple[CueForm, ...]]:
    """The cue readings the news stage uses: cue_verbs.tsv with quote_news_cues.tsv on top
    (speech-act kinds for news, verbs only the news rules need)."""
    lines = {line.split("\t")[0]: line for line in _resource_lines("cue_verbs.tsv")}
    for line in _resource_lines("quote_news_cues.tsv"):
        lines[line.split("\t")[0]] = line
    return _forms_table(list(lines.values()))


def _forms_table(lines: list[str]) -> dict[str, tuple[CueForm, ...]]:
    table: dict[str, list[CueForm]] = {}
    for line in lines:
        for form, cue in _expand(line):
            # Older spelling (wußte, läßt) appears in quoted and historical text.
            for variant in {form.lower(), form.lower().replace("ss", "ß")}:
                table.setdefault(variant, [])
                if cue not in table[variant]:
                    table[variant].append(cue)
    return {form: tuple(cues) for form, cues in table.items()}


@lru_cache(maxsize=1)
def cue_lemmas() -> dict[str, str]:
    """Lemma -> kind, as listed."""
    return {line.split("\t")[0]: line.split("\t")[1] for line in _resource_lines("cue_verbs.tsv")}


@lru_cache(maxsize=1)
def konjunktiv_forms() -> dict[str, int]:
    return {form: int(mood) for form, mood in (line.split("\t") for line in _resource_lines("quote_konjunktiv.txt"))}


@lru_cache(maxsize=1)
def media() -> dict[str, str]:
    return dict(line.split("\t") for line in _resource_lines("quote_media.tsv"))


@lru_cache(maxsize=1)
def role_nouns() -> tuple[str, ...]:
    return tuple(_resource_lines("quote_roles.txt"))


@lru_cache(maxsize=1)
def org_role_nouns() -> tuple[str, ...]:
    return tuple(_resource_lines("quote_org_roles.txt"))


@lru_cache(maxsize=1)
def addressee_nouns() -> tuple[str, ...]:
    return tuple(_resource_lines("quote_addressees.txt"))


@lru_cache(maxsize=1)
def disputed_phrases() -> tuple[str, ...]:
    return tuple(line.strip().lower() for line in _resource_lines("quote_disputed.txt"))


@lru_cache(maxsize=1)
def attribution_markers() -> tuple[tuple[str, tuple[str, ...]], ...]:
    rows = (line.split("\t") for line in _resource_lines("quote_markers.tsv"))
    return tuple((where, tuple(phrase.lower().split())) for where, phrase in rows)


@lru_cache(maxsize=1)
def pronouns() -> dict[str, tuple[tuple[str, ...], str]]:
    """Pronoun -> (entity types it can refer to, case)."""
    return {word: (types, case) for word, (types, case, _) in _pronoun_rows().items()}


@lru_cache(maxsize=1)
def pronoun_genders() -> dict[str, frozenset[str]]:
    """Pronoun -> the grammatical genders it refers to (er: m, sie: f)."""
    return {word: gender for word, (_, _, gender) in _pronoun_rows().items()}


@lru_cache(maxsize=1)
def _pronoun_rows() -> dict[str, tuple[tuple[str, ...], str, frozenset[str]]]:
    table = {}
    for line in _resource_lines("quote_pronouns.tsv"):
        word, types, case, gender = (line.split("\t") + [""])[:4]
        table[word] = (tuple(types.split(",")), case, frozenset(g for g in gender.split(",") if g))
    return table


@dataclass(frozen=True)
class GenderCues:
    determiners: dict[str, frozenset[str]]      # die -> {f, pl}
    role_suffixes: tuple[tuple[str, frozenset[str]], ...]  # longest first; empty set: the determiner decides
    role_neutral: frozenset[str]               # CEO, Boss


@lru_cache(maxsize=1)
def gender_cues() -> GenderCues:
    """quote_gender_cues.tsv: determiners and role-noun endings that show gender and number."""
    determiners, suffixes, neutral = {}, [], set()
    for line in _resource_lines("quote_gender_cues.tsv"):
        kind, word, genders = (line.split("\t") + [""])[:3]
        value = frozenset(g for g in genders.split(",") if g)
        if kind == "determiner":
            determiners[word] = value
        elif kind == "role_suffix":
            suffixes.append((word, value))
        elif kind == "role_neutral":
            neutral.add(word)
    return GenderCues(determiners, tuple(sorted(suffixes, key=lambda s: -len(s[0]))), frozenset(neutral))


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """First name -> 'm' or 'f' (person_first_name_gender.tsv, from nam_dict.txt)."""
    return dict(line.split("\t")[:2] for line in _resource_lines("person_first_name_gender.tsv"))


@lru_cache(maxsize=1)
def time_words() -> tuple[str, ...]:
    return tuple(_resource_lines("quote_time_words.txt"))


@lru_cache(maxsize=1)
def demonstratives() -> frozenset[str]:
    """quote_demonstratives.txt: pronouns that stand for the previous statement (Das berichtet …)."""
    return frozenset(_resource_lines("quote_demonstratives.txt"))


@dataclass(frozen=True)
class IndicativeRules:
    no_clause: frozenset[str]          # lemmas: sprechen, reden
    objects: frozenset[str]            # nichts, etwas
    object_determiners: frozenset[str]  # den, ihre, keine
    openers: frozenset[str]            # weil, und, dann


@lru_cache(maxsize=1)
def indicative_rules() -> IndicativeRules:
    """quote_indicative_report.tsv: when an indicative main clause after a speech verb is content."""
    kinds: dict[str, set[str]] = {"no_clause": set(), "object": set(), "object_determiner": set(), "opener": set()}
    for line in _resource_lines("quote_indicative_report.tsv"):
        kind, word = line.split("\t")[:2]
        kinds[kind].add(word)
    return IndicativeRules(frozenset(kinds["no_clause"]), frozenset(kinds["object"]),
                           frozenset(kinds["object_determiner"]), frozenset(kinds["opener"]))


@lru_cache(maxsize=1)
def act_phrases() -> dict[str, str]:
    """quote_act_phrases.tsv: speech lemma -> preposition that makes it a reported act (sprach von)."""
    return dict(line.split("\t")[:2] for line in _resource_lines("quote_act_phrases.tsv"))
