from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.assemble.text import fold
from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity

_MONEY = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:亿元|万元|千元|元|(?:亿|万)(?![0-9\u4e00-\u9fff]))")
_DATE = re.compile(r"(?:19|20)[0-9]{2}\s*年度?|[0-9]{1,2}\s*月(?:[0-9]{1,2}\s*日)?|[0-9]{1,2}\s*日")
_NUMBERING = re.compile(r"(?:^|[；;。，,\s])(?:目标|任务)?[0-9]{1,2}\s*[、.．:：)）]|[(（][0-9]{1,2}[)）]")
_CLAUSE = re.compile(r"[，,；;。、]")
_PUNCT = re.compile(r"[\s，,；;。、：:“”\"'（）()!！]")
_SHORT = 10  # a goal this short, with no number, says nothing checkable
_SHORT_CLAUSE = 8  # a clause this short inside a money list names an item (村民组长)


def weakness(text: str | None) -> str | None:
    """Why a 年度总体目标 text is not a performance goal: it only states money, or it is a word like 完成."""
    if not text or not text.strip():
        return None
    shown, text = text.strip(), fold(text)  # traditional characters and full-width digits as the reader folds them
    plain = _PUNCT.sub("", text)
    if len(plain) <= _SHORT and not re.search("[0-9]", plain):
        return f"只写了“{shown}”"
    amounts = _MONEY.findall(text)
    if not amounts:
        return None
    rest = _NUMBERING.sub(" ", _DATE.sub("", _MONEY.sub("", text)))
    if re.search("[0-9]", rest):
        return None  # a count, a share or a date-free number: there is more than money
    clauses = [c for c in _CLAUSE.split(text) if _PUNCT.sub("", c)]
    if all(_MONEY.search(c) or len(_PUNCT.sub("", c)) <= _SHORT_CLAUSE for c in clauses):
        return f"只写了金额（{amounts[0].strip()}）"
    return None


class GoalText(Rule):
    """年度总体目标（预期目标、实际完成情况）应写明要做成什么、做成了什么：产出的数量、质量、时效和效果。
    只写金额（“全年执行1亿元”“本项目共申请预算资金2026400元，其中……”）或只写“完成”“已完成”的，
    没有可衡量的目标，等于没有填写。预期目标和实际完成情况都有问题的，报一条；两者相同时也不再另报 RF04。

    不合格示例：预期目标“全年投入1.5亿元。”，实际完成情况“全年执行1.5亿元。”
    合格示例：预期目标“完成10场培训，覆盖1000人次”，实际完成情况“完成12场培训，覆盖1180人次”。
    """

    code = "DS14"
    name = "design.goal_text"
    title = "年度总体目标只写金额或“完成”"
    severity = Severity.warning
    category = Category.design
    refs = ("R28", "R32")
    supersedes = ("RF04",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        form = ctx.form
        expected, actual = weakness(form.goal_expected), weakness(form.goal_actual)
        if expected and actual:
            yield ctx.finding("goal_expected", f"年度总体目标的预期目标{expected}，实际完成情况{actual}："
                              "没有写明产出和效果", provided=form.goal_expected, expected="可衡量的产出和效果")
        elif expected:
            yield ctx.finding("goal_expected", f"年度总体目标的预期目标{expected}：没有写明要达到的产出和效果",
                              provided=form.goal_expected, expected="可衡量的产出和效果")
        elif actual:
            yield ctx.finding("goal_actual", f"年度总体目标的实际完成情况{actual}：没有写明完成了什么",
                              provided=form.goal_actual, expected="实际达到的产出和效果")
