"""The HTTP API (JSON under /api) and the web UI, served by `dossier serve`.

    from dossier.api import create_app
    app = create_app("dossier.db")            # read-only; POST /api/ingest only with a token
"""
from dossier.api.app import create_app

__all__ = ["create_app"]
