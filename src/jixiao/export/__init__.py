"""`jixiao export`: the corpus as files other tools read. Every format writes the forms a `Filter` selects,
streamed from the database, so none holds the corpus in memory (see docs/export.md).

- csv: a directory of forms.csv, fund_rows.csv, indicators.csv, findings.csv (UTF-8 with BOM)
- xlsx: the report's workbook (`jixiao.report.workbook`)
- json: one file of interchange records, `{"forms": [...], "findings": [...]}`
- parquet: a directory with one Parquet file per table
- fdp: a Fiscal Data Package of the fund rows (datapackage.json and fund_rows.csv, amounts in yuan)
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from sqlalchemy import Engine

from jixiao.export.csv import write_csv
from jixiao.export.datapackage import FDP_FUNDS, write_datapackage
from jixiao.export.files import Progress, ProgressFn
from jixiao.export.json import write_json
from jixiao.export.parquet import write_parquet
from jixiao.export.tables import FINDINGS, FORMS, TABLES
from jixiao.store.query import ALL, Filter


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    parquet = "parquet"
    fdp = "fdp"


def export(engine: Engine, fmt: ExportFormat, out: Path, flt: Filter = ALL, *,
           progress: ProgressFn | None = None) -> list[Path]:
    """Write the forms `flt` selects to `out` in format `fmt` (a directory for csv, parquet and fdp; a file for
    xlsx and json) and return the files written. `progress(done, total)` follows the rows."""
    fmt, out = ExportFormat(fmt), Path(out)
    if fmt is ExportFormat.xlsx:
        from jixiao.report.workbook import write_workbook  # here: the workbook is built from this package


        return [write_workbook(engine, out, flt, progress=progress)]
    counted = {ExportFormat.json: (FORMS, FINDINGS), ExportFormat.fdp: (FDP_FUNDS,)}.get(fmt, TABLES)
    with engine.connect() as conn:
        advance = Progress(progress, sum(t.count(conn, flt) for t in counted))
        if fmt is ExportFormat.csv:
            written = write_csv(conn, TABLES, out, flt, advance)
        elif fmt is ExportFormat.parquet:
            written = write_parquet(conn, TABLES, out, flt, advance)
        elif fmt is ExportFormat.json:
            written = [write_json(conn, out, flt, advance)]
        else:
            written = write_datapackage(conn, out, flt, advance)
    advance.finish()
    return written
