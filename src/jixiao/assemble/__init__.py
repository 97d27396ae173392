"""Assembler: grids to `Form` records.

It finds forms by their title (several per document), walks each form's sections in the order the
form prints them, and hands each section to the module that knows it. Every field read keeps its source
line; every repair and every value that could not be read leaves a warning.
"""

from __future__ import annotations

import re

from jixiao.assemble import vocab
from jixiao.assemble.context import Context
from jixiao.assemble.funds import TOLERANCE, fund_unit, read_funds
from jixiao.assemble.goals import read_goals
from jixiao.assemble.header import label_value, title_of, year_of
from jixiao.assemble.indicators import is_header, read_indicators
from jixiao.assemble.text import fold
from jixiao.assemble.totals import read_grade, read_total
from jixiao.model import Form, Source
from jixiao.read.grid import Grid, Row

SECTIONS = ("head", "funds", "goals", "indicators", "total", "grade")
_GOAL_WORDS = re.compile("|".join(map(re.escape, vocab.GOAL_EXPECTED + vocab.GOALS)))
_GOAL_LABEL_ROWS = vocab.GOAL_LABEL_PIECES - {"目标"}


def _first(row: Row) -> str:
    """The row's first filled cell, folded: where a label stands."""
    return fold(next(filter(None, row.texts), ""))


def _section_of(row: Row, current: str) -> str:
    first = _first(row)
    if first.startswith(vocab.TOTAL) and current in ("indicators", "goals", "funds"):
        return "total"
    if first.startswith(vocab.GRADE):
        return "grade"
    if is_header(row):
        return "indicators"
    if current in ("head", "funds"):
        key = fold(row.text)
        if _GOAL_WORDS.search(key) or (current == "funds" and key in _GOAL_LABEL_ROWS):
            return "goals"
        if current == "head" and first.startswith(vocab.FUNDS):
            return "funds"
    return current


def split_forms(grid: Grid) -> list[tuple[str | None, list[Row]]]:
    """(title, rows) per form. Without titles, each 项目名称 row starts a form."""
    starts = [(i, t) for i, row in enumerate(grid.rows) if (t := title_of(row))]
    if not starts:
        starts = [(i, None) for i, row in enumerate(grid.rows)
                  if _first(row).startswith(vocab.PROJECT_NAME)]
    bounds = [i for i, _ in starts] + [len(grid.rows)]
    forms: list[tuple[str | None, list[Row]]] = []
    for k, (i, title) in enumerate(starts):
        rows = grid.rows[i:bounds[k + 1]]
        if forms and not any(_starts_form(r) for r in rows):
            forms[-1][1].extend(rows[1:])  # the title repeated as a page header: the form goes on
        else:
            forms.append((title, list(rows)))
    return forms


def _starts_form(row: Row) -> bool:
    return _first(row).startswith((vocab.PROJECT_NAME, vocab.FUNDS))


def assemble_form(title: str | None, rows: list[Row], ctx: Context, index: int) -> Form:
    flow = ctx.layout == "flow"
    parts: dict[str, list[Row]] = {s: [] for s in SECTIONS}
    current = "head"
    for row in rows[1:] if title else rows:
        current = _section_of(row, current)
        parts[current].append(row)
    form = Form(title=title)
    head_rows = ([rows[0]] if title else []) + parts["head"]
    form.year, year_line = year_of(head_rows)
    ctx.at("year", year_line)
    first = rows[0].line if rows else None
    if form.year is None:
        ctx.warn("P014", "未读到年度（应如“(2023年度)”）", "year", first)
    used = {rows[0].line} if title else set()
    used.add(year_line)
    for field, label in (("project_name", vocab.PROJECT_NAME), ("department", vocab.DEPARTMENT),
                         ("implementing_unit", vocab.IMPLEMENTING_UNIT)):
        for row in head_rows:
            value = label_value(row, label, flow)
            if value:
                setattr(form, field, value)
                ctx.at(field, row.line)
                used.add(row.line)
                break
    _unread(ctx, [r for r in head_rows if r.line not in used and not _is_head_label_row(r)])
    if title is None:
        ctx.warn("P001", "未找到表格标题（…绩效自评表），按“项目名称”行划分表格", "title", first)
    if form.project_name is None:
        ctx.warn("P011", "未读到项目名称", "project_name", first)
    form.fund_unit = fund_unit(parts["funds"])
    form.funds = read_funds(parts["funds"], ctx)
    form.goal_expected, form.goal_actual = read_goals(parts["goals"], ctx)
    form.indicators = read_indicators(parts["indicators"], ctx)
    if not parts["indicators"]:
        ctx.warn("P012", "未找到绩效指标表（表头应含“一级指标”“三级指标”）", "indicators", first)
    if parts["total"]:
        form.total_weight, form.total_score, lines = read_total(parts["total"])
        ctx.at("total_score", lines[0] if lines else None)
        if form.total_weight is None or form.total_score is None:
            ctx.warn("P015", "总分行应有分值和得分两个数字，未能全部读到", "total_score", parts["total"][0].line)
        _unread(ctx, [r for r in parts["total"] if r.line not in lines])
    else:
        ctx.warn("P013", "未找到总分行：表格可能在此中断，已保留读到的部分", "total_score",
                 rows[-1].line if rows else None)
    _recover_fund_score(form, ctx)
    if parts["grade"]:
        grade_row = parts["grade"][0]
        form.grade = read_grade(grade_row, vocab.GRADE)
        ctx.at("grade", grade_row.line)
        _unread(ctx, parts["grade"][1:])
    form.source = Source(file=ctx.file, form_index=index, first_line=first,
                         last_line=rows[-1].line if rows else None, fields=dict(ctx.fields))
    form.warnings = list(ctx.warnings)
    return form


def _is_head_label_row(row: Row) -> bool:
    """A row that only carries a label of the head with nothing after it (the value is missing)."""
    return all(fold(t).rstrip(":：") in vocab.HEAD_LABELS for t in row.texts if t)


def _unread(ctx: Context, rows: list[Row]) -> None:
    for row in rows:
        text = row.text
        if text:
            snippet = text if len(text) <= 30 else text[:30] + "…"
            ctx.warn("P002", f"第 {row.line} 行未能识别，未读入记录：“{snippet}”", None, row.line)


def _recover_fund_score(form: Form, ctx: Context) -> None:
    """A rebuilt fund block whose 得分 column was lost: the form's own total gives it back, when the result
    agrees with 分值 × 执行率 (the score is printed on the form, only not where the text lost it)."""
    total = form.funds.total
    rebuilt = any(w.code == "P020" for w in ctx.warnings)
    if not rebuilt or total is None or total.score is not None or form.total_score is None:
        return
    scores = [i.score for i in form.indicators]
    if total.weight is None or total.execution_rate is None or not scores or None in scores:
        return
    candidate = round(form.total_score - sum(s for s in scores if s is not None), 2)
    if abs(candidate - total.weight * min(total.execution_rate, 100) / 100) <= TOLERANCE:
        total.score = candidate
        ctx.warn("P022", f"年度资金总额的得分在文本中缺失，由总分 {form.total_score} 减各指标得分之和求得 {candidate}"
                 f"（与分值 {total.weight} × 执行率 {total.execution_rate}% 一致）", "funds.total.score",
                 ctx.fields.get("funds.total"))


def assemble(grid: Grid) -> list[Form]:
    forms = []
    for index, (title, rows) in enumerate(split_forms(grid)):
        ctx = Context(file=grid.file, layout=grid.layout)
        forms.append(assemble_form(title, rows, ctx, index))
    return forms
