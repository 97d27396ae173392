"""The 项目资金 block: four rows (总额, 其中当年拨款, 上年结转, 其他) by six columns.

Most tables read straight: a header row names the columns, each labelled row carries its values in
that order. Text extraction sometimes jumbles the block — values interleaved with header words, a row
repeated, a label on the wrong line, a column lost. Then the block is rebuilt from the numbers present
and the table's own arithmetic (sub-rows add up to the total; 执行率 = 执行数 / 全年预算数; 得分 =
分值 × 执行率), and the rebuild is reported as a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from jixiao.assemble import vocab
from jixiao.assemble.context import Context
from jixiao.assemble.text import fold, is_dash, number
from jixiao.model import FUND_ROWS, FundRow, Funds
from jixiao.read.grid import Row

AMOUNTS = ("initial_budget", "annual_budget", "executed")
SUB_ROWS = ("current_year", "carryover", "other")
CN_ROW = {"total": "年度资金总额", "current_year": "当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}
CN_COL = {
    "initial_budget": "年初预算数", "annual_budget": "全年预算数", "executed": "全年执行数",
    "weight": "分值", "execution_rate": "执行率", "score": "得分",
}
TOLERANCE = 0.0101  # printed rates and scores may be rounded or truncated to two decimals


@dataclass(slots=True)
class FundLine:
    row: Row
    label: str | None  # fund row key
    columns: list[str] = field(default_factory=list)  # header words on this line, as column keys
    values: list[str] = field(default_factory=list)  # value cells (after the label), positional

    @property
    def numbers(self) -> list[float]:
        return [n for v in self.values if (n := number(v)) is not None]

    def filled(self) -> list[str]:
        return [v for v in self.values if v]


def fund_unit(rows: list[Row]) -> str | None:
    """The unit printed in the block's header: '项目资金 (万元)' or '(元)'."""
    for row in rows[:3]:
        key = fold(row.text)
        if "万元" in key:
            return "万元"
        if "(元)" in key or "元)" in key or key.endswith("元"):
            return "元"
    return None


def _classify(row: Row, flow: bool) -> FundLine | None:
    texts = row.texts
    label_at = next((i for i, t in enumerate(texts) if vocab.fund_row_key(t)), None)
    label = vocab.fund_row_key(texts[label_at]) if label_at is not None else None
    after = texts[label_at + 1:] if label_at is not None else texts
    keys = [vocab.fund_column_key(t) for t in after]
    columns = [c for c in keys if c]
    values = [t for t, c in zip(after, keys, strict=True) if not c and not vocab.starts_with(t, vocab.FUNDS)]
    if label is None and not any(number(v) is not None or is_dash(v) for v in values) and not columns:
        return None
    if flow and label_at is not None and label_at > 0:  # a label broken into tokens: keep the values only
        values = [t for t in values if number(t) is not None or is_dash(t)]
    return FundLine(row=row, label=label, columns=columns, values=values)


def _fit_positional(values: list[str], order: tuple[str, ...], flow: bool) -> dict[str, str]:
    """Map a row's value cells onto the columns. Extra empty cells are extraction artefacts."""
    vals = list(values)
    while vals and not vals[-1]:
        vals.pop()
    if len(vals) > len(order):
        vals = [v for v in vals if v]
    vals = vals[: len(order)]
    if flow and len(vals) < len(order):
        # flowed text loses blank cells: amounts fill from the left, the rest is right-aligned
        amounts = [c for c in order if c in AMOUNTS]
        tail = [c for c in order if c not in AMOUNTS]
        t = min(len(tail), len(vals))
        mapping = dict(zip(amounts, vals[: len(vals) - t], strict=False))
        mapping.update(zip(tail[len(tail) - t:], vals[len(vals) - t:], strict=False))
        return mapping
    return dict(zip(order, vals, strict=False))


def _row_from(mapping: dict[str, str], key: str, line: int | None, ctx: Context) -> FundRow:
    values: dict[str, float | None] = {}
    for col, text in mapping.items():
        if not text or is_dash(text):
            continue
        value = number(text)
        if value is None:
            ctx.warn("P021", f"项目资金“{CN_ROW[key]}”行“{CN_COL[col]}”列的“{text}”不是数字，按空值处理",
                     f"funds.{key}.{col}", line)
        values[col] = value
    return FundRow(**values)


def _is_sub_pattern(mapping: dict[str, str]) -> bool:
    """A sub-row carries no weight or score of its own ('-' or blank)."""
    return number(mapping.get("weight")) is None and number(mapping.get("score")) is None


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE


