"""What every response and every login goes through: secure headers (a CSP without inline script, no framing, no
sniffing), a cap on request bodies, and login throttling.

Throttling is kept in the server process's memory (one `jixiao serve` process; restarting it forgets): after
MAX_FAILURES failed logins within WINDOW seconds for one user name, or MAX_ADDRESS_FAILURES from one address (an
office behind one NAT shares it), further attempts are refused until the oldest failure leaves the window, even
with the right password.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
}
SESSION_COOKIE = "jixiao_session"
CSRF_HEADER = "X-CSRF-Token"  # the page session's CSRF token, for the page's own script calling the API
MAX_FAILURES = 5
MAX_ADDRESS_FAILURES = 20
WINDOW = 15 * 60.0


class SecureHeaders:
    """ASGI middleware: the secure headers on every response, and 413 for a body larger than `max_body` — or
    `max_json` for a JSON body (a form's record is a few KB) — refused before it is read when its length is
    declared, and cut off as it arrives when it is sent without one (chunked)."""

    def __init__(self, app: ASGIApp, max_body: int, max_json: int | None = None) -> None:
        self.app = app
        self.max_body = max_body
        self.max_json = max_body if max_json is None else min(max_json, max_body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        json_body = headers.get(b"content-type", b"").split(b";")[0].strip().lower() == b"application/json"
        limit = self.max_json if json_body else self.max_body
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _too_large(send, limit)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive if length is not None else _bounded(receive, limit), with_headers)


def _bounded(receive: Receive, limit: int) -> Receive:
    """`receive` that stops a body sent without a declared length once it passes `limit` (HTTPException 413,
    answered in Chinese by the app's handler)."""
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            raise HTTPException(413, too_large_message(limit))
        return message

    return counted


def too_large_message(limit: int) -> str:
    return f"请求过大：超过上限 {limit >> 20} MB" if limit >= 1 << 20 else f"请求过大：超过上限 {limit} 字节"


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"detail": too_large_message(limit)}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            *((k.encode(), v.encode()) for k, v in HEADERS.items())]})
    await send({"type": "http.response.body", "body": body})


class Throttle:
    """Failed logins per user name and per address within the window; `clock` is replaceable for tests."""

    def __init__(self, max_failures: int = MAX_FAILURES, max_address_failures: int = MAX_ADDRESS_FAILURES,
                 window: float = WINDOW, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = {"name": max_failures, "addr": max_address_failures}
        self.window = window
        self.clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= self.clock() - self.window:
            failures.popleft()
        if not failures:
            del self._failures[key]  # the table holds only keys with recent failures
            return deque()
        return failures

    def _keys(self, name: str, address: str) -> tuple[tuple[str, str], ...]:
        return ("name", name), ("addr", address)

    def wait(self, name: str, address: str) -> int:
        """Seconds until one more attempt is allowed for `name` from `address` (0: allowed now)."""
        with self._lock:
            waits = [recent[0] + self.window - self.clock() for key in self._keys(name, address)
                     if len(recent := self._recent(key)) >= self.limits[key[0]]]
        return max([int(w) + 1 for w in waits], default=0)

    def failed(self, name: str, address: str) -> None:
        with self._lock:
            for key in self._keys(name, address):
                self._failures[key].append(self.clock())

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(("name", name), None)


def wait_message(seconds: int) -> str:
    return f"登录失败次数过多，请 {max(1, (seconds + 59) // 60)} 分钟后再试"
