"""Precision (and recall) of entity merging on hand-annotated German mini-articles.

    python benchmarks/entity_merge_precision.py                 # gold mentions as NER input
    python benchmarks/entity_merge_precision.py --ner           # the shipped NER model instead
    python benchmarks/entity_merge_precision.py --errors        # list wrongly merged pairs

Reads ``tests/data/entities/gold.txt`` (format in its header), runs the entities
stage on each article and cross-document resolution over all of them (in a
MemoryStore), then scores pairs of gold mentions: a pair the system put into one
canonical entity is a *merge*; it is correct when both mentions have the same gold
id. Precision = correct merges / merges; recall = correct merges / gold pairs.
Reported for all pairs, for pairs within one article and for pairs across articles.
"""
from __future__ import annotations

import argparse
import re
import sys
from itertools import combinations
from pathlib import Path

from dossier.analyse.entities import link_entities
from dossier.model import Article, Mention
from dossier.resolve.entities import resolve_corpus
from dossier.store import MemoryStore

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "entities" / "gold.txt"
NAME_RE = re.compile(r"\[([^\]|]+)\|(PER|ORG|LOC|MISC)\|([\w-]+)\]")
REFERENCE_RE = re.compile(r"\{([^}|]+)\|([\w-]+)\}")
MARK_RE = re.compile(f"{NAME_RE.pattern}|{REFERENCE_RE.pattern}")


def parse_gold(path: Path = GOLD) -> list[tuple[str, str, list[Mention], dict[tuple[int, int], str]]]:
    """(article id, clean text, NER-input mentions, gold id by span) per article."""
    docs = []
    for block in re.split(r"^### ", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]:
        article_id, _, body = block.partition("\n")
        body = "\n".join(line for line in body.splitlines() if not line.startswith("#")).strip()
        text, mentions, gold = _strip_markup(body)
        docs.append((article_id.strip(), text, mentions, gold))
    return docs


def _strip_markup(body: str):
    parts, mentions, gold, pos, out_len = [], [], {}, 0, 0
    for match in MARK_RE.finditer(body):
        parts.append(body[pos:match.start()])
        out_len += match.start() - pos
        surface = match.group(1) or match.group(4)
        start, end = out_len, out_len + len(surface)
        if match.group(1):
            inside = body[match.end():match.end() + 1] == "-"
            mentions.append(Mention(start, end, surface, match.group(2), None, 1.0, inside))
            gold[(start, end)] = match.group(3)
        else:
            gold[(start, end)] = match.group(5)
        parts.append(surface)
        out_len = end
        pos = match.end()
    parts.append(body[pos:])
    return "".join(parts), mentions, gold


def run_system(docs, use_ner: bool) -> dict[tuple[str, int, int], str]:
    """System entity id for every mention span, after the stage and cross-document resolution."""
    store = MemoryStore()
    articles = [Article(id=aid, raw_text=text, text=text) for aid, text, _, _ in docs]
    store.add_articles(articles)
    for article, (_, text, mentions, _) in zip(articles, docs):
        if use_ner:
            from dossier.analyse.ner import recognise

            mentions = recognise(text)
        layers = link_entities(article, mentions)
        article.mentions, article.entities = layers["mentions"], layers["entities"]
        store.update_layers(article)
    resolve_corpus(store)
    return {(a.id, m.start, m.end): m.entity for a in store.iter_articles() for m in a.mentions}


def score(docs, system) -> dict[str, dict[str, float]]:
    items = [(aid, span, gid) for aid, _, _, gold in docs for span, gid in gold.items()]
    counts = {scope: {"merges": 0, "correct": 0, "gold": 0} for scope in ("all", "within", "across")}
    errors = []
    for (a1, s1, g1), (a2, s2, g2) in combinations(items, 2):
        e1, e2 = system.get((a1, *s1)), system.get((a2, *s2))
        merged = e1 is not None and e1 == e2
        for scope in ("all", "within" if a1 == a2 else "across"):
            c = counts[scope]
            c["gold"] += g1 == g2
            c["merges"] += merged
            c["correct"] += merged and g1 == g2
        if merged and g1 != g2:
            errors.append(f"{a1}:{s1} {g1}  ~  {a2}:{s2} {g2}")
    found = sum(1 for aid, span, _ in items if (aid, *span) in system)
    result = {scope: {**c, "precision": c["correct"] / c["merges"] if c["merges"] else 1.0,
                      "recall": c["correct"] / c["gold"] if c["gold"] else 1.0}
              for scope, c in counts.items()}
    result["mentions"] = {"gold": len(items), "found": found}
    result["errors"] = errors
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ner", action="store_true", help="use the NER model instead of gold mentions")
    parser.add_argument("--errors", action="store_true", help="print wrongly merged pairs")
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args(argv)
    docs = parse_gold(args.gold)
    result = score(docs, run_system(docs, args.ner))
    mode = "NER model mentions" if args.ner else "gold mentions as NER input"
    print(f"entity merge precision on {len(docs)} articles, {result['mentions']['gold']} gold mentions "
          f"({result['mentions']['found']} found by the system), {mode}")
    for scope in ("all", "within", "across"):
        r = result[scope]
        print(f"  {scope:<7} pairs: precision {r['precision']:.3f} ({r['correct']}/{r['merges']} merges)  "
              f"recall {r['recall']:.3f} ({r['correct']}/{r['gold']} gold pairs)")
    if args.errors:
        for line in result["errors"]:
            print("  wrong merge:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
