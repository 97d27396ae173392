"""Shared test data: the shipped sample documents and their answer keys."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
SEEDS = sorted(EXAMPLES.glob("*.txt"))


def load_compare():
    """The field-by-field comparer shipped with the answer keys (tests/compare_golden.py)."""
    spec = importlib.util.spec_from_file_location("compare_golden", Path(__file__).parent / "compare_golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def golden_forms(seed: Path) -> list[dict]:
    return json.loads((GOLDEN / f"{seed.stem}.json").read_text(encoding="utf-8"))["forms"]


@pytest.fixture(scope="session")
def compare():
    return load_compare()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """A SQLite corpus with the shipped samples ingested (58 forms in 5 documents). Treat it as read-only."""
    from jixiao.ingest import ingest
    from jixiao.store.database import open_engine

    path = tmp_path_factory.mktemp("corpus") / "samples.db"
    engine = open_engine(str(path))
    ingest(engine, [EXAMPLES], jobs=1)
    engine.dispose()
    return path


@pytest.fixture
def sample_engine(sample_db: Path):
    """An engine on the sample corpus (see `sample_db`)."""
    from jixiao.store.database import open_engine

    engine = open_engine(str(sample_db))
    yield engine
    engine.dispose()


POSTGRES_ENV = "JIXIAO_TEST_POSTGRES"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A PostgreSQL URL from $JIXIAO_TEST_POSTGRES (`.ci/run` starts a server and sets it). Without it the
    test is skipped on a developer's machine but fails in CI, where PostgreSQL support must be proven."""
    import os

    url = os.environ.get(POSTGRES_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test PostgreSQL: set {POSTGRES_ENV}")
        pytest.skip(f"no PostgreSQL server: set {POSTGRES_ENV} to run this test")
    return url
