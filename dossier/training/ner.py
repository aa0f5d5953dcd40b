"""Training the CRF NER model from GermEval 2014 (``dossier train ner``).

Reproducible: the word clusters use fixed seeds, crfsuite's L-BFGS is
deterministic, and the tuning split is every 10th training sentence.
"""
from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from dossier.analyse.ner.features import FeatureExtractor
from dossier.analyse.ner.model import (ATTRIBUTES_FILE, CLUSTER_FILE, LEXICON_FILE, META_FILE, MODEL_FILE,
                                       VECTOR_CLUSTER_FILE, NerModel, load_vector_clusters, zipf_function)
from dossier.analyse.ner.tables import load_cluster_table
from dossier.errors import ConfigError
from dossier.eval.formats.germeval import read_germeval

from .corpus import unlabeled_texts
from .ner_clusters import build_cluster_table
from .ner_lexicon import build_lexicon, write_lexicon

SEED = 13
FOLDS = 5


@dataclass
class TrainConfig:
    train: Path
    out: Path
    shared: Path
    c1: float = 1.0                # L1 keeps the model small and fast; 0.05-1.0 scored alike
    c2: float = 0.005
    max_iterations: int = 200
    holdout: bool = False          # keep every 10th sentence back and score it
    rebuild_clusters: bool = False
    # word-vector cluster table (dossier train clusters) copied into ``out`` when it has none;
    # None trains without it (the model of before 2026-12-04)
    word_clusters: Path | None = None
    smartdata: bool = False        # add SmartData news sentences (PER/ORG/LOC) to training
    self_train: bool = False       # add 10kGNAD news sentences tagged confidently by a first model
    extended_features: bool = True  # HanTa lexicon, first names, quotes ... (features.py)
    teacher: Path | None = None    # that first model (default: trained here without self-training)
    log: list[str] = field(default_factory=list)


def _progress_trainer_class():
    import pycrfsuite

    class ProgressTrainer(pycrfsuite.Trainer):
        """Echoes every 25th L-BFGS iteration instead of crfsuite's full log."""

        echo = staticmethod(print)

        def on_iteration(self, log, info):
            if info.get("num", 0) % 25 == 0:
                self.echo(f"  iteration {info['num']}: loss {info.get('loss', 0):.0f}")

        def on_prepared(self, log):
            self.echo("  " + " ".join(line.strip() for line in log.splitlines()[-4:]))

        # silence the rest of crfsuite's log
        def on_start(self, log): pass
        def on_featgen_progress(self, log, percent): pass
        def on_featgen_end(self, log): pass
        def on_optimization_end(self, log): pass
        def on_end(self, log): pass

    return ProgressTrainer


