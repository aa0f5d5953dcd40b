"""`dossier quotes`, `dossier eval quotes`, `dossier train quotes`: thin shells over dossier.analyse.quotes."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from dossier.errors import ConfigError
from dossier.model import QUOTE_KINDS, Quote
from dossier.cli.options import iso_date

DEFAULT_DATA = "../shared/data"


def register(cli: click.Group, *, eval_group: click.Group, train_group: click.Group) -> None:
    cli.add_command(quotes_cmd)
    eval_group.add_command(eval_quotes)
    train_group.add_command(train_quotes)


def _open_store(db: str):
    try:
        from dossier.store import open_store
    except ImportError as exc:
        raise ConfigError("no store backend is available in this installation",
                          hint="install dossier-news with its store modules") from exc
    return open_store(db)


def _stored_quotes(store):
    """(article, quote) pairs: the store's quote layer if it has one, else every article's quotes."""
    iter_layer = getattr(store, "iter_layer", None)
    if iter_layer is not None:
        for summary, fields in iter_layer("quotes"):
            yield summary, quote_from_dict(fields)
        return
    for article in store.iter_articles():
        for quote in article.quotes:
            yield article, quote


def quote_from_dict(fields: dict) -> Quote:
    known = {f.name for f in dataclasses.fields(Quote)}
    return Quote(**{k: v for k, v in fields.items() if k in known})


def select_quotes(pairs, *, speaker: str | None = None, since: str | None = None, kinds: tuple[str, ...] = ()):
    """Filter (article, quote) pairs by speaker (case-insensitive substring), publication date and kind."""
    for article, quote in pairs:
        if speaker and speaker.lower() not in (quote.speaker or "").lower():
            continue
        if since and (getattr(article, "published", None) or "") < since:
            continue
        if kinds and quote.kind not in kinds:
            continue
        yield article, quote


@click.command("quotes")
@click.option("--speaker", help="Only quotes whose resolved speaker contains NAME.", metavar="NAME")
@click.option("--since", callback=iso_date, help="Only articles published on or after DATE (YYYY-MM-DD).", metavar="DATE")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(QUOTE_KINDS), help="Only this kind (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@click.pass_context
def quotes_cmd(ctx, speaker, since, kinds, as_json):
    """List stored quotes: who said what, with article id and offsets.

    \b
    Examples:
      dossier quotes --speaker Musk
      dossier quotes --kind direct --kind mixed --since 2023-01-01 --json
    """
    store = _open_store(ctx.obj["db"])
    try:
        for article, q in select_quotes(_stored_quotes(store), speaker=speaker, since=since, kinds=kinds):
            art_id = getattr(article, "id", article)
            if as_json:
                row = {"article": art_id, "start": q.start, "end": q.end, "kind": q.kind, "text": q.text,
                       "speaker": q.speaker, "speaker_entity": q.speaker_entity, "cue": q.cue,
                       "medium": q.medium, "said_at": q.said_at, "disputed": q.disputed}
                click.echo(json.dumps(row, ensure_ascii=False))
            else:
                flag = " [disputed]" if q.disputed else ""
                click.echo(f"{art_id} {q.start}-{q.end} {q.kind:8} {q.speaker or '?'}: {q.text}{flag}")
    finally:
        store.close()


@click.command("quotes")
@click.argument("directory", type=click.Path(exists=True))
@click.option("--format", "fmt", required=True, type=click.Choice(["spkatt", "redewiedergabe", "news"]),
              help="spkatt: SpkAtt-2023 task-1 JSON folder; redewiedergabe: folder of rwk_*.tsv files; "
                   "news: a news gold JSONL file (scores the rule-based news stage).")
@click.option("--split", default="all", show_default=True, type=click.Choice(["all", "dev", "train", "test"]),
              help="Score all files, or only the project's dev (held-out) or train part; "
                   "news: dev or test half (all: each half and both together).")
@click.option("--model", default=None, type=click.Path(file_okay=False), help="Model folder (default: shipped).")
@click.option("--ner", is_flag=True, help="news: take names from the NER stage instead of the gold entities.")
@click.option("--errors", "show_errors", is_flag=True,
              help="news: also list false, missed and mislabelled quotes (look at the dev half only).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_quotes(directory, fmt, split, model, ner, show_errors, as_json):
    """Score the quote taggers on SpkAtt-2023 or Redewiedergabe, or the news stage on a news gold set.

    \b
    Examples:
      dossier eval quotes --format redewiedergabe ../shared/data/redewiedergabe --json
      dossier eval quotes --format spkatt ../shared/data/spkatt2023/train/task1 --split dev
      dossier eval quotes --format news tests/data/quotes/news_gold.jsonl [--ner] [--json]
    """
    from dossier.eval import quotes as ev

    path = Path(directory)
    if (fmt == "news") != path.is_file():
        want = "a JSONL file" if fmt == "news" else "a folder"
        raise click.BadParameter(f"--format {fmt} reads {want}: {directory}", param_hint="DIRECTORY")
    if fmt != "news" and split == "test":
        raise click.BadParameter("--split test is for --format news", param_hint="--split")
    if fmt == "news" and split == "train":
        raise click.BadParameter("the news gold set has dev and test halves", param_hint="--split")
    model_dir = Path(model) if model else None
    errors: list | None = [] if show_errors else None
    if fmt == "news":
        report = ev.evaluate_news(path, split=split, ner=ner, errors=errors)
        text = ev.format_news(report)
    elif fmt == "redewiedergabe":
        report = ev.evaluate_redewiedergabe(path, split=split, model_dir=model_dir)
        text = ev.format_redewiedergabe(report)
    else:
        report = ev.evaluate_spkatt(path, split=split, model_dir=model_dir)
        text = ev.format_spkatt(report)
    if errors is not None:
        report["errors"] = errors
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    click.echo(text)
    for e in errors or ():
        click.echo(json.dumps(e, ensure_ascii=False))


@click.command("quotes")
@click.option("--data", default=DEFAULT_DATA, show_default=True, type=click.Path(exists=True, file_okay=False),
              help="Folder holding redewiedergabe/ and spkatt2023/.")
@click.option("--out", default=None, type=click.Path(file_okay=False), help="Model folder (default: shipped).")
@click.option("--include-dev", is_flag=True, help="Also train on the project's dev split (then dev scores are not held out).")
@click.option("--only", type=click.Choice(["redewiedergabe", "spkatt"]), help="Train one of the two tagger sets.")
def train_quotes(data, out, include_dev, only):
    """Train the speech taggers (Redewiedergabe) and the cue/source taggers (SpkAtt).

    \b
    Example:
      dossier train quotes --data ../shared/data
    """
    from dossier.analyse.quotes.crf import MODEL_DIR
    from dossier.training.quotes import train_all

    which = (only,) if only else ("redewiedergabe", "spkatt")
    train_all(Path(data), Path(out) if out else MODEL_DIR, include_dev=include_dev, which=which, echo=click.echo)
