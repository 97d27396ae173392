"""Web commands: `jixiao serve` (the web app and the REST API under uvicorn) and `jixiao user add` (accounts).

Both open the same corpus as the other commands (`--db`, $JIXIAO_DB, else jixiao.db here); its schema is brought
up to date on opening. Exit codes: 0 fine, 2 the account could not be made or the server could not start.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from jixiao.check.profile import DEFAULT_PROFILE, ProfileError, load_profile
from jixiao.console import EXIT_INPUT, error, say, stderr_console
from jixiao.corpus_cli import DbOption, open_corpus, store_faults
from jixiao.store.accounts import MIN_PASSWORD, ROLE_ZH, AccountError, Role, add_user, user_count
from jixiao.store.database import database_url

DEFAULT_UPLOADS = Path("jixiao-uploads")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _password(from_stdin: bool) -> str:
    """One line of standard input, or the password typed twice (not shown); exit 2 when they differ."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码：")
    if first != getpass.getpass("再输入一次密码："):
        error(stderr_console(), "两次输入的密码不一致；账户未建立")
        raise typer.Exit(EXIT_INPUT)
    return first


def user_add_command(
    name: Annotated[str, typer.Argument(help="用户名（登录时用）", show_default=False, metavar="用户名")],
    role: Annotated[Role, typer.Option(
        "--role", "-r", show_default=False,
        help="角色：filler 填报人（只见本单位的表，可提交）/ reviewer 审核人（退回、通过）/ admin 管理员（全部）")],
    unit: Annotated[list[str] | None, typer.Option(
        "--unit", "-u", metavar="主管部门", show_default=False,
        help="主管部门（全称）：填报人须指定一个；审核人可指定多个（重复此选项），不指定则审核全部部门")] = None,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="从标准输入读一行作为密码（用于脚本），而不是提示输入两次")] = False,
    db: DbOption = None,
) -> None:
    """建立网页和 API 的账户（密码以 argon2 散列保存）。"""
    err = stderr_console()
    password = _password(password_stdin)
    if len(password) < MIN_PASSWORD:
        error(err, f"密码至少应有 {MIN_PASSWORD} 个字符；账户未建立")
        raise typer.Exit(EXIT_INPUT)
    engine = open_corpus(db, err)
    with store_faults(err, database_url(db)):
        try:
            with engine.begin() as conn:
                account = add_user(conn, name, role, password, unit)
        except AccountError as exc:
            error(err, f"{exc.message}；账户未建立")
            raise typer.Exit(EXIT_INPUT) from None
    units = "、".join(account.units) if account.units else "全部主管部门"
    say(Console(highlight=False), f"已建立{ROLE_ZH[account.role]} {account.name}（{units}）")


def serve_command(
    host: Annotated[str, typer.Option("--host", metavar="地址", help="监听的地址；对局域网开放用 0.0.0.0")] = (
        "127.0.0.1"),
    port: Annotated[int, typer.Option("--port", min=1, max=65535, metavar="端口", help="监听的端口")] = 8000,
    db: DbOption = None,
    uploads: Annotated[Path, typer.Option(
        "--uploads", metavar="目录", help="保存上传文件原件的目录")] = DEFAULT_UPLOADS,
    profile: Annotated[str, typer.Option(
        "--profile", "-p", metavar="名称", help="检查上传文档所用的评分配置")] = DEFAULT_PROFILE,
) -> None:
    """启动网页和 REST API（/api/v1，接口说明在 /openapi.json）：登录、上传检查、自评表列表和审核流转。
    先用 jixiao user add 建立账户。"""
    from jixiao.web.app import create_app, run

    err = stderr_console()
    try:
        load_profile(profile)
    except ProfileError as exc:
        error(err, str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    engine = open_corpus(db, err)
    with store_faults(err, database_url(db)), engine.connect() as conn:
        first_run = user_count(conn) == 0
    if first_run:
        say(err, "语料库中还没有任何账户：先另开终端建立第一个管理员，再登录网页添加其他用户：\n"
                 "  jixiao user add 管理员 --role admin" + (f" --db {db}" if db else ""), "yellow")
    if host not in LOOPBACK:
        say(err, f"注意：服务对 {host} 开放且未加密；请放在 HTTPS 反向代理之后使用", "yellow")
    say(err, f"jixiao 网页：http://{host}:{port}/  （按 Ctrl-C 停止）")
    run(create_app(engine, uploads.resolve(), profile=profile), host, port)


def register_web_commands(app: typer.Typer, cls: type | None = None, group_cls: type | None = None) -> None:
    """Add `serve` and `user add` to `app`, built with the command class `cls` and group class `group_cls`."""
    app.command("serve", cls=cls)(serve_command)
    users = typer.Typer(help="管理网页和 API 的账户。", cls=group_cls, no_args_is_help=True,
                        context_settings={"help_option_names": ["-h", "--help"]})
    users.command("add", cls=cls)(user_add_command)
    app.add_typer(users, name="user")
