"""What every response and every login goes through: secure headers (a CSP without inline script, no framing, no
sniffing), a cap on request bodies, and login throttling.

Throttling is kept in the server process's memory (one `jixiao serve` process; restarting it forgets): after
MAX_FAILURES failed logins within WINDOW seconds for one user name, or MAX_ADDRESS_FAILURES from one address (an
office behind one NAT shares it), further attempts are refused until the oldest failure leaves the window, even
with the right password.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable

from starlette.datastructures import MutableHeaders
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
    """ASGI middleware: the secure headers on every response, and 413 for a body declared larger than `max_body`
    (an upload's own copy stops at the limit too, for bodies sent without a length)."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.max_body:
            await _too_large(send, self.max_body)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)


async def _too_large(send: Send, limit: int) -> None:
    body = f'{{"detail":"请求过大：超过上传上限 {limit >> 20} MB"}}'.encode()
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
