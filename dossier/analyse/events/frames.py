"""Triggers in an analysed sentence, and their roles filled from ``event_frames.tsv``.

A token is a trigger when its HanTa lemma (particle verbs joined) is listed for its word
class, or, for nouns and adjectives, when a listed lemma is the head of its compound
(``Milliarden-Übernahme``, ``Warnstreiks``). Rows for the same lemma are tried in file
order; the first whose ``needs`` hold and that names at least one participant wins.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from dossier.analyse.events import lexicon, slots
from dossier.analyse.events.prefilter import may_trigger
from dossier.analyse.events.slots import Scene
from dossier.analyse.events.text import Token
from dossier.model import Figure, Mention

FIGURE_SLOTS = ("money", "figure")


@dataclass
class Filled:
    """One role filler: a mention, a figure (with its index in the figures layer) or a word."""

    role: str
    mention: Mention | None = None
    figure: tuple[int, Figure] | None = None
    word: Token | None = None


@dataclass
class Found:
    trigger: lexicon.Trigger
    token: int  # index of the trigger token in the sentence
    voice: str
    roles: list[Filled] = field(default_factory=list)
    # A standing role told by a noun next to the person (``VW-Chef Oliver Blume``, ``Euler,
    # Chef der Volksbank``): a fact about the person, which no modality cue of the clause reaches.
    standing: bool = False
    # The noun a support verb needs is part of the trigger (``streicht 12.000 Jobs``, ``legen
    # die Arbeit nieder``): the token index of that word, the trigger's span reaches it.
    partner: int | None = None


def trigger_rows(tok: Token) -> list[lexicon.Trigger]:
    """Trigger rows whose lemma and word class fit ``tok``."""
    table = lexicon.triggers()
    if (tok.lower, "W") in table:
        return table[(tok.lower, "W")]
    if not may_trigger(tok.lower) and not tok.joined:
        return []  # no trigger stem in the word: its lemma need not be read
    lemma = tok.lemma.casefold()
    if tok.pos.startswith("V"):
        return table.get((lemma, "V"), [])
    if tok.pos in ("NN", "NE", "TRUNC"):
        pos = "N"
    elif tok.pos.startswith("ADJ"):
        pos = "A"
    else:
        return []
    rows = table.get((lemma, pos))
    if rows:
        return rows
    word = tok.text.casefold()
    for head in lexicon.noun_heads():
        # A compound's head: "Milliarden-Übernahme", "Warnstreiks"; the lemma of an unknown
        # compound may keep its ending, so the word form is tried as well.
        if (lemma.endswith(head) or word.endswith(head)) and (table.get((head, pos))):
            return table[(head, pos)]
    return []


def voice_of(scene: Scene, index: int) -> str:
    tok = scene.sentence.tokens[index]
    if tok.pos != "VVPP":
        return "active"
    clause = scene.sentence.clause_tokens(tok.clause)
    return "passive" if any(t.pos.startswith("VA") and t.lemma == "werden" for t in clause) else "active"


def fill(scene: Scene, index: int, trigger: lexicon.Trigger) -> Found | None:
    """The trigger's roles; None when its needs do not hold or nobody takes part."""
    voice = voice_of(scene, index) if trigger.pos == "V" else "active"
    found = Found(trigger, index, voice)
    scene.used = set()  # each event chooses its own participants
    for row in lexicon.frames().get((trigger.frame, voice), []):
        if not row.many and any(f.role == row.role for f in found.roles):
            continue
        for slot in row.slots:
            # one participant, one role: a finder that does not read scene.used (a pronoun's
            # referent, a name looked up) must not hand back someone already placed
            hits = [h for h in slots.find(scene, index, slot, row.labels)
                    if not isinstance(h, Mention) or slots.participant(h) not in scene.used]
            if not hits:
                continue
            for hit in hits:
                found.roles.append(_filled(row.role, hit))
                if isinstance(hit, Mention):
                    scene.used.add(slots.participant(hit))
                    if row.many:
                        found.roles.extend(Filled(row.role, m) for m in coordinated(scene, hit, row.labels))
            break
    if not _needs_hold(scene, found) or not any(f.mention is not None for f in found.roles):
        return None
    return found


def _filled(role: str, hit) -> Filled:
    if isinstance(hit, Mention):
        return Filled(role, mention=hit)
    if isinstance(hit, Token):
        return Filled(role, word=hit)
    return Filled(role, figure=hit)


