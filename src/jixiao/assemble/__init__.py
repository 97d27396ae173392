"""Assembler: one grammar-driven reading of the token stream into `Form` records, for every layout.

It finds forms by their title (several per document; a page that only names a form starts none), cuts each
into sections at their labels wherever they stand, and hands each section to the module that knows its
grammar: head, funds, goals, indicators, totals. No code path depends on how the document was laid out:
where the source says where cells and rows end, that is used; where it does not, the form's own grammar and
arithmetic decide. Every field read keeps its source line and a confidence; every repair and every value
that could not be read leaves a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from jixiao.assemble.context import LOW_CONFIDENCE, Context
from jixiao.assemble.funds import AMOUNT_UNIT, TOLERANCE, fund_unit, read_funds
from jixiao.assemble.glued import MIN_RUN, glued_runs, unglue
from jixiao.assemble.goals import read_goals
from jixiao.assemble.head import HEAD_FIELDS, head_in_block, read_head, read_year
from jixiao.assemble.indicators import page_number_at_end, read_indicators
from jixiao.assemble.late import has_late_cells, late_in_goals, page_ends, put_back
from jixiao.assemble.lexicon import Lexicon, is_points_only, label_key, label_points
from jixiao.assemble.stream import (
    BARE_YEAR,
    DISPLACED,
    FormUnits,
    Fragment,
    Section,
    Unit,
    blank_merges,
    document_lexicon,
    is_year_only,
    join_around_lines,
    join_cut_rows,
    join_split_labels,
    sections_of,
    split_forms,
    split_glued_headings,
    split_glued_labels,
    split_stitched_labels,
    title_of,
    units_of,
    without_running_lines,
)
from jixiao.assemble.text import MAX_POINTS, fold
from jixiao.assemble.totals import CUT_AT_POINT, completed_score, read_grade, read_total, read_trailing_grade
from jixiao.model import Confidence, Form, ReadWarning, Source
from jixiao.places import place_of
from jixiao.read.tokens import Document

__all__ = ["Reading", "read_document"]


@dataclass
class Reading:
    """What the assembler made of a document: its forms, fragments of forms it could not place, and (when
    asked) the trace of its choices per form."""

    forms: list[Form] = field(default_factory=list)
    fragments: list[Fragment] = field(default_factory=list)
    traces: list[Context] = field(default_factory=list)


def read_document(doc: Document, explain: bool = False) -> Reading:
    units = units_of(doc)
    lex = document_lexicon(units)
    unglued = unglue(units, lex)
    if unglued is units and (runs := glued_runs(units)) and (printed := document_lexicon(units, runs)) is not lex:
        unglued = unglue(units, printed)  # (runs whose variant's words, not the national form's, glue them)
    if unglued is not units:  # cells glued into runs: cut, then the variant they print
        lex = document_lexicon(unglued, tuple(u.key for u in units if len(u.key) >= MIN_RUN))
        units = unglue(units, lex)
    units = join_around_lines(without_running_lines(join_cut_rows(_cut_number_at_end(units), lex), lex), lex)
    units = split_glued_headings(split_glued_labels(join_split_labels(split_stitched_labels(units, lex), lex), lex),
                                 lex)
    forms, fragments = split_forms(units, lex)
    reading = Reading(fragments=fragments)
    blanks = blank_merges(doc)
    contexts = []
    for index, form_units in enumerate(forms):
        ctx = Context(file=doc.file, explain=explain, blank_merges=blanks)
        reading.forms.append(assemble_form(form_units, lex, ctx, index))
        contexts.append(ctx)
    # flowed text with wrapped cells: a form's table may not show how wide a column is (no cell of it filled
    # it), the document's other forms, printed from one template, do; such a form is read again knowing them
    widths: dict[str, float] = {}
    for ctx in contexts:
        for slot, w in ctx.table_widths.items():
            widths[slot] = max(widths.get(slot, 0.0), w)
    for index, ctx in enumerate(contexts):
        if ctx.table_widths and any(ctx.table_widths.get(s, 0.0) < w - 1.0 for s, w in widths.items()) and any(
                wrap.narrow(widths) and wrap.plan(widths) != plan for wrap, plan in ctx.wrap_rows):
            contexts[index] = Context(file=doc.file, explain=explain, blank_merges=blanks, column_widths=widths)
            reading.forms[index] = assemble_form(forms[index], lex, contexts[index], index)
    if explain:
        reading.traces.extend(contexts)
    _without_body(reading)
    _printed_twice(reading)
    return reading


def _without_body(reading: Reading) -> None:
    """A title after which nothing of a form was read — no year, no head value, no fund row, no goal, no
    indicator table, no total (a page that prints the form's title, then only its notes, whose words opened
    sections) — is no form: it is reported as such. (A title with its year, a page cut short after it, is a
    form's start: read, with warnings for all it lacks.)"""
    for k in range(len(reading.forms) - 1, -1, -1):
        form = reading.forms[k]
        if form.title and form.year is None and not _anything_read(form):
            del reading.forms[k]
            if reading.traces:
                del reading.traces[k]
            reading.fragments.append(Fragment(form.source.first_line, form.source.last_line, form.title, empty=True))
    reading.fragments.sort(key=lambda fr: fr.first_line)


def _anything_read(form: Form) -> bool:
    return bool(form.project_name or form.department or form.implementing_unit or form.goal_expected
                or form.goal_actual or form.indicators or form.grade
                or form.total_weight is not None or form.total_score is not None
                or any(row is not None and any(v is not None for v in row.model_dump().values())
                       for row in (form.funds.total, form.funds.current_year, form.funds.carryover,
                                   form.funds.other)))


def _printed_twice(reading: Reading) -> None:
    """One form printed twice in a row (a page's summary of its attachment in a cell of the page's own table,
    then the attachment): the same project, and the same title and year where both copies print them (a summary
    cut short may lose its title and year to the label before it, `内容概述`; a title may run on from text glued
    before it: the shorter is the title). The copy that reads more fields is kept, with the shorter title."""
    k = 0
    while k + 1 < len(reading.forms):
        a, b = reading.forms[k], reading.forms[k + 1]
        titles = sorted((fold(a.title or ""), fold(b.title or "")), key=len)
        same = a.project_name is not None and fold(a.project_name) == fold(b.project_name or "") and (
            None in (a.year, b.year) or a.year == b.year) and (
            None in (a.title, b.title) or titles[1].endswith(titles[0]))
        if not same:
            k += 1
            continue
        kept, dropped = (a, b) if len(a.source.fields) > len(b.source.fields) else (b, a)
        if kept.title and dropped.title and len(dropped.title) < len(kept.title):
            kept.title = dropped.title  # (one copy's title run on from the text glued before it, '…实施方中央…自评表')
        again = dropped.source.first_line
        kept.warnings.append(ReadWarning(code="P004", line=again, message=(
            f"第 {again} 行起重复印出同一张表（项目名称相同，标题、年度相同或未印出），"
            f"已按读到内容较多的一份（第 {kept.source.first_line} 行起）读入")))
        reading.forms[k:k + 2] = [kept]
        if reading.traces:
            del reading.traces[k + (kept is a)]
    for index, form in enumerate(reading.forms):
        form.source.form_index = index


def _cut_number_at_end(units: list[Unit]) -> list[Unit]:
    """A document that ends right after a number's decimal point (a stored page cut off inside `10.00`) ends with
    that number: '10.' is 10, not text run on from the cell before it (its text keeps the point: a 分值 printed
    '10.00' may be what the cut left of it)."""
    if not units or not CUT_AT_POINT.match(units[-1].key):
        return units
    return [*units[:-1], units[-1]._replace(key=units[-1].key[:-1])]


LONG_LINE = 100  # characters: more than a line of a printed page holds


def line_longer_than_a_page(units: list[Unit]) -> bool:
    """A line of LONG_LINE characters or more (a goal's text): the document's cells are not wrapped at their
    columns' widths — a web page's or a word processor's text, not a PDF's — so a row's cells keep to its line."""
    width: dict[int, int] = {}
    for u in units:
        width[u.row] = width.get(u.row, 0) + len(u.text)
    return any(n >= LONG_LINE for n in width.values())


def assemble_form(fu: FormUnits, lex: Lexicon, ctx: Context, index: int) -> Form:
    sections = sections_of(fu, lex)
    _cut_label_at_end(sections, lex, ctx)
    by_kind: dict[str, list[Section]] = {}
    for s in sections:
        by_kind.setdefault(s.kind, []).append(s)
        lines = [u.line for u in s.units] + ([s.anchor.line] if s.anchor else [])
        ctx.sections.append((s.kind, min(lines) if lines else None, max(lines) if lines else None))
    first = fu.units[0].line if fu.units else None
    form = Form(title=fu.title)
    head = by_kind["head"][0].units
    form.year, year_line = read_year(fu.title_unit, head)
    ctx.at("year", year_line)
    if form.year is None:
        ctx.warn("P014", "未读到年度（应如“(2023年度)”）", "year", first)
    values, used = read_head(head, lex, ctx)
    fund_units = head_in_block([u for s in by_kind.get("funds", []) for u in s.units], values, lex, ctx)
    for name in HEAD_FIELDS:
        setattr(form, name, values.get(name))
    unread = [i for i, u in enumerate(head) if i not in used and not _chrome(u, lex)]
    # (one notice for each run of units read past together: a block the record has no place for, '其中: 中央财政
    # 0 省财政 570 …' under an older form's amounts, is said once, not line by line)
    runs: list[list[int]] = []
    for i in unread:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        _unread(ctx, [head[i] for i in run])
    if fu.title is None:
        ctx.warn("P001", "未找到表格标题（…绩效自评表），按“项目名称”行划分表格", "title", first)
    if form.project_name is None:
        ctx.warn("P011", "未读到项目名称", "project_name", first)
    anchors = [s.anchor for s in by_kind.get("funds", []) if s.anchor is not None]
    form.fund_unit = fund_unit(anchors + fund_units, lex, head)
    form.funds = read_funds(fund_units, lex, ctx, cut_short=sections[-1].kind == "funds")
    _caption_weight(form, by_kind.get("funds", []), ctx)
    # (a caption's points, '年度绩效目标 | (80分)' over the indicator table as Hubei prints it, are no goal text)
    goal_units = [u for s in by_kind.get("goals", []) for u in ([s.anchor] if s.anchor else []) + s.units
                  if not is_points_only(u.key)]
    if indicator_sections := by_kind.get("indicators", []):  # (the foot of the goals' page: its number)
        opening = indicator_sections[0].anchor or next(iter(indicator_sections[0].units), None)
        del goal_units[len(goal_units) - page_number_at_end(goal_units, opening):]
    goal_units, strays = late_in_goals(goal_units, lex)
    # (a form whose last section is its goals was cut short there: its text may be the first alone)
    goals_last = bool(by_kind.get("goals")) and sections[-1].kind == "goals"
    form.goal_expected, form.goal_actual = read_goals(goal_units, lex, ctx, goals_last)
    # the document cut off inside the indicator table (a stored web page ending part-way): nothing follows it
    ends_form = bool(indicator_sections) and sections[-1].kind == "indicators"
    total = by_kind["total"][0] if "total" in by_kind else None
    total_read = read_total(total.units) if total is not None else None
    if total is not None and total_read is not None and sections[-1] is total:
        total_read = _total_cut_short(total.units, total_read)
    # (a 总分 row printing the 分值's 100 alone, '总分 | 100.00': a form not scored yet; not '得分合计 | 100', a
    # score, nor '总分(100分) | 100', whose label prints the 分值)
    weights_only = (total is not None and total_read is not None and total_read[:2] == (MAX_POINTS, None)
                    and not (total.anchor and (label_points(total.anchor.key) is not None
                                               or "得分" in total.anchor.key)))
    indicator_units = [u for s in indicator_sections for u in s.units]
    # text in a spreadsheet PDF's drawing order (`late.py`): the title after the form's first rows, or what
    # only its late cells print at a page's end
    drawn_late = bool(strays) or fu.title_unit is not None and fu.units[0] is not fu.title_unit or any(
        has_late_cells(units, lex) for units in (indicator_units, *(s.units for s in by_kind.get("total", ())),
                                                 *(s.units for s in by_kind.get("grade", ()))))
    kept, runs = page_ends(indicator_units, lex) if drawn_late else (indicator_units, [])
    unwrapped = line_longer_than_a_page(goal_units)
    mark = ctx.mark() if runs or strays else None
    form.indicators = read_indicators(kept, lex, ctx, ends_form, weights_only, unwrapped)
    since = max((run[-1].line for run in (strays, *runs) if run), default=-1)
    if mark is not None:
        placed, left = put_back(form, [strays, *runs], lex, ctx, last_page=False)
        if placed:
            _unread(ctx, left)
        else:  # (runs that are no page's late cells: the table read with them, as printed)
            ctx.rewind(mark)
            since = -1
            form.indicators = read_indicators(indicator_units, lex, ctx, ends_form, weights_only, unwrapped)
            _unread(ctx, strays)
    if not indicator_sections:
        ctx.warn("P012", "未找到绩效指标表（表头应含“一级指标”“三级指标”）", "indicators", first)
    last = fu.units[-1].line if fu.units else None
    past_end: list[Unit] = []  # what the total and grade rows leave unread: words past the table, or late cells
    if total is not None and total_read is not None:
        form.total_weight, form.total_score, line, used = total_read
        printed = label_points(total.anchor.key) if total.anchor else None
        if printed is not None and (form.total_weight is None) != (form.total_score is None):
            # one number after '总分(100分)': the label prints the 分值, the number is the 得分
            form.total_weight, form.total_score = printed, (
                form.total_weight if form.total_score is None else form.total_score)
        elif total.anchor and "得分" in total.anchor.key and form.total_score is None:
            form.total_weight, form.total_score = None, form.total_weight  # '得分合计 | 100': the number is a 得分
        ctx.at("total_score", line or (total.anchor.line if total.anchor else None))
        scores = [i.score for i in form.indicators]
        fund_score = form.funds.total.score if form.funds and form.funds.total else None
        if form.total_score is not None and scores and None not in scores and (completed := completed_score(
                total.units, used, round((fund_score or 0.0) + sum(scores), 2))) is not None:  # type: ignore[arg-type]
            form.total_score, used = completed
        rest = total.units[used:]
        if "grade" not in by_kind:
            form.grade, line, taken = read_trailing_grade(rest)
            ctx.at("grade", line)
            rest = rest[taken:]
        past_end.extend(rest)
        if form.total_weight is None or form.total_score is None:
            ctx.warn("P015", "总分行应有分值和得分两个数字，未能全部读到", "total_score",
                     total.anchor.line if total.anchor else None)
    elif not any(w.code == "P031" for w in ctx.warnings):  # a table without points has no 总分 row to find
        ctx.warn("P013", "未找到总分行：表格可能在此中断，已保留读到的部分", "total_score", last)
    _recover_fund_score(form, ctx)
    if "grade" in by_kind:
        grade = by_kind["grade"][0]
        form.grade, line, used = read_grade(grade.units)
        ctx.at("grade", grade.anchor.line if grade.anchor else line)
        past_end.extend(grade.units[used:])
    _unread(ctx, put_back(form, [past_end], lex, ctx, since)[1] if drawn_late else past_end)
    _tail(ctx, by_kind.get("tail", []))
    for section in by_kind.get(DISPLACED, []):  # (its heading is its first unit, or its anchor alone)
        _unread(ctx, section.units if section.units[:1] == [section.anchor] or not section.anchor
                else [section.anchor, *section.units])
    _arithmetic_confidence(form, ctx)
    pages: dict[int, int] = {}
    for u in fu.units:
        if u.page is not None:
            pages.setdefault(u.line, u.page)
    form.source = Source(file=ctx.file, form_index=index, first_line=first, last_line=last,
                         page=pages.get(first) if first is not None else None,
                         fields=dict(ctx.fields), confidence=_confidences(form, ctx),
                         pages={path: pages[line] for path, line in ctx.fields.items() if line in pages})
    form.confidence = Confidence.of(form.source.confidence)
    for item in form.confidence.lowest:
        parent = item.path.rsplit(".", 1)[0]  # an indicator's cells: its row said it already, on its line
        said = parent.startswith("indicators.") and any((w.path or "").startswith(parent + ".") for w in ctx.warnings)
        if item.confidence < LOW_CONFIDENCE and not said and not any(w.path == item.path for w in ctx.warnings):
            ctx.warn("P040", f"{place_of(form, item.path)}读取不确定（置信度 {item.confidence:.2f}），请核对原件",
                     item.path, ctx.fields.get(item.path, ctx.fields.get(parent)))
    form.warnings = list(ctx.warnings)
    return form


def _total_cut_short(units: list[Unit], read: tuple[float | None, float | None, int | None, int]
                     ) -> tuple[float | None, float | None, int | None, int]:
    """A form cut off inside its 总分 row (`总分 | 10` of 100.00, the document's end): a lone number that is what
    the cut left of the 分值 100 is no 得分 (the 分值 alone unless the cut took its digits)."""
    weight, score, line, used = read
    last = units[-1] if units else None
    if weight is None and score is not None and used == len(units) and last is not None and (
            digits := last.key.rstrip(".")) and "100.00".startswith(digits):
        return (MAX_POINTS if score == MAX_POINTS else None), None, line, used
    return read


def _cut_label_at_end(sections: list[Section], lex: Lexicon, ctx: Context) -> None:
    """A form that ends in its head, funds or goals was cut off there (a stored web page ends part-way): a last
    unit that is the beginning of one of the form's labels and nothing else ('实际完' of 实际完成情况, '项目资' of
    项目资金) is where the cut fell inside that label, not a value. (The indicator table's last row is its
    reader's: a name may read as a label's beginning, '满意度'.)"""
    last = sections[-1] if sections else None
    if last is None or last.kind not in ("head", "funds", "goals") or not last.units:
        return
    u = last.units[-1]
    if (u.key in lex.prefixes and u.key not in lex.words and not lex.section(u.key)
            and not any(c.isdigit() for c in u.key)):  # (not a whole label that begins a longer one: '原因')
        last.units.pop()
        ctx.warn("P038", f"第 {u.line} 行：文档在标签“{u.text}”处中断（未写完），这几个字未读入", None, u.line)


def _caption_weight(form: Form, sections: list[Section], ctx: Context) -> None:
    """A fund table without a 分值 column prints its points in its caption ('预算执行情况(万元)(20分)', Hubei's
    form; the points may stand in a cell of their own): that is the 年度资金总额's 分值."""
    total = form.funds.total
    if total is None or total.weight is not None:
        return
    for s in sections:
        captions = ([s.anchor] if s.anchor else []) + [u for u in s.units[:1] if is_points_only(u.key)]
        for unit in captions:
            if (printed := label_points(unit.key)) is not None:
                total.weight = printed
                ctx.at("funds.total.weight", unit.line)
                return


def _chrome(unit, lex: Lexicon) -> bool:
    """Words in a form's head read elsewhere or not the form's: the year (bare too), the amounts' unit (`单位：万元`,
    read by `fund_unit`), an attachment number, a title repeated."""
    key = unit.key
    return (is_year_only(key) or bool(BARE_YEAR.match(key)) or key.startswith("附件") or bool(title_of(unit, lex))
            or key in ("(", ")", "万元", "元") or bool(AMOUNT_UNIT.match(key)))


def _unread(ctx: Context, units: list) -> None:
    """One P002 for units read past together: per line where they stand on lines apart from each other's, or one
    for a block of them a line or a blank line apart (a cell per line)."""
    lines = sorted({u.line for u in units})
    if len(lines) > 2 and all(b - a <= 2 for a, b in zip(lines, lines[1:], strict=False)):
        text = " ".join(u.text for u in units)
        snippet = text if len(text) <= 30 else text[:30] + "…"
        ctx.warn("P002", f"第 {lines[0]}–{lines[-1]} 行未能识别，未读入记录：“{snippet}”", None, lines[0])
        return
    seen: set[int] = set()
    for u in units:
        if u.line in seen:
            continue
        seen.add(u.line)
        text = " ".join(v.text for v in units if v.line == u.line)
        snippet = text if len(text) <= 30 else text[:30] + "…"
        ctx.warn("P002", f"第 {u.line} 行未能识别，未读入记录：“{snippet}”", None, u.line)


def _tail(ctx: Context, tails: list[Section]) -> None:
    """What follows the table under headings the record has no place for (评价结论, 存在问题, 项目负责人): one
    notice naming them and their lines, not one per line (a form prints them on every page it is filed)."""
    spans: list[list[int]] = []
    for tail in tails:
        lines = [u.line for u in ([tail.anchor] if tail.anchor else []) + tail.units]
        if not lines:
            continue
        if spans and min(lines) <= spans[-1][1] + 2:
            spans[-1][1] = max(spans[-1][1], max(lines))
        else:
            spans.append([min(lines), max(lines)])
    if not spans:
        return
    names = list(dict.fromkeys(label_key(t.anchor.key) for t in tails if t.anchor))
    what = "、".join(f"“{n}”" for n in names[:4]) + ("等" if len(names) > 4 else "")
    where = "、".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)
    what = "表后的" + what if what else "表后"
    ctx.warn("P003", f"第 {where} 行{what}内容记录中没有对应栏目，未读入", None, spans[0][0])


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
        ctx.sure("funds.total.score", 0.7)
        ctx.warn("P022", f"年度资金总额的得分在文本中缺失，由总分 {form.total_score} 减各指标得分之和求得 {candidate}"
                 f"（与分值 {total.weight} × 执行率 {total.execution_rate}% 一致）", "funds.total.score",
                 ctx.fields.get("funds.total"))


