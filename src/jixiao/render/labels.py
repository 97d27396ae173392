"""The words an official form prints, from the template variants the reader uses (`jixiao/templates/*.toml`).

Each list there names a part of the form by every word forms print for it; its first word is the one the
jurisdiction's own form prints. A variant (anhui, sichuan, yunnan) puts its own word first where it has one
("全年预算数(A)"), else the national one stands. No word of the form is written down a second time here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jixiao.assemble.lexicon import templates

DEFAULT_TEMPLATE = "national"
OFFICIAL_TITLE = "财政项目支出绩效自评表"  # the title printed when a record carries none


class TemplateError(ValueError):
    """A template name that no file in jixiao/templates/ has."""


def template_names() -> list[str]:
    return sorted(templates())


@dataclass(frozen=True)
class Labels:
    """The printed words of one jurisdiction's form: `template` names the variant."""

    template: str
    description: str
    head: dict[str, str]  # project_name, department, implementing_unit
    sections: dict[str, str]  # funds, goals, goal_expected, goal_actual, indicators, total, grade
    fund_rows: dict[str, str]  # total, current_year, carryover, other
    fund_columns: dict[str, str]  # initial_budget, annual_budget, executed, weight, execution_rate, score
    indicator_columns: dict[str, str]  # level1, level2, name, target, actual, weight, score, deviation, ...
    levels: dict[str, tuple[str, ...]]  # 一级指标 -> its 二级指标, in the template's order


def _first(national: dict, variant: dict) -> dict[str, str]:
    """Each field's word: the variant's first word for it, else the national one (fields without words left out)."""
    out = {}
    for field, words in national.items():
        chosen = variant.get(field) or words
        if isinstance(chosen, list) and chosen:
            out[field] = chosen[0]
    return out


def _table(data: dict, path: str) -> dict:
    for part in path.split("."):
        data = data.get(part, {})
    return data


@cache
def labels(template: str = DEFAULT_TEMPLATE) -> Labels:
    """The printed words of `template` (a file name in jixiao/templates/ without .toml)."""
    every = templates()
    if template not in every:
        raise TemplateError(f"没有名为 {template} 的表样；可用的表样：{'、'.join(template_names())}")
    national, variant = every[DEFAULT_TEMPLATE], every[template]

    def words(path: str) -> dict[str, str]:
        return _first(_table(national, path), _table(variant, path))

    levels = {top: tuple(children) for top, children in national["levels"].items()}
    return Labels(
        template=template, description=variant.get("description", template),
        head={k: v for k, v in words("head").items() if k != "not_title_prefix"},
        sections=words("sections"), fund_rows=words("funds.rows"), fund_columns=words("funds.columns"),
        indicator_columns=words("indicators.columns"), levels=levels,
    )
