"""The 绩效指标 table: rows read per layout, then merged level labels resolved over the whole table.

A merged 一级/二级 label is printed once, on the first row of its span in most layouts, in the middle of
it in others. A row takes the labels printed on it; otherwise it continues the block above. A 二级 label
also names its 一级 block (数量指标 → 产出指标), which settles rows whose 一级 label is printed elsewhere in
the span; rows above the first printed 一级 label take that label.
"""

from __future__ import annotations

from jixiao.assemble import vocab
from jixiao.assemble.context import Context
from jixiao.assemble.flow_rows import flow_indicators
from jixiao.assemble.rows import RawIndicator
from jixiao.assemble.table_rows import table_indicators
from jixiao.assemble.text import fold
from jixiao.model import Indicator
from jixiao.read.grid import Row


def is_header(row: Row) -> bool:
    if "标" not in row.text:  # both header words end in 标, which no other character folds to: most rows stop here
        return False
    key = fold(row.text)
    return vocab.INDICATOR_HEADER[0] in key or (vocab.INDICATOR_HEADER[1] in key and "年度指标值" in key)


def _split_labels(raw: RawIndicator) -> tuple[str | None, str | None]:
    level1 = level2 = None
    for k, key in enumerate(raw.labels):
        follows = raw.labels[k + 1] if k + 1 < len(raw.labels) else None
        if key == "成本指标":
            if follows and vocab.LEVEL2_PARENT.get(follows) == "成本指标":
                level1 = key
            else:
                level2 = key
        elif key in vocab.LEVEL1 and not (key == "满意度指标" and level1 == "满意度指标"):
            level1 = level1 or key
            if level1 != key:
                level2 = key
        else:
            level2 = key
    return level1, level2


def resolve_levels(raws: list[RawIndicator]) -> list[tuple[str | None, str | None]]:
    out: list[tuple[str | None, str | None]] = []
    level1 = level2 = None
    for raw in raws:
        printed1, printed2 = _split_labels(raw)
        implied = vocab.LEVEL2_PARENT.get(printed2) if printed2 and printed2 != "成本指标" else None
        new1 = printed1 or (implied if implied and implied != level1 else None)
        if new1:
            if level1 is not None and new1 != level1:
                level2 = None
            level1 = new1
        if printed2:
            level2 = printed2
        out.append((level1, level2))
    first = next((lv1 for lv1, _ in out if lv1), None)
    return [(lv1 or first, lv2) for lv1, lv2 in out]


def read_indicators(rows: list[Row], ctx: Context) -> list[Indicator]:
    body = [r for r in rows if not is_header(r)]
    raws = flow_indicators(body) if ctx.layout == "flow" else table_indicators(body)
    indicators = []
    for k, (raw, (level1, level2)) in enumerate(zip(raws, resolve_levels(raws), strict=True)):
        ind = Indicator(level1=level1, level2=level2, name=raw.name, target=raw.target, actual=raw.actual,
                        weight=raw.weight, score=raw.score, deviation=raw.deviation)
        ctx.at(f"indicators.{k}", raw.line)
        if raw.weight is None or raw.score is None:
            ctx.warn("P030", f"指标“{raw.name or '（无名称）'}”未读到分值或得分（应为行末两个数字），按空值处理",
                     f"indicators.{k}.score", raw.line)
        if raw.short:
            ctx.warn("P033", f"指标“{raw.name}”只读到两格，按三级指标和实际完成值读取，年度指标值为空",
                     f"indicators.{k}.target", raw.line)
        if raw.name is None:
            ctx.warn("P032", "指标行未读到三级指标名称", f"indicators.{k}.name", raw.line)
        indicators.append(ind)
    return indicators