def _arithmetic_confidence(form: Form, ctx: Context) -> None:
    """The form's sums confirm the 分值/得分 read (Σ分值 + 资金分值 = 总分分值, Σ得分 + 资金得分 = 总分得分); where
    they fail, the reading may be at fault as much as the form, so those fields are less sure."""
    weights = [i.weight for i in form.indicators]
    scores = [i.score for i in form.indicators]
    total = form.funds.total
    if not weights or None in weights or None in scores or form.total_weight is None:
        return
    fund_weight = total.weight if total and total.weight is not None else 0.0
    fund_score = total.score if total and total.score is not None else 0.0
    weights_ok = abs(sum(weights) + fund_weight - form.total_weight) <= 0.05  # type: ignore[arg-type]
    scores_ok = form.total_score is not None and abs(sum(scores) + fund_score - form.total_score) <= 0.05  # type: ignore[arg-type]
    for k in range(len(form.indicators)):
        if not weights_ok:
            ctx.sure(f"indicators.{k}.weight", 0.85)
        if not scores_ok:
            ctx.sure(f"indicators.{k}.score", 0.85)


_FORM_FIELDS = ("title", "year", "project_name", "department", "implementing_unit", "fund_unit", "goal_expected",
                "goal_actual", "total_weight", "total_score", "grade")
_FUND_COLUMNS = ("initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score")
_INDICATOR_FIELDS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")


def _confidences(form: Form, ctx: Context) -> dict[str, float]:
    """Every field of the record with its confidence (1.0 where nothing made it doubtful)."""
    known = ctx.confidence.get
    out: dict[str, float] = {name: known(name, 1.0) for name in _FORM_FIELDS}
    for row in ("total", "current_year", "carryover", "other"):
        if getattr(form.funds, row) is not None:
            for path in _fund_paths(row):
                out[path] = known(path, 1.0)
    for k in range(len(form.indicators)):
        for path in _indicator_paths(k):
            out[path] = known(path, 1.0)
    return out


@lru_cache(maxsize=8)
def _fund_paths(row: str) -> tuple[str, ...]:
    return tuple(f"funds.{row}.{col}" for col in _FUND_COLUMNS)


@lru_cache(maxsize=1024)
def _indicator_paths(k: int) -> tuple[str, ...]:
    """The dotted paths of indicator `k`'s fields (built once: every form has its indicators 0, 1, 2 …)."""
    return tuple(f"indicators.{k}.{name}" for name in _INDICATOR_FIELDS)
