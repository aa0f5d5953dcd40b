"""`dossier search` and `dossier reindex`: thin shells over dossier.query.search."""
from __future__ import annotations

import json

import click

from dossier.cli.corpus import open_db


def register(cli: click.Group, *, eval_group: click.Group, train_group: click.Group) -> None:
    cli.add_command(search_cmd)
    cli.add_command(reindex)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_snippet(hit, color: bool | None = None) -> str:
    """The snippet on one line, highlights in bold, '…' where the document goes on."""
    snippet, parts, at = hit.snippet, [], hit.snippet.start
    for start, end in snippet.highlights:
        parts.append(snippet.text[at - snippet.start:start - snippet.start])
        parts.append(click.style(snippet.text[start - snippet.start:end - snippet.start], bold=True,
                                 fg="yellow"))
        at = end
    parts.append(snippet.text[at - snippet.start:])
    return ("…" if snippet.cut_before else "") + _one_line("".join(parts)) + ("…" if snippet.cut_after else "")


def _heading(number: int, hit) -> str:
    what = "quote" + (f" by {hit.speaker}" if hit.speaker else "") if hit.kind == "quote" else "article"
    title = _one_line(hit.title or "(no title)")
    return (f"{number:>3}. {hit.article_id[:10]}  {hit.published or '----------':<10}  {hit.source or '-':<12} "
            f"{title[:60]}  [{what}]")


def _progress_bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="article", desc="building the search index (once)", leave=False)


@click.command("search")
@click.argument("query")
@click.option("--entity", help="Only articles that mention this entity (name or id).")
@click.option("--source", help="Only articles from this source.")
@click.option("--since", metavar="DATE", help="Published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Published on or before DATE (2023-11 takes all of November).")
@click.option("--quotes", "layer", flag_value="quotes", help="Search quotes instead of articles.")
@click.option("--all", "layer", flag_value="all", help="Search articles and quotes together.")
@click.option("--speaker", metavar="NAME", help="Only quotes by this speaker (name or entity id; implies --quotes).")
@click.option("--limit", default=20, show_default=True, help="Hits to show (at most 200).")
@click.option("--offset", default=0, show_default=True, help="Skip this many hits (the next page).")
@click.option("--json", "as_json", is_flag=True, help="JSON with snippets and highlight offsets.")
@click.pass_context
def search_cmd(ctx, query, entity, source, since, until, layer, speaker, limit, offset, as_json):
    """Full-text search in German over articles or quotes, best matches first.

    Words are matched by their stem with umlauts folded (Werbekunde finds
    Werbekunden, Aerzte finds Ärzte, Strasse finds Straße). "Quoted words" are a
    phrase, Werbe* a prefix, OR joins alternatives, -word leaves a word out.

    \b
    Examples:
      dossier search Werbekunden
      dossier search '"Elon Musk" Twitter' --since 2023-01 --until 2023-12
      dossier search 'Werbe*' --source site-19 --limit 5
      dossier search 'Tesla OR SpaceX -Twitter' --entity "Elon Musk"
      dossier search Boykott --quotes --speaker Musk --json
    """
    from dossier.query.search import ensure_index, index_is_current, search

    with open_db(ctx) as store:
        # A database from before search gets its index once, with progress on stderr.
        bar = None if index_is_current(store) else _progress_bar(store.count_articles())
        ensure_index(store, bar.update if bar else None)
        if bar:
            bar.close()
        result = search(store, query, entity=entity, source=source, since=since, until=until,
                        layer=layer or "articles", speaker=speaker, limit=limit, offset=offset)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    shown = f"{offset + 1}-{offset + len(result.hits)}" if result.hits else "none"
    click.echo(f"{result.total} matches for {query!r} (showing {shown})")
    for number, hit in enumerate(result.hits, offset + 1):
        click.echo(_heading(number, hit))
        click.echo("     " + render_snippet(hit))


@click.command("reindex")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def reindex(ctx, quiet):
    """Build the full-text search index anew from the stored articles.

    Ingest keeps the index current; run this for a database from before search
    existed (`dossier search` does it by itself the first time) or after upgrading
    the stemmer.

    \b
    Examples:
      dossier reindex
      dossier --db team.db reindex --quiet
    """
    with open_db(ctx) as store:
        bar = None if quiet else _progress_bar(store.count_articles())
        count = store.rebuild_search_index(bar.update if bar else None)
        if bar:
            bar.close()
    click.echo(f"indexed {count} articles for search")
