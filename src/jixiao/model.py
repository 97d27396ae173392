"""The form record. Its JSON export is the interchange record of schema/form.schema.json.

Values are what the form states; recomputed values and findings belong to the checker, not here.
What the parser could not read is null, with a `ReadWarning` naming the place. No number is NaN or infinite
(`FINITE`): a record from elsewhere that holds one is rejected by place, and no output has to write one.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FUND_ROWS = ("total", "current_year", "carryover", "other")
FINITE = ConfigDict(allow_inf_nan=False)
FUND_COLUMNS = ("initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score")


class FundRow(BaseModel):
    """One row of the 项目资金 block, in the form's own unit."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    initial_budget: float | None = None  # 年初预算数
    annual_budget: float | None = None  # 全年预算数
    executed: float | None = None  # 全年执行数
    weight: float | None = None  # 分值 / 分数
    execution_rate: float | None = None  # 执行率, percent as printed
    score: float | None = None  # 得分


class Funds(BaseModel):
    model_config = ConfigDict(extra="forbid")

    total: FundRow | None = None  # 年度资金总额
    current_year: FundRow | None = None  # 其中：当年财政拨款
    carryover: FundRow | None = None  # 上年结转资金
    other: FundRow | None = None  # 其他资金


class Indicator(BaseModel):
    """One 三级指标 row of the 绩效指标 table."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    level1: str | None = None  # 一级指标
    level2: str | None = None  # 二级指标
    name: str | None = None  # 三级指标
    target: str | None = None  # 年度指标值, as printed
    actual: str | None = None  # 实际完成值, as printed
    weight: float | None = None  # 分值
    score: float | None = None  # 得分
    deviation: str | None = None  # 偏差原因分析及改进措施


class ReadWarning(BaseModel):
    """Something the parser could not read as printed, or had to repair."""

    code: str
    message: str  # Chinese, for the user
    path: str | None = None  # dotted path into the record, e.g. funds.total.score
    line: int | None = None


class Waiver(BaseModel):
    """A reviewer's suppression carried by the form: findings of rule `code` (at `path`, if given) are accepted."""

    model_config = ConfigDict(extra="forbid")

    code: str
    reason: str = Field(min_length=1)
    path: str | None = None

    def covers(self, code: str, path: str) -> bool:
        return code == self.code and self.path in (None, path)


class Source(BaseModel):
    """Where a form was read from; `fields` maps dotted record paths to their source line, `pages` (paged input:
    PDF, Word, workbooks) to their page, `confidence` every field's dotted path to how sure the reading is (0–1)."""

    model_config = FINITE

    file: str
    form_index: int = Field(ge=0)
    first_line: int | None = None
    last_line: int | None = None
    page: int | None = None
    fields: dict[str, int] = Field(default_factory=dict)
    pages: dict[str, int] = Field(default_factory=dict)
    confidence: dict[str, float] = Field(default_factory=dict)


class FieldConfidence(BaseModel):
    model_config = FINITE

    path: str
    confidence: float


class Confidence(BaseModel):
    """A form's confidence at a glance: the least sure field, the mean, and the least sure fields first."""

    model_config = FINITE

    overall: float = 1.0
    mean: float = 1.0
    lowest: list[FieldConfidence] = Field(default_factory=list)

    @classmethod
    def of(cls, fields: dict[str, float], keep: int = 10) -> Confidence:
        """The summary of a map of field confidences (as in `Source.confidence`)."""
        lowest = sorted((v, p) for p, v in fields.items() if v < 1.0)[:keep]
        return cls(overall=min(fields.values(), default=1.0),
                   mean=round(sum(fields.values()) / len(fields), 3) if fields else 1.0,
                   lowest=[FieldConfidence(path=p, confidence=v) for v, p in lowest])


class Form(BaseModel):
    """One 财政项目支出绩效自评表."""

    model_config = FINITE

    source: Source | None = None
    title: str | None = None
    year: int | None = Field(default=None, ge=1000, le=9999)  # 年度, four digits
    project_name: str | None = None  # 项目名称
    department: str | None = None  # 主管部门
    implementing_unit: str | None = None  # 实施单位
    fund_unit: Literal["元", "万元"] | None = None
    funds: Funds = Field(default_factory=Funds)
    goal_expected: str | None = None  # 年度总体目标 / 预期目标
    goal_actual: str | None = None  # 年度总体目标 / 实际完成情况
    indicators: list[Indicator] = Field(default_factory=list)
    total_weight: float | None = None  # 总分 / 分值
    total_score: float | None = None  # 总分 / 得分
    grade: str | None = None  # 评分等级 as printed
    warnings: list[ReadWarning] = Field(default_factory=list)
    confidence: Confidence | None = None  # how sure the reading is (from `source.confidence`)
    waivers: list[Waiver] = Field(default_factory=list)  # suppressions of check findings, each with a reason

    def record(self) -> dict:
        """The interchange record (JSON-ready dict)."""
        return self.model_dump(mode="json")
