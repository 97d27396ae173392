"""A web app over a fresh corpus with one account of each kind, for the tests/test_web_*.py files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

import jixiao
from jixiao.store.accounts import Role, add_user
from jixiao.store.database import open_engine
from jixiao.web.app import create_app
from jixiao.web.security import Throttle

from .conftest import EXAMPLES

UNIT_A = "上海市人民政府办公厅"  # the 主管部门 of examples/003
UNIT_B = "上海市经济和信息化委员会"
PASSWORD = "correct-horse-1"
SAMPLE = EXAMPLES / "003_a203d4b834672a09.txt"
ACCOUNTS = {  # name → (role, units)
    "admin": (Role.admin, []),
    "filler_a": (Role.filler, [UNIT_A]),
    "filler_b": (Role.filler, [UNIT_B]),
    "reviewer_a": (Role.reviewer, [UNIT_A]),
    "reviewer_b": (Role.reviewer, [UNIT_B]),
    "reviewer_all": (Role.reviewer, []),
}


class Clock:
    """A settable clock for the login throttle (no waiting in tests)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Web:
    client: TestClient
    clock: Clock
    tokens: dict[str, str] = field(default_factory=dict)

    def auth(self, name: str) -> dict[str, str]:
        if name not in self.tokens:
            response = self.client.post("/api/v1/token", data={"username": name, "password": PASSWORD})
            assert response.status_code == 200, response.text
            self.tokens[name] = response.json()["access_token"]
        return {"Authorization": f"Bearer {self.tokens[name]}"}


def make_web(tmp: Path, engine: Engine | None = None) -> Web:
    """The app over `engine` (default: a new SQLite corpus in `tmp`) with the ACCOUNTS made."""
    engine = engine or open_engine(str(tmp / "web.db"))
    with engine.begin() as conn:
        for name, (role, units) in ACCOUNTS.items():
            add_user(conn, name, role, PASSWORD, units)
    clock = Clock()
    app = create_app(engine, tmp / "uploads", throttle=Throttle(clock=clock), max_upload=2 << 20)
    return Web(TestClient(app, raise_server_exceptions=False), clock)


def record_file(tmp: Path, name: str = "one.json", **changes: object) -> Path:
    """An interchange record of the sample's first form, with `changes` to its fields."""
    record = jixiao.parse(SAMPLE)[0].record()
    record.pop("source")
    record.update(changes)
    path = tmp / name
    path.write_text(json.dumps({"forms": [record]}, ensure_ascii=False), encoding="utf-8")
    return path
