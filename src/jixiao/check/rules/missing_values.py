from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rules.common import label
from jixiao.model import Form


def unscored_form(form: Form) -> bool:
    """A form without 分值/得分 columns: no indicator has either (some provinces' forms score nothing)."""
    return bool(form.indicators) and all(i.weight is None and i.score is None for i in form.indicators)


FUND_FIELDS = {"annual_budget": "全年预算数", "executed": "全年执行数", "weight": "分值", "score": "得分"}


class MissingValue(Rule):
    """核对所需的数字为空时提示：年度资金总额的全年预算数、全年执行数、分值、得分，各三级指标的分值和得分，总分。

    空值不能参与核对，相关规则只能跳过；提示它，免得“没有发现问题”被误解为“核对通过”。表上根本没有分值、
    得分栏（所有三级指标都没有）时只提示一次，不逐项重复。

    不合格示例：某三级指标的得分一栏空白。
    合格示例：所有分值、得分和资金数字都已填写。
    """

    code = "AR07"
    name = "arithmetic.missing_value"
    title = "核对所需的数字为空"
    severity = Severity.info
    category = Category.completeness
    refs = ("R1", "R2", "R7")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        form = ctx.form
        if form.funds.total is None:
            yield ctx.finding("funds.total", "没有年度资金总额一行，预算执行率无法核对")
        else:
            for column, column_zh in FUND_FIELDS.items():
                if getattr(form.funds.total, column) is None:
                    yield ctx.finding(f"funds.total.{column}", f"年度资金总额的{column_zh}为空，相关核对未做")
        if unscored_form(form):
            yield ctx.finding("indicators", f"{len(form.indicators)} 项三级指标都没有分值和得分（表上没有计分栏），"
                              "逐项计分核对未做")
            if form.total_score is None:
                yield ctx.finding("total_score", "总分的得分为空，总分和等级无法核对")
            return
        for i, ind in enumerate(form.indicators):
            for column, column_zh in (("weight", "分值"), ("score", "得分")):
                if getattr(ind, column) is None:
                    yield ctx.finding(f"indicators.{i}.{column}", f"{label(ind, i)}的{column_zh}为空，相关核对未做")
        if form.total_score is None:
            yield ctx.finding("total_score", "总分的得分为空，总分和等级无法核对")
