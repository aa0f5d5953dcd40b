"""`dossier events` and `dossier eval events`: thin shells over dossier.analyse.events."""
from __future__ import annotations

import json

import click

from dossier.model import EVENT_TYPES, MODALITIES


def register(cli: click.Group, *, eval_group: click.Group, train_group: click.Group) -> None:
    cli.add_command(events_cmd)
    eval_group.add_command(eval_events)


def _line(article_id: str, row: dict, copies: list[str] = ()) -> str:
    roles = ", ".join(f"{p['role']}={p.get('name')}" for p in row.get("participants") or [])
    when = (row.get("time") or "-") + ("*" if row.get("time_inferred") else "")
    source = f" (laut {row['source']})" if row.get("source") else ""
    modality = "" if row.get("modality") == "asserted" else f" [{row.get('modality')}]"
    also = f"  (also in {', '.join(copies)})" if copies else ""
    return f"{article_id}  {when:<11} {row.get('type'):<17} {roles}{modality}{source}  «{row.get('text')}»{also}"


@click.command("events")
@click.option("--type", "event_type", type=click.Choice(EVENT_TYPES), default=None, help="Only events of this type.")
@click.option("--entity", default=None,
              help="Only events this entity (name, alias or id) takes part in or tells as a quote's speaker.")
@click.option("--modality", type=click.Choice(MODALITIES), default=None,
              help="Only events of this modality (asserted, proposed, denied, claimed_false …).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per event.")
@click.pass_context
def events_cmd(ctx, event_type, entity, modality, as_json):
    """List the events (who did what to whom) found in the stored articles.

    Each line: article, the time the event refers to (`*`: the publication date stood in),
    type, participants with their roles, modality when not asserted, and the trigger word.

    \b
    Examples:
      dossier events --type ACQUISITION
      dossier events --entity "Elon Musk" --json
      dossier events --modality claimed_false
    """
    from dossier.query.events import find_events
    from dossier.store import open_store

    with open_store(ctx.obj["db"]) as store:
        for row in find_events(store, event_type=event_type, entity=entity, modality=modality):
            if as_json:
                click.echo(json.dumps(row.to_dict(), ensure_ascii=False))
            else:
                click.echo(_line(row.article.id, row.event, [c.id for c in row.copies]))


@click.command("events")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--gold-mentions", is_flag=True,
              help="Use SmartData's gold entity mentions instead of the shipped NER.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON (keys per_type, micro, arguments).")
@click.option("--errors", is_flag=True, help="With --json: list the missed and the wrong events.")
@click.option("--limit", type=int, default=None, help="Score only the first N documents.")
def eval_events(path, gold_mentions, as_json, errors, limit):
    """Score the events stage on SmartData JSONL (relationMentions with argument roles).

    Scored types: Acquisition, Merger, SpinOff, Layoffs, Insolvency, OrganizationLeadership,
    Strike. An event matches a gold relation of its type when the trigger spans overlap (or,
    for a relation without a trigger, a participant overlaps a gold argument of the same role);
    arguments are scored separately by role and overlap (docs/events.md).

    \b
    Examples:
      dossier eval events ../shared/data/smartdata/smartdata-v3-dev.jsonl.gz
      dossier eval events ../shared/data/smartdata/smartdata-v3-dev.jsonl.gz --gold-mentions --json
    """
    from dossier.eval.events import evaluate, format_report

    report = evaluate(path, mentions="gold" if gold_mentions else "ner", with_errors=errors, limit=limit,
                      progress=True)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report))
