"""Part-of-speech and lemma features for the speech taggers, from the HanTa tagger (STTS tags).

What plain tokens cannot show: whether a word is a finite verb (``VV(FIN)``) or
an adjective, whether a clause ends in its finite verb (a subordinate clause),
and regular Konjunktiv I forms beyond the irregular list (``er komme``: a
finite verb that equals its lemma's stem + ``-e`` and has no ``ich`` before it).
On the dev split these lifted all three Redewiedergabe taggers (docs/quotes.md).
HanTa ships its own German model inside the PyPI package; nothing is downloaded.
"""
from __future__ import annotations

from dossier.analyse.segment import Tag, pos_tags

# Tag(lemma, STTS tag) per token of one sentence: the shared, cached tagger of dossier.analyse.segment
# (the lemma is computed only when read).
tag_sentence = pos_tags


def is_konjunktiv_one(word: str, lemma: str, pos: str, prev: str) -> bool:
    """A finite verb spelled stem + -e (komme, plane, gelte): Konjunktiv I, unless ``ich`` precedes."""
    if not (pos.startswith("V") and "FIN" in pos) or prev == "ich":
        return False
    if lemma.endswith("en"):
        stem = lemma[:-2]
    elif lemma.endswith("n"):
        stem = lemma[:-1]
    else:
        return False
    return word.lower() == stem.lower() + "e"


def tagged_konjunktiv_one(word: str, tag: Tag, prev: str) -> bool:
    """:func:`is_konjunktiv_one` of a tagged word; only a finite verb's lemma is read (lemmatising
    costs as much as tagging, and one word in eight or so is a finite verb)."""
    pos = tag.pos
    if not (pos.startswith("V") and "FIN" in pos) or prev == "ich":
        return False
    return is_konjunktiv_one(word, tag.lemma, pos, prev)


def add_morph_features(feats: list[list[str]], tokens: list[str], spans: list[tuple[int, int]],
                       clause_ids_of) -> None:
    """Append ``m_`` features: the token's tag, its Konjunktiv I reading, and per clause whether it
    holds a Konjunktiv I verb (or the clause before does), ends in its finite verb, or has none."""
    for a, b in spans:
        analysed = tag_sentence(tuple(tokens[a:b]))
        clause_ids = clause_ids_of(tokens, a, b)
        konj = [tagged_konjunktiv_one(tokens[i], analysed[i - a], tokens[i - 1].lower() if i > a else "")
                for i in range(a, b)]
        konj_clauses = {clause_ids[k] for k, hit in enumerate(konj) if hit}
        verb_final, has_finite = _clause_verb_shape(tokens, a, b, analysed, clause_ids)
        for i in range(a, b):
            k, cid = i - a, clause_ids[i - a]
            f = feats[i]
            f.append(f"m_pos={analysed[k].pos}")
            if konj[k]:
                f.append("m_konj1")
            if cid in konj_clauses:
                f.append("m_cl_konj1")
            if cid - 1 in konj_clauses:
                f.append("m_pcl_konj1")
            if cid in verb_final:
                f.append("m_cl_vfinal")
            elif cid not in has_finite:
                f.append("m_cl_nofin")


def _clause_verb_shape(tokens, a, b, analysed, clause_ids) -> tuple[set[int], set[int]]:
    """Clauses whose last word is a finite verb (daß er komme), and clauses with any finite verb."""
    last_word: dict[int, int] = {}
    has_finite: set[int] = set()
    for i in range(a, b):
        cid = clause_ids[i - a]
        if tokens[i][:1].isalnum():
            last_word[cid] = i
        if "FIN" in analysed[i - a].pos:
            has_finite.add(cid)
    verb_final = {cid for cid, i in last_word.items() if "FIN" in analysed[i - a].pos}
    return verb_final, has_finite
