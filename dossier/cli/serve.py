"""`dossier serve`: the HTTP API and the web UI over one database."""
from __future__ import annotations

import os

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 127.0.0.1 keeps it on this machine.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="TCP port (0 picks a free one).")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@click.pass_context
def serve(ctx, host, port, log_level):
    """Serve the web UI (German) and the JSON API over the database.

    Read-only unless DOSSIER_TOKEN is set: then POST /api/ingest accepts articles with
    'Authorization: Bearer $DOSSIER_TOKEN'. CORS is off unless DOSSIER_CORS_ORIGINS lists
    origins (comma-separated). Request bodies over DOSSIER_MAX_REQUEST_BYTES (default 8 MiB)
    are refused. API docs at /docs, OpenAPI at /openapi.json.

    \b
    Examples:
      dossier ingest ../shared/seeds && dossier serve
      dossier --db news.db serve --port 8080
      DOSSIER_TOKEN=secret dossier serve --host 0.0.0.0
    """
    import uvicorn

    from dossier.api import create_app
    from dossier.api.backend import settings_from_env

    app = create_app(ctx.obj["db"], warm=True, **settings_from_env(dict(os.environ)))
    click.echo(f"Dossier serves {ctx.obj['db']} at http://{host}:{port}/ (Ctrl+C stops it)", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=log_level == "debug")


def register(cli, *, eval_group, train_group) -> None:
    cli.add_command(serve)
