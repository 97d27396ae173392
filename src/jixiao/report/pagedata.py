"""The per-form data of the HTML report, read from the tables in batches and packed small.

Every batch of forms becomes blocks of the file as it is read: index rows (one short array per form, for the
forms table and the scatter chart) and form pages (a form with its fund rows, indicators and findings).
Records are arrays in the field order of `SCHEMA`; the strings of a page batch are numbers into that batch's
string table, so labels repeated on every form are stored once. Each block is deflated JSON in base64: the
browser inflates the index when the report opens and a page batch only when one of its forms is shown.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from jixiao.store.query import Filter, documents_t, findings_t, form_ids, forms_t, fund_rows_t, indicators_t

# Field order of each record; "*name" is a list of `name` records, "$" marks a string stored in the string table.
SCHEMA: dict[str, tuple[str, ...]] = {
    "index": ("id", "project_name", "department", "year", "total_score", "total_score_recomputed",
              "execution_rate_recomputed", "grade", "grade_recomputed", "errors", "warnings", "infos", "page"),
    "form": ("id", "$file", "form_index", "$title", "year", "$project_name", "$department", "$implementing_unit",
             "$fund_unit", "$goal_expected", "$goal_actual", "total_weight", "total_score", "$grade",
             "execution_rate_recomputed", "funds_score_recomputed", "total_score_recomputed", "$grade_recomputed",
             "first_line", "last_line", "page", "*fund", "*indicator", "*finding", "*warning"),
    "fund": ("$row", "initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score",
             "execution_rate_recomputed", "score_recomputed"),
    "indicator": ("$level1", "$level2", "$name", "$target", "$actual", "weight", "score", "$deviation", "$kind",
                  "score_low", "score_high", "line"),
    "finding": ("$code", "$severity", "$path", "$message", "$provided", "$expected", "$explanation", "line",
                "$waived"),
    "warning": ("$code", "$message", "$path", "line"),
}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
BATCH = 500


def pack(value: Any) -> str:
    """JSON, deflated (zlib format, what the browser's DecompressionStream("deflate") reads), in base64."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    return base64.b64encode(zlib.compress(data, 6)).decode("ascii")


def number(value: float | None) -> float | int | None:
    """A stored number made short for JSON: at most 4 decimals, integral values without ".0"."""
    if value is None:
        return None
    value = round(value, 4)
    return int(value) if value.is_integer() else value


@dataclass
class Batch:
    """One batch of forms: its index rows, and its page records (only forms that get a page) with strings."""

    index: list[list]
    pages: list[list]
    strings: list[str]
    first_id: int
    last_id: int


class _Strings:
    """The string table of one page batch."""

    def __init__(self) -> None:
        self.table: dict[str, int] = {}

    def ref(self, text: str | None) -> int | None:
        if text is None:
            return None
        return self.table.setdefault(text, len(self.table))

    def values(self) -> list[str]:
        return list(self.table)


def _record(kind: str, row: dict, strings: _Strings, children: dict[str, list[dict]] | None = None) -> list:
    out: list = []
    for field in SCHEMA[kind]:
        if field.startswith("*"):
            name = field[1:]
            out.append([_record(name, child, strings) for child in (children or {}).get(name, [])])
        elif field.startswith("$"):
            value = row.get(field[1:])
            out.append(strings.ref(None if value is None else str(value)))
        else:
            value = row.get(field)
            out.append(number(value) if isinstance(value, float) else value)
    return out


def _index_row(row: dict, has_page: bool) -> list:
    values = [row[field] for field in SCHEMA["index"][:-1]]
    return [number(v) if isinstance(v, float) else v for v in values] + [int(has_page)]


def page_ids(conn: Connection, flt: Filter, limit: int) -> set[int]:
    """The forms that keep a page when only `limit` pages fit: most errors first, then warnings, then infos."""
    query = (select(forms_t.c.id).where(forms_t.c.id.in_(form_ids(flt)))
             .order_by(forms_t.c.errors.desc(), forms_t.c.warnings.desc(), forms_t.c.infos.desc(), forms_t.c.id)
             .limit(limit))
    return {row[0] for row in conn.execute(query)}


def matching_ids(conn: Connection, flt: Filter) -> list[int]:
    """The ids of the forms `flt` selects, in order (100k ints are small; their rows are not)."""
    return [row[0] for row in conn.execute(form_ids(flt).order_by(forms_t.c.id))]


def batches(conn: Connection, ids: list[int], pages: set[int] | None = None, size: int = BATCH) -> Iterator[Batch]:
    """The forms `ids` (ascending), `size` at a time; `pages` = the ids that get a page (None: all)."""
    for start in range(0, len(ids), size):
        chunk = ids[start:start + size]
        forms = conn.execute(select(forms_t, documents_t.c.path.label("file")).join(documents_t)
                             .where(forms_t.c.id.in_(chunk)).order_by(forms_t.c.id)).mappings().all()
        paged = [f["id"] for f in forms if pages is None or f["id"] in pages]
        index = [_index_row(f, pages is None or f["id"] in pages) for f in forms]
        yield _pages(conn, forms, paged, index) if paged else Batch(index, [], [], chunk[0], chunk[-1])


def _pages(conn: Connection, forms: list, paged: list[int], index: list[list]) -> Batch:
    children = {
        "fund": _children(conn, fund_rows_t, paged, fund_rows_t.c.id),
        "indicator": _children(conn, indicators_t, paged, indicators_t.c.position),
        "finding": _children(conn, findings_t, paged, findings_t.c.id),
    }
    strings = _Strings()
    records = []
    wanted = set(paged)
    for form in forms:
        form_id = form["id"]
        if form_id not in wanted:
            continue
        own = {name: rows.get(form_id, []) for name, rows in children.items()}
        own["finding"].sort(key=lambda f: (f["waived"] is not None, SEVERITY_ORDER.get(f["severity"], 3)))
        own["warning"] = form["read_warnings"] or []
        records.append(_record("form", dict(form), strings, own))
    return Batch(index, records, strings.values(), paged[0], paged[-1])


def _children(conn: Connection, table, ids: list[int], order) -> dict[int, list[dict]]:  # noqa: ANN001
    grouped: dict[int, list[dict]] = {}
    query = select(table).where(table.c.form_id.in_(ids)).order_by(table.c.form_id, order)
    for row in conn.execute(query).mappings():
        grouped.setdefault(row["form_id"], []).append(dict(row))
    return grouped
