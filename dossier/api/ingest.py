"""POST /api/ingest: the one writing endpoint, present only when DOSSIER_TOKEN is configured.

The body is JSON: ``{"articles": [{"text": "...", "title": "...", "published": "2024-05-01",
"source": "...", "url": "..."}]}`` (the keys of a JSONL record for `dossier ingest`). The
articles run through the same pipeline as the CLI's ingest.
"""
from __future__ import annotations

import hmac
import json
from typing import Any

from fastapi import APIRouter, Body, Depends, Request

from dossier.api.backend import Backend
from dossier.api.errors import ERROR_RESPONSES, ApiError
from dossier.ingest import read_bytes
from dossier.ingest.base import ReadOptions
from dossier.pipeline import ingest_items

MAX_ARTICLES_PER_REQUEST = 100


def require_token(request: Request) -> None:
    expected = request.app.state.token
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, "this endpoint needs 'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(token.encode(), expected.encode()):
        raise ApiError(403, "the token is not valid")


def make_router() -> APIRouter:
    router = APIRouter(prefix="/api", tags=["ingest"], responses=ERROR_RESPONSES)

    @router.post("/ingest", summary="Ingest articles (needs the configured bearer token)",
                 dependencies=[Depends(require_token)])
    def ingest(request: Request, payload: dict[str, Any] = Body(
            ..., examples=[{"articles": [{"text": "Berlin – Die Regierung ...", "published": "2024-05-01"}]}])):
        records = payload.get("articles")
        if not isinstance(records, list) or not records:
            raise ApiError(400, "the body needs a non-empty list 'articles'")
        if len(records) > MAX_ARTICLES_PER_REQUEST:
            raise ApiError(413, f"at most {MAX_ARTICLES_PER_REQUEST} articles per request")
        data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")
        backend: Backend = request.app.state.backend
        # read_bytes applies the reading limits (article length) as `dossier ingest` does.
        items = list(read_bytes(data, "api-request", ReadOptions(fmt="jsonl")))
        summary = backend.write(lambda store: ingest_items(items, store))
        return {"new": summary.new, "duplicates": summary.duplicates,
                "unchanged": summary.unchanged,
                "failed": [{"origin": f.origin, "reason": f.reason, "message": f.message}
                           for f in summary.failed + summary.analysis_failed]}

    return router
