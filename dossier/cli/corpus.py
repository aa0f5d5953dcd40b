"""Corpus commands: ingest, articles, show, summary, export, failures."""
from __future__ import annotations

import json
import os
import sys
from collections import Counter

import click

from dossier.cli.limit_options import limit_options
from dossier.errors import ConfigError


def open_db(ctx: click.Context):
    from dossier.store import open_store

    return open_store(ctx.obj["db"])


def parse_fields(pairs: tuple[str, ...]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        if "=" not in pair:
            raise ConfigError(f"--field {pair!r} is not of the form NAME=COLUMN",
                              hint="e.g. --field text=body --field published=date")
        name, column = pair.split("=", 1)
        mapping[name.strip()] = column.strip()
    return mapping


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--field", "fields", multiple=True, metavar="NAME=COLUMN",
              help="Map a Dossier field to a JSONL key or CSV column (name or 0-based index).")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl", "csv", "tsv", "html", "feed", "warc"]),
              help="Force the input format instead of detecting it.")
@click.option("--max-bytes", default=50_000_000, show_default=True, help="Refuse files larger than this.")
@limit_options
@click.option("--no-analyse", is_flag=True, help="Only clean and store; skip the analysis stages.")
@click.option("--batch-size", default=100, show_default=True, help="Articles per database transaction.")
@click.option("--workers", "-j", default=1, show_default=True,
              help="Worker processes for the analysis stages (0 = one per CPU core).")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="Where cleaning and analysis run: local processes, or Spark (pip install 'dossier-news[spark]').")
@click.option("--spark-master", metavar="URL",
              help="Spark master for --engine spark (default local[N], N = --workers).")
@click.option("--ner", "ner_kind", envvar="DOSSIER_NER", default="crf", show_default=True,
              help="Named-entity tagger: crf (fast), accurate (the slower BiLSTM-CRF) or "
                   "spacy:NAME (an installed spaCy pipeline); or set DOSSIER_NER.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def ingest(ctx, paths, fields, fmt, max_bytes, limits, no_analyse, batch_size, workers, engine, spark_master, ner_kind,
           quiet):
    """Read articles from files, directories, feeds or stdin (-) into the database.

    \b
    Examples:
      dossier ingest ../shared/seeds
      dossier ingest news.jsonl --field text=body --field published=date
      dossier ingest export.csv --field text=1 --field label=0
      dossier ingest https://example.org/feed.xml
      dossier ingest http://intranet.local/feed.xml --allow-network 10.0.0.0/8
      cat article.txt | dossier ingest -
      dossier ingest archive/ --workers 0                  (one process per core)
      dossier ingest archive/ --engine spark --workers 8   (Spark local[8])
      dossier ingest archive/ --ner accurate               (the BiLSTM-CRF tagger)
      dossier --db postgresql://dossier@db/news ingest archive/ --engine spark --spark-master spark://head:7077

    Exit code 3 when any input failed; `dossier failures` lists them. URLs are
    fetched only from public addresses unless allowed (docs/reliability.md, limits).
    """
    from tqdm import tqdm

    from dossier.ingest import read_paths
    from dossier.pipeline import ingest_items

    field_map = parse_fields(fields)
    use_ner(ner_kind, analyse=not no_analyse)
    store = open_db(ctx)
    items = read_paths(list(paths), field_map=field_map or None, fmt=fmt, max_bytes=max_bytes,
                       stdin=sys.stdin.buffer if "-" in paths else None, limits=limits)
    with tqdm(desc="ingest", unit=" doc", file=sys.stderr, disable=quiet or None, leave=False) as bar:
        summary = ingest_items(items, store, run_analysis=not no_analyse, batch_size=batch_size,
                               workers=workers or os.cpu_count() or 1, engine=engine,
                               spark_master=spark_master, store_url=str(ctx.obj["db"]),
                               on_item=lambda _item: bar.update(1))
    for failure in summary.failed + summary.analysis_failed:
        click.echo(f"Error: {failure.origin}: {failure.message} [{failure.reason}]", err=True)
    click.echo(f"Ingested into {ctx.obj['db']}: {summary.line()}")
    store.close()
    if not summary.ok:
        ctx.exit(3)


def use_ner(kind: str, *, analyse: bool) -> None:
    """Make ``kind`` the NER tagger of this process and the workers it starts (they inherit
    DOSSIER_NER); the accurate model is loaded now so that a missing one fails once, up front."""
    if kind not in ("crf", "accurate") and not kind.startswith("spacy:"):
        raise click.BadParameter(f"{kind!r}: use crf, accurate or spacy:NAME", param_hint="--ner")
    os.environ["DOSSIER_NER"] = kind
    if kind == "accurate" and analyse:
        from dossier.analyse.ner.neural import load_accurate

        load_accurate()


