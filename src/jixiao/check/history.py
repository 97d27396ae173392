"""Which earlier form of the same project a form is compared with, for the corpus rules (RF10).

A project is linked across years as the report's project history links it (`jixiao.names.same_project`): forms
of one 主管部门 whose project names are alike once years, bracketed remarks and endings such as 项目/专项 are
dropped. A form is compared with its project's form of the nearest earlier year (the 2021 form for a 2023 one
when there is no 2022 form); of several forms of that year, the last one.

    >>> last_years([Dated(1, "局", "2021年干部培训项目", 2021), Dated(2, "局", "干部培训项目（2022年）", 2022),
    ...             Dated(3, "局", "信息化运维", 2022), Dated(4, "另一局", "干部培训项目", 2023)])
    {2: 1}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import NamedTuple

from jixiao.model import Form
from jixiao.names import SIMILARITY, same_project


class Dated(NamedTuple):
    """What linking needs of a form: the caller's key for it, its 主管部门, project name and year."""

    key: Hashable
    department: str | None
    project_name: str | None
    year: int | None


def dated(forms: Iterable[Form]) -> list[Dated]:
    """Forms keyed by their position."""
    return [Dated(i, f.department, f.project_name, f.year) for i, f in enumerate(forms)]


def last_years(forms: Iterable[Dated], similarity: float = SIMILARITY) -> dict[Hashable, Hashable]:
    """Each form's key → the key of its project's form of the nearest earlier year. Forms without a department,
    project name or year are linked to nothing, and nothing to them."""
    departments: dict[str, list[Dated]] = defaultdict(list)
    for form in forms:
        if form.department and form.project_name and form.year is not None:
            departments[form.department].append(form)
    earlier: dict[Hashable, Hashable] = {}
    for members in departments.values():
        groups = same_project({f.project_name for f in members if f.project_name}, similarity)
        projects: dict[str, dict[int, Dated]] = defaultdict(dict)
        for form in members:
            projects[groups[form.project_name]][form.year] = form  # type: ignore[index]  # the year's last form
        for form in members:
            years = projects[groups[form.project_name]]  # type: ignore[index]
            before = [year for year in years if year < form.year]  # type: ignore[operator]
            if before:
                earlier[form.key] = years[max(before)].key
    return earlier
