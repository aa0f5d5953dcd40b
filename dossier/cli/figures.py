"""`dossier figures` and `dossier eval figures`: thin shells over dossier.analyse.figures."""
from __future__ import annotations

import json

import click


def register(cli: click.Group, *, eval_group: click.Group, train_group: click.Group) -> None:
    cli.add_command(figures)
    eval_group.add_command(eval_figures)


def _matches(row: dict, subject: str | None, unit: str | None, kind: str | None) -> bool:
    if subject and subject.lower() not in (row.get("subject") or "").lower():
        return False
    if unit and (row.get("unit") or "").lower() != unit.lower():
        return False
    return not kind or row.get("kind") == kind


def _format_value(row: dict) -> str:
    value = row.get("value")
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, (int, float)) else "?"
    if row.get("value_max") is not None:
        text += f"–{row['value_max']:,.2f}".rstrip("0").rstrip(".")
    unit = row.get("unit") or ""
    if row.get("unit_inferred"):
        unit += "*"
    if row.get("per"):
        unit += f" pro {row['per']}"
    return f"{text} {unit}".strip()


@click.command("figures")
@click.option("--subject", default=None, help="Only figures whose subject contains NAME.")
@click.option("--unit", default=None, help="Only this unit (ISO 4217 code such as EUR, or %, or a noun).")
@click.option("--kind", type=click.Choice(["money", "percent", "count", "quantity"]), default=None,
              help="Only this kind of figure.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per figure.")
@click.pass_context
def figures(ctx, subject, unit, kind, as_json):
    """List the figures (how much) found in the stored articles.

    A `*` after the unit marks a currency or noun carried over from context.

    \b
    Examples:
      dossier figures --subject "Elon Musk" --unit USD
      dossier figures --kind percent --json
    """
    from dossier.store import open_store

    with open_store(ctx.obj["db"]) as store:
        for article, row in store.iter_layer("figures"):
            if not _matches(row, subject, unit, kind):
                continue
            if as_json:
                click.echo(json.dumps({"article": article.id, **row}, ensure_ascii=False))
                continue
            about = " ".join(x for x in (row.get("subject"), row.get("attribute")) if x)
            source = f" (laut {row['source']})" if row.get("source") else ""
            approx = f"{row['approx']} " if row.get("approx") else ""
            click.echo(f"{article.id}  {row.get('as_of') or '-':<10}  {approx}{_format_value(row):<28}  "
                       f"{about}{source}  «{row.get('text')}»")


@click.command("figures")
@click.argument("path", type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", is_flag=True, help="With --json: list the cases that were missed.")
@click.option("--split", type=click.Choice(["even", "odd", "dev", "held"]), default=None,
              help="Score only the cases at even or odd positions, or the dev or held-out half "
                   "by a hash of the input (look at dev while developing, score held at the end).")
def eval_figures(path, as_json, errors, split):
    """Score number, percent and currency recognition on Recognizers-Text JSON.

    PATH is a file (NumberModel.json, PercentModel.json, CurrencyModel.json) or a folder
    searched for them. Spans are scored exactly; value accuracy also checks the ISO unit
    of amounts.

    \b
    Example:
      dossier eval figures ../shared/data/recognizers-text-de --json
      dossier eval figures ../shared/data/recognizers-text-de --split dev --json --errors
    """
    from dossier.eval.figures import evaluate_path, format_report

    report = evaluate_path(path, with_errors=errors, split=split)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report))
