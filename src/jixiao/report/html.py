"""The HTML report: one self-contained file (charts library, data and code inlined; no network at all).

The page is rendered by Jinja2 (autoescaped) and written as it is generated: the header, then the forms in batches
straight from the tables (see `pagedata`), then the analytics, so the file never exists whole in memory. The
browser draws the charts, tables and form pages from the data blocks with report.js; document text only ever
reaches the page as DOM text or escaped, and JSON in the HTML has "<", ">" and "&" escaped.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Generator
from contextlib import closing
from datetime import datetime
from multiprocessing.connection import Connection as PipeEnd
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup
from pydantic import BaseModel
from sqlalchemy import Connection, Engine

import jixiao
from jixiao import analytics, safejson
from jixiao.check.catalogue import load_rules
from jixiao.check.findings import CATEGORY_ZH, SEVERITY_ZH
from jixiao.check.profile import load_profile
from jixiao.check.risk import FORMULA as RISK_FORMULA
from jixiao.check.score import KIND_ZH
from jixiao.model import FUND_ROWS
from jixiao.money import UNSTATED, WAN, YUAN_PER_WAN
from jixiao.places import COLUMN_ZH, FIELD_ZH, FUND_ROW_ZH
from jixiao.report import asset, pagedata
from jixiao.store.database import open_engine
from jixiao.store.query import ALL, Filter

TITLE = "财政项目支出绩效自评核查报告"
PARALLEL_FROM = 2000  # from this many forms, pages and analytics are made by several processes
WORKERS = 2  # processes reading the form pages (each ~140 MB on 100k forms, most of it SQLite's page cache)
DEDUCTION_ROWS = 5000  # the biggest deductions listed; the chart by 二级指标 sums all of them
ProgressFn = Callable[[int, int], None]


def write_html(engine: Engine, path: Path, flt: Filter = ALL, *, progress: ProgressFn | None = None,
               max_form_pages: int | None = None) -> Path:
    """Write the report on the forms `flt` selects to `path` (one HTML file) and return the path.

    `progress(done, total)` follows the forms as they are written. `max_form_pages` keeps a page for only that
    many forms, those of the highest risk first (None: every form); the report says so on its first screen.
    The file appears complete or not at all: it is written beside `path` and renamed at the end.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    try:
        with engine.connect() as conn, partial.open("w", encoding="utf-8", newline="\n") as out:
            ids = pagedata.matching_ids(conn, flt)
            pages = None
            if max_form_pages is not None and max_form_pages < len(ids):
                pages = pagedata.page_ids(conn, flt, max_form_pages)
            overview = analytics.overview(conn, flt)
            url = engine.url.render_as_string(hide_password=False)
            workers = _workers(engine, len(ids))
            with _Analyses(engine, flt, overview, beside=workers > 1) as rest:
                context = _context(engine, flt, overview, ids, pages)
                with closing(_blocks(conn, ids, pages, progress, workers, url)) as blocks:  # stops its workers
                    for piece in _template().generate(**context, blocks=blocks, analytics=rest.result):
                        out.write(piece)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _workers(engine: Engine, forms: int) -> int:
    """Processes for the form pages: two (more would pass the memory budget of 1 GB on 100k forms, with the
    analytics process beside them), or 1 — this process only — for a small corpus, where starting more would not
    pay, on one CPU, and for an in-memory SQLite database, which no other process sees."""
    url = engine.url
    if forms < PARALLEL_FROM or (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")):
        return 1
    return WORKERS if (os.cpu_count() or 1) > 1 else 1


class _Analyses:
    """The analytics block: with `beside`, computed in a process of its own while the form pages are written
    (both are CPU-bound, so threads would only take turns); else here, when the template asks for it."""

    def __init__(self, engine: Engine, flt: Filter, overview: analytics.Overview, *, beside: bool) -> None:
        self.engine, self.flt, self.overview = engine, flt, overview
        self.process = None
        if beside:
            url = engine.url.render_as_string(hide_password=False)
            context = pagedata.process_context()
            self.pipe, sender = context.Pipe(duplex=False)
            self.process = context.Process(target=_analyses_beside, args=(sender, url, flt, overview), daemon=True)
            self.process.start()
            sender.close()

    def result(self) -> str:
        if self.process is None:
            return _packed_analyses(self.engine, self.flt, self.overview)
        try:
            ok, value = self.pipe.recv()
        except EOFError:
            raise RuntimeError(f"统计分析进程意外退出（退出码 {self.process.exitcode}）") from None
        if not ok:
            raise value
        return value

    def __enter__(self) -> _Analyses:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()  # done by now, or no longer wanted (an error, Ctrl-C)
            self.process.join()
            self.pipe.close()


def _analyses_beside(pipe: PipeEnd, url: str, flt: Filter, overview: analytics.Overview) -> None:
    """The second process: the packed analytics, or the exception, sent back through `pipe`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    engine = open_engine(url, migrate=False)
    try:
        message = (True, _packed_analyses(engine, flt, overview))
    except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
        message = (False, exc)
    finally:
        engine.dispose()
    try:
        pipe.send(message)
    except Exception as exc:  # noqa: BLE001 - an exception that does not pickle
        pipe.send((False, RuntimeError(f"{type(exc).__name__}: {message[1]}")))
    pipe.close()


def _template():
    env = Environment(loader=PackageLoader("jixiao.report", "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True)
    return env.get_template("report.html.j2")


def _script(name: str) -> Markup:
    """A vendored or own script, inlined; it must not be able to close its <script> element early."""
    text = asset(name)
    if "</script" in text.lower():
        raise ValueError(f"{name} contains </script and cannot be inlined")
    return Markup(text)


def json_script(value: Any) -> Markup:
    """JSON for a <script type="application/json"> element: "<", ">" and "&" escaped, so no text in it can end
    the element or open a comment."""
    text = safejson.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _dumps(models: list[BaseModel]) -> list[dict]:
    return [m.model_dump(mode="json") for m in models]


def _table(models: list[BaseModel], fields: tuple[str, ...]) -> dict:
    """Many rows as {columns, rows}: arrays, not repeated keys."""
    return {"columns": list(fields), "rows": [[getattr(m, f) for f in fields] for m in models]}


def _projects(series: list[analytics.ProjectSeries]) -> dict:
    """Indicator target changes, one row each, pointing at their project (department, name, scores by year)."""
    fields = ("series", "level2", "name", "from_year", "to_year", "from_form", "to_form", "target_text_from",
              "target_text_to", "actual_from", "actual_to", "unit", "direction", "note")
    heads, rows = [], []
    for s in series:
        if not s.changes:
            continue
        scores = "；".join(f"{p.year}：{'—' if p.self_score is None else f'{p.self_score:g}'}" for p in s.points)
        for change in s.changes:
            rows.append([len(heads), *(getattr(change, f) for f in fields[1:])])
        heads.append([s.department, s.name, scores])
    return {"series": heads, "changes": {"columns": list(fields), "rows": rows}, "projects": len(series)}


def _analyses(conn: Connection, flt: Filter) -> dict:
    """What the charts and tables of the overview show, from `jixiao.analytics`, as JSON-ready data."""
    deductions = analytics.deductions(conn, flt, limit=DEDUCTION_ROWS)
    return {
        "rules": _dumps(analytics.findings_by_rule(conn, flt)),
        "departments": _dumps(analytics.findings_by_department(conn, flt)),
        "deduction_levels": _dumps(analytics.deductions_by_level(conn, flt)),
        "outliers": [[p.form_id, p.reason] for p in analytics.outliers(conn, flt)],
        "deductions": _table(deductions, (
            "form_id", "year", "department", "project_name", "level1", "level2", "name", "target", "actual",
            "weight", "score", "lost", "reason")),
        "deductions_capped": DEDUCTION_ROWS if len(deductions) >= DEDUCTION_ROWS else None,
        "projects": _projects(analytics.project_history(conn, flt)),
        "library": _table(analytics.indicator_library(conn, flt), (
            "level1", "level2", "name", "forms", "typical_target", "target_min", "target_median", "target_max",
            "units", "typical_weight", "weight_min", "weight_max")),
    }


def _packed_analyses(engine: Engine, flt: Filter, overview: analytics.Overview) -> str:
    with engine.connect() as conn:
        return pagedata.pack({"overview": overview.model_dump(mode="json"), **_analyses(conn, flt)})


def _grade_order() -> list[str]:
    profile = load_profile()
    order = []
    for band in sorted(profile.grades, key=lambda b: b.min, reverse=True):
        order.append(band.label)
        order.extend(alias for alias, label in profile.grade_aliases.items() if label == band.label)
    return order


def _database(engine: Engine) -> str:
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return url.database or "（内存数据库）"
    return url.render_as_string(hide_password=True)


def _cards(o: analytics.Overview) -> list[dict]:
    years = o.years
    year_text = "—" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    year_note = "、".join(map(str, years)) if 1 < len(years) <= 6 else f"{len(years)} 个年度" if years else None

    def score(value: float | None) -> str:
        return "—" if value is None else f"{value:.2f}"

    share = f"占 {o.forms_with_errors / o.forms:.0%}" if o.forms else None
    # "filter": what clicking the card selects in the forms table (report.js: CARD_FILTERS)
    return [
        {"label": "文件", "value": f"{o.documents:,}"},
        {"label": "绩效自评表", "value": f"{o.forms:,}", "filter": "all", "note": "点击显示全部"},
        {"label": "主管部门", "value": f"{o.departments:,}"},
        {"label": "年度", "value": year_text, "note": year_note},
        {"label": "错误", "value": f"{o.findings.get('error', 0):,}", "tone": "error", "filter": "error"},
        {"label": "警告", "value": f"{o.findings.get('warning', 0):,}", "tone": "warning", "filter": "warning"},
        {"label": "提示", "value": f"{o.findings.get('info', 0):,}", "tone": "info", "filter": "info"},
        {"label": "有错误的表", "value": f"{o.forms_with_errors:,}", "note": share, "tone": "error", "filter": "error"},
        {"label": "平均得分：自评 / 重算", "value": f"{score(o.mean_self_score)} / {score(o.mean_recomputed_score)}",
         "small": True},
        {"label": "平均预算执行率（重算）",
         "value": "—" if o.mean_execution_rate is None else f"{o.mean_execution_rate:.2f}%"},
        {"label": "读取失败的文件", "value": f"{o.failures:,}", "tone": "error" if o.failures else None},
    ]


def _context(engine: Engine, flt: Filter, overview: analytics.Overview, ids: list[int],
             pages: set[int] | None) -> dict:
    pages_note = (f"本报告只收录了风险分最高的 {len(pages):,} 张表的详细页面（共 {len(ids):,} 张）；"
                  "其余的表在总表中列出，但没有单独的页面") if pages is not None else ""
    meta = {
        "title": TITLE,
        "schema": pagedata.SCHEMA,
        "severity": {str(k): v for k, v in SEVERITY_ZH.items()},
        "categories": {str(k): v for k, v in CATEGORY_ZH.items()},
        "kinds": {str(k): v for k, v in KIND_ZH.items()},
        "rules": {code: rule.title for code, rule in load_rules().items()},
        "fund_rows": [[row, ("其中：" if row == "current_year" else "") + FUND_ROW_ZH[row]] for row in FUND_ROWS],
        "money": {"unit": WAN, "yuan_per_wan": YUAN_PER_WAN, "unstated": UNSTATED},
        "risk": {"formula": RISK_FORMULA, "doc": "docs/risk.md"},
        "fields": {**FIELD_ZH, **COLUMN_ZH},  # (for "位置" in a form's findings list)
        "grades": _grade_order(),
        "pages": {"all": pages is None, "kept": len(ids) if pages is None else len(pages), "forms": len(ids),
                  "note": pages_note},
    }
    return {
        "title": TITLE,
        "scope": flt.describe(),
        "generated": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "database": _database(engine),
        "version": jixiao.__version__,
        "cards": _cards(overview),
        "pages_note": pages_note,
        "meta": json_script(meta),
        "css": Markup(asset("form.css") + asset("report.css")),
        "echarts": _script("echarts.min.js"),
        "app": _script("report.js"),
    }


def _blocks(conn: Connection, ids: list[int], pages: set[int] | None, progress: ProgressFn | None,
            workers: int, url: str) -> Generator[Markup, None, None]:
    """The forms' data blocks as <script> elements, batch by batch."""
    done = 0
    if progress:
        progress(0, len(ids))
    for block in pagedata.blocks(conn, ids, pages, workers=workers, url=url):
        html = f'<script type="text/plain" class="jx-index">{block.index}</script>\n'
        if block.pages is not None:
            html += (f'<script type="text/plain" class="jx-pages" data-first="{block.first_id}" '
                     f'data-last="{block.last_id}">{block.pages}</script>\n')
        yield Markup(html)
        done += block.forms
        if progress:
            progress(done, len(ids))
