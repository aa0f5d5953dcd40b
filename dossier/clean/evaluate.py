"""Measure the cleaner: ``dossier eval clean`` (or ``python -m dossier.clean.evaluate``).

Three measurements, each printed with its counts:

* **synthetic** — 10kGNAD article bodies with injected boilerplate
  (:mod:`dossier.clean.synthetic`): field accuracy, boilerplate recall, body
  paragraphs kept verbatim, glued-heading recall and headings found on real
  text that were not injected;
* **seeds** — the expectations on ``../shared/seeds`` spelled out in the brief;
* **fulltext** — ``boilerplate-fulltext-de`` pages read by the HTML reader and
  cleaned, token-level precision/recall against the expected main text (this
  mostly measures the HTML extraction; the cleaner must not lose text there).
"""
from __future__ import annotations

import csv
import gzip
import json
import random
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from dossier.clean import clean_document
from dossier.clean.embeds import find_embeds
from dossier.clean.synthetic import make_case
from dossier.errors import EvalError
from dossier.model import RawDocument

FIELDS = ("published", "title", "authors", "source", "syndicated_from")


def _gnad_texts(path: Path) -> list[str]:
    csv.field_size_limit(10_000_000)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) == 2]
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"cannot read 10kGNAD CSV: {exc}", location=str(path)) from exc


def _without_embeds(paragraph: str) -> str:
    """The paragraph as the cleaner must keep it: verbatim but for embedded posts."""
    pieces, pos = [], 0
    for start, end in find_embeds(paragraph):
        pieces.append(paragraph[pos:start])
        pos = end
    pieces.append(paragraph[pos:])
    return "".join(pieces).strip()


def evaluate_synthetic(gnad_csv: Path, *, limit: int | None = None, seed: int = 13) -> dict:
    rng = random.Random(seed)
    texts = _gnad_texts(gnad_csv)[:limit]
    counts: Counter = Counter()
    for index, text in enumerate(texts):
        case = make_case(text, rng)
        article = clean_document(RawDocument(case.raw, f"{gnad_csv.name}#{index}"))
        for name, value in case.expected.items():
            if name not in case.unscored:
                counts[f"{name}_total"] += 1
                counts[f"{name}_correct"] += getattr(article, name) == value
        for name in FIELDS:
            if (name not in case.expected and name not in case.unscored
                    and getattr(article, name) not in (None, [])):
                counts[f"{name}_spurious"] += 1
        counts["junk_total"] += len(case.junk)
        lines = set(article.text.split("\n"))
        # short pieces ("Anzeige") also occur inside body words, so test whole lines
        counts["junk_removed"] += sum((junk not in lines) if len(junk) < 20 else (junk not in article.text)
                                      for junk in case.junk)
        counts["body_total"] += len(case.body)
        expected_body = [_without_embeds(paragraph) for paragraph in case.body]
        counts["body_kept"] += sum(paragraph in article.text for paragraph in expected_body)
        counts["body_with_embeds"] += sum(a != b for a, b in zip(expected_body, case.body))
        embeds = [r for r in article.removed if r.reason == "embed"]
        counts["embed_articles"] += bool(embeds)
        counts["embed_spans"] += len(embeds)
        counts["embed_chars"] += sum(r.end - r.start for r in embeds)
        found = [h.text for h in article.headings]
        counts["headings_injected"] += len(case.headings)
        counts["headings_recovered"] += sum(h in found for h in case.headings)
        counts["headings_other"] += sum(h not in case.headings for h in found)
        counts["signatures"] += bool(case.unscored)
    counts["documents"] = len(texts)
    return dict(counts)


