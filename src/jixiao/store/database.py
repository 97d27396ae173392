"""Opening the corpus: which database (`--db`, `JIXIAO_DB`, else `jixiao.db` here), its engine, and bringing
its schema up to date with the Alembic migrations shipped in the package."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from jixiao.errors import InputError

DEFAULT_DB = "jixiao.db"
ENV_VAR = "JIXIAO_DB"


def database_url(db: str | None = None) -> str:
    """`db` (a URL or a file path), else $JIXIAO_DB, else the SQLite file jixiao.db in the working directory."""
    value = db or os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" not in value:
        return f"sqlite:///{Path(value)}"
    if value.startswith("postgresql://") or value.startswith("postgres://"):
        value = "postgresql+psycopg://" + value.split("://", 1)[1]  # the driver jixiao installs
    return value


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI hook
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (report) do not block the ingest writer
    cursor.execute("PRAGMA synchronous=NORMAL")  # a committed document survives a crash of jixiao
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MB page cache: reports scan the big tables several times
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", "jixiao.store:migrations")
    return config


def open_engine(db: str | None = None, *, migrate: bool = True) -> Engine:
    """An engine on the corpus, its schema migrated to the newest version; InputError when it cannot be opened."""
    url = database_url(db)
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
    except (ArgumentError, ImportError, OSError) as exc:
        raise InputError(url, f"无法使用数据库地址：{exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        try:
            upgrade(engine)
        except SQLAlchemyError as exc:
            raise InputError(_safe(url), f"无法打开数据库：{getattr(exc, 'orig', None) or exc}") from None
    return engine


def _safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def upgrade(engine: Engine) -> None:
    """Apply the migrations the database has not had yet (none when it is current)."""
    config = _alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.begin() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
