"""`dossier times` and `dossier eval times`: thin shells over dossier.analyse.times."""
from __future__ import annotations

import json
from dataclasses import asdict

import click


def register(cli: click.Group, *, eval_group: click.Group, train_group: click.Group) -> None:
    cli.add_command(times)
    eval_group.add_command(eval_times)


@click.command("times")
@click.option("--article", "article_id", default=None, help="Only the article with this id.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per time expression.")
@click.pass_context
def times(ctx, article_id, as_json):
    """List the time expressions of the stored articles with their TIMEX3 values.

    Values are resolved against each article's publication date and the date the text is
    talking about (shown in the anchor column); `?` marks a value that cannot be known.

    \b
    Examples:
      dossier times --article 02d12f9d469cad87
      dossier times --json
    """
    from dossier.analyse.times import times_stage
    from dossier.errors import InputError
    from dossier.store import open_store

    with open_store(ctx.obj["db"]) as store:
        if article_id:
            article = store.get_article(article_id)
            if article is None:
                raise InputError(f"no article with id {article_id!r}", hint="list the ids with `dossier articles`")
            articles = [article]
        else:
            articles = store.iter_articles()
        for article in articles:
            for expr in times_stage(article)["times"]:
                if as_json:
                    click.echo(json.dumps({"article": article.id, **asdict(expr)}, ensure_ascii=False))
                    continue
                value = expr.value or "?"
                mod = f" {expr.mod}" if expr.mod else ""
                click.echo(f"{article.id}  [{expr.start}:{expr.end}]  {expr.type:<8} {value + mod:<24} "
                           f"{expr.anchor or '-':<11}  «{expr.text}»")


@click.command("times")
@click.argument("path", type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["recognizers", "timex2"]), required=True,
              help="recognizers: Recognizers-Text DateTime JSON (file or folder); "
                   "timex2: WikiWarsDE folder with in/ and key/ (ACE APF).")
@click.option("--split", type=click.Choice(["all", "dev", "held"]), default="all", show_default=True,
              help="Score only the tuning part (dev) or the kept-back part (held) of the data.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", is_flag=True, help="With --json: list missed, spurious and wrongly valued expressions.")
def eval_times(path, fmt, split, as_json, errors):
    """Score time expression recognition (span P/R/F1) and TIMEX value accuracy.

    \b
    Examples:
      dossier eval times --format recognizers ../shared/data/recognizers-text-de/DateTime --json
      dossier eval times --format timex2 ../shared/data/wikiwarsde
    """
    from dossier.eval.times import evaluate_recognizers, evaluate_timex2, format_report

    evaluate = evaluate_recognizers if fmt == "recognizers" else evaluate_timex2
    report = evaluate(path, split=split, with_errors=errors)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report))
