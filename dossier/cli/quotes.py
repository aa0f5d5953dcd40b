"""`dossier quotes`, `dossier eval quotes`, `dossier train quotes`: thin shells over dossier.analyse.quotes."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from dossier.errors import ConfigError
from dossier.model import QUOTE_KINDS, Quote

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
@click.option("--since", help="Only articles published on or after DATE (YYYY-MM-DD).", metavar="DATE")
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
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--format", "fmt", required=True, type=click.Choice(["spkatt", "redewiedergabe"]),
              help="spkatt: SpkAtt-2023 task-1 JSON folder; redewiedergabe: folder of rwk_*.tsv files.")
@click.option("--split", default="all", show_default=True, type=click.Choice(["all", "dev", "train"]),
              help="Score all files, or only the project's dev (held-out) or train part.")
@click.option("--model", default=None, type=click.Path(file_okay=False), help="Model folder (default: shipped).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_quotes(directory, fmt, split, model, as_json):
    """Score the quote taggers on SpkAtt-2023 or Redewiedergabe.

    \b
    Examples:
      dossier eval quotes --format redewiedergabe ../shared/data/redewiedergabe --json
      dossier eval quotes --format spkatt ../shared/data/spkatt2023/train/task1 --split dev
    """
    from dossier.eval import quotes as ev

    model_dir = Path(model) if model else None
    if fmt == "redewiedergabe":
        report = ev.evaluate_redewiedergabe(Path(directory), split=split, model_dir=model_dir)
        text = ev.format_redewiedergabe(report)
    else:
        report = ev.evaluate_spkatt(Path(directory), split=split, model_dir=model_dir)
        text = ev.format_spkatt(report)
    click.echo(json.dumps(report, indent=2) if as_json else text)


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
    from dossier.analyse.quotes.train import train_all

    which = (only,) if only else ("redewiedergabe", "spkatt")
    train_all(Path(data), Path(out) if out else MODEL_DIR, include_dev=include_dev, which=which, echo=click.echo)