@click.command()
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def articles(ctx, limit, offset, as_json):
    """List stored articles.

    \b
    Example:
      dossier articles --limit 20
    """
    store = open_db(ctx)
    for row in store.list_articles(limit=limit, offset=offset):
        if as_json:
            click.echo(json.dumps(row.__dict__, ensure_ascii=False))
            continue
        flags = ("dup " if row.duplicate_of else "") + (row.language or "?")
        title = (row.title or "").replace("\n", " ")[:70]
        click.echo(f"{row.id}  {row.published or '----------':<10.10}  {flags:<6} {row.source or '':<14.14} {title}")
    store.close()


@click.command()
@click.argument("article_id")
@click.option("--raw", is_flag=True, help="Print the raw input as read, too.")
@click.option("--json", "as_json", is_flag=True, help="Print the export record of the article.")
@click.pass_context
def show(ctx, article_id, raw, as_json):
    """Show one article: metadata, clean text, removed spans and its layers.

    \b
    Example:
      dossier show 3f2a9c   (any unique id prefix)
    """
    from dossier.cli.render import render_article

    store = open_db(ctx)
    article = store.get_article(article_id)
    if article is None:
        raise ConfigError(f"no article with id {article_id!r}", hint="list ids with `dossier articles`")
    if as_json:
        from dossier.export import article_record

        click.echo(json.dumps(article_record(article, store), ensure_ascii=False, indent=2))
    else:
        click.echo(render_article(article, raw=raw))
    store.close()


@click.command()
@click.pass_context
def summary(ctx):
    """Print a short summary of what the database holds.

    \b
    Example:
      dossier ingest examples/ && dossier summary
    """
    store = open_db(ctx)
    counts: Counter = Counter()
    languages: Counter = Counter()
    speakers: Counter = Counter()
    for article in store.iter_articles():
        counts["articles"] += 1
        counts["duplicates"] += bool(article.duplicate_of)
        languages[article.language or "?"] += 1
        for layer in ("mentions", "quotes", "times", "figures", "events"):
            counts[layer] += len(getattr(article, layer))
        speakers.update(q.speaker for q in article.quotes if q.speaker)
    entities = store.get_entities()
    click.echo(f"{counts['articles']} articles ({counts['duplicates']} duplicates; languages: "
               + ", ".join(f"{k} {v}" for k, v in languages.most_common()) + ")")
    click.echo(f"{len(entities)} entities, {counts['mentions']} mentions, {counts['quotes']} quotes, "
               f"{counts['times']} time expressions, {counts['figures']} figures, {counts['events']} events")
    by_type = Counter(e.type for e in entities)
    if by_type:
        click.echo("entities by type: " + ", ".join(f"{k} {v}" for k, v in sorted(by_type.items())))
    if speakers:
        click.echo("most quoted: " + ", ".join(f"{name} ({n})" for name, n in speakers.most_common(5)))
    if counts["articles"]:
        click.echo("Look closer: dossier articles | dossier show ID | dossier entities | dossier quotes | "
                   "dossier figures | dossier export --format jsonl")
    store.close()


@click.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl",
              show_default=True)
@click.option("--output", "-o", default="-", show_default=True, help="File to write; - for stdout.")
@click.option("--entities", "entities_only", is_flag=True,
              help="Export the canonical entities instead of the articles.")
@click.pass_context
def export(ctx, fmt, output, entities_only):
    """Export articles (or entities) per the JSONL contract in DESIGN.md.

    \b
    Examples:
      dossier export --format jsonl > corpus.jsonl
      dossier export --format parquet -o corpus.parquet
      dossier export --entities --format csv -o entities.csv
    """
    from dossier.export import export_articles, export_entities

    if fmt == "parquet" and output == "-":
        raise ConfigError("parquet is binary and needs a file", hint="add -o FILE.parquet")
    store = open_db(ctx)
    target = (sys.stdout.buffer if fmt == "parquet" else sys.stdout) if output == "-" else output
    (export_entities if entities_only else export_articles)(store, target, fmt)
    store.close()


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def failures(ctx, as_json):
    """List inputs that failed to ingest, with location and reason.

    \b
    Example:
      dossier failures
    """
    store = open_db(ctx)
    rows = store.list_failures()
    for row in rows:
        if as_json:
            click.echo(json.dumps(row.__dict__, ensure_ascii=False))
        else:
            click.echo(f"{row.origin}: {row.message} [{row.reason}, {row.at}]")
    if not rows and not as_json:
        click.echo("No failures recorded.")
    store.close()


def register(cli, *, eval_group, train_group) -> None:
    for command in (ingest, articles, show, summary, export, failures):
        cli.add_command(command)
