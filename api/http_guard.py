"""HTTP hardening around the app: response headers, HEAD as GET, and a bound on the request head.

* :class:`SecurityHeaders` — every response says ``nosniff``, sends no referrer and may not be
  framed; pages get a Content-Security-Policy allowing only the server's own scripts, styles,
  images and connections (the explorer has no inline script).
* :class:`HeadAsGet` — ``HEAD`` answers wherever ``GET`` does, with the headers and no body.
* :class:`SlowClientGuard` — answers go out in parts, each within a time limit.
* :func:`bounded_http_protocol` — uvicorn's httptools protocol refusing, with 431, a request
  line and headers larger than a limit, counted as the bytes arrive (httptools has no limit),
  and closing connections whose head arrives too slowly.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import anyio
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from cypher.runner import ParameterError

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


class SecurityHeaders:
    """Add :data:`SECURITY_HEADERS` to every HTTP response (a header the app set is kept)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in SECURITY_HEADERS if n not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """Run a HEAD request as GET and drop the body, so HEAD works wherever GET does."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


class SlowClientGuard:
    """Send answers in 64 KB parts, each within a time limit, and the whole answer at no less than
    :attr:`MIN_BYTES_PER_S` after the first ``timeout_s``, so a client that stops reading, or reads
    a trickle, is dropped (and its answer freed) instead of holding memory for as long as it likes."""

    CHUNK = 64 * 1024
    MIN_BYTES_PER_S = 128 * 1024

    def __init__(self, app: ASGIApp, timeout_s: float = 30.0) -> None:
        self.app = app
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_in_parts(message: Message) -> None:
            if message["type"] != "http.response.body" or len(message.get("body", b"")) <= self.CHUNK:
                with anyio.fail_after(self.timeout_s):
                    await send(message)
                return
            body: bytes = message["body"]
            more = bool(message.get("more_body", False))
            deadline = anyio.current_time() + self.timeout_s + len(body) / self.MIN_BYTES_PER_S
            for start in range(0, len(body), self.CHUNK):
                last = start + self.CHUNK >= len(body)
                left = min(self.timeout_s, deadline - anyio.current_time())
                with anyio.fail_after(max(left, 0.0)):
                    await send({"type": "http.response.body", "body": body[start:start + self.CHUNK],
                                "more_body": more or not last})

        await self.app(scope, receive, send_in_parts)


_RAW_HEADERS = b"".join(name + b": " + value + b"\r\n" for name, value in SECURITY_HEADERS)
_REFUSAL = (b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: application/json\r\n"
            + _RAW_HEADERS + b"connection: close\r\ncontent-length: %d\r\n\r\n%s")
_BAD_REQUEST = (b"HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain; charset=utf-8\r\n"
                + _RAW_HEADERS + b"connection: close\r\ncontent-length: %d\r\n\r\n%s")
HEAD_TIMEOUT_S = 10.0
"""How long a client may take to send a request's line and headers."""
BODY_TIMEOUT_S = 30.0
"""How long a client may then take to send the request's body (at most 1 MB, see body_limit)."""


def bounded_http_protocol(max_head_bytes: int) -> type[HttpToolsProtocol]:
    """uvicorn's httptools protocol, answering 431 to a request head past ``max_head_bytes`` (counted
    before it is parsed), closing a connection whose head takes longer than :data:`HEAD_TIMEOUT_S` or
    whose body then takes longer than :data:`BODY_TIMEOUT_S` (a body that never ends would otherwise
    hold a connection slot for ever), and refusing a request with more than one ``Host`` header."""

    class BoundedHead(HttpToolsProtocol):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._in_head = True
            self._head_bytes = 0
            self._tail = b""
            self._head_timer: asyncio.TimerHandle | None = None
            self._hosts = 0

        def data_received(self, data: bytes) -> None:
            if self._in_head:
                if self._head_timer is None:
                    self._head_timer = self.loop.call_later(HEAD_TIMEOUT_S, self._head_too_slow)
                end = (self._tail + data).find(b"\r\n\r\n")
                head = self._head_bytes + (len(data) if end < 0 else end + 4 - len(self._tail))
                if head > max_head_bytes:
                    self._refuse(f"request line and headers are larger than {max_head_bytes // 1024} KB")
                    return
                self._head_bytes = head
                self._tail = (self._tail + data)[-3:]
            super().data_received(data)

        def _refuse(self, why: str) -> None:
            if not self.transport.is_closing():
                message = json.dumps({"detail": why}).encode()
                self.transport.write(_REFUSAL % (len(message), message))
                self.transport.close()

        def _head_too_slow(self) -> None:
            if self._in_head and not self.transport.is_closing():
                self.transport.close()

        def _body_too_slow(self) -> None:
            if not self._in_head and not self.transport.is_closing():
                self.transport.close()

        def _stop_timer(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def on_header(self, name: bytes, value: bytes) -> None:
            if name.lower() == b"host":
                self._hosts += 1
            super().on_header(name, value)

        def on_headers_complete(self) -> None:
            self._in_head = False
            self._stop_timer()
            if self._hosts > 1:  # which one counts is up to each proxy: none does here
                raise ValueError("more than one Host header")  # the parser answers 400
            self._head_timer = self.loop.call_later(BODY_TIMEOUT_S, self._body_too_slow)
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            self._stop_timer()
            super().on_message_complete()
            self._in_head, self._head_bytes, self._tail, self._hosts = True, 0, b"", 0

        def send_400_response(self, msg: str) -> None:
            # uvicorn's own answer to a request it cannot parse, with the headers every answer has.
            if not self.transport.is_closing():
                self.transport.write(_BAD_REQUEST % (len(msg), msg.encode("ascii", "replace")))
                self.transport.close()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
            super().connection_lost(exc)

    return BoundedHead


def one_value_each(request: Request) -> None:
    """Refuse a query parameter given more than once (``types=a&types=b``): every parameter takes one
    value, lists comma-separated, and keeping only one of them would answer another question."""
    params = request.query_params
    for name in dict.fromkeys(params.keys()):
        given = len(params.getlist(name))
        if given > 1:
            raise ParameterError(name, f"given {given} times: give it once (a list is comma-separated, "
                                       f"{name}=a,b)")
