"""Training the accurate NER tagger (``dossier train ner-accurate``; needs the ``train`` extra).

A BiLSTM-CRF over a compact table of word2vec vectors (``dossier train clusters`` trains
them on parliament-de and the news text in ../shared/data) and the CRF's own per-word
features, trained on GermEval 2014 (+ SmartData news) with PyTorch on the CPU, exported as
numpy arrays into ``--out`` (see :mod:`dossier.analyse.ner.neural`). One thread; each epoch's
scores go to ``train.log`` in ``--out``; the epoch with the best score on the selection set
(the held-out tenth of train with ``--holdout``) is kept.
"""
from __future__ import annotations

import json
import random
import shutil
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dossier.analyse.ner.model import CLUSTER_FILE, default_model_dir
from dossier.analyse.ner.neural import (FEATURES_FILE, META_FILE, VECTOR_SOURCES, WEIGHTS_FILE, WORDS_FILE,
                                        NeuralNerModel, SentenceEncoder, WordVectors, build_extractor)
from dossier.errors import ConfigError
from dossier.eval.formats.germeval import read_germeval

SEED = 13
_CONTEXT_PREFIXES = (b"-2:", b"-1:", b"1:", b"2:", b"bg=")


@dataclass
class NeuralConfig:
    train: Path
    out: Path
    vectors: Path                  # gensim KeyedVectors (dossier train clusters --work DIR)
    shared: Path
    dev: Path | None = None        # scored after every epoch (reported; never used to choose)
    holdout: bool = False          # keep every 10th train sentence back, choose the epoch on it
    smartdata: bool = True
    vocabulary: int = 150_000      # most frequent words of the vector table that ship
    dimensions: int = 100          # PCA size of the shipped vectors
    min_feature_count: int = 3
    hidden: int = 150
    epochs: int = 12
    patience: int = 3
    batch_size: int = 32
    learning_rate: float = 1e-3
    max_sentences: int = 0         # 0 = all (a small number for a quick trial)
    threads: int = 1
    max_minutes: float = 0         # stop after the epoch that passes this budget (0 = none)


def compact_vectors(path: Path, vocabulary: int, dimensions: int) -> tuple[list[str], np.ndarray]:
    """The ``vocabulary`` most frequent words and their vectors, PCA-reduced to ``dimensions``
    and scaled to unit variance per dimension; a last all-zero row for unknown words."""
    try:
        from gensim.models import KeyedVectors
    except ImportError as exc:
        raise ConfigError("gensim is not installed", hint="pip install 'dossier-news[train]'") from exc
    if not Path(path).exists():
        raise ConfigError(f"word vectors {path} are missing", location=str(path),
                          hint="train them with `dossier train clusters --work DIR`")
    kv = KeyedVectors.load(str(path), mmap="r")
    words = list(kv.index_to_key[:vocabulary])
    vectors = np.asarray(kv.vectors[:len(words)], dtype=np.float64)
    centred = vectors - vectors.mean(axis=0)
    sample = centred[::7] if len(centred) > 50_000 else centred  # a sample is enough for PCA
    _, _, components = np.linalg.svd(sample, full_matrices=False)
    reduced = centred @ components[:dimensions].T
    reduced /= reduced.std(axis=0)
    table = np.vstack([reduced, np.zeros((1, dimensions))]).astype(np.float16)
    return words, table


def feature_vocabulary(extractor, sentences, min_count: int) -> list[str]:
    """The CRF's own-word features seen ``min_count`` times in ``sentences`` (context
    features are left out: the LSTM sees the neighbours itself)."""
    counts: Counter = Counter()
    for words, _ in sentences:
        for feats in extractor.sentence(words):
            counts.update(f for f in feats if not f.startswith(_CONTEXT_PREFIXES))
    kept = sorted(f.decode() for f, n in counts.items() if n >= min_count)
    return kept + [s for s in VECTOR_SOURCES if s not in kept]


