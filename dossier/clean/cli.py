"""`dossier clean`, `dossier eval clean`, `dossier train clean-lexicon`: thin shells
over :mod:`dossier.clean` (registered through ``AREA_MODULES`` in dossier/cli/main.py)."""
from __future__ import annotations

import json
from pathlib import Path

import click


def register(cli: click.Group, *, eval_group: click.Group, train_group: click.Group) -> None:
    cli.add_command(clean)
    eval_group.add_command(eval_clean)
    train_group.add_command(train_clean_lexicon)


def _shared_default() -> str:
    return str(Path.cwd().parent / "shared")


@click.command("clean")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print each cleaned article as one JSON object.")
def clean(paths, as_json):
    """Clean files without storing them: show the clean text, what was removed and why,
    the metadata recovered, sub-headings and flags.

    \b
    Examples:
      dossier clean ../shared/seeds/004_b6f5ecb3f7cfa349.txt
      dossier clean --json feed.xml
    """
    from dossier.clean import clean_document
    from dossier.errors import InputError
    from dossier.ingest import read_paths

    for doc in read_paths(list(paths)):
        if isinstance(doc, InputError):
            click.echo(f"skipped: {doc}", err=True)
            continue
        article = clean_document(doc)
        if as_json:
            data = article.to_dict()
            for layer in ("mentions", "entities", "quotes", "times", "figures", "events", "raw_text"):
                data.pop(layer, None)
            click.echo(json.dumps(data, ensure_ascii=False))
            continue
        click.echo(f"== {article.origin}  id {article.id}")
        for name in ("title", "published", "source", "authors", "syndicated_from", "url"):
            value = getattr(article, name)
            if value:
                click.echo(f"{name}: {value}")
        for removed in article.removed:
            click.echo(f"removed [{removed.start}:{removed.end}] {removed.reason}: {removed.text[:90]}")
        for heading in article.headings:
            click.echo(f"heading [{heading.start}:{heading.end}] {heading.text}")
        for flag in article.flags:
            click.echo(f"flag {flag['type']} [{flag['start']}:{flag['end']}] "
                       f"{article.text[flag['start']:flag['end']][:80]}")
        click.echo("")
        click.echo(article.text)


@click.command("clean")
@click.option("--shared", default=_shared_default, show_default="../shared",
              type=click.Path(exists=True, file_okay=False), help="Folder holding seeds/ and data/.")
@click.option("--limit", type=int, default=None, help="Use only the first N 10kGNAD articles.")
def eval_clean(shared, limit):
    """Measure the cleaner: synthetic boilerplate on 10kGNAD bodies, the seed
    expectations, and main-text overlap on boilerplate-fulltext-de.

    \b
    Example:
      dossier eval clean --shared ../shared
    """
    from dossier.clean.evaluate import report

    click.echo(report(Path(shared), limit=limit))


@click.command("clean-lexicon")
@click.argument("tsv", type=click.Path(exists=True, dir_okay=False),
                default=str(Path.cwd().parent / "shared" / "data" / "germeval2014" / "train-outer-bio.tsv"))
def train_clean_lexicon(tsv):
    """Rebuild resources/de/boilerplate_lowercase_words.txt from GermEval 2014 training
    sentences (words German writes in lower case; used to find glued sub-headings).

    \b
    Example:
      dossier train clean-lexicon ../shared/data/germeval2014/train-outer-bio.tsv
    """
    from dossier.clean.lexicon import OUTPUT, write_lowercase_words

    count = write_lowercase_words(Path(tsv))
    click.echo(f"wrote {count} words to {OUTPUT}")
