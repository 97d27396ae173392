"""The 自评结果汇总分析报告 draft: a Word document on the forms a filter selects (a unit — one 主管部门 — or the
whole corpus) that an officer edits into the report a unit files: 基本情况, 自评结果, 主要问题, 整改建议, with tables
and the report's charts as images.

Every figure comes from `jixiao.analytics`, the functions the HTML report and the workbook read, so the three agree;
the text around the figures is fixed wording with the figures filled in, and the first page says it is a draft.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from sqlalchemy import Connection, Engine

from jixiao import analytics, wordfile
from jixiao.analytics.scope import grade_sort_key
from jixiao.check.findings import CATEGORY_ZH, SEVERITY_ZH, Category, Severity
from jixiao.check.risk import FORMULA as RISK_FORMULA
from jixiao.export.sheet import fit_cell
from jixiao.report import charts
from jixiao.store.query import ALL, Filter

TITLE = "财政项目支出绩效自评结果汇总分析报告"
TOP = 15  # rows of the longer tables (departments, rules)
WORST = 10  # forms listed as the riskiest and as outliers
DRAFT_SHADE = "FFF2CC"
ADVICE = {  # per category of finding: what a unit should do about it
    Category.accuracy: "核对表上的金额、执行率、得分、总分和等级，按评分规则重新计算，更正计算和填写错误，"
                       "做到“表上数”与“重算数”一致",
    Category.completeness: "补齐空白的预算数、执行数、指标值、实际完成值、偏差原因和评分等级，"
                           "不能填写的应说明原因",
    Category.design: "按照产出、效益、满意度（及成本）指标体系完善绩效指标，指标应可衡量、有明确的目标值，"
                     "避免用预算执行类指标充当绩效指标",
    Category.plausibility: "对得分与完成情况不相称、超额完成过多、目标值偏低等情况逐项核实，"
                           "实事求是地自评，必要时调整下一年度的目标值",
}


def write_summary_docx(engine: Engine, path: Path, flt: Filter = ALL, *, database: str = "") -> Path:
    """Write the draft report on the forms `flt` selects to `path` (.docx) and return the path; the file appears
    complete or not at all. Without a CJK font the charts are left out and the document says so."""
    doc = wordfile.new_document()
    with engine.connect() as conn:
        overview = analytics.overview(conn, flt)
        _front(doc, flt, overview, database)
        _basics(doc, conn, flt, overview)
        points = analytics.execution_vs_score(conn, flt)
        _results(doc, overview, points)
        rules = analytics.findings_by_rule(conn, flt)
        _problems(doc, conn, flt, overview, rules)
        _advice(doc, rules, points)
    _notes(doc)
    return wordfile.save(doc, path)


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}%"


def _wan(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def _grade_key(label: str) -> tuple[bool, tuple[int, str]]:
    """Best grade first, then those not graded, then the forms whose total could not be recomputed."""
    return label == charts.NOT_RECOMPUTED, grade_sort_key(label)


def _years(years: Sequence[int]) -> str:
    if not years:
        return "年度不详"
    return f"{years[0]} 年度" if len(years) == 1 else f"{years[0]}–{years[-1]} 年度"


def _paragraph(doc: DocumentType, text: str) -> None:
    """An indented paragraph; the text may quote documents, so the characters XML forbids are left out."""
    paragraph = doc.add_paragraph(fit_cell(text))
    paragraph.paragraph_format.first_line_indent = Pt(21)  # two characters, as Chinese documents indent


def _picture(doc: DocumentType, image: bytes, caption: str) -> None:
    doc.add_picture(io.BytesIO(image), width=Cm(16))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(caption).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _chart(doc: DocumentType, draw: Callable[..., bytes], caption: str, *args: object) -> None:
    """A chart, when there is a CJK font to draw it with (the first page says so when there is none)."""
    if charts.cjk_font() is not None:
        _picture(doc, draw(*args), caption)


def _front(doc: DocumentType, flt: Filter, overview: analytics.Overview, database: str) -> None:
    title = doc.add_heading(TITLE, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    scope = doc.add_paragraph(fit_cell(f"（{flt.describe()}，{_years(overview.years)}）"))
    scope.alignment = WD_ALIGN_PARAGRAPH.CENTER
    box = doc.add_table(rows=1, cols=1)
    box.style = "Table Grid"
    cell = box.rows[0].cells[0]
    wordfile.shade(cell, DRAFT_SHADE)
    run = cell.paragraphs[0].add_run("草稿（供修改）")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(14), RGBColor(0xC0, 0x00, 0x00)
    wordfile.put(cell, "\n本报告由 jixiao 根据语料库中的项目支出绩效自评表自动生成，是供经办人员修改、补充的初稿，"
                       "不是正式文本。文中数字来自各表填写的数和 jixiao 按评分规则的重算（“重算”），可在同时生成的 "
                       "HTML 核查报告和 Excel 工作簿中逐表核对；问题的定性、原因分析和整改建议须经人工核实、修改后"
                       "方可使用。", size=wordfile.BODY_SIZE)
    source = f"数据来源：{database}；" if database else ""
    wordfile.put(cell, f"{source}生成时间：{datetime.now():%Y-%m-%d %H:%M}", size=Pt(9))
    if charts.cjk_font() is None:
        wordfile.put(cell, f"注意：{charts.NO_FONT}。", size=Pt(9))


def _basics(doc: DocumentType, conn: Connection, flt: Filter, o: analytics.Overview) -> None:
    doc.add_heading("一、基本情况", level=1)
    _paragraph(doc, f"本次汇总的范围为“{flt.describe()}”。共有 {o.documents:,} 个文件中的 {o.forms:,} 张项目支出绩效"
                    f"自评表，涉及 {o.departments:,} 个主管部门，{_years(o.years)}"
                    + (f"（{'、'.join(map(str, o.years))}）" if len(o.years) > 1 else "") + "。")
    funds = analytics.funds_summary(conn, flt)
    assumed = (f"其中 {funds.unit_assumed} 张表没有注明金额单位，按万元计。" if funds.unit_assumed else "")
    _paragraph(doc, f"项目资金：{funds.forms:,} 张表填写了年度资金总额，"
                    f"全年预算数合计 {_wan(funds.annual_budget)} 万元，"
                    f"全年执行数合计 {_wan(funds.executed)} 万元，合计执行率 {_rate(funds.execution_rate)}"
                    f"（合计执行数 / 合计预算数，只计两者都填写的表）；各表预算执行率（重算）的平均值为 "
                    f"{_rate(o.mean_execution_rate)}。金额单位为万元，按元填写的表已折算。{assumed}")
    departments = analytics.group_stats(conn, flt, "department")
    if len(departments) > 1:
        doc.add_heading("各主管部门情况", level=2)
        _groups(doc, "主管部门", departments)
    years = analytics.group_stats(conn, flt, "year")
    if len(years) > 1:
        doc.add_heading("各年度情况", level=2)
        _groups(doc, "年度", years)


def _groups(doc: DocumentType, label: str, groups: Sequence[analytics.GroupStats]) -> None:
    rows = [("未填" if g.key is None else g.key, g.forms, _score(g.mean_self_score), _score(g.mean_recomputed_score),
             _rate(g.mean_execution_rate), g.errors, g.warnings, g.infos) for g in groups[:TOP]]
    wordfile.table(doc, (label, "表数", "平均自评得分", "平均重算得分", "平均执行率（重算）", "错误", "警告", "提示"),
                   rows, (30, 7, 11, 11, 12, 7, 7, 7))
    if len(groups) > TOP:
        doc.add_paragraph(f"（只列出表数最多的 {TOP} 个，共 {len(groups)} 个；全部见 Excel 工作簿“概览”。）")


def _counts(counts: dict[str, int]) -> str:
    return "、".join(f"{grade} {n} 张" for grade, n in counts.items()) or "无"


def _results(doc: DocumentType, o: analytics.Overview, points: Sequence[analytics.ScorePoint]) -> None:
    doc.add_heading("二、自评结果", level=1)
    recomputed = Counter(p.grade_recomputed or charts.NOT_RECOMPUTED for p in points)
    ordered = dict(sorted(recomputed.items(), key=lambda kv: _grade_key(kv[0])))
    _paragraph(doc, f"自评等级（表上填写）：{_counts(o.grades)}。按评分规则重算总分后的等级：{_counts(ordered)}。")
    higher = [p for p in points if p.inflation is not None and p.inflation > 0.005]
    much = [p for p in higher if p.inflation is not None and p.inflation >= 5]
    _paragraph(doc, f"平均自评得分 {_score(o.mean_self_score)} 分，"
                    f"按规则重算的平均得分 {_score(o.mean_recomputed_score)} 分。"
                    f"自评得分高于重算得分的表有 {len(higher)} 张"
                    + (f"，其中高出 5 分及以上的 {len(much)} 张" if much else "") + "。")
    grades = sorted(set(o.grades) | set(ordered), key=_grade_key)
    wordfile.table(doc, ("评分等级", "自评（表数）", "重算（表数）"),
                   [(g, o.grades.get(g, 0), ordered.get(g, 0)) for g in grades], (2, 1, 1))
    _chart(doc, charts.grade_chart, "图 1  评分等级分布", o.grades, ordered)
    _chart(doc, charts.scatter_chart, "图 2  预算执行率与自评得分", points)


def _problems(doc: DocumentType, conn: Connection, flt: Filter, o: analytics.Overview,
              rules: Sequence[analytics.RuleCount]) -> None:
    doc.add_heading("三、主要问题", level=1)
    total = sum(o.findings.values())
    counts = "、".join(f"{SEVERITY_ZH[s]} {o.findings.get(s.value, 0):,} 条" for s in Severity)
    _paragraph(doc, f"按 jixiao 的规则目录核查，共发现问题 {total:,} 条（{counts}，已豁免的不计）；有错误的表 "
                    f"{o.forms_with_errors:,} 张，占 {_share(o.forms_with_errors, o.forms)}。")
    if rules:
        doc.add_heading("（一）各规则发现的问题", level=2)
        examples = analytics.finding_examples(conn, flt, per_rule=1)
        shown = sorted(rules, key=lambda r: (-r.findings, r.code))[:TOP]
        rows = []
        for r in shown:
            example = next(iter(examples.get(r.code, [])), None)
            case = f"{example.project_name or '（无项目名称）'}：{example.message}" if example else ""
            rows.append((r.code, r.title, SEVERITY_ZH[Severity(r.severity)], r.findings, r.forms, case))
        wordfile.table(doc, ("规则", "问题", "级别", "条数", "涉及表数", "典型问题"), rows, (7, 18, 6, 6, 8, 45))
        if len(rules) > TOP:
            doc.add_paragraph(f"（只列出发现最多的 {TOP} 条规则，共 {len(rules)} 条；"
                              "全部见 HTML 报告“规则命中情况”。）")
        _chart(doc, charts.rules_chart, "图 3  各规则发现的问题", rules)
    outliers = analytics.outliers(conn, flt)
    if outliers:
        doc.add_heading("（二）异常项目", level=2)
        _paragraph(doc, f"自评为优但预算执行率低于 80%，或自评得分比重算得分高 5 分以上的表共 {len(outliers)} 张"
                        + (f"，下表列出前 {WORST} 张" if len(outliers) > WORST else "") + "：")
        wordfile.table(doc, ("项目名称", "主管部门", "年度", "执行率（重算）", "自评得分", "重算得分", "原因"),
                       [(p.project_name, p.department, p.year, _rate(p.execution_rate), _score(p.self_score),
                         _score(p.recomputed_score), p.reason) for p in outliers[:WORST]], (20, 16, 8, 9, 8, 8, 31))
    riskiest = analytics.riskiest(conn, flt, WORST)
    if riskiest:
        doc.add_heading("（三）风险最高的表", level=2)
        _paragraph(doc, "风险分综合了问题的多少和轻重、自评高于重算的分数、执行率与自评等级的差距，并按金额加权，"
                        "是复核的先后顺序（口径见文末说明）。风险分最高的表：")
        wordfile.table(doc, ("项目名称", "主管部门", "年度", "风险分", "错误", "警告", "自评得分", "重算得分",
                             "执行率（重算）"),
                       [(f.project_name, f.department, f.year, "—" if f.risk is None else f"{f.risk:g}", f.errors,
                         f.warnings, _score(f.self_score), _score(f.recomputed_score), _rate(f.execution_rate))
                        for f in riskiest], (22, 18, 8, 7, 5, 5, 8, 8, 10))
    levels = [g for g in analytics.deductions_by_level(conn, flt) if g.points_lost > 0]
    if levels:
        doc.add_heading("（四）扣分情况", level=2)
        top = sorted(levels, key=lambda g: -g.points_lost)[:3]
        deducted = sum(g.deducted for g in levels)
        explained = sum(g.with_reason for g in levels)
        names = "、".join(f"{' · '.join(t for t in (g.level1, g.level2) if t)}（{g.points_lost:.2f} 分）" for g in top)
        _paragraph(doc, f"扣分的指标共 {deducted:,} 项，其中填写了偏差原因的 {explained:,} 项"
                        f"（{_share(explained, deducted)}）。扣分最多的是：{names}。")
        _chart(doc, charts.deductions_chart, "图 4  各二级指标的扣分", levels)


def _advice(doc: DocumentType, rules: Sequence[analytics.RuleCount], points: Sequence[analytics.ScorePoint]) -> None:
    doc.add_heading("四、整改建议", level=1)
    _paragraph(doc, "以下建议根据自动核查的结果生成，请结合实际情况修改、补充：")
    by_category: dict[str, list[analytics.RuleCount]] = {}
    for r in sorted(rules, key=lambda r: -r.findings):
        by_category.setdefault(r.category, []).append(r)
    number = 0
    for category in Category:
        found = by_category.get(category.value)
        if not found:
            continue
        number += 1
        named = "、".join(f"{r.title}（{r.code}，{r.findings} 条）" for r in found[:3])
        _paragraph(doc, f"{number}. {CATEGORY_ZH[category]}方面：主要是{named}。建议{ADVICE[category]}。")
    low = [p for p in points if p.execution_rate is not None and p.execution_rate < 80]
    if low:
        number += 1
        _paragraph(doc, f"{number}. 预算执行：{len(low)} 张表的预算执行率低于 80%。建议分析执行缓慢的原因，加快执行"
                        "进度；执行率低而自评为优的，应重新审视自评等级。")
    number += 1
    _paragraph(doc, f"{number}. 复核：建议按风险分从高到低逐表复核，用 jixiao worksheet 生成复核表，"
                    "记录复核意见后由单位修改并重新报送。")
    if not rules and not low:
        _paragraph(doc, "本次核查没有发现问题。")


def _notes(doc: DocumentType) -> None:
    doc.add_heading("附：口径说明", level=1)
    for text in (
        "“重算”指 jixiao 根据表上填写的预算数、执行数、指标值和实际完成值，按评分规则重新计算的执行率、得分、"
        "总分和等级；与表上填写的数不一致的，在核查发现中列出。",
        "问题按级别分为错误（计算或填写错误）、警告（不合规范或不合理）和提示（值得注意）；已豁免的问题不计。",
        f"风险分：{RISK_FORMULA}。",
        "金额单位为万元；按元填写的表已折算，没有注明单位的表按万元计。",
    ):
        _paragraph(doc, text)
