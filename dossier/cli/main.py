"""The `dossier` command: a thin shell over the library.

Each area registers its commands from its own module (see ``AREA_MODULES``),
so no single CLI file grows into thousands of lines.
"""
from __future__ import annotations

import importlib
import sys

import click

from dossier.errors import DossierError

AREA_MODULES = (
    "dossier.cli.corpus",    # ingest, articles, show, summary, export, failures
    "dossier.clean.cli",     # clean, eval clean, train clean-lexicon
    "dossier.cli.ner",       # train ner, eval ner
    "dossier.cli.entities",  # entities, entity, kb import
    "dossier.cli.quotes",    # quotes, eval quotes
    "dossier.cli.times",     # times, eval times
    "dossier.cli.figures",   # figures, eval figures
    "dossier.cli.ledger",    # timeline, ledger, conflicts, network
    "dossier.cli.search",    # search, reindex
    "dossier.cli.serve",     # serve (HTTP API and web UI)
    "dossier.cli.events",    # events, eval events
    "dossier.cli.reanalyse", # reanalyse (changed models over stored articles)
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="DOSSIER_DB", default="dossier.db", show_default=True,
              help="SQLite database file, or a postgresql:// URL for a server (or set DOSSIER_DB).")
@click.pass_context
def cli(ctx: click.Context, db: str) -> None:
    """Dossier turns German news articles into a source-linked knowledge base.

    \b
    Example:
      dossier ingest examples/ && dossier articles
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


@cli.group("eval")
def eval_group() -> None:
    """Measure an analysis stage on a public annotated data set."""


@cli.group("train")
def train_group() -> None:
    """Train a model shipped with the package from ../shared/data."""


def _register_areas() -> None:
    for name in AREA_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(cli, eval_group=eval_group, train_group=train_group)


_register_areas()


def main(argv: list[str] | None = None) -> int:
    try:
        code = cli.main(args=argv, prog_name="dossier", standalone_mode=False)
    except DossierError as exc:
        click.echo(f"Error: {exc}", err=True)
        return 2
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    sys.exit(main())
