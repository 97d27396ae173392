"""Parquet export: one file per table, typed columns (integers, floats, strings), each column's Chinese header
in its field metadata. Rows are gathered into row groups of ROW_GROUP rows and written one group at a time."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Connection

from jixiao.export.files import Progress, replacing
from jixiao.export.tables import Kind, Table
from jixiao.store.query import Filter

ROW_GROUP = 100_000
TYPES = {Kind.text: pa.string(), Kind.integer: pa.int64()}  # every other kind is a float


def schema(table: Table) -> pa.Schema:
    return pa.schema([pa.field(c.key, TYPES.get(c.kind, pa.float64()), metadata={"header": c.header})
                      for c in table.columns], metadata={"table": table.name, "title": table.title})


def write_table_parquet(conn: Connection, table: Table, path: Path, flt: Filter, advance: Progress) -> Path:
    """Stream `table` into the Parquet file `path`."""
    fields = schema(table)
    with replacing(path) as partial, pq.ParquetWriter(partial, fields, compression="zstd") as writer:
        batches, rows = [], 0
        for chunk in table.chunks(conn, flt):
            columns = list(zip(*chunk, strict=True))
            batches.append(pa.record_batch([pa.array(values, type=field.type)
                                            for values, field in zip(columns, fields, strict=True)], schema=fields))
            rows += len(chunk)
            advance(len(chunk))
            if rows >= ROW_GROUP:
                writer.write_table(pa.Table.from_batches(batches, schema=fields))
                batches, rows = [], 0
        if batches:
            writer.write_table(pa.Table.from_batches(batches, schema=fields))
    return path


def write_parquet(conn: Connection, tables: tuple[Table, ...], out: Path, flt: Filter, advance: Progress
                  ) -> list[Path]:
    """One Parquet file per table in the directory `out`."""
    return [write_table_parquet(conn, table, out / f"{table.name}.parquet", flt, advance) for table in tables]
