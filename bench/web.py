"""Load test of the web app (measured, not asserted): USERS concurrent users against `jixiao serve`'s app under
uvicorn on 127.0.0.1 only (a fresh SQLite corpus in a temporary directory, the samples uploaded), each in a loop for
SECONDS: the forms list page, a form's page, and `POST /api/v1/score` of a form's record (what the fill-in page
sends as one types), each after THINK seconds (a person reading; 0: as fast as the server answers, which measures
saturation, not users). Prints p50/p95/max latency and the errors of each kind of request, and the CPU time the
server spent (from /proc, where there is one).

The server runs in a child process (one uvicorn worker, as `jixiao serve` runs), the users as asyncio tasks of
httpx in this one, so that the client's work does not slow the server's interpreter. Every user's client is made
before the clock starts and the users start spread over one pause: clients made as the users start block the loop
for milliseconds each (a TLS context apiece), so that all of them fired at one instant and the first round queued
behind itself — that, not the server, was the tail measured before.

usage: python bench/web.py [USERS] [SECONDS] [THINK]     (defaults 50 30 1.0)
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PASSWORD = "bench-password-1"
UNIT = "上海市人民政府办公厅"


def serve(folder: str, port: str) -> None:
    """The child process: accounts made, then the app on 127.0.0.1:`port` as `jixiao serve` runs it."""
    from jixiao.store.accounts import Role, add_user
    from jixiao.store.database import open_engine
    from jixiao.web.app import create_app, run

    engine = open_engine(str(Path(folder) / "web.db"))
    with engine.begin() as conn:
        add_user(conn, "admin", Role.admin, PASSWORD)
    run(create_app(engine, Path(folder) / "uploads"), "127.0.0.1", int(port))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def _wait_until_up(base: str) -> None:
    async with httpx.AsyncClient(base_url=base) as client:
        for _ in range(600):
            try:
                await client.get("/login")
                return
            except httpx.TransportError:
                await asyncio.sleep(0.1)
    raise SystemExit("服务没有启动")


async def _prepare(base: str) -> tuple[str, list[int], list[dict]]:
    """The admin's token, the ids of the uploaded samples' forms, and their records for scoring."""
    async with httpx.AsyncClient(base_url=base, timeout=300) as client:
        token = (await client.post("/api/v1/token", data={"username": "admin", "password": PASSWORD})
                 ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        ids = []
        for path in sorted(EXAMPLES.glob("*.txt"))[:5]:
            answer = await client.post("/api/v1/documents", headers=headers,
                                       files={"file": (path.name, path.read_bytes())})
            ids += [form["id"] for form in answer.json().get("forms", [])]
        records = []
        for form_id in ids[:10]:
            form = (await client.get(f"/api/v1/forms/{form_id}", headers=headers)).json()
            records.append({k: form[k] for k in ("year", "project_name", "department", "implementing_unit",
                                                 "fund_unit", "funds", "goal_expected", "goal_actual",
                                                 "indicators", "total_weight", "total_score", "grade")})
    return token, ids, records


async def _user(client: httpx.AsyncClient, number: int, users: int, stop: float, think: float, token: str,
                ids: list[int], records: list[dict], latencies: dict[str, list[float]],
                errors: dict[str, int]) -> None:
    """One user: the list, a form, a scoring, each after `think` seconds (none: as fast as the server answers)."""
    await asyncio.sleep(think * number / users)  # the users start spread over one pause, not at one instant
    i = number
    while time.perf_counter() < stop:
        i += 1
        requests = (("page /forms", "GET", "/forms", None, {}),
                    ("page /forms/{id}", "GET", f"/forms/{ids[i % len(ids)]}", None, {}),
                    ("POST /api/v1/score", "POST", "/api/v1/score", records[i % len(records)],
                     {"Authorization": f"Bearer {token}"}))
        for kind, method, url, body, headers in requests:
            await asyncio.sleep(think)
            start = time.perf_counter()
            try:
                response = await client.request(method, url, json=body, headers=headers)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies[kind].append(time.perf_counter() - start)
            if not ok:
                errors[kind] += 1


def _cpu_seconds(pid: int) -> float | None:
    """The server process's CPU time so far (user + system), from /proc; None where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _load(base: str, users: int, seconds: float, think: float, server: int) -> None:
    await _wait_until_up(base)
    token, ids, records = await _prepare(base)
    async with httpx.AsyncClient(base_url=base) as client:
        login = await client.post("/login", data={"username": "admin", "password": PASSWORD})
        session_cookie = client.cookies.get("jixiao_session") or ""
        assert login.status_code in (200, 303) and session_cookie, "登录失败"
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    async with contextlib.AsyncExitStack() as stack:
        # every user's client made before the clock starts: making one costs milliseconds of the loop (its TLS
        # context), and made as the users start they would all fire at once after the wait
        clients = [await stack.enter_async_context(httpx.AsyncClient(
            base_url=base, timeout=30, cookies={"jixiao_session": session_cookie})) for _ in range(users)]
        warm = time.perf_counter() + 0.1  # one round of each request first: templates compiled, caches filled
        await _user(clients[0], 0, users, warm, 0, token, ids, records, defaultdict(list), defaultdict(int))
        cpu_before, client_before = _cpu_seconds(server), time.process_time()
        stop = time.perf_counter() + seconds
        await asyncio.gather(*(_user(client, n, users, stop, think, token, ids, records, latencies, errors)
                               for n, client in enumerate(clients)))
    cpu_after, client_cpu = _cpu_seconds(server), time.process_time() - client_before
    total = sum(len(v) for v in latencies.values())
    print(f"{users} users, {think:g} s between requests, for {seconds:.0f} s on 127.0.0.1, {len(ids)} forms "
          f"stored: {total} requests, {total / seconds:.0f}/s")
    if cpu_before is not None and cpu_after is not None:
        busy = cpu_after - cpu_before
        print(f"  server CPU {busy:.1f} s in {seconds:.0f} s ({busy / seconds:.0%} of one core), "
              f"{busy / max(total, 1) * 1000:.1f} ms per request; the users' process {client_cpu / seconds:.0%}")
    for kind, values in latencies.items():
        values.sort()
        p95 = values[int(0.95 * (len(values) - 1))]
        print(f"  {kind:22} n={len(values):6}  p50 {statistics.median(values) * 1000:7.1f} ms  "
              f"p95 {p95 * 1000:7.1f} ms  max {values[-1] * 1000:7.1f} ms  errors {errors[kind]}")


def main(users: int = 50, seconds: float = 30, think: float = 1.0) -> None:
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-web-") as folder:
        child = subprocess.Popen([sys.executable, __file__, "--serve", folder, str(port)],
                                 env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            asyncio.run(_load(f"http://127.0.0.1:{port}", users, seconds, think, child.pid))
        finally:
            child.terminate()
            child.wait()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(*sys.argv[2:4])
    else:
        main(*(json.loads(a) for a in sys.argv[1:4]))
