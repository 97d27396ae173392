"""The per-form data of the HTML report, read from the tables in batches and packed small.

Every batch of forms becomes blocks of the file: index rows (one short array per form, for the forms table and
the scatter chart) and, for the forms that get a page, their page data: the forms, fund rows, indicators and
findings tables of the batch, column by column (`SCHEMA`). Text is stored as numbers into the batch's string
table, so labels repeated on every form are stored once, and whole columns are converted at C speed. Each block
is deflated JSON in base64: the browser inflates the index when the report opens, and a page batch only when
one of its forms is shown.
"""

from __future__ import annotations

import base64
import multiprocessing
import signal
import sys
import zlib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, String, case, select

from jixiao import safejson
from jixiao.store.database import open_engine
from jixiao.store.query import Filter, documents_t, findings_t, form_ids, forms_t, fund_rows_t, indicators_t

_f = forms_t.c
INDEX_COLUMNS = (_f.id, _f.project_name, _f.department, _f.year, _f.total_score, _f.total_score_recomputed,
                 _f.execution_rate_recomputed, _f.grade, _f.grade_recomputed, _f.errors, _f.warnings, _f.infos,
                 _f.risk, _f.fund_unit)
# Index columns computed here after those: the risk's parts [问题, 虚高, 执行, 金额系数], the annual budget in 万元
# (both from forms.risk_parts), the codes of the form's unwaived findings ("AR04 EX01"), whether it has a page.
INDEX_EXTRA = ("risk_parts", "budget_wan", "codes", "page")
RISK_PARTS = ("findings", "inflation", "execution", "factor")
# The page tables; each child table's first column is form_id, and its rows come sorted by form.
TABLES = {
    "forms": (_f.id, documents_t.c.path.label("file"), _f.form_index, _f.title, _f.year, _f.project_name,
              _f.department, _f.implementing_unit, _f.fund_unit, _f.goal_expected, _f.goal_actual, _f.total_weight,
              _f.total_score, _f.grade, _f.execution_rate_recomputed, _f.funds_score_recomputed,
              _f.total_score_recomputed, _f.grade_recomputed, _f.first_line, _f.last_line, _f.page, _f.risk,
              _f.risk_parts),
    **{table.name: (table.c.form_id, *(table.c[name] for name in names)) for table, names in (
        (fund_rows_t, ("row", "initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score",
                       "execution_rate_recomputed", "score_recomputed")),
        (indicators_t, ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation", "kind",
                        "score_low", "score_high", "line")),
        (findings_t, ("code", "severity", "path", "message", "provided", "expected", "explanation", "line",
                      "waived")))},
}
# Findings: unwaived before waived, errors before warnings before infos, then as the checker made them.
ORDER = {
    "forms": (_f.id,),
    "fund_rows": (fund_rows_t.c.form_id, fund_rows_t.c.id),
    "indicators": (indicators_t.c.form_id, indicators_t.c.position),
    "findings": (findings_t.c.form_id, case((findings_t.c.waived.is_(None), 0), else_=1),
                 case({"error": 0, "warning": 1}, value=findings_t.c.severity, else_=2), findings_t.c.id),
}
WARNING_FIELDS = ("code", "message", "path", "line")  # the entries of forms.read_warnings, a column of its own
BATCH = 500


def _kinds(columns: tuple) -> tuple[str, ...]:
    """Per column: "s" text (goes to the string table), "r" recomputed number (rounded), "v" as stored."""
    return tuple("s" if isinstance(c.type, String) else "r" if c.name.endswith("_recomputed") else "v"
                 for c in columns)


_KINDS = {name: _kinds(columns) for name, columns in TABLES.items()}
_INDEX_KINDS = _kinds(INDEX_COLUMNS)

# What the browser needs to read the blocks: the columns of each table in order, and which of them hold
# numbers into the string table. The forms table has one more column, read_warnings: per form a list of
# [code, message, path, line] with the first three in the string table.
SCHEMA: dict[str, Any] = {
    "index": [*(c.name for c in INDEX_COLUMNS), *INDEX_EXTRA],
    "tables": [[name, [c.name for c in columns] + (["read_warnings"] if name == "forms" else [])]
               for name, columns in TABLES.items()],
    "strings": {name: [i for i, kind in enumerate(kinds) if kind == "s"] for name, kinds in _KINDS.items()},
    "warning_fields": list(WARNING_FIELDS),
}


def pack(value: Any) -> str:
    """JSON, deflated (zlib format, what the browser's DecompressionStream("deflate") reads), in base64."""
    data = safejson.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.b64encode(zlib.compress(data, 6)).decode("ascii")


def short(value: float | None, digits: int = 4) -> float | int | None:
    """A computed number made short for JSON: `digits` decimals, integral values without ".0"."""
    if value is None:
        return None
    value = round(value, digits)
    return int(value) if value.is_integer() else value


@dataclass(frozen=True)
class Block:
    """One batch of forms, packed: its index rows and, when some of its forms get a page, their page records."""

    forms: int
    index: str
    pages: str | None = None
    first_id: int = 0  # the first and last form with a page
    last_id: int = 0


