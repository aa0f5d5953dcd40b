#!/usr/bin/env python3
"""Coverage-guided fuzzing (atheris / libFuzzer) of the input readers and the cleaner.

    python scripts/fuzz_readers.py --seconds 600                 # fuzz for 10 minutes
    python scripts/fuzz_readers.py --seconds 60 --corpus fuzz/   # keep the grown corpus
    python scripts/fuzz_readers.py --seconds 420 -max_len=65536 -len_control=0   # long inputs at once
    python scripts/fuzz_readers.py --seconds 600 --stages        # documents through the analysis too
    python scripts/fuzz_readers.py --replay crash-1a2b...        # run one saved input

The first byte of an input picks the reader (text, JSONL, CSV, TSV, HTML, feed, WARC, or
detection by a file name such as ``a.txt.gz``); the rest is the input's bytes. A reader may
yield documents and the documented :class:`~dossier.errors.InputError`\\s, nothing else: any
other exception is a crash, and libFuzzer saves the input as ``crash-<sha1>`` in the artifact
folder. Every document is also cleaned and its offset map checked (each clean character is
the raw character the map names), so the cleaner is fuzzed on everything the readers let through.

The readers run as :func:`dossier.ingest.read_bytes` runs them, but without its last-resort
``except Exception`` (which turns a reader bug into an error for that one file, so a batch
survives it): here such a bug must surface. Needs ``pip install atheris`` (the ``fuzz`` extra).
Found crashes and their fixes are listed in docs/reliability.md; each has a regression test in
tests/ingest/test_fuzz_target.py.
"""
from __future__ import annotations

import argparse
import gzip
import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (format forced, or None to detect it from the name) and the file name the reader sees.
TARGETS = [("text", "a.txt"), ("jsonl", "a.jsonl"), ("csv", "a.csv"), ("tsv", "a.tsv"),
           ("html", "a.html"), ("feed", "a.rss"), ("warc", "a.warc"), (None, "a.txt.gz"),
           (None, "a.json"), (None, "a"), (None, "a.xml")]
# Small limits: the fuzzer should find crashes, not spend its time on 50 MB inputs.
MAX_BYTES = 1_000_000
# With --stages, every document also runs through the analysis stages (a list of stages).
STAGES: list = []
# Fields with raw offsets or none; layers whose "text" must be exactly the clean text at its span.
RAW_FIELDS = {"text", "raw_text", "offset_map", "removed"}
QUOTING_LAYERS = {"mentions", "quotes", "times", "figures"}


def _options():
    from dossier.ingest.base import ReadOptions
    from dossier.ingest.limits import Limits

    return ReadOptions(max_bytes=MAX_BYTES, limits=Limits(max_article_chars=200_000))


def one_input(data: bytes) -> int:
    """The fuzz target: read ``data`` with the reader its first byte picks, clean every document."""
    from dossier.errors import InputError
    from dossier.ingest import _dispatch
    from dossier.ingest.base import ReadOptions
    from dossier.ingest.sniff import normalise_format

    if not data:
        return 0
    fmt, name = TARGETS[data[0] % len(TARGETS)]
    options = _options()
    options = ReadOptions(fmt=normalise_format(fmt), max_bytes=options.max_bytes, limits=options.limits)
    try:
        for item in _dispatch(data[1:], name, name, options):
            if isinstance(item, InputError):
                _check_error(item, name)
            else:
                check_document(item, name)
    except InputError as error:
        _check_error(error, name)
    return 0


def _check_error(error, name: str) -> None:
    if not (error.location or "").startswith(name):
        raise AssertionError(f"an input error without the input's location: {error!r}")


def check_document(document, name: str) -> None:
    """The document's text is a str and cleans into text whose offsets lead back to it."""
    from dossier.clean import clean_document

    raw = document.raw_text
    if not isinstance(raw, str) or not document.origin.startswith(name):
        raise AssertionError(f"a bad document: {document!r}")
    article = clean_document(document)
    text, offsets = article.text, article.offset_map
    if offsets.clean_length != len(text):
        raise AssertionError("offset map and clean text differ in length")
    for run in offsets.runs:
        if raw[run.raw_start:run.raw_start + run.length] != text[run.clean_start:run.clean_start + run.length]:
            raise AssertionError(f"a clean run does not quote the raw text: {run}")
    for removed in article.removed:
        if raw[removed.start:removed.end] != removed.text:
            raise AssertionError(f"a removed span does not quote the raw text: {removed}")
    if STAGES and text.strip():
        check_analysis(article)


