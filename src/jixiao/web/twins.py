"""The JSON and CSV twins of the corpus pages, as Datasette gives them: the page's data as JSON (`.json`) and a
table's rows as CSV (`.csv`), behind the same login as the page.

CSV is UTF-8 with a byte order mark (Excel reads the Chinese), English column keys in the header row, and text
that a spreadsheet would take for a formula (`=cmd|…`) defused by the export's own rule (`export.csv.defused`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from urllib.parse import quote, urlencode

from fastapi import Response
from markupsafe import Markup

from jixiao import safejson
from jixiao.export.csv import defused


def json_twin(data: object) -> Response:
    """`data` as JSON (a non-finite number written as null)."""
    return Response(safejson.dumps(data, ensure_ascii=False), media_type="application/json")


def json_block(data: object) -> Markup:
    """`data` as the JSON twin gives it, safe inside a page's `<script type="application/json">` block (`<`, `>`,
    `&` and `'` escaped), so a page's script reads the figures the page was made with instead of asking again."""
    text = safejson.dumps(data, ensure_ascii=False)
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("'", "\\u0027")):
        text = text.replace(char, escaped)
    return Markup(text)  # escaped above for the script block; it is not HTML


def csv_twin(name: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Response:
    """`rows` as a CSV download called `name`.csv, formula-like text defused."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([defused(value) for value in row] for row in rows)
    return Response(out.getvalue().encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}.csv"})


def twin_links(path: str, values: dict[str, str], *, table: bool) -> dict[str, str]:
    """The twins of the page at `path` with the query `values` (blank ones left out): {"json": …, "csv": …}."""
    query = urlencode({k: v for k, v in values.items() if v})
    suffix = f"?{query}" if query else ""
    return {"json": f"{path}.json{suffix}", **({"csv": f"{path}.csv{suffix}"} if table else {})}
