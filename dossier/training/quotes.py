"""`dossier train quotes`: train the speech and speaker-attribution taggers.

Deterministic (L-BFGS from zero, files read in sorted order). By default the
project's dev split (a fixed fifth of the files, see ``redewiedergabe.is_dev``)
is left out so the scores on it stay honest; ``include_dev`` trains on all.
"""
from __future__ import annotations

import time
from pathlib import Path

from dossier.analyse.quotes import spkatt
from dossier.analyse.quotes.crf import MODEL_DIR
from dossier.analyse.quotes.speech_tagger import train_speech_taggers
from dossier.eval.formats import redewiedergabe as rw


def train_all(data_dir: Path, out_dir: Path = MODEL_DIR, *, include_dev: bool = False,
              which: tuple[str, ...] = ("redewiedergabe", "spkatt"), echo=print) -> dict:
    timings = {}
    if "redewiedergabe" in which:
        started = time.monotonic()
        docs = [d for d in rw.read_corpus(data_dir / "redewiedergabe") if include_dev or not rw.is_dev(d.name)]
        train_speech_taggers(docs, out_dir, echo=echo)
        timings["redewiedergabe"] = round(time.monotonic() - started, 1)
    if "spkatt" in which:
        started = time.monotonic()
        docs = [d for d in spkatt.read_corpus(data_dir / "spkatt2023" / "train" / "task1")
                if include_dev or not rw.is_dev(d.name)]
        spkatt.train_spkatt(docs, out_dir, echo=echo)
        timings["spkatt"] = round(time.monotonic() - started, 1)
    for name, seconds in timings.items():
        echo(f"{name}: trained in {seconds} s")
    return timings
