"""Scoring the quote taggers on public data.

* Redewiedergabe TSV: token-level precision/recall/F1 per kind (direct,
  indirect, reported; speech, thought and writing together, as the corpus
  papers report them), and micro-averaged over the three kinds.
* SpkAtt-2023 task 1 JSON: cues and sources, each scored two ways:
  ``exact`` (a predicted span counts only if it equals a gold span) and
  ``token`` (token overlap: every token is a hit, a false alarm or a miss).
  A source is judged only together with its cue: a predicted annotation is
  aligned to the gold annotation whose cue it overlaps most.
  ``prop`` is the shared task's proportional-overlap style: each span earns
  the share of its tokens that overlap its aligned partner (precision over
  predicted spans, recall over gold spans), so a long span is one span, not
  many tokens.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from dossier.analyse.quotes import redewiedergabe as rw
from dossier.analyse.quotes import spkatt
from dossier.eval import metrics


def prf(tp: int, fp: int, fn: int) -> dict:
    p, r, f = metrics.prf(tp, tp + fp, tp, tp + fn)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


# --- Redewiedergabe -------------------------------------------------------------
def score_redewiedergabe(docs: Iterable[rw.RWDocument], tag: Callable[[rw.RWDocument], dict[str, list[bool]]]) -> dict:
    counts = {kind: [0, 0, 0] for kind in rw.KINDS}
    n_docs = n_tokens = 0
    for doc in docs:
        n_docs += 1
        n_tokens += len(doc.tokens)
        predicted = tag(doc)
        for kind in rw.KINDS:
            for pred, gold in zip(predicted[kind], doc.kinds):
                gold_has = kind in gold
                c = counts[kind]
                c[0] += pred and gold_has
                c[1] += pred and not gold_has
                c[2] += (not pred) and gold_has
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    report = prf(*total)
    report["per_kind"] = {kind: prf(*counts[kind]) for kind in rw.KINDS}
    report["documents"], report["tokens"] = n_docs, n_tokens
    return report


def evaluate_redewiedergabe(directory: Path, *, split: str = "all", model_dir: Path | None = None) -> dict:
    from dossier.analyse.quotes.speech_tagger import tag_speech

    docs = [d for d in rw.read_corpus(directory) if _in_split(rw.is_dev(d.name), split)]
    report = score_redewiedergabe(docs, lambda d: tag_speech(d.tokens, d.sent_starts, model_dir))
    report["split"] = split
    return report


def _in_split(is_dev: bool, split: str) -> bool:
    return split == "all" or (split == "dev") == is_dev


# --- SpkAtt ---------------------------------------------------------------------
def _align(pred: list[spkatt.Annotation], gold: list[spkatt.Annotation]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (pred index, gold index) by cue overlap, largest overlap first."""
    candidates = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            overlap = len(p.get("Cue") & g.get("Cue"))
            if overlap:
                candidates.append((-overlap, i, j))
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in sorted(candidates):
        if i not in used_p and j not in used_g:
            used_p.add(i), used_g.add(j), pairs.append((i, j))
    return pairs


def score_spkatt_document(pred: list[spkatt.Annotation], gold: list[spkatt.Annotation], counts: dict) -> None:
    pairs = _align(pred, gold)
    pmatch = {i: j for i, j in pairs}
    gmatch = {j: i for i, j in pairs}
    for role in ("Cue", "Source"):
        if "prop" in counts[role]:
            _score_proportional(pred, gold, pmatch, gmatch, role, counts[role]["prop"])
        exact, token = counts[role]["exact"], counts[role]["token"]
        for i, p in enumerate(pred):
            ps = p.get(role)
            g = gold[pmatch[i]].get(role) if i in pmatch else set()
            if ps:
                if ps == g:
                    exact[0] += 1
                else:
                    exact[1] += 1
            token[0] += len(ps & g)
            token[1] += len(ps - g)
            token[2] += len(g - ps)
        for j, g in enumerate(gold):
            gs = g.get(role)
            if not gs:
                continue
            if j not in gmatch:
                token[2] += len(gs)
                exact[2] += 1
            elif pred[gmatch[j]].get(role) != gs:
                exact[2] += 1


def prf_proportional(p_credit: float, n_pred: int, r_credit: float, n_gold: int) -> dict:
    p, r, f = metrics.prf(p_credit, n_pred, r_credit, n_gold)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "pred_spans": n_pred,
            "gold_spans": n_gold}


def _score_proportional(pred, gold, pmatch, gmatch, role: str, prop: list) -> None:
    """prop = [precision credit, predicted spans, recall credit, gold spans]."""
    prop[0], prop[1] = (a + b for a, b in zip(prop[:2], _overlap_credit(pred, gold, pmatch, role)))
    prop[2], prop[3] = (a + b for a, b in zip(prop[2:], _overlap_credit(gold, pred, gmatch, role)))


def _overlap_credit(spans, partners, match, role: str) -> tuple[float, int]:
    """Share of each annotation's ``role`` tokens its matched partner also has, summed,
    and how many annotations have the role (the same walk serves precision and recall)."""
    credit, count = 0.0, 0
    for i, annotation in enumerate(spans):
        tokens = annotation.get(role)
        if tokens:
            other = partners[match[i]].get(role) if i in match else set()
            credit += len(tokens & (other or set())) / len(tokens)
            count += 1
    return credit, count


def evaluate_spkatt(directory: Path, *, split: str = "all", model_dir: Path | None = None) -> dict:
    counts = {role: {"exact": [0, 0, 0], "token": [0, 0, 0], "prop": [0.0, 0, 0.0, 0]} for role in ("Cue", "Source")}
    n_docs = 0
    for doc in spkatt.read_corpus(directory):
        if not _in_split(rw.is_dev(doc.name), split):
            continue
        n_docs += 1
        score_spkatt_document(spkatt.predict_document(doc, model_dir), doc.annotations, counts)
    per_role = {role.lower(): {how: (prf_proportional(*c) if how == "prop" else prf(*c))
                               for how, c in counts[role].items()} for role in counts}
    # Top level: cue and source spans together, with the shared task's proportional credit.
    overall = prf_proportional(*[sum(counts[role]["prop"][i] for role in counts) for i in range(4)])
    return {**overall, "cue_f1": per_role["cue"]["token"]["f1"], "source_f1": per_role["source"]["token"]["f1"],
            "per_role": per_role, "documents": n_docs, "split": split}


def format_redewiedergabe(report: dict) -> str:
    lines = [f"Redewiedergabe token scores ({report['documents']} files, {report['tokens']} tokens, split={report['split']})",
             f"{'kind':10} {'P':>7} {'R':>7} {'F1':>7}"]
    for kind, s in report["per_kind"].items():
        lines.append(f"{kind:10} {s['precision']:7.3f} {s['recall']:7.3f} {s['f1']:7.3f}")
    lines.append(f"{'micro':10} {report['precision']:7.3f} {report['recall']:7.3f} {report['f1']:7.3f}")
    return "\n".join(lines)


def format_spkatt(report: dict) -> str:
    lines = [f"SpkAtt-2023 task 1 ({report['documents']} files, split={report['split']})",
             f"{'role':8} {'match':6} {'P':>7} {'R':>7} {'F1':>7}"]
    for role, by in report["per_role"].items():
        for how, s in by.items():
            lines.append(f"{role:8} {how:6} {s['precision']:7.3f} {s['recall']:7.3f} {s['f1']:7.3f}")
    return "\n".join(lines)
