"""Entity commands: entities, entity NAME, kb import, kb resolve (thin shells over
:mod:`dossier.resolve.entity_query`, :mod:`dossier.resolve.entities` and :mod:`dossier.resolve.kb`)."""
from __future__ import annotations

import json
from dataclasses import asdict

import click

from dossier.model import LABELS

ALIASES_SHOWN = 4


def _open(ctx: click.Context):
    from dossier.store import open_store

    return open_store(ctx.obj["db"])


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command("entities")
@click.option("--type", "entity_type", type=click.Choice(LABELS), help="Only this entity type.")
@click.option("--limit", "-n", type=int, default=50, show_default=True, help="At most this many rows (0 = all).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def entities(ctx, entity_type, limit, as_json):
    """List canonical entities: name, type, mentions, articles, aliases.

    \b
    Examples:
      dossier entities
      dossier entities --type PER --limit 20
      dossier entities --type ORG --json
    """
    from dossier.resolve.entity_query import entity_table

    with _open(ctx) as store:
        rows = entity_table(store, entity_type, limit or None)
    if as_json:
        for row in rows:
            click.echo(json.dumps(asdict(row), ensure_ascii=False))
        return
    if not rows:
        click.echo("No entities yet: ingest articles with analysis (`dossier ingest PATH`).")
        return
    click.echo(f"{'name':<28} {'type':<5} {'mentions':>8} {'articles':>8}  aliases")
    for row in rows:
        aliases = ", ".join(row.aliases[:ALIASES_SHOWN]) + (" …" if len(row.aliases) > ALIASES_SHOWN else "")
        click.echo(f"{_clip(row.name, 28):<28} {row.type:<5} {row.mentions:>8} {row.articles:>8}  {aliases}")


@click.command("entity")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="The profile as one JSON object.")
@click.option("--limit", "-n", type=int, default=20, show_default=True,
              help="The latest N articles, quotes, figures and roles (0 = all); counts are always whole.")
@click.pass_context
def entity(ctx, name, as_json, limit):
    """Everything known about one entity: roles, aliases, articles,
    co-mentioned entities, its quotes and the figures about it.

    NAME is the canonical name, an alias or the entity id.

    \b
    Examples:
      dossier entity "Elon Musk"
      dossier entity Musk --json
      dossier entity Österreich --limit 0   (every article, quote and figure)
    """
    from dossier.resolve.entity_query import entity_profile, find_entities

    with _open(ctx) as store:
        found = find_entities(store, name)
        profile = entity_profile(store, found[0], limit=limit or None)
    if as_json:
        click.echo(json.dumps(asdict(profile), ensure_ascii=False, default=str))
        return
    click.echo("\n".join(_render_profile(profile, limit or None)))
    if len(found) > 1:
        others = ", ".join(f"{e.name} ({e.type}, {e.id})" for e in found[1:])
        click.echo(f"also named {name!r}, far less often: {others}", err=True)


def _render_profile(profile, limit: int | None = None) -> list[str]:
    e = profile.entity
    shown = f" (the latest {len(profile.articles)} below)" if len(profile.articles) < profile.article_count else ""
    lines = [f"{e.name}  ({e.type}, {e.id}" + (f", {e.external_id}" if e.external_id else "") + ")",
             f"mentions: {profile.mentions} in {profile.article_count} articles{shown}"]
    if e.aliases:
        lines.append(f"aliases:  {', '.join(e.aliases)}")
    if e.roles:
        more = f" ({len(e.roles)}, the first {limit} below)" if limit and len(e.roles) > limit else ""
        lines.append(f"roles:{more}")
        for role in e.roles[:limit]:
            org = f" ({role['org']})" if role.get("org") else ""
            lines.append(f"  {role['role']}{org}  — \"{role.get('text', '')}\" in {role.get('article', '?')} "
                         f"[{role.get('start')}:{role.get('end')}]")
    if profile.articles:
        lines.append("articles:")
        lines += [f"  {a['id']}  {a['published'] or '':<10}  {a['mentions']:>3}×  {_clip(a['title'] or '', 60)}"
                  for a in profile.articles]
    if profile.co_mentioned:
        within = f", in its latest {profile.co_window} articles" if profile.co_window else ""
        lines.append(f"co-mentioned (shared articles{within}):")
        lines += [f"  {c['name']} ({c['type']}) {c['articles']}" for c in profile.co_mentioned]
    if profile.quotes:
        lines.append("quotes:")
        lines += [f"  {q['article']} [{q['start']}:{q['end']}] {_clip(q.get('text', ''), 80)}" for q in profile.quotes]
    if profile.figures:
        lines.append("figures:")
        lines += [f"  {f['article']} [{f['start']}:{f['end']}] {f.get('text', '')} "
                  f"{f.get('attribute') or ''}".rstrip() for f in profile.figures]
    return lines


@click.group("kb")
def kb() -> None:
    """Seed canonical entities from a knowledge base and re-run entity resolution."""


@kb.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--no-resolve", is_flag=True, help="Only store the KB; do not re-link the articles now.")
@click.pass_context
def kb_import(ctx, file, no_resolve):
    """Import canonical names, aliases and external ids (CSV, JSON or JSONL).

    CSV header: name,type,aliases,external_id (aliases separated by |).
    JSON: a list of {"name", "type", "aliases": [...], "external_id"}.

    \b
    Examples:
      dossier kb import people.csv
      dossier kb import wikidata.json --no-resolve
    """
    from dossier.resolve.entities import resolve_corpus
    from dossier.resolve.kb import import_kb

    with _open(ctx) as store:
        imported = import_kb(store, file)
        click.echo(f"Imported {len(imported)} entities from {file}.")
        if not no_resolve:
            click.echo(resolve_corpus(store).summary())


@kb.command("resolve")
@click.pass_context
def kb_resolve(ctx):
    """Re-run cross-document entity resolution over every stored article.

    \b
    Example:
      dossier kb resolve
    """
    from dossier.resolve.entities import resolve_corpus

    with _open(ctx) as store:
        click.echo(resolve_corpus(store).summary())


@click.command("resolve")
@click.option("--all", "everything", is_flag=True,
              help="Resolve every stored article from scratch instead of only those not resolved yet.")
@click.pass_context
def resolve(ctx, everything):
    """Cross-document entity resolution (an ingest runs it on what it added).

    Without --all, only articles not yet resolved (an ingest that was stopped, or
    `ingest` into a database made before the resolution index) are resolved against
    the stored name-key index; the result is the same as with --all.

    \b
    Examples:
      dossier resolve
      dossier resolve --all
    """
    from dossier.resolve.incremental import resolve_all, resolve_new

    with _open(ctx) as store:
        click.echo((resolve_all(store) if everything else resolve_new(store)).summary())


def register(cli, *, eval_group, train_group) -> None:
    for command in (entities, entity, kb, resolve):
        cli.add_command(command)
