"""CSV export: one file per table (forms.csv, fund_rows.csv, indicators.csv, findings.csv), linked by form_id.

UTF-8 with a byte order mark, so that Excel opens the Chinese text correctly; the header row holds the stable
English column keys of `jixiao.export.tables`, and codes stay codes (error, total, positive …).

Text comes from published documents, and a spreadsheet evaluates a cell that starts with = + - @ (or a tab or
carriage return) as a formula (`=cmd|' /C calc'!A0` in a 主管部门). Such a text cell is written with a leading
apostrophe (the OWASP CSV-injection rule): Excel shows the text, and a program reading the file strips one
leading "'" from a text cell that starts with "'" followed by one of those characters. Numbers are not touched.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Connection

from jixiao.export.files import Progress, replacing
from jixiao.export.tables import Kind, Table
from jixiao.store.query import Filter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defused(value: object) -> object:
    """A text cell a spreadsheet would take for a formula gets a leading apostrophe; any other value as it is."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _defused_rows(rows: Sequence[Sequence], text: list[int]) -> list[Sequence]:
    """`rows` with their text columns (positions `text`) defused; rows that need nothing stay as they are."""
    out: list[Sequence] = []
    for row in rows:
        if any(isinstance(v := row[i], str) and v.startswith(FORMULA_START) for i in text):
            row = [defused(v) for v in row]
        out.append(row)
    return out


def write_table_csv(conn: Connection, table: Table, path: Path, flt: Filter, advance: Progress,
                    encoding: str = "utf-8-sig") -> Path:
    """Stream `table` into the CSV file `path`, formula-like text defused."""
    with replacing(path) as partial, partial.open("w", encoding=encoding, newline="") as out:
        writer = csv.writer(out)
        writer.writerow(table.keys)
        text = [i for i, column in enumerate(table.columns) if column.kind is Kind.text]
        for chunk in table.chunks(conn, flt):
            writer.writerows(_defused_rows(chunk, text))
            advance(len(chunk))
    return path


def write_csv(conn: Connection, tables: tuple[Table, ...], out: Path, flt: Filter, advance: Progress) -> list[Path]:
    """One CSV file per table in the directory `out`."""
    return [write_table_csv(conn, table, out / f"{table.name}.csv", flt, advance) for table in tables]
