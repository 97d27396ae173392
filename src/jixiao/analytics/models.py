"""What the analytics functions return: plain pydantic models, so the HTML report, the Excel workbook and
`model_dump(mode="json")` all read the same fields. Scores are points, rates are percent (85.3, not 0.853)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from jixiao.check.targets import Direction

Key = str | int | None


class Overview(BaseModel):
    """The corpus at a glance (概览)."""

    documents: int = 0  # current documents holding a matching form
    forms: int = 0
    departments: int = 0  # distinct 主管部门
    years: list[int] = Field(default_factory=list)
    failures: int = 0  # files ingest could not read (not narrowed by the filter: they have no year or department)
    findings: dict[str, int] = Field(default_factory=dict)  # severity → unwaived findings: error, warning, info
    forms_with_errors: int = 0
    mean_self_score: float | None = None  # 自评总分
    mean_recomputed_score: float | None = None
    mean_execution_rate: float | None = None  # recomputed 预算执行率
    grades: dict[str, int] = Field(default_factory=dict)  # printed 评分等级 (or "未填") → forms, best grade first


class FundsSummary(BaseModel):
    """The 年度资金总额 rows of the selected forms added up, in 万元 (amounts printed in 元 converted)."""

    forms: int = 0  # forms with a 年度资金总额 row
    annual_budget: float | None = None  # Σ 全年预算数
    executed: float | None = None  # Σ 全年执行数
    execution_rate: float | None = None  # Σ executed / Σ budget × 100, over the forms that print both
    unit_assumed: int = 0  # forms that state no unit (taken to be 万元)


class GroupStats(BaseModel):
    """Forms of one department, year or printed grade."""

    key: Key  # None: the forms that do not state it
    forms: int = 0
    mean_self_score: float | None = None
    mean_recomputed_score: float | None = None
    mean_execution_rate: float | None = None
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    grades: dict[str, int] = Field(default_factory=dict)


class ScorePoint(BaseModel):
    """One form's execution rate against its scores (执行率与得分)."""

    form_id: int
    year: int | None = None
    department: str | None = None
    project_name: str | None = None
    document: str | None = None  # file name
    line: int | None = None  # the form's first line in that file
    execution_rate: float | None = None  # recomputed, percent
    self_score: float | None = None  # printed 总分 得分
    recomputed_score: float | None = None
    grade: str | None = None  # printed
    grade_recomputed: str | None = None
    inflation: float | None = None  # self − recomputed
    outlier: bool = False
    reason: str | None = None  # why it is an outlier, in Chinese


class Deduction(BaseModel):
    """Points lost on one indicator, or on the 预算执行率 row of the funds block (扣分)."""

    form_id: int
    year: int | None = None
    department: str | None = None
    project_name: str | None = None
    document: str | None = None
    line: int | None = None
    level1: str | None = None
    level2: str | None = None
    name: str | None = None
    target: str | None = None
    actual: str | None = None
    weight: float
    score: float
    lost: float
    reason: str | None = None  # 偏差原因分析及改进措施, None when blank


class DeductionGroup(BaseModel):
    """Deductions summed over one 一级/二级指标 pair."""

    level1: str | None = None
    level2: str | None = None
    indicators: int = 0
    deducted: int = 0  # indicators that lost points
    points_lost: float = 0.0
    with_reason: int = 0  # of those, how many explain why


class RuleCount(BaseModel):
    """Unwaived findings of one rule."""

    code: str
    name: str
    title: str  # Chinese, from the catalogue
    severity: str  # the most severe of its findings: error, warning or info
    category: str
    findings: int = 0
    forms: int = 0  # distinct forms
    errors: int = 0  # its findings by severity (a minor case of a warning rule is reported as info)
    warnings: int = 0
    infos: int = 0


class FindingExample(BaseModel):
    """One finding of a rule, on one form, as an example of what the rule finds (典型问题)."""

    code: str
    form_id: int
    project_name: str | None = None
    department: str | None = None
    year: int | None = None
    message: str  # Chinese


class RiskyForm(BaseModel):
    """A form among those a reviewer should look at first (风险分, jixiao.check.risk)."""

    form_id: int
    year: int | None = None
    department: str | None = None
    project_name: str | None = None
    risk: float | None = None
    self_score: float | None = None
    recomputed_score: float | None = None
    execution_rate: float | None = None  # recomputed, percent
    grade: str | None = None  # printed
    grade_recomputed: str | None = None
    errors: int = 0
    warnings: int = 0


class DepartmentFindings(BaseModel):
    department: str | None = None
    forms: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    top_rules: list[str] = Field(default_factory=list)  # the three most frequent rule codes


class ProjectPoint(BaseModel):
    """One year of a project."""

    year: int
    form_id: int
    project_name: str | None = None
    self_score: float | None = None
    recomputed_score: float | None = None
    execution_rate: float | None = None
    grade: str | None = None


class IndicatorChange(BaseModel):
    """An indicator whose target moved between two consecutive years of a project (指标调整)."""

    level2: str | None = None
    name: str | None = None  # the later year's spelling
    from_year: int
    to_year: int
    from_form: int
    to_form: int
    target_from: float | None = None  # parsed target numbers
    target_to: float | None = None
    actual_from: float | None = None  # parsed actual numbers
    actual_to: float | None = None
    unit: str | None = None
    target_text_from: str | None = None  # the targets as printed
    target_text_to: str | None = None
    direction: Direction
    note: str  # Chinese


class ProjectSeries(BaseModel):
    """The same project of one department across years (项目跨年对比)."""

    department: str
    name: str  # latest spelling
    names: list[str] = Field(default_factory=list)  # every spelling, earliest first
    years: list[int] = Field(default_factory=list)
    points: list[ProjectPoint] = Field(default_factory=list)
    changes: list[IndicatorChange] = Field(default_factory=list)
    lowered: int = 0  # changes that lowered a target


class LibraryEntry(BaseModel):
    """One 三级指标 as used across the corpus (指标库)."""

    level1: str | None = None
    level2: str | None = None
    name: str  # the most common spelling
    forms: int = 0
    typical_target: str | None = None  # most common 年度指标值
    target_min: float | None = None
    target_median: float | None = None
    target_max: float | None = None
    units: list[str] = Field(default_factory=list)  # most common first
    typical_weight: float | None = None
    weight_min: float | None = None
    weight_max: float | None = None