def _write_attributes(out: Path) -> None:
    """List the attributes the model kept (L1 drops most) so tagging can skip the rest."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(out / MODEL_FILE))
    attributes = sorted({attr for attr, _ in tagger.info().state_features})
    (out / ATTRIBUTES_FILE).write_text("\n".join(attributes) + "\n", encoding="utf-8")


def train(config: TrainConfig, echo=print) -> dict:
    """Train, write ``crf.model``/``clusters.tsv``/``meta.json`` into ``config.out``."""
    import pycrfsuite

    _ProgressTrainer = _progress_trainer_class()
    started = time.time()
    out = config.out
    out.mkdir(parents=True, exist_ok=True)
    sentences = read_germeval(config.train)
    clusters = out / CLUSTER_FILE
    if config.rebuild_clusters or not clusters.exists():
        if not (config.shared / "data").exists():
            raise ConfigError(f"{config.shared}/data is missing",
                              hint="word clusters are computed from ../shared/data; pass --shared")
        echo("computing word clusters from unlabeled text ...")
        size = build_cluster_table(unlabeled_texts(config.shared), clusters, seed=SEED)
        echo(f"  {size} words clustered ({time.time() - started:.0f}s)")
    tune = [s for i, s in enumerate(sentences) if i % 10 == 9] if config.holdout else []
    fit = [s for i, s in enumerate(sentences) if not (config.holdout and i % 10 == 9)]
    extra = 0
    if config.smartdata:
        from dossier.eval.formats.smartdata import conflicting_words, smartdata_sentences

        more = smartdata_sentences(config.shared / "data" / "smartdata",
                                   conflicting_words=conflicting_words(fit))
        extra = len(more)
        fit += more
        echo(f"  + {extra} SmartData sentences")
    pseudo = 0
    if config.self_train:
        more = _self_training_sentences(config, echo)
        pseudo = len(more)
        fit += more
        echo(f"  + {pseudo} self-training sentences ({time.time() - started:.0f}s)")
    trainer = _ProgressTrainer(algorithm="lbfgs", verbose=True)
    trainer.echo = echo
    clusters_table = load_cluster_table(out / CLUSTER_FILE)
    vector_clusters = _place_vector_clusters(config, echo)
    zipf = zipf_function()
    english = zipf_function("en") if config.extended_features else None
    for fold in range(FOLDS):
        # Jackknife: the lexicon feature of a sentence comes from the other folds only.
        lexicon = build_lexicon(s for i, s in enumerate(fit) if i % FOLDS != fold)
        extractor = FeatureExtractor(clusters_table, zipf, lexicon, english=english,
                                     extended=config.extended_features, vector_clusters=vector_clusters)
        for i in range(fold, len(fit), FOLDS):
            words, tags = fit[i]
            trainer.append(extractor.sentence(words), tags)
    write_lexicon(build_lexicon(fit), out / LEXICON_FILE)
    trainer.set_params({
        "c1": config.c1, "c2": config.c2, "max_iterations": config.max_iterations,
        "feature.possible_transitions": True,
    })
    echo(f"training on {len(fit)} sentences ({time.time() - started:.0f}s) ...")
    tmp = out / (MODEL_FILE + ".tmp")
    trainer.train(str(tmp))
    shutil.move(str(tmp), str(out / MODEL_FILE))
    _write_attributes(out)
    seconds = time.time() - started
    meta = {
        "learner": "crfsuite lbfgs", "c1": config.c1, "c2": config.c2,
        "max_iterations": config.max_iterations, "train": Path(config.train).name,
        "sentences": len(fit), "smartdata_sentences": extra, "seed": SEED,
        "train_seconds": round(seconds, 1),
        "data_credit": "GermEval 2014 NER (NoSta-D), CC BY 4.0"
                       + ("; DFKI SmartData, CC BY 4.0" if extra else "")
                       + ("; 10kGNAD (CC BY-NC-SA 4.0) and WikiWarsDE (CC BY-SA 3.0) text,"
                          " machine-tagged" if pseudo else "")
                       + ("; word-vector clusters: GermaParl (PolMine project), Bundestag plenary"
                          " protocols, and news text" if vector_clusters else ""),
    }
    if vector_clusters:
        meta["vector_clusters"] = len(vector_clusters)
    if pseudo:
        meta["self_training_sentences"] = pseudo
    if config.extended_features:
        meta["extended_features"] = True
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if tune:
        from dossier.eval.ner import score

        model = NerModel(out)
        report = score((tags, model.tag(words)) for words, tags in tune)
        meta["holdout_f1"] = round(report["f1"], 4)
        echo(f"held-out (every 10th train sentence) F1 = {report['f1']:.4f}")
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    echo(f"model written to {out} in {seconds:.0f}s")
    return meta


def _place_vector_clusters(config: TrainConfig, echo) -> dict[str, tuple[str, ...]] | None:
    """Put ``config.word_clusters`` into the model folder (unless it holds it already) and load it;
    without one, remove a stale table so that the model folder says what the model uses."""
    target = config.out / VECTOR_CLUSTER_FILE
    if config.word_clusters is None:
        if target.exists():
            target.unlink()
        return None
    source = Path(config.word_clusters)
    if not target.exists() or not target.samefile(source):
        if not source.exists():
            raise ConfigError(f"word-cluster table {source} is missing", location=str(source),
                              hint="build it with `dossier train clusters`, or pass --no-word-clusters")
        shutil.copyfile(source, target)
    table = load_vector_clusters(config.out)
    echo(f"  word-vector clusters: {len(table)} words ({VECTOR_CLUSTER_FILE})")
    return table


def _self_training_sentences(config: TrainConfig, echo) -> list:
    """Tag 10kGNAD news with a first model (trained now, same settings, unless
    ``config.teacher`` names one) and keep its confident sentences."""
    import tempfile
    from dataclasses import replace

    from .ner_selftrain import pseudo_labelled, unlabeled_articles

    with tempfile.TemporaryDirectory(prefix="ner-teacher-") as tmp:
        teacher_dir = config.teacher
        if teacher_dir is None:
            teacher_dir = Path(tmp)
            shutil.copy(config.out / CLUSTER_FILE, teacher_dir / CLUSTER_FILE)
            echo("training the first model (for self-training) ...")
            train(replace(config, out=teacher_dir, self_train=False, holdout=config.holdout,
                          rebuild_clusters=False, log=[]),
                  echo=lambda line: echo("  " + line))
        teacher = NerModel(teacher_dir)
        return pseudo_labelled(teacher, unlabeled_articles(config.shared))
