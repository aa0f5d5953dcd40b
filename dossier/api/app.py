"""The ASGI application: the JSON API under /api, the German web UI at /, OpenAPI at /openapi.json
and Swagger UI at /docs with its assets (Swagger UI 5, which reads OpenAPI 3.1) served from the
installed ``fastapi-offline`` package: nothing is loaded from a CDN."""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.staticfiles import StaticFiles

import dossier
from dossier.api import ingest, ledger_routes, routes, search_routes
from dossier.api.backend import Backend
from dossier.api.errors import install_error_handlers
from dossier.api.limits import DEFAULT_MAX_REQUEST_BYTES, BodySizeLimit
from dossier.query.search import ensure_index, index_is_current

SWAGGER_PREFIX = "/static/swagger"


def create_app(db: str | Backend, *, token: str | None = None, cors_origins: list[str] | None = None,
               warm: bool = False, max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES) -> FastAPI:
    """The app serving the database ``db`` (path, URL or an open :class:`Backend`).

    ``token`` enables POST /api/ingest behind ``Authorization: Bearer <token>``; ``cors_origins``
    allows those origins cross-site GET requests (none by default); ``warm`` builds the search index
    of an older database and the conflicts report before the first request (what `dossier serve` does);
    a request body over ``max_request_bytes`` is refused (413) before it is read.
    """
    backend = db if isinstance(db, Backend) else Backend.open(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        if warm:  # the search index of an older database, and the corpus-wide conflicts report
            backend.write_if(lambda store: not index_is_current(store), ensure_index)
            routes.conflicts_of(backend)
        yield
        backend.close()

    app = FastAPI(title="Dossier", lifespan=lifespan, version=getattr(dossier, "__version__", "0.1.0"),
                  description="German news as a source-linked knowledge base: who said what, when, "
                              "how much, about whom. Read-only unless a token is configured.",
                  docs_url=None, redoc_url=None)
    app.state.backend = backend
    app.state.token = token
    app.include_router(routes.router)
    app.include_router(ledger_routes.router)
    app.include_router(search_routes.router)
    if token:
        app.include_router(ingest.make_router())
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodySizeLimit, max_bytes=max_request_bytes)
    _mount_docs(app)
    from dossier.web import views  # the UI is part of every app

    views.install(app)
    install_error_handlers(app, wants_html=views.wants_html, html_error=views.error_page)
    return app


def _mount_docs(app: FastAPI) -> None:
    import fastapi_offline

    assets = Path(fastapi_offline.__file__).parent / "static"
    app.mount(SWAGGER_PREFIX, StaticFiles(directory=assets), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request):
        return get_swagger_ui_html(openapi_url="/openapi.json", title="Dossier API",
                                   swagger_js_url=f"{SWAGGER_PREFIX}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{SWAGGER_PREFIX}/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")
