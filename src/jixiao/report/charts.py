"""The report's charts as PNG images, drawn offline by matplotlib (its object API and Agg canvas: no display, no
global state), for the Word summary report. They show what the HTML report's charts show, from the same analytics.

Chinese labels need a CJK font: `cjk_font` looks for one among the fonts matplotlib finds on the machine (Debian's
fonts-noto-cjk gives Noto Sans CJK SC). Without one, no chart is drawn (`NO_FONT` says why), since every label
would print as empty boxes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache

from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from jixiao.analytics import DeductionGroup, RuleCount, ScorePoint
from jixiao.analytics.scope import grade_sort_key
from jixiao.console import clean

# Simplified-Chinese fonts first (Noto and Source Han from Linux distributions, WenQuanYi, then Windows and macOS)
PREFERRED = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC",
             "Noto Serif CJK SC", "SimSun", "Noto Sans CJK JP", "Noto Sans CJK TC")
NO_FONT = ("本机没有中文字体，未生成图表；安装中文字体（如 apt install fonts-noto-cjk）后重新生成报告即可得到图表")
PRINTED, RECOMPUTED = "#4a78b0", "#9ab7d6"
SEVERITY_COLOURS = (("errors", "错误", "#d9534f"), ("warnings", "警告", "#f0ad4e"), ("infos", "提示", "#5bc0de"))
NOT_RECOMPUTED = "未算出"
WIDTH, DPI = 7.0, 150  # inches (fits an upright A4 page between 2 cm margins), dots per inch
TOP = 15  # bars shown in the rules and deductions charts


@cache
def cjk_font() -> str | None:
    """The family name of a font with Chinese glyphs that matplotlib can use, or None."""
    names = {entry.name for entry in font_manager.fontManager.ttflist}
    for name in PREFERRED:
        if name in names:
            return name
    return next((n for n in sorted(names) if "CJK" in n or "Han Sans" in n or "Hei" in n), None)


def _figure(height: float) -> Figure:
    figure = Figure(figsize=(WIDTH, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def _style(axes: Axes, grid: str = "y") -> None:
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis=grid, alpha=0.3)


def _fonts() -> dict:
    return {"family": [cjk_font() or "DejaVu Sans", "DejaVu Sans"]}


def grade_chart(printed: dict[str, int], recomputed: dict[str, int]) -> bytes:
    """评分等级分布: the printed grades beside the grades of the recomputed totals."""
    grades = sorted(set(printed) | set(recomputed), key=lambda g: (g == NOT_RECOMPUTED, grade_sort_key(g)))
    figure = _figure(3.2)
    axes = figure.add_subplot()
    positions = range(len(grades))
    axes.bar([p - 0.2 for p in positions], [printed.get(g, 0) for g in grades], 0.4, color=PRINTED,
             label="自评等级（表上填写）")
    axes.bar([p + 0.2 for p in positions], [recomputed.get(g, 0) for g in grades], 0.4, color=RECOMPUTED,
             label="重算等级（jixiao 按规则）")
    axes.set_xticks(list(positions), grades, fontdict=_fonts())
    axes.set_ylabel("表数", fontdict=_fonts())
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.legend(prop=_fonts(), frameon=False)
    axes.set_title("评分等级分布", fontdict=_fonts())
    _style(axes)
    return _png(figure)


def scatter_chart(points: Sequence[ScorePoint]) -> bytes:
    """预算执行率与自评得分: one point per form, the outliers in red."""
    figure = _figure(3.6)
    axes = figure.add_subplot()
    for outlier, colour, label in ((False, PRINTED, "自评表"), (True, "#d9534f", "异常项目")):
        chosen = [p for p in points if p.outlier is outlier and p.execution_rate is not None
                  and p.self_score is not None]
        if chosen:
            axes.scatter([min(p.execution_rate or 0, 150) for p in chosen], [p.self_score or 0 for p in chosen],
                         s=18, color=colour, alpha=0.75, label=label)
    axes.set_xlabel("预算执行率（重算，%；超过 150% 的画在 150%）", fontdict=_fonts())
    axes.set_ylabel("自评得分", fontdict=_fonts())
    axes.legend(prop=_fonts(), frameon=False, loc="lower right")
    axes.set_title("预算执行率与自评得分", fontdict=_fonts())
    _style(axes)
    return _png(figure)


def _horizontal(labels: list[str], title: str, height_per_bar: float = 0.28) -> tuple[Figure, Axes]:
    figure = _figure(max(2.4, 1.0 + height_per_bar * len(labels)))
    axes = figure.add_subplot()
    # labels quote documents: "$" is text, not the start of a formula; control characters have no glyph
    axes.set_yticks(range(len(labels)), [clean(label) for label in labels], fontdict={**_fonts(), "size": 8},
                    parse_math=False)
    axes.invert_yaxis()  # the largest first, at the top
    axes.set_title(title, fontdict=_fonts())
    return figure, axes


def rules_chart(rules: Sequence[RuleCount]) -> bytes:
    """各规则发现的问题: findings of the rules with most findings, stacked by severity."""
    shown = sorted(rules, key=lambda r: -r.findings)[:TOP]
    figure, axes = _horizontal([f"{r.code} {r.title}" for r in shown], "各规则发现的问题（发现最多的规则）")
    left = [0] * len(shown)
    for field, label, colour in SEVERITY_COLOURS:
        values = [getattr(r, field) for r in shown]
        axes.barh(range(len(shown)), values, left=left, color=colour, label=label)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_xlabel("发现条数", fontdict=_fonts())
    axes.legend(prop=_fonts(), frameon=False, loc="lower right")
    _style(axes, "x")
    return _png(figure)


def deductions_chart(groups: Sequence[DeductionGroup]) -> bytes:
    """各二级指标的扣分: points lost summed per 一级/二级指标, the largest first."""
    shown = sorted((g for g in groups if g.points_lost > 0), key=lambda g: -g.points_lost)[:TOP]
    labels = [" · ".join(t for t in (g.level1, g.level2) if t) or "（未填）" for g in shown]
    figure, axes = _horizontal(labels, "各二级指标的扣分（扣分最多的）")
    axes.barh(range(len(shown)), [g.points_lost for g in shown], color=PRINTED)
    axes.set_xlabel("扣分合计（分）", fontdict=_fonts())
    _style(axes, "x")
    return _png(figure)
