"""Where a role's filler stands: the slots of ``event_frames.tsv`` over one analysed sentence.

A :class:`Scene` holds one sentence with the entity mentions and figures inside it; each
``find_*`` function answers one slot kind for a trigger token and returns mentions (or
figures). German word order is read coarsely: the first name of a clause that no
preposition governs is its subject, the next one its object; a preposition a few words
before a name (over articles, adjectives and a descriptor noun: ``mit dem französischen
Rüstungskonzern Nexter``) governs it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from dossier.analyse.events import lexicon
from dossier.analyse.events.text import CLAUSE_MARKS, Sentence, Token
from dossier.model import Figure, Mention

# Tags a noun phrase may hold between its preposition (or trigger) and the name.
NP_TAGS = frozenset({"ART", "ADJA", "PPOSAT", "PIAT", "PDAT", "CARD", "NN", "ADJD", "TRUNC"})
MAX_NP_GAP = 4  # words between a preposition and its name
MAX_GEN_GAP = 3  # words between a noun trigger and its genitive name
POSITION_NEXT = 3  # words after the trigger that position:next reads ("wird neuer Chef")
PRONOUN_REACH = 600  # characters back an er/sie may look for its referent


@dataclass
class Arg:
    mention: Mention
    first: int  # token indexes in the sentence
    last: int
    clause: int
    marker: str | None  # the governing preposition, if any


@dataclass
class Scene:
    text: str
    sentence: Sentence
    args: list[Arg]
    figures: list[tuple[int, Figure]]  # (index in the article's figures layer, figure)
    earlier: list[Mention]  # mentions of the article before this sentence (pronoun referents)
    named: dict[str, Mention] = field(default_factory=dict)  # casefolded name -> a mention of it
    used: set = field(default_factory=set)  # participants already given a role (:func:`participant`)

    @classmethod
    def build(cls, text: str, sentence: Sentence, mentions: list[Mention], figures: list[Figure],
              named: dict[str, Mention] | None = None) -> "Scene":
        """``named`` (:func:`names`), when given, is the article's,
        made once rather than for each sentence."""
        words = lexicon.word_classes()
        tokens = sentence.tokens
        args = []
        for m in mentions:
            if not (sentence.start <= m.start < sentence.end) or m.text.casefold() in lexicon.not_participants():
                continue
            first = next((i for i, t in enumerate(tokens) if t.end > m.start), len(tokens) - 1)
            last = max(first, next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i].start < m.end), first))
            args.append(Arg(m, first, last, tokens[first].clause, _marker(tokens, first, words["preposition"])))
        inside = [(i, f) for i, f in enumerate(figures) if sentence.start <= f.start < sentence.end]
        earlier = [m for m in mentions if sentence.start - PRONOUN_REACH <= m.start < sentence.start]
        args = sorted(args + _descriptor_args(sentence, args, earlier), key=lambda a: a.mention.start)
        return cls(text, sentence, args, inside, earlier, names(mentions) if named is None else named)

    def free(self, arg: Arg, labels: frozenset[str], compound_front: bool = False) -> bool:
        """Not yet given a role, of an allowed label, and a name of its own — or, where a noun
        phrase is read (``Streik der Lufthansa-Flugbegleiter``), the front of a compound."""
        return (participant(arg.mention) not in self.used and (compound_front or not arg.mention.inside)
                and label_fits(arg.mention, labels))


def _descriptor_args(sentence: Sentence, args: list[Arg], earlier: list[Mention]) -> list[Arg]:
    """``der Konzern``, ``das Unternehmen``, ``der Holzverarbeiter``: a definite noun phrase
    whose head is a company descriptor (``entity_company_descriptors.txt``) and that names
    nobody itself refers to the last organisation named before it. It takes part as that
    organisation's entity, at the descriptor's own words."""
    from dossier.analyse.entities.companies import is_descriptor

    tokens = sentence.tokens
    taken = {i for a in args for i in range(a.first, a.last + 1)}
    definite = lexicon.word_classes()["definite"]
    found = []
    for i, tok in enumerate(tokens):
        if tok.pos != "NN" or i in taken or (i + 1 in taken) or not is_descriptor(tok.text):
            continue
        j = i - 1
        while j >= 0 and tokens[j].pos == "ADJA":
            j -= 1
        if j < 0 or tokens[j].lower not in definite or _marker(tokens, i, lexicon.word_classes()["preposition"]):
            continue
        antecedent = last_organisation(earlier + [a.mention for a in args], tok.start)
        if antecedent is not None:
            mention = Mention(tok.start, tok.end, tok.text, "ORG", antecedent.entity)
            found.append(Arg(mention, i, i, tok.clause, None))
    return found


def last_organisation(mentions: list[Mention], before: int) -> Mention | None:
    """The organisation named last before offset ``before`` (no news agency, no compound front)."""
    return next((m for m in reversed(mentions) if m.end <= before and m.label == "ORG" and not m.inside
                 and m.text.casefold() not in lexicon.not_participants()), None)


def names(mentions: list[Mention]) -> dict[str, Mention]:
    """Casefolded name -> a mention of it, over the article (a compound's front is looked up here)."""
    return {m.text.casefold(): m for m in mentions if not m.inside}


def participant(mention: Mention):
    """Who a mention names: its entity, so that two mentions of one entity (``Gewerkschaft
    Deutscher Lokomotivführer (GDL)``, ``Osram-Chef … Osram``) never fill two roles of one
    event; the mention itself where no entity was resolved."""
    return mention.entity if mention.entity is not None else id(mention)


def label_fits(mention: Mention, labels: frozenset[str]) -> bool:
    """``labels`` of a frame row: entity labels, plus UNION (a trade union of event_unions.txt)
    or -UNION (anything but one)."""
    if "UNION" in labels and not lexicon.is_union(mention.text):
        return False
    if "-UNION" in labels and lexicon.is_union(mention.text):
        return False
    kinds = labels - {"UNION", "-UNION"}
    return not kinds or mention.label in kinds


def _marker(tokens: list[Token], first: int, prepositions: frozenset[str]) -> str | None:
    """The preposition governing the name at token ``first`` (``im`` read as ``in``)."""
    noun_after = False  # a noun between here and the name
    for j in range(first - 1, max(-1, first - 1 - MAX_NP_GAP), -1):
        tok = tokens[j]
        if tok.pos == "CARD" and noun_after:
            return None  # "für 14 Milliarden Euro Südstern": the preposition has its number phrase
        noun_after = noun_after or tok.pos == "NN"
        if tok.lower in lexicon.word_classes()["subordinator"]:
            return None  # "um Tesla … zu nehmen": a clause, not a phrase
        if tok.lower in prepositions or tok.pos in ("APPR", "APPRART"):
            return lexicon.contractions().get(tok.lower, tok.lower)
        if tok.text in CLAUSE_MARKS or tok.pos not in NP_TAGS:
            return None
    return None


def find(scene: Scene, trigger: int, slot: str, labels: frozenset[str]):
    """Mentions (or, for money/figure, figures) the slot names for the trigger at token ``trigger``."""
    kind, _, arg = slot.partition(":")
    finder = _FINDERS.get(kind)
    if finder is None:
        raise ValueError(f"unknown slot {slot!r} in event_frames.tsv")
    return finder(scene, trigger, arg, labels)


def _clause_args(scene: Scene, clause: int, labels) -> list[Arg]:
    return [a for a in scene.args if a.clause == clause and a.marker is None and scene.free(a, labels)
            and not _is_genitive_attribute(scene, a)]


def _is_genitive_attribute(scene: Scene, arg: Arg) -> bool:
    """``die Aktionäre der Firma X``: a name after a common noun and its article belongs to it."""
    tokens = scene.sentence.tokens
    j = arg.first - 1
    while j >= 0 and tokens[j].pos in ("ADJA", "NN") and j >= arg.first - 2 and tokens[j].pos != "NN":
        j -= 1
    if j >= 1 and tokens[j].pos == "NN":
        j -= 1  # the descriptor: "des Konzerns X"
    return j >= 1 and tokens[j].lower in ("des", "der") and tokens[j - 1].pos == "NN"


def find_subj(scene: Scene, trigger: int, arg: str, labels) -> list[Mention]:
    """The clause's subject; ``subj:party`` (a symmetric event: a merger) in a zu-infinitive
    that names a party of its own is that party, not the controller: in ``Osram-Chef X schlug
    vor, Siemens mit Bosch zu fusionieren`` Osram proposes, Siemens and Bosch merge."""
    tokens = scene.sentence.tokens
    clause = tokens[trigger].clause
    if _is_infinitive(tokens, trigger):
        own = [a for a in _clause_args(scene, clause, labels) if a.first < trigger] if arg == "party" else []
        return [own[0].mention] if own else controller(scene, clause, labels)
    if _verb_opens_clause(scene, trigger):
        return _sentence_subject(scene, labels)
    first_tok = scene.sentence.clauses[clause][0]
    if _noun_subject(scene, clause):
        return []
    candidates = _clause_args(scene, clause, labels)
    pronoun = _pronoun_before(scene, clause, candidates[0].first if candidates else trigger)
    if pronoun is not None:
        return _referent(scene, pronoun, labels)
    if candidates:
        return [candidates[0].mention]
    front = [a for a in scene.args if a.clause == clause and a.mention.inside and a.marker is None
             and a.first < trigger and participant(a.mention) not in scene.used and label_fits(a.mention, labels)]
    if front:  # "Der Siemens-Konzern streicht …": the front of the subject's compound
        return [front[0].mention]
    if _starts_relative(tokens, first_tok):
        before = [a for a in scene.args if a.clause < clause and scene.free(a, labels)]
        return [before[-1].mention] if before else []
    return controller(scene, clause, labels)


def find_obj(scene: Scene, trigger: int, _arg: str, labels) -> list[Mention]:
    """The first free unmarked name after the clause's subject (or any, in a zu-infinitive
    or after a pronoun subject: ``OpenAI zu verklagen``, ``verklagt er OpenAI``)."""
    tokens = scene.sentence.tokens
    clause = tokens[trigger].clause
    candidates = [a for a in scene.args if a.clause == clause and a.marker is None
                  and not a.mention.inside and not _is_genitive_attribute(scene, a)]
    infinitive = _is_infinitive(tokens, trigger) or _noun_subject(scene, clause) \
        or _verb_opens_clause(scene, trigger)
    for i, a in enumerate(candidates):
        if scene.free(a, labels) and (infinitive or i > 0 or _pronoun_before(scene, clause, a.first)):
            return [a.mention]
    return []


def _verb_opens_clause(scene: Scene, trigger: int) -> bool:
    """``Würth, Teil der X-Gruppe, erwirbt Y``: a finite verb right after an apposition's comma
    has its subject at the start of the sentence."""
    tokens = scene.sentence.tokens
    tok = tokens[trigger]
    return (tok.pos.endswith("FIN") and tok.clause > 0 and trigger > 0 and tokens[trigger - 1].text == ","
            and scene.sentence.clauses[tok.clause][0] == trigger - 1)


def _sentence_subject(scene: Scene, labels) -> list[Mention]:
    first = [a for a in scene.args if a.clause == 0 and a.marker is None and scene.free(a, labels)]
    return [first[0].mention] if first else []


def _is_infinitive(tokens: list[Token], trigger: int) -> bool:
    """``zu verklagen``, ``aufzukaufen``, ``übernehmen zu wollen``: a clause with no subject of its own."""
    if tokens[trigger].pos == "VVIZU" or (trigger > 0 and tokens[trigger - 1].pos == "PTKZU"):
        return True
    return trigger + 2 < len(tokens) and tokens[trigger + 1].pos == "PTKZU" and tokens[trigger + 2].pos[:2] in ("VM", "VA")


def _noun_subject(scene: Scene, clause: int) -> bool:
    """``Die Kunden boykottieren Bosch``: a noun phrase that names nobody stands before the
    finite verb, so it is the subject and the names after the verb are objects."""
    tokens = scene.sentence.clause_tokens(clause)
    first = tokens[0].clause == clause and tokens[0].text in CLAUSE_MARKS
    tokens = tokens[1:] if first else tokens
    finite = next((i for i, t in enumerate(tokens) if t.pos.endswith("FIN")), None)
    if not finite:
        return False
    before = tokens[:finite]
    named = any(a.clause == clause and a.mention.start < before[-1].end for a in scene.args)
    return not named and before[0].pos in ("ART", "PDAT", "PPOSAT", "PIAT", "NN") \
        and any(t.pos == "NN" for t in before) and all(t.pos in NP_TAGS for t in before)


def _starts_relative(tokens: list[Token], first: int) -> bool:
    i = first + 1 if first < len(tokens) and tokens[first].text in CLAUSE_MARKS else first
    return i < len(tokens) and (tokens[i].pos.startswith("PREL") or (
        tokens[i].lower in lexicon.word_classes()["relative"] and i + 1 < len(tokens)
        and tokens[i + 1].pos not in ("NN", "NE", "ADJA")))


def _pronoun_before(scene: Scene, clause: int, limit: int) -> Token | None:
    pronouns = lexicon.word_classes()["pronoun"]
    first, _ = scene.sentence.clauses[clause]
    for tok in scene.sentence.tokens[first:limit]:
        if tok.pos == "PPER" and tok.lower in pronouns:
            return tok
    return None


def _referent(scene: Scene, pronoun: Token, labels) -> list[Mention]:
    """The last person (``er``) or person/organisation (``sie``, ``es``) named before the pronoun."""
    wanted = {"PER"} if pronoun.lower == "er" else {"PER", "ORG"}
    if labels:
        wanted &= set(labels)
    inside = [a.mention for a in scene.args if a.mention.end <= pronoun.start]
    for mention in reversed(scene.earlier + inside):
        if mention.label in wanted:
            return [mention]
    return []


def controller(scene: Scene, clause: int, labels) -> list[Mention]:
    """The subject of the nearest clause to the left that names anyone (``Musk schlug vor, …``)."""
    for left in range(clause - 1, -1, -1):
        named = [a for a in scene.args if a.clause == left and scene.free(a, labels)]
        if not named:
            pronoun = _pronoun_before(scene, left, scene.sentence.clauses[left][1])
            if pronoun is not None:
                return _referent(scene, pronoun, labels)
            continue
        unmarked = [a for a in named if a.marker is None]
        return [(unmarked or named[-1:])[0].mention]
    return []


def find_attr(scene: Scene, trigger: int, _arg: str, labels) -> list[Mention]:
    """The name that qualifies the clause's subject noun before the trigger: a genitive
    (``Die Flugbegleiter der Lufthansa streiken``) or a compound's front
    (``Lufthansa-Flugbegleiter streiken``): the strikers' employer."""
    tokens = scene.sentence.tokens
    clause = tokens[trigger].clause
    for a in scene.args:
        if a.clause != clause or a.first >= trigger or a.marker is not None \
                or not scene.free(a, labels, compound_front=True):
            continue
        if a.mention.inside or _is_genitive_attribute(scene, a):
            return [a.mention]
    return []


def find_prep(scene: Scene, trigger: int, preposition: str, labels) -> list[Mention]:
    """The name the preposition governs; also the front of a compound (``bei den Amazon-Lagern``)."""
    clause = scene.sentence.tokens[trigger].clause
    hits = [a for a in scene.args if a.clause == clause and a.marker == preposition
            and scene.free(a, labels, compound_front=True)]
    hits.sort(key=lambda a: abs(a.first - trigger))
    return [hits[0].mention] if hits else []


def find_gen(scene: Scene, trigger: int, _arg: str, labels) -> list[Mention]:
    """The name after a noun trigger (``Übernahme des Konzerns X``)."""
    tokens = scene.sentence.tokens
    for a in scene.args:
        if a.first <= trigger or a.first - trigger - 1 > MAX_GEN_GAP \
                or not scene.free(a, labels, compound_front=True):
            continue
        between = tokens[trigger + 1:a.first]
        nouns = sum(t.pos == "NN" for t in between)
        if all(t.pos in NP_TAGS for t in between) and nouns <= 1 and a.marker is None:
            return [a.mention]
    return []


def find_prefix(scene: Scene, trigger: int, _arg: str, labels) -> list[Mention]:
    tok = scene.sentence.tokens[trigger]
    if "-" not in tok.text.strip("-"):
        return []
    prefix_end = tok.start + tok.text.rindex("-")
    return _front_of(scene, tok, prefix_end, labels) or compound_front(scene, tok, labels)


def _front_of(scene: Scene, tok: Token, prefix_end: int, labels) -> list[Mention]:
    """The mention that is the front of a compound (``Lufthansa`` of ``Lufthansa-Streik``); a
    common noun the model took for a name (``Mobilitätsdienstleistungs-Tochter``: a front
    with a linking ending) is none."""
    for a in scene.args:
        if tok.start <= a.mention.start < prefix_end and participant(a.mention) not in scene.used \
                and label_fits(a.mention, labels) and not _common_front(a.mention.text):
            return [a.mention]
    return []


def _common_front(front: str) -> bool:
    low = front.casefold()
    return " " not in low and any(low.endswith(ending) for ending in lexicon.word_classes()["linking_ending"])


def compound_front(scene: Scene, tok: Token, labels) -> list[Mention]:
    """The front of ``Lufthansa-Streik`` or ``E.ON-Chef`` as a name when no mention covers it:
    a name the article has (its entity is taken), or a word HanTa reads as a proper noun that
    is no place and no generic prefix (``Mega-Fusion``, ``Tech-Milliardär``)."""
    front = tok.text[:tok.text.rindex("-")] if "-" in tok.text.strip("-") else _glued_front(tok)
    if not front[:1].isupper():
        return []
    known = scene.named.get(front.casefold())
    if known is None and "-" not in tok.text:
        return []  # a glued front ("Bahnchef") counts only as a name the article has
    if known is not None:
        mention = Mention(tok.start, tok.start + len(front), front, known.label, known.entity)
    elif _proper_front(front):
        mention = Mention(tok.start, tok.start + len(front), front, "ORG", None)
    else:
        return []
    return [mention] if label_fits(mention, labels) else []


def _glued_front(tok: Token) -> str:
    """``Bahnchef`` -> ``Bahn``, ``Bundesbankpräsident`` -> ``Bundesbank``: the word before a
    leadership noun or a noun trigger it ends with."""
    low = tok.lower
    for head in (*lexicon.positions(), *lexicon.noun_heads()):
        if len(head) >= 4 and low.endswith(head) and len(low) - len(head) >= 2:
            return tok.text[:len(tok.text) - len(head)]
    return ""


@lru_cache(maxsize=4096)
def _proper_front(front: str) -> bool:
    from dossier.analyse.entities.names import gazetteer, generic_role_prefixes
    from dossier.analyse.segment import pos_tags

    if front.casefold() in lexicon.word_classes()["notname"] or front.casefold() in {
            p.casefold() for p in generic_role_prefixes()} or gazetteer().get(front) == "LOC":
        return False
    return pos_tags((front,))[0].pos in ("NE", "XY")


def find_position(scene: Scene, trigger: int, arg: str, _labels) -> list[Token]:
    """A leadership noun of the clause; ``position:next`` one right after the trigger
    (``wird neuer Chef``, not the auxiliary ``wird`` of another verb)."""
    clause = scene.sentence.tokens[trigger].clause
    words = [t for t in scene.sentence.clause_tokens(clause) if lexicon.is_position(t.text)]
    if arg == "next":
        words = [t for t in words if 0 < scene.sentence.tokens.index(t) - trigger <= POSITION_NEXT]
    return words[:1]


def find_posorg(scene: Scene, trigger: int, _arg: str, labels) -> list[Mention]:
    """The organisation of the clause's leadership noun: ``Tesla-Chef``, ``Chef der Bahn``."""
    for tok in find_position(scene, trigger, "", labels):
        index = scene.sentence.tokens.index(tok)
        if "-" in tok.text.strip("-"):
            front = _front_of(scene, tok, tok.start + tok.text.rindex("-"), labels) \
                or compound_front(scene, tok, labels)
            if front:
                return front
        after = find_gen(scene, index, "", labels) or find_prep(scene, index, "von", labels) \
            or find_prep(scene, index, "bei", labels)
        if after:
            return after
    return []


def find_poss(scene: Scene, trigger: int, _arg: str, labels) -> list[Mention]:
    tok = scene.sentence.tokens[trigger]
    for a in scene.args:
        m = a.mention
        if scene.free(a, labels) and a.last == trigger - 1 and m.text[-1:] in ("s", "'", "’"):
            return [m]
        if scene.free(a, labels) and a.last == trigger - 2 and scene.sentence.tokens[trigger - 1].pos == "ADJA" \
                and m.text[-1:] in ("s", "'", "’") and tok.pos == "NN":
            return [m]
    return []


def find_any(scene: Scene, trigger: int, _arg: str, labels) -> list[Mention]:
    """Any free name of the sentence, the nearest to the trigger first (a union is a union
    wherever it stands)."""
    hits = sorted((a for a in scene.args if scene.free(a, labels)), key=lambda a: abs(a.first - trigger))
    return [hits[0].mention] if hits else []


def find_head(scene: Scene, trigger: int, _arg: str, labels) -> list[Mention]:
    tokens = scene.sentence.tokens
    for a in scene.args:
        if trigger < a.first <= trigger + 3 and scene.free(a, labels) \
                and all(t.pos in NP_TAGS for t in tokens[trigger + 1:a.first]):
            return [a.mention]
    return []


def find_prev(scene: Scene, trigger: int, _arg: str, labels) -> list[Mention]:
    tokens = scene.sentence.tokens
    j = trigger - 1
    while j >= 0 and trigger - j <= 4 and (tokens[j].pos in ("ART", "ADJA", "PIAT", "VAFIN") or tokens[j].text == ","):
        j -= 1
    if j >= 2 and tokens[j].text == ")":  # "Airports Group Europe S.à r.l. (AGE), einer Tochter von …"
        j = max(i for i in range(j) if tokens[i].text == "(" or i == 0) - 1 if "(" in (t.text for t in tokens[:j]) else j
    for a in scene.args:
        if a.last == j and scene.free(a, labels):
            return [a.mention]
    return []


def find_ppos(scene: Scene, trigger: int, _arg: str, labels) -> list[Mention]:
    """``seiner Tochter``, ``ihrer Tochtergesellschaft Geo24``: a possessive determiner (over
    adjectives) before the trigger names the organisation named last before it."""
    tokens = scene.sentence.tokens
    j = trigger - 1
    while j >= 0 and tokens[j].pos == "ADJA":
        j -= 1
    if j < 0 or tokens[j].pos != "PPOSAT":
        return []
    found = last_organisation(scene.earlier + [a.mention for a in scene.args], tokens[j].start)
    return [found] if found is not None and participant(found) not in scene.used and label_fits(found, labels) else []


def find_money(scene: Scene, trigger: int, arg: str, _labels) -> list[tuple[int, Figure]]:
    return _figures(scene, trigger, ("money",), arg)


def find_figure(scene: Scene, trigger: int, arg: str, _labels) -> list[tuple[int, Figure]]:
    return _figures(scene, trigger, ("percent", "count"), arg)


def _figures(scene: Scene, trigger: int, kinds: tuple[str, ...], preposition: str):
    sentence = scene.sentence
    clause = sentence.tokens[trigger].clause
    for index, fig in scene.figures:
        if fig.kind not in kinds or sentence.clause_of(fig.start) != clause:
            continue
        if preposition and preposition not in scene.text[max(sentence.start, fig.start - 30):fig.start].split():
            continue
        return [(index, fig)]
    return []


_FINDERS = {"subj": find_subj, "obj": find_obj, "p": find_prep, "gen": find_gen, "prefix": find_prefix,
            "poss": find_poss, "head": find_head, "prev": find_prev, "money": find_money,
            "figure": find_figure, "any": find_any, "attr": find_attr, "ppos": find_ppos, "position": find_position, "posorg": find_posorg}