def _fit_total(nums: list[float], sums: dict[str, float], cols: tuple[str, ...]) -> dict[str, float]:
    """Place the total row's surviving numbers in its columns (in the table's order) so that the
    arithmetic holds best."""
    best: tuple[float, dict[str, float]] | None = None
    for slots in combinations(range(len(cols)), min(len(nums), len(cols))):
        row = {cols[i]: v for i, v in zip(slots, nums, strict=False)}
        filled = dict(row)
        points = 0.0
        for col in AMOUNTS:
            if col in row and col in sums:
                points += 1 if _close(row[col], sums[col]) else -3
            elif col not in row and col in sums:
                filled[col] = sums[col]
        weight, rate, score = filled.get("weight"), filled.get("execution_rate"), filled.get("score")
        annual, executed = filled.get("annual_budget"), filled.get("executed")
        if weight is not None:
            points += 1 if 0 < weight <= 30 else -3
        if rate is not None and annual and executed is not None:
            points += 2 if _close(executed / annual * 100, rate) else -2
        if weight is not None and rate is not None and score is not None:
            points += 2 if _close(weight * min(rate, 100) / 100, score) else -1
            points -= 3 if score > weight else 0
        if best is None or points > best[0]:
            best = (points, filled)
    return best[1] if best else {}


def read_funds(rows: list[Row], ctx: Context) -> Funds:
    flow = ctx.layout == "flow"
    lines = []
    for row in rows:
        fl = _classify(row, flow)
        if fl:
            lines.append(fl)
        elif not vocab.starts_with(row.text, vocab.FUNDS) and fold(row.text) not in vocab.GOAL_LABEL_PIECES \
                and fold(row.text).strip("()（）") not in ("元", "万元"):
            message = f"第 {row.line} 行在项目资金表内但未能识别，未读入记录：“{row.text[:30]}”"
            ctx.warn("P002", message, "funds", row.line)
    header = next((fl for fl in lines if len(set(fl.columns)) >= 5 and not fl.numbers), None)
    order = tuple(dict.fromkeys(header.columns)) if header else vocab.DEFAULT_FUND_COLUMNS

    labelled = [fl for fl in lines if fl.label]
    orphans = [fl for fl in lines if not fl.label and fl.numbers]
    seen: dict[str, FundLine] = {}
    duplicates = []
    for fl in labelled:
        if fl.label in seen:
            duplicates.append(fl)
        else:
            seen[fl.label] = fl
    mapped = {k: _fit_positional(fl.values, order, flow) for k, fl in seen.items()}
    total_ok = "total" in mapped and not _is_sub_pattern(mapped["total"])
    if not orphans and not duplicates and (total_ok or "total" not in mapped):
        funds = Funds()
        for key in FUND_ROWS:
            if key in mapped:
                setattr(funds, key, _row_from(mapped[key], key, seen[key].row.line, ctx))
                ctx.at(f"funds.{key}", seen[key].row.line)
        if not seen:
            ctx.warn("P010", "未读到项目资金表的任何一行（年度资金总额、当年财政拨款等）", "funds",
                     rows[0].line if rows else None)
        return funds
    return _rebuild(seen, mapped, orphans, order, ctx, rows)


def _rebuild(seen: dict[str, FundLine], mapped: dict[str, dict[str, str]], orphans: list[FundLine],
             order: tuple[str, ...], ctx: Context, rows: list[Row]) -> Funds:
    """Rebuild a jumbled block (see module docstring)."""
    funds = Funds()
    first_line = rows[0].line if rows else None
    subs_unlabelled = [fl for fl in orphans if _is_sub_pattern(_fit_positional(fl.values, order, False))
                       and not fl.columns]
    total_numbers = max((fl for fl in orphans if fl not in subs_unlabelled), key=lambda fl: len(fl.numbers),
                        default=None)
    if "total" in mapped and _is_sub_pattern(mapped["total"]):
        # the total's label sits on a sub-row's values: that row belongs to 当年财政拨款
        if "current_year" not in mapped:
            mapped["current_year"], seen["current_year"] = mapped["total"], seen["total"]
        del mapped["total"]
    if "current_year" not in mapped and subs_unlabelled:
        mapped["current_year"] = _fit_positional(subs_unlabelled[0].values, order, False)
        seen["current_year"] = subs_unlabelled[0]
    for key in SUB_ROWS:
        if key in mapped:
            setattr(funds, key, _row_from(mapped[key], key, seen[key].row.line, ctx))
            ctx.at(f"funds.{key}", seen[key].row.line)
    if "total" in mapped:
        funds.total = _row_from(mapped["total"], "total", seen["total"].row.line, ctx)
        ctx.at("funds.total", seen["total"].row.line)
    elif total_numbers is not None:
        sums: dict[str, float] = {}
        subs = [getattr(funds, k) for k in SUB_ROWS if getattr(funds, k) is not None]
        if subs:
            for col in AMOUNTS:
                values = [getattr(r, col) for r in subs]
                if values[0] is not None:
                    sums[col] = round(sum(v or 0.0 for v in values), 2)
        fitted = _fit_total(total_numbers.numbers, sums, order)
        funds.total = FundRow(**fitted)
        ctx.at("funds.total", total_numbers.row.line)
    ctx.warn("P020", "项目资金表在文本中错位（数值与表头混排、行重复或缺列），已按现有数字和表内算术关系"
             "（分项之和 = 总额，执行率 = 全年执行数 / 全年预算数，得分 = 分值 × 执行率）重建，请核对原件",
             "funds", first_line)
    return funds