def check_analysis(article) -> None:
    """Every stage runs without an exception; every span of every layer lies inside the text."""
    from dossier.analyse import analyse

    analysed = analyse(article, STAGES)
    text = analysed.text
    for layer, value in analysed.to_dict().items():
        if layer in RAW_FIELDS:
            continue
        for start, end, quoted in _spans(value):
            if not 0 <= start <= end <= len(text):
                raise AssertionError(f"layer {layer}: span {start}-{end} lies outside the text")
            # The rule of tests/analyse/test_hostile_text.py: a quoted text is the span's, or
            # (a quote's speech put together from parts) at least in the text.
            if quoted is not None and layer in QUOTING_LAYERS and text[start:end] != quoted and quoted not in text:
                raise AssertionError(f"layer {layer}: span {start}-{end} does not quote {quoted!r}")


def _spans(value):
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
            yield value["start"], value["end"], value.get("text") if isinstance(value.get("text"), str) else None
        for inner in value.values():
            yield from _spans(inner)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            yield from _spans(inner)


def seed_inputs() -> dict[str, bytes]:
    """Small valid inputs of every format, so the fuzzer starts inside each reader."""
    data = ROOT / "tests" / "data" / "ingest"
    page = ("<html><head><title>Brücke</title><meta name='author' content='Anna Beispiel'></head><body>"
            "<article><h1>Neue Brücke</h1><p>Die Stadt Lindau baut bis zum Sommer eine neue Brücke über "
            "den Hafen.</p><p>„Wir sind zufrieden“, sagte die Bürgermeisterin am Montag.</p></article>"
            "</body></html>").encode()
    seeds = {"html": bytes([4]) + page, "warc": bytes([6]) + _warc(page),
             "gz": bytes([7]) + gzip.compress("Die Stadt baut eine Brücke.\n".encode()),
             "json": bytes([8]) + b'[{"text": "Die Stadt baut", "title": "A"}, {"text": 3}]'}
    for index, (_fmt, name) in enumerate(TARGETS):
        path = data / ("artikel" + Path(name).suffix)
        if path.exists():
            seeds[path.name] = bytes([index]) + path.read_bytes()
    for path, index in ((data / "feed.rss", 5), (data / "feed.atom", 5), (data / "latin1.txt", 0)):
        if path.exists():
            seeds[path.name] = bytes([index]) + path.read_bytes()
    return seeds


def _warc(page: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://lindau.example/", "response",
                                                  payload=io.BytesIO(page), http_headers=headers))
    return buffer.getvalue()


def _instrumented_imports() -> None:
    """Import the readers (and the parsers written in Python) under atheris' coverage hooks."""
    import atheris

    with atheris.instrument_imports(include=["dossier", "feedparser", "warcio", "charset_normalizer"]):
        import dossier.analyse  # noqa: F401
        import dossier.clean  # noqa: F401
        import dossier.ingest.feed  # noqa: F401
        import dossier.ingest.html  # noqa: F401
        import dossier.ingest.jsonl  # noqa: F401
        import dossier.ingest.tabular  # noqa: F401
        import dossier.ingest.text  # noqa: F401
        import dossier.ingest.warc  # noqa: F401
        import feedparser  # noqa: F401
        import warcio.archiveiterator  # noqa: F401


def _load_stages(wanted: bool) -> None:
    if wanted:
        from dossier.analyse import build_pipeline  # under the coverage hooks when fuzzing

        STAGES.extend(build_pipeline())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=600, help="how long to fuzz (default 600)")
    parser.add_argument("--corpus", type=Path, help="corpus folder to grow (default: a temporary one)")
    parser.add_argument("--artifacts", type=Path, default=Path("fuzz-artifacts"),
                        help="where crashing inputs are saved (default fuzz-artifacts/)")
    parser.add_argument("--replay", type=Path, help="run one saved input and show its traceback")
    parser.add_argument("--stages", action="store_true",
                        help="also run every document through the analysis stages (slower)")
    args, libfuzzer_args = parser.parse_known_args()
    if args.replay:
        _load_stages(args.stages)
        one_input(args.replay.read_bytes())
        print(f"{args.replay}: no crash")
        return
    try:
        import atheris
    except ImportError:
        sys.exit("atheris is not installed: pip install atheris (or pip install -e '.[fuzz]')")
    _instrumented_imports()
    _load_stages(args.stages)
    corpus = args.corpus or Path(tempfile.mkdtemp(prefix="dossier-fuzz-"))
    corpus.mkdir(parents=True, exist_ok=True)
    for name, seed in seed_inputs().items():
        (corpus / f"seed-{name}").write_bytes(seed)
    args.artifacts.mkdir(parents=True, exist_ok=True)
    # libFuzzer ends the process itself: "Done N runs in S second(s)" at the end of the log
    # gives the time and count; a crash prints its traceback and the saved input's path.
    print(f"fuzzing for {args.seconds} s; corpus {corpus}; crashes go to {args.artifacts}/", flush=True)
    atheris.Setup([sys.argv[0], f"-max_total_time={args.seconds}", "-timeout=30", "-rss_limit_mb=3072",
                   f"-artifact_prefix={args.artifacts}{os.sep}", "-print_final_stats=1",
                   *libfuzzer_args, str(corpus)], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
