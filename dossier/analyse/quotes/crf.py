"""Small wrapper over python-crfsuite: train deterministically, load shipped models once.

Models live in ``dossier/models/quotes/`` and are written by ``dossier train quotes``.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from dossier.errors import MissingDependency, ModelError

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "quotes"


def _crfsuite():
    try:
        import pycrfsuite
    except ImportError as exc:  # pragma: no cover - installed with the package
        raise MissingDependency("python-crfsuite", "the quote taggers") from exc
    return pycrfsuite


def train_crf(sequences, model_path: Path, *, c1: float, c2: float, max_iterations: int) -> None:
    """Train on (features, labels) pairs. L-BFGS from a zero start is deterministic."""
    crf = _crfsuite()
    trainer = crf.Trainer(verbose=False)
    for xseq, yseq in sequences:
        trainer.append(xseq, yseq)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations, "feature.minfreq": 2,
                        "feature.possible_transitions": True})
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))


class Tagger:
    def __init__(self, path: Path):
        if not path.exists():
            raise ModelError(f"quote model {path.name} is missing", location=str(path),
                             hint="run `dossier train quotes` (needs ../shared/data)")
        self._tagger = _crfsuite().Tagger()
        try:
            self._tagger.open(str(path))
        except Exception as exc:
            raise ModelError(f"quote model {path.name} does not load: {exc}", location=str(path)) from exc
        self.path = path

    def tag(self, xseq: list[list[str]]) -> list[str]:
        return list(self._tagger.tag(xseq)) if xseq else []

    def marginals(self, xseq: list[list[str]], label: str) -> list[float]:
        if not xseq:
            return []
        self._tagger.set(xseq)
        return [self._tagger.marginal(label, i) for i in range(len(xseq))]


@lru_cache(maxsize=16)
def load(name: str, model_dir: str | None = None) -> Tagger:
    return Tagger(Path(model_dir or MODEL_DIR) / name)
