"""Precision, recall and F1 — the one implementation every ``dossier eval`` uses.

Credits are counts of matched items, or fractions of them for overlap-based
scoring (a predicted span half covered by its gold partner earns 0.5).
"""
from __future__ import annotations


def ratio(part: float, whole: float) -> float:
    """``part / whole``, or 0.0 when there is nothing to divide (no prediction, no gold)."""
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(precision_credit: float, n_predicted: float, recall_credit: float, n_gold: float) -> tuple[float, float, float]:
    """(precision, recall, F1) from the credit earned by predictions and by gold items."""
    precision = ratio(precision_credit, n_predicted)
    recall = ratio(recall_credit, n_gold)
    return precision, recall, f1(precision, recall)
