"""Opening the corpus: which database (`--db`, `JIXIAO_DB`, else `jixiao.db` here), its engine, and bringing
its schema up to date with the Alembic migrations shipped in the package.

Several jixiao processes may open one corpus at once (two ingests, an ingest and a report). Migrations run under
a lock — SQLite: one `BEGIN IMMEDIATE` transaction holding the database's write lock; PostgreSQL: a transaction
advisory lock — so the second process waits and then finds the schema current. A writer waits up to
BUSY_SECONDS for another's transaction before it gives up with a clear message (`jixiao.store.faults`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from jixiao.errors import InputError
from jixiao.store.faults import BUSY, fault_message

DEFAULT_DB = "jixiao.db"
ENV_VAR = "JIXIAO_DB"
BUSY_SECONDS = 60  # how long a writer waits for another process's transaction on the same SQLite file
# SQLite may answer "database is locked" at once, without waiting, while another process is creating the same
# corpus (its first connection turning the new file to WAL, its migration under way): opening retries such a
# quick refusal a few times, a little later, before it gives up with the message
QUICK_BUSY_RETRIES = 3
QUICK_BUSY_PAUSE = 0.5  # seconds
MIGRATION_LOCK = 0x6A6978  # PostgreSQL advisory lock key of jixiao's migrations ("jix")


def database_url(db: str | None = None) -> str:
    """`db` (a URL or a file path), else $JIXIAO_DB, else the SQLite file jixiao.db in the working directory."""
    value = db or os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" not in value:
        return f"sqlite:///{Path(value)}"
    if value.startswith("postgresql://") or value.startswith("postgres://"):
        value = "postgresql+psycopg://" + value.split("://", 1)[1]  # the driver jixiao installs
    return value


def own_files(engine: Engine) -> set[str]:
    """The files a SQLite store keeps on disk (the database and its journal, WAL and shared-memory files),
    resolved: a folder ingested into a database kept inside it must not offer the database as a document."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
        return set()
    base = str(Path(database).resolve())
    return {base, *(base + suffix for suffix in ("-journal", "-wal", "-shm"))}


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI hook
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
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
        if parsed.get_backend_name() == "sqlite" and parsed.database and not parsed.query.get("uri"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
    except (ArgumentError, ImportError, OSError) as exc:
        raise InputError(url, f"无法使用数据库地址：{exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        for attempt in range(QUICK_BUSY_RETRIES + 1):
            started = time.monotonic()
            try:
                upgrade(engine)
                break
            except SQLAlchemyError as exc:
                quick = time.monotonic() - started < BUSY_SECONDS / 2
                if fault_message(exc) == BUSY and quick and attempt < QUICK_BUSY_RETRIES:
                    time.sleep(QUICK_BUSY_PAUSE)  # (see QUICK_BUSY_RETRIES)
                    continue
                engine.dispose()
                raise InputError(_safe(url), f"无法打开数据库：{fault_message(exc)}") from None
    return engine


def _safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def upgrade(engine: Engine) -> None:
    """Apply the migrations the database has not had yet (none when it is current), under the migration lock."""
    config = _alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    if current_revision(engine) == head:  # the usual case, without waiting for the lock
        return
    with _migration_lock(engine) as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _begin_immediate(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _no_implicit_begin(dbapi_connection, record) -> None:  # noqa: ANN001 - DBAPI hook
    dbapi_connection.isolation_level = None  # the driver leaves BEGIN to us (and DDL inside the transaction)
    _sqlite_pragmas(dbapi_connection, record)


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[Connection]:
    """A transaction that no other jixiao process can hold at the same time. SQLite: its own connection that
    begins with BEGIN IMMEDIATE (the write lock, waited for up to BUSY_SECONDS), so the migration's DDL commits
    or rolls back as a whole; PostgreSQL: pg_advisory_xact_lock, released at commit."""
    url = engine.url
    if engine.dialect.name == "sqlite" and url.database not in (None, "", ":memory:"):
        locked = create_engine(url, poolclass=NullPool)
        event.listen(locked, "connect", _no_implicit_begin)
        event.listen(locked, "begin", _begin_immediate)
        try:
            with locked.begin() as connection:
                yield connection
        finally:
            locked.dispose()
        return
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        yield connection


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
