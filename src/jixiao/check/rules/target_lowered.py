from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext, source_of
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rules.common import label
from jixiao.check.score import IndicatorScore, Scorecard
from jixiao.check.targets import Target, direction
from jixiao.names import SIMILARITY, match_names


def _numeric(card: Scorecard) -> list[IndicatorScore]:
    """The indicators whose target has a number: only those can be lower or higher."""
    return [s for s in card.indicators if s.target.number is not None]


def _target(s: IndicatorScore) -> Target:
    return Target(s.target.op.value if s.target.op else None, s.target.number, s.target.unit or None, s.kind.value)


class TargetLowered(Rule):
    """同一项目的三级指标，年度指标值比上一年度的低（指标逐年调低）：目标定得比去年容易，完成了也说明不了
    绩效，反而可能是为了“完成”而调低。对照的是语料库中同一主管部门、同一项目（名称去掉年份、括注和“项目”
    “专项”等字样后相同或相近）最近一个较早年度的表；三级指标按名称对应。正向指标（≥）调小、反向指标（≤）
    调大都算调低；运算符或单位变了只在报告的项目跨年对比中列出，不报问题。

    这是语料库规则：单独检查一张表时不会触发；jixiao check 一次检查多张表时在这些表之间对照，
    jixiao ingest 导入时在语料库中对照（新导入较早年度的表，也会重新检查较晚年度的表）。调低确有原因的
    （政策调整、项目范围缩小），由审核人确认后用豁免文件豁免。

    不合格示例：“产业投资年报”2021 年指标值 =200 份，2023 年改为 =160 份。
    合格示例：2021 年 ≥200 份，2023 年仍为 ≥200 份，或提高到 ≥220 份。
    """

    code = "RF10"
    name = "redflag.target_lowered"
    title = "指标值低于同一项目上一年度"
    severity = Severity.warning
    category = Category.plausibility
    refs = ("R19",)
    params = {"similarity": SIMILARITY}
    param_docs = {"similarity": "三级指标名称的相似度下限（0–1），达到即视为上一年度的同一指标"}
    corpus = True

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        prior = ctx.previous
        if prior is None:
            return
        before, after = _numeric(prior.card), _numeric(ctx.card)
        names_before = [prior.form.indicators[s.index].name or "" for s in before]
        names_after = [ctx.form.indicators[s.index].name or "" for s in after]
        year = prior.form.year
        for i, j in match_names(names_before, names_after, ctx.params["similarity"]):
            old, new = before[i], after[j]
            if direction(_target(old), _target(new)) != "lowered":
                continue
            ind, was = ctx.form.indicators[new.index], prior.form.indicators[old.index]
            done = f"，{year} 年实际完成“{was.actual}”" if was.actual else ""
            assert old.target.number is not None and new.target.number is not None
            yield ctx.finding(
                f"{new.path}.target",
                f"{label(ind, new.index)}的年度指标值由 {year} 年的“{was.target}”调低为“{ind.target}”{done}",
                provided=new.target.number, expected=old.target.number,
                difference=new.target.number - old.target.number,
                explanation=f"同一项目 {year} 年的表：{source_of(prior.form, old.path) or prior.form.project_name}"
                            f"（“{was.name}”，{was.level2 or '二级指标未注明'}）")
