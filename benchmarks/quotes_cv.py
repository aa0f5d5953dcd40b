"""Five-fold cross-validation of the quote taggers on Redewiedergabe and SpkAtt-2023.

The shipped taggers are trained on every provided file (``dossier train quotes --include-dev``),
so no file is held out from them any more. This script gives the held-out estimate instead:
the files are split into five folds by the same stable hash as the project's dev split
(fold 0 *is* that dev split), a tagger set is trained on four folds and scored on the fifth,
and the counts of all five folds are pooled. Each file is scored exactly once, by models that
never saw it.

    python benchmarks/quotes_cv.py [--data ../shared/data] [--only redewiedergabe|spkatt] [--json]

About 10 minutes for Redewiedergabe and 5 for SpkAtt on one core.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from dossier.eval.formats import redewiedergabe as rw
from dossier.analyse.quotes import spkatt
from dossier.analyse.quotes.speech_tagger import tag_speech, train_speech_taggers
from dossier.eval import quotes as ev

FOLDS = rw.FOLDS
fold_of = rw.fold_of  # fold 0 is ``redewiedergabe.is_dev``


def cv_redewiedergabe(directory: Path, echo) -> dict:
    docs = rw.read_corpus(directory)
    per_fold, counts = [], {kind: [0, 0, 0] for kind in rw.KINDS}
    for k in range(FOLDS):
        train = [d for d in docs if fold_of(d.name) != k]
        test = [d for d in docs if fold_of(d.name) == k]
        started = time.monotonic()
        with tempfile.TemporaryDirectory() as tmp:
            train_speech_taggers(train, Path(tmp), echo=lambda *_: None)
            report = ev.score_redewiedergabe(test, lambda d: tag_speech(d.tokens, d.sent_starts, Path(tmp)))
        for kind, s in report["per_kind"].items():
            counts[kind] = [a + b for a, b in zip(counts[kind], (s["tp"], s["fp"], s["fn"]))]
        per_fold.append({kind: s["f1"] for kind, s in report["per_kind"].items()})
        echo(f"redewiedergabe fold {k}: {len(test)} files, F1 " +
             " ".join(f"{kind} {f1:.3f}" for kind, f1 in per_fold[-1].items()) +
             f" ({time.monotonic() - started:.0f} s)")
    pooled = {kind: ev.prf(*c) for kind, c in counts.items()}
    return {"pooled": pooled, "per_fold": per_fold, "files": len(docs)}


def cv_spkatt(directory: Path, echo) -> dict:
    docs = spkatt.read_corpus(directory)
    total, per_fold = ev.spkatt_counts(), []
    for k in range(FOLDS):
        test = [d for d in docs if fold_of(d.name) == k]
        started = time.monotonic()
        fold = ev.spkatt_counts()
        with tempfile.TemporaryDirectory() as tmp:
            spkatt.train_spkatt([d for d in docs if fold_of(d.name) != k], Path(tmp), echo=lambda *_: None)
            for doc in test:
                predicted = spkatt.predict_document(doc, Path(tmp))
                ev.score_spkatt_document(predicted, doc.annotations, fold)
                ev.score_spkatt_document(predicted, doc.annotations, total)
        per_role = ev.spkatt_report(fold)["per_role"]
        per_fold.append({role: per_role[role]["prop"]["f1"] for role in ("cue", "source")})
        echo(f"spkatt fold {k}: {len(test)} files, prop F1 cue {per_fold[-1]['cue']:.3f} "
             f"source {per_fold[-1]['source']:.3f} ({time.monotonic() - started:.0f} s)")
    return {"pooled": ev.spkatt_report(total)["per_role"], "per_fold": per_fold, "files": len(docs)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--only", choices=("redewiedergabe", "spkatt"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    echo = (lambda *a: print(*a, file=sys.stderr, flush=True)) if args.json else print
    result = {}
    if args.only in (None, "redewiedergabe"):
        result["redewiedergabe"] = cv_redewiedergabe(args.data / "redewiedergabe", echo)
    if args.only in (None, "spkatt"):
        result["spkatt"] = cv_spkatt(args.data / "spkatt2023" / "train" / "task1", echo)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    if "redewiedergabe" in result:
        r = result["redewiedergabe"]
        print(f"Redewiedergabe, {FOLDS}-fold CV over {r['files']} files, token P/R/F1 pooled over folds:")
        for kind, s in r["pooled"].items():
            spread = [f[kind] for f in r["per_fold"]]
            print(f"  {kind:9} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}"
                  f"   (folds {min(spread):.3f}-{max(spread):.3f})")
    if "spkatt" in result:
        r = result["spkatt"]
        print(f"SpkAtt task 1, {FOLDS}-fold CV over {r['files']} files, pooled:")
        for role, by in r["pooled"].items():
            print(f"  {role:6} " + "  ".join(f"{how} F1 {s['f1']:.3f}" for how, s in by.items()))


if __name__ == "__main__":
    main()
