"""Speaker attribution taggers for the SpkAtt-2023 (GermEval/KONVENS) task-1 format.

The reader is :mod:`dossier.eval.formats.spkatt`.
Two CRFs do the work: one marks cue tokens (``C`` opens a cue, ``P`` continues
the cue opened before it, e.g. a split particle), one marks the source of a
given cue with features relative to that cue.
"""
from __future__ import annotations

from pathlib import Path

from dossier.eval.formats.spkatt import ROLES, Annotation, SpkDocument, read_corpus, read_document  # noqa: F401

from .crf import MODEL_DIR, load, train_crf
from .features import SUBORD, _konj, _cue_kind, _shape
from .morph import tag_sentence

CUE_MODEL, SOURCE_MODEL = "spkatt_cue.crfsuite", "spkatt_source.crfsuite"
POSSESSIVES = {"mein", "meine", "meiner", "meinem", "meinen", "sein", "seine", "seiner", "seinem", "seinen", "ihr",
               "ihre", "ihrer", "ihrem", "ihren", "unser", "unsere", "unserer", "unserem", "unseren", "euer",
               "eure", "dein", "deine", "ihres", "seines", "meines", "unseres"}
CUE_THRESHOLD: float | None = 0.45  # tuned on the dev split (docs/quotes.md)
PRONOUNS = {"ich", "wir", "sie", "er", "es", "man", "du", "ihr", "jemand", "wer", "der", "die", "das"}


# --- features -----------------------------------------------------------------
def token_features(tokens: list[str]) -> list[list[str]]:
    lows = [t.lower() for t in tokens]
    feats = []
    for i, tok in enumerate(tokens):
        low = lows[i]
        f = [f"w={low}", f"s3={low[-3:]}", f"s2={low[-2:]}", f"p4={low[:4]}", f"shape={_shape(tok)}",
             f"first={i == 0}"]
        kind = _cue_kind(tok)
        if kind:
            f.append(f"cue={kind}")
        if _konj(tok, lows[i - 1] if i else ""):
            f.append("konj")
        for d in (-2, -1, 1, 2):
            j = i + d
            f.append(f"{d}w={lows[j] if 0 <= j < len(tokens) else '<pad>'}")
            if 0 <= j < len(tokens) and _cue_kind(tokens[j]):
                f.append(f"{d}cue")
        f.append(f"stem={_stem(low)}")
        if i + 1 < len(tokens):
            f.append(f"bi={low}|{lows[i + 1]}")
        if i + 1 < len(tokens) and lows[i + 1] in SUBORD | {",", ":"}:
            f.append(f"next_clause={lows[i + 1]}")
        feats.append(f)
    _add_tags(feats, tokens)
    return feats


def _add_tags(feats: list[list[str]], tokens: list[str]) -> None:
    """STTS tags of the token and its neighbours (HanTa): where a noun phrase starts and ends, so
    the source tagger finds whole phrases (Der Kollege von der AfD). The cue tagger does without
    them (it did not gain: dev cue F1 0.843 -> 0.840), see ``cue_view``."""
    tags = [tag.pos for tag in tag_sentence(tuple(tokens))]
    for i, f in enumerate(feats):
        f += [f"m_pos={tags[i]}", f"m_pos-1={tags[i - 1] if i else '<s>'}",
              f"m_pos+1={tags[i + 1] if i + 1 < len(tags) else '</s>'}"]


def cue_view(feats: list[list[str]]) -> list[list[str]]:
    return [[x for x in f if not x.startswith("m_")] for f in feats]


