"""The size limit of request bodies, enforced before the app reads a body.

A declared ``Content-Length`` over the limit is refused at once; a body without one (chunked
transfer) is counted as it arrives and refused as soon as it passes the limit, so a client cannot
make the server buffer more than ``max_bytes``. The refusal is the API's one error shape (413,
``too_large``). Only ``POST /api/ingest`` takes a body; every other request sends none.
"""
from __future__ import annotations

import json
from typing import Any, Awaitable, Callable

from starlette.exceptions import HTTPException

from dossier.api.errors import error_body

DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024  # 100 articles (the per-request maximum) of 80 kB each

Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def _too_large(max_bytes: int) -> str:
    return f"the request body is larger than {max_bytes} bytes"


class BodyTooLarge(HTTPException):
    """Raised inside the app's ``receive`` when the body passes the limit; an HTTPException, so
    FastAPI's body parsing lets it through to the app's error handler (413, ``too_large``)."""

    def __init__(self, max_bytes: int):
        super().__init__(413, _too_large(max_bytes))


class BodySizeLimit:
    """ASGI middleware: HTTP request bodies of at most ``max_bytes``."""

    def __init__(self, app: Callable, max_bytes: int = DEFAULT_MAX_REQUEST_BYTES):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.strip().isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if not started:  # read outside FastAPI's handlers; if the response is under way it just ends
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(error_body(413, _too_large(self.max_bytes))).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
