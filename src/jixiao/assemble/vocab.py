"""The form's own words: section labels, fund rows and columns, indicator levels.

All matching is on `fold`ed text, so full-width forms and spaces inside labels do not matter.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.assemble.text import fold

TITLE = re.compile(r"^(?:\d{4}\s*年度?)?.{0,24}绩效自评表$")
YEAR = re.compile(r"((?:19|20)\d{2})年度?")

PROJECT_NAME = "项目名称"
DEPARTMENT = "主管部门"
IMPLEMENTING_UNIT = "实施单位"
HEAD_LABELS = (PROJECT_NAME, DEPARTMENT, IMPLEMENTING_UNIT)
FUNDS = "项目资金"
GOALS = ("年度总体目标", "总体目标")
# the 年度总体目标 label, also cut over lines ('年度' / '总体' / '目标')
GOAL_LABEL_PIECES = frozenset({"年度", "总体", "目标", "年度总体", "年度总体目标", "总体目标"})
GOAL_EXPECTED = ("预期目标", "预算目标", "年度目标")
GOAL_ACTUAL = ("实际完成情况", "实际完成")
INDICATOR_HEADER = ("一级指标", "三级指标")
TOTAL = "总分"
GRADE = ("评分等级", "自评等级", "评价等级")

# fund rows: key -> words that name the row (first match wins, in this order)
FUND_ROW_WORDS = (
    ("total", ("年度资金总额", "资金总额", "合计")),
    ("current_year", ("当年财政拨款", "本年财政拨款", "财政拨款")),
    ("carryover", ("上年结转资金", "上年结转", "结转资金")),
    ("other", ("其他资金",)),
)
# fund columns: key -> header words
FUND_COLUMN_WORDS = (
    ("initial_budget", ("年初预算数", "年初预算")),
    ("annual_budget", ("全年预算数", "全年预算", "调整后预算")),
    ("executed", ("全年执行数", "全年执行", "执行数")),
    ("execution_rate", ("执行率",)),
    ("weight", ("分值", "分数", "权重")),
    ("score", ("得分",)),
)
DEFAULT_FUND_COLUMNS = ("initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score")

LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2_PARENT = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "满意度指标": "满意度指标",
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
}
CAPTION = "绩效指标"  # the caption of the whole indicator block, printed in a column of its own
_POINTS = re.compile(r"[(（]\d+(?:\.\d+)?分[)）]$")
LABELS = frozenset(LEVEL1) | frozenset(LEVEL2_PARENT)


@lru_cache(maxsize=4096)
def label_key(text: str | None) -> str:
    """A level label's key: folded, without a trailing '(50分)'."""
    return _POINTS.sub("", fold(text))


def is_label(text: str | None) -> bool:
    return label_key(text) in LABELS


def is_caption_piece(text: str | None) -> bool:
    """'绩效指标' or a piece of it left by a page break ('绩效指' … '标')."""
    key = fold(text)
    return bool(key) and (CAPTION.startswith(key) or CAPTION.endswith(key))


def is_label_prefix(text: str) -> bool:
    """A label cut by a line break: '社会效益指' (… '标'), '服务对象满' (… '意度指标')."""
    key = label_key(text)
    return len(key) >= 2 and any(lab.startswith(key) and lab != key for lab in LABELS)


@lru_cache(maxsize=4096)
def fund_row_key(text: str | None) -> str | None:
    key = fold(text).rstrip(":：")
    if not key or len(key) > 14:
        return None
    for row, words in FUND_ROW_WORDS:
        if any(w in key for w in words):
            return row
    return None


@lru_cache(maxsize=4096)
def fund_column_key(text: str | None) -> str | None:
    key = fold(text)
    if not key or len(key) > 10:
        return None
    for col, words in FUND_COLUMN_WORDS:
        if any(key.startswith(w) for w in words):
            return col
    return None


def starts_with(text: str | None, words: tuple[str, ...] | str) -> bool:
    return fold(text).startswith(words)
