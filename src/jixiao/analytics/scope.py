"""What every analytics query shares: the forms a filter selects, unwaived findings counted by severity, and the
order grade labels sort in."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from sqlalchemy import ColumnElement, Connection, and_, func, select

from jixiao.check.profile import DEFAULT_PROFILE, load_profile
from jixiao.store.query import Filter, findings_t, form_ids, forms_t

SEVERITIES = ("error", "warning", "info")
UNGRADED = "未填"  # the grade key of forms that print no 评分等级


def selected(column: ColumnElement, flt: Filter) -> ColumnElement[bool]:
    """`column` (a form id) is one of the current forms `flt` selects."""
    return column.in_(form_ids(flt))


def nonblank(column: ColumnElement) -> ColumnElement[bool]:
    return and_(column.is_not(None), func.trim(column) != "")


def text_or_none(value: str | None) -> str | None:
    """A text column's value, None when it is blank."""
    return value if value and value.strip() else None


def severity_counts(conn: Connection, flt: Filter, key: ColumnElement | None = None) -> dict[object, dict[str, int]]:
    """Unwaived findings of the selected forms by severity, per value of the forms column `key` (all under None
    without one)."""
    keys = [] if key is None else [key]
    query = (select(*keys, findings_t.c.severity, func.count())
             .where(selected(findings_t.c.form_id, flt), findings_t.c.waived.is_(None))
             .group_by(*keys, findings_t.c.severity))
    if key is not None:
        query = query.join_from(findings_t, forms_t, forms_t.c.id == findings_t.c.form_id)
    counts: dict[object, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SEVERITIES, 0))
    for *value, severity, n in conn.execute(query):
        counts[value[0] if value else None][severity] = n
    return counts


@cache
def _grade_ranks() -> tuple[dict[str, int], object]:
    profile = load_profile(DEFAULT_PROFILE)
    ranks = {band.label: rank for rank, band in enumerate(sorted(profile.grades, key=lambda b: -b.min))}
    return ranks, profile


def grade_sort_key(label: str | None) -> tuple[int, str]:
    """Best grade first (优 with its spellings such as 优秀, then 良 …), unknown labels next, ungraded last."""
    if label is None or label == UNGRADED:
        return (1000, "")
    ranks, profile = _grade_ranks()
    normal = profile.normal_grade(label)
    return (ranks[normal] if normal else 999, label)


def grade_counts(pairs: list[tuple[str | None, int]]) -> dict[str, int]:
    """{printed grade or 未填: forms}, best grade first."""
    counts: dict[str, int] = defaultdict(int)
    for label, n in pairs:
        counts[text_or_none(label) or UNGRADED] += n
    return {label: counts[label] for label in sorted(counts, key=grade_sort_key)}