class _Strings(dict):
    """The string table of one page batch: text → its number, numbered as first met; None stays None."""

    def __init__(self) -> None:
        super().__init__({None: None})

    def __missing__(self, text: str) -> int:
        number = self[text] = len(self) - 1
        return number

    def values_in_order(self) -> list[str]:
        return list(self)[1:]


def _columns(rows: list, kinds: tuple[str, ...], strings: _Strings) -> list[list]:
    """`rows` turned into columns, whole columns at a time (map runs in C, a loop per value would not)."""
    if not rows:
        return [[] for _ in kinds]
    return [list(map(strings.__getitem__, column)) if kind == "s" else list(map(short, column)) if kind == "r"
            else list(column) for column, kind in zip(zip(*rows, strict=True), kinds, strict=True)]


def matching_ids(conn: Connection, flt: Filter) -> list[int]:
    """The ids of the forms `flt` selects, ascending (100k ints are small; their rows are not)."""
    return [row[0] for row in conn.execute(form_ids(flt).order_by(forms_t.c.id))]


def page_ids(conn: Connection, flt: Filter, limit: int) -> set[int]:
    """The forms that keep a page when only `limit` pages fit: the highest risk first (jixiao.check.risk), then
    most errors, warnings, infos."""
    query = (select(forms_t.c.id).where(forms_t.c.id.in_(form_ids(flt)))
             .order_by(forms_t.c.risk.desc().nulls_last(), forms_t.c.errors.desc(), forms_t.c.warnings.desc(),
                       forms_t.c.infos.desc(), forms_t.c.id)
             .limit(limit))
    return {row[0] for row in conn.execute(query)}


def _index_extra(form_id: int, parts: dict | None, codes: dict[int, list[str]], paged: set[int]) -> list:
    """The computed index columns (INDEX_EXTRA) of one form."""
    parts = parts or {}
    return [[short(parts.get(key), 2) for key in RISK_PARTS] if parts else None, short(parts.get("budget_wan"), 6),
            " ".join(codes.get(form_id, ())), int(form_id in paged)]


def read_block(conn: Connection, chunk: list[int], paged: list[int]) -> Block:
    """The block of the forms `chunk` (ascending), with pages for those in `paged`."""
    rows = conn.execute(select(*INDEX_COLUMNS, _f.risk_parts).where(_f.id.in_(chunk)).order_by(_f.id)).all()
    codes: dict[int, list[str]] = {}
    for form_id, code in conn.execute(select(findings_t.c.form_id, findings_t.c.code).distinct()
                                      .where(findings_t.c.form_id.in_(chunk), findings_t.c.waived.is_(None))
                                      .order_by(findings_t.c.form_id, findings_t.c.code)):
        codes.setdefault(form_id, []).append(code)
    wanted = set(paged)
    index = pack([[short(v, 2) if k == "r" else v for v, k in zip(row[:-1], _INDEX_KINDS, strict=True)]
                  + _index_extra(row[0], row[-1], codes, wanted) for row in rows])
    if not paged:
        return Block(len(rows), index)
    strings = _Strings()
    tables = [_table(conn, name, paged, strings) for name in TABLES]
    return Block(len(rows), index, pack([strings.values_in_order(), *tables]), paged[0], paged[-1])


def _table(conn: Connection, name: str, ids: list[int], strings: _Strings) -> list[list]:
    """The columns of page table `name` for the forms `ids`."""
    columns = TABLES[name]
    if name != "forms":
        rows = conn.execute(select(*columns).where(columns[0].in_(ids)).order_by(*ORDER[name])).all()
        return _columns(rows, _KINDS[name], strings)
    rows = conn.execute(select(*columns, _f.read_warnings).join_from(forms_t, documents_t)
                        .where(_f.id.in_(ids)).order_by(*ORDER[name])).all()
    warnings = [[[strings[w.get(f)] for f in WARNING_FIELDS[:3]] + [w.get("line")] for w in row[-1] or ()] or None
                for row in rows]
    return [*_columns([row[:-1] for row in rows], _KINDS[name], strings), warnings]


def blocks(conn: Connection, ids: list[int], pages: set[int] | None = None, *, workers: int = 1,
           url: str | None = None) -> Iterator[Block]:
    """The blocks of the forms `ids` (ascending), `BATCH` forms each, in order; `pages` = the ids that get a
    page (None: all). With `workers` > 1 they are read and packed by that many processes on database `url`."""
    tasks = [(chunk, [i for i in chunk if pages is None or i in pages])
             for chunk in (ids[start:start + BATCH] for start in range(0, len(ids), BATCH))]
    if workers <= 1 or url is None:
        for chunk, paged in tasks:
            yield read_block(conn, chunk, paged)
        return
    pool = ProcessPoolExecutor(workers, mp_context=process_context(), initializer=_start_worker, initargs=(url,))
    try:
        yield from pool.map(_worker_block, tasks)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def process_context() -> multiprocessing.context.BaseContext:
    """Fork on Linux: spawn would re-run the caller's script if it lacks a __main__ guard. Elsewhere the
    platform's default (spawn on macOS and Windows, where fork is unsafe or missing)."""
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


_worker_engine: Engine | None = None


def _start_worker(url: str) -> None:
    global _worker_engine
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker_engine = open_engine(url, migrate=False)


def _worker_block(task: tuple[list[int], list[int]]) -> Block:
    with _worker_engine.connect() as conn:
        return read_block(conn, *task)
