"""Terminal renderings (rich) of form records, check reports and the rule catalogue. Only presentation.

Every text that comes from a document, a record, a waiver or a profile file goes through `clean` or `plain`
(jixiao.console): no control character reaches the terminal and no such text is read as Rich markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from jixiao.assemble.context import Context
from jixiao.check.catalogue import Rule
from jixiao.check.findings import CATEGORY_ZH, SEVERITY_ZH, Finding, Severity
from jixiao.check.held import FormLine, HeldReport, same
from jixiao.check.profile import Profile, Scoring
from jixiao.check.rounding import as_fraction
from jixiao.check.select import DEFAULT_LEVEL, SEVERITY_RANK
from jixiao.console import clean, plain
from jixiao.model import Form, FundRow
from jixiao.places import place_of


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


_TOLERANCE = Scoring.model_fields["rounding_tolerance"].default  # the default profile's, as the checker's EX01


def _rate(row: FundRow) -> str:
    """The 执行率 as the form prints it: a percent, or a fraction (`0.958`, which its amounts show is 95.8%) said
    so — not `0.96%`."""
    rate, budget, spent = row.execution_rate, row.annual_budget, row.executed
    if rate is None:
        return "—"
    if budget and spent is not None and as_fraction(rate, spent / budget * 100, _TOLERANCE):
        return f"{rate:g}（即 {rate * 100:.2f}%）"  # (as the checker reads it: EX01)
    return f"{_num(rate)}%"


def form_summary(form: Form, number: int, count: int) -> RenderableType:
    src = form.source
    where = clean(f"{src.file}:{src.first_line}-{src.last_line}") if src else ""
    head = Text()
    head.append(f"[{number}/{count}] ", style="dim")
    head.append(clean(form.project_name or "（未读到项目名称）"), style="bold")
    if form.year:
        head.append(f"  {form.year}年度")
    head.append(f"  {where}", style="dim")
    units = Text(clean(f"主管部门 {form.department or '—'}   实施单位 {form.implementing_unit or '—'}"))
    total = form.funds.total
    money = Text(f"项目资金（{form.fund_unit or '单位未知'}）  ")
    if total:
        money.append(f"年初预算 {_num(total.initial_budget)}  全年预算 {_num(total.annual_budget)}  "
                     f"全年执行 {_num(total.executed)}  执行率 {_rate(total)}  "
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
        table.add_row(plain(level1) if level1 is not None else "—", plain(level2) if level2 is not None else "—",
                      plain(ind.name), plain(ind.target), plain(ind.actual),
                      _num(ind.weight), Text(_num(ind.score), style="yellow" if lost else ""),
                      plain((ind.deviation or "")[:60], ""))
    foot = Text(clean(f"总分 {_num(form.total_score)} / {_num(form.total_weight)}   评分等级 {form.grade or '—'}"))
    parts: list[RenderableType] = [head, units, money, table, foot]
    if form.confidence and form.confidence.lowest:
        sure = form.confidence
        lowest = "，".join(f"{place_of(form, c.path)} {c.confidence:.2f}" for c in sure.lowest[:3])
        parts.append(Text(clean(f"读取置信度 最低 {sure.overall:.2f}、平均 {sure.mean:.2f}（最低的字段：{lowest}）"),
                          style="yellow" if sure.overall < 0.6 else "dim"))
    for w in form.warnings:
        where = f" 第{w.line}行" if w.line is not None else ""
        place = f" {place_of(form, w.path)}" if w.path else ""
        parts.append(Text(clean(f"  提示 {w.code}{where}{place}：{w.message}"), style="yellow"))
    return Group(*parts, Text(""))


SECTION_ZH = {"head": "表头", "funds": "项目资金", "goals": "年度总体目标", "indicators": "绩效指标",
              "total": "总分", "grade": "评分等级", "tail": "表后内容",
              "displaced": "错位的指标表头（未读入）"}


def explain_view(form: Form, trace: Context) -> RenderableType:
    """Why a form was read as it was: its sections and the choices of the segmentation search (`--explain`)."""
    parts: list[RenderableType] = [Text(clean(f"读取过程：{form.project_name or '（未读到项目名称）'}"), style="bold")]
    sections = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    sections.add_column("部分")
    sections.add_column("行", justify="right")
    for kind, first, last in trace.sections:
        sections.add_row(SECTION_ZH.get(kind, kind), f"{first}-{last}" if first is not None else "—")
    parts.append(sections)
    if trace.choices:
        choices = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        choices.add_column("行", justify="right", no_wrap=True)
        choices.add_column("判断")
        choices.add_column("采用（得分）", overflow="fold")
        choices.add_column("其他读法（得分）", overflow="fold")
        for c in trace.choices:
            others = "；".join(f"{what}（{score:+.1f}）" for what, score in c.alternatives) or "—"
            choices.add_row(str(c.line or "—"), plain(c.what), plain(f"{c.chosen}（{c.score:+.1f}）"), plain(others))
        parts.append(choices)
    else:
        parts.append(Text("各部分的行与格在原文中已确定，没有需要权衡的切分。", style="dim"))
    return Group(*parts, Text(""))


SEVERITY_STYLE = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}
RISK_ROWS = 10  # forms in the risk table unless every finding is shown


def _finding_line(finding: Finding, explain: bool, project: str | None = None) -> Text:
    text = Text()
    text.append(clean(f"{finding.source or '—'}  "), style="dim")
    text.append(f"{finding.code}  ", style=SEVERITY_STYLE[finding.severity])
    text.append(f"{SEVERITY_ZH[finding.severity]}  ", style=SEVERITY_STYLE[finding.severity])
    text.append(clean(finding.message))
    text.append(clean(f"  [{finding.path}]"), style="dim")
    if project:
        text.append(clean(f"  〈{project}〉"), style="dim")
    if finding.waived:
        text.append(f"\n    已豁免：{clean(finding.waived)}", style="green")
    if explain and finding.explanation:
        text.append(f"\n    {clean(finding.explanation)}", style="dim")
    return text


REPEATS_SHOWN = 3  # of one rule's findings on a whole form, repeated over many forms, the first few are listed


def _collapsed(findings: Iterable[Finding], repeats: dict[str, int], explain: bool, projects: dict[int, str],
               fold: bool = True) -> Iterator[Text]:
    """The findings in order; a rule that says the same (but for a year) about many whole forms (DS12: no
    成本指标 on every form of a year; `repeats`: on how many forms each such finding is) is listed for its first
    few forms and then counted, so the list stays readable (`--level info` lists every finding)."""
    seen: Counter[str] = Counter()
    for finding in findings:
        key = same(finding)
        if fold and key is not None and repeats.get(key, 0) > REPEATS_SHOWN + 3:  # folding fewer saves nothing
            seen[key] += 1
            if seen[key] > REPEATS_SHOWN:
                if seen[key] == REPEATS_SHOWN + 1:
                    yield Text(clean(f"  …… {finding.code} 另有 {repeats[key] - REPEATS_SHOWN} 张表同样"
                                     f"（[{finding.path}]），--level info 列出全部"), style="dim")
                continue
        yield _finding_line(finding, explain, projects.get(finding.form_index))


def _unused_waivers(form: FormLine) -> Iterator[Text]:
    for waiver in form.unused_waivers:
        project = form.project_name or "（未读到项目名称）"
        yield Text(clean(f"  豁免 {waiver.code}{' ' + waiver.path if waiver.path else ''} 没有对应的问题"
                         f"（理由：{waiver.reason}）〈{project}〉，可以删除"), style="yellow")


def _listed(level: Severity) -> list[Severity]:
    return [s for s in Severity if SEVERITY_RANK[s] <= SEVERITY_RANK[level]]


def report_view(held: HeldReport, level: Severity = DEFAULT_LEVEL, explain: bool = False,
                show_waived: bool = False, selection: str = "") -> Iterator[RenderableType]:
    """The check report for a reviewer: the findings at `level` and above in one list — errors first, then by
    place (file, line) — then the forms by risk, then the summary with every count."""
    projects = {index: name or "（未读到项目名称）" for index, name in held.project_names().items()}
    for severity in _listed(level):
        if not held.count(severity):
            continue
        yield Text(f"{SEVERITY_ZH[severity]}（{held.count(severity)} 条）", style=f"bold {SEVERITY_STYLE[severity]}")
        yield from _collapsed(held.findings(severity), held.repeats(severity), explain, projects,
                              fold=level is not Severity.info)
        yield Text("")
    if show_waived:
        unused = [line for form in held.forms() for line in _unused_waivers(form)]
        if held.tally.waived or unused:
            yield Text(f"已豁免（{held.tally.waived} 条）", style="bold green")
            for finding in held.findings(waived=True):
                yield _finding_line(finding, explain, projects.get(finding.form_index))
            yield from unused
            yield Text("")
    yield from risk_view(held, None if level is Severity.info else RISK_ROWS)
    yield from summary_view(held, level, selection)


def risk_view(held: HeldReport, rows: int | None = RISK_ROWS) -> Iterator[RenderableType]:
    """The forms by risk score, highest first (the first `rows` of them; None: all), each with what makes it up."""
    ranked, total = held.by_risk(rows)
    if not ranked:
        return
    yield Text("风险最高的表（风险分 =（问题 + 虚高 + 执行）× 金额系数，见 docs/risk.md）", style="bold")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("风险分", justify="right", no_wrap=True)
    table.add_column("项目", overflow="fold", ratio=2)
    table.add_column("来源", overflow="fold", ratio=2)
    table.add_column("构成", overflow="fold", ratio=5)
    for form in ranked:
        table.add_row(f"{form.risk:g}", plain(f"[{form.index}] {form.project_name or '（未读到项目名称）'}"),
                      plain(form.file), plain("；".join(form.risk_parts)))
    yield table
    if rows is not None and total > rows:
        yield Text(f"（另有 {total - rows} 张表风险分大于 0；--level info 列出全部，"
                   "--format json 给出每张表的风险分）", style="dim")
    yield Text("")


def summary_view(held: HeldReport, level: Severity = DEFAULT_LEVEL, selection: str = "") -> Iterator[Text]:
    """The closing lines: every count (whatever `level` hid), what was not shown, the counts by rule."""
    s = held.summary
    line = Text(f"共检查 {s.files} 个文件、{s.forms} 张自评表：")
    for sev in Severity:
        line.append(f"{SEVERITY_ZH[sev]} {s.by_severity.get(sev.value, 0)}", style=SEVERITY_STYLE[sev])
        line.append("，")
    line.append(clean(f"已豁免 {s.waived}；评分配置 {held.profile}"))
    if s.unreadable:
        line.append(f"；无法读取 {s.unreadable} 个文件", style="red")
    yield line
    hidden = [(sev, s.by_severity.get(sev.value, 0)) for sev in Severity
              if SEVERITY_RANK[sev] > SEVERITY_RANK[level] and s.by_severity.get(sev.value, 0)]
    if hidden:
        words = "、".join(f"{SEVERITY_ZH[sev]} {n} 条" for sev, n in hidden)
        yield Text(f"未列出{words}（--level info 列出全部）", style="dim")
    if selection:
        yield Text(clean(selection), style="dim")
    if s.by_rule:
        yield Text("按规则：" + "  ".join(f"{code} {n}" for code, n in s.by_rule.items()), style="dim")


def grouped_view(held: HeldReport, level: Severity = DEFAULT_LEVEL, explain: bool = False,
                 show_waived: bool = False, selection: str = "") -> Iterator[RenderableType]:
    """The findings grouped by form in input order, each form's in source-line order (`--format grouped`: how
    `jixiao check` printed them before the reviewer's order), then the summary."""
    listed_severities = _listed(level)
    for form in held.forms():
        shows = any(form.counts.get(s.value) for s in listed_severities)
        listed = held.form_findings(form.number, listed_severities) if shows else []
        waived = held.form_findings(form.number, [], waived=True) if show_waived else []
        if not listed and not waived and not (show_waived and form.unused_waivers):
            continue
        head = Text()
        head.append(f"[{form.index}] ", style="dim")
        head.append(clean(form.project_name or "（未读到项目名称）"), style="bold")
        counts = "，".join(f"{SEVERITY_ZH[s]} {form.counts[s.value]}" for s in Severity if form.counts.get(s.value))
        head.append(clean(f"  {form.file or ''}  {counts}"), style="dim")
        head.append(f"  风险分 {form.risk:g}", style="dim")
        yield head
        for finding in [*listed, *waived]:
            yield _finding_line(finding, explain)
        if show_waived:
            yield from _unused_waivers(form)
        yield Text("")
    yield from summary_view(held, level, selection)


