"""Writing one document version and its forms in one transaction (the caller's), and recording failures.

The store takes only what every database holds the same way: finite numbers (SQLite would keep NaN as NULL and
infinity as such, which JSON has not), integers of 64 bits, text without NUL (PostgreSQL refuses it) or lone
surrogates (no encoding has them). A document with a form holding any other value is refused whole (`Unstorable`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from jixiao.store.rows import Row
from jixiao.store.tables import Document, FindingRow, FormRow, FundRowRow, IndicatorRow, IngestFailure

_CHILDREN = (("fund_rows", FundRowRow), ("indicators", IndicatorRow), ("findings", FindingRow))
_INT64 = 1 << 63


class Unstorable(ValueError):
    """A form holds a value the store does not take; `message` (Chinese) names the form, the place and why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _problem(value: object) -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return "不是有限的数字"
    if isinstance(value, int) and not isinstance(value, bool) and not -_INT64 <= value < _INT64:
        return "超出 64 位整数的范围"
    if isinstance(value, str):
        if "\x00" in value:
            return "含有 NUL 字符"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "含有无效的 Unicode 字符（孤立的代理项）"
    return None


def _values(value: object, path: str) -> Iterator[tuple[str, object]]:
    """(dotted path, value) of every scalar in a row, its child rows and JSON columns included."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _values(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _values(item, f"{path}.{i}")
    else:
        yield path, value


def check_storable(forms: list[Row]) -> None:
    """Unstorable for the first value of `forms` the store does not take (see the module's docstring)."""
    for index, form in enumerate(forms):
        for path, value in _values(form, ""):
            reason = _problem(value)
            if reason:
                shown = repr(value)[:40] if not isinstance(value, str) else "文字"
                raise Unstorable(f"第 {index + 1} 张表的 {path}（{shown}）{reason}，不能存入语料库；此文件未导入")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def insert_document(conn: Connection, path: str, name: str, sha256: str, size: int, profile: str,
                    forms: list[Row]) -> int:
    """Add a new version of the file at `path` (retiring its earlier versions) with its checked forms, which
    passed `check_storable` (ingest checks them in its worker processes, so the one writer does not pay for it)."""
    documents = Document.__table__
    latest = conn.execute(select(func.max(documents.c.version)).where(documents.c.path == path)).scalar()
    conn.execute(update(documents).where(documents.c.path == path).values(is_current=False))
    document_id = conn.execute(insert(documents).returning(documents.c.id), {
        "path": path, "name": name, "sha256": sha256, "size": size, "version": (latest or 0) + 1,
        "is_current": True, "profile": profile, "form_count": len(forms), "ingested_at": _now(),
    }).scalar_one()
    if forms:
        child_keys = [key for key, _ in _CHILDREN]
        form_values = [{**{k: v for k, v in form.items() if k not in child_keys}, "document_id": document_id}
                       for form in forms]
        table = FormRow.__table__
        ids = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), form_values).scalars()
        for form_id, form in zip(ids.all(), forms, strict=True):
            for key, _ in _CHILDREN:
                for child in form[key]:
                    child["form_id"] = form_id
        for key, model in _CHILDREN:
            rows = [child for form in forms for child in form[key]]
            if rows:
                _insert_many(conn, model.__table__, rows)
    conn.execute(delete(IngestFailure.__table__).where(IngestFailure.__table__.c.path == path))
    return document_id


def _insert_many(conn: Connection, table: Table, rows: list[Row]) -> None:
    """executemany straight to the driver with the statement compiled once per (table, columns) — the child tables
    hold only numbers and text, so SQLAlchemy's per-row parameter processing is pure cost (half the writer's time)."""
    columns = tuple(rows[0])
    key = (conn.dialect.name, table.name, columns)
    if key not in _COMPILED:
        compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(columns))
        _COMPILED[key] = (str(compiled), compiled.positiontup)
    sql, order = _COMPILED[key]
    params = [tuple(row[c] for c in order) for row in rows] if order else rows
    conn.exec_driver_sql(sql, params)


_COMPILED: dict[tuple, tuple[str, list[str] | None]] = {}


def make_current(conn: Connection, document_id: int, path: str) -> None:
    """A file changed back to an earlier version's content: that version is the current one again."""
    documents = Document.__table__
    conn.execute(update(documents).where(documents.c.path == path).values(is_current=False))
    conn.execute(update(documents).where(documents.c.id == document_id).values(is_current=True))


def record_failure(conn: Connection, path: str, sha256: str | None, message: str, line: int | None) -> None:
    failures = IngestFailure.__table__
    conn.execute(delete(failures).where(failures.c.path == path))
    conn.execute(insert(failures), {"path": path, "sha256": sha256, "message": message, "line": line,
                                    "failed_at": _now()})
