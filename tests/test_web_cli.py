"""`jixiao user add` and `jixiao serve` as a user runs them: Chinese help and messages, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.store.accounts import authenticate
from jixiao.store.database import open_engine
from jixiao.store.tables import User

runner = CliRunner()


def run(*args: str, stdin: str | None = None):  # noqa: ANN201
    return runner.invoke(app, list(args), input=stdin, env={"COLUMNS": "200"}, prog_name="jixiao")


@pytest.mark.parametrize("command", [("serve",), ("user",), ("user", "add")])
def test_help_is_chinese_with_examples(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    name = " ".join(command)
    assert result.exit_code == 0 and result.output.startswith(f"用法：jixiao {name} [选项]")
    assert f"\n示例\n  jixiao {name}" in result.output and "Usage" not in result.output


def test_user_add_from_stdin(tmp_path: Path) -> None:
    db = str(tmp_path / "u.db")
    result = run("user", "add", "张三", "--role", "filler", "--unit", "上海市数据局", "--password-stdin", "--db", db,
                 stdin="s3cret-pass\n")
    assert result.exit_code == 0 and "已建立填报人 张三（上海市数据局）" in result.output
    engine = open_engine(db)
    with engine.connect() as conn:
        assert authenticate(conn, "张三", "s3cret-pass").units == ("上海市数据局",)
        assert authenticate(conn, "张三", "wrong") is None
        stored = conn.execute(select(User.__table__.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "s3cret" not in stored
    again = run("user", "add", "张三", "--role", "admin", "--password-stdin", "--db", db, stdin="s3cret-pass\n")
    assert again.exit_code == 2 and "用户 张三 已存在" in again.output


@pytest.mark.parametrize("args,message", [
    (("--role", "filler"), "须用 --unit 指定"),
    (("--role", "admin", "--unit", "某部门"), "不用指定 --unit"),
    (("--role", "reviewer"), "密码至少应有 8 个字符"),
])
def test_user_add_refusals(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    password = "short\n" if "reviewer" in args else "long-enough\n"
    result = run("user", "add", "x", *args, "--password-stdin", "--db", str(tmp_path / "u.db"), stdin=password)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_user_add_prompts_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["first-password", "other-password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    result = run("user", "add", "王五", "--role", "reviewer", "--db", str(tmp_path / "u.db"))
    assert result.exit_code == 2 and "两次输入的密码不一致" in result.output


def test_serve_starts_uvicorn_with_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: started.update(app=app, **kw))
    monkeypatch.setattr("gc.freeze", lambda: started.update(frozen=True))  # (not this test process's objects)
    result = run("serve", "--port", "8123", "--db", str(tmp_path / "s.db"), "--uploads", str(tmp_path / "up"))
    assert result.exit_code == 0, result.output
    assert started["port"] == 8123 and started["host"] == "127.0.0.1"
    assert started["frozen"]  # what exists at start is out of the collector's reach: shorter pauses under load
    assert started["app"].state.uploads == (tmp_path / "up").resolve()
    assert run("serve", "--profile", "nope", "--db", str(tmp_path / "s.db")).exit_code == 2
    assert run("serve", "--port", "0").exit_code == 2


def test_serve_on_a_corpus_without_accounts_tells_how_to_make_the_first_admin(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: None)
    monkeypatch.setattr("gc.freeze", lambda: None)
    db = str(tmp_path / "first.db")
    result = run("serve", "--db", db, "--uploads", str(tmp_path / "up"))
    assert result.exit_code == 0 and "jixiao user add 管理员 --role admin --db" in result.output
    assert run("user", "add", "管理员", "--role", "admin", "--password-stdin", "--db", db,
               stdin="first-admin-pw\n").exit_code == 0
    assert "还没有任何账户" not in run("serve", "--db", db, "--uploads", str(tmp_path / "up")).output
