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
* News gold JSONL (``tests/data/quotes/news_gold.jsonl``): the rule-based news
  stage (``find_quotes``) on German news paragraphs. A predicted quote matches a
  gold one when their character spans overlap by at least half of the longer
  span (one-to-one, largest overlap first). Detection P/R/F1 ignores the kind;
  kind, speaker, medium and time are then judged over the matched pairs.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable

from dossier.analyse.quotes import spkatt
from dossier.eval.formats import redewiedergabe as rw
from dossier.eval import metrics
from dossier.eval.names import match_names
from dossier.model import Article, Quote


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


def spkatt_counts() -> dict:
    """Empty counts for ``score_spkatt_document``: per role, exact and token [tp, fp, fn] and the
    proportional [precision credit, predicted spans, recall credit, gold spans]."""
    return {role: {"exact": [0, 0, 0], "token": [0, 0, 0], "prop": [0.0, 0, 0.0, 0]} for role in ("Cue", "Source")}


def spkatt_report(counts: dict) -> dict:
    """Scores from summed counts: per role and reading, and cue and source together (top level)."""
    per_role = {role.lower(): {how: (prf_proportional(*c) if how == "prop" else prf(*c))
                               for how, c in counts[role].items()} for role in counts}
    # Top level: cue and source spans together, with the shared task's proportional credit.
    overall = prf_proportional(*[sum(counts[role]["prop"][i] for role in counts) for i in range(4)])
    return {**overall, "cue_f1": per_role["cue"]["token"]["f1"], "source_f1": per_role["source"]["token"]["f1"],
            "per_role": per_role}


def evaluate_spkatt(directory: Path, *, split: str = "all", model_dir: Path | None = None) -> dict:
    counts = spkatt_counts()
    n_docs = 0
    for doc in spkatt.read_corpus(directory):
        if not _in_split(rw.is_dev(doc.name), split):
            continue
        n_docs += 1
        score_spkatt_document(spkatt.predict_document(doc, model_dir), doc.annotations, counts)
    return {**spkatt_report(counts), "documents": n_docs, "split": split}


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


# --- News gold set (rule-based news stage) -------------------------------------
NEWS_KINDS = ("direct", "indirect", "mixed", "reported")