def _split(config: NeuralConfig, echo):
    sentences = read_germeval(config.train)
    if config.max_sentences:
        sentences = sentences[:config.max_sentences]
    held = [s for i, s in enumerate(sentences) if config.holdout and i % 10 == 9]
    fit = [s for i, s in enumerate(sentences) if not (config.holdout and i % 10 == 9)]
    if config.smartdata and (config.shared / "data" / "smartdata").exists():
        from dossier.eval.formats.smartdata import conflicting_words, smartdata_sentences

        more = smartdata_sentences(config.shared / "data" / "smartdata", conflicting_words=conflicting_words(fit))
        if config.max_sentences:
            more = more[:config.max_sentences // 10]
        fit = fit + more
        echo(f"  + {len(more)} SmartData sentences")
    return fit, held


def _encode(encoder: SentenceEncoder, sentences, tag_ids: dict[str, int]):
    out = []
    for words, tags in sentences:
        rows, bags = encoder.encode(words)
        out.append((rows, bags, np.asarray([tag_ids.get(t, tag_ids["O"]) for t in tags], dtype=np.int64)))
    return out


def _batches(data, size: int, rng: random.Random):
    order = sorted(range(len(data)), key=lambda i: (len(data[i][0]), rng.random()))
    chunks = [order[i:i + size] for i in range(0, len(order), size)]
    rng.shuffle(chunks)
    return chunks


def _tensors(data, index):
    import torch

    items = [data[i] for i in index]
    lengths = torch.tensor([len(rows) for rows, _, _ in items])
    time_steps = int(lengths.max())
    rows = torch.zeros(len(items), time_steps, dtype=torch.long)
    tags = torch.zeros(len(items), time_steps, dtype=torch.long)
    flat, offsets = [], []
    for b, (r, bags, t) in enumerate(items):
        rows[b, :len(r)] = torch.from_numpy(r)
        tags[b, :len(t)] = torch.from_numpy(t)
        for bag in bags:
            offsets.append(len(flat))
            flat.extend(bag)
    return rows, torch.tensor(flat, dtype=torch.long), torch.tensor(offsets, dtype=torch.long), lengths, tags


def _score(model, data, tags: list[str], batch_size: int = 64) -> float:
    import torch

    from dossier.eval.ner import score

    model.eval()
    pairs = []
    with torch.no_grad():
        for start in range(0, len(data), batch_size):
            index = list(range(start, min(start + batch_size, len(data))))
            rows, flat, offsets, lengths, gold = _tensors(data, index)
            paths = model.decode(model.emissions(rows, flat, offsets, lengths), lengths)
            for b, path in enumerate(paths):
                pairs.append(([tags[i] for i in gold[b, :len(path)].tolist()], [tags[i] for i in path]))
    model.train()
    return score(pairs)["f1"]


def train_accurate(config: NeuralConfig, echo=print) -> dict:
    """Train and write ``weights.npz``, ``words.txt``, ``features.txt``, ``clusters.tsv``,
    ``meta.json`` and ``train.log`` into ``config.out``; returns the meta data."""
    import torch

    from .ner_neural_net import BiLstmCrf, export_arrays

    torch.set_num_threads(config.threads)
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    started = time.time()
    out = config.out
    out.mkdir(parents=True, exist_ok=True)
    fit, held = _split(config, echo)
    words, table = compact_vectors(config.vectors, config.vocabulary, config.dimensions)
    echo(f"  {len(words)} word vectors, {table.shape[1]} dimensions ({time.time() - started:.0f}s)")
    shutil.copyfile(default_model_dir() / CLUSTER_FILE, out / CLUSTER_FILE)
    features = feature_vocabulary(build_extractor(out, None), fit, config.min_feature_count)
    tags = ["O"] + sorted({t for _, ts in fit for t in ts} - {"O"})
    tag_ids = {t: i for i, t in enumerate(tags)}
    encoder = SentenceEncoder(build_extractor(out, frozenset(features)), WordVectors(words),
                              {f.encode(): i for i, f in enumerate(features)})
    fit_data = _encode(encoder, fit, tag_ids)
    held_data = _encode(encoder, held, tag_ids)
    dev_data = _encode(encoder, read_germeval(config.dev), tag_ids) if config.dev else []
    echo(f"  {len(fit)} training sentences, {len(features)} features, {len(tags)} tags "
         f"({time.time() - started:.0f}s)")
    model = BiLstmCrf(table.astype(np.float32), len(features), len(tags), projection=config.dimensions,
                      hidden=config.hidden)
    optimiser = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=config.learning_rate)
    log_path = out / "train.log"
    log_path.write_text("", encoding="utf-8")
    best, best_epoch, history, meta = -1.0, 0, [], {}
    for epoch in range(1, config.epochs + 1):
        loss_sum = _epoch(model, optimiser, fit_data, config.batch_size, rng)
        row = {"epoch": epoch, "loss": round(loss_sum / max(len(fit_data), 1), 4),
               "seconds": round(time.time() - started)}
        if held_data:
            row["holdout_f1"] = round(_score(model, held_data, tags), 4)
        if dev_data:
            row["dev_f1"] = round(_score(model, dev_data, tags), 4)
        history.append(row)
        with log_path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(row) + "\n")
        echo("  " + " ".join(f"{k} {v}" for k, v in row.items()))
        chosen = row.get("holdout_f1", epoch)  # without a held-out set: the last epoch
        if chosen > best:
            # written at once, so that a run stopped early still leaves its best model
            best, best_epoch = chosen, epoch
            meta = _write_model(config, model, export_arrays(model), words, features, tags, history,
                                best_epoch, len(fit), started)
        elif epoch - best_epoch >= config.patience:
            echo(f"  no gain for {config.patience} epochs: stopping")
            break
        if config.max_minutes and time.time() - started > 60 * config.max_minutes:
            echo(f"  time budget of {config.max_minutes} minutes spent: stopping")
            break
    meta["history"] = history
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if held:
        from dossier.eval.ner import score

        tagger = NeuralNerModel(out)
        meta["holdout_f1"] = round(score((t, tagger.tag(w)) for w, t in held)["f1"], 4)
        (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        echo(f"held-out (every 10th train sentence) F1 = {meta['holdout_f1']:.4f} (numpy model)")
    return meta


def _epoch(model, optimiser, data, batch_size: int, rng: random.Random) -> float:
    import torch

    total = 0.0
    for index in _batches(data, batch_size, rng):
        rows, flat, offsets, lengths, gold = _tensors(data, index)
        loss = model.loss(model.emissions(rows, flat, offsets, lengths), gold, lengths)
        optimiser.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        optimiser.step()
        total += loss.item() * len(index)
    return total


def _write_model(config, model, arrays, words, features, tags, history, best_epoch, n_fit, started) -> dict:
    out = config.out
    np.savez_compressed(out / WEIGHTS_FILE, **arrays)
    (out / WORDS_FILE).write_text("\n".join(words) + "\n", encoding="utf-8")
    (out / FEATURES_FILE).write_text("\n".join(features) + "\n", encoding="utf-8")
    meta = {
        "learner": "BiLSTM-CRF (PyTorch, exported to numpy)", "tags": tags, "epoch": best_epoch,
        "history": history, "sentences": n_fit, "train": Path(config.train).name,
        "vectors": Path(config.vectors).name, "vocabulary": len(words), "dimensions": config.dimensions,
        "features": len(features), "hidden": config.hidden, "holdout": config.holdout, "seed": SEED,
        "train_seconds": round(time.time() - started, 1),
        "data_credit": "GermEval 2014 NER (NoSta-D), CC BY 4.0; DFKI SmartData, CC BY 4.0; word vectors: "
                       "GermaParl (PolMine project), Bundestag plenary protocols, and news text "
                       "(10kGNAD, SmartData, Redewiedergabe)",
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta
