"""Terminal renderings of form records (rich). Only presentation: values come from the records."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from jixiao.model import Form


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def form_summary(form: Form, number: int, count: int) -> RenderableType:
    src = form.source
    where = f"{src.file}:{src.first_line}-{src.last_line}" if src else ""
    head = Text()
    head.append(f"[{number}/{count}] ", style="dim")
    head.append(form.project_name or "（未读到项目名称）", style="bold")
    if form.year:
        head.append(f"  {form.year}年度")
    head.append(f"  {where}", style="dim")
    units = Text(f"主管部门 {form.department or '—'}   实施单位 {form.implementing_unit or '—'}")
    total = form.funds.total
    money = Text(f"项目资金（{form.fund_unit or '单位未知'}）  ")
    if total:
        money.append(f"年初预算 {_num(total.initial_budget)}  全年预算 {_num(total.annual_budget)}  "
                     f"全年执行 {_num(total.executed)}  执行率 {_num(total.execution_rate)}%  "
                     f"得分 {_num(total.score)} / {_num(total.weight)}")
    else:
        money.append("未读到年度资金总额", style="yellow")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column("一级指标", no_wrap=True)
    table.add_column("二级指标", no_wrap=True)
    table.add_column("三级指标", min_width=16, ratio=3, overflow="fold")
    table.add_column("年度指标值", min_width=10, ratio=2, overflow="fold")
    table.add_column("实际完成值", min_width=10, ratio=2, overflow="fold")
    table.add_column("分值", justify="right", no_wrap=True)
    table.add_column("得分", justify="right", no_wrap=True)
    table.add_column("偏差原因", ratio=2, overflow="fold")
    previous: tuple[str | None, str | None] = (None, None)
    for ind in form.indicators:
        lost = ind.score is not None and ind.weight is not None and ind.score < ind.weight
        level1 = ind.level1 if ind.level1 != previous[0] else ""  # print merged labels once, as the form does
        level2 = ind.level2 if (ind.level1, ind.level2) != previous else ""
        previous = (ind.level1, ind.level2)
        table.add_row(level1 if level1 is not None else "—", level2 if level2 is not None else "—",
                      ind.name or "—", ind.target or "—", ind.actual or "—",
                      _num(ind.weight), Text(_num(ind.score), style="yellow" if lost else ""),
                      (ind.deviation or "")[:60])
    foot = Text(f"总分 {_num(form.total_score)} / {_num(form.total_weight)}   评分等级 {form.grade or '—'}")
    parts: list[RenderableType] = [head, units, money, table, foot]
    for w in form.warnings:
        parts.append(Text(f"  提示 {w.code} 第{w.line}行 {w.path or ''}：{w.message}", style="yellow"))
    return Group(*parts, Text(""))