def read_news_gold(path: Path) -> list[dict]:
    """Rows of the news gold JSONL; each gold quote gets its ``start``/``end`` in the text."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            for q in row["quotes"]:
                start = row["text"].find(q["text"])
                if start < 0:
                    raise ValueError(f"{path}:{line_no}: gold quote not in text: {q['text']!r}")
                q["start"], q["end"] = start, start + len(q["text"])
            rows.append(row)
    return rows


def news_article(row: dict, *, ner: bool = False) -> Article:
    """The paragraph as an article: names from the row by string matching, or from the NER stage."""
    text = row["text"]
    article = Article(id=row.get("id", "news"), raw_text=text, text=text)
    if ner:
        from dossier.analyse.entities import find_entities

        for layer, items in find_entities(article).items():
            setattr(article, layer, items)
        return article
    surfaces = {}
    for i, ent in enumerate(row.get("entities", [])):
        for surface in (ent["name"], *ent.get("aliases", [])):
            surfaces.setdefault(surface, (f"e{i}", ent["name"], ent["label"]))
    article.mentions, article.entities = match_names(text, surfaces)
    return article


def _spans_match(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Overlap of two spans when it covers at least half of the longer one, else 0."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap if overlap > 0 and 2 * overlap >= max(a[1] - a[0], b[1] - b[0]) else 0


def align_news(pred: list[Quote], gold: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one (pred index, gold index) pairs whose spans match, largest overlap first."""
    candidates = [(-o, i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
                  if (o := _spans_match((p.start, p.end), (g["start"], g["end"])))]
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in sorted(candidates):
        if i not in used_p and j not in used_g:
            used_p.add(i), used_g.add(j), pairs.append((i, j))
    return pairs


def speaker_name(quote: Quote, article: Article) -> str | None:
    """The canonical name of the quote's speaker entity, or None for an unresolved speaker."""
    if quote.speaker_entity is None:
        return None
    names = {e.id: e.name for e in article.entities}
    return names.get(quote.speaker_entity, quote.speaker)


def speaker_correct(quote: Quote, article: Article, gold: dict, row: dict) -> bool:
    """Right when the resolved entity is the gold speaker (its name or an alias), or both are None."""
    if gold.get("speaker") is None:
        return quote.speaker_entity is None
    names = {gold["speaker"]}
    for ent in row.get("entities", []):
        if ent["name"] == gold["speaker"]:
            names.update(ent.get("aliases", []))
    return speaker_name(quote, article) in names


def _said_at_correct(pred: str | None, gold: str) -> bool:
    return bool(pred) and (gold in pred or pred in gold)


def _new_news_counts() -> dict:
    return {"tp": 0, "fp": 0, "fn": 0, "kind_ok": 0, "speaker_ok": 0, "medium": [0, 0], "said_at": [0, 0],
            "per_kind": {k: {"tp": 0, "fp": 0, "fn": 0, "speaker_ok": 0, "matched": 0} for k in NEWS_KINDS},
            "confusion": {}, "paragraphs": 0, "negative_paragraphs": 0, "negative_fp": 0}


def score_news_paragraph(row: dict, article: Article, pred: list[Quote], counts: dict, errors: list | None = None) -> None:
    gold = row["quotes"]
    pairs = align_news(pred, gold)
    pmatch = {i: j for i, j in pairs}
    gmatch = {j: i for i, j in pairs}
    counts["paragraphs"] += 1
    if not gold:
        counts["negative_paragraphs"] += 1
        counts["negative_fp"] += len(pred)
    counts["tp"] += len(pairs)
    counts["fp"] += len(pred) - len(pairs)
    counts["fn"] += len(gold) - len(pairs)
    for i, q in enumerate(pred):
        kind = q.kind if q.kind in NEWS_KINDS else "direct"
        if i not in pmatch or gold[pmatch[i]]["kind"] != kind:
            counts["per_kind"][kind]["fp"] += 1
        if i not in pmatch and errors is not None:
            errors.append({"id": row.get("id"), "error": "false", "kind": q.kind, "text": q.text,
                           "speaker": q.speaker, "cue": q.cue})
    for j, g in enumerate(gold):
        pk = counts["per_kind"][g["kind"]]
        if j not in gmatch:
            pk["fn"] += 1
            if errors is not None:
                errors.append({"id": row.get("id"), "error": "missed", "kind": g["kind"], "text": g["text"],
                               "speaker": g.get("speaker")})
            continue
        q = pred[gmatch[j]]
        pk["matched"] += 1
        key = f"{g['kind']}->{q.kind}"
        counts["confusion"][key] = counts["confusion"].get(key, 0) + 1
        if q.kind == g["kind"]:
            counts["kind_ok"] += 1
            pk["tp"] += 1
        else:
            pk["fn"] += 1
        ok = speaker_correct(q, article, g, row)
        counts["speaker_ok"] += ok
        pk["speaker_ok"] += ok
        if errors is not None and (q.kind != g["kind"] or not ok):
            errors.append({"id": row.get("id"), "error": "kind/speaker", "gold_kind": g["kind"], "kind": q.kind,
                           "text": q.text, "gold_text": g["text"], "gold_speaker": g.get("speaker"),
                           "speaker": q.speaker, "speaker_entity": speaker_name(q, article), "cue": q.cue})
        if g.get("medium"):
            counts["medium"][0] += q.medium == g["medium"]
            counts["medium"][1] += 1
        if g.get("said_at"):
            counts["said_at"][0] += _said_at_correct(q.said_at, g["said_at"])
            counts["said_at"][1] += 1


def _news_report(c: dict) -> dict:
    matched = c["tp"]
    report = prf(c["tp"], c["fp"], c["fn"])
    report.update({
        "kind_accuracy": round(metrics.ratio(c["kind_ok"], matched), 4),
        "speaker_accuracy": round(metrics.ratio(c["speaker_ok"], matched), 4),
        "medium_accuracy": round(metrics.ratio(*c["medium"]), 4), "medium_judged": c["medium"][1],
        "said_at_accuracy": round(metrics.ratio(*c["said_at"]), 4), "said_at_judged": c["said_at"][1],
        "paragraphs": c["paragraphs"], "negative_paragraphs": c["negative_paragraphs"],
        "false_quotes_in_negative_paragraphs": c["negative_fp"],
        "confusion": dict(sorted(c["confusion"].items())),
        "per_kind": {},
    })
    for kind, k in c["per_kind"].items():
        row = prf(k["tp"], k["fp"], k["fn"])
        row["detected"] = k["matched"]
        row["speaker_accuracy"] = round(metrics.ratio(k["speaker_ok"], k["matched"]), 4)
        report["per_kind"][kind] = row
    return report


def evaluate_news(path: Path, *, split: str = "all", ner: bool = False, errors: list | None = None) -> dict:
    """Scores of ``find_quotes`` on the news gold set, per half (``dev``, ``test``) and over both."""
    from dossier.analyse.quotes import find_quotes

    rows = read_news_gold(path)
    halves = sorted({r.get("split", "dev") for r in rows})
    wanted = halves if split == "all" else [split]
    counts = {h: _new_news_counts() for h in wanted}
    total = _new_news_counts()
    for row in rows:
        half = row.get("split", "dev")
        if half not in counts:
            continue
        article = news_article(row, ner=ner)
        pred = find_quotes(article)
        score_news_paragraph(row, article, pred, counts[half], errors)
        score_news_paragraph(row, article, pred, total)
    report = {"format": "news", "file": str(path), "ner": ner, "split": split,
              "splits": {h: _news_report(c) for h, c in counts.items()}}
    if len(wanted) > 1:
        report["splits"]["all"] = _news_report(total)
    return report


def format_news(report: dict) -> str:
    how = "NER stage" if report["ner"] else "gold names"
    lines = [f"News quotes ({report['file']}, names from {how}); match = span overlap >= half of the longer span"]
    for half, s in report["splits"].items():
        lines.append("")
        lines.append(f"[{half}] {s['paragraphs']} paragraphs, {s['tp'] + s['fn']} gold quotes, "
                     f"{s['false_quotes_in_negative_paragraphs']} false quotes in {s['negative_paragraphs']} "
                     "paragraphs without any")
        lines.append(f"detection  P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
                     f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
        lines.append(f"matched: kind accuracy {s['kind_accuracy']:.3f}, speaker accuracy {s['speaker_accuracy']:.3f}, "
                     f"medium {s['medium_accuracy']:.3f} (of {s['medium_judged']}), "
                     f"time {s['said_at_accuracy']:.3f} (of {s['said_at_judged']})")
        lines.append(f"{'kind':10} {'P':>7} {'R':>7} {'F1':>7} {'found':>6} {'speaker':>8}")
        for kind, k in s["per_kind"].items():
            lines.append(f"{kind:10} {k['precision']:7.3f} {k['recall']:7.3f} {k['f1']:7.3f} "
                         f"{k['detected']:6d} {k['speaker_accuracy']:8.3f}")
    return "\n".join(lines)
