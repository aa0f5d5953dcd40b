"""A name-type guess per word from its vector, learned from the gazetteers (no GermEval labels).

Why: clusters give a word the ids of its neighbourhood, but a CRF still has
to learn each id's meaning from the few training names that fall into it.
A softmax regression over the word vectors, trained on words whose type the
project's own lists know — given names and surnames (PER), places (LOC),
organisations (ORG), HanTa's common nouns (NOUN) and lower-case words (LOW)
— carries that knowledge to every word of the vocabulary: ``Gelsenkirchen``
and ``Wanne-Eickel`` score LOC whether or not a list has them.  The guess is
written as type plus a confidence step (``per3`` = p >= 0.9) into the cluster
table; distant supervision only, so GermEval's sentences stay unseen.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

TYPES = ("per", "loc", "org", "noun", "low")
STEPS = ((0.9, "3"), (0.7, "2"), (0.5, "1"))


def known_types(words: list[str]) -> dict[int, int]:
    """Row -> type index for the words of ``words`` the lists place in one type only."""
    from dossier.analyse.ner import morph_lexicon
    from dossier.analyse.ner.gazetteers import first_names, gazetteer_tokens

    gaz = gazetteer_tokens()
    surnames = {n for n in gaz["part"]["per"] if len(n) > 2}
    names, nouns, _ = morph_lexicon.tables()
    kinds: dict[str, set[int]] = {}
    for word in first_names() | surnames | gaz["full"]["per"]:
        kinds.setdefault(word, set()).add(0)
    for index, kind in ((1, "loc"), (2, "org")):
        for word in gaz["full"][kind]:
            kinds.setdefault(word, set()).add(index)
    labels: dict[int, int] = {}
    for row, word in enumerate(words):
        found = kinds.get(word)
        if found:
            if len(found) == 1:
                labels[row] = next(iter(found))
        elif word[:1].isupper() and word.lower() in nouns and word.lower() not in names:
            labels[row] = 3
        elif word.isalpha() and word.islower() and row < 100_000:
            labels[row] = 4
    return labels


def fit_softmax(x: np.ndarray, y: np.ndarray, classes: int, *, l2: float = 1e-3,
                iterations: int = 200) -> np.ndarray:
    """Weights (features + bias, classes) of a class-balanced softmax regression (L-BFGS)."""
    from scipy.optimize import minimize

    x = np.hstack([x, np.ones((len(x), 1), dtype=x.dtype)])
    counts = np.bincount(y, minlength=classes).astype(np.float64)
    sample_weight = (len(y) / (classes * np.maximum(counts, 1)))[y]
    onehot = np.eye(classes)[y]
    shape = (x.shape[1], classes)

    def loss_and_gradient(flat: np.ndarray) -> tuple[float, np.ndarray]:
        weights = flat.reshape(shape)
        probs = _softmax(x @ weights)
        loss = -(sample_weight * np.log(probs[np.arange(len(y)), y] + 1e-12)).sum() / len(y)
        grad = x.T @ ((probs - onehot) * sample_weight[:, None]) / len(y) + l2 * weights
        return loss + 0.5 * l2 * float((weights ** 2).sum()), grad.ravel()

    result = minimize(loss_and_gradient, np.zeros(shape).ravel(), jac=True, method="L-BFGS-B",
                      options={"maxiter": iterations})
    return result.x.reshape(shape)


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def name_type_column(words: list[str], matrix: np.ndarray, echo: Callable[[str], None]) -> list[str]:
    """``per3``/``loc1``/``noun2``/... per word (``-`` when no type reaches p 0.5)."""
    labels = known_types(words)
    rows = np.fromiter(labels.keys(), dtype=np.int64)
    y = np.fromiter(labels.values(), dtype=np.int64)
    counts = np.bincount(y, minlength=len(TYPES))
    echo("  name types from " + ", ".join(f"{n} {t}" for t, n in zip(TYPES, counts)) + " listed words")
    weights = fit_softmax(matrix[rows].astype(np.float64), y, len(TYPES))
    column = []
    for start in range(0, len(matrix), 65_536):
        block = matrix[start:start + 65_536].astype(np.float64)
        probs = _softmax(np.hstack([block, np.ones((len(block), 1))]) @ weights)
        best = probs.argmax(axis=1)
        for kind, p in zip(best, probs[np.arange(len(best)), best]):
            step = next((mark for bound, mark in STEPS if p >= bound), None)
            column.append(TYPES[kind] + step if step else "-")
    return column
