"""`dossier timeline`, `ledger`, `conflicts`, `network`: thin shells over dossier.query."""
from __future__ import annotations

import json
import sys

import click

from dossier.model import LABELS
from dossier.cli.options import iso_date

PERIOD_NAMES = {"*": "all time", None: "period unknown"}


def register(cli: click.Group, *, eval_group: click.Group, train_group: click.Group) -> None:
    for command in (timeline_command, ledger_command, conflicts_command, network_command):
        cli.add_command(command)


def _open(ctx: click.Context):
    from dossier.store import open_store

    return open_store(ctx.obj["db"])


def _clip(text: str, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _amount(value: float | None, unit: str | None, value_max: float | None = None, approx: str | None = None) -> str:
    def number(x: float) -> str:
        return f"{x:,.2f}".rstrip("0").rstrip(".")

    text = "?" if value is None else number(value)
    if value_max is not None:
        text += f"–{number(value_max)}"
    return f"{approx + ' ' if approx else ''}{text} {unit or ''}".strip()


def _emit_json(data) -> None:
    from dossier.query.records import plain

    click.echo(json.dumps(plain(data), ensure_ascii=False, indent=2))


def _emit_csv(rows) -> None:
    from dossier.query.records import write_csv

    write_csv(rows, sys.stdout)


@click.command("timeline")
@click.argument("name")
@click.option("--layer", "layers", multiple=True, type=click.Choice(["events", "quotes", "figures"]),
              help="Only these layers (repeatable; default all three).")
@click.option("--since", callback=iso_date, default=None, help="Only entries whose time is on or after this ISO date (prefix): 2018, 2018-06.")
@click.option("--until", callback=iso_date, default=None, help="Only entries whose time is on or before this ISO date (prefix).")
@click.option("--json", "as_json", is_flag=True, help="The entries as one JSON list.")
@click.option("--csv", "as_csv", is_flag=True, help="The entries as CSV (one row each).")
@click.pass_context
def timeline_command(ctx, name, layers, since, until, as_json, as_csv):
    """Events, quotes and figures about an entity, in the order of the time they refer to
    (then publication date), each with its article, sentence and character offsets.

    NAME is the canonical name, an alias or the entity id. A time marked `~` is the
    publication date (the entry names no time of its own).

    \b
    Examples:
      dossier timeline "Elon Musk"
      dossier timeline Tesla --layer events --layer figures --since 2018
      dossier timeline "Elon Musk" --csv > musk.csv
    """
    from dossier.query.timeline import LAYERS, timeline

    with _open(ctx) as store:
        entries = timeline(store, name, layers=tuple(layers) or LAYERS, since=since, until=until)
    if as_json:
        return _emit_json(entries)
    if as_csv:
        return _emit_csv(entries)
    if not entries:
        click.echo(f"Nothing about {name} in the time layers yet.")
    for e in entries:
        when = (e.when or "?") + ("~" if e.when_from == "published" else "")
        also = f"  (also in {', '.join(a[:8] for a in e.also_in)})" if e.also_in else ""
        click.echo(f"{when:<12} {e.layer[:-1]:<6} {e.article[:8]}  {_timeline_detail(e):<44.44}  «{_clip(e.text, 60)}»"
                   + also)


def _timeline_detail(entry) -> str:
    d = entry.detail
    if entry.layer == "events":
        people = ", ".join(p.get("name") or p.get("entity") or "?" for p in d.get("participants", []))
        return f"{d.get('type')} [{d.get('modality')}] {people}"
    if entry.layer == "quotes":
        return f"{d.get('speaker') or '?'} ({d.get('kind')}{', named' if d.get('role') == 'named' else ''})"
    return f"{d.get('attribute') or d.get('kind')}: {_amount(d.get('value'), d.get('unit'), approx=d.get('approx'))}"


@click.command("ledger")
@click.option("--subject", default=None, help="Only the series about this entity (name, alias or id).")
@click.option("--attribute", default=None, help="Only series of this attribute (e.g. Umsatz, Kaufpreis).")
@click.option("--min-articles", type=int, default=1, show_default=True,
              help="Only series reported by at least this many articles.")
@click.option("--json", "as_json", is_flag=True, help="The series (with their values) as one JSON list.")
@click.option("--csv", "as_csv", is_flag=True, help="One CSV row per value, with its series.")
@click.pass_context
def ledger_command(ctx, subject, attribute, min_articles, as_json, as_csv):
    """The figure ledger: each figure series per (subject entity, attribute, period)
    across articles, each value with its source, article and as-of date.

    A value marked `Δ` is a change (`um 5 %`) and `←` the start of one (`von 9 auf 12 %`);
    only the others are compared by `dossier conflicts`.

    \b
    Examples:
      dossier ledger
      dossier ledger --subject Tesla --json
      dossier ledger --attribute Umsatz --min-articles 2 --csv > umsatz.csv
    """
    from dossier.query.ledger import figure_ledger

    with _open(ctx) as store:
        series = figure_ledger(store, subject, min_articles=min_articles)
    if attribute:
        series = [s for s in series if s.attribute.casefold() == attribute.casefold()]
    if as_json:
        return _emit_json(series)
    if as_csv:
        return _emit_csv({**{k: v for k, v in vars(s).items() if k != "values"}, "value": vars(v)}
                         for s in series for v in s.values)
    if not series:
        click.echo("No figure series yet: figures need a subject and an attribute (see `dossier figures`).")
    for s in series:
        click.echo(f"{s.subject} · {s.attribute} · {PERIOD_NAMES.get(s.period, s.period)} · "
                   f"{s.unit or s.kind}  ({s.articles} article{'s' if s.articles != 1 else ''})")
        for v in s.values:
            mark = {"change": "Δ ", "from": "← "}.get(v.role, "")
            source = f"  laut {v.source}" if v.source else ""
            click.echo(f"  {v.as_of or '?':<10} {mark}{_amount(v.value, v.unit, v.value_max, v.approx):<28} "
                       f"{v.article[:8]} {v.published or '':<10} {v.article_source or ''}{source}  «{_clip(v.text, 40)}»")


@click.command("conflicts")
@click.option("--tolerance", type=float, default=0.05, show_default=True,
              help="Largest relative difference that is not a conflict (0.05 = 5 %).")
@click.option("--subject", default=None, help="Only figures and claims about this entity.")
@click.option("--undated", is_flag=True,
              help="Also compare values whose period is unknown, as one period (for corpora without dates).")
@click.option("--json", "as_json", is_flag=True, help="The report as one JSON object.")
@click.option("--csv", "as_csv", is_flag=True, help="The conflicting pairs as CSV (one row each).")
@click.pass_context
def conflicts_command(ctx, tolerance, subject, undated, as_json, as_csv):
    """Figures for the same subject, attribute and period that differ between articles
    beyond the tolerance (citing both articles, sources and sentences), and claims an
    article itself marks as false.

    A rounded value (`rund 2,4 Milliarden`) covers its rounding precision; values are
    compared in one unit only (EUR with EUR, % with % but not with percentage points).
    The rules are in docs/ledger.md.

    \b
    Examples:
      dossier conflicts
      dossier conflicts --tolerance 0.1 --subject Tesla
      dossier conflicts --json > conflicts.json
      dossier conflicts --undated    # a corpus without publication dates
    """
    from dossier.query.conflicts import find_conflicts

    with _open(ctx) as store:
        report = find_conflicts(store, tolerance, subject, undated=undated)
    if as_json:
        return _emit_json(report)
    if as_csv:
        return _emit_csv(report.conflicts)
    click.echo(f"{len(report.conflicts)} conflicting pair(s) in {report.series_compared} series reported by two "
               f"or more articles (tolerance {tolerance:.0%}); {len(report.false_claims)} claim(s) marked as false.")
    for c in report.conflicts:
        scale = f", factor {c.scale_factor}: Mio./Mrd. mix-up?" if c.scale_factor else ""
        click.echo(f"\n{c.subject} · {c.attribute} · {PERIOD_NAMES.get(c.period, c.period)}: "
                   f"{_amount(c.a.value, c.a.unit)} vs {_amount(c.b.value, c.b.unit)} "
                   f"(differ by {c.relative_difference:.1%}{scale})")
        for side in (c.a, c.b):
            about = [side.article_source, f"laut {side.source}" if side.source else None,
                     f"{side.agreeing} more agree" if side.agreeing else None]
            about_text = ", ".join(x for x in about if x)
            click.echo(f"  {side.article[:8]} {side.published or '?':<10} {about_text + ': ' if about_text else ''}"
                       f"«{_clip(side.sentence, 110)}»")
    for claim in report.false_claims:
        click.echo(f"\nmarked false ({claim.layer[:-1]}): {claim.article[:8]} {claim.who or '?'}: «{_clip(claim.sentence, 110)}»")


@click.command("network")
@click.option("--format", "fmt", type=click.Choice(["json", "graphml"]), default="json", show_default=True,
              help="JSON (nodes and edges) or GraphML (Gephi, yEd, Cytoscape, networkx).")
@click.option("--since", callback=iso_date, default=None, help="Only articles published on or after this ISO date (prefix).")
@click.option("--until", callback=iso_date, default=None, help="Only articles published on or before this ISO date (prefix).")
@click.option("--min-articles", type=int, default=1, show_default=True,
              help="Only pairs named together in at least this many articles.")
@click.option("--type", "entity_type", type=click.Choice(LABELS), default=None, help="Only entities of this type.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
@click.pass_context
def network_command(ctx, fmt, since, until, min_articles, entity_type, output):
    """The co-occurrence network of entities: an edge for two entities named in the same
    article, weighted by the articles and the sentences they share.

    \b
    Examples:
      dossier network --format graphml -o netz.graphml
      dossier network --since 2018-01 --until 2018-12 --min-articles 2
      dossier network --type PER --format json
    """
    from dossier.query.network import cooccurrence_network, to_graphml
    from dossier.query.records import plain

    with _open(ctx) as store:
        network = cooccurrence_network(store, since=since, until=until, min_articles=min_articles,
                                       entity_type=entity_type)
    text = to_graphml(network) if fmt == "graphml" else json.dumps(plain(network), ensure_ascii=False, indent=2) + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as out:
            out.write(text)
        click.echo(f"{len(network.nodes)} entities, {len(network.edges)} links from {network.articles} articles "
                   f"written to {output}", err=True)
    else:
        click.echo(text, nl=False)
