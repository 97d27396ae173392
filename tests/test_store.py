"""The corpus store: forms survive the round trip through the tables exactly, on SQLite and on PostgreSQL, and the
Alembic migrations build the schema the models describe."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, func, select, text

from jixiao.errors import InputError
from jixiao.ingest import ingest
from jixiao.parse import parse_file
from jixiao.store.database import database_url, open_engine
from jixiao.store.query import Filter, form_ids, load_forms
from jixiao.store.tables import Base

from .conftest import EXAMPLES, SEEDS


def fresh_postgres(url: str) -> Engine:
    """An empty, migrated PostgreSQL corpus (whatever an earlier test left is dropped)."""
    engine = create_engine(database_url(url))
    Base.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    return open_engine(url)


def parsed_forms() -> dict[tuple[str, int], object]:
    return {(str(seed.resolve()), form.source.form_index): form for seed in SEEDS for form in parse_file(seed).forms}


def assert_round_trip(engine: Engine) -> None:
    expected = parsed_forms()
    with engine.connect() as conn:
        stored = {(form.source.file, form.source.form_index): form for _, form in load_forms(conn, batch=7)}
    assert stored.keys() == expected.keys()
    for key, form in stored.items():
        original = expected[key]
        original.source.file = key[0]  # ingest stores the resolved path
        assert form == original, key


def test_round_trip_sqlite(tmp_path: Path) -> None:
    engine = open_engine(str(tmp_path / "c.db"))
    ingest(engine, [EXAMPLES], jobs=1)
    assert_round_trip(engine)


def test_round_trip_postgres(postgres_url: str) -> None:
    engine = fresh_postgres(postgres_url)
    summary = ingest(engine, [EXAMPLES])
    assert summary.forms == 58
    assert_round_trip(engine)
    assert ingest(engine, [EXAMPLES]).stored == 0
    engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migrations_match_models(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if backend == "sqlite":
        engine = open_engine(str(tmp_path / "m.db"))
    else:
        engine = fresh_postgres(request.getfixturevalue("postgres_url"))
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    engine.dispose()


def test_filters_select_current_forms(sample_engine: Engine) -> None:
    def count(flt: Filter) -> int:
        with sample_engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(form_ids(flt).subquery())).scalar()

    assert count(Filter()) == 58
    years = {year: count(Filter(year=year)) for year in (2021, 2022, 2023, 2024)}
    assert sum(years.values()) == 58 and years[2023] == 35
    assert count(Filter(rule="AR04")) == 2 and count(Filter(rule="EX06")) == 4
    assert count(Filter(department="没有这个部门")) == 0


def test_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIXIAO_DB", raising=False)
    assert database_url() == "sqlite:///jixiao.db"
    assert database_url("data/c.db") == "sqlite:///data/c.db"
    assert database_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    monkeypatch.setenv("JIXIAO_DB", "other.db")
    assert database_url() == "sqlite:///other.db"
    assert database_url("x.db") == "sqlite:///x.db"


def test_unreachable_database_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="无法打开数据库") as info:
        open_engine("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(info.value)
    with pytest.raises(InputError, match="无法使用数据库地址"):
        open_engine("nosuchdialect://x")