def _seed_checks(seeds: Path) -> list[tuple[str, bool]]:
    checks: list[tuple[str, bool]] = []
    for path in sorted(seeds.glob("*.txt")):
        article = clean_document(RawDocument(path.read_text(encoding="utf-8"), str(path)))
        if path.name.startswith("000_"):
            checks += [("000 published", article.published == "2023-11-30"),
                       ("000 teaser gone", "Mehr lesen" not in article.text),
                       ("000 headings", len(article.headings) == 4)]
        if path.name.startswith("004_"):
            types = Counter(flag["type"] for flag in article.flags)
            checks += [("004 source", article.source == "site-19"),
                       ("004 authors", article.authors == ["Linette Lopez"]),
                       ("004 syndicated_from", article.syndicated_from == "Business Insider"),
                       ("004 title", (article.title or "").startswith("Es ist ziemlich klar")),
                       ("004 truncated flag", types["truncated_sentence"] == 1),
                       ("004 duplicate flag", types["duplicate_paragraph"] == 1)]
    return checks


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _tokens(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def _overlap(found: str, expected: str) -> tuple[int, int, int]:
    got, gold = _tokens(found), _tokens(expected)
    return sum((got & gold).values()), sum(got.values()), sum(gold.values())


def _fulltext_pairs(folder: Path):
    from dossier.ingest import read_bytes

    scrapinghub = folder / "scrapinghub"
    if scrapinghub.exists():
        truth = json.loads((scrapinghub / "ground-truth-de.json").read_text(encoding="utf-8"))
        for page in sorted(scrapinghub.glob("*.html.gz")):
            expected = truth[page.name.removesuffix(".html.gz")]["articleBody"]
            yield page.name, read_bytes(gzip.decompress(page.read_bytes()), page.name[:-3]), expected
    heise = folder / "readability-heise"
    if heise.exists():
        parser = _TextOf()
        parser.feed((heise / "expected.html").read_text(encoding="utf-8"))
        yield "heise", read_bytes((heise / "source.html").read_bytes(), "source.html"), " ".join(parser.parts)


def evaluate_fulltext(folder: Path) -> dict:
    counts: Counter = Counter()
    for _name, documents, expected in _fulltext_pairs(folder):
        for doc in documents:
            if isinstance(doc, RawDocument):
                article = clean_document(doc)
                common, got, gold = _overlap(article.text, expected)
                counts.update(common=common, found=got, gold=gold, pages=1)
    return dict(counts)


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a"


def report(shared: Path, *, limit: int | None = None) -> str:
    lines: list[str] = []
    gnad = shared / "data" / "10kgnad" / "test.csv"
    if gnad.exists():
        c = evaluate_synthetic(gnad, limit=limit)
        lines.append(f"synthetic (10kGNAD test.csv, {c['documents']} articles, seed 13)")
        for name in FIELDS:
            lines.append(f"  {name:16s} correct {_ratio(c.get(f'{name}_correct', 0), c.get(f'{name}_total', 0))}"
                         f"  spurious {c.get(f'{name}_spurious', 0)}")
        lines.append(f"  boilerplate removed     {_ratio(c['junk_removed'], c['junk_total'])}")
        lines.append(f"  body paragraphs kept    {_ratio(c['body_kept'], c['body_total'])}"
                     f" (verbatim but for embedded posts, in {c.get('body_with_embeds', 0)} of them)")
        lines.append(f"  embedded posts removed  {c.get('embed_spans', 0)} spans, {c.get('embed_chars', 0)} chars"
                     f" in {c.get('embed_articles', 0)} articles (real text, not scored)")
        lines.append(f"  glued headings found    {_ratio(c['headings_recovered'], c['headings_injected'])}")
        lines.append(f"  other headings marked   {c['headings_other']} (on real text; includes real sub-headings)")
        lines.append(f"  articles with a real closing signature (fields not scored): {c.get('signatures', 0)}")
    seeds = shared / "seeds"
    if seeds.exists():
        checks = _seed_checks(seeds)
        passed = sum(ok for _, ok in checks)
        lines.append(f"seeds: {passed}/{len(checks)} checks pass"
                     + "".join(f"\n  FAILED {name}" for name, ok in checks if not ok))
    fulltext = shared / "data" / "boilerplate-fulltext-de"
    if fulltext.exists():
        c = evaluate_fulltext(fulltext)
        lines.append(f"fulltext ({c.get('pages', 0)} pages, HTML reader + cleaner, token bag)")
        lines.append(f"  precision {_ratio(c.get('common', 0), c.get('found', 0))}")
        lines.append(f"  recall    {_ratio(c.get('common', 0), c.get('gold', 0))}")
    if not lines:
        raise EvalError("no evaluation data found", location=str(shared),
                        hint="put the public data in ../shared (see shared/data/README.md)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    shared = Path(args[0]) if args else Path(__file__).resolve().parents[3] / "shared"
    print(report(shared))


if __name__ == "__main__":
    main()
