"""CSV export: one file per table (forms.csv, fund_rows.csv, indicators.csv, findings.csv), linked by form_id.

UTF-8 with a byte order mark, so that Excel opens the Chinese text correctly; the header row holds the stable
English column keys of `jixiao.export.tables`, and codes stay codes (error, total, positive …).
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Connection

from jixiao.export.files import Progress, replacing
from jixiao.export.tables import Table
from jixiao.store.query import Filter


def write_table_csv(conn: Connection, table: Table, path: Path, flt: Filter, advance: Progress,
                    encoding: str = "utf-8-sig") -> Path:
    """Stream `table` into the CSV file `path`."""
    with replacing(path) as partial, partial.open("w", encoding=encoding, newline="") as out:
        writer = csv.writer(out)
        writer.writerow(table.keys)
        for chunk in table.chunks(conn, flt):
            writer.writerows(chunk)
            advance(len(chunk))
    return path


def write_csv(conn: Connection, tables: tuple[Table, ...], out: Path, flt: Filter, advance: Progress) -> list[Path]:
    """One CSV file per table in the directory `out`."""
    return [write_table_csv(conn, table, out / f"{table.name}.csv", flt, advance) for table in tables]