def _stem(word: str) -> str:
    """A crude German verb/noun stem, so inflected forms of one cue share a feature (sagte, gesagt, sagen)."""
    if word.startswith("ge") and len(word) > 6 and word.endswith(("t", "en")):
        word = word[2:]
    for suffix in ("ungen", "ung", "ten", "te", "est", "et", "en", "st", "e", "t", "n", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def source_features(tokens: list[str], base: list[list[str]], cue: set[int]) -> list[list[str]]:
    """Features for the source of one cue: the base features plus where each token stands
    relative to it (side, distance, same clause or not), and what the cue word is."""
    head = min(cue)
    lows = [t.lower() for t in tokens]
    boundary = [t in {",", ":", ";", "-", "–", "("} for t in tokens]
    prefix = [0]
    for b in boundary:
        prefix.append(prefix[-1] + b)
    out = []
    for i, f in enumerate(base):
        dist = i - head
        rel = "cue" if i in cue else ("L" if dist < 0 else "R")
        bucket = abs(dist) if abs(dist) <= 4 else (8 if abs(dist) <= 8 else 99)
        lo, hi = min(i, head), max(i, head)
        clause = "same" if prefix[hi] - prefix[lo + 1] == 0 else "other"
        extra = [f"rel={rel}", f"dist={rel}{bucket}", f"cw={lows[head]}", f"rel_w={rel}|{lows[i]}",
                 f"rel_shape={rel}|{_shape(tokens[i])}", f"clause={rel}{clause}",
                 f"rcw={rel}|{lows[head]}", f"rel_cl_shape={rel}{clause}|{_shape(tokens[i])}",
                 f"rcstem={rel}{clause}|{_stem(lows[head])}", f"rcstem_w={rel}|{_stem(lows[head])}|{lows[i]}"]
        if lows[i] in PRONOUNS:
            extra += [f"pron={rel}{bucket}", f"pron_w={rel}{clause}|{lows[i]}"]
        if i > 0 and tokens[i - 1] == "," and lows[i] in {"der", "die", "das", "wer"}:
            extra.append(f"relpron={rel}{clause}")
        cue_is_noun = tokens[head][:1].isupper() and head > 0
        if cue_is_noun:  # noun cues (Antrag, Rede): the source is a possessive or a genitive next to it
            extra.append(f"noun_cue={rel}{bucket}")
            if lows[i] in POSSESSIVES:
                extra.append(f"noun_cue_poss={rel}{bucket}")
        if i == 0 or boundary[i - 1]:
            extra.append(f"clause_first={rel}{clause}")
        extra.append(f"rel_prev={rel}{clause}|{lows[i - 1] if i else '<s>'}")
        extra.append(f"rel_next={rel}{clause}|{lows[i + 1] if i + 1 < len(tokens) else '</s>'}")
        tag = next((x[6:] for x in f if x.startswith("m_pos=")), "")
        extra.append(f"m_rel_pos={rel}{clause}|{tag}")
        out.append(f + extra)
    return out


# --- training -----------------------------------------------------------------
def _cue_labels(n: int, sid: int, anns: list[Annotation]) -> list[str]:
    labels = ["O"] * n
    for a in anns:
        toks = sorted(t for s, t in a.get("Cue") if s == sid)
        for k, t in enumerate(toks):
            if t < n:
                labels[t] = "C" if k == 0 else ("P" if labels[t] == "O" else labels[t])
    return labels


def training_sequences(docs: list[SpkDocument]):
    cue_seqs, source_seqs = [], []
    for doc in docs:
        for sid, tokens in sorted(doc.sentences.items()):
            base = token_features(tokens)
            cue_seqs.append((cue_view(base), _cue_labels(len(tokens), sid, doc.annotations)))
            for a in doc.annotations:
                cue = {t for s, t in a.get("Cue") if s == sid}
                if not cue:
                    continue
                src = {t for s, t in a.get("Source") if s == sid}
                # B/I labels let the tagger learn where a source phrase starts (Der Kollege von der AfD).
                labels = [("I" if i - 1 in src else "B") if i in src else "O" for i in range(len(tokens))]
                source_seqs.append((source_features(tokens, base, cue), labels))
    return cue_seqs, source_seqs


def train_spkatt(docs: list[SpkDocument], out_dir: Path = MODEL_DIR, echo=print) -> None:
    cue_seqs, source_seqs = training_sequences(docs)
    echo(f"training SpkAtt cue tagger on {len(cue_seqs)} sentences")
    # c1 = 0.3 for both taggers, chosen on the dev split over 0.03-1.0 (docs/quotes.md).
    train_crf(cue_seqs, out_dir / CUE_MODEL, c1=0.3, c2=0.01, max_iterations=150)
    echo(f"training SpkAtt source tagger on {len(source_seqs)} cues")
    train_crf(source_seqs, out_dir / SOURCE_MODEL, c1=0.3, c2=0.01, max_iterations=150)


# --- prediction ---------------------------------------------------------------
def predict_sentence(tokens: list[str], model_dir: Path | None = None) -> list[tuple[set[int], set[int]]]:
    """(cue token indices, source token indices) for each cue found in one sentence."""
    cue_tagger = load(CUE_MODEL, str(model_dir) if model_dir else None)
    source_tagger = load(SOURCE_MODEL, str(model_dir) if model_dir else None)
    base = token_features(tokens)
    cue_feats = cue_view(base)
    labels = cue_tagger.tag(cue_feats)
    if CUE_THRESHOLD is not None:
        # Viterbi under-predicts the long tail of cue words; add tokens that are likely enough.
        not_cue = cue_tagger.marginals(cue_feats, "O")
        for i, p_o in enumerate(not_cue):
            if labels[i] == "O" and 1 - p_o >= CUE_THRESHOLD:
                labels[i] = "P" if i and labels[i - 1] != "O" else "C"
    cues: list[set[int]] = []
    for i, label in enumerate(labels):
        if label == "C" or (label == "P" and not cues):
            cues.append({i})
        elif label == "P":
            cues[-1].add(i)
    out = []
    for cue in cues:
        src_labels = source_tagger.tag(source_features(tokens, base, cue))
        out.append((cue, {i for i, lab in enumerate(src_labels) if lab in ("B", "I")}))
    return out


def predict_document(doc: SpkDocument, model_dir: Path | None = None) -> list[Annotation]:
    anns = []
    for sid, tokens in sorted(doc.sentences.items()):
        for cue, src in predict_sentence(tokens, model_dir):
            anns.append(Annotation({"Cue": {(sid, t) for t in cue}, "Source": {(sid, t) for t in src}}))
    return anns
