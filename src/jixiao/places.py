"""The record's fields and paths in Chinese, in one place: what a finding's, a warning's or a page's "位置"
says (`indicators.3.score` → 绩效指标第 4 行（名称）· 得分, `funds.total.execution_rate` → 项目资金 年度资金总额 ·
执行率)."""

from __future__ import annotations

from jixiao.model import Form

FIELD_ZH = {  # the form's own fields
    "project_name": "项目名称", "department": "主管部门", "implementing_unit": "实施单位", "year": "年度",
    "title": "标题", "fund_unit": "资金单位", "goal": "年度总体目标", "goal_expected": "年度总体目标（预期目标）",
    "goal_actual": "年度总体目标（实际完成情况）", "total_weight": "总分（分值）", "total_score": "总分（得分）",
    "grade": "评分等级", "funds": "项目资金", "indicators": "绩效指标",
}
FUND_ROW_ZH = {
    "total": "年度资金总额", "current_year": "当年财政拨款", "carryover": "上年结转资金", "other": "其他资金",
}
COLUMN_ZH = {  # the fund table's columns, then the indicator table's
    "initial_budget": "年初预算数", "annual_budget": "全年预算数", "executed": "全年执行数", "weight": "分值",
    "execution_rate": "执行率", "score": "得分", "level1": "一级指标", "level2": "二级指标", "name": "三级指标",
    "target": "年度指标值", "actual": "实际完成值", "deviation": "偏差原因分析及改进措施",
}


def place_of(form: Form, path: str) -> str:
    """A record path in Chinese; an indicator's row named by its 三级指标 where the form has one."""
    parts = path.split(".")
    head = parts[0]
    if head == "indicators" and len(parts) > 1 and parts[1].isdecimal():
        index = int(parts[1])
        name = form.indicators[index].name if index < len(form.indicators) else None
        text = f"绩效指标第 {index + 1} 行" + (f"（{name}）" if name else "")
        return text + "".join(f" · {COLUMN_ZH.get(p, p)}" for p in parts[2:])
    if head == "funds" and len(parts) > 1:
        text = f"项目资金 {FUND_ROW_ZH.get(parts[1], parts[1])}"
        return text + "".join(f" · {COLUMN_ZH.get(p, p)}" for p in parts[2:])
    return FIELD_ZH.get(head, path) + "".join(f" · {COLUMN_ZH.get(p, p)}" for p in parts[1:])
