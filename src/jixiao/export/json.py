"""JSON export: the interchange records of the forms, `{"forms": [...]}` as `jixiao parse --format json` writes
them, so the file reads back with `jixiao check --input-format json`. The stored findings follow under
`"findings"`, each naming its form by position in `forms` (the reader takes only `forms`; the record schema
describes one form and leaves findings to the check report). Written a record at a time, one per line.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection

from jixiao import safejson
from jixiao.export.files import Progress, replacing
from jixiao.export.tables import FINDINGS
from jixiao.store.query import Filter, load_forms

FORM_FIELDS = ("form_id", "document", "project_name")  # findings columns the form itself says


def _line(value: object) -> str:
    return safejson.dumps(value, ensure_ascii=False)


def write_json(conn: Connection, path: Path, flt: Filter, advance: Progress) -> Path:
    """The forms `flt` selects and their findings as one JSON file at `path`."""
    keys = [k for k in FINDINGS.keys if k not in FORM_FIELDS]
    with replacing(path) as partial, partial.open("w", encoding="utf-8", newline="\n") as out:
        out.write('{"forms": [')
        position: dict[int, int] = {}
        for form_id, form in load_forms(conn, flt):
            out.write(("\n" if not position else ",\n") + _line(form.record()))
            position[form_id] = len(position)
            advance(1)
        out.write('\n],\n"findings": [')
        first = True
        for chunk in FINDINGS.chunks(conn, flt):
            for row in chunk:
                values = row._mapping
                if values["form_id"] in position:  # else its form was replaced since the forms were read
                    out.write(("\n" if first else ",\n")
                              + _line({"form": position[values["form_id"]], **{k: values[k] for k in keys}}))
                    first = False
            advance(len(chunk))
        out.write("\n]}\n")
    return path
