"""Score the events stage on DFKI SmartData (JSONL, one document per line; CC BY 4.0).

SmartData annotates n-ary ``relationMentions`` with argument roles; the business types that
Dossier's event types cover are scored (:data:`TYPE_MAP`), the traffic ones are not.

Matching rule (one-to-one, greedy in text order, per document and type):

* an event matches a gold relation of its type when its trigger span overlaps the gold
  ``trigger`` argument; a gold relation without a trigger (OrganizationLeadership:
  ``Tesla-Chef Elon Musk``) matches when one of the event's participants overlaps a gold
  argument of the same role.
* an event is compared only when it carries the roles SmartData requires of the relation
  (:data:`REQUIRED_ROLES`: a Strike names the employer, a Merger two companies, a SpinOff
  parent and child); the stage still outputs the others (``Verdi ruft zum Warnstreik auf``).
* arguments are scored separately, over all events and relations of the scored types: a
  predicted participant is right when it overlaps an unmatched gold argument of the same role
  (roles mapped by :data:`ROLE_MAP`) in the relation its event matched. Gold roles the stage
  does not produce (``date``, ``location``, ``striker``, ``num_striking``) are not counted.

The stage runs on SmartData's text with the shipped NER (``mentions="ner"``) or with the
gold entity mentions (``mentions="gold"``: conceptMentions of person/organisation/location
types, linked by the entity stage's own clustering); the report says which.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from dossier.errors import EvalError
from dossier.eval import metrics
from dossier.eval.formats.smartdata import gold_mentions, gold_relations, read_documents
from dossier.model import Article, Event

TYPE_MAP = {"ACQUISITION": "Acquisition", "MERGER": "Merger", "SPIN_OFF": "SpinOff", "LAYOFFS": "Layoffs",
            "INSOLVENCY": "Insolvency", "LEADERSHIP": "OrganizationLeadership",
            "LEADERSHIP_CHANGE": "OrganizationLeadership", "STRIKE": "Strike"}
SCORED_TYPES = tuple(dict.fromkeys(TYPE_MAP.values()))
ROLE_MAP = {
    "Acquisition": {"buyer": "buyer", "target": "acquired", "seller": "seller", "price": "price"},
    "Merger": {"parties": "old", "new": "new"},
    "SpinOff": {"parent": "parent", "child": "child"},
    "Layoffs": {"company": "company", "count": "num_laid_off"},
    "Insolvency": {"company": "company"},
    "OrganizationLeadership": {"person": "person", "company": "organization", "position": "position"},
    "Strike": {"company": "company", "union": "union"},
}
# The roles SmartData's guidelines require of a relation: an event without them (a strike
# that names only the union, a merger with one party) is not compared with SmartData.
REQUIRED_ROLES = {
    "Acquisition": (("acquired",),), "Merger": (("old", "new"), ("old",)), "SpinOff": (("parent",), ("child",)),
    "Layoffs": (("company",),), "Insolvency": (("company",),),
    "OrganizationLeadership": (("person",), ("organization",)), "Strike": (("company",),),
}
def analyse_document(doc: dict, mentions: str = "ner") -> Article:
    """Run the whole pipeline (entities with NER or gold mentions, times, figures, quotes, events)."""
    from dossier.analyse import build_pipeline
    from dossier.analyse.entities import link_entities

    text = doc.get("text") or ""
    article = Article(id=str(abs(hash(doc.get("id") or text)) % 10**12), raw_text=text, text=text,
                      published=(doc.get("date") or "")[:10] or None, language="de")
    stages = build_pipeline()
    for st in stages:
        if st.name == "entities" and mentions == "gold":
            layers = link_entities(article, gold_mentions(doc))
        else:
            layers = st.fn(article)
        for layer, items in layers.items():
            setattr(article, layer, items)
    return article


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _predicted(event: Event) -> dict:
    kind = TYPE_MAP[event.type]
    args: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for p in event.participants:
        role = ROLE_MAP[kind].get(p.role)
        if role and p.start is not None:
            args[role].append((p.start, p.end))
    return {"type": kind, "trigger": (event.start, event.end), "args": dict(args), "event": event}


def _comparable(pred: dict) -> bool:
    """Whether the event carries the roles SmartData requires (a Merger: two parties, or one
    and the new company)."""
    roles = [role for role, spans in pred["args"].items() for _ in spans]
    for group in REQUIRED_ROLES[pred["type"]]:
        if not any(role in group for role in roles):
            return False
    if pred["type"] == "Merger" and len(roles) < 2:
        return False
    return True


def _event_matches(pred: dict, gold: dict) -> bool:
    if pred["type"] != gold["type"]:
        return False
    if gold["trigger"]:
        return any(_overlaps(pred["trigger"], t) for t in gold["trigger"])
    return any(_overlaps(p, g) for role, spans in pred["args"].items() for p in spans
               for g in gold["args"].get(role, []))


def _scored_gold_args(gold: dict) -> dict[str, list]:
    produced = set(ROLE_MAP[gold["type"]].values())
    return {role: list(spans) for role, spans in gold["args"].items() if role in produced}


def score_document(doc: dict, events: list[Event], counts: dict, errors: list | None) -> None:
    """Add the document's event and argument counts to ``counts`` (per type)."""
    golds = gold_relations(doc, SCORED_TYPES)
    preds = [p for p in (_predicted(e) for e in events if e.type in TYPE_MAP) if _comparable(p)]
    matched_gold: set[int] = set()
    for pred in preds:
        c = counts[pred["type"]]
        hit = next((i for i, g in enumerate(golds) if i not in matched_gold and _event_matches(pred, g)), None)
        n_args = sum(len(v) for v in pred["args"].values())
        if hit is None:
            c["fp"] += 1
            c["arg_fp"] += n_args
            if errors is not None:
                errors.append(_case("fp", doc, pred["event"].sentence_start, pred["event"].sentence_end, pred))
            continue
        matched_gold.add(hit)
        c["tp"] += 1
        gold_args = _scored_gold_args(golds[hit])
        tp_args = 0
        for role, spans in pred["args"].items():
            for span in spans:
                pool = gold_args.get(role, [])
                k = next((j for j, g in enumerate(pool) if _overlaps(span, g)), None)
                if k is not None:
                    pool.pop(k)
                    tp_args += 1
        c["arg_tp"] += tp_args
        c["arg_fp"] += n_args - tp_args
        c["arg_fn"] += sum(len(v) for v in gold_args.values())
    for i, gold in enumerate(golds):
        if i in matched_gold:
            continue
        c = counts[gold["type"]]
        c["fn"] += 1
        c["arg_fn"] += sum(len(v) for v in _scored_gold_args(gold).values())
        if errors is not None:
            spans = gold["trigger"] or [s for v in gold["args"].values() for s in v]
            errors.append(_case("fn", doc, min(s for s, _ in spans), max(e for _, e in spans), gold))


