"""GermEval 2014 / conlleval-style scoring of NER chunks.

A chunk is a maximal run ``B-X I-X I-X`` (an ``I-X`` after a different type
also opens a chunk, as in conlleval).  A predicted chunk counts only when its
span and its label match a gold chunk exactly; labels are compared as written
in the file, so ``LOCderiv`` and ``LOC`` are different labels (GermEval's
"outer" metric).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from dossier.analyse.ner.decode import Chunk, chunks
from dossier.eval import metrics

@dataclass
class Scores:
    true_pos: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)
    predicted: Counter = field(default_factory=Counter)

    def add(self, gold_tags: Sequence[str], predicted_tags: Sequence[str]) -> None:
        gold = set(chunks(gold_tags))
        predicted = set(chunks(predicted_tags))
        self.gold.update(c[2] for c in gold)
        self.predicted.update(c[2] for c in predicted)
        self.true_pos.update(c[2] for c in gold & predicted)

    @staticmethod
    def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
        precision, recall, f1 = metrics.prf(tp, n_pred, tp, n_gold)
        return {"precision": precision, "recall": recall, "f1": f1,
                "gold": n_gold, "predicted": n_pred}

    def report(self) -> dict:
        overall = self._prf(sum(self.true_pos.values()), sum(self.predicted.values()),
                            sum(self.gold.values()))
        labels = sorted(set(self.gold) | set(self.predicted))
        overall["per_label"] = {
            label: self._prf(self.true_pos[label], self.predicted[label], self.gold[label])
            for label in labels
        }
        return overall


def score(pairs: Iterable[tuple[Sequence[str], Sequence[str]]]) -> dict:
    """Precision/recall/F1 (overall and per label) over ``(gold, predicted)`` tag sequences."""
    scores = Scores()
    for gold, predicted in pairs:
        scores.add(gold, predicted)
    return scores.report()


def evaluate_file(path: str | Path, tagger: Callable[[list[str]], list[str]] | None = None) -> dict:
    """Tag every sentence of a GermEval TSV with ``tagger`` and score the outer chunks."""
    from dossier.eval.formats.germeval import read_germeval

    if tagger is None:
        from dossier.analyse.ner.model import load_default

        tagger = load_default().tag
    sentences = read_germeval(path)
    return score((gold, tagger(tokens)) for tokens, gold in sentences)


def format_report(report: dict) -> str:
    lines = [f"{'label':<10} {'prec':>6} {'rec':>6} {'f1':>6} {'gold':>6} {'pred':>6}"]

    def row(name: str, r: dict) -> str:
        return (f"{name:<10} {r['precision']:6.4f} {r['recall']:6.4f} {r['f1']:6.4f} "
                f"{r['gold']:6d} {r['predicted']:6d}")

    for label, r in report["per_label"].items():
        lines.append(row(label, r))
    lines.append(row("overall", report))
    return "\n".join(lines)