def _severity_text(rule: type[Rule], profile: Profile) -> Text:
    """A rule's severity under a profile, as shown: 错误/警告/提示, or 关闭 when the profile turns it off."""
    severity = profile.severity_of(rule.code, rule.severity.value)
    if severity == "off":
        return Text("关闭", style="dim")
    return Text(SEVERITY_ZH[Severity(severity)], style=SEVERITY_STYLE[Severity(severity)])


def rules_table(rules: dict[str, type[Rule]], profile: Profile) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("代码", "名称", "级别", "类别", "说明", "依据"):
        table.add_column(column, no_wrap=column != "说明", overflow="fold")
    for code, rule in rules.items():
        table.add_row(code, rule.name, _severity_text(rule, profile),
                      CATEGORY_ZH[rule.category], rule.title, "、".join(rule.refs))
    return table


def rule_detail(rule: type[Rule], profile: Profile) -> RenderableType:
    shown = _severity_text(rule, profile).plain
    parts: list[RenderableType] = [
        Text(f"{rule.code}  {rule.name}", style="bold"),
        Text(rule.title),
        Text(f"级别：{shown}（配置 {profile.name}；默认 {SEVERITY_ZH[rule.severity]}）"
             f"   类别：{CATEGORY_ZH[rule.category]}"
             f"   依据：docs/rules.md {'、'.join(rule.refs)}", style="dim"),
        Text(""), Text(rule.doc()),
    ]
    params = {**rule.params, **profile.params.get(rule.code, {})}
    if params:
        parts.append(Text("\n参数（可在配置的 [params." + rule.code + "] 中修改）：", style="bold"))
        for key, value in params.items():
            parts.append(Text(f"  {key} = {value}    {rule.param_docs.get(key, '')}"))
    return Group(*parts)


def profiles_table(profiles: list[Profile]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("配置", no_wrap=True)
    table.add_column("名称", no_wrap=True)
    table.add_column("说明", overflow="fold")
    for p in profiles:
        table.add_row(plain(p.name), plain(p.title),
                      plain(p.description + ("\n来源：" + "；".join(p.sources) if p.sources else ""), ""))
    return table
