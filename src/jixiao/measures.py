"""The measure words a form prints after a number: one vocabulary for the readers, the assembler and the checks."""

from __future__ import annotations

# The measures a form prints after a number ('≥1000 人次', '20 万元' without its 万): read where a number and its
# measure stand apart, checked where a target is compared with what was achieved.
MEASURES = frozenset({
    "%", "‰", "人", "人次", "户", "户次", "家", "个", "次", "份", "场", "期", "篇", "款", "项", "件", "台", "套",
    "条", "本", "部", "所", "名", "位", "批", "批次", "节点", "课时", "学时", "天", "日", "周", "月", "年",
    "小时", "分钟", "秒", "工作日", "个工作日", "核小时", "元", "分", "倍", "百分点", "个百分点", "百分比",
    "GB", "TB", "吨", "米", "厘米", "毫米", "公里", "平方米",
    "处", "座", "辆", "亩", "株", "头", "只", "册", "张", "间", "栋", "班", "个次", "人天", "千瓦", "千米",
    "平方公里", "立方米", "公顷", "个月",
})  # fmt: skip


def is_measure(word: str) -> bool:
    """A measure of the vocabulary, in brackets or not, with a scale before it ('次', '(份)', '万元')."""
    bare = word.strip("()（）")
    return bare in MEASURES or (bare[:1] in "万千亿" and bare[1:] in MEASURES)