def _case(kind: str, doc: dict, start: int, end: int, item: dict) -> dict:
    text = doc.get("text") or ""
    args = {role: [text[s:e] for s, e in spans] for role, spans in item["args"].items()}
    trigger = item["trigger"]
    if isinstance(trigger, tuple):
        trigger = [trigger]
    return {"error": kind, "type": item["type"], "trigger": [text[s:e] for s, e in trigger], "args": args,
            "context": text[max(0, start - 80):end + 80].replace("\n", " ")}


def evaluate(path: str | Path, *, mentions: str = "ner", with_errors: bool = False, limit: int | None = None,
             progress: bool = False) -> dict:
    if mentions not in ("ner", "gold"):
        raise EvalError(f"mentions must be 'ner' or 'gold', not {mentions!r}")
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    errors: list | None = [] if with_errors else None
    n_docs = 0
    for doc in read_documents(path):
        if limit is not None and n_docs >= limit:
            break
        article = analyse_document(doc, mentions)
        score_document(doc, article.events, counts, errors)
        n_docs += 1
        if progress and n_docs % 100 == 0:
            print(f"  {n_docs} documents", file=sys.stderr, flush=True)
    return _report(str(path), mentions, n_docs, counts, errors)


def _prf(tp: int, fp: int, fn: int) -> dict:
    p, r, f = metrics.prf(tp, tp + fp, tp, tp + fn)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _report(path: str, mentions: str, n_docs: int, counts, errors) -> dict:
    per_type = {t: _prf(counts[t]["tp"], counts[t]["fp"], counts[t]["fn"]) for t in SCORED_TYPES}
    arguments = {t: _prf(counts[t]["arg_tp"], counts[t]["arg_fp"], counts[t]["arg_fn"]) for t in SCORED_TYPES}
    total = {k: sum(counts[t][k] for t in SCORED_TYPES) for k in ("tp", "fp", "fn", "arg_tp", "arg_fp", "arg_fn")}
    report = {"path": path, "mentions": mentions, "documents": n_docs, "per_type": per_type,
              "micro": _prf(total["tp"], total["fp"], total["fn"]),
              "arguments": {"per_type": arguments,
                            "micro": _prf(total["arg_tp"], total["arg_fp"], total["arg_fn"])}}
    if errors is not None:
        report["errors"] = errors
    return report


def format_report(report: dict) -> str:
    lines = [f"SmartData events: {report['path']} ({report['documents']} documents, "
             f"mentions: {'gold' if report['mentions'] == 'gold' else 'shipped NER'})",
             f"{'type':<24}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}   args P/R/F1"]
    for name, row in [*report["per_type"].items(), ("micro", report["micro"])]:
        arg = report["arguments"]["micro" if name == "micro" else "per_type"]
        arg = arg if name == "micro" else arg[name]
        lines.append(f"{name:<24}{row['tp']:>5}{row['fp']:>5}{row['fn']:>5}{row['precision']:>8.3f}"
                     f"{row['recall']:>8.3f}{row['f1']:>8.3f}   {arg['precision']:.3f}/{arg['recall']:.3f}/"
                     f"{arg['f1']:.3f}")
    return "\n".join(lines)