def coordinated(scene: Scene, mention: Mention, labels) -> list[Mention]:
    """``X und Y``, ``X, Y und Z``: the names coordinated with ``mention``."""
    out = []
    end = mention.end
    for a in sorted(scene.args, key=lambda a: a.mention.start):
        if a.mention.start < end or not scene.free(a, labels):
            continue
        gap = scene.text[end:a.mention.start].strip()
        words = gap.split()
        if gap in (",", "und", "sowie", "&") or (len(words) <= 3 and words[:1] in (["und"], ["sowie"], [","])
                                                  and all(w[:1].islower() for w in words[1:])):
            out.append(a.mention)
            scene.used.add(slots.participant(a.mention))
            end = a.mention.end
        else:
            break
    return out


def _needs_hold(scene: Scene, found: Found) -> bool:
    """The trigger's needs (all groups, any word of a group) hold in its clause, and none of its
    vetoes (``!word``: ``Pleite`` in a sentence about a match series) is a lemma of its
    sentence or a part of the trigger word (``Heimpleite``); a veto of several words is a
    phrase of the trigger's clause (``!in kauf``: ``in Kauf nehmen`` is accepting, not buying)."""
    clause = scene.sentence.tokens[found.token].clause
    lemmas = _LazyLemmas(scene.sentence.clause_tokens(clause))
    roles = {f.role for f in found.roles}
    # vetoes last: they read the lemma of every word of the sentence, and a need that fails
    # first spares that (the answer is the same in any order)
    needs = sorted(found.trigger.needs, key=lambda group: group[0].startswith("!"))
    for group in needs:
        if group[0].startswith("!"):
            sentence = {t.lemma.casefold() for t in scene.sentence.tokens}
            trigger = scene.sentence.tokens[found.token].lower
            words = " ".join(t.lower for t in scene.sentence.clause_tokens(clause))
            if any(f" {veto[1:]} " in f" {words} " if " " in veto else veto[1:] in sentence or veto[1:] in trigger
                   for veto in group):
                return False
        elif group[0].startswith("#"):
            if not any(a.mention.label == alt[1:] for a in scene.args for alt in group):
                return False
        elif not any(_need_met(alt, roles, lemmas, scene, clause) for alt in group):
            return False
        elif found.partner is None:
            found.partner = _partner(scene, found.token, group)
    return True


def _partner(scene: Scene, trigger: int, words: tuple[str, ...]) -> int | None:
    """The noun of the trigger's clause nearest to it that a word group of its needs names
    (``Stellen`` of ``streicht 50 Stellen``); None for a group of roles or figures."""
    tokens = scene.sentence.tokens
    clause = tokens[trigger].clause
    plain = [w for w in words if not w.startswith(("@", "#", "!"))]
    hits = [i for i, t in enumerate(tokens) if t.clause == clause and i != trigger and t.pos in ("NN", "NE")
            and any(w in t.lemma.casefold() for w in plain)]
    return min(hits, key=lambda i: abs(i - trigger)) if hits else None


class _LazyLemmas:
    """The casefolded lemmas of some tokens, read when first iterated (a lemma costs a
    morphological analysis)."""

    def __init__(self, tokens):
        self.tokens, self.lemmas = tokens, None

    def __iter__(self):
        if self.lemmas is None:
            self.lemmas = [t.lemma.casefold() for t in self.tokens]
        return iter(self.lemmas)


def _need_met(alt: str, roles: set[str], lemmas: "_LazyLemmas", scene: Scene, clause: int) -> bool:
    if alt.startswith("@"):
        name = alt[1:]
        if name in FIGURE_SLOTS:
            kinds = ("money",) if name == "money" else ("percent", "count")
            return any(f.kind in kinds and scene.sentence.clause_of(f.start) == clause for _, f in scene.figures)
        return name in roles
    return any(alt in lemma for lemma in lemmas)


def find_in_sentence(scene: Scene) -> list[Found]:
    found = []
    for index, tok in enumerate(scene.sentence.tokens):
        for trigger in trigger_rows(tok):
            event = fill(scene, index, trigger)
            if event is not None:
                found.extend(_one_each(event))
                break
    return found


def _one_each(found: Found) -> list[Found]:
    """One event per name of a role whose frame row says ``each``: two companies that file
    for insolvency in one sentence are two insolvencies."""
    rows = lexicon.frames().get((found.trigger.frame, found.voice), [])
    each = {row.role for row in rows if row.each}
    split = [f for f in found.roles if f.role in each and f.mention is not None]
    if len(split) < 2:
        return [found]
    rest = [f for f in found.roles if f not in split]
    return [replace(found, roles=[one, *rest]) for one in split]
