"""Writing one document version and its forms in one transaction (the caller's), and recording failures."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from jixiao.store.rows import Row
from jixiao.store.tables import Document, FindingRow, FormRow, FundRowRow, IndicatorRow, IngestFailure

_CHILDREN = (("fund_rows", FundRowRow), ("indicators", IndicatorRow), ("findings", FindingRow))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def insert_document(conn: Connection, path: str, name: str, sha256: str, size: int, profile: str,
                    forms: list[Row]) -> int:
    """Add a new version of the file at `path` (retiring its earlier versions) with its checked forms."""
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
